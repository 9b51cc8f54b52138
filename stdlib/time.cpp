// time: Duration, Month, Weekday, Location and Time with their methods, Now, Unix, Date,
// Since, Until, Sleep, ParseDuration and the layout constants. The timers (After, Tick,
// NewTimer, NewTicker, AfterFunc) are in timers.cpp.
//
// Locations: time.UTC (stored in a Time as a nil loc, as Go does), time.Local (the TZ
// environment variable or /etc/localtime, through the C library's localtime_r) and
// FixedZone. Nothing here is mutable after registration except through Time values,
// which are immutable (see time.h).
#include "stdlib/time.h"

#include <time.h>

#include "runtime/timer.h"
#include "stdlib/errors.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/timefmt.h"

namespace gol::stdlib {

void registerTimers(Packages& p);

namespace gotime {

namespace {

using check::BasicKind;
using values::AnyValue;
using values::Value;

// Go's startNano: a monotonic reading taken at start-up, minus one so readings are >= 1.
const int64_t startNano = rt::nanotime() - 1;

check::Named* namedInt(const char* name) {
  return nativeNamed("time", name, check::basicType(BasicKind::Int));
}

check::Named* locationNamed() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields.push_back({"name", check::basicType(BasicKind::String), false, ""});
    st->fields.push_back({"offset", check::basicType(BasicKind::Int), false, ""});
    st->fields.push_back({"local", check::basicType(BasicKind::Bool), false, ""});
    return nativeNamed("time", "Location", st);
  }();
  return t;
}

check::Named* monthNamed() {
  static check::Named* t = namedInt("Month");
  return t;
}
check::Named* weekdayNamed() {
  static check::Named* t = namedInt("Weekday");
  return t;
}

enum TimeField { kWall, kNsec, kMono, kHasMono, kLoc };

values::StructObject* newLocation(std::string_view name, int64_t offset, bool local) {
  auto* l =
      values::StructObject::make(static_cast<const check::Struct*>(locationNamed()->underlying));
  l->fields[0] = stringResult(name);
  l->fields[1] = values::intValue(offset);
  l->fields[2] = values::intValue(local ? 1 : 0);
  return l;
}

// The package variables time.UTC and time.Local (each holds one reference forever).
Value utcCell{};
Value localCell{};

// The zone name and offset (seconds east of UTC) of loc at an instant.
struct Zone {
  std::string name;
  int offset;
};
Zone zoneAt(Value loc, int64_t unixSeconds) {
  auto* l = static_cast<values::StructObject*>(loc.p);
  if (!l || l == utcCell.p) return {"UTC", 0};
  if (!l->fields[2].i) {
    return {std::string(values::stringView(l->fields[0])), static_cast<int>(l->fields[1].i)};
  }
  time_t t = static_cast<time_t>(unixSeconds);
  struct tm tm {};
  if (!localtime_r(&t, &tm)) return {"UTC", 0};
  return {tm.tm_zone ? tm.tm_zone : "", static_cast<int>(tm.tm_gmtoff)};
}

int64_t unixOf(const TimeParts& t) {
  return t.wall - timefmt::kUnixToInternal;
}

timefmt::Civil civilOf(const TimeParts& t) {
  return timefmt::civilFromUnix(unixOf(t) + zoneAt(t.loc, unixOf(t)).offset);
}

TimeParts recvTime(std::span<const AnyValue> a, size_t i = 0) {
  return timeParts(a[i].value);
}

// Returns t with its monotonic reading dropped.
TimeParts stripMono(TimeParts t) {
  t.hasMono = false;
  t.mono = 0;
  return t;
}

TimeParts addDuration(TimeParts t, int64_t d) {
  int64_t dsec = d / 1'000'000'000;
  int64_t nsec = t.nsec + d % 1'000'000'000;
  if (nsec >= 1'000'000'000) {
    ++dsec;
    nsec -= 1'000'000'000;
  } else if (nsec < 0) {
    --dsec;
    nsec += 1'000'000'000;
  }
  t.nsec = nsec;
  t.wall += dsec;
  if (t.hasMono) {
    int64_t te = static_cast<int64_t>(static_cast<uint64_t>(t.mono) + static_cast<uint64_t>(d));
    if ((d < 0 && te > t.mono) || (d > 0 && te < t.mono)) {
      t = stripMono(t);
    } else {
      t.mono = te;
    }
  }
  return t;
}

int compareTimes(const TimeParts& t, const TimeParts& u) {
  if (t.hasMono && u.hasMono) return t.mono < u.mono ? -1 : t.mono > u.mono ? 1 : 0;
  if (t.wall != u.wall) return t.wall < u.wall ? -1 : 1;
  if (t.nsec != u.nsec) return t.nsec < u.nsec ? -1 : 1;
  return 0;
}

int64_t subMono(int64_t t, int64_t u) {
  int64_t d = static_cast<int64_t>(static_cast<uint64_t>(t) - static_cast<uint64_t>(u));
  if (d < 0 && t > u) return INT64_MAX;
  if (d > 0 && t < u) return INT64_MIN;
  return d;
}

// A Time in loc (retained) from seconds since 1970 and a nanosecond.
Value timeFromUnix(int64_t sec, int64_t nsec, Value loc) {
  if (nsec < 0 || nsec >= 1'000'000'000) {
    int64_t n = nsec / 1'000'000'000;
    sec += n;
    nsec -= n * 1'000'000'000;
    if (nsec < 0) {
      nsec += 1'000'000'000;
      --sec;
    }
  }
  TimeParts t;
  t.wall = sec + timefmt::kUnixToInternal;
  t.nsec = nsec;
  t.loc = loc;
  return makeTime(t);
}

// The remainder of t (as time since year 1) divided by d > 0, as Go's div.
int64_t timeRemainder(const TimeParts& t, int64_t d) {
  __int128 total = static_cast<__int128>(t.wall) * 1'000'000'000 + t.nsec;
  __int128 r = total % d;
  if (r < 0) r += d;
  return static_cast<int64_t>(r);
}

// ---- Duration ---------------------------------------------------------------------------

int64_t recvInt(std::span<const AnyValue> a) {
  return a[0].value.i;
}

void durationStringM(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(timefmt::durationString(recvInt(a)));
}
void durationNanosecondsM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(recvInt(a));
}
void durationMicrosecondsM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(recvInt(a) / 1000);
}
void durationMillisecondsM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(recvInt(a) / 1'000'000);
}
void durationSecondsM(std::span<const AnyValue> a, Value* r) {
  int64_t d = recvInt(a);
  r[0] = floatResult(static_cast<double>(d / timefmt::kSecond) +
                     static_cast<double>(d % timefmt::kSecond) / 1e9);
}
void durationMinutesM(std::span<const AnyValue> a, Value* r) {
  int64_t d = recvInt(a);
  r[0] = floatResult(static_cast<double>(d / timefmt::kMinute) +
                     static_cast<double>(d % timefmt::kMinute) / (60 * 1e9));
}
void durationHoursM(std::span<const AnyValue> a, Value* r) {
  int64_t d = recvInt(a);
  r[0] = floatResult(static_cast<double>(d / timefmt::kHour) +
                     static_cast<double>(d % timefmt::kHour) / (60 * 60 * 1e9));
}
void durationRoundM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(timefmt::durationRound(recvInt(a), a[1].value.i));
}
void durationTruncateM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(timefmt::durationTruncate(recvInt(a), a[1].value.i));
}
void durationAbsM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(timefmt::durationAbs(recvInt(a)));
}

