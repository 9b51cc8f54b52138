// The scheduler (Go's proc.go): Ps with local run queues and a runnext slot, a global run
// queue, Ms that run Ps and steal work, spinning Ms bounded as in Go, park/ready, goroutine
// creation and reuse, and the monitor thread (sysmon) that preempts long runners, fires
// timers, returns idle stack memory and detects deadlocks. Invariants: see proc_internal.h.
#include <pthread.h>
#include <sched.h>
#include <sys/random.h>
#include <time.h>

#include <cxxabi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "runtime/proc_internal.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace gol::rt {

namespace detail {

std::atomic<uint32_t> preempt_requests{0};
std::atomic<bool> single_proc{false};

void sema_purge(Scheduler* s);  // sema.cpp

namespace {

constexpr int64_t kForcePreemptNs = 10'000'000;  // Go's forcePreemptNS
constexpr int64_t kSysmonTickNs = 2'000'000;
constexpr int64_t kScavengePeriodNs = 1'000'000'000;
constexpr int32_t kGFreeLocalMax = 64;
constexpr size_t kStackKeepTop = 4096;

thread_local M* tls_m = nullptr;
thread_local uint64_t tls_rand = 0;
thread_local char* tls_thread_stack_lo = nullptr;
thread_local size_t tls_thread_stack_size = 0;

std::atomic<Scheduler*> g_current{nullptr};
std::atomic<int64_t> g_coarse_now{0};

// Dead goroutines (with warm stacks) carried from one run to the next; g_pool_mu.
std::mutex g_pool_mu;
G* g_pool = nullptr;
size_t g_pool_size = 0;
#if defined(__SANITIZE_THREAD__)
constexpr size_t kPoolMax = 512;  // each pooled G holds a TSan fiber (8128 at most, live)
#else
constexpr size_t kPoolMax = 4096;
#endif

// Finished runs. Never freed: abandoned goroutines, blocking-call helpers and user-owned
// channels may still point at them.
std::mutex g_retired_mu;
std::vector<Scheduler*>* g_retired = new std::vector<Scheduler*>;

[[noreturn]] void crash(const char* msg) {
  std::fprintf(stderr, "fatal error: %s\n", msg);
  std::abort();
}

void thread_stack_bounds(char** lo, size_t* size) {
  if (tls_thread_stack_lo == nullptr) {
    pthread_attr_t attr;
    void* addr = nullptr;
    size_t sz = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &addr, &sz);
      pthread_attr_destroy(&attr);
    }
    tls_thread_stack_lo = static_cast<char*>(addr);
    tls_thread_stack_size = sz;
  }
  *lo = tls_thread_stack_lo;
  *size = tls_thread_stack_size;
}

}  // namespace

// ---- preemption flags ----

void set_preempt(G* g) {
  if (!g->preempt.exchange(true, std::memory_order_relaxed))
    preempt_requests.fetch_add(1, std::memory_order_relaxed);
}

