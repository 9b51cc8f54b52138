// context: the Context interface, Background, TODO, WithCancel, WithCancelCause, WithTimeout,
// WithDeadline, WithValue, Cause, the CancelFunc and CancelCauseFunc types, and the errors
// Canceled and DeadlineExceeded, as Go's context.go does them.
//
// Contexts are native structs behind the Context interface: context.backgroundCtx and
// context.todoCtx (empty values), *context.cancelCtx {parent, done, err, cause, registered},
// *context.timerCtx (the same fields and a deadline) and *context.valueCtx {parent, key,
// val}. `done` is made with the context and only ever closed; `parent`, `key`, `val` and
// `deadline` never change.
//
// One process-wide mutex, ctxMu, guards: every cancel context's err, cause and registered
// fields; the table of children (a cancel context -> the cancel contexts to cancel with it,
// each held by a reference), and the deadline timers. Cancellation is rare, so one lock is
// enough, and it makes cancelling a whole tree one critical section. No user code (a foreign
// Context's methods) ever runs under ctxMu. A child registered with a parent holds the
// parent alive through its parent field, so the table never holds a dead key; `registered`
// holds the address of the parent cancel context the child is listed under (0: none).
//
// Deadlines are rt::Timers whose callbacks (on the runtime's monitor thread) cancel under
// ctxMu. A timer cannot be freed by its own callback: a fired or stopped timer goes to a
// graveyard that goroutines empty, outside the lock, when they next make a context.
#include <mutex>
#include <unordered_map>
#include <vector>

#include "interpreter/check/lookup.h"
#include "interpreter/values/channels.h"
#include "interpreter/values/equality.h"
#include "interpreter/values/native_closure.h"
#include "runtime/timer.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/time.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::IfaceObject;
using values::StructObject;
using values::Value;

enum CancelField { kParent, kDone, kErr, kCause, kRegistered, kDeadline };
enum ValueField { kValueParent, kKey, kVal };

const check::Type* anyT() {
  return check::anyType();
}
const check::Type* errT() {
  return check::errorType();
}

constexpr auto& sig = nativeSignature;

check::Named* contextNamed() {
  static check::Named* t = [] {
    auto* n = new check::Named;
    n->name = "Context";
    n->pkg = "context";
    auto* iface = new check::Interface;
    auto method = [&](const char* name, const check::Signature* s) {
      check::Method m;
      m.name = name;
      m.sig = s;
      iface->methods.push_back(m);
    };
    method("Deadline", sig({}, {gotime::timeType(), check::basicType(check::BasicKind::Bool)}));
    method("Done", sig({}, {check::chanOf(new check::Struct, check::ChanDir::Recv)}));
    method("Err", sig({}, {errT()}));
    method("Value", sig({anyT()}, {anyT()}));
    n->underlying = iface;
    return n;
  }();
  return t;
}

const check::Type* doneChanType() {
  return check::asInterface(contextNamed())->methods[1].sig->results[0];
}
const check::Type* emptyStruct() {
  return check::asChan(doneChanType())->elem;
}

check::Named* structNamed(const char* name, std::initializer_list<check::StructField> fields) {
  auto* st = new check::Struct;
  st->fields.assign(fields);
  return nativeNamed("context", name, st);
}

