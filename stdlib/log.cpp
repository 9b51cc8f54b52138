// Package log: Logger (New, Default, and its methods: Print*, Fatal* (exit 1), Panic*,
// Output, Flags, SetFlags, Prefix, SetPrefix, Writer, SetOutput), the standard logger the
// package functions use (writing to the standard error that os.Stderr held at the start),
// and the flag constants; the header is Go's Logger.formatHeader, Lshortfile and Llongfile
// included (the caller's file and line, from the evaluator's hook of callers.h).
//
// Invariants: a *Logger is a native struct object. Its `mu` field holds an rt::Mutex in
// place, which guards the other fields, as Go's Logger.mu does, and serializes the writes:
// each message is one Write call on `out`, made while mu is held, so lines from goroutines
// logging in parallel never mix. mu parks the goroutine (never the thread) while another
// writes; the message is formatted before it is taken (String methods may log), and a
// Write that panics releases it. `isDiscard` is read without mu, as Go reads it
// atomically: when out is io.Discard, Print and its kin do not even format.
#include <sys/time.h>

#include <atomic>
#include <ctime>

#include "interpreter/values/panic.h"
#include "runtime/sync.h"
#include "stdlib/bind.h"
#include "stdlib/callers.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/io.h"
#include "stdlib/os.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::StructObject;
using values::Value;

constexpr int64_t kDate = 1, kTime = 2, kMicroseconds = 4, kLongFile = 8, kShortFile = 16,
                  kUTC = 32, kMsgPrefix = 64, kStdFlags = kDate | kTime;

// Go 1.19's log/log.go: the line of runtime.Caller in Logger.Output, and of the package
// function Output's call of it, which a calldepth of 0 reports.
constexpr int kOutputCallerLine = 185;
constexpr int kPackageOutputLine = 413;

enum LoggerField { kMu, kPrefix, kFlag, kOut, kIsDiscard };
static_assert(sizeof(rt::Mutex) <= sizeof(Value));

const check::Named* loggerType();

struct LoggerPtr {
  StructObject* obj = nullptr;
};

using Writer = IfaceOf<&io::writerType>;

}  // namespace

template <>
struct GoType<LoggerPtr> {
  static const check::Type* type() { return check::pointerTo(loggerType()); }
  static LoggerPtr arg(const values::AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(LoggerPtr l) { return Value{.p = l.obj}; }
};

namespace {

rt::Mutex& mutexOf(StructObject* l) {
  return *std::launder(reinterpret_cast<rt::Mutex*>(&l->fields[kMu]));
}

std::atomic_ref<int64_t> isDiscardOf(StructObject* l) {
  return std::atomic_ref<int64_t>(l->fields[kIsDiscard].i);
}

// Holds a Logger's mu for a scope; a Write that panics unwinds through the unlock.
class LoggerLock {
 public:
  explicit LoggerLock(StructObject* l) : mu_(mutexOf(l)) { mu_.lock(); }
  ~LoggerLock() { mu_.unlock(); }
  LoggerLock(const LoggerLock&) = delete;
  LoggerLock& operator=(const LoggerLock&) = delete;

