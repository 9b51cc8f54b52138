// Package runtime: GOMAXPROCS, NumGoroutine, NumCPU, Gosched and Goexit, over the M:N
// runtime (runtime/goroutine.h). Its one setting, the goroutines NumGoroutine leaves out,
// is written before the run starts.
#include "interpreter/values/panic.h"
#include "runtime/goroutine.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

void gomaxprocsN(std::span<const values::AnyValue> args, values::Value* results) {
  int64_t n = args[0].value.i;
  // Go caps the setting at 256 processors (_MaxGomaxprocs is larger, but no machine here
  // has more cores); values below 1 only query.
  if (n > 256) n = 256;
  results[0] = intResult(rt::set_maxprocs(static_cast<int>(n)));
}

int hiddenGoroutines = 0;  // set once, before the run starts

void numGoroutineN(std::span<const values::AnyValue>, values::Value* results) {
  results[0] = intResult(static_cast<int64_t>(rt::num_goroutine()) - hiddenGoroutines);
}

void numCpuN(std::span<const values::AnyValue>, values::Value* results) {
  results[0] = intResult(rt::num_cpu());
}

void goschedN(std::span<const values::AnyValue>, values::Value*) {
  rt::yield();
}

// Unwinds the goroutine through its deferred calls (run.cpp ends it at the top).
void goexitN(std::span<const values::AnyValue>, values::Value*) {
  throw values::GoexitRequest{};
}

}  // namespace

void hideGoroutinesFromNumGoroutine(int n) {
  hiddenGoroutines = n;
}

void registerRuntime(Packages& p) {
  const check::Type* i = check::basicType(check::BasicKind::Int);
  check::Package& pkg = p.package("runtime", "runtime");
  p.addFunction(pkg, "GOMAXPROCS", p.signature({i}, {i}), gomaxprocsN);
  p.addFunction(pkg, "NumGoroutine", p.signature({}, {i}), numGoroutineN);
  p.addFunction(pkg, "NumCPU", p.signature({}, {i}), numCpuN);
  p.addFunction(pkg, "Gosched", p.signature({}, {}), goschedN);
  p.addFunction(pkg, "Goexit", p.signature({}, {}), goexitN);
}

}  // namespace gol::stdlib
