// Operands and conversions: untyped operands taking their final type, representability
// of constants, assignability (Go's "cannot use x as T value in ..."), and T(x).
#include "interpreter/check/checker_impl.h"

namespace gol::check {

// go/types' operand description: `x (variable of type int)`, `1 (untyped int constant)`.
std::string Checker::describe(const Operand& x) {
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
    case Mode::MapIndex: return text + " (map index expression of type " + typeString(x.type) + ")";
    case Mode::TypeExpr: return text + " (type)";
    case Mode::NoValue: return text + " (no value)";
    case Mode::Builtin: return text + " (built-in function " + text + ")";
    default:
      if (x.type == basicType(BasicKind::UntypedNil)) return "nil";
      return text + " (value of type " + typeString(x.type) + ")";
  }
}

// How `have (...)` lists an argument: untyped numeric constants are `number`.
std::string Checker::argTypeText(const Operand& x) {
  if (x.invalid()) return "invalid type";
  const Basic* b = asBasic(x.type);
  if (b && b->isUntyped()) {
    if (b->isNumeric()) return "number";
    return typeString(defaultType(x.type));
  }
  return typeString(x.type);
}

void Checker::record(const Operand& x) {
  if (!x.expr) return;
  TypeAndValue tv;
  tv.mode = x.mode;
  tv.type = x.type;
  tv.value = x.val;
  info_.types[x.expr] = tv;
}

// Sets the final type of an untyped expression (and its untyped operands).
void Checker::updateUntyped(const Expr* e, const Type* target) {
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
bool Checker::representable(Operand& x, const Basic* t, std::string* reason) {
  const ConstValue& v = x.val;
  if (t->isBoolean()) return v.kind() == ConstValue::Kind::Bool;
  if (t->isString()) return v.kind() == ConstValue::Kind::String;
  if (!v.isNumeric()) return false;
  if (t->isComplex()) {
    if (t->isUntyped()) {
      x.val = ConstValue::ofComplex(v.realPart(), v.imagPart());
      return true;
    }
    bool single = t->basic == BasicKind::Complex64;
    ConstValue re = ConstValue::ofFloat(v.realPart()), im = ConstValue::ofFloat(v.imagPart());
    double dr = single ? re.toFloat32() : re.toFloat64();
    double di = single ? im.toFloat32() : im.toFloat64();
    if (std::isinf(dr) || std::isinf(di)) {
      *reason = "overflows";
      return false;
    }
    x.val = ConstValue::ofComplex(ConstValue::ofDouble(dr).ratValue(),
                                  ConstValue::ofDouble(di).ratValue());
    return true;
  }
  if (v.imagPart() != 0) {
    // go/types: a non-integer into an integer type is truncated, else it overflows.
    *reason = t->isInteger() ? "truncated" : "overflows";
    return false;
  }
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
    if (t->isUntyped()) {
      x.val = ConstValue::ofFloat(v.realPart());
      return true;
    }
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
bool Checker::convertUntyped(Operand& x, const Type* target) {
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
      std::string msg = "cannot use " + describe(x) + " as " + typeString(target) + " value in " +
                        context_ + " (" + reason + ")";
      error(x.expr->pos, msg);
      x.mode = Mode::Invalid;
      return true;  // reported
    }
  } else {
    const Basic* from = asBasic(x.type);
    bool ok = (from->isBoolean() && t->isBoolean()) || (from->isNumeric() && t->isNumeric()) ||
              (from->isString() && t->isString());
    if (!ok) return false;
  }
  x.type = target;
  updateUntyped(x.expr, target);
  return true;
}

// Checks that x can be assigned to a variable of type t, converting untyped values.
void Checker::assignment(Operand& x, const Type* t, const char* context) {
  if (x.invalid() || !t || t == basicType(BasicKind::Invalid)) return;
  if (!singleValue(x, 2)) return;
  context_ = context;
  if (x.mode == Mode::NoValue) {
    error(x.expr->pos, exprString(x.expr) + " (no value) used as value");
    x.mode = Mode::Invalid;
    return;
  }
  if (x.mode == Mode::TypeExpr || x.mode == Mode::Builtin) {
    error(x.expr->pos,
          exprString(x.expr) + (x.mode == Mode::TypeExpr ? " (type) is not an expression"
                                                         : " (built-in) must be called"));
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
        error(x.expr->pos, "cannot use " + describe(x) + " as " + typeString(t) + " value in " +
                               context + ": " + reason);
        x.mode = Mode::Invalid;
        return;
      }
    }
    if (!convertUntyped(x, t)) {
      error(x.expr->pos,
            "cannot use " + describe(x) + " as " + typeString(t) + " value in " + context);
      x.mode = Mode::Invalid;
    }
    return;
  }
  std::string reason;
  if (assignableType(x.type, t, &reason)) return;
  error(x.expr->pos, "cannot use " + describe(x) + " as " + typeString(t) + " value in " + context +
                         (reason.empty() ? "" : ": " + reason));
  x.mode = Mode::Invalid;
}

Operand Checker::conversion(const CallExpr* c, const Type* target) {
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
    // Go 1.20's slice to array conversion (a copy) and Go 1.17's slice to array pointer
    // (which aliases the slice's array).
    const Slice* xs = asSliceType(x.type);
    const Array* ta = asArray(tp ? tp->elem : target);
    if (!ok && xs && ta && identical(xs->elem, ta->elem, true)) ok = true;
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
                    (to->isString() && from->isString()) || (to->isBoolean() && from->isBoolean());
    if (sameKind) {
      Operand probe = x;
      std::string reason;
      if (to->isInteger() && from->isFloat() && !x.val.toInt()) {
        error(x.expr->pos,
              "cannot convert " + describe(x) + " to type " + typeString(target) + " (truncated)");
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
  // Complex numbers convert only to and from complex types.
  bool ok = (to->isNumeric() && from->isNumeric() && to->isComplex() == from->isComplex()) ||
            (to->isString() && from->isString()) || (to->isBoolean() && from->isBoolean()) ||
            (to->isString() && from->isInteger());
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

}  // namespace gol::check
