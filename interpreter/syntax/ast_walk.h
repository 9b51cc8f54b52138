// A walk over a syntax tree: every node below a root, parents before children.
#pragma once

#include <functional>

#include "interpreter/syntax/ast.h"

namespace gol::syntax {

void walk(const Node* root, const std::function<void(const Node*)>& visit);

}  // namespace gol::syntax
