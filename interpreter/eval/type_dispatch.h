// The compiler's type-dispatch tables: from a Go basic type and an operator to the node
// template instantiated for the C++ type that represents it (int8_t .. uint64_t, float,
// double, bool), and Go's sizes and layouts of types. Only the compiler includes it.
//
// `+` on two ints: Compiler::binary (compile_expr.cpp) calls arithmetic<int64_t>, which
// picks BinaryNode<int64_t, OpAdd, ...> (ops.h), whose eval calls OpAdd::apply (ops.h).
#pragma once

#include <bit>
#include <type_traits>

#include "interpreter/check/types.h"
#include "interpreter/eval/basic_nodes.h"
#include "interpreter/eval/nodes.h"
#include "interpreter/eval/ops.h"
#include "interpreter/eval/slices.h"

namespace gol::eval {

using namespace gol::values;

using check::BasicKind;
using syntax::Pos;
using syntax::Token;

// ---- Type dispatch -----------------------------------------------------------------------

// Calls f.template operator()<T>() with the C++ type that represents basic type b.
template <typename F>
auto withNumeric(const check::Basic* b, F&& f) {
  switch (b->basic) {
    case BasicKind::Int8: return f.template operator()<int8_t>();
    case BasicKind::Int16: return f.template operator()<int16_t>();
    case BasicKind::Int32:
    case BasicKind::UntypedRune: return f.template operator()<int32_t>();
    case BasicKind::Uint8: return f.template operator()<uint8_t>();
    case BasicKind::Uint16: return f.template operator()<uint16_t>();
    case BasicKind::Uint32: return f.template operator()<uint32_t>();
    case BasicKind::Uint:
    case BasicKind::Uint64:
    case BasicKind::Uintptr: return f.template operator()<uint64_t>();
    case BasicKind::Float32: return f.template operator()<float>();
    case BasicKind::Float64:
    case BasicKind::UntypedFloat: return f.template operator()<double>();
    case BasicKind::Bool:
    case BasicKind::UntypedBool: return f.template operator()<bool>();
    default: return f.template operator()<int64_t>();
  }
}

template <typename T>
constexpr bool kSpecialised = std::is_same_v<T, int64_t> || std::is_same_v<T, double>;

// x as a statement when it is a PlainNativeCallNode<N> (taken out of x), else null.
template <size_t N>
StmtPtr plainCallStatement(ExprPtr& x) {
  if (!dynamic_cast<PlainNativeCallNode<N>*>(x.get())) return nullptr;
  auto n = std::make_unique<PlainNativeCallStmt<N>>();
  n->call.reset(static_cast<PlainNativeCallNode<N>*>(x.release()));
  n->pos = n->call->pos;
  return n;
}

template <typename T, typename Op, typename X, typename Y>
ExprPtr binaryNode(X x, Y y, Pos pos) {
  auto n = std::make_unique<BinaryNode<T, Op, X, Y>>(std::move(x), std::move(y));
  n->pos = pos;
  return n;
}

template <typename T, typename Op, typename X>
ExprPtr binaryWithLeft(X x, ExprPtr y, Pos pos) {
  if (int s = slotOf(y); s >= 0) return binaryNode<T, Op>(std::move(x), FromSlot{s}, pos);
  if (auto c = scalarConst(y)) return binaryNode<T, Op>(std::move(x), FromConst{c->value}, pos);
  return binaryNode<T, Op>(std::move(x), FromExpr{std::move(y)}, pos);
}

template <typename T, typename Op>
ExprPtr makeBinary(ExprPtr x, ExprPtr y, Pos pos) {
  if constexpr (std::is_same_v<T, int64_t> &&
                (std::is_same_v<Op, OpQuo> || std::is_same_v<Op, OpRem>)) {
    // By a constant power of two (up to 2^62): shifts rather than a division.
    if (auto c = scalarConst(y); c && c->value.i > 1 && c->value.i <= (int64_t{1} << 62) &&
                                 (c->value.i & (c->value.i - 1)) == 0) {
      using Pow2 = std::conditional_t<std::is_same_v<Op, OpQuo>, OpQuoPow2, OpRemPow2>;
      FromConst k{intValue(std::countr_zero(static_cast<uint64_t>(c->value.i)))};
      if (int s = slotOf(x); s >= 0) return binaryNode<T, Pow2>(FromSlot{s}, k, pos);
      return binaryNode<T, Pow2>(FromExpr{std::move(x)}, k, pos);
    }
  }
  if constexpr (kSpecialised<T>) {
    if (int s = slotOf(x); s >= 0) return binaryWithLeft<T, Op>(FromSlot{s}, std::move(y), pos);
    // A constant on the left (1.0 / x, 10 - i): y is not constant then.
    if (auto c = scalarConst(x))
      return binaryWithLeft<T, Op>(FromConst{c->value}, std::move(y), pos);
    return binaryWithLeft<T, Op>(FromExpr{std::move(x)}, std::move(y), pos);
  } else {
    return binaryNode<T, Op>(FromExpr{std::move(x)}, FromExpr{std::move(y)}, pos);
  }
}

template <typename T>
ExprPtr arithmetic(Token op, ExprPtr x, ExprPtr y, Pos pos) {
  switch (op) {
    case Token::Add: return makeBinary<T, OpAdd>(std::move(x), std::move(y), pos);
    case Token::Sub: return makeBinary<T, OpSub>(std::move(x), std::move(y), pos);
    case Token::Mul: return makeBinary<T, OpMul>(std::move(x), std::move(y), pos);
    case Token::Quo: return makeBinary<T, OpQuo>(std::move(x), std::move(y), pos);
    default: break;
  }
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    switch (op) {
      case Token::Rem: return makeBinary<T, OpRem>(std::move(x), std::move(y), pos);
      case Token::And: return makeBinary<T, OpAnd>(std::move(x), std::move(y), pos);
      case Token::Or: return makeBinary<T, OpOr>(std::move(x), std::move(y), pos);
      case Token::Xor: return makeBinary<T, OpXor>(std::move(x), std::move(y), pos);
      case Token::AndNot: return makeBinary<T, OpAndNot>(std::move(x), std::move(y), pos);
      default: break;
    }
  }
  return nullptr;
}

