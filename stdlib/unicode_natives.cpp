// unicode and unicode/utf8 bindings.
#include <algorithm>
#include <string>
#include <tuple>

#include "stdlib/bind.h"
#include "stdlib/bytes_support.h"
#include "stdlib/packages.h"
#include "stdlib/unicode.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

// Go's results where the C++ functions give an int (Go's int is int64_t here) or a struct.
int64_t runeLen(int32_t r) {
  return utf8::runeLen(r);
}

std::tuple<int32_t, int64_t> decodeRuneInString(std::string_view s) {
  auto d = utf8::decodeRune(s);
  return {d.rune, d.size};
}

std::tuple<int32_t, int64_t> decodeLastRuneInString(std::string_view s) {
  auto d = utf8::decodeLastRune(s);
  return {d.rune, d.size};
}

// The []byte forms read only the bytes they need: a loop decoding a long slice one rune at
// a time stays linear.
std::string_view front(Bytes p, std::string& held) {
  held = loadBytes(p.slice, 0, std::min<int64_t>(sliceLen(p.slice), utf8::UTFMax));
  return held;
}

std::tuple<int32_t, int64_t> decodeRune(Bytes p) {
  std::string held;
  auto d = utf8::decodeRune(front(p, held));
  return {d.rune, d.size};
}

// Go's DecodeLastRune looks back at most UTFMax bytes.
std::tuple<int32_t, int64_t> decodeLastRune(Bytes p) {
  int64_t n = sliceLen(p.slice);
  auto d = utf8::decodeLastRune(loadBytes(p.slice, std::max<int64_t>(0, n - utf8::UTFMax), n));
  return {d.rune, d.size};
}

bool fullRune(Bytes p) {
  std::string held;
  return utf8::fullRune(front(p, held));
}

int64_t runeCount(Bytes p) {
  return utf8::runeCount(bytesText(p));
}

bool valid(Bytes p) {
  return utf8::validString(bytesText(p));
}

// Go's EncodeRune checks p[n-1] before writing anything: a short p panics, unchanged.
int64_t encodeRune(Bytes p, int32_t r) {
  std::string enc;
  utf8::encodeRune(enc, r);
  auto n = static_cast<int64_t>(enc.size());
  if (int64_t len = sliceLen(p.slice); len < n) indexPanic(n - 1, len);
  storeBytes(p.slice, 0, enc);
  return n;
}

// One append of the encoding, as Go's.
Bytes appendRune(Bytes p, int32_t r) {
  std::string enc;
  utf8::encodeRune(enc, r);
  return {appendBytes(p.slice, enc)};
}

}  // namespace

void registerUnicode(Packages& p) {
  using check::BasicKind;
  const check::Type* uRune = check::basicType(BasicKind::UntypedRune);
  check::Package& pkg = p.package("unicode", "unicode");
  p.addConstant(pkg, "MaxRune", uRune, check::ConstValue::ofInt64(unicode::MaxRune));
  p.addConstant(pkg, "ReplacementChar", uRune,
                check::ConstValue::ofInt64(unicode::ReplacementChar));
  p.addConstant(pkg, "MaxASCII", uRune, check::ConstValue::ofInt64(unicode::MaxASCII));
  p.addConstant(pkg, "MaxLatin1", uRune, check::ConstValue::ofInt64(unicode::MaxLatin1));
  bind<&unicode::isLetter>(p, pkg, "IsLetter");
  bind<&unicode::isDigit>(p, pkg, "IsDigit");
  bind<&unicode::isNumber>(p, pkg, "IsNumber");
  bind<&unicode::isSpace>(p, pkg, "IsSpace");
  bind<&unicode::isUpper>(p, pkg, "IsUpper");
  bind<&unicode::isLower>(p, pkg, "IsLower");
  bind<&unicode::isTitle>(p, pkg, "IsTitle");
  bind<&unicode::isPunct>(p, pkg, "IsPunct");
  bind<&unicode::isSymbol>(p, pkg, "IsSymbol");
  bind<&unicode::isMark>(p, pkg, "IsMark");
  bind<&unicode::isControl>(p, pkg, "IsControl");
  bind<&unicode::isGraphic>(p, pkg, "IsGraphic");
  bind<&unicode::isPrint>(p, pkg, "IsPrint");
  bind<&unicode::toUpper>(p, pkg, "ToUpper");
  bind<&unicode::toLower>(p, pkg, "ToLower");
}

void registerUtf8(Packages& p) {
  using check::BasicKind;
  check::Package& pkg = p.package("unicode/utf8", "utf8");
  p.addConstant(pkg, "RuneError", check::basicType(BasicKind::UntypedRune),
                check::ConstValue::ofInt64(utf8::RuneError));
  p.addConstant(pkg, "RuneSelf", check::basicType(BasicKind::UntypedInt),
                check::ConstValue::ofInt64(utf8::RuneSelf));
  p.addConstant(pkg, "MaxRune", check::basicType(BasicKind::UntypedRune),
                check::ConstValue::ofInt64(utf8::MaxRune));
  p.addConstant(pkg, "UTFMax", check::basicType(BasicKind::UntypedInt),
                check::ConstValue::ofInt64(utf8::UTFMax));
  bind<&runeLen>(p, pkg, "RuneLen");
  bind<&utf8::runeCount>(p, pkg, "RuneCountInString");
  bind<&utf8::validString>(p, pkg, "ValidString");
  bind<&utf8::validRune>(p, pkg, "ValidRune");
  bind<&utf8::fullRune>(p, pkg, "FullRuneInString");
  bind<&utf8::runeStart>(p, pkg, "RuneStart");
  bind<&decodeRuneInString>(p, pkg, "DecodeRuneInString");
  bind<&decodeLastRuneInString>(p, pkg, "DecodeLastRuneInString");
  bind<&decodeRune>(p, pkg, "DecodeRune");
  bind<&decodeLastRune>(p, pkg, "DecodeLastRune");
  bind<&fullRune>(p, pkg, "FullRune");
  bind<&runeCount>(p, pkg, "RuneCount");
  bind<&valid>(p, pkg, "Valid");
  bind<&encodeRune>(p, pkg, "EncodeRune");
  bind<&appendRune>(p, pkg, "AppendRune");
}

}  // namespace gol::stdlib
