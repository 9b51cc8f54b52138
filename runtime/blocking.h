// Blocking calls (stdin, files, anything that may block the OS thread) without blocking
// the scheduler: the calling goroutine parks with wait reason "syscall" and the call runs on
// a helper thread; when it returns, the goroutine is readied. While a call is in flight it
// counts as an outside source of wake-ups, so blocked goroutines are not a deadlock.
//
// Invariants: the helper pool (one process-wide mutex guards its job queue and idle count)
// grows on demand, so a call that never returns (a read of a terminal nobody types into)
// holds one helper and blocks nothing else. A job is queued only after its goroutine has
// switched out (park's unlock callback), so the helper's ready() always finds it parked.
// If the run ends while a call is in flight, the helper finishes the call and drops the
// goroutine (it belongs to a finished run and never resumes).
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

namespace gol::rt {

// Runs fn(arg) off the scheduler (G); off a goroutine, calls it directly. fn must not throw.
void blocking_call(void (*fn)(void*), void* arg);

// Convenience: ssize_t n = rt::blocking([&] { return ::read(0, buf, len); });
template <class F>
auto blocking(F&& f) -> std::invoke_result_t<F&> {
  using R = std::invoke_result_t<F&>;
  if constexpr (std::is_void_v<R>) {
    blocking_call([](void* p) { (*static_cast<std::remove_reference_t<F>*>(p))(); }, &f);
  } else {
    std::optional<R> out;
    auto call = [&] { out.emplace(f()); };
    blocking_call([](void* p) { (*static_cast<decltype(call)*>(p))(); }, &call);
    return std::move(*out);
  }
}

}  // namespace gol::rt
