// Package runtime: GOMAXPROCS, NumGoroutine, NumCPU, Gosched and Goexit, over the M:N
// runtime (runtime/goroutine.h). Its one setting, the goroutines NumGoroutine leaves out,
// is written before the run starts.
#include "interpreter/values/panic.h"
#include "runtime/goroutine.h"
#include "stdlib/bind.h"
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

}  // namespace

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
}

}  // namespace gol::stdlib
