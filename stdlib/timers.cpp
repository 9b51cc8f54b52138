// time's timers: After, Tick, NewTimer (*Timer with C, Stop, Reset), NewTicker (*Ticker with
// C, Stop, Reset) and AfterFunc, over rt::Timer (runtime/timer.h).
//
// Semantics are Go 1.23's where they can be observed: Stop and Reset discard a value the
// timer sent but nobody received (so no stale value is ever received after they return),
// and report it as "the timer was still pending", exactly as Go 1.23's Stop and Reset do.
// The channel itself has a buffer of one (so cap(t.C) is 1, as before Go 1.23); a ticker
// whose reader falls behind drops ticks.
//
// Each armed timer is a TimerState. `registryMu` guards every TimerState field except
// `timer` (which has its own lock), the table `byOwner` from a *Timer / *Ticker object to
// its state, and the graveyard. A state holds a reference to its owner object, so an owner
// cannot be freed (and its address reused) while it is in the table. Callbacks run on the
// runtime's monitor thread: they take registryMu, check the state is still armed for this
// deadline, and try_send (or spawn AfterFunc's goroutine) while holding it, so Stop and
// Reset, which drain the channel under the same lock, never let a stale value through. A
// fired one-shot state cannot free itself inside its own callback: it goes to the
// graveyard, which goroutines empty (outside the lock) when they next touch a timer.
#include <mutex>
#include <unordered_map>
#include <vector>

#include "interpreter/values/channels.h"
#include "runtime/timer.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/go_call.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/time.h"

namespace gol::stdlib {

void (*goCallFunc)(values::Value fn) = nullptr;

namespace {

using values::AnyValue;
using values::Value;

struct TimerState {
  values::StructObject* owner = nullptr;  // retained; null for time.After
  values::ChanObject* chan = nullptr;     // retained; null for AfterFunc
  Value fn{};                             // AfterFunc's func, retained
  int64_t deadline = 0;                   // rt::nanotime() clock
  int64_t period = 0;                     // tickers
  bool armed = false;
  // Last member, so it is destroyed first: its destructor waits for a running callback,
  // which still reads the fields above.
  rt::Timer timer;
};

std::mutex registryMu;
std::unordered_map<const void*, TimerState*> byOwner;
std::vector<TimerState*> graveyard;

void fire(void* arg);

// Go's when(d): the deadline d from now, saturating.
int64_t deadlineAfter(int64_t d) {
  int64_t now = rt::nanotime();
  if (d <= 0) return now;
  int64_t t = static_cast<int64_t>(static_cast<uint64_t>(now) + static_cast<uint64_t>(d));
  return t < 0 ? INT64_MAX : t;
}

// Frees a state that is out of the table (outside registryMu: deleting waits for its
// callback, which takes the lock).
void destroyState(TimerState* st) {
  values::releaseRef(Value{.p = st->owner});
  values::releaseRef(Value{.p = st->chan});
  values::releaseRef(st->fn);
  delete st;
}

void emptyGraveyard() {
  std::vector<TimerState*> dead;
  {
    std::lock_guard lock(registryMu);
    dead.swap(graveyard);
  }
  for (TimerState* st : dead) destroyState(st);
}

// Discards a value the timer sent and nobody received; true if there was one.
bool drain(values::ChanObject* chan) {
  if (!chan) return false;
  Value v{};
  rt::RecvResult r = chan->chan.try_recv(&v);
  if (r.selected && r.ok) {
    values::releaseRef(v);
    return true;
  }
  return false;
}

// Arms st (under registryMu).
void arm(TimerState* st, int64_t deadline, int64_t period) {
  st->armed = true;
  st->deadline = deadline;
  st->period = period;
  st->timer.reset(deadline, period);
}

void fire(void* arg) {
  auto* st = static_cast<TimerState*>(arg);
  std::lock_guard lock(registryMu);
  int64_t now = rt::nanotime();
  // A callback that was already running when Stop or Reset changed the timer.
  if (!st->armed || now < st->deadline) return;
  if (st->period > 0) {
    st->deadline += st->period;
    if (st->deadline <= now) st->deadline += st->period * ((now - st->deadline) / st->period + 1);
  } else {
    st->armed = false;
    if (st->owner) byOwner.erase(st->owner);
    graveyard.push_back(st);
  }
  if (st->chan) {
    Value t = gotime::makeTime(gotime::now());
    rt::ChanError err = rt::ChanError::None;
    if (!st->chan->chan.try_send(&t, &err)) values::releaseRef(t);
  } else {
    values::retainRef(st->fn);
    goCallFunc(st->fn);
  }
}

// A new state, armed, for owner (null for time.After) and chan or fn (taken over).
TimerState* startTimer(values::StructObject* owner, values::ChanObject* chan, Value fn, int64_t d,
                       int64_t period) {
  // The monitor thread will send on the channel or start fn's goroutine: from now on
  // another thread touches the program's objects.
  values::enableSharedCells();
  auto* st = new TimerState;
  st->owner = owner;
  if (owner) values::retainRef(Value{.p = owner});
  st->chan = chan;
  st->fn = fn;
  st->timer.set_callback(fire, st);
  std::lock_guard lock(registryMu);
  if (owner) byOwner[owner] = st;
  arm(st, deadlineAfter(d), period);
  return st;
}

const check::Type* timeChanType() {
  static const check::Type* t = check::chanOf(gotime::timeType(), check::ChanDir::Recv);
  return t;
}

values::ChanObject* newTimeChan() {
  return values::makeChan(gotime::timeType(), 1);
}

check::Named* timerNamed() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields.push_back({"C", timeChanType(), false, ""});
    auto* fnType = new check::Signature;
    st->fields.push_back({"f", fnType, false, ""});
    return nativeNamed("time", "Timer", st);
  }();
  return t;
}

