#include "stdlib/zoneinfo.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "stdlib/timefmt.h"

namespace gol::stdlib::zoneinfo {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

// --- TZif ---------------------------------------------------------------------------------

struct Reader {
  const std::string& data;
  size_t at = 0;
  bool ok = true;

  bool need(size_t n) {
    if (at + n > data.size()) ok = false;
    return ok;
  }
  uint32_t u32() {
    if (!need(4)) return 0;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v = (v << 8) | static_cast<unsigned char>(data[at++]);
    return v;
  }
  int64_t i64() {
    if (!need(8)) return 0;
    uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v = (v << 8) | static_cast<unsigned char>(data[at++]);
    return static_cast<int64_t>(v);
  }
  uint8_t u8() { return need(1) ? static_cast<uint8_t>(data[at++]) : 0; }
  void skip(size_t n) {
    if (need(n)) at += n;
  }
};

struct Counts {
  uint32_t isut, isstd, leap, time, type, chars;
};

bool readHeader(Reader& r, char* version, Counts* c) {
  if (!r.need(44) || r.data.compare(r.at, 4, "TZif") != 0) return false;
  *version = r.data[r.at + 4];
  r.skip(20);
  c->isut = r.u32();
  c->isstd = r.u32();
  c->leap = r.u32();
  c->time = r.u32();
  c->type = r.u32();
  c->chars = r.u32();
  return r.ok && c->type > 0;
}

std::optional<Table> parse(const std::string& data) {
  Reader r{data};
  char version = 0;
  Counts c{};
  if (!readHeader(r, &version, &c)) return std::nullopt;
  size_t timeSize = 4;
  if (version >= '2') {
    // Skip the version 1 block: the 64-bit one follows with its own header.
    r.skip(c.time * 5 + c.type * 6 + c.chars + c.leap * 8 + c.isstd + c.isut);
    if (!readHeader(r, &version, &c)) return std::nullopt;
    timeSize = 8;
  }
  Table t;
  for (uint32_t k = 0; k < c.time; ++k) {
    t.when.push_back(timeSize == 8 ? r.i64() : static_cast<int32_t>(r.u32()));
  }
  for (uint32_t k = 0; k < c.time; ++k) t.index.push_back(r.u8());
  std::vector<uint8_t> abbrIndex;
  for (uint32_t k = 0; k < c.type; ++k) {
    ZoneType z;
    z.offset = static_cast<int32_t>(r.u32());
    z.dst = r.u8() != 0;
    abbrIndex.push_back(r.u8());
    t.types.push_back(z);
  }
  if (!r.need(c.chars)) return std::nullopt;
  std::string chars = data.substr(r.at, c.chars);
  r.skip(c.chars);
  for (size_t k = 0; k < t.types.size(); ++k) {
    size_t from = abbrIndex[k];
    if (from >= chars.size()) return std::nullopt;
    t.types[k].abbr = std::string(chars.c_str() + from);
  }
  for (uint8_t i : t.index) {
    if (i >= t.types.size()) return std::nullopt;
  }
  r.skip(c.leap * (timeSize + 4) + c.isstd + c.isut);
  if (!r.ok) return std::nullopt;
  if (version >= '2' && r.at < data.size() && data[r.at] == '\n') {
    size_t end = data.find('\n', r.at + 1);
    if (end != std::string::npos) t.extend = data.substr(r.at + 1, end - r.at - 1);
  }
  return t;
}

// --- the POSIX TZ footer (Go's tzset) -----------------------------------------------------

struct Rule {
  enum Kind { Julian, DayOfYear, MonthWeekDay } kind = Julian;
  int day = 0, week = 0, mon = 0;
  int time = 7200;  // seconds after midnight, local time
};

struct Cursor {
  std::string_view s;
  bool ok = true;
};

std::string tzName(Cursor& c) {
  if (c.s.empty()) {
    c.ok = false;
    return "";
  }
  if (c.s[0] == '<') {
    size_t end = c.s.find('>');
    if (end == std::string_view::npos) {
      c.ok = false;
      return "";
    }
    std::string name(c.s.substr(1, end - 1));
    c.s.remove_prefix(end + 1);
    return name;
  }
  size_t n = 0;
  while (n < c.s.size() && c.s[n] != ',' && c.s[n] != '-' && c.s[n] != '+' &&
         (c.s[n] < '0' || c.s[n] > '9')) {
    ++n;
  }
  if (n < 3) c.ok = false;
  std::string name(c.s.substr(0, n));
  c.s.remove_prefix(n);
  return name;
}

int tzNumber(Cursor& c) {
  size_t n = 0;
  int v = 0;
  while (n < c.s.size() && c.s[n] >= '0' && c.s[n] <= '9') v = v * 10 + (c.s[n++] - '0');
  if (n == 0) c.ok = false;
  c.s.remove_prefix(n);
  return v;
}

// [+-]hh[:mm[:ss]] in seconds.
int tzOffset(Cursor& c) {
  int sign = 1;
  if (!c.s.empty() && (c.s[0] == '+' || c.s[0] == '-')) {
    if (c.s[0] == '-') sign = -1;
    c.s.remove_prefix(1);
  }
  int v = tzNumber(c) * 3600;
  for (int mul : {60, 1}) {
    if (c.s.empty() || c.s[0] != ':') break;
    c.s.remove_prefix(1);
    v += tzNumber(c) * mul;
  }
  return sign * v;
}

Rule tzRule(Cursor& c) {
  Rule r;
  if (c.s.empty()) {
    c.ok = false;
    return r;
  }
  if (c.s[0] == 'J') {
    c.s.remove_prefix(1);
    r.kind = Rule::Julian;
    r.day = tzNumber(c);
  } else if (c.s[0] == 'M') {
    c.s.remove_prefix(1);
    r.kind = Rule::MonthWeekDay;
    r.mon = tzNumber(c);
    if (c.s.empty() || c.s[0] != '.') c.ok = false;
    if (c.ok) c.s.remove_prefix(1);
    r.week = tzNumber(c);
    if (c.s.empty() || c.s[0] != '.') c.ok = false;
    if (c.ok) c.s.remove_prefix(1);
    r.day = tzNumber(c);
  } else {
    r.kind = Rule::DayOfYear;
    r.day = tzNumber(c);
  }
  if (!c.s.empty() && c.s[0] == '/') {
    c.s.remove_prefix(1);
    r.time = tzOffset(c);
  }
  return r;
}

bool isLeap(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// Seconds from the start of the year (UTC) to the rule's moment, for offset `off`.
int64_t ruleTime(int64_t year, const Rule& r, int off) {
  static const int daysBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  int64_t s = 0;
  switch (r.kind) {
    case Rule::Julian:
      s = (r.day - 1) * kSecondsPerDay;
      if (isLeap(year) && r.day >= 60) s += kSecondsPerDay;
      break;
    case Rule::DayOfYear: s = r.day * kSecondsPerDay; break;
    case Rule::MonthWeekDay: {
      if (r.mon < 1 || r.mon > 12) return 0;
      // Zeller's congruence: the weekday of the month's first day.
      int64_t m1 = (r.mon + 9) % 12 + 1;
      int64_t yy0 = r.mon <= 2 ? year - 1 : year;
      int64_t yy1 = yy0 / 100, yy2 = yy0 % 100;
      int64_t dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7;
      if (dow < 0) dow += 7;
      int64_t d = r.day - dow;
      if (d < 0) d += 7;
      int64_t daysIn = daysBefore[r.mon] - daysBefore[r.mon - 1] + (r.mon == 2 && isLeap(year));
      for (int i = 1; i < r.week; ++i) {
        if (d + 7 >= daysIn) break;
        d += 7;
      }
      d += daysBefore[r.mon - 1];
      if (isLeap(year) && r.mon > 2) ++d;
      s = d * kSecondsPerDay;
      break;
    }
  }
  return s + r.time - off;
}

// The zone the footer gives at unixSeconds; nullopt if it cannot be parsed.
std::optional<Zone> tzset(std::string_view footer, int64_t unixSeconds) {
  Cursor c{footer};
  std::string stdName = tzName(c);
  int stdOffset = -tzOffset(c);
  if (!c.ok) return std::nullopt;
  if (c.s.empty() || c.s[0] == ',') return Zone{stdName, stdOffset};
  std::string dstName = tzName(c);
  int dstOffset = stdOffset + 3600;
  if (!c.s.empty() && c.s[0] != ',') dstOffset = -tzOffset(c);
  if (!c.ok) return std::nullopt;
  if (c.s.empty()) c.s = ",M3.2.0,M11.1.0";  // the default rule, as Go uses
  if (c.s[0] != ',') return std::nullopt;
  c.s.remove_prefix(1);
  Rule start = tzRule(c);
  if (!c.ok || c.s.empty() || c.s[0] != ',') return std::nullopt;
  c.s.remove_prefix(1);
  Rule end = tzRule(c);
  if (!c.ok || !c.s.empty()) return std::nullopt;

  timefmt::Civil civil = timefmt::civilFromUnix(unixSeconds);
  int64_t ysec =
      (civil.yearDay - 1) * kSecondsPerDay + civil.hour * 3600 + civil.minute * 60 + civil.second;
  int64_t startSec = ruleTime(civil.year, start, stdOffset);
  int64_t endSec = ruleTime(civil.year, end, dstOffset);
  Zone stdZone{stdName, stdOffset}, dstZone{dstName, dstOffset};
  if (endSec < startSec) {
    std::swap(startSec, endSec);
    std::swap(stdZone, dstZone);
  }
  if (ysec < startSec || ysec >= endSec) return stdZone;
  return dstZone;
}

// --- loading --------------------------------------------------------------------------

std::mutex cacheMu;
std::map<std::string, std::unique_ptr<Table>, std::less<>>& cache() {
  static auto* c = new std::map<std::string, std::unique_ptr<Table>, std::less<>>;
  return *c;
}

std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() > (1u << 20)) return std::nullopt;  // not a zone file
  return data;
}

}  // namespace

