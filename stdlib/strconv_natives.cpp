// strconv bindings over strconv.h. Parse errors are *strconv.NumError values (Func, Num,
// Err) whose Err is ErrSyntax, ErrRange or an errors.New value, as in Go.
#include <optional>
#include <string>
#include <tuple>

#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/packages.h"
#include "stdlib/strconv.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

// The receiver of *NumError's methods.
struct NumErrorPtr {
  values::StructObject* obj = nullptr;
};

// strconv.NumError without its methods, which refer to it as their receiver's type.
check::Named* numErrorNamed() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    const check::Type* str = check::basicType(check::BasicKind::String);
    st->fields = {
        {"Func", str, false, ""}, {"Num", str, false, ""}, {"Err", check::errorType(), false, ""}};
    return nativeNamed("strconv", "NumError", st);
  }();
  return n;
}

}  // namespace

template <>
struct GoType<NumErrorPtr> {
  static const check::Type* type() { return check::pointerTo(numErrorNamed()); }
  static NumErrorPtr arg(const values::AnyValue& a) {
    return {static_cast<values::StructObject*>(a.value.p)};
  }
};

namespace {

values::Value errSyntax{};
values::Value errRange{};

// Go's parameters where the C++ functions take an int (Go's int is int64_t here) or char.
std::string formatInt(Int64 i, int64_t base) {
  return strconv::formatInt(i.v, static_cast<int>(base));
}

std::string formatUint(uint64_t u, int64_t base) {
  return strconv::formatUint(u, static_cast<int>(base));
}

std::string formatFloat(double f, uint8_t fmt, int64_t prec, int64_t bitSize) {
  return strconv::formatFloat(f, static_cast<char>(fmt), static_cast<int>(prec),
                              static_cast<int>(bitSize));
}

// Go's FormatComplex: the parts as FormatFloat writes them at half the size, the
// imaginary part always signed.
std::string formatComplex(values::Complex c, uint8_t fmt, int64_t prec, int64_t bitSize) {
  if (bitSize != 64 && bitSize != 128) panicString("invalid bitSize");
  bitSize >>= 1;
  std::string im = formatFloat(c.im, fmt, prec, bitSize);
  if (im[0] != '+' && im[0] != '-') im = "+" + im;
  return "(" + formatFloat(c.re, fmt, prec, bitSize) + im + "i)";
}

// (*NumError).Error(): `strconv.Atoi: parsing "x": invalid syntax`.
std::string numErrorError(NumErrorPtr e) {
  std::string msg = "strconv." + std::string(values::stringView(e.obj->fields[0])) + ": parsing " +
                    strconv::quote(values::stringView(e.obj->fields[1])) + ": ";
  values::IfaceObject* err = values::asIface(e.obj->fields[2]);
  if (err) {
    auto* inner = static_cast<values::StructObject*>(err->value.p);
    msg += values::stringView(inner->fields[0]);
  } else {
    msg += "<nil>";
  }
  return msg;
}

GoError numErrorUnwrap(NumErrorPtr e) {
  values::retainRef(e.obj->fields[2]);
  return {e.obj->fields[2]};
}

const check::Named* numErrorType() {
  static check::Named* t = [] {
    check::Named* n = numErrorNamed();
    bindMethod<&numErrorError>(n, "Error");
    bindMethod<&numErrorUnwrap>(n, "Unwrap");
    return n;
  }();
  return t;
}

// The error result of a parse: nil, or a *NumError.
GoError parseError(const std::optional<strconv::NumError>& e) {
  if (!e) return {};
  auto* obj =
      values::StructObject::make(static_cast<const check::Struct*>(numErrorType()->underlying));
  obj->fields[0] = stringResult(e->func);
  obj->fields[1] = stringResult(e->num);
  values::Value err;
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
  return {errors::makeIface(check::pointerTo(numErrorType()), values::Value{.p = obj})};
}

// Go's parse results: the value and an error, where the C++ functions give a Parsed.
std::tuple<int64_t, GoError> atoi(std::string_view s) {
  auto r = strconv::atoi(s);
  return {r.value, parseError(r.error)};
}

std::tuple<Int64, GoError> parseInt(std::string_view s, int64_t base, int64_t bitSize) {
  auto r = strconv::parseInt(s, static_cast<int>(base), static_cast<int>(bitSize));
  return {Int64{r.value}, parseError(r.error)};
}

std::tuple<uint64_t, GoError> parseUint(std::string_view s, int64_t base, int64_t bitSize) {
  auto r = strconv::parseUint(s, static_cast<int>(base), static_cast<int>(bitSize));
  return {r.value, parseError(r.error)};
}

std::tuple<double, GoError> parseFloat(std::string_view s, int64_t bitSize) {
  auto r = strconv::parseFloat(s, static_cast<int>(bitSize));
  return {r.value, parseError(r.error)};
}

std::tuple<bool, GoError> parseBool(std::string_view s) {
  auto r = strconv::parseBool(s);
  return {r.value, parseError(r.error)};
}

std::tuple<std::string, GoError> unquote(std::string_view s) {
  std::optional<std::string> u = strconv::unquote(s);
  if (u) return {std::move(*u), GoError{}};
  values::retainRef(errSyntax);
  return {std::string(), GoError{errSyntax}};
}

}  // namespace

void registerStrconv(Packages& p) {
  using check::BasicKind;
  check::Package& pkg = p.package("strconv", "strconv");
  p.addConstant(pkg, "IntSize", check::basicType(BasicKind::UntypedInt),
                check::ConstValue::ofInt64(strconv::IntSize));
  bind<&strconv::itoa>(p, pkg, "Itoa");
  bind<&formatInt>(p, pkg, "FormatInt");
  bind<&formatUint>(p, pkg, "FormatUint");
  bind<&formatFloat>(p, pkg, "FormatFloat");
  bind<&formatComplex>(p, pkg, "FormatComplex");
  bind<&strconv::formatBool>(p, pkg, "FormatBool");
  bind<&strconv::quote>(p, pkg, "Quote");
  bind<&strconv::quoteToASCII>(p, pkg, "QuoteToASCII");
  bind<&strconv::quoteToGraphic>(p, pkg, "QuoteToGraphic");
  bind<&strconv::quoteRune>(p, pkg, "QuoteRune");
  bind<&strconv::quoteRuneToASCII>(p, pkg, "QuoteRuneToASCII");
  bind<&strconv::canBackquote>(p, pkg, "CanBackquote");
  bind<&strconv::isPrint>(p, pkg, "IsPrint");
  bind<&strconv::isGraphic>(p, pkg, "IsGraphic");
  const check::Type* err = check::errorType();
  if (!errSyntax.p) {
    errSyntax = errors::newError("invalid syntax");
    errRange = errors::newError("value out of range");
  }
  p.addVariable(pkg, "ErrSyntax", err, &errSyntax);
  p.addVariable(pkg, "ErrRange", err, &errRange);
  p.addType(pkg, "NumError", numErrorType());
  bind<&atoi>(p, pkg, "Atoi");
  bind<&parseInt>(p, pkg, "ParseInt");
  bind<&parseUint>(p, pkg, "ParseUint");
  bind<&parseFloat>(p, pkg, "ParseFloat");
  bind<&parseBool>(p, pkg, "ParseBool");
  bind<&unquote>(p, pkg, "Unquote");
}

}  // namespace gol::stdlib
