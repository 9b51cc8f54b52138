// The builtin functions: len, cap, append, make, new, copy, delete, clear, min, max,
// panic, recover, print, println and close.
#include "interpreter/check/checker_impl.h"
#include "interpreter/syntax/ast_walk.h"

namespace gol::check {

// Whether e receives from a channel or calls a function for a value that is not constant:
// then len and cap of an array are not constant (the specification's rule). Conversions
// and calls with constant results (len of an array) do not count.
bool Checker::hasCallOrReceive(const Expr* e) const {
  bool found = false;
  syntax::walk(e, [&](const syntax::Node* n) {
    if (auto u = as<UnaryExpr>(n); u && u->op == Token::Arrow) found = true;
    if (auto call = as<CallExpr>(n)) {
      auto fun = info_.types.find(call->fun);
      auto result = info_.types.find(call);
      bool conversion = fun != info_.types.end() && fun->second.mode == Mode::TypeExpr;
      bool constant = result != info_.types.end() && result->second.mode == Mode::Constant;
      if (!conversion && !constant) found = true;
    }
  });
  return found;
}

Operand Checker::makeCall(const CallExpr* c) {
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
    if (isKind(t, TypeKind::Basic) || isKind(t, TypeKind::Struct) || isKind(t, TypeKind::Array) ||
        isKind(t, TypeKind::Pointer) || isKind(t, TypeKind::Interface) ||
        isKind(t, TypeKind::Signature)) {
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

Operand Checker::appendCall(const CallExpr* c, std::vector<Operand>& args) {
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
    error(s.expr->pos,
          "invalid argument: " + describe(s) + " (first argument to append must be a slice)");
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

// complex(re, im), as go/types types it: untyped constants become untyped floats when
// they have no imaginary part, then both arguments must be the same float type
// (float32 gives complex64, float64 complex128, untyped float an untyped complex).
Operand Checker::complexCall(const CallExpr* c, std::vector<Operand>& args) {
  Operand r = invalidOperand(c);
  if (args.size() != 2) {
    std::string found = std::to_string(args.size());
    if (args.size() < 2) {
      error(c->rparen,
            "not enough arguments for " + exprString(c) + " (expected 2, found " + found + ")");
    } else {
      error(args[2].expr->pos,
            "too many arguments for " + exprString(c) + " (expected 2, found " + found + ")");
    }
    return r;
  }
  Operand& x = args[0];
  Operand& y = args[1];
  bool xu = isUntyped(x.type), yu = isUntyped(y.type);
  context_ = "argument to complex";
  if (xu && !yu) {
    if (!convertUntyped(x, y.type)) {
      error(x.expr->pos, "cannot use " + describe(x) + " as " + typeString(y.type) +
                             " value in argument to complex");
      return r;
    }
  } else if (yu && !xu) {
    if (!convertUntyped(y, x.type)) {
      error(y.expr->pos, "cannot use " + describe(y) + " as " + typeString(x.type) +
                             " value in argument to complex");
      return r;
    }
  } else if (xu && yu) {
    if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
      for (Operand* o : {&x, &y}) {
        const Basic* ob = asBasic(o->type);
        if (ob->isNumeric() && o->val.imagPart() == 0) o->type = basicType(BasicKind::UntypedFloat);
      }
    } else {
      convertUntyped(x, basicType(BasicKind::Float64));
      convertUntyped(y, basicType(BasicKind::Float64));
    }
  }
  if (x.invalid() || y.invalid()) return r;
  if (!identical(x.type, y.type)) {
    error(x.expr->pos, "invalid operation: " + exprString(c) + " (mismatched types " +
                           typeString(x.type) + " and " + typeString(y.type) + ")");
    return r;
  }
  const Basic* fb = asBasic(x.type);
  const Type* result = nullptr;
  if (fb && fb->basic == BasicKind::Float32) result = basicType(BasicKind::Complex64);
  if (fb && fb->basic == BasicKind::Float64) result = basicType(BasicKind::Complex128);
  if (fb && fb->basic == BasicKind::UntypedFloat) result = basicType(BasicKind::UntypedComplex);
  if (!result) {
    error(x.expr->pos, "invalid argument: arguments have type " + typeString(x.type) +
                           ", expected floating-point");
    return r;
  }
  r.type = result;
  if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
    r.mode = Mode::Constant;
    r.val = ConstValue::ofComplex(x.val.realPart(), y.val.realPart());
  } else {
    r.mode = Mode::Value;
  }
  return r;
}

// real(z) and imag(z): an untyped numeric constant counts as an untyped complex one.
Operand Checker::realImagCall(const CallExpr* c, Builtin b, std::vector<Operand>& args) {
  Operand r = invalidOperand(c);
  if (args.size() != 1) {
    std::string found = std::to_string(args.size());
    if (args.empty()) {
      error(c->rparen, "not enough arguments for " + exprString(c) + " (expected 1, found 0)");
    } else {
      error(args[1].expr->pos,
            "too many arguments for " + exprString(c) + " (expected 1, found " + found + ")");
    }
    return r;
  }
  Operand& x = args[0];
  if (isUntyped(x.type)) {
    if (x.mode == Mode::Constant) {
      if (asBasic(x.type)->isNumeric()) x.type = basicType(BasicKind::UntypedComplex);
    } else {
      context_ = "argument to " + std::string(b == Builtin::Real ? "real" : "imag");
      convertUntyped(x, basicType(BasicKind::Complex128));
      if (x.invalid()) return r;
    }
  }
  const Basic* cb = asBasic(x.type);
  const Type* result = nullptr;
  if (cb && cb->basic == BasicKind::Complex64) result = basicType(BasicKind::Float32);
  if (cb && cb->basic == BasicKind::Complex128) result = basicType(BasicKind::Float64);
  if (cb && cb->basic == BasicKind::UntypedComplex) result = basicType(BasicKind::UntypedFloat);
  if (!result) {
    error(x.expr->pos,
          "invalid argument: argument has type " + typeString(x.type) + ", expected complex type");
    return r;
  }
  r.type = result;
  if (x.mode == Mode::Constant) {
    r.mode = Mode::Constant;
    r.val = ConstValue::ofFloat(b == Builtin::Real ? x.val.realPart() : x.val.imagPart());
  } else {
    r.mode = Mode::Value;
  }
  return r;
}

Operand Checker::builtinCall(const CallExpr* c, Builtin b) {
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
    case Builtin::Sizeof:
    case Builtin::Alignof:
    case Builtin::Offsetof: {
      if (!wantArgs(1)) return r;
      Operand& x = args[0];
      if (isUntyped(x.type) && !convertUntyped(x, defaultType(x.type))) return r;
      int64_t v = 0;
      if (b == Builtin::Offsetof) {
        auto sel = as<SelectorExpr>(unparen(c->args[0]));
        auto it = sel ? info_.selections.find(sel) : info_.selections.end();
        if (it == info_.selections.end() || it->second.kind != Selection::Kind::Field) {
          error(c->args[0]->pos,
                "invalid argument: " + exprString(c->args[0]) + " is not a selector expression");
          return r;
        }
        // The field's offset within the struct, summed over the embedded structs it is
        // reached through (never through a pointer).
        const Type* st = info_.types[sel->x].type;
        if (const Pointer* p = asPointer(st)) st = p->elem;
        for (size_t k = 0; k < it->second.path.size(); ++k) {
          const FieldStep& step = it->second.path[k];
          const Struct* s = asStruct(st);
          if (!s || (k > 0 && step.viaPointer)) {
            error(c->args[0]->pos, "invalid argument: field " + sel->sel->name +
                                       " is embedded via a pointer in " + exprString(sel->x));
            return r;
          }
          v += fieldOffset(s, static_cast<size_t>(step.index));
          st = s->fields[static_cast<size_t>(step.index)].type;
        }
      } else {
        v = b == Builtin::Sizeof ? sizeOf(x.type) : alignOf(x.type);
      }
      r.mode = Mode::Constant;
      r.type = basicType(BasicKind::Uintptr);
      r.val = ConstValue::ofInt64(v);
      return r;
    }
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
        if (!hasCallOrReceive(c->args[0])) {
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
        error(c->args[0]->pos, "invalid argument: " + describe(args[0]) + " for built-in " + name);
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
        error(c->args[0]->pos, "invalid argument: " + describe(args[0]) + " cannot be cleared");
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
    case Builtin::RangeFuncFrame:
      if (!wantArgs(0)) return r;
      r.mode = Mode::Value;
      r.type = basicType(BasicKind::Uintptr);
      return r;
    case Builtin::New: return r;
    case Builtin::Panic:
      if (!wantArgs(1)) return r;
      assignment(args[0], anyType(), "argument to panic");
      r.mode = Mode::NoValue;
      return r;
    case Builtin::Complex: return complexCall(c, args);
    case Builtin::Real:
    case Builtin::Imag: return realImagCall(c, b, args);
    case Builtin::Min:
    case Builtin::Max: {
      if (args.empty()) {
        error(c->rparen, "not enough arguments for " + exprString(c) + " (expected 1, found 0)");
        return r;
      }
      Operand acc = args[0];
      for (size_t i = 1; i < args.size(); ++i) {
        Operand y = args[i];
        if (!matchTypes(acc, y) || acc.invalid() || y.invalid() || !identical(acc.type, y.type)) {
          error(args[i].expr->pos, "invalid argument: mismatched types " + typeString(acc.type) +
                                       " (previous argument) and " + typeString(y.type) +
                                       " (type of " + exprString(args[i].expr) + ")");
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
        error(c->args[0]->pos, "invalid argument: " + describe(args[0]) + " cannot be ordered");
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

}  // namespace gol::check
