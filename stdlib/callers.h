// The calling goroutine's stack, for runtime.Caller, Callers and Stack and runtime/debug:
// the evaluator knows its call records, the native packages do not, so the evaluator
// installs these hooks (as go_call.h's) before any program runs.
#pragma once

#include <string>
#include <vector>

namespace gol::stdlib {

struct CallerFrame {
  std::string function;  // as Go's traces name it: main.f, main.(*T).M, main.main.func1
  int line = 0;
  std::string file;  // empty: the program's (programFile); else a runtime file of Go's
};

// The calling goroutine's frames, innermost first: the function that called the native,
// at the line of that call, then its callers, each at the line of its call. A goroutine
// that is not the main one ends with the function its go statement started.
extern std::vector<CallerFrame> (*callerFrames)(bool* isMainGoroutine);

// Go's trace of the calling goroutine, as a panic prints it ("goroutine N [running]:" and
// a frame per call).
extern std::string (*goroutineStack)();

// The program's source file, as runtime.Caller reports it: an absolute path.
extern std::string (*programFile)();

}  // namespace gol::stdlib
