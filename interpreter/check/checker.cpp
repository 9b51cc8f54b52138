#include "interpreter/check/checker.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <set>

#include "interpreter/syntax/literals.h"
#include "interpreter/syntax/printer.h"

namespace gol::check {

using namespace gol::syntax;

namespace {

struct Scope {
  Scope* parent = nullptr;
  std::unordered_map<std::string, Object*> names;
};

// An expression being checked: what it is (mode), its type and constant value.
struct Operand {
  Mode mode = Mode::Invalid;
  const Type* type = nullptr;
  ConstValue val;
  const Expr* expr = nullptr;
  const Object* builtin = nullptr;
  bool invalid() const { return mode == Mode::Invalid; }
};

// A package-level const or var waiting to be checked: package-level declarations may
// refer to each other in any order, so each is checked when first needed.
struct PendingDecl {
  Object* obj;
  const ValueSpec* spec;
  size_t index;
  enum class State { Pending, Checking, Done } state = State::Pending;
};

// A declared type whose definition has not been resolved yet: types may refer to each
// other in any order (and to themselves through pointers, slices, maps and funcs).
struct PendingType {
  Object* obj;
  const TypeSpec* spec;
  enum class State { Pending, Checking, Done } state = State::Pending;
};

// An embedded field's type (T or *T), checked once T is resolved.
struct PendingEmbedded {
  Pos pos;
  const Type* type;
};

const char* constructName(NodeKind k) {
  switch (k) {
    case NodeKind::CompositeLit: return "composite literals";
    case NodeKind::FuncLit: return "function literals";
    case NodeKind::IndexExpr: return "index expressions";
    case NodeKind::SliceExpr: return "slice expressions";
    case NodeKind::TypeAssertExpr: return "type assertions";
    case NodeKind::StarExpr: return "pointers";
    case NodeKind::ArrayType: return "arrays and slices";
    case NodeKind::StructType: return "structs";
    case NodeKind::FuncType: return "function types";
    case NodeKind::InterfaceType: return "interfaces";
    case NodeKind::MapType: return "maps";
    case NodeKind::ChanType: return "channels";
    case NodeKind::LabeledStmt: return "labels";
    case NodeKind::SendStmt: return "channel sends";
    case NodeKind::GoStmt: return "go statements";
    case NodeKind::DeferStmt: return "defer statements";
    case NodeKind::TypeSwitchStmt: return "type switches";
    case NodeKind::SelectStmt: return "select statements";
    default: return "this construct";
  }
}

class Checker {
 public:
  Checker(Importer& importer, Diagnostics& diags, Info& info)
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
    addType("string", BasicKind::String);
    {
      Object any{Object::Kind::TypeName, "any"};
      any.type = anyType();
      universe_.names["any"] = newObject(any);
      Object errorObj{Object::Kind::TypeName, "error"};
      errorObj.type = errorType();
      universe_.names["error"] = newObject(errorObj);
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
    fileScope_.parent = &universe_;
    packageScope_.parent = &fileScope_;
  }