void monthStringM(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(timefmt::monthName(recvInt(a)));
}
void weekdayStringM(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(timefmt::weekdayName(recvInt(a)));
}

// ---- Location ---------------------------------------------------------------------------

void locationStringM(std::span<const AnyValue> a, Value* r) {
  auto* l = static_cast<values::StructObject*>(a[0].value.p);
  if (!l) {
    r[0] = stringResult("UTC");
    return;
  }
  Value name = l->fields[0];
  values::retainRef(name);
  r[0] = name;
}

void fixedZoneN(std::span<const AnyValue> a, Value* r) {
  r[0] = Value{.p = newLocation(values::stringView(a[0].value), a[1].value.i, false)};
}

// ---- Time methods -----------------------------------------------------------------------

void timeAddM(std::span<const AnyValue> a, Value* r) {
  r[0] = makeTime(addDuration(recvTime(a), a[1].value.i));
}
void timeSubM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(timeSub(recvTime(a), recvTime(a, 1)));
}
void timeAfterM(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(compareTimes(recvTime(a), recvTime(a, 1)) > 0);
}
void timeBeforeM(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(compareTimes(recvTime(a), recvTime(a, 1)) < 0);
}
void timeEqualM(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(compareTimes(recvTime(a), recvTime(a, 1)) == 0);
}
void timeCompareM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(compareTimes(recvTime(a), recvTime(a, 1)));
}
void timeIsZeroM(std::span<const AnyValue> a, Value* r) {
  TimeParts t = recvTime(a);
  r[0] = boolResult(t.wall == 0 && t.nsec == 0);
}
void timeUnixM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(unixOf(recvTime(a)));
}
void timeUnixMilliM(std::span<const AnyValue> a, Value* r) {
  TimeParts t = recvTime(a);
  r[0] = intResult(unixOf(t) * 1000 + t.nsec / 1'000'000);
}
void timeUnixMicroM(std::span<const AnyValue> a, Value* r) {
  TimeParts t = recvTime(a);
  r[0] = intResult(unixOf(t) * 1'000'000 + t.nsec / 1000);
}
void timeUnixNanoM(std::span<const AnyValue> a, Value* r) {
  TimeParts t = recvTime(a);
  r[0] = intResult(static_cast<int64_t>(static_cast<uint64_t>(unixOf(t)) * 1'000'000'000 +
                                        static_cast<uint64_t>(t.nsec)));
}
void timeYearM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(civilOf(recvTime(a)).year);
}
void timeMonthM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(civilOf(recvTime(a)).month);
}
void timeDayM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(civilOf(recvTime(a)).day);
}
void timeHourM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(civilOf(recvTime(a)).hour);
}
void timeMinuteM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(civilOf(recvTime(a)).minute);
}
void timeSecondM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(civilOf(recvTime(a)).second);
}
void timeNanosecondM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(recvTime(a).nsec);
}
void timeWeekdayM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(civilOf(recvTime(a)).weekday);
}
void timeYearDayM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(civilOf(recvTime(a)).yearDay);
}
void timeDateM(std::span<const AnyValue> a, Value* r) {
  timefmt::Civil c = civilOf(recvTime(a));
  r[0] = intResult(c.year);
  r[1] = intResult(c.month);
  r[2] = intResult(c.day);
}
void timeClockM(std::span<const AnyValue> a, Value* r) {
  timefmt::Civil c = civilOf(recvTime(a));
  r[0] = intResult(c.hour);
  r[1] = intResult(c.minute);
  r[2] = intResult(c.second);
}
void timeFormatM(std::span<const AnyValue> a, Value* r) {
  TimeParts t = recvTime(a);
  Zone z = zoneAt(t.loc, unixOf(t));
  r[0] = stringResult(
      timefmt::format(unixOf(t), t.nsec, z.offset, z.name, values::stringView(a[1].value)));
}
void timeStringM(std::span<const AnyValue> a, Value* r) {
  r[0] = stringResult(timeString(recvTime(a)));
}
void timeZoneM(std::span<const AnyValue> a, Value* r) {
  TimeParts t = recvTime(a);
  Zone z = zoneAt(t.loc, unixOf(t));
  r[0] = stringResult(z.name);
  r[1] = intResult(z.offset);
}
void timeLocationM(std::span<const AnyValue> a, Value* r) {
  Value loc = recvTime(a).loc;
  if (!loc.p) loc = utcCell;
  values::retainRef(loc);
  r[0] = loc;
}

