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
StructObject* receiver(std::span<const AnyValue> a) {
  auto* o = static_cast<StructObject*>(a[0].value.p);
  if (!o) nilPanic();
  return o;
}

Value retained(Value v) {
  values::retainRef(v);
  return v;
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
      case Kind::Timer:
        return objectOf(ctx);
      case Kind::Value:
        ctx = objectOf(ctx)->fields[kValueParent];
        continue;
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
      default:
        return nullptr;
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
      case Kind::Value:
        ctx = objectOf(ctx)->fields[kParent];
        continue;
      case Kind::Foreign:
        callForeign(ctx, "Deadline", {}, out);
        return;
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
      case Kind::Cancel:
        return retained(objectOf(ctx)->fields[kDone]);
      case Kind::Value:
        ctx = objectOf(ctx)->fields[kValueParent];
        continue;
      case Kind::Foreign: {
        Value out[1]{};
        callForeign(ctx, "Done", {}, out);
        return out[0];
      }
      default:
        return Value{};
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
      case Kind::Value:
        ctx = objectOf(ctx)->fields[kValueParent];
        continue;
      case Kind::Foreign: {
        Value out[1]{};
        callForeign(ctx, "Err", {}, out);
        return out[0];
      }
      default:
        return Value{};
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
      default:
        return Value{};
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

void backgroundString(std::span<const AnyValue>, Value* r) {
  r[0] = stringResult("context.Background");
}
void todoString(std::span<const AnyValue>, Value* r) {
  r[0] = stringResult("context.TODO");
}
void cancelString(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(describe(receiver(a)->fields[kParent]) + ".WithCancel");
}
void timerString(std::span<const AnyValue> a, Value* r) {
  StructObject* c = receiver(a);
  gotime::TimeParts d = gotime::timeParts(c->fields[kDeadline]);
  int64_t until = d.hasMono ? d.mono - gotime::monoNow() : 0;
  if (!d.hasMono) {
    Value now = gotime::now();
    until = gotime::timeSub(d, gotime::timeParts(now));
    values::releaseRef(now);
  }
  Value untilText[1]{};
  AnyValue dur{gotime::durationType(), values::intValue(until)};
  fmt::methodCaller(dur, "String", {}, untilText);
  r[0] = stringResult(describe(c->fields[kParent]) + ".WithDeadline(" + gotime::timeString(d) +
                      " [" + std::string(values::stringView(untilText[0])) + "])");
  values::releaseRef(untilText[0]);
}
void valueString(std::span<const AnyValue> a, Value* r) {
  StructObject* v = receiver(a);
  r[0] = stringResult(describe(v->fields[kValueParent]) + ".WithValue(" +
                      describe(v->fields[kKey]) + ", " + describe(v->fields[kVal]) + ")");
}

// ---- Context methods ------------------------------------------------------------------------

Value selfIface(std::span<const AnyValue> a) {
  return errors::makeIface(a[0].type, retained(a[0].value));
}

void emptyDeadline(std::span<const AnyValue>, Value* r) {
  r[0] = gotime::makeTime({});
  r[1] = boolResult(false);
}
void emptyNil(std::span<const AnyValue>, Value* r) {
  r[0] = Value{};
}

void ctxDeadline(std::span<const AnyValue> a, Value* r) {
  receiver(a);
  Value self = selfIface(a);
  deadlineOf(self, r);
  values::releaseRef(self);
}
void ctxDone(std::span<const AnyValue> a, Value* r) {
  receiver(a);
  Value self = selfIface(a);
  r[0] = doneOf(self);
  values::releaseRef(self);
}
void ctxErr(std::span<const AnyValue> a, Value* r) {
  receiver(a);
  Value self = selfIface(a);
  r[0] = errOf(self);
  values::releaseRef(self);
}
void ctxValue(std::span<const AnyValue> a, Value* r) {
  receiver(a);
  Value self = selfIface(a);
  r[0] = valueOf(self, a[1].value);
  values::releaseRef(self);
}

void deadlineErrorError(std::span<const AnyValue>, Value* r) {
  r[0] = stringResult("context deadline exceeded");
}
void deadlineErrorTrue(std::span<const AnyValue>, Value* r) {
  r[0] = boolResult(true);
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

void withCancelN(std::span<const AnyValue> a, Value* r) {
  Value parent = a[0].value;
  requireParent(parent);
  StructObject* c = newCancelCtx(cancelNamed(), parent);
  propagateCancel(parent, c);
  r[1] = cancelFunc(withCancelCode(), c);
  r[0] = ctxIface(cancelNamed(), c);
}

void withCancelCauseN(std::span<const AnyValue> a, Value* r) {
  static const values::FuncCode* code =
      cancelCode("context.WithCancelCause.func1", cancelCauseBody, sig({errT()}, {}));
  Value parent = a[0].value;
  requireParent(parent);
  StructObject* c = newCancelCtx(cancelNamed(), parent);
  propagateCancel(parent, c);
  r[1] = cancelFunc(code, c);
  r[0] = ctxIface(cancelNamed(), c);
}

void withDeadline(Value parent, Value deadline, Value* r) {
  requireParent(parent);
  emptyTimerGraveyard();
  gotime::TimeParts d = gotime::timeParts(deadline);
  {
    Value cur[2]{};
    deadlineOf(parent, cur);
    bool sooner = cur[1].i && gotime::timeSub(gotime::timeParts(cur[0]), d) < 0;
    values::releaseRef(cur[0]);
    if (sooner) {
      AnyValue arg{contextNamed(), parent};
      withCancelN(std::span<const AnyValue>(&arg, 1), r);
      return;
    }
  }
  StructObject* c = newCancelCtx(timerNamed(), parent);
  values::releaseRef(c->fields[kDeadline]);  // the zero Time newCancelCtx made
  c->fields[kDeadline] = values::cloneAggregate(deadline);
  propagateCancel(parent, c);
  int64_t until;
  if (d.hasMono) {
    until = d.mono - gotime::monoNow();
  } else {
    Value now = gotime::now();
    until = gotime::timeSub(d, gotime::timeParts(now));
    values::releaseRef(now);
  }
  if (until <= 0) {
    static const values::FuncCode* expiredCode =
        cancelCode("context.WithDeadlineCause.func2", cancelExpiredBody, new check::Signature);
    cancel(c, true, deadlineExceededCell, Value{});
    r[1] = cancelFunc(expiredCode, c);
    r[0] = ctxIface(timerNamed(), c);
    return;
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
  r[1] = cancelFunc(code, c);
  r[0] = ctxIface(timerNamed(), c);
}

void withDeadlineN(std::span<const AnyValue> a, Value* r) {
  withDeadline(a[0].value, a[1].value, r);
}

void withTimeoutN(std::span<const AnyValue> a, Value* r) {
  Value now = gotime::now();
  gotime::TimeParts t = gotime::timeParts(now);
  int64_t d = a[1].value.i;
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
  Value deadline = gotime::makeTime(t);
  values::releaseRef(now);
  try {
    withDeadline(a[0].value, deadline, r);
  } catch (...) {
    values::releaseRef(deadline);
    throw;
  }
  values::releaseRef(deadline);
}

// An `any` argument as an interface value (owned).
Value anyArg(const AnyValue& a) {
  if (!a.type || check::asInterface(a.type)) return retained(a.value);
  if (values::isCounted(a.type)) values::retainRef(a.value);
  return errors::makeIface(a.type, values::ownFor(values::storageOf(a.type), a.value));
}

void withValueN(std::span<const AnyValue> a, Value* r) {
  Value parent = a[0].value;
  requireParent(parent);
  Value key = anyArg(a[1]);
  if (!key.p) panicString("nil key");
  if (!check::comparable(values::asIface(key)->type)) {
    values::releaseRef(key);
    panicString("key is not comparable");
  }
  auto* v = StructObject::make(static_cast<const check::Struct*>(valueNamed()->underlying));
  v->fields[kValueParent] = retained(parent);
  v->fields[kKey] = key;
  v->fields[kVal] = anyArg(a[2]);
  r[0] = ctxIface(valueNamed(), v);
}

void backgroundN(std::span<const AnyValue>, Value* r) {
  r[0] = retained(backgroundCell);
}
void todoN(std::span<const AnyValue>, Value* r) {
  r[0] = retained(todoCell);
}

void causeN(std::span<const AnyValue> a, Value* r) {
  Value ctx = a[0].value;
  if (!ctx.p) nilPanic();
  Value found = valueOf(ctx, cancelKey);
  Kind k = kindOf(found);
  if (k == Kind::Cancel || k == Kind::Timer) {
    std::lock_guard lock(ctxMu);
    r[0] = retained(objectOf(found)->fields[kCause]);
  } else {
    r[0] = errOf(ctx);
  }
  values::releaseRef(found);
}

void addCtxMethods(check::Named* n, bool pointerRecv, values::NativeFunction deadline,
                   values::NativeFunction done, values::NativeFunction err, values::NativeFunction value,
                   values::NativeFunction string) {
  const auto& m = check::asInterface(contextNamed())->methods;
  addNativeMethod(n, "Deadline", m[0].sig, deadline, pointerRecv);
  addNativeMethod(n, "Done", m[1].sig, done, pointerRecv);
  addNativeMethod(n, "Err", m[2].sig, err, pointerRecv);
  addNativeMethod(n, "String", sig({}, {check::basicType(check::BasicKind::String)}), string,
                  pointerRecv);
  addNativeMethod(n, "Value", m[3].sig, value, pointerRecv);
}

}  // namespace

void registerContext(Packages& p) {
  check::Named* ctx = contextNamed();
  if (backgroundNamed()->methods.empty()) {
    addCtxMethods(backgroundNamed(), false, emptyDeadline, emptyNil, emptyNil, emptyNil,
                  backgroundString);
    addCtxMethods(todoNamed(), false, emptyDeadline, emptyNil, emptyNil, emptyNil, todoString);
    addCtxMethods(cancelNamed(), true, ctxDeadline, ctxDone, ctxErr, ctxValue, cancelString);
    addCtxMethods(timerNamed(), true, ctxDeadline, ctxDone, ctxErr, ctxValue, timerString);
    addCtxMethods(valueNamed(), true, ctxDeadline, ctxDone, ctxErr, ctxValue, valueString);
    check::Named* de = deadlineErrorNamed();
    const check::Type* boolean = check::basicType(check::BasicKind::Bool);
    addNativeMethod(de, "Error", sig({}, {check::basicType(check::BasicKind::String)}),
                    deadlineErrorError, false);
    addNativeMethod(de, "Temporary", sig({}, {boolean}), deadlineErrorTrue, false);
    addNativeMethod(de, "Timeout", sig({}, {boolean}), deadlineErrorTrue, false);
    canceledCell = errors::newError("context canceled");
    deadlineExceededCell = errors::makeIface(de, values::zeroValue(de));
    backgroundCell = errors::makeIface(backgroundNamed(), values::zeroValue(backgroundNamed()));
    todoCell = errors::makeIface(todoNamed(), values::zeroValue(todoNamed()));
    cancelKey = errors::makeIface(cancelKeyNamed(), Value{});
  }
  static const check::Named* cancelFuncT =
      nativeNamed("context", "CancelFunc", new check::Signature);
  static const check::Named* cancelCauseFuncT =
      nativeNamed("context", "CancelCauseFunc", sig({errT()}, {}));
  check::Package& pkg = p.package("context", "context");
  p.addType(pkg, "Context", ctx);
  p.addType(pkg, "CancelFunc", cancelFuncT);
  p.addType(pkg, "CancelCauseFunc", cancelCauseFuncT);
  p.addVariable(pkg, "Canceled", errT(), &canceledCell);
  p.addVariable(pkg, "DeadlineExceeded", errT(), &deadlineExceededCell);
  const check::Type* duration = gotime::durationType();
  const check::Type* timeT = gotime::timeType();
  p.addFunction(pkg, "Background", p.signature({}, {ctx}), backgroundN);
  p.addFunction(pkg, "TODO", p.signature({}, {ctx}), todoN);
  p.addFunction(pkg, "WithCancel", p.signature({ctx}, {ctx, cancelFuncT}), withCancelN);
  p.addFunction(pkg, "WithCancelCause", p.signature({ctx}, {ctx, cancelCauseFuncT}),
                withCancelCauseN);
  p.addFunction(pkg, "WithDeadline", p.signature({ctx, timeT}, {ctx, cancelFuncT}), withDeadlineN);
  p.addFunction(pkg, "WithTimeout", p.signature({ctx, duration}, {ctx, cancelFuncT}), withTimeoutN);
  p.addFunction(pkg, "WithValue", p.signature({ctx, anyT(), anyT()}, {ctx}), withValueN);
  p.addFunction(pkg, "Cause", p.signature({ctx}, {errT()}), causeN);
}

}  // namespace gol::stdlib
