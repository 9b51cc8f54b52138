// Calls the compiler turns into nodes of their own, as Go's compiler turns them into
// instructions: atomic.AddInt64(&x, d) (and AddUint64, AddUintptr) as a statement on a
// variable x adds in place, without a native call.
#pragma once

#include "interpreter/eval/nodes.h"

namespace gol::eval {

using namespace gol::values;

// Where the variable x of &x lives.
struct VariableCell {
  enum class Kind { Global, Boxed, Captured };
  Kind kind = Kind::Global;
  Value* global = nullptr;  // Global: its cell
  int slot = 0;             // Boxed: the frame slot of its box; Captured: the closure's slot
  size_t index = 0;         // Captured: its box's index among the closure's
};

// The statement atomic.AddXxx(&x, delta) for a 64-bit integer x.
StmtPtr makeAtomicAdd64Stmt(VariableCell x, ExprPtr delta, syntax::Pos pos);

}  // namespace gol::eval
