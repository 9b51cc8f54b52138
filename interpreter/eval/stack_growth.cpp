// Stack segments of Gol goroutines (see stack_growth.h). Only the goroutine itself touches
// its GoroutineState's limits and segments.
#include "interpreter/eval/stack_growth.h"

#include <new>

#include "runtime/goroutine.h"

namespace gol::eval {

namespace {

// Left free below a call: the evaluator's own recursion between two calls, and unwinding.
constexpr size_t kCallMargin = size_t{16} << 10;
// Left free below a native call: natives (formatting, sorting) recurse without checks.
constexpr size_t kNativeMargin = size_t{48} << 10;
// A fixed stack, and the last segment: room to report the overflow.
constexpr size_t kFinalMargin = size_t{1} << 20;
constexpr size_t kFirstSegmentBytes = size_t{256} << 10;
// 256 KiB, 512 KiB, ..., 256 MiB: with the fiber stack, about 512 MiB in all. Doubling
// once more would pass Go's 1000000000-byte limit, where Go's own doubling stops too.
constexpr int kMaxSegments = 11;

void setLimits(GoroutineState* g, rt::Stack s, bool final) {
  g->nativeStackLimit = s.base + (final ? kFinalMargin : kCallMargin);
  g->nativeCallLimit = final ? g->nativeStackLimit : s.base + kNativeMargin;
  g->finalStack = final;
}

}  // namespace

struct StackSegments {
  rt::Stack stacks[kMaxSegments] = {};
  int depth = 0;  // segments the goroutine's current calls run on
};

void initNativeStack(GoroutineState* g, NativeStack kind) {
  setLimits(g, rt::current_stack(), kind == NativeStack::Fixed);
}

GoroutineState::~GoroutineState() {
  if (!stackSegments) return;
  for (rt::Stack s : stackSegments->stacks) {
    if (s.base) rt::free_stack_segment(s);
  }
  delete stackSegments;
}

void callOnFurtherStack(GoroutineState* g, syntax::Pos pos, bool native, void (*fn)(void*),
                        void* arg) {
  if (g->finalStack) {
    if (native) return fn(arg);
    stackOverflow(pos);
  }
  if (!g->stackSegments) g->stackSegments = new StackSegments;
  StackSegments* ss = g->stackSegments;
  int next = ss->depth;
  rt::Stack& s = ss->stacks[next];
  if (!s.base) s = rt::new_stack_segment(kFirstSegmentBytes << next);
  // The caller's limits come back when the call ends, by a return or a panic.
  struct Restore {
    GoroutineState* g;
    const char* stackLimit;
    const char* callLimit;
    ~Restore() {
      g->nativeStackLimit = stackLimit;
      g->nativeCallLimit = callLimit;
      g->finalStack = false;
      g->stackSegments->depth--;
    }
  } restore{g, g->nativeStackLimit, g->nativeCallLimit};
  ss->depth = next + 1;
  // The last segment, or the one past which the stack would exceed SetMaxStack's limit:
  // the goroutine overflows on it, with room to report it.
  size_t through = 0;
  for (int i = 0; i <= next + 1 && i < kMaxSegments; ++i) through += kFirstSegmentBytes << i;
  bool last = next + 1 == kMaxSegments || through > static_cast<size_t>(rt::max_stack());
  setLimits(g, s, last);
  rt::call_on_stack(s, fn, arg);
}

namespace {

struct StackCheckNode : ExprNode {
  ExprPtr x;
  static bool low(const GoroutineState* g) {
    char marker;
    return &marker < g->nativeStackLimit;
  }
  Value eval(Value* fp) override {
    GoroutineState* g = currentState();
    if (low(g)) [[unlikely]] {
      return callOnFurtherStack(g, pos, [&] { return x->eval(fp); });
    }
    return x->eval(fp);
  }
  void evalMulti(Value* fp, Value* out) override {
    GoroutineState* g = currentState();
    if (low(g)) [[unlikely]] {
      callOnFurtherStack(g, pos, [&] {
        x->evalMulti(fp, out);
        return true;
      });
      return;
    }
    x->evalMulti(fp, out);
  }
  bool collectOperands(std::vector<ExprPtr*>& operands) override {
    return x->collectOperands(operands);
  }
};

}  // namespace

ExprPtr makeStackCheck(ExprPtr x) {
  auto n = std::make_unique<StackCheckNode>();
  n->pos = x->pos;
  n->x = std::move(x);
  return n;
}

}  // namespace gol::eval
