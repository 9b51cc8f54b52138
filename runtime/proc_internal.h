// The scheduler's data structures: G (goroutine), M (OS thread), P (processor), Scheduler.
// Internal to runtime/; the embedder uses goroutine.h.
//
// Invariants (cf. Go's runtime2.go and proc.go):
// * A G is in at most one place: running on one M (M::curg), in one P's runnext slot or local
//   run queue, in the global run queue, parked (status Waiting, reachable only from the wait
//   structure that will ready it), or dead in a free list. status moves
//   Idle/Dead -> Runnable -> Running -> (Waiting -> Runnable | Runnable | Dead).
//   Waiting -> Runnable happens only in ready(), by CAS, and only after the G has been
//   switched out (park's unlock callback runs after the switch: on g0 in execute(), or on
//   the next goroutine's stack in landed() after a direct switch).
// * Stacks: a G of the run's usual stack size gets its stack when it first runs
//   (ensure_stack, on the M that switches to it), not in go(): a G waiting in a run queue
//   before its first run has no stack (stack.base null, fiber.ctx null). A dying G's stack
//   goes to its P's stack cache (owner only) when there is room, else stays with the dead
//   G; dead Gs in free lists may have a stack or not. Gs of other sizes (go_with_stack) and
//   main get theirs at creation and keep them. A G may run a call on a further stack segment
//   (call_on_stack); the embedder owns segments, and a G never ends while on one.
// * A P's run queue is written at the tail only by the M that owns the P; any M may take
//   from the head (CAS on runq_head), as in Go's runqput/runqget/runqgrab. runnext is swapped
//   atomically. An idle P has an empty run queue.
// * Scheduler::lock guards the global run queue, the idle P and idle M lists, P status
//   changes, allp growth, all_ms and the global dead-G list. It is never held across a
//   context switch or while calling user code.
// * M fields are touched only by the M's own thread, except nextp/spinning (set by startm
//   under the lock before waking the M) and curg/schedtick (read racily by sysmon: atomics).
// * nmspinning counts spinning Ms (Ms looking for work while holding a P). Readying work and
//   dropping out of spinning both use seq_cst operations so that one of them sees the other
//   (Go's "spinning M" protocol in findRunnable/wakep), so work is never stranded.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/fiber.h"
#include "runtime/goroutine.h"
#include "runtime/spinlock.h"
#include "runtime/stack.h"
#include "runtime/timer.h"
#include "runtime/trace.h"
#include "runtime/wait_reason.h"

namespace gol::rt::detail {

struct M;
struct P;
struct Scheduler;
struct Sudog;
struct TraceChunk;

enum class GStatus : uint8_t { Idle, Runnable, Running, Waiting, Dead };

struct G {
  uint64_t id = 0;
  std::atomic<GStatus> status{GStatus::Idle};
  Scheduler* sched = nullptr;
  FiberSide fiber;
  Stack stack;
  // The further stack call_on_stack is running this G on (base null: none). Only this G
  // touches it; fiber.stack_bottom/stack_size follow it for ASan while it is set.
  Stack segment;
  G* schedlink = nullptr;  // link in the global run queue and dead-G lists

  void (*entry)(void*) = nullptr;
  void* arg = nullptr;
  std::function<void()> func;
  bool is_main = false;
  bool exit_parked = false;  // parked for good by exit()/fatal()

  std::atomic<WaitReason> wait_reason{WaitReason::None};
  std::atomic<int64_t> wait_since{0};
  std::atomic<bool> preempt{false};
  std::atomic<void*> user{nullptr};
  bool panic_on_fault = false;          // debug.SetPanicOnFault's setting; this G only
  std::atomic<int64_t> sleep_until{0};  // while in sleep(): when it ends (for snapshot)

  // Channel/select wait state: written by the waker under the channel lock before ready(),
  // read by this G after it is resumed.
  Sudog* param = nullptr;
  Sudog* waiting = nullptr;              // this G's select sudogs, for select's cleanup
  std::atomic<uint32_t> select_done{0};  // a select case has won (CAS 0 -> 1)
  bool param_success = false;

