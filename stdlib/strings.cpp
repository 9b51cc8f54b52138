#include "stdlib/strings.h"

#include <limits>

#include "stdlib/bind.h"
#include "stdlib/bytes_support.h"
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
  a.reserve(static_cast<size_t>(n));  // at most n pieces: no regrowth on a long input
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

std::string map(const RuneMap& f, std::string_view s) {
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

// Title case differs from upper case only for the Latin digraphs (U+01C4..U+01CC,
// U+01F1..U+01F3, whose title forms are the middle letter of each triple) and Georgian
// Mkhedruli, whose title case is itself.
int32_t toTitleRune(int32_t r) {
  if (r >= 0x1C4 && r <= 0x1CC) return 0x1C4 + (r - 0x1C4) / 3 * 3 + 1;
  if (r >= 0x1F1 && r <= 0x1F3) return 0x1F2;
  if ((r >= 0x10D0 && r <= 0x10FA) || (r >= 0x10FD && r <= 0x10FF)) return r;
  return unicode::toUpper(r);
}

std::string toTitle(std::string_view s) {
  return map(toTitleRune, s);
}

namespace {

// Go's isSeparator for Title: ASCII alphanumerics and underscore are not separators,
// other ASCII is; beyond ASCII, letters and digits are not, spaces are, the rest not.
bool isSeparator(int32_t r) {
  if (r <= 0x7F) {
    if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_')
      return false;
    return true;
  }
  if (unicode::isLetter(r) || unicode::isDigit(r)) return false;
  return unicode::isSpace(r);
}

}  // namespace

std::string title(std::string_view s) {
  int32_t prev = ' ';
  return map(
      [&prev](int32_t r) {
        bool sep = isSeparator(prev);
        prev = r;
        return sep ? toTitleRune(r) : r;
      },
      s);
}

std::string toValidUTF8(std::string_view s, std::string_view replacement) {
  std::string b;
  b.reserve(s.size());
  bool invalid = false;  // the previous byte was part of an invalid sequence
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c < utf8::RuneSelf) {
      ++i;
      invalid = false;
      b += static_cast<char>(c);
      continue;
    }
    auto d = utf8::decodeRune(s.substr(i));
    if (d.size == 1) {
      ++i;
      if (!invalid) {
        invalid = true;
        b += replacement;
      }
      continue;
    }
    invalid = false;
    b += s.substr(i, static_cast<size_t>(d.size));
    i += static_cast<size_t>(d.size);
  }
  return b;
}

int64_t indexFunc(std::string_view s, const RuneTest& f, bool truth) {
  for (size_t i = 0; i < s.size();) {
    auto d = runeAt(s, i);
    if (f(d.rune) == truth) return static_cast<int64_t>(i);
    i += static_cast<size_t>(d.size);
  }
  return -1;
}

int64_t lastIndexFunc(std::string_view s, const RuneTest& f, bool truth) {
  for (size_t i = s.size(); i > 0;) {
    auto d = utf8::decodeLastRune(s.substr(0, i));
    i -= static_cast<size_t>(d.size);
    if (f(d.rune) == truth) return static_cast<int64_t>(i);
  }
  return -1;
}

std::string_view trimLeftFunc(std::string_view s, const RuneTest& f) {
  int64_t i = indexFunc(s, f, false);
  return i < 0 ? s.substr(s.size()) : s.substr(static_cast<size_t>(i));
}

std::string_view trimRightFunc(std::string_view s, const RuneTest& f) {
  int64_t i = lastIndexFunc(s, f, false);
  size_t end = 0;
  if (i >= 0) {
    end = static_cast<size_t>(i) + static_cast<size_t>(runeAt(s, static_cast<size_t>(i)).size);
  }
  return s.substr(0, end);
}

std::string_view trimFunc(std::string_view s, const RuneTest& f) {
  return trimRightFunc(trimLeftFunc(s, f), f);
}

