// errors: values of Go's errors.errorString, fmt.wrapError and errors.joinError, and the
// functions that walk error chains through their Unwrap methods.
#include "stdlib/errors.h"

#include "interpreter/values/equality.h"
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

void addMethod(check::Named* n, const char* name, std::initializer_list<const check::Type*> results,
               values::NativeFunction fn) {
  auto* sig = new check::Signature;
  sig->results.assign(results);
  addNativeMethod(n, name, sig, fn);
}

values::StructObject* receiver(std::span<const AnyValue> args) {
  return static_cast<values::StructObject*>(args[0].value.p);
}

Value retained(Value v) {
  values::retainRef(v);
  return v;
}

// errors.errorString: Error() returns s.
void errorStringError(std::span<const AnyValue> args, Value* results) {
  results[0] = retained(receiver(args)->fields[0]);
}

// fmt.wrapError {msg, err}: Error() is msg, Unwrap() the error.
void wrapErrorError(std::span<const AnyValue> args, Value* results) {
  results[0] = retained(receiver(args)->fields[0]);
}
void wrapErrorUnwrap(std::span<const AnyValue> args, Value* results) {
  results[0] = retained(receiver(args)->fields[1]);
}

const check::Slice* errorSlice() {
  return check::sliceOf(errType());
}

// errors.joinError {errs}: the messages joined by newlines.
void joinErrorError(std::span<const AnyValue> args, Value* results);
void joinErrorUnwrap(std::span<const AnyValue> args, Value* results) {
  results[0] = retained(receiver(args)->fields[0]);
}
void wrapErrorsUnwrap(std::span<const AnyValue> args, Value* results) {
  results[0] = retained(receiver(args)->fields[1]);
}

const check::Named* errorStringType() {
  static check::Named* t = [] {
    auto* n = nativeStruct("errors", "errorString", {{"s", stringType(), false, ""}});
    addMethod(n, "Error", {stringType()}, errorStringError);
    return n;
  }();
  return t;
}

const check::Named* wrapErrorType() {
  static check::Named* t = [] {
    auto* n = nativeStruct("fmt", "wrapError",
                           {{"msg", stringType(), false, ""}, {"err", errType(), false, ""}});
    addMethod(n, "Error", {stringType()}, wrapErrorError);
    addMethod(n, "Unwrap", {errType()}, wrapErrorUnwrap);
    return n;
  }();
  return t;
}

const check::Named* wrapErrorsType() {
  static check::Named* t = [] {
    auto* n = nativeStruct("fmt", "wrapErrors",
                           {{"msg", stringType(), false, ""}, {"errs", errorSlice(), false, ""}});
    addMethod(n, "Error", {stringType()}, wrapErrorError);
    addMethod(n, "Unwrap", {errorSlice()}, wrapErrorsUnwrap);
    return n;
  }();
  return t;
}

const check::Named* joinErrorType() {
  static check::Named* t = [] {
    auto* n = nativeStruct("errors", "joinError", {{"errs", errorSlice(), false, ""}});
    addMethod(n, "Error", {stringType()}, joinErrorError);
    addMethod(n, "Unwrap", {errorSlice()}, joinErrorUnwrap);
    return n;
  }();
  return t;
}

// The message of an error interface value.
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

void joinErrorError(std::span<const AnyValue> args, Value* results) {
  values::SliceObject* errs = values::asSlice(receiver(args)->fields[0]);
  std::string s;
  for (int64_t k = 0; errs && k < errs->len(); ++k) {
    if (k) s += '\n';
    s += errorText(errs->base()[k]);
  }
  results[0] = stringResult(s);
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
      case Unwrapped::None:
        return false;
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

void isNative(std::span<const AnyValue> args, Value* results) {
  Value err = args[0].value, target = args[1].value;
  if (!err.p || !target.p) {
    results[0] = boolResult(err.p == target.p);
    return;
  }
  bool comparable = check::comparable(values::asIface(target)->type);
  results[0] = boolResult(isError(err, target, comparable));
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
    case Unwrapped::None:
      return false;
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

void asNative(std::span<const AnyValue> args, Value* results) {
  const AnyValue& target = args[1];
  const check::Pointer* p = target.type ? check::asPointer(target.type) : nullptr;
  if (!p || !target.value.p) panicString("errors: target must be a non-nil pointer");
  const check::Type* want = p->elem;
  std::string reason;
  if (!check::asInterface(want) &&
      !check::implements(want, check::asInterface(errType()), &reason)) {
    panicString("errors: *target must be interface or implement error");
  }
  results[0] = boolResult(asError(args[0].value, want, target.value));
}

void unwrapNative(std::span<const AnyValue> args, Value* results) {
  Value out[2]{};
  values::IfaceObject* i = values::asIface(args[0].value);
  if (i && hasMethod(i->type, "Unwrap", 0, errType())) {
    fmt::methodCaller(AnyValue{i->type, i->value}, "Unwrap", {}, out);
    results[0] = out[0];
    return;
  }
  results[0] = Value{};
}

void newNative(std::span<const AnyValue> args, Value* results) {
  results[0] = errors::newError(values::stringView(args[0].value));
}

void joinNative(std::span<const AnyValue> args, Value* results) {
  std::vector<Value> errs;
  for (const AnyValue& a : args) {
    if (a.value.p) errs.push_back(a.value);
  }
  if (errs.empty()) {
    results[0] = Value{};
    return;
  }
  values::SliceObject* s =
      values::makeSlice(static_cast<int64_t>(errs.size()), static_cast<int64_t>(errs.size()), true);
  for (size_t k = 0; k < errs.size(); ++k) s->base()[k] = retained(errs[k]);
  values::StructObject* obj = newStruct(joinErrorType());
  obj->fields[0] = Value{.p = s};
  results[0] = errors::makeIface(check::pointerTo(joinErrorType()), Value{.p = obj});
}

}  // namespace

namespace errors {

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
  const check::Type* err = errType();
  const check::Type* any = check::anyType();
  const check::Type* boolean = check::basicType(check::BasicKind::Bool);
  check::Package& pkg = p.package("errors", "errors");
  p.addFunction(pkg, "New", p.signature({stringType()}, {err}), newNative);
  p.addFunction(pkg, "Is", p.signature({err, err}, {boolean}), isNative);
  p.addFunction(pkg, "As", p.signature({err, any}, {boolean}), asNative);
  p.addFunction(pkg, "Unwrap", p.signature({err}, {err}), unwrapNative);
  p.addFunction(pkg, "Join", p.signature({err}, {err}, true), joinNative);
}

}  // namespace gol::stdlib
