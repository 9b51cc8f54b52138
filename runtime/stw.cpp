// Stopping the world (Go's stopTheWorld): the embedder's cycle collector needs every other
// goroutine held at a scheduling point, and every other thread off its heap, while it
// reads and rewrites reference counts.
//
// Invariants:
// * g_stw_pending is true from stop_the_world's first step to start_the_world. While it
//   is, no M starts or resumes a goroutine: execute() checks it before each switch to a G
//   (stw_wait parks the M there, P held, until the world starts) and a parking goroutine
//   does not switch straight to the next one (direct_next). Goroutines that were running
//   are flagged for preemption, so they reach execute() at their next poll.
// * The world is stopped when every P is either unowned (idle, retired, or between Ms) or
//   owned by the stopper's M or by an M in stw_wait (M::stw_stopped), and no thread is
//   inside an OutsideAccess. The stopper stores g_stw_pending and then reads each P's m;
//   an M stores P::m (acquirep) and then reads g_stw_pending before it runs a goroutine.
//   All four are sequentially consistent, so either the stopper sees the M or the M sees
//   the flag and stops. An M that gives its P up stores P::m = null with release
//   (releasep), and a stopped M's flag is seq_cst: either way the stopper sees everything
//   the goroutines did before, so the embedder may read what they wrote without a lock.
// * Threads outside the scheduler that touch the embedder's shared objects (sysmon's
//   timer callbacks, a signal watcher) do so inside an OutsideAccess: it counts itself in
//   g_outside and then reads g_stw_pending, the mirror of the stopper's store-then-read.
// * g_stw_mu guards the stopped flags' waits and wake-ups. g_stopping is true from
//   stop_the_world until start_the_world: one stop at a time; a second caller gives up.
// * A stop that does not complete by its deadline (a goroutine in a long native call
//   with no poll point) is undone: stop_the_world returns false and nothing was stopped.
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"
#include "runtime/timer.h"

namespace gol::rt {

namespace detail {

std::atomic<bool> g_stw_pending{false};

namespace {

std::mutex g_stw_mu;
std::condition_variable g_stw_cv;  // the world started; an M stopped; an outsider left
std::atomic<int32_t> g_outside{0};
std::atomic<bool> g_stopping{false};

// Whether every P is unowned, the stopper's, or owned by a stopped M; flags the
// goroutines of those that are not so they reach their next poll.
bool world_stopped(Scheduler* s, M* self) {
  bool stopped = true;
  for (int32_t i = 0; i < kMaxProcs; i++) {
    P* p = s->allp[i].load();
    if (!p) break;
    M* m = p->m.load();
    if (!m || m == self || m->stw_stopped.load()) continue;
    stopped = false;
    if (G* g = m->curg.load()) set_preempt(g);
  }
  return stopped && g_outside.load() == 0;
}

}  // namespace

void stw_wait(M* m) {
  std::unique_lock lk(g_stw_mu);
  if (!g_stw_pending.load()) return;
  m->stw_stopped.store(true);
  g_stw_cv.notify_all();
  g_stw_cv.wait(lk, [] { return !g_stw_pending.load(); });
  m->stw_stopped.store(false);
}

}  // namespace detail

using namespace detail;

bool stop_the_world(int64_t timeout_ns) {
  M* self = this_m();
  Scheduler* s = current_sched();
  if (!self || !s || !self->p || g_stopping.exchange(true)) return false;
  g_stw_pending.store(true);
  int64_t deadline = nanotime() + timeout_ns;
  std::unique_lock lk(g_stw_mu);
  for (;;) {
    if (world_stopped(s, self)) return true;
    if (nanotime() >= deadline) break;
    // Stopped Ms and leaving outsiders notify; a running goroutine is re-flagged on each
    // pass in case it started after the last one.
    g_stw_cv.wait_for(lk, std::chrono::microseconds(50));
  }
  g_stw_pending.store(false);
  g_stw_cv.notify_all();
  g_stopping.store(false);
  return false;
}

void start_the_world() {
  {
    std::lock_guard lk(g_stw_mu);
    g_stw_pending.store(false);
  }
  g_stw_cv.notify_all();
  g_stopping.store(false);
}

OutsideAccess::OutsideAccess() {
  for (;;) {
    g_outside.fetch_add(1);
    if (!g_stw_pending.load()) return;
    g_outside.fetch_sub(1);
    std::unique_lock lk(g_stw_mu);
    g_stw_cv.notify_all();
    g_stw_cv.wait(lk, [] { return !g_stw_pending.load(); });
  }
}

OutsideAccess::~OutsideAccess() {
  if (g_outside.fetch_sub(1) == 1 && g_stw_pending.load()) {
    std::lock_guard lk(g_stw_mu);
    g_stw_cv.notify_all();
  }
}

}  // namespace gol::rt
