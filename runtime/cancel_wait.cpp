// Withdrawing a parked goroutine from its wait (cancel_wait in goroutine.h). Go has no
// such thing; the REPL needs it: an input it abandons (deadlocked, or interrupted while
// blocked) must not later take a value from a channel or a lock another input waits for.
//
// Invariants:
// * G::wait_lock guards wait_cancel, wait_cancel_arg and wait_cancelled. The blocking
//   operation sets wait_cancel before it parks (possibly holding its wait structure's lock)
//   and clears it after it resumes (holding no other lock); cancel_wait holds wait_lock
//   while it calls wait_cancel, which takes the wait structure's lock. So the lock order is
//   wait_lock, then the structure's lock; the operation takes wait_lock under the structure's
//   lock only while wait_cancel is null, when cancel_wait takes no further lock.
// * wait_cancel(g, arg) returns true only if it found g still queued and took it out under
//   the structure's lock: the park that queued g had then committed (its unlock callback runs
//   after the switch), and no waker can reach g any more, so cancel_wait is the one that
//   readies it. The G reads wait_cancelled after it resumes (ready's synchronisation).
// * While wait_cancel is set, the G is alive and its id fixed: cancel_wait reads g->id only
//   then.
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"

namespace gol::rt {

namespace detail {

void begin_cancelable_wait(G* g, bool (*cancel)(G*, void*), void* arg) noexcept {
  std::lock_guard lk(g->wait_lock);
  g->wait_cancel = cancel;
  g->wait_cancel_arg = arg;
}

bool end_cancelable_wait(G* g) noexcept {
  std::lock_guard lk(g->wait_lock);
  g->wait_cancel = nullptr;
  g->wait_cancel_arg = nullptr;
  bool cancelled = g->wait_cancelled;
  g->wait_cancelled = false;
  return cancelled;
}

void wait_withdrawn() {
  Scheduler* s = current_sched();
  if (s && s->cfg.on_wait_cancelled) s->cfg.on_wait_cancelled();
  std::fputs("fatal error: a withdrawn wait resumed its goroutine\n", stderr);
  std::abort();
}

}  // namespace detail

bool cancel_wait(uint64_t id) {
  detail::Scheduler* s = detail::current_sched();
  if (!s || !s->cfg.on_wait_cancelled) return false;
  detail::G* found = nullptr;
  {
    std::lock_guard lk(s->allglock);
    for (detail::G* g : s->allgs) {
      std::lock_guard wl(g->wait_lock);
      if (!g->wait_cancel || g->id != id) continue;
      if (g->wait_cancel(g, g->wait_cancel_arg)) {
        g->wait_cancelled = true;
        found = g;
      }
      break;
    }
  }
  if (found) ready(found);
  return found != nullptr;
}

}  // namespace gol::rt
