// Runs a compiled program on the M:N runtime (runtime/): main is goroutine 1, each `go`
// statement a new goroutine (goroutines.cpp). Turns what ends a goroutine abnormally (a
// Go panic, a fatal error, os.Exit) and a deadlock into Go's report and exit status.
//
// Each goroutine's GoroutineState lives on its own fiber stack and is reached through
// the runtime's per-goroutine user pointer; only its goroutine touches it, except the
// deadlock handler, which reads the parked goroutines' call chains while none runs.
// Goroutine 1's value stack is reserved with MAP_NORESERVE, so only what it touches is
// committed; other goroutines start with a small segment on their fiber stack.
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "interpreter/eval/compiler.h"
#include "interpreter/eval/nodes.h"
#include "interpreter/eval/repl_run.h"
#include "interpreter/eval/stack_growth.h"
#include "interpreter/eval/trace_export.h"
#include "interpreter/syntax/printer.h"
#include "interpreter/values/cycles.h"
#include "interpreter/values/maps.h"
#include "runtime/runtime.h"
#include "stdlib/callers.h"
#include "stdlib/packages.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace gol::eval {

std::string traceFileName;

std::string panicReport(const GoPanic& p);

namespace {

constexpr size_t kMainStackBytes = size_t{1} << 29;
constexpr size_t kMainValueStackBytes = size_t{1} << 30;
// Segments after the first: 8 KiB, then 64 KiB (most goroutines stay shallow).
constexpr size_t kSecondSegmentValues = size_t{1} << 10;
constexpr size_t kSegmentValues = size_t{8} << 10;
constexpr int kMaxTraceFrames = 100;

// Where Go 1.19's runtime.gopanic calls a deferred function.
constexpr const char* kGopanicFile = "$GOROOT/src/runtime/panic.go";
constexpr int kGopanicLine = 884;

void appendFrame(std::string& out, const FuncCode* fn, syntax::Pos pos) {
  out += fn->name;
  out += fn->hasParams ? "(...)\n\t" : "()\n\t";
  out += traceFileName;
  out += ':';
  out += std::to_string(pos.line);
  out += '\n';
}

const char* waitReasonText(rt::WaitReason r) {
  return rt::wait_reason_string(r);
}

}  // namespace

Value* growValueStack(GoroutineState* g, int frameSize) {
  ValueSegment* cur = g->segment;
  ValueSegment* next = cur->next;
  if (!next || next->limit - next->base < frameSize) {
    size_t n = std::max(cur->owned ? kSegmentValues : kSecondSegmentValues,
                        static_cast<size_t>(frameSize));
    auto* seg = static_cast<ValueSegment*>(std::malloc(sizeof(ValueSegment) + n * sizeof(Value)));
    if (!seg) throw std::bad_alloc();
    seg->base = reinterpret_cast<Value*>(seg + 1);
    seg->limit = seg->base + n;
    seg->owned = true;
    // A too-small next segment is dropped (frees it and what follows).
    seg->next = nullptr;
    for (ValueSegment* s = next; s;) {
      ValueSegment* after = s->next;
      if (s->owned) std::free(s);
      s = after;
    }
    cur->next = seg;
    next = seg;
  }
  // The segments before g->segment stay where they are: sp is restored into them.
  g->segment = next;
  g->stackBase = next->base;
  g->stackLimit = next->limit;
  return next->base;
}

void initGoroutineState(GoroutineState* g, ValueSegment* first, NativeStack stack) {
  g->segment = first;
  g->stackBase = first->base;
  g->sp = first->base;
  g->stackLimit = first->limit;
  initNativeStack(g, stack);
  g->id = static_cast<int64_t>(rt::current_id());
  rt::set_user(g);
}

void releaseSegments(ValueSegment* first) {
  for (ValueSegment* s = first->next; s;) {
    ValueSegment* after = s->next;
    std::free(s);
    s = after;
  }
  first->next = nullptr;
}

