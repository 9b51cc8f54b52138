// A compact S-expression rendering of the AST, so tests can state a tree's shape in one
// line: `fmt.Println("x", 1+2*3)` dumps as `(call (sel fmt Println) "x" (+ 1 (* 2 3)))`.
//
// Conventions: identifiers and basic literals print as written; an absent optional part
// prints as `_`; a list of one prints as its element and any other list as `[a b]`.
// Operators print as Go spells them (`(+ x y)`, `(- x)`, `(<- ch)`); a pointer type or
// dereference is `(star x)`.
#pragma once

#include <string>

#include "interpreter/syntax/ast.h"

namespace gol::syntax {

std::string dumpAst(const Node* node);

}  // namespace gol::syntax
