// Runs a compiled program on an evaluator thread with a large native stack, and turns
// what escapes it (a Go panic, a fatal error, os.Exit) into Go's report and exit status.
//
// The evaluator thread owns its GoroutineState; nothing else touches it. The value
// stack and the native stack are reserved with MAP_NORESERVE, so only what a program
// touches is committed.
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

#include "interpreter/eval/compiler.h"
#include "interpreter/eval/nodes.h"
#include "stdlib/packages.h"

namespace gol::eval {

thread_local GoroutineState* currentGoroutine = nullptr;
std::string traceFileName;

std::string panicReport(const GoPanic& p);

namespace {

constexpr size_t kNativeStackBytes = size_t{1} << 29;
constexpr size_t kNativeStackMargin = size_t{1} << 20;  // room to report the overflow
constexpr size_t kValueStackBytes = size_t{1} << 30;
constexpr int kMaxTraceFrames = 100;

void appendFrame(std::string& out, const FuncCode* fn, syntax::Pos pos) {
  out += fn->name;
  out += fn->hasParams ? "(...)\n\t" : "()\n\t";
  out += traceFileName;
  out += ':';
  out += std::to_string(pos.line);
  out += '\n';
}

struct RunContext {
  Program* program;
  int status = 0;
};

void* evaluatorMain(void* arg) {
  auto* ctx = static_cast<RunContext*>(arg);
  GoroutineState g;
  void* values = mmap(nullptr, kValueStackBytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (values == MAP_FAILED) {
    stdlib::writeStderr("fatal error: cannot allocate the value stack\n");
    ctx->status = 2;
    return nullptr;
  }
  g.stackBase = static_cast<Value*>(values);
  g.sp = g.stackBase;
  g.stackLimit = g.stackBase + kValueStackBytes / sizeof(Value);
  char here;
  g.nativeStackLimit = &here - (kNativeStackBytes - kNativeStackMargin);
  currentGoroutine = &g;
  try {
    ctx->status = runProgram(*ctx->program);
  } catch (const GoPanic& p) {
    stdlib::writeStderr(panicReport(p) + "exit status 2\n");
    ctx->status = 2;
  } catch (const FatalError& f) {
    stdlib::writeStderr(f.prefix + "fatal error: " + f.message + "\n\n" + f.trace +
                        "exit status 2\n");
    ctx->status = 2;
  } catch (const ExitRequest& e) {
    stdlib::flushStdout();
    if (e.code != 0) stdlib::writeStderr("exit status " + std::to_string(e.code) + "\n");
    ctx->status = e.code;
  }
  currentGoroutine = nullptr;
  munmap(values, kValueStackBytes);
  return nullptr;
}

}  // namespace

std::string stackTrace(syntax::Pos pos) {
  GoroutineState* g = currentGoroutine;
  std::string out = "goroutine " + std::to_string(g->id) + " [running]:\n";
  int frames = 0;
  for (CallRecord* r = g->calls; r; r = r->caller) {
    if (r->fn->hiddenInTraces) {
      pos = r->callSite;
      continue;
    }
    if (frames++ == kMaxTraceFrames) {
      out += "...additional frames elided...\n";
      break;
    }
    appendFrame(out, r->fn, pos);
    pos = r->callSite;
  }
  return out;
}

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
  p.trace = stackTrace(pos);
  throw p;
}

void runtimePanicAt(syntax::Pos pos, const std::string& message) {
  GoPanic p;
  p.message = "runtime error: " + message;
  p.runtimeError = true;
  p.trace = stackTrace(pos);
  throw p;
}

// Fatal, so nothing unwinds: the report is printed and the process ends here.
void stackOverflow(syntax::Pos pos) {
  stdlib::writeStderr("runtime: goroutine stack exceeds 1000000000-byte limit\n"
                      "fatal error: stack overflow\n\n" +
                      stackTrace(pos) + "exit status 2\n");
  _exit(2);
}

int run(Program& program) {
  RunContext ctx{&program};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kNativeStackBytes);
  pthread_t thread;
  if (pthread_create(&thread, &attr, evaluatorMain, &ctx) != 0) {
    stdlib::writeStderr("gol: cannot start the evaluator thread\n");
    return 2;
  }
  pthread_attr_destroy(&attr);
  pthread_join(thread, nullptr);
  stdlib::flushStdout();
  return ctx.status;
}

}  // namespace gol::eval