namespace {

// The frames of g's calls, innermost first (at pos), as Go's unwinder sees them. A call
// that runs its deferred calls for a panic still has the panicking calls above it in Go,
// which unwinds only after them: runtime.gopanic (a null fn), then the calls the panic
// recorded where it began, down to the bottom.
std::vector<PanicFrame> goroutineFrames(const GoroutineState* g, syntax::Pos pos) {
  std::vector<PanicFrame> out;
  for (CallRecord* r = g->calls; r; r = r->caller) {
    if (r->unwinding) {
      out.push_back({nullptr, kGopanicLine});
      out.insert(out.end(), r->unwinding->frames.begin(), r->unwinding->frames.end());
      return out;
    }
    if (!r->fn->hiddenInTraces) out.push_back({r->fn, static_cast<int>(pos.line)});
    pos = r->callSite;
  }
  return out;
}

}  // namespace

std::string goroutineTrace(const GoroutineState* g, syntax::Pos pos, const char* status) {
  std::string out = "goroutine " + std::to_string(g->id) + " [" + status + "]:\n";
  int frames = 0;
  for (const PanicFrame& f : goroutineFrames(g, pos)) {
    if (frames++ == kMaxTraceFrames) {
      out += "...additional frames elided...\n";
      break;
    }
    if (!f.fn) {
      out += "panic({...})\n\t" + std::string(kGopanicFile) + ":" + std::to_string(f.line) + "\n";
      continue;
    }
    appendFrame(out, f.fn, syntax::Pos{static_cast<uint32_t>(f.line), 0});
  }
  if (g->creator) {
    out += "created by " + g->creator->name + " in goroutine " + std::to_string(g->creatorId) +
           "\n\t" + traceFileName + ":" + std::to_string(g->creatorPos.line) + "\n";
  }
  return out;
}

std::string stackTrace(syntax::Pos pos) {
  return goroutineTrace(currentState(), pos, "running");
}

void capturePanic(GoPanic& p, syntax::Pos pos) {
  GoroutineState* g = currentState();
  p.trace = goroutineTrace(g, pos, "running");
  p.frames = goroutineFrames(g, pos);
}

namespace {

// The hooks of stdlib/callers.h: the calling goroutine's frames, as its trace lists them.
std::vector<stdlib::CallerFrame> callerFrames(bool* isMainGoroutine) {
  std::vector<stdlib::CallerFrame> out;
  GoroutineState* g = currentState();
  if (!g) return out;
  *isMainGoroutine = g->creator == nullptr;
  for (const PanicFrame& f : goroutineFrames(g, g->pos)) {
    if (f.fn) {
      out.push_back({f.fn->name, f.line, ""});
    } else {
      out.push_back({"runtime.gopanic", f.line, kGopanicFile});
    }
  }
  return out;
}

std::string goroutineStack() {
  GoroutineState* g = currentState();
  return g ? goroutineTrace(g, g->pos, "running") : "";
}

std::string programFile() {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(traceFileName, ec);
  return ec ? traceFileName : p.lexically_normal().string();
}

const bool callerHooksInstalled =
    (stdlib::callerFrames = &callerFrames, stdlib::goroutineStack = &goroutineStack,
     stdlib::programFile = &programFile, true);

}  // namespace

std::string panicReport(const GoPanic& p) {
  std::string out = "panic: " + p.previous + p.message + "\n";
  if (p.nilDeref) out += "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n";
  return out + "\n" + p.trace;
}

void nilDereference(syntax::Pos pos) {
  GoPanic p;
  p.message = "runtime error: invalid memory address or nil pointer dereference";
  p.runtimeError = true;
  p.nilDeref = true;
  capturePanic(p, pos);
  throw p;
}

void runtimePanicAt(syntax::Pos pos, const std::string& message) {
  GoPanic p;
  p.message = "runtime error: " + message;
  p.runtimeError = true;
  capturePanic(p, pos);
  throw p;
}

// The REPL runs: a panic, a fatal error or a deadlock ends only the goroutine or the
// input (repl_run.h).
namespace {
bool replMode = false;
// setStepBudget's limit, and the polls left in the current run.
std::atomic<int64_t> stepBudget{0};
std::atomic<int64_t> stepsLeft{0};

// Go's fatalpanic and fatal errors report once: the first goroutine to die prints its
// report and ends the process, and any other that panics or fails meanwhile waits for that
// end, printing nothing (Go's startpanic_m). At the REPL a death ends only its input.
std::atomic<bool> dying{false};

void dieOnce() {
  if (replMode || !dying.exchange(true)) return;
  if (!rt::current()) return;
  for (;;) rt::park(rt::WaitReason::Forever);
}
}  // namespace

void setStepBudget(int64_t polls) {
  stepBudget.store(polls);
}

