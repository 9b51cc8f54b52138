// Go's Duration.String, Round, Truncate, ParseDuration and Time.Format, with expected
// texts from Go's documentation and time package tests.
#include "stdlib/timefmt.h"

#include <gtest/gtest.h>

namespace gol::stdlib::timefmt {
namespace {

TEST(DurationString, MatchesGo) {
  EXPECT_EQ(durationString(0), "0s");
  EXPECT_EQ(durationString(1), "1ns");
  EXPECT_EQ(durationString(1100), "1.1\xC2\xB5s");
  EXPECT_EQ(durationString(kMicrosecond), "1\xC2\xB5s");
  EXPECT_EQ(durationString(2200 * kMicrosecond), "2.2ms");
  EXPECT_EQ(durationString(150 * kMillisecond), "150ms");
  EXPECT_EQ(durationString(1500 * kMillisecond), "1.5s");
  EXPECT_EQ(durationString(-1500 * kMillisecond), "-1.5s");
  EXPECT_EQ(durationString(2 * kMinute), "2m0s");
  EXPECT_EQ(durationString(61 * kSecond), "1m1s");
  EXPECT_EQ(durationString(kHour), "1h0m0s");
  EXPECT_EQ(durationString(kHour + 2 * kMinute + 3500 * kMillisecond), "1h2m3.5s");
  EXPECT_EQ(durationString(-kNanosecond), "-1ns");
  EXPECT_EQ(durationString(INT64_MAX), "2562047h47m16.854775807s");
  EXPECT_EQ(durationString(INT64_MIN), "-2562047h47m16.854775808s");
}

// The examples of Go's Duration.Round and Duration.Truncate documentation.
TEST(DurationRound, MatchesGoExamples) {
  const int64_t d = kHour + 15 * kMinute + 30 * kSecond + 918273645;
  EXPECT_EQ(durationString(durationRound(d, kNanosecond)), "1h15m30.918273645s");
  EXPECT_EQ(durationString(durationRound(d, kMicrosecond)), "1h15m30.918274s");
  EXPECT_EQ(durationString(durationRound(d, kMillisecond)), "1h15m30.918s");
  EXPECT_EQ(durationString(durationRound(d, kSecond)), "1h15m31s");
  EXPECT_EQ(durationString(durationRound(d, 2 * kSecond)), "1h15m30s");
  EXPECT_EQ(durationString(durationRound(d, kMinute)), "1h16m0s");
  EXPECT_EQ(durationString(durationRound(d, 10 * kMinute)), "1h20m0s");
  EXPECT_EQ(durationString(durationRound(d, kHour)), "1h0m0s");
  EXPECT_EQ(durationRound(-d, kSecond), -durationRound(d, kSecond));
  EXPECT_EQ(durationRound(d, 0), d);
  EXPECT_EQ(durationRound(INT64_MAX, kHour), INT64_MAX);
  EXPECT_EQ(durationRound(INT64_MIN, kHour), INT64_MIN);
  EXPECT_EQ(durationString(durationTruncate(d, kMicrosecond)), "1h15m30.918273s");
  EXPECT_EQ(durationString(durationTruncate(d, kSecond)), "1h15m30s");
  EXPECT_EQ(durationString(durationTruncate(d, kMinute)), "1h15m0s");
  EXPECT_EQ(durationString(durationTruncate(d, 10 * kMinute)), "1h10m0s");
  EXPECT_EQ(durationTruncate(d, -1), d);
  EXPECT_EQ(durationAbs(INT64_MIN), INT64_MAX);
  EXPECT_EQ(durationAbs(-5), 5);
}

TEST(ParseDuration, ValuesAndErrors) {
  EXPECT_EQ(parseDuration("1h30m").value, 90 * kMinute);
  EXPECT_EQ(parseDuration("1.5h").value, 90 * kMinute);
  EXPECT_EQ(parseDuration("-1.5s").value, -1500 * kMillisecond);
  EXPECT_EQ(parseDuration("+300ms").value, 300 * kMillisecond);
  EXPECT_EQ(parseDuration("1\xC2\xB5s").value, kMicrosecond);
  EXPECT_EQ(parseDuration("1us").value, kMicrosecond);
  EXPECT_EQ(parseDuration("0").value, 0);
  EXPECT_EQ(parseDuration(".5s").value, 500 * kMillisecond);
  EXPECT_EQ(parseDuration("2562047h47m16.854775807s").value, INT64_MAX);
  EXPECT_EQ(parseDuration("-2562047h47m16.854775808s").value, INT64_MIN);
  EXPECT_EQ(parseDuration("").error, "time: invalid duration \"\"");
  EXPECT_EQ(parseDuration("1").error, "time: missing unit in duration \"1\"");
  EXPECT_EQ(parseDuration("1x").error, "time: unknown unit \"x\" in duration \"1x\"");
  EXPECT_EQ(parseDuration(".s").error, "time: invalid duration \".s\"");
  EXPECT_EQ(parseDuration("3000000h").error, "time: invalid duration \"3000000h\"");
  EXPECT_EQ(parseDuration("\xC3\xA9").error, "time: invalid duration \"\\xc3\\xa9\"");
}

TEST(Calendar, CivilDates) {
  EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
  Civil c = civilFromUnix(1257894000);  // 2009-11-10 23:00:00 UTC
  EXPECT_EQ(c.year, 2009);
  EXPECT_EQ(c.month, 11);
  EXPECT_EQ(c.day, 10);
  EXPECT_EQ(c.hour, 23);
  EXPECT_EQ(c.weekday, 2);
  EXPECT_EQ(c.yearDay, 314);
  Civil zero = civilFromUnix(-kUnixToInternal);  // Go's zero Time
  EXPECT_EQ(zero.year, 1);
  EXPECT_EQ(zero.month, 1);
  EXPECT_EQ(zero.day, 1);
  EXPECT_EQ(zero.weekday, 1);
  Civil before = civilFromUnix(-1);
  EXPECT_EQ(before.year, 1969);
  EXPECT_EQ(before.second, 59);
  NormalizedDate n = normalizeDate(2009, 11, 10, 23, 0, 0, 0);
  EXPECT_EQ(n.unixSeconds, 1257894000);
  // Go's Date docs: October 32 converts to November 1.
  EXPECT_EQ(normalizeDate(2011, 10, 32, 0, 0, 0, 0).unixSeconds,
            normalizeDate(2011, 11, 1, 0, 0, 0, 0).unixSeconds);
  EXPECT_EQ(normalizeDate(2020, 1, 1, 0, 0, -1, 1500000000).unixSeconds,
            normalizeDate(2020, 1, 1, 0, 0, 0, 0).unixSeconds);
  EXPECT_EQ(monthName(1), "January");
  EXPECT_EQ(monthName(13), "%!Month(13)");
  EXPECT_EQ(weekdayName(6), "Saturday");
  EXPECT_EQ(weekdayName(7), "%!Weekday(7)");
}

std::string utc(int64_t unix, int64_t nsec, std::string_view layout) {
  return format(unix, nsec, 0, "UTC", layout);
}

TEST(Format, ReferenceLayouts) {
  const int64_t t = 1257894000;  // Tue 2009-11-10 23:00:00 UTC
  EXPECT_EQ(utc(t, 0, "2006-01-02T15:04:05Z07:00"), "2009-11-10T23:00:00Z");
  EXPECT_EQ(utc(t, 0, "3:04PM"), "11:00PM");
  EXPECT_EQ(utc(t, 0, "Mon Jan _2 15:04:05 2006"), "Tue Nov 10 23:00:00 2009");
  EXPECT_EQ(utc(t, 0, "Mon Jan _2 15:04:05 MST 2006"), "Tue Nov 10 23:00:00 UTC 2009");
  EXPECT_EQ(utc(t, 0, "Mon, 02 Jan 2006 15:04:05 MST"), "Tue, 10 Nov 2009 23:00:00 UTC");
  EXPECT_EQ(utc(t, 0, "Monday, 02-Jan-06 15:04:05 MST"), "Tuesday, 10-Nov-09 23:00:00 UTC");
  EXPECT_EQ(utc(t, 0, "2006-01-02 15:04:05.999999999 -0700 MST"), "2009-11-10 23:00:00 +0000 UTC");
  EXPECT_EQ(utc(t, 0, "Jan _2 15:04:05"), "Nov 10 23:00:00");
  EXPECT_EQ(utc(t, 0, "2006-01-02 15:04:05"), "2009-11-10 23:00:00");
  EXPECT_EQ(utc(t, 0, "2006-01-02"), "2009-11-10");
  EXPECT_EQ(utc(t, 0, "15:04:05"), "23:00:00");
  EXPECT_EQ(utc(t, 0, "January 2, 2006"), "November 10, 2009");
  EXPECT_EQ(utc(t, 0, "002 __2"), "314 314");
  EXPECT_EQ(utc(t, 0, "Janet Monday"), "Janet Tuesday");
  EXPECT_EQ(utc(t, 0, "_2006"), "_2009");
}

TEST(Format, FractionalSeconds) {
  const int64_t t = 1257894000;
  EXPECT_EQ(utc(t, 123456789, "15:04:05.000"), "23:00:00.123");
  EXPECT_EQ(utc(t, 123456789, "15:04:05,000000"), "23:00:00,123456");
  EXPECT_EQ(utc(t, 123456789, "2006-01-02T15:04:05.999999999Z07:00"),
            "2009-11-10T23:00:00.123456789Z");
  EXPECT_EQ(utc(t, 100000000, "05.999"), "00.1");
  EXPECT_EQ(utc(t, 0, "05.999"), "00");
  EXPECT_EQ(utc(t, 0, "05.000"), "00.000");
  EXPECT_EQ(utc(t, 5, "Jan _2 15:04:05.000000000"), "Nov 10 23:00:00.000000005");
  EXPECT_EQ(utc(t, 0, "1.0001"), "11.0011");  // a digit follows: not a fraction
}

TEST(Format, ZonesAndClock) {
  const int64_t t = 1257894000;
  const int pst = -8 * 3600;
  EXPECT_EQ(format(t, 0, pst, "PST", "2006-01-02T15:04:05Z07:00"), "2009-11-10T15:00:00-08:00");
  EXPECT_EQ(format(t, 0, pst, "PST", "-0700 -07 -07:00:00 Z0700 MST"),
            "-0800 -08 -08:00:00 -0800 PST");
  EXPECT_EQ(format(t, 0, 5 * 3600 + 30 * 60, "", "MST Z07:00"), "+0530 +05:30");
  EXPECT_EQ(format(t, 0, 0, "UTC", "-07:00 Z07"), "+00:00 Z");
  EXPECT_EQ(utc(1257811200, 0, "3:04PM 03 pm"), "12:00AM 12 am");  // midnight
  EXPECT_EQ(utc(1257854400, 0, "3:04PM"), "12:00PM");              // noon
  EXPECT_EQ(utc(1257811200 + 9 * 3600 + 5 * 60 + 7, 0, "3:4:5 03:04:05 1 01 2 02 06"),
            "9:5:7 09:05:07 11 11 10 10 09");
  EXPECT_EQ(utc(-kUnixToInternal, 0, "2006-01-02 15:04:05 Mon"), "0001-01-01 00:00:00 Mon");
}

TEST(Parse, LayoutsAndErrors) {
  ParsedTime t = parse("2006-01-02T15:04:05.999Z07:00", "2023-04-05T06:07:08.25+05:30");
  EXPECT_EQ(t.error, "");
  EXPECT_EQ(t.year, 2023);
  EXPECT_EQ(t.month, 4);
  EXPECT_EQ(t.second, 8);
  EXPECT_EQ(t.nanosecond, 250000000);
  EXPECT_TRUE(t.hasOffset);
  EXPECT_EQ(t.offset, 5 * 3600 + 30 * 60);
  EXPECT_EQ(parse("2006-01-02", "2023-02-29").error,
            "parsing time \"2023-02-29\": day out of range");
  EXPECT_EQ(parse("2006-01-02", "23-01-01").error,
            "parsing time \"23-01-01\" as \"2006-01-02\": cannot parse \"1-01\" as \"2006\"");
  EXPECT_EQ(parse("3:04PM", "12:30AM").hour, 0);
  EXPECT_EQ(parse("2006 002", "2020 060").day, 29);
}

}  // namespace
}  // namespace gol::stdlib::timefmt
