// encoding/binary: ByteOrder, AppendByteOrder, LittleEndian, BigEndian and the varint
// functions, each as Go 1.19's binary.go and varint.go (the same bounds checks, panics
// and append growth). Native, not Gol source, because a package written in Gol cannot
// declare package-level variables (LittleEndian, BigEndian). Read, Write and Size need
// reflect and are absent, as are ReadUvarint and ReadVarint.
#include <string>
#include <tuple>

#include "stdlib/bind.h"
#include "stdlib/bytes_support.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

// Go's `_ = b[i]` bounds-check hint: the panic comes before any byte is read or written.
void checkIndex(Bytes b, int64_t i) {
  if (int64_t len = sliceLen(b.slice); i >= len) indexPanic(i, len);
}

uint64_t load(Bytes b, int n, bool big) {
  checkIndex(b, n - 1);
  const Value* p = values::asSlice(b.slice)->base();
  uint64_t v = 0;
  for (int k = 0; k < n; ++k) {
    uint64_t byte = p[big ? k : n - 1 - k].u & 0xFF;
    v = (v << 8) | byte;
  }
  return v;
}

std::string encode(uint64_t v, int n, bool big) {
  std::string out(static_cast<size_t>(n), '\0');
  for (int k = 0; k < n; ++k)
    out[static_cast<size_t>(big ? n - 1 - k : k)] = static_cast<char>(v >> (8 * k));
  return out;
}

void store(Bytes b, uint64_t v, int n, bool big) {
  checkIndex(b, n - 1);
  storeBytes(b.slice, 0, encode(v, n, big));
}

// The methods of littleEndian (Big false) and bigEndian (Big true); the receiver, an
// empty struct, is unused.
template <bool Big>
struct Order {
  static uint16_t uint16(AnyValue, Bytes b) { return static_cast<uint16_t>(load(b, 2, Big)); }
  static uint32_t uint32(AnyValue, Bytes b) { return static_cast<uint32_t>(load(b, 4, Big)); }
  static uint64_t uint64(AnyValue, Bytes b) { return load(b, 8, Big); }
  static void putUint16(AnyValue, Bytes b, uint16_t v) { store(b, v, 2, Big); }
  static void putUint32(AnyValue, Bytes b, uint32_t v) { store(b, v, 4, Big); }
  static void putUint64(AnyValue, Bytes b, uint64_t v) { store(b, v, 8, Big); }
  // One append of all the bytes, as Go's.
  static Bytes appendUint16(AnyValue, Bytes b, uint16_t v) {
    return {appendBytes(b.slice, encode(v, 2, Big))};
  }
  static Bytes appendUint32(AnyValue, Bytes b, uint32_t v) {
    return {appendBytes(b.slice, encode(v, 4, Big))};
  }
  static Bytes appendUint64(AnyValue, Bytes b, uint64_t v) {
    return {appendBytes(b.slice, encode(v, 8, Big))};
  }
  static std::string string(AnyValue) { return Big ? "BigEndian" : "LittleEndian"; }
  static std::string goString(AnyValue) { return Big ? "binary.BigEndian" : "binary.LittleEndian"; }
};

template <bool Big>
check::Named* orderType() {
  static check::Named* t = [] {
    check::Named* n = nativeNamed("binary", Big ? "bigEndian" : "littleEndian", new check::Struct);
    using O = Order<Big>;
    bindMethod<&O::uint16>(n, "Uint16", false);
    bindMethod<&O::uint32>(n, "Uint32", false);
    bindMethod<&O::uint64>(n, "Uint64", false);
    bindMethod<&O::putUint16>(n, "PutUint16", false);
    bindMethod<&O::putUint32>(n, "PutUint32", false);
    bindMethod<&O::putUint64>(n, "PutUint64", false);
    bindMethod<&O::appendUint16>(n, "AppendUint16", false);
    bindMethod<&O::appendUint32>(n, "AppendUint32", false);
    bindMethod<&O::appendUint64>(n, "AppendUint64", false);
    bindMethod<&O::string>(n, "String", false);
    bindMethod<&O::goString>(n, "GoString", false);
    return n;
  }();
  return t;
}

template <bool Big>
Value& orderCell() {
  static Value* cell = new Value{.p = values::StructObject::make(static_cast<const check::Struct*>(
                                     orderType<Big>()->underlying))};
  return *cell;
}

check::Named* byteOrderType() {
  static check::Named* t = [] {
    const check::Type* bytes = byteSliceType();
    auto* iface = new check::Interface;
    // In the order of their names, as the checker keeps an interface's methods.
    for (auto [name, kind] : {std::pair{"PutUint16", check::BasicKind::Uint16},
                              {"PutUint32", check::BasicKind::Uint32},
                              {"PutUint64", check::BasicKind::Uint64}}) {
      iface->methods.push_back(
          check::Method{name, nativeSignature({bytes, check::basicType(kind)}, {})});
    }
    iface->methods.push_back(
        check::Method{"String", nativeSignature({}, {check::basicType(check::BasicKind::String)})});
    for (auto [name, kind] : {std::pair{"Uint16", check::BasicKind::Uint16},
                              {"Uint32", check::BasicKind::Uint32},
                              {"Uint64", check::BasicKind::Uint64}}) {
      iface->methods.push_back(
          check::Method{name, nativeSignature({bytes}, {check::basicType(kind)})});
    }
    return nativeNamed("binary", "ByteOrder", iface);
  }();
  return t;
}

