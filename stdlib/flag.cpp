// flag: command-line flag parsing as Go's flag package (Go 1.19), with the same messages,
// exit statuses and PrintDefaults layout.
//
// A *FlagSet is a struct object with the exported field Usage (func()) and a hidden index
// into states(), where the C++ state of the set lives (its flags, arguments, output); the
// index is set on first use, so a zero FlagSet works. States live as long as the process.
// A *Flag is a struct object of Go's layout (Name, Usage, Value, DefValue), held by its
// set. The built-in values are pointers to the program's variables typed as the named
// types boolValue, intValue, ... (as Go's (*stringValue)(p)): flag.String's result and its
// Flag's Value share the variable. A value the program supplies (Var) is an interface value
// whose String and Set run through fmt::methodCaller.
//
// os.Args and os.Stderr are read from the os package's cells, which registerFlag registers
// (as Go's flag imports os): CommandLine is named after os.Args[0] as it is then.
#include <array>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/check/lookup.h"
#include "interpreter/values/native_closure.h"
#include "interpreter/values/panic.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/strconv.h"
#include "stdlib/support.h"
#include "stdlib/time.h"
#include "stdlib/timefmt.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

const check::Type* stringT() {
  return check::basicType(check::BasicKind::String);
}

// The kinds of built-in flag values, each a named type of the package (Go's boolValue ...).
enum class Kind : uint8_t { Bool, Int, Int64, Uint, Uint64, String, Float64, Duration, Func };
constexpr int kKinds = 9;

const check::Signature* setSig() {
  static const check::Signature* s = nativeSignature({stringT()}, {check::errorType()});
  return s;
}
const check::Signature* stringSig() {
  static const check::Signature* s = nativeSignature({}, {stringT()});
  return s;
}
const check::Signature* funcSig() {
  static const check::Signature* s = nativeSignature({}, {});
  return s;
}

// flag.Value.
const check::Named* valueType() {
  static check::Named* t = [] {
    auto* i = new check::Interface;
    check::Method set;
    set.name = "Set";
    set.sig = setSig();
    check::Method str;
    str.name = "String";
    str.sig = stringSig();
    i->methods = {set, str};  // sorted by name
    return nativeNamed("flag", "Value", i);
  }();
  return t;
}

const check::Named* flagType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"Name", stringT(), false, ""},
                  {"Usage", stringT(), false, ""},
                  {"Value", valueType(), false, ""},
                  {"DefValue", stringT(), false, ""}};
    return nativeNamed("flag", "Flag", st);
  }();
  return t;
}
enum FlagField { kName, kUsage, kValue, kDefValue };

check::Named* flagSetType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"Usage", funcSig(), false, ""},
                  {"impl", check::basicType(check::BasicKind::Int), false, ""}};
    return nativeNamed("flag", "FlagSet", st);
  }();
  return t;
}
enum FlagSetField { kSetUsage, kSetImpl };

const check::Named* errorHandlingType() {
  static check::Named* t =
      nativeNamed("flag", "ErrorHandling", check::basicType(check::BasicKind::Int));
  return t;
}

// The C++ state of one FlagSet.
struct FlagSetState {
  std::string name;
  int64_t errorHandling = 0;  // ContinueOnError, ExitOnError, PanicOnError
  bool parsed = false;
  std::map<std::string, Value> formal;  // the defined *Flags, retained; sorted by name
  std::map<std::string, Value> actual;  // those set, borrowed from formal
  std::vector<std::string> args;        // the arguments left after the flags
  Value output{};                       // an io.Writer (retained), or nil for os.Stderr
};

std::mutex statesMu;  // guards states()'s growth; Go's FlagSets are not safe to share

std::deque<FlagSetState>& states() {
  static auto* d = new std::deque<FlagSetState>;  // never destroyed: values outlive main
  return *d;
}

// Allocates a state; returns its index + 1 (0 is a FlagSet not yet used).
int64_t newState(std::string name, int64_t errorHandling) {
  std::lock_guard lock(statesMu);
  FlagSetState& s = states().emplace_back();
  s.name = std::move(name);
  s.errorHandling = errorHandling;
  return static_cast<int64_t>(states().size());
}

FlagSetState& stateAt(int64_t impl) {
  std::lock_guard lock(statesMu);
  return states()[static_cast<size_t>(impl - 1)];
}

// A *FlagSet receiver or result.
struct FlagSetPtr {
  values::StructObject* obj = nullptr;
};

FlagSetState& stateOf(FlagSetPtr f) {
  if (!f.obj) nilPanic();
  if (f.obj->fields[kSetImpl].i == 0) f.obj->fields[kSetImpl].i = newState("", 0);
  return stateAt(f.obj->fields[kSetImpl].i);
}

// --- the os package's variables ----------------------------------------------------------

