// Fiber context switches on Boost.Context's fcontext layer, with sanitizer annotations.
//
// We use make_fcontext/jump_fcontext (what boost::context::fiber is built on) directly:
// fiber's constructor switches to the new stack once without a hook for annotating the
// switch, and its destructor unwinds a suspended fiber, which must never happen to a
// goroutine abandoned at the end of a run. Switches go between a goroutine and the
// scheduler stack (g0) of the thread it runs on, as in Go (mcall/gogo), or, when a parking
// goroutine's P has a next goroutine ready, straight from one goroutine to the next:
//   g0 -> G: execute() in proc.cpp; returns when G switches back, with G's context saved.
//   G -> g0 or G -> G': switch_to_scheduler(); landed() on the other side finishes the park.
// A goroutine may also move a call onto a further stack segment of its own and back
// (call_on_stack in proc.cpp, jump_stack here): not a switch of goroutines.
// Under ThreadSanitizer each goroutine is a TSan fiber; under AddressSanitizer each switch is
// bracketed by __sanitizer_start/finish_switch_fiber so ASan knows which stack is current.
// Invariants: no shared state and no locks here; a FiberSide is touched only by the thread
// that is switching away from or into it (the scheduler's run queues order those threads).
#pragma once

#include <boost/context/detail/fcontext.hpp>

#include <cstddef>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

namespace gol::rt::detail {

using boost::context::detail::fcontext_t;
using boost::context::detail::transfer_t;

struct FiberSide {
  fcontext_t ctx = nullptr;            // saved context while not running
  void* tsan_fiber = nullptr;          // TSan fiber handle (only under TSan)
  const void* stack_bottom = nullptr;  // for ASan
  size_t stack_size = 0;
};

inline void* tsan_new_fiber() {
#if defined(__SANITIZE_THREAD__)
  return __tsan_create_fiber(0);
#else
  return nullptr;
#endif
}
inline void tsan_destroy_fiber(void* f) {
#if defined(__SANITIZE_THREAD__)
  if (f) __tsan_destroy_fiber(f);
#else
  (void)f;
#endif
}
inline void* tsan_current_fiber() {
#if defined(__SANITIZE_THREAD__)
  return __tsan_get_current_fiber();
#else
  return nullptr;
#endif
}

// Called first thing on a fresh fiber.
inline void fiber_entered() {
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_finish_switch_fiber(nullptr, nullptr, nullptr);
#endif
}

// Jumps from the current stack to `to`. `exiting` says the current fiber will never be
// resumed (ASan then frees its fake stack). Returns the transfer from whoever resumes us.
inline transfer_t jump(const FiberSide& to, void* data, bool exiting = false) {
#if defined(__SANITIZE_THREAD__)
  __tsan_switch_to_fiber(to.tsan_fiber, 0);
#endif
#if defined(__SANITIZE_ADDRESS__)
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(exiting ? nullptr : &fake_stack, to.stack_bottom, to.stack_size);
#else
  (void)exiting;
#endif
  transfer_t t = boost::context::detail::jump_fcontext(to.ctx, data);
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#endif
  return t;
}

// Jumps between a goroutine's stack and one of its stack segments (call_on_stack): the
// same fiber continues, so only ASan hears of it.
inline transfer_t jump_stack(fcontext_t to, void* data, const void* to_bottom, size_t to_size,
                             bool exiting = false) {
#if defined(__SANITIZE_ADDRESS__)
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(exiting ? nullptr : &fake_stack, to_bottom, to_size);
#else
  (void)to_bottom;
  (void)to_size;
  (void)exiting;
#endif
  transfer_t t = boost::context::detail::jump_fcontext(to, data);
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#endif
  return t;
}

inline fcontext_t make_context(char* stack_top, size_t size, void (*entry)(transfer_t)) {
  return boost::context::detail::make_fcontext(stack_top, size, entry);
}

}  // namespace gol::rt::detail
