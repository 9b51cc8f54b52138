// Package bytes' functions: every function of strings for []byte, plus Equal and Runes.
// (Buffer and Reader are in bytes_buffer.cpp and strings_reader.cpp.)
//
// The searching and rune-level algorithms are package strings' C++ (strings.h), run over a
// copy of the argument's bytes. Results that Go returns as subslices of the argument
// (TrimSpace, Trim*, Split*, Fields*, Cut*) are found as offsets into that copy and made
// into headers over the argument's own array (subslice), with Go's capacities: s[i:j]
// keeps the room after j, while Split's and Fields' pieces are full slice expressions
// s[i:j:j]. Where Go returns nil rather than an empty slice (TrimSpace of blanks, Trim of
// an empty slice, Cut's after when not found, SplitN with n == 0, Replace without a
// match of an empty slice), so does this: `x == nil` tells them apart in Go programs.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/bind.h"
#include "stdlib/bytes_support.h"
#include "stdlib/packages.h"
#include "stdlib/strings.h"
#include "stdlib/support.h"
#include "stdlib/unicode.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using values::Value;

// The bytes of a []byte argument.
std::string text(Bytes b) {
  return bytesText(b);
}

// s[i:j], s[i:j:j] and the nil slice, as results.
Bytes sub(Bytes s, int64_t i, int64_t j) {
  return {subslice(s.slice, i, j)};
}
Bytes full(Bytes s, int64_t i, int64_t j) {
  return {subslice(s.slice, i, j, j)};
}
Bytes nilBytes() {
  return {};
}

// The offset of a view into t (a view strings' functions returned).
int64_t offsetIn(const std::string& t, std::string_view v) {
  return static_cast<int64_t>(v.data() - t.data());
}
// The view v of t as the subslice s[begin:end] of the argument t was copied from.
Bytes subOf(Bytes s, const std::string& t, std::string_view v) {
  int64_t i = offsetIn(t, v);
  return sub(s, i, i + static_cast<int64_t>(v.size()));
}

// Decodes the rune at t[i] as Go's loops over []byte do.
utf8::Decoded runeAt(std::string_view t, size_t i) {
  auto c = static_cast<uint8_t>(t[i]);
  if (c < utf8::RuneSelf) return {c, 1};
  return utf8::decodeRune(t.substr(i));
}

// ---- comparison and search ------------------------------------------------------------

bool equal(Bytes a, Bytes b) {
  return text(a) == text(b);
}
int64_t compare(Bytes a, Bytes b) {
  return strings::compare(text(a), text(b));
}
bool equalFold(Bytes a, Bytes b) {
  return strings::equalFold(text(a), text(b));
}
bool hasPrefix(Bytes s, Bytes prefix) {
  return strings::hasPrefix(text(s), text(prefix));
}
bool hasSuffix(Bytes s, Bytes suffix) {
  return strings::hasSuffix(text(s), text(suffix));
}
bool contains(Bytes s, Bytes sub) {
  return strings::contains(text(s), text(sub));
}
bool containsAny(Bytes s, std::string_view chars) {
  return strings::containsAny(text(s), chars);
}
bool containsRune(Bytes s, int32_t r) {
  return strings::containsRune(text(s), r);
}
bool containsFunc(Bytes s, RunePredicate f) {
  return strings::indexFunc(text(s), f) >= 0;
}
int64_t count(Bytes s, Bytes sep) {
  return strings::count(text(s), text(sep));
}
int64_t index(Bytes s, Bytes sep) {
  return strings::index(text(s), text(sep));
}
int64_t indexByte(Bytes s, uint8_t c) {
  return strings::indexByte(text(s), c);
}
int64_t indexRune(Bytes s, int32_t r) {
  return strings::indexRune(text(s), r);
}
int64_t indexAny(Bytes s, std::string_view chars) {
  return strings::indexAny(text(s), chars);
}
int64_t indexFunc(Bytes s, RunePredicate f) {
  return strings::indexFunc(text(s), f);
}
int64_t lastIndex(Bytes s, Bytes sep) {
  return strings::lastIndex(text(s), text(sep));
}
int64_t lastIndexByte(Bytes s, uint8_t c) {
  return strings::lastIndexByte(text(s), c);
}
int64_t lastIndexAny(Bytes s, std::string_view chars) {
  return strings::lastIndexAny(text(s), chars);
}
int64_t lastIndexFunc(Bytes s, RunePredicate f) {
  return strings::lastIndexFunc(text(s), f);
}

