// time: Duration, Month, Weekday, Location and Time with their methods, Now, Unix, Date,
// Since, Until, Sleep, ParseDuration, Parse, ParseInLocation and the layout constants. The timers
// (After, Tick, NewTimer, NewTicker, AfterFunc) are in timers.cpp.
//
// Locations: time.UTC (stored in a Time as a nil loc, as Go does), time.Local (the TZ
// environment variable or /etc/localtime, through the C library's localtime_r) and
// FixedZone. Nothing here is mutable after registration except through Time values,
// which are immutable (see time.h).
#include "stdlib/time.h"

#include <time.h>

#include <optional>
#include <string>

#include "runtime/timer.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/timefmt.h"
#include "stdlib/zoneinfo.h"

namespace gol::stdlib {

void registerTimers(Packages& p);

namespace gotime {

namespace {

using check::BasicKind;
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

// The package's other Go types for bind (bind.h), besides time.h's Duration and Time.
struct Month {
  int64_t m = 0;
};
struct Weekday {
  int64_t d = 0;
};
// A *Location: borrowed as an argument, owned as a result; null is nil.
struct Location {
  Value loc{};
};
// A Time result already made (owned), for results whose location the native made.
struct OwnedTime {
  Value time{};
};

}  // namespace

}  // namespace gotime

template <>
struct GoType<gotime::Month> {
  static const check::Type* type() { return gotime::monthNamed(); }
  static gotime::Month arg(const values::AnyValue& a) { return {a.value.i}; }
  static values::Value result(gotime::Month m) { return values::intValue(m.m); }
};

template <>
struct GoType<gotime::Weekday> {
  static const check::Type* type() { return gotime::weekdayNamed(); }
  static gotime::Weekday arg(const values::AnyValue& a) { return {a.value.i}; }
  static values::Value result(gotime::Weekday d) { return values::intValue(d.d); }
};

template <>
struct GoType<gotime::Location> {
  static const check::Type* type() { return check::pointerTo(gotime::locationNamed()); }
  static gotime::Location arg(const values::AnyValue& a) { return {a.value}; }
  static values::Value result(gotime::Location l) { return l.loc; }
};

template <>
struct GoType<gotime::OwnedTime> {
  static const check::Type* type() { return gotime::timeType(); }
  static values::Value result(gotime::OwnedTime t) { return t.time; }
};

namespace gotime {

namespace {

enum TimeField { kWall, kNsec, kMono, kHasMono, kLoc };

// A Location's kind (its third field): a fixed offset (FixedZone), the C library's local
// zone, or a table of the zone database (LoadLocation), whose address is the offset field.
enum LocationKind : int64_t { kFixedZone = 0, kLocalZone = 1, kZoneTable = 2 };

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
  if (l->fields[2].i == kZoneTable) {
    zoneinfo::Zone z =
        zoneinfo::lookup(*reinterpret_cast<const zoneinfo::Table*>(l->fields[1].u), unixSeconds);
    return {z.abbr, z.offset};
  }
  if (l->fields[2].i != kLocalZone) {
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

// A Time in loc (borrowed) from seconds since 1970 and a nanosecond.
TimeParts timeFromUnix(int64_t sec, int64_t nsec, Value loc) {
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
  return t;
}

// The remainder of t (as time since year 1) divided by d > 0, as Go's div.
int64_t timeRemainder(const TimeParts& t, int64_t d) {
  __int128 total = static_cast<__int128>(t.wall) * 1'000'000'000 + t.nsec;
  __int128 r = total % d;
  if (r < 0) r += d;
  return static_cast<int64_t>(r);
}

// ---- Duration, Month, Weekday -----------------------------------------------------------

std::string durationString(Duration d) {
  return timefmt::durationString(d.ns);
}
Int64 durationNanoseconds(Duration d) {
  return {d.ns};
}
Int64 durationMicroseconds(Duration d) {
  return {d.ns / 1000};
}
Int64 durationMilliseconds(Duration d) {
  return {d.ns / 1'000'000};
}
double durationSeconds(Duration d) {
  return static_cast<double>(d.ns / timefmt::kSecond) +
         static_cast<double>(d.ns % timefmt::kSecond) / 1e9;
}
double durationMinutes(Duration d) {
  return static_cast<double>(d.ns / timefmt::kMinute) +
         static_cast<double>(d.ns % timefmt::kMinute) / (60 * 1e9);
}
double durationHours(Duration d) {
  return static_cast<double>(d.ns / timefmt::kHour) +
         static_cast<double>(d.ns % timefmt::kHour) / (60 * 60 * 1e9);
}
Duration durationRound(Duration d, Duration m) {
  return {timefmt::durationRound(d.ns, m.ns)};
}
Duration durationTruncate(Duration d, Duration m) {
  return {timefmt::durationTruncate(d.ns, m.ns)};
}
Duration durationAbs(Duration d) {
  return {timefmt::durationAbs(d.ns)};
}

std::string monthString(Month m) {
  return timefmt::monthName(m.m);
}
std::string weekdayString(Weekday d) {
  return timefmt::weekdayName(d.d);
}

// ---- Location ---------------------------------------------------------------------------

std::string_view locationString(Location l) {
  auto* s = static_cast<values::StructObject*>(l.loc.p);
  return s ? values::stringView(s->fields[0]) : "UTC";
}

Location fixedZone(std::string_view name, int64_t offset) {
  return {Value{.p = newLocation(name, offset, false)}};
}

// Go's LoadLocation: "" and "UTC" are UTC, "Local" is Local, anything else a zone file.
std::tuple<Location, GoError> loadLocation(std::string_view name) {
  if (name.empty() || name == "UTC" || name == "Local") {
    Value loc = name == "Local" ? localCell : utcCell;
    values::retainRef(loc);
    return {{loc}, {}};
  }
  if (name.find("..") != std::string_view::npos || name[0] == '/' || name[0] == '\\') {
    return {{}, {errors::newError("time: invalid location name")}};
  }
  std::string error;
  const zoneinfo::Table* table = zoneinfo::load(name, &error);
  if (!table) return {{}, {errors::newError(error)}};
  values::StructObject* l = newLocation(name, 0, false);
  l->fields[1].u = reinterpret_cast<uint64_t>(table);
  l->fields[2] = values::intValue(kZoneTable);
  return {{Value{.p = l}}, {}};
}

// ---- Time methods -----------------------------------------------------------------------

TimeParts timeAdd(TimeParts t, Duration d) {
  return addDuration(t, d.ns);
}
bool timeAfter(TimeParts t, TimeParts u) {
  return compareTimes(t, u) > 0;
}
bool timeBefore(TimeParts t, TimeParts u) {
  return compareTimes(t, u) < 0;
}
bool timeEqual(TimeParts t, TimeParts u) {
  return compareTimes(t, u) == 0;
}
int64_t timeCompare(TimeParts t, TimeParts u) {
  return compareTimes(t, u);
}
bool timeIsZero(TimeParts t) {
  return t.wall == 0 && t.nsec == 0;
}
Int64 timeUnix(TimeParts t) {
  return {unixOf(t)};
}
Int64 timeUnixMilli(TimeParts t) {
  return {unixOf(t) * 1000 + t.nsec / 1'000'000};
}
Int64 timeUnixMicro(TimeParts t) {
  return {unixOf(t) * 1'000'000 + t.nsec / 1000};
}
Int64 timeUnixNano(TimeParts t) {
  return {static_cast<int64_t>(static_cast<uint64_t>(unixOf(t)) * 1'000'000'000 +
                               static_cast<uint64_t>(t.nsec))};
}
int64_t timeYear(TimeParts t) {
  return civilOf(t).year;
}
Month timeMonth(TimeParts t) {
  return {civilOf(t).month};
}
int64_t timeDay(TimeParts t) {
  return civilOf(t).day;
}
int64_t timeHour(TimeParts t) {
  return civilOf(t).hour;
}
int64_t timeMinute(TimeParts t) {
  return civilOf(t).minute;
}
int64_t timeSecond(TimeParts t) {
  return civilOf(t).second;
}
int64_t timeNanosecond(TimeParts t) {
  return t.nsec;
}
Weekday timeWeekday(TimeParts t) {
  return {civilOf(t).weekday};
}
int64_t timeYearDay(TimeParts t) {
  return civilOf(t).yearDay;
}
std::tuple<int64_t, Month, int64_t> timeDate(TimeParts t) {
  timefmt::Civil c = civilOf(t);
  return {c.year, Month{c.month}, c.day};
}
std::tuple<int64_t, int64_t, int64_t> timeClock(TimeParts t) {
  timefmt::Civil c = civilOf(t);
  return {c.hour, c.minute, c.second};
}
std::string timeFormat(TimeParts t, std::string_view layout) {
  Zone z = zoneAt(t.loc, unixOf(t));
  return timefmt::format(unixOf(t), t.nsec, z.offset, z.name, layout);
}
std::tuple<std::string, int64_t> timeZone(TimeParts t) {
  Zone z = zoneAt(t.loc, unixOf(t));
  return {z.name, z.offset};
}
Location timeLocation(TimeParts t) {
  Value loc = t.loc.p ? t.loc : utcCell;
  values::retainRef(loc);
  return {loc};
}

// t.In(loc): the same instant shown in loc; panics on a nil loc as Go does.
TimeParts inLocation(TimeParts t, Value loc) {
  if (!loc.p) panicString("time: missing Location in call to Time.In");
  t = stripMono(t);
  t.loc = loc.p == utcCell.p ? Value{} : loc;
  return t;
}
TimeParts timeUTC(TimeParts t) {
  return inLocation(t, utcCell);
}
TimeParts timeLocal(TimeParts t) {
  return inLocation(t, localCell);
}
TimeParts timeIn(TimeParts t, Location loc) {
  return inLocation(t, loc.loc);
}

TimeParts dateIn(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec,
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

TimeParts timeAddDate(TimeParts t, int64_t years, int64_t months, int64_t days) {
  timefmt::Civil c = civilOf(t);
  return dateIn(c.year + years, c.month + months, c.day + days, c.hour, c.minute, c.second, t.nsec,
                t.loc.p ? t.loc : utcCell);
}

TimeParts timeTruncate(TimeParts t, Duration d) {
  t = stripMono(t);
  if (d.ns <= 0) return t;
  return addDuration(t, -timeRemainder(t, d.ns));
}

TimeParts timeRound(TimeParts t, Duration d) {
  t = stripMono(t);
  if (d.ns <= 0) return t;
  int64_t rem = timeRemainder(t, d.ns);
  bool lessThanHalf =
      static_cast<uint64_t>(rem) + static_cast<uint64_t>(rem) < static_cast<uint64_t>(d.ns);
  return addDuration(t, lessThanHalf ? -rem : d.ns - rem);
}

// ---- Functions --------------------------------------------------------------------------

TimeParts unix(Int64 sec, Int64 nsec) {
  return timeFromUnix(sec.v, nsec.v, localCell);
}
TimeParts unixMilli(Int64 msec) {
  return timeFromUnix(msec.v / 1000, (msec.v % 1000) * 1'000'000, localCell);
}
TimeParts unixMicro(Int64 usec) {
  return timeFromUnix(usec.v / 1'000'000, (usec.v % 1'000'000) * 1000, localCell);
}
TimeParts date(int64_t year, Month month, int64_t day, int64_t hour, int64_t min, int64_t sec,
               int64_t nsec, Location loc) {
  return dateIn(year, month.m, day, hour, min, sec, nsec, loc.loc);
}
Duration since(TimeParts t) {
  if (t.hasMono) return {subMono(monoNow(), t.mono)};
  return timeSub(now(), t);
}
Duration until(TimeParts t) {
  if (t.hasMono) return {subMono(t.mono, monoNow())};
  return timeSub(t, now());
}
void sleep(Duration d) {
  rt::sleep(d.ns);
}
std::tuple<Duration, GoError> parseDuration(std::string_view s) {
  timefmt::ParsedDuration d = timefmt::parseDuration(s);
  return {Duration{d.value}, GoError{d.error.empty() ? Value{} : errors::newError(d.error)}};
}

// The offset of the zone named `name` in loc around an instant, as Go's lookupName: a
// zone of that name in effect at the instant it names, else the one in effect now.
std::optional<int> zoneOffsetNamed(Value loc, const std::string& name, int64_t unixSeconds) {
  Zone z = zoneAt(loc, unixSeconds);
  if (z.name != name) return std::nullopt;
  Zone then = zoneAt(loc, unixSeconds - z.offset);
  return then.name == name ? then.offset : z.offset;
}

// Go's parse: the fields read from value placed in a zone: UTC for "Z" or "UTC"; for a
// numeric offset or an abbreviation, `local` when it agrees, else a FixedZone; else
// defaultLoc.
std::tuple<OwnedTime, GoError> parseTime(std::string_view layout, std::string_view value,
                                         Value defaultLoc, Value local) {
  timefmt::ParsedTime p = timefmt::parse(layout, value);
  if (!p.error.empty()) return {OwnedTime{makeTime(TimeParts{})}, {errors::newError(p.error)}};
  auto in = [&](Value loc) {
    return dateIn(p.year, p.month, p.day, p.hour, p.minute, p.second, p.nanosecond, loc);
  };
  Value canonicalLocal = local.p == utcCell.p ? Value{} : local;
  TimeParts t = in(utcCell);
  if (p.zone == timefmt::ParsedTime::Zone::UTC) return {OwnedTime{makeTime(t)}, {}};
  int offset = 0;
  if (p.hasOffset) {
    t.wall -= p.offset;
    Zone z = zoneAt(local, unixOf(t));
    if (z.offset == p.offset && (p.zoneName.empty() || z.name == p.zoneName)) {
      t.loc = canonicalLocal;
      return {OwnedTime{makeTime(t)}, {}};
    }
    offset = p.offset;
  } else if (!p.zoneName.empty()) {
    if (std::optional<int> known = zoneOffsetNamed(local, p.zoneName, unixOf(t))) {
      t.wall -= *known;
      t.loc = canonicalLocal;
      return {OwnedTime{makeTime(t)}, {}};
    }
    // An unknown abbreviation keeps the wall clock as read, in a zone of that name
    // (GMT+h has its offset; others are taken as offset 0, as Go does).
    int64_t hours = 0;
    if (p.zoneName.size() > 3 && p.zoneName.compare(0, 3, "GMT") == 0) {
      hours = std::stoll(p.zoneName.substr(3));
    }
    offset = static_cast<int>(hours * 3600);
  } else {
    return {OwnedTime{makeTime(in(defaultLoc))}, {}};
  }
  Value zone{.p = newLocation(p.zoneName, offset, false)};
  t.loc = zone;
  Value result = makeTime(t);
  values::releaseRef(zone);
  return {OwnedTime{result}, {}};
}

std::tuple<OwnedTime, GoError> parse(std::string_view layout, std::string_view value) {
  return parseTime(layout, value, utcCell, localCell);
}

std::tuple<OwnedTime, GoError> parseInLocation(std::string_view layout, std::string_view value,
                                               Location loc) {
  return parseTime(layout, value, loc.loc, loc.loc);
}

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

TimeParts now() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  TimeParts t;
  t.wall = static_cast<int64_t>(ts.tv_sec) + timefmt::kUnixToInternal;
  t.nsec = ts.tv_nsec;
  t.mono = monoNow();
  t.hasMono = true;
  t.loc = localCell;
  return t;
}

Duration timeSub(const TimeParts& t, const TimeParts& u) {
  if (t.hasMono && u.hasMono) return {subMono(t.mono, u.mono)};
  int64_t d = static_cast<int64_t>(static_cast<uint64_t>(t.wall - u.wall) * 1'000'000'000 +
                                   static_cast<uint64_t>(t.nsec - u.nsec));
  TimeParts check = addDuration(stripMono(u), d);
  if (check.wall == t.wall && check.nsec == t.nsec) return {d};
  return {compareTimes(stripMono(t), stripMono(u)) < 0 ? INT64_MIN : INT64_MAX};
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
  check::Package& pkg = p.package("time", "time");

  auto* duration = const_cast<check::Named*>(durationType());
  auto* month = monthNamed();
  auto* weekday = weekdayNamed();
  auto* location = locationNamed();
  auto* timeT = const_cast<check::Named*>(timeType());
  const check::Type* locPtr = check::pointerTo(location);
  // Registration runs once per Packages; the types are process-wide.
  if (duration->methods.empty()) {
    bindMethod<&durationAbs>(duration, "Abs", false);
    bindMethod<&durationHours>(duration, "Hours", false);
    bindMethod<&durationMicroseconds>(duration, "Microseconds", false);
    bindMethod<&durationMilliseconds>(duration, "Milliseconds", false);
    bindMethod<&durationMinutes>(duration, "Minutes", false);
    bindMethod<&durationNanoseconds>(duration, "Nanoseconds", false);
    bindMethod<&durationRound>(duration, "Round", false);
    bindMethod<&durationSeconds>(duration, "Seconds", false);
    bindMethod<&durationString>(duration, "String", false);
    bindMethod<&durationTruncate>(duration, "Truncate", false);
    bindMethod<&monthString>(month, "String", false);
    bindMethod<&weekdayString>(weekday, "String", false);
    bindMethod<&locationString>(location, "String", true);

    bindMethod<&timeAdd>(timeT, "Add", false);
    bindMethod<&timeAddDate>(timeT, "AddDate", false);
    bindMethod<&timeAfter>(timeT, "After", false);
    bindMethod<&timeBefore>(timeT, "Before", false);
    bindMethod<&timeClock>(timeT, "Clock", false);
    bindMethod<&timeCompare>(timeT, "Compare", false);
    bindMethod<&timeDate>(timeT, "Date", false);
    bindMethod<&timeDay>(timeT, "Day", false);
    bindMethod<&timeEqual>(timeT, "Equal", false);
    bindMethod<&timeFormat>(timeT, "Format", false);
    bindMethod<&timeHour>(timeT, "Hour", false);
    bindMethod<&timeIn>(timeT, "In", false);
    bindMethod<&timeIsZero>(timeT, "IsZero", false);
    bindMethod<&timeLocal>(timeT, "Local", false);
    bindMethod<&timeLocation>(timeT, "Location", false);
    bindMethod<&timeMinute>(timeT, "Minute", false);
    bindMethod<&timeMonth>(timeT, "Month", false);
    bindMethod<&timeNanosecond>(timeT, "Nanosecond", false);
    bindMethod<&timeRound>(timeT, "Round", false);
    bindMethod<&timeSecond>(timeT, "Second", false);
    bindMethod<&timeString>(timeT, "String", false);
    bindMethod<&timeSub>(timeT, "Sub", false);
    bindMethod<&timeTruncate>(timeT, "Truncate", false);
    bindMethod<&timeUTC>(timeT, "UTC", false);
    bindMethod<&timeUnix>(timeT, "Unix", false);
    bindMethod<&timeUnixMicro>(timeT, "UnixMicro", false);
    bindMethod<&timeUnixMilli>(timeT, "UnixMilli", false);
    bindMethod<&timeUnixNano>(timeT, "UnixNano", false);
    bindMethod<&timeWeekday>(timeT, "Weekday", false);
    bindMethod<&timeYear>(timeT, "Year", false);
    bindMethod<&timeYearDay>(timeT, "YearDay", false);
    bindMethod<&timeZone>(timeT, "Zone", false);
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

  bind<&now>(p, pkg, "Now");
  bind<&unix>(p, pkg, "Unix");
  bind<&unixMilli>(p, pkg, "UnixMilli");
  bind<&unixMicro>(p, pkg, "UnixMicro");
  bind<&date>(p, pkg, "Date");
  bind<&since>(p, pkg, "Since");
  bind<&until>(p, pkg, "Until");
  bind<&sleep>(p, pkg, "Sleep");
  bind<&parseDuration>(p, pkg, "ParseDuration");
  bind<&fixedZone>(p, pkg, "FixedZone");
  bind<&loadLocation>(p, pkg, "LoadLocation");
  bind<&parse>(p, pkg, "Parse");
  bind<&parseInLocation>(p, pkg, "ParseInLocation");
  registerTimers(p);
}

}  // namespace gol::stdlib