check::Named* backgroundNamed() {
  static check::Named* t = structNamed("backgroundCtx", {});
  return t;
}
check::Named* todoNamed() {
  static check::Named* t = structNamed("todoCtx", {});
  return t;
}
check::Named* cancelNamed() {
  static check::Named* t = structNamed(
      "cancelCtx", {{"Context", contextNamed(), true, ""},
                    {"done", doneChanType(), false, ""},
                    {"err", errT(), false, ""},
                    {"cause", errT(), false, ""},
                    {"registered", check::basicType(check::BasicKind::Int64), false, ""}});
  return t;
}
check::Named* timerNamed() {
  static check::Named* t =
      structNamed("timerCtx", {{"Context", contextNamed(), true, ""},
                               {"done", doneChanType(), false, ""},
                               {"err", errT(), false, ""},
                               {"cause", errT(), false, ""},
                               {"registered", check::basicType(check::BasicKind::Int64), false, ""},
                               {"deadline", gotime::timeType(), false, ""}});
  return t;
}
check::Named* valueNamed() {
  static check::Named* t = structNamed("valueCtx", {{"Context", contextNamed(), true, ""},
                                                    {"key", anyT(), false, ""},
                                                    {"val", anyT(), false, ""}});
  return t;
}
// The private key whose Value is the nearest cancel context (Go's &cancelCtxKey).
check::Named* cancelKeyNamed() {
  static check::Named* t =
      nativeNamed("context", "cancelCtxKey", check::basicType(check::BasicKind::Int));
  return t;
}
check::Named* deadlineErrorNamed() {
  static check::Named* t = structNamed("deadlineExceededError", {});
  return t;
}
check::Named* cancelFuncNamed() {
  static check::Named* t = nativeNamed("context", "CancelFunc", new check::Signature);
  return t;
}
check::Named* cancelCauseFuncNamed() {
  static check::Named* t = nativeNamed("context", "CancelCauseFunc", sig({errT()}, {}));
  return t;
}

// The package's Go types for bind (bind.h): each borrowed as an argument, owned as a result.
struct Context {
  Value iface{};
};
struct CancelFunc {
  Value fn{};
};
struct CancelCauseFunc {
  Value fn{};
};
struct DoneChan {  // <-chan struct{}
  Value chan{};
};
struct TimeValue {  // a time.Time that already is a value (a foreign Deadline's)
  Value time{};
};
struct Any {
  Value iface{};
};
// The receiver of a method of the context type N (of *N if Pointer), as it came.
template <check::Named* (*N)(), bool Pointer>
struct Recv {
  AnyValue self;
};
using BackgroundRecv = Recv<backgroundNamed, false>;
using TodoRecv = Recv<todoNamed, false>;
using CancelRecv = Recv<cancelNamed, true>;
using TimerRecv = Recv<timerNamed, true>;
using ValueRecv = Recv<valueNamed, true>;
using DeadlineErrorRecv = Recv<deadlineErrorNamed, false>;

}  // namespace

const check::Named* contextInterfaceType() {
  return contextNamed();
}
const check::Named* contextCancelFuncType() {
  return cancelFuncNamed();
}

template <>
struct GoType<Context> {
  static const check::Type* type() { return contextNamed(); }
  static Context arg(const AnyValue& a) { return {a.value}; }
  static Value result(Context c) { return c.iface; }
};

template <>
struct GoType<CancelFunc> {
  static const check::Type* type() { return cancelFuncNamed(); }
  static Value result(CancelFunc f) { return f.fn; }
};

template <>
struct GoType<CancelCauseFunc> {
  static const check::Type* type() { return cancelCauseFuncNamed(); }
  static Value result(CancelCauseFunc f) { return f.fn; }
};

template <>
struct GoType<DoneChan> {
  static const check::Type* type() { return doneChanType(); }
  static Value result(DoneChan d) { return d.chan; }
};

template <>
struct GoType<TimeValue> {
  static const check::Type* type() { return gotime::timeType(); }
  static Value result(TimeValue t) { return t.time; }
};

template <>
struct GoType<Any> {
  static const check::Type* type() { return check::anyType(); }
  static Value result(Any a) { return a.iface; }
};

template <check::Named* (*N)(), bool Pointer>
struct GoType<Recv<N, Pointer>> {
  static const check::Type* type() {
    if constexpr (Pointer) {
      return check::pointerTo(N());
    } else {
      return N();
    }
  }
  static Recv<N, Pointer> arg(const AnyValue& a) { return {a}; }
};