  // A wait that cancel_wait() may withdraw: set by the blocking operation before it parks
  // and cleared after it resumes, both under wait_lock; wait_cancel(g, arg) takes the wait
  // structure's lock and returns true if it took the G out (then no waker can ready it).
  // wait_cancelled: set by cancel_wait before it readies the G, read by the G on resuming.
  SpinLock wait_lock;
  bool (*wait_cancel)(G*, void*) = nullptr;
  void* wait_cancel_arg = nullptr;
  bool wait_cancelled = false;

  Timer sleep_timer;
  int64_t free_since = 0;  // when it went to the global dead list (stack scavenging)
};

constexpr uint32_t kRunqSize = 256;

enum class PStatus : uint8_t { Idle, Running, Retired };

struct P {
  int32_t id = 0;
  PStatus status = PStatus::Idle;  // sched lock
  P* link = nullptr;               // idle list, sched lock
  std::atomic<M*> m{nullptr};

  std::atomic<uint32_t> runq_head{0};
  std::atomic<uint32_t> runq_tail{0};
  std::array<std::atomic<G*>, kRunqSize> runq{};
  std::atomic<G*> runnext{nullptr};

  // Dead Gs (with or without a stack), for reuse by go(); owner only.
  G* gfree = nullptr;
  int32_t ngfree = 0;
  // The chunk trace events recorded on this P go to, valid while trace_gen is the trace's
  // generation (trace.cpp); owner only.
  TraceChunk* trace = nullptr;
  uint32_t trace_gen = 0;
  // Warm stacks of the run's usual size from dead Gs, for Gs about to first run; owner only.
  static constexpr int32_t kStackCacheMax = 32;
  Stack stackcache[kStackCacheMax];
  int32_t nstackcache = 0;
};

// One-shot wake-up for a parked M (Go's note).
class Note {
 public:
  void sleep() {
    std::unique_lock lk(mu_);
    cv_.wait(lk, [&] { return set_; });
    set_ = false;
  }
  void wakeup() {
    {
      std::lock_guard lk(mu_);
      set_ = true;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
};

enum class SwitchAction : uint8_t { None, Park, Yield, Exit };

struct M {
  int32_t id = 0;
  Scheduler* sched = nullptr;
  FiberSide g0;  // this thread's own stack
  std::atomic<G*> curg{nullptr};
  P* p = nullptr;
  P* nextp = nullptr;  // set by startm under the lock
  bool spinning = false;
  M* link = nullptr;  // idle list
  Note park;
  uint64_t rand = 0;
  std::atomic<uint32_t> schedtick{0};
  // sysmon's view of schedtick, for preemption
  uint32_t sysmon_tick = 0;
  int64_t sysmon_when = 0;

  G* prev_g = nullptr;         // parked by a direct switch; its park is finished by landed()
  bool slice_expired = false;  // the last G was flagged by sysmon (see findrunnable)

  // What g0 must do after the current G switched back.
  SwitchAction action = SwitchAction::None;
  UnlockFn unlockf = nullptr;
  void* unlock_arg = nullptr;

  void* eh_globals = nullptr;  // this thread's C++ exception globals (see switch_to_scheduler)
  std::atomic<bool> stw_stopped{false};  // in stw_wait (stw.cpp)

  std::thread thread;
};

constexpr int kMaxProcs = 1024;

struct Scheduler {
  Config cfg;

  std::mutex lock;
  // global run queue
  G* runq_head = nullptr;
  G* runq_tail = nullptr;
  std::atomic<int32_t> runqsize{0};
  // idle Ps and Ms
  P* pidle = nullptr;
  std::atomic<int32_t> npidle{0};
  std::atomic<int32_t> nheld{0};  // Ps owned by an M
  M* midle = nullptr;
  int32_t nmidle = 0;
  std::atomic<int32_t> nmspinning{0};
  std::vector<M*> all_ms;
  std::array<std::atomic<P*>, kMaxProcs> allp{};
  int32_t nallp = 0;
  std::atomic<int32_t> gomaxprocs{1};
  // dead Gs: `warm` were freed since the last scavenge pass, `aging` before it, `cold` have
  // had their stack pages returned to the OS.
  G* gfree_warm = nullptr;
  // Dead goroutines whose stacks are not cfg.stack_size (go_with_stack), kept for reuse.
  G* gfree_sized = nullptr;
  G* gfree_aging = nullptr;
  G* gfree_cold = nullptr;

  std::atomic<uint64_t> goidgen{0};
  std::atomic<int64_t> ngoroutines{0};  // live (not dead) goroutines
  std::mutex allglock;
  std::vector<G*> allgs;

  // Things that may wake a goroutine from outside the scheduler: blocking calls in flight,
  // external wakers. Nonzero means "not a deadlock".
  std::atomic<int32_t> outside_wakers{0};

  std::atomic<bool> stopping{false};
  // Ms whose thread has not finished mstart (stop_run re-flags goroutines until zero).
  std::atomic<int32_t> live_ms{0};
  std::atomic<bool> thread_exhausted{false};
  std::atomic<bool> quit_requested{false};  // quit(): on_quit runs once the run has stopped  //
                                            // thread_exhaustion has reported (once per run)
  // done_cv is signalled when `done` is set (the run is over) and when live_ms drops to
  // zero (the last M has left); its waiters hold done_mu.
  std::mutex done_mu;
  std::condition_variable done_cv;
  bool done = false;
  ExitInfo result;

  // sysmon
  std::thread sysmon;
  std::mutex sysmon_mu;
  std::condition_variable sysmon_cv;
  bool sysmon_kicked = false;
  std::atomic<int64_t> sysmon_deadline{0};  // when sysmon will next wake on its own
};

// Current run (one at a time) and the calling thread's M (nullptr off scheduler threads).
Scheduler* current_sched() noexcept;
M* this_m() noexcept;
G* this_g() noexcept;

// Coarse clock for wait_since (updated by sysmon and on wake-ups; ~ms resolution).
int64_t coarse_now() noexcept;

// Used by timers: a new deadline may be earlier than sysmon's sleep.
void sysmon_note_deadline(int64_t when) noexcept;
// Used by blocking calls and external wakers.
void outside_waker_add(Scheduler* s) noexcept;
void outside_waker_done(Scheduler* s) noexcept;
// ready() for a G that may belong to a finished run (blocking-call helpers): drops it then.
void ready_from_outside(Scheduler* s, G* g);
// The helper threads of blocking calls started so far (they serve every run; blocking.cpp).
int64_t blocking_helpers() noexcept;
// The live goroutines of run s, sorted by id (list_goroutines, quit's report).
std::vector<GoroutineInfo> goroutines_of(Scheduler* s);
// A thread past max_threads() was needed: prints Go's report and ends the run (exit 2).
void thread_exhaustion(Scheduler* s);

// Withdrawable waits (cancel_wait): the blocking operation registers how to take its G
// out of the wait structure before it parks (it may hold that structure's lock then), and
// after it resumes calls end_cancelable_wait, which returns whether the wait was
// withdrawn; if so, with no lock held, it calls wait_withdrawn(), which does not return.
void begin_cancelable_wait(G* g, bool (*cancel)(G*, void*), void* arg) noexcept;
bool end_cancelable_wait(G* g) noexcept;
[[noreturn]] void wait_withdrawn();

// Stopping the world (stw.cpp): while g_stw_pending is set, an M calls stw_wait before
// it switches to a goroutine.
extern std::atomic<bool> g_stw_pending;
void stw_wait(M* m);
// Flags g to yield at its next poll (sysmon's preemption).
void set_preempt(G* g);

// Tracing (trace.h): while it is off, tracing() is one relaxed load.
extern std::atomic<bool> g_tracing;
inline bool tracing() noexcept {
  return g_tracing.load(std::memory_order_relaxed);
}
void trace_event(TraceEventKind kind, G* g, uint64_t other, WaitReason reason = WaitReason::None);

// Per-thread random numbers (select shuffling, steal order).
uint32_t fastrand() noexcept;
uint64_t process_seed() noexcept;
inline uint32_t fastrandn(uint32_t n) noexcept {
  return static_cast<uint32_t>((static_cast<uint64_t>(fastrand()) * n) >> 32);
}

}  // namespace gol::rt::detail