Packages* packages = nullptr;  // set by registerFlag; lives as long as the process

Value* osCell(const char* name) {
  const check::Package* os = packages->import("os");
  return static_cast<Value*>(os->members.at(name).nativeCell);
}

std::string argsZero() {
  values::SliceObject* args = values::asSlice(*osCell("Args"));
  if (!args || args->len() == 0) return "";
  return std::string(values::stringView(args->base()[0]));
}

// --- values, errors and output ---------------------------------------------------------

Value& errParse() {
  static auto* cell = new Value(errors::newError("parse error"));
  return *cell;
}
Value& errRange() {
  static auto* cell = new Value(errors::newError("value out of range"));
  return *cell;
}
Value& errHelp() {
  static auto* cell = new Value(errors::newError("flag: help requested"));
  return *cell;
}

GoError retainedError(Value err) {
  values::retainRef(err);
  return {err};
}

// A call of a method of the program's (or a built-in) value; false if it has none.
bool callMethod(Value iface, const char* name, std::span<const AnyValue> args, Value* results) {
  values::IfaceObject* i = values::asIface(iface);
  if (!i) nilPanic();
  return fmt::methodCaller(AnyValue{i->type, i->value}, name, args, results);
}

std::string takeString(Value s) {
  std::string out(values::stringView(s));
  values::releaseRef(s);
  return out;
}

std::string valueString(Value iface) {
  Value out[1]{};
  callMethod(iface, "String", {}, out);
  return takeString(out[0]);
}

// value.Set(text): the error it returns (owned), or nil.
Value valueSet(Value iface, std::string_view text) {
  AnyValue arg{stringT(), stringResult(text)};
  Value out[1]{};
  callMethod(iface, "Set", std::span<const AnyValue>(&arg, 1), out);
  values::releaseRef(arg.value);
  return out[0];
}

std::string errorText(Value err) {
  Value out[1]{};
  callMethod(err, "Error", {}, out);
  return takeString(out[0]);
}

void writeOutput(const FlagSetState& s, std::string_view text) {
  values::IfaceObject* w = values::asIface(s.output);
  if (!w) {
    writeStderr(text);
    return;
  }
  AnyValue arg{check::sliceOf(check::basicType(check::BasicKind::Uint8)), newBytes(text).slice};
  Value out[2]{};
  fmt::methodCaller(AnyValue{w->type, w->value}, "Write", std::span<const AnyValue>(&arg, 1), out);
  values::releaseRef(arg.value);
  values::releaseRef(out[1]);
}

// Go's f.sprintf: the message, also printed on the set's output.
std::string sprintf(const FlagSetState& s, std::string msg) {
  writeOutput(s, msg + "\n");
  return msg;
}

// --- the built-in value types -----------------------------------------------------------

// The receiver of a built-in value's methods: the pointer to the program's variable.
struct Target {
  values::PointerObject* ptr = nullptr;
};
// funcValue's receiver: the function.
struct FuncTarget {
  Value fn{};
};

}  // namespace

template <>
struct GoType<Target> {
  static Target arg(const AnyValue& a) { return {static_cast<values::PointerObject*>(a.value.p)}; }
};
template <>
struct GoType<FuncTarget> {
  static FuncTarget arg(const AnyValue& a) { return {a.value}; }
};
template <>
struct GoType<FlagSetPtr> {
  static const check::Type* type() { return check::pointerTo(flagSetType()); }
  static FlagSetPtr arg(const AnyValue& a) {
    return {static_cast<values::StructObject*>(a.value.p)};
  }
  static Value result(FlagSetPtr f) { return Value{.p = f.obj}; }
};

namespace {

// A *T parameter or result (flag.IntVar's p, flag.Int's result); owned as a result.
template <typename T>
struct PtrTo {
  Value p{};
};

// A func(string) error (flag.Func's fn), a func(*Flag) (Visit's fn).
struct SetFunc {
  Value fn{};
};
struct VisitFunc {
  Value fn{};
};
// A *Flag result (Lookup): owned, or nil.
struct FlagPtr {
  Value flag{};
};
struct ErrorHandling {
  int64_t v = 0;
};
// An io.Writer (SetOutput's argument, Output's result).
struct Writer {
  Value iface{};
};
// A flag.Value argument (Var's value): an interface value, borrowed.
struct ValueArg {
  Value v{};
};

}  // namespace

