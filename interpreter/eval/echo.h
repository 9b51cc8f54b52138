// The REPL's echo of a lone expression: its values printed on one line, as fmt's %v
// formats them, except strings, which are quoted (%q) so that "" and " " show.
#pragma once

#include <vector>

#include "interpreter/eval/nodes.h"

namespace gol::eval {

using namespace gol::values;

// x yields one value of types[0], or (a call) one value per type.
StmtPtr makeEcho(ExprPtr x, std::vector<const check::Type*> types, syntax::Pos pos);

}  // namespace gol::eval