namespace {

void clear_preempt(G* g) {
  if (g->preempt.load(std::memory_order_relaxed) &&
      g->preempt.exchange(false, std::memory_order_relaxed))
    preempt_requests.fetch_sub(1, std::memory_order_relaxed);
}

// ---- sysmon kicks ----

void kick_sysmon(Scheduler* s) {
  {
    std::lock_guard lk(s->sysmon_mu);
    s->sysmon_kicked = true;
  }
  s->sysmon_cv.notify_one();
}

bool all_idle(Scheduler* s) {
  return s->nheld.load() == 0 && s->npidle.load() == s->gomaxprocs.load();
}

// ---- local run queues (owner puts at the tail; anyone takes from the head) ----

void globrunqput(Scheduler* s, G* g) {  // lock held
  g->schedlink = nullptr;
  if (s->runq_tail)
    s->runq_tail->schedlink = g;
  else
    s->runq_head = g;
  s->runq_tail = g;
  s->runqsize.store(s->runqsize.load(std::memory_order_relaxed) + 1);
}

void globrunqputbatch(Scheduler* s, G* head, G* tail, int32_t n) {  // lock held
  tail->schedlink = nullptr;
  if (s->runq_tail)
    s->runq_tail->schedlink = head;
  else
    s->runq_head = head;
  s->runq_tail = tail;
  s->runqsize.store(s->runqsize.load(std::memory_order_relaxed) + n);
}

G* globrunqpop(Scheduler* s) {  // lock held
  G* g = s->runq_head;
  if (!g) return nullptr;
  s->runq_head = g->schedlink;
  if (!s->runq_head) s->runq_tail = nullptr;
  g->schedlink = nullptr;
  s->runqsize.store(s->runqsize.load(std::memory_order_relaxed) - 1);
  return g;
}

// Moves half of p's local queue plus g to the global queue (local queue full).
bool runqputslow(Scheduler* s, P* p, G* g, uint32_t head, uint32_t tail) {
  G* batch[kRunqSize / 2 + 1];
  uint32_t n = (tail - head) / 2;
  for (uint32_t i = 0; i < n; i++)
    batch[i] = p->runq[(head + i) % kRunqSize].load(std::memory_order_relaxed);
  if (!p->runq_head.compare_exchange_strong(head, head + n, std::memory_order_acq_rel))
    return false;
  batch[n] = g;
  for (uint32_t i = 0; i < n; i++) batch[i]->schedlink = batch[i + 1];
  std::lock_guard lk(s->lock);
  globrunqputbatch(s, batch[0], batch[n], static_cast<int32_t>(n + 1));
  return true;
}

void runqput(Scheduler* s, P* p, G* g, bool next) {
  if (next) {
    G* old = p->runnext.exchange(g, std::memory_order_seq_cst);
    if (!old) return;
    g = old;  // kick the old runnext to the tail
  }
  for (;;) {
    uint32_t h = p->runq_head.load(std::memory_order_acquire);
    uint32_t t = p->runq_tail.load(std::memory_order_relaxed);
    if (t - h < kRunqSize) {
      p->runq[t % kRunqSize].store(g, std::memory_order_relaxed);
      p->runq_tail.store(t + 1, std::memory_order_seq_cst);
      return;
    }
    if (runqputslow(s, p, g, h, t)) return;
  }
}

G* runqget(P* p, bool* inherit) {
  G* next = p->runnext.load(std::memory_order_relaxed);
  if (next && p->runnext.compare_exchange_strong(next, nullptr, std::memory_order_acq_rel)) {
    *inherit = true;
    return next;
  }
  for (;;) {
    uint32_t h = p->runq_head.load(std::memory_order_acquire);
    uint32_t t = p->runq_tail.load(std::memory_order_relaxed);
    if (t == h) return nullptr;
    G* g = p->runq[h % kRunqSize].load(std::memory_order_relaxed);
    if (p->runq_head.compare_exchange_weak(h, h + 1, std::memory_order_acq_rel)) {
      *inherit = false;
      return g;
    }
  }
}

bool runq_empty(P* p) {
  for (;;) {
    uint32_t h = p->runq_head.load(std::memory_order_seq_cst);
    uint32_t t = p->runq_tail.load(std::memory_order_seq_cst);
    G* next = p->runnext.load(std::memory_order_seq_cst);
    if (t == p->runq_tail.load(std::memory_order_seq_cst)) return h == t && next == nullptr;
  }
}

// Grabs half of victim's queue into pp's ring starting at pp's tail (Go's runqgrab).
uint32_t runqgrab(P* victim, P* pp, uint32_t batch_head, bool steal_runnext) {
  for (;;) {
    uint32_t h = victim->runq_head.load(std::memory_order_acquire);
    uint32_t t = victim->runq_tail.load(std::memory_order_acquire);
    uint32_t n = t - h;
    n = n - n / 2;
    if (n == 0) {
      if (steal_runnext) {
        G* next = victim->runnext.load(std::memory_order_acquire);
        if (next) {
          // The owner is likely about to run it (a channel hand-off takes ~100 ns); give it
          // a moment before stealing, as Go does.
          if (victim->m.load(std::memory_order_relaxed)) {
            timespec ts{0, 3000};
            nanosleep(&ts, nullptr);
          }
          if (victim->runnext.compare_exchange_strong(next, nullptr, std::memory_order_acq_rel)) {
            pp->runq[batch_head % kRunqSize].store(next, std::memory_order_relaxed);
            return 1;
          }
        }
      }
      return 0;
    }
    if (n > kRunqSize / 2) continue;  // read an inconsistent h and t
    for (uint32_t i = 0; i < n; i++) {
      G* g = victim->runq[(h + i) % kRunqSize].load(std::memory_order_relaxed);
      pp->runq[(batch_head + i) % kRunqSize].store(g, std::memory_order_relaxed);
    }
    if (victim->runq_head.compare_exchange_strong(h, h + n, std::memory_order_acq_rel)) return n;
  }
}

G* runqsteal(P* pp, P* victim, bool steal_runnext) {
  uint32_t t = pp->runq_tail.load(std::memory_order_relaxed);
  uint32_t n = runqgrab(victim, pp, t, steal_runnext);
  if (n == 0) return nullptr;
  n--;
  G* g = pp->runq[(t + n) % kRunqSize].load(std::memory_order_relaxed);
  if (n == 0) return g;
  pp->runq_tail.store(t + n, std::memory_order_seq_cst);
  return g;
}

// Takes a batch from the global queue; returns one G and puts the rest on p's queue, which
// must be empty unless max == 1 (so runqput cannot overflow while the lock is held).
G* globrunqget(Scheduler* s, P* p, int32_t max) {  // lock held
  int32_t size = s->runqsize.load(std::memory_order_relaxed);
  if (size == 0) return nullptr;
  int32_t n = size / s->gomaxprocs.load(std::memory_order_relaxed) + 1;
  if (n > size) n = size;
  if (max > 0 && n > max) n = max;
  if (n > static_cast<int32_t>(kRunqSize / 2)) n = kRunqSize / 2;
  G* g = globrunqpop(s);
  for (int32_t i = 1; i < n; i++) runqput(s, p, globrunqpop(s), false);
  return g;
}

// ---- idle Ps and Ms (lock held) ----

void pidleput(Scheduler* s, P* p) {
  p->status = PStatus::Idle;
  p->link = s->pidle;
  s->pidle = p;
  s->npidle.fetch_add(1);
}

P* pidleget(Scheduler* s) {
  P* p = s->pidle;
  if (p) {
    s->pidle = p->link;
    p->link = nullptr;
    p->status = PStatus::Running;
    s->npidle.fetch_sub(1);
    // sysmon sleeps without a deadline while every P is idle: one P at work again needs it
    // to preempt (a spinning goroutine would otherwise hold the only P for good). Both
    // sides publish, then read (npidle here, sysmon_deadline in sysmon), so one sees
    // the other.
    if (s->sysmon_deadline.load() == INT64_MAX) kick_sysmon(s);
  }
  return p;
}

void acquirep(M* m, P* p) {
  m->p = p;
  p->m.store(m);  // seq_cst: stop_the_world's reading of it (stw.cpp)
  m->sched->nheld.fetch_add(1);
}

void releasep(M* m) {
  // Release: a stop_the_world that then finds the P unowned sees everything this M did
  // while it held it (the embedder's collector reads what its goroutines wrote).
  m->p->m.store(nullptr, std::memory_order_release);
  m->p = nullptr;
  m->sched->nheld.fetch_sub(1);
}

void mstart(M* m);

void finish(Scheduler* s, ExitInfo r);

}  // namespace

void thread_exhaustion(Scheduler* s) {
  if (s->thread_exhausted.exchange(true)) return;
  std::string text = "runtime: program exceeds " + std::to_string(max_threads()) +
                     "-thread limit\nfatal error: thread exhaustion\n";
  if (s->cfg.write_stderr) {
    s->cfg.write_stderr(text.c_str());
  } else {
    std::fputs(text.c_str(), stderr);
    std::fflush(stderr);
  }
  finish(s, ExitInfo{ExitKind::Fatal, 2});
}