// ---- new slices ---------------------------------------------------------------------------

// A new non-nil []byte holding data (Go's make([]byte, n) then copies), with room for cap.
Bytes made(std::string_view data, int64_t cap = -1) {
  auto n = static_cast<int64_t>(data.size());
  Value b = makeBytes(n, std::max(n, cap));
  storeBytes(b, 0, data);
  return {b};
}

// append([]byte(nil), data...) or append([]byte(""), data...): the allocator rounds the
// capacity up to its size class.
Bytes appended(std::string_view data, bool nilWhenEmpty) {
  if (data.empty()) return nilWhenEmpty ? nilBytes() : made("");
  return made(data, roundUpSize(static_cast<int64_t>(data.size())));
}

// Go's Map over []byte: its output starts with room for len(s) bytes and grows to
// 2*room+UTFMax whenever a rune does not fit; out is what it wrote.
Bytes mapped(size_t inputLen, const std::string& out) {
  auto room = static_cast<int64_t>(inputLen);
  int64_t n = 0;
  for (size_t i = 0; i < out.size();) {
    int64_t w = utf8::decodeRune(std::string_view(out).substr(i)).size;
    if (n + w > room) room = room * 2 + utf8::UTFMax;
    n += w;
    i += static_cast<size_t>(w);
  }
  return made(out, room);
}

Bytes clone(Bytes b) {
  if (!b.slice.p) return nilBytes();
  return made(text(b));
}

Bytes repeat(Bytes b, int64_t n) {
  if (n == 0) return made("");
  if (n < 0) panicString("bytes: negative Repeat count");
  std::string t = text(b);
  if (!t.empty() && static_cast<uint64_t>(n) > static_cast<uint64_t>(INT64_MAX) / t.size()) {
    panicString("bytes: Repeat count causes overflow");
  }
  return made(strings::repeat(t, n));
}

Bytes replace(Bytes s, Bytes old, Bytes with, int64_t n) {
  std::string t = text(s), o = text(old);
  int64_t m = n != 0 ? strings::count(t, o) : 0;
  if (m == 0) return appended(t, true);
  return made(strings::replace(t, o, text(with), n));
}
Bytes replaceAll(Bytes s, Bytes old, Bytes with) {
  return replace(s, old, with, -1);
}

// ToUpper and ToLower: ASCII input is copied (append([]byte(""), s...) when nothing
// changes, else a slice of len(s)), anything else goes through Map.
bool isASCII(std::string_view t) {
  for (char c : t) {
    if (static_cast<uint8_t>(c) >= utf8::RuneSelf) return false;
  }
  return true;
}
Bytes changeCase(Bytes s, std::string (*f)(std::string_view)) {
  std::string t = text(s);
  std::string out = f(t);
  if (!isASCII(t)) return mapped(t.size(), out);
  return out == t ? appended(out, false) : made(out);
}
Bytes toUpper(Bytes s) {
  return changeCase(s, strings::toUpper);
}
Bytes toLower(Bytes s) {
  return changeCase(s, strings::toLower);
}
Bytes toTitle(Bytes s) {
  std::string t = text(s);
  return mapped(t.size(), strings::toTitle(t));
}
Bytes title(Bytes s) {
  std::string t = text(s);
  return mapped(t.size(), strings::title(t));
}
// The output starts with room for len(s)+len(replacement); beyond that, the capacity is
// the length (Go's would be append's growth).
Bytes toValidUTF8(Bytes s, Bytes replacement) {
  std::string t = text(s), r = text(replacement);
  return made(strings::toValidUTF8(t, r), static_cast<int64_t>(t.size() + r.size()));
}
Bytes map(RuneMapping f, Bytes s) {
  std::string t = text(s);
  return mapped(t.size(), strings::map(f, t));
}

