// Stack segments: a further stack for a deep call, run from a goroutine (call_on_stack) or
// from a thread that runs none (call_on_thread_stack), and back. The same goroutine or
// thread goes on on the segment, so only AddressSanitizer hears of the switch (fiber.h).
// Invariants: a segment is owned by its embedder; a G never ends while on one, and its
// `segment` and fiber bounds are touched only by the G itself (proc_internal.h).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "runtime/proc_internal.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace gol::rt {

using namespace detail;

Stack new_stack_segment(size_t size) {
  return stack_allocate(size, false);
}

void free_stack_segment(Stack segment) {
  stack_release_memory(segment, 0);
  stack_free(segment);
}

namespace {

// A call running on a stack segment, and the way back from it.
struct SegmentCall {
  void (*fn)(void*);
  void* arg;
  std::exception_ptr error;
  fcontext_t back = nullptr;  // the caller's context, saved by the jump onto the segment
  const void* back_bottom;    // the caller's stack, for ASan
  size_t back_size;
};

void segment_entry(transfer_t t) {
  fiber_entered();
  auto* call = static_cast<SegmentCall*>(t.data);
  call->back = t.fctx;
  try {
    call->fn(call->arg);
  } catch (...) {
    call->error = std::current_exception();
  }
  // Never resumed: the next call on this segment makes a fresh context.
  jump_stack(call->back, nullptr, call->back_bottom, call->back_size, true);
  __builtin_unreachable();
}

// Runs the call on `segment` and comes back (what it threw is in call.error).
void run_on_segment(Stack segment, SegmentCall& call) {
  fcontext_t ctx = make_context(segment.top(), segment.size, segment_entry);
  jump_stack(ctx, &call, segment.base, segment.size);
#if defined(__SANITIZE_ADDRESS__)
  // segment_entry's frame, at the top, never returns: clear its redzones. (ASan itself
  // clears those of frames an exception unwinds, given the segment's bounds.)
  size_t entry_frames = std::min(segment.size, size_t{16} << 10);
  ASAN_UNPOISON_MEMORY_REGION(segment.top() - entry_frames, entry_frames);
#endif
}

}  // namespace

void call_on_stack(Stack segment, void (*fn)(void*), void* arg) {
  G* g = this_g();
  if (!g) {
    std::fprintf(stderr, "fatal error: call_on_stack called off a goroutine\n");
    std::abort();
  }
  Stack outer = g->segment;
  SegmentCall call{fn, arg, nullptr, nullptr, g->fiber.stack_bottom, g->fiber.stack_size};
  g->segment = segment;
  g->fiber.stack_bottom = segment.base;
  g->fiber.stack_size = segment.size;
  run_on_segment(segment, call);
  // Back, perhaps on another thread: this G is still the current one.
  g->segment = outer;
  g->fiber.stack_bottom = call.back_bottom;
  g->fiber.stack_size = call.back_size;
  if (call.error) std::rethrow_exception(call.error);
}

void call_on_thread_stack(Stack segment, void (*fn)(void*), void* arg) {
  if (this_g()) {
    std::fprintf(stderr, "fatal error: call_on_thread_stack called on a goroutine\n");
    std::abort();
  }
  Stack thread{};
#if defined(__SANITIZE_ADDRESS__)
  thread = current_stack();  // where ASan finds the thread again on the way back
#endif
  SegmentCall call{fn, arg, nullptr, nullptr, thread.base, thread.size};
  run_on_segment(segment, call);
  if (call.error) std::rethrow_exception(call.error);
}

}  // namespace gol::rt