std::vector<std::string_view> fieldsFunc(std::string_view s, const RuneTest& f) {
  std::vector<std::string_view> a;
  int64_t start = -1;  // the start of the field being read, if >= 0
  for (size_t i = 0; i < s.size();) {
    auto d = runeAt(s, i);
    if (f(d.rune)) {
      if (start >= 0) {
        a.push_back(s.substr(static_cast<size_t>(start), i - static_cast<size_t>(start)));
        start = -1;
      }
    } else if (start < 0) {
      start = static_cast<int64_t>(i);
    }
    i += static_cast<size_t>(d.size);
  }
  if (start >= 0) a.push_back(s.substr(static_cast<size_t>(start)));
  return a;
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
  // The size first, as Go's Join: one allocation, no regrowth.
  size_t n = elems.empty() ? 0 : sep.size() * (elems.size() - 1);
  for (std::string_view e : elems) n += e.size();
  out.reserve(n);
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

// --- bindings ------------------------------------------------------------------------

namespace gol::stdlib {

namespace {

// A []string result that is nil when Go's is (SplitN and SplitAfterN with n == 0).
struct MaybeNilStrings {
  std::vector<std::string_view> parts;
  bool nil = false;
};

}  // namespace

template <>
struct GoType<MaybeNilStrings> {
  static const check::Type* type() { return GoType<std::vector<std::string_view>>::type(); }
  static values::Value result(const MaybeNilStrings& r) {
    if (r.nil) return values::Value{};
    return GoType<std::vector<std::string_view>>::result(r.parts);
  }
};

namespace {

MaybeNilStrings splitN(std::string_view s, std::string_view sep, int64_t n) {
  return {strings::splitN(s, sep, n), n == 0};
}
MaybeNilStrings splitAfterN(std::string_view s, std::string_view sep, int64_t n) {
  return {strings::splitAfterN(s, sep, n), n == 0};
}

// Go's results where the C++ functions give a struct or overload.
std::tuple<std::string_view, std::string_view, bool> cut(std::string_view s, std::string_view sep) {
  auto c = strings::cut(s, sep);
  return {c.before, c.after, c.found};
}

std::tuple<std::string_view, bool> cutPrefix(std::string_view s, std::string_view prefix) {
  bool found = strings::hasPrefix(s, prefix);
  return {found ? s.substr(prefix.size()) : s, found};
}

std::tuple<std::string_view, bool> cutSuffix(std::string_view s, std::string_view suffix) {
  bool found = strings::hasSuffix(s, suffix);
  return {found ? s.substr(0, s.size() - suffix.size()) : s, found};
}

std::string join(const std::vector<std::string_view>& elems, std::string_view sep) {
  return strings::join(elems, sep);
}

// The functions taking a Gol func(rune) bool or func(rune) rune.
std::string map(RuneMapping f, std::string_view s) {
  return strings::map(f, s);
}
int64_t indexFunc(std::string_view s, RunePredicate f) {
  return strings::indexFunc(s, f);
}
int64_t lastIndexFunc(std::string_view s, RunePredicate f) {
  return strings::lastIndexFunc(s, f);
}
bool containsFunc(std::string_view s, RunePredicate f) {
  return strings::indexFunc(s, f) >= 0;
}
std::string_view trimFunc(std::string_view s, RunePredicate f) {
  return strings::trimFunc(s, f);
}
std::string_view trimLeftFunc(std::string_view s, RunePredicate f) {
  return strings::trimLeftFunc(s, f);
}
std::string_view trimRightFunc(std::string_view s, RunePredicate f) {
  return strings::trimRightFunc(s, f);
}
std::vector<std::string_view> fieldsFunc(std::string_view s, RunePredicate f) {
  return strings::fieldsFunc(s, f);
}
std::string_view clone(std::string_view s) {
  return s;
}

}  // namespace

void registerStrings(Packages& p) {
  check::Package& pkg = p.package("strings", "strings");
  bind<&strings::contains>(p, pkg, "Contains");
  bind<&strings::containsRune>(p, pkg, "ContainsRune");
  bind<&strings::containsAny>(p, pkg, "ContainsAny");
  bind<&strings::hasPrefix>(p, pkg, "HasPrefix");
  bind<&strings::hasSuffix>(p, pkg, "HasSuffix");
  bind<&strings::equalFold>(p, pkg, "EqualFold");
  bind<&strings::compare>(p, pkg, "Compare");
  bind<&strings::index>(p, pkg, "Index");
  bind<&strings::indexByte>(p, pkg, "IndexByte");
  bind<&strings::indexRune>(p, pkg, "IndexRune");
  bind<&strings::indexAny>(p, pkg, "IndexAny");
  bind<&strings::lastIndex>(p, pkg, "LastIndex");
  bind<&strings::lastIndexByte>(p, pkg, "LastIndexByte");
  bind<&strings::lastIndexAny>(p, pkg, "LastIndexAny");
  bind<&strings::count>(p, pkg, "Count");
  bind<&strings::repeat>(p, pkg, "Repeat");
  bind<&strings::replace>(p, pkg, "Replace");
  bind<&strings::replaceAll>(p, pkg, "ReplaceAll");
  bind<&strings::toUpper>(p, pkg, "ToUpper");
  bind<&strings::toLower>(p, pkg, "ToLower");
  bind<&strings::trimSpace>(p, pkg, "TrimSpace");
  bind<&strings::trim>(p, pkg, "Trim");
  bind<&strings::trimLeft>(p, pkg, "TrimLeft");
  bind<&strings::trimRight>(p, pkg, "TrimRight");
  bind<&strings::trimPrefix>(p, pkg, "TrimPrefix");
  bind<&strings::trimSuffix>(p, pkg, "TrimSuffix");
  bind<&cut>(p, pkg, "Cut");
  bind<&cutPrefix>(p, pkg, "CutPrefix");
  bind<&cutSuffix>(p, pkg, "CutSuffix");
  bind<&strings::split>(p, pkg, "Split");
  bind<&splitN>(p, pkg, "SplitN");
  bind<&strings::splitAfter>(p, pkg, "SplitAfter");
  bind<&splitAfterN>(p, pkg, "SplitAfterN");
  bind<&strings::fields>(p, pkg, "Fields");
  bind<&join>(p, pkg, "Join");
  bind<&strings::toTitle>(p, pkg, "ToTitle");
  bind<&strings::title>(p, pkg, "Title");
  bind<&strings::toValidUTF8>(p, pkg, "ToValidUTF8");
  bind<&map>(p, pkg, "Map");
  bind<&indexFunc>(p, pkg, "IndexFunc");
  bind<&lastIndexFunc>(p, pkg, "LastIndexFunc");
  bind<&containsFunc>(p, pkg, "ContainsFunc");
  bind<&trimFunc>(p, pkg, "TrimFunc");
  bind<&trimLeftFunc>(p, pkg, "TrimLeftFunc");
  bind<&trimRightFunc>(p, pkg, "TrimRightFunc");
  bind<&fieldsFunc>(p, pkg, "FieldsFunc");
  bind<&clone>(p, pkg, "Clone");
  registerStringsReader(p, pkg);
  registerStringsReplacer(p, pkg);
}

}  // namespace gol::stdlib
