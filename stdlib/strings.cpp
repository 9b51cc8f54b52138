#include "stdlib/strings.h"

#include <limits>

#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/unicode.h"
#include "stdlib/utf8.h"

namespace gol::stdlib::strings {

namespace {

constexpr int64_t npos(size_t p) {
  return p == std::string_view::npos ? -1 : static_cast<int64_t>(p);
}

// Decodes the rune at s[i] the way `for range` does: invalid bytes are RuneError, width 1.
utf8::Decoded runeAt(std::string_view s, size_t i) {
  auto c = static_cast<uint8_t>(s[i]);
  if (c < utf8::RuneSelf) return {c, 1};
  return utf8::decodeRune(s.substr(i));
}

// Generic split: after is the number of bytes of sep to keep in each piece.
std::vector<std::string_view> genSplit(std::string_view s, std::string_view sep, size_t after,
                                       int64_t n) {
  std::vector<std::string_view> a;
  if (n == 0) return a;
  if (sep.empty()) {
    // explode: one piece per UTF-8 sequence (invalid bytes one each), at most n.
    int64_t l = utf8::runeCount(s);
    if (n < 0 || n > l) n = l;
    for (int64_t i = 0; i < n - 1; ++i) {
      auto d = utf8::decodeRune(s);
      // As Go: an invalid byte becomes "\uFFFD" (except in the last piece).
      a.push_back(d.rune == utf8::RuneError ? std::string_view("\xEF\xBF\xBD")
                                            : s.substr(0, static_cast<size_t>(d.size)));
      s.remove_prefix(static_cast<size_t>(d.size));
    }
    if (n > 0) a.push_back(s);
    return a;
  }
  if (n < 0) n = count(s, sep) + 1;
  if (n > static_cast<int64_t>(s.size()) + 1) n = static_cast<int64_t>(s.size()) + 1;
  int64_t i = 0;
  while (i < n - 1) {
    size_t m = s.find(sep);
    if (m == std::string_view::npos) break;
    a.push_back(s.substr(0, m + after));
    s.remove_prefix(m + sep.size());
    ++i;
  }
  a.push_back(s);
  return a;
}

}  // namespace

bool contains(std::string_view s, std::string_view substr) {
  return s.find(substr) != std::string_view::npos;
}
bool containsRune(std::string_view s, int32_t r) {
  return indexRune(s, r) >= 0;
}
bool containsAny(std::string_view s, std::string_view chars) {
  return indexAny(s, chars) >= 0;
}
bool hasPrefix(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool hasSuffix(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
int64_t compare(std::string_view a, std::string_view b) {
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

int64_t index(std::string_view s, std::string_view substr) {
  return npos(s.find(substr));
}
int64_t indexByte(std::string_view s, uint8_t c) {
  return npos(s.find(static_cast<char>(c)));
}

int64_t indexRune(std::string_view s, int32_t r) {
  if (r >= 0 && r < utf8::RuneSelf) return indexByte(s, static_cast<uint8_t>(r));
  if (r == utf8::RuneError) {
    // The first invalid sequence or encoded U+FFFD.
    for (size_t i = 0; i < s.size();) {
      auto d = runeAt(s, i);
      if (d.rune == utf8::RuneError) return static_cast<int64_t>(i);
      i += static_cast<size_t>(d.size);
    }
    return -1;
  }
  if (!utf8::validRune(r)) return -1;
  return index(s, utf8::encode(r));
}

int64_t indexAny(std::string_view s, std::string_view chars) {
  if (chars.empty()) return -1;
  for (size_t i = 0; i < s.size();) {
    auto d = runeAt(s, i);
    if (indexRune(chars, d.rune) >= 0) return static_cast<int64_t>(i);
    i += static_cast<size_t>(d.size);
  }
  return -1;
}

int64_t lastIndex(std::string_view s, std::string_view substr) {
  return npos(s.rfind(substr));
}
int64_t lastIndexByte(std::string_view s, uint8_t c) {
  return npos(s.rfind(static_cast<char>(c)));
}

int64_t lastIndexAny(std::string_view s, std::string_view chars) {
  if (chars.empty()) return -1;
  for (size_t i = s.size(); i > 0;) {
    auto d = utf8::decodeLastRune(s.substr(0, i));
    i -= static_cast<size_t>(d.size);
    if (indexRune(chars, d.rune) >= 0) return static_cast<int64_t>(i);
  }
  return -1;
}

int64_t count(std::string_view s, std::string_view substr) {
  if (substr.empty()) return utf8::runeCount(s) + 1;
  int64_t n = 0;
  for (size_t i = s.find(substr); i != std::string_view::npos; i = s.find(substr, i)) {
    ++n;
    i += substr.size();
  }
  return n;
}

std::string repeat(std::string_view s, int64_t count) {
  if (count == 0) return {};
  if (count < 0) panicString("strings: negative Repeat count");
  if (!s.empty() && static_cast<uint64_t>(count) >
                        static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) / s.size()) {
    panicString("strings: Repeat output length overflow");
  }
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) out += s;
  return out;
}

std::string replace(std::string_view s, std::string_view old, std::string_view with, int64_t n) {
  if (old == with || n == 0) return std::string(s);
  int64_t m = count(s, old);
  if (m == 0) return std::string(s);
  if (n < 0 || m < n) n = m;
  std::string b;
  size_t start = 0;
  for (int64_t i = 0; i < n; ++i) {
    size_t j = start;
    if (old.empty()) {
      if (i > 0) j += static_cast<size_t>(utf8::decodeRune(s.substr(start)).size);
    } else {
      j += s.substr(start).find(old);
    }
    b += s.substr(start, j - start);
    b += with;
    start = j + old.size();
  }
  b += s.substr(start);
  return b;
}

std::string replaceAll(std::string_view s, std::string_view old, std::string_view with) {
  return replace(s, old, with, -1);
}

std::string map(int32_t (*f)(int32_t), std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto d = runeAt(s, i);
    int32_t r = f(d.rune);
    if (r == d.rune && d.rune != utf8::RuneError) {
      out.append(s.substr(i, static_cast<size_t>(d.size)));
    } else if (r >= 0) {
      utf8::encodeRune(out, r);
    }
    i += static_cast<size_t>(d.size);
  }
  return out;
}

std::string toUpper(std::string_view s) {
  return map(unicode::toUpper, s);
}
std::string toLower(std::string_view s) {
  return map(unicode::toLower, s);
}

std::string_view trimSpace(std::string_view s) {
  size_t start = 0;
  while (start < s.size()) {
    auto d = runeAt(s, start);
    if (!unicode::isSpace(d.rune) || (d.rune == utf8::RuneError && d.size == 1)) break;
    start += static_cast<size_t>(d.size);
  }
  size_t stop = s.size();
  while (stop > start) {
    auto d = utf8::decodeLastRune(s.substr(start, stop - start));
    if (!unicode::isSpace(d.rune)) break;
    stop -= static_cast<size_t>(d.size);
  }
  return s.substr(start, stop - start);
}

std::string_view trimLeft(std::string_view s, std::string_view cutset) {
  if (s.empty() || cutset.empty()) return s;
  while (!s.empty()) {
    auto d = runeAt(s, 0);
    if (!containsRune(cutset, d.rune)) break;
    s.remove_prefix(static_cast<size_t>(d.size));
  }
  return s;
}

std::string_view trimRight(std::string_view s, std::string_view cutset) {
  if (s.empty() || cutset.empty()) return s;
  while (!s.empty()) {
    int32_t r = static_cast<uint8_t>(s.back());
    int size = 1;
    if (r >= utf8::RuneSelf) {
      auto d = utf8::decodeLastRune(s);
      r = d.rune;
      size = d.size;
    }
    if (!containsRune(cutset, r)) break;
    s.remove_suffix(static_cast<size_t>(size));
  }
  return s;
}

std::string_view trim(std::string_view s, std::string_view cutset) {
  return trimRight(trimLeft(s, cutset), cutset);
}

std::string_view trimPrefix(std::string_view s, std::string_view prefix) {
  return hasPrefix(s, prefix) ? s.substr(prefix.size()) : s;
}

std::string_view trimSuffix(std::string_view s, std::string_view suffix) {
  return hasSuffix(s, suffix) ? s.substr(0, s.size() - suffix.size()) : s;
}

bool equalFold(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    auto x = runeAt(a, i);
    auto y = runeAt(b, j);
    i += static_cast<size_t>(x.size);
    j += static_cast<size_t>(y.size);
    if (x.rune == y.rune) continue;
    if (unicode::toLower(x.rune) == unicode::toLower(y.rune)) continue;
    if (unicode::toUpper(x.rune) == unicode::toUpper(y.rune)) continue;
    return false;
  }
  return i == a.size() && j == b.size();
}

