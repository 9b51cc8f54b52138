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

namespace {

bool isDigitAt(std::string_view s, size_t i) {
  return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

bool commaOrPeriod(char c) {
  return c == '.' || c == ',';
}

// Go's getnum: one or two digits (exactly two when fixed); false on a bad number.
bool getnum(std::string_view& s, bool fixed, int* n) {
  if (!isDigitAt(s, 0)) return false;
  if (!isDigitAt(s, 1)) {
    if (fixed) return false;
    *n = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  *n = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

// Go's getnum3: one to three digits (exactly three when fixed).
bool getnum3(std::string_view& s, bool fixed, int* n) {
  int v = 0;
  size_t i = 0;
  for (; i < 3 && isDigitAt(s, i); ++i) v = v * 10 + (s[i] - '0');
  if (i == 0 || (fixed && i != 3)) return false;
  *n = v;
  s.remove_prefix(i);
  return true;
}

// Go's leadingInt: the leading decimal digits; false on overflow.
bool leadingInt(std::string_view s, uint64_t* x, std::string_view* rem) {
  uint64_t v = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (v > (uint64_t{1} << 63) / 10) return false;
    v = v * 10 + static_cast<uint64_t>(s[i] - '0');
    if (v > (uint64_t{1} << 63)) return false;
  }
  *x = v;
  *rem = s.substr(i);
  return true;
}

// Go's time.atoi: an optionally signed decimal number, all of s.
bool timeAtoi(std::string_view s, int64_t* x) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  uint64_t q = 0;
  std::string_view rem;
  if (!leadingInt(s, &q, &rem) || !rem.empty()) return false;
  *x = neg ? -static_cast<int64_t>(q) : static_cast<int64_t>(q);
  return true;
}

// Go's skip: the layout's literal text must match (a space matches any run of spaces).
bool skip(std::string_view& value, std::string_view prefix) {
  auto cutspace = [](std::string_view& s) {
    while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  };
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      if (!value.empty() && value[0] != ' ') return false;
      cutspace(prefix);
      cutspace(value);
      continue;
    }
    if (value.empty() || value[0] != prefix[0]) return false;
    prefix.remove_prefix(1);
    value.remove_prefix(1);
  }
  return true;
}

// Go's lookup: the index of the name that prefixes val, ignoring ASCII case.
int lookupName(bool months, bool longNames, std::string_view& val) {
  for (int i = 0; i < (months ? 12 : 7); ++i) {
    std::string name = months ? monthName(i + 1) : weekdayName(i);
    if (!longNames) name.resize(3);
    if (val.size() < name.size()) continue;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k) {
      char c1 = val[k], c2 = name[k];
      if (c1 != c2) {
        c1 = static_cast<char>(c1 | ('a' - 'A'));
        c2 = static_cast<char>(c2 | ('a' - 'A'));
        same = c1 == c2 && c1 >= 'a' && c1 <= 'z';
      }
    }
    if (same) {
      val.remove_prefix(name.size());
      return i;
    }
  }
  return -1;
}

int parseSignedOffset(std::string_view value) {
  if (value[0] != '-' && value[0] != '+') return 0;
  uint64_t x = 0;
  std::string_view rem;
  if (!leadingInt(value.substr(1), &x, &rem) || rem.size() == value.size() - 1) return 0;
  if (x > 23) return 0;
  return static_cast<int>(value.size() - rem.size());
}

// Go's parseTimeZone: the length of a zone abbreviation at the start of value, or 0.
size_t parseTimeZone(std::string_view value) {
  if (value.size() < 3) return 0;
  if (value.size() >= 4 && (value.substr(0, 4) == "ChST" || value.substr(0, 4) == "MeST")) {
    return 4;
  }
  if (value.substr(0, 3) == "GMT") {
    if (value.size() == 3) return 3;
    return 3 + static_cast<size_t>(parseSignedOffset(value.substr(3)));
  }
  if (value[0] == '+' || value[0] == '-') return static_cast<size_t>(parseSignedOffset(value));
  size_t upper = 0;
  while (upper < 6 && upper < value.size() && value[upper] >= 'A' && value[upper] <= 'Z') ++upper;
  switch (upper) {
    case 5: return value[4] == 'T' ? 5 : 0;
    case 4: return value[3] == 'T' || value.substr(0, 4) == "WITA" ? 4 : 0;
    case 3: return 3;
    default: return 0;
  }
}

// Go's parseNanoseconds over value[0:nbytes] (a separator, then digits).
bool parseNanoseconds(std::string_view value, size_t nbytes, int64_t* ns, std::string* rangeErr) {
  if (!commaOrPeriod(value[0])) return false;
  if (nbytes > 10) nbytes = 10;
  if (!timeAtoi(value.substr(1, nbytes - 1), ns)) return false;
  if (*ns < 0) {
    *rangeErr = "fractional second";
    return true;
  }
  for (size_t i = nbytes; i < 10; ++i) *ns *= 10;
  return true;
}

