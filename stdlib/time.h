// The time package's types as the other native packages see them (context uses Time and
// Duration; the timers make Time values), and their Go types for bind (bind.h).
//
// A time.Time is a struct value (an aggregate StructObject) with unexported fields:
//   wall    int64      seconds since January 1, year 1 UTC (so the zero struct is Go's zero Time)
//   nsec    int64      nanoseconds within the second, [0, 1e9)
//   mono    int64      monotonic reading: nanoseconds since the process started (+1), as Go's ext
//   hasMono bool       whether mono is set (Now's results carry it; Add keeps it; UTC, In,
//                      Round, Truncate and AddDate strip it, as in Go)
//   loc     *Location  nil for UTC, else the location (time.Local or a FixedZone)
// Time values are immutable once made and may be shared by goroutines.
#pragma once

#include <cstdint>

#include "interpreter/check/types.h"
#include "interpreter/values/value.h"
#include "stdlib/bind.h"

namespace gol::stdlib::gotime {

const check::Named* durationType();
const check::Named* timeType();

// A time.Duration: nanoseconds.
struct Duration {
  int64_t ns = 0;
};

// The parts of a Time value.
struct TimeParts {
  int64_t wall = 0;  // seconds since year 1
  int64_t nsec = 0;
  int64_t mono = 0;
  bool hasMono = false;
  values::Value loc{};  // borrowed *Location, null for UTC
};
TimeParts timeParts(values::Value time);
// A new Time value (owned); `loc` is retained.
values::Value makeTime(const TimeParts& parts);
// time.Now(): the local wall clock with a monotonic reading (its loc is time.Local, which
// lives forever).
TimeParts now();
// The monotonic reading Now would carry, and Go's t.Sub(u).
int64_t monoNow();
Duration timeSub(const TimeParts& t, const TimeParts& u);
// Go's Time.String ("2009-11-10 23:00:00 +0000 UTC m=+0.000000001").
std::string timeString(const TimeParts& t);

}  // namespace gol::stdlib::gotime

namespace gol::stdlib {

template <>
struct GoType<gotime::Duration> {
  static const check::Type* type() { return gotime::durationType(); }
  static gotime::Duration arg(const values::AnyValue& a) { return {a.value.i}; }
  static values::Value result(gotime::Duration d) { return values::intValue(d.ns); }
};

// time.Time: an argument is read as the parts of the borrowed Time (its loc borrowed too);
// a result is made as a new Time.
template <>
struct GoType<gotime::TimeParts> {
  static const check::Type* type() { return gotime::timeType(); }
  static gotime::TimeParts arg(const values::AnyValue& a) { return gotime::timeParts(a.value); }
  static values::Value result(const gotime::TimeParts& t) { return gotime::makeTime(t); }
};

}  // namespace gol::stdlib
