// os: Args, Exit, Getenv, and the standard streams' names for fmt.Fprint* (later).
#include <cstdlib>

#include "interpreter/eval/panic.h"
#include "stdlib/packages.h"

namespace gol::stdlib {

namespace {

// os.Args. Written once by the driver before the program starts, then only read.
eval::Value argsCell{};

void exitN(std::span<const eval::AnyValue> args, eval::Value*) {
  throw eval::ExitRequest{static_cast<int>(args[0].value.i)};
}

void getenvN(std::span<const eval::AnyValue> args, eval::Value* results) {
  std::string name(eval::stringView(args[0].value));
  const char* v = std::getenv(name.c_str());
  results[0] = eval::stringValue(eval::StringObject::make(v ? v : ""));
}

}  // namespace

void setArgs(const std::vector<std::string>& args) {
  eval::releaseRef(argsCell);
  auto n = static_cast<int64_t>(args.size());
  eval::SliceObject* s = eval::makeSlice(n, n, true);
  for (int64_t i = 0; i < n; ++i) {
    s->base()[i] = eval::stringValue(eval::StringObject::make(args[static_cast<size_t>(i)]));
  }
  argsCell.p = s;
}

void registerOs(Packages& p) {
  using check::BasicKind;
  const check::Type* str = check::basicType(BasicKind::String);
  const check::Type* i = check::basicType(BasicKind::Int);
  check::Package& pkg = p.package("os", "os");
  p.addFunction(pkg, "Exit", p.signature({i}, {}), exitN);
  p.addFunction(pkg, "Getenv", p.signature({str}, {str}), getenvN);
  p.addVariable(pkg, "Args", check::sliceOf(str), &argsCell);
}

}  // namespace gol::stdlib
