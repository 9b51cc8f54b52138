// fmt: the natives of Print, Println, Printf, Sprint, Sprintln and Sprintf over the
// formatting engine of format.cpp.
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using eval::AnyValue;
using eval::Value;

void printNative(std::span<const AnyValue> args, Value*) {
  fmt::Printer p;
  p.doPrint(args);
  writeStdout(p.buffer());
}

void printlnNative(std::span<const AnyValue> args, Value*) {
  fmt::Printer p;
  p.doPrintln(args);
  writeStdout(p.buffer());
}

void printfNative(std::span<const AnyValue> args, Value*) {
  fmt::Printer p;
  p.doPrintf(eval::stringView(args[0].value), args.subspan(1));
  writeStdout(p.buffer());
}

void sprintNative(std::span<const AnyValue> args, Value* results) {
  fmt::Printer p;
  p.doPrint(args);
  results[0] = stringResult(p.buffer());
}

void sprintlnNative(std::span<const AnyValue> args, Value* results) {
  fmt::Printer p;
  p.doPrintln(args);
  results[0] = stringResult(p.buffer());
}

void sprintfNative(std::span<const AnyValue> args, Value* results) {
  fmt::Printer p;
  p.doPrintf(eval::stringView(args[0].value), args.subspan(1));
  results[0] = stringResult(p.buffer());
}

}  // namespace

void registerFmt(Packages& p) {
  using check::BasicKind;
  const check::Type* any = check::anyType();
  const check::Type* str = check::basicType(BasicKind::String);
  check::Package& fmt = p.package("fmt", "fmt");
  // Print, Println and Printf return (n int, err error) in Go; without the error type
  // they are declared with no results for now.
  p.addFunction(fmt, "Print", p.signature({any}, {}, true), printNative);
  p.addFunction(fmt, "Println", p.signature({any}, {}, true), printlnNative);
  p.addFunction(fmt, "Printf", p.signature({str, any}, {}, true), printfNative);
  p.addFunction(fmt, "Sprint", p.signature({any}, {str}, true), sprintNative);
  p.addFunction(fmt, "Sprintln", p.signature({any}, {str}, true), sprintlnNative);
  p.addFunction(fmt, "Sprintf", p.signature({str, any}, {str}, true), sprintfNative);
}

}  // namespace gol::stdlib