template <typename T>
struct GoType<PtrTo<T>> {
  static const check::Type* type() { return check::pointerTo(GoType<T>::type()); }
  static PtrTo<T> arg(const AnyValue& a) { return {a.value}; }
  static Value result(PtrTo<T> x) { return x.p; }
};
template <>
struct GoType<SetFunc> {
  static const check::Type* type() { return setSig(); }
  static SetFunc arg(const AnyValue& a) { return {a.value}; }
};
template <>
struct GoType<VisitFunc> {
  static const check::Type* type() {
    static const check::Signature* s = nativeSignature({check::pointerTo(flagType())}, {});
    return s;
  }
  static VisitFunc arg(const AnyValue& a) { return {a.value}; }
};
template <>
struct GoType<FlagPtr> {
  static const check::Type* type() { return check::pointerTo(flagType()); }
  static Value result(FlagPtr f) { return f.flag; }
};
template <>
struct GoType<ErrorHandling> {
  static const check::Type* type() { return errorHandlingType(); }
  static ErrorHandling arg(const AnyValue& a) { return {a.value.i}; }
  static Value result(ErrorHandling e) { return values::intValue(e.v); }
};
template <>
struct GoType<ValueArg> {
  static const check::Type* type() { return valueType(); }
  static ValueArg arg(const AnyValue& a) { return {a.value}; }
};
template <>
struct GoType<Writer> {
  static const check::Type* type() { return ioWriterType(); }
  static Writer arg(const AnyValue& a) { return {a.value}; }
  static Value result(Writer w) { return w.iface; }
};

