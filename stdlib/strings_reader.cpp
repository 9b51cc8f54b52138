// strings.Reader and bytes.Reader: io.Reader, ReaderAt, ByteScanner, RuneScanner, Seeker
// and WriterTo over an in-memory string or []byte, ports of Go 1.19's reader.go files;
// and strings.Replacer, which writes through io.WriteString as strings.Reader does.
//
// Both Readers are the native struct {s, i int64, prevRune int} of Go, s being a string or
// a []byte; one template serves both, its Source saying how s is read and how the package
// words its errors. A Reader never writes s: a bytes.Reader sees later writes to the
// slice it was given, as Go's does.
//
// A Replacer is the native struct {oldnew []string}. Its algorithm is Go's generic one,
// whose results every specialised Go replacer shares: scanning s byte by byte, at each
// position the first pair in argument order whose old string is a prefix there wins; an
// empty old string matches at every position except right after its own match.
#include <algorithm>
#include <string>
#include <vector>

#include "interpreter/check/lookup.h"
#include "stdlib/bind.h"
#include "stdlib/bytes_support.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/io.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

enum ReaderField { kS, kI, kPrevRune };

// strings.Reader's s.
struct StringSource {
  static constexpr const char* pkg = "strings";
  static constexpr const char* what = "string";
  static const check::Type* type() { return check::basicType(check::BasicKind::String); }
  static int64_t size(Value s) { return static_cast<int64_t>(values::stringView(s).size()); }
  static std::string bytes(Value s, int64_t i, int64_t j) {
    return std::string(
        values::stringView(s).substr(static_cast<size_t>(i), static_cast<size_t>(j - i)));
  }
  static uint8_t at(Value s, int64_t i) {
    return static_cast<uint8_t>(values::stringView(s)[static_cast<size_t>(i)]);
  }
};

// bytes.Reader's s.
struct BytesSource {
  static constexpr const char* pkg = "bytes";
  static constexpr const char* what = "slice";
  static const check::Type* type() { return byteSliceType(); }
  static int64_t size(Value s) { return sliceLen(s); }
  static std::string bytes(Value s, int64_t i, int64_t j) { return loadBytes(s, i, j); }
  static uint8_t at(Value s, int64_t i) {
    return static_cast<uint8_t>(values::asSlice(s)->base()[i].u);
  }
};

template <typename Src>
const check::Named* readerType();

// The receiver of *Reader's methods (a nil *Reader panics).
template <typename Src>
struct ReaderPtr {
  StructObject* obj = nullptr;
};

// An argument of type S (the Reader's source type), borrowed.
template <typename Src>
struct SourceArg {
  Value v{};
};

}  // namespace

template <typename Src>
struct GoType<ReaderPtr<Src>> {
  static const check::Type* type() { return check::pointerTo(readerType<Src>()); }
  static ReaderPtr<Src> arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(ReaderPtr<Src> r) { return Value{.p = r.obj}; }
};
template <typename Src>
struct GoType<SourceArg<Src>> {
  static const check::Type* type() { return Src::type(); }
  static SourceArg<Src> arg(const AnyValue& a) { return {a.value}; }
};

