// Fused stores: assignments of a scalar (a value no reference count covers) into a
// struct field or a slice element that a frame slot locates, done by the statement
// itself rather than through Target::store's switch and calls.
//
// They apply where the general store would only write the word: the value is not
// counted, not an aggregate, and the slice or struct is a local read without a
// reference (ExprNode::borrowedForm), which no goroutine but this one can replace.
// Each keeps the general store's order: the value first, then the operands of the
// target, then the checks (nil pointer, index range) that may panic.
#pragma once

#include "interpreter/eval/basic_nodes.h"

namespace gol::eval {

// `target = x` as one fused node, or null where the target has no fused form (x is left
// untouched then).
StmtPtr makeFusedStore(Target& target, ExprPtr& x);

// `a, b = x, y` with both targets locals or local slice elements of scalar type, as one
// node; null where a target is anything else (nothing is moved then).
StmtPtr makeFusedParallelStore(Target (&targets)[2], ExprPtr (&values)[2]);

}  // namespace gol::eval