CutResult cut(std::string_view s, std::string_view sep) {
  size_t i = s.find(sep);
  if (i == std::string_view::npos) return {s, {}, false};
  return {s.substr(0, i), s.substr(i + sep.size()), true};
}

std::vector<std::string_view> split(std::string_view s, std::string_view sep) {
  return genSplit(s, sep, 0, -1);
}
std::vector<std::string_view> splitN(std::string_view s, std::string_view sep, int64_t n) {
  return genSplit(s, sep, 0, n);
}
std::vector<std::string_view> splitAfter(std::string_view s, std::string_view sep) {
  return genSplit(s, sep, sep.size(), -1);
}
std::vector<std::string_view> splitAfterN(std::string_view s, std::string_view sep, int64_t n) {
  return genSplit(s, sep, sep.size(), n);
}

std::vector<std::string_view> fields(std::string_view s) {
  std::vector<std::string_view> a;
  size_t i = 0;
  while (i < s.size()) {
    // Skip spaces.
    while (i < s.size()) {
      auto d = runeAt(s, i);
      if (!unicode::isSpace(d.rune)) break;
      i += static_cast<size_t>(d.size);
    }
    size_t start = i;
    while (i < s.size()) {
      auto d = runeAt(s, i);
      if (unicode::isSpace(d.rune)) break;
      i += static_cast<size_t>(d.size);
    }
    if (i > start) a.push_back(s.substr(start, i - start));
  }
  return a;
}

