// libFuzzer targets: source text through gol's pipeline, as far as GOL_FUZZ_STAGE says.
//   1 fuzz_parse  lexer (token source), parser, AST builder, and the AST dump
//   2 fuzz_check  the above, then the type checker
//   3 fuzz_run    the above, then compile and run, with a step budget (eval::setStepBudget:
//                 loops and deep recursion end after kSteps polls) and a memory budget:
//                 no single allocation over 256 MiB (under ASan its max_allocation_size_mb
//                 with allocator_may_return_null; elsewhere malloc and friends, replaced
//                 below, return null as ASan's would); a failed allocation is Go's "out
//                 of memory" fatal error, which ends the run
// Each input is independent: a run starts and joins its own scheduler threads (rt::start),
// and its trees are freed when it ends. Goroutines still blocked when a run ends are
// abandoned with what they hold (as when a Go program's main returns), so the run target
// does not check for leaks. Programs that sleep, wait on timers or use the network (time,
// context, net/http) are refused by the run target: the step budget cannot end a sleep,
// and the tests' fixed loopback ports must stay free; so are programs that import os,
// io/ioutil or flag (files, processes, hidden state). The package variables are put back
// after each run (Packages::restoreVariables), and standard input is /dev/null.
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "interpreter/check/checker.h"
#include "interpreter/eval/compiler.h"
#include "interpreter/syntax/ast_dump.h"
#include "interpreter/syntax/parser.h"
#include "stdlib/packages.h"

#ifndef GOL_FUZZ_STAGE
#error "GOL_FUZZ_STAGE must be 1 (parse), 2 (check) or 3 (run)"
#endif

namespace {

// gol's driver runs the front end on a 512 MiB stack (syntax::runOnLargeStack); here one
// thread with such a stack serves every input, as it did when the driver made a thread
// per run (which cost more than the input under ASan).
class LargeStackWorker {
 public:
  LargeStackWorker() {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, size_t{512} << 20);
    if (pthread_create(&thread_, &attr, loop, this) != 0) std::abort();
    pthread_attr_destroy(&attr);
  }
  void run(const std::function<void()>& fn) {
    std::unique_lock lock(mu_);
    job_ = &fn;
    cv_.notify_all();
    cv_.wait(lock, [this] { return job_ == nullptr; });
  }

 private:
  static void* loop(void* self) {
    auto* w = static_cast<LargeStackWorker*>(self);
    std::unique_lock lock(w->mu_);
    for (;;) {
      w->cv_.wait(lock, [w] { return w->job_ != nullptr; });
      (*w->job_)();
      w->job_ = nullptr;
      w->cv_.notify_all();
    }
    return nullptr;
  }
  pthread_t thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  const std::function<void()>* job_ = nullptr;
};

void runOnLargeStack(const std::function<void()>& fn) {
  static LargeStackWorker& worker = *new LargeStackWorker;
  worker.run(fn);
}

}  // namespace

#if GOL_FUZZ_STAGE == 3
namespace {

constexpr int64_t kSteps = 20000;

// Whether the run target refuses `source`: it names a package whose waits the step
// budget cannot end (time, context), or the network, or imports one that changes the
// process or its files (os and its subpackages, io/ioutil) or keeps a program's values in
// hidden state (flag).
bool refusedForRun(std::string_view source) {
  for (std::string_view path : {"os\"", "os`", "os/", "io/ioutil", "flag\"", "flag`"}) {
    for (size_t at = source.find(path); at != std::string_view::npos;
         at = source.find(path, at + 1)) {
      if (at > 0 && (source[at - 1] == '"' || source[at - 1] == '`')) return true;
    }
  }
  for (std::string_view word : {"time", "context", "http", "url"}) {
    for (size_t at = source.find(word); at != std::string_view::npos;
         at = source.find(word, at + 1)) {
      // runtime is allowed (runtime.Gosched, NumGoroutine, ...).
      if (word == "time" && at >= 3 && source.substr(at - 3, 3) == "run") continue;
      return true;
    }
  }
  return false;
}

}  // namespace

// The run target's memory budget (see above); no leak checking (abandoned goroutines).
extern "C" const char* __asan_default_options() {
  return "allocator_may_return_null=1:max_allocation_size_mb=256:detect_leaks=0";
}

