// strconv natives over strconv.h. Parse errors are *strconv.NumError values (Func, Num,
// Err) whose Err is ErrSyntax, ErrRange or an errors.New value, as in Go.
#include "stdlib/errors.h"
#include "stdlib/packages.h"
#include "stdlib/strconv.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

std::string_view S(std::span<const AnyValue> a, size_t i) {
  return values::stringView(a[i].value);
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

values::Value errSyntax{};
values::Value errRange{};

const check::Named* numErrorType();

// (*NumError).Error(): `strconv.Atoi: parsing "x": invalid syntax`.
void numErrorError(std::span<const AnyValue> a, Value* r) {
  auto* e = static_cast<values::StructObject*>(a[0].value.p);
  std::string msg = "strconv." + std::string(values::stringView(e->fields[0])) + ": parsing " +
                    strconv::quote(values::stringView(e->fields[1])) + ": ";
  values::IfaceObject* err = values::asIface(e->fields[2]);
  if (err) {
    auto* inner = static_cast<values::StructObject*>(err->value.p);
    msg += values::stringView(inner->fields[0]);
  } else {
    msg += "<nil>";
  }
  r[0] = stringResult(msg);
}

void numErrorUnwrap(std::span<const AnyValue> a, Value* r) {
  auto* e = static_cast<values::StructObject*>(a[0].value.p);
  values::retainRef(e->fields[2]);
  r[0] = e->fields[2];
}

const check::Named* numErrorType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    const check::Type* str = check::basicType(check::BasicKind::String);
    st->fields = {{"Func", str, false, ""}, {"Num", str, false, ""}, {"Err", check::errorType(), false, ""}};
    check::Named* n = nativeNamed("strconv", "NumError", st);
    auto method = [&](const char* name, const check::Type* result, values::NativeFunction fn) {
      auto* sig = new check::Signature;
      sig->results.push_back(result);
      addNativeMethod(n, name, sig, fn);
    };
    method("Error", str, numErrorError);
    method("Unwrap", check::errorType(), numErrorUnwrap);
    return n;
  }();
  return t;
}

// The error result of a parse: nil, or a *NumError.
Value parseError(const std::optional<strconv::NumError>& e) {
  if (!e) return Value{};
  auto* obj = values::StructObject::make(static_cast<const check::Struct*>(numErrorType()->underlying));
  obj->fields[0] = stringResult(e->func);
  obj->fields[1] = stringResult(e->num);
  Value err;
  if (e->kind == strconv::NumError::Kind::Syntax) {
    err = errSyntax;
    values::retainRef(err);
  } else if (e->kind == strconv::NumError::Kind::Range) {
    err = errRange;
    values::retainRef(err);
  } else {
    err = errors::newError(e->err);
  }
  obj->fields[2] = err;
  return errors::makeIface(check::pointerTo(numErrorType()), Value{.p = obj});
}

void atoiN(std::span<const AnyValue> a, Value* r) {
  auto p = strconv::atoi(S(a, 0));
  r[0] = intResult(p.value);
  r[1] = parseError(p.error);
}

void parseIntN(std::span<const AnyValue> a, Value* r) {
  auto p = strconv::parseInt(S(a, 0), static_cast<int>(a[1].value.i), static_cast<int>(a[2].value.i));
  r[0] = intResult(p.value);
  r[1] = parseError(p.error);
}

void parseUintN(std::span<const AnyValue> a, Value* r) {
  auto p = strconv::parseUint(S(a, 0), static_cast<int>(a[1].value.i), static_cast<int>(a[2].value.i));
  r[0].u = p.value;
  r[1] = parseError(p.error);
}

void parseFloatN(std::span<const AnyValue> a, Value* r) {
  auto p = strconv::parseFloat(S(a, 0), static_cast<int>(a[1].value.i));
  r[0] = floatResult(p.value);
  r[1] = parseError(p.error);
}

void parseBoolN(std::span<const AnyValue> a, Value* r) {
  auto p = strconv::parseBool(S(a, 0));
  r[0] = boolResult(p.value);
  r[1] = parseError(p.error);
}

void unquoteN(std::span<const AnyValue> a, Value* r) {
  auto s = strconv::unquote(S(a, 0));
  r[0] = stringResult(s ? *s : "");
  if (s) {
    r[1] = Value{};
  } else {
    r[1] = errSyntax;
    values::retainRef(r[1]);
  }
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
  const check::Type* err = check::errorType();
  if (!errSyntax.p) {
    errSyntax = errors::newError("invalid syntax");
    errRange = errors::newError("value out of range");
  }
  p.addVariable(pkg, "ErrSyntax", err, &errSyntax);
  p.addVariable(pkg, "ErrRange", err, &errRange);
  p.addType(pkg, "NumError", numErrorType());
  p.addFunction(pkg, "Atoi", p.signature({str}, {i, err}), atoiN);
  p.addFunction(pkg, "ParseInt", p.signature({str, i, i}, {i64, err}), parseIntN);
  p.addFunction(pkg, "ParseUint", p.signature({str, i, i}, {u64, err}), parseUintN);
  p.addFunction(pkg, "ParseFloat", p.signature({str, i}, {f64, err}), parseFloatN);
  p.addFunction(pkg, "ParseBool", p.signature({str}, {b, err}), parseBoolN);
  p.addFunction(pkg, "Unquote", p.signature({str}, {str, err}), unquoteN);
}

}  // namespace gol::stdlib
