// Deep copies of syntax trees, for generics: the checker checks a copy of a generic
// function's declaration for each list of type arguments, so that each instance has
// nodes of its own for the checker's tables (check::Info) and the compiler to key on.
#pragma once

#include "interpreter/syntax/ast.h"

namespace gol::syntax {

// Copies of `f` and `e` and everything below them, made in `ast`. Positions are kept, so
// messages about a copy point at the original source.
FuncDecl* cloneFuncDecl(Ast& ast, const FuncDecl* f);
Expr* cloneExpr(Ast& ast, const Expr* e);
Stmt* cloneStmt(Ast& ast, const Stmt* s);

}  // namespace gol::syntax