namespace {

// Package variables (one reference each, forever).
Value canceledCell{};
Value deadlineExceededCell{};
Value backgroundCell{};
Value todoCell{};
Value cancelKey{};

enum class Kind { Nil, Background, Todo, Cancel, Timer, Value, Foreign };

Kind kindOf(Value ctx) {
  IfaceObject* i = values::asIface(ctx);
  if (!i) return Kind::Nil;
  if (i->type == backgroundNamed()) return Kind::Background;
  if (i->type == todoNamed()) return Kind::Todo;
  if (i->type == check::pointerTo(cancelNamed())) return Kind::Cancel;
  if (i->type == check::pointerTo(timerNamed())) return Kind::Timer;
  if (i->type == check::pointerTo(valueNamed())) return Kind::Value;
  return Kind::Foreign;
}

StructObject* objectOf(Value ctx) {
  return static_cast<StructObject*>(values::asIface(ctx)->value.p);
}
StructObject* receiver(const AnyValue& self) {
  auto* o = static_cast<StructObject*>(self.value.p);
  if (!o) nilPanic();
  return o;
}

// Calls a method of a Context implemented in Gol (arguments borrowed, as methodCaller's).
void callForeign(Value ctx, const char* method, std::span<const AnyValue> args, Value* out) {
  IfaceObject* i = values::asIface(ctx);
  if (!fmt::methodCaller(AnyValue{i->type, i->value}, method, args, out)) {
    panicString(std::string("gol: no method ") + method + " for " +
                check::typeString(i->type, true));
  }
}

// ---- State under ctxMu -------------------------------------------------------------------

struct DeadlineTimer {
  StructObject* ctx = nullptr;  // retained
  bool armed = false;
  rt::Timer timer;  // last: destroyed first, waiting for a running callback
};

std::mutex ctxMu;
std::unordered_map<StructObject*, std::vector<StructObject*>> children;
std::unordered_map<StructObject*, DeadlineTimer*> deadlineTimers;
std::vector<DeadlineTimer*> timerGraveyard;

bool isTimerCtx(StructObject* c) {
  return c->type == static_cast<const check::Struct*>(timerNamed()->underlying);
}

// Cancels c and its descendants (ctxMu held). References to drop once the lock is released
// go to `release`.
void cancelLocked(StructObject* c, Value err, Value cause, std::vector<Value>& release) {
  if (c->fields[kErr].p) return;
  c->fields[kErr] = retained(err);
  c->fields[kCause] = retained(cause.p ? cause : err);
  values::asChanObject(c->fields[kDone])->chan.close();
  c->fields[kRegistered] = Value{};
  if (auto it = children.find(c); it != children.end()) {
    std::vector<StructObject*> kids = std::move(it->second);
    children.erase(it);
    for (StructObject* k : kids) {
      cancelLocked(k, err, cause, release);
      k->fields[kRegistered] = Value{};
      release.push_back(Value{.p = k});
    }
  }
  if (isTimerCtx(c)) {
    if (auto it = deadlineTimers.find(c); it != deadlineTimers.end()) {
      DeadlineTimer* t = it->second;
      deadlineTimers.erase(it);
      t->armed = false;
      t->timer.stop();
      release.push_back(Value{.p = t->ctx});
      t->ctx = nullptr;
      timerGraveyard.push_back(t);
    }
  }
}

// Takes c off its parent's list of children (ctxMu held).
void removeFromParentLocked(StructObject* c, std::vector<Value>& release) {
  auto* p = reinterpret_cast<StructObject*>(c->fields[kRegistered].i);
  if (!p) return;
  c->fields[kRegistered] = Value{};
  auto it = children.find(p);
  if (it == children.end()) return;
  auto& kids = it->second;
  for (size_t k = 0; k < kids.size(); ++k) {
    if (kids[k] == c) {
      kids.erase(kids.begin() + static_cast<std::ptrdiff_t>(k));
      release.push_back(Value{.p = c});
      break;
    }
  }
  if (kids.empty()) children.erase(it);
}

void releaseAll(std::vector<Value>& release) {
  for (Value v : release) values::releaseRef(v);
  release.clear();
}

// Go's cancelCtx.cancel (and timerCtx.cancel, which also stops the timer).
void cancel(StructObject* c, bool removeFromParent, Value err, Value cause) {
  std::vector<Value> release;
  {
    std::lock_guard lock(ctxMu);
    if (removeFromParent) removeFromParentLocked(c, release);
    cancelLocked(c, err, cause, release);
  }
  releaseAll(release);
}

void emptyTimerGraveyard() {
  std::vector<DeadlineTimer*> dead;
  {
    std::lock_guard lock(ctxMu);
    dead.swap(timerGraveyard);
  }
  for (DeadlineTimer* t : dead) delete t;
}

void deadlineFired(void* arg) {
  auto* t = static_cast<DeadlineTimer*>(arg);
  std::vector<Value> release;
  {
    std::lock_guard lock(ctxMu);
    if (!t->armed) return;
    StructObject* c = t->ctx;
    removeFromParentLocked(c, release);
    cancelLocked(c, deadlineExceededCell, Value{}, release);
  }
  releaseAll(release);
}

// ---- Walking the parent chain -------------------------------------------------------------

// The nearest cancel context c derives from (borrowed; kept alive by ctx), or null. For a
// Context implemented in Gol, asks its Value method for the private key as Go does.
StructObject* parentCancelCtx(Value ctx) {
  for (;;) {
    switch (kindOf(ctx)) {
      case Kind::Cancel:
      case Kind::Timer: return objectOf(ctx);
      case Kind::Value: ctx = objectOf(ctx)->fields[kValueParent]; continue;
      case Kind::Foreign: {
        Value out[1]{};
        AnyValue key{anyT(), cancelKey};
        callForeign(ctx, "Value", std::span<const AnyValue>(&key, 1), out);
        StructObject* found = nullptr;
        Kind k = kindOf(out[0]);
        if (k == Kind::Cancel || k == Kind::Timer) found = objectOf(out[0]);
        // The parent must not have its own Done channel (Go checks pdone == done).
        if (found) {
          Value done[1]{};
          callForeign(ctx, "Done", {}, done);
          if (done[0].p != found->fields[kDone].p) found = nullptr;
          values::releaseRef(done[0]);
        }
        values::releaseRef(out[0]);
        return found;
      }
      default: return nullptr;
    }
  }
}

// Go's propagateCancel: c (just made, with its parent field set) is cancelled with its parent.
void propagateCancel(Value parent, StructObject* c) {
  StructObject* p = parentCancelCtx(parent);
  if (!p) {
    if (kindOf(parent) == Kind::Foreign) {
      Value done[1]{};
      callForeign(parent, "Done", {}, done);
      bool never = !done[0].p;
      values::releaseRef(done[0]);
      if (!never) {
        panicString(
            "gol: context: a parent Context implemented in Gol with its own Done channel is not "
            "supported");
      }
    }
    return;
  }
  std::vector<Value> release;
  {
    std::lock_guard lock(ctxMu);
    if (p->fields[kErr].p) {
      cancelLocked(c, p->fields[kErr], p->fields[kCause], release);
    } else {
      children[p].push_back(c);
      values::retainRef(Value{.p = c});
      c->fields[kRegistered] = values::intValue(reinterpret_cast<int64_t>(p));
    }
  }
  releaseAll(release);
}

// ctx.Deadline() for any Context: writes the Time (owned) and ok.
void deadlineOf(Value ctx, Value* out) {
  for (;;) {
    switch (kindOf(ctx)) {
      case Kind::Timer:
        out[0] = values::cloneAggregate(objectOf(ctx)->fields[kDeadline]);
        out[1] = boolResult(true);
        return;
      case Kind::Cancel:
      case Kind::Value: ctx = objectOf(ctx)->fields[kParent]; continue;
      case Kind::Foreign: callForeign(ctx, "Deadline", {}, out); return;
      default:
        out[0] = gotime::makeTime({});
        out[1] = boolResult(false);
        return;
    }
  }
}

Value doneOf(Value ctx) {
  for (;;) {
    switch (kindOf(ctx)) {
      case Kind::Timer:
      case Kind::Cancel: return retained(objectOf(ctx)->fields[kDone]);
      case Kind::Value: ctx = objectOf(ctx)->fields[kValueParent]; continue;
      case Kind::Foreign: {
        Value out[1]{};
        callForeign(ctx, "Done", {}, out);
        return out[0];
      }
      default: return Value{};
    }
  }
}

Value errOf(Value ctx) {
  for (;;) {
    switch (kindOf(ctx)) {
      case Kind::Timer:
      case Kind::Cancel: {
        std::lock_guard lock(ctxMu);
        return retained(objectOf(ctx)->fields[kErr]);
      }
      case Kind::Value: ctx = objectOf(ctx)->fields[kValueParent]; continue;
      case Kind::Foreign: {
        Value out[1]{};
        callForeign(ctx, "Err", {}, out);
        return out[0];
      }
      default: return Value{};
    }
  }
}

bool isCancelKey(Value key) {
  IfaceObject* i = values::asIface(key);
  return i && i->type == cancelKeyNamed();
}

// Go's value(): ctx.Value(key) walking the chain.
Value valueOf(Value ctx, Value key) {
  for (;;) {
    switch (kindOf(ctx)) {
      case Kind::Value: {
        StructObject* v = objectOf(ctx);
        Value k = v->fields[kKey];
        IfaceObject* a = values::asIface(k);
        IfaceObject* b = values::asIface(key);
        if (b && check::identical(a->type, b->type) && values::equalValues(anyT(), k, key)) {
          return retained(v->fields[kVal]);
        }
        ctx = v->fields[kValueParent];
        continue;
      }
      case Kind::Cancel:
      case Kind::Timer:
        if (isCancelKey(key)) return retained(ctx);
        ctx = objectOf(ctx)->fields[kParent];
        continue;
      case Kind::Foreign: {
        Value out[1]{};
        AnyValue k{anyT(), key};
        callForeign(ctx, "Value", std::span<const AnyValue>(&k, 1), out);
        return out[0];
      }
      default: return Value{};
    }
  }
}

// ---- String -------------------------------------------------------------------------------

std::string reflectTypeName(const check::Type* t) {
  return check::typeString(t, true);
}

// Go's contextName and stringify: the String method's text, a string as is, else the type.
std::string describe(Value iface) {
  IfaceObject* i = values::asIface(iface);
  if (!i) return "<nil>";
  check::Selection sel;
  if (check::lookupFieldOrMethod(i->type, "String", &sel) == check::LookupResult::Found &&
      sel.kind != check::Selection::Kind::Field && sel.method->sig->params.empty() &&
      sel.method->sig->results.size() == 1 &&
      check::identical(sel.method->sig->results[0], check::basicType(check::BasicKind::String)) &&
      !(sel.method->pointerRecv && !check::asPointer(i->type) && !sel.indirect)) {
    Value out[1]{};
    fmt::methodCaller(AnyValue{i->type, i->value}, "String", {}, out);
    std::string s(values::stringView(out[0]));
    values::releaseRef(out[0]);
    return s;
  }
  if (i->type == check::basicType(check::BasicKind::String)) {
    return std::string(values::stringView(i->value));
  }
  return reflectTypeName(i->type);
}

std::string_view backgroundString(BackgroundRecv) {
  return "context.Background";
}
std::string_view todoString(TodoRecv) {
  return "context.TODO";
}
std::string cancelString(CancelRecv r) {
  return describe(receiver(r.self)->fields[kParent]) + ".WithCancel";
}
std::string timerString(TimerRecv r) {
  StructObject* c = receiver(r.self);
  gotime::TimeParts d = gotime::timeParts(c->fields[kDeadline]);
  int64_t until = d.hasMono ? d.mono - gotime::monoNow() : 0;
  if (!d.hasMono) until = gotime::timeSub(d, gotime::now()).ns;
  Value untilText[1]{};
  AnyValue dur{gotime::durationType(), values::intValue(until)};
  fmt::methodCaller(dur, "String", {}, untilText);
  std::string s = describe(c->fields[kParent]) + ".WithDeadline(" + gotime::timeString(d) + " [" +
                  std::string(values::stringView(untilText[0])) + "])";
  values::releaseRef(untilText[0]);
  return s;
}
std::string valueString(ValueRecv r) {
  StructObject* v = receiver(r.self);
  return describe(v->fields[kValueParent]) + ".WithValue(" + describe(v->fields[kKey]) + ", " +
         describe(v->fields[kVal]) + ")";
}

// ---- Context methods ------------------------------------------------------------------------

// The methods of backgroundCtx and todoCtx: never done, no values.
template <typename Self>
std::tuple<gotime::TimeParts, bool> emptyDeadline(Self) {
  return {gotime::TimeParts{}, false};
}
template <typename Self>
DoneChan emptyDone(Self) {
  return {};
}
template <typename Self>
GoError emptyErr(Self) {
  return {};
}
template <typename Self>
Any emptyValue(Self, AnyValue) {
  return {};
}

Value selfIface(const AnyValue& self) {
  return errors::makeIface(self.type, retained(self.value));
}

// The methods of the cancel, timer and value contexts, which walk the parent chain.
template <typename Self>
std::tuple<TimeValue, bool> ctxDeadline(Self r) {
  receiver(r.self);
  Value self = selfIface(r.self);
  Value out[2]{};
  deadlineOf(self, out);
  values::releaseRef(self);
  return {TimeValue{out[0]}, out[1].i != 0};
}
template <typename Self>
DoneChan ctxDone(Self r) {
  receiver(r.self);
  Value self = selfIface(r.self);
  Value done = doneOf(self);
  values::releaseRef(self);
  return {done};
}
template <typename Self>
GoError ctxErr(Self r) {
  receiver(r.self);
  Value self = selfIface(r.self);
  Value err = errOf(self);
  values::releaseRef(self);
  return {err};
}
template <typename Self>
Any ctxValue(Self r, AnyValue key) {
  receiver(r.self);
  Value self = selfIface(r.self);
  Value val = valueOf(self, key.value);
  values::releaseRef(self);
  return {val};
}

std::string_view deadlineErrorError(DeadlineErrorRecv) {
  return "context deadline exceeded";
}
bool deadlineErrorTemporary(DeadlineErrorRecv) {
  return true;
}
bool deadlineErrorTimeout(DeadlineErrorRecv) {
  return true;
}

// ---- Constructors -------------------------------------------------------------------------

void requireParent(Value parent) {
  if (!parent.p) panicString("cannot create context from nil parent");
}

StructObject* newCancelCtx(check::Named* type, Value parent) {
  auto* c = StructObject::make(static_cast<const check::Struct*>(type->underlying));
  c->fields[kParent] = retained(parent);
  c->fields[kDone] = Value{.p = values::makeChan(emptyStruct(), 0)};
  return c;
}

Value ctxIface(check::Named* type, StructObject* c) {
  return errors::makeIface(check::pointerTo(type), Value{.p = c});
}

void cancelBody(Value bound, const Value*, Value*) {
  cancel(static_cast<StructObject*>(bound.p), true, canceledCell, Value{});
}
void cancelCauseBody(Value bound, const Value* args, Value*) {
  cancel(static_cast<StructObject*>(bound.p), true, canceledCell, args[0]);
}
// A deadline context that was born expired is no longer any parent's child.
void cancelExpiredBody(Value bound, const Value*, Value*) {
  cancel(static_cast<StructObject*>(bound.p), false, canceledCell, Value{});
}

const values::FuncCode* cancelCode(const char* name, values::NativeClosureBody body,
                                   const check::Signature* s) {
  const values::FuncCode* code = values::nativeFuncCode(name, s, body);
  delete s;  // nativeFuncCode keeps only what it read from it
  return code;
}

Value cancelFunc(const values::FuncCode* code, StructObject* c) {
  return values::makeNativeClosure(code, retained(Value{.p = c}), true);
}

const values::FuncCode* withCancelCode() {
  static const values::FuncCode* code =
      cancelCode("context.WithCancel.func1", cancelBody, new check::Signature);
  return code;
}

std::tuple<Context, CancelFunc> withCancel(Context parent) {
  requireParent(parent.iface);
  StructObject* c = newCancelCtx(cancelNamed(), parent.iface);
  propagateCancel(parent.iface, c);
  return {Context{ctxIface(cancelNamed(), c)}, CancelFunc{cancelFunc(withCancelCode(), c)}};
}

std::tuple<Context, CancelCauseFunc> withCancelCause(Context parent) {
  static const values::FuncCode* code =
      cancelCode("context.WithCancelCause.func1", cancelCauseBody, sig({errT()}, {}));
  requireParent(parent.iface);
  StructObject* c = newCancelCtx(cancelNamed(), parent.iface);
  propagateCancel(parent.iface, c);
  return {Context{ctxIface(cancelNamed(), c)}, CancelCauseFunc{cancelFunc(code, c)}};
}

std::tuple<Context, CancelFunc> withDeadline(Context parent, gotime::TimeParts d) {
  requireParent(parent.iface);
  emptyTimerGraveyard();
  {
    Value cur[2]{};
    deadlineOf(parent.iface, cur);
    bool sooner = cur[1].i && gotime::timeSub(gotime::timeParts(cur[0]), d).ns < 0;
    values::releaseRef(cur[0]);
    if (sooner) return withCancel(parent);
  }
  StructObject* c = newCancelCtx(timerNamed(), parent.iface);
  values::releaseRef(c->fields[kDeadline]);  // the zero Time newCancelCtx made
  c->fields[kDeadline] = gotime::makeTime(d);
  propagateCancel(parent.iface, c);
  int64_t until;
  if (d.hasMono) {
    until = d.mono - gotime::monoNow();
  } else {
    until = gotime::timeSub(d, gotime::now()).ns;
  }
  if (until <= 0) {
    static const values::FuncCode* expiredCode =
        cancelCode("context.WithDeadlineCause.func2", cancelExpiredBody, new check::Signature);
    cancel(c, true, deadlineExceededCell, Value{});
    return {Context{ctxIface(timerNamed(), c)}, CancelFunc{cancelFunc(expiredCode, c)}};
  }
  static const values::FuncCode* code =
      cancelCode("context.WithDeadlineCause.func3", cancelBody, new check::Signature);
  {
    std::lock_guard lock(ctxMu);
    if (!c->fields[kErr].p) {
      auto* t = new DeadlineTimer;
      t->ctx = c;
      values::retainRef(Value{.p = c});
      t->armed = true;
      t->timer.set_callback(deadlineFired, t);
      deadlineTimers[c] = t;
      int64_t now = rt::nanotime();
      int64_t when = until > INT64_MAX - now ? INT64_MAX : now + until;
      t->timer.reset(when);
    }
  }
  return {Context{ctxIface(timerNamed(), c)}, CancelFunc{cancelFunc(code, c)}};
}

std::tuple<Context, CancelFunc> withTimeout(Context parent, gotime::Duration timeout) {
  gotime::TimeParts t = gotime::now();
  int64_t d = timeout.ns;
  // time.Now().Add(d), keeping the monotonic reading as Add does.
  int64_t sec = d / 1'000'000'000, nsec = t.nsec + d % 1'000'000'000;
  if (nsec >= 1'000'000'000) {
    ++sec;
    nsec -= 1'000'000'000;
  } else if (nsec < 0) {
    --sec;
    nsec += 1'000'000'000;
  }
  t.wall += sec;
  t.nsec = nsec;
  int64_t mono = static_cast<int64_t>(static_cast<uint64_t>(t.mono) + static_cast<uint64_t>(d));
  if ((d < 0 && mono > t.mono) || (d > 0 && mono < t.mono)) {
    t.hasMono = false;
  } else {
    t.mono = mono;
  }
  return withDeadline(parent, t);
}

// An `any` argument as an interface value (owned).
Value anyArg(const AnyValue& a) {
  if (!a.type || check::asInterface(a.type)) return retained(a.value);
  if (values::isCounted(a.type)) values::retainRef(a.value);
  return errors::makeIface(a.type, values::ownFor(values::storageOf(a.type), a.value));
}

Context withValue(Context parent, AnyValue key, AnyValue val) {
  requireParent(parent.iface);
  Value k = anyArg(key);
  if (!k.p) panicString("nil key");
  if (!check::comparable(values::asIface(k)->type)) {
    values::releaseRef(k);
    panicString("key is not comparable");
  }
  auto* v = StructObject::make(static_cast<const check::Struct*>(valueNamed()->underlying));
  v->fields[kValueParent] = retained(parent.iface);
  v->fields[kKey] = k;
  v->fields[kVal] = anyArg(val);
  return {ctxIface(valueNamed(), v)};
}

Context background() {
  return {retained(backgroundCell)};
}
Context todo() {
  return {retained(todoCell)};
}

GoError cause(Context c) {
  Value ctx = c.iface;
  if (!ctx.p) nilPanic();
  Value found = valueOf(ctx, cancelKey);
  Kind k = kindOf(found);
  Value err{};
  if (k == Kind::Cancel || k == Kind::Timer) {
    std::lock_guard lock(ctxMu);
    err = retained(objectOf(found)->fields[kCause]);
  } else {
    err = errOf(ctx);
  }
  values::releaseRef(found);
  return {err};
}

// The methods of backgroundCtx and todoCtx (value receivers), in the order of Context's.
template <typename Self, auto String>
void addEmptyCtxMethods(check::Named* n) {
  bindMethod<&emptyDeadline<Self>>(n, "Deadline", false);
  bindMethod<&emptyDone<Self>>(n, "Done", false);
  bindMethod<&emptyErr<Self>>(n, "Err", false);
  bindMethod<String>(n, "String", false);
  bindMethod<&emptyValue<Self>>(n, "Value", false);
}

// The methods of *cancelCtx, *timerCtx and *valueCtx.
template <typename Self, auto String>
void addChainCtxMethods(check::Named* n) {
  bindMethod<&ctxDeadline<Self>>(n, "Deadline");
  bindMethod<&ctxDone<Self>>(n, "Done");
  bindMethod<&ctxErr<Self>>(n, "Err");
  bindMethod<String>(n, "String");
  bindMethod<&ctxValue<Self>>(n, "Value");
}

}  // namespace

