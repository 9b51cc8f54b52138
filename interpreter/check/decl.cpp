// Declarations: named types (resolved in any order, cycles refused), methods, and
// package-level constants and variables, each checked when first needed.
#include "interpreter/check/checker_impl.h"

namespace gol::check {

Object* Checker::declareType(const TypeSpec* spec, Scope& scope) {
  Object obj{Object::Kind::TypeName, spec->name->name};
  obj.pos = spec->name->pos;
  if (!spec->typeParams.empty()) {
    if (spec->isAlias) {
      error(spec->name->pos, "generic type alias requires GOEXPERIMENT=aliastypeparams");
      return nullptr;
    }
    obj.genericSpec = spec;
    if (!declaringPackage_) genericDecls_.push_back(spec);
    Object* o = newObject(obj);
    declare(scope, spec->name, o);
    // A type declared in a function is instantiated only while that function's body is
    // checked, so its instances may be made in that (stack-owned) scope.
    if (&scope != &packageScope_) homeScopes_[o] = &scope;
    return o;
  }
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

PendingType* Checker::pendingTypeFor(const Object* obj) {
  for (PendingType& p : pendingTypes_) {
    if (p.obj == obj) return &p;
  }
  return nullptr;
}

void Checker::resolveType(PendingType& p) {
  if (p.state == PendingType::State::Done) return;
  if (p.state == PendingType::State::Checking) {
    error(p.obj->pos, "invalid recursive type " + p.obj->name);
    if (p.spec->isAlias) p.obj->type = basicType(BasicKind::Invalid);
    return;
  }
  p.state = PendingType::State::Checking;
  Scope* savedScope = scope_;
  constraintContext_ = true;  // `type C comparable` names a constraint
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

// Go's rules for an embedded field's type T or *T; false after reporting a violation.
bool Checker::checkEmbedded(const PendingEmbedded& e) {
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

void Checker::resolveTypes() {
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

bool Checker::containsItself(const Named* target, const Type* t, std::vector<const Named*>& stack) {
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

void Checker::declareMethod(const FuncDecl* f) {
  const Expr* te = unparen(f->recv->type);
  bool pointer = false;
  if (auto star = as<StarExpr>(te)) {
    pointer = true;
    te = unparen(star->x);
  }
  if (auto base = as<IndexExpr>(te)) {
    declareGenericMethod(f, base, pointer);
    return;
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
  if (o->isGenericType()) {
    error(id->pos, "cannot use generic type " + id->name +
                       typeParamText(o->genericSpec->typeParams) + " without instantiation");
    return;
  }
  const Named* named = asNamed(o->type);
  const std::string here = declaringPackagePath_ ? *declaringPackagePath_ : "main";
  if (!named || named->pkg != here) {
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
                              "redeclare type " +
                              named->name + " to change it");
      return;
    }
    // A Gol package's methods stay when a REPL input fails: the package stays loaded.
    bool undoable = !declaringPackagePath_;
    if (old != mutableNamed->methods.end()) {  // an earlier REPL input's method
      if (undoable) {
        methodUndo_.push_back(
            {mutableNamed, static_cast<size_t>(old - mutableNamed->methods.begin()), *old});
      }
      *old = m;
    } else {
      if (undoable)
        methodUndo_.push_back({mutableNamed, mutableNamed->methods.size(), std::nullopt});
      mutableNamed->methods.push_back(m);
    }
  }
  methods_.push_back(MethodDecl{f, named, pointer, sig});
}

void Checker::methodBodies(size_t first) {
  for (size_t i = first; i < methods_.size(); ++i) {
    // A copy: checking a body may add methods (of new instances of generic types).
    const MethodDecl m = methods_[i];
    FuncInfo& fi = info_.funcs[m.decl];
    // Go's traces write an instance's methods as main.(*List[...]).Push.
    std::string recvName = m.recv->name + (m.recv->typeArgs.empty() ? "" : "[...]");
    fi.name = m.pointerRecv ? m.recv->pkg + ".(*" + recvName + ")." + m.decl->name->name
                            : m.recv->pkg + "." + recvName + "." + m.decl->name->name;
    fi.recv = m.recv;
    if (!m.decl->body) {
      error(m.decl->name->pos, "missing function body");
      continue;
    }
    const Type* recvType = m.pointerRecv ? static_cast<const Type*>(pointerTo(m.recv)) : m.recv;
    refs_ = script_ || repl_ ? nullptr : &initRefs_[m.decl];
    Scope* savedInstance = std::exchange(instanceScope_, m.typeParams);
    int savedDepth = std::exchange(instanceDepth_, m.depth + 1);
    bool savedIn = std::exchange(inInstance_, m.typeParams != nullptr);
    checkBody(fi, m.decl->type, m.decl->body, m.sig, nullptr, m.decl->recv, recvType);
    instanceScope_ = savedInstance;
    instanceDepth_ = savedDepth;
    inInstance_ = savedIn;
    refs_ = nullptr;
  }
}

// A script's functions, types and methods, declared before its statements are checked.
// Returns the functions (not methods), whose bodies are checked last.
std::vector<std::pair<Object*, const FuncDecl*>> Checker::declareScriptItems(const File* file) {
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

void Checker::checkScript(const File* file) {
  std::vector<std::pair<Object*, const FuncDecl*>> funcs = declareScriptItems(file);
  // Top-level statements run in order; the variables they declare are globals, so
  // the script's functions can use them.
  FuncContext top;
  top.isScript = true;
  top.info = &info_.scriptFrames[file];
  top.info->name = "main.main";
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
  checkPendingBodies();
}

bool Checker::replInput(const File* file, Diagnostics& diags, ReplInput* out) {
  diags_ = &diags;
  fileName_ = diags.fileName();
  size_t errorsBefore = diags.size();
  auto savedPackage = packageScope_.names;
  auto savedFile = fileScope_.names;
  size_t methodsBefore = methods_.size();
  size_t litsBefore = info_.litOrder.size();
  size_t instancesBefore = instances_.size();
  size_t instanceBodiesBefore = funcInstanceBodies_.size();
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
  top.info = &info_.scriptFrames[file];
  top.info->name = "main.main";
  out->frame = top.info;
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
  checkPendingBodies(methodsBefore);
  for (size_t i = methodsBefore; i < methods_.size(); ++i) out->funcs.push_back(methods_[i].decl);
  for (size_t i = instanceBodiesBefore; i < funcInstanceBodies_.size(); ++i) {
    out->funcs.push_back(funcInstanceBodies_[i].decl);
  }
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
  // Instances made by the failed input are forgotten: their bodies were never compiled.
  instances_.resize(instancesBefore);
  funcInstanceBodies_.resize(instanceBodiesBefore);
  funcInstanceBodiesDone_ = instanceBodiesBefore;
  *out = ReplInput{};
  return false;
}

// :type EXPR: the expression's type, checked in the session's scope; nothing is kept.
bool Checker::replTypeOf(const Expr* e, Diagnostics& diags, std::string* text) {
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
std::vector<std::string> Checker::replNames(const std::string& pkgName) {
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
      return names;
    }
    // A variable of the session: its fields and methods (promoted ones too), as `x.` may
    // select them.
    auto it = packageScope_.names.find(pkgName);
    if (it != packageScope_.names.end() && it->second->kind == Object::Kind::Var) {
      selectableNames(it->second->type, names, 0);
    }
    return names;
  }
  for (const Scope* sc : {&packageScope_, &fileScope_, &universe_}) {
    for (auto& [name, obj] : sc->names) names.push_back(name);
  }
  return names;
}

namespace {
// One declaration as :doc and :env show it: `func f(int) int`, `var x []string`, `type P
// struct{X int}`, `const c untyped int = 3`.
std::string declarationText(const std::string& qualified, const Object& o) {
  switch (o.kind) {
    case Object::Kind::Func: {
      std::string sig = o.type ? typeString(o.type) : "func()";
      return "func " + qualified + sig.substr(std::string("func").size());
    }
    case Object::Kind::Var: return "var " + qualified + " " + typeString(o.type);
    case Object::Kind::Const: {
      return "const " + qualified + " " + typeString(o.type) + " = " + o.value.toString();
    }
    case Object::Kind::TypeName: {
      auto n = dynamic_cast<const Named*>(o.type);
      return "type " + qualified + " " + typeString(n ? n->underlying : o.type);
    }
    case Object::Kind::PkgName: return "package " + qualified;
    case Object::Kind::Builtin: return "func " + qualified + " (built-in)";
    case Object::Kind::Nil: return "nil (predeclared)";
  }
  return qualified;
}
}  // namespace

bool Checker::replDescribe(const std::string& name, std::string* text, std::string* pkgPath) {
  size_t dot = name.find('.');
  if (dot != std::string::npos) {
    std::string pkgName = name.substr(0, dot), member = name.substr(dot + 1);
    const Package* pkg = nullptr;
    if (auto it = fileScope_.names.find(pkgName); it != fileScope_.names.end()) {
      pkg = it->second->package;
    } else if (!packageScope_.names.count(pkgName)) {
      pkg = importer_.importByName(pkgName);
    }
    if (!pkg) return false;
    auto m = pkg->members.find(member);
    if (m == pkg->members.end()) return false;
    *text = declarationText(name, m->second);
    *pkgPath = pkg->path;
    return true;
  }
  for (const Scope* sc : {&packageScope_, &fileScope_, &universe_}) {
    if (auto it = sc->names.find(name); it != sc->names.end()) {
      *text = declarationText(name, *it->second);
      pkgPath->clear();
      return true;
    }
  }
  return false;
}

std::string Checker::replDeclarations() {
  std::vector<std::pair<std::string, std::string>> lines;
  for (auto& [name, obj] : packageScope_.names) {
    if (name == "_") continue;
    lines.emplace_back(name, declarationText(name, *obj));
  }
  for (auto& [name, obj] : fileScope_.names) {
    if (obj->kind == Object::Kind::PkgName) {
      lines.emplace_back(name, "import \"" + obj->package->path + "\"");
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (auto& [name, line] : lines) out += line + "\n";
  return out;
}

// The names x.NAME may select for an x of type t: fields, methods (of T and *T: a variable
// is addressable), and those promoted from embedded fields.
void Checker::selectableNames(const Type* t, std::vector<std::string>& names, int depth) {
  if (!t || depth > 8) return;
  if (auto p = asPointer(t)) t = p->elem;
  if (auto n = dynamic_cast<const Named*>(t)) {
    for (const Method& m : n->methods) names.push_back(m.name);
  }
  if (auto i = asInterface(t)) {
    for (const Method& m : i->methods) names.push_back(m.name);
  }
  if (auto st = asStruct(t)) {
    for (const StructField& f : st->fields) {
      names.push_back(f.name);
      if (f.embedded) selectableNames(f.type, names, depth + 1);
    }
  }
}

// A lone expression at the prompt: its values are echoed; a call without results is
// an ordinary statement.
// A call of fmt.Print, Println or Printf: the REPL runs it without echoing its results
// (the bytes written and an error), which would only repeat what it printed.
bool Checker::printsToStdout(const Expr* e) {
  auto call = as<CallExpr>(unparen(e));
  auto sel = call ? as<SelectorExpr>(call->fun) : nullptr;
  auto it = sel ? info_.uses.find(sel->sel) : info_.uses.end();
  if (it == info_.uses.end()) return false;
  const Object* f = it->second;
  return f->kind == Object::Kind::Func && f->package && f->package->path == "fmt" &&
         (f->name == "Print" || f->name == "Println" || f->name == "Printf");
}

void Checker::echoOrStatement(const ExprStmt* s, ReplInput* out) {
  Operand x = expr(s->x, /*allowNoValue=*/true);
  if (x.invalid()) return;
  if (x.mode == Mode::NoValue || printsToStdout(s->x)) {
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

void Checker::resolvePending(PendingDecl& p) {
  if (p.state == PendingDecl::State::Done) return;
  if (p.state == PendingDecl::State::Checking) {
    if (p.obj->kind == Object::Kind::Var) {
      initLoop(p.obj);
    } else {
      error(p.obj->pos, "initialization cycle or invalid recursive reference to " + p.obj->name);
    }
    p.obj->type = basicType(BasicKind::Invalid);
    return;
  }
  p.state = PendingDecl::State::Checking;
  Scope* savedScope = scope_;
  FuncContext* savedFn = fn_;
  InitRefs* savedRefs = refs_;
  scope_ = &packageScope_;
  fn_ = nullptr;
  if (p.obj->kind == Object::Kind::Const) {
    refs_ = nullptr;
    constSpec(p.spec, p.index, p.obj);
  } else {
    refs_ = script_ ? nullptr : &initRefs_[p.spec];
    resolving_.push_back(p.obj);
    globalVarSpec(p);
    resolving_.pop_back();
  }
  scope_ = savedScope;
  fn_ = savedFn;
  refs_ = savedRefs;
  p.state = PendingDecl::State::Done;
}

PendingDecl* Checker::pendingFor(const Object* obj) {
  for (PendingDecl& p : pending_) {
    if (p.obj == obj) return &p;
  }
  return nullptr;
}

void Checker::globalVarType(PendingDecl& p) {
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
      error(spec->values[0]->pos,
            "assignment mismatch: " + countText(spec->names.size(), "variable") + " but " +
                countText(spec->values.size(), "value"));
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
const Type* Checker::varTypeFrom(Operand& x, const Type* declared, const char* context) {
  if (x.invalid()) return declared ? declared : basicType(BasicKind::Invalid);
  if (x.mode == Mode::NoValue) {
    error(x.expr->pos, exprString(x.expr) + " (no value) used as value");
    return basicType(BasicKind::Invalid);
  }
  if (x.mode == Mode::Builtin) {  // x := len
    error(x.expr->pos, exprString(x.expr) + " (built-in) must be called");
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

void Checker::constSpec(const ValueSpec* spec, size_t index, Object* obj) {
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

}  // namespace gol::check
