// Operator nodes specialised by the C++ type of their operands: int8_t ... uint64_t,
// float (float32), double (float64) and bool. Integer arithmetic wraps as Go's does
// (computed in uint64_t, then truncated); division checks for zero and panics as Go.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "interpreter/eval/nodes.h"

namespace gol::eval {

using namespace gol::values;

template <typename T>
inline T get(Value v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v.i != 0;
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(v.f);
  } else if constexpr (std::is_signed_v<T>) {
    return static_cast<T>(v.i);
  } else {
    return static_cast<T>(v.u);
  }
}

template <typename T>
inline Value make(T x) {
  Value v;
  if constexpr (std::is_same_v<T, bool>) {
    v.i = x ? 1 : 0;
  } else if constexpr (std::is_floating_point_v<T>) {
    v.f = static_cast<double>(x);
  } else if constexpr (std::is_signed_v<T>) {
    v.i = static_cast<int64_t>(x);
  } else {
    v.u = static_cast<uint64_t>(x);
  }
  return v;
}

// ---- Binary operators --------------------------------------------------------------------

struct OpAdd {
  template <typename T>
  static T apply(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
    } else {
      return a + b;
    }
  }
};
struct OpSub {
  template <typename T>
  static T apply(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
    } else {
      return a - b;
    }
  }
};
struct OpMul {
  template <typename T>
  static T apply(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
    } else {
      return a * b;
    }
  }
};
struct OpAnd {
  template <typename T>
  static T apply(T a, T b) {
    return a & b;
  }
};
struct OpOr {
  template <typename T>
  static T apply(T a, T b) {
    return a | b;
  }
};
struct OpXor {
  template <typename T>
  static T apply(T a, T b) {
    return a ^ b;
  }
};
struct OpAndNot {
  template <typename T>
  static T apply(T a, T b) {
    return a & static_cast<T>(~b);
  }
};

// Division and remainder: the divisor is checked by the node.
struct OpQuo {
  template <typename T>
  static T apply(T a, T b) {
    if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      if (b == -1) return static_cast<T>(0 - static_cast<uint64_t>(a));  // MinInt / -1 wraps
    }
    return a / b;
  }
};
struct OpRem {
  template <typename T>
  static T apply(T a, T b) {
    if constexpr (std::is_signed_v<T>) {
      if (b == -1) return 0;
    }
    return a % b;
  }
};

// x / 2^k and x % 2^k for an int64 x and a constant power of two (k in 1..62, the right
// operand): shifts, rounding toward zero as Go's division does.
struct OpQuoPow2 {
  static int64_t apply(int64_t a, int64_t k) {
    int64_t bias = static_cast<int64_t>(static_cast<uint64_t>(a >> 63) >> (64 - k));
    return (a + bias) >> k;
  }
};
struct OpRemPow2 {
  static int64_t apply(int64_t a, int64_t k) {
    uint64_t quotient = static_cast<uint64_t>(OpQuoPow2::apply(a, k));
    return static_cast<int64_t>(static_cast<uint64_t>(a) - (quotient << k));
  }
};

struct OpEql {
  template <typename T>
  static bool apply(T a, T b) {
    return a == b;
  }
};
struct OpNeq {
  template <typename T>
  static bool apply(T a, T b) {
    return a != b;
  }
};
struct OpLss {
  template <typename T>
  static bool apply(T a, T b) {
    return a < b;
  }
};
struct OpLeq {
  template <typename T>
  static bool apply(T a, T b) {
    return a <= b;
  }
};
struct OpGtr {
  template <typename T>
  static bool apply(T a, T b) {
    return a > b;
  }
};
struct OpGeq {
  template <typename T>
  static bool apply(T a, T b) {
    return a >= b;
  }
};

template <typename Op>
constexpr bool isDivision = std::is_same_v<Op, OpQuo> || std::is_same_v<Op, OpRem>;

// The operand sources a binary node is specialised for: any expression, a frame slot,
// or a constant. Locals and constants of scalar type are read without a virtual call.
struct FromExpr {
  ExprPtr node;
  Value get(Value* fp) const { return node->eval(fp); }
};
struct FromSlot {
  int slot;
  Value get(Value* fp) const { return fp[slot]; }
};
struct FromConst {
  Value value;
  Value get(Value*) const { return value; }
};

template <typename T, typename Op, typename X, typename Y, Exec Done>
struct BinaryToSlotNode;

template <typename T, typename Op, typename X, typename Y>
struct BinaryNode : ExprNode {
  X x;
  Y y;
  BinaryNode(X x, Y y) : x(std::move(x)), y(std::move(y)) {}
  Value compute(Value* fp) {
    T a = eval::get<T>(x.get(fp));
    T b = eval::get<T>(y.get(fp));
    if constexpr (isDivision<Op> && std::is_integral_v<T>) {
      if (b == 0) runtimePanicAt(pos, "integer divide by zero");
    }
    return make(Op::apply(a, b));
  }
  Value eval(Value* fp) override { return compute(fp); }
  StmtPtr intoSlot(int slot) override;
  StmtPtr intoReturn(int slot) override;
  // Defined with the statements they make (basic_nodes.h).
  StmtPtr intoIfThen(std::vector<StmtPtr>& body) override;
  StmtPtr intoFor(StmtPtr& init, StmtPtr& post, std::vector<StmtPtr>& body) override;
};

