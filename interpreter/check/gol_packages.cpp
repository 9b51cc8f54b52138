// Standard packages written in Gol (cmp, iter, maps, slices, container/..., math/cmplx):
// their source, embedded in the binary by stdlib/, is parsed and declared when a program
// first imports them.
//
// Each package gets a scope of its own (under a file scope holding its imports), where
// its constants, functions, types and methods are declared; its exported names are its
// members, the same objects its own code refers to. Package-level variables are refused
// (their initialisation would need the program's init order). Generic functions are instantiated as
// any others, their copies checked in that scope (homeScopes_); the package's non-generic functions
// are checked like function instances, after the program's declarations.
#include "interpreter/check/checker_impl.h"
#include "interpreter/syntax/parser.h"

namespace gol::check {
namespace {

bool exported(const std::string& name) {
  return !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
}

}  // namespace

// The package at `path`: native (stdlib/) or written in Gol; null if there is none.
const Package* Checker::importPackage(const std::string& path) {
  if (path == "unsafe") return unsafePackage();
  if (const Package* pkg = importer_.import(path)) return pkg;
  if (const char* source = importer_.golSource(path)) return loadGolPackage(path, source);
  return nullptr;
}

// Package unsafe: the checker's own, its members builtins whose calls are constants. No
// unsafe.Pointer yet: it is absent.
const Package* Checker::unsafePackage() {
  static const Package pkg = [] {
    Package p;
    p.path = "unsafe";
    p.name = "unsafe";
    for (auto [name, b] : {std::pair{"Sizeof", Builtin::Sizeof},
                           {"Alignof", Builtin::Alignof},
                           {"Offsetof", Builtin::Offsetof}}) {
      Object o{Object::Kind::Builtin, name};
      o.builtin = b;
      o.package = nullptr;
      p.members[name] = o;
    }
    return p;
  }();
  return &pkg;
}

Scope* Checker::homeScope(const Object* generic) {
  auto it = homeScopes_.find(generic);
  return it == homeScopes_.end() ? &packageScope_ : it->second;
}

const Package* Checker::loadGolPackage(const std::string& path, const char* source) {
  if (auto it = golPackages_.find(path); it != golPackages_.end()) return it->second->pkg;
  auto owned = std::make_unique<GolPackage>();
  GolPackage& g = *owned;
  info_.golPackages.push_back(std::make_unique<Package>());
  g.pkg = info_.golPackages.back().get();
  golPackages_[path] = std::move(owned);
  g.pkg->path = path;
  g.pkg->name = path.substr(path.rfind('/') + 1);
  g.fileScope.parent = &universe_;
  g.scope.parent = &g.fileScope;

  SourceFile file("$GOROOT/src/" + path + "/" + g.pkg->name + ".go", source);
  Diagnostics diags(file);
  std::unique_ptr<Ast> ast = parse(file, diags);
  if (!ast) {
    error(Pos{1, 1}, "internal error: package " + path + ": " + diags.format());
    return nullptr;
  }
  const File* f = ast->file;
  info_.packageAsts.push_back(std::move(ast));

  for (const GenDecl* d : f->imports) {
    for (const Node* n : d->specs) {
      auto spec = static_cast<const ImportSpec*>(n);
      const Package* imported = importPackage(spec->path->decoded);
      if (!imported) continue;
      Object obj{Object::Kind::PkgName, imported->name};
      obj.package = imported;
      obj.used = true;
      g.fileScope.names[imported->name] = newObject(obj);
    }
  }

  Scope* savedScope = std::exchange(scope_, &g.scope);
  declaringPackage_ = &g.scope;
  const std::string* savedPath = std::exchange(declaringPackagePath_, &g.pkg->path);
  std::vector<std::pair<Object*, const FuncDecl*>> funcs;
  std::vector<const FuncDecl*> methods;
  std::vector<std::pair<Object*, std::pair<const ValueSpec*, size_t>>> consts;
  for (const Decl* d : f->decls) {
    if (auto fd = as<FuncDecl>(d)) {
      if (fd->recv) {
        methods.push_back(fd);
        continue;
      }
      Object obj{Object::Kind::Func, fd->name->name};
      obj.pos = fd->name->pos;
      obj.decl = fd;
      obj.package = g.pkg;
      Object* o = newObject(obj);
      g.scope.names[o->name] = o;
      if (!o->isGenericFunc()) funcs.push_back({o, fd});
      continue;
    }
    auto gd = static_cast<const GenDecl*>(d);
    if (gd->tok == Token::Var) {
      // Never silently absent: the package's source must not have any.
      error(Pos{1, 1}, "internal error: package " + path +
                           ": package-level variables in a package written in Gol");
      continue;
    }
    if (gd->tok == Token::Const) {
      for (const Node* n : gd->specs) {
        auto spec = static_cast<const ValueSpec*>(n);
        for (size_t i = 0; i < spec->names.size(); ++i) {
          Object obj{Object::Kind::Const, spec->names[i]->name};
          obj.pos = spec->names[i]->pos;
          obj.package = g.pkg;
          Object* o = newObject(obj);
          if (o->name != "_") g.scope.names[o->name] = o;
          consts.push_back({o, {spec, i}});
        }
      }
      continue;
    }
    if (gd->tok != Token::Type) continue;
    for (const Node* n : gd->specs) {
      Object* o = declareType(static_cast<const TypeSpec*>(n), g.scope);
      if (!o) continue;
      o->package = g.pkg;
      if (const Named* named = asNamed(o->type)) const_cast<Named*>(named)->pkg = path;
    }
  }
  declaringPackage_ = nullptr;
  resolveTypes();
  // Constants in the order written (a constant may use only those before it); then the
  // signatures and methods, which may use them.
  for (auto& [o, at] : consts) constSpec(at.first, at.second, o);
  for (auto& [o, fd] : funcs) o->type = signatureOf(fd->type);
  size_t firstMethod = methods_.size();
  for (const FuncDecl* m : methods) declareMethod(m);
  // Their bodies are checked in the package's scope, with the program's (methodBodies).
  for (size_t i = firstMethod; i < methods_.size(); ++i) methods_[i].typeParams = &g.scope;
  declaringPackagePath_ = savedPath;
  scope_ = savedScope;

  // The exported names become the members; the scope then refers to the members too, so
  // that a generic function has one set of instances however it is reached.
  for (auto& [name, obj] : g.scope.names) {
    if (!exported(name)) continue;
    g.pkg->members[name] = *obj;
    obj = &g.pkg->members[name];
  }
  for (auto& [name, obj] : g.scope.names) {
    if (obj->isGenericFunc() || obj->isGenericType()) homeScopes_[obj] = &g.scope;
  }
  for (auto& [o, fd] : funcs) {
    Object* member = g.scope.names[fd->name->name];
    funcInstanceBodies_.push_back(FuncInstanceBody{fd, static_cast<const Signature*>(member->type),
                                                   &g.scope, g.pkg->name + "." + fd->name->name,
                                                   0});
  }
  return g.pkg;
}

}  // namespace gol::check
