// The hook stdlib/go_call.h declares: runs a Gol func() value on a new goroutine, for natives
// that start goroutines of their own (time.AfterFunc). Installed by static initialisation,
// and goCallNative (net/http's connection goroutines) likewise,
// so this file is part of the gol executable itself (a static library member nothing
// references would not be linked).
//
// The new goroutine owns the function value and its value stack; its report has no
// "created by" line (Go's names a runtime function, time.goFunc, with no .gol position).
#include "interpreter/eval/goroutines.h"
#include "runtime/runtime.h"
#include "stdlib/format.h"
#include "stdlib/go_call.h"

namespace gol::eval {

namespace {

constexpr size_t kFirstSegmentValues = 320;

void callFunc(void* fn) {
  stdlib::fmt::funcCaller(Value{.p = fn}, {}, nullptr);
}

void funcGoroutineEntry(void* fn) {
  Value initial[kFirstSegmentValues];
  ValueSegment first{initial, initial + kFirstSegmentValues};
  GoroutineState g;
  initGoroutineState(&g, &first, NativeStack::Grows);
  runGoroutineBody(callFunc, fn);
  rt::set_user(nullptr);
  releaseSegments(&first);
  releaseRef(Value{.p = fn});
}

void goCallFunc(Value fn) {
  enableSharedCells();
  rt::go(funcGoroutineEntry, fn.p);
}

struct NativeCall {
  void (*fn)(void*);
  void* arg;
};

void nativeGoroutineEntry(void* p) {
  NativeCall call = *static_cast<NativeCall*>(p);
  delete static_cast<NativeCall*>(p);
  Value initial[kFirstSegmentValues];
  ValueSegment first{initial, initial + kFirstSegmentValues};
  GoroutineState g;
  initGoroutineState(&g, &first, NativeStack::Grows);
  runGoroutineBody(call.fn, call.arg);
  rt::set_user(nullptr);
  releaseSegments(&first);
}

void goCallNative(void (*fn)(void*), void* arg) {
  enableSharedCells();
  rt::go(nativeGoroutineEntry, new NativeCall{fn, arg});
}

const bool installed =
    (stdlib::goCallFunc = &goCallFunc, stdlib::goCallNative = &goCallNative, true);

}  // namespace

}  // namespace gol::eval
