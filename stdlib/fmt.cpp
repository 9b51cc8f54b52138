// fmt: the natives of Print, Println, Printf, Sprint, Sprintln and Sprintf over the
// formatting engine of format.cpp.
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

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
  p.doPrintf(values::stringView(args[0].value), args.subspan(1));
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
  p.doPrintf(values::stringView(args[0].value), args.subspan(1));
  results[0] = stringResult(p.buffer());
}

void errorfNative(std::span<const AnyValue> args, Value* results) {
  fmt::Printer p;
  p.wrapErrs = true;
  p.doPrintf(values::stringView(args[0].value), args.subspan(1));
  results[0] = errors::wrapErrors(p.buffer(), p.wrapped);
}

// Fprint*: writes to an io.Writer (os.Stdout and os.Stderr directly).
void writeTo(const AnyValue& w, const std::string& text) {
  if (writeToFile(w, text)) return;
  values::IfaceObject* i = values::asIface(w.value);
  if (!i) nilPanic();
  values::SliceObject* bytes = values::makeSlice(static_cast<int64_t>(text.size()),
                                             static_cast<int64_t>(text.size()), false);
  for (size_t k = 0; k < text.size(); ++k) bytes->base()[k].u = static_cast<unsigned char>(text[k]);
  AnyValue arg{check::sliceOf(check::basicType(check::BasicKind::Uint8)), Value{.p = bytes}};
  Value out[2]{};
  fmt::methodCaller(AnyValue{i->type, i->value}, "Write", std::span<const AnyValue>(&arg, 1), out);
  values::releaseRef(out[1]);
  values::releaseRef(arg.value);
}

void fprintNative(std::span<const AnyValue> args, Value*) {
  fmt::Printer p;
  p.doPrint(args.subspan(1));
  writeTo(args[0], p.buffer());
}

void fprintlnNative(std::span<const AnyValue> args, Value*) {
  fmt::Printer p;
  p.doPrintln(args.subspan(1));
  writeTo(args[0], p.buffer());
}

void fprintfNative(std::span<const AnyValue> args, Value*) {
  fmt::Printer p;
  p.doPrintf(values::stringView(args[1].value), args.subspan(2));
  writeTo(args[0], p.buffer());
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
  p.addFunction(fmt, "Errorf", p.signature({str, any}, {check::errorType()}, true), errorfNative);
  {
    auto* iface = new check::Interface;
    check::Method m;
    m.name = "String";
    m.sig = p.signature({}, {str});
    iface->methods.push_back(m);
    auto* stringer = new check::Named;
    stringer->name = "Stringer";
    stringer->pkg = "fmt";
    stringer->underlying = iface;
    p.addType(fmt, "Stringer", stringer);
  }
  const check::Type* writer = ioWriterType();
  p.addFunction(fmt, "Fprint", p.signature({writer, any}, {}, true), fprintNative);
  p.addFunction(fmt, "Fprintln", p.signature({writer, any}, {}, true), fprintlnNative);
  p.addFunction(fmt, "Fprintf", p.signature({writer, str, any}, {}, true), fprintfNative);
}

}  // namespace gol::stdlib
