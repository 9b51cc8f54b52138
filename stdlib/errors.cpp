// errors: values of Go's errors.errorString, fmt.wrapError and errors.joinError, and the
// functions that walk error chains through their Unwrap methods.
#include "stdlib/errors.h"

#include "interpreter/values/equality.h"
#include "stdlib/bind.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

const check::Type* stringType() {
  return check::basicType(check::BasicKind::String);
}
const check::Type* errType() {
  return check::errorType();
}

// A native struct type `pkg.name` with the given fields.
check::Named* nativeStruct(const char* pkg, const char* name,
                           std::initializer_list<check::StructField> fields) {
  auto* st = new check::Struct;
  st->fields.assign(fields);
  return nativeNamed(pkg, name, st);
}

const check::Slice* errorSlice() {
  return check::sliceOf(errType());
}

const check::Named* errorStringType();
const check::Named* wrapErrorType();
const check::Named* wrapErrorsType();
const check::Named* joinErrorType();

// The receiver of a method of the error type Type(): *T, its struct object.
template <const check::Named* (*Type)()>
struct Ptr {
  values::StructObject* obj = nullptr;
};
using ErrorStringPtr = Ptr<errorStringType>;
using WrapErrorPtr = Ptr<wrapErrorType>;
using WrapErrorsPtr = Ptr<wrapErrorsType>;
using JoinErrorPtr = Ptr<joinErrorType>;

// An `error` argument (an interface value, or nil), borrowed for the call.
struct ErrorArg {
  Value v;
};

// A string result that is a reference owned by the caller (a field's string, retained).
// An []error result owned by the caller.
struct ErrorSlice {
  Value v;
};

}  // namespace

template <const check::Named* (*Type)()>
struct GoType<Ptr<Type>> {
  static const check::Type* type() { return check::pointerTo(Type()); }
  static Ptr<Type> arg(const AnyValue& a) {
    return {static_cast<values::StructObject*>(a.value.p)};
  }
};

template <>
struct GoType<ErrorArg> {
  static const check::Type* type() { return errType(); }
  static ErrorArg arg(const AnyValue& a) { return {a.value}; }
};

template <>
struct GoType<ErrorSlice> {
  static const check::Type* type() { return errorSlice(); }
  static Value result(ErrorSlice s) { return s.v; }
};