template <typename Op>
constexpr bool isComparison =
    std::is_same_v<Op, OpEql> || std::is_same_v<Op, OpNeq> || std::is_same_v<Op, OpLss> ||
    std::is_same_v<Op, OpLeq> || std::is_same_v<Op, OpGtr> || std::is_same_v<Op, OpGeq>;

// slot = x op y (ints and floats, whose operands are specialised); with Done Return,
// `return x op y` into result slot `slot`.
template <typename T, typename Op, typename X, typename Y, Exec Done>
struct BinaryToSlotNode : StmtNode {
  BinaryNode<T, Op, X, Y> op;
  int slot;
  BinaryToSlotNode(X x, Y y, int s) : op(std::move(x), std::move(y)), slot(s) {}
  Exec exec(Value* fp) override {
    fp[slot] = op.compute(fp);
    return Done;
  }
};

template <typename T, typename Op, typename X, typename Y, Exec Done>
StmtPtr binaryToSlot(BinaryNode<T, Op, X, Y>& b, int slot) {
  if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, double>) {
    auto n =
        std::make_unique<BinaryToSlotNode<T, Op, X, Y, Done>>(std::move(b.x), std::move(b.y), slot);
    n->op.pos = b.pos;
    n->pos = b.pos;
    return n;
  } else {
    return nullptr;
  }
}

template <typename T, typename Op, typename X, typename Y>
StmtPtr BinaryNode<T, Op, X, Y>::intoSlot(int slot) {
  return binaryToSlot<T, Op, X, Y, Exec::Normal>(*this, slot);
}

template <typename T, typename Op, typename X, typename Y>
StmtPtr BinaryNode<T, Op, X, Y>::intoReturn(int slot) {
  return binaryToSlot<T, Op, X, Y, Exec::Return>(*this, slot);
}

// Shifts: the count has its own type; a negative count panics, a count of at least
// the width gives 0 (or -1 for a right shift of a negative value).
template <typename T, typename C, bool Left>
struct ShiftNode : ExprNode {
  ExprPtr x, y;
  Value eval(Value* fp) override {
    T a = eval::get<T>(x->eval(fp));
    C c = eval::get<C>(y->eval(fp));
    if constexpr (std::is_signed_v<C>) {
      if (c < 0) runtimePanicAt(pos, "negative shift amount");
    }
    uint64_t n = static_cast<uint64_t>(c);
    constexpr unsigned width = sizeof(T) * 8;
    if constexpr (Left) {
      if (n >= width) return make<T>(0);
      return make(static_cast<T>(static_cast<uint64_t>(a) << n));
    } else {
      if (n >= width) return make<T>(a < 0 ? static_cast<T>(-1) : 0);
      return make(static_cast<T>(a >> n));
    }
  }
};

// ---- Unary operators ---------------------------------------------------------------------

template <typename T>
struct NegNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override {
    T a = eval::get<T>(x->eval(fp));
    if constexpr (std::is_integral_v<T>) {
      return make(static_cast<T>(0 - static_cast<uint64_t>(a)));
    } else {
      return make(static_cast<T>(-a));
    }
  }
};

template <typename T>
struct BitNotNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override { return make(static_cast<T>(~eval::get<T>(x->eval(fp)))); }
};

struct NotNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override { return make(!eval::get<bool>(x->eval(fp))); }
};

struct AndAndNode : ExprNode {
  ExprPtr x, y;
  Value eval(Value* fp) override {
    if (!x->eval(fp).i) return make(false);
    return make(y->eval(fp).i != 0);
  }
};

struct OrOrNode : ExprNode {
  ExprPtr x, y;
  Value eval(Value* fp) override {
    if (x->eval(fp).i) return make(true);
    return make(y->eval(fp).i != 0);
  }
};

// ---- Conversions -------------------------------------------------------------------------

// A float converted to an integer type out of range gives what amd64's conversion
// instructions give, as Go does there: the "integer indefinite" value.
template <typename To, typename From>
inline To convertNumber(From x) {
  if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    double d = static_cast<double>(x);
    if constexpr (std::is_unsigned_v<To>) {
      if (std::isnan(d)) return static_cast<To>(uint64_t{1} << 63);
      if (d >= 9223372036854775808.0 && d < 18446744073709551616.0) {
        return static_cast<To>(static_cast<uint64_t>(d));
      }
      if (d <= -9223372036854775808.0 || d >= 9223372036854775808.0) {
        return static_cast<To>(uint64_t{1} << 63);
      }
      return static_cast<To>(static_cast<uint64_t>(static_cast<int64_t>(d)));
    } else {
      if (!(d > -9223372036854775809.0 && d < 9223372036854775808.0)) {
        return static_cast<To>(std::numeric_limits<int64_t>::min());
      }
      return static_cast<To>(static_cast<int64_t>(d));
    }
  } else {
    return static_cast<To>(x);
  }
}

template <typename To, typename From>
struct ConvertNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override { return make(convertNumber<To>(eval::get<From>(x->eval(fp)))); }
};

}  // namespace gol::eval
