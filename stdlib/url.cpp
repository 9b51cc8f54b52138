// net/url: the URL struct and *Error (Error, Unwrap).
#include "stdlib/url.h"

#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/strconv.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace url {

namespace {

using values::AnyValue;
using values::Value;

const check::Type* strT() {
  return check::basicType(check::BasicKind::String);
}

check::Named* structType(const char* name, std::initializer_list<check::StructField> fields) {
  auto* st = new check::Struct;
  st->fields.assign(fields);
  return nativeNamed("net/url", name, st);
}

// A *url.Error receiver.
struct ErrorPtr {
  values::StructObject* e = nullptr;
};

}  // namespace

}  // namespace url

template <>
struct GoType<url::ErrorPtr> {
  static const check::Type* type() { return check::pointerTo(url::urlErrorType()); }
  static url::ErrorPtr arg(const values::AnyValue& a) {
    return {static_cast<values::StructObject*>(a.value.p)};
  }
};

namespace url {

namespace {

values::StructObject* deref(ErrorPtr p) {
  if (!p.e) nilPanic();
  return p.e;
}

std::string errorMessage(Value err) {
  values::IfaceObject* i = values::asIface(err);
  if (!i) return "<nil>";
  Value out[1]{};
  if (!fmt::methodCaller || !fmt::methodCaller(AnyValue{i->type, i->value}, "Error", {}, out))
    return "<error>";
  std::string s(values::stringView(out[0]));
  values::releaseRef(out[0]);
  return s;
}

// (*url.Error).Error(): Op "URL": Err
std::string urlErrorError(ErrorPtr p) {
  values::StructObject* e = deref(p);
  std::string s(values::stringView(e->fields[0]));
  s += " " + strconv::quote(values::stringView(e->fields[1])) + ": " + errorMessage(e->fields[2]);
  return s;
}

GoError urlErrorUnwrap(ErrorPtr p) {
  Value err = deref(p)->fields[2];
  values::retainRef(err);
  return {err};
}

}  // namespace

const check::Named* urlType() {
  static check::Named* t = structType("URL", {{"Scheme", strT(), false, ""},
                                              {"Host", strT(), false, ""},
                                              {"Path", strT(), false, ""},
                                              {"RawQuery", strT(), false, ""},
                                              {"Fragment", strT(), false, ""}});
  return t;
}

const check::Named* urlErrorType() {
  // Bound with the type, not at registration: http.Get makes url.Errors where net/url is
  // not imported.
  static check::Named* t = [] {
    check::Named* n = structType("Error", {{"Op", strT(), false, ""},
                                           {"URL", strT(), false, ""},
                                           {"Err", check::errorType(), false, ""}});
    bindMethod<&urlErrorError>(n, "Error");
    bindMethod<&urlErrorUnwrap>(n, "Unwrap");
    return n;
  }();
  return t;
}

Value newError(std::string_view op, std::string_view url, std::string_view msg) {
  auto* e =
      values::StructObject::make(static_cast<const check::Struct*>(urlErrorType()->underlying));
  e->fields[0] = stringResult(op);
  e->fields[1] = stringResult(url);
  e->fields[2] = errors::newError(msg);
  return errors::makeIface(check::pointerTo(urlErrorType()), Value{.p = e});
}

}  // namespace url

void registerUrl(Packages& p) {
  check::Package& pkg = p.package("net/url", "url");
  p.addType(pkg, "URL", url::urlType());
  p.addType(pkg, "Error", url::urlErrorType());
}

}  // namespace gol::stdlib