namespace {

using errors::errorText;

// errors.errorString: Error() returns s.
OwnedString errorStringError(ErrorStringPtr e) {
  return {retained(e.obj->fields[0])};
}

// fmt.wrapError {msg, err}: Error() is msg, Unwrap() the error.
OwnedString wrapErrorError(WrapErrorPtr e) {
  return {retained(e.obj->fields[0])};
}
GoError wrapErrorUnwrap(WrapErrorPtr e) {
  return {retained(e.obj->fields[1])};
}

// fmt.wrapErrors {msg, errs}: Error() is msg, Unwrap() the errors.
OwnedString wrapErrorsError(WrapErrorsPtr e) {
  return {retained(e.obj->fields[0])};
}
ErrorSlice wrapErrorsUnwrap(WrapErrorsPtr e) {
  return {retained(e.obj->fields[1])};
}

// errors.joinError {errs}: the messages joined by newlines.
std::string joinErrorError(JoinErrorPtr e);
ErrorSlice joinErrorUnwrap(JoinErrorPtr e) {
  return {retained(e.obj->fields[0])};
}

const check::Named* errorStringType() {
  static check::Named* t = [] {
    auto* n = nativeStruct("errors", "errorString", {{"s", stringType(), false, ""}});
    bindMethod<&errorStringError>(n, "Error");
    return n;
  }();
  return t;
}

const check::Named* wrapErrorType() {
  static check::Named* t = [] {
    auto* n = nativeStruct("fmt", "wrapError",
                           {{"msg", stringType(), false, ""}, {"err", errType(), false, ""}});
    bindMethod<&wrapErrorError>(n, "Error");
    bindMethod<&wrapErrorUnwrap>(n, "Unwrap");
    return n;
  }();
  return t;
}

const check::Named* wrapErrorsType() {
  static check::Named* t = [] {
    auto* n = nativeStruct("fmt", "wrapErrors",
                           {{"msg", stringType(), false, ""}, {"errs", errorSlice(), false, ""}});
    bindMethod<&wrapErrorsError>(n, "Error");
    bindMethod<&wrapErrorsUnwrap>(n, "Unwrap");
    return n;
  }();
  return t;
}

const check::Named* joinErrorType() {
  static check::Named* t = [] {
    auto* n = nativeStruct("errors", "joinError", {{"errs", errorSlice(), false, ""}});
    bindMethod<&joinErrorError>(n, "Error");
    bindMethod<&joinErrorUnwrap>(n, "Unwrap");
    return n;
  }();
  return t;
}

std::string joinErrorError(JoinErrorPtr e) {
  values::SliceObject* errs = values::asSlice(e.obj->fields[0]);
  std::string s;
  for (int64_t k = 0; errs && k < errs->len(); ++k) {
    if (k) s += '\n';
    s += errorText(errs->base()[k]);
  }
  return s;
}

values::StructObject* newStruct(const check::Named* n) {
  return values::StructObject::make(static_cast<const check::Struct*>(n->underlying));
}

// Whether the dynamic value has a method `name` whose results are `results`.
bool hasMethod(const check::Type* t, const char* name, size_t params, const check::Type* result) {
  check::Selection sel;
  if (check::lookupFieldOrMethod(t, name, &sel) != check::LookupResult::Found ||
      sel.kind == check::Selection::Kind::Field) {
    return false;
  }
  const check::Signature* sig = sel.method->sig;
  if (sig->params.size() != params || sig->results.size() != 1 ||
      !check::identical(sig->results[0], result)) {
    return false;
  }
  return !(sel.kind == check::Selection::Kind::Method && sel.method->pointerRecv &&
           !check::asPointer(t) && !sel.indirect);
}

// Calls err's Unwrap: the single wrapped error (owned) in *one, or the list in *many.
enum class Unwrapped { None, One, Many };
Unwrapped unwrapError(Value err, Value* out) {
  values::IfaceObject* i = values::asIface(err);
  if (!i) return Unwrapped::None;
  AnyValue recv{i->type, i->value};
  if (hasMethod(i->type, "Unwrap", 0, errType())) {
    fmt::methodCaller(recv, "Unwrap", {}, out);
    return Unwrapped::One;
  }
  if (hasMethod(i->type, "Unwrap", 0, errorSlice())) {
    fmt::methodCaller(recv, "Unwrap", {}, out);
    return Unwrapped::Many;
  }
  return Unwrapped::None;
}

bool isError(Value err, Value target, bool targetComparable) {
  for (;;) {
    if (!err.p) return false;
    if (targetComparable) {
      values::IfaceObject* a = values::asIface(err);
      values::IfaceObject* b = values::asIface(target);
      if (check::identical(a->type, b->type) && check::comparable(a->type) &&
          values::equalValues(errType(), err, target)) {
        return true;
      }
    }
    values::IfaceObject* i = values::asIface(err);
    if (hasMethod(i->type, "Is", 1, check::basicType(check::BasicKind::Bool))) {
      Value out[2]{};
      AnyValue arg{errType(), target};
      fmt::methodCaller(AnyValue{i->type, i->value}, "Is", std::span<const AnyValue>(&arg, 1), out);
      if (out[0].i) return true;
    }
    Value next[2]{};
    switch (unwrapError(err, next)) {
      case Unwrapped::None: return false;
      case Unwrapped::One: {
        bool r = isError(next[0], target, targetComparable);
        values::releaseRef(next[0]);
        return r;
      }
      case Unwrapped::Many: {
        values::SliceObject* s = values::asSlice(next[0]);
        bool r = false;
        for (int64_t k = 0; s && k < s->len() && !r; ++k) {
          r = isError(s->base()[k], target, targetComparable);
        }
        values::releaseRef(next[0]);
        return r;
      }
    }
  }
}

bool is(ErrorArg err, ErrorArg target) {
  if (!err.v.p || !target.v.p) return err.v.p == target.v.p;
  bool comparable = check::comparable(values::asIface(target.v)->type);
  return isError(err.v, target.v, comparable);
}

bool asError(Value err, const check::Type* want, Value targetPtr) {
  if (!err.p) return false;
  values::IfaceObject* i = values::asIface(err);
  std::string reason;
  const check::Interface* wantIface = check::asInterface(want);
  bool match =
      wantIface ? check::implements(i->type, wantIface, &reason) : check::identical(i->type, want);
  if (match) {
    if (values::isAggregate(want)) {
      values::copyAggregateInto(static_cast<values::HeapObject*>(targetPtr.p),
                                static_cast<values::HeapObject*>(i->value.p));
    } else {
      Value v = wantIface ? err : i->value;
      if (values::isCounted(want)) values::retainRef(v);
      auto* p = static_cast<values::PointerObject*>(targetPtr.p);
      values::storeWith(p->storage, p->cell, v);
    }
    return true;
  }
  Value next[2]{};
  switch (unwrapError(err, next)) {
    case Unwrapped::None: return false;
    case Unwrapped::One: {
      bool r = asError(next[0], want, targetPtr);
      values::releaseRef(next[0]);
      return r;
    }
    case Unwrapped::Many: {
      values::SliceObject* s = values::asSlice(next[0]);
      bool r = false;
      for (int64_t k = 0; s && k < s->len() && !r; ++k) r = asError(s->base()[k], want, targetPtr);
      values::releaseRef(next[0]);
      return r;
    }
  }
  return false;
}

bool as(ErrorArg err, AnyValue target) {
  const check::Pointer* p = target.type ? check::asPointer(target.type) : nullptr;
  if (!p || !target.value.p) panicString("errors: target must be a non-nil pointer");
  const check::Type* want = p->elem;
  std::string reason;
  if (!check::asInterface(want) &&
      !check::implements(want, check::asInterface(errType()), &reason)) {
    panicString("errors: *target must be interface or implement error");
  }
  return asError(err.v, want, target.value);
}

GoError unwrap(ErrorArg err) {
  Value out[2]{};
  values::IfaceObject* i = values::asIface(err.v);
  if (i && hasMethod(i->type, "Unwrap", 0, errType())) {
    fmt::methodCaller(AnyValue{i->type, i->value}, "Unwrap", {}, out);
    return {out[0]};
  }
  return {};
}

// errors.New (`new` is a C++ keyword).
GoError newError(std::string_view text) {
  return {errors::newError(text)};
}

GoError join(Variadic<ErrorArg> args) {
  std::vector<Value> errs;
  for (size_t k = 0; k < args.size(); ++k) {
    if (Value v = args[k].v; v.p) errs.push_back(v);
  }
  if (errs.empty()) return {};
  values::SliceObject* s =
      values::makeSlice(static_cast<int64_t>(errs.size()), static_cast<int64_t>(errs.size()), true);
  for (size_t k = 0; k < errs.size(); ++k) s->base()[k] = retained(errs[k]);
  values::StructObject* obj = newStruct(joinErrorType());
  obj->fields[0] = Value{.p = s};
  return {errors::makeIface(check::pointerTo(joinErrorType()), Value{.p = obj})};
}

}  // namespace

