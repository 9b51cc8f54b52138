#include "interpreter/check/checker.h"

#include "interpreter/syntax/printer.h"

namespace gol::check {

using namespace gol::syntax;

namespace {

// Human name of a construct the checker does not support yet, for the error.
const char* constructName(NodeKind k) {
  switch (k) {
    case NodeKind::CompositeLit: return "composite literals";
    case NodeKind::FuncLit: return "function literals";
    case NodeKind::IndexExpr: return "index expressions";
    case NodeKind::SliceExpr: return "slice expressions";
    case NodeKind::TypeAssertExpr: return "type assertions";
    case NodeKind::StarExpr: return "pointers";
    case NodeKind::BinaryExpr: return "binary expressions";
    case NodeKind::ArrayType:
    case NodeKind::StructType:
    case NodeKind::FuncType:
    case NodeKind::InterfaceType:
    case NodeKind::MapType:
    case NodeKind::ChanType: return "type expressions";
    case NodeKind::DeclStmt: return "declarations in functions";
    case NodeKind::LabeledStmt: return "labels";
    case NodeKind::SendStmt: return "channel sends";
    case NodeKind::IncDecStmt: return "increment and decrement statements";
    case NodeKind::AssignStmt: return "assignments";
    case NodeKind::GoStmt: return "go statements";
    case NodeKind::DeferStmt: return "defer statements";
    case NodeKind::ReturnStmt: return "return statements";
    case NodeKind::BranchStmt: return "break, continue, goto and fallthrough";
    case NodeKind::BlockStmt: return "nested blocks";
    case NodeKind::IfStmt: return "if statements";
    case NodeKind::SwitchStmt: return "switch statements";
    case NodeKind::TypeSwitchStmt: return "type switches";
    case NodeKind::SelectStmt: return "select statements";
    case NodeKind::ForStmt:
    case NodeKind::RangeStmt: return "for statements";
    default: return "this construct";
  }
}

class Checker {
 public:
  Checker(Importer& importer, Diagnostics& diags, Info& info)
      : importer_(importer), diags_(diags), info_(info) {
    addUniverse("true", ConstValue::ofBool(true));
    addUniverse("false", ConstValue::ofBool(false));
  }

  void checkFile(const File* file) {
    script_ = file->isScript;
    if (!script_ && file->packageName->name != "main") {
      error(file->packageName->pos, "package " + file->packageName->name +
                                        " is not a main package: gol runs only package main");
      return;
    }
    for (const GenDecl* d : file->imports) importDecl(d);

    std::vector<const FuncDecl*> funcs;
    auto declare = [&](const FuncDecl* f) {
      if (f->recv) {
        unsupported(f->pos, "methods");
        return;
      }
      if (!f->type->typeParams.empty()) {
        unsupported(f->pos, "generic functions");
        return;
      }
      if (f->name->name == "init" || f->name->name == "_") {
        unsupported(f->pos, "init functions");
        return;
      }
      if (auto prev = lookupPackageLevel(f->name->name)) {
        error(f->name->pos, f->name->name + " redeclared in this block\n\t" + posText(prev->pos) +
                                ": other declaration of " + f->name->name);
        return;
      }
      Object obj{Object::Kind::Func, f->name->name};
      obj.pos = f->name->pos;
      obj.decl = f;
      obj.type = signature(f->type);
      packageScope_.emplace(f->name->name, newObject(obj));
      funcs.push_back(f);
    };
    if (script_) {
      for (const Node* n : file->script) {
        if (auto f = as<FuncDecl>(n)) declare(f);
      }
    } else {
      for (const Decl* d : file->decls) {
        if (auto f = as<FuncDecl>(d)) {
          declare(f);
        } else {
          unsupported(d->pos, "const, var and type declarations");
        }
      }
    }

    auto mainIt = packageScope_.find("main");
    if (mainIt != packageScope_.end()) {
      const FuncDecl* main = mainIt->second->decl;
      info_.mainFunc = main;
      if (!main->type->params.empty() || !main->type->results.empty()) {
        error(main->name->pos, "func main must have no arguments and no return values");
      }
    } else if (!script_) {
      error(Pos{1, 1}, "function main is undeclared in the main package");
    }

    for (const FuncDecl* f : funcs) {
      if (!f->body) {
        error(f->name->pos, "missing function body");
        continue;
      }
      for (const Stmt* s : f->body->list) stmt(s);
    }
    if (script_) {
      for (const Node* n : file->script) {
        if (auto s = dynamic_cast<const Stmt*>(n)) {
          stmt(s);
          info_.scriptStmts.push_back(s);
        }
      }
    }

    if (!script_) {
      for (auto& [name, obj] : fileScope_) {
        if (obj->kind == Object::Kind::PkgName && !obj->used && obj->pos.valid()) {
          error(obj->pos, "\"" + obj->package->path + "\" imported and not used");
        }
      }
    }
  }