const Table* load(std::string_view name, std::string* error) {
  std::lock_guard lock(cacheMu);
  if (auto it = cache().find(name); it != cache().end()) return it->second.get();
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("ZONEINFO"); env && *env) dirs.emplace_back(env);
  dirs.emplace_back("/usr/share/zoneinfo");
  dirs.emplace_back("/usr/share/lib/zoneinfo");
  dirs.emplace_back("/usr/lib/locale/TZ");
  for (const std::string& dir : dirs) {
    std::string path = dir + "/" + std::string(name);
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      *error = "is a directory";  // Go reports the read's error
      return nullptr;
    }
    if (!S_ISREG(st.st_mode)) continue;
    std::optional<std::string> data = readFile(path);
    if (!data) continue;
    std::optional<Table> table = parse(*data);
    if (!table) {
      *error = "unknown time zone " + std::string(name);
      return nullptr;
    }
    auto owned = std::make_unique<Table>(std::move(*table));
    const Table* t = owned.get();
    cache().emplace(std::string(name), std::move(owned));
    return t;
  }
  *error = "unknown time zone " + std::string(name);
  return nullptr;
}

Zone lookup(const Table& t, int64_t unixSeconds) {
  auto zoneOf = [&](size_t type) { return Zone{t.types[type].abbr, t.types[type].offset}; };
  if (t.when.empty() || unixSeconds < t.when.front()) {
    // Go's lookupFirstZone: the first standard-time zone before the first transition.
    bool firstUsed = false;
    for (uint8_t i : t.index) firstUsed = firstUsed || i == 0;
    if (!firstUsed) return zoneOf(0);
    if (!t.index.empty() && t.types[t.index[0]].dst) {
      for (int zi = static_cast<int>(t.index[0]) - 1; zi >= 0; --zi) {
        if (!t.types[static_cast<size_t>(zi)].dst) return zoneOf(static_cast<size_t>(zi));
      }
    }
    for (size_t zi = 0; zi < t.types.size(); ++zi) {
      if (!t.types[zi].dst) return zoneOf(zi);
    }
    return zoneOf(0);
  }
  if (unixSeconds >= t.when.back() && !t.extend.empty()) {
    if (std::optional<Zone> z = tzset(t.extend, unixSeconds)) return *z;
  }
  size_t lo = 0, hi = t.when.size();
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (unixSeconds < t.when[mid]) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return zoneOf(t.index[lo]);
}

}  // namespace gol::stdlib::zoneinfo
