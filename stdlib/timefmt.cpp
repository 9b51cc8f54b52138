// Go's time arithmetic and text (see timefmt.h), ported from time/time.go and
// time/format.go operation for operation so results match Go byte for byte.
#include "stdlib/timefmt.h"

#include <array>

namespace gol::stdlib::timefmt {

namespace {

// Writes v's decimal digits ending at buf[w] (exclusive); returns the new start.
size_t fmtInt(char* buf, size_t w, uint64_t v) {
  if (v == 0) {
    buf[--w] = '0';
    return w;
  }
  while (v > 0) {
    buf[--w] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return w;
}

// The fraction v/10^prec without trailing zeros (and no dot when it is zero), ending at
// buf[w]; leaves the integer part in *v.
size_t fmtFrac(char* buf, size_t w, uint64_t* v, int prec) {
  bool print = false;
  for (int i = 0; i < prec; ++i) {
    uint64_t digit = *v % 10;
    print = print || digit != 0;
    if (print) buf[--w] = static_cast<char>('0' + digit);
    *v /= 10;
  }
  if (print) buf[--w] = '.';
  return w;
}

// Go's appendInt: x in decimal, zero-padded to width (a minus sign before the padding).
void appendInt(std::string& b, int64_t x, int width) {
  uint64_t u = static_cast<uint64_t>(x);
  if (x < 0) {
    b += '-';
    u = -u;
  }
  char buf[24];
  size_t w = fmtInt(buf, sizeof buf, u);
  for (int pad = width - static_cast<int>(sizeof buf - w); pad > 0; --pad) b += '0';
  b.append(buf + w, sizeof buf - w);
}

// time's quote: ASCII kept (with " and \ escaped), every other byte as \xHH.
std::string quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c >= 0x80 || c < ' ') {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

constexpr uint64_t kOverflow = uint64_t{1} << 63;

}  // namespace

std::string durationString(int64_t d) {
  char buf[32];
  size_t w = sizeof buf;
  uint64_t u = static_cast<uint64_t>(d);
  bool neg = d < 0;
  if (neg) u = -u;
  if (u < static_cast<uint64_t>(kSecond)) {
    int prec = 0;
    buf[--w] = 's';
    --w;
    if (u == 0) {
      buf[w] = '0';
      return std::string(buf + w, sizeof buf - w);
    }
    if (u < static_cast<uint64_t>(kMicrosecond)) {
      prec = 0;
      buf[w] = 'n';
    } else if (u < static_cast<uint64_t>(kMillisecond)) {
      prec = 3;
      // U+00B5 'µ' micro sign: 0xC2 0xB5.
      buf[w] = '\xB5';
      buf[--w] = '\xC2';
    } else {
      prec = 6;
      buf[w] = 'm';
    }
    w = fmtFrac(buf, w, &u, prec);
    w = fmtInt(buf, w, u);
  } else {
    buf[--w] = 's';
    w = fmtFrac(buf, w, &u, 9);
    w = fmtInt(buf, w, u % 60);
    u /= 60;
    if (u > 0) {
      buf[--w] = 'm';
      w = fmtInt(buf, w, u % 60);
      u /= 60;
      if (u > 0) {
        buf[--w] = 'h';
        w = fmtInt(buf, w, u);
      }
    }
  }
  if (neg) buf[--w] = '-';
  return std::string(buf + w, sizeof buf - w);
}

int64_t durationTruncate(int64_t d, int64_t m) {
  if (m <= 0) return d;
  return d - d % m;
}

int64_t durationRound(int64_t d, int64_t m) {
  if (m <= 0) return d;
  auto lessThanHalf = [](int64_t x, int64_t y) {
    return static_cast<uint64_t>(x) + static_cast<uint64_t>(x) < static_cast<uint64_t>(y);
  };
  int64_t r = d % m;
  if (d < 0) {
    r = -r;
    if (lessThanHalf(r, m)) return d + r;
    int64_t d1 = static_cast<int64_t>(static_cast<uint64_t>(d) - static_cast<uint64_t>(m) +
                                      static_cast<uint64_t>(r));
    if (d1 < d) return d1;
    return INT64_MIN;
  }
  if (lessThanHalf(r, m)) return d - r;
  int64_t d1 = static_cast<int64_t>(static_cast<uint64_t>(d) + static_cast<uint64_t>(m) -
                                    static_cast<uint64_t>(r));
  if (d1 > d) return d1;
  return INT64_MAX;
}

int64_t durationAbs(int64_t d) {
  if (d >= 0) return d;
  if (d == INT64_MIN) return INT64_MAX;
  return -d;
}

ParsedDuration parseDuration(std::string_view s) {
  const std::string_view orig = s;
  auto invalid = [&] { return ParsedDuration{0, "time: invalid duration " + quote(orig)}; };
  uint64_t d = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return {};
  if (s.empty()) return invalid();
  auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
  while (!s.empty()) {
    uint64_t v = 0, f = 0;
    double scale = 1;
    if (!(s[0] == '.' || isDigit(s[0]))) return invalid();
    // The integer part [0-9]*.
    size_t i = 0;
    for (; i < s.size() && isDigit(s[i]); ++i) {
      if (v > kOverflow / 10) return invalid();
      v = v * 10 + static_cast<uint64_t>(s[i] - '0');
      if (v > kOverflow) return invalid();
    }
    bool pre = i > 0;
    s.remove_prefix(i);
    // The fraction (\.[0-9]*)?: stops gaining precision on overflow.
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      size_t j = 0;
      bool overflow = false;
      for (; j < s.size() && isDigit(s[j]); ++j) {
        if (overflow) continue;
        if (f > (kOverflow - 1) / 10) {
          overflow = true;
          continue;
        }
        uint64_t y = f * 10 + static_cast<uint64_t>(s[j] - '0');
        if (y > kOverflow) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s.remove_prefix(j);
    }
    if (!pre && !post) return invalid();
    // The unit.
    size_t k = 0;
    while (k < s.size() && s[k] != '.' && !isDigit(s[k])) ++k;
    if (k == 0) return {0, "time: missing unit in duration " + quote(orig)};
    std::string_view u = s.substr(0, k);
    s.remove_prefix(k);
    uint64_t unit = 0;
    if (u == "ns") {
      unit = kNanosecond;
    } else if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") {
      unit = kMicrosecond;
    } else if (u == "ms") {
      unit = kMillisecond;
    } else if (u == "s") {
      unit = kSecond;
    } else if (u == "m") {
      unit = kMinute;
    } else if (u == "h") {
      unit = kHour;
    } else {
      return {0, "time: unknown unit " + quote(u) + " in duration " + quote(orig)};
    }
    if (v > kOverflow / unit) return invalid();
    v *= unit;
    if (f > 0) {
      v += static_cast<uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kOverflow) return invalid();
    }
    d += v;
    if (d > kOverflow) return invalid();
  }
  if (neg) return {static_cast<int64_t>(-d), ""};
  if (d > kOverflow - 1) return invalid();
  return {static_cast<int64_t>(d), ""};
}