 private:
  rt::Mutex& mu_;
};

void setOutputLocked(StructObject* l, Value w) {
  values::storeRef(&l->fields[kOut], retained(w));
  isDiscardOf(l).store(io::isDiscard(w) ? 1 : 0);
}

void appendPadded(std::string& out, long v, int width) {
  std::string digits = std::to_string(v);
  if (digits.size() < static_cast<size_t>(width)) out.append(width - digits.size(), '0');
  out += digits;
}

// Go's Logger.formatHeader.
void formatHeader(std::string& out, int64_t flag, std::string_view prefix, const timeval& now,
                  const std::string& file, int line) {
  if (!(flag & kMsgPrefix)) out += prefix;
  if (flag & (kDate | kTime | kMicroseconds)) {
    std::tm tm{};
    time_t seconds = now.tv_sec;
    if (flag & kUTC) {
      gmtime_r(&seconds, &tm);
    } else {
      localtime_r(&seconds, &tm);
    }
    if (flag & kDate) {
      appendPadded(out, tm.tm_year + 1900, 4);
      out += '/';
      appendPadded(out, tm.tm_mon + 1, 2);
      out += '/';
      appendPadded(out, tm.tm_mday, 2);
      out += ' ';
    }
    if (flag & (kTime | kMicroseconds)) {
      appendPadded(out, tm.tm_hour, 2);
      out += ':';
      appendPadded(out, tm.tm_min, 2);
      out += ':';
      appendPadded(out, tm.tm_sec, 2);
      if (flag & kMicroseconds) {
        out += '.';
        appendPadded(out, now.tv_usec, 6);
      }
      out += ' ';
    }
  }
  if (flag & (kShortFile | kLongFile)) {
    std::string_view name = file;
    if (flag & kShortFile) {
      if (size_t slash = name.rfind('/'); slash != std::string_view::npos) {
        name.remove_prefix(slash + 1);
      }
    }
    out += name;
    out += ':';
    out += std::to_string(line);
    out += ": ";
  }
  if (flag & kMsgPrefix) out += prefix;
}

// Where the message was logged from. depth counts as runtime.Caller's argument in Go's
// Logger.Output: 1 is the function that called the native (Output itself, or Print and
// its kin, which pass depth 1 for their caller as Go's pass 2 for theirs); 0 is Output's
// own line in Go's log.go; fromPackage adds the package function Output's frame.
void callerOf(int64_t depth, bool fromPackage, std::string* file, int* line) {
  if (depth <= 0 || (fromPackage && depth == 1)) {
    *file = "$GOROOT/src/log/log.go";
    *line = depth <= 0 ? kOutputCallerLine : kPackageOutputLine;
    return;
  }
  size_t index = static_cast<size_t>(depth - (fromPackage ? 2 : 1));
  std::vector<CallerFrame> frames;
  if (callerFrames) {
    bool isMain = false;
    frames = callerFrames(&isMain);
  }
  if (index >= frames.size()) {
    *file = "???";
    *line = 0;
    return;
  }
  const CallerFrame& f = frames[index];
  *file = f.file.empty() && programFile ? programFile() : f.file;
  *line = f.line;
}

// Go's Logger.Output: the header, the message, a final newline, in one Write.
GoError output(StructObject* l, int64_t depth, bool fromPackage, std::string_view message) {
  timeval now{};
  gettimeofday(&now, nullptr);
  std::string file;
  int line = 0;
  int64_t flag;
  {
    LoggerLock lock(l);
    flag = l->fields[kFlag].i;
  }
  // As Go does, the expensive lookup of the caller runs without the lock.
  if (flag & (kShortFile | kLongFile)) callerOf(depth, fromPackage, &file, &line);
  LoggerLock lock(l);
  std::string text;
  formatHeader(text, l->fields[kFlag].i, values::stringView(l->fields[kPrefix]), now, file, line);
  text += message;
  if (message.empty() || message.back() != '\n') text += '\n';
  return {io::writeAll(l->fields[kOut], text).err};
}

bool discards(StructObject* l) {
  return isDiscardOf(l).load() != 0;
}

[[noreturn]] void exitOne() {
  throw values::ExitRequest{1};
}

// The methods of *Logger.

void loggerPrint(LoggerPtr l, Variadic<values::AnyValue> v) {
  if (discards(l.obj)) return;
  values::releaseRef(output(l.obj, 1, false, fmt::sprint(v.raw())).value);
}
void loggerPrintf(LoggerPtr l, std::string_view format, Variadic<values::AnyValue> v) {
  if (discards(l.obj)) return;
  values::releaseRef(output(l.obj, 1, false, fmt::sprintf(format, v.raw())).value);
}
void loggerPrintln(LoggerPtr l, Variadic<values::AnyValue> v) {
  if (discards(l.obj)) return;
  values::releaseRef(output(l.obj, 1, false, fmt::sprintln(v.raw())).value);
}
void loggerFatal(LoggerPtr l, Variadic<values::AnyValue> v) {
  values::releaseRef(output(l.obj, 1, false, fmt::sprint(v.raw())).value);
  exitOne();
}
void loggerFatalf(LoggerPtr l, std::string_view format, Variadic<values::AnyValue> v) {
  values::releaseRef(output(l.obj, 1, false, fmt::sprintf(format, v.raw())).value);
  exitOne();
}
void loggerFatalln(LoggerPtr l, Variadic<values::AnyValue> v) {
  values::releaseRef(output(l.obj, 1, false, fmt::sprintln(v.raw())).value);
  exitOne();
}
[[noreturn]] void logAndPanic(StructObject* l, const std::string& s) {
  values::releaseRef(output(l, 1, false, s).value);
  panicString(s);
}
void loggerPanic(LoggerPtr l, Variadic<values::AnyValue> v) {
  logAndPanic(l.obj, fmt::sprint(v.raw()));
}
void loggerPanicf(LoggerPtr l, std::string_view format, Variadic<values::AnyValue> v) {
  logAndPanic(l.obj, fmt::sprintf(format, v.raw()));
}
void loggerPanicln(LoggerPtr l, Variadic<values::AnyValue> v) {
  logAndPanic(l.obj, fmt::sprintln(v.raw()));
}
GoError loggerOutput(LoggerPtr l, int64_t calldepth, std::string_view s) {
  return output(l.obj, calldepth, false, s);
}
int64_t loggerFlags(LoggerPtr l) {
  LoggerLock lock(l.obj);
  return l.obj->fields[kFlag].i;
}
void loggerSetFlags(LoggerPtr l, int64_t flag) {
  LoggerLock lock(l.obj);
  l.obj->fields[kFlag].i = flag;
}
OwnedString loggerPrefix(LoggerPtr l) {
  LoggerLock lock(l.obj);
  return {retained(l.obj->fields[kPrefix])};
}
void loggerSetPrefix(LoggerPtr l, std::string_view prefix) {
  Value s = stringResult(prefix);
  LoggerLock lock(l.obj);
  values::storeRef(&l.obj->fields[kPrefix], s);
}
Writer loggerWriter(LoggerPtr l) {
  LoggerLock lock(l.obj);
  return {retained(l.obj->fields[kOut])};
}
void loggerSetOutput(LoggerPtr l, Writer w) {
  LoggerLock lock(l.obj);
  setOutputLocked(l.obj, w.v);
}

const check::Named* loggerType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"mu", check::basicType(check::BasicKind::Uint64), false, ""},
                  {"prefix", check::basicType(check::BasicKind::String), false, ""},
                  {"flag", check::basicType(check::BasicKind::Int), false, ""},
                  {"out", io::writerType(), false, ""},
                  {"isDiscard", check::basicType(check::BasicKind::Int32), false, ""}};
    check::Named* n = nativeNamed("log", "Logger", st);
    bindMethod<&loggerFatal>(n, "Fatal");
    bindMethod<&loggerFatalf>(n, "Fatalf");
    bindMethod<&loggerFatalln>(n, "Fatalln");
    bindMethod<&loggerFlags>(n, "Flags");
    bindMethod<&loggerOutput>(n, "Output");
    bindMethod<&loggerPanic>(n, "Panic");
    bindMethod<&loggerPanicf>(n, "Panicf");
    bindMethod<&loggerPanicln>(n, "Panicln");
    bindMethod<&loggerPrefix>(n, "Prefix");
    bindMethod<&loggerPrint>(n, "Print");
    bindMethod<&loggerPrintf>(n, "Printf");
    bindMethod<&loggerPrintln>(n, "Println");
    bindMethod<&loggerSetFlags>(n, "SetFlags");
    bindMethod<&loggerSetOutput>(n, "SetOutput");
    bindMethod<&loggerSetPrefix>(n, "SetPrefix");
    bindMethod<&loggerWriter>(n, "Writer");
    return n;
  }();
  return t;
}