namespace {

// Hands p to an idle M (or a new one). p was taken from the idle list by the caller.
void startm(Scheduler* s, P* p, bool spinning) {
  M* nm = nullptr;
  bool exhausted = false;
  {
    std::lock_guard lk(s->lock);
    if (s->stopping.load()) {
      pidleput(s, p);
      if (spinning) s->nmspinning.fetch_sub(1);
      return;
    }
    nm = s->midle;
    if (nm) {
      s->midle = nm->link;
      s->nmidle--;
      nm->spinning = spinning;
      nm->nextp = p;
    } else if (thread_count() >= max_threads()) {
      // Go's checkmcount: a new M past the limit ends the run (reported unlocked).
      pidleput(s, p);
      if (spinning) s->nmspinning.fetch_sub(1);
      exhausted = true;
    } else {
      nm = new M;
      nm->id = static_cast<int32_t>(s->all_ms.size());
      nm->sched = s;
      nm->spinning = spinning;
      nm->nextp = p;
      nm->rand = ((static_cast<uint64_t>(nm->id) + 1) * 0x9E3779B97F4A7C15ull) ^ process_seed();
      s->all_ms.push_back(nm);
      s->live_ms.fetch_add(1);
      nm->thread = std::thread(mstart, nm);
      return;
    }
  }
  if (exhausted) {
    thread_exhaustion(s);
    return;
  }
  nm->park.wakeup();
}

void wakep(Scheduler* s) {
  int32_t zero = 0;
  if (s->nmspinning.load() != 0 || !s->nmspinning.compare_exchange_strong(zero, 1)) return;
  P* p;
  {
    std::lock_guard lk(s->lock);
    p = pidleget(s);
  }
  if (!p) {
    s->nmspinning.fetch_sub(1);
    return;
  }
  startm(s, p, true);
}

// After making work available: start an M if there is an idle P and nobody is looking.
inline void wakep_if_needed(Scheduler* s) {
  if (s->npidle.load() != 0 && s->nmspinning.load() == 0) wakep(s);
}

void resetspinning(M* m) {
  m->spinning = false;
  Scheduler* s = m->sched;
  s->nmspinning.fetch_sub(1);
  wakep_if_needed(s);
}

// Parks the M until startm hands it a P (nextp) or the run stops (nextp stays null).
void stopm(M* m) {
  Scheduler* s = m->sched;
  {
    std::lock_guard lk(s->lock);
    if (s->stopping.load()) return;
    m->link = s->midle;
    s->midle = m;
    s->nmidle++;
  }
  m->park.sleep();
}

void inject(Scheduler* s, G* g) {
  {
    std::lock_guard lk(s->lock);
    if (s->stopping.load()) return;
    globrunqput(s, g);
  }
  wakep_if_needed(s);
}

// ---- dead G reuse ----

void gfput(M* m, G* g) {
  P* p = m->p;
  g->schedlink = p->gfree;
  p->gfree = g;
  if (++p->ngfree < kGFreeLocalMax) return;
  Scheduler* s = m->sched;
  std::lock_guard lk(s->lock);
  while (p->ngfree > kGFreeLocalMax / 2) {
    G* x = p->gfree;
    p->gfree = x->schedlink;
    p->ngfree--;
    x->schedlink = s->gfree_warm;
    s->gfree_warm = x;
  }
}

G* gfget_global(Scheduler* s) {  // lock held
  for (G** list : {&s->gfree_warm, &s->gfree_aging, &s->gfree_cold}) {
    if (G* g = *list) {
      *list = g->schedlink;
      g->schedlink = nullptr;
      return g;
    }
  }
  return nullptr;
}

G* gfget(M* m) {
  P* p = m ? m->p : nullptr;
  Scheduler* s = m ? m->sched : current_sched();
  if (p && p->gfree) {
    G* g = p->gfree;
    p->gfree = g->schedlink;
    p->ngfree--;
    return g;
  }
  std::lock_guard lk(s->lock);
  if (!p) return gfget_global(s);
  while (p->ngfree < kGFreeLocalMax / 2) {
    G* g = gfget_global(s);
    if (!g) break;
    g->schedlink = p->gfree;
    p->gfree = g;
    p->ngfree++;
  }
  G* g = p->gfree;
  if (g) {
    p->gfree = g->schedlink;
    p->ngfree--;
  }
  return g;
}

void finish(Scheduler* s, ExitInfo r) {
  {
    std::lock_guard lk(s->done_mu);
    if (s->done) return;
    s->done = true;
    s->result = r;
  }
  s->done_cv.notify_all();
}

// ---- goroutine entry and switches ----

void g_entry(transfer_t t);

// ASan: a goroutine that exits (or is abandoned) never unwinds its frames; clear their
// poisoned redzones before the stack is reused.
void unpoison_stack(G* g) {
#if defined(__SANITIZE_ADDRESS__)
  // Frames below the saved stack pointer returned normally and unpoisoned themselves.
  char* lo = static_cast<char*>(g->fiber.ctx);
  if (lo < g->stack.base || lo > g->stack.top()) lo = g->stack.base;
  ASAN_UNPOISON_MEMORY_REGION(lo, static_cast<size_t>(g->stack.top() - lo));
#else
  (void)g;
#endif
}

// The C++ runtime keeps the exceptions being handled (catch blocks in progress, for
// `throw;`) and std::uncaught_exceptions() per thread. A goroutine may park inside a catch
// block (a deferred call that blocks while a panic unwinds) and resume on another thread,
// so that state travels with the goroutine: saved on the way out, restored on the way in.
struct EhGlobals {  // libstdc++'s __cxa_eh_globals
  void* caught_exceptions;
  unsigned int uncaught_exceptions;
};

// Not const (unlike abi::__cxa_get_globals): must be re-evaluated after a switch.
__attribute__((noipa)) EhGlobals* eh_globals() noexcept {
  return reinterpret_cast<EhGlobals*>(abi::__cxa_get_globals());
}

// Gives a G about to run for the first time its stack (see proc_internal.h): a warm one
// from the P's stack cache, else a fresh one.
void ensure_stack(M* m, G* g) {
  if (g->fiber.ctx) [[likely]]
    return;
  P* p = m->p;
  if (p->nstackcache > 0)
    g->stack = p->stackcache[--p->nstackcache];
  else
    g->stack = stack_allocate(m->sched->cfg.stack_size);
  g->fiber.stack_bottom = g->stack.base;
  g->fiber.stack_size = g->stack.size;
  g->fiber.ctx = make_context(g->stack.top(), g->stack.size, g_entry);
}

// Completes a switch on the stack we landed on. From g0, t.fctx is g0's context. From a
// goroutine that parked with a direct switch (m->prev_g), it is that goroutine's: save it
// and finish its park here, as execute() would have on g0.
void landed(M* m, transfer_t t) {
  G* prev = m->prev_g;
  if (!prev) {
    m->g0.ctx = t.fctx;
    return;
  }
  m->prev_g = nullptr;
  prev->fiber.ctx = t.fctx;
  if (prev->preempt.load(std::memory_order_relaxed)) m->slice_expired = true;
  clear_preempt(prev);
  prev->status.store(GStatus::Waiting, std::memory_order_release);
  UnlockFn f = m->unlockf;
  void* a = m->unlock_arg;
  m->unlockf = nullptr;
  if (f && !f(prev, a)) {  // park cancelled: runnable again
    prev->status.store(GStatus::Runnable, std::memory_order_relaxed);
    runqput(m->sched, m->p, prev, true);
  }
}

// The next goroutine of this M's own P, for a direct switch from a parking goroutine,
// when nothing the scheduler loop must see first is pending (stop, a stop of the world, a
// shrunk GOMAXPROCS,
// an expired time slice, the periodic look at the global queue). Else null: go via g0.
G* direct_next(M* m, G* g, bool* inherit) {
  static const bool disabled = std::getenv("GOL_RT_NO_DIRECT_SWITCH") != nullptr;
  if (disabled) return nullptr;
  Scheduler* s = m->sched;
  P* p = m->p;
  if (s->stopping.load(std::memory_order_relaxed) || m->slice_expired ||
      g_stw_pending.load(std::memory_order_relaxed) || g->preempt.load(std::memory_order_relaxed) ||
      p->id >= s->gomaxprocs.load(std::memory_order_relaxed))
    return nullptr;
  if (m->schedtick.load(std::memory_order_relaxed) % 61 == 0 &&
      s->runqsize.load(std::memory_order_relaxed) > 0)
    return nullptr;
  return runqget(p, inherit);
}

void switch_to_scheduler(M* m, SwitchAction a) {
  auto* eh = static_cast<EhGlobals*>(m->eh_globals);
  EhGlobals saved = *eh;
  *eh = EhGlobals{};
  transfer_t t;
  bool inherit = false;
  G* cur = m->curg.load(std::memory_order_relaxed);
  G* next = a == SwitchAction::Park ? direct_next(m, cur, &inherit) : nullptr;
  if (tracing()) [[unlikely]] {
    // A direct switch is one event: cur blocked, next started.
    WaitReason r = cur->wait_reason.load(std::memory_order_relaxed);
    if (next) {
      trace_event(TraceEventKind::GoSwitch, cur, next->id, r);
    } else if (a == SwitchAction::Park) {
      trace_event(TraceEventKind::GoBlock, cur, 0, r);
    } else {
      trace_event(TraceEventKind::GoSched, cur, 0);
    }
  }
  if (next) {
    // Park by switching straight to the next goroutine (saves two switches through g0);
    // landed() on its side finishes our park.
    if (!inherit)
      m->schedtick.store(m->schedtick.load(std::memory_order_relaxed) + 1,
                         std::memory_order_relaxed);
    m->prev_g = m->curg.load(std::memory_order_relaxed);
    clear_preempt(next);
    ensure_stack(m, next);
    next->status.store(GStatus::Running, std::memory_order_relaxed);
    m->curg.store(next, std::memory_order_release);
    t = jump(next->fiber, next);
  } else {
    m->action = a;
    t = jump(m->g0, nullptr);
  }
  M* now = this_m();  // we may now run on another M
  landed(now, t);
  *static_cast<EhGlobals*>(now->eh_globals) = saved;
}

void g_entry(transfer_t t) {
  fiber_entered();
  G* g = static_cast<G*>(t.data);
  landed(this_m(), t);
  try {
    if (g->func) {
      g->func();
      g->func = nullptr;
    } else {
      g->entry(g->arg);
    }
  } catch (...) {
    std::fprintf(stderr, "fatal error: C++ exception escaped goroutine %llu\n",
                 static_cast<unsigned long long>(g->id));
    std::abort();
  }
  if (tracing()) [[unlikely]]
    trace_event(TraceEventKind::GoEnd, g, 0);
  if (g->is_main) finish(g->sched, ExitInfo{ExitKind::Returned, 0});
  M* m = this_m();
  m->action = SwitchAction::Exit;
  jump(m->g0, nullptr, /*exiting=*/true);
  __builtin_unreachable();
}

// Runs g on this M's g0 until it switches back, then does what it asked for.
void execute(M* m, G* g, bool inherit) {
  for (;;) {
    if (g_stw_pending.load()) [[unlikely]]
      stw_wait(m);
    if (!inherit)
      m->schedtick.store(m->schedtick.load(std::memory_order_relaxed) + 1,
                         std::memory_order_relaxed);
    clear_preempt(g);
    ensure_stack(m, g);
    g->status.store(GStatus::Running, std::memory_order_relaxed);
    m->curg.store(g, std::memory_order_release);
    m->action = SwitchAction::None;
    if (tracing()) [[unlikely]]
      trace_event(TraceEventKind::GoStart, g, 0);
    transfer_t t = jump(g->fiber, g);
    g = m->curg.load(std::memory_order_relaxed);  // after direct switches, not the same G
    g->fiber.ctx = t.fctx;
    m->curg.store(nullptr, std::memory_order_relaxed);
    // Flagged by sysmon: the time slice (shared by goroutines handing the P to each other
    // through runnext) is over, however g left; findrunnable starts a fresh one.
    if (g->preempt.load(std::memory_order_relaxed)) m->slice_expired = true;
    clear_preempt(g);
    switch (m->action) {
      case SwitchAction::Park: {
        // Release suffices: a waker finds g only through the lock unlockf releases.
        g->status.store(GStatus::Waiting, std::memory_order_release);
        UnlockFn f = m->unlockf;
        void* a = m->unlock_arg;
        m->unlockf = nullptr;
        if (f && !f(g, a)) {
          g->status.store(GStatus::Runnable, std::memory_order_relaxed);
          inherit = true;
          continue;
        }
        return;
      }
      case SwitchAction::Yield: {
        g->status.store(GStatus::Runnable, std::memory_order_relaxed);
        Scheduler* s = m->sched;
        {
          std::lock_guard lk(s->lock);
          globrunqput(s, g);
        }
        return;
      }
      case SwitchAction::Exit: {
        g->status.store(GStatus::Dead, std::memory_order_release);
        g->wait_reason.store(WaitReason::None, std::memory_order_relaxed);
        g->user.store(nullptr, std::memory_order_relaxed);
        m->sched->ngoroutines.fetch_sub(1, std::memory_order_relaxed);
        unpoison_stack(g);
        if (g->is_main) return;  // main's big stack is freed by start()
        if (g->stack.size != round_stack_size(m->sched->cfg.stack_size)) {
          std::lock_guard lk(m->sched->lock);
          g->schedlink = m->sched->gfree_sized;
          m->sched->gfree_sized = g;
          return;
        }
        if (P* p = m->p; p->nstackcache < P::kStackCacheMax) {  // for the next first run
          p->stackcache[p->nstackcache++] = g->stack;
          g->stack = Stack{};
          g->fiber.ctx = nullptr;
        }
        gfput(m, g);
        return;
      }
      case SwitchAction::None: crash("goroutine switched to the scheduler without an action");
    }
  }
}

// ---- finding work ----

G* steal_work(M* m) {
  Scheduler* s = m->sched;
  P* pp = m->p;
  for (int round = 0; round < 4; round++) {
    bool steal_runnext = round == 3;
    uint32_t n = static_cast<uint32_t>(s->gomaxprocs.load(std::memory_order_relaxed));
    uint32_t start = fastrandn(n);
    for (uint32_t j = 0; j < n; j++) {
      if (s->stopping.load(std::memory_order_relaxed)) return nullptr;
      P* victim = s->allp[(start + j) % n].load(std::memory_order_acquire);
      if (!victim || victim == pp) continue;
      if (G* g = runqsteal(pp, victim, steal_runnext)) return g;
    }
  }
  return nullptr;
}

P* check_runqs_no_p(Scheduler* s) {
  int32_t n = s->gomaxprocs.load();
  for (int32_t i = 0; i < n; i++) {
    P* p = s->allp[i].load(std::memory_order_acquire);
    if (p && !runq_empty(p)) {
      std::lock_guard lk(s->lock);
      return pidleget(s);
    }
  }
  return nullptr;
}

// This M's P is beyond GOMAXPROCS: hand its queue to the global queue and retire it.
void retire_p(M* m) {
  Scheduler* s = m->sched;
  P* p = m->p;
  if (m->spinning) {
    m->spinning = false;
    s->nmspinning.fetch_sub(1);
  }
  {
    std::lock_guard lk(s->lock);
    bool inherit;
    while (G* g = runqget(p, &inherit)) globrunqput(s, g);
    p->status = PStatus::Retired;
    releasep(m);
  }
  wakep_if_needed(s);
}

// Parks until given a P; false when the run stops.
bool stop_until_p(M* m) {
  Scheduler* s = m->sched;
  if (all_idle(s)) kick_sysmon(s);  // maybe everyone is blocked: deadlock check
  stopm(m);
  if (!m->nextp) return false;
  acquirep(m, m->nextp);
  m->nextp = nullptr;
  return true;
}

G* findrunnable(M* m, bool* inherit) {
  Scheduler* s = m->sched;
top:
  if (s->stopping.load(std::memory_order_relaxed)) return nullptr;
  P* p = m->p;
  if (p->id >= s->gomaxprocs.load(std::memory_order_relaxed)) {
    retire_p(m);
    P* pp;
    {
      std::lock_guard lk(s->lock);
      pp = pidleget(s);
    }
    if (pp)
      acquirep(m, pp);
    else if (!stop_until_p(m))
      return nullptr;
    goto top;
  }
  *inherit = false;
  if (m->slice_expired) {
    // As Go does with a preempted goroutine: runnext goes to the global queue, so the
    // goroutines queued behind a ping-ponging pair get their turn.
    m->slice_expired = false;
    if (G* next = p->runnext.exchange(nullptr, std::memory_order_acq_rel)) {
      std::lock_guard lk(s->lock);
      globrunqput(s, next);
    }
  }
  // Fairness: now and then take from the global queue even when the local one has work.
  if (m->schedtick.load(std::memory_order_relaxed) % 61 == 0 &&
      s->runqsize.load(std::memory_order_relaxed) > 0) {
    std::lock_guard lk(s->lock);
    if (G* g = globrunqget(s, p, 1)) return g;
  }
  if (G* g = runqget(p, inherit)) return g;
  if (s->runqsize.load(std::memory_order_relaxed) != 0) {
    std::lock_guard lk(s->lock);
    if (G* g = globrunqget(s, p, 0)) return g;
  }
  // Steal, unless half the busy Ps already have a spinning M (Go's bound on spinning).
  int32_t procs = s->gomaxprocs.load();
  if (m->spinning || 2 * s->nmspinning.load() < procs - s->npidle.load()) {
    if (!m->spinning) {
      m->spinning = true;
      s->nmspinning.fetch_add(1);
    }
    if (G* g = steal_work(m)) return g;
  }
  // Nothing to do: give up the P.
  {
    std::lock_guard lk(s->lock);
    if (s->runqsize.load(std::memory_order_relaxed) != 0) return globrunqget(s, p, 0);
    releasep(m);
    pidleput(s, p);
  }
  if (m->spinning) {
    // Dropping out of spinning: re-check everything, since a readier that saw us spinning
    // did not start another M (Go's findRunnable "delicate dance").
    m->spinning = false;
    s->nmspinning.fetch_sub(1);
    {
      std::unique_lock lk(s->lock);
      if (s->runqsize.load(std::memory_order_relaxed) != 0) {
        if (P* pp = pidleget(s)) {
          G* g = globrunqget(s, pp, 0);
          lk.unlock();
          acquirep(m, pp);
          m->spinning = true;
          s->nmspinning.fetch_add(1);
          return g;
        }
      }
    }
    if (P* pp = check_runqs_no_p(s)) {
      acquirep(m, pp);
      m->spinning = true;
      s->nmspinning.fetch_add(1);
      goto top;
    }
  }
  if (!stop_until_p(m)) return nullptr;
  goto top;
}

void mstart(M* m) {
  tls_m = m;
  m->eh_globals = eh_globals();
  tls_rand = m->rand;
  char* lo;
  size_t size;
  thread_stack_bounds(&lo, &size);
  m->g0.tsan_fiber = tsan_current_fiber();
  m->g0.stack_bottom = lo;
  m->g0.stack_size = size;
  acquirep(m, m->nextp);
  m->nextp = nullptr;
  for (;;) {
    bool inherit = false;
    G* g = findrunnable(m, &inherit);
    if (!g) break;
    if (m->spinning) resetspinning(m);
    execute(m, g, inherit);
  }
  if (m->p) {
    std::lock_guard lk(m->sched->lock);
    releasep(m);
  }
  tls_m = nullptr;
  Scheduler* s = m->sched;
  if (s->live_ms.fetch_sub(1) == 1) {  // the last M: stop_run may be waiting
    std::lock_guard lk(s->done_mu);
    s->done_cv.notify_all();
  }
}

// ---- creating goroutines ----

// stack_size 0: no stack yet (ensure_stack gives it one when it first runs).
G* new_g(Scheduler* s, size_t stack_size) {
  G* g = new G;
  if (stack_size) g->stack = stack_allocate(stack_size);
  g->fiber.tsan_fiber = tsan_new_fiber();
  g->fiber.stack_bottom = g->stack.base;
  g->fiber.stack_size = g->stack.size;
  g->sched = s;
  return g;
}

void register_g(Scheduler* s, G* g) {
  std::lock_guard lk(s->allglock);
  s->allgs.push_back(g);
}

// A dead goroutine with a stack of `size` bytes (not the run's usual size), or null.
G* gfget_sized(Scheduler* s, size_t size) {
  std::lock_guard lk(s->lock);
  for (G** link = &s->gfree_sized; *link; link = &(*link)->schedlink) {
    G* g = *link;
    if (g->stack.size == size) {
      *link = g->schedlink;
      g->schedlink = nullptr;
      return g;
    }
  }
  return nullptr;
}

uint64_t newproc(void (*entry)(void*), void* arg, std::function<void()>&& func,
                 size_t stack_size = 0) {
  M* m = this_m();
  Scheduler* s = m ? m->sched : current_sched();
  if (!s) crash("go: no run in progress (call rt::start)");
  G* g = nullptr;
  if (stack_size == 0 || round_stack_size(stack_size) == round_stack_size(s->cfg.stack_size)) {
    g = gfget(m);
    stack_size = 0;  // the usual size: the stack comes when it first runs (ensure_stack)
  } else {
    g = gfget_sized(s, round_stack_size(stack_size));
  }
  if (!g) {
    g = new_g(s, stack_size);
    register_g(s, g);
  }
  g->id = s->goidgen.fetch_add(1, std::memory_order_relaxed);
  g->entry = entry;
  g->arg = arg;
  g->func = std::move(func);
  // A reused G that kept its stack starts on it; one without gets one in ensure_stack.
  g->fiber.ctx = g->stack.base ? make_context(g->stack.top(), g->stack.size, g_entry) : nullptr;
  g->select_done.store(0, std::memory_order_relaxed);
  g->user.store(nullptr, std::memory_order_relaxed);
  g->panic_on_fault = false;
  s->ngoroutines.fetch_add(1, std::memory_order_relaxed);
  if (tracing()) [[unlikely]] {
    G* creator = this_g();
    trace_event(TraceEventKind::GoCreate, g, creator ? creator->id : 0);
  }
  g->status.store(GStatus::Runnable, std::memory_order_release);
  if (m && m->p) {
    runqput(s, m->p, g, true);
    wakep_if_needed(s);
  } else {
    inject(s, g);
  }
  return g->id;
}

// ---- sysmon ----

// Flags goroutines that have run 10 ms without a scheduling point (Go's retake/preemptone).
void retake(Scheduler* s, int64_t now) {
  std::lock_guard lk(s->lock);
  for (M* m : s->all_ms) {
    G* g = m->curg.load(std::memory_order_acquire);
    uint32_t tick = m->schedtick.load(std::memory_order_relaxed);
    if (!g || tick != m->sysmon_tick) {
      m->sysmon_tick = tick;
      m->sysmon_when = now;
      continue;
    }
    if (now - m->sysmon_when >= kForcePreemptNs) {
      set_preempt(g);
      if (m->curg.load(std::memory_order_acquire) != g) clear_preempt(g);
    }
  }
}

// Returns the stack pages of goroutines dead for more than one period to the OS.
void scavenge(Scheduler* s) {
  G* list;
  {
    std::lock_guard lk(s->lock);
    list = s->gfree_aging;
    s->gfree_aging = s->gfree_warm;
    s->gfree_warm = nullptr;
  }
  if (!list) return;
  G* last = list;
  for (G* g = list; g; g = g->schedlink) {
    stack_release_memory(g->stack, kStackKeepTop);
    last = g;
  }
  std::lock_guard lk(s->lock);
  last->schedlink = s->gfree_cold;
  s->gfree_cold = list;
}

// Everyone blocked and nothing outside can wake anyone: Go's checkdead. Runs on sysmon.
// Returns true if the run ended.
bool check_dead(Scheduler* s) {
  {
    std::lock_guard lk(s->lock);
    if (s->stopping.load() || !all_idle(s) || s->runqsize.load() != 0) return false;
    if (s->outside_wakers.load() != 0 || !timers_quiescent()) return false;
    {
      std::lock_guard dl(s->done_mu);
      if (s->done) return false;
    }
  }
  std::vector<GoroutineInfo> gs = goroutines_of(s);
  for (auto& gi : gs)
    if (gi.state != GoroutineState::Waiting) return false;  // transient; re-checked later
  DeadlockAction a = s->cfg.on_deadlock ? s->cfg.on_deadlock(gs) : default_deadlock_handler(gs);
  if (a == DeadlockAction::Continue) return false;
  finish(s, ExitInfo{ExitKind::Deadlock, 2});
  return true;
}

void sysmon_loop(Scheduler* s) {
  int64_t last_scavenge = nanotime();
  for (;;) {
    if (s->stopping.load()) return;
    int64_t now = nanotime();
    g_coarse_now.store(now, std::memory_order_relaxed);
    if (timers_next_when() <= now) {
      OutsideAccess access;  // timer callbacks send on channels and start goroutines
      timers_run_expired(now);
    }
    bool idle = all_idle(s);
    if (!idle) retake(s, now);
    if (now - last_scavenge >= kScavengePeriodNs) {
      scavenge(s);
      last_scavenge = now;
    }
    if (idle && check_dead(s)) return;

    std::unique_lock lk(s->sysmon_mu);
    if (s->sysmon_kicked || s->stopping.load()) {
      s->sysmon_kicked = false;
      continue;
    }
    int64_t deadline = idle ? INT64_MAX : now + kSysmonTickNs;
    s->sysmon_deadline.store(deadline);
    // Re-check after publishing the deadline: a timer added or a P started just before
    // saw the old deadline and did not kick us.
    int64_t next = timers_next_when();
    if (next < deadline) {
      deadline = next;
      s->sysmon_deadline.store(deadline);
      next = timers_next_when();
      if (next < deadline) deadline = next;
    }
    if (idle && !all_idle(s)) deadline = now;
    if (deadline > now) {
      auto pred = [&] { return s->sysmon_kicked || s->stopping.load(); };
      if (deadline == INT64_MAX) {
        s->sysmon_cv.wait(lk, pred);
      } else {
        using namespace std::chrono;
        s->sysmon_cv.wait_until(lk, steady_clock::time_point(nanoseconds(deadline)), pred);
      }
    }
    s->sysmon_kicked = false;
    s->sysmon_deadline.store(0);
  }
}

void stop_run(Scheduler* s) {
  {
    std::lock_guard lk(s->lock);
    s->stopping.store(true);
    while (M* m = s->midle) {
      s->midle = m->link;
      s->nmidle--;
      m->nextp = nullptr;
      m->park.wakeup();
    }
    for (M* m : s->all_ms)
      if (G* g = m->curg.load(std::memory_order_acquire)) set_preempt(g);
  }
  kick_sysmon(s);
  // An M may have been switching to a goroutine while the flags above were set (the
  // switch clears the new goroutine's flag): flag the running goroutines again every
  // millisecond until every M has seen `stopping` and left, so that a tight loop cannot
  // keep one alive. The last M to leave signals done_cv, so the usual exit waits no longer.
  for (;;) {
    {
      std::unique_lock lk(s->done_mu);
      if (s->done_cv.wait_for(lk, std::chrono::milliseconds(1),
                              [s] { return s->live_ms.load() == 0; }))
        break;
    }
    std::lock_guard lk(s->lock);
    for (M* m : s->all_ms)
      if (G* g = m->curg.load(std::memory_order_acquire)) set_preempt(g);
  }
  std::vector<M*> ms;
  {
    std::lock_guard lk(s->lock);
    ms = s->all_ms;
  }
  for (M* m : ms) m->thread.join();
  s->sysmon.join();
}

// Dead goroutines of a finished run go to the process pool; the others stay with the
// retired scheduler, never to run again.
void pool_dead_gs(Scheduler* s) {
  std::vector<G*> dead;
  {
    std::lock_guard lk(s->allglock);
    for (G* g : s->allgs) {
      GStatus st = g->status.load();
      if (st != GStatus::Dead && !g->exit_parked) {
        // Abandoned: never runs again, so its TSan fiber can go (TSan caps live fibers).
        tsan_destroy_fiber(g->fiber.tsan_fiber);
        g->fiber.tsan_fiber = nullptr;
      }
      if (g->is_main) continue;
      if (g->exit_parked) {  // parked for good by exit()/fatal(): nothing refers to it
        g->exit_parked = false;
        g->status.store(GStatus::Dead);
        unpoison_stack(g);
      }
      if (g->status.load() == GStatus::Dead) dead.push_back(g);
    }
    s->allgs.clear();
  }
  std::vector<Stack> excess;
  {
    std::lock_guard lk(g_pool_mu);
    for (G* g : dead) {
      if (g_pool_size >= kPoolMax) {  // a run with a million goroutines keeps a few
        if (g->stack.base) excess.push_back(g->stack);
        tsan_destroy_fiber(g->fiber.tsan_fiber);
        delete g;
        continue;
      }
      g->schedlink = g_pool;
      g_pool = g;
      g_pool_size++;
    }
  }
  if (!excess.empty()) stack_free_and_release(excess.data(), excess.size());
}

void adopt_pooled_gs(Scheduler* s) {
  std::lock_guard lk(g_pool_mu);
  G** link = &g_pool;
  while (G* g = *link) {
    if (!g->stack.base || g->stack.size == round_stack_size(s->cfg.stack_size)) {
      *link = g->schedlink;
      g_pool_size--;
      g->sched = s;
      g->schedlink = s->gfree_warm;
      s->gfree_warm = g;
      s->allgs.push_back(g);
    } else {
      link = &g->schedlink;
    }
  }
}

}  // namespace

