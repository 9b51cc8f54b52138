// Function values and captured variables.
//
// A local that a function literal uses is "captured": its frame slot holds a BoxObject
// and every access goes through the box, so the frame and the closures share one
// variable, and it outlives the call. Declaring a captured variable (`:=`, `var`, each
// iteration of a loop, Go 1.22's per-iteration loop variables) makes a new box.
// A closure's frame holds the ClosureObject in its `closureSlot` (borrowed from the
// caller, which holds it for the call); captures are read through it by index.
#pragma once

#include <vector>

#include "interpreter/eval/basic_nodes.h"

namespace gol::eval {

using namespace gol::values;

inline BoxObject* boxAt(Value v) {
  return static_cast<BoxObject*>(v.p);
}
inline ClosureObject* closureAt(Value v) {
  return static_cast<ClosureObject*>(v.p);
}

inline Value newBox(Value v, bool counted) {
  auto* b = new BoxObject(counted);
  b->value = v;
  Value r;
  r.p = b;
  return r;
}

// Where a closure being made finds a variable: in its maker's frame (a boxed local) or
// among its maker's own captures.
struct CaptureSource {
  bool fromCaptures = false;
  int index = 0;  // slot, or capture index
};

ExprPtr makeBoxedRead(int slot, CellRead mode);
ExprPtr makeCaptureRead(int closureSlot, int index, CellRead mode);
ExprPtr makeClosure(const FuncCode* fn, std::vector<CaptureSource> sources, int makerClosureSlot);
// A declared function used as a value.
ExprPtr makeFuncValue(const FuncCode* fn);
// Calls a function value.
ExprPtr makeCallValue(ExprPtr callee, std::vector<ExprPtr> args, syntax::Pos pos);
// A method value x.M: a closure of `thunk` whose one captured box holds the receiver
// (evaluated, and copied for value receivers, when the method value is made).
ExprPtr makeBoundMethod(ExprPtr recv, bool recvCounted, bool recvAggregate, const FuncCode* thunk);
// Moves a captured parameter into a box at function entry.
StmtPtr makeBoxParam(int slot, bool counted);

}  // namespace gol::eval
