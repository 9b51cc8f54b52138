// strconv natives: the functions whose signatures have only basic types. The parsing
// functions (Atoi, ParseInt, ParseFloat, ParseBool, Unquote) return an error and are
// registered once the checker has the error type; their C++ API is in strconv.h.
#include "stdlib/packages.h"
#include "stdlib/strconv.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using eval::AnyValue;
using eval::Value;

std::string_view S(std::span<const AnyValue> a, size_t i) {
  return eval::stringView(a[i].value);
}

void itoaN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::itoa(a[0].value.i));
}
void formatIntN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::formatInt(a[0].value.i, static_cast<int>(a[1].value.i)));
}
void formatUintN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::formatUint(a[0].value.u, static_cast<int>(a[1].value.i)));
}
void formatFloatN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::formatFloat(a[0].value.f, static_cast<char>(a[1].value.u),
                                           static_cast<int>(a[2].value.i),
                                           static_cast<int>(a[3].value.i)));
}
void formatBoolN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::formatBool(a[0].value.i != 0));
}
void quoteN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::quote(S(a, 0)));
}
void quoteToASCIIN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::quoteToASCII(S(a, 0)));
}
void quoteToGraphicN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::quoteToGraphic(S(a, 0)));
}
void quoteRuneN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::quoteRune(static_cast<int32_t>(a[0].value.i)));
}
void quoteRuneToASCIIN(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(strconv::quoteRuneToASCII(static_cast<int32_t>(a[0].value.i)));
}
void canBackquoteN(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(strconv::canBackquote(S(a, 0)));
}
void isPrintN(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(strconv::isPrint(static_cast<int32_t>(a[0].value.i)));
}
void isGraphicN(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(strconv::isGraphic(static_cast<int32_t>(a[0].value.i)));
}

}  // namespace

void registerStrconv(Packages& p) {
  using check::BasicKind;
  const check::Type* str = check::basicType(BasicKind::String);
  const check::Type* b = check::basicType(BasicKind::Bool);
  const check::Type* i = check::basicType(BasicKind::Int);
  const check::Type* i64 = check::basicType(BasicKind::Int64);
  const check::Type* u64 = check::basicType(BasicKind::Uint64);
  const check::Type* f64 = check::basicType(BasicKind::Float64);
  const check::Type* byte = check::basicType(BasicKind::Uint8);
  const check::Type* rune = check::basicType(BasicKind::Int32);
  check::Package& pkg = p.package("strconv", "strconv");
  p.addConstant(pkg, "IntSize", check::basicType(BasicKind::UntypedInt),
                check::ConstValue::ofInt64(strconv::IntSize));
  p.addFunction(pkg, "Itoa", p.signature({i}, {str}), itoaN);
  p.addFunction(pkg, "FormatInt", p.signature({i64, i}, {str}), formatIntN);
  p.addFunction(pkg, "FormatUint", p.signature({u64, i}, {str}), formatUintN);
  p.addFunction(pkg, "FormatFloat", p.signature({f64, byte, i, i}, {str}), formatFloatN);
  p.addFunction(pkg, "FormatBool", p.signature({b}, {str}), formatBoolN);
  p.addFunction(pkg, "Quote", p.signature({str}, {str}), quoteN);
  p.addFunction(pkg, "QuoteToASCII", p.signature({str}, {str}), quoteToASCIIN);
  p.addFunction(pkg, "QuoteToGraphic", p.signature({str}, {str}), quoteToGraphicN);
  p.addFunction(pkg, "QuoteRune", p.signature({rune}, {str}), quoteRuneN);
  p.addFunction(pkg, "QuoteRuneToASCII", p.signature({rune}, {str}), quoteRuneToASCIIN);
  p.addFunction(pkg, "CanBackquote", p.signature({str}, {b}), canBackquoteN);
  p.addFunction(pkg, "IsPrint", p.signature({rune}, {b}), isPrintN);
  p.addFunction(pkg, "IsGraphic", p.signature({rune}, {b}), isGraphicN);
}

}  // namespace gol::stdlib
