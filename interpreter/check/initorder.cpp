// The order of package-level variable initialisation (the spec's "Package initialization",
// go/types' initorder.go): repeatedly the earliest variable in declaration order that has
// no dependency on an uninitialised variable. A variable depends on the variables its
// initialiser refers to, directly or through the functions and methods it refers to, and
// their bodies, transitively. A variable that depends on itself is Go's "initialization
// loop".
#include "interpreter/check/checker_impl.h"

namespace gol::check {

namespace {

// A node of the reference graph: a package-level variable or a function or method.
struct RefNode {
  const Object* var = nullptr;
  const FuncDecl* func = nullptr;
  bool operator<(const RefNode& o) const {
    return var != o.var ? std::less<const Object*>()(var, o.var)
                        : std::less<const FuncDecl*>()(func, o.func);
  }
  bool operator==(const RefNode& o) const { return var == o.var && func == o.func; }
};

}  // namespace

void Checker::initOrder() {
  // The variable specs, in declaration order, and each variable's spec. A variable with no
  // initialisation expression takes part too: until its turn comes it is uninitialised,
  // so a variable depending on it waits (Go's order; the spec's run is a no-op).
  std::vector<const ValueSpec*> specs;
  std::map<const Object*, const ValueSpec*> specOf;
  std::set<const ValueSpec*> initialised(info_.globalInits.begin(), info_.globalInits.end());
  for (const PendingDecl& p : pending_) {
    if (p.obj->kind != Object::Kind::Var) continue;
    specOf[p.obj] = p.spec;
    if (specs.empty() || specs.back() != p.spec) specs.push_back(p.spec);
  }
  // Each spec's dependencies: the specs of the variables it reaches.
  std::map<const ValueSpec*, std::set<const ValueSpec*>> dependsOn;
  for (const ValueSpec* spec : specs) {
    std::set<const FuncDecl*> seen;
    std::vector<const InitRefs*> work{&initRefs_[spec]};
    std::set<const ValueSpec*>& deps = dependsOn[spec];
    while (!work.empty()) {
      const InitRefs* refs = work.back();
      work.pop_back();
      for (const Object* v : refs->vars) {
        if (auto it = specOf.find(v); it != specOf.end()) deps.insert(it->second);
      }
      for (const FuncDecl* f : refs->funcs) {
        if (seen.insert(f).second) {
          if (auto it = initRefs_.find(f); it != initRefs_.end()) work.push_back(&it->second);
        }
      }
    }
  }
  for (const ValueSpec* spec : specs) {
    if (!dependsOn[spec].count(spec)) continue;
    for (const PendingDecl& p : pending_) {
      if (p.spec == spec) {
        initLoop(p.obj);
        return;
      }
    }
  }
  std::vector<const ValueSpec*> order;
  std::set<const ValueSpec*> done;
  while (order.size() < specs.size()) {
    const ValueSpec* next = nullptr;
    for (const ValueSpec* spec : specs) {
      if (done.count(spec)) continue;
      bool ready = true;
      for (const ValueSpec* d : dependsOn[spec]) ready = ready && done.count(d);
      if (ready) {
        next = spec;
        break;
      }
    }
    if (!next) return;  // a loop among several: reported above through one of them
    done.insert(next);
    order.push_back(next);
  }
  std::erase_if(order, [&](const ValueSpec* s) { return !initialised.count(s); });
  info_.globalInits = order;
}

// Go's report of a variable whose initialisation refers back to itself: the path of
// references from it to itself, through variables, functions and methods.
void Checker::initLoop(const Object* var) {
  // While checking initialisers, the loop is the variables being resolved.
  std::vector<RefNode> path;
  auto at = std::find(resolving_.begin(), resolving_.end(), var);
  if (at != resolving_.end()) {
    for (; at != resolving_.end(); ++at) path.push_back(RefNode{*at, nullptr});
  } else {
    // Afterwards, a depth-first search of the reference graph from var back to it.
    auto refsOf = [&](const RefNode& n) -> const InitRefs* {
      if (n.func) {
        auto it = initRefs_.find(n.func);
        return it == initRefs_.end() ? nullptr : &it->second;
      }
      for (const PendingDecl& p : pending_) {
        if (p.obj == n.var) return &initRefs_[p.spec];
      }
      return nullptr;
    };
    std::set<RefNode> seen;
    std::function<bool(const RefNode&)> search = [&](const RefNode& n) -> bool {
      path.push_back(n);
      if (const InitRefs* refs = refsOf(n)) {
        std::vector<RefNode> next;
        for (const Object* v : refs->vars) next.push_back(RefNode{v, nullptr});
        for (const FuncDecl* f : refs->funcs) next.push_back(RefNode{nullptr, f});
        for (const RefNode& m : next) {
          if (m.var == var) return true;
          if (seen.insert(m).second && search(m)) return true;
        }
      }
      path.pop_back();
      return false;
    };
    if (!search(RefNode{var, nullptr})) return;
  }
  auto line = [&](const RefNode& n) {
    Pos pos = n.var ? n.var->pos : n.func->name->pos;
    const std::string& name = n.var ? n.var->name : n.func->name->name;
    return "\n\t" + fileName_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col) +
           ": " + name;
  };
  std::string msg = "initialization loop for " + var->name;
  for (const RefNode& n : path) msg += line(n) + " refers to";
  msg += line(RefNode{var, nullptr});
  error(var->pos, msg);
}

}  // namespace gol::check
