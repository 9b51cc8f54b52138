// Source text of AST nodes as Go's error messages quote them (go/types' ExprString):
// `x.f`, `a[i]`, `f(x, y)`, `func(int) string`, `struct{...}` shortened as Go does.
#pragma once

#include <string>

#include "interpreter/syntax/ast.h"

namespace gol::syntax {

std::string exprString(const Expr* e);
// A simple statement (assignment, send, inc/dec, expression) as Go prints it.
std::string stmtString(const Stmt* s);

}  // namespace gol::syntax