// Fatal, so nothing unwinds: the report is printed and the process ends here. Every
// goroutine reports Go's limit: goroutine 1's stack is large enough that Go would stop
// about as deep, and the others grow as far as Go's do (stack_growth.h).
void stackOverflow(syntax::Pos pos) {
  const std::string limit = std::to_string(rt::max_stack());
  if (replMode || stepBudget.load() > 0) {
    // At the REPL only the goroutine ends: the margin leaves room to unwind it.
    FatalError f;
    f.prefix = "runtime: goroutine stack exceeds " + limit + "-byte limit\n";
    f.message = "stack overflow";
    f.trace = stackTrace(pos);
#if defined(__SANITIZE_ADDRESS__)
    // A throw makes ASan unpoison the frames it unwinds, but not deeper than 64 MiB into
    // a stack (it warns instead, and later reports false overflows there): do it here.
    rt::Stack stack = rt::current_stack();
    char here;
    if (&here > stack.base && &here < stack.top()) {
      ASAN_UNPOISON_MEMORY_REGION(&here, static_cast<size_t>(stack.top() - &here));
    }
#endif
    throw f;
  }
  dieOnce();
  stdlib::writeStderr("runtime: goroutine stack exceeds " + limit +
                      "-byte limit\nfatal error: stack overflow\n\n" + stackTrace(pos));
  _exit(2);
}

namespace {
void reportFatal(const char* message);

}  // namespace

bool runGoroutineBody(void (*body)(void*), void* arg) {
  try {
    body(arg);
  } catch (const GoPanic& p) {
    dieOnce();
    stdlib::writeStderr(panicReport(p));
    if (replMode) return false;
    rt::exit(2);
  } catch (const FatalError& f) {
    dieOnce();
    stdlib::writeStderr(f.prefix + "fatal error: " + f.message + "\n\n" + f.trace);
    if (replMode) return false;
    rt::exit(2);
  } catch (const ExitRequest& e) {
    stdlib::flushStdout();
    rt::exit(e.code);
  } catch (const GoexitRequest&) {
    // runtime.Goexit: the deferred calls have run; the goroutine ends.
    return true;
  } catch (const std::bad_alloc&) {
    currentState()->calls = nullptr;  // unwound: the records are gone
    reportFatal("runtime: out of memory");
    rt::exit(2);
  } catch (const std::exception& e) {
    // A C++ exception is a bug in Gol; report it as Go reports its own internal errors.
    currentState()->calls = nullptr;
    reportFatal((std::string("gol internal error: ") + e.what()).c_str());
    rt::exit(2);
  }
  return false;
}

namespace {

std::atomic<bool> mainGoexited{false};
std::atomic<bool> endedAlone{false};  // lastRunEndedAlone

rt::DeadlockAction reportReplDeadlock(const std::vector<rt::GoroutineInfo>& gs);

// Go's report of a deadlock: every goroutine and where it waits. After main called
// runtime.Goexit, main is gone: Go reports the others, or that none is left.
rt::DeadlockAction reportDeadlock(const std::vector<rt::GoroutineInfo>& gs) {
  if (replMode) return reportReplDeadlock(gs);
  bool mainGone = mainGoexited.load();
  if (mainGone && gs.size() <= 1) {
    stdlib::writeStderr("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
    return rt::DeadlockAction::Abort;
  }
  std::string out = "fatal error: all goroutines are asleep - deadlock!\n";
  for (const rt::GoroutineInfo& info : gs) {
    if (mainGone && info.id == 1) continue;
    auto* g = static_cast<const GoroutineState*>(info.user);
    out += "\n";
    if (!g) {
      out +=
          "goroutine " + std::to_string(info.id) + " [" + waitReasonText(info.wait_reason) + "]:\n";
      continue;
    }
    out += goroutineTrace(g, g->pos, waitReasonText(info.wait_reason));
  }
  stdlib::writeStderr(out);
  return rt::DeadlockAction::Abort;
}

// SIGQUIT (Ctrl-\ at a terminal), as Go reports it: every goroutine's trace, then exit
// status 2. The handler only writes a byte to a pipe; a watcher thread asks the runtime to
// stop the run (rt::quit), and the report is written once no goroutine runs any more.
int quitPipe[2] = {-1, -1};

void onQuitSignal(int) {
  int saved = errno;
  char byte = 1;
  (void)!::write(quitPipe[1], &byte, 1);
  errno = saved;
}

void installQuitHandler() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (::pipe2(quitPipe, O_CLOEXEC) != 0) return;
    std::thread([] {
      for (;;) {
        char byte;
        ssize_t n = ::read(quitPipe[0], &byte, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        rt::quit();
      }
    }).detach();
    struct sigaction sa {};
    sa.sa_handler = onQuitSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGQUIT, &sa, nullptr);
  });
}

