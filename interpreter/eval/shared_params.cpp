#include "interpreter/eval/shared_params.h"

#include <set>

#include "interpreter/syntax/ast_walk.h"
#include "interpreter/values/value.h"

namespace gol::eval {

using namespace gol::syntax;

namespace {

// One pass over a function body (parents before children, as syntax::walk visits).
class SharedParamScan {
 public:
  SharedParamScan(const check::Info& info, const check::FuncInfo& fi) : info_(info) {
    for (const check::Object* p : fi.params) {
      if (values::isAggregate(p->type) && !p->captured) candidates_.insert(p);
    }
  }

  bool anyEffect() const { return anyEffect_; }
  bool qualifies(const check::Object* p) const {
    return !anyEffect_ && candidates_.count(p) && !disqualified_.count(p);
  }

  void visit(const Node* n) {
    if (anyEffect_) return;
    switch (n->kind) {
      case NodeKind::Ident: use(static_cast<const Ident*>(n)); return;
      case NodeKind::SelectorExpr: selector(static_cast<const SelectorExpr*>(n)); return;
      case NodeKind::IndexExpr: index(static_cast<const IndexExpr*>(n)); return;
      case NodeKind::UnaryExpr: {
        Token op = static_cast<const UnaryExpr*>(n)->op;
        if (op == Token::And || op == Token::Arrow) anyEffect_ = true;
        return;
      }
      case NodeKind::CallExpr: call(static_cast<const CallExpr*>(n)); return;
      case NodeKind::AssignStmt:
        for (const Expr* lhs : static_cast<const AssignStmt*>(n)->lhs) store(lhs);
        return;
      case NodeKind::IncDecStmt: store(static_cast<const IncDecStmt*>(n)->x); return;
      case NodeKind::RangeStmt: range(static_cast<const RangeStmt*>(n)); return;
      // Reads, arithmetic, literals, control flow, local declarations and the type
      // expressions inside them.
      case NodeKind::BasicLit:
      case NodeKind::CompositeLit:
      case NodeKind::ParenExpr:
      case NodeKind::SliceExpr:
      case NodeKind::TypeAssertExpr:
      case NodeKind::StarExpr:
      case NodeKind::BinaryExpr:
      case NodeKind::ArrayType:
      case NodeKind::StructType:
      case NodeKind::FuncType:
      case NodeKind::InterfaceType:
      case NodeKind::MapType:
      case NodeKind::ChanType:
      case NodeKind::Ellipsis:
      case NodeKind::Field:
      case NodeKind::DeclStmt:
      case NodeKind::EmptyStmt:
      case NodeKind::LabeledStmt:
      case NodeKind::ReturnStmt:
      case NodeKind::BranchStmt:
      case NodeKind::BlockStmt:
      case NodeKind::IfStmt:
      case NodeKind::CaseClause:
      case NodeKind::SwitchStmt:
      case NodeKind::ForStmt:
      case NodeKind::ValueSpec:
      case NodeKind::TypeSpec:
      case NodeKind::GenDecl: return;
      // Function literals, go, defer, channel operations, expression statements (calls
      // and receives), type switches and anything else.
      default: anyEffect_ = true; return;
    }
  }

 private:
  const check::Object* objectOf(const Ident* id) const {
    if (auto it = info_.uses.find(id); it != info_.uses.end()) return it->second;
    if (auto it = info_.defs.find(id); it != info_.defs.end()) return it->second;
    return nullptr;
  }
  const check::TypeAndValue* typeOf(const Expr* e) const {
    auto it = info_.types.find(e);
    return it == info_.types.end() ? nullptr : &it->second;
  }

  // A parameter named anywhere but as the base of a field or element read is used as a
  // whole: passed on, copied, compared, sliced, returned.
  void use(const Ident* id) {
    const check::Object* o = objectOf(id);
    if (o && candidates_.count(o) && !readBases_.count(id)) disqualified_.insert(o);
  }

  void selector(const SelectorExpr* s) {
    auto it = info_.selections.find(s);
    if (it == info_.selections.end() || it->second.kind != check::Selection::Kind::Field) return;
    if (auto id = unparen(s->x); id && id->kind == NodeKind::Ident) {
      readBases_.insert(static_cast<const Ident*>(id));
    }
  }

  void index(const IndexExpr* ix) {
    if (ix->indices.size() != 1) {
      anyEffect_ = true;  // an instantiation
      return;
    }
    const Expr* x = unparen(ix->x);
    const check::TypeAndValue* t = typeOf(x);
    if (x->kind == NodeKind::Ident && t && check::asArray(t->type)) {
      readBases_.insert(static_cast<const Ident*>(x));
    }
  }

  // Conversions and the built-ins that only compute are allowed; every other call may
  // run code that changes the caller's variable.
  void call(const CallExpr* c) {
    const check::TypeAndValue* f = typeOf(unparen(c->fun));
    if (f && f->mode == check::Mode::TypeExpr) return;
    if (auto id = unparen(c->fun); id && id->kind == NodeKind::Ident) {
      const check::Object* o = objectOf(static_cast<const Ident*>(id));
      if (o && o->kind == check::Object::Kind::Builtin) {
        switch (o->builtin) {
          case check::Builtin::Len:
          case check::Builtin::Cap:
          case check::Builtin::Min:
          case check::Builtin::Max: return;
          default: break;
        }
      }
    }
    anyEffect_ = true;
  }

  // Only the function's own locals may be stored into (a captured one is not its own);
  // a parameter stored into is no longer the argument's value.
  void store(const Expr* target) {
    const Expr* t = unparen(target);
    if (!t || t->kind != NodeKind::Ident) {
      anyEffect_ = true;
      return;
    }
    auto id = static_cast<const Ident*>(t);
    if (id->name == "_") return;
    const check::Object* o = objectOf(id);
    if (!o || o->kind != check::Object::Kind::Var || o->isGlobal || o->captured) {
      anyEffect_ = true;
      return;
    }
    disqualified_.insert(o);
  }

  // A range over a channel receives and one over a function calls it.
  void range(const RangeStmt* r) {
    const check::TypeAndValue* t = typeOf(r->x);
    if (!t || !t->type || info_.rangeFuncs.count(r) || check::asChan(t->type) ||
        check::asSignature(t->type)) {
      anyEffect_ = true;
      return;
    }
    if (r->tok == Token::Assign) {
      if (r->key) store(r->key);
      if (r->value) store(r->value);
    }
  }

  const check::Info& info_;
  std::set<const check::Object*> candidates_;
  std::set<const check::Object*> disqualified_;
  std::set<const Ident*> readBases_;  // identifiers used as `x.f` or `x[i]` of an array
  bool anyEffect_ = false;
};

}  // namespace

std::vector<int> sharedAggregateParams(const check::Info& info, const check::FuncInfo& fi,
                                       const BlockStmt* body) {
  std::vector<int> slots;
  if (!body) return slots;
  SharedParamScan scan(info, fi);
  walk(body, [&](const Node* n) { scan.visit(n); });
  for (const check::Object* p : fi.params) {
    if (scan.qualifies(p)) slots.push_back(p->slot);
  }
  return slots;
}

}  // namespace gol::eval
