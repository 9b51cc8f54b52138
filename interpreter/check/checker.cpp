// The checker's entry points: the universe, a file's imports and package scope, script
// mode, the REPL's session, and error reporting.
#include "interpreter/check/checker_impl.h"

namespace gol::check {

Checker::Checker(Importer& importer, Diagnostics& diags, Info& info)
    : importer_(importer), diags_(&diags), info_(info) {
  universe_.parent = nullptr;
  auto addType = [&](const char* name, BasicKind k) {
    Object o{Object::Kind::TypeName, name};
    o.type = basicType(k);
    universe_.names[name] = newObject(o);
  };
  addType("bool", BasicKind::Bool);
  addType("int", BasicKind::Int);
  addType("int8", BasicKind::Int8);
  addType("int16", BasicKind::Int16);
  addType("int32", BasicKind::Int32);
  addType("rune", BasicKind::Int32);
  addType("int64", BasicKind::Int64);
  addType("uint", BasicKind::Uint);
  addType("uint8", BasicKind::Uint8);
  addType("byte", BasicKind::Uint8);
  addType("uint16", BasicKind::Uint16);
  addType("uint32", BasicKind::Uint32);
  addType("uint64", BasicKind::Uint64);
  addType("uintptr", BasicKind::Uintptr);
  addType("float32", BasicKind::Float32);
  addType("float64", BasicKind::Float64);
  addType("complex64", BasicKind::Complex64);
  addType("complex128", BasicKind::Complex128);
  addType("string", BasicKind::String);
  {
    Object any{Object::Kind::TypeName, "any"};
    any.type = anyType();
    universe_.names["any"] = newObject(any);
    Object errorObj{Object::Kind::TypeName, "error"};
    errorObj.type = errorType();
    universe_.names["error"] = newObject(errorObj);
    Object comparableObj{Object::Kind::TypeName, "comparable"};
    comparableObj.type = comparableType();
    universe_.names["comparable"] = newObject(comparableObj);
  }
  auto addConst = [&](const char* name, ConstValue v, BasicKind k) {
    Object o{Object::Kind::Const, name};
    o.type = basicType(k);
    o.value = std::move(v);
    universe_.names[name] = newObject(o);
  };
  addConst("true", ConstValue::ofBool(true), BasicKind::UntypedBool);
  addConst("false", ConstValue::ofBool(false), BasicKind::UntypedBool);
  {
    Object iota{Object::Kind::Const, "iota"};
    iota.type = basicType(BasicKind::UntypedInt);
    iota_ = newObject(iota);
    universe_.names["iota"] = iota_;
  }
  {
    Object nil{Object::Kind::Nil, "nil"};
    nil.type = basicType(BasicKind::UntypedNil);
    universe_.names["nil"] = newObject(nil);
  }
  auto addBuiltin = [&](const char* name, Builtin b) {
    Object o{Object::Kind::Builtin, name};
    o.builtin = b;
    universe_.names[name] = newObject(o);
  };
  addBuiltin("len", Builtin::Len);
  addBuiltin("cap", Builtin::Cap);
  addBuiltin("append", Builtin::Append);
  addBuiltin("make", Builtin::Make);
  addBuiltin("copy", Builtin::Copy);
  addBuiltin("print", Builtin::Print);
  addBuiltin("println", Builtin::Println);
  addBuiltin("panic", Builtin::Panic);
  addBuiltin("min", Builtin::Min);
  addBuiltin("max", Builtin::Max);
  addBuiltin("new", Builtin::New);
  addBuiltin("delete", Builtin::Delete);
  addBuiltin("clear", Builtin::Clear);
  addBuiltin("recover", Builtin::Recover);
  addBuiltin("close", Builtin::Close);
  addBuiltin("complex", Builtin::Complex);
  addBuiltin("real", Builtin::Real);
  addBuiltin("imag", Builtin::Imag);
  fileScope_.parent = &universe_;
  packageScope_.parent = &fileScope_;
}

void Checker::checkFile(const File* file) {
  script_ = file->isScript;
  if (!script_ && file->packageName->name != "main") {
    error(file->packageName->pos, "package " + file->packageName->name +
                                      " is not a main package: gol runs only package main");
    return;
  }
  for (const GenDecl* d : file->imports) importDecl(d);

  if (script_) {
    checkScript(file);
  } else {
    checkPackage(file);
  }

  if (!script_) {
    for (auto& [name, obj] : fileScope_.names) {
      if (obj->kind == Object::Kind::PkgName && !obj->used && obj->pos.valid()) {
        error(obj->pos, "\"" + obj->package->path + "\" imported and not used");
      }
    }
  }
}

Object* Checker::lookup(const std::string& name) {
  for (Scope* s = scope_; s; s = s->parent) {
    auto it = s->names.find(name);
    if (it != s->names.end()) return it->second;
  }
  return nullptr;
}

void Checker::declare(Scope& scope, Ident* id, Object* obj) {
  if (id->name == "_") return;
  auto it = scope.names.find(id->name);
  // At the REPL's top level a declaration replaces the earlier one of the same name.
  if (it != scope.names.end() && !(repl_ && &scope == &packageScope_)) {
    Pos other = it->second->pos;
    error(id->pos, id->name + " redeclared in this block\n\t" + diags_file() + ":" +
                       std::to_string(other.line) + ":" + std::to_string(other.col) +
                       ": other declaration of " + id->name);
    return;
  }
  scope.names[id->name] = obj;
  info_.defs[id] = obj;
}

void Checker::importDecl(const GenDecl* d) {
  for (const Node* n : d->specs) {
    auto spec = static_cast<const ImportSpec*>(n);
    const std::string& path = spec->path->decoded;
    const Package* pkg = importPackage(path);
    if (!pkg) {
      error(spec->path->pos, "package " + path + " is not in std");
      continue;
    }
    // A blank import only initialises the package, which every import does at start.
    if (spec->name && spec->name->name == "_") continue;
    if (spec->name && spec->name->name == ".") {
      unsupported(spec->name->pos, "dot imports");
      continue;
    }
    std::string name = spec->name ? spec->name->name : pkg->name;
    Object obj{Object::Kind::PkgName, name};
    obj.pos = spec->path->pos;
    obj.package = pkg;
    if (auto it = fileScope_.names.find(name); repl_ && it != fileScope_.names.end()) {
      if (it->second->package == pkg) continue;  // imported by an earlier input
    }
    if (fileScope_.names.count(name) && !repl_) {
      error(spec->pos, name + " redeclared in this block");
      continue;
    }
    fileScope_.names[name] = newObject(obj);
  }
}

Object* Checker::autoImport(const std::string& name) {
  const Package* pkg = importer_.importByName(name);
  if (!pkg) {
    // The packages written in Gol, by name: all at the top level but math/cmplx.
    std::string path = name == "cmplx" ? "math/cmplx" : name;
    if (const char* source = importer_.golSource(path)) pkg = loadGolPackage(path, source);
  }
  if (!pkg) return nullptr;
  Object obj{Object::Kind::PkgName, name};
  obj.package = pkg;
  Object* o = newObject(obj);
  fileScope_.names[name] = o;
  return o;
}

Object* Checker::declareFunc(const FuncDecl* f) {
  if (f->recv) {
    methodDecls_.push_back(f);
    return nullptr;
  }
  if (!f->type->typeParams.empty() && (f->name->name == "main" || f->name->name == "init")) {
    error(f->name->pos, "func " + f->name->name + " must have no type parameters");
    return nullptr;
  }
  if (f->name->name == "init") {
    if (repl_) {
      unsupported(f->pos, "init functions at the prompt");
      return nullptr;
    }
    // init is never declared: no code can refer to it; the program calls each one, in
    // the order written, after the package's variables are initialised.
    Object obj{Object::Kind::Func, "init"};
    obj.pos = f->name->pos;
    obj.decl = f;
    info_.initFuncs.push_back(f);
    return newObject(obj);
  }
  Object obj{Object::Kind::Func, f->name->name};
  obj.pos = f->name->pos;
  obj.decl = f;
  Object* o = newObject(obj);
  declare(packageScope_, f->name, o);
  // A generic function has no signature or body of its own to check: its instances do.
  if (!o->isGenericFunc()) return o;
  genericDecls_.push_back(f);
  return nullptr;
}

// main and init may be declared at package level only as functions.
bool Checker::reservedForFunc(const Ident* id) {
  if (repl_ || (id->name != "main" && id->name != "init")) return false;
  error(id->pos, "cannot declare " + id->name + " - must be func");
  return true;
}

void Checker::checkPackage(const File* file) {
  size_t errorsBefore = diags_->size();
  scope_ = &packageScope_;
  std::vector<std::pair<Object*, const FuncDecl*>> funcs;
  for (const Decl* d : file->decls) {
    if (auto f = as<FuncDecl>(d)) {
      if (Object* o = declareFunc(f)) funcs.push_back({o, f});
      continue;
    }
    auto g = static_cast<const GenDecl*>(d);
    if (g->tok == Token::Type) {
      for (const Node* n : g->specs) {
        auto spec = static_cast<const TypeSpec*>(n);
        if (reservedForFunc(spec->name)) continue;
        declareType(spec, packageScope_);
      }
      continue;
    }
    for (const Node* n : g->specs) {
      auto spec = static_cast<const ValueSpec*>(n);
      for (size_t i = 0; i < spec->names.size(); ++i) {
        Ident* id = spec->names[i];
        if (reservedForFunc(id)) continue;
        Object obj{g->tok == Token::Const ? Object::Kind::Const : Object::Kind::Var, id->name};
        obj.pos = id->pos;
        obj.isGlobal = true;
        Object* o = newObject(obj);
        if (o->kind == Object::Kind::Var) {
          o->slot = info_.globalCount++;
          info_.globalTypes.push_back(nullptr);  // set once the type is resolved
        }
        declare(packageScope_, id, o);
        pending_.push_back(PendingDecl{o, spec, i});
      }
    }
  }
  resolveTypes();
  for (auto& [obj, f] : funcs) obj->type = signatureOf(f->type);
  for (const FuncDecl* m : methodDecls_) declareMethod(m);
  for (PendingDecl& p : pending_) resolvePending(p);

  auto main = packageScope_.names.find("main");
  if (main == packageScope_.names.end() || main->second->kind != Object::Kind::Func) {
    error(Pos{1, 1}, "function main is undeclared in the main package");
  } else {
    info_.mainFunc = main->second->decl;
  }
  for (auto& [obj, f] : funcs) funcBody(f, static_cast<const Signature*>(obj->type));
  checkPendingBodies();
  markGenericImports();
  if (diags_->size() == errorsBefore) initOrder();
}

// The checker's universe is built once; each input brings its own diagnostics.
struct ReplSession::Impl {
  Impl(Importer& importer, Info& info)
      : none("", ""), initial(none), checker(importer, initial, info) {}
  SourceFile none;
  Diagnostics initial;
  Checker checker;
};

ReplSession::ReplSession(Importer& importer, Info& info)
    : impl_(std::make_unique<Impl>(importer, info)) {}

ReplSession::~ReplSession() = default;

bool ReplSession::check(const File* file, Diagnostics& diags, ReplInput* out) {
  return impl_->checker.replInput(file, diags, out);
}

bool ReplSession::typeOf(const Expr* e, Diagnostics& diags, std::string* text) {
  return impl_->checker.replTypeOf(e, diags, text);
}

std::vector<std::string> ReplSession::names(const std::string& pkgName) {
  return impl_->checker.replNames(pkgName);
}

bool ReplSession::describe(const std::string& name, std::string* text, std::string* pkgPath) {
  return impl_->checker.replDescribe(name, text, pkgPath);
}

std::string ReplSession::declarations() {
  return impl_->checker.replDeclarations();
}

bool checkFile(const File* file, Importer& importer, Diagnostics& diags, Info& info) {
  size_t before = diags.size();
  Checker checker(importer, diags, info);
  checker.fileName_ = diags.fileName();
  checker.checkFile(file);
  return diags.size() == before;
}

}  // namespace gol::check
