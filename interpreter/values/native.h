// The calling convention between the evaluator and the native functions of stdlib/.
//
// A native function receives its arguments as AnyValues: each argument's dynamic type
// (for an interface parameter such as fmt.Println's ...any, the type of the value
// inside; otherwise the parameter's type) and its Value. Variadic arguments arrive
// flattened, a spread `f(xs...)` included. Arguments are borrowed: a native that keeps
// a string retains it. Results are written to `results` in order, each owned by the
// caller (a string result is a new reference).
#pragma once

#include <span>
#include <string>

#include "interpreter/values/value.h"

namespace gol::values {

using NativeFunction = void (*)(std::span<const AnyValue> args, Value* results);

// A native's fast path: it does the whole call and returns true when it can without
// blocking, running Gol code or needing the calling goroutine (an uncontended Lock, an
// atomic add); otherwise it returns false having done nothing, and the native itself is
// called. It may panic as the native would (a nil receiver).
using NativeFastPath = bool (*)(std::span<const AnyValue> args, Value* results);

// Natives the compiler may replace by nodes of its own (eval/intrinsics.h).
enum class NativeIntrinsic {
  None,
  AtomicAdd64,  // atomic.AddInt64, AddUint64, AddUintptr: (addr *T, delta T) (new T)
};

// Finds the native implementation of a package member (`fmt`, `Println`).
class NativeRegistry {
 public:
  virtual ~NativeRegistry() = default;
  virtual NativeFunction find(const std::string& path, const std::string& name) const = 0;
  // Whether fn (a function or a method) never runs Gol code (no callbacks, no String
  // methods), so its callers may lend it variables without references.
  virtual bool runsNoGolCode(NativeFunction fn) const { return false; }
  // fn's fast path, if it has one.
  virtual NativeFastPath fastPath(NativeFunction fn) const { return nullptr; }
  // What fn is to the compiler, if it may replace calls of it.
  virtual NativeIntrinsic intrinsic(NativeFunction fn) const { return NativeIntrinsic::None; }
};

}  // namespace gol::values
