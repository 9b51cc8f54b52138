// fmt: the natives of Print, Println, Printf, Sprint, Sprintln and Sprintf over the
// formatting engine of format.cpp.
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/io.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

// An io.Writer argument, as it came.
struct Writer {
  AnyValue w;
};

}  // namespace

template <>
struct GoType<Writer> {
  static const check::Type* type() { return ioWriterType(); }
  static Writer arg(const AnyValue& a) { return {a}; }
};

namespace {

std::tuple<int64_t, GoError> print(Variadic<AnyValue> a) {
  fmt::Printer p;
  p.doPrint(a.raw());
  writeStdout(p.buffer());
  return {static_cast<int64_t>(p.buffer().size()), GoError{}};
}

std::tuple<int64_t, GoError> println(Variadic<AnyValue> a) {
  fmt::Printer p;
  p.doPrintln(a.raw());
  writeStdout(p.buffer());
  return {static_cast<int64_t>(p.buffer().size()), GoError{}};
}

std::tuple<int64_t, GoError> printf(std::string_view format, Variadic<AnyValue> a) {
  fmt::Printer p;
  p.doPrintf(format, a.raw());
  writeStdout(p.buffer());
  return {static_cast<int64_t>(p.buffer().size()), GoError{}};
}

std::string sprint(Variadic<AnyValue> a) {
  fmt::Printer p;
  p.doPrint(a.raw());
  return p.take();
}

std::string sprintln(Variadic<AnyValue> a) {
  fmt::Printer p;
  p.doPrintln(a.raw());
  return p.take();
}

std::string sprintf(std::string_view format, Variadic<AnyValue> a) {
  fmt::Printer p;
  p.doPrintf(format, a.raw());
  return p.take();
}

GoError errorf(std::string_view format, Variadic<AnyValue> a) {
  fmt::Printer p;
  p.wrapErrs = true;
  p.doPrintf(format, a.raw());
  return {errors::wrapErrors(p.buffer(), p.wrapped)};
}

// Fprint*: writes to an io.Writer (an *os.File directly); the results are Write's.
std::tuple<int64_t, GoError> writeTo(const AnyValue& w, const std::string& text) {
  io::IoResult r = io::writeAll(w.value, text);
  return {r.n, GoError{r.err}};
}

std::tuple<int64_t, GoError> fprint(Writer w, Variadic<AnyValue> a) {
  fmt::Printer p;
  p.doPrint(a.raw());
  return writeTo(w.w, p.buffer());
}

std::tuple<int64_t, GoError> fprintln(Writer w, Variadic<AnyValue> a) {
  fmt::Printer p;
  p.doPrintln(a.raw());
  return writeTo(w.w, p.buffer());
}

std::tuple<int64_t, GoError> fprintf(Writer w, std::string_view format, Variadic<AnyValue> a) {
  fmt::Printer p;
  p.doPrintf(format, a.raw());
  return writeTo(w.w, p.buffer());
}

}  // namespace

// Scan, Sscan, Fscan and their ln and f forms (fmt_scan.cpp).
void registerFmtScan(Packages& p, check::Package& pkg);

void registerFmt(Packages& p) {
  check::Package& pkg = p.package("fmt", "fmt");
  // Print, Println and Printf return (n int, err error) in Go; without the error type
  // they are declared with no results for now.
  bind<&print>(p, pkg, "Print");
  bind<&println>(p, pkg, "Println");
  bind<&printf>(p, pkg, "Printf");
  bind<&sprint>(p, pkg, "Sprint");
  bind<&sprintln>(p, pkg, "Sprintln");
  bind<&sprintf>(p, pkg, "Sprintf");
  bind<&errorf>(p, pkg, "Errorf");
  {
    auto* iface = new check::Interface;
    check::Method m;
    m.name = "String";
    m.sig = p.signature({}, {check::basicType(check::BasicKind::String)});
    iface->methods.push_back(m);
    auto* stringer = new check::Named;
    stringer->name = "Stringer";
    stringer->pkg = "fmt";
    stringer->underlying = iface;
    p.addType(pkg, "Stringer", stringer);
  }
  bind<&fprint>(p, pkg, "Fprint");
  bind<&fprintln>(p, pkg, "Fprintln");
  bind<&fprintf>(p, pkg, "Fprintf");
  registerFmtScan(p, pkg);
}

}  // namespace gol::stdlib
