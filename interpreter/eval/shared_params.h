// Struct and array parameters that a call need not copy.
//
// A struct or array argument is the caller's object, retained; the callee owns a copy
// of it (FuncCode::aggregateParams) because Go passes it by value. A function that only
// reads such a parameter's fields or elements, and runs nothing that could change the
// caller's variable while it runs, cannot tell the copy from the original: it keeps the
// retained original, saving an allocation, a copy and a free per call (the value-receiver
// methods `func (a T) Less(b T) bool { return a.k < b.k }` of sorting code).
#pragma once

#include <vector>

#include "interpreter/check/checker.h"
#include "interpreter/syntax/ast.h"

namespace gol::eval {

// The frame slots of fi's aggregate parameters that a call may share with the caller.
// A parameter qualifies when the body uses it only as `p.f` (a field read) or `p[i]` (an
// element read of an array), and the body runs nothing but reads, arithmetic,
// conversions, len and cap, and stores into its own uncaptured locals: no call, no
// function literal, no store through a pointer, field, element or global, no channel
// operation. Anything else in the body disqualifies every parameter.
std::vector<int> sharedAggregateParams(const check::Info& info, const check::FuncInfo& fi,
                                       const syntax::BlockStmt* body);

}  // namespace gol::eval