int64_t daysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil civilFromUnix(int64_t t) {
  int64_t days = t / 86400;
  int64_t rem = t % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  Civil c{};
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>(rem % 3600 / 60);
  c.second = static_cast<int>(rem % 60);
  // 1970-01-01 was a Thursday.
  c.weekday = static_cast<int>(((days % 7) + 7 + 4) % 7);
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2);
  c.yearDay = static_cast<int>(days - daysFromCivil(c.year, 1, 1) + 1);
  return c;
}

NormalizedDate normalizeDate(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute,
                             int64_t second, int64_t nanosecond) {
  // Go's norm: moves whole multiples of base from lo into hi so lo is in [0, base).
  auto norm = [](int64_t& hi, int64_t& lo, int64_t base) {
    if (lo < 0) {
      int64_t n = (-lo - 1) / base + 1;
      hi -= n;
      lo += n * base;
    }
    if (lo >= base) {
      int64_t n = lo / base;
      hi += n;
      lo -= n * base;
    }
  };
  int64_t m = month - 1;
  norm(year, m, 12);
  norm(second, nanosecond, 1'000'000'000);
  norm(minute, second, 60);
  norm(hour, minute, 60);
  norm(day, hour, 24);
  int64_t days = daysFromCivil(year, static_cast<int>(m + 1), 1) + day - 1;
  return {days * 86400 + hour * 3600 + minute * 60 + second, nanosecond};
}

std::string monthName(int64_t month) {
  static constexpr std::array<const char*, 12> kNames{
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  if (month >= 1 && month <= 12) return kNames[static_cast<size_t>(month - 1)];
  return "%!Month(" + std::to_string(static_cast<uint64_t>(month)) + ")";
}

std::string weekdayName(int64_t weekday) {
  static constexpr std::array<const char*, 7> kNames{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                     "Thursday", "Friday", "Saturday"};
  if (weekday >= 0 && weekday <= 6) return kNames[static_cast<size_t>(weekday)];
  return "%!Weekday(" + std::to_string(static_cast<uint64_t>(weekday)) + ")";
}

namespace {

// The layout elements of time/format.go.
enum Std {
  stdNone,
  stdLongMonth,
  stdMonth,
  stdNumMonth,
  stdZeroMonth,
  stdLongWeekDay,
  stdWeekDay,
  stdDay,
  stdUnderDay,
  stdZeroDay,
  stdUnderYearDay,
  stdZeroYearDay,
  stdHour,
  stdHour12,
  stdZeroHour12,
  stdMinute,
  stdZeroMinute,
  stdSecond,
  stdZeroSecond,
  stdLongYear,
  stdYear,
  stdPM,
  stdpm,
  stdTZ,
  stdISO8601TZ,
  stdISO8601SecondsTZ,
  stdISO8601ShortTZ,
  stdISO8601ColonTZ,
  stdISO8601ColonSecondsTZ,
  stdNumTZ,
  stdNumSecondsTz,
  stdNumShortTZ,
  stdNumColonTZ,
  stdNumColonSecondsTZ,
  stdFracSecond0,  // ".0", ".00", ... trailing zeros kept
  stdFracSecond9,  // ".9", ".99", ... trailing zeros dropped
};

struct Chunk {
  std::string_view prefix;
  Std std = stdNone;
  std::string_view suffix;
  int digits = 0;        // fractional seconds: how many
  char separator = '.';  // fractional seconds: '.' or ','
};

bool startsWithLowerCase(std::string_view s) {
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z';
}

bool hasAt(std::string_view s, size_t i, std::string_view what) {
  return s.size() >= i + what.size() && s.substr(i, what.size()) == what;
}

// Go's nextStdChunk: the text before the first layout element, the element, the rest.
Chunk nextStdChunk(std::string_view layout) {
  auto at = [&](size_t i, Std std, size_t len) {
    return Chunk{layout.substr(0, i), std, layout.substr(i + len)};
  };
  for (size_t i = 0; i < layout.size(); ++i) {
    switch (layout[i]) {
      case 'J':
        if (hasAt(layout, i, "Jan")) {
          if (hasAt(layout, i, "January")) return at(i, stdLongMonth, 7);
          if (!startsWithLowerCase(layout.substr(i + 3))) return at(i, stdMonth, 3);
        }
        break;
      case 'M':
        if (hasAt(layout, i, "Mon")) {
          if (hasAt(layout, i, "Monday")) return at(i, stdLongWeekDay, 6);
          if (!startsWithLowerCase(layout.substr(i + 3))) return at(i, stdWeekDay, 3);
        }
        if (hasAt(layout, i, "MST")) return at(i, stdTZ, 3);
        break;
      case '0':
        if (i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
          static constexpr Std kStd0x[] = {stdZeroMonth,  stdZeroDay,    stdZeroHour12,
                                           stdZeroMinute, stdZeroSecond, stdYear};
          return at(i, kStd0x[layout[i + 1] - '1'], 2);
        }
        if (hasAt(layout, i, "002")) return at(i, stdZeroYearDay, 3);
        break;
      case '1':
        if (i + 1 < layout.size() && layout[i + 1] == '5') return at(i, stdHour, 2);
        return at(i, stdNumMonth, 1);
      case '2':
        if (hasAt(layout, i, "2006")) return at(i, stdLongYear, 4);
        return at(i, stdDay, 1);
      case '_':
        if (i + 1 < layout.size() && layout[i + 1] == '2') {
          // "_2006" is a literal _ followed by the long year.
          if (hasAt(layout, i + 1, "2006")) {
            return Chunk{layout.substr(0, i + 1), stdLongYear, layout.substr(i + 5)};
          }
          return at(i, stdUnderDay, 2);
        }
        if (hasAt(layout, i, "__2")) return at(i, stdUnderYearDay, 3);
        break;
      case '3': return at(i, stdHour12, 1);
      case '4': return at(i, stdMinute, 1);
      case '5': return at(i, stdSecond, 1);
      case 'P':
        if (hasAt(layout, i, "PM")) return at(i, stdPM, 2);
        break;
      case 'p':
        if (hasAt(layout, i, "pm")) return at(i, stdpm, 2);
        break;
      case '-':
        if (hasAt(layout, i, "-070000")) return at(i, stdNumSecondsTz, 7);
        if (hasAt(layout, i, "-07:00:00")) return at(i, stdNumColonSecondsTZ, 9);
        if (hasAt(layout, i, "-0700")) return at(i, stdNumTZ, 5);
        if (hasAt(layout, i, "-07:00")) return at(i, stdNumColonTZ, 6);
        if (hasAt(layout, i, "-07")) return at(i, stdNumShortTZ, 3);
        break;
      case 'Z':
        if (hasAt(layout, i, "Z070000")) return at(i, stdISO8601SecondsTZ, 7);
        if (hasAt(layout, i, "Z07:00:00")) return at(i, stdISO8601ColonSecondsTZ, 9);
        if (hasAt(layout, i, "Z0700")) return at(i, stdISO8601TZ, 5);
        if (hasAt(layout, i, "Z07:00")) return at(i, stdISO8601ColonTZ, 6);
        if (hasAt(layout, i, "Z07")) return at(i, stdISO8601ShortTZ, 3);
        break;
      case '.':
      case ',':
        // Repeated 0s or 9s after a dot or comma: fractional seconds, if no digit follows.
        if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
          char ch = layout[i + 1];
          size_t j = i + 1;
          while (j < layout.size() && layout[j] == ch) ++j;
          if (!(j < layout.size() && layout[j] >= '0' && layout[j] <= '9')) {
            Chunk c{layout.substr(0, i), ch == '0' ? stdFracSecond0 : stdFracSecond9,
                    layout.substr(j)};
            c.digits = static_cast<int>(j - (i + 1));
            c.separator = layout[i];
            return c;
          }
        }
        break;
      default: break;
    }
  }
  return Chunk{layout, stdNone, {}};
}

void appendNano(std::string& b, int64_t nanosec, const Chunk& c) {
  bool trim = c.std == stdFracSecond9;
  if (trim && (c.digits == 0 || nanosec == 0)) return;
  size_t start = b.size();
  b += c.separator;
  appendInt(b, nanosec, 9);
  if (c.digits < 9) b.resize(b.size() - 9 + static_cast<size_t>(c.digits));
  if (trim) {
    while (b.size() > start && b.back() == '0') b.pop_back();
    if (b.size() > start && b.back() == c.separator) b.pop_back();
  }
}

}  // namespace

std::string format(int64_t unixSeconds, int64_t nanosecond, int offset, std::string_view zoneName,
                   std::string_view layout) {
  const Civil c = civilFromUnix(unixSeconds + offset);
  std::string b;
  b.reserve(layout.size() + 10);
  while (!layout.empty()) {
    Chunk chunk = nextStdChunk(layout);
    b.append(chunk.prefix);
    if (chunk.std == stdNone) break;
    layout = chunk.suffix;
    const Std std = chunk.std;
    switch (std) {
      case stdYear: {
        int64_t y = c.year < 0 ? -c.year : c.year;
        appendInt(b, y % 100, 2);
        break;
      }
      case stdLongYear: appendInt(b, c.year, 4); break;
      case stdMonth: b += monthName(c.month).substr(0, 3); break;
      case stdLongMonth: b += monthName(c.month); break;
      case stdNumMonth: appendInt(b, c.month, 0); break;
      case stdZeroMonth: appendInt(b, c.month, 2); break;
      case stdWeekDay: b += weekdayName(c.weekday).substr(0, 3); break;
      case stdLongWeekDay: b += weekdayName(c.weekday); break;
      case stdDay: appendInt(b, c.day, 0); break;
      case stdUnderDay:
        if (c.day < 10) b += ' ';
        appendInt(b, c.day, 0);
        break;
      case stdZeroDay: appendInt(b, c.day, 2); break;
      case stdUnderYearDay:
        if (c.yearDay < 100) {
          b += ' ';
          if (c.yearDay < 10) b += ' ';
        }
        appendInt(b, c.yearDay, 0);
        break;
      case stdZeroYearDay: appendInt(b, c.yearDay, 3); break;
      case stdHour: appendInt(b, c.hour, 2); break;
      case stdHour12:
      case stdZeroHour12: {
        // Noon is 12PM, midnight is 12AM.
        int hr = c.hour % 12;
        if (hr == 0) hr = 12;
        appendInt(b, hr, std == stdHour12 ? 0 : 2);
        break;
      }
      case stdMinute: appendInt(b, c.minute, 0); break;
      case stdZeroMinute: appendInt(b, c.minute, 2); break;
      case stdSecond: appendInt(b, c.second, 0); break;
      case stdZeroSecond: appendInt(b, c.second, 2); break;
      case stdPM: b += c.hour >= 12 ? "PM" : "AM"; break;
      case stdpm: b += c.hour >= 12 ? "pm" : "am"; break;
      case stdISO8601TZ:
      case stdISO8601ColonTZ:
      case stdISO8601SecondsTZ:
      case stdISO8601ShortTZ:
      case stdISO8601ColonSecondsTZ:
      case stdNumTZ:
      case stdNumColonTZ:
      case stdNumSecondsTz:
      case stdNumShortTZ:
      case stdNumColonSecondsTZ: {
        bool iso = std == stdISO8601TZ || std == stdISO8601ColonTZ || std == stdISO8601SecondsTZ ||
                   std == stdISO8601ShortTZ || std == stdISO8601ColonSecondsTZ;
        // The Z forms print "Z" for UTC, as ISO 8601 does.
        if (offset == 0 && iso) {
          b += 'Z';
          break;
        }
        int zone = offset / 60;
        int absoffset = offset;
        if (zone < 0) {
          b += '-';
          zone = -zone;
          absoffset = -absoffset;
        } else {
          b += '+';
        }
        appendInt(b, zone / 60, 2);
        if (std == stdISO8601ColonTZ || std == stdNumColonTZ || std == stdISO8601ColonSecondsTZ ||
            std == stdNumColonSecondsTZ) {
          b += ':';
        }
        if (std != stdNumShortTZ && std != stdISO8601ShortTZ) appendInt(b, zone % 60, 2);
        if (std == stdISO8601SecondsTZ || std == stdNumSecondsTz || std == stdNumColonSecondsTZ ||
            std == stdISO8601ColonSecondsTZ) {
          if (std == stdNumColonSecondsTZ || std == stdISO8601ColonSecondsTZ) b += ':';
          appendInt(b, absoffset % 60, 2);
        }
        break;
      }
      case stdTZ: {
        if (!zoneName.empty()) {
          b += zoneName;
          break;
        }
        // No zone name known: the -0700 form.
        int zone = offset / 60;
        if (zone < 0) {
          b += '-';
          zone = -zone;
        } else {
          b += '+';
        }
        appendInt(b, zone / 60, 2);
        appendInt(b, zone % 60, 2);
        break;
      }
      case stdFracSecond0:
      case stdFracSecond9: appendNano(b, nanosecond, chunk); break;
      case stdNone: break;
    }
  }
  return b;
}

}  // namespace gol::stdlib::timefmt