std::string join(const std::vector<std::string_view>& elems, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < elems.size(); ++i) {
    if (i > 0) out += sep;
    out += elems[i];
  }
  return out;
}

std::string join(const std::vector<std::string>& elems, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < elems.size(); ++i) {
    if (i > 0) out += sep;
    out += elems[i];
  }
  return out;
}

}  // namespace gol::stdlib::strings

// --- natives -------------------------------------------------------------------------

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

std::string_view S(std::span<const AnyValue> a, size_t i) {
  return values::stringView(a[i].value);
}
int64_t I(std::span<const AnyValue> a, size_t i) {
  return a[i].value.i;
}

#define STR_PRED(NAME, EXPR)                         \
  void NAME(std::span<const AnyValue> a, Value* r) { \
    r[0] = boolResult(EXPR);                         \
  }
#define STR_INT(NAME, EXPR)                          \
  void NAME(std::span<const AnyValue> a, Value* r) { \
    r[0] = intResult(EXPR);                          \
  }
#define STR_STR(NAME, EXPR)                          \
  void NAME(std::span<const AnyValue> a, Value* r) { \
    r[0] = stringResult(EXPR);                       \
  }

STR_PRED(containsN, strings::contains(S(a, 0), S(a, 1)))
STR_PRED(containsRuneN, strings::containsRune(S(a, 0), static_cast<int32_t>(I(a, 1))))
STR_PRED(containsAnyN, strings::containsAny(S(a, 0), S(a, 1)))
STR_PRED(hasPrefixN, strings::hasPrefix(S(a, 0), S(a, 1)))
STR_PRED(hasSuffixN, strings::hasSuffix(S(a, 0), S(a, 1)))
STR_PRED(equalFoldN, strings::equalFold(S(a, 0), S(a, 1)))
STR_INT(compareN, strings::compare(S(a, 0), S(a, 1)))
STR_INT(indexN, strings::index(S(a, 0), S(a, 1)))
STR_INT(indexByteN, strings::indexByte(S(a, 0), static_cast<uint8_t>(a[1].value.u)))
STR_INT(indexRuneN, strings::indexRune(S(a, 0), static_cast<int32_t>(I(a, 1))))
STR_INT(indexAnyN, strings::indexAny(S(a, 0), S(a, 1)))
STR_INT(lastIndexN, strings::lastIndex(S(a, 0), S(a, 1)))
STR_INT(lastIndexByteN, strings::lastIndexByte(S(a, 0), static_cast<uint8_t>(a[1].value.u)))
STR_INT(lastIndexAnyN, strings::lastIndexAny(S(a, 0), S(a, 1)))
STR_INT(countN, strings::count(S(a, 0), S(a, 1)))
STR_STR(repeatN, strings::repeat(S(a, 0), I(a, 1)))
STR_STR(replaceN, strings::replace(S(a, 0), S(a, 1), S(a, 2), I(a, 3)))
STR_STR(replaceAllN, strings::replaceAll(S(a, 0), S(a, 1), S(a, 2)))
STR_STR(toUpperN, strings::toUpper(S(a, 0)))
STR_STR(toLowerN, strings::toLower(S(a, 0)))
STR_STR(trimSpaceN, strings::trimSpace(S(a, 0)))
STR_STR(trimN, strings::trim(S(a, 0), S(a, 1)))
STR_STR(trimLeftN, strings::trimLeft(S(a, 0), S(a, 1)))
STR_STR(trimRightN, strings::trimRight(S(a, 0), S(a, 1)))
STR_STR(trimPrefixN, strings::trimPrefix(S(a, 0), S(a, 1)))
STR_STR(trimSuffixN, strings::trimSuffix(S(a, 0), S(a, 1)))