// t.In(loc): the same instant shown in loc; panics on a nil loc as Go does.
Value inLocation(TimeParts t, Value loc) {
  if (!loc.p) panicString("time: missing Location in call to Time.In");
  t = stripMono(t);
  t.loc = loc.p == utcCell.p ? Value{} : loc;
  return makeTime(t);
}
void timeUTCM(std::span<const AnyValue> a, Value* r) {
  r[0] = inLocation(recvTime(a), utcCell);
}
void timeLocalM(std::span<const AnyValue> a, Value* r) {
  r[0] = inLocation(recvTime(a), localCell);
}
void timeInM(std::span<const AnyValue> a, Value* r) {
  r[0] = inLocation(recvTime(a), a[1].value);
}

Value dateIn(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec,
             int64_t nsec, Value loc) {
  if (!loc.p) panicString("time: missing Location in call to Date");
  timefmt::NormalizedDate n = timefmt::normalizeDate(year, month, day, hour, min, sec, nsec);
  int64_t unix = n.unixSeconds;
  // The local wall clock read as UTC, corrected by the zone's offset at that instant (and
  // again if the correction crosses an offset change), as Go's Date does.
  int offset = zoneAt(loc, unix).offset;
  if (offset != 0) {
    int other = zoneAt(loc, unix - offset).offset;
    if (other != offset) offset = other;
    unix -= offset;
  }
  return timeFromUnix(unix, n.nanosecond, loc.p == utcCell.p ? Value{} : loc);
}