template <typename T>
ExprPtr comparison(Token op, ExprPtr x, ExprPtr y, Pos pos) {
  switch (op) {
    case Token::Eql: return makeBinary<T, OpEql>(std::move(x), std::move(y), pos);
    case Token::Neq: return makeBinary<T, OpNeq>(std::move(x), std::move(y), pos);
    default: break;
  }
  if constexpr (!std::is_same_v<T, bool>) {
    switch (op) {
      case Token::Lss: return makeBinary<T, OpLss>(std::move(x), std::move(y), pos);
      case Token::Leq: return makeBinary<T, OpLeq>(std::move(x), std::move(y), pos);
      case Token::Gtr: return makeBinary<T, OpGtr>(std::move(x), std::move(y), pos);
      case Token::Geq: return makeBinary<T, OpGeq>(std::move(x), std::move(y), pos);
      default: break;
    }
  }
  return nullptr;
}

template <typename Op>
ExprPtr stringCompareNode(ExprPtr x, ExprPtr y) {
  auto n = std::make_unique<StringCompareNode<Op>>();
  n->x = std::move(x);
  n->y = std::move(y);
  return n;
}

inline ExprPtr stringComparison(Token op, ExprPtr x, ExprPtr y) {
  switch (op) {
    case Token::Eql: return stringCompareNode<OpEql>(std::move(x), std::move(y));
    case Token::Neq: return stringCompareNode<OpNeq>(std::move(x), std::move(y));
    case Token::Lss: return stringCompareNode<OpLss>(std::move(x), std::move(y));
    case Token::Leq: return stringCompareNode<OpLeq>(std::move(x), std::move(y));
    case Token::Gtr: return stringCompareNode<OpGtr>(std::move(x), std::move(y));
    case Token::Geq: return stringCompareNode<OpGeq>(std::move(x), std::move(y));
    default: return nullptr;
  }
}

template <typename T, bool Left>
ExprPtr shiftWithCount(const check::Basic* countType, ExprPtr x, ExprPtr y, Pos pos) {
  return withNumeric(countType, [&]<typename C>() -> ExprPtr {
    if constexpr (std::is_integral_v<C> && !std::is_same_v<C, bool>) {
      auto n = std::make_unique<ShiftNode<T, C, Left>>();
      n->x = std::move(x);
      n->y = std::move(y);
      n->pos = pos;
      return n;
    } else {
      return nullptr;
    }
  });
}

inline bool isCountedType(const check::Type* t) {
  return t && isCounted(t);
}

inline bool isSliceType(const check::Type* t) {
  return t && check::asSliceType(t);
}

inline const check::Type* elemOf(const check::Type* t) {
  return check::asSliceType(t)->elem;
}

// Go's size and alignment of a value of type t on amd64, and whether it holds pointers.
struct GoSize {
  size_t size, align;
  bool pointers;
};

inline GoSize goSize(const check::Type* t) {
  const check::Type* u = check::under(t);
  switch (u->kind) {
    case check::TypeKind::Basic:
      switch (static_cast<const check::Basic*>(u)->basic) {
        case BasicKind::Bool:
        case BasicKind::Int8:
        case BasicKind::Uint8: return {1, 1, false};
        case BasicKind::Int16:
        case BasicKind::Uint16: return {2, 2, false};
        case BasicKind::Int32:
        case BasicKind::Uint32:
        case BasicKind::Float32: return {4, 4, false};
        case BasicKind::String: return {16, 8, true};
        default: return {8, 8, false};
      }
    case check::TypeKind::Slice: return {24, 8, true};
    case check::TypeKind::Interface: return {16, 8, true};
    case check::TypeKind::Array: {
      auto a = static_cast<const check::Array*>(u);
      GoSize e = goSize(a->elem);
      return {e.size * static_cast<size_t>(a->len), e.align, e.pointers && a->len > 0};
    }
    case check::TypeKind::Struct: {
      size_t off = 0, align = 1;
      bool pointers = false;
      for (const check::StructField& f : static_cast<const check::Struct*>(u)->fields) {
        GoSize fs = goSize(f.type);
        off = (off + fs.align - 1) / fs.align * fs.align + fs.size;
        align = std::max(align, fs.align);
        pointers = pointers || fs.pointers;
      }
      return {(off + align - 1) / align * align, align, pointers};
    }
    default: return {8, 8, true};
  }
}

inline ElemLayout goLayout(const check::Type* t) {
  GoSize s = goSize(t);
  return {s.size, s.pointers};
}

}  // namespace gol::eval