void cutN(std::span<const AnyValue> a, Value* r) {
  auto c = strings::cut(S(a, 0), S(a, 1));
  r[0] = stringResult(c.before);
  r[1] = stringResult(c.after);
  r[2] = boolResult(c.found);
}

void cutPrefixN(std::span<const AnyValue> a, Value* r) {
  bool found = strings::hasPrefix(S(a, 0), S(a, 1));
  r[0] = stringResult(found ? S(a, 0).substr(S(a, 1).size()) : S(a, 0));
  r[1] = boolResult(found);
}

void cutSuffixN(std::span<const AnyValue> a, Value* r) {
  bool found = strings::hasSuffix(S(a, 0), S(a, 1));
  r[0] = stringResult(found ? S(a, 0).substr(0, S(a, 0).size() - S(a, 1).size()) : S(a, 0));
  r[1] = boolResult(found);
}

#undef STR_PRED
#undef STR_INT
#undef STR_STR

}  // namespace

namespace {

values::Value stringSlice(const std::vector<std::string_view>& parts) {
  auto n = static_cast<int64_t>(parts.size());
  values::SliceObject* out = values::makeSlice(n, n, true);
  for (int64_t i = 0; i < n; ++i) {
    out->base()[i] = values::stringValue(values::StringObject::make(parts[static_cast<size_t>(i)]));
  }
  values::Value v;
  v.p = out;
  return v;
}

void splitN_(std::span<const values::AnyValue> a, values::Value* r) {
  r[0] = stringSlice(strings::split(values::stringView(a[0].value), values::stringView(a[1].value)));
}
void splitNN(std::span<const values::AnyValue> a, values::Value* r) {
  r[0] = stringSlice(strings::splitN(values::stringView(a[0].value), values::stringView(a[1].value),
                                     a[2].value.i));
}
void fieldsN(std::span<const values::AnyValue> a, values::Value* r) {
  r[0] = stringSlice(strings::fields(values::stringView(a[0].value)));
}
void joinN(std::span<const values::AnyValue> a, values::Value* r) {
  std::vector<std::string_view> parts;
  if (values::SliceObject* s = values::asSlice(a[0].value)) {
    for (int64_t i = 0; i < s->len(); ++i) parts.push_back(values::stringView(s->base()[i]));
  }
  r[0] = values::stringValue(values::StringObject::make(strings::join(parts, values::stringView(a[1].value))));
}

}  // namespace