Runes runes(Bytes s) {
  std::string t = text(s);
  Runes out;
  for (size_t i = 0; i < t.size();) {
    auto d = utf8::decodeRune(std::string_view(t).substr(i));
    out.runes.push_back(d.rune);
    i += static_cast<size_t>(d.size);
  }
  return out;
}

Bytes join(ByteSlices s, Bytes sep) {
  if (s.parts.empty()) return made("");
  if (s.parts.size() == 1) return appended(bytesText({s.parts[0]}), true);
  std::string out, between = text(sep);
  for (size_t k = 0; k < s.parts.size(); ++k) {
    if (k > 0) out += between;
    out += bytesText({s.parts[k]});
  }
  return made(out);
}

// ---- subslices ----------------------------------------------------------------------------

Bytes trimPrefix(Bytes s, Bytes prefix) {
  std::string t = text(s), p = text(prefix);
  if (!strings::hasPrefix(t, p)) return sub(s, 0, static_cast<int64_t>(t.size()));
  return sub(s, static_cast<int64_t>(p.size()), static_cast<int64_t>(t.size()));
}
Bytes trimSuffix(Bytes s, Bytes suffix) {
  std::string t = text(s), x = text(suffix);
  auto n = static_cast<int64_t>(t.size());
  if (!strings::hasSuffix(t, x)) return sub(s, 0, n);
  return sub(s, 0, n - static_cast<int64_t>(x.size()));
}

// TrimLeft and Trim give nil when nothing is left, TrimRight s[:0].
Bytes trimLeft(Bytes s, std::string_view cutset) {
  std::string t = text(s);
  if (t.empty()) return nilBytes();
  if (cutset.empty()) return sub(s, 0, static_cast<int64_t>(t.size()));
  std::string_view v = strings::trimLeft(t, cutset);
  if (v.empty()) return nilBytes();
  return subOf(s, t, v);
}
Bytes trimRight(Bytes s, std::string_view cutset) {
  std::string t = text(s);
  return subOf(s, t, strings::trimRight(t, cutset));
}
Bytes trim(Bytes s, std::string_view cutset) {
  std::string t = text(s);
  if (t.empty()) return nilBytes();
  if (cutset.empty()) return sub(s, 0, static_cast<int64_t>(t.size()));
  std::string_view v = strings::trimLeft(strings::trimRight(t, cutset), cutset);
  if (v.empty()) return nilBytes();
  return subOf(s, t, v);
}

// TrimLeftFunc gives nil when every rune is trimmed; TrimRightFunc s[:0] (nil for nil).
Bytes trimLeftFunc(Bytes s, RunePredicate f) {
  std::string t = text(s);
  int64_t i = strings::indexFunc(t, f, false);
  if (i < 0) return nilBytes();
  return sub(s, i, static_cast<int64_t>(t.size()));
}
Bytes trimRightFunc(Bytes s, RunePredicate f) {
  std::string t = text(s);
  return subOf(s, t, strings::trimRightFunc(t, f));
}
Bytes trimFunc(Bytes s, RunePredicate f) {
  std::string t = text(s);
  int64_t i = strings::indexFunc(t, f, false);
  if (i < 0) return nilBytes();
  std::string_view rest = std::string_view(t).substr(static_cast<size_t>(i));
  return subOf(s, t, strings::trimRightFunc(rest, f));
}

Bytes trimSpace(Bytes s) {
  std::string t = text(s);
  std::string_view v = strings::trimFunc(t, unicode::isSpace);
  if (v.empty()) return nilBytes();
  return subOf(s, t, v);
}

