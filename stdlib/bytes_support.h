// What strings, bytes and their Readers share beyond strings.h: []byte values as the
// natives see them, and Go function arguments of type func(rune) bool and func(rune) rune.
//
// A []byte is a SliceObject whose elements are Values holding one byte each; the nil slice
// is the null pointer. Functions that Go documents as returning subslices of their argument
// (bytes.TrimSpace, Split, Fields, Cut, Buffer.Bytes) return headers over the argument's
// array made by subslice(), so writes through either are seen by both, as in Go.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/bind.h"
#include "stdlib/format.h"
#include "stdlib/support.h"

namespace gol::stdlib {

inline const check::Type* byteSliceType() {
  return check::sliceOf(check::basicType(check::BasicKind::Uint8));
}

inline int64_t sliceLen(values::Value s) {
  values::SliceObject* o = values::asSlice(s);
  return o ? o->len() : 0;
}
inline int64_t sliceCap(values::Value s) {
  values::SliceObject* o = values::asSlice(s);
  return o ? o->cap() : 0;
}

// s[i:j:k] as Go slices it (the caller checks the bounds): a header over s's array, or
// nil when s is nil. The caller owns the result.
inline values::Value subslice(values::Value s, int64_t i, int64_t j, int64_t k) {
  values::SliceObject* o = values::asSlice(s);
  if (!o) return values::Value{};
  return values::Value{.p = values::SliceObject::make(o->array(), o->base() + i, j - i, k - i)};
}
// s[i:j]
inline values::Value subslice(values::Value s, int64_t i, int64_t j) {
  return subslice(s, i, j, sliceCap(s));
}

// A new []byte of len zero bytes with room for cap (cap >= len).
inline values::Value makeBytes(int64_t len, int64_t cap) {
  return values::Value{.p = values::makeSlice(len, cap, false)};
}

// Copies data into s's elements from index `at` on (the caller checks the room).
inline void storeBytes(values::Value s, int64_t at, std::string_view data) {
  values::Value* base = values::asSlice(s)->base() + at;
  for (size_t k = 0; k < data.size(); ++k) base[k].u = static_cast<unsigned char>(data[k]);
}

// Elements [i, j) of s as bytes.
inline std::string loadBytes(values::Value s, int64_t i, int64_t j) {
  std::string out(static_cast<size_t>(j - i), '\0');
  values::Value* base = i < j ? values::asSlice(s)->base() : nullptr;
  for (int64_t k = i; k < j; ++k) out[static_cast<size_t>(k - i)] = static_cast<char>(base[k].u);
  return out;
}

// append([]byte(nil), data...): nil when data is empty, else a new slice of exactly that
// many bytes.
inline values::Value bytesOrNil(std::string_view data) {
  if (data.empty()) return values::Value{};
  return newBytes(data).slice;
}

// Go's allocator size classes up to 32 KiB (runtime/sizeclasses.go): the capacity append
// gives a new []byte, and []byte(s) of a non-constant s, is the size rounded up to them.
inline int64_t roundUpSize(int64_t size) {
  static constexpr uint32_t kSizeClasses[] = {
      0,     8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,
      160,   176,   192,   208,   224,   240,   256,   288,   320,   352,   384,   416,
      448,   480,   512,   576,   640,   704,   768,   896,   1024,  1152,  1280,  1408,
      1536,  1792,  2048,  2304,  2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,
      6528,  6784,  6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384,
      18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};
  if (size <= 32768) {
    for (uint32_t c : kSizeClasses) {
      if (static_cast<int64_t>(c) >= size) return c;
    }
  }
  constexpr int64_t kPage = 8192;
  return (size + kPage - 1) & ~(kPage - 1);
}

// append(s, data...) as Go's runtime does it for []byte (the caller owns the result): in
// place when the capacity allows, the result then sharing s's array; else a new array of
// the capacity Go 1.19's growslice gives.
inline values::Value appendBytes(values::Value s, std::string_view data) {
  int64_t len = sliceLen(s);
  int64_t cap = sliceCap(s);
  auto n = static_cast<int64_t>(data.size());
  if (n == 0) {
    values::retainRef(s);
    return s;
  }
  if (len + n <= cap) {
    values::Value r = subslice(s, 0, len + n);
    storeBytes(r, len, data);
    return r;
  }
  int64_t newLen = len + n;
  int64_t newCap = cap;
  if (newLen > cap + cap) {
    newCap = newLen;
  } else if (cap < 256) {
    newCap = cap + cap;
  } else {
    while (newCap < newLen) newCap += (newCap + 3 * 256) / 4;
  }
  values::Value r = makeBytes(newLen, roundUpSize(newCap));
  values::Value* to = values::asSlice(r)->base();
  if (len > 0) {
    const values::Value* from = values::asSlice(s)->base();
    for (int64_t k = 0; k < len; ++k) to[k].u = from[k].u;
  }
  storeBytes(r, len, data);
  return r;
}

// A [][]byte result: the slices (owned) become its elements.
struct ByteSlices {
  std::vector<values::Value> parts;
};

template <>
struct GoType<ByteSlices> {
  static const check::Type* type() { return check::sliceOf(byteSliceType()); }
  static ByteSlices arg(const values::AnyValue& a) {
    ByteSlices out;
    if (values::SliceObject* s = values::asSlice(a.value)) {
      for (int64_t k = 0; k < s->len(); ++k) out.parts.push_back(s->base()[k]);
    }
    return out;
  }
  static values::Value result(const ByteSlices& b) {
    auto n = static_cast<int64_t>(b.parts.size());
    values::SliceObject* out = values::makeSlice(n, n, true);
    for (int64_t k = 0; k < n; ++k) out->base()[k] = b.parts[static_cast<size_t>(k)];
    return values::Value{.p = out};
  }
};

// A []rune result.
struct Runes {
  std::vector<int32_t> runes;
};

template <>
struct GoType<Runes> {
  static const check::Type* type() {
    return check::sliceOf(check::basicType(check::BasicKind::Int32));
  }
  static values::Value result(const Runes& r) {
    auto n = static_cast<int64_t>(r.runes.size());
    values::SliceObject* out = values::makeSlice(n, n, false);
    for (int64_t k = 0; k < n; ++k) out->base()[k].i = r.runes[static_cast<size_t>(k)];
    return values::Value{.p = out};
  }
};

// A func(rune) bool argument (borrowed); calling it runs the Gol function, which may panic.
struct RunePredicate {
  values::Value fn{};
  bool operator()(int32_t r) const {
    values::Value arg = values::intValue(r);
    values::Value out[1]{};
    fmt::funcCaller(fn, std::span<const values::Value>(&arg, 1), out);
    return out[0].i != 0;
  }
};

template <>
struct GoType<RunePredicate> {
  static const check::Type* type() {
    static const check::Signature* s = nativeSignature({check::basicType(check::BasicKind::Int32)},
                                                       {check::basicType(check::BasicKind::Bool)});
    return s;
  }
  static RunePredicate arg(const values::AnyValue& a) { return {a.value}; }
};

// A func(rune) rune argument (borrowed), as strings.Map and bytes.Map take.
struct RuneMapping {
  values::Value fn{};
  int32_t operator()(int32_t r) const {
    values::Value arg = values::intValue(r);
    values::Value out[1]{};
    fmt::funcCaller(fn, std::span<const values::Value>(&arg, 1), out);
    return static_cast<int32_t>(out[0].i);
  }
};

template <>
struct GoType<RuneMapping> {
  static const check::Type* type() {
    static const check::Signature* s = nativeSignature({check::basicType(check::BasicKind::Int32)},
                                                       {check::basicType(check::BasicKind::Int32)});
    return s;
  }
  static RuneMapping arg(const values::AnyValue& a) { return {a.value}; }
};

// bytes.Buffer (bytes_buffer.cpp) and bytes.Reader (strings_reader.cpp), declared into
// package bytes by registerBytes.
void registerBytesBuffer(Packages& p, check::Package& pkg);
void registerBytesReader(Packages& p, check::Package& pkg);
// strings.Reader (strings_reader.cpp) and strings.Replacer (strings_replacer.cpp).
void registerStringsReader(Packages& p, check::Package& pkg);
void registerStringsReplacer(Packages& p, check::Package& pkg);

}  // namespace gol::stdlib
