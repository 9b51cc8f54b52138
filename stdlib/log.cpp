// Package log, the standard logger: Print, Printf, Println, and the Fatal (exit 1) and
// Panic variants, writing to standard error with Go's header (prefix, date, time);
// Flags, SetFlags, Prefix, SetPrefix and the flag constants.
//
// The logger's settings are process-wide and guarded by settingsMutex, since goroutines
// log in parallel; each message is written with one writeStderr call, so lines never mix.
// Lshortfile and Llongfile (the caller's file and line) are not supported: SetFlags with
// them panics, saying so.
#include <sys/time.h>

#include <ctime>
#include <mutex>

#include "interpreter/values/panic.h"
#include "stdlib/bind.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

constexpr int64_t kDate = 1, kTime = 2, kMicroseconds = 4, kLongFile = 8, kShortFile = 16,
                  kUTC = 32, kMsgPrefix = 64, kStdFlags = kDate | kTime;

std::mutex settingsMutex;
int64_t flags = kStdFlags;  // guarded by settingsMutex
std::string prefix;         // guarded by settingsMutex

void appendPadded(std::string& out, long v, int width) {
  std::string digits = std::to_string(v);
  if (digits.size() < static_cast<size_t>(width)) out.append(width - digits.size(), '0');
  out += digits;
}

// Go's Logger.formatHeader and Output: the header, the message, a final newline.
std::string formatLine(std::string_view message) {
  int64_t f;
  std::string pre;
  {
    std::lock_guard lock(settingsMutex);
    f = flags;
    pre = prefix;
  }
  std::string out;
  if (!(f & kMsgPrefix)) out += pre;
  if (f & (kDate | kTime | kMicroseconds)) {
    timeval now{};
    gettimeofday(&now, nullptr);
    std::tm tm{};
    time_t seconds = now.tv_sec;
    if (f & kUTC) {
      gmtime_r(&seconds, &tm);
    } else {
      localtime_r(&seconds, &tm);
    }
    if (f & kDate) {
      appendPadded(out, tm.tm_year + 1900, 4);
      out += '/';
      appendPadded(out, tm.tm_mon + 1, 2);
      out += '/';
      appendPadded(out, tm.tm_mday, 2);
      out += ' ';
    }
    if (f & (kTime | kMicroseconds)) {
      appendPadded(out, tm.tm_hour, 2);
      out += ':';
      appendPadded(out, tm.tm_min, 2);
      out += ':';
      appendPadded(out, tm.tm_sec, 2);
      if (f & kMicroseconds) {
        out += '.';
        appendPadded(out, now.tv_usec, 6);
      }
      out += ' ';
    }
  }
  if (f & kMsgPrefix) out += pre;
  out += message;
  if (message.empty() || message.back() != '\n') out += '\n';
  return out;
}

void output(std::string_view message) {
  writeStderr(formatLine(message));
}

void print(Variadic<values::AnyValue> v) {
  output(fmt::sprint(v.raw()));
}
void printf(std::string_view format, Variadic<values::AnyValue> v) {
  output(fmt::sprintf(format, v.raw()));
}
void println(Variadic<values::AnyValue> v) {
  output(fmt::sprintln(v.raw()));
}

[[noreturn]] void exitOne() {
  throw values::ExitRequest{1};
}
void fatal(Variadic<values::AnyValue> v) {
  output(fmt::sprint(v.raw()));
  exitOne();
}
void fatalf(std::string_view format, Variadic<values::AnyValue> v) {
  output(fmt::sprintf(format, v.raw()));
  exitOne();
}
void fatalln(Variadic<values::AnyValue> v) {
  output(fmt::sprintln(v.raw()));
  exitOne();
}

void panicLog(Variadic<values::AnyValue> v) {
  std::string s = fmt::sprint(v.raw());
  output(s);
  panicString(s);
}
void panicf(std::string_view format, Variadic<values::AnyValue> v) {
  std::string s = fmt::sprintf(format, v.raw());
  output(s);
  panicString(s);
}
void panicln(Variadic<values::AnyValue> v) {
  std::string s = fmt::sprintln(v.raw());
  output(s);
  panicString(s);
}

int64_t getFlags() {
  std::lock_guard lock(settingsMutex);
  return flags;
}
void setFlags(int64_t f) {
  if (f & (kLongFile | kShortFile)) {
    panicString("log: Lshortfile and Llongfile are not supported by Gol yet");
  }
  std::lock_guard lock(settingsMutex);
  flags = f;
}
std::string getPrefix() {
  std::lock_guard lock(settingsMutex);
  return prefix;
}
void setPrefix(std::string_view p) {
  std::lock_guard lock(settingsMutex);
  prefix = p;
}

}  // namespace

void registerLog(Packages& p) {
  check::Package& pkg = p.package("log", "log");
  bind<&print>(p, pkg, "Print");
  bind<&printf>(p, pkg, "Printf");
  bind<&println>(p, pkg, "Println");
  bind<&fatal>(p, pkg, "Fatal");
  bind<&fatalf>(p, pkg, "Fatalf");
  bind<&fatalln>(p, pkg, "Fatalln");
  bind<&panicLog>(p, pkg, "Panic");
  bind<&panicf>(p, pkg, "Panicf");
  bind<&panicln>(p, pkg, "Panicln");
  bind<&getFlags>(p, pkg, "Flags");
  bind<&setFlags>(p, pkg, "SetFlags");
  bind<&getPrefix>(p, pkg, "Prefix");
  bind<&setPrefix>(p, pkg, "SetPrefix");
  const check::Type* untypedInt = check::basicType(check::BasicKind::UntypedInt);
  for (auto [name, v] : {std::pair{"Ldate", kDate},
                         {"Ltime", kTime},
                         {"Lmicroseconds", kMicroseconds},
                         {"Llongfile", kLongFile},
                         {"Lshortfile", kShortFile},
                         {"LUTC", kUTC},
                         {"Lmsgprefix", kMsgPrefix},
                         {"LstdFlags", kStdFlags}}) {
    p.addConstant(pkg, name, untypedInt, check::ConstValue::ofInt64(v));
  }
}

}  // namespace gol::stdlib