std::tuple<Bytes, Bytes, bool> cut(Bytes s, Bytes sep) {
  std::string t = text(s), p = text(sep);
  int64_t i = strings::index(t, p);
  auto n = static_cast<int64_t>(t.size());
  if (i < 0) return {sub(s, 0, n), nilBytes(), false};
  return {sub(s, 0, i), sub(s, i + static_cast<int64_t>(p.size()), n), true};
}
std::tuple<Bytes, bool> cutPrefix(Bytes s, Bytes prefix) {
  std::string t = text(s), p = text(prefix);
  auto n = static_cast<int64_t>(t.size());
  if (!strings::hasPrefix(t, p)) return {sub(s, 0, n), false};
  return {sub(s, static_cast<int64_t>(p.size()), n), true};
}
std::tuple<Bytes, bool> cutSuffix(Bytes s, Bytes suffix) {
  std::string t = text(s), x = text(suffix);
  auto n = static_cast<int64_t>(t.size());
  if (!strings::hasSuffix(t, x)) return {sub(s, 0, n), false};
  return {sub(s, 0, n - static_cast<int64_t>(x.size())), true};
}

// A [][]byte of pieces [begin, end) of s; each piece but the last of a split (rest) is a
// full slice expression.
struct Piece {
  int64_t begin, end;
  bool rest;
};
ByteSlices piecesOf(Bytes s, const std::vector<Piece>& pieces) {
  ByteSlices out;
  out.parts.reserve(pieces.size());
  for (const Piece& p : pieces) {
    out.parts.push_back(p.rest ? sub(s, p.begin, p.end).slice : full(s, p.begin, p.end).slice);
  }
  return out;
}

// A [][]byte result that may be nil (genSplit with n == 0).
struct MaybeNilSlices {
  ByteSlices slices;
  bool nil = false;
};

}  // namespace

template <>
struct GoType<MaybeNilSlices> {
  static const check::Type* type() { return GoType<ByteSlices>::type(); }
  static Value result(const MaybeNilSlices& r) {
    if (r.nil) return Value{};
    return GoType<ByteSlices>::result(r.slices);
  }
};

namespace {

// Go's genSplit over []byte: splitting on an empty separator cuts s into its UTF-8
// sequences (an invalid byte each), the last piece holding the rest.
MaybeNilSlices genSplit(Bytes s, Bytes sepArg, bool after, int64_t n) {
  if (n == 0) return {{}, true};
  std::string t = text(s), sep = text(sepArg);
  auto len = static_cast<int64_t>(t.size());
  std::vector<Piece> pieces;
  if (sep.empty()) {
    if (n <= 0 || n > len) n = len;
    int64_t i = 0;
    while (i < len) {
      if (static_cast<int64_t>(pieces.size()) + 1 >= n) {
        pieces.push_back({i, len, true});
        break;
      }
      int64_t size = utf8::decodeRune(std::string_view(t).substr(static_cast<size_t>(i))).size;
      pieces.push_back({i, i + size, false});
      i += size;
    }
    return {piecesOf(s, pieces), false};
  }
  if (n < 0) n = strings::count(t, sep) + 1;
  if (n > len + 1) n = len + 1;
  auto keep = after ? static_cast<int64_t>(sep.size()) : 0;
  int64_t start = 0;
  while (static_cast<int64_t>(pieces.size()) < n - 1) {
    size_t m = std::string_view(t).find(sep, static_cast<size_t>(start));
    if (m == std::string_view::npos) break;
    auto mi = static_cast<int64_t>(m);
    pieces.push_back({start, mi + keep, false});
    start = mi + static_cast<int64_t>(sep.size());
  }
  pieces.push_back({start, len, true});
  return {piecesOf(s, pieces), false};
}

MaybeNilSlices split(Bytes s, Bytes sep) {
  return genSplit(s, sep, false, -1);
}
MaybeNilSlices splitN(Bytes s, Bytes sep, int64_t n) {
  return genSplit(s, sep, false, n);
}
MaybeNilSlices splitAfter(Bytes s, Bytes sep) {
  return genSplit(s, sep, true, -1);
}
MaybeNilSlices splitAfterN(Bytes s, Bytes sep, int64_t n) {
  return genSplit(s, sep, true, n);
}

// The fields, each s[i:j:j]; the predicate runs once per rune, in order, before any slice
// is made (so a panic in it leaks nothing).
ByteSlices fieldsWith(Bytes s, const strings::RuneTest& f) {
  std::string t = text(s);
  std::vector<Piece> pieces;
  for (std::string_view v : strings::fieldsFunc(t, f)) {
    int64_t i = offsetIn(t, v);
    pieces.push_back({i, i + static_cast<int64_t>(v.size()), false});
  }
  return piecesOf(s, pieces);
}
ByteSlices fields(Bytes s) {
  return fieldsWith(s, unicode::isSpace);
}
ByteSlices fieldsFunc(Bytes s, RunePredicate f) {
  return fieldsWith(s, f);
}

}  // namespace