void reportQuit(const std::vector<rt::GoroutineInfo>& gs) {
  std::string out = "SIGQUIT: quit\n";
  for (const rt::GoroutineInfo& info : gs) {
    auto* g = static_cast<const GoroutineState*>(info.user);
    const char* state = info.state == rt::GoroutineState::Waiting ? waitReasonText(info.wait_reason)
                        : info.state == rt::GoroutineState::Running ? "running"
                                                                    : "runnable";
    out += "\n";
    if (!g) {
      out += "goroutine " + std::to_string(info.id) + " [" + state + "]:\n";
      continue;
    }
    out += goroutineTrace(g, g->pos, state);
  }
  stdlib::writeStderr(out);
}

void reportFatal(const char* message) {
  dieOnce();
  GoroutineState* g = currentState();
  std::string out = std::string("fatal error: ") + message + "\n";
  if (g) out += "\n" + goroutineTrace(g, g->pos, "running");
  stdlib::writeStderr(out);
}

struct MainContext {
  Program* program;
};

void mainGoroutine(void* arg) {
  auto* ctx = static_cast<MainContext*>(arg);
  GoroutineState g;
  void* values = mmap(nullptr, kMainValueStackBytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (values == MAP_FAILED) {
    stdlib::writeStderr("fatal error: cannot allocate the value stack\n");
    rt::exit(2);
  }
  ValueSegment first{static_cast<Value*>(values),
                     static_cast<Value*>(values) + kMainValueStackBytes / sizeof(Value)};
  initGoroutineState(&g, &first, NativeStack::Fixed);
  if (runGoroutineBody([](void* p) { runProgram(*static_cast<Program*>(p)); }, ctx->program)) {
    // main called runtime.Goexit: as in Go, the program goes on with the other goroutines
    // and ends when they all have (a deadlock report then says main called Goexit).
    mainGoexited.store(true);
    rt::park(rt::WaitReason::Forever);
  } else {
    endedAlone.store(rt::num_goroutine() == 1);
#if defined(__SANITIZE_ADDRESS__)
    // The leak check that follows (driver.cpp) looks for counts that never reached zero;
    // garbage cycles the collector has not come to yet are not such leaks.
    if (endedAlone.load()) values::collectCycles(true);
#endif
  }
  rt::set_user(nullptr);
  releaseSegments(&first);
  munmap(values, kMainValueStackBytes);
}

}  // namespace

bool lastRunEndedAlone() {
  return endedAlone.load();
}

int run(Program& program, int maxprocs, const std::string& traceBase) {
  rt::Config cfg;
  cfg.maxprocs = maxprocs;
  cfg.main_stack_size = kMainStackBytes;
  cfg.on_deadlock = reportDeadlock;
  cfg.on_fatal = reportFatal;
  cfg.write_stderr = [](const char* text) { stdlib::writeStderr(text); };
  cfg.on_quit = reportQuit;
  installQuitHandler();
  MainContext ctx{&program};
  mainGoexited.store(false);
  dying.store(false);
  endedAlone.store(false);
  if (int64_t budget = stepBudget.load(); budget > 0) {
    stepsLeft.store(budget);
    rt::request_poll();  // every poll takes the slow path, which counts it (start resets it)
  }
  if (!traceBase.empty()) {
    // Trace events carry the acting goroutine's line.
    cfg.trace_where = [] {
      GoroutineState* g = currentState();
      return g ? g->pos.line : 0u;
    };
    rt::trace_start();
  }
  rt::ExitInfo e = rt::start(cfg, [&ctx] { mainGoroutine(&ctx); });
  if (!traceBase.empty()) {
    stdlib::flushStdout();
    std::string error;
    if (!writeTrace(traceBase, rt::trace_stop(), traceFileName, &error)) {
      stdlib::writeStderr("gol: " + error + "\n");
    }
  }
  stdlib::forgetFinalizers();
  // What the run's goroutines still hold is abandoned with them, and may outlive the
  // program's types (a process that runs programs one after another frees each one's):
  // no later collection may start from it.
  values::forgetCandidates();
  stdlib::closeOutput();
  return e.code;
}

}  // namespace gol::eval

