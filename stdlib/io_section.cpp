// io.SectionReader: Read, ReadAt, Seek, Size and Outer over a section of an io.ReaderAt, a
// port of Go's (io/io.go; Outer from Go 1.22).
//
// Representation: the native struct {r ReaderAt, base, off, limit, n int64}; r holds a
// reference to the wrapped value, freed with the struct. The underlying ReadAt is called
// through method dispatch (io::readAt), so a Gol type's ReadAt works as a native's does
// (*os.File, *strings.Reader, *bytes.Reader), and it reads straight into the caller's
// slice (a subslice of it when the section ends first), as Go's does.
//
// Invariants: base <= limit, fixed at creation (limit = base + n, or MaxInt64 when that
// overflows); off >= base (Seek refuses less) and may pass limit. No lock: like Go's, a
// SectionReader is not safe for concurrent Read/Seek (ReadAt does not touch off).
#include <cstdint>
#include <limits>

#include "stdlib/bind.h"
#include "stdlib/bytes_support.h"
#include "stdlib/errors.h"
#include "stdlib/io.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

enum SectionField { kR, kBase, kOff, kLimit, kN };

using ReaderAt = IfaceOf<&io::readerAtType>;

// Go's errWhence and errOffset: made once, never freed.
Value whenceError() {
  static Value v = errors::newError("Seek: invalid whence");
  return v;
}
Value offsetError() {
  static Value v = errors::newError("Seek: invalid offset");
  return v;
}

const check::Named* sectionReaderType();

// The receiver: a *SectionReader (a nil one panics).
struct SectionPtr {
  StructObject* obj = nullptr;
  Value r() const { return obj->fields[kR]; }
  int64_t& base() const { return obj->fields[kBase].i; }
  int64_t& off() const { return obj->fields[kOff].i; }
  int64_t& limit() const { return obj->fields[kLimit].i; }
  int64_t& n() const { return obj->fields[kN].i; }
};

}  // namespace

template <>
struct GoType<SectionPtr> {
  static const check::Type* type() { return check::pointerTo(sectionReaderType()); }
  static SectionPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(SectionPtr s) { return Value{.p = s.obj}; }
};

namespace {

// r.ReadAt(p[:max], off) when p is longer than max, else r.ReadAt(p, off).
io::IoResult readAtMost(Value r, Value p, int64_t max, int64_t off) {
  if (sliceLen(p) <= max) return io::readAt(r, p, off);
  Value q = subslice(p, 0, max);
  io::IoResult res = io::readAt(r, q, off);
  values::releaseRef(q);
  return res;
}

std::tuple<int64_t, GoError> sectionRead(SectionPtr s, Bytes p) {
  if (s.off() >= s.limit()) return {0, {retained(io::eof())}};
  io::IoResult res = readAtMost(s.r(), p.slice, s.limit() - s.off(), s.off());
  s.off() += res.n;
  return {res.n, {res.err}};
}

std::tuple<Int64, GoError> sectionSeek(SectionPtr s, Int64 offset, int64_t whence) {
  int64_t at = offset.v;
  switch (whence) {
    case 0: at += s.base(); break;
    case 1: at += s.off(); break;
    case 2: at += s.limit(); break;
    default: return {{0}, {retained(whenceError())}};
  }
  if (at < s.base()) return {{0}, {retained(offsetError())}};
  s.off() = at;
  return {{at - s.base()}, {}};
}

std::tuple<int64_t, GoError> sectionReadAt(SectionPtr s, Bytes p, Int64 off) {
  if (off.v < 0 || off.v >= s.limit() - s.base()) return {0, {retained(io::eof())}};
  int64_t at = off.v + s.base();
  int64_t max = s.limit() - at;
  if (sliceLen(p.slice) > max) {
    io::IoResult res = readAtMost(s.r(), p.slice, max, at);
    if (!res.err.p) res.err = retained(io::eof());
    return {res.n, {res.err}};
  }
  io::IoResult res = io::readAt(s.r(), p.slice, at);
  return {res.n, {res.err}};
}

Int64 sectionSize(SectionPtr s) {
  return {s.limit() - s.base()};
}

std::tuple<ReaderAt, Int64, Int64> sectionOuter(SectionPtr s) {
  return {{retained(s.r())}, {s.base()}, {s.n()}};
}

const check::Named* sectionReaderType() {
  static check::Named* t = [] {
    const check::Type* i64 = check::basicType(check::BasicKind::Int64);
    auto* st = new check::Struct;
    st->fields = {{"r", io::readerAtType(), false, ""},
                  {"base", i64, false, ""},
                  {"off", i64, false, ""},
                  {"limit", i64, false, ""},
                  {"n", i64, false, ""}};
    check::Named* n = nativeNamed("io", "SectionReader", st);
    bindMethod<&sectionOuter>(n, "Outer");
    bindMethod<&sectionRead>(n, "Read");
    bindMethod<&sectionReadAt>(n, "ReadAt");
    bindMethod<&sectionSeek>(n, "Seek");
    bindMethod<&sectionSize>(n, "Size");
    return n;
  }();
  return t;
}

SectionPtr newSectionReader(ReaderAt r, Int64 off, Int64 n) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  StructObject* o =
      StructObject::make(static_cast<const check::Struct*>(sectionReaderType()->underlying));
  o->fields[kR] = retained(r.v);
  o->fields[kBase].i = off.v;
  o->fields[kOff].i = off.v;
  // Go's int64 arithmetic wraps; C++'s must not overflow, so wrap through uint64_t.
  auto wrap = [](uint64_t x) { return static_cast<int64_t>(x); };
  uint64_t uoff = static_cast<uint64_t>(off.v), un = static_cast<uint64_t>(n.v);
  o->fields[kLimit].i = off.v <= wrap(static_cast<uint64_t>(kMax) - un) ? wrap(uoff + un) : kMax;
  o->fields[kN].i = n.v;
  return {o};
}

}  // namespace

void io::registerSectionMembers(Packages& p, check::Package& pkg) {
  p.addType(pkg, "SectionReader", sectionReaderType());
  bind<&newSectionReader>(p, pkg, "NewSectionReader");
}

}  // namespace gol::stdlib