void registerBytes(Packages& p) {
  check::Package& pkg = p.package("bytes", "bytes");
  bind<&clone>(p, pkg, "Clone");
  bind<&compare>(p, pkg, "Compare");
  bind<&contains>(p, pkg, "Contains");
  bind<&containsAny>(p, pkg, "ContainsAny");
  bind<&containsFunc>(p, pkg, "ContainsFunc");
  bind<&containsRune>(p, pkg, "ContainsRune");
  bind<&count>(p, pkg, "Count");
  bind<&cut>(p, pkg, "Cut");
  bind<&cutPrefix>(p, pkg, "CutPrefix");
  bind<&cutSuffix>(p, pkg, "CutSuffix");
  bind<&equal>(p, pkg, "Equal");
  bind<&equalFold>(p, pkg, "EqualFold");
  bind<&fields>(p, pkg, "Fields");
  bind<&fieldsFunc>(p, pkg, "FieldsFunc");
  bind<&hasPrefix>(p, pkg, "HasPrefix");
  bind<&hasSuffix>(p, pkg, "HasSuffix");
  bind<&index>(p, pkg, "Index");
  bind<&indexAny>(p, pkg, "IndexAny");
  bind<&indexByte>(p, pkg, "IndexByte");
  bind<&indexFunc>(p, pkg, "IndexFunc");
  bind<&indexRune>(p, pkg, "IndexRune");
  bind<&join>(p, pkg, "Join");
  bind<&lastIndex>(p, pkg, "LastIndex");
  bind<&lastIndexAny>(p, pkg, "LastIndexAny");
  bind<&lastIndexByte>(p, pkg, "LastIndexByte");
  bind<&lastIndexFunc>(p, pkg, "LastIndexFunc");
  bind<&map>(p, pkg, "Map");
  bind<&repeat>(p, pkg, "Repeat");
  bind<&replace>(p, pkg, "Replace");
  bind<&replaceAll>(p, pkg, "ReplaceAll");
  bind<&runes>(p, pkg, "Runes");
  bind<&split>(p, pkg, "Split");
  bind<&splitAfter>(p, pkg, "SplitAfter");
  bind<&splitAfterN>(p, pkg, "SplitAfterN");
  bind<&splitN>(p, pkg, "SplitN");
  bind<&title>(p, pkg, "Title");
  bind<&toLower>(p, pkg, "ToLower");
  bind<&toTitle>(p, pkg, "ToTitle");
  bind<&toUpper>(p, pkg, "ToUpper");
  bind<&toValidUTF8>(p, pkg, "ToValidUTF8");
  bind<&trim>(p, pkg, "Trim");
  bind<&trimFunc>(p, pkg, "TrimFunc");
  bind<&trimLeft>(p, pkg, "TrimLeft");
  bind<&trimLeftFunc>(p, pkg, "TrimLeftFunc");
  bind<&trimPrefix>(p, pkg, "TrimPrefix");
  bind<&trimRight>(p, pkg, "TrimRight");
  bind<&trimRightFunc>(p, pkg, "TrimRightFunc");
  bind<&trimSpace>(p, pkg, "TrimSpace");
  bind<&trimSuffix>(p, pkg, "TrimSuffix");
  registerBytesBuffer(p, pkg);
  registerBytesReader(p, pkg);
}

}  // namespace gol::stdlib