check::Named* tickerNamed() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields.push_back({"C", timeChanType(), false, ""});
    return nativeNamed("time", "Ticker", st);
  }();
  return t;
}

values::StructObject* newOwner(check::Named* type, values::ChanObject* chan) {
  auto* o = values::StructObject::make(static_cast<const check::Struct*>(type->underlying));
  if (chan) {
    values::retainRef(Value{.p = chan});
    o->fields[0] = Value{.p = chan};
  }
  return o;
}

[[noreturn]] void panicError(const std::string& message) {
  values::GoPanic p;
  p.value = AnyValue{check::errorType(), errors::newError(message)};
  p.message = message;
  throw p;
}

// Stops and discards owner's state, drains its channel: Go 1.23's Stop result.
bool stopOwner(values::StructObject* owner) {
  emptyGraveyard();
  TimerState* st = nullptr;
  bool pending = false;
  {
    std::lock_guard lock(registryMu);
    auto it = byOwner.find(owner);
    if (it != byOwner.end()) {
      st = it->second;
      byOwner.erase(it);
      pending = st->armed;
      st->armed = false;
      st->timer.stop();
    }
    if (drain(values::asChanObject(owner->fields[0]))) pending = true;
  }
  if (st) destroyState(st);
  return pending;
}

// Re-arms owner (making a state if it has none): Go 1.23's Reset result.
bool resetOwner(values::StructObject* owner, int64_t d, int64_t period) {
  emptyGraveyard();
  bool pending = false;
  {
    std::lock_guard lock(registryMu);
    values::ChanObject* chan = values::asChanObject(owner->fields[0]);
    auto it = byOwner.find(owner);
    TimerState* st;
    if (it != byOwner.end()) {
      st = it->second;
      pending = st->armed;
    } else {
      st = new TimerState;
      st->owner = owner;
      values::retainRef(Value{.p = owner});
      st->chan = chan;
      values::retainRef(Value{.p = chan});
      if (!chan) {
        st->fn = owner->fields[1];
        values::retainRef(st->fn);
      }
      st->timer.set_callback(fire, st);
      byOwner[owner] = st;
    }
    if (drain(chan)) pending = true;
    arm(st, deadlineAfter(d), period);
  }
  return pending;
}

bool initialized(values::StructObject* o, bool timer) {
  return o->fields[0].p || (timer && o->fields[1].p);
}

// The package's Go types for bind (bind.h): each borrowed as an argument, owned as a result.
struct TimeChan {  // <-chan Time
  Value chan{};
};
struct TimerPtr {  // *Timer
  values::StructObject* timer = nullptr;
};
struct TickerPtr {  // *Ticker
  values::StructObject* ticker = nullptr;
};
struct Func {  // func()
  Value fn{};
};

}  // namespace

template <>
struct GoType<TimeChan> {
  static const check::Type* type() { return timeChanType(); }
  static Value result(TimeChan c) { return c.chan; }
};

template <>
struct GoType<TimerPtr> {
  static const check::Type* type() { return check::pointerTo(timerNamed()); }
  static TimerPtr arg(const AnyValue& a) { return {static_cast<values::StructObject*>(a.value.p)}; }
  static Value result(TimerPtr t) { return Value{.p = t.timer}; }
};