check::Named* appendByteOrderType() {
  static check::Named* t = [] {
    const check::Type* bytes = byteSliceType();
    auto* iface = new check::Interface;
    for (auto [name, kind] : {std::pair{"AppendUint16", check::BasicKind::Uint16},
                              {"AppendUint32", check::BasicKind::Uint32},
                              {"AppendUint64", check::BasicKind::Uint64}}) {
      iface->methods.push_back(
          check::Method{name, nativeSignature({bytes, check::basicType(kind)}, {bytes})});
    }
    iface->methods.push_back(
        check::Method{"String", nativeSignature({}, {check::basicType(check::BasicKind::String)})});
    return nativeNamed("binary", "AppendByteOrder", iface);
  }();
  return t;
}

constexpr int64_t kMaxVarintLen64 = 10;

// Go appends one byte at a time, so the capacity grows as those appends grow it.
Bytes appendUvarint(Bytes buf, uint64_t x) {
  Value b = buf.slice;
  values::retainRef(b);
  for (;;) {
    char byte = static_cast<char>(x >= 0x80 ? (x | 0x80) : x);
    Value next = appendBytes(b, std::string_view(&byte, 1));
    values::releaseRef(b);
    b = next;
    if (x < 0x80) return {b};
    x >>= 7;
  }
}

// Go writes byte after byte: a short buf panics at the first index past it, after the
// bytes before it are written.
int64_t putUvarint(Bytes buf, uint64_t x) {
  int64_t i = 0;
  for (;;) {
    checkIndex(buf, i);
    uint64_t byte = x >= 0x80 ? ((x & 0xFF) | 0x80) : x;
    values::asSlice(buf.slice)->base()[i].u = byte & 0xFF;
    ++i;
    if (x < 0x80) return i;
    x >>= 7;
  }
}

std::tuple<uint64_t, int64_t> uvarint(Bytes buf) {
  uint64_t x = 0;
  unsigned s = 0;
  int64_t n = sliceLen(buf.slice);
  const Value* p = n > 0 ? values::asSlice(buf.slice)->base() : nullptr;
  for (int64_t i = 0; i < n; ++i) {
    if (i == kMaxVarintLen64) return {0, -(i + 1)};  // overflow
    uint64_t b = p[i].u & 0xFF;
    if (b < 0x80) {
      if (i == kMaxVarintLen64 - 1 && b > 1) return {0, -(i + 1)};  // overflow
      return {x | b << s, i + 1};
    }
    x |= (b & 0x7f) << s;
    s += 7;
  }
  return {0, 0};
}

// Zig-zag: non-negative x as 2x, negative as 2(^x)+1.
uint64_t zigzag(Int64 x) {
  auto ux = static_cast<uint64_t>(x.v) << 1;
  return x.v < 0 ? ~ux : ux;
}
Int64 unzigzag(uint64_t ux) {
  auto x = static_cast<int64_t>(ux >> 1);
  return {(ux & 1) != 0 ? ~x : x};
}

Bytes appendVarint(Bytes buf, Int64 x) {
  return appendUvarint(buf, zigzag(x));
}
int64_t putVarint(Bytes buf, Int64 x) {
  return putUvarint(buf, zigzag(x));
}
std::tuple<Int64, int64_t> varint(Bytes buf) {
  auto [ux, n] = uvarint(buf);
  return {unzigzag(ux), n};
}

}  // namespace

void registerBinary(Packages& p) {
  check::Package& pkg = p.package("encoding/binary", "binary");
  const check::Type* untypedInt = check::basicType(check::BasicKind::UntypedInt);
  p.addConstant(pkg, "MaxVarintLen16", untypedInt, check::ConstValue::ofInt64(3));
  p.addConstant(pkg, "MaxVarintLen32", untypedInt, check::ConstValue::ofInt64(5));
  p.addConstant(pkg, "MaxVarintLen64", untypedInt, check::ConstValue::ofInt64(kMaxVarintLen64));
  p.addType(pkg, "ByteOrder", byteOrderType());
  p.addType(pkg, "AppendByteOrder", appendByteOrderType());
  p.addVariable(pkg, "LittleEndian", orderType<false>(), &orderCell<false>());
  p.addVariable(pkg, "BigEndian", orderType<true>(), &orderCell<true>());
  bind<&appendUvarint>(p, pkg, "AppendUvarint");
  bind<&appendVarint>(p, pkg, "AppendVarint");
  bind<&putUvarint>(p, pkg, "PutUvarint");
  bind<&putVarint>(p, pkg, "PutVarint");
  bind<&uvarint>(p, pkg, "Uvarint");
  bind<&varint>(p, pkg, "Varint");
}

}  // namespace gol::stdlib