// ---- The REPL (repl_run.h) -----------------------------------------------------------------
//
// Invariants: an InputRun is never freed (an abandoned input's goroutine may still hold
// it). Its outcome goes once from -1 (running) to an InputOutcome, by whoever settles it
// first: its goroutine when it ends, the deadlock handler, or the Ctrl-C watcher; the
// winner wakes goroutine 1 through `done`. `interruptMu` guards run->state, the input
// goroutine's GoroutineState, which lives on that goroutine's stack: the goroutine clears
// it before it ends, and the others set its `interrupted` flag only while it is set. It
// also guards each GoroutineState's pollRequested: Ctrl-C makes every goroutine poll
// (rt::request_poll) until the interrupted one unwinds or ends, which releases it; a
// deadlocked input is only flagged, and stops after the operation it blocked in.
// `notesMu` guards `notes` and `abandoned`.

namespace gol::eval {

namespace {

struct InputRun {
  const ReplCode* code = nullptr;
  std::atomic<int> outcome{-1};
  std::atomic<uint32_t> done{0};
  GoroutineState* state = nullptr;  // guarded by interruptMu
  std::atomic<uint64_t> goid{0};
};

std::atomic<InputRun*> currentInput{nullptr};
std::mutex interruptMu;

// Where each goroutine was started (REPL only: :goroutines), and the abandoned inputs.
struct GoroutineNote {
  std::string creator;
  int64_t creatorId;
  int line;
  GoroutineState* state;  // on the goroutine's stack: the note goes before it does
};
std::mutex notesMu;
std::unordered_map<uint64_t, GoroutineNote> notes;
std::set<uint64_t> abandoned;
// What the blocking operation at each position waits on (noteWaitOperand), keyed by
// posKey.
std::unordered_map<uint64_t, std::string> waitOperands;

uint64_t posKey(syntax::Pos pos) {
  return uint64_t{pos.line} << 32 | pos.col;
}

// An abandoned input (flagged `interrupted` first) is withdrawn from the channel, select,
// Mutex or WaitGroup it is blocked in (rt::cancel_wait), so that it takes no later value or
// lock; it then unwinds (on_wait_cancelled). Elsewhere (a sleep, Cond.Wait, a blocking
// call) it stops when it is woken. Off a goroutine, the caller holds an ExternalWaker.
bool settle(InputRun* run, InputOutcome outcome, bool abandon) {
  int running = -1;
  if (!run->outcome.compare_exchange_strong(running, static_cast<int>(outcome))) return false;
  if (abandon) {
    uint64_t id = run->goid.load();
    {
      std::lock_guard lk(notesMu);
      abandoned.insert(id);
    }
    rt::cancel_wait(id);
  }
  rt::semrelease(&run->done);
  return true;
}

void inputGoroutine(void* arg) {
  auto* run = static_cast<InputRun*>(arg);
  run->goid.store(rt::current_id());
  void* values = mmap(nullptr, kMainValueStackBytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (values == MAP_FAILED) {
    stdlib::writeStderr("fatal error: cannot allocate the value stack\n");
    settle(run, InputOutcome::Panicked, false);
    return;
  }
  GoroutineState g;
  ValueSegment first{static_cast<Value*>(values),
                     static_cast<Value*>(values) + kMainValueStackBytes / sizeof(Value)};
  initGoroutineState(&g, &first, NativeStack::Fixed);
  g.id = 1;  // the input is what main would run
  {
    std::lock_guard lk(interruptMu);
    run->state = &g;
  }
  InputOutcome outcome = InputOutcome::Finished;
  try {
    runReplCode(*run->code);
  } catch (const GoPanic& p) {
    stdlib::writeStderr(panicReport(p));
    outcome = InputOutcome::Panicked;
  } catch (const FatalError& f) {
    stdlib::writeStderr(f.prefix + "fatal error: " + f.message + "\n\n" + f.trace);
    outcome = InputOutcome::Panicked;
  } catch (const ExitRequest& e) {
    stdlib::flushStdout();
    rt::exit(e.code);
  } catch (const InputInterrupted&) {
    outcome = InputOutcome::Interrupted;
  } catch (const GoexitRequest&) {
  } catch (const std::bad_alloc&) {
    g.calls = nullptr;
    reportFatal("runtime: out of memory");
    outcome = InputOutcome::Panicked;
  } catch (const std::exception& e) {
    g.calls = nullptr;
    reportFatal((std::string("gol internal error: ") + e.what()).c_str());
    outcome = InputOutcome::Panicked;
  }
  {
    std::lock_guard lk(interruptMu);
    run->state = nullptr;
    if (g.pollRequested) rt::release_poll();  // asked, but never polled
  }
  settle(run, outcome, false);
  rt::set_user(nullptr);
  releaseSegments(&first);
  munmap(values, kMainValueStackBytes);
}

// A deadlock at the REPL: Go's report, the input's goroutine first (as goroutine 1), and
// the input is abandoned; the goroutines stay blocked, and the session goes on.
rt::DeadlockAction reportReplDeadlock(const std::vector<rt::GoroutineInfo>& gs) {
  InputRun* run = currentInput.load();
  if (!run || run->outcome.load() != -1) return rt::DeadlockAction::Continue;
  std::set<uint64_t> skip;
  {
    std::lock_guard lk(notesMu);
    skip = abandoned;
  }
  uint64_t inputId = run->goid.load();
  std::string out = "fatal error: all goroutines are asleep - deadlock!\n";
  for (int pass = 0; pass < 2; ++pass) {
    for (const rt::GoroutineInfo& info : gs) {
      if (info.id == 1 || skip.count(info.id) || (info.id == inputId) != (pass == 0)) continue;
      auto* g = static_cast<const GoroutineState*>(info.user);
      out += "\n";
      if (!g) {
        out += "goroutine " + std::to_string(info.id) + " [" + waitReasonText(info.wait_reason) +
               "]:\n";
        continue;
      }
      out += goroutineTrace(g, g->pos, waitReasonText(info.wait_reason));
    }
  }
  stdlib::writeStderr(out);
  {
    std::lock_guard lk(interruptMu);
    if (run->state) run->state->interrupted.store(true);  // if ever woken, it stops
  }
  rt::ExternalWaker waker;  // readies goroutine 1 from the monitor thread
  settle(run, InputOutcome::Deadlocked, true);
  return rt::DeadlockAction::Continue;
}

// 12ms, 2.1s, 59m59s, 1h0m0s.
std::string waitingTime(int64_t ns) {
  char buf[48];
  if (ns < 1000000000) {
    std::snprintf(buf, sizeof buf, "%lldms", static_cast<long long>(ns / 1000000));
  } else if (ns < int64_t{60} * 1000000000) {
    std::snprintf(buf, sizeof buf, "%.1fs", static_cast<double>(ns) / 1e9);
  } else {
    long long s = ns / 1000000000;
    if (s < 3600) {
      std::snprintf(buf, sizeof buf, "%lldm%llds", s / 60, s % 60);
    } else {
      std::snprintf(buf, sizeof buf, "%lldh%lldm%llds", s / 3600, s / 60 % 60, s % 60);
    }
  }
  return buf;
}

}  // namespace

namespace {
// Goroutine ids [first, end) given out while a pasted program's main ran: those of them
// that it started (directly or through others) end, and one that starts after main
// returned never runs its function (notesMu).
std::vector<std::pair<uint64_t, uint64_t>> endedMains;
// :reset ends every goroutine below this id, started or not yet (notesMu).
uint64_t resetBelow = 0;
}  // namespace

void noteWaitOperand(syntax::Pos pos, std::span<const syntax::Expr* const> operands) {
  if (!replMode || !pos.valid()) return;
  std::string text;
  for (const syntax::Expr* e : operands) {
    if (!text.empty()) text += ", ";
    text += syntax::exprString(e);
  }
  std::lock_guard lk(notesMu);
  waitOperands[posKey(pos)] = std::move(text);
}

void noteGoroutineStart(GoroutineState* g) {
  if (!replMode || !g->creator) return;
  std::lock_guard lk(notesMu);
  uint64_t id = rt::current_id();
  notes[id] =
      GoroutineNote{g->creator->name, g->creatorId, static_cast<int>(g->creatorPos.line), g};
  bool doomed = id < resetBelow;
  for (auto [first, end] : endedMains) {
    if (doomed) break;
    // Its creator: the input's goroutine (traced as 1), or a goroutine main started.
    uint64_t creator = static_cast<uint64_t>(g->creatorId);
    doomed = id >= first && id < end && (creator == 1 || (creator >= first && creator < end));
  }
  if (doomed) {
    std::lock_guard ilk(interruptMu);
    g->interrupted.store(true);
    if (!g->pollRequested) rt::request_poll();
    g->pollRequested = true;
  }
}

namespace {

// Whether goroutine id was started, directly or through others, by goroutine root.
bool descendsFrom(uint64_t id, uint64_t root) {  // notesMu held
  for (int depth = 0; depth < 100000; ++depth) {
    auto it = notes.find(id);
    if (it == notes.end()) return false;
    id = static_cast<uint64_t>(it->second.creatorId);
    if (id == root) return true;
  }
  return false;
}

// Ends the goroutines started at the prompt that `which` picks, as Ctrl-C ends an input:
// a running one unwinds (its deferred calls run) at its next poll; a blocked one is
// withdrawn from a channel, select, Mutex or WaitGroup wait and unwinds at once, and from
// other waits (a sleep, Cond.Wait) when it is woken. Returns how many were asked to end.
template <typename Which>
int stopGoroutines(Which which) {
  std::vector<uint64_t> stopped;
  {
    std::lock_guard lk(notesMu);
    std::lock_guard ilk(interruptMu);
    for (auto& [id, note] : notes) {
      if (!which(id)) continue;
      GoroutineState* g = note.state;
      g->interrupted.store(true);
      if (!g->pollRequested) rt::request_poll();
      g->pollRequested = true;
      stopped.push_back(id);
    }
  }
  // A blocked one is withdrawn from its wait, and unwinds now (see settle).
  for (uint64_t id : stopped) rt::cancel_wait(id);
  return static_cast<int>(stopped.size());
}

}  // namespace

int stopGoroutine(uint64_t id) {
  return stopGoroutines([id](uint64_t g) { return g == id; });
}

int stopAllGoroutines() {
  uint64_t below = rt::next_goroutine_id();
  int started = stopGoroutines([](uint64_t) { return true; });
  std::lock_guard lk(notesMu);
  resetBelow = below;  // and those started at the prompt that have not run yet
  return started;
}

void endGoroutinesOfMain(uint64_t first) {
  // Traces name the input's goroutine as main's (GoroutineState::id), and so do the notes
  // of the goroutines it starts.
  GoroutineState* g = currentState();
  uint64_t input = g ? static_cast<uint64_t>(g->id) : rt::current_id();
  uint64_t end = rt::next_goroutine_id();
  stopGoroutines([&](uint64_t id) { return id >= first && descendsFrom(id, input); });
  std::lock_guard lk(notesMu);
  endedMains.emplace_back(first, end);
}

void noteGoroutineEnd() {
  if (!replMode) return;
  std::lock_guard lk(notesMu);
  notes.erase(rt::current_id());
}

void unwindInterrupted(GoroutineState* g) {
  {
    std::lock_guard lk(interruptMu);
    g->interrupted.store(false);
    if (g->pollRequested) rt::release_poll();
    g->pollRequested = false;
  }
  throw InputInterrupted{};
}

void preemptOrInterrupt() {
  // A poll point holds no reference the collector cannot see (cycles.h).
  if (values::collectionWanted.load(std::memory_order_relaxed)) [[unlikely]]
    values::collectWanted();
  GoroutineState* g = currentState();
  if (g && g->interrupted.load(std::memory_order_relaxed)) unwindInterrupted(g);
  if (stepBudget.load(std::memory_order_relaxed) > 0 &&
      stepsLeft.fetch_sub(1, std::memory_order_relaxed) <= 0) {
    throw ExitRequest{3};
  }
  rt::preempt_point();
}

int runRepl(int maxprocs, std::function<void()> loop) {
  replMode = true;
  // Inputs that were abandoned may run again beside later ones: cells are shared.
  enableSharedCells();
  rt::Config cfg;
  cfg.maxprocs = maxprocs;
  cfg.main_stack_size = kMainStackBytes;
  cfg.on_deadlock = reportDeadlock;
  cfg.on_fatal = reportFatal;
  cfg.write_stderr = [](const char* text) { stdlib::writeStderr(text); };
  cfg.on_quit = reportQuit;
  // A goroutine withdrawn from its wait (settle, stopGoroutines) unwinds as interrupted.
  cfg.on_wait_cancelled = [] {
    if (GoroutineState* g = currentState()) unwindInterrupted(g);
  };
  installQuitHandler();
  rt::ExitInfo e = rt::start(cfg, [&loop] { loop(); });
  stdlib::closeOutput();
  return e.code;
}

InputOutcome runInput(const ReplCode& code) {
  auto* run = new InputRun;  // never freed: see the invariants above
  run->code = &code;
  currentInput.store(run);
  rt::go_with_stack(inputGoroutine, run, kMainStackBytes);
  rt::semacquire(&run->done, rt::WaitReason::Semacquire);
  currentInput.store(nullptr);
  stdlib::flushStdout();
  return static_cast<InputOutcome>(run->outcome.load());
}

bool interruptInput() {
  InputRun* run = currentInput.load();
  if (!run) return false;
  {
    std::lock_guard lk(interruptMu);
    if (GoroutineState* g = run->state) {
      g->interrupted.store(true);
      if (!g->pollRequested) rt::request_poll();
      g->pollRequested = true;
    }
  }
  // A running input stops at its next poll; a blocked one is abandoned, and stops at
  // its first poll if it is ever woken.
  for (int i = 0; i < 20 && run->outcome.load() == -1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (run->outcome.load() == -1) {
    rt::ExternalWaker waker;
    settle(run, InputOutcome::Interrupted, true);
  }
  return true;
}

// A waiting goroutine's position is read while it may be woken and run on (it is written
// by its goroutine alone, before it blocks): what :goroutines shows is a moment's view.
std::string describeGoroutines() {
  std::vector<rt::GoroutineInfo> gs = rt::list_goroutines();
  std::string out;
  int count = 0;
  InputRun* input = currentInput.load();
  uint64_t inputId = input ? input->goid.load() : 0;
  std::lock_guard lk(notesMu);
  for (const rt::GoroutineInfo& info : gs) {
    if (info.id == 1) continue;  // the REPL itself
    ++count;
    auto note = notes.find(info.id);
    std::string where;
    out += "goroutine " + std::to_string(info.id) + " [";
    switch (info.state) {
      case rt::GoroutineState::Running: out += "running"; break;
      case rt::GoroutineState::Runnable: out += "runnable"; break;
      case rt::GoroutineState::Waiting: {
        out += waitReasonText(info.wait_reason);
        // A note's state lives as long as the note; the running input's, while
        // interruptMu holds it in run->state.
        syntax::Pos pos;
        if (note != notes.end()) {
          pos = note->second.state->pos;
        } else if (info.id == inputId) {
          std::lock_guard ilk(interruptMu);
          if (input->state) pos = input->state->pos;
        }
        if (pos.valid()) {
          where = traceFileName + ":" + std::to_string(pos.line);
          auto operand = waitOperands.find(posKey(pos));
          if (operand != waitOperands.end() && info.wait_reason != rt::WaitReason::Sleep) {
            out += " on " + operand->second;
          }
        }
        if (info.sleep_left_ns > 0) out += " " + waitingTime(info.sleep_left_ns) + " left";
        out += ", " + waitingTime(info.waiting_ns);
        break;
      }
    }
    out += "]";
    std::string about;
    if (!where.empty()) about = "at " + where;
    if (info.id == inputId) {
      about += (about.empty() ? "" : ", ") + std::string("the input that is running");
    } else if (abandoned.count(info.id)) {
      about += (about.empty() ? "" : ", ") + std::string("an abandoned input (interrupted)");
    } else if (note != notes.end()) {
      about += (about.empty() ? "" : ", ") + std::string("created by ") + note->second.creator +
               " in goroutine " + std::to_string(note->second.creatorId) + " at " + traceFileName +
               ":" + std::to_string(note->second.line);
    }
    if (!about.empty()) out += ": " + about;
    out += "\n";
  }
  if (count == 0) return "no goroutines besides the REPL\n";
  return out + std::to_string(count) + (count == 1 ? " goroutine\n" : " goroutines\n");
}

}  // namespace gol::eval

// Declared by the value layer (values/maps.h), which knows no goroutine state.
void gol::values::setFatalPosition(syntax::Pos pos) {
  if (eval::GoroutineState* g = eval::currentState()) g->pos = pos;
}