  void checkFile(const File* file) {
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

 private:
  // ---- Errors and objects ------------------------------------------------------------

  void error(Pos pos, std::string msg) { diags_->error(pos, std::move(msg)); }
  void unsupported(Pos pos, const std::string& what) {
    error(pos, what + " are not supported by Gol yet");
  }

  Object* newObject(Object obj) {
    info_.objects.push_back(std::make_unique<Object>(std::move(obj)));
    return info_.objects.back().get();
  }

  template <typename T>
  T* newType() {
    auto t = std::make_unique<T>();
    T* raw = t.get();
    info_.ownedTypes.push_back(std::move(t));
    return raw;
  }

  Object* lookup(const std::string& name) {
    for (Scope* s = scope_; s; s = s->parent) {
      auto it = s->names.find(name);
      if (it != s->names.end()) return it->second;
    }
    return nullptr;
  }

  void declare(Scope& scope, Ident* id, Object* obj) {
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

  std::string diags_file() const { return fileName_; }

 public:
  std::string fileName_;

 private:
  // ---- Files ---------------------------------------------------------------------------

  void importDecl(const GenDecl* d) {
    for (const Node* n : d->specs) {
      auto spec = static_cast<const ImportSpec*>(n);
      const std::string& path = spec->path->decoded;
      const Package* pkg = importer_.import(path);
      if (!pkg) {
        error(spec->path->pos, "package " + path + " is not in std");
        continue;
      }
      if (spec->name && (spec->name->name == "." || spec->name->name == "_")) {
        unsupported(spec->name->pos, "dot and blank imports");
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

  Object* autoImport(const std::string& name) {
    const Package* pkg = importer_.importByName(name);
    if (!pkg) return nullptr;
    Object obj{Object::Kind::PkgName, name};
    obj.package = pkg;
    Object* o = newObject(obj);
    fileScope_.names[name] = o;
    return o;
  }

  Object* declareFunc(const FuncDecl* f) {
    if (f->recv) {
      methodDecls_.push_back(f);
      return nullptr;
    }
    if (!f->type->typeParams.empty()) {
      unsupported(f->pos, "generic functions");
      return nullptr;
    }
    if (f->name->name == "init") {
      unsupported(f->pos, "init functions");
      return nullptr;
    }
    Object obj{Object::Kind::Func, f->name->name};
    obj.pos = f->name->pos;
    obj.decl = f;
    Object* o = newObject(obj);
    declare(packageScope_, f->name, o);
    return o;
  }

  void checkPackage(const File* file) {
    scope_ = &packageScope_;
    std::vector<std::pair<Object*, const FuncDecl*>> funcs;
    for (const Decl* d : file->decls) {
      if (auto f = as<FuncDecl>(d)) {
        if (Object* o = declareFunc(f)) funcs.push_back({o, f});
        continue;
      }
      auto g = static_cast<const GenDecl*>(d);
      if (g->tok == Token::Type) {
        for (const Node* n : g->specs) declareType(static_cast<const TypeSpec*>(n), packageScope_);
        continue;
      }
      for (const Node* n : g->specs) {
        auto spec = static_cast<const ValueSpec*>(n);
        for (size_t i = 0; i < spec->names.size(); ++i) {
          Ident* id = spec->names[i];
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
    methodBodies();
  }

  // ---- Type declarations and methods ------------------------------------------------------

  Object* declareType(const TypeSpec* spec, Scope& scope) {
    if (!spec->typeParams.empty()) {
      unsupported(spec->pos, "generic types");
      return nullptr;
    }
    Object obj{Object::Kind::TypeName, spec->name->name};
    obj.pos = spec->name->pos;
    Object* o = newObject(obj);
    if (!spec->isAlias) {
      Named* n = newType<Named>();
      n->name = spec->name->name;
      n->pkg = "main";
      o->type = n;
    }
    declare(scope, spec->name, o);
    if (spec->name->name == "_") info_.defs[spec->name] = o;
    pendingTypes_.push_back(PendingType{o, spec});
    return o;
  }

  PendingType* pendingTypeFor(const Object* obj) {
    for (PendingType& p : pendingTypes_) {
      if (p.obj == obj) return &p;
    }
    return nullptr;
  }

  void resolveType(PendingType& p) {
    if (p.state == PendingType::State::Done) return;
    if (p.state == PendingType::State::Checking) {
      error(p.obj->pos, "invalid recursive type " + p.obj->name);
      if (p.spec->isAlias) p.obj->type = basicType(BasicKind::Invalid);
      return;
    }
    p.state = PendingType::State::Checking;
    Scope* savedScope = scope_;
    const Type* t = typeExpr(p.spec->type);
    scope_ = savedScope;
    if (const Named* n = asNamed(t); n && !n->underlying) {
      // `type A B` needs B's underlying type now.
      for (PendingType& q : pendingTypes_) {
        if (q.obj->type == n) resolveType(q);
      }
      if (!n->underlying) t = basicType(BasicKind::Invalid);
    }
    if (p.spec->isAlias) {
      p.obj->type = t;
    } else {
      auto named = const_cast<Named*>(asNamed(p.obj->type));
      named->underlying = under(t) ? under(t) : basicType(BasicKind::Invalid);
    }
    p.state = PendingType::State::Done;
  }

  static bool embeddedTypeUnresolved(const PendingEmbedded& e) {
    const Type* t = e.type;
    if (const Pointer* p = dynamic_cast<const Pointer*>(t)) t = p->elem;
    return t && !under(t);
  }

  // Go's rules for an embedded field's type T or *T; false after reporting a violation.
  bool checkEmbedded(const PendingEmbedded& e) {
    const Type* t = e.type;
    bool isPointer = false;
    if (const Pointer* p = dynamic_cast<const Pointer*>(t)) {
      t = p->elem;
      isPointer = true;
    }
    if (isKind(t, TypeKind::Pointer)) {
      error(e.pos, "embedded field type cannot be a pointer");
      return false;
    }
    if (isPointer && isKind(t, TypeKind::Interface)) {
      error(e.pos, "embedded field type cannot be a pointer to an interface");
      return false;
    }
    return true;
  }

  void resolveTypes() {
    size_t first = resolvedTypes_;
    for (size_t i = first; i < pendingTypes_.size(); ++i) resolveType(pendingTypes_[i]);
    resolvedTypes_ = pendingTypes_.size();
    for (const PendingEmbedded& e : pendingEmbedded_) {
      if (!embeddedTypeUnresolved(e)) checkEmbedded(e);
    }
    pendingEmbedded_.clear();
    // A struct or array may not contain itself (only through a pointer, slice, map...).
    for (size_t i = first; i < pendingTypes_.size(); ++i) {
      const Named* n = asNamed(pendingTypes_[i].obj->type);
      if (!n) continue;
      std::vector<const Named*> stack;
      if (containsItself(n, n, stack)) {
        error(pendingTypes_[i].obj->pos, "invalid recursive type " + n->name);
        const_cast<Named*>(n)->underlying = basicType(BasicKind::Invalid);
      }
    }
  }

  bool containsItself(const Named* target, const Type* t, std::vector<const Named*>& stack) {
    if (const Named* n = asNamed(t)) {
      if (!stack.empty() && n == target) return true;
      if (std::find(stack.begin(), stack.end(), n) != stack.end()) return false;
      stack.push_back(n);
      bool r = n->underlying && containsItself(target, n->underlying, stack);
      stack.pop_back();
      return r;
    }
    if (auto st = dynamic_cast<const Struct*>(t)) {
      for (const StructField& f : st->fields) {
        if (containsItself(target, f.type, stack)) return true;
      }
    }
    if (auto a = dynamic_cast<const Array*>(t)) return containsItself(target, a->elem, stack);
    return false;
  }

  struct MethodDecl {
    const FuncDecl* decl;
    const Named* recv;
    bool pointerRecv;
    const Signature* sig;
  };

  void declareMethod(const FuncDecl* f) {
    if (!f->type->typeParams.empty()) {
      unsupported(f->pos, "generic methods");
      return;
    }
    const Expr* te = unparen(f->recv->type);
    bool pointer = false;
    if (auto star = as<StarExpr>(te)) {
      pointer = true;
      te = unparen(star->x);
    }
    auto id = as<Ident>(te);
    if (!id) {
      error(f->recv->type->pos, "invalid receiver type " + exprString(f->recv->type));
      return;
    }
    Object* o = lookup(id->name);
    if (!o) {
      error(id->pos, "undefined: " + id->name);
      return;
    }
    info_.uses[id] = o;
    o->used = true;
    if (o->kind != Object::Kind::TypeName) {
      error(id->pos, id->name + " is not a type");
      return;
    }
    const Named* named = asNamed(o->type);
    if (!named || named->pkg != "main") {
      error(id->pos, "cannot define new methods on non-local type " + typeString(o->type));
      return;
    }
    if (named->underlying->kind == TypeKind::Pointer ||
        named->underlying->kind == TypeKind::Interface) {
      error(id->pos, "invalid receiver type " + id->name + " (pointer or interface type)");
      return;
    }
    const Signature* sig = signatureOf(f->type);
    const std::string& name = f->name->name;
    for (size_t i = replMethodsStart_; i < methods_.size(); ++i) {
      const MethodDecl& m = methods_[i];
      if (m.recv == named && m.decl->name->name == name && name != "_") {
        Pos other = m.decl->name->pos;
        error(f->name->pos, "method " + named->name + "." + name + " already declared at " +
                                fileName_ + ":" + std::to_string(other.line) + ":" +
                                std::to_string(other.col));
        return;
      }
    }
    if (auto st = dynamic_cast<const Struct*>(named->underlying); st && st->fieldIndex(name) >= 0) {
      error(f->name->pos, "field and method with the same name " + name);
      return;
    }
    Method m;
    m.name = name;
    m.sig = sig;
    m.pointerRecv = pointer;
    m.decl = f;
    if (name != "_") {
      auto* mutableNamed = const_cast<Named*>(named);
      auto old = std::find_if(mutableNamed->methods.begin(), mutableNamed->methods.end(),
                              [&](const Method& x) { return x.name == name; });
      if (old != mutableNamed->methods.end() &&
          (old->pointerRecv != pointer || !identical(old->sig, sig))) {
        // Values already stored in interfaces call the method through its name.
        error(f->name->pos, "method " + named->name + "." + name +
                                " is already declared with another signature or receiver; "
                                "redeclare type " + named->name + " to change it");
        return;
      }
      if (old != mutableNamed->methods.end()) {  // an earlier REPL input's method
        methodUndo_.push_back({mutableNamed, static_cast<size_t>(old - mutableNamed->methods.begin()), *old});
        *old = m;
      } else {
        methodUndo_.push_back({mutableNamed, mutableNamed->methods.size(), std::nullopt});
        mutableNamed->methods.push_back(m);
      }
    }
    methods_.push_back(MethodDecl{f, named, pointer, sig});
  }

  void methodBodies(size_t first = 0) {
    for (size_t i = first; i < methods_.size(); ++i) {
      const MethodDecl& m = methods_[i];
      FuncInfo& fi = info_.funcs[m.decl];
      fi.name = m.pointerRecv ? "main.(*" + m.recv->name + ")." + m.decl->name->name
                              : "main." + m.recv->name + "." + m.decl->name->name;
      fi.recv = m.recv;
      if (!m.decl->body) {
        error(m.decl->name->pos, "missing function body");
        continue;
      }
      const Type* recvType = m.pointerRecv ? static_cast<const Type*>(pointerTo(m.recv)) : m.recv;
      checkBody(fi, m.decl->type, m.decl->body, m.sig, nullptr, m.decl->recv, recvType);
    }
  }

  // A script's functions, types and methods, declared before its statements are checked.
  // Returns the functions (not methods), whose bodies are checked last.
  std::vector<std::pair<Object*, const FuncDecl*>> declareScriptItems(const File* file) {
    scope_ = &packageScope_;
    std::vector<std::pair<Object*, const FuncDecl*>> funcs;
    for (const Node* n : file->script) {
      if (auto f = as<FuncDecl>(n)) {
        if (Object* o = declareFunc(f)) funcs.push_back({o, f});
      }
      // Top-level types are visible throughout the script, like its functions.
      if (auto d = as<DeclStmt>(n); d && d->decl->tok == Token::Type) {
        for (const Node* spec : d->decl->specs) {
          declareType(static_cast<const TypeSpec*>(spec), packageScope_);
        }
        scriptTypeDecls_.insert(d->decl);
      }
    }
    resolveTypes();
    for (auto& [obj, f] : funcs) obj->type = signatureOf(f->type);
    for (const FuncDecl* m : methodDecls_) declareMethod(m);
    return funcs;
  }

  void checkScript(const File* file) {
    std::vector<std::pair<Object*, const FuncDecl*>> funcs = declareScriptItems(file);
    // Top-level statements run in order; the variables they declare are globals, so
    // the script's functions can use them.
    FuncContext top;
    top.isScript = true;
    fn_ = &top;
    for (const Node* n : file->script) {
      if (auto s = dynamic_cast<const Stmt*>(n)) {
        stmt(s);
        info_.scriptStmts.push_back(s);
      }
    }
    fn_ = nullptr;
    auto main = packageScope_.names.find("main");
    if (main != packageScope_.names.end() && main->second->kind == Object::Kind::Func) {
      info_.mainFunc = main->second->decl;
    }
    for (auto& [obj, f] : funcs) funcBody(f, static_cast<const Signature*>(obj->type));
    methodBodies();
  }

  // One REPL input: like a script, in the package scope the earlier inputs built. On an
  // error, the names it declared and the methods it added are taken back, so the session
  // goes on as if the input had not been typed.
 public:
  bool replInput(const File* file, Diagnostics& diags, ReplInput* out) {
    diags_ = &diags;
    fileName_ = diags.fileName();
    size_t errorsBefore = diags.size();
    auto savedPackage = packageScope_.names;
    auto savedFile = fileScope_.names;
    size_t methodsBefore = methods_.size();
    size_t litsBefore = info_.litOrder.size();
    methodUndo_.clear();
    methodDecls_.clear();
    replMethodsStart_ = methodsBefore;
    script_ = true;
    repl_ = true;
    for (const GenDecl* d : file->imports) importDecl(d);

    std::vector<std::pair<Object*, const FuncDecl*>> funcs = declareScriptItems(file);
    for (auto& [obj, f] : funcs) {
      out->funcs.push_back(f);
      if (f->name->name == "main") out->main = f;
    }
    FuncContext top;
    top.isScript = true;
    fn_ = &top;
    std::vector<const Stmt*> stmts;
    for (const Node* n : file->script) {
      if (auto s = dynamic_cast<const Stmt*>(n)) stmts.push_back(s);
    }
    auto lone = stmts.size() == 1 && file->script.size() == 1 ? as<ExprStmt>(stmts[0]) : nullptr;
    if (lone) {
      echoOrStatement(lone, out);
    } else {
      for (const Stmt* s : stmts) {
        stmt(s);
        out->stmts.push_back(s);
      }
    }
    fn_ = nullptr;
    for (auto& [obj, f] : funcs) funcBody(f, static_cast<const Signature*>(obj->type));
    methodBodies(methodsBefore);
    for (size_t i = methodsBefore; i < methods_.size(); ++i) out->funcs.push_back(methods_[i].decl);
    out->lits.assign(info_.litOrder.begin() + static_cast<long>(litsBefore), info_.litOrder.end());
    if (diags.size() == errorsBefore) return true;
    packageScope_.names = std::move(savedPackage);
    fileScope_.names = std::move(savedFile);
    for (auto it = methodUndo_.rbegin(); it != methodUndo_.rend(); ++it) {
      if (it->old) {
        it->named->methods[it->index] = *it->old;
      } else {
        it->named->methods.resize(it->index);
      }
    }
    methods_.resize(methodsBefore);
    *out = ReplInput{};
    return false;
  }

  // :type EXPR: the expression's type, checked in the session's scope; nothing is kept.
  bool replTypeOf(const Expr* e, Diagnostics& diags, std::string* text) {
    diags_ = &diags;
    fileName_ = diags.fileName();
    size_t errorsBefore = diags.size();
    scope_ = &packageScope_;
    FuncContext top;
    top.isScript = true;
    fn_ = &top;
    allowTypes_ = true;
    Operand x = expr(e, /*allowNoValue=*/true);
    allowTypes_ = false;
    fn_ = nullptr;
    if (diags.size() != errorsBefore || x.invalid()) return false;
    if (x.mode == Mode::NoValue) {
      *text = "no value";
    } else if (x.mode == Mode::TypeExpr) {
      *text = "type " + typeString(x.type);
    } else {
      *text = typeString(x.type);
      if (x.mode == Mode::Constant) *text += " constant " + x.val.toString();
    }
    return true;
  }

  // Names TAB may complete: the session's declarations, the imported packages, the
  // universe (and, after `pkg.`, the package's exported members).
  std::vector<std::string> replNames(const std::string& pkgName) {
    std::vector<std::string> names;
    if (!pkgName.empty()) {
      const Package* pkg = nullptr;
      if (auto it = fileScope_.names.find(pkgName); it != fileScope_.names.end()) {
        pkg = it->second->package;
      } else if (!packageScope_.names.count(pkgName)) {
        pkg = importer_.importByName(pkgName);
      }
      if (pkg) {
        for (auto& [name, obj] : pkg->members) names.push_back(name);
      }
      return names;
    }
    for (const Scope* sc : {&packageScope_, &fileScope_, &universe_}) {
      for (auto& [name, obj] : sc->names) names.push_back(name);
    }
    return names;
  }

 private:
  // A lone expression at the prompt: its values are echoed; a call without results is
  // an ordinary statement.
  void echoOrStatement(const ExprStmt* s, ReplInput* out) {
    Operand x = expr(s->x, /*allowNoValue=*/true);
    if (x.invalid()) return;
    if (x.mode == Mode::NoValue) {
      out->stmts.push_back(s);
      return;
    }
    if (x.mode == Mode::TypeExpr || x.mode == Mode::Builtin) {
      error(s->x->pos, describe(x) + " is not an expression");
      return;
    }
    if (auto tuple = dynamic_cast<const Tuple*>(x.type)) {
      out->echoTypes = tuple->types;
    } else {
      if (isUntyped(x.type)) {
        if (x.type == basicType(BasicKind::UntypedNil)) {
          error(s->x->pos, "use of untyped nil");
          return;
        }
        if (!convertUntyped(x, defaultType(x.type))) return;
      }
      out->echoTypes = {x.type};
    }
    out->echo = s->x;
  }

 public:
  // ---- Package-level constants and variables -------------------------------------------

  void resolvePending(PendingDecl& p) {
    if (p.state == PendingDecl::State::Done) return;
    if (p.state == PendingDecl::State::Checking) {
      error(p.obj->pos, "initialization cycle or invalid recursive reference to " + p.obj->name);
      p.obj->type = basicType(BasicKind::Invalid);
      return;
    }
    p.state = PendingDecl::State::Checking;
    Scope* savedScope = scope_;
    FuncContext* savedFn = fn_;
    scope_ = &packageScope_;
    fn_ = nullptr;
    if (p.obj->kind == Object::Kind::Const) {
      constSpec(p.spec, p.index, p.obj);
    } else {
      globalVarSpec(p);
    }
    scope_ = savedScope;
    fn_ = savedFn;
    p.state = PendingDecl::State::Done;
  }

  PendingDecl* pendingFor(const Object* obj) {
    for (PendingDecl& p : pending_) {
      if (p.obj == obj) return &p;
    }
    return nullptr;
  }

  void globalVarSpec(PendingDecl& p) {
    globalVarType(p);
    info_.globalTypes[p.obj->slot] = p.obj->type;
  }

  void globalVarType(PendingDecl& p) {
    const ValueSpec* spec = p.spec;
    // All names of a spec are initialised together, once.
    const Type* declared = spec->type ? typeExpr(spec->type) : nullptr;
    if (spec->values.empty()) {
      p.obj->type = declared;
      return;
    }
    if (spec->values.size() == 1 && spec->names.size() > 1) {
      // `var a, b = f()` (or a comma-ok form): one value for every name, checked once, by
      // whichever name is needed first.
      auto [it, first] = multiValueGlobals_.try_emplace(spec);
      if (first) {
        std::vector<const Type*>& types = it->second;
        types.assign(spec->names.size(), declared ? declared : basicType(BasicKind::Invalid));
        Operand x = commaOkExpr(spec->values[0], spec->names.size());
        auto tuple = x.invalid() ? nullptr : dynamic_cast<const Tuple*>(x.type);
        if (!tuple || tuple->types.size() != spec->names.size()) {
          if (!x.invalid()) mismatch(spec->names[0]->pos, spec->names.size(), x, 1);
          types.assign(spec->names.size(), basicType(BasicKind::Invalid));
        } else if (!declared) {
          types = tuple->types;
        }
        info_.globalInits.push_back(spec);
      }
      p.obj->type = it->second[p.index];
      return;
    }
    if (spec->values.size() != spec->names.size()) {
      if (p.index == 0) {
        error(spec->values[0]->pos, "assignment mismatch: " + countText(spec->names.size(), "variable") +
                                       " but " + countText(spec->values.size(), "value"));
      }
      p.obj->type = basicType(BasicKind::Invalid);
      return;
    }
    Operand x = expr(spec->values[p.index]);
    p.obj->type = varTypeFrom(x, declared, "variable declaration");
    if (p.index == spec->names.size() - 1 || spec->names.size() == 1) {
      info_.globalInits.push_back(spec);
    }
  }

  // The type of a variable initialised with x (declared type, or x's default type).
  const Type* varTypeFrom(Operand& x, const Type* declared, const char* context) {
    if (x.invalid()) return declared ? declared : basicType(BasicKind::Invalid);
    if (x.mode == Mode::NoValue) {
      error(x.expr->pos, exprString(x.expr) + " (no value) used as value");
      return basicType(BasicKind::Invalid);
    }
    if (declared) {
      assignment(x, declared, context);
      return declared;
    }
    if (x.type == basicType(BasicKind::UntypedNil)) {
      error(x.expr->pos, std::string("use of untyped nil in ") + context);
      return basicType(BasicKind::Invalid);
    }
    const Type* t = defaultType(x.type);
    assignment(x, t, context);
    return t;
  }

  void constSpec(const ValueSpec* spec, size_t index, Object* obj) {
    const ValueSpec* source = spec->implicitFrom ? spec->implicitFrom : spec;
    const Type* declared = source->type ? typeExpr(source->type) : nullptr;
    obj->type = basicType(BasicKind::Invalid);
    if (index >= source->values.size()) {
      if (index == source->values.size() || source->values.empty()) {
        error(obj->pos, source->values.empty() ? "missing init expr for const declaration"
                                               : "missing init expr for const declaration");
      }
      return;
    }
    if (index == source->values.size() - 1 && spec->names.size() < source->values.size() &&
        index == spec->names.size() - 1) {
      error(source->values[spec->names.size()]->pos, "extra init expr");
    }
    int savedIota = iotaValue_;
    iotaValue_ = spec->iota;
    Operand x = expr(source->values[index]);
    iotaValue_ = savedIota;
    if (x.invalid()) return;
    if (x.mode != Mode::Constant) {
      error(x.expr->pos, describe(x) + " is not constant");
      return;
    }
    if (declared) {
      if (!asBasic(declared)) {
        error(source->type->pos, "invalid constant type " + typeString(declared));
        return;
      }
      assignment(x, declared, "constant declaration");
      if (x.invalid()) return;
    }
    obj->type = x.type;
    obj->value = x.val;
  }

  // ---- Types ---------------------------------------------------------------------------

  const Type* typeExpr(const Expr* e) {
    const Type* invalid = basicType(BasicKind::Invalid);
    if (auto p = as<ParenExpr>(e)) return typeExpr(p->x);
    if (auto id = as<Ident>(e)) {
      Object* obj = lookup(id->name);
      if (!obj) {
        error(id->pos, "undefined: " + id->name);
        return invalid;
      }
      info_.uses[id] = obj;
      obj->used = true;
      if (obj->kind != Object::Kind::TypeName) {
        error(id->pos, id->name + " is not a type");
        return invalid;
      }
      if (!obj->type) {  // an alias not resolved yet
        if (PendingType* p = pendingTypeFor(obj)) resolveType(*p);
        if (!obj->type) return invalid;
      }
      return obj->type;
    }
    if (auto sel = as<SelectorExpr>(e)) {
      const Object* member = packageMember(sel);
      if (!member) return invalid;
      if (member->kind != Object::Kind::TypeName) {
        error(sel->pos, exprString(sel) + " is not a type");
        return invalid;
      }
      return member->type;
    }
    if (auto ft = as<FuncType>(e)) return signatureOf(ft);
    if (auto star = as<StarExpr>(e)) {
      const Type* elem = typeExpr(star->x);
      return elem == invalid ? elem : pointerTo(elem);
    }
    if (auto a = as<ArrayType>(e)) {
      const Type* elem = typeExpr(a->elem);
      if (elem == invalid) return elem;
      if (!a->len) return sliceOf(elem);
      if (as<Ellipsis>(a->len)) {
        error(a->len->pos, "invalid use of [...] array (outside a composite literal)");
        return invalid;
      }
      int64_t n = arrayLength(a->len);
      return n < 0 ? invalid : arrayOf(elem, n);
    }
    if (auto m = as<MapType>(e)) {
      const Type* key = typeExpr(m->key);
      const Type* value = typeExpr(m->value);
      if (key == invalid || value == invalid) return invalid;
      if (!comparableOrPending(key)) {
        error(m->key->pos, "invalid map key type " + typeString(key));
        return invalid;
      }
      return mapOf(key, value);
    }
    if (auto st = as<StructType>(e)) return structType(st);
    if (auto it = as<InterfaceType>(e)) return interfaceType(it);
    if (auto ch = as<ChanType>(e)) {
      const Type* elem = typeExpr(ch->elem);
      if (elem == invalid) return invalid;
      check::ChanDir dir = ch->dir == syntax::ChanDir::Send   ? check::ChanDir::Send
                           : ch->dir == syntax::ChanDir::Recv ? check::ChanDir::Recv
                                                              : check::ChanDir::Both;
      return chanOf(elem, dir);
    }
    unsupported(e->pos, constructName(e->kind));
    return invalid;
  }

  // A map key type named before its definition is resolved is checked when it is.
  bool comparableOrPending(const Type* t) {
    if (const Named* n = asNamed(t); n && !n->underlying) return true;
    return comparable(t);
  }

  int64_t arrayLength(const Expr* e) {
    Operand x = expr(e);
    if (x.invalid()) return -1;
    if (x.mode != Mode::Constant) {
      error(e->pos, "array length " + exprString(e) + " (" +
                        (x.mode == Mode::Variable ? "variable" : "value") + " of type " +
                        typeString(x.type) + ") must be constant");
      return -1;
    }
    auto v = x.val.toInt();
    const Basic* b = asBasic(x.type);
    if (!v || !b || (!b->isInteger() && !isUntyped(x.type))) {
      error(e->pos, "array length " + describe(x) + " must be integer");
      return -1;
    }
    if (*v < 0) {
      error(e->pos, "invalid array length " + exprString(e) + " (untyped int constant " +
                        x.val.toString() + ")");
      return -1;
    }
    if (isUntyped(x.type)) convertUntyped(x, basicType(BasicKind::Int));
    return x.val.int64Value();
  }

  const Type* structType(const StructType* st) {
    Struct* t = newType<Struct>();
    std::map<std::string, Pos> seen;
    for (const Field* f : st->fields) {
      const Type* ft = typeExpr(f->type);
      std::string tag = f->tag ? f->tag->decoded : "";
      auto add = [&](const std::string& name, Pos pos, bool embedded) {
        if (name != "_" && seen.count(name)) {
          error(pos, name + " redeclared\n\t" + fileName_ + ":" +
                         std::to_string(seen[name].line) + ":" + std::to_string(seen[name].col) +
                         ": other declaration of " + name);
          return;
        }
        seen[name] = pos;
        t->fields.push_back(StructField{name, ft, embedded, tag});
      };
      if (f->names.empty()) {
        // An embedded field is named after its type: T, *T or pkg.T.
        const Expr* te = unparen(f->type);
        if (auto star = as<StarExpr>(te)) te = unparen(star->x);
        std::string name;
        if (auto id = as<Ident>(te)) name = id->name;
        if (auto sel = as<SelectorExpr>(te)) name = sel->sel->name;
        if (name.empty()) {
          error(f->type->pos, "invalid embedded field type " + exprString(f->type));
          continue;
        }
        // `struct{ *B }` may name a B declared further down, whose underlying type is
        // known only once every type declaration is resolved: checked then, as Go does.
        PendingEmbedded embedded{f->type->pos, ft};
        if (embeddedTypeUnresolved(embedded)) {
          pendingEmbedded_.push_back(embedded);
        } else if (!checkEmbedded(embedded)) {
          continue;
        }
        add(name, f->type->pos, true);
        continue;
      }
      for (const Ident* id : f->names) add(id->name, id->pos, false);
    }
    return t;
  }

  const Type* interfaceType(const InterfaceType* it) {
    if (it->elems.empty()) return anyType();
    Interface* t = newType<Interface>();
    for (const Field* f : it->elems) {
      if (f->names.empty()) {
        const Type* embedded = typeExpr(f->type);
        const Interface* ei = asInterface(embedded);
        if (!ei) {
          if (embedded != basicType(BasicKind::Invalid)) {
            unsupported(f->type->pos, "type constraints");
          }
          continue;
        }
        for (const Method& m : ei->methods) {
          if (!t->find(m.name)) t->methods.push_back(m);
        }
        continue;
      }
      auto ft = as<FuncType>(f->type);
      if (!ft) continue;
      Method m;
      m.name = f->names[0]->name;
      m.sig = signatureOf(ft);
      if (t->find(m.name)) {
        error(f->names[0]->pos, "duplicate method " + m.name);
        continue;
      }
      t->methods.push_back(m);
    }
    std::sort(t->methods.begin(), t->methods.end(),
              [](const Method& a, const Method& b) { return a.name < b.name; });
    if (t->methods.empty()) return anyType();
    return t;
  }

  const Signature* signatureOf(const FuncType* t) {
    Signature* sig = newType<Signature>();
    for (const Field* f : t->params) {
      const Expr* te = f->type;
      bool variadic = false;
      if (auto e = as<Ellipsis>(te)) {
        if (f != t->params.back() || f->names.size() > 1) {
          error(e->pos, "can only use ... with final parameter in list");
        }
        te = e->elem;
        variadic = true;
      }
      sig->variadic = sig->variadic || variadic;
      const Type* pt = typeExpr(te);
      for (size_t i = 0; i < std::max<size_t>(1, f->names.size()); ++i) sig->params.push_back(pt);
    }
    for (const Field* f : t->results) {
      const Type* rt = typeExpr(f->type);
      for (size_t i = 0; i < std::max<size_t>(1, f->names.size()); ++i) sig->results.push_back(rt);
    }
    return sig;
  }

  // ---- Functions -----------------------------------------------------------------------

  struct FuncContext {
    FuncInfo* info = nullptr;
    const Signature* sig = nullptr;
    bool isScript = false;
    std::vector<Object*> locals;  // for "declared and not used"
    int loopDepth = 0;
    int switchDepth = 0;
    FuncContext* parent = nullptr;  // the enclosing function of a function literal
    int litCount = 0;               // function literals directly inside, for their names
    struct Label {
      const LabeledStmt* stmt;
      bool used = false;
    };
    std::map<std::string, Label> labels;             // every label of the body
    std::vector<const LabeledStmt*> activeLabels;  // labeled statements enclosing this point
  };

  void collectLabels(const Stmt* s) {
    if (!s) return;
    if (auto l = as<LabeledStmt>(s)) {
      const std::string& name = l->label->name;
      auto it = fn_->labels.find(name);
      if (it != fn_->labels.end()) {
        Pos other = it->second.stmt->label->pos;
        error(l->label->pos, "label " + name + " already defined at " + fileName_ + ":" +
                                 std::to_string(other.line) + ":" + std::to_string(other.col));
      } else if (name != "_") {
        fn_->labels[name] = FuncContext::Label{l};
      }
      collectLabels(l->stmt);
      return;
    }
    if (auto b = as<BlockStmt>(s)) {
      for (const Stmt* x : b->list) collectLabels(x);
    } else if (auto i = as<IfStmt>(s)) {
      collectLabels(i->body);
      collectLabels(i->elseStmt);
    } else if (auto f = as<ForStmt>(s)) {
      collectLabels(f->body);
    } else if (auto r = as<RangeStmt>(s)) {
      collectLabels(r->body);
    } else if (auto sw = as<SwitchStmt>(s)) {
      for (const CaseClause* c : sw->clauses) {
        for (const Stmt* x : c->body) collectLabels(x);
      }
    } else if (auto ts = as<TypeSwitchStmt>(s)) {
      for (const CaseClause* c : ts->clauses) {
        for (const Stmt* x : c->body) collectLabels(x);
      }
    } else if (auto sel = as<SelectStmt>(s)) {
      for (const CommClause* c : sel->clauses) {
        for (const Stmt* x : c->body) collectLabels(x);
      }
    }
  }

  Object* newLocal(Ident* id, const Type* type, Scope& scope) {
    Object obj{Object::Kind::Var, id->name};
    obj.pos = id->pos;
    obj.type = type;
    Object* o = newObject(obj);
    if (fn_ && fn_->info) {
      o->slot = fn_->info->frameSize++;
      o->owner = fn_->info;
      fn_->info->slotTypes.push_back(type);
      fn_->info->slotObjects.push_back(o);
      fn_->locals.push_back(o);
    } else {
      o->isGlobal = true;
      o->slot = info_.globalCount++;
      info_.globalTypes.push_back(type);
    }
    if (id->name == "_") {
      info_.defs[id] = o;
    } else {
      declare(scope, id, o);
    }
    return o;
  }

  void funcBody(const FuncDecl* f, const Signature* sig) {
    FuncInfo& fi = info_.funcs[f];
    fi.name = "main." + f->name->name;
    if (!f->body) {
      error(f->name->pos, "missing function body");
      return;
    }
    if (f->name->name == "main" && (!sig->params.empty() || !sig->results.empty())) {
      error(f->name->pos, "func main must have no arguments and no return values");
    }
    checkBody(fi, f->type, f->body, sig, nullptr);
  }

  // A function's parameters, results and body, in a context of its own. `parent` is the
  // enclosing function's context for a function literal (whose locals it may capture).
  void checkBody(FuncInfo& fi, const FuncType* type, const BlockStmt* body, const Signature* sig,
                 FuncContext* parent, const Field* recv = nullptr,
                 const Type* recvType = nullptr) {
    FuncContext ctx;
    ctx.info = &fi;
    ctx.sig = sig;
    ctx.parent = parent;
    FuncContext* savedFn = fn_;
    fn_ = &ctx;
    Scope funcScope;
    funcScope.parent = parent ? scope_ : &packageScope_;
    Scope* savedScope = scope_;
    scope_ = &funcScope;
    if (recv) {
      Ident anon(Pos{});
      anon.name = "_";
      Ident* id = recv->names.empty() ? &anon : recv->names[0];
      Object* o = newLocal(id, recvType, funcScope);
      o->used = true;
      fi.params.push_back(o);
    }
    size_t pi = 0;
    for (const Field* field : type->params) {
      if (field->names.empty()) {
        Ident anon(Pos{});
        anon.name = "_";
        Object* o = newLocal(&anon, sig->params[pi++], funcScope);
        o->used = true;
        fi.params.push_back(o);
        continue;
      }
      for (Ident* id : field->names) {
        const Type* pt = sig->params[pi++];
        if (sig->variadic && pi == sig->params.size()) pt = sliceOf(pt);
        Object* o = newLocal(id, pt, funcScope);
        o->used = true;
        fi.params.push_back(o);
      }
    }
    size_t ri = 0;
    for (const Field* field : type->results) {
      if (field->names.empty()) {
        Ident anon(Pos{});
        anon.name = "_";
        Object* o = newLocal(&anon, sig->results[ri++], funcScope);
        o->used = true;
        fi.results.push_back(o);
        continue;
      }
      for (Ident* id : field->names) {
        Object* o = newLocal(id, sig->results[ri++], funcScope);
        o->used = true;
        o->isResult = true;
        o->reassigned = true;  // by return statements
        fi.results.push_back(o);
      }
    }
    for (const Stmt* st : body->list) collectLabels(st);
    blockStmts(body->list);
    if (!sig->results.empty() && !terminatingList(body->list)) {
      error(body->rbrace, "missing return");
    }
    for (auto& [name, label] : ctx.labels) {
      if (!label.used) error(label.stmt->label->pos, "label " + name + " defined and not used");
    }
    for (Object* local : ctx.locals) {
      if (!local->used && local->name != "_") {
        error(local->pos, "declared and not used: " + local->name);
      }
    }
    scope_ = savedScope;
    fn_ = savedFn;
  }

  Operand funcLit(const FuncLit* lit) {
    Operand r = invalidOperand(lit);
    const Signature* sig = signatureOf(lit->type);
    FuncInfo& fi = info_.lits[lit];
    info_.litOrder.push_back(lit);
    if (fn_ && fn_->info) {
      fi.name = fn_->info->name + (fn_->parent ? "." : ".func") + std::to_string(++fn_->litCount);
    } else {
      fi.name = "main.main.func" + std::to_string(++scriptLitCount_);
    }
    checkBody(fi, lit->type, lit->body, sig, fn_);
    r.mode = Mode::Value;
    r.type = sig;
    return r;
  }

  // A local of an enclosing function used inside a function literal: every literal
  // between the use and the variable's function captures it.
  void capture(Object* o) {
    if (o->isGlobal || !fn_ || o->owner == fn_->info) return;
    o->captured = true;
    for (FuncContext* c = fn_; c && c->info && c->info != o->owner; c = c->parent) {
      auto& caps = c->info->captures;
      if (std::find(caps.begin(), caps.end(), o) == caps.end()) caps.push_back(o);
    }
  }

  // ---- Terminating statements (the spec's rules, for "missing return") -----------------

  bool terminatingList(const std::vector<Stmt*>& list) {
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      if (as<EmptyStmt>(*it)) continue;
      return terminating(*it);
    }
    return false;
  }

  static bool hasBreak(const Stmt* s, bool nested) {
    if (auto b = as<BranchStmt>(s)) return b->tok == Token::Break && !b->label && !nested;
    if (auto b = as<BlockStmt>(s)) {
      for (const Stmt* x : b->list) {
        if (hasBreak(x, nested)) return true;
      }
    }
    if (auto i = as<IfStmt>(s)) {
      return hasBreak(i->body, nested) || (i->elseStmt && hasBreak(i->elseStmt, nested));
    }
    if (auto l = as<LabeledStmt>(s)) return hasBreak(l->stmt, nested);
    return false;
  }

  bool terminating(const Stmt* s) {
    switch (s->kind) {
      case NodeKind::ReturnStmt: return true;
      case NodeKind::BranchStmt: {
        auto b = static_cast<const BranchStmt*>(s);
        return b->tok == Token::Goto || b->tok == Token::Fallthrough;
      }
      case NodeKind::ExprStmt: {
        auto call = as<CallExpr>(static_cast<const ExprStmt*>(s)->x);
        if (!call) return false;
        auto id = as<Ident>(call->fun);
        if (!id) return false;
        auto it = info_.uses.find(id);
        return it != info_.uses.end() && it->second->kind == Object::Kind::Builtin &&
               it->second->builtin == Builtin::Panic;
      }
      case NodeKind::BlockStmt: return terminatingList(static_cast<const BlockStmt*>(s)->list);
      case NodeKind::IfStmt: {
        auto i = static_cast<const IfStmt*>(s);
        return i->elseStmt && terminatingList(i->body->list) && terminating(i->elseStmt);
      }
      case NodeKind::ForStmt: {
        auto f = static_cast<const ForStmt*>(s);
        if (f->cond) return false;
        for (const Stmt* x : f->body->list) {
          if (hasBreak(x, false)) return false;
        }
        return true;
      }
      case NodeKind::SwitchStmt: {
        auto sw = static_cast<const SwitchStmt*>(s);
        bool hasDefault = false;
        for (const CaseClause* c : sw->clauses) {
          hasDefault = hasDefault || c->isDefault;
          for (const Stmt* x : c->body) {
            if (hasBreak(x, false)) return false;
          }
          if (!terminatingList(c->body)) {
            auto last = c->body.empty() ? nullptr : as<BranchStmt>(c->body.back());
            if (!last || last->tok != Token::Fallthrough) return false;
          }
        }
        return hasDefault;
      }
      case NodeKind::TypeSwitchStmt: {
        auto sw = static_cast<const TypeSwitchStmt*>(s);
        bool hasDefault = false;
        for (const CaseClause* c : sw->clauses) {
          hasDefault = hasDefault || c->isDefault;
          for (const Stmt* x : c->body) {
            if (hasBreak(x, false)) return false;
          }
          if (!terminatingList(c->body)) return false;
        }
        return hasDefault;
      }
      case NodeKind::SelectStmt: {
        for (const CommClause* c : static_cast<const SelectStmt*>(s)->clauses) {
          for (const Stmt* x : c->body) {
            if (hasBreak(x, false)) return false;
          }
          if (!terminatingList(c->body)) return false;
        }
        return true;
      }
      case NodeKind::GoStmt: return false;
      case NodeKind::LabeledStmt: return terminating(static_cast<const LabeledStmt*>(s)->stmt);
      default: return false;
    }
  }

  // ---- Statements ------------------------------------------------------------------------

  void blockStmts(const std::vector<Stmt*>& list) {
    for (const Stmt* s : list) stmt(s);
  }

  void openScope(Scope& s) {
    s.parent = scope_;
    scope_ = &s;
  }
  void closeScope(Scope& s) { scope_ = s.parent; }

  void stmt(const Stmt* s) {
    switch (s->kind) {
      case NodeKind::EmptyStmt: return;
      case NodeKind::ExprStmt: return exprStmt(static_cast<const ExprStmt*>(s));
      case NodeKind::DeclStmt: return declStmt(static_cast<const DeclStmt*>(s));
      case NodeKind::AssignStmt: return assignStmt(static_cast<const AssignStmt*>(s));
      case NodeKind::IncDecStmt: return incDec(static_cast<const IncDecStmt*>(s));
      case NodeKind::BlockStmt: {
        Scope inner;
        openScope(inner);
        blockStmts(static_cast<const BlockStmt*>(s)->list);
        closeScope(inner);
        return;
      }
      case NodeKind::IfStmt: return ifStmt(static_cast<const IfStmt*>(s));
      case NodeKind::ForStmt: return forStmt(static_cast<const ForStmt*>(s));
      case NodeKind::RangeStmt: return rangeStmt(static_cast<const RangeStmt*>(s));
      case NodeKind::SwitchStmt: return switchStmt(static_cast<const SwitchStmt*>(s));
      case NodeKind::ReturnStmt: return returnStmt(static_cast<const ReturnStmt*>(s));
      case NodeKind::BranchStmt: return branchStmt(static_cast<const BranchStmt*>(s));
      case NodeKind::LabeledStmt: {
        auto l = static_cast<const LabeledStmt*>(s);
        if (!fn_ || !fn_->info) {
          unsupported(s->pos, "labels outside functions");
          return;
        }
        fn_->activeLabels.push_back(l);
        stmt(l->stmt);
        fn_->activeLabels.pop_back();
        return;
      }
      case NodeKind::DeferStmt: return callStmt(static_cast<const DeferStmt*>(s)->call, "defer");
      case NodeKind::GoStmt: return callStmt(static_cast<const GoStmt*>(s)->call, "go");
      case NodeKind::SendStmt: return sendStmt(static_cast<const SendStmt*>(s));
      case NodeKind::SelectStmt: return selectStmt(static_cast<const SelectStmt*>(s));
      case NodeKind::TypeSwitchStmt: return typeSwitchStmt(static_cast<const TypeSwitchStmt*>(s));
      default: unsupported(s->pos, constructName(s->kind));
    }
  }

  void exprStmt(const ExprStmt* s) {
    Operand x = expr(s->x, /*allowNoValue=*/true);
    if (x.invalid()) return;
    const Expr* e = unparen(s->x);
    if (isReceive(e)) return;
    if (auto call = as<CallExpr>(e)) {
      // Calls of some builtins (len, min, max) and conversions must be used.
      if (x.mode == Mode::NoValue || !isValueOnlyCall(call)) return;
    }
    error(s->x->pos, describe(x) + " is not used");
  }

  bool isValueOnlyCall(const CallExpr* call) {
    const Expr* fun = unparen(call->fun);
    if (auto id = as<Ident>(fun)) {
      auto it = info_.uses.find(id);
      if (it == info_.uses.end()) return false;
      const Object* o = it->second;
      if (o->kind == Object::Kind::TypeName) return true;
      if (o->kind == Object::Kind::Builtin) {
        return o->builtin == Builtin::Len || o->builtin == Builtin::Cap ||
               o->builtin == Builtin::Append || o->builtin == Builtin::Make ||
               o->builtin == Builtin::Min || o->builtin == Builtin::Max ||
               o->builtin == Builtin::New;
      }
    }
    return false;
  }

  void declStmt(const DeclStmt* d) {
    const GenDecl* g = d->decl;
    if (g->tok == Token::Type) {
      if (scriptTypeDecls_.count(g)) return;
      for (const Node* n : g->specs) {
        if (Object* o = declareType(static_cast<const TypeSpec*>(n), *scope_)) {
          o->used = true;
        }
      }
      resolveTypes();
      return;
    }
    for (const Node* n : g->specs) {
      auto spec = static_cast<const ValueSpec*>(n);
      if (g->tok == Token::Const) {
        std::vector<Object*> objs;
        for (size_t i = 0; i < spec->names.size(); ++i) {
          Ident* id = spec->names[i];
          Object obj{Object::Kind::Const, id->name};
          obj.pos = id->pos;
          Object* o = newObject(obj);
          constSpec(spec, i, o);
          objs.push_back(o);
        }
        // Constants are in scope after their spec, as in Go.
        for (size_t i = 0; i < objs.size(); ++i) declare(*scope_, spec->names[i], objs[i]);
        continue;
      }
      varSpec(spec);
    }
  }

  void varSpec(const ValueSpec* spec) {
    const Type* declared = spec->type ? typeExpr(spec->type) : nullptr;
    std::vector<const Type*> types(spec->names.size(), declared);
    if (!spec->values.empty()) {
      if (spec->values.size() == 1 && spec->names.size() > 1) {
        Operand x = commaOkExpr(spec->values[0], spec->names.size());
        auto tuple = x.invalid() ? nullptr : dynamic_cast<const Tuple*>(x.type);
        if (!tuple || tuple->types.size() != spec->names.size()) {
          if (!x.invalid()) mismatch(spec->names[0]->pos, spec->names.size(), x, 1);
        } else {
          for (size_t i = 0; i < types.size(); ++i) {
            if (!declared) types[i] = tuple->types[i];
          }
        }
      } else if (spec->values.size() != spec->names.size()) {
        for (const Expr* v : spec->values) expr(v);
        error(spec->values[0]->pos, "assignment mismatch: " +
                                       countText(spec->names.size(), "variable") + " but " +
                                       countText(spec->values.size(), "value"));
      } else {
        for (size_t i = 0; i < spec->values.size(); ++i) {
          Operand x = expr(spec->values[i]);
          singleValue(x, spec->names.size());
          types[i] = varTypeFrom(x, declared, "variable declaration");
        }
      }
    }
    for (size_t i = 0; i < spec->names.size(); ++i) {
      const Type* t = types[i] ? types[i] : basicType(BasicKind::Invalid);
      Object* o = newLocal(spec->names[i], t, *scope_);
      if (fn_ && fn_->isScript) o->used = true;
    }
  }

  // The single right-hand side of a 2-variable assignment: `v, ok` from a map index or
  // a type assertion is a (T, bool) pair.
  Operand commaOkExpr(const Expr* e, size_t vars) {
    Operand x = expr(e);
    if (x.invalid() || vars != 2) return x;
    const Expr* inner = unparen(e);
    auto recv = as<UnaryExpr>(inner);
    if (x.mode == Mode::MapIndex || as<TypeAssertExpr>(inner) ||
        (recv && recv->op == Token::Arrow)) {
      info_.commaOk.insert(inner);
      Tuple* t = newType<Tuple>();
      t->types = {x.type, basicType(BasicKind::Bool)};
      x.type = t;
      x.mode = Mode::Value;
    }
    return x;
  }

  static std::string countText(size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  }

  // types2's assignError: reported at the first value.
  void mismatch(Pos, size_t vars, const Operand& x, size_t values) {
    std::string rhs;
    if (auto call = as<CallExpr>(unparen(x.expr))) {
      auto tuple = dynamic_cast<const Tuple*>(x.type);
      size_t n = tuple ? tuple->types.size() : (x.mode == Mode::NoValue ? 0 : 1);
      rhs = exprString(call->fun) + " returns " + countText(n, "value");
    } else {
      rhs = countText(values, "value");
    }
    error(x.expr->pos, "assignment mismatch: " + countText(vars, "variable") + " but " + rhs);
  }

  // A multi-valued call assigned to one variable.
  bool singleValue(Operand& x, size_t vars) {
    if (x.invalid() || !dynamic_cast<const Tuple*>(x.type)) return true;
    if (vars == 1) {
      mismatch(Pos{}, 1, x, 1);
    } else {
      error(x.expr->pos, "multiple-value " + exprString(x.expr) + " (value of type " +
                             typeString(x.type) + ") in single-value context");
    }
    x.mode = Mode::Invalid;
    return false;
  }

  void assignStmt(const AssignStmt* s) {
    if (s->tok == Token::Define) return shortVarDecl(s);
    if (s->tok != Token::Assign) {
      // x op= y
      Operand lhs = expr(s->lhs[0]);
      Operand rhs = expr(s->rhs[0]);
      if (lhs.invalid() || rhs.invalid()) return;
      checkAssignable(lhs);
      Operand result = binaryOp(assignOpBinary(s->tok), lhs, rhs, nullptr, s->tokPos);
      if (result.invalid()) return;
      assignment(result, lhs.type, "assignment");
      return;
    }
    std::vector<Operand> lhs;
    for (const Expr* e : s->lhs) {
      if (auto id = as<Ident>(e); id && id->name == "_") {
        Operand blank;
        blank.mode = Mode::Variable;
        blank.expr = e;
        lhs.push_back(blank);
        continue;
      }
      Operand l = expr(e, false, /*asLhs=*/true);
      if (!l.invalid()) checkAssignable(l);
      lhs.push_back(l);
    }
    if (s->rhs.size() == 1 && s->lhs.size() > 1) {
      Operand x = commaOkExpr(s->rhs[0], s->lhs.size());
      auto tuple = x.invalid() ? nullptr : dynamic_cast<const Tuple*>(x.type);
      if (!tuple || tuple->types.size() != s->lhs.size()) {
        if (!x.invalid()) mismatch(s->lhs[0]->pos, s->lhs.size(), x, 1);
        return;
      }
      for (size_t i = 0; i < lhs.size(); ++i) {
        if (lhs[i].invalid() || !lhs[i].type) continue;
        std::string reason;
        if (!assignableType(tuple->types[i], lhs[i].type, &reason)) {
          error(s->rhs[0]->pos, "cannot use " + exprString(s->rhs[0]) + " (value of type " +
                                    typeString(tuple->types[i]) + ") as " +
                                    typeString(lhs[i].type) + " value in assignment");
        }
      }
      return;
    }
    if (s->lhs.size() != s->rhs.size()) {
      for (const Expr* e : s->rhs) expr(e);
      error(s->rhs[0]->pos, "assignment mismatch: " + countText(s->lhs.size(), "variable") +
                                " but " + countText(s->rhs.size(), "value"));
      return;
    }
    for (size_t i = 0; i < s->rhs.size(); ++i) {
      Operand x = expr(s->rhs[i]);
      singleValue(x, s->lhs.size());
      if (x.invalid() || lhs[i].invalid()) continue;
      if (!lhs[i].type) {  // blank
        varTypeFrom(x, nullptr, "assignment");
        continue;
      }
      if (x.mode == Mode::NoValue) {
        error(x.expr->pos, exprString(x.expr) + " (no value) used as value");
        continue;
      }
      assignment(x, lhs[i].type, "assignment");
      // As types2 does, a variable whose assignment failed counts as used.
      if (x.invalid()) {
        if (auto id = as<Ident>(unparen(s->lhs[i]))) {
          if (auto it = info_.uses.find(id); it != info_.uses.end()) {
            const_cast<Object*>(it->second)->used = true;
          }
        }
      }
    }
  }

  void checkAssignable(Operand& x) {
    if (x.mode == Mode::Variable) markReassigned(x.expr);
    if (x.mode == Mode::Variable || x.mode == Mode::MapIndex) return;
    if (auto sel = as<SelectorExpr>(unparen(x.expr))) {
      auto base = info_.types.find(sel->x);
      if (base != info_.types.end() && base->second.mode == Mode::MapIndex) {
        error(x.expr->pos, "cannot assign to struct field " + exprString(x.expr) + " in map");
        x.mode = Mode::Invalid;
        return;
      }
    }
    error(x.expr->pos, "cannot assign to " + exprString(x.expr) +
                           " (neither addressable nor a map index expression)");
    x.mode = Mode::Invalid;
  }

  void shortVarDecl(const AssignStmt* s) {
    std::vector<const Type*> types(s->lhs.size(), nullptr);
    std::vector<Operand> values;
    if (s->rhs.size() == 1 && s->lhs.size() > 1) {
      Operand x = commaOkExpr(s->rhs[0], s->lhs.size());
      auto tuple = x.invalid() ? nullptr : dynamic_cast<const Tuple*>(x.type);
      if (!tuple || tuple->types.size() != s->lhs.size()) {
        if (!x.invalid()) mismatch(s->lhs[0]->pos, s->lhs.size(), x, 1);
      } else {
        for (size_t i = 0; i < types.size(); ++i) types[i] = tuple->types[i];
      }
    } else if (s->lhs.size() != s->rhs.size()) {
      for (const Expr* e : s->rhs) expr(e);
      error(s->rhs[0]->pos, "assignment mismatch: " + countText(s->lhs.size(), "variable") +
                                " but " + countText(s->rhs.size(), "value"));
    } else {
      for (const Expr* e : s->rhs) {
        values.push_back(expr(e));
        singleValue(values.back(), s->lhs.size());
      }
    }
    bool anyNew = false;
    std::vector<Object*> newVars;
    for (size_t i = 0; i < s->lhs.size(); ++i) {
      auto id = as<Ident>(s->lhs[i]);
      if (!id) continue;  // reported by the builder
      auto existing = scope_->names.find(id->name);
      bool replTop = repl_ && scope_ == &packageScope_;
      if (id->name != "_" && existing != scope_->names.end() && !replTop) {
        // Redeclaration in the same scope: plain assignment to the existing variable.
        Object* o = existing->second;
        info_.uses[id] = o;
        if (o->kind == Object::Kind::Var) o->reassigned = true;
        if (i < values.size() && !values[i].invalid() && o->type) {
          assignment(values[i], o->type, "assignment");
        }
        continue;
      }
      if (id->name != "_") anyNew = true;
      const Type* t = types[i];
      if (i < values.size()) t = varTypeFrom(values[i], nullptr, "assignment");
      Ident* mutableId = const_cast<Ident*>(id);
      Object* o = newLocal(mutableId, t ? t : basicType(BasicKind::Invalid), *scope_);
      if (fn_ && fn_->isScript) o->used = true;
      newVars.push_back(o);
    }
    if (!anyNew) error(s->tokPos, "no new variables on left side of :=");
  }

  void incDec(const IncDecStmt* s) {
    Operand x = expr(s->x);
    if (x.invalid()) return;
    const Basic* b = asBasic(x.type);
    if (!b || !b->isNumeric()) {
      error(s->pos, std::string("invalid operation: ") + exprString(s->x) + tokenText(s->tok) +
                        " (non-numeric type " + typeString(x.type) + ")");
      return;
    }
    checkAssignable(x);
  }

  void condition(const Expr* e, const char* what) {
    Operand x = expr(e);
    if (x.invalid()) return;
    const Basic* b = asBasic(x.type);
    if (!b || !b->isBoolean()) {
      error(e->pos, "non-boolean condition in " + std::string(what));
      return;
    }
    convertUntyped(x, basicType(BasicKind::Bool));
  }

  void ifStmt(const IfStmt* s) {
    Scope scope;
    openScope(scope);
    if (s->init) stmt(s->init);
    if (s->cond) condition(s->cond, "if statement");
    Scope body;
    openScope(body);
    blockStmts(s->body->list);
    closeScope(body);
    if (s->elseStmt) stmt(s->elseStmt);
    closeScope(scope);
  }

  void forStmt(const ForStmt* s) {
    Scope scope;
    openScope(scope);
    if (s->init) stmt(s->init);
    if (s->cond) condition(s->cond, "for statement");
    if (s->post) stmt(s->post);
    Scope body;
    openScope(body);
    fn_->loopDepth++;
    blockStmts(s->body->list);
    fn_->loopDepth--;
    closeScope(body);
    closeScope(scope);
  }

  void rangeStmt(const RangeStmt* s) {
    Scope scope;
    openScope(scope);
    Operand x = expr(s->x);
    const Type* keyType = nullptr;
    const Type* valueType = nullptr;
    bool untypedIntRange = false;  // assigned, the constant takes the variable's type
    if (!x.invalid()) {
      const Basic* b = asBasic(x.type);
      if (b && b->isInteger()) {
        untypedIntRange = isUntyped(x.type);
        if (untypedIntRange) convertUntyped(x, basicType(BasicKind::Int));
        keyType = x.type;
        if (s->value) {
          error(s->value->pos, "range over " + describe(x) + " permits only one iteration variable");
        }
      } else if (const Slice* sl = asSliceType(x.type)) {
        keyType = basicType(BasicKind::Int);
        valueType = sl->elem;
      } else if (const Array* a = asArray(x.type)) {
        keyType = basicType(BasicKind::Int);
        valueType = a->elem;
      } else if (const Pointer* p = asPointer(x.type); p && asArray(p->elem)) {
        keyType = basicType(BasicKind::Int);
        valueType = asArray(p->elem)->elem;
      } else if (const Map* m = asMap(x.type)) {
        keyType = m->key;
        valueType = m->elem;
      } else if (const Chan* ch = asChan(x.type)) {
        keyType = ch->elem;
        if (ch->dir == check::ChanDir::Send) {
          error(s->x->pos,
                "cannot range over " + describe(x) + ": receive from send-only channel");
        } else if (s->value) {
          error(s->value->pos, "range over " + describe(x) + " permits only one iteration variable");
        }
      } else if (b && b->isString()) {
        if (isUntyped(x.type)) convertUntyped(x, basicType(BasicKind::String));
        keyType = basicType(BasicKind::Int);
        valueType = basicType(BasicKind::Int32);
      } else {
        error(s->x->pos, "cannot range over " + describe(x));
      }
    }
    if (s->tok == Token::Define) {
      if (s->key) {
        newLocal(const_cast<Ident*>(as<Ident>(s->key)),
                 keyType ? keyType : basicType(BasicKind::Invalid), scope);
      }
      if (s->value) {
        newLocal(const_cast<Ident*>(as<Ident>(s->value)),
                 valueType ? valueType : basicType(BasicKind::Invalid), scope);
      }
    } else if (s->tok == Token::Assign) {
      const Type* iterationTypes[] = {keyType, valueType};
      const Expr* targets[] = {s->key, s->value};
      for (int i = 0; i < 2; ++i) {
        const Expr* e = targets[i];
        if (!e) continue;
        if (auto id = as<Ident>(e); id && id->name == "_") continue;
        Operand l = expr(e);
        if (!l.invalid()) checkAssignable(l);
        const Type* from = iterationTypes[i];
        if (l.invalid() || !from || !l.type) continue;
        if (untypedIntRange && isKind(l.type, TypeKind::Basic) && asBasic(l.type)->isInteger()) {
          continue;
        }
        std::string reason;
        if (!assignableType(from, l.type, &reason)) {
          // As types2 does, the error names the variable: there is no better operand.
          error(e->pos, "cannot use " + exprString(e) + " (value of type " + typeString(from) +
                            ") as " + typeString(l.type) + " value in assignment");
        }
      }
    }
    Scope body;
    openScope(body);
    fn_->loopDepth++;
    blockStmts(s->body->list);
    fn_->loopDepth--;
    closeScope(body);
    closeScope(scope);
  }

  void switchStmt(const SwitchStmt* s) {
    Scope scope;
    openScope(scope);
    if (s->init) stmt(s->init);
    Operand tag;
    if (s->tag) {
      tag = expr(s->tag);
      if (!tag.invalid() && isUntyped(tag.type)) convertUntyped(tag, defaultType(tag.type));
    } else {
      tag.mode = Mode::Constant;
      tag.type = basicType(BasicKind::Bool);
      tag.val = ConstValue::ofBool(true);
    }
    bool sawDefault = false;
    fn_->switchDepth++;
    for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
      const CaseClause* c = s->clauses[ci];
      if (c->isDefault) {
        if (sawDefault) error(c->pos, "multiple defaults in switch");
        sawDefault = true;
      }
      for (const Expr* e : c->list) {
        Operand v = expr(e);
        if (v.invalid() || tag.invalid()) continue;
        Operand t = tag;
        t.expr = s->tag;
        if (s->tag) {
          comparison(Token::Eql, v, t, e->pos, /*forSwitch=*/true);
        } else {
          const Basic* b = asBasic(v.type);
          std::string reason;
          if (asInterface(v.type) && assignableType(basicType(BasicKind::Bool), v.type, &reason)) {
            // Compared with true (a bool in the interface), as in `switch true`.
          } else if (!b || !b->isBoolean()) {
            error(e->pos, "invalid case " + exprString(e) + " in switch (mismatched types " +
                              typeString(v.type) + " and bool)");
          } else {
            convertUntyped(v, basicType(BasicKind::Bool));
          }
        }
      }
      Scope body;
      openScope(body);
      for (size_t i = 0; i < c->body.size(); ++i) {
        const Stmt* st = c->body[i];
        if (auto b = as<BranchStmt>(st); b && b->tok == Token::Fallthrough) {
          if (i + 1 != c->body.size()) {
            error(st->pos, "fallthrough statement out of place");
          } else if (ci + 1 == s->clauses.size()) {
            error(st->pos, "cannot fallthrough final case in switch");
          }
          continue;
        }
        stmt(st);
      }
      closeScope(body);
    }
    fn_->switchDepth--;
    closeScope(scope);
  }

  void returnStmt(const ReturnStmt* s) {
    if (!fn_ || !fn_->sig) {
      error(s->pos, "return statement outside function");  // script top level
      return;
    }
    const auto& want = fn_->sig->results;
    if (s->results.empty()) {
      if (!want.empty()) {
        bool named = !fn_->info->results.empty() && fn_->info->results[0]->isResult;
        if (!named) error(s->pos, "not enough return values\n\thave ()\n\twant " + tupleText(want));
      }
      return;
    }
    std::vector<Operand> xs;
    if (s->results.size() == 1 && want.size() > 1) {
      Operand x = expr(s->results[0]);
      auto tuple = x.invalid() ? nullptr : dynamic_cast<const Tuple*>(x.type);
      if (tuple && tuple->types.size() == want.size()) {
        for (size_t i = 0; i < want.size(); ++i) {
          if (std::string reason; !assignableType(tuple->types[i], want[i], &reason)) {
            error(s->results[0]->pos, "cannot use " + exprString(s->results[0]) +
                                          " value as " + typeString(want[i]) +
                                          " value in return statement");
          }
        }
        return;
      }
      if (!x.invalid()) xs.push_back(x);
    } else {
      for (const Expr* e : s->results) xs.push_back(expr(e));
    }
    if (xs.size() != want.size()) {
      std::string have = "(";
      for (size_t i = 0; i < xs.size(); ++i) {
        if (i) have += ", ";
        have += argTypeText(xs[i]);
      }
      have += ")";
      if (want.empty()) {
        error(s->results[0]->pos, "too many return values\n\thave " + have + "\n\twant ()");
      } else {
        error(xs.size() > want.size() ? s->results[want.size()]->pos : s->pos,
              std::string(xs.size() > want.size() ? "too many" : "not enough") +
                  " return values\n\thave " + have + "\n\twant " + tupleText(want));
      }
      return;
    }
    for (size_t i = 0; i < xs.size(); ++i) {
      if (!xs[i].invalid()) assignment(xs[i], want[i], "return statement");
    }
  }

  static std::string tupleText(const std::vector<const Type*>& types) {
    std::string out = "(";
    for (size_t i = 0; i < types.size(); ++i) {
      if (i) out += ", ";
      out += typeString(types[i]);
    }
    return out + ")";
  }

  void branchStmt(const BranchStmt* s) {
    if (s->label) {
      const std::string& name = s->label->name;
      if (!fn_ || !fn_->info) {
        unsupported(s->pos, "labels outside functions");
        return;
      }
      auto it = fn_->labels.find(name);
      if (s->tok == Token::Goto) {
        if (it == fn_->labels.end()) {
          error(s->label->pos, "label " + name + " not defined");
          return;
        }
        it->second.used = true;
        info_.branchTargets[s] = it->second.stmt;
        return;
      }
      const char* what = s->tok == Token::Break ? "break" : "continue";
      for (auto a = fn_->activeLabels.rbegin(); a != fn_->activeLabels.rend(); ++a) {
        if ((*a)->label->name != name) continue;
        const Stmt* target = (*a)->stmt;
        bool loop = as<ForStmt>(target) || as<RangeStmt>(target);
        bool ok = loop || (s->tok == Token::Break &&
                           (as<SwitchStmt>(target) || as<TypeSwitchStmt>(target) ||
                            as<SelectStmt>(target)));
        fn_->labels[name].used = true;
        if (!ok) {
          error(s->label->pos, std::string("invalid ") + what + " label " + name);
          return;
        }
        info_.branchTargets[s] = target;
        return;
      }
      if (it != fn_->labels.end()) {
        it->second.used = true;
        error(s->label->pos, std::string("invalid ") + what + " label " + name);
      } else {
        error(s->label->pos, std::string(what) + " label not defined: " + name);
      }
      return;
    }
    if (s->tok == Token::Break && fn_ && fn_->loopDepth == 0 && fn_->switchDepth == 0) {
      error(s->pos, "break is not in a loop, switch, or select");
    } else if (s->tok == Token::Continue && fn_ && fn_->loopDepth == 0) {
      error(s->pos, "continue is not in a loop");
    } else if (s->tok == Token::Fallthrough) {
      error(s->pos, "fallthrough statement out of place");
    }
  }

  // `defer call` and `go call` (keyword names the statement in the errors).
  void callStmt(const Expr* e, const char* keyword) {
    std::string kw = keyword;
    auto call = as<CallExpr>(unparen(e));
    if (!call) {
      expr(e, true);
      error(e->pos, "expression in " + kw + " must be function call");
      return;
    }
    Operand x = expr(call, true);
    if (x.invalid()) return;
    auto tv = info_.types.find(call->fun);
    if (tv != info_.types.end() && tv->second.mode == Mode::TypeExpr) {
      error(e->pos, kw + " requires function call, not conversion");
      return;
    }
    if (isValueOnlyCall(call)) error(e->pos, kw + " discards result of " + exprString(call));
  }

  void sendStmt(const SendStmt* s) {
    Operand ch = expr(s->chan);
    Operand v = expr(s->value);
    if (ch.invalid() || v.invalid()) return;
    const Chan* c = asChan(ch.type);
    if (!c) {
      error(s->pos, "invalid operation: cannot send to non-channel " + describe(ch));
      return;
    }
    if (c->dir == check::ChanDir::Recv) {
      error(s->pos, "invalid operation: cannot send to receive-only channel " + describe(ch));
      return;
    }
    assignment(v, c->elem, "send");
  }

  void selectStmt(const SelectStmt* s) {
    bool sawDefault = false;
    fn_->switchDepth++;
    for (const CommClause* c : s->clauses) {
      Scope scope;
      openScope(scope);
      if (!c->comm) {
        if (sawDefault) error(c->pos, "multiple defaults in select");
        sawDefault = true;
      } else if (!isCommStmt(c->comm)) {
        error(c->comm->pos, "select case must be receive, send or assign recv");
      } else {
        stmt(c->comm);
      }
      Scope body;
      openScope(body);
      blockStmts(c->body);
      closeScope(body);
      closeScope(scope);
    }
    fn_->switchDepth--;
  }

  static bool isReceive(const Expr* e) {
    auto u = as<UnaryExpr>(unparen(e));
    return u && u->op == Token::Arrow;
  }

  static bool isCommStmt(const Stmt* s) {
    if (as<SendStmt>(s)) return true;
    if (auto e = as<ExprStmt>(s)) return isReceive(e->x);
    if (auto a = as<AssignStmt>(s)) {
      return (a->tok == Token::Define || a->tok == Token::Assign) && a->rhs.size() == 1 &&
             a->lhs.size() <= 2 && isReceive(a->rhs[0]);
    }
    return false;
  }

  void typeSwitchStmt(const TypeSwitchStmt* s) {
    Scope scope;
    openScope(scope);
    if (s->init) stmt(s->init);
    Operand x = expr(s->subject);
    const Interface* iface = x.invalid() ? nullptr : asInterface(x.type);
    if (!x.invalid() && !iface) {
      error(s->subject->pos, describe(x) + " is not an interface");
    }
    std::vector<Object*> bindings;
    bool sawDefault = false;
    std::vector<std::pair<const Type*, Pos>> seen;
    fn_->switchDepth++;
    for (const CaseClause* c : s->clauses) {
      if (c->isDefault) {
        if (sawDefault) error(c->pos, "multiple defaults in switch");
        sawDefault = true;
      }
      const Type* single = nullptr;
      for (const Expr* e : c->list) {
        auto id = as<Ident>(unparen(e));
        if (id && id->name == "nil" && lookup("nil") && lookup("nil")->kind == Object::Kind::Nil) {
          TypeAndValue tv;
          tv.mode = Mode::Value;
          tv.type = basicType(BasicKind::UntypedNil);
          info_.types[e] = tv;
          single = nullptr;
          continue;
        }
        const Type* t = typeExpr(e);
        if (t == basicType(BasicKind::Invalid)) continue;
        TypeAndValue tv;
        tv.mode = Mode::TypeExpr;
        tv.type = t;
        info_.types[e] = tv;
        single = c->list.size() == 1 ? t : nullptr;
        for (auto& [other, pos] : seen) {
          if (identical(other, t)) {
            error(e->pos, "duplicate case " + exprString(e) + " in type switch\n\t" + fileName_ +
                              ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col) +
                              ": previous case");
          }
        }
        seen.push_back({t, e->pos});
        std::string reason;
        if (iface && !asInterface(t) && !implements(t, iface, &reason)) {
          error(e->pos, "impossible type switch case: " + exprString(e) + "\n\t" + describe(x) +
                            " cannot have dynamic type " + typeString(t) + " " + reason);
        }
      }
      Scope body;
      openScope(body);
      if (s->binding) {
        const Type* bt = single ? single : (x.invalid() ? basicType(BasicKind::Invalid) : x.type);
        Ident* id = const_cast<Ident*>(s->binding);
        Object obj{Object::Kind::Var, id->name};
        obj.pos = id->pos;
        obj.type = bt;
        Object* o = newObject(obj);
        o->slot = fn_->info ? fn_->info->frameSize++ : -1;
        if (fn_->info) {
          o->owner = fn_->info;
          fn_->info->slotTypes.push_back(bt);
          fn_->info->slotObjects.push_back(o);
        } else {
          o->isGlobal = true;
          o->slot = info_.globalCount++;
          info_.globalTypes.push_back(bt);
        }
        if (id->name != "_") body.names[id->name] = o;
        info_.implicits[c] = o;
        bindings.push_back(o);
      }
      blockStmts(c->body);
      closeScope(body);
    }
    fn_->switchDepth--;
    if (s->binding && s->binding->name != "_" && !(fn_ && fn_->isScript)) {
      bool used = false;
      for (Object* o : bindings) used = used || o->used;
      if (!used) error(s->binding->pos, "declared and not used: " + s->binding->name);
    }
    closeScope(scope);
  }

  // ---- Operands and conversions ---------------------------------------------------------

  static const Expr* unparen(const Expr* e) {
    while (auto p = as<ParenExpr>(e)) e = p->x;
    return e;
  }

  // go/types' operand description: `x (variable of type int)`, `1 (untyped int constant)`.
  std::string describe(const Operand& x) {
    std::string text = exprString(x.expr);
    switch (x.mode) {
      case Mode::Constant: {
        std::string kind = isUntyped(x.type) ? typeString(x.type) + " constant"
                                             : "constant of type " + typeString(x.type);
        std::string value = x.val.toString();
        if (isUntyped(x.type)) {
          if (value != text) return text + " (" + kind + " " + value + ")";
          return text + " (" + kind + ")";
        }
        return text + " (constant " + value + " of type " + typeString(x.type) + ")";
      }
      case Mode::Variable: return text + " (variable of type " + typeString(x.type) + ")";
      case Mode::MapIndex:
        return text + " (map index expression of type " + typeString(x.type) + ")";
      case Mode::TypeExpr: return text + " (type)";
      case Mode::NoValue: return text + " (no value)";
      case Mode::Builtin: return text + " (built-in function " + text + ")";
      default:
        if (x.type == basicType(BasicKind::UntypedNil)) return "nil";
        return text + " (value of type " + typeString(x.type) + ")";
    }
  }

  // How `have (...)` lists an argument: untyped numeric constants are `number`.
  std::string argTypeText(const Operand& x) {
    if (x.invalid()) return "invalid type";
    const Basic* b = asBasic(x.type);
    if (b && b->isUntyped()) {
      if (b->isNumeric()) return "number";
      return typeString(defaultType(x.type));
    }
    return typeString(x.type);
  }

  void record(const Operand& x) {
    if (!x.expr) return;
    TypeAndValue tv;
    tv.mode = x.mode;
    tv.type = x.type;
    tv.value = x.val;
    info_.types[x.expr] = tv;
  }

  // Sets the final type of an untyped expression (and its untyped operands).
  void updateUntyped(const Expr* e, const Type* target) {
    auto it = info_.types.find(e);
    if (it == info_.types.end() || !isUntyped(it->second.type)) return;
    if (auto shift = shiftOperands_.find(e); shift != shiftOperands_.end()) {
      const Basic* b = asBasic(target);
      if (!b || !b->isInteger()) {
        error(e->pos, "invalid operation: " + exprString(shift->second) + " (shift of type " +
                          typeString(target) + ")");
        return;
      }
    }
    it->second.type = target;
    if (auto p = as<ParenExpr>(e)) updateUntyped(p->x, target);
    if (auto u = as<UnaryExpr>(e)) updateUntyped(u->x, target);
    if (auto b = as<BinaryExpr>(e)) {
      bool cmp = b->op == Token::Eql || b->op == Token::Neq || b->op == Token::Lss ||
                 b->op == Token::Leq || b->op == Token::Gtr || b->op == Token::Geq;
      if (!cmp) {
        updateUntyped(b->x, target);
        if (b->op != Token::Shl && b->op != Token::Shr) updateUntyped(b->y, target);
      }
    }
  }

  // Does constant x fit type t? Rounds floats for float types.
  bool representable(Operand& x, const Basic* t, std::string* reason) {
    const ConstValue& v = x.val;
    if (t->isBoolean()) return v.kind() == ConstValue::Kind::Bool;
    if (t->isString()) return v.kind() == ConstValue::Kind::String;
    if (v.kind() != ConstValue::Kind::Int && v.kind() != ConstValue::Kind::Float) return false;
    if (t->isInteger()) {
      auto z = v.toInt();
      if (!z) {
        *reason = "truncated";
        return false;
      }
      if (t->isUntyped()) return true;
      unsigned bits = t->bits();
      mpz_class lo, hi;
      if (t->isUnsigned()) {
        lo = 0;
        hi = (mpz_class(1) << bits) - 1;
      } else {
        lo = -(mpz_class(1) << (bits - 1));
        hi = (mpz_class(1) << (bits - 1)) - 1;
      }
      if (*z < lo || *z > hi) {
        *reason = "overflows";
        return false;
      }
      x.val = ConstValue::ofInt(*z);
      return true;
    }
    if (t->isFloat()) {
      if (t->isUntyped()) return true;
      double d = t->basic == BasicKind::Float32 ? v.toFloat32() : v.toFloat64();
      if (std::isinf(d)) {
        *reason = "overflows";
        return false;
      }
      x.val = ConstValue::ofDouble(d);
      return true;
    }
    return false;
  }

  // Gives an untyped operand the type `target` (the default type for `any`).
  bool convertUntyped(Operand& x, const Type* target) {
    if (x.invalid() || !isUntyped(x.type)) return true;
    if (asInterface(target) && x.type != basicType(BasicKind::UntypedNil)) {
      target = defaultType(x.type);
    }
    if (x.type == basicType(BasicKind::UntypedNil)) {
      if (!nillable(target)) return false;
      x.type = target;
      updateUntyped(x.expr, target);
      return true;
    }
    const Basic* t = asBasic(target);
    if (!t) return false;
    if (x.mode == Mode::Constant) {
      std::string reason;
      if (!representable(x, t, &reason)) {
        const Basic* from = asBasic(x.type);
        bool kindMismatch = (from->isNumeric() != t->isNumeric()) ||
                            (from->isString() != t->isString()) ||
                            (from->isBoolean() != t->isBoolean());
        if (kindMismatch || reason.empty()) return false;
        std::string msg = "cannot use " + describe(x) + " as " + typeString(target) +
                          " value in " + context_ + " (" + reason + ")";
        error(x.expr->pos, msg);
        x.mode = Mode::Invalid;
        return true;  // reported
      }
    } else {
      const Basic* from = asBasic(x.type);
      bool ok = (from->isBoolean() && t->isBoolean()) ||
                (from->isNumeric() && t->isNumeric()) || (from->isString() && t->isString());
      if (!ok) return false;
    }
    x.type = target;
    updateUntyped(x.expr, target);
    return true;
  }

  // Checks that x can be assigned to a variable of type t, converting untyped values.
  void assignment(Operand& x, const Type* t, const char* context) {
    if (x.invalid() || !t || t == basicType(BasicKind::Invalid)) return;
    if (!singleValue(x, 2)) return;
    context_ = context;
    if (x.mode == Mode::NoValue) {
      error(x.expr->pos, exprString(x.expr) + " (no value) used as value");
      x.mode = Mode::Invalid;
      return;
    }
    if (x.mode == Mode::TypeExpr || x.mode == Mode::Builtin) {
      error(x.expr->pos, exprString(x.expr) + " (" +
                             (x.mode == Mode::TypeExpr ? "type" : "built-in function " +
                                                                      exprString(x.expr)) +
                             ") is not an expression");
      x.mode = Mode::Invalid;
      return;
    }
    if (isUntyped(x.type)) {
      if (x.type == basicType(BasicKind::UntypedNil) && !nillable(t)) {
        error(x.expr->pos, "cannot use nil as " + typeString(t) + " value in " + context);
        x.mode = Mode::Invalid;
        return;
      }
      const Interface* iface = asInterface(t);
      if (iface && x.type != basicType(BasicKind::UntypedNil) && !iface->methods.empty()) {
        // An untyped constant takes its default type, which must implement t.
        Operand probe = x;
        convertUntyped(probe, defaultType(x.type));
        std::string reason;
        if (!assignableType(probe.type, t, &reason)) {
          error(x.expr->pos, "cannot use " + describe(x) + " as " + typeString(t) +
                                 " value in " + context + ": " + reason);
          x.mode = Mode::Invalid;
          return;
        }
      }
      if (!convertUntyped(x, t)) {
        error(x.expr->pos, "cannot use " + describe(x) + " as " + typeString(t) + " value in " +
                               context);
        x.mode = Mode::Invalid;
      }
      return;
    }
    std::string reason;
    if (assignableType(x.type, t, &reason)) return;
    error(x.expr->pos, "cannot use " + describe(x) + " as " + typeString(t) + " value in " +
                           context + (reason.empty() ? "" : ": " + reason));
    x.mode = Mode::Invalid;
  }

  // ---- Expressions ------------------------------------------------------------------------

  Operand invalidOperand(const Expr* e) {
    Operand x;
    x.expr = e;
    return x;
  }

  Operand expr(const Expr* e, bool allowNoValue = false, bool asLhs = false) {
    Operand x = exprInternal(e, asLhs);
    x.expr = e;
    if (x.mode == Mode::NoValue && !allowNoValue) {
      error(e->pos, exprString(e) + " (no value) used as value");
      x.mode = Mode::Invalid;
    }
    if (x.mode == Mode::TypeExpr && !allowTypes_) {
      error(e->pos, exprString(e) + " (type) is not an expression");
      x.mode = Mode::Invalid;
    }
    if (!x.invalid()) record(x);
    return x;
  }

  Operand exprInternal(const Expr* e, bool asLhs) {
    switch (e->kind) {
      case NodeKind::BasicLit: return basicLit(static_cast<const BasicLit*>(e));
      case NodeKind::ParenExpr: {
        Operand x = expr(static_cast<const ParenExpr*>(e)->x, true, asLhs);
        return x;
      }
      case NodeKind::Ident: return ident(static_cast<const Ident*>(e), asLhs);
      case NodeKind::UnaryExpr: return unary(static_cast<const UnaryExpr*>(e));
      case NodeKind::BinaryExpr: return binary(static_cast<const BinaryExpr*>(e));
      case NodeKind::CallExpr: return call(static_cast<const CallExpr*>(e));
      case NodeKind::IndexExpr: return index(static_cast<const IndexExpr*>(e));
      case NodeKind::SliceExpr: return sliceExpr(static_cast<const SliceExpr*>(e));
      case NodeKind::FuncLit: return funcLit(static_cast<const FuncLit*>(e));
      case NodeKind::FuncType: {
        Operand x = invalidOperand(e);
        x.type = typeExpr(e);
        x.mode = Mode::TypeExpr;
        return x;
      }
      case NodeKind::CompositeLit: return compositeLit(static_cast<const CompositeLit*>(e), nullptr);
      case NodeKind::ArrayType: {
        Operand x = invalidOperand(e);
        x.type = typeExpr(e);
        if (x.type != basicType(BasicKind::Invalid)) x.mode = Mode::TypeExpr;
        return x;
      }
      case NodeKind::StarExpr: return starExpr(static_cast<const StarExpr*>(e));
      case NodeKind::TypeAssertExpr: return typeAssert(static_cast<const TypeAssertExpr*>(e));
      case NodeKind::StructType:
      case NodeKind::MapType:
      case NodeKind::ChanType:
      case NodeKind::InterfaceType: {
        Operand x = invalidOperand(e);
        x.type = typeExpr(e);
        if (x.type != basicType(BasicKind::Invalid)) x.mode = Mode::TypeExpr;
        return x;
      }
      case NodeKind::SelectorExpr: {
        auto sel = static_cast<const SelectorExpr*>(e);
        Operand x = invalidOperand(e);
        if (!isPackageSelector(sel)) return selector(sel);
        if (const Object* member = packageMember(sel)) {
          x.type = member->type;
          switch (member->kind) {
            case Object::Kind::Const:
              x.mode = Mode::Constant;
              x.val = member->value;
              break;
            case Object::Kind::Var: x.mode = Mode::Variable; break;
            case Object::Kind::TypeName: x.mode = Mode::TypeExpr; break;
            default: x.mode = Mode::Value; break;
          }
          return x;
        }
        return x;
      }
      default:
        unsupported(e->pos, constructName(e->kind));
        return invalidOperand(e);
    }
  }

  Operand basicLit(const BasicLit* lit) {
    Operand x = invalidOperand(lit);
    if (lit->litKind == LitKind::Imag) {
      unsupported(lit->pos, "complex numbers");
      return x;
    }
    x.val = ConstValue::fromLiteral(*lit);
    if (x.val.isUnknown()) {
      error(lit->pos, "malformed constant: " + lit->raw);
      return x;
    }
    x.mode = Mode::Constant;
    switch (lit->litKind) {
      case LitKind::Int: x.type = basicType(BasicKind::UntypedInt); break;
      case LitKind::Float: x.type = basicType(BasicKind::UntypedFloat); break;
      case LitKind::Rune: x.type = basicType(BasicKind::UntypedRune); break;
      default: x.type = basicType(BasicKind::UntypedString); break;
    }
    return x;
  }

  Operand ident(const Ident* id, bool asLhs) {
    Operand x = invalidOperand(id);
    if (id->name == "_") {
      error(id->pos, "cannot use _ as value");
      return x;
    }
    Object* obj = lookup(id->name);
    if (!obj && script_) obj = autoImport(id->name);
    if (!obj) {
      error(id->pos, "undefined: " + id->name);
      return x;
    }
    if (!asLhs) obj->used = true;
    info_.uses[id] = obj;
    switch (obj->kind) {
      case Object::Kind::Const:
        if (obj == iota_) {
          if (iotaValue_ < 0) {
            error(id->pos, "cannot use iota outside constant declaration");
            return x;
          }
          x.mode = Mode::Constant;
          x.type = basicType(BasicKind::UntypedInt);
          x.val = ConstValue::ofInt64(iotaValue_);
          return x;
        }
        if (obj->isGlobal) {
          if (PendingDecl* p = pendingFor(obj)) resolvePending(*p);
        }
        if (obj->type == basicType(BasicKind::Invalid) || !obj->type) return x;
        x.mode = Mode::Constant;
        x.type = obj->type;
        x.val = obj->value;
        return x;
      case Object::Kind::Var:
        if (obj->isGlobal) {
          if (PendingDecl* p = pendingFor(obj)) resolvePending(*p);
        }
        capture(obj);
        if (!obj->type || obj->type == basicType(BasicKind::Invalid)) return x;
        x.mode = Mode::Variable;
        x.type = obj->type;
        return x;
      case Object::Kind::Func:
        x.mode = Mode::Value;
        x.type = obj->type;
        return x;
      case Object::Kind::TypeName:
        x.mode = Mode::TypeExpr;
        x.type = obj->type;
        return x;
      case Object::Kind::Builtin:
        x.mode = Mode::Builtin;
        x.builtin = obj;
        return x;
      case Object::Kind::Nil:
        x.mode = Mode::Value;
        x.type = basicType(BasicKind::UntypedNil);
        return x;
      case Object::Kind::PkgName:
        error(id->pos, "use of package " + id->name + " without selector");
        return x;
    }
    return x;
  }

  // Whether sel is `pkg.Name` (x names a package, or would be auto-imported in a script).
  bool isPackageSelector(const SelectorExpr* sel) {
    auto id = as<Ident>(sel->x);
    if (!id) return false;
    Object* o = lookup(id->name);
    if (o) return o->kind == Object::Kind::PkgName;
    return script_ && importer_.importByName(id->name) != nullptr;
  }

  // The variable an assignment target or an address-of operand names, if any.
  Object* namedVar(const Expr* e) {
    auto id = as<Ident>(unparen(e));
    if (!id) return nullptr;
    auto it = info_.uses.find(id);
    if (it == info_.uses.end() || it->second->kind != Object::Kind::Var) return nullptr;
    return const_cast<Object*>(it->second);
  }

  void markReassigned(const Expr* e) {
    if (Object* o = namedVar(e)) o->reassigned = true;
  }

  // A variable whose address is taken lives in a box, unless it is a struct or array
  // (whose object is the pointer's target already). Writes through the pointer may
  // change it.
  void markAddressTaken(const Expr* e) {
    Object* o = namedVar(e);
    if (!o) return;
    o->reassigned = true;
    if (o->isGlobal) return;
    if (isKind(o->type, TypeKind::Struct) || isKind(o->type, TypeKind::Array)) return;
    o->captured = true;
  }

  Operand selector(const SelectorExpr* sel) {
    Operand r = invalidOperand(sel);
    bool savedAllowTypes = allowTypes_;
    allowTypes_ = true;
    Operand x = expr(sel->x);
    allowTypes_ = savedAllowTypes;
    if (x.invalid()) return r;
    const std::string& name = sel->sel->name;
    Selection s;
    LookupResult found = lookupFieldOrMethod(x.type, name, &s);
    if (x.mode == Mode::TypeExpr) {
      // A method expression: T.M or (*T).M, a function taking the receiver first.
      if (found != LookupResult::Found || s.kind == Selection::Kind::Field) {
        error(sel->sel->pos, exprString(sel) + " undefined (type " + typeString(x.type) +
                                 " has no method " + name + ")");
        return r;
      }
      if (s.kind == Selection::Kind::Method && s.method->pointerRecv && !asPointer(x.type) &&
          !s.indirect) {
        error(sel->sel->pos, "invalid method expression " + exprString(sel) +
                                 " (needs pointer receiver (*" + typeString(x.type) + ")." +
                                 name + ")");
        return r;
      }
      Signature* sig = newType<Signature>();
      auto ms = static_cast<const Signature*>(s.type);
      sig->params.push_back(x.type);
      for (const Type* p : ms->params) sig->params.push_back(p);
      sig->results = ms->results;
      sig->variadic = ms->variadic;
      s.recvBase = x.type;
      info_.selections[sel] = s;
      r.mode = Mode::Value;
      r.type = sig;
      return r;
    }
    if (found == LookupResult::Ambiguous) {
      error(sel->sel->pos, "ambiguous selector " + exprString(sel));
      return r;
    }
    if (found == LookupResult::NotFound) {
      const Type* shown = x.type;
      if (const Pointer* p = asPointer(shown); p && asPointer(p->elem)) {
        error(sel->sel->pos, exprString(sel) + " undefined (type " + typeString(shown) +
                                 " has no field or method " + name + ")");
        return r;
      }
      std::string what = "field or method";
      if (asInterface(x.type)) what = "field or method";
      error(sel->sel->pos, exprString(sel) + " undefined (type " + typeString(shown) +
                               " has no " + what + " " + name + ")");
      return r;
    }
    if (s.kind == Selection::Kind::Field) {
      r.mode = (x.mode == Mode::Variable || s.indirect) ? Mode::Variable : Mode::Value;
      r.type = s.type;
      info_.selections[sel] = s;
      return r;
    }
    if (s.kind == Selection::Kind::Method && s.method->pointerRecv && !s.indirect &&
        !asPointer(x.type)) {
      if (x.mode != Mode::Variable) {
        error(sel->pos, "cannot call pointer method " + name + " on " + typeString(x.type));
        return r;
      }
      markAddressTaken(sel->x);
    }
    info_.selections[sel] = s;
    r.mode = Mode::Value;
    r.type = s.type;
    return r;
  }

  Operand starExpr(const StarExpr* st) {
    Operand r = invalidOperand(st);
    bool savedAllowTypes = allowTypes_;
    allowTypes_ = true;
    Operand x = expr(st->x);
    allowTypes_ = savedAllowTypes;
    if (x.invalid()) return r;
    if (x.mode == Mode::TypeExpr) {
      r.mode = Mode::TypeExpr;
      r.type = pointerTo(x.type);
      return r;
    }
    if (x.type == basicType(BasicKind::UntypedNil)) {
      error(st->pos, "invalid operation: cannot indirect nil");
      return r;
    }
    const Pointer* p = asPointer(x.type);
    if (!p) {
      error(st->pos, "invalid operation: cannot indirect " + describe(x));
      return r;
    }
    r.mode = Mode::Variable;
    r.type = p->elem;
    return r;
  }

  Operand typeAssert(const TypeAssertExpr* e) {
    Operand r = invalidOperand(e);
    Operand x = expr(e->x);
    if (x.invalid()) return r;
    if (!e->type) {
      error(e->pos, "invalid syntax tree: use of .(type) outside type switch");
      return r;
    }
    const Interface* iface = asInterface(x.type);
    if (!iface) {
      error(x.expr->pos, "invalid operation: " + describe(x) + " is not an interface");
      return r;
    }
    const Type* t = typeExpr(e->type);
    if (t == basicType(BasicKind::Invalid)) return r;
    if (!asInterface(t)) {
      std::string reason;
      if (!implements(t, iface, &reason)) {
        error(e->type->pos, "impossible type assertion: " + exprString(e) + "\n\t" +
                                typeString(t) + " does not implement " + typeString(x.type) +
                                " " + reason);
        return r;
      }
    }
    r.mode = Mode::Value;
    r.type = t;
    return r;
  }

  const Object* packageMember(const SelectorExpr* sel) {
    auto pkgId = as<Ident>(sel->x);
    Object* pkgObj = pkgId ? lookup(pkgId->name) : nullptr;
    if (!pkgObj && pkgId && script_) pkgObj = autoImport(pkgId->name);
    if (!pkgObj) {
      if (pkgId) error(pkgId->pos, "undefined: " + pkgId->name);
      else unsupported(sel->pos, "selectors");
      return nullptr;
    }
    if (pkgObj->kind != Object::Kind::PkgName) {
      unsupported(sel->pos, "field and method selectors");
      return nullptr;
    }
    pkgObj->used = true;
    info_.uses[pkgId] = pkgObj;
    auto member = pkgObj->package->members.find(sel->sel->name);
    if (member == pkgObj->package->members.end()) {
      error(sel->sel->pos, "undefined: " + pkgId->name + "." + sel->sel->name);
      return nullptr;
    }
    info_.uses[sel->sel] = &member->second;
    return &member->second;
  }

  Operand unary(const UnaryExpr* u) {
    if (u->op == Token::And) {
      if (auto lit = as<CompositeLit>(unparen(u->x))) {
        Operand x = expr(lit);
        Operand r = invalidOperand(u);
        if (x.invalid()) return r;
        r.mode = Mode::Value;
        r.type = pointerTo(x.type);
        return r;
      }
    }
    Operand x = expr(u->x);
    Operand r = invalidOperand(u);
    if (x.invalid()) return r;
    if (u->op == Token::Arrow) {
      const Chan* c = asChan(x.type);
      if (!c) {
        error(u->x->pos, "invalid operation: cannot receive from non-channel " + describe(x));
        return r;
      }
      if (c->dir == check::ChanDir::Send) {
        error(u->x->pos,
              "invalid operation: cannot receive from send-only channel " + describe(x));
        return r;
      }
      r.mode = Mode::Value;
      r.type = c->elem;
      return r;
    }
    if (u->op == Token::And) {
      if (x.mode != Mode::Variable) {
        error(u->pos, "invalid operation: cannot take address of " + describe(x));
        return r;
      }
      markAddressTaken(u->x);
      r.mode = Mode::Value;
      r.type = pointerTo(x.type);
      return r;
    }
    const Basic* b = asBasic(x.type);
    bool ok = false;
    switch (u->op) {
      case Token::Add:
      case Token::Sub: ok = b && b->isNumeric(); break;
      case Token::Xor: ok = b && b->isInteger(); break;
      case Token::Not: ok = b && b->isBoolean(); break;
      default: break;
    }
    if (!ok) {
      error(u->pos, std::string("invalid operation: operator ") + tokenText(u->op) +
                        " not defined on " + describe(x));
      return r;
    }
    r.mode = x.mode == Mode::Constant ? Mode::Constant : Mode::Value;
    r.type = x.type;
    if (r.mode == Mode::Constant) {
      unsigned ubits = b->isUnsigned() ? b->bits() : 0;
      r.val = ConstValue::unary(u->op, x.val, ubits);
      if (!isUntyped(r.type)) {
        std::string reason;
        Operand probe = r;
        if (!representable(probe, b, &reason)) {
          error(u->pos, describe(r) + " overflows " + typeString(r.type));
          r.mode = Mode::Invalid;
        }
      }
    }
    return r;
  }

  static bool isComparison(Token op) {
    return op == Token::Eql || op == Token::Neq || op == Token::Lss || op == Token::Leq ||
           op == Token::Gtr || op == Token::Geq;
  }

  Operand binary(const BinaryExpr* b) {
    Operand x = expr(b->x);
    Operand y = expr(b->y);
    if (x.invalid() || y.invalid()) return invalidOperand(b);
    return binaryOp(b->op, x, y, b, b->opPos);
  }

  // Makes the operands of a binary operation the same type (Go's matchTypes).
  bool matchTypes(Operand& x, Operand& y) {
    bool xu = isUntyped(x.type), yu = isUntyped(y.type);
    if (xu && !yu) {
      context_ = "";
      return convertUntyped(x, y.type) && !x.invalid();
    }
    if (yu && !xu) {
      context_ = "";
      return convertUntyped(y, x.type) && !y.invalid();
    }
    if (xu && yu) {
      // Both untyped: the "larger" kind wins (int < rune < float).
      const Basic* bx = asBasic(x.type);
      const Basic* by = asBasic(y.type);
      if (bx->isNumeric() && by->isNumeric()) {
        const Type* t = bx->basic > by->basic ? x.type : y.type;
        x.type = y.type = t;
      }
    }
    return true;
  }

  Operand binaryOp(Token op, Operand x, Operand y, const BinaryExpr* e, Pos opPos) {
    Operand r = invalidOperand(e);
    if (op == Token::Shl || op == Token::Shr) return shiftOp(op, x, y, e);
    // Built only for a message: printing e at every level of a long chain is quadratic.
    auto text = [&]() -> std::string {
      return e ? exprString(e)
               : exprString(x.expr) + " " + tokenText(op) + " " + exprString(y.expr);
    };
    if (isComparison(op)) return comparison(op, x, y, e ? e->pos : opPos, false, e);
    if (!matchTypes(x, y)) {
      error(x.expr->pos, "invalid operation: " + text() + " (mismatched types " +
                             typeString(x.type) + " and " + typeString(y.type) + ")");
      return r;
    }
    if (x.invalid() || y.invalid()) return r;
    if (!identical(x.type, y.type)) {
      error(x.expr->pos, "invalid operation: " + text() + " (mismatched types " +
                             typeString(x.type) + " and " + typeString(y.type) + ")");
      return r;
    }
    const Basic* b = asBasic(x.type);
    bool ok = false;
    switch (op) {
      case Token::Add: ok = b && (b->isNumeric() || b->isString()); break;
      case Token::Sub:
      case Token::Mul:
      case Token::Quo: ok = b && b->isNumeric(); break;
      case Token::Rem:
      case Token::And:
      case Token::Or:
      case Token::Xor:
      case Token::AndNot: ok = b && b->isInteger(); break;
      case Token::LAnd:
      case Token::LOr: ok = b && b->isBoolean(); break;
      default: break;
    }
    if (!ok) {
      error(x.expr->pos, std::string("invalid operation: operator ") + tokenText(op) +
                             " not defined on " + describe(x));
      return r;
    }
    if ((op == Token::Quo || op == Token::Rem) && y.mode == Mode::Constant) {
      bool zero = (y.val.kind() == ConstValue::Kind::Int && y.val.intValue() == 0) ||
                  (y.val.kind() == ConstValue::Kind::Float && y.val.ratValue() == 0);
      if (zero && (b->isInteger() || x.mode == Mode::Constant)) {
        error(y.expr->pos, "invalid operation: division by zero");
        return r;
      }
    }
    r.type = x.type;
    if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
      r.mode = Mode::Constant;
      bool intDiv = b->isInteger();
      ConstValue xv = x.val, yv = y.val;
      if (b->isFloat()) {
        xv = ConstValue::ofFloat(xv.toRat());
        yv = ConstValue::ofFloat(yv.toRat());
      }
      r.val = ConstValue::binary(op, xv, yv, intDiv);
      if (!isUntyped(r.type)) {
        std::string reason;
        Operand probe = r;
        if (!representable(probe, b, &reason)) {
          Operand shown = r;
          if (e) shown.expr = e;
          error(x.expr->pos, describe(shown) + " overflows " + typeString(r.type));
          r.mode = Mode::Invalid;
          return r;
        }
        r.val = probe.val;
      }
      return r;
    }
    r.mode = Mode::Value;
    return r;
  }

  // Why values of type t cannot be compared with ==, in Go's words; empty if they can.
  std::string incomparableReason(const Type* t) {
    const Type* u = under(t);
    switch (u->kind) {
      case TypeKind::Slice: return "slice can only be compared to nil";
      case TypeKind::Map: return "map can only be compared to nil";
      case TypeKind::Signature: return "func can only be compared to nil";
      case TypeKind::Struct:
        for (const StructField& f : static_cast<const Struct*>(u)->fields) {
          if (!comparable(f.type)) {
            return "struct containing " + typeString(f.type) + " cannot be compared";
          }
        }
        return "";
      case TypeKind::Array:
        if (!comparable(static_cast<const Array*>(u)->elem)) {
          return typeString(t) + " cannot be compared";
        }
        return "";
      default: return "";
    }
  }

  Operand comparison(Token op, Operand x, Operand y, Pos pos, bool forSwitch,
                     const BinaryExpr* e = nullptr) {
    Operand r = invalidOperand(e);
    // Built only for a message: printing e at every level of a long chain is quadratic.
    auto text = [&]() -> std::string {
      return e ? exprString(e) : exprString(x.expr) + " == " + exprString(y.expr);
    };
    const Type* nilType = basicType(BasicKind::UntypedNil);
    auto mismatched = [&]() {
      if (forSwitch) {
        error(x.expr->pos, "invalid case " + exprString(x.expr) + " in switch on " +
                               exprString(y.expr) + " (mismatched types " + typeString(x.type) +
                               " and " + typeString(y.type) + ")");
      } else {
        error(x.expr->pos, "invalid operation: " + text() + " (mismatched types " +
                               typeString(x.type) + " and " + typeString(y.type) + ")");
      }
      return r;
    };
    bool equality = op == Token::Eql || op == Token::Neq;
    bool xNil = x.type == nilType, yNil = y.type == nilType;
    if (xNil || yNil) {
      if (xNil && yNil) {
        error(x.expr->pos, "invalid operation: " + text() + " (operator " + tokenText(op) +
                               " not defined on nil)");
        return r;
      }
      Operand& other = xNil ? y : x;
      Operand& nil = xNil ? x : y;
      if (!nillable(other.type)) {
        if (isUntyped(other.type)) return mismatched();
        error(nil.expr->pos, "invalid operation: " + text() + " (mismatched types " +
                                 typeString(x.type) + " and " + typeString(y.type) + ")");
        return r;
      }
      if (!equality) {
        error(x.expr->pos, "invalid operation: " + text() + " (operator " + tokenText(op) +
                               " not defined on nil)");
        return r;
      }
      nil.type = other.type;
      updateUntyped(nil.expr, other.type);
      r.mode = Mode::Value;
      r.type = basicType(BasicKind::UntypedBool);
      return r;
    }
    if (!matchTypes(x, y) || x.invalid() || y.invalid()) return mismatched();
    if (!identical(x.type, y.type)) {
      // An interface and a value of a type implementing it compare by dynamic value.
      std::string reason;
      bool mixed = (asInterface(x.type) && assignableType(y.type, x.type, &reason)) ||
                   (asInterface(y.type) && assignableType(x.type, y.type, &reason));
      if (!mixed || !equality) return mismatched();
    }
    if (equality) {
      for (const Operand* o : {&x, &y}) {
        std::string why = incomparableReason(o->type);
        if (!why.empty()) {
          error(x.expr->pos, "invalid operation: " + text() + " (" + why + ")");
          return r;
        }
      }
    } else {
      const Basic* b = asBasic(x.type);
      if (!b || !b->isOrdered()) {
        error(x.expr->pos, std::string("invalid operation: ") + text() + " (operator " +
                               tokenText(op) + " not defined on " + describe(x) + ")");
        return r;
      }
    }
    r.type = basicType(BasicKind::UntypedBool);
    if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
      r.mode = Mode::Constant;
      r.val = ConstValue::ofBool(ConstValue::compare(op, x.val, y.val));
    } else {
      r.mode = Mode::Value;
      // Untyped operands compared with typed ones took their type above; two untyped
      // non-constant operands (rare) take their default type.
      if (isUntyped(x.type)) {
        convertUntyped(x, defaultType(x.type));
        convertUntyped(y, defaultType(y.type));
      }
    }
    (void)pos;
    return r;
  }

  Operand shiftOp(Token op, Operand x, Operand y, const BinaryExpr* e) {
    Operand r = invalidOperand(e);
    const Basic* yb = asBasic(y.type);
    if (y.mode == Mode::Constant) {
      auto count = y.val.toInt();
      if (!count || *count < 0) {
        error(y.expr->pos, "invalid shift count " + describe(y));
        return r;
      }
      if (isUntyped(y.type)) {
        y.val = ConstValue::ofInt(*count);
        convertUntyped(y, basicType(BasicKind::Uint));
      }
    } else if (!yb || !yb->isInteger()) {
      error(y.expr->pos, "invalid operation: shift count " + describe(y) + " must be integer");
      return r;
    }
    const Basic* xb = asBasic(x.type);
    if (x.mode == Mode::Constant) {
      if (!x.val.toInt()) {
        error(x.expr->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
        return r;
      }
      if (y.mode == Mode::Constant) {
        r.mode = Mode::Constant;
        r.type = x.type;
        if (isUntyped(x.type) && !xb->isInteger()) r.type = basicType(BasicKind::UntypedInt);
        uint64_t count = y.val.uint64Value();
        if (count > 10000) {
          error(y.expr->pos, "invalid shift count " + describe(y));
          return invalidOperand(e);
        }
        r.val = ConstValue::shift(op, ConstValue::ofInt(*x.val.toInt()), count);
        if (!isUntyped(r.type)) {
          std::string reason;
          Operand probe = r;
          if (!representable(probe, asBasic(r.type), &reason)) {
            Operand shown = r;
            shown.expr = e;
            error(x.expr->pos, describe(shown) + " overflows " + typeString(r.type));
            return invalidOperand(e);
          }
        }
        return r;
      }
      if (isUntyped(x.type)) {
        // A non-constant shift of an untyped constant: the constant takes the type it
        // would have without the shift, which the context decides (`var u uint64 = 1 << s`);
        // until then the shift is an untyped value (updateUntyped), and a context that
        // makes it a float is refused there.
        shiftOperands_[x.expr] = e;
        if (isUntyped(y.type)) convertUntyped(y, basicType(BasicKind::Uint));
        r.mode = Mode::Value;
        r.type = x.type;
        return r;
      }
    }
    if (!xb || !xb->isInteger()) {
      error(x.expr->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
      return r;
    }
    if (isUntyped(y.type)) convertUntyped(y, basicType(BasicKind::Uint));
    r.mode = Mode::Value;
    r.type = x.type;
    return r;
  }

  // An index (or slice bound) operand: an integer, or a constant representable as int,
  // not negative, and below `length` when that is known (>= 0).
  bool indexValue(const Expr* ie, int64_t length, const char* what = "index") {
    Operand i = expr(ie);
    if (i.invalid()) return false;
    const Basic* ib = asBasic(i.type);
    if (!ib || !(ib->isInteger() || (i.mode == Mode::Constant && i.val.toInt()))) {
      error(i.expr->pos, std::string("invalid argument: ") + what + " " + describe(i) +
                             " must be integer");
      return false;
    }
    if (isUntyped(i.type)) convertUntyped(i, basicType(BasicKind::Int));
    if (i.mode == Mode::Constant) {
      auto v = i.val.toInt();
      if (*v < 0) {
        error(i.expr->pos, std::string("invalid argument: ") + what + " " + describe(i) +
                               " must not be negative");
        return false;
      }
      if (length >= 0 && *v >= length) {
        error(i.expr->pos, std::string("invalid argument: ") + what + " " + i.val.toString() +
                               " out of bounds [0:" + std::to_string(length) + "]");
        return false;
      }
    }
    return true;
  }

  Operand index(const IndexExpr* e) {
    Operand x = expr(e->x);
    Operand r = invalidOperand(e);
    if (x.invalid()) return r;
    if (e->indices.size() != 1) {
      unsupported(e->pos, "generic instantiations");
      return r;
    }
    if (const Slice* sl = asSliceType(x.type)) {
      if (!indexValue(e->indices[0], -1)) return r;
      r.mode = Mode::Variable;
      r.type = sl->elem;
      return r;
    }
    if (const Map* m = asMap(x.type)) {
      Operand k = expr(e->indices[0]);
      if (k.invalid()) return r;
      assignment(k, m->key, "map index");
      if (k.invalid()) return r;
      r.mode = Mode::MapIndex;
      r.type = m->elem;
      return r;
    }
    const Array* arr = asArray(x.type);
    bool arrayPointer = false;
    if (!arr) {
      if (const Pointer* p = asPointer(x.type)) {
        arr = asArray(p->elem);
        arrayPointer = arr != nullptr;
      }
    }
    if (arr) {
      if (!indexValue(e->indices[0], arr->len)) return r;
      r.mode = arrayPointer || x.mode == Mode::Variable ? Mode::Variable : Mode::Value;
      r.type = arr->elem;
      return r;
    }
    const Basic* b = asBasic(x.type);
    if (!b || !b->isString()) {
      if (x.mode == Mode::TypeExpr) {
        unsupported(e->pos, "generic instantiations");
      } else {
        error(x.expr->pos, "invalid operation: cannot index " + describe(x));
      }
      return r;
    }
    if (isUntyped(x.type)) convertUntyped(x, basicType(BasicKind::String));
    int64_t length = x.mode == Mode::Constant ? static_cast<int64_t>(x.val.stringValue().size()) : -1;
    if (!indexValue(e->indices[0], length)) return r;
    r.mode = Mode::Value;
    r.type = basicType(BasicKind::Uint8);
    return r;
  }

  Operand sliceExpr(const SliceExpr* e) {
    Operand x = expr(e->x);
    Operand r = invalidOperand(e);
    if (x.invalid()) return r;
    const Basic* b = asBasic(x.type);
    bool isString = b && b->isString();
    const Type* resultType = x.type;
    if (const Array* a = asArray(x.type)) {
      if (x.mode != Mode::Variable) {
        error(x.expr->pos, "invalid operation: " + exprString(x.expr) +
                               " (slice of unaddressable value)");
        return r;
      }
      markAddressTaken(x.expr);
      resultType = sliceOf(a->elem);
    } else if (const Pointer* p = asPointer(x.type); p && asArray(p->elem)) {
      resultType = sliceOf(asArray(p->elem)->elem);
    } else if (!isString && !asSliceType(x.type)) {
      error(x.expr->pos, "cannot slice " + describe(x));
      return r;
    }
    if (isString && e->max) {
      error(e->max->pos, "invalid operation: 3-index slice of string");
      return r;
    }
    if (isUntyped(x.type)) convertUntyped(x, basicType(BasicKind::String));
    for (const Expr* bound : {e->low, e->high, e->max}) {
      if (bound && !indexValue(bound, -1)) return r;
    }
    // Constant bounds must be in order.
    int64_t prev = -1;
    for (const Expr* bound : {e->low, e->high, e->max}) {
      if (!bound) continue;
      auto it = info_.types.find(bound);
      if (it == info_.types.end() || it->second.mode != Mode::Constant) continue;
      int64_t v = it->second.value.int64Value();
      if (v < prev) {
        error(bound->pos, "invalid slice indices: " + std::to_string(v) + " < " +
                              std::to_string(prev));
        return r;
      }
      prev = v;
    }
    r.mode = Mode::Value;
    r.type = isString ? (isUntyped(x.type) ? basicType(BasicKind::String) : x.type) : resultType;
    return r;
  }

  // T{...}; `hint` is the element type of an enclosing literal whose elements omit it
  // (for `*T` elements, `{...}` stands for `&T{...}` and the literal's type is *T).
  Operand compositeLit(const CompositeLit* lit, const Type* hint) {
    Operand r = invalidOperand(lit);
    const Type* t = nullptr;
    bool openArray = false;  // [...]T
    if (lit->type) {
      if (auto at = as<ArrayType>(lit->type); at && at->len && as<Ellipsis>(at->len)) {
        const Type* elem = typeExpr(at->elem);
        if (elem == basicType(BasicKind::Invalid)) return r;
        t = arrayOf(elem, 0);
        openArray = true;
      } else {
        t = typeExpr(lit->type);
      }
    } else {
      t = hint;
    }
    if (!t) {
      error(lit->pos, "invalid composite literal type: missing type");
      return r;
    }
    if (t == basicType(BasicKind::Invalid)) return r;
    const Type* base = t;
    if (!lit->type) {
      if (const Pointer* p = asPointer(t)) base = p->elem;
    }
    const Type* u = under(base);
    auto element = [&](const Expr* v, const Type* elemType, const char* context) {
      if (auto inner = as<CompositeLit>(v); inner && !inner->type) {
        Operand x = compositeLit(inner, elemType);
        if (!x.invalid()) record(x);
        return;
      }
      Operand x = expr(v);
      assignment(x, elemType, context);
    };
    switch (u->kind) {
      case TypeKind::Struct: {
        auto st = static_cast<const Struct*>(u);
        if (lit->elements.empty()) break;
        bool keyed = lit->elements[0].key != nullptr;
        std::set<std::string> seen;
        for (size_t i = 0; i < lit->elements.size(); ++i) {
          const KeyedElement& el = lit->elements[i];
          if ((el.key != nullptr) != keyed) {
            error(el.value->pos, "mixture of field:value and value elements in struct literal");
            return r;
          }
          if (keyed) {
            auto key = as<Ident>(el.key);
            int index = key ? st->fieldIndex(key->name) : -1;
            if (index < 0) {
              error(el.key->pos, "unknown field " + exprString(el.key) + " in struct literal of type " +
                                     typeString(base));
              expr(el.value);
              continue;
            }
            if (!seen.insert(key->name).second) {
              error(el.key->pos, "duplicate field name " + key->name + " in struct literal");
              continue;
            }
            element(el.value, st->fields[static_cast<size_t>(index)].type, "struct literal");
            continue;
          }
          if (i >= st->fields.size()) {
            error(el.value->pos, "too many values in struct literal of type " + typeString(base));
            return r;
          }
          element(el.value, st->fields[i].type, "struct literal");
        }
        if (!keyed && lit->elements.size() < st->fields.size()) {
          error(lit->rbrace, "too few values in struct literal of type " + typeString(base));
          return r;
        }
        break;
      }
      case TypeKind::Array:
      case TypeKind::Slice: {
        const Type* elemType = u->kind == TypeKind::Array ? static_cast<const Array*>(u)->elem
                                                         : static_cast<const Slice*>(u)->elem;
        int64_t limit = u->kind == TypeKind::Array && !openArray
                            ? static_cast<const Array*>(u)->len
                            : -1;
        int64_t index = 0, length = 0;
        std::set<int64_t> seen;
        for (const KeyedElement& el : lit->elements) {
          if (el.key) {
            Operand k = expr(el.key);
            if (k.invalid()) continue;
            auto v = k.mode == Mode::Constant ? k.val.toInt() : std::nullopt;
            if (!v || *v < 0) {
              error(el.key->pos, "index " + exprString(el.key) + " must be integer constant");
              continue;
            }
            if (isUntyped(k.type)) convertUntyped(k, basicType(BasicKind::Int));
            index = k.val.int64Value();
          }
          if (limit >= 0 && index >= limit) {
            error(el.value->pos, "index " + std::to_string(index) + " out of bounds [0:" +
                                     std::to_string(limit) + "]");
            return r;
          }
          if (!seen.insert(index).second) {
            error(el.key ? el.key->pos : el.value->pos,
                  "duplicate index " + std::to_string(index) + " in array or slice literal");
          }
          element(el.value, elemType, "array or slice literal");
          ++index;
          length = std::max(length, index);
        }
        if (openArray) {
          t = arrayOf(elemType, length);
          base = t;
        }
        break;
      }
      case TypeKind::Map: {
        auto m = static_cast<const Map*>(u);
        std::vector<std::pair<ConstValue, Pos>> keys;
        for (const KeyedElement& el : lit->elements) {
          if (!el.key) {
            error(el.value->pos, "missing key in map literal");
            continue;
          }
          if (auto inner = as<CompositeLit>(el.key); inner && !inner->type) {
            Operand k = compositeLit(inner, m->key);
            if (!k.invalid()) record(k);
          } else {
            Operand k = expr(el.key);
            assignment(k, m->key, "map literal");
            if (!k.invalid() && k.mode == Mode::Constant) {
              for (auto& [v, pos] : keys) {
                if (ConstValue::compare(Token::Eql, v, k.val)) {
                  error(el.key->pos, "duplicate key " + exprString(el.key) + " in map literal");
                }
              }
              keys.push_back({k.val, el.key->pos});
            }
          }
          element(el.value, m->elem, "map literal");
        }
        break;
      }
      default:
        error(lit->pos, "invalid composite literal type " + typeString(t));
        return r;
    }
    r.mode = Mode::Value;
    r.type = lit->type ? base : t;
    return r;
  }

  // ---- Calls -------------------------------------------------------------------------------

  Operand call(const CallExpr* c) {
    Operand r = invalidOperand(c);
    bool savedAllowTypes = allowTypes_;
    allowTypes_ = true;
    Operand f = expr(c->fun, true);
    allowTypes_ = savedAllowTypes;
    if (f.invalid()) {
      for (const Expr* a : c->args) expr(a);
      return r;
    }
    if (f.mode == Mode::TypeExpr) return conversion(c, f.type);
    if (f.mode == Mode::Builtin) return builtinCall(c, f.builtin->builtin);
    auto sig = asSignature(f.type);
    if (!sig) {
      error(c->pos, "invalid operation: cannot call non-function " + describe(f));
      return r;
    }
    std::vector<Operand> args;
    for (const Expr* a : c->args) args.push_back(expr(a));
    for (const Operand& a : args) {
      if (a.invalid()) return r;
    }
    // f(g()): g's results are f's arguments.
    if (args.size() == 1 && !c->hasEllipsis) {
      if (auto tuple = dynamic_cast<const Tuple*>(args[0].type)) {
        Operand first = args[0];
        args.clear();
        for (const Type* t : tuple->types) {
          Operand x = first;
          x.type = t;
          x.mode = Mode::Value;
          args.push_back(x);
        }
      }
    }
    std::string funName = exprString(c->fun);
    if (c->hasEllipsis) {
      if (!sig->variadic) {
        error(c->args.empty() ? c->pos : c->args.back()->pos,
              "have (...) but function is not variadic: " + funName);
        return r;
      }
      if (args.size() != sig->params.size()) {
        error(c->pos, std::string(args.size() < sig->params.size() ? "not enough" : "too many") +
                          " arguments in call to " + funName);
        return r;
      }
      std::string context = "argument to " + funName;
      for (size_t i = 0; i + 1 < args.size(); ++i) {
        assignment(args[i], sig->params[i], context.c_str());
      }
      assignment(args.back(), sliceOf(sig->params.back()), context.c_str());
      return callResult(c, sig);
    }
    size_t fixed = sig->variadic ? sig->params.size() - 1 : sig->params.size();
    if (args.size() < fixed || (!sig->variadic && args.size() > fixed)) {
      bool tooMany = args.size() > fixed;
      Pos at = tooMany ? c->args[fixed]->pos : (args.empty() ? c->pos : c->args.back()->pos);
      std::string have = "(";
      for (size_t i = 0; i < args.size(); ++i) {
        if (i) have += ", ";
        have += argTypeText(args[i]);
      }
      have += ")";
      error(at, std::string(tooMany ? "too many" : "not enough") + " arguments in call to " +
                    funName + "\n\thave " + have + "\n\twant " + tupleText(sig->params));
      return r;
    }
    std::string context = "argument to " + funName;
    for (size_t i = 0; i < args.size(); ++i) {
      const Type* param = sig->variadic && i >= fixed ? sig->params.back() : sig->params[i];
      assignment(args[i], param, context.c_str());
    }
    return callResult(c, sig);
  }

  Operand callResult(const CallExpr* c, const Signature* sig) {
    Operand r = invalidOperand(c);
    if (sig->results.empty()) {
      r.mode = Mode::NoValue;
      return r;
    }
    r.mode = Mode::Value;
    if (sig->results.size() == 1) {
      r.type = sig->results[0];
    } else {
      Tuple* t = newType<Tuple>();
      t->types = sig->results;
      r.type = t;
    }
    return r;
  }

  Operand conversion(const CallExpr* c, const Type* target) {
    Operand r = invalidOperand(c);
    if (c->args.size() != 1) {
      error(c->args.empty() ? c->rparen : c->args[1]->pos,
            std::string(c->args.empty() ? "missing argument" : "too many arguments") +
                " in conversion to " + typeString(target));
      return r;
    }
    Operand x = expr(c->args[0]);
    if (x.invalid()) return r;
    const Basic* to = asBasic(target);
    const Basic* from = asBasic(x.type);
    r.type = target;
    // string <-> []byte and []rune.
    auto byteOrRuneSlice = [](const Type* t) {
      const Slice* sl = asSliceType(t);
      if (!sl) return false;
      const Basic* e = asBasic(sl->elem);
      return e && (e->basic == BasicKind::Uint8 || e->basic == BasicKind::Int32);
    };
    if ((byteOrRuneSlice(target) && from && from->isString()) ||
        (to && to->isString() && byteOrRuneSlice(x.type))) {
      if (isUntyped(x.type)) convertUntyped(x, basicType(BasicKind::String));
      r.mode = Mode::Value;
      return r;
    }
    if (!isUntyped(x.type) && !asBasic(target)) {
      std::string reason;
      const Pointer* tp = asPointer(target);
      const Pointer* xp = asPointer(x.type);
      // Struct tags do not count in conversions.
      bool ok = assignableType(x.type, target, &reason) ||
                identical(under(x.type), under(target), true) ||
                (tp && xp && !asNamed(target) && !asNamed(x.type) &&
                 identical(under(tp->elem), under(xp->elem), true));
      if (!ok) {
        error(x.expr->pos, "cannot convert " + describe(x) + " to type " + typeString(target) +
                               (asInterface(target) && !reason.empty()
                                    ? ": " + reason.substr(reason.find(" does not") + 1)
                                    : ""));
        return r;
      }
      r.mode = Mode::Value;
      return r;
    }
    if (x.type == basicType(BasicKind::UntypedNil)) {
      if (!nillable(target)) {
        error(x.expr->pos, "cannot convert nil to type " + typeString(target));
        return r;
      }
      convertUntyped(x, target);
      r.mode = Mode::Value;
      return r;
    }
    if (asInterface(target)) {
      assignment(x, target, "conversion");
      if (x.invalid()) return r;
      r.mode = Mode::Value;
      return r;
    }
    if (!to || !from) {
      error(x.expr->pos, "cannot convert " + describe(x) + " to type " + typeString(target));
      return r;
    }
    if (x.mode == Mode::Constant && (from->isUntyped() || to->isNumeric() == from->isNumeric() ||
                                     (to->isString() && from->isInteger()))) {
      // Constant conversions stay constant when the value fits.
      if (to->isString() && from->isInteger()) {
        auto z = x.val.toInt();
        std::string s;
        int64_t cp = z && mpz_fits_slong_p(z->get_mpz_t()) ? z->get_si() : 0xFFFD;
        syntax::appendUtf8(s, cp < 0 || cp > 0x10FFFF ? 0xFFFD : static_cast<uint32_t>(cp));
        r.mode = Mode::Constant;
        r.val = ConstValue::ofString(s);
        // An untyped constant too big for an int (string(1<<100)) is still "\uFFFD".
        bool fits = z && mpz_fits_slong_p(z->get_mpz_t());
        if (isUntyped(x.type) && fits) convertUntyped(x, defaultType(x.type));
        return r;
      }
      bool sameKind = (to->isNumeric() && from->isNumeric()) ||
                      (to->isString() && from->isString()) ||
                      (to->isBoolean() && from->isBoolean());
      if (sameKind) {
        Operand probe = x;
        std::string reason;
        if (to->isInteger() && from->isFloat() && !x.val.toInt()) {
          error(x.expr->pos, "cannot convert " + describe(x) + " to type " + typeString(target) +
                                 " (truncated)");
          return r;
        }
        if (!representable(probe, to, &reason)) {
          error(x.expr->pos, "cannot convert " + describe(x) + " to type " + typeString(target) +
                                 " (" + (reason.empty() ? "overflows" : reason) + ")");
          return r;
        }
        if (isUntyped(x.type)) convertUntyped(x, target);
        r.mode = Mode::Constant;
        r.val = probe.val;
        return r;
      }
    }
    bool ok = (to->isNumeric() && from->isNumeric()) || (to->isString() && from->isString()) ||
              (to->isBoolean() && from->isBoolean()) || (to->isString() && from->isInteger());
    if (!ok) {
      error(x.expr->pos, "cannot convert " + describe(x) + " to type " + typeString(target));
      return r;
    }
    // An untyped value that is not constant (a shift by a variable count) takes the type
    // converted to.
    if (isUntyped(x.type)) convertUntyped(x, x.mode == Mode::Constant ? defaultType(x.type) : target);
    r.mode = Mode::Value;
    return r;
  }

  Operand makeCall(const CallExpr* c) {
    Operand r = invalidOperand(c);
    if (c->args.empty()) {
      error(c->rparen, "not enough arguments for " + exprString(c) + " (expected 1, found 0)");
      return r;
    }
    const Type* t = typeExpr(c->args[0]);
    if (t == basicType(BasicKind::Invalid)) return r;
    if (asMap(t)) {
      if (c->args.size() > 2) {
        error(c->pos, "invalid operation: " + exprString(c) + " expects 1 or 2 arguments; found " +
                          std::to_string(c->args.size()));
        return r;
      }
      if (c->args.size() == 2 && !indexValue(c->args[1], -1, "size")) return r;
      r.mode = Mode::Value;
      r.type = t;
      return r;
    }
    if (asChan(t)) {
      if (c->args.size() > 2) {
        error(c->pos, "invalid operation: " + exprString(c) + " expects 1 or 2 arguments; found " +
                          std::to_string(c->args.size()));
        return r;
      }
      if (c->args.size() == 2 && !indexValue(c->args[1], -1, "buffer size")) return r;
      r.mode = Mode::Value;
      r.type = t;
      return r;
    }
    if (!asSliceType(t)) {
      if (isKind(t, TypeKind::Basic) || isKind(t, TypeKind::Struct) ||
          isKind(t, TypeKind::Array) || isKind(t, TypeKind::Pointer) ||
          isKind(t, TypeKind::Interface) || isKind(t, TypeKind::Signature)) {
        error(c->args[0]->pos, "invalid argument: cannot make " + exprString(c->args[0]) +
                                   "; type must be slice, map, or channel");
      } else {
        unsupported(c->pos, "make of " + typeString(t));
      }
      return r;
    }
    if (c->args.size() < 2) {
      error(c->pos, "invalid operation: " + exprString(c) + " expects 2 or 3 arguments; found 1");
      return r;
    }
    if (c->args.size() > 3) {
      error(c->pos, "invalid operation: " + exprString(c) + " expects 2 or 3 arguments; found " +
                        std::to_string(c->args.size()));
      return r;
    }
    for (size_t i = 1; i < c->args.size(); ++i) {
      if (!indexValue(c->args[i], -1, "index")) return r;
    }
    if (c->args.size() == 3) {
      auto l = info_.types.find(c->args[1]);
      auto k = info_.types.find(c->args[2]);
      if (l != info_.types.end() && k != info_.types.end() && l->second.mode == Mode::Constant &&
          k->second.mode == Mode::Constant &&
          l->second.value.int64Value() > k->second.value.int64Value()) {
        error(c->args[1]->pos, "invalid argument: length and capacity swapped");
        return r;
      }
    }
    r.mode = Mode::Value;
    r.type = t;
    return r;
  }

  Operand appendCall(const CallExpr* c, std::vector<Operand>& args) {
    Operand r = invalidOperand(c);
    if (args.empty()) {
      error(c->rparen, "not enough arguments for " + exprString(c) + " (expected 1, found 0)");
      return r;
    }
    Operand& s = args[0];
    if (s.type == basicType(BasicKind::UntypedNil)) {
      error(s.expr->pos, "first argument to append must be a typed slice; have untyped nil");
      return r;
    }
    if (!asSliceType(s.type)) {
      error(s.expr->pos, "invalid argument: " + describe(s) + " (first argument to append must be a slice)");
      return r;
    }
    const Type* elem = asSliceType(s.type)->elem;
    if (c->hasEllipsis) {
      if (args.size() != 2) {
        error(c->pos, "can only use ... with final argument in list");
        return r;
      }
      Operand& rest = args[1];
      const Basic* eb = asBasic(elem);
      const Basic* rb = asBasic(rest.type);
      if (eb && eb->basic == BasicKind::Uint8 && rb && rb->isString()) {
        if (isUntyped(rest.type)) convertUntyped(rest, basicType(BasicKind::String));
      } else {
        assignment(rest, s.type, "append");
        if (rest.invalid()) return r;
      }
    } else {
      for (size_t i = 1; i < args.size(); ++i) {
        assignment(args[i], elem, "argument to append");
        if (args[i].invalid()) return r;
      }
    }
    r.mode = Mode::Value;
    r.type = s.type;
    return r;
  }

  Operand builtinCall(const CallExpr* c, Builtin b) {
    Operand r = invalidOperand(c);
    if (b == Builtin::Make) return makeCall(c);
    if (b == Builtin::New) {
      if (c->args.size() != 1) {
        error(c->args.empty() ? c->rparen : c->args[1]->pos,
              std::string(c->args.empty() ? "not enough" : "too many") + " arguments for " +
                  exprString(c) + " (expected 1, found " + std::to_string(c->args.size()) + ")");
        return r;
      }
      const Type* t = typeExpr(c->args[0]);
      if (t == basicType(BasicKind::Invalid)) return r;
      r.mode = Mode::Value;
      r.type = pointerTo(t);
      return r;
    }
    if (c->hasEllipsis && b != Builtin::Append) {
      error(c->pos, "invalid operation: invalid use of ... with built-in " + exprString(c->fun));
      for (const Expr* a : c->args) expr(a);
      return r;
    }
    std::string name = exprString(c->fun);
    std::vector<Operand> args;
    for (const Expr* a : c->args) args.push_back(expr(a));
    for (const Operand& a : args) {
      if (a.invalid()) return r;
    }
    // b(f()): each of f's results is an argument, as for any call (their expr is the call).
    if (args.size() == 1) {
      if (auto tuple = dynamic_cast<const Tuple*>(args[0].type)) {
        Operand call = args[0];
        args.clear();
        for (const Type* t : tuple->types) {
          Operand result = call;
          result.mode = Mode::Value;
          result.type = t;
          args.push_back(result);
        }
      }
    }
    auto wantArgs = [&](size_t n) {
      if (args.size() < n) {
        error(c->rparen, "not enough arguments for " + exprString(c) + " (expected " +
                             std::to_string(n) + ", found " + std::to_string(args.size()) + ")");
        return false;
      }
      if (args.size() > n) {
        error(args[n].expr->pos, "too many arguments for " + exprString(c) + " (expected " +
                                   std::to_string(n) + ", found " + std::to_string(args.size()) +
                                   ")");
        return false;
      }
      return true;
    };
    switch (b) {
      case Builtin::Append: return appendCall(c, args);
      case Builtin::Make: return r;
      case Builtin::Copy: {
        if (!wantArgs(2)) return r;
        Operand& dst = args[0];
        Operand& src = args[1];
        const Basic* sb = asBasic(src.type);
        const Slice* ds = asSliceType(dst.type);
        const Slice* ss = asSliceType(src.type);
        bool ok = ds && ((ss && identical(ds->elem, ss->elem)) ||
                         (sb && sb->isString() && asBasic(ds->elem) == basicType(BasicKind::Uint8)));
        if (!ok) {
          error(c->pos, "invalid argument: copy expects slice arguments; found " + describe(dst) +
                            " and " + describe(src));
          return r;
        }
        if (isUntyped(src.type)) convertUntyped(src, basicType(BasicKind::String));
        r.mode = Mode::Value;
        r.type = basicType(BasicKind::Int);
        return r;
      }
      case Builtin::Cap:
      case Builtin::Len: {
        if (!wantArgs(1)) return r;
        const Type* at = args[0].type;
        if (const Pointer* p = asPointer(at); p && asArray(p->elem)) at = p->elem;
        r.type = basicType(BasicKind::Int);
        if (const Array* a = asArray(at)) {
          const Expr* x = unparen(c->args[0]);
          if (as<Ident>(x) || as<SelectorExpr>(x)) {
            r.mode = Mode::Constant;
            r.val = ConstValue::ofInt64(a->len);
          } else {
            r.mode = Mode::Value;
          }
          return r;
        }
        if (asSliceType(at) || asChan(at) || (b == Builtin::Len && asMap(at))) {
          r.mode = Mode::Value;
          return r;
        }
        const Basic* t = asBasic(args[0].type);
        if (b == Builtin::Cap || !t || !t->isString()) {
          error(c->args[0]->pos, "invalid argument: " + describe(args[0]) + " for built-in " +
                                     name);
          return r;
        }
        if (args[0].mode == Mode::Constant) {
          r.mode = Mode::Constant;
          r.val = ConstValue::ofInt64(static_cast<int64_t>(args[0].val.stringValue().size()));
          convertUntyped(args[0], basicType(BasicKind::String));
          return r;
        }
        r.mode = Mode::Value;
        return r;
      }
      case Builtin::Print:
      case Builtin::Println:
        for (Operand& a : args) {
          if (isUntyped(a.type)) {
            if (a.type == basicType(BasicKind::UntypedNil)) {
              error(a.expr->pos, "use of untyped nil in argument to built-in " + name);
              return r;
            }
            context_ = "argument to built-in " + name;
            convertUntyped(a, defaultType(a.type));
          }
          if (!a.invalid() && (isKind(a.type, TypeKind::Struct) || isKind(a.type, TypeKind::Array))) {
            // The runtime prints only basic and reference values.
            error(c->lparen, "illegal types for operand: print\n\t" + typeString(a.type));
          }
        }
        r.mode = Mode::NoValue;
        return r;
      case Builtin::Delete: {
        if (args.size() != 2) {
          if (args.size() < 2) {
            error(c->rparen, "not enough arguments for " + exprString(c) + " (expected 2, found " +
                                 std::to_string(args.size()) + ")");
          } else {
            error(args[2].expr->pos, "too many arguments for " + exprString(c) +
                                       " (expected 2, found " + std::to_string(args.size()) + ")");
          }
          return r;
        }
        const Map* m = asMap(args[0].type);
        if (!m) {
          error(c->args[0]->pos, "invalid argument: " + describe(args[0]) + " is not a map");
          return r;
        }
        assignment(args[1], m->key, "argument to delete");
        r.mode = Mode::NoValue;
        return r;
      }
      case Builtin::Clear: {
        if (!wantArgs(1)) return r;
        if (!asMap(args[0].type) && !asSliceType(args[0].type)) {
          error(c->args[0]->pos, "invalid argument: " + describe(args[0]) +
                                     " cannot be cleared");
          return r;
        }
        r.mode = Mode::NoValue;
        return r;
      }
      case Builtin::Close: {
        if (!wantArgs(1)) return r;
        const Chan* ch = asChan(args[0].type);
        if (!ch) {
          error(c->args[0]->pos, "invalid operation: cannot close non-channel " + describe(args[0]));
          return r;
        }
        if (ch->dir == check::ChanDir::Recv) {
          error(c->args[0]->pos,
                "invalid operation: cannot close receive-only channel " + describe(args[0]));
          return r;
        }
        r.mode = Mode::NoValue;
        return r;
      }
      case Builtin::Recover:
        if (!wantArgs(0)) return r;
        r.mode = Mode::Value;
        r.type = anyType();
        return r;
      case Builtin::New: return r;
      case Builtin::Panic:
        if (!wantArgs(1)) return r;
        assignment(args[0], anyType(), "argument to panic");
        r.mode = Mode::NoValue;
        return r;
      case Builtin::Min:
      case Builtin::Max: {
        if (args.empty()) {
          error(c->rparen, "not enough arguments for " + exprString(c) +
                               " (expected 1, found 0)");
          return r;
        }
        Operand acc = args[0];
        for (size_t i = 1; i < args.size(); ++i) {
          Operand y = args[i];
          if (!matchTypes(acc, y) || acc.invalid() || y.invalid() || !identical(acc.type, y.type)) {
            error(args[i].expr->pos, "invalid argument: mismatched types " +
                                         typeString(acc.type) + " (previous argument) and " +
                                         typeString(y.type) + " (type of " +
                                         exprString(args[i].expr) + ")");
            return r;
          }
          if (acc.mode == Mode::Constant && y.mode == Mode::Constant) {
            bool less = ConstValue::compare(Token::Lss, y.val, acc.val);
            if ((b == Builtin::Min) == less) acc.val = y.val;
          } else {
            acc.mode = Mode::Value;
          }
        }
        const Basic* t = asBasic(acc.type);
        if (!t || !t->isOrdered()) {
          error(c->args[0]->pos, "invalid argument: " + describe(args[0]) +
                                     " cannot be ordered");
          return r;
        }
        if (acc.mode != Mode::Constant) {
          for (Operand& a : args) {
            if (isUntyped(a.type)) convertUntyped(a, acc.type);
          }
        }
        r.mode = acc.mode == Mode::Constant ? Mode::Constant : Mode::Value;
        r.type = acc.type;
        r.val = acc.val;
        return r;
      }
    }
    return r;
  }

  Importer& importer_;
  Diagnostics* diags_;  // the REPL points it at each input's diagnostics
  Info& info_;
  bool script_ = false;
  bool allowTypes_ = false;
  std::string context_;
  Scope universe_;
  Scope fileScope_;
  Scope packageScope_;
  Scope* scope_ = nullptr;
  FuncContext* fn_ = nullptr;
  int scriptLitCount_ = 0;
  Object* iota_ = nullptr;
  int iotaValue_ = -1;
  std::vector<PendingDecl> pending_;
  std::vector<PendingType> pendingTypes_;
  size_t resolvedTypes_ = 0;
  std::vector<PendingEmbedded> pendingEmbedded_;
  // The names' types of package-level specs with one value for several names.
  std::map<const ValueSpec*, std::vector<const Type*>> multiValueGlobals_;
  // Untyped constants shifted by a non-constant count: their type must be an integer.
  std::map<const Expr*, const BinaryExpr*> shiftOperands_;
  std::vector<const FuncDecl*> methodDecls_;
  std::vector<MethodDecl> methods_;
  std::set<const GenDecl*> scriptTypeDecls_;
  // The REPL: one package scope across inputs; a failed input's changes are undone.
  bool repl_ = false;
  size_t replMethodsStart_ = 0;
  struct MethodChange {
    Named* named;
    size_t index;
    std::optional<Method> old;  // none: the method was appended
  };
  std::vector<MethodChange> methodUndo_;
};

}  // namespace

// The checker's universe is built once; each input brings its own diagnostics.
struct ReplSession::Impl {
  Impl(Importer& importer, Info& info) : none("", ""), initial(none), checker(importer, initial, info) {}
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

bool checkFile(const File* file, Importer& importer, Diagnostics& diags, Info& info) {
  size_t before = diags.size();
  Checker checker(importer, diags, info);
  checker.fileName_ = diags.fileName();
  checker.checkFile(file);
  return diags.size() == before;
}

}  // namespace gol::check