template <>
struct GoType<TickerPtr> {
  static const check::Type* type() { return check::pointerTo(tickerNamed()); }
  static TickerPtr arg(const AnyValue& a) {
    return {static_cast<values::StructObject*>(a.value.p)};
  }
  static Value result(TickerPtr t) { return Value{.p = t.ticker}; }
};

template <>
struct GoType<Func> {
  static const check::Type* type() {
    static const check::Signature* s = new check::Signature;
    return s;
  }
  static Func arg(const AnyValue& a) { return {a.value}; }
};

namespace {

values::StructObject* deref(values::StructObject* o) {
  if (!o) nilPanic();
  return o;
}

bool timerStop(TimerPtr timer) {
  values::StructObject* t = deref(timer.timer);
  if (!initialized(t, true)) panicString("time: Stop called on uninitialized Timer");
  return stopOwner(t);
}
bool timerReset(TimerPtr timer, gotime::Duration d) {
  values::StructObject* t = deref(timer.timer);
  if (!initialized(t, true)) panicString("time: Reset called on uninitialized Timer");
  return resetOwner(t, d.ns, 0);
}
void tickerStop(TickerPtr ticker) {
  values::StructObject* t = deref(ticker.ticker);
  // Go: stopping an uninitialized Ticker does nothing.
  if (!initialized(t, false)) return;
  stopOwner(t);
}
void tickerReset(TickerPtr ticker, gotime::Duration d) {
  if (d.ns <= 0) panicError("non-positive interval for Ticker.Reset");
  values::StructObject* t = deref(ticker.ticker);
  if (!initialized(t, false)) panicString("time: Reset called on uninitialized Ticker");
  resetOwner(t, d.ns, d.ns);
}

TimeChan after(gotime::Duration d) {
  emptyGraveyard();
  values::ChanObject* c = newTimeChan();
  values::retainRef(Value{.p = c});
  startTimer(nullptr, c, Value{}, d.ns, 0);
  return {Value{.p = c}};
}

TimerPtr newTimer(gotime::Duration d) {
  emptyGraveyard();
  values::ChanObject* c = newTimeChan();
  values::StructObject* t = newOwner(timerNamed(), c);
  startTimer(t, c, Value{}, d.ns, 0);
  return {t};
}

values::StructObject* startTicker(int64_t d) {
  emptyGraveyard();
  values::ChanObject* c = newTimeChan();
  values::StructObject* t = newOwner(tickerNamed(), c);
  startTimer(t, c, Value{}, d, d);
  return t;
}

TickerPtr newTicker(gotime::Duration d) {
  if (d.ns <= 0) panicError("non-positive interval for NewTicker");
  return {startTicker(d.ns)};
}

TimeChan tick(gotime::Duration d) {
  if (d.ns <= 0) return {};
  values::StructObject* t = startTicker(d.ns);
  Value c = t->fields[0];
  values::retainRef(c);
  // The ticker lives on in its state (which holds the only other reference).
  values::releaseRef(Value{.p = t});
  return {c};
}

TimerPtr afterFunc(gotime::Duration d, Func f) {
  emptyGraveyard();
  values::StructObject* t = newOwner(timerNamed(), nullptr);
  Value fn = f.fn;
  values::retainRef(fn);
  t->fields[1] = fn;
  values::retainRef(fn);
  startTimer(t, nullptr, fn, d.ns, 0);
  return {t};
}

}  // namespace

void registerTimers(Packages& p) {
  check::Package& pkg = p.package("time", "time");
  check::Named* timer = timerNamed();
  check::Named* ticker = tickerNamed();
  if (timer->methods.empty()) {
    bindMethod<&timerReset>(timer, "Reset");
    bindMethod<&timerStop>(timer, "Stop");
    bindMethod<&tickerReset>(ticker, "Reset");
    bindMethod<&tickerStop>(ticker, "Stop");
  }
  p.addType(pkg, "Timer", timer);
  p.addType(pkg, "Ticker", ticker);
  bind<&after>(p, pkg, "After");
  bind<&tick>(p, pkg, "Tick");
  bind<&newTimer>(p, pkg, "NewTimer");
  bind<&newTicker>(p, pkg, "NewTicker");
  if (goCallFunc) bind<&afterFunc>(p, pkg, "AfterFunc");
}

}  // namespace gol::stdlib