// ---- detail API used by other runtime files ----

Scheduler* current_sched() noexcept {
  M* m = this_m();
  return m ? m->sched : g_current.load(std::memory_order_acquire);
}

__attribute__((noipa)) M* this_m() noexcept {
  return tls_m;
}

__attribute__((noipa)) G* this_g() noexcept {
  M* m = tls_m;
  return m ? m->curg.load(std::memory_order_relaxed) : nullptr;
}

int64_t coarse_now() noexcept {
  return g_coarse_now.load(std::memory_order_relaxed);
}

// Random bits chosen once per process (as Go seeds its runtime's generator from the OS), so
// that select's choices and map iteration orders differ from run to run.
uint64_t process_seed() noexcept {
  static const uint64_t seed = [] {
    uint64_t x = 0;
    if (getrandom(&x, sizeof x, GRND_NONBLOCK) != sizeof x) {
      x = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    }
    return x | 1;
  }();
  return seed;
}

__attribute__((noipa)) uint32_t fastrand() noexcept {
  uint64_t x = tls_rand;
  if (x == 0) x = (reinterpret_cast<uintptr_t>(&tls_rand) * 0x9E3779B97F4A7C15ull) ^ process_seed();
  if (x == 0) x = 1;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  tls_rand = x;
  return static_cast<uint32_t>(x >> 32);
}

}  // namespace detail