namespace {

// errors.New("strings.Reader.<method>: <text>"), a new value each time as in Go.
template <typename Src>
GoError readerError(const char* method, const std::string& text) {
  return {errors::newError(std::string(Src::pkg) + ".Reader." + method + ": " + text)};
}

template <typename Src>
struct R {
  StructObject* o;
  Value s() const { return o->fields[kS]; }
  int64_t size() const { return Src::size(s()); }
  int64_t& i() const { return o->fields[kI].i; }
  int64_t& prevRune() const { return o->fields[kPrevRune].i; }
};

template <typename Src>
int64_t readerLen(ReaderPtr<Src> p) {
  R<Src> r{p.obj};
  return r.i() >= r.size() ? 0 : r.size() - r.i();
}

template <typename Src>
Int64 readerSize(ReaderPtr<Src> p) {
  return {R<Src>{p.obj}.size()};
}

template <typename Src>
std::tuple<int64_t, GoError> readerRead(ReaderPtr<Src> p, Bytes b) {
  R<Src> r{p.obj};
  if (r.i() >= r.size()) return {0, {retained(io::eof())}};
  r.prevRune() = -1;
  int64_t n = std::min(sliceLen(b.slice), r.size() - r.i());
  if (n > 0) storeBytes(b.slice, 0, Src::bytes(r.s(), r.i(), r.i() + n));
  r.i() += n;
  return {n, {}};
}

template <typename Src>
std::tuple<int64_t, GoError> readerReadAt(ReaderPtr<Src> p, Bytes b, Int64 off) {
  R<Src> r{p.obj};
  if (off.v < 0) return {0, readerError<Src>("ReadAt", "negative offset")};
  if (off.v >= r.size()) return {0, {retained(io::eof())}};
  int64_t want = sliceLen(b.slice);
  int64_t n = std::min(want, r.size() - off.v);
  if (n > 0) storeBytes(b.slice, 0, Src::bytes(r.s(), off.v, off.v + n));
  if (n < want) return {n, {retained(io::eof())}};
  return {n, {}};
}

template <typename Src>
std::tuple<uint8_t, GoError> readerReadByte(ReaderPtr<Src> p) {
  R<Src> r{p.obj};
  r.prevRune() = -1;
  if (r.i() >= r.size()) return {0, {retained(io::eof())}};
  uint8_t c = Src::at(r.s(), r.i());
  r.i()++;
  return {c, {}};
}

template <typename Src>
GoError readerUnreadByte(ReaderPtr<Src> p) {
  R<Src> r{p.obj};
  if (r.i() <= 0) {
    return readerError<Src>("UnreadByte", std::string("at beginning of ") + Src::what);
  }
  r.prevRune() = -1;
  r.i()--;
  return {};
}

template <typename Src>
std::tuple<int32_t, int64_t, GoError> readerReadRune(ReaderPtr<Src> p) {
  R<Src> r{p.obj};
  if (r.i() >= r.size()) {
    r.prevRune() = -1;
    return {0, 0, {retained(io::eof())}};
  }
  r.prevRune() = r.i();
  uint8_t c = Src::at(r.s(), r.i());
  if (c < utf8::RuneSelf) {
    r.i()++;
    return {c, 1, {}};
  }
  auto d =
      utf8::decodeRune(Src::bytes(r.s(), r.i(), std::min<int64_t>(r.size(), r.i() + utf8::UTFMax)));
  r.i() += d.size;
  return {d.rune, d.size, {}};
}

template <typename Src>
GoError readerUnreadRune(ReaderPtr<Src> p) {
  R<Src> r{p.obj};
  if (r.i() <= 0) {
    return readerError<Src>("UnreadRune", std::string("at beginning of ") + Src::what);
  }
  if (r.prevRune() < 0) {
    return readerError<Src>("UnreadRune", "previous operation was not ReadRune");
  }
  r.i() = r.prevRune();
  r.prevRune() = -1;
  return {};
}

template <typename Src>
std::tuple<Int64, GoError> readerSeek(ReaderPtr<Src> p, Int64 offset, int64_t whence) {
  R<Src> r{p.obj};
  r.prevRune() = -1;
  int64_t abs;
  switch (whence) {
    case 0: abs = offset.v; break;
    case 1: abs = r.i() + offset.v; break;
    case 2: abs = r.size() + offset.v; break;
    default: return {{0}, readerError<Src>("Seek", "invalid whence")};
  }
  if (abs < 0) return {{0}, readerError<Src>("Seek", "negative position")};
  r.i() = abs;
  return {{abs}, {}};
}

using io::writeString;

// strings.Reader writes with io.WriteString, bytes.Reader with Write.
template <typename Src>
std::tuple<Int64, GoError> readerWriteTo(ReaderPtr<Src> p, IfaceOf<&io::writerType> w) {
  R<Src> r{p.obj};
  r.prevRune() = -1;
  if (r.i() >= r.size()) return {{0}, {}};
  std::string rest = Src::bytes(r.s(), r.i(), r.size());
  constexpr bool isStrings = std::is_same_v<Src, StringSource>;
  io::IoResult res = isStrings ? writeString(w.v, rest) : io::writeAll(w.v, rest);
  if (res.n > static_cast<int64_t>(rest.size())) {
    values::releaseRef(res.err);
    panicString(isStrings ? "strings.Reader.WriteTo: invalid WriteString count"
                          : "bytes.Reader.WriteTo: invalid Write count");
  }
  r.i() += res.n;
  if (res.n != static_cast<int64_t>(rest.size()) && !res.err.p) {
    res.err = retained(io::errShortWrite());
  }
  return {{res.n}, {res.err}};
}

// *r = Reader{s, 0, -1}
template <typename Src>
void readerReset(ReaderPtr<Src> p, SourceArg<Src> s) {
  values::retainRef(s.v);
  values::storeRef(&p.obj->fields[kS], s.v);
  p.obj->fields[kI].i = 0;
  p.obj->fields[kPrevRune].i = -1;
}

template <typename Src>
ReaderPtr<Src> newReader(SourceArg<Src> s) {
  StructObject* o =
      StructObject::make(static_cast<const check::Struct*>(readerType<Src>()->underlying));
  o->fields[kS] = retained(s.v);
  o->fields[kPrevRune].i = -1;
  return {o};
}

template <typename Src>
const check::Named* readerType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"s", Src::type(), false, ""},
                  {"i", check::basicType(check::BasicKind::Int64), false, ""},
                  {"prevRune", check::basicType(check::BasicKind::Int), false, ""}};
    check::Named* n = nativeNamed(Src::pkg, "Reader", st);
    bindMethod<&readerLen<Src>>(n, "Len");
    bindMethod<&readerRead<Src>>(n, "Read");
    bindMethod<&readerReadAt<Src>>(n, "ReadAt");
    bindMethod<&readerReadByte<Src>>(n, "ReadByte");
    bindMethod<&readerReadRune<Src>>(n, "ReadRune");
    bindMethod<&readerReset<Src>>(n, "Reset");
    bindMethod<&readerSeek<Src>>(n, "Seek");
    bindMethod<&readerSize<Src>>(n, "Size");
    bindMethod<&readerUnreadByte<Src>>(n, "UnreadByte");
    bindMethod<&readerUnreadRune<Src>>(n, "UnreadRune");
    bindMethod<&readerWriteTo<Src>>(n, "WriteTo");
    return n;
  }();
  return t;
}

