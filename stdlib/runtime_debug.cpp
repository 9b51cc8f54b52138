// Package runtime/debug: Stack and PrintStack (the calling goroutine's trace, through the
// evaluator's hook of callers.h), FreeOSMemory, SetGCPercent's setting and SetMaxStack's limit
// (kept by the runtime, runtime/goroutine.h, which the evaluator checks as stacks grow).
//
// The GC percentage is the cycle collector's (interpreter/values/cycles.h), read from GOGC
// at the first use.
#include <malloc.h>
#if defined(GOL_MIMALLOC)
#include <mimalloc.h>
#endif

#include <atomic>
#include <cstdlib>
#include <string>

#include "interpreter/values/cycles.h"
#include "interpreter/values/panic.h"
#include "runtime/goroutine.h"
#include "stdlib/bind.h"
#include "stdlib/callers.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

// Go's debug.Stack lists itself (and PrintStack) above its caller, at Go 1.19's lines.
std::string stackWith(const char* extraFrames) {
  std::string trace = goroutineStack ? goroutineStack() : "";
  size_t header = trace.find('\n');
  if (header == std::string::npos) return trace;
  return trace.insert(header + 1, extraFrames);
}

constexpr const char* kStackFrame =
    "runtime/debug.Stack()\n\t$GOROOT/src/runtime/debug/stack.go:24\n";

Bytes debugStack() {
  return newBytes(stackWith(kStackFrame));
}

void printStack() {
  std::string frames = std::string(kStackFrame) +
                       "runtime/debug.PrintStack()\n\t$GOROOT/src/runtime/debug/stack.go:16\n";
  writeStderr(stackWith(frames.c_str()));
}

// Hands the allocator's free memory back to the system, as Go's scavenger does.
void freeOSMemory() {
#if defined(GOL_MIMALLOC)
  mi_collect(true);
#endif
  malloc_trim(0);
}

// Sets the percentage the cycle collector paces itself by and returns the previous one; a
// negative one means off (-1).
int64_t setGCPercent(int64_t percent) {
  return values::setGCPercent(percent);
}

}  // namespace

namespace {

// The limit on one goroutine's stack, enforced where the evaluator adds stack segments
// (goroutine 1 runs on one fixed stack, which the limit does not shrink). Go's
// rule: the previous setting is returned.
int64_t setMaxStack(int64_t bytes) {
  return rt::set_max_stack(bytes);
}

// Go's rule: the previous limit is returned, and a limit below the threads in use ends
// the program at once.
int64_t setMaxThreads(int64_t n) {
  int64_t previous = rt::set_max_threads(n);
  if (rt::thread_count() > n) {
    throw values::FatalError{"thread exhaustion",
                             "runtime: program exceeds " + std::to_string(n) + "-thread limit\n",
                             goroutineStack ? goroutineStack() : ""};
  }
  return previous;
}

// A fault at an unexpected address cannot happen in Gol: every access is checked, and a
// nil one panics whatever the setting. The setting is kept per goroutine, as Go keeps it,
// and returned.
bool setPanicOnFault(bool enabled) {
  return rt::set_panic_on_fault(enabled);
}

}  // namespace

void registerRuntimeDebug(Packages& p) {
  check::Package& pkg = p.package("runtime/debug", "debug");
  bind<&debugStack>(p, pkg, "Stack");
  bind<&printStack>(p, pkg, "PrintStack");
  bind<&freeOSMemory>(p, pkg, "FreeOSMemory");
  bind<&setGCPercent>(p, pkg, "SetGCPercent");
  bind<&setMaxStack>(p, pkg, "SetMaxStack");
  bind<&setMaxThreads>(p, pkg, "SetMaxThreads");
  bind<&setPanicOnFault>(p, pkg, "SetPanicOnFault");
}

}  // namespace gol::stdlib