void registerStrings(Packages& p) {
  using check::BasicKind;
  const check::Type* str = check::basicType(BasicKind::String);
  const check::Type* b = check::basicType(BasicKind::Bool);
  const check::Type* i = check::basicType(BasicKind::Int);
  const check::Type* byte = check::basicType(BasicKind::Uint8);
  const check::Type* rune = check::basicType(BasicKind::Int32);
  check::Package& pkg = p.package("strings", "strings");
  auto ssB = p.signature({str, str}, {b});
  auto ssI = p.signature({str, str}, {i});
  auto ssS = p.signature({str, str}, {str});
  auto sS = p.signature({str}, {str});
  p.addFunction(pkg, "Contains", ssB, containsN);
  p.addFunction(pkg, "ContainsRune", p.signature({str, rune}, {b}), containsRuneN);
  p.addFunction(pkg, "ContainsAny", ssB, containsAnyN);
  p.addFunction(pkg, "HasPrefix", ssB, hasPrefixN);
  p.addFunction(pkg, "HasSuffix", ssB, hasSuffixN);
  p.addFunction(pkg, "EqualFold", ssB, equalFoldN);
  p.addFunction(pkg, "Compare", ssI, compareN);
  p.addFunction(pkg, "Index", ssI, indexN);
  p.addFunction(pkg, "IndexByte", p.signature({str, byte}, {i}), indexByteN);
  p.addFunction(pkg, "IndexRune", p.signature({str, rune}, {i}), indexRuneN);
  p.addFunction(pkg, "IndexAny", ssI, indexAnyN);
  p.addFunction(pkg, "LastIndex", ssI, lastIndexN);
  p.addFunction(pkg, "LastIndexByte", p.signature({str, byte}, {i}), lastIndexByteN);
  p.addFunction(pkg, "LastIndexAny", ssI, lastIndexAnyN);
  p.addFunction(pkg, "Count", ssI, countN);
  p.addFunction(pkg, "Repeat", p.signature({str, i}, {str}), repeatN);
  p.addFunction(pkg, "Replace", p.signature({str, str, str, i}, {str}), replaceN);
  p.addFunction(pkg, "ReplaceAll", p.signature({str, str, str}, {str}), replaceAllN);
  p.addFunction(pkg, "ToUpper", sS, toUpperN);
  p.addFunction(pkg, "ToLower", sS, toLowerN);
  p.addFunction(pkg, "TrimSpace", sS, trimSpaceN);
  p.addFunction(pkg, "Trim", ssS, trimN);
  p.addFunction(pkg, "TrimLeft", ssS, trimLeftN);
  p.addFunction(pkg, "TrimRight", ssS, trimRightN);
  p.addFunction(pkg, "TrimPrefix", ssS, trimPrefixN);
  p.addFunction(pkg, "TrimSuffix", ssS, trimSuffixN);
  p.addFunction(pkg, "Cut", p.signature({str, str}, {str, str, b}), cutN);
  p.addFunction(pkg, "CutPrefix", p.signature({str, str}, {str, b}), cutPrefixN);
  p.addFunction(pkg, "CutSuffix", p.signature({str, str}, {str, b}), cutSuffixN);
  const check::Type* strs = check::sliceOf(str);
  p.addFunction(pkg, "Split", p.signature({str, str}, {strs}), splitN_);
  p.addFunction(pkg, "SplitN", p.signature({str, str, i}, {strs}), splitNN);
  p.addFunction(pkg, "Fields", p.signature({str}, {strs}), fieldsN);
  p.addFunction(pkg, "Join", p.signature({strs, str}, {str}), joinN);
}

}  // namespace gol::stdlib