void timeAddDateM(std::span<const AnyValue> a, Value* r) {
  TimeParts t = recvTime(a);
  timefmt::Civil c = civilOf(t);
  r[0] = dateIn(c.year + a[1].value.i, c.month + a[2].value.i, c.day + a[3].value.i, c.hour,
                c.minute, c.second, t.nsec, t.loc.p ? t.loc : utcCell);
}

void timeTruncateM(std::span<const AnyValue> a, Value* r) {
  TimeParts t = stripMono(recvTime(a));
  int64_t d = a[1].value.i;
  if (d <= 0) {
    r[0] = makeTime(t);
    return;
  }
  r[0] = makeTime(addDuration(t, -timeRemainder(t, d)));
}

void timeRoundM(std::span<const AnyValue> a, Value* r) {
  TimeParts t = stripMono(recvTime(a));
  int64_t d = a[1].value.i;
  if (d <= 0) {
    r[0] = makeTime(t);
    return;
  }
  int64_t rem = timeRemainder(t, d);
  bool lessThanHalf =
      static_cast<uint64_t>(rem) + static_cast<uint64_t>(rem) < static_cast<uint64_t>(d);
  r[0] = makeTime(addDuration(t, lessThanHalf ? -rem : d - rem));
}

// ---- Functions --------------------------------------------------------------------------

void nowN(std::span<const AnyValue>, Value* r) {
  r[0] = now();
}
void unixN(std::span<const AnyValue> a, Value* r) {
  r[0] = timeFromUnix(a[0].value.i, a[1].value.i, localCell);
}
void unixMilliN(std::span<const AnyValue> a, Value* r) {
  int64_t ms = a[0].value.i;
  r[0] = timeFromUnix(ms / 1000, (ms % 1000) * 1'000'000, localCell);
}
void unixMicroN(std::span<const AnyValue> a, Value* r) {
  int64_t us = a[0].value.i;
  r[0] = timeFromUnix(us / 1'000'000, (us % 1'000'000) * 1000, localCell);
}
void dateN(std::span<const AnyValue> a, Value* r) {
  r[0] = dateIn(a[0].value.i, a[1].value.i, a[2].value.i, a[3].value.i, a[4].value.i, a[5].value.i,
                a[6].value.i, a[7].value);
}
void sinceN(std::span<const AnyValue> a, Value* r) {
  TimeParts t = recvTime(a);
  if (t.hasMono) {
    r[0] = intResult(subMono(monoNow(), t.mono));
    return;
  }
  Value n = now();
  r[0] = intResult(timeSub(timeParts(n), t));
  values::releaseRef(n);
}
void untilN(std::span<const AnyValue> a, Value* r) {
  TimeParts t = recvTime(a);
  if (t.hasMono) {
    r[0] = intResult(subMono(t.mono, monoNow()));
    return;
  }
  Value n = now();
  r[0] = intResult(timeSub(t, timeParts(n)));
  values::releaseRef(n);
}
void sleepN(std::span<const AnyValue> a, Value*) {
  rt::sleep(a[0].value.i);
}
void parseDurationN(std::span<const AnyValue> a, Value* r) {
  timefmt::ParsedDuration d = timefmt::parseDuration(values::stringView(a[0].value));
  r[0] = intResult(d.value);
  r[1] = d.error.empty() ? Value{} : errors::newError(d.error);
}

