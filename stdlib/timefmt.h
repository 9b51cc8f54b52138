// Go's time arithmetic and text as plain C++: Duration's String, Round and Truncate,
// ParseDuration, the proleptic Gregorian calendar, and Time.Format's and Time.Parse's
// reference-time layouts (time/format.go). No state: every function is pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gol::stdlib::timefmt {

constexpr int64_t kNanosecond = 1;
constexpr int64_t kMicrosecond = 1000;
constexpr int64_t kMillisecond = 1000 * kMicrosecond;
constexpr int64_t kSecond = 1000 * kMillisecond;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;

// Seconds from January 1, year 1 (Go's internal epoch, the zero Time) to 1970-01-01.
constexpr int64_t kUnixToInternal = 62135596800;

// Duration.String: "1h2m3.5s", "150ms", "1µs", "0s", "-1.5s".
std::string durationString(int64_t d);
int64_t durationRound(int64_t d, int64_t m);
int64_t durationTruncate(int64_t d, int64_t m);
int64_t durationAbs(int64_t d);

// ParseDuration: the duration, or the error text (`time: invalid duration "x"`).
struct ParsedDuration {
  int64_t value = 0;
  std::string error;  // empty on success
};
ParsedDuration parseDuration(std::string_view s);

// Days since 1970-01-01 of a (year, month 1-12, day 1-31) date and back.
int64_t daysFromCivil(int64_t year, int month, int day);

// The calendar fields of an instant given as seconds since 1970 in some zone (the
// zone's offset already added).
struct Civil {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
  int hour, minute, second;
  int yearDay;  // 1..366
  int weekday;  // 0 = Sunday
};
Civil civilFromUnix(int64_t localUnixSeconds);

// Go's Date normalisation: month, day, hour, minute, second and nanosecond may be out of
// range and overflow into the next larger unit. Returns seconds since 1970 (as if in UTC)
// and the nanosecond in [0, 1e9).
struct NormalizedDate {
  int64_t unixSeconds;
  int64_t nanosecond;
};
NormalizedDate normalizeDate(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute,
                             int64_t second, int64_t nanosecond);

// "January".."December", else "%!Month(13)"; "Sunday".."Saturday", else "%!Weekday(7)".
std::string monthName(int64_t month);
std::string weekdayName(int64_t weekday);

// Time.Format: the instant (seconds since 1970 UTC, nanosecond) shown in a zone of
// `offsetSeconds` east of UTC named `zoneName`, per Go's layout.
std::string format(int64_t unixSeconds, int64_t nanosecond, int offsetSeconds,
                   std::string_view zoneName, std::string_view layout);

// Time.Parse's reading of value per layout: the calendar fields as written (for Date)
// and how the value gave its zone; or error, Go's message ("parsing time ...").
struct ParsedTime {
  int64_t year = 0;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int64_t nanosecond = 0;
  enum class Zone { Default, UTC } zone = Zone::Default;  // UTC: "Z" or "UTC" was given
  bool hasOffset = false;  // a numeric offset was given: `offset`, seconds east of UTC
  int offset = 0;
  std::string zoneName;  // an abbreviation ("PST", "GMT+3"), else empty
  std::string error;     // empty on success
};
ParsedTime parse(std::string_view layout, std::string_view value);

}  // namespace gol::stdlib::timefmt