uint32_t cheaprandn(uint32_t n) noexcept {
  return detail::fastrandn(n);
}

namespace detail {

void sysmon_note_deadline(int64_t when) noexcept {
  Scheduler* s = g_current.load(std::memory_order_acquire);
  if (s && when < s->sysmon_deadline.load()) kick_sysmon(s);
}

void outside_waker_add(Scheduler* s) noexcept {
  s->outside_wakers.fetch_add(1);
}

void outside_waker_done(Scheduler* s) noexcept {
  if (s->outside_wakers.fetch_sub(1) == 1 && all_idle(s)) kick_sysmon(s);
}

void ready_from_outside(Scheduler* s, G* g) {
  if (s->stopping.load()) return;
  ready(g);
}

}  // namespace detail

using namespace detail;

// ---- public API ----

int num_cpu() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return CPU_COUNT(&set);
  unsigned n = std::thread::hardware_concurrency();
  return n ? static_cast<int>(n) : 1;
}

ExitInfo start(int maxprocs, std::function<void()> main_fn) {
  Config cfg;
  cfg.maxprocs = maxprocs;
  return start(cfg, std::move(main_fn));
}

ExitInfo start(const Config& cfg, std::function<void()> main_fn) {
  auto* s = new Scheduler;
  s->cfg = cfg;
  int n = cfg.maxprocs;
  if (n <= 0)
    if (const char* env = std::getenv("GOMAXPROCS")) n = std::atoi(env);  // as Go does
  if (n <= 0) n = num_cpu();
  n = std::clamp(n, 1, kMaxProcs);
  s->cfg.maxprocs = n;
  Scheduler* expected = nullptr;
  if (!g_current.compare_exchange_strong(expected, s)) crash("rt::start: a run is in progress");
  g_coarse_now.store(nanotime(), std::memory_order_relaxed);
  s->gomaxprocs.store(n);
  detail::single_proc.store(n == 1, std::memory_order_relaxed);  // no M runs yet
  if (tracing()) [[unlikely]]
    trace_event(TraceEventKind::Procs, nullptr, static_cast<uint64_t>(n));
  for (int i = 0; i < n; i++) {
    P* p = new P;
    p->id = i;
    s->allp[i].store(p);
    if (i > 0) pidleput(s, p);
  }
  s->nallp = n;
  adopt_pooled_gs(s);

  G* main = new_g(s, cfg.main_stack_size);
  main->is_main = true;
  main->id = 1;
  main->func = std::move(main_fn);
  main->fiber.ctx = make_context(main->stack.top(), main->stack.size, g_entry);
  main->status.store(GStatus::Runnable);
  s->ngoroutines.store(1);
  register_g(s, main);
  s->goidgen.store(cfg.first_user_goid);
  P* p0 = s->allp[0].load();
  p0->status = PStatus::Running;
  runqput(s, p0, main, false);

  s->sysmon = std::thread(sysmon_loop, s);
  startm(s, p0, false);

  {
    std::unique_lock lk(s->done_mu);
    s->done_cv.wait(lk, [&] { return s->done; });
  }
  stop_run(s);
  // Every M has left: no goroutine runs, and none is readied any more (stopping).
  if (s->quit_requested.load() && s->cfg.on_quit) s->cfg.on_quit(goroutines_of(s));
  for (int i = 0; i < s->nallp; i++) {  // the Ps' warm stacks go back to the process pool
    P* p = s->allp[i].load();
    while (p->nstackcache > 0) stack_free(p->stackcache[--p->nstackcache]);
  }
  timers_clear();
  sema_purge(s);
  pool_dead_gs(s);
  if (main->status.load() == GStatus::Dead || main->exit_parked) {
    unpoison_stack(main);
    stack_free(main->stack);
    tsan_destroy_fiber(main->fiber.tsan_fiber);
    delete main;
  }
  preempt_requests.store(0);
  ExitInfo r = s->result;
  g_current.store(nullptr);
  {
    std::lock_guard lk(g_retired_mu);
    g_retired->push_back(s);
  }
  return r;
}

