// Nodes on complex values (representation in values/complex.h): + - * /, == and !=,
// unary -, conversions between the complex types, and the built-ins complex, real and
// imag. Each factory takes is64 (complex64, a scalar) or not (complex128, a counted
// reference: operands are owned references the node releases after reading them).
#pragma once

#include "interpreter/eval/nodes.h"
#include "interpreter/syntax/ast.h"

namespace gol::eval {

// x op y for + - * /; null for any other operator.
ExprPtr makeComplexArithmetic(syntax::Token op, bool is64, ExprPtr x, ExprPtr y, syntax::Pos pos);
// x == y (equal) or x != y.
ExprPtr makeComplexEquality(bool equal, bool is64, ExprPtr x, ExprPtr y);
ExprPtr makeComplexNeg(bool is64, ExprPtr x);
// T(x) between complex types.
ExprPtr makeComplexConversion(bool toIs64, bool fromIs64, ExprPtr x);
// complex(re, im): the parts are float values (float32s are held as doubles).
ExprPtr makeComplexBuild(bool is64, ExprPtr re, ExprPtr im);
// real(z) or imag(z), a float value.
ExprPtr makeComplexPart(bool real, bool is64, ExprPtr z);

}  // namespace gol::eval
