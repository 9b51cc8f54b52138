// defer, panic and recover.
//
// A defer statement evaluates the function value, receiver and arguments of its call
// at once and keeps them in a DeferRecord on the deferring call's CallRecord; the call
// node itself reads them back (SavedArgNodes) when the deferred calls run, latest
// first, as the function returns or panics. A Go panic is a C++ GoPanic exception: a
// function with deferred calls catches it, runs them with a PanicContext that recover()
// marks, and either returns normally (recovered) or rethrows. A panic raised by a
// deferred call replaces the one being handled, which Go's report lists before it.
//
// A defer statement in the body of a range over a function (which runs as a function
// literal, check/rangefunc.cpp) puts its record on the enclosing function's CallRecord,
// named by a token taken when the loop started. It must be on the same goroutine's chain
// of calls; a body that the iterator runs on another goroutine cannot defer (a run-time
// panic), since that goroutine cannot touch the first one's calls.
#pragma once

#include <vector>

#include "interpreter/eval/basic_nodes.h"

namespace gol::eval {

using namespace gol::values;

struct DeferRecord {
  DeferRecord* next = nullptr;
  ExprNode* call = nullptr;  // owned by its DeferNode
  Value* fp = nullptr;       // the deferring call's frame
  std::vector<Value> saved;
  bool multi = false;  // the call has several results (ignored)
  bool resultCounted = false;
  // A call deferred by the body of a range over a function, whose frame (fp) is gone
  // when the call runs: the call's temporaries go in a zeroed frame of scratchFn's size.
  const FuncCode* scratchFn = nullptr;
};

// Runs a function's body and then its deferred calls, with Go's panic rules.
void runWithDefers(const FuncCode* fn, Value* frame, CallRecord& record);

// Builds `defer call` in the function `fn`: takes the call's operands out of it (they are
// evaluated by the defer statement). With `frame` (in the body of a range over a
// function), the call is deferred in the call that `frame`'s token names
// (makeRangeFuncFrame). Null if the call's node cannot be deferred.
StmtPtr makeDefer(ExprPtr call, bool resultCounted, ExprPtr frame, const FuncCode* fn);
// A token for the running call (its CallRecord), for the defer statements of the bodies of
// range-over-func loops in it.
ExprPtr makeRangeFuncFrame();
ExprPtr makeRecover();
// The node a deferred or go'd call reads its i-th operand from (GoroutineState::savedArgs).
ExprPtr makeSavedArg(int index);
// The text after `panic: ` for a panic value (Error() or String() for values with
// those methods, Go's runtime formats otherwise).
std::string panicMessage(const AnyValue& v);
// The interface value recover() returns for a panic (runtime errors become values of
// an error type).
Value panicValue(const GoPanic& p);

}  // namespace gol::eval