int maxprocs() {
  Scheduler* s = current_sched();
  return s ? s->gomaxprocs.load() : num_cpu();
}

int set_maxprocs(int n) {
  Scheduler* s = current_sched();
  if (!s) return num_cpu();
  int old;
  {
    std::lock_guard lk(s->lock);
    old = s->gomaxprocs.load();
    if (n <= 0 || n == old) return old;
    n = std::min(n, kMaxProcs);
    if (n > old) {
      // The caller is the only goroutine running while single_proc holds; the Ms that
      // start the new Ps synchronize with this store (wakep below, or s->lock).
      detail::single_proc.store(false, std::memory_order_relaxed);
      for (int i = old; i < n; i++) {
        P* p = s->allp[i].load();
        if (!p) {
          p = new P;
          p->id = i;
          p->status = PStatus::Retired;
          s->allp[i].store(p, std::memory_order_release);
          s->nallp = std::max(s->nallp, i + 1);
        }
        if (p->status == PStatus::Retired && !p->m.load()) pidleput(s, p);
      }
      s->gomaxprocs.store(n);
    } else {
      s->gomaxprocs.store(n);
      // Idle Ps beyond n retire now; owned ones retire at their M's next schedule.
      P** link = &s->pidle;
      while (P* p = *link) {
        if (p->id >= n) {
          *link = p->link;
          p->link = nullptr;
          p->status = PStatus::Retired;
          s->npidle.fetch_sub(1);
        } else {
          link = &p->link;
        }
      }
      for (M* m : s->all_ms) {
        P* p = m->p;  // racy peek is fine: only used to hasten the retirement
        (void)p;
        if (G* g = m->curg.load(std::memory_order_acquire)) set_preempt(g);
      }
    }
  }
  if (tracing()) [[unlikely]]
    trace_event(TraceEventKind::Procs, nullptr, static_cast<uint64_t>(n));
  if (n > old) wakep(s);
  return old;
}