 private:
  void error(Pos pos, std::string msg) { diags_.error(pos, std::move(msg)); }
  void unsupported(Pos pos, const std::string& what) {
    error(pos, what + " are not supported by Gol yet");
  }
  std::string posText(Pos p) const {
    return std::to_string(p.line) + ":" + std::to_string(p.col);
  }

  Object* newObject(Object obj) {
    info_.objects.push_back(std::make_unique<Object>(std::move(obj)));
    return info_.objects.back().get();
  }

  void addUniverse(const std::string& name, ConstValue v) {
    Object obj{Object::Kind::Const, name};
    obj.type = basicType(BasicKind::UntypedBool);
    obj.value = std::move(v);
    universe_.emplace(name, newObject(obj));
  }

  const Object* lookupPackageLevel(const std::string& name) {
    auto it = packageScope_.find(name);
    if (it != packageScope_.end()) return it->second;
    auto f = fileScope_.find(name);
    if (f != fileScope_.end()) return f->second;
    return nullptr;
  }

  Object* lookup(const std::string& name) {
    if (auto it = fileScope_.find(name); it != fileScope_.end()) return it->second;
    if (auto it = packageScope_.find(name); it != packageScope_.end()) return it->second;
    if (auto it = universe_.find(name); it != universe_.end()) return it->second;
    return nullptr;
  }

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
      if (fileScope_.count(name)) {
        error(spec->pos, name + " redeclared in this block");
        continue;
      }
      fileScope_.emplace(name, newObject(obj));
    }
  }

  const Signature* signature(const FuncType* t) {
    auto sig = std::make_unique<Signature>();
    if (!t->params.empty() || !t->results.empty()) {
      unsupported(t->pos, "function parameters and results");
    }
    const Signature* raw = sig.get();
    info_.ownedTypes.push_back(std::move(sig));
    return raw;
  }

  void stmt(const Stmt* s) {
    switch (s->kind) {
      case NodeKind::EmptyStmt:
        return;
      case NodeKind::ExprStmt: {
        const Expr* x = static_cast<const ExprStmt*>(s)->x;
        TypeAndValue tv = expr(x);
        if (tv.mode == Mode::NoValue && !as<CallExpr>(unparen(x))) return;
        if (as<CallExpr>(unparen(x)) || tv.mode == Mode::NoValue) return;
        if (tv.type == nullptr) return;  // already reported
        error(x->pos, describe(x, tv) + " is not used");
        return;
      }
      default:
        unsupported(s->pos, constructName(s->kind));
    }
  }

  static const Expr* unparen(const Expr* e) {
    while (auto p = as<ParenExpr>(e)) e = p->x;
    return e;
  }

  // `x (untyped int constant)`, `x (value of type int)` as go/types describes operands.
  std::string describe(const Expr* x, const TypeAndValue& tv) {
    std::string text = exprString(x);
    if (tv.mode == Mode::Constant) {
      auto b = dynamic_cast<const Basic*>(tv.type);
      std::string kind = b && b->isUntyped() ? typeString(tv.type) + " constant"
                                             : "constant of type " + typeString(tv.type);
      std::string value = constantText(tv.value);
      if (value != text) return text + " (" + kind + " " + value + ")";
      return text + " (" + kind + ")";
    }
    if (tv.mode == Mode::TypeExpr) return text + " (type)";
    return text + " (value of type " + typeString(tv.type) + ")";
  }

