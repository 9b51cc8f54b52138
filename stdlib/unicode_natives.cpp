// unicode and unicode/utf8 natives: the functions with basic-type signatures.
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/unicode.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

template <bool (*fn)(int32_t)>
void pred(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(fn(static_cast<int32_t>(a[0].value.i)));
}
template <int32_t (*fn)(int32_t)>
void mapping(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(fn(static_cast<int32_t>(a[0].value.i)));
}

void runeLenN(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(utf8::runeLen(static_cast<int32_t>(a[0].value.i)));
}
void runeCountInStringN(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(utf8::runeCount(values::stringView(a[0].value)));
}
void validStringN(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(utf8::validString(values::stringView(a[0].value)));
}
void validRuneN(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(utf8::validRune(static_cast<int32_t>(a[0].value.i)));
}
void fullRuneInStringN(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(utf8::fullRune(values::stringView(a[0].value)));
}
void runeStartN(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(utf8::runeStart(static_cast<uint8_t>(a[0].value.u)));
}
void decodeRuneInStringN(std::span<const AnyValue> a, Value* r) {
  auto d = utf8::decodeRune(values::stringView(a[0].value));
  r[0] = intResult(d.rune);
  r[1] = intResult(d.size);
}
void decodeLastRuneInStringN(std::span<const AnyValue> a, Value* r) {
  auto d = utf8::decodeLastRune(values::stringView(a[0].value));
  r[0] = intResult(d.rune);
  r[1] = intResult(d.size);
}

}  // namespace

void registerUnicode(Packages& p) {
  using check::BasicKind;
  const check::Type* b = check::basicType(BasicKind::Bool);
  const check::Type* rune = check::basicType(BasicKind::Int32);
  const check::Type* uRune = check::basicType(BasicKind::UntypedRune);
  check::Package& pkg = p.package("unicode", "unicode");
  p.addConstant(pkg, "MaxRune", uRune, check::ConstValue::ofInt64(unicode::MaxRune));
  p.addConstant(pkg, "ReplacementChar", uRune,
                check::ConstValue::ofInt64(unicode::ReplacementChar));
  p.addConstant(pkg, "MaxASCII", uRune, check::ConstValue::ofInt64(unicode::MaxASCII));
  p.addConstant(pkg, "MaxLatin1", uRune, check::ConstValue::ofInt64(unicode::MaxLatin1));
  auto rB = p.signature({rune}, {b});
  auto rR = p.signature({rune}, {rune});
  p.addFunction(pkg, "IsLetter", rB, pred<unicode::isLetter>);
  p.addFunction(pkg, "IsDigit", rB, pred<unicode::isDigit>);
  p.addFunction(pkg, "IsNumber", rB, pred<unicode::isNumber>);
  p.addFunction(pkg, "IsSpace", rB, pred<unicode::isSpace>);
  p.addFunction(pkg, "IsUpper", rB, pred<unicode::isUpper>);
  p.addFunction(pkg, "IsLower", rB, pred<unicode::isLower>);
  p.addFunction(pkg, "IsTitle", rB, pred<unicode::isTitle>);
  p.addFunction(pkg, "IsPunct", rB, pred<unicode::isPunct>);
  p.addFunction(pkg, "IsSymbol", rB, pred<unicode::isSymbol>);
  p.addFunction(pkg, "IsMark", rB, pred<unicode::isMark>);
  p.addFunction(pkg, "IsControl", rB, pred<unicode::isControl>);
  p.addFunction(pkg, "IsGraphic", rB, pred<unicode::isGraphic>);
  p.addFunction(pkg, "IsPrint", rB, pred<unicode::isPrint>);
  p.addFunction(pkg, "ToUpper", rR, mapping<unicode::toUpper>);
  p.addFunction(pkg, "ToLower", rR, mapping<unicode::toLower>);
}

void registerUtf8(Packages& p) {
  using check::BasicKind;
  const check::Type* b = check::basicType(BasicKind::Bool);
  const check::Type* i = check::basicType(BasicKind::Int);
  const check::Type* str = check::basicType(BasicKind::String);
  const check::Type* byte = check::basicType(BasicKind::Uint8);
  const check::Type* rune = check::basicType(BasicKind::Int32);
  check::Package& pkg = p.package("unicode/utf8", "utf8");
  p.addConstant(pkg, "RuneError", check::basicType(BasicKind::UntypedRune),
                check::ConstValue::ofInt64(utf8::RuneError));
  p.addConstant(pkg, "RuneSelf", check::basicType(BasicKind::UntypedInt),
                check::ConstValue::ofInt64(utf8::RuneSelf));
  p.addConstant(pkg, "MaxRune", check::basicType(BasicKind::UntypedRune),
                check::ConstValue::ofInt64(utf8::MaxRune));
  p.addConstant(pkg, "UTFMax", check::basicType(BasicKind::UntypedInt),
                check::ConstValue::ofInt64(utf8::UTFMax));
  p.addFunction(pkg, "RuneLen", p.signature({rune}, {i}), runeLenN);
  p.addFunction(pkg, "RuneCountInString", p.signature({str}, {i}), runeCountInStringN);
  p.addFunction(pkg, "ValidString", p.signature({str}, {b}), validStringN);
  p.addFunction(pkg, "ValidRune", p.signature({rune}, {b}), validRuneN);
  p.addFunction(pkg, "FullRuneInString", p.signature({str}, {b}), fullRuneInStringN);
  p.addFunction(pkg, "RuneStart", p.signature({byte}, {b}), runeStartN);
  p.addFunction(pkg, "DecodeRuneInString", p.signature({str}, {rune, i}), decodeRuneInStringN);
  p.addFunction(pkg, "DecodeLastRuneInString", p.signature({str}, {rune, i}),
                decodeLastRuneInStringN);
}

}  // namespace gol::stdlib
