#include "interpreter/eval/complex_nodes.h"

#include "interpreter/values/complex.h"

namespace gol::eval {

using namespace gol::values;

namespace {

// Reads an owned operand: a complex128's reference is released once its parts are read.
template <bool Is64>
Complex take(Value v) {
  if constexpr (Is64) {
    return complex64Of(v);
  } else {
    Complex c = complex128Of(v);
    releaseRef(v);
    return c;
  }
}

template <bool Is64>
Value give(Complex c) {
  if constexpr (Is64) {
    return complex64Value(c);
  } else {
    return complex128Value(c);
  }
}

enum class Arith { Add, Sub, Mul, Quo };

template <bool Is64, Arith A>
struct ComplexArithNode : ExprNode {
  ExprPtr x, y;
  Value eval(Value* fp) override {
    Complex a = take<Is64>(x->eval(fp));
    Complex b = take<Is64>(y->eval(fp));
    if constexpr (A == Arith::Add) return give<Is64>(complexAdd(a, b));
    if constexpr (A == Arith::Sub) return give<Is64>(complexSub(a, b));
    if constexpr (A == Arith::Mul) return give<Is64>(complexMul(a, b));
    return give<Is64>(complexDiv(a, b));
  }
};

template <bool Is64, bool Equal>
struct ComplexEqualityNode : ExprNode {
  ExprPtr x, y;
  Value eval(Value* fp) override {
    Complex a = take<Is64>(x->eval(fp));
    Complex b = take<Is64>(y->eval(fp));
    Value r;
    r.i = (a == b) == Equal ? 1 : 0;
    return r;
  }
};

template <bool Is64>
struct ComplexNegNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override {
    Complex a = take<Is64>(x->eval(fp));
    return give<Is64>({-a.re, -a.im});
  }
};

template <bool ToIs64, bool FromIs64>
struct ComplexConvertNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override { return give<ToIs64>(take<FromIs64>(x->eval(fp))); }
};

template <bool Is64>
struct ComplexBuildNode : ExprNode {
  ExprPtr re, im;
  Value eval(Value* fp) override {
    double r = re->eval(fp).f;
    double i = im->eval(fp).f;
    return give<Is64>({r, i});
  }
};

template <bool Is64, bool Real>
struct ComplexPartNode : ExprNode {
  ExprPtr z;
  Value eval(Value* fp) override {
    Complex c = take<Is64>(z->eval(fp));
    Value r;
    r.f = Real ? c.re : c.im;
    return r;
  }
};

template <bool Is64>
ExprPtr arithmetic(syntax::Token op, ExprPtr x, ExprPtr y) {
  auto build = [&]<Arith A>() -> ExprPtr {
    auto n = std::make_unique<ComplexArithNode<Is64, A>>();
    n->x = std::move(x);
    n->y = std::move(y);
    return n;
  };
  switch (op) {
    case syntax::Token::Add: return build.template operator()<Arith::Add>();
    case syntax::Token::Sub: return build.template operator()<Arith::Sub>();
    case syntax::Token::Mul: return build.template operator()<Arith::Mul>();
    case syntax::Token::Quo: return build.template operator()<Arith::Quo>();
    default: return nullptr;
  }
}

}  // namespace

ExprPtr makeComplexArithmetic(syntax::Token op, bool is64, ExprPtr x, ExprPtr y, syntax::Pos pos) {
  ExprPtr n = is64 ? arithmetic<true>(op, std::move(x), std::move(y))
                   : arithmetic<false>(op, std::move(x), std::move(y));
  if (n) n->pos = pos;
  return n;
}

ExprPtr makeComplexEquality(bool equal, bool is64, ExprPtr x, ExprPtr y) {
  auto build = [&]<bool Is64, bool Equal>() -> ExprPtr {
    auto n = std::make_unique<ComplexEqualityNode<Is64, Equal>>();
    n->x = std::move(x);
    n->y = std::move(y);
    return n;
  };
  if (is64) {
    return equal ? build.template operator()<true, true>()
                 : build.template operator()<true, false>();
  }
  return equal ? build.template operator()<false, true>()
               : build.template operator()<false, false>();
}

ExprPtr makeComplexNeg(bool is64, ExprPtr x) {
  if (is64) {
    auto n = std::make_unique<ComplexNegNode<true>>();
    n->x = std::move(x);
    return n;
  }
  auto n = std::make_unique<ComplexNegNode<false>>();
  n->x = std::move(x);
  return n;
}

ExprPtr makeComplexConversion(bool toIs64, bool fromIs64, ExprPtr x) {
  if (toIs64 == fromIs64) return x;
  if (toIs64) {
    auto n = std::make_unique<ComplexConvertNode<true, false>>();
    n->x = std::move(x);
    return n;
  }
  auto n = std::make_unique<ComplexConvertNode<false, true>>();
  n->x = std::move(x);
  return n;
}

ExprPtr makeComplexBuild(bool is64, ExprPtr re, ExprPtr im) {
  if (is64) {
    auto n = std::make_unique<ComplexBuildNode<true>>();
    n->re = std::move(re);
    n->im = std::move(im);
    return n;
  }
  auto n = std::make_unique<ComplexBuildNode<false>>();
  n->re = std::move(re);
  n->im = std::move(im);
  return n;
}

ExprPtr makeComplexPart(bool real, bool is64, ExprPtr z) {
  auto build = [&]<bool Is64, bool Real>() -> ExprPtr {
    auto n = std::make_unique<ComplexPartNode<Is64, Real>>();
    n->z = std::move(z);
    return n;
  };
  if (is64) {
    return real ? build.template operator()<true, true>()
                : build.template operator()<true, false>();
  }
  return real ? build.template operator()<false, true>()
              : build.template operator()<false, false>();
}

}  // namespace gol::eval
