// A goroutine's native (C++) stack beyond its fixed fiber stack.
//
// The evaluator recurses on the native stack, and fiber stacks cannot grow in place. So, as
// Go grows a goroutine's stack, a Gol call that starts with less than a margin left on the
// current stack runs on a further segment (rt::call_on_stack), and so does a native call
// with less than a larger margin left (natives do not check as they go). Segments double
// from 256 KiB; past Go's 1000000000-byte limit the goroutine fails with Go's stack overflow.
// A goroutine keeps its segments for its next deep calls (so a call that crosses the
// boundary again and again costs two stack switches, not an allocation) and hands them
// back when it ends. Goroutine 1 and REPL inputs have one large fixed stack instead.
#pragma once

#include "interpreter/eval/nodes.h"

namespace gol::eval {

using namespace gol::values;

enum class NativeStack : uint8_t { Fixed, Grows };

// Sets g's limits for the stack it runs on now.
void initNativeStack(GoroutineState* g, NativeStack kind);

// Runs fn(arg) on g's next segment. For a Gol call at `pos`: fails with Go's stack overflow
// if g may not grow further. For a native call: runs it where it is then.
void callOnFurtherStack(GoroutineState* g, syntax::Pos pos, bool native, void (*fn)(void*),
                        void* arg);

// f() on the next segment, for a Gol call; returns what f returns.
template <class F>
auto callOnFurtherStack(GoroutineState* g, syntax::Pos pos, F&& f) {
  decltype(f()) result{};
  auto run = [&] { result = f(); };
  callOnFurtherStack(
      g, pos, false, [](void* p) { (*static_cast<decltype(run)*>(p))(); }, &run);
  return result;
}

// x, evaluated on a further segment when the stack runs low. Nothing but calls checks
// the stack, so the compiler puts one every kStackCheckDepth levels of an expression
// nested deeply within one call (a chain of 20000 `+`).
constexpr int kStackCheckDepth = 64;
ExprPtr makeStackCheck(ExprPtr x);

}  // namespace gol::eval
