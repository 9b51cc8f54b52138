// Expressions and operators: identifiers, literals, selectors, unary and binary
// operators (comparisons and shifts included), index, slice and composite literals.
#include "interpreter/check/checker_impl.h"

namespace gol::check {

Operand Checker::expr(const Expr* e, bool allowNoValue, bool asLhs) {
  if (e == rangeFuncOperand_.expr && e) return std::exchange(rangeFuncOperand_, Operand{});
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

Operand Checker::exprInternal(const Expr* e, bool asLhs) {
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
        if (member->isGenericFunc() || member->isGenericType()) {
          error(sel->pos, std::string("cannot use generic ") +
                              (member->isGenericFunc() ? "function " : "type ") + exprString(sel) +
                              " without instantiation");
          return x;
        }
        x.type = member->type;
        switch (member->kind) {
          case Object::Kind::Const:
            x.mode = Mode::Constant;
            x.val = member->value;
            break;
          case Object::Kind::Var: x.mode = Mode::Variable; break;
          case Object::Kind::TypeName: x.mode = Mode::TypeExpr; break;
          case Object::Kind::Builtin:  // unsafe.Sizeof
            x.mode = Mode::Builtin;
            x.builtin = member;
            break;
          default: x.mode = Mode::Value; break;
        }
        return x;
      }
      return x;
    }
    default: unsupported(e->pos, constructName(e->kind)); return invalidOperand(e);
  }
}

Operand Checker::basicLit(const BasicLit* lit) {
  Operand x = invalidOperand(lit);
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
    case LitKind::Imag: x.type = basicType(BasicKind::UntypedComplex); break;
    default: x.type = basicType(BasicKind::UntypedString); break;
  }
  return x;
}

Operand Checker::ident(const Ident* id, bool asLhs) {
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
  if (obj->isGenericFunc()) {
    error(id->pos, "cannot use generic function " + id->name + " without instantiation");
    return x;
  }
  if (obj->isGenericType()) {
    error(id->pos, "cannot use generic type " + id->name +
                       typeParamText(obj->genericSpec->typeParams) + " without instantiation");
    return x;
  }
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
        referVar(obj);
      }
      capture(obj);
      if (!obj->type || obj->type == basicType(BasicKind::Invalid)) return x;
      x.mode = Mode::Variable;
      x.type = obj->type;
      return x;
    case Object::Kind::Func:
      referFunc(obj->decl);
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
bool Checker::isPackageSelector(const SelectorExpr* sel) {
  auto id = as<Ident>(sel->x);
  if (!id) return false;
  Object* o = lookup(id->name);
  if (o) return o->kind == Object::Kind::PkgName;
  return script_ &&
         (importer_.importByName(id->name) != nullptr || importer_.golSource(id->name) != nullptr);
}

// The variable an assignment target or an address-of operand names, if any.
Object* Checker::namedVar(const Expr* e) {
  auto id = as<Ident>(unparen(e));
  if (!id) return nullptr;
  auto it = info_.uses.find(id);
  if (it == info_.uses.end() || it->second->kind != Object::Kind::Var) return nullptr;
  return const_cast<Object*>(it->second);
}

// A variable whose address is taken lives in a box, unless it is a struct or array
// (whose object is the pointer's target already). Writes through the pointer may
// change it.
void Checker::markAddressTaken(const Expr* e) {
  Object* o = namedVar(e);
  if (!o) return;
  o->reassigned = true;
  if (o->isGlobal) return;
  if (isKind(o->type, TypeKind::Struct) || isKind(o->type, TypeKind::Array)) return;
  o->captured = true;
}

Operand Checker::selector(const SelectorExpr* sel) {
  Operand r = invalidOperand(sel);
  bool savedAllowTypes = allowTypes_;
  allowTypes_ = true;
  Operand x = expr(sel->x);
  allowTypes_ = savedAllowTypes;
  if (x.invalid()) return r;
  if (x.mode == Mode::Builtin) {
    error(sel->dot, "cannot select on " + exprString(sel->x) + " (built-in)");
    return r;
  }
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
                               " (needs pointer receiver (*" + typeString(x.type) + ")." + name +
                               ")");
      return r;
    }
    Signature* sig = newType<Signature>();
    auto ms = static_cast<const Signature*>(s.type);
    sig->params.push_back(x.type);
    for (const Type* p : ms->params) sig->params.push_back(p);
    sig->results = ms->results;
    sig->variadic = ms->variadic;
    // A promoted method keeps the type its path ends at (the embedded field's).
    if (s.path.empty()) s.recvBase = x.type;
    info_.selections[sel] = s;
    if (s.kind == Selection::Kind::Method) referFunc(s.method->decl);
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
    error(sel->sel->pos, exprString(sel) + " undefined (type " + typeString(shown) + " has no " +
                             what + " " + name + ")");
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
  if (s.kind == Selection::Kind::Method) referFunc(s.method->decl);
  r.mode = Mode::Value;
  r.type = s.type;
  return r;
}