constexpr auto& sig = nativeSignature;

}  // namespace

const check::Named* durationType() {
  static check::Named* t = nativeNamed("time", "Duration", check::basicType(BasicKind::Int64));
  return t;
}

const check::Named* timeType() {
  static check::Named* t = [] {
    const check::Type* i64 = check::basicType(BasicKind::Int64);
    auto* st = new check::Struct;
    st->fields.push_back({"wall", i64, false, ""});
    st->fields.push_back({"nsec", i64, false, ""});
    st->fields.push_back({"mono", i64, false, ""});
    st->fields.push_back({"hasMono", check::basicType(BasicKind::Bool), false, ""});
    st->fields.push_back({"loc", check::pointerTo(locationNamed()), false, ""});
    return nativeNamed("time", "Time", st);
  }();
  return t;
}

TimeParts timeParts(Value time) {
  auto* s = static_cast<values::StructObject*>(time.p);
  TimeParts t;
  if (!s) return t;
  t.wall = s->fields[kWall].i;
  t.nsec = s->fields[kNsec].i;
  t.mono = s->fields[kMono].i;
  t.hasMono = s->fields[kHasMono].i != 0;
  t.loc = s->fields[kLoc];
  return t;
}

Value makeTime(const TimeParts& t) {
  auto* s = values::StructObject::make(static_cast<const check::Struct*>(timeType()->underlying));
  s->fields[kWall] = values::intValue(t.wall);
  s->fields[kNsec] = values::intValue(t.nsec);
  s->fields[kMono] = values::intValue(t.hasMono ? t.mono : 0);
  s->fields[kHasMono] = values::intValue(t.hasMono ? 1 : 0);
  values::retainRef(t.loc);
  s->fields[kLoc] = t.loc;
  return Value{.p = s};
}

int64_t monoNow() {
  return rt::nanotime() - startNano;
}

Value now() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  TimeParts t;
  t.wall = static_cast<int64_t>(ts.tv_sec) + timefmt::kUnixToInternal;
  t.nsec = ts.tv_nsec;
  t.mono = monoNow();
  t.hasMono = true;
  t.loc = localCell;
  return makeTime(t);
}

int64_t timeSub(const TimeParts& t, const TimeParts& u) {
  if (t.hasMono && u.hasMono) return subMono(t.mono, u.mono);
  int64_t d = static_cast<int64_t>(static_cast<uint64_t>(t.wall - u.wall) * 1'000'000'000 +
                                   static_cast<uint64_t>(t.nsec - u.nsec));
  TimeParts check = addDuration(stripMono(u), d);
  if (check.wall == t.wall && check.nsec == t.nsec) return d;
  return compareTimes(stripMono(t), stripMono(u)) < 0 ? INT64_MIN : INT64_MAX;
}

std::string timeString(const TimeParts& t) {
  Zone z = zoneAt(t.loc, unixOf(t));
  std::string s = timefmt::format(unixOf(t), t.nsec, z.offset, z.name,
                                  "2006-01-02 15:04:05.999999999 -0700 MST");
  if (t.hasMono) {
    uint64_t m2 = static_cast<uint64_t>(t.mono);
    char sign = '+';
    if (t.mono < 0) {
      sign = '-';
      m2 = -m2;
    }
    uint64_t m1 = m2 / 1'000'000'000;
    m2 %= 1'000'000'000;
    uint64_t m0 = m1 / 1'000'000'000;
    m1 %= 1'000'000'000;
    s += " m=";
    s += sign;
    char buf[32];
    if (m0 != 0) {
      snprintf(buf, sizeof buf, "%llu%09llu", static_cast<unsigned long long>(m0),
               static_cast<unsigned long long>(m1));
    } else {
      snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(m1));
    }
    s += buf;
    snprintf(buf, sizeof buf, ".%09llu", static_cast<unsigned long long>(m2));
    s += buf;
  }
  return s;
}

}  // namespace gotime

