#include "stdlib/unicode.h"

#include <algorithm>

namespace gol::stdlib::unicode {

namespace {

bool isL(Category c) {
  return c >= Lu && c <= Lo;
}
bool isM(Category c) {
  return c >= Mn && c <= Mc;
}
bool isN(Category c) {
  return c >= Nd && c <= No;
}
bool isP(Category c) {
  return (c >= Pd && c <= Po) || c == Pi || c == Pf;
}
bool isS(Category c) {
  return c >= Sm && c <= So;
}

const CaseRange* caseRange(int32_t r) {
  if (r < 0 || r > MaxRune) return nullptr;
  auto u = static_cast<uint32_t>(r);
  const CaseRange* end = kCaseRanges + kCaseRangeCount;
  const CaseRange* it = std::upper_bound(kCaseRanges, end, u,
                                         [](uint32_t v, const CaseRange& x) { return v < x.lo; });
  if (it == kCaseRanges) return nullptr;
  --it;
  return u <= it->hi ? it : nullptr;
}

}  // namespace

Category category(int32_t r) {
  if (r < 0 || r > MaxRune) return Cn;
  auto u = static_cast<uint32_t>(r);
  const CategoryRange* end = kCategoryRanges + kCategoryRangeCount;
  const CategoryRange* it = std::upper_bound(
      kCategoryRanges, end, u, [](uint32_t v, const CategoryRange& x) { return v < x.lo; });
  if (it == kCategoryRanges) return Cn;
  --it;
  return u <= it->hi ? static_cast<Category>(it->category) : Cn;
}

bool isLetter(int32_t r) {
  if (r >= 0 && r <= MaxASCII) return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
  return isL(category(r));
}

bool isDigit(int32_t r) {
  if (r >= 0 && r <= MaxLatin1) return r >= '0' && r <= '9';
  return category(r) == Nd;
}

bool isNumber(int32_t r) {
  return isN(category(r));
}

bool isUpper(int32_t r) {
  if (r >= 0 && r <= MaxASCII) return r >= 'A' && r <= 'Z';
  return category(r) == Lu;
}

bool isLower(int32_t r) {
  if (r >= 0 && r <= MaxASCII) return r >= 'a' && r <= 'z';
  return category(r) == Ll;
}

bool isTitle(int32_t r) {
  return category(r) == Lt;
}
bool isMark(int32_t r) {
  return isM(category(r));
}
bool isPunct(int32_t r) {
  return isP(category(r));
}
bool isSymbol(int32_t r) {
  return isS(category(r));
}

bool isSpace(int32_t r) {
  if (r >= 0 && r <= MaxLatin1) {
    switch (r) {
      case '\t':
      case '\n':
      case '\v':
      case '\f':
      case '\r':
      case ' ':
      case 0x85:
      case 0xA0: return true;
    }
    return false;
  }
  return std::binary_search(kWhiteSpace, kWhiteSpace + kWhiteSpaceCount, static_cast<uint32_t>(r));
}

bool isControl(int32_t r) {
  return r >= 0 && r <= MaxLatin1 && category(r) == Cc;
}

bool isGraphic(int32_t r) {
  Category c = category(r);
  return isL(c) || isM(c) || isN(c) || isP(c) || isS(c) || c == Zs;
}

bool isPrint(int32_t r) {
  if (r == ' ') return true;
  if (r >= 0x21 && r <= 0x7E) return true;
  Category c = category(r);
  return isL(c) || isM(c) || isN(c) || isP(c) || isS(c);
}

int32_t toUpper(int32_t r) {
  if (r >= 0 && r <= MaxASCII) return r >= 'a' && r <= 'z' ? r - 32 : r;
  const CaseRange* c = caseRange(r);
  return c ? r + c->upper : r;
}

int32_t toLower(int32_t r) {
  if (r >= 0 && r <= MaxASCII) return r >= 'A' && r <= 'Z' ? r + 32 : r;
  const CaseRange* c = caseRange(r);
  return c ? r + c->lower : r;
}

}  // namespace gol::stdlib::unicode
