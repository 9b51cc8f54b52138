// What the runtime tells an embedder about its goroutines when a run cannot go on: the
// list of goroutines (a deadlock report, the REPL's :goroutines), the default deadlock
// report, external wakers, and quit (SIGQUIT). Invariants: see proc_internal.h; the
// snapshot is taken under allglock, quit's decision under done_mu as finish's.
#include <algorithm>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/deadlock.h"
#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"

namespace gol::rt {

namespace detail {

std::vector<GoroutineInfo> goroutines_of(Scheduler* s) {
  std::vector<GoroutineInfo> out;
  int64_t now = nanotime();  // wait_since is coarse (~ms), the reading now need not be
  std::lock_guard lk(s->allglock);
  out.reserve(s->allgs.size());
  for (G* g : s->allgs) {
    GStatus st = g->status.load(std::memory_order_acquire);
    if (st == GStatus::Idle || st == GStatus::Dead) continue;
    GoroutineInfo info{};
    info.id = g->id;
    info.user = g->user.load(std::memory_order_relaxed);
    if (st == GStatus::Waiting) {
      info.state = GoroutineState::Waiting;
      info.wait_reason = g->wait_reason.load(std::memory_order_relaxed);
      int64_t since = g->wait_since.load(std::memory_order_relaxed);
      info.waiting_ns = since && now > since ? now - since : 0;
      int64_t until = g->sleep_until.load(std::memory_order_relaxed);
      info.sleep_left_ns = until > now ? until - now : 0;
    } else {
      info.state = st == GStatus::Running ? GoroutineState::Running : GoroutineState::Runnable;
      info.wait_reason = WaitReason::None;
      info.waiting_ns = 0;
      info.sleep_left_ns = 0;
    }
    out.push_back(info);
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
  return out;
}

}  // namespace detail

void quit() {
  detail::Scheduler* s = detail::current_sched();
  if (!s) return;
  {
    // As finish does, unless the run has already ended some other way.
    std::lock_guard lk(s->done_mu);
    if (s->done) return;
    s->done = true;
    s->result = ExitInfo{ExitKind::Fatal, 2};
    s->quit_requested.store(true);
  }
  s->done_cv.notify_all();
}

std::vector<GoroutineInfo> list_goroutines() {
  detail::Scheduler* s = detail::current_sched();
  if (!s) return {};
  return detail::goroutines_of(s);
}

DeadlockAction default_deadlock_handler(const std::vector<GoroutineInfo>& gs) {
  std::string out = "fatal error: all goroutines are asleep - deadlock!\n";
  for (auto& g : gs) {
    out +=
        "\ngoroutine " + std::to_string(g.id) + " [" + wait_reason_string(g.wait_reason) + "]:\n";
  }
  std::fputs(out.c_str(), stderr);
  std::fflush(stderr);
  return DeadlockAction::Abort;
}

void add_external_waker() {
  if (detail::Scheduler* s = detail::current_sched()) detail::outside_waker_add(s);
}

void remove_external_waker() {
  if (detail::Scheduler* s = detail::current_sched()) detail::outside_waker_done(s);
}

}  // namespace gol::rt