#ifndef __SANITIZE_ADDRESS__
// Without ASan, the same budget by replacing glibc's allocation functions (the executable's
// definitions come first; glibc's own stay reachable as __libc_*). A limit on the address
// space instead would run out within thousands of runs: the stack regions of goroutines
// abandoned when a run ends are never unmapped (runtime/stack.h).
extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* p, size_t size);
void* __libc_memalign(size_t alignment, size_t size);

constexpr size_t kMaxAllocationBytes = size_t{256} << 20;

void* malloc(size_t size) {
  if (size > kMaxAllocationBytes) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_malloc(size);
}

void* calloc(size_t count, size_t size) {
  if (size != 0 && count > kMaxAllocationBytes / size) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_calloc(count, size);
}

void* realloc(void* p, size_t size) {
  if (size > kMaxAllocationBytes) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_realloc(p, size);
}

void* aligned_alloc(size_t alignment, size_t size) {
  if (size > kMaxAllocationBytes) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_memalign(alignment, size);
}

void* memalign(size_t alignment, size_t size) {
  return aligned_alloc(alignment, size);
}

int posix_memalign(void** out, size_t alignment, size_t size) {
  void* p = aligned_alloc(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
}  // extern "C"
#endif
#endif

#if GOL_FUZZ_STAGE >= 2
// One allocation of the context package's types at its registration (the element type of
// Done's channel, context.cpp) is reported unreachable in the fuzz targets, though gol's
// own leak check at the end of a run finds it reachable: not an input's leak.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:gol::stdlib::(anonymous namespace)::contextNamed\n";
}

namespace {
// As in gol's driver: the packages' native types live as long as the process.
gol::stdlib::Packages& packages() {
  static gol::stdlib::Packages& p = *new gol::stdlib::Packages;
  return p;
}
}  // namespace
#endif

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  (void)argc;
  (void)argv;
#if GOL_FUZZ_STAGE == 3
  gol::eval::setStepBudget(kSteps);
  gol::stdlib::setArgs({"fuzz.gol"});
  // The programs' output is dropped (libFuzzer's own goes to stderr regardless).
  gol::stdlib::closeOutput();
  // fmt.Scan and friends read standard input: they see its end at once.
  int devNull = open("/dev/null", O_RDONLY);
  if (devNull >= 0) {
    dup2(devNull, 0);
    close(devNull);
  }
#endif
#if GOL_FUZZ_STAGE >= 2
  // Each package makes its native types once, at its first import: before any input, so
  // that libFuzzer's leak check does not take them for an input's leak.
  packages().importAll();
#endif
#if GOL_FUZZ_STAGE == 3
  packages().saveVariables();
#endif
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
#if GOL_FUZZ_STAGE == 3
  if (refusedForRun(source)) return -1;  // not added to the corpus
#endif
  gol::syntax::SourceFile file("fuzz.gol", source);
  gol::syntax::Diagnostics diags(file);
  std::unique_ptr<gol::syntax::Ast> ast;
#if GOL_FUZZ_STAGE >= 2
  gol::stdlib::Packages& packages = ::packages();
  gol::check::Info info;
#endif
#if GOL_FUZZ_STAGE == 3
  gol::eval::ProgramPtr program;
#endif
  // The front end runs on a large stack, as in gol's driver.
  runOnLargeStack([&] {
    ast = gol::syntax::parse(file, diags);
    if (!ast) {
      (void)diags.format();
      return;
    }
#if GOL_FUZZ_STAGE == 1
    (void)gol::syntax::dumpAst(ast->file);
#else
    if (!gol::check::checkFile(ast->file, packages, diags, info)) {
      (void)diags.format();
      return;
    }
#if GOL_FUZZ_STAGE == 3
    std::string error;
    program = gol::eval::compile(ast->file, info, packages, "fuzz.gol", &error);
#endif
#endif
  });
#if GOL_FUZZ_STAGE == 3
  if (!program) return 0;
  static const int maxprocs = [] {
    const char* env = std::getenv("GOL_FUZZ_MAXPROCS");
    return env ? std::atoi(env) : 2;
  }();
  (void)gol::eval::run(*program, maxprocs);
  // The trees go in reverse order of their making: program, info, ast.
  program.reset();
  packages.restoreVariables();
#endif
  return 0;
}