namespace {

// The named type of a built-in kind, with its methods.
const check::Named* kindType(Kind k);

const char* const kKindNames[kKinds] = {"boolValue",    "intValue",      "int64Value",
                                        "uintValue",    "uint64Value",   "stringValue",
                                        "float64Value", "durationValue", "funcValue"};

Value* cellOf(Target t) {
  if (!t.ptr) nilPanic();
  return t.ptr->cell;
}

// Go's numError: strconv's syntax and range errors become the package's own.
GoError numError(const std::optional<strconv::NumError>& e) {
  if (!e) return {};
  // Other NumErrors (a bad base or bit size) cannot come from the bases used here.
  return retainedError(e->kind == strconv::NumError::Kind::Range ? errRange() : errParse());
}

template <Kind K>
std::string kindString(Target t) {
  Value v = *cellOf(t);
  if constexpr (K == Kind::Bool) return v.i ? "true" : "false";
  if constexpr (K == Kind::Int || K == Kind::Int64) return std::to_string(v.i);
  if constexpr (K == Kind::Uint || K == Kind::Uint64) return std::to_string(v.u);
  if constexpr (K == Kind::String) return std::string(values::stringView(v));
  if constexpr (K == Kind::Float64) return strconv::formatFloat(v.f, 'g', -1, 64);
  if constexpr (K == Kind::Duration) return timefmt::durationString(v.i);
  return "";
}

// Set stores the parsed value even when parsing fails (zero, or the limit for a range
// error), as Go does.
template <Kind K>
GoError kindSet(Target t, std::string_view s) {
  Value* cell = cellOf(t);
  if constexpr (K == Kind::String) {
    values::storeRef(cell, stringResult(s));
    return {};
  } else if constexpr (K == Kind::Bool) {
    auto r = strconv::parseBool(s);
    cell->i = r.value ? 1 : 0;
    return r.error ? retainedError(errParse()) : GoError{};
  } else if constexpr (K == Kind::Int || K == Kind::Int64) {
    auto r = strconv::parseInt(s, 0, 64);
    cell->i = r.value;
    return numError(r.error);
  } else if constexpr (K == Kind::Uint || K == Kind::Uint64) {
    auto r = strconv::parseUint(s, 0, 64);
    cell->u = r.value;
    return numError(r.error);
  } else if constexpr (K == Kind::Float64) {
    auto r = strconv::parseFloat(s, 64);
    cell->f = r.value;
    return numError(r.error);
  } else {
    static_assert(K == Kind::Duration);
    timefmt::ParsedDuration r = timefmt::parseDuration(s);
    cell->i = r.error.empty() ? r.value : 0;
    return r.error.empty() ? GoError{} : retainedError(errParse());
  }
}

bool boolIsBoolFlag(Target) {
  return true;
}

std::string funcString(FuncTarget) {
  return "";
}

GoError funcSet(FuncTarget f, std::string_view s) {
  Value arg = stringResult(s);
  Value out[1]{};
  fmt::funcCaller(f.fn, std::span<const Value>(&arg, 1), out);
  return {out[0]};
}

template <Kind K>
check::Named* makeKindType(const check::Type* underlying) {
  check::Named* n = nativeNamed("flag", kKindNames[static_cast<int>(K)], underlying);
  bindMethod<&kindString<K>>(n, "String");
  bindMethod<&kindSet<K>>(n, "Set");
  return n;
}

const check::Named* kindType(Kind k) {
  static const std::array<const check::Named*, kKinds> types = [] {
    using check::BasicKind;
    check::Named* b = makeKindType<Kind::Bool>(check::basicType(BasicKind::Bool));
    bindMethod<&boolIsBoolFlag>(b, "IsBoolFlag");
    check::Named* fn = nativeNamed("flag", "funcValue", setSig());
    bindMethod<&funcString>(fn, "String", false);
    bindMethod<&funcSet>(fn, "Set", false);
    return std::array<const check::Named*, kKinds>{
        b,
        makeKindType<Kind::Int>(check::basicType(BasicKind::Int)),
        makeKindType<Kind::Int64>(check::basicType(BasicKind::Int64)),
        makeKindType<Kind::Uint>(check::basicType(BasicKind::Uint)),
        makeKindType<Kind::Uint64>(check::basicType(BasicKind::Uint64)),
        makeKindType<Kind::String>(stringT()),
        makeKindType<Kind::Float64>(check::basicType(BasicKind::Float64)),
        makeKindType<Kind::Duration>(check::basicType(BasicKind::Int64)),
        fn};
  }();
  return types[static_cast<int>(k)];
}

// The built-in kind of a Value's dynamic type, if it is one.
std::optional<Kind> kindOf(const check::Type* dyn) {
  for (int k = 0; k < kKinds; ++k) {
    const check::Type* t = kindType(static_cast<Kind>(k));
    if (static_cast<Kind>(k) != Kind::Func) t = check::pointerTo(t);
    if (check::identical(dyn, t)) return static_cast<Kind>(k);
  }
  return std::nullopt;
}

// --- defining flags ----------------------------------------------------------------------

void define(FlagSetPtr f, Value value, std::string_view name, std::string_view usage) {
  FlagSetState& s = stateOf(f);
  std::string quoted = strconv::quote(name);
  if (!name.empty() && name[0] == '-') panicString(sprintf(s, "flag " + quoted + " begins with -"));
  if (name.find('=') != std::string_view::npos) {
    panicString(sprintf(s, "flag " + quoted + " contains ="));
  }
  std::string defValue = valueString(value);
  std::string key(name);
  if (s.formal.count(key)) {
    const std::string& setName = s.name;
    panicString(sprintf(
        s, setName.empty() ? "flag redefined: " + key : setName + " flag redefined: " + key));
  }
  auto* flag =
      values::StructObject::make(static_cast<const check::Struct*>(flagType()->underlying));
  flag->fields[kName] = stringResult(name);
  flag->fields[kUsage] = stringResult(usage);
  values::retainRef(value);
  flag->fields[kValue] = value;
  flag->fields[kDefValue] = stringResult(defValue);
  s.formal[key] = Value{.p = flag};
}

// Go's newXValue then Var: *p = value, and p typed as the kind's value type.
template <Kind K, typename T>
void defineVar(FlagSetPtr f, PtrTo<T> p, std::string_view name, T value, std::string_view usage) {
  auto* ptr = static_cast<values::PointerObject*>(p.p.p);
  if (!ptr) nilPanic();
  values::storeWith(ptr->storage, ptr->cell, GoType<T>::result(value));
  values::retainRef(p.p);
  Value iface = errors::makeIface(check::pointerTo(kindType(K)), p.p);
  // define panics on a bad or redefined name: the value is released either way.
  struct Release {
    Value v;
    ~Release() { values::releaseRef(v); }
  } release{iface};
  define(f, iface, name, usage);
}

template <Kind K, typename T>
PtrTo<T> defineNew(FlagSetPtr f, std::string_view name, T value, std::string_view usage) {
  Value p{.p = new values::BoxObject(values::isCounted(GoType<T>::type()))};
  try {
    defineVar<K>(f, PtrTo<T>{p}, name, value, usage);
  } catch (...) {
    values::releaseRef(p);
    throw;
  }
  return {p};
}

Value commandLineCell{};  // flag.CommandLine, a *FlagSet

FlagSetPtr commandLine() {
  return {static_cast<values::StructObject*>(commandLineCell.p)};
}

template <Kind K, typename T>
void setVar(FlagSetPtr f, PtrTo<T> p, std::string_view name, T value, std::string_view usage) {
  defineVar<K>(f, p, name, value, usage);
}
template <Kind K, typename T>
void topVar(PtrTo<T> p, std::string_view name, T value, std::string_view usage) {
  defineVar<K>(commandLine(), p, name, value, usage);
}
template <Kind K, typename T>
PtrTo<T> setNew(FlagSetPtr f, std::string_view name, T value, std::string_view usage) {
  return defineNew<K>(f, name, value, usage);
}
template <Kind K, typename T>
PtrTo<T> topNew(std::string_view name, T value, std::string_view usage) {
  return defineNew<K>(commandLine(), name, value, usage);
}

void setValueVar(FlagSetPtr f, ValueArg value, std::string_view name, std::string_view usage) {
  define(f, value.v, name, usage);
}
void topValueVar(ValueArg value, std::string_view name, std::string_view usage) {
  define(commandLine(), value.v, name, usage);
}

void setFunc(FlagSetPtr f, std::string_view name, std::string_view usage, SetFunc fn) {
  values::retainRef(fn.fn);
  Value iface = errors::makeIface(kindType(Kind::Func), fn.fn);
  define(f, iface, name, usage);
  values::releaseRef(iface);
}
void topFunc(std::string_view name, std::string_view usage, SetFunc fn) {
  setFunc(commandLine(), name, usage, fn);
}

// --- usage -------------------------------------------------------------------------------

// Go's UnquoteUsage: the name in backquotes in the usage (which loses the quotes), else a
// name for the value's type ("" for a boolean flag).
std::pair<std::string, std::string> unquoteUsage(values::StructObject* flag) {
  std::string usage(values::stringView(flag->fields[kUsage]));
  size_t open = usage.find('`');
  if (open != std::string::npos) {
    size_t close = usage.find('`', open + 1);
    if (close != std::string::npos) {
      std::string name = usage.substr(open + 1, close - open - 1);
      return {name, usage.substr(0, open) + name + usage.substr(close + 1)};
    }
  }
  values::IfaceObject* v = values::asIface(flag->fields[kValue]);
  if (!v) return {"value", usage};
  check::Selection sel;
  if (check::lookupFieldOrMethod(v->type, "IsBoolFlag", &sel) == check::LookupResult::Found &&
      sel.kind != check::Selection::Kind::Field) {
    return {"", usage};
  }
  std::optional<Kind> k = kindOf(v->type);
  const char* name = "value";
  if (k == Kind::Duration) name = "duration";
  if (k == Kind::Float64) name = "float";
  if (k == Kind::Int || k == Kind::Int64) name = "int";
  if (k == Kind::String) name = "string";
  if (k == Kind::Uint || k == Kind::Uint64) name = "uint";
  return {name, usage};
}

// Go's isZeroValue: whether text is what String gives for a new zero value of the flag's
// type (for a pointer type, a pointer to a new zero variable).
bool isZeroValue(values::StructObject* flag, std::string_view text) {
  values::IfaceObject* v = values::asIface(flag->fields[kValue]);
  if (!v) return text.empty();
  const check::Type* typ = v->type;
  Value zero;
  if (const check::Pointer* ptr = check::asPointer(typ)) {
    if (values::isAggregate(ptr->elem)) {
      zero = values::zeroValue(ptr->elem);
    } else {
      auto* box = new values::BoxObject(values::isCounted(ptr->elem));
      box->value = values::zeroValue(ptr->elem);
      zero = Value{.p = box};
    }
  } else {
    zero = values::zeroValue(typ);
  }
  Value out[1]{};
  bool called = fmt::methodCaller(AnyValue{typ, zero}, "String", {}, out);
  if (values::isCounted(typ)) values::releaseRef(zero);
  return called && takeString(out[0]) == text;
}

void printDefaults(const FlagSetState& s) {
  std::vector<Value> flags;
  for (const auto& [name, flag] : s.formal) flags.push_back(flag);
  for (Value f : flags) {
    auto* flag = static_cast<values::StructObject*>(f.p);
    std::string line = "  -" + std::string(values::stringView(flag->fields[kName]));
    auto [name, usage] = unquoteUsage(flag);
    if (!name.empty()) line += " " + name;
    line += line.size() <= 4 ? "\t" : "\n    \t";
    for (char c : usage) line += c == '\n' ? std::string("\n    \t") : std::string(1, c);
    std::string_view defValue = values::stringView(flag->fields[kDefValue]);
    if (!isZeroValue(flag, defValue)) {
      values::IfaceObject* v = values::asIface(flag->fields[kValue]);
      bool isString = v && kindOf(v->type) == Kind::String;
      line += " (default " + (isString ? strconv::quote(defValue) : std::string(defValue)) + ")";
    }
    writeOutput(s, line + "\n");
  }
}

void defaultUsage(const FlagSetState& s) {
  writeOutput(s, s.name.empty() ? "Usage:\n" : "Usage of " + s.name + ":\n");
  printDefaults(s);
}

void callFunc(Value fn) {
  values::retainRef(fn);  // the call may replace the variable holding it
  Value none[1]{};
  fmt::funcCaller(fn, {}, none);
  values::releaseRef(fn);
}

// f.Usage, or the default usage when it is nil.
void usage(FlagSetPtr f) {
  Value fn = f.obj->fields[kSetUsage];
  if (fn.p) {
    callFunc(fn);
  } else {
    defaultUsage(stateOf(f));
  }
}

// The body of the Usage a NewFlagSet gets: the default usage of the set bound by index.
void defaultUsageBody(Value bound, const Value*, Value*) {
  defaultUsage(stateAt(bound.i));
}

const values::FuncCode* defaultUsageCode() {
  static const values::FuncCode* code =
      values::nativeFuncCode("flag.(*FlagSet).defaultUsage-fm", funcSig(), &defaultUsageBody);
  return code;
}

Value usageCell{};  // flag.Usage

// flag.Usage's initial value: "Usage of os.Args[0]:" and CommandLine's defaults.
void commandLineDefaultUsageBody(Value, const Value*, Value*) {
  const FlagSetState& s = stateOf(commandLine());
  writeOutput(s, "Usage of " + argsZero() + ":\n");
  printDefaults(s);
}

// CommandLine.Usage: calls flag.Usage, which the program may have replaced.
void commandLineUsageBody(Value, const Value*, Value*) {
  callFunc(usageCell);
}

// --- parsing -----------------------------------------------------------------------------

Value failf(FlagSetPtr f, const std::string& msg) {
  sprintf(stateOf(f), msg);
  usage(f);
  return errors::newError(msg);
}

bool isBoolFlag(Value iface) {
  values::IfaceObject* v = values::asIface(iface);
  check::Selection sel;
  if (!v || check::lookupFieldOrMethod(v->type, "IsBoolFlag", &sel) != check::LookupResult::Found ||
      sel.kind == check::Selection::Kind::Field) {
    return false;
  }
  Value out[1]{};
  return callMethod(iface, "IsBoolFlag", {}, out) && out[0].i != 0;
}

// Go's parseOne: true when a flag was consumed; *err is set (owned) on an error.
bool parseOne(FlagSetPtr f, Value* err) {
  FlagSetState& s = stateOf(f);
  if (s.args.empty()) return false;
  std::string arg = s.args[0];
  if (arg.size() < 2 || arg[0] != '-') return false;
  size_t minuses = 1;
  if (arg[1] == '-') {
    minuses = 2;
    if (arg.size() == 2) {  // "--" ends the flags
      s.args.erase(s.args.begin());
      return false;
    }
  }
  std::string name = arg.substr(minuses);
  if (name.empty() || name[0] == '-' || name[0] == '=') {
    *err = failf(f, "bad flag syntax: " + arg);
    return false;
  }
  s.args.erase(s.args.begin());
  bool hasValue = false;
  std::string value;
  size_t eq = name.find('=', 1);
  if (eq != std::string::npos) {
    value = name.substr(eq + 1);
    hasValue = true;
    name.resize(eq);
  }
  auto it = s.formal.find(name);
  if (it == s.formal.end()) {
    if (name == "help" || name == "h") {
      usage(f);
      *err = errHelp();
      values::retainRef(*err);
      return false;
    }
    *err = failf(f, "flag provided but not defined: -" + name);
    return false;
  }
  Value flag = it->second;
  Value flagValue = static_cast<values::StructObject*>(flag.p)->fields[kValue];
  if (isBoolFlag(flagValue)) {
    Value e = valueSet(flagValue, hasValue ? value : "true");
    if (e.p) {
      std::string text = errorText(e);
      values::releaseRef(e);
      *err = failf(f, hasValue ? "invalid boolean value " + strconv::quote(value) + " for -" +
                                     name + ": " + text
                               : "invalid boolean flag " + name + ": " + text);
      return false;
    }
  } else {
    if (!hasValue && !s.args.empty()) {
      hasValue = true;
      value = s.args[0];
      s.args.erase(s.args.begin());
    }
    if (!hasValue) {
      *err = failf(f, "flag needs an argument: -" + name);
      return false;
    }
    Value e = valueSet(flagValue, value);
    if (e.p) {
      std::string text = errorText(e);
      values::releaseRef(e);
      *err =
          failf(f, "invalid value " + strconv::quote(value) + " for flag -" + name + ": " + text);
      return false;
    }
  }
  stateOf(f).actual[name] = flag;
  return true;
}

GoError parse(FlagSetPtr f, std::vector<std::string_view> arguments) {
  FlagSetState& s = stateOf(f);
  s.parsed = true;
  s.args.assign(arguments.begin(), arguments.end());
  Value err{};
  while (parseOne(f, &err)) {
  }
  if (!err.p) return {};
  switch (stateOf(f).errorHandling) {
    case 1: {  // ExitOnError
      bool help = err.p == errHelp().p;
      values::releaseRef(err);
      throw values::ExitRequest{help ? 0 : 2};
    }
    case 2: {  // PanicOnError
      values::GoPanic p;
      p.message = errorText(err);
      p.value = AnyValue{check::errorType(), err};
      throw p;
    }
    default: return {err};
  }
}

void topParse() {
  std::vector<std::string_view> args;
  values::SliceObject* osArgs = values::asSlice(*osCell("Args"));
  for (int64_t i = 1; osArgs && i < osArgs->len(); ++i) {
    args.push_back(values::stringView(osArgs->base()[i]));
  }
  parse(commandLine(), args);
}

// --- the other methods -------------------------------------------------------------------

bool setParsed(FlagSetPtr f) {
  return stateOf(f).parsed;
}
std::vector<std::string> setArgList(FlagSetPtr f) {
  return stateOf(f).args;
}
std::string setArg(FlagSetPtr f, int64_t i) {
  const FlagSetState& s = stateOf(f);
  if (i < 0 || i >= static_cast<int64_t>(s.args.size())) return "";
  return s.args[static_cast<size_t>(i)];
}
int64_t setNArg(FlagSetPtr f) {
  return static_cast<int64_t>(stateOf(f).args.size());
}
int64_t setNFlag(FlagSetPtr f) {
  return static_cast<int64_t>(stateOf(f).actual.size());
}
void setPrintDefaults(FlagSetPtr f) {
  printDefaults(stateOf(f));
}

void visit(const std::map<std::string, Value>& flags, VisitFunc fn) {
  std::vector<Value> list;
  for (const auto& [name, flag] : flags) list.push_back(flag);
  for (Value flag : list) {
    values::retainRef(flag);  // handed over to the call
    Value none[1]{};
    fmt::funcCaller(fn.fn, std::span<const Value>(&flag, 1), none);
  }
}
void setVisit(FlagSetPtr f, VisitFunc fn) {
  visit(stateOf(f).actual, fn);
}
void setVisitAll(FlagSetPtr f, VisitFunc fn) {
  visit(stateOf(f).formal, fn);
}

FlagPtr setLookup(FlagSetPtr f, std::string_view name) {
  const FlagSetState& s = stateOf(f);
  auto it = s.formal.find(std::string(name));
  if (it == s.formal.end()) return {};
  values::retainRef(it->second);
  return {it->second};
}

GoError setSet(FlagSetPtr f, std::string_view name, std::string_view value) {
  FlagSetState& s = stateOf(f);
  auto it = s.formal.find(std::string(name));
  if (it == s.formal.end()) return {errors::newError("no such flag -" + std::string(name))};
  Value flag = it->second;
  Value e = valueSet(static_cast<values::StructObject*>(flag.p)->fields[kValue], value);
  if (e.p) return {e};
  stateOf(f).actual[std::string(name)] = flag;
  return {};
}

std::string setName(FlagSetPtr f) {
  return stateOf(f).name;
}
ErrorHandling setErrorHandling(FlagSetPtr f) {
  return {stateOf(f).errorHandling};
}
void setInit(FlagSetPtr f, std::string_view name, ErrorHandling e) {
  FlagSetState& s = stateOf(f);
  s.name = name;
  s.errorHandling = e.v;
}

void setSetOutput(FlagSetPtr f, Writer w) {
  FlagSetState& s = stateOf(f);
  values::retainRef(w.iface);
  values::releaseRef(s.output);
  s.output = w.iface;
}

Writer setOutput(FlagSetPtr f) {
  const FlagSetState& s = stateOf(f);
  if (s.output.p) {
    values::retainRef(s.output);
    return {s.output};
  }
  const check::Package* os = packages->import("os");
  const check::Object& stderrVar = os->members.at("Stderr");
  Value file = *static_cast<Value*>(stderrVar.nativeCell);
  values::retainRef(file);
  return {errors::makeIface(stderrVar.type, file)};
}

FlagSetPtr newFlagSet(std::string_view name, ErrorHandling e) {
  auto* obj =
      values::StructObject::make(static_cast<const check::Struct*>(flagSetType()->underlying));
  int64_t impl = newState(std::string(name), e.v);
  obj->fields[kSetImpl].i = impl;
  obj->fields[kSetUsage] =
      values::makeNativeClosure(defaultUsageCode(), values::intValue(impl), false);
  return {obj};
}

// The top-level functions: the methods on CommandLine.
bool parsed() {
  return setParsed(commandLine());
}
std::vector<std::string> args() {
  return setArgList(commandLine());
}
std::string arg(int64_t i) {
  return setArg(commandLine(), i);
}
int64_t nArg() {
  return setNArg(commandLine());
}
int64_t nFlag() {
  return setNFlag(commandLine());
}
void printDefaultsTop() {
  setPrintDefaults(commandLine());
}
void visitTop(VisitFunc fn) {
  setVisit(commandLine(), fn);
}
void visitAllTop(VisitFunc fn) {
  setVisitAll(commandLine(), fn);
}
FlagPtr lookup(std::string_view name) {
  return setLookup(commandLine(), name);
}
GoError set(std::string_view name, std::string_view value) {
  return setSet(commandLine(), name, value);
}

template <Kind K, typename T>
void bindKind(Packages& p, check::Package& pkg, check::Named* flagSet, const std::string& name) {
  bind<&topNew<K, T>>(p, pkg, name);
  bind<&topVar<K, T>>(p, pkg, name + "Var");
  bindMethod<&setNew<K, T>>(flagSet, name.c_str());
  bindMethod<&setVar<K, T>>(flagSet, (name + "Var").c_str());
}

}  // namespace

