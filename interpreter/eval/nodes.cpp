// Node behaviour defined out of line: calls (frames on the goroutine's value stack,
// natives on the native stack), string conversions and ranges, switches.
#include <cstring>

#include <alloca.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>
#include <utility>

#include "interpreter/eval/basic_nodes.h"
#include "interpreter/eval/builtins.h"
#include "interpreter/eval/closures.h"
#include "interpreter/eval/defer.h"
#include "interpreter/eval/echo.h"
#include "interpreter/eval/goroutines.h"
#include "interpreter/eval/intrinsics.h"
#include "interpreter/eval/map_nodes.h"
#include "interpreter/eval/ops.h"
#include "interpreter/eval/slices.h"
#include "interpreter/eval/stack_growth.h"
#include "interpreter/eval/structs.h"
#include "interpreter/syntax/literals.h"
#include "interpreter/syntax/printer.h"
#include "interpreter/values/maps.h"
#include "stdlib/packages.h"

namespace gol::eval {

using namespace gol::syntax;

void indexOutOfRange(Pos pos, int64_t index, bool isUnsigned, size_t length) {
  std::string i = isUnsigned ? std::to_string(static_cast<uint64_t>(index)) : std::to_string(index);
  if (!isUnsigned && index < 0) runtimePanicAt(pos, "index out of range [" + i + "]");
  runtimePanicAt(pos, "index out of range [" + i + "] with length " + std::to_string(length));
}

template <bool UnsignedFrom>
Value RuneToStringNode<UnsignedFrom>::eval(Value* fp) {
  Value v = x->eval(fp);
  uint32_t r = 0xFFFD;
  if (UnsignedFrom ? v.u <= 0x10FFFF : (v.i >= 0 && v.i <= 0x10FFFF)) {
    r = static_cast<uint32_t>(v.u);
    if (r >= 0xD800 && r <= 0xDFFF) r = 0xFFFD;
  }
  std::string s;
  appendUtf8(s, r);
  return stringValue(StringObject::make(s));
}
template struct RuneToStringNode<false>;
template struct RuneToStringNode<true>;

Exec RangeStringNode::exec(Value* fp) {
  storeCell<true>(fp + stringSlot, x->eval(fp));
  std::string_view s = stringView(fp[stringSlot]);
  Exec result = Exec::Normal;
  for (size_t i = 0; i < s.size();) {
    auto [r, width] = decodeRune(s.data() + i, s.size() - i);
    key.store(fp, intValue(static_cast<int64_t>(i)));
    value.store(fp, intValue(r));
    Exec e = execList(body, fp);
    if (loopShouldExit(e, label, &result)) break;
    pollPreemption();
    i += static_cast<size_t>(width);
  }
  storeCell<true>(fp + stringSlot, Value{});
  return result;
}

Exec SwitchNode::exec(Value* fp) {
  if (init) init->exec(fp);
  if (tag) fp[tagSlot] = tag->eval(fp);
  int chosen = -1;
  for (size_t i = 0; i < clauses.size() && chosen < 0; ++i) {
    for (const ExprPtr& m : clauses[i].matches) {
      if (m->eval(fp).i) {
        chosen = static_cast<int>(i);
        break;
      }
    }
  }
  if (tagCounted) storeCell<true>(fp + tagSlot, Value{});
  if (chosen < 0) chosen = defaultClause;
  if (chosen < 0) return Exec::Normal;
  for (size_t i = static_cast<size_t>(chosen); i < clauses.size(); ++i) {
    Exec e = execList(clauses[i].body, fp);
    if (e == Exec::Fallthrough) continue;
    if (e == Exec::Break) return Exec::Normal;
    if (e == Exec::BreakLabel && label && currentState()->branchTarget == label) {
      return Exec::Normal;
    }
    return e;
  }
  return Exec::Normal;
}

namespace {

// Runs fn in `frame` (arguments in place, sp already above the frame) and leaves its
// results there; then restores the caller's sp and stack limit. Plain: fn->plain, which
// has nothing to copy in, release or unbox.
template <bool Plain>
void runFrame(GoroutineState* g, const FuncCode* fn, Value* frame, Value* callerSp,
              Value* callerLimit, Pos pos) {
  if constexpr (!Plain) {
    for (int p : fn->aggregateParams) frame[p] = ownAggregate(frame[p]);
  }
  CallRecord record{fn, pos, g->calls};
  record.deferredCall = g->nextCallDeferred;
  g->nextCallDeferred = false;
  g->calls = &record;
  // Restores the caller's view when the call ends, by a return or a panic.
  struct Restore {
    GoroutineState* g;
    Value* sp;
    Value* limit;
    CallRecord* calls;
    ~Restore() {
      g->sp = sp;
      g->stackLimit = limit;
      g->calls = calls;
    }
  } restore{g, callerSp, callerLimit, record.caller};
  if constexpr (Plain) {
    if (rt::preempt_requested()) [[unlikely]] {
      g->pos = pos;
      preemptOrInterrupt();
    }
    execList(fn->body, frame);
    return;
  }
  try {
    // Inside the try: an interrupt here unwinds the call, releasing its arguments.
    if (rt::preempt_requested()) [[unlikely]] {
      g->pos = pos;
      preemptOrInterrupt();
    }
    if (fn->hasDefer) {
      runWithDefers(fn, frame, record);
    } else {
      execList(fn->body, frame);
    }
  } catch (...) {
    // A panic (or Goexit) unwinds the call: its variables and results die with it.
    for (int s : fn->countedSlots) releaseRef(frame[s]);
    for (int r : fn->ownedResultSlots) releaseRef(frame[r]);
    throw;
  }
  for (int r : fn->boxedResults) {
    auto* box = static_cast<BoxObject*>(frame[r].p);
    Value v = box->counted() ? loadRef(&box->value) : box->value;
    releaseRef(frame[r]);
    frame[r] = v;
  }
  for (int s : fn->countedSlots) releaseRef(frame[s]);
}

// True when a call must move on to a further native stack segment (stack_growth.h).
inline bool nativeStackLow(const GoroutineState* g) {
  char marker;
  return &marker < g->nativeStackLimit;
}

// Frames of at most this many values are zeroed by fixed stores (past their end too,
// where the stack is free) rather than a call to memset.
constexpr int kSmallFrame = 4;

// A new zeroed frame for fn on the goroutine's value stack.
inline Value* enterFrame(GoroutineState* g, const FuncCode* fn) {
  int size = fn->frameSize;
  int room = std::max(size, kSmallFrame);
  Value* frame = g->sp;
  if (frame + room > g->stackLimit) [[unlikely]]
    frame = growValueStack(g, room);
  if (size <= kSmallFrame) {
    for (int i = 0; i < kSmallFrame; ++i) frame[i] = Value{};
  } else {
    std::memset(static_cast<void*>(frame), 0, sizeof(Value) * static_cast<size_t>(size));
  }
  g->sp = frame + size;
  return frame;
}

}  // namespace

Value* callFunction(const FuncCode* fn, const std::vector<ExprPtr>& args, Value* fp, Pos pos,
                    Value closure) {
  GoroutineState* g = currentState();
  if (nativeStackLow(g)) [[unlikely]] {
    return callOnFurtherStack(g, pos, [&] { return callFunction(fn, args, fp, pos, closure); });
  }
  Value* callerSp = g->sp;
  Value* callerLimit = g->stackLimit;
  Value* frame = enterFrame(g, fn);
  for (size_t i = 0; i < args.size(); ++i) frame[i] = args[i]->eval(fp);
  if (fn->closureSlot >= 0) frame[fn->closureSlot] = closure;
  if (fn->plain) {
    runFrame<true>(g, fn, frame, callerSp, callerLimit, pos);
    return frame;
  }
  runFrame<false>(g, fn, frame, callerSp, callerLimit, pos);
  return frame;
}

Value* callFunctionValues(const FuncCode* fn, const Value* args, size_t n, Pos pos, Value closure) {
  GoroutineState* g = currentState();
  if (nativeStackLow(g)) [[unlikely]] {
    return callOnFurtherStack(g, pos,
                              [&] { return callFunctionValues(fn, args, n, pos, closure); });
  }
  Value* callerSp = g->sp;
  Value* callerLimit = g->stackLimit;
  Value* frame = enterFrame(g, fn);
  for (size_t i = 0; i < n; ++i) frame[i] = args[i];
  // A native may call a function value it holds no reference to (one it read from a
  // variable the call may store over): the call holds one for the frame to borrow.
  if (fn->closureSlot < 0) closure = Value{};
  retainRef(closure);
  struct HoldClosure {
    Value closure;
    ~HoldClosure() { releaseRef(closure); }
  } hold{closure};
  if (fn->closureSlot >= 0) frame[fn->closureSlot] = closure;
  runFrame<false>(g, fn, frame, callerSp, callerLimit, pos);
  return frame;
}

void tracePanicAt(GoPanic& p, syntax::Pos pos) {
  if (p.trace.empty()) capturePanic(p, pos);
}

namespace {

// Runs a native on the current stack: a panic it raises gets the trace at `pos`.
void callNativeHere(GoroutineState* g, NativeFunction fn, std::span<const AnyValue> args,
                    Value* out, syntax::Pos pos) {
  try {
    fn(args, out);
  } catch (GoPanic& p) {
    tracePanicAt(p, pos);
    throw;
  }
  // The native may have blocked (time.Sleep, wg.Wait) while the REPL abandoned the input.
  if (g->interrupted.load(std::memory_order_relaxed)) [[unlikely]]
    unwindInterrupted(g);
}

struct NativeCallArgs {
  GoroutineState* g;
  NativeFunction fn;
  std::span<const AnyValue> args;
  Value* out;
  syntax::Pos pos;
};

}  // namespace

void callNative(NativeFunction fn, std::span<const AnyValue> args, Value* out, syntax::Pos pos) {
  GoroutineState* g = currentState();
  g->pos = pos;
  char marker;
  if (&marker < g->nativeCallLimit) [[unlikely]] {
    NativeCallArgs call{g, fn, args, out, pos};
    auto run = [](void* p) {
      auto* c = static_cast<NativeCallArgs*>(p);
      callNativeHere(c->g, c->fn, c->args, c->out, c->pos);
    };
    callOnFurtherStack(g, pos, true, run, &call);
    return;
  }
  callNativeHere(g, fn, args, out, pos);
}

void NativeCallNode::evalMulti(Value* fp, Value* out) {
  // Uninitialised room for the arguments (zeroing a fixed array costs more than the
  // call on short natives).
  size_t n = args.size();
  if (spreadElem) {
    callSpread(fp, out);
    return;
  }
  auto* argv = static_cast<AnyValue*>(alloca(sizeof(AnyValue) * (n ? n : 1)));
  size_t done = 0;
  try {
    for (; done < n; ++done) {
      argv[done].type = argTypes[done];
      argv[done].value = args[done]->eval(fp);
    }
    callNative(fn, std::span<const AnyValue>(argv, n), out, pos);
  } catch (...) {
    // A panic in an operand or in the native (recovered later): the operands die here.
    for (size_t i = 0; i < done; ++i) {
      if (argCounted[i]) releaseString(argv[i].value);
    }
    throw;
  }
  for (size_t i = 0; i < n; ++i) {
    if (argCounted[i]) releaseString(argv[i].value);
  }
}

void NativeCallNode::callSpread(Value* fp, Value* out) {
  std::vector<AnyValue> argv;
  for (size_t i = 0; i + 1 < args.size(); ++i)
    argv.push_back(AnyValue{argTypes[i], args[i]->eval(fp)});
  Value slice = args.back()->eval(fp);
  size_t fixed = argv.size();
  if (SliceObject* s = asSlice(slice)) {
    for (int64_t k = 0; k < s->len(); ++k) argv.push_back(AnyValue{spreadElem, s->base()[k]});
  }
  try {
    callNative(fn, std::span<const AnyValue>(argv.data(), argv.size()), out, pos);
  } catch (...) {
    for (size_t i = 0; i < fixed; ++i) {
      if (argCounted[i]) releaseRef(argv[i].value);
    }
    releaseRef(slice);
    throw;
  }
  for (size_t i = 0; i < fixed; ++i) {
    if (argCounted[i]) releaseRef(argv[i].value);
  }
  releaseRef(slice);
}

}  // namespace gol::eval
