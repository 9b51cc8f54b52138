// The runtime's limits and per-goroutine settings that runtime/debug sets: the stack limit
// (SetMaxStack), the thread limit (SetMaxThreads) with the count it is checked against, and
// SetPanicOnFault's setting. The limits are process-wide atomics (relaxed: a setting takes
// effect at the next check); panic_on_fault is touched only by its own goroutine.
#include <atomic>
#include <utility>

#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"

namespace gol::rt {

namespace {
std::atomic<int64_t> g_max_stack{1000000000};  // Go's default on 64-bit systems
std::atomic<int64_t> g_max_threads{10000};     // Go's default
}  // namespace

int64_t max_stack() noexcept {
  return g_max_stack.load(std::memory_order_relaxed);
}

int64_t set_max_stack(int64_t bytes) noexcept {
  return g_max_stack.exchange(bytes, std::memory_order_relaxed);
}

int64_t max_threads() noexcept {
  return g_max_threads.load(std::memory_order_relaxed);
}

int64_t set_max_threads(int64_t n) noexcept {
  return g_max_threads.exchange(n, std::memory_order_relaxed);
}

int64_t thread_count() noexcept {
  detail::Scheduler* s = detail::current_sched();
  return 1 + (s ? s->live_ms.load(std::memory_order_relaxed) : 0) + detail::blocking_helpers();
}

bool set_panic_on_fault(bool enabled) noexcept {
  detail::G* g = detail::this_g();
  if (!g) return false;
  return std::exchange(g->panic_on_fault, enabled);
}

}  // namespace gol::rt