std::pair<Value, StructObject*> newCancelContext(Value parent) {
  requireParent(parent);
  StructObject* c = newCancelCtx(cancelNamed(), parent);
  propagateCancel(parent, c);
  return {ctxIface(cancelNamed(), c), c};
}

void cancelContext(StructObject* c) {
  cancel(c, true, canceledCell, Value{});
}

void registerContext(Packages& p) {
  check::Named* ctx = contextNamed();
  if (backgroundNamed()->methods.empty()) {
    addEmptyCtxMethods<BackgroundRecv, &backgroundString>(backgroundNamed());
    addEmptyCtxMethods<TodoRecv, &todoString>(todoNamed());
    addChainCtxMethods<CancelRecv, &cancelString>(cancelNamed());
    addChainCtxMethods<TimerRecv, &timerString>(timerNamed());
    addChainCtxMethods<ValueRecv, &valueString>(valueNamed());
    check::Named* de = deadlineErrorNamed();
    bindMethod<&deadlineErrorError>(de, "Error", false);
    bindMethod<&deadlineErrorTemporary>(de, "Temporary", false);
    bindMethod<&deadlineErrorTimeout>(de, "Timeout", false);
    canceledCell = errors::newError("context canceled");
    deadlineExceededCell = errors::makeIface(de, values::zeroValue(de));
    backgroundCell = errors::makeIface(backgroundNamed(), values::zeroValue(backgroundNamed()));
    todoCell = errors::makeIface(todoNamed(), values::zeroValue(todoNamed()));
    cancelKey = errors::makeIface(cancelKeyNamed(), Value{});
  }
  check::Package& pkg = p.package("context", "context");
  p.addType(pkg, "Context", ctx);
  p.addType(pkg, "CancelFunc", cancelFuncNamed());
  p.addType(pkg, "CancelCauseFunc", cancelCauseFuncNamed());
  p.addVariable(pkg, "Canceled", errT(), &canceledCell);
  p.addVariable(pkg, "DeadlineExceeded", errT(), &deadlineExceededCell);
  bind<&background>(p, pkg, "Background");
  bind<&todo>(p, pkg, "TODO");
  bind<&withCancel>(p, pkg, "WithCancel");
  bind<&withCancelCause>(p, pkg, "WithCancelCause");
  bind<&withDeadline>(p, pkg, "WithDeadline");
  bind<&withTimeout>(p, pkg, "WithTimeout");
  bind<&withValue>(p, pkg, "WithValue");
  bind<&cause>(p, pkg, "Cause");
}

}  // namespace gol::stdlib