  static std::string constantText(const ConstValue& v) {
    switch (v.kind) {
      case ConstValue::Kind::Bool: return v.b ? "true" : "false";
      case ConstValue::Kind::Int: return std::to_string(v.i);
      case ConstValue::Kind::String: {
        std::string out = "\"";
        for (char c : v.s) {
          if (c == '"' || c == '\\') out += '\\';
          out += c;
        }
        return out + "\"";
      }
      case ConstValue::Kind::Float: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", v.f);
        return buf;
      }
    }
    return "";
  }

  TypeAndValue record(const Expr* e, TypeAndValue tv) {
    info_.types[e] = tv;
    return tv;
  }

  TypeAndValue invalid() { return TypeAndValue{Mode::NoValue, nullptr, {}}; }

  TypeAndValue expr(const Expr* e) {
    switch (e->kind) {
      case NodeKind::BasicLit: return basicLit(static_cast<const BasicLit*>(e));
      case NodeKind::ParenExpr: {
        TypeAndValue tv = expr(static_cast<const ParenExpr*>(e)->x);
        return record(e, tv);
      }
      case NodeKind::Ident: return ident(static_cast<const Ident*>(e));
      case NodeKind::UnaryExpr: return unary(static_cast<const UnaryExpr*>(e));
      case NodeKind::CallExpr: return call(static_cast<const CallExpr*>(e));
      case NodeKind::SelectorExpr: {
        unsupported(e->pos, "selectors other than package members");
        return invalid();
      }
      default:
        unsupported(e->pos, constructName(e->kind));
        return invalid();
    }
  }

  TypeAndValue basicLit(const BasicLit* lit) {
    TypeAndValue tv{Mode::Constant, nullptr, {}};
    switch (lit->litKind) {
      case LitKind::Int: {
        auto v = parseIntLiteral(lit->raw);
        if (!v) {
          error(lit->pos, "cannot use " + lit->raw +
                              " (untyped int constant) as int value in this context (overflows)");
          return invalid();
        }
        tv.type = basicType(BasicKind::UntypedInt);
        tv.value = ConstValue::ofInt(*v);
        break;
      }
      case LitKind::Float:
        tv.type = basicType(BasicKind::UntypedFloat);
        tv.value = ConstValue::ofFloat(parseFloatLiteral(lit->raw));
        break;
      case LitKind::Rune:
        tv.type = basicType(BasicKind::UntypedRune);
        tv.value = ConstValue::ofInt(lit->rune);
        break;
      case LitKind::String:
        tv.type = basicType(BasicKind::UntypedString);
        tv.value = ConstValue::ofString(lit->decoded);
        break;
      case LitKind::Imag:
        unsupported(lit->pos, "complex numbers");
        return invalid();
    }
    return record(lit, tv);
  }

  TypeAndValue ident(const Ident* id) {
    if (id->name == "_") {
      error(id->pos, "cannot use _ as value");
      return invalid();
    }
    Object* obj = lookup(id->name);
    if (!obj && script_) obj = autoImport(id->name);
    if (!obj) {
      error(id->pos, "undefined: " + id->name);
      return invalid();
    }
    obj->used = true;
    info_.uses[id] = obj;
    switch (obj->kind) {
      case Object::Kind::Const: return record(id, TypeAndValue{Mode::Constant, obj->type, obj->value});
      case Object::Kind::Func: return record(id, TypeAndValue{Mode::Value, obj->type, {}});
      case Object::Kind::PkgName:
        error(id->pos, "use of package " + id->name + " without selector");
        return invalid();
      default:
        unsupported(id->pos, "this kind of name");
        return invalid();
    }
  }

  Object* autoImport(const std::string& name) {
    const Package* pkg = importer_.importByName(name);
    if (!pkg) return nullptr;
    Object obj{Object::Kind::PkgName, name};
    obj.package = pkg;
    return fileScope_.emplace(name, newObject(obj)).first->second;
  }

  TypeAndValue unary(const UnaryExpr* u) {
    TypeAndValue x = expr(u->x);
    if (!x.type) return invalid();
    auto b = dynamic_cast<const Basic*>(x.type);
    if (x.mode != Mode::Constant || !b) {
      unsupported(u->pos, "operators on variables");
      return invalid();
    }
    if (u->op == Token::Not && b->isBoolean()) {
      x.value.b = !x.value.b;
      return record(u, x);
    }
    bool numeric = x.value.kind == ConstValue::Kind::Int || x.value.kind == ConstValue::Kind::Float;
    if ((u->op == Token::Add || u->op == Token::Sub) && numeric) {
      if (u->op == Token::Sub) {
        if (x.value.kind == ConstValue::Kind::Int) x.value.i = -x.value.i;
        else x.value.f = -x.value.f;
      }
      return record(u, x);
    }
    error(u->pos, std::string("invalid operation: operator ") + tokenText(u->op) +
                      " not defined on " + describe(u->x, x));
    return invalid();
  }

  TypeAndValue call(const CallExpr* c) {
    const Expr* fun = unparen(c->fun);
    const Signature* sig = nullptr;
    std::string funName = exprString(c->fun);
    if (auto sel = as<SelectorExpr>(fun)) {
      auto pkgId = as<Ident>(sel->x);
      Object* pkgObj = pkgId ? lookup(pkgId->name) : nullptr;
      if (!pkgObj && pkgId && script_) pkgObj = autoImport(pkgId->name);
      if (!pkgObj || pkgObj->kind != Object::Kind::PkgName) {
        if (pkgId && !pkgObj) {
          error(pkgId->pos, "undefined: " + pkgId->name);
          return invalid();
        }
        unsupported(sel->pos, "method calls");
        return invalid();
      }
      pkgObj->used = true;
      info_.uses[pkgId] = pkgObj;
      auto member = pkgObj->package->members.find(sel->sel->name);
      if (member == pkgObj->package->members.end()) {
        error(sel->sel->pos, "undefined: " + pkgId->name + "." + sel->sel->name);
        return invalid();
      }
      info_.uses[sel->sel] = &member->second;
      sig = dynamic_cast<const Signature*>(member->second.type);
      record(sel, TypeAndValue{Mode::Value, sig, {}});
    } else {
      TypeAndValue f = expr(fun);
      if (!f.type) return invalid();
      sig = dynamic_cast<const Signature*>(f.type);
      if (!sig) {
        error(c->pos, "invalid operation: cannot call non-function " + describe(fun, f));
        return invalid();
      }
    }
    if (c->hasEllipsis) {
      unsupported(c->pos, "calls with ...");
      return invalid();
    }
    size_t fixed = sig->variadic ? sig->params.size() - 1 : sig->params.size();
    if (c->args.size() < fixed || (!sig->variadic && c->args.size() > fixed)) {
      bool tooMany = c->args.size() > fixed;
      Pos at = tooMany ? c->args[fixed]->pos : c->rparen;
      std::string have = "(";
      for (size_t i = 0; i < c->args.size(); ++i) {
        TypeAndValue a = expr(c->args[i]);
        if (i) have += ", ";
        have += a.type ? typeString(a.type) : "invalid type";
      }
      have += ")";
      std::string want = typeString(sig).substr(4);
      error(at, std::string(tooMany ? "too many" : "not enough") + " arguments in call to " +
                    funName + "\n\thave " + have + "\n\twant " + want);
      return invalid();
    }
    for (size_t i = 0; i < c->args.size(); ++i) {
      const Expr* arg = c->args[i];
      TypeAndValue a = expr(arg);
      if (!a.type) continue;
      if (a.mode == Mode::NoValue) {
        error(arg->pos, exprString(arg) + " (no value) used as value");
        continue;
      }
      const Type* param = sig->variadic && i >= fixed ? sig->params.back() : sig->params[i];
      if (param->kind != TypeKind::Interface && a.type != param) {
        error(arg->pos, "cannot use " + describe(arg, a) + " as " + typeString(param) +
                            " value in argument to " + funName);
      }
    }
    if (sig->results.empty()) return record(c, TypeAndValue{Mode::NoValue, nullptr, {}});
    if (sig->results.size() == 1) return record(c, TypeAndValue{Mode::Value, sig->results[0], {}});
    unsupported(c->pos, "multiple results");
    return invalid();
  }

  Importer& importer_;
  Diagnostics& diags_;
  Info& info_;
  bool script_ = false;
  std::map<std::string, Object*> universe_;
  std::map<std::string, Object*> packageScope_;
  std::map<std::string, Object*> fileScope_;
};

}  // namespace

bool checkFile(const File* file, Importer& importer, Diagnostics& diags, Info& info) {
  size_t before = diags.size();
  Checker checker(importer, diags, info);
  checker.checkFile(file);
  return diags.size() == before;
}

}  // namespace gol::check
