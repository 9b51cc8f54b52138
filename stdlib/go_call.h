// Starting a goroutine from a native (time.AfterFunc): the evaluator knows how to run a Gol
// function value on a new goroutine, the native packages do not, so the evaluator installs
// this hook when goroutines run on the runtime. Null until then: natives that need it are
// left undeclared (`undefined: time.AfterFunc`) rather than half working.
#pragma once

#include "interpreter/values/value.h"

namespace gol::stdlib {

// Runs fn() (a func() value; the reference is taken over) on a new goroutine. Safe to call
// from a timer callback on the runtime's monitor thread.
extern void (*goCallFunc)(values::Value fn);

// Runs fn(arg) on a new goroutine set up as the evaluator's goroutines are, so fn may call
// Gol functions (fmt::funcCaller, methodCaller): net/http serves each connection so. An
// unrecovered panic there ends the program as in any goroutine.
extern void (*goCallNative)(void (*fn)(void*), void* arg);

}  // namespace gol::stdlib
