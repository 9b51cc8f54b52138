// Package runtime: GOMAXPROCS, NumGoroutine, NumCPU, Gosched and Goexit, over the M:N
// runtime (runtime/goroutine.h); GC and KeepAlive; the build's constants; the Error
// interface of run-time panics; LockOSThread and UnlockOSThread. The stack (Caller, Callers, Stack)
// is runtime_callers.cpp. Its one setting, the goroutines NumGoroutine leaves out, is written
// before the run starts.
#include <sys/utsname.h>

#include <cstdlib>
#include <filesystem>

#include "interpreter/values/cycles.h"
#include "interpreter/values/panic.h"
#include "runtime/goroutine.h"
#include "stdlib/bind.h"
#include "stdlib/callers.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

int64_t gomaxprocs(int64_t n) {
  // Go caps the setting at 256 processors (_MaxGomaxprocs is larger, but no machine here
  // has more cores); values below 1 only query.
  if (n > 256) n = 256;
  return rt::set_maxprocs(static_cast<int>(n));
}

int hiddenGoroutines = 0;  // set once, before the run starts

int64_t numGoroutine() {
  return static_cast<int64_t>(rt::num_goroutine()) - hiddenGoroutines;
}

int64_t numCPU() {
  return rt::num_cpu();
}

void gosched() {
  rt::yield();
}

// Unwinds the goroutine through its deferred calls (run.cpp ends it at the top).
void goexit() {
  throw values::GoexitRequest{};
}

// A forced collection of reference cycles (everything else is freed as its last reference
// goes).
void gc() {
  values::collectCycles(true);
}

// A breakpoint trap with no debugger attached: Go's runtime reports the SIGTRAP with the
// goroutine's stack and exits with status 2 (Gol prints no PC or registers: it has none).
void breakpoint() {
  std::string report = "SIGTRAP: trace trap\n\n";
  if (goroutineStack) report += goroutineStack();
  writeStderr(report);
  throw values::ExitRequest{2};
}

// Keeps x alive to this point: x's reference, held by the caller, already does.
void keepAlive(values::AnyValue x) {
  (void)x;
}

// LockOSThread wires a goroutine to its OS thread for code that keeps per-thread state:
// cgo libraries, thread-scoped system calls (setns, thread ids). A Gol program reaches
// none: it calls no C and sees no thread identity, so which thread runs a goroutine cannot
// change what it does. Gol accepts the calls, in any nesting, and leaves the choice of
// thread to the scheduler.
void lockOSThread() {}
void unlockOSThread() {}

// Gol calls no C through cgo.
int64_t numCgoCall() {
  return 0;
}

// The version of Go whose language and library Gol follows.
std::string version() {
  return "go1.23";
}

// The root of the Go tree, as Go's GOROOT: $GOROOT when set at the start, else the Go
// installation of the system (Debian's /usr/lib/go, resolved, or where only a versioned
// golang-1.N-go is installed, the newest /usr/lib/go-1.N), else "" (Gol itself ships no Go
// tree).
std::string goroot() {
  if (const char* env = std::getenv("GOROOT"); env && *env) return env;
  std::error_code ec;
  std::filesystem::path p = std::filesystem::canonical("/usr/lib/go", ec);
  if (!ec) return p.string();
  std::string best;
  int bestMinor = -1;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib", ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("go-1.", 0) != 0) continue;
    char* end = nullptr;
    long minor = std::strtol(name.c_str() + 5, &end, 10);
    if (*end != '\0' || minor <= bestMinor) continue;
    if (!std::filesystem::is_directory(entry.path() / "src" / "runtime", ec)) continue;
    bestMinor = static_cast<int>(minor);
    best = entry.path().string();
  }
  return best;
}

// The architecture Gol runs on, as Go names it.
std::string goarch() {
  struct utsname u;
  if (uname(&u) != 0) return "amd64";
  std::string m = u.machine;
  if (m == "x86_64") return "amd64";
  if (m == "aarch64") return "arm64";
  if (m == "i686" || m == "i386") return "386";
  return m;
}

}  // namespace

std::string goRoot() {
  return goroot();
}

void registerRuntimeCallers(Packages& p, check::Package& pkg);
void registerRuntimeMemStats(Packages& p, check::Package& pkg);
void registerRuntimeFinalizer(Packages& p, check::Package& pkg);

void hideGoroutinesFromNumGoroutine(int n) {
  hiddenGoroutines = n;
}

void registerRuntime(Packages& p) {
  check::Package& pkg = p.package("runtime", "runtime");
  bind<&gomaxprocs>(p, pkg, "GOMAXPROCS");
  bind<&numGoroutine>(p, pkg, "NumGoroutine");
  bind<&numCPU>(p, pkg, "NumCPU");
  bind<&gosched>(p, pkg, "Gosched");
  bind<&goexit>(p, pkg, "Goexit");
  bind<&gc>(p, pkg, "GC");
  bind<&keepAlive>(p, pkg, "KeepAlive");
  bind<&breakpoint>(p, pkg, "Breakpoint");
  bind<&numCgoCall>(p, pkg, "NumCgoCall");
  bind<&lockOSThread>(p, pkg, "LockOSThread");
  bind<&unlockOSThread>(p, pkg, "UnlockOSThread");
  bind<&version>(p, pkg, "Version");
  bind<&goroot>(p, pkg, "GOROOT");
  const check::Type* str = check::basicType(check::BasicKind::String);
  p.addConstant(pkg, "GOOS", str, check::ConstValue::ofString("linux"));
  p.addConstant(pkg, "GOARCH", str, check::ConstValue::ofString(goarch()));
  // Not "gc" or "gccgo": programs that test for a compiler's particulars skip them.
  p.addConstant(pkg, "Compiler", str, check::ConstValue::ofString("gol"));
  {
    // type Error interface { error; RuntimeError() }: what run-time panics' values are.
    auto* iface = new check::Interface;
    check::Method err;
    err.name = "Error";
    err.sig = p.signature({}, {str});
    check::Method marker;
    marker.name = "RuntimeError";
    marker.sig = p.signature({}, {});
    iface->methods = {err, marker};
    p.addType(pkg, "Error", nativeNamed("runtime", "Error", iface));
  }
  registerRuntimeCallers(p, pkg);
  registerRuntimeFinalizer(p, pkg);
  registerRuntimeMemStats(p, pkg);
}

}  // namespace gol::stdlib
