// io: Reader, ReadCloser, Writer, ReadAll and EOF.
#include "stdlib/io.h"

#include <algorithm>

#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace io {

namespace {

using values::AnyValue;
using values::Value;

const check::Type* bytesT() {
  return check::sliceOf(check::basicType(check::BasicKind::Uint8));
}

check::Method ifaceMethod(const char* name, const check::Signature* s) {
  check::Method m;
  m.name = name;
  m.sig = s;
  return m;
}

check::Named* ifaceType(const char* name, std::vector<check::Method> methods) {
  auto* i = new check::Interface;
  std::sort(methods.begin(), methods.end(),
            [](const check::Method& a, const check::Method& b) { return a.name < b.name; });
  i->methods = std::move(methods);
  return nativeNamed("io", name, i);
}

const check::Signature* readSig() {
  static const check::Signature* s =
      nativeSignature({bytesT()}, {check::basicType(check::BasicKind::Int), check::errorType()});
  return s;
}

// io.EOF's variable: made once, never freed.
Value& eofCell() {
  static Value* cell = new Value(errors::newError("EOF"));
  return *cell;
}

// An io.Reader argument: an interface value, borrowed.
struct Reader {
  Value iface{};
};

}  // namespace

}  // namespace io

template <>
struct GoType<io::Reader> {
  static const check::Type* type() { return io::readerType(); }
  static io::Reader arg(const values::AnyValue& a) { return {a.value}; }
};

namespace io {

const check::Named* readerType() {
  static check::Named* t = ifaceType("Reader", {ifaceMethod("Read", readSig())});
  return t;
}

const check::Named* readCloserType() {
  static check::Named* t =
      ifaceType("ReadCloser", {ifaceMethod("Read", readSig()),
                               ifaceMethod("Close", nativeSignature({}, {check::errorType()}))});
  return t;
}

Value eof() {
  return eofCell();
}

namespace {

ReadAllResult readAll(Reader r) {
  values::IfaceObject* i = values::asIface(r.iface);
  if (!i) nilPanic();
  if (std::optional<ReadAllResult> body = http::readAllBody(i)) return *body;
  std::string out;
  values::IfaceObject* eof = values::asIface(eofCell());
  for (;;) {
    Value buf = newBytes(std::string(512, '\0')).slice;
    AnyValue arg{bytesT(), buf};
    Value res[2]{};
    if (!fmt::methodCaller(AnyValue{i->type, i->value}, "Read", std::span<const AnyValue>(&arg, 1),
                           res)) {
      values::releaseRef(buf);
      nilPanic();
    }
    int64_t n = std::clamp<int64_t>(res[0].i, 0, 512);
    values::SliceObject* s = values::asSlice(buf);
    for (int64_t k = 0; k < n && k < s->len(); ++k) out += static_cast<char>(s->base()[k].u);
    values::releaseRef(buf);
    if (values::IfaceObject* e = values::asIface(res[1])) {
      bool isEOF = e->type == eof->type && e->value.p == eof->value.p;
      if (isEOF) {
        values::releaseRef(res[1]);
        return {newBytes(out), GoError{}};
      }
      return {newBytes(out), GoError{res[1]}};
    }
  }
}

}  // namespace

}  // namespace io

void registerIo(Packages& p) {
  check::Package& pkg = p.package("io", "io");
  p.addType(pkg, "Reader", io::readerType());
  p.addType(pkg, "ReadCloser", io::readCloserType());
  p.addType(pkg, "Writer", ioWriterType());
  p.addVariable(pkg, "EOF", check::errorType(), &io::eofCell());
  bind<&io::readAll>(p, pkg, "ReadAll");
}

}  // namespace gol::stdlib
