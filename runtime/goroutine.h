// Public API of the scheduler: start a run, spawn, park/ready, yield, preemption polling,
// stack checks, MAXPROCS. The runtime knows nothing of the language running on it.
//
// A run: start() starts MAXPROCS processors (P), OS threads (M) to run them, and a monitor
// thread; main_fn runs as goroutine 1 on a fiber; start returns when main_fn returns (other
// goroutines are abandoned, never resumed, as when a Go program's main returns), when a
// goroutine calls exit() or fatal(), or on a deadlock. One run at a time per process.
//
// Abandoned goroutines that are running when the run ends stop at their next scheduling
// point (park, yield, preempt_point), so they may still run for a moment after main_fn
// returned: objects they use must stay alive (reference counting does that). A C++
// exception escaping a goroutine's function aborts the process: the embedder catches its
// own panics inside the function it passes to go(). A goroutine may park inside a catch
// block: the exception state moves with it between threads.
//
// Threading rules: functions marked (G) must be called on a goroutine. ready(), go(),
// Chan::try_send/try_recv/close, Timer and the sync wake-ups may also be called from timer
// callbacks and from threads holding an ExternalWaker.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "runtime/deadlock.h"
#include "runtime/stack.h"
#include "runtime/wait_reason.h"

namespace gol::rt {

namespace detail {
struct G;
}
using Goroutine = detail::G;

struct Config {
  int maxprocs = 0;  // 0: $GOMAXPROCS if it is a positive number, else the number of CPUs
  // Per goroutine, reserved; only touched pages cost memory, but every 2 MiB of address
  // space with a touched page costs a 4 KiB page-table page: 64 KiB keeps that at 128 B per
  // parked goroutine, and first touches of page-table pages (dear in some VMs) 4x fewer
  // than 256 KiB. A deeper call goes on to a further segment (call_on_stack).
  size_t stack_size = size_t{64} << 10;
  size_t main_stack_size = size_t{64} << 20;  // goroutine 1
  uint64_t first_user_goid = 2;               // id of the first goroutine main starts
  DeadlockHandler on_deadlock;                // empty: default_deadlock_handler
  // Called by fatal() on the failing goroutine, before the run ends (e.g. to print the
  // goroutine report after the message). Empty: writes "fatal error: MSG\n" to stderr.
  std::function<void(const char* msg)> on_fatal;
  // After quit(): every goroutine of the run, stopped (none runs any more), for a report.
  std::function<void(const std::vector<GoroutineInfo>& gs)> on_quit;
  // Writes a message of the runtime's own to standard error, from any thread (empty: stdio's
  // stderr); an embedder that buffers standard output flushes it first, to keep the order.
  std::function<void(const char* text)> write_stderr;
  // While tracing (trace.h): called on a goroutine that creates another or blocks, for its
  // position in the embedder's code (a line; trace events carry it). May be null.
  uint32_t (*trace_where)() = nullptr;
  // Called on a goroutine whose wait cancel_wait() withdrew, when it resumes; it must not
  // return (it unwinds the goroutine, e.g. by throwing). Empty: cancel_wait refuses.
  std::function<void()> on_wait_cancelled;
};

// How a run ended. code is the process exit status Go would use: 0 when main returned,
// exit()'s argument, 2 for a deadlock or a fatal error.
enum class ExitKind : uint8_t { Returned, Exit, Deadlock, Fatal };
struct ExitInfo {
  ExitKind kind = ExitKind::Returned;
  int code = 0;
};

ExitInfo start(const Config& cfg, std::function<void()> main_fn);
ExitInfo start(int maxprocs, std::function<void()> main_fn);

// os.Exit(code), or the end of a program after an unrecovered panic was printed (code 2):
// ends the run at once; start() returns {Exit, code}. The calling goroutine never resumes;
// every other goroutine is abandoned. (G) Off a goroutine: flushes stdio and _exit(code).
[[noreturn]] void exit(int code);
// A Go fatal error ("sync: unlock of unlocked mutex", "concurrent map writes"): calls
// Config::on_fatal(msg) (default: prints "fatal error: MSG"), then ends the run as exit(2)
// does, with ExitKind::Fatal. (G) Off a goroutine: prints and _exit(2).
[[noreturn]] void fatal(const char* msg);

// SIGQUIT (Go's "SIGQUIT: quit"): from any thread, ends the current run as a fatal error
// does (start returns {Fatal, 2}); once every goroutine has stopped at its next
// scheduling point, start calls Config::on_quit with them all. Does nothing between runs.
void quit();

// runtime.GOMAXPROCS: set_maxprocs(n) returns the previous value; n <= 0 only queries.
// Takes effect at each processor's next scheduling point (within ~10 ms with preemption).
int set_maxprocs(int n);
int maxprocs();
int num_cpu();

// Spawns a goroutine; returns its id. Allocation-free when fn fits std::function's small
// buffer or with the (fn, arg) form.
uint64_t go(std::function<void()> fn);
uint64_t go(void (*fn)(void*), void* arg);
// The same with a stack of its own size (a REPL input's goroutine, which recurses as
// deeply as main may). Dead ones are reused by later calls asking for the same size.
uint64_t go_with_stack(void (*fn)(void*), void* arg, size_t stack_size);

bool in_goroutine() noexcept;
Goroutine* current() noexcept;   // nullptr off goroutines
uint64_t current_id() noexcept;  // 0 off goroutines
uint64_t goroutine_id(const Goroutine* g) noexcept;
uint64_t next_goroutine_id() noexcept;  // the id the next goroutine will get (0 off a run)

// Withdraws goroutine `id` from the wait it is parked in, so that the wait never completes
// (a REPL input that was abandoned must not take a later value or lock): a channel send
// or receive, a select, Mutex/RWMutex.Lock, RLock, WaitGroup.Wait. The goroutine resumes
// in Config::on_wait_cancelled. Returns false, changing nothing, if it is not parked in
// such a wait (running, sleeping, in Cond.Wait, in a blocking call, gone) or the run has
// no on_wait_cancelled. A withdrawn semaphore wait (RWMutex, WaitGroup) leaves a
// placeholder that takes the one wake-up the goroutine would have had, so that the
// primitive's counts stay right. From any thread (off a goroutine, holding an
// ExternalWaker, as for anything that may ready a goroutine).
bool cancel_wait(uint64_t id);
size_t num_goroutine();  // live goroutines (runtime.NumGoroutine)

// A pointer the embedder hangs on a goroutine (e.g. its interpreter call stack).
void set_user(void* p) noexcept;  // (G)
void* user() noexcept;            // (G)
void* user_of(const Goroutine* g) noexcept;
// runtime/debug.SetPanicOnFault: sets the calling goroutine's setting and returns the
// previous one (false off goroutines). The runtime keeps it for the embedder, which
// decides what a fault is. (G)
bool set_panic_on_fault(bool enabled) noexcept;

// runtime.Gosched: puts the current goroutine on the global run queue and runs another. (G)
void yield();

// Parks the current goroutine (G). `unlock` runs on the scheduler stack after the goroutine
// has been switched out, so a waker that takes the lock `unlock` releases can never ready it
// too early; if `unlock` returns false the goroutine is resumed at once.
using UnlockFn = bool (*)(Goroutine* g, void* arg);
void park(WaitReason reason, UnlockFn unlock = nullptr, void* arg = nullptr);
// Makes a parked goroutine runnable (goready).
void ready(Goroutine* g);

// Preemption: the monitor flags a goroutine that has run 10 ms without a scheduling point.
// The evaluator polls at loop back-edges and calls:
//     if (rt::preempt_requested()) [[unlikely]] rt::preempt_point();
// preempt_requested() is one relaxed load of a global counter of flagged goroutines;
// preempt_point() yields if the current goroutine is the flagged one.
namespace detail {
extern std::atomic<uint32_t> preempt_requests;
}
inline bool preempt_requested() noexcept {
  return detail::preempt_requests.load(std::memory_order_relaxed) != 0;
}
void preempt_point();

// Whether this run has had one P from its start (GOMAXPROCS 1, never raised since). Then
// at most one thread runs goroutines at any time and every handover between threads
// synchronizes, so a read-modify-write that no goroutine switch can interrupt needs no
// locked instruction, as a uniprocessor kernel drops the lock prefix. set_maxprocs clears
// it before a second P can start; nothing sets it again during the run.
namespace detail {
extern std::atomic<bool> single_proc;
}
inline bool single_proc() noexcept {
  return detail::single_proc.load(std::memory_order_relaxed);
}
// Makes preempt_requested() true until the matching release_poll(), so that every
// goroutine reaches its poll point's slow path (the embedder's interrupt checks).
void request_poll() noexcept;
void release_poll() noexcept;

// Stopping the world (stw.cpp), for the embedder's cycle collector. (G) stop_the_world
// returns true once every other goroutine is held at a scheduling point and every
// OutsideAccess waits; the caller then must not park or poll until start_the_world. It
// returns false, having stopped nothing, if that takes longer than timeout_ns (a goroutine
// in a long native call) or another stop is in progress.
bool stop_the_world(int64_t timeout_ns);
void start_the_world();
// Held by a thread outside the scheduler (not running a goroutine) while it touches what
// goroutines share (a signal watcher sending on a channel): it waits while the world is
// stopped, and a stop waits for it.
class OutsideAccess {
 public:
  OutsideAccess();
  ~OutsideAccess();
  OutsideAccess(const OutsideAccess&) = delete;
  OutsideAccess& operator=(const OutsideAccess&) = delete;
};

// A pseudo-random number in [0, n) from the calling thread's generator (Go's cheaprandn):
// where a map's range starts. n must not be 0.
uint32_t cheaprandn(uint32_t n) noexcept;

// Bytes left on the current goroutine's stack or stack segment (or the thread's stack off
// goroutines).
size_t stack_remaining() noexcept;
// Bounds of the current stack or segment, for callers that cache them per goroutine.
Stack current_stack() noexcept;

// Stack segments. Fiber stacks cannot grow in place; the embedder continues a deep call on
// a further segment instead (the evaluator does so at calls when its stack runs low, and
// fails like Go, "goroutine stack exceeds 1000000000-byte limit", past a total).
// new_stack_segment gives one of at least `size` bytes (untouched pages cost nothing);
// free_stack_segment hands its pages back to the OS and keeps it for reuse.
Stack new_stack_segment(size_t size);
void free_stack_segment(Stack segment);
// The limit on one goroutine's stack, in bytes (runtime/debug.SetMaxStack; Go's default
// 1000000000): the embedder enforces it where it adds segments. set_max_stack returns the
// previous limit.
int64_t max_stack() noexcept;
int64_t set_max_stack(int64_t bytes) noexcept;
// The limit on the OS threads a run uses (runtime/debug.SetMaxThreads; Go's default
// 10000), and the count it is checked against: the thread that called start, the run's Ms
// and the helpers of blocking calls (sysmon, like Go's, is not counted). A run that needs
// a thread past the limit ends with Go's "runtime: program exceeds N-thread limit" and
// "fatal error: thread exhaustion", exit status 2. set_max_threads returns the previous
// limit.
int64_t max_threads() noexcept;
int64_t set_max_threads(int64_t n) noexcept;
int64_t thread_count() noexcept;
// Runs fn(arg) on `segment` and returns when fn does; an exception fn throws is rethrown
// here. fn may park, and the goroutine may come back on another thread. (G)
void call_on_stack(Stack segment, void (*fn)(void*), void* arg);
// The same for a thread that runs no goroutine (the embedder's work before a run, such as
// a front end that recurses deeper than the thread's stack allows); fn must not park.
void call_on_thread_stack(Stack segment, void (*fn)(void*), void* arg);

}  // namespace gol::rt