Operand Checker::starExpr(const StarExpr* st) {
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

Operand Checker::typeAssert(const TypeAssertExpr* e) {
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
    // In an instance the assertion may be impossible for these type arguments only.
    if (!implements(t, iface, &reason) && !inInstance_) {
      error(e->type->pos, "impossible type assertion: " + exprString(e) + "\n\t" + typeString(t) +
                              " does not implement " + typeString(x.type) + " " + reason);
      return r;
    }
  }
  r.mode = Mode::Value;
  r.type = t;
  return r;
}

const Object* Checker::packageMember(const SelectorExpr* sel) {
  auto pkgId = as<Ident>(sel->x);
  Object* pkgObj = pkgId ? lookup(pkgId->name) : nullptr;
  if (!pkgObj && pkgId && script_) pkgObj = autoImport(pkgId->name);
  if (!pkgObj) {
    if (pkgId)
      error(pkgId->pos, "undefined: " + pkgId->name);
    else
      unsupported(sel->pos, "selectors");
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

Operand Checker::unary(const UnaryExpr* u) {
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
      error(u->x->pos, "invalid operation: cannot receive from send-only channel " + describe(x));
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

Operand Checker::binary(const BinaryExpr* b) {
  Operand x = expr(b->x);
  Operand y = expr(b->y);
  if (x.invalid() || y.invalid()) return invalidOperand(b);
  return binaryOp(b->op, x, y, b, b->opPos);
}

// Makes the operands of a binary operation the same type (Go's matchTypes).
bool Checker::matchTypes(Operand& x, Operand& y) {
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

Operand Checker::binaryOp(Token op, Operand x, Operand y, const BinaryExpr* e, Pos opPos) {
  Operand r = invalidOperand(e);
  // A built-in function is no value (it has no type): `err != len`.
  for (const Operand* o : {&x, &y}) {
    if (o->mode == Mode::Builtin) {
      error(o->expr->pos, exprString(o->expr) + " (built-in) must be called");
      return r;
    }
  }
  if (op == Token::Shl || op == Token::Shr) return shiftOp(op, x, y, e);
  // Built only for a message: printing e at every level of a long chain is quadratic.
  auto text = [&]() -> std::string {
    return e ? exprString(e) : exprString(x.expr) + " " + tokenText(op) + " " + exprString(y.expr);
  };
  if (isComparison(op)) return comparison(op, x, y, e ? e->pos : opPos, false, e);
  if (!matchTypes(x, y)) {
    error(x.expr->pos, "invalid operation: " + text() + " (mismatched types " + typeString(x.type) +
                           " and " + typeString(y.type) + ")");
    return r;
  }
  if (x.invalid() || y.invalid()) return r;
  if (!identical(x.type, y.type)) {
    error(x.expr->pos, "invalid operation: " + text() + " (mismatched types " + typeString(x.type) +
                           " and " + typeString(y.type) + ")");
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
    bool zero = y.val.isZero();
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
    } else if (b->isComplex()) {
      xv = ConstValue::ofComplex(xv.realPart(), xv.imagPart());
      yv = ConstValue::ofComplex(yv.realPart(), yv.imagPart());
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

// go/types' kindString: what a message calls the kind of a type.
std::string Checker::kindString(const Type* t) {
  switch (under(t)->kind) {
    case TypeKind::Array: return "array";
    case TypeKind::Slice: return "slice";
    case TypeKind::Struct: return "struct";
    case TypeKind::Pointer: return "pointer";
    case TypeKind::Signature: return "func";
    case TypeKind::Interface: return "interface";
    case TypeKind::Map: return "map";
    case TypeKind::Chan: return "chan";
    default: return typeString(t);
  }
}

// Why values of type t cannot be compared with ==, in Go's words; empty if they can.
std::string Checker::incomparableReason(const Type* t) {
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

Operand Checker::comparison(Token op, Operand x, Operand y, Pos pos, bool forSwitch,
                            const BinaryExpr* e) {
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
    // Either operand must be assignable to the other's type: an interface and a value of a
    // type implementing it compare by dynamic value; a named type and an unnamed one with
    // the same underlying type (or channels differing in direction) compare as that type.
    std::string reason;
    bool mixed = assignableType(y.type, x.type, &reason) || assignableType(x.type, y.type, &reason);
    bool sameRepresentation = !asInterface(x.type) && !asInterface(y.type);
    if (!mixed || (!equality && !sameRepresentation)) return mismatched();
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
                             tokenText(op) + " not defined on " + kindString(x.type) + ")");
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

Operand Checker::shiftOp(Token op, Operand x, Operand y, const BinaryExpr* e) {
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
  } else {
    // An untyped non-constant count (`x << (1. << s)`) takes type uint, as a constant
    // count does; its own untyped operand follows (updateUntyped).
    if (yb && isUntyped(y.type) && yb->isNumeric()) {
      convertUntyped(y, basicType(BasicKind::Uint));
      if (y.invalid()) return r;
      yb = asBasic(y.type);
    }
    if (!yb || !yb->isInteger()) {
      error(y.expr->pos, "invalid operation: shift count " + describe(y) + " must be integer");
      return r;
    }
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
bool Checker::indexValue(const Expr* ie, int64_t length, const char* what) {
  Operand i = expr(ie);
  if (i.invalid()) return false;
  const Basic* ib = asBasic(i.type);
  if (!ib || !(ib->isInteger() || (i.mode == Mode::Constant && i.val.toInt()))) {
    error(i.expr->pos,
          std::string("invalid argument: ") + what + " " + describe(i) + " must be integer");
    return false;
  }
  if (isUntyped(i.type)) convertUntyped(i, basicType(BasicKind::Int));
  if (i.mode == Mode::Constant) {
    auto v = i.val.toInt();
    if (*v < 0) {
      error(i.expr->pos,
            std::string("invalid argument: ") + what + " " + describe(i) + " must not be negative");
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

Operand Checker::index(const IndexExpr* e) {
  if (Object* generic = genericObject(e->x)) return instantiationExpr(e, generic);
  Operand x = expr(e->x);
  Operand r = invalidOperand(e);
  if (x.invalid()) return r;
  if (e->indices.size() != 1) {
    error(e->indices[1]->pos, "invalid operation: more than one index");
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
      error(x.expr->pos, typeString(x.type) + " is not a generic type");
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

Operand Checker::sliceExpr(const SliceExpr* e) {
  Operand x = expr(e->x);
  Operand r = invalidOperand(e);
  if (x.invalid()) return r;
  const Basic* b = asBasic(x.type);
  bool isString = b && b->isString();
  const Type* resultType = x.type;
  if (const Array* a = asArray(x.type)) {
    if (x.mode != Mode::Variable) {
      error(x.expr->pos,
            "invalid operation: " + exprString(x.expr) + " (slice of unaddressable value)");
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
      error(bound->pos,
            "invalid slice indices: " + std::to_string(v) + " < " + std::to_string(prev));
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
Operand Checker::compositeLit(const CompositeLit* lit, const Type* hint) {
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
            error(el.key->pos, "unknown field " + exprString(el.key) +
                                   " in struct literal of type " + typeString(base));
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
      int64_t limit =
          u->kind == TypeKind::Array && !openArray ? static_cast<const Array*>(u)->len : -1;
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
          error(el.value->pos, "index " + std::to_string(index) +
                                   " out of bounds [0:" + std::to_string(limit) + "]");
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
      struct Key {
        ConstValue value;
        const Type* type;
      };
      std::vector<Key> keys;
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
          // In a map[any]V, int(0) and int64(0) are different keys.
          const Type* keyType = isUntyped(k.type) ? defaultType(k.type) : k.type;
          assignment(k, m->key, "map literal");
          if (!k.invalid() && k.mode == Mode::Constant) {
            for (const Key& other : keys) {
              if (identical(other.type, keyType) && !inInstance_ &&
                  ConstValue::compare(Token::Eql, other.value, k.val)) {
                error(el.key->pos, "duplicate key " + exprString(el.key) + " in map literal");
              }
            }
            keys.push_back({k.val, keyType});
          }
        }
        element(el.value, m->elem, "map literal");
      }
      break;
    }
    default: error(lit->pos, "invalid composite literal type " + typeString(t)); return r;
  }
  r.mode = Mode::Value;
  r.type = lit->type ? base : t;
  return r;
}

}  // namespace gol::check
