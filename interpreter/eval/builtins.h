// The built-in functions that produce nodes of their own: print and println (Go's
// runtime formats, to standard error), panic, and min/max.
#pragma once

#include <vector>

#include "interpreter/check/types.h"
#include "interpreter/eval/nodes.h"

namespace gol::eval {

using namespace gol::values;

ExprPtr makePrintNode(bool newline, std::vector<ExprPtr> args,
                      std::vector<const check::Type*> types);
ExprPtr makePanicNode(ExprPtr arg, const check::Type* type, syntax::Pos pos);
ExprPtr makeMinMaxNode(bool isMin, const check::Type* type, std::vector<ExprPtr> args);

// How Go's runtime prints a value with print/println and in panic messages.
void appendRuntimeValue(std::string& out, const check::Type* type, Value v);
// An address as the runtime prints it (0xc000012345; values/go_address.h).
void appendRuntimeAddress(std::string& out, const void* p);

}  // namespace gol::eval
