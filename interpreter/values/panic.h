// Go panics and fatal errors as C++ exceptions: a Go panic unwinds the evaluator's
// native stack up to the goroutine's top, which prints Go's report. They are never
// thrown on a path that does not end in a panic.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "interpreter/values/value.h"

namespace gol::values {

// A call on the stack where a panic began, as traces show it: the function (null for Go's
// runtime.gopanic of an earlier panic whose deferred call this one began in) and its line.
struct PanicFrame {
  const FuncCode* fn;
  int line;
};

// Native functions throw GoPanic{value, message, runtimeError}; the call node that
// called them adds the trace.
struct GoPanic {
  AnyValue value;       // what panic() was called with; the GoPanic holds a reference
  std::string message;  // the text after `panic: `
  bool runtimeError = false;
  bool nilDeref = false;  // Go adds a `[signal SIGSEGV ...]` line to the report
  std::string trace;      // `goroutine 1 [running]:` and the calls, captured where it panicked
  // The same calls, innermost first: a deferred call this panic runs still has them on its
  // stack, as in Go, which unwinds only after the deferred calls (runtime.Caller, Stack).
  std::vector<PanicFrame> frames;
  // Earlier panics this one interrupted while their deferred calls ran:
  // `panic: first [recovered]\n\t` for each, oldest first.
  std::string previous;

  // A copy holds a reference of its own to the value; a recovered or replaced panic
  // releases it.
  GoPanic() = default;
  GoPanic(const GoPanic& o)
      : value(o.value),
        message(o.message),
        runtimeError(o.runtimeError),
        nilDeref(o.nilDeref),
        trace(o.trace),
        frames(o.frames),
        previous(o.previous) {
    if (isCounted(value.type)) retainRef(value.value);
  }
  GoPanic(GoPanic&& o) noexcept
      : value(o.value),
        message(std::move(o.message)),
        runtimeError(o.runtimeError),
        nilDeref(o.nilDeref),
        trace(std::move(o.trace)),
        frames(std::move(o.frames)),
        previous(std::move(o.previous)) {
    o.value = AnyValue{};
  }
  GoPanic& operator=(GoPanic o) noexcept {
    std::swap(value, o.value);
    message.swap(o.message);
    runtimeError = o.runtimeError;
    nilDeref = o.nilDeref;
    trace.swap(o.trace);
    frames.swap(o.frames);
    previous.swap(o.previous);
    return *this;
  }
  ~GoPanic() {
    if (isCounted(value.type)) releaseRef(value.value);
  }
};

// A fatal error: not recoverable, printed as `fatal error: ...`.
struct FatalError {
  std::string message;  // what follows `fatal error: `
  std::string prefix;   // lines printed before it (`runtime: goroutine stack exceeds ...`)
  std::string trace;
};

// An os.Exit: unwinds to the top and exits with the code.
struct ExitRequest {
  int code;
};

// runtime.Goexit: unwinds the goroutine, running its deferred calls (which cannot
// recover it), and ends the goroutine.
struct GoexitRequest {};

// Ctrl-C at the REPL: unwinds the input's goroutine like runtime.Goexit (its deferred
// calls run), and the REPL returns to its prompt.
struct InputInterrupted : GoexitRequest {};

}  // namespace gol::values