void registerFlag(Packages& p) {
  packages = &p;
  p.import("os");
  check::Package& pkg = p.package("flag", "flag");
  check::Named* flagSet = flagSetType();
  bindKind<Kind::Bool, bool>(p, pkg, flagSet, "Bool");
  bindKind<Kind::Int, int64_t>(p, pkg, flagSet, "Int");
  bindKind<Kind::Int64, Int64>(p, pkg, flagSet, "Int64");
  bindKind<Kind::Uint, Uint>(p, pkg, flagSet, "Uint");
  bindKind<Kind::Uint64, uint64_t>(p, pkg, flagSet, "Uint64");
  bindKind<Kind::String, std::string_view>(p, pkg, flagSet, "String");
  bindKind<Kind::Float64, double>(p, pkg, flagSet, "Float64");
  bindKind<Kind::Duration, gotime::Duration>(p, pkg, flagSet, "Duration");
  bind<&topValueVar>(p, pkg, "Var");
  bindMethod<&setValueVar>(flagSet, "Var");
  bind<&topFunc>(p, pkg, "Func");
  bindMethod<&setFunc>(flagSet, "Func");
  bind<&topParse>(p, pkg, "Parse");
  bindMethod<&parse>(flagSet, "Parse");
  bind<&parsed>(p, pkg, "Parsed");
  bindMethod<&setParsed>(flagSet, "Parsed");
  bind<&args>(p, pkg, "Args");
  bindMethod<&setArgList>(flagSet, "Args");
  bind<&arg>(p, pkg, "Arg");
  bindMethod<&setArg>(flagSet, "Arg");
  bind<&nArg>(p, pkg, "NArg");
  bindMethod<&setNArg>(flagSet, "NArg");
  bind<&nFlag>(p, pkg, "NFlag");
  bindMethod<&setNFlag>(flagSet, "NFlag");
  bind<&printDefaultsTop>(p, pkg, "PrintDefaults");
  bindMethod<&setPrintDefaults>(flagSet, "PrintDefaults");
  bind<&visitTop>(p, pkg, "Visit");
  bindMethod<&setVisit>(flagSet, "Visit");
  bind<&visitAllTop>(p, pkg, "VisitAll");
  bindMethod<&setVisitAll>(flagSet, "VisitAll");
  bind<&lookup>(p, pkg, "Lookup");
  bindMethod<&setLookup>(flagSet, "Lookup");
  bind<&set>(p, pkg, "Set");
  bindMethod<&setSet>(flagSet, "Set");
  bindMethod<&setName>(flagSet, "Name");
  bindMethod<&setErrorHandling>(flagSet, "ErrorHandling");
  bindMethod<&setInit>(flagSet, "Init");
  bindMethod<&setSetOutput>(flagSet, "SetOutput");
  bindMethod<&setOutput>(flagSet, "Output");
  bind<&newFlagSet>(p, pkg, "NewFlagSet");

  p.addType(pkg, "Value", valueType());
  p.addType(pkg, "Flag", flagType());
  p.addType(pkg, "FlagSet", flagSet);
  p.addType(pkg, "ErrorHandling", errorHandlingType());
  const char* handlings[] = {"ContinueOnError", "ExitOnError", "PanicOnError"};
  for (int64_t i = 0; i < 3; ++i) {
    p.addConstant(pkg, handlings[i], errorHandlingType(), check::ConstValue::ofInt64(i));
  }
  p.addVariable(pkg, "ErrHelp", check::errorType(), &errHelp());
  if (!commandLineCell.p) {
    auto* obj =
        values::StructObject::make(static_cast<const check::Struct*>(flagSetType()->underlying));
    obj->fields[kSetImpl].i = newState(argsZero(), 1);
    obj->fields[kSetUsage] = values::makeNativeClosure(
        values::nativeFuncCode("flag.commandLineUsage", funcSig(), &commandLineUsageBody), Value{},
        false);
    commandLineCell.p = obj;
    usageCell = values::makeNativeClosure(
        values::nativeFuncCode("flag.init.func1", funcSig(), &commandLineDefaultUsageBody), Value{},
        false);
  }
  p.addVariable(pkg, "CommandLine", check::pointerTo(flagSet), &commandLineCell);
  p.addVariable(pkg, "Usage", funcSig(), &usageCell);
}

}  // namespace gol::stdlib