void registerTime(Packages& p) {
  using namespace gotime;
  using check::BasicKind;
  const check::Type* i = check::basicType(BasicKind::Int);
  const check::Type* i64 = check::basicType(BasicKind::Int64);
  const check::Type* f64 = check::basicType(BasicKind::Float64);
  const check::Type* boolean = check::basicType(BasicKind::Bool);
  const check::Type* str = check::basicType(BasicKind::String);
  check::Package& pkg = p.package("time", "time");

  auto* duration = const_cast<check::Named*>(durationType());
  auto* month = monthNamed();
  auto* weekday = weekdayNamed();
  auto* location = locationNamed();
  auto* timeT = const_cast<check::Named*>(timeType());
  const check::Type* locPtr = check::pointerTo(location);
  // Registration runs once per Packages; the types are process-wide.
  if (duration->methods.empty()) {
    auto dm = [&](const char* name, const check::Signature* s, values::NativeFunction fn) {
      addNativeMethod(duration, name, s, fn, false);
    };
    dm("Abs", sig({}, {duration}), durationAbsM);
    dm("Hours", sig({}, {f64}), durationHoursM);
    dm("Microseconds", sig({}, {i64}), durationMicrosecondsM);
    dm("Milliseconds", sig({}, {i64}), durationMillisecondsM);
    dm("Minutes", sig({}, {f64}), durationMinutesM);
    dm("Nanoseconds", sig({}, {i64}), durationNanosecondsM);
    dm("Round", sig({duration}, {duration}), durationRoundM);
    dm("Seconds", sig({}, {f64}), durationSecondsM);
    dm("String", sig({}, {str}), durationStringM);
    dm("Truncate", sig({duration}, {duration}), durationTruncateM);
    addNativeMethod(month, "String", sig({}, {str}), monthStringM, false);
    addNativeMethod(weekday, "String", sig({}, {str}), weekdayStringM, false);
    addNativeMethod(location, "String", sig({}, {str}), locationStringM, true);

    auto tm = [&](const char* name, const check::Signature* s, values::NativeFunction fn) {
      addNativeMethod(timeT, name, s, fn, false);
    };
    tm("Add", sig({duration}, {timeT}), timeAddM);
    tm("AddDate", sig({i, i, i}, {timeT}), timeAddDateM);
    tm("After", sig({timeT}, {boolean}), timeAfterM);
    tm("Before", sig({timeT}, {boolean}), timeBeforeM);
    tm("Clock", sig({}, {i, i, i}), timeClockM);
    tm("Compare", sig({timeT}, {i}), timeCompareM);
    tm("Date", sig({}, {i, month, i}), timeDateM);
    tm("Day", sig({}, {i}), timeDayM);
    tm("Equal", sig({timeT}, {boolean}), timeEqualM);
    tm("Format", sig({str}, {str}), timeFormatM);
    tm("Hour", sig({}, {i}), timeHourM);
    tm("In", sig({locPtr}, {timeT}), timeInM);
    tm("IsZero", sig({}, {boolean}), timeIsZeroM);
    tm("Local", sig({}, {timeT}), timeLocalM);
    tm("Location", sig({}, {locPtr}), timeLocationM);
    tm("Minute", sig({}, {i}), timeMinuteM);
    tm("Month", sig({}, {month}), timeMonthM);
    tm("Nanosecond", sig({}, {i}), timeNanosecondM);
    tm("Round", sig({duration}, {timeT}), timeRoundM);
    tm("Second", sig({}, {i}), timeSecondM);
    tm("String", sig({}, {str}), timeStringM);
    tm("Sub", sig({timeT}, {duration}), timeSubM);
    tm("Truncate", sig({duration}, {timeT}), timeTruncateM);
    tm("UTC", sig({}, {timeT}), timeUTCM);
    tm("Unix", sig({}, {i64}), timeUnixM);
    tm("UnixMicro", sig({}, {i64}), timeUnixMicroM);
    tm("UnixMilli", sig({}, {i64}), timeUnixMilliM);
    tm("UnixNano", sig({}, {i64}), timeUnixNanoM);
    tm("Weekday", sig({}, {weekday}), timeWeekdayM);
    tm("Year", sig({}, {i}), timeYearM);
    tm("YearDay", sig({}, {i}), timeYearDayM);
    tm("Zone", sig({}, {str, i}), timeZoneM);
  }
  if (!utcCell.p) {
    tzset();
    utcCell = Value{.p = newLocation("UTC", 0, false)};
    localCell = Value{.p = newLocation("Local", 0, true)};
  }

  p.addType(pkg, "Duration", duration);
  p.addType(pkg, "Month", month);
  p.addType(pkg, "Weekday", weekday);
  p.addType(pkg, "Location", location);
  p.addType(pkg, "Time", timeT);
  p.addVariable(pkg, "UTC", locPtr, &utcCell);
  p.addVariable(pkg, "Local", locPtr, &localCell);

  const struct {
    const char* name;
    int64_t value;
  } units[] = {{"Nanosecond", timefmt::kNanosecond},   {"Microsecond", timefmt::kMicrosecond},
               {"Millisecond", timefmt::kMillisecond}, {"Second", timefmt::kSecond},
               {"Minute", timefmt::kMinute},           {"Hour", timefmt::kHour}};
  for (const auto& u : units) {
    p.addConstant(pkg, u.name, duration, check::ConstValue::ofInt64(u.value));
  }
  for (int64_t m = 1; m <= 12; ++m) {
    p.addConstant(pkg, timefmt::monthName(m), month, check::ConstValue::ofInt64(m));
  }
  for (int64_t d = 0; d <= 6; ++d) {
    p.addConstant(pkg, timefmt::weekdayName(d), weekday, check::ConstValue::ofInt64(d));
  }
  const check::Type* untypedString = check::basicType(BasicKind::UntypedString);
  const struct {
    const char* name;
    const char* layout;
  } layouts[] = {{"Layout", "01/02 03:04:05PM '06 -0700"},
                 {"ANSIC", "Mon Jan _2 15:04:05 2006"},
                 {"UnixDate", "Mon Jan _2 15:04:05 MST 2006"},
                 {"RubyDate", "Mon Jan 02 15:04:05 -0700 2006"},
                 {"RFC822", "02 Jan 06 15:04 MST"},
                 {"RFC822Z", "02 Jan 06 15:04 -0700"},
                 {"RFC850", "Monday, 02-Jan-06 15:04:05 MST"},
                 {"RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"},
                 {"RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"},
                 {"RFC3339", "2006-01-02T15:04:05Z07:00"},
                 {"RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"},
                 {"Kitchen", "3:04PM"},
                 {"Stamp", "Jan _2 15:04:05"},
                 {"StampMilli", "Jan _2 15:04:05.000"},
                 {"StampMicro", "Jan _2 15:04:05.000000"},
                 {"StampNano", "Jan _2 15:04:05.000000000"},
                 {"DateTime", "2006-01-02 15:04:05"},
                 {"DateOnly", "2006-01-02"},
                 {"TimeOnly", "15:04:05"}};
  for (const auto& l : layouts) {
    p.addConstant(pkg, l.name, untypedString, check::ConstValue::ofString(l.layout));
  }

  p.addFunction(pkg, "Now", p.signature({}, {timeT}), nowN);
  p.addFunction(pkg, "Unix", p.signature({i64, i64}, {timeT}), unixN);
  p.addFunction(pkg, "UnixMilli", p.signature({i64}, {timeT}), unixMilliN);
  p.addFunction(pkg, "UnixMicro", p.signature({i64}, {timeT}), unixMicroN);
  p.addFunction(pkg, "Date", p.signature({i, month, i, i, i, i, i, locPtr}, {timeT}), dateN);
  p.addFunction(pkg, "Since", p.signature({timeT}, {duration}), sinceN);
  p.addFunction(pkg, "Until", p.signature({timeT}, {duration}), untilN);
  p.addFunction(pkg, "Sleep", p.signature({duration}, {}), sleepN);
  p.addFunction(pkg, "ParseDuration", p.signature({str}, {duration, check::errorType()}),
                parseDurationN);
  p.addFunction(pkg, "FixedZone", p.signature({str, i}, {locPtr}), fixedZoneN);
  registerTimers(p);
}

}  // namespace gol::stdlib