namespace errors {

std::string errorText(Value err) {
  values::IfaceObject* i = values::asIface(err);
  if (!i) return "<nil>";
  Value out[2]{};
  if (!fmt::methodCaller || !fmt::methodCaller(AnyValue{i->type, i->value}, "Error", {}, out)) {
    return "";
  }
  std::string s(values::stringView(out[0]));
  values::releaseRef(out[0]);
  return s;
}

Value makeIface(const check::Type* dyn, Value v) {
  return Value{.p = new values::IfaceObject(dyn, v)};
}

Value newError(std::string_view msg) {
  values::StructObject* obj = newStruct(errorStringType());
  obj->fields[0] = stringResult(msg);
  return makeIface(check::pointerTo(errorStringType()), Value{.p = obj});
}

Value wrapErrors(std::string_view msg, std::span<const AnyValue> wrapped) {
  if (wrapped.empty()) return newError(msg);
  auto ifaceOf = [](const AnyValue& a) {
    if (check::asInterface(a.type)) return retained(a.value);
    if (values::isCounted(a.type)) values::retainRef(a.value);
    return makeIface(a.type, values::ownFor(values::storageOf(a.type), a.value));
  };
  if (wrapped.size() == 1) {
    values::StructObject* obj = newStruct(wrapErrorType());
    obj->fields[0] = stringResult(msg);
    obj->fields[1] = ifaceOf(wrapped[0]);
    return makeIface(check::pointerTo(wrapErrorType()), Value{.p = obj});
  }
  values::SliceObject* s = values::makeSlice(static_cast<int64_t>(wrapped.size()),
                                             static_cast<int64_t>(wrapped.size()), true);
  for (size_t k = 0; k < wrapped.size(); ++k) s->base()[k] = ifaceOf(wrapped[k]);
  values::StructObject* obj = newStruct(wrapErrorsType());
  obj->fields[0] = stringResult(msg);
  obj->fields[1] = Value{.p = s};
  return makeIface(check::pointerTo(wrapErrorsType()), Value{.p = obj});
}

}  // namespace errors

void registerErrors(Packages& p) {
  check::Package& pkg = p.package("errors", "errors");
  bind<&newError>(p, pkg, "New");
  bind<&is>(p, pkg, "Is");
  bind<&as>(p, pkg, "As");
  bind<&unwrap>(p, pkg, "Unwrap");
  bind<&join>(p, pkg, "Join");
}

}  // namespace gol::stdlib
