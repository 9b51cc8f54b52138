// Function values implemented in C++ with bound data: what a native returns when Go
// returns a closure (context.WithCancel's cancel).
//
// A Gol function value is a ClosureObject: a FuncCode and the boxes of its captures. A
// native closure's FuncCode is an ordinary one whose body is a single node that calls a
// C++ function with the closure's first box (the bound data) and the frame's parameter and
// result slots, so calls, defer, go and panics treat it like any Gol closure. Its frame is
// the parameters, the results, then the closure slot. FuncCodes made here live as long as
// the process; closures are counted like any other and release their bound value.
#pragma once

#include <string>

#include "interpreter/check/types.h"
#include "interpreter/values/value.h"

namespace gol::values {

// The C++ body: `bound` is borrowed; `args` are the parameters (borrowed: the frame
// releases counted ones); each result written to `results` is owned by the caller.
using NativeClosureBody = void (*)(Value bound, const Value* args, Value* results);

// A FuncCode of signature `sig` running `body`; `name` is what panic traces print
// (context.WithCancel.func1).
const FuncCode* nativeFuncCode(std::string name, const check::Signature* sig,
                               NativeClosureBody body);

// A function value of `code` bound to `bound` (an owned reference when `counted`).
Value makeNativeClosure(const FuncCode* code, Value bound, bool counted);

}  // namespace gol::values