uint64_t go(std::function<void()> fn) {
  return newproc(nullptr, nullptr, std::move(fn));
}

uint64_t go(void (*fn)(void*), void* arg) {
  return newproc(fn, arg, nullptr);
}

uint64_t go_with_stack(void (*fn)(void*), void* arg, size_t stack_size) {
  return newproc(fn, arg, nullptr, stack_size);
}

void request_poll() noexcept {
  preempt_requests.fetch_add(1, std::memory_order_relaxed);
}

void release_poll() noexcept {
  preempt_requests.fetch_sub(1, std::memory_order_relaxed);
}

bool in_goroutine() noexcept {
  return this_g() != nullptr;
}

Goroutine* current() noexcept {
  return this_g();
}

uint64_t current_id() noexcept {
  G* g = this_g();
  return g ? g->id : 0;
}

uint64_t next_goroutine_id() noexcept {
  Scheduler* s = current_sched();
  return s ? s->goidgen.load(std::memory_order_relaxed) : 0;
}

uint64_t goroutine_id(const Goroutine* g) noexcept {
  return g->id;
}

size_t num_goroutine() {
  Scheduler* s = current_sched();
  return s ? static_cast<size_t>(s->ngoroutines.load()) : 0;
}

void set_user(void* p) noexcept {
  if (G* g = this_g()) g->user.store(p, std::memory_order_relaxed);
}