bool isLeap(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

constexpr int kDaysBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};

}  // namespace

ParsedTime parse(std::string_view layout, std::string_view value) {
  const std::string_view fullLayout = layout, fullValue = value;
  ParsedTime t;
  auto fail = [&](std::string_view layoutElem, std::string_view valueElem,
                  const std::string& message) {
    if (message.empty()) {
      t.error = "parsing time " + quote(fullValue) + " as " + quote(fullLayout) +
                ": cannot parse " + quote(valueElem) + " as " + quote(layoutElem);
    } else {
      t.error = "parsing time " + quote(fullValue) + message;
    }
    return t;
  };
  std::string rangeErr;
  bool amSet = false, pmSet = false;
  int month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0;
  int64_t year = 0, nsec = 0;
  for (;;) {
    Chunk c = nextStdChunk(layout);
    std::string_view stdstr =
        layout.substr(c.prefix.size(), layout.size() - c.prefix.size() - c.suffix.size());
    if (!skip(value, c.prefix)) return fail(c.prefix, value, "");
    if (c.std == stdNone) {
      if (!value.empty()) return fail("", value, ": extra text: " + quote(value));
      break;
    }
    layout = c.suffix;
    bool ok = true;
    switch (c.std) {
      case stdYear: {
        if (value.size() < 2) {
          ok = false;
          break;
        }
        ok = timeAtoi(value.substr(0, 2), &year);
        if (ok) {
          value.remove_prefix(2);
          year += year >= 69 ? 1900 : 2000;
        }
        break;
      }
      case stdLongYear:
        if (value.size() < 4 || !isDigitAt(value, 0)) {
          ok = false;
          break;
        }
        ok = timeAtoi(value.substr(0, 4), &year);
        value.remove_prefix(4);
        break;
      case stdMonth:
      case stdLongMonth:
        month = lookupName(true, c.std == stdLongMonth, value) + 1;
        ok = month > 0;
        break;
      case stdNumMonth:
      case stdZeroMonth:
        ok = getnum(value, c.std == stdZeroMonth, &month);
        if (ok && (month <= 0 || month > 12)) rangeErr = "month";
        break;
      case stdWeekDay:
      case stdLongWeekDay: ok = lookupName(false, c.std == stdLongWeekDay, value) >= 0; break;
      case stdDay:
      case stdUnderDay:
      case stdZeroDay:
        if (c.std == stdUnderDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
        ok = getnum(value, c.std == stdZeroDay, &day);
        break;
      case stdUnderYearDay:
      case stdZeroYearDay:
        for (int i = 0; i < 2; ++i) {
          if (c.std == stdUnderYearDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
        }
        ok = getnum3(value, c.std == stdZeroYearDay, &yday);
        break;
      case stdHour:
        ok = getnum(value, false, &hour);
        if (hour < 0 || hour >= 24) rangeErr = "hour";
        break;
      case stdHour12:
      case stdZeroHour12:
        ok = getnum(value, c.std == stdZeroHour12, &hour);
        if (hour < 0 || hour > 12) rangeErr = "hour";
        break;
      case stdMinute:
      case stdZeroMinute:
        ok = getnum(value, c.std == stdZeroMinute, &minute);
        if (minute < 0 || minute >= 60) rangeErr = "minute";
        break;
      case stdSecond:
      case stdZeroSecond: {
        ok = getnum(value, c.std == stdZeroSecond, &second);
        if (second < 0 || second >= 60) {
          rangeErr = "second";
          break;
        }
        // A fractional second after the seconds is accepted even where the layout has none.
        if (ok && value.size() >= 2 && commaOrPeriod(value[0]) && isDigitAt(value, 1)) {
          Std next = nextStdChunk(layout).std;
          if (next == stdFracSecond0 || next == stdFracSecond9) break;
          size_t n = 2;
          while (n < value.size() && isDigitAt(value, n)) ++n;
          ok = parseNanoseconds(value, n, &nsec, &rangeErr);
          value.remove_prefix(n);
        }
        break;
      }
      case stdPM:
      case stdpm: {
        if (value.size() < 2) {
          ok = false;
          break;
        }
        std::string_view p = value.substr(0, 2);
        value.remove_prefix(2);
        bool upper = c.std == stdPM;
        if (p == (upper ? "PM" : "pm")) {
          pmSet = true;
        } else if (p == (upper ? "AM" : "am")) {
          amSet = true;
        } else {
          ok = false;
        }
        break;
      }
      case stdISO8601TZ:
      case stdISO8601ColonTZ:
      case stdISO8601SecondsTZ:
      case stdISO8601ShortTZ:
      case stdISO8601ColonSecondsTZ:
      case stdNumTZ:
      case stdNumShortTZ:
      case stdNumColonTZ:
      case stdNumSecondsTz:
      case stdNumColonSecondsTZ: {
        Std s = c.std;
        if ((s == stdISO8601TZ || s == stdISO8601ShortTZ || s == stdISO8601ColonTZ) &&
            !value.empty() && value[0] == 'Z') {
          value.remove_prefix(1);
          t.zone = ParsedTime::Zone::UTC;
          break;
        }
        std::string_view sign, hh, mm, ss = "00";
        size_t used;
        if (s == stdISO8601ColonTZ || s == stdNumColonTZ) {
          if (value.size() < 6 || value[3] != ':') {
            ok = false;
            break;
          }
          hh = value.substr(1, 2), mm = value.substr(4, 2), used = 6;
        } else if (s == stdNumShortTZ || s == stdISO8601ShortTZ) {
          if (value.size() < 3) {
            ok = false;
            break;
          }
          hh = value.substr(1, 2), mm = "00", used = 3;
        } else if (s == stdISO8601ColonSecondsTZ || s == stdNumColonSecondsTZ) {
          if (value.size() < 9 || value[3] != ':' || value[6] != ':') {
            ok = false;
            break;
          }
          hh = value.substr(1, 2), mm = value.substr(4, 2), ss = value.substr(7, 2), used = 9;
        } else if (s == stdISO8601SecondsTZ || s == stdNumSecondsTz) {
          if (value.size() < 7) {
            ok = false;
            break;
          }
          hh = value.substr(1, 2), mm = value.substr(3, 2), ss = value.substr(5, 2), used = 7;
        } else {
          if (value.size() < 5) {
            ok = false;
            break;
          }
          hh = value.substr(1, 2), mm = value.substr(3, 2), used = 5;
        }
        sign = value.substr(0, 1);
        value.remove_prefix(used);
        int64_t hr = 0, mi = 0, se = 0;
        ok = timeAtoi(hh, &hr) && timeAtoi(mm, &mi) && timeAtoi(ss, &se);
        t.offset = static_cast<int>((hr * 60 + mi) * 60 + se);
        t.hasOffset = true;
        if (sign[0] == '-') {
          t.offset = -t.offset;
        } else if (sign[0] != '+') {
          ok = false;
        }
        break;
      }
      case stdTZ: {
        if (value.size() >= 3 && value.substr(0, 3) == "UTC") {
          t.zone = ParsedTime::Zone::UTC;
          value.remove_prefix(3);
          break;
        }
        size_t n = parseTimeZone(value);
        if (n == 0) {
          ok = false;
          break;
        }
        t.zoneName = std::string(value.substr(0, n));
        value.remove_prefix(n);
        break;
      }
      case stdFracSecond0: {
        size_t ndigit = 1 + static_cast<size_t>(c.digits);
        if (value.size() < ndigit) {
          ok = false;
          break;
        }
        ok = parseNanoseconds(value, ndigit, &nsec, &rangeErr);
        value.remove_prefix(ndigit);
        break;
      }
      case stdFracSecond9: {
        if (value.size() < 2 || !commaOrPeriod(value[0]) || !isDigitAt(value, 1)) break;
        size_t i = 0;
        while (i < 9 && i + 1 < value.size() && isDigitAt(value, i + 1)) ++i;
        ok = parseNanoseconds(value, 1 + i, &nsec, &rangeErr);
        value.remove_prefix(1 + i);
        break;
      }
      case stdNone: break;
    }
    if (!rangeErr.empty()) return fail(stdstr, value, ": " + rangeErr + " out of range");
    if (!ok) return fail(stdstr, value, "");
  }
  if (pmSet && hour < 12) {
    hour += 12;
  } else if (amSet && hour == 12) {
    hour = 0;
  }
  if (yday >= 0) {
    int d = 0, m = 0;
    if (isLeap(year)) {
      if (yday == 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        --yday;
      }
    }
    if (yday < 1 || yday > 365) return fail("", value, ": day-of-year out of range");
    if (m == 0) {
      m = (yday - 1) / 31 + 1;
      if (kDaysBefore[m] < yday) ++m;
      d = yday - kDaysBefore[m - 1];
    }
    if (month >= 0 && month != m) return fail("", value, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day != d) return fail("", value, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  int daysIn = month == 2 && isLeap(year) ? 29 : kDaysBefore[month] - kDaysBefore[month - 1];
  if (day < 1 || day > daysIn) return fail("", value, ": day out of range");
  t.year = year;
  t.month = month;
  t.day = day;
  t.hour = hour;
  t.minute = minute;
  t.second = second;
  t.nanosecond = nsec;
  return t;
}

}  // namespace gol::stdlib::timefmt