StructObject* newLogger(Value out, std::string_view prefix, int64_t flag) {
  StructObject* l = StructObject::make(static_cast<const check::Struct*>(loggerType()->underlying));
  new (&l->fields[kMu]) rt::Mutex();
  l->fields[kPrefix] = stringResult(prefix);
  l->fields[kFlag].i = flag;
  setOutputLocked(l, out);
  return l;
}

LoggerPtr logNew(Writer out, std::string_view prefix, int64_t flag) {
  return {newLogger(out.v, prefix, flag)};
}

// The standard logger, New(os.Stderr, "", LstdFlags) as the program starts; it lives as
// long as the process.
StructObject* std() {
  static StructObject* l = [] {
    Value file = os::standardErrorFile();
    values::retainRef(file);
    Value out = errors::makeIface(check::pointerTo(os::fileType()), file);
    StructObject* logger = newLogger(out, "", kStdFlags);
    values::releaseRef(out);
    return logger;
  }();
  return l;
}

LoggerPtr logDefault() {
  return {static_cast<StructObject*>(retained(Value{.p = std()}).p)};
}

// The package functions, on the standard logger.

void print(Variadic<values::AnyValue> v) {
  loggerPrint({std()}, v);
}
void printf(std::string_view format, Variadic<values::AnyValue> v) {
  loggerPrintf({std()}, format, v);
}
void println(Variadic<values::AnyValue> v) {
  loggerPrintln({std()}, v);
}
void fatal(Variadic<values::AnyValue> v) {
  loggerFatal({std()}, v);
}
void fatalf(std::string_view format, Variadic<values::AnyValue> v) {
  loggerFatalf({std()}, format, v);
}
void fatalln(Variadic<values::AnyValue> v) {
  loggerFatalln({std()}, v);
}
void panicLog(Variadic<values::AnyValue> v) {
  loggerPanic({std()}, v);
}
void panicf(std::string_view format, Variadic<values::AnyValue> v) {
  loggerPanicf({std()}, format, v);
}
void panicln(Variadic<values::AnyValue> v) {
  loggerPanicln({std()}, v);
}
GoError packageOutput(int64_t calldepth, std::string_view s) {
  return output(std(), calldepth, true, s);
}
int64_t getFlags() {
  return loggerFlags({std()});
}
void setFlags(int64_t f) {
  loggerSetFlags({std()}, f);
}
OwnedString getPrefix() {
  return loggerPrefix({std()});
}
void setPrefix(std::string_view p) {
  loggerSetPrefix({std()}, p);
}
Writer getWriter() {
  return loggerWriter({std()});
}
void setOutput(Writer w) {
  loggerSetOutput({std()}, w);
}

}  // namespace

void registerLog(Packages& p) {
  check::Package& pkg = p.package("log", "log");
  p.addType(pkg, "Logger", loggerType());
  bind<&logNew>(p, pkg, "New");
  bind<&logDefault>(p, pkg, "Default");
  bind<&print>(p, pkg, "Print");
  bind<&printf>(p, pkg, "Printf");
  bind<&println>(p, pkg, "Println");
  bind<&fatal>(p, pkg, "Fatal");
  bind<&fatalf>(p, pkg, "Fatalf");
  bind<&fatalln>(p, pkg, "Fatalln");
  bind<&panicLog>(p, pkg, "Panic");
  bind<&panicf>(p, pkg, "Panicf");
  bind<&panicln>(p, pkg, "Panicln");
  bind<&packageOutput>(p, pkg, "Output");
  bind<&getFlags>(p, pkg, "Flags");
  bind<&setFlags>(p, pkg, "SetFlags");
  bind<&getPrefix>(p, pkg, "Prefix");
  bind<&setPrefix>(p, pkg, "SetPrefix");
  bind<&getWriter>(p, pkg, "Writer");
  bind<&setOutput>(p, pkg, "SetOutput");
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