// Reads the thread's M itself rather than through this_g: the embedder calls it once per
// function call. noipa for the same reason as this_g (a goroutine moves between threads,
// so no caller may keep the thread-local's address across a call).
__attribute__((noipa)) void* user() noexcept {
  M* m = tls_m;
  G* g = m ? m->curg.load(std::memory_order_relaxed) : nullptr;
  return g ? g->user.load(std::memory_order_relaxed) : nullptr;
}

void* user_of(const Goroutine* g) noexcept {
  return g->user.load(std::memory_order_relaxed);
}

void yield() {
  M* m = this_m();
  if (!m || !m->curg.load(std::memory_order_relaxed)) {
    sched_yield();
    return;
  }
  switch_to_scheduler(m, SwitchAction::Yield);
}

[[noreturn]] void exit(int code) {
  G* g = this_g();
  if (!g) {
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(code);
  }
  finish(g->sched, ExitInfo{ExitKind::Exit, code});
  g->exit_parked = true;
  park(WaitReason::Forever);
  crash("exit: goroutine resumed after the end of its run");
}

[[noreturn]] void fatal(const char* msg) {
  G* g = this_g();
  Scheduler* s = g ? g->sched : nullptr;
  if (s && s->cfg.on_fatal) {
    s->cfg.on_fatal(msg);
  } else {
    std::fprintf(stderr, "fatal error: %s\n", msg);
    std::fflush(stderr);
  }
  if (!g) {
    std::fflush(stdout);
    std::_Exit(2);
  }
  finish(s, ExitInfo{ExitKind::Fatal, 2});
  g->exit_parked = true;
  park(WaitReason::Forever);
  crash("fatal: goroutine resumed after the end of its run");
}

void preempt_point() {
  G* g = this_g();
  if (g && g->preempt.load(std::memory_order_relaxed)) yield();
}

void park(WaitReason reason, UnlockFn unlock, void* arg) {
  M* m = this_m();
  G* g = m ? m->curg.load(std::memory_order_relaxed) : nullptr;
  if (!g) crash("park called off a goroutine");
  g->wait_reason.store(reason, std::memory_order_relaxed);
  g->wait_since.store(coarse_now(), std::memory_order_relaxed);
  m->unlockf = unlock;
  m->unlock_arg = arg;
  switch_to_scheduler(m, SwitchAction::Park);
}

void ready(Goroutine* g) {
  GStatus w = GStatus::Waiting;
  if (!g->status.compare_exchange_strong(w, GStatus::Runnable, std::memory_order_acq_rel))
    crash("ready of a goroutine that is not waiting");
  Scheduler* s = g->sched;
  M* m = this_m();
  if (tracing()) [[unlikely]] {
    G* waker = this_g();
    trace_event(TraceEventKind::GoUnblock, g, waker ? waker->id : 0);
  }
  if (m && m->p && m->sched == s) {
    runqput(s, m->p, g, true);
    wakep_if_needed(s);
  } else {
    inject(s, g);
  }
}

size_t stack_remaining() noexcept {
  char* sp = static_cast<char*>(__builtin_frame_address(0));
  Stack st = current_stack();
  return sp > st.base ? static_cast<size_t>(sp - st.base) : 0;
}

Stack current_stack() noexcept {
  if (G* g = this_g()) return g->segment.base ? g->segment : g->stack;
  char* lo;
  size_t size;
  thread_stack_bounds(&lo, &size);
  return Stack{lo, size};
}

}  // namespace gol::rt