// ---- strings.Replacer -------------------------------------------------------------------

const check::Named* replacerType();

struct ReplacerPtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<ReplacerPtr> {
  static const check::Type* type() { return check::pointerTo(replacerType()); }
  static ReplacerPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(ReplacerPtr r) { return Value{.p = r.obj}; }
};

namespace {

std::string replaceAll(ReplacerPtr r, std::string_view s) {
  std::vector<std::string_view> oldnew =
      GoType<std::vector<std::string_view>>::arg(AnyValue{nullptr, r.obj->fields[0]});
  bool startsAny[256] = {};  // whether some old string starts with the byte
  bool hasEmpty = false;
  for (size_t k = 0; k < oldnew.size(); k += 2) {
    if (oldnew[k].empty()) {
      hasEmpty = true;
    } else {
      startsAny[static_cast<uint8_t>(oldnew[k][0])] = true;
    }
  }
  std::string out;
  size_t last = 0;
  bool prevMatchEmpty = false;
  for (size_t i = 0; i <= s.size();) {
    if (i != s.size() && !hasEmpty && !startsAny[static_cast<uint8_t>(s[i])]) {
      ++i;
      continue;
    }
    std::string_view rest = s.substr(i);
    size_t match = oldnew.size();
    for (size_t k = 0; k < oldnew.size(); k += 2) {
      if (oldnew[k].empty() && prevMatchEmpty) continue;
      if (rest.substr(0, oldnew[k].size()) == oldnew[k]) {
        match = k;
        break;
      }
    }
    prevMatchEmpty = match < oldnew.size() && oldnew[match].empty();
    if (match < oldnew.size()) {
      out += s.substr(last, i - last);
      out += oldnew[match + 1];
      i += oldnew[match].size();
      last = i;
      continue;
    }
    ++i;
  }
  if (last < s.size()) out += s.substr(last);
  return out;
}

std::tuple<int64_t, GoError> replacerWriteString(ReplacerPtr r, IfaceOf<&io::writerType> w,
                                                 std::string_view s) {
  io::IoResult res = writeString(w.v, replaceAll(r, s));
  return {res.n, {res.err}};
}

const check::Named* replacerType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"oldnew", GoType<std::vector<std::string_view>>::type(), false, ""}};
    check::Named* n = nativeNamed("strings", "Replacer", st);
    bindMethod<&replaceAll>(n, "Replace");
    bindMethod<&replacerWriteString>(n, "WriteString");
    return n;
  }();
  return t;
}

ReplacerPtr newReplacer(Variadic<std::string_view> oldnew) {
  if (oldnew.size() % 2 == 1) panicString("strings.NewReplacer: odd argument count");
  std::vector<std::string_view> pairs;
  for (size_t k = 0; k < oldnew.size(); ++k) pairs.push_back(oldnew[k]);
  StructObject* o =
      StructObject::make(static_cast<const check::Struct*>(replacerType()->underlying));
  o->fields[0] = GoType<std::vector<std::string_view>>::result(pairs);
  return {o};
}

template <typename Src>
void registerReader(Packages& p, check::Package& pkg) {
  p.addType(pkg, "Reader", readerType<Src>());
  bind<&newReader<Src>>(p, pkg, "NewReader");
}

}  // namespace

void registerStringsReader(Packages& p, check::Package& pkg) {
  registerReader<StringSource>(p, pkg);
}

void registerBytesReader(Packages& p, check::Package& pkg) {
  registerReader<BytesSource>(p, pkg);
}

void registerStringsReplacer(Packages& p, check::Package& pkg) {
  p.addType(pkg, "Replacer", replacerType());
  bind<&newReplacer>(p, pkg, "NewReplacer");
}

}  // namespace gol::stdlib
