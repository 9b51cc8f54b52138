// os/exec, and os's Process and ProcessState: running other programs as Go's os/exec does,
// with its error values and messages.
//
// A *Cmd is a native struct of Go's exported fields (Path, Args, Env, Dir, Stdin, Stdout,
// Stderr, Process, ProcessState, Err) and hidden ones: the state (new, started, waited), the
// child's pid, the descriptors this process keeps to feed or drain the child, and the
// child's ends of pipes made by StdinPipe/StdoutPipe/StderrPipe before Start.
//
// Start spawns the child with posix_spawn (no fork in a threaded process). A stream that
// is nil is /dev/null; an *os.File is passed as its descriptor (the child writes to the
// terminal itself); any other Reader or Writer gets a pipe. Wait reads all of a Gol Stdin
// reader (a Read method may run Gol code), then feeds it to the child, drains the output
// pipes and waits for the child's exit through the runtime's poller (a pidfd and the pipes
// in an epoll set: drainAndWait), so only the goroutine parks and no thread is held; then
// it writes what was drained to the Stdout and Stderr writers. The Std*Pipe ends are
// pollable *os.Files for the same reason. A writer set as both Stdout and Stderr gets one pipe, so
// their interleaving is kept. Output goes to the writers when the child has finished, not as it is
// produced; a child that reads its input only after producing much output still works, because
// feeding and draining share one poll loop.
//
// Writing to a pipe whose reader has gone raises SIGPIPE for the writing thread:
// os::writeNoSigpipe blocks it for the write and consumes it, so it never ends the process.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <iterator>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "interpreter/values/channels.h"
#include "interpreter/values/value.h"
#include "runtime/blocking.h"
#include "runtime/netpoll.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/fs.h"
#include "stdlib/go_call.h"
#include "stdlib/io.h"
#include "stdlib/os.h"
#include "stdlib/packages.h"
#include "stdlib/path.h"
#include "stdlib/strconv.h"
#include "stdlib/support.h"

extern char** environ;

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

const check::Type* intT() {
  return check::basicType(check::BasicKind::Int);
}
const check::Type* stringT() {
  return check::basicType(check::BasicKind::String);
}

using errors::errorText;

}  // namespace

// Go's names of the Linux signals (syscall.Signal's String).
std::string os::signalName(int sig) {
  static const char* const names[] = {nullptr,
                                      "hangup",
                                      "interrupt",
                                      "quit",
                                      "illegal instruction",
                                      "trace/breakpoint trap",
                                      "aborted",
                                      "bus error",
                                      "floating point exception",
                                      "killed",
                                      "user defined signal 1",
                                      "segmentation fault",
                                      "user defined signal 2",
                                      "broken pipe",
                                      "alarm clock",
                                      "terminated",
                                      "stack fault",
                                      "child exited",
                                      "continued",
                                      "stopped (signal)",
                                      "stopped",
                                      "stopped (tty input)",
                                      "stopped (tty output)",
                                      "urgent I/O condition",
                                      "CPU time limit exceeded",
                                      "file size limit exceeded",
                                      "virtual timer expired",
                                      "profiling timer expired",
                                      "window changed",
                                      "I/O possible",
                                      "power failure",
                                      "bad system call"};
  if (sig > 0 && sig < static_cast<int>(std::size(names))) return names[sig];
  return "signal " + std::to_string(sig);
}

namespace {

// --- os.Process and os.ProcessState -------------------------------------------------------

struct StructPtr {
  StructObject* obj = nullptr;
};

enum ProcessField { kProcPid, kProcDone };
enum StateField { kStatePid, kStateStatus };

std::string stateString(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    std::string s = "signal: " + os::signalName(WTERMSIG(status));
    if (WCOREDUMP(status)) s += " (core dumped)";
    return s;
  }
  return "status " + std::to_string(status);
}

}  // namespace

template <>
struct GoType<StructPtr> {
  static StructPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
};

namespace {

int64_t stateExitCode(StructPtr s) {
  int status = static_cast<int>(s.obj->fields[kStateStatus].i);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
bool stateExited(StructPtr s) {
  return WIFEXITED(static_cast<int>(s.obj->fields[kStateStatus].i));
}
bool stateSuccess(StructPtr s) {
  int status = static_cast<int>(s.obj->fields[kStateStatus].i);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
std::string stateStringMethod(StructPtr s) {
  return stateString(static_cast<int>(s.obj->fields[kStateStatus].i));
}
int64_t statePid(StructPtr s) {
  return s.obj->fields[kStatePid].i;
}

const check::Named* processStateType() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    st->fields = {{"pid", intT(), false, ""}, {"status", intT(), false, ""}};
    check::Named* t = nativeNamed("os", "ProcessState", st);
    bindMethod<&stateExitCode>(t, "ExitCode");
    bindMethod<&stateExited>(t, "Exited");
    bindMethod<&stateSuccess>(t, "Success");
    bindMethod<&stateStringMethod>(t, "String");
    bindMethod<&statePid>(t, "Pid");
    return t;
  }();
  return n;
}

GoError processKill(StructPtr p) {
  if (p.obj->fields[kProcDone].i) return {errors::newError("os: process already finished")};
  if (::kill(static_cast<pid_t>(p.obj->fields[kProcPid].i), SIGKILL) != 0) {
    return {fs::errnoError(errno)};
  }
  return {};
}

// The os.Signal argument of Process.Signal: its number (-1: not a syscall.Signal; 0: nil).
struct SignalValue {
  int number = 0;
};

}  // namespace

template <>
struct GoType<SignalValue> {
  static const check::Type* type() { return os::signalInterfaceType(); }
  static SignalValue arg(const AnyValue& a) { return {os::signalNumber(a.value)}; }
};

namespace {

GoError processSignal(StructPtr p, SignalValue sig) {
  if (p.obj->fields[kProcDone].i) return {errors::newError("os: process already finished")};
  if (sig.number <= 0) return {errors::newError("os: unsupported signal type")};
  if (::kill(static_cast<pid_t>(p.obj->fields[kProcPid].i), sig.number) != 0) {
    return {fs::errnoError(errno)};
  }
  return {};
}

const check::Named* processType() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    st->fields = {{"Pid", intT(), false, ""}, {"done", intT(), false, ""}};
    check::Named* t = nativeNamed("os", "Process", st);
    bindMethod<&processKill>(t, "Kill");
    bindMethod<&processSignal>(t, "Signal");
    return t;
  }();
  return n;
}

struct ProcessPtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<ProcessPtr> {
  static const check::Type* type() { return check::pointerTo(processType()); }
  static Value result(ProcessPtr p) { return Value{.p = p.obj}; }
};

namespace {

// os.FindProcess: on Unix it always succeeds.
std::tuple<ProcessPtr, GoError> findProcess(int64_t pid) {
  StructObject* proc =
      StructObject::make(static_cast<const check::Struct*>(processType()->underlying));
  proc->fields[kProcPid].i = pid;
  return {{proc}, {}};
}

// --- exec.Error, exec.ExitError -----------------------------------------------------------

std::string execErrorError(StructPtr e) {
  return "exec: " + strconv::quote(values::stringView(e.obj->fields[0])) + ": " +
         errorText(e.obj->fields[1]);
}
GoError execErrorUnwrap(StructPtr e) {
  return {retained(e.obj->fields[1])};
}

const check::Named* execErrorType() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    st->fields = {{"Name", stringT(), false, ""}, {"Err", check::errorType(), false, ""}};
    check::Named* t = nativeNamed("exec", "Error", st);
    bindMethod<&execErrorError>(t, "Error");
    bindMethod<&execErrorUnwrap>(t, "Unwrap");
    return t;
  }();
  return n;
}

std::string exitErrorError(StructPtr e) {
  auto* state = static_cast<StructObject*>(e.obj->fields[0].p);
  if (!state) nilPanic();
  return stateString(static_cast<int>(state->fields[kStateStatus].i));
}

const check::Named* exitErrorType() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    st->fields = {{"ProcessState", check::pointerTo(processStateType()), true, ""},
                  {"Stderr", check::sliceOf(check::basicType(check::BasicKind::Uint8)), false, ""}};
    check::Named* t = nativeNamed("exec", "ExitError", st);
    bindMethod<&exitErrorError>(t, "Error");
    return t;
  }();
  return n;
}

Value& errNotFound() {
  static auto* cell = new Value(errors::newError("executable file not found in $PATH"));
  return *cell;
}
Value& errDot() {
  static auto* cell =
      new Value(errors::newError("cannot run executable found relative to current directory"));
  return *cell;
}

Value execError(std::string_view name, Value err) {
  StructObject* obj =
      StructObject::make(static_cast<const check::Struct*>(execErrorType()->underlying));
  obj->fields[0] = stringResult(name);
  obj->fields[1] = err;
  return errors::makeIface(check::pointerTo(execErrorType()), Value{.p = obj});
}

// --- LookPath -----------------------------------------------------------------------------

// Go's findExecutable: nil (0) if path is an executable file, else an errno or -1 for
// fs.ErrPermission.
int findExecutable(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return errno;
  if (!S_ISDIR(st.st_mode) && (st.st_mode & 0111) != 0) return 0;
  return -1;
}

Value findError(int err) {
  return err == -1 ? retained(fs::errPermission()) : fs::errnoError(err);
}

struct Looked {
  std::string path;
  Value err{};  // owned
};

Looked lookPath(std::string_view file) {
  std::string name(file);
  if (name.find('/') != std::string::npos) {
    int err = findExecutable(name);
    if (err == 0) return {name, {}};
    return {"", execError(name, findError(err))};
  }
  const char* env = std::getenv("PATH");
  std::string_view list = env ? env : "";
  for (std::string_view dir : path::splitList(list)) {
    if (dir.empty()) dir = ".";
    std::string candidate = path::join({dir, name});
    if (findExecutable(candidate) != 0) continue;
    if (!path::isAbs(candidate)) return {candidate, execError(name, retained(errDot()))};
    return {candidate, {}};
  }
  return {"", execError(name, retained(errNotFound()))};
}

std::tuple<std::string, GoError> lookPathFn(std::string_view file) {
  Looked l = lookPath(file);
  return {l.err.p ? "" : l.path, {l.err}};
}

// --- Cmd ----------------------------------------------------------------------------------

enum CmdField {
  kPath,
  kArgs,
  kEnv,
  kDir,
  kStdin,
  kStdout,
  kStderr,
  kProcess,
  kProcessState,
  kErr,
  kState,  // 0 new, 1 started, 2 waited
  kPid,
  kFeedFd,     // descriptor + 1 this process writes the Stdin reader's bytes to, or 0
  kOutFd,      // descriptor + 1 this process drains for Stdout (and Stderr if shared)
  kErrFd,      // descriptor + 1 this process drains for Stderr
  kCapture,    // Capture bits: set by Output and CombinedOutput
  kChildIn,    // descriptor + 1 of the child's end of StdinPipe's pipe, until Start
  kChildOut,   // ... of StdoutPipe's
  kChildErr,   // ... of StderrPipe's
  kPipeFiles,  // []*os.File: this process's ends of the Std*Pipe pipes, closed by Wait
  kCtx,        // CommandContext's context.Context, or nil
};
enum Capture : int64_t { kCaptureOut = 1, kCaptureErr = 2, kCaptureCombined = 4 };

const check::Named* cmdType() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    const check::Type* strs = check::sliceOf(stringT());
    st->fields = {{"Path", stringT(), false, ""},
                  {"Args", strs, false, ""},
                  {"Env", strs, false, ""},
                  {"Dir", stringT(), false, ""},
                  {"Stdin", io::readerType(), false, ""},
                  {"Stdout", io::writerType(), false, ""},
                  {"Stderr", io::writerType(), false, ""},
                  {"Process", check::pointerTo(processType()), false, ""},
                  {"ProcessState", check::pointerTo(processStateType()), false, ""},
                  {"Err", check::errorType(), false, ""},
                  {"state", intT(), false, ""},
                  {"pid", intT(), false, ""},
                  {"feedFd", intT(), false, ""},
                  {"outFd", intT(), false, ""},
                  {"errFd", intT(), false, ""},
                  {"capture", intT(), false, ""},
                  {"childIn", intT(), false, ""},
                  {"childOut", intT(), false, ""},
                  {"childErr", intT(), false, ""},
                  {"pipeFiles", check::sliceOf(check::pointerTo(os::fileType())), false, ""},
                  {"ctx", contextInterfaceType(), false, ""}};
    return nativeNamed("exec", "Cmd", st);
  }();
  return n;
}

struct CmdPtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<CmdPtr> {
  static const check::Type* type() { return check::pointerTo(cmdType()); }
  static CmdPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(CmdPtr c) { return Value{.p = c.obj}; }
};

namespace {

std::vector<std::string> stringsOf(Value slice) {
  std::vector<std::string> out;
  if (values::SliceObject* s = values::asSlice(slice)) {
    for (int64_t k = 0; k < s->len(); ++k) out.emplace_back(values::stringView(s->base()[k]));
  }
  return out;
}

CmdPtr command(std::string_view name, Variadic<std::string_view> args) {
  StructObject* c = StructObject::make(static_cast<const check::Struct*>(cmdType()->underlying));
  std::vector<std::string_view> all{name};
  for (size_t k = 0; k < args.size(); ++k) all.push_back(args[k]);
  c->fields[kPath] = stringResult(name);
  c->fields[kArgs] = GoType<std::vector<std::string_view>>::result(all);
  if (path::base(name) == name) {
    Looked l = lookPath(name);
    if (!l.path.empty()) {
      values::releaseRef(c->fields[kPath]);
      c->fields[kPath] = stringResult(l.path);
    }
    c->fields[kErr] = l.err;
  }
  return {c};
}

// A context.Context argument (borrowed).
struct ContextArg {
  Value ctx{};
};

}  // namespace

template <>
struct GoType<ContextArg> {
  static const check::Type* type() { return contextInterfaceType(); }
  static ContextArg arg(const AnyValue& a) { return {a.value}; }
};

namespace {

CmdPtr commandContext(ContextArg ctx, std::string_view name, Variadic<std::string_view> args) {
  if (!ctx.ctx.p) panicString("nil Context");
  CmdPtr c = command(name, args);
  c.obj->fields[kCtx] = retained(ctx.ctx);
  return c;
}

// Calls ctx's method `name` (Done or Err), which returns one reference value (owned).
Value contextCall(Value ctx, const char* name) {
  values::IfaceObject* i = values::asIface(ctx);
  Value result{};
  fmt::methodCaller(AnyValue{i->type, i->value}, name, {}, &result);
  return result;
}

// CommandContext's watcher, on a goroutine of its own: when the context is done before the
// child has exited, the child is killed (Go's default Cancel). The child's exit is flagged
// (kProcDone) before it is reaped, so a pid the system has reused is never signalled.
struct Watch {
  Value done;  // the context's Done channel (owned)
  Value proc;  // the *os.Process (owned)
};

void watchContext(void* arg) {
  auto* w = static_cast<Watch*>(arg);
  auto* chan = static_cast<values::ChanObject*>(w->done.p);
  Value ignored{};
  rt::chan_recv(&chan->chan, &ignored);
  auto* proc = static_cast<StructObject*>(w->proc.p);
  if (!__atomic_load_n(&proc->fields[kProcDone].i, __ATOMIC_ACQUIRE)) {
    ::kill(static_cast<pid_t>(proc->fields[kProcPid].i), SIGKILL);
  }
  values::releaseRef(w->done);
  values::releaseRef(w->proc);
  delete w;
}

// At Start: the context's error if it is already done; else starts the watcher.
Value startContext(StructObject* c, bool spawned) {
  Value ctx = c->fields[kCtx];
  if (!ctx.p) return {};
  Value done = contextCall(ctx, "Done");
  if (!done.p) return {};  // a context that is never done (Background)
  auto* chan = static_cast<values::ChanObject*>(done.p);
  if (!spawned) {
    Value ignored{};
    if (chan->chan.try_recv(&ignored).selected) {
      values::releaseRef(done);
      return contextCall(ctx, "Err");
    }
    values::releaseRef(done);
    return {};
  }
  Value proc = retained(c->fields[kProcess]);
  goCallNative(watchContext, new Watch{done, proc});
  return {};
}

std::string cmdString(CmdPtr c) {
  std::vector<std::string> args = stringsOf(c.obj->fields[kArgs]);
  std::string path(values::stringView(c.obj->fields[kPath]));
  std::string out;
  if (c.obj->fields[kErr].p || path.empty()) {
    for (size_t k = 0; k < args.size(); ++k) out += (k ? " " : "") + args[k];
    return out;
  }
  out = path;
  for (size_t k = 1; k < args.size(); ++k) out += " " + args[k];
  return out;
}

bool sameWriter(Value a, Value b) {
  values::IfaceObject* x = values::asIface(a);
  values::IfaceObject* y = values::asIface(b);
  return x && y && x->type == y->type && x->value.p == y->value.p;
}

// The descriptor of an *os.File held by an interface value, or -1.
int fileDescriptor(Value iface) {
  values::IfaceObject* i = values::asIface(iface);
  StructObject* f = i ? os::asFile(i) : nullptr;
  return f ? os::descriptorOf(f) : -1;
}

// Descriptors made for one Start: closed when it returns (the child has its copies).
struct ChildFds {
  std::vector<int> owned;
  ~ChildFds() {
    for (int fd : owned) ::close(fd);
  }
  int own(int fd) {
    owned.push_back(fd);
    return fd;
  }
};

int takeField(StructObject* c, int field) {
  int fd = static_cast<int>(c->fields[field].i) - 1;
  c->fields[field].i = 0;
  return fd;
}

void closeParentFds(StructObject* c) {
  for (int field : {kFeedFd, kOutFd, kErrFd, kChildIn, kChildOut, kChildErr}) {
    int fd = takeField(c, field);
    if (fd >= 0) ::close(fd);
  }
}

// A new pipe (close-on-exec); false with errno set on failure.
bool makePipe(int fds[2]) {
  return ::pipe2(fds, O_CLOEXEC) == 0;
}

Value startError(StructObject* c, Value err) {
  closeParentFds(c);
  return err;
}

// Go's (*Cmd).Start; `capture` says which outputs Output/CombinedOutput keep.
GoError start(CmdPtr cp, int64_t capture) {
  StructObject* c = cp.obj;
  std::string path(values::stringView(c->fields[kPath]));
  if (path.empty() && !c->fields[kErr].p) c->fields[kErr] = errors::newError("exec: no command");
  if (c->fields[kErr].p) return {startError(c, retained(c->fields[kErr]))};
  if (c->fields[kState].i != 0) return {startError(c, errors::newError("exec: already started"))};
  if (Value err = startContext(c, false); err.p) return {startError(c, err)};
  std::string dir(values::stringView(c->fields[kDir]));
  if (!dir.empty()) {
    struct stat st;
    if (::stat(dir.c_str(), &st) != 0) return {startError(c, fs::pathErrno("chdir", dir, errno))};
    if (!S_ISDIR(st.st_mode)) return {startError(c, fs::pathErrno("chdir", dir, ENOTDIR))};
  }
  flushStdout();
  ChildFds child;
  int fds[2];
  auto devNull = [&](int flags) { return child.own(::open("/dev/null", flags | O_CLOEXEC)); };
  auto pipeErr = [&] { return GoError{startError(c, fs::errnoError(errno))}; };

  int in = takeField(c, kChildIn);
  if (in >= 0) {
    child.own(in);
  } else if (!c->fields[kStdin].p) {
    in = devNull(O_RDONLY);
  } else if ((in = fileDescriptor(c->fields[kStdin])) < 0) {
    if (!makePipe(fds)) return pipeErr();
    in = child.own(fds[0]);
    c->fields[kFeedFd].i = fds[1] + 1;
  }
  int out = takeField(c, kChildOut);
  if (out >= 0) {
    child.own(out);
  } else if (capture & kCaptureOut) {
    if (!makePipe(fds)) return pipeErr();
    out = child.own(fds[1]);
    c->fields[kOutFd].i = fds[0] + 1;
  } else if (!c->fields[kStdout].p) {
    out = devNull(O_WRONLY);
  } else if ((out = fileDescriptor(c->fields[kStdout])) < 0) {
    if (!makePipe(fds)) return pipeErr();
    out = child.own(fds[1]);
    c->fields[kOutFd].i = fds[0] + 1;
  }
  int err = takeField(c, kChildErr);
  if (err >= 0) {
    child.own(err);
  } else if (capture & kCaptureCombined) {
    err = out;
  } else if (capture & kCaptureErr) {
    if (!makePipe(fds)) return pipeErr();
    err = child.own(fds[1]);
    c->fields[kErrFd].i = fds[0] + 1;
  } else if (!c->fields[kStderr].p) {
    err = devNull(O_WRONLY);
  } else if (sameWriter(c->fields[kStderr], c->fields[kStdout])) {
    err = out;
  } else if ((err = fileDescriptor(c->fields[kStderr])) < 0) {
    if (!makePipe(fds)) return pipeErr();
    err = child.own(fds[1]);
    c->fields[kErrFd].i = fds[0] + 1;
  }
  if (in < 0 || out < 0 || err < 0) return pipeErr();

  std::vector<std::string> args = stringsOf(c->fields[kArgs]);
  if (args.empty()) args.push_back(path);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = stringsOf(c->fields[kEnv]);
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in, 0);
  posix_spawn_file_actions_adddup2(&actions, out, 1);
  posix_spawn_file_actions_adddup2(&actions, err, 2);
  if (!dir.empty()) posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // The child starts with the default signal dispositions and an empty mask.
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, path.c_str(), &actions, &attr, argv.data(),
                         c->fields[kEnv].p ? envp.data() : environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return {startError(c, fs::pathErrno("fork/exec", path, rc))};

  c->fields[kState].i = 1;
  c->fields[kPid].i = pid;
  StructObject* proc =
      StructObject::make(static_cast<const check::Struct*>(processType()->underlying));
  proc->fields[kProcPid].i = pid;
  values::releaseRef(c->fields[kProcess]);
  c->fields[kProcess] = Value{.p = proc};
  startContext(c, true);
  return {};
}

GoError startMethod(CmdPtr c) {
  return start(c, 0);
}

// What the helper thread did for Wait.
struct Drained {
  std::string out, err;
  int status = 0;
  StructObject* proc = nullptr;  // the *os.Process, flagged done before the child is reaped
};

// Whether the child has exited, without reaping it; then flags proc done (CommandContext's
// watcher reads the flag: while the child is an unreaped zombie its pid cannot be reused).
bool hasExited(pid_t pid, StructObject* proc) {
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return true;  // let waitpid report what happened
  }
  if (info.si_pid != pid) return false;
  if (proc) __atomic_store_n(&proc->fields[kProcDone].i, 1, __ATOMIC_RELEASE);
  return true;
}

// Feeds `input` to feedFd and drains outFd and errFd until they close, then waits for pid.
// Runs off the scheduler (the fallback where pidfd_open is missing); closes the descriptors.
void drainBlocking(pid_t pid, int feedFd, int outFd, int errFd, const std::string& input,
                   Drained* d) {
  size_t fed = 0;
  if (feedFd >= 0 && input.empty()) {
    ::close(feedFd);
    feedFd = -1;
  }
  if (feedFd >= 0) ::fcntl(feedFd, F_SETFL, ::fcntl(feedFd, F_GETFL) | O_NONBLOCK);
  char buf[65536];
  while (feedFd >= 0 || outFd >= 0 || errFd >= 0) {
    struct pollfd p[3];
    int n = 0;
    int which[3];
    if (feedFd >= 0) p[n] = {feedFd, POLLOUT, 0}, which[n++] = 0;
    if (outFd >= 0) p[n] = {outFd, POLLIN, 0}, which[n++] = 1;
    if (errFd >= 0) p[n] = {errFd, POLLIN, 0}, which[n++] = 2;
    if (::poll(p, static_cast<nfds_t>(n), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int k = 0; k < n; ++k) {
      if (!p[k].revents) continue;
      if (which[k] == 0) {
        ssize_t w = os::writeNoSigpipe(feedFd, input.data() + fed, input.size() - fed);
        if (w > 0) fed += static_cast<size_t>(w);
        if ((w < 0 && errno != EAGAIN && errno != EINTR) || fed == input.size()) {
          ::close(feedFd);
          feedFd = -1;
        }
        continue;
      }
      int& fd = which[k] == 1 ? outFd : errFd;
      ssize_t r = ::read(fd, buf, sizeof buf);
      if (r > 0) {
        (which[k] == 1 ? d->out : d->err).append(buf, static_cast<size_t>(r));
      } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        ::close(fd);
        fd = -1;
      }
    }
  }
  for (int fd : {feedFd, outFd, errFd}) {
    if (fd >= 0) ::close(fd);
  }
  while (::waitpid(pid, &d->status, 0) < 0 && errno == EINTR) {
  }
}

// The same on the goroutine: the pipes and a pidfd (readable when the child exits) go into
// an epoll set of their own, whose descriptor the runtime's poller watches, so a Wait parks
// only its goroutine and holds no thread: any number of children can be waited for at
// MAXPROCS 1. The set is level-triggered and the loop empties it (epoll_wait with no
// timeout finds nothing ready) before it parks, so the poller's edge on the set's
// descriptor cannot be missed.
void drainAndWait(pid_t pid, int feedFd, int outFd, int errFd, const std::string& input,
                  Drained* d) {
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  int ep = pidfd >= 0 ? ::epoll_create1(EPOLL_CLOEXEC) : -1;
  if (ep < 0) {
    if (pidfd >= 0) ::close(pidfd);
    rt::blocking([&] { drainBlocking(pid, feedFd, outFd, errFd, input, d); });
    return;
  }
  auto watch = [&](int fd, uint32_t events) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  };
  auto drop = [&](int& fd) {
    ::epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
    fd = -1;
  };
  if (feedFd >= 0 && input.empty()) {
    ::close(feedFd);
    feedFd = -1;
  }
  for (int fd : {outFd, errFd}) {
    if (fd >= 0) watch(fd, EPOLLIN);
  }
  if (feedFd >= 0) watch(feedFd, EPOLLOUT);
  watch(pidfd, EPOLLIN);
  bool exited = false;
  size_t fed = 0;
  std::vector<char> heap(65536);  // goroutine stacks are small
  char* buf = heap.data();
  for (;;) {
    while (feedFd >= 0) {
      ssize_t w = os::writeNoSigpipe(feedFd, input.data() + fed, input.size() - fed);
      if (w > 0) fed += static_cast<size_t>(w);
      if (w < 0 && (errno == EAGAIN || errno == EINTR)) break;
      if (w < 0 || fed == input.size()) drop(feedFd);
    }
    for (int* fd : {&outFd, &errFd}) {
      while (*fd >= 0) {
        ssize_t r = ::read(*fd, buf, 65536);
        if (r > 0) {
          (fd == &outFd ? d->out : d->err).append(buf, static_cast<size_t>(r));
        } else if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
          break;
        } else {
          drop(*fd);
        }
      }
    }
    if (!exited && hasExited(pid, d->proc) && ::waitpid(pid, &d->status, WNOHANG) == pid) {
      exited = true;
      drop(pidfd);
      if (feedFd >= 0) drop(feedFd);
    }
    if (exited && outFd < 0 && errFd < 0) break;
    epoll_event ready[4];
    if (::epoll_wait(ep, ready, 4, 0) > 0) continue;
    rt::wait_read(ep);
  }
  rt::poll_unregister(ep);
  ::close(ep);
}

// Go's (*Cmd).Wait; what Output and CombinedOutput capture goes to *captured.
GoError wait(CmdPtr cp, Drained* captured) {
  StructObject* c = cp.obj;
  if (c->fields[kState].i == 0) return {errors::newError("exec: not started")};
  if (c->fields[kState].i == 2) return {errors::newError("exec: Wait was already called")};
  c->fields[kState].i = 2;
  int feedFd = takeField(c, kFeedFd);
  int outFd = takeField(c, kOutFd);
  int errFd = takeField(c, kErrFd);
  std::string input;
  Value copyErr{};
  if (feedFd >= 0) {
    std::vector<char> heap(32768);  // goroutine stacks are small
    char* buf = heap.data();
    for (;;) {
      io::IoResult r = io::read(c->fields[kStdin], buf, 32768);
      input.append(buf, static_cast<size_t>(r.n));
      if (r.err.p) {
        if (!io::isEOF(r.err))
          copyErr = r.err;
        else
          values::releaseRef(r.err);
        break;
      }
    }
  }
  Drained d;
  d.proc = static_cast<StructObject*>(c->fields[kProcess].p);
  auto pid = static_cast<pid_t>(c->fields[kPid].i);
  drainAndWait(pid, feedFd, outFd, errFd, input, &d);
  if (auto* proc = static_cast<StructObject*>(c->fields[kProcess].p)) proc->fields[kProcDone].i = 1;
  StructObject* state =
      StructObject::make(static_cast<const check::Struct*>(processStateType()->underlying));
  state->fields[kStatePid].i = pid;
  state->fields[kStateStatus].i = d.status;
  values::releaseRef(c->fields[kProcessState]);
  c->fields[kProcessState] = Value{.p = state};
  if (values::SliceObject* files = values::asSlice(c->fields[kPipeFiles])) {
    for (int64_t k = 0; k < files->len(); ++k) {
      os::closeFile(static_cast<StructObject*>(files->base()[k].p));
    }
  }
  int64_t capture = c->fields[kCapture].i;
  if (captured) {
    captured->out = std::move(d.out);
    captured->err = std::move(d.err);
  } else {
    if (!d.out.empty()) values::releaseRef(io::writeAll(c->fields[kStdout], d.out).err);
    if (!d.err.empty()) values::releaseRef(io::writeAll(c->fields[kStderr], d.err).err);
  }
  if (!WIFEXITED(d.status) || WEXITSTATUS(d.status) != 0) {
    values::releaseRef(copyErr);
    StructObject* e =
        StructObject::make(static_cast<const check::Struct*>(exitErrorType()->underlying));
    values::retainRef(Value{.p = state});
    e->fields[0] = Value{.p = state};
    if ((capture & kCaptureErr) && captured) e->fields[1] = newBytes(captured->err).slice;
    return {errors::makeIface(check::pointerTo(exitErrorType()), Value{.p = e})};
  }
  return {copyErr};
}

GoError waitMethod(CmdPtr c) {
  return wait(c, nullptr);
}

GoError run(CmdPtr c) {
  GoError err = start(c, 0);
  if (err.value.p) return err;
  return wait(c, nullptr);
}

std::tuple<Bytes, GoError> output(CmdPtr c, int64_t capture) {
  if (c.obj->fields[kStdout].p) return {{}, {errors::newError("exec: Stdout already set")}};
  if ((capture & kCaptureCombined) && c.obj->fields[kStderr].p) {
    return {{}, {errors::newError("exec: Stderr already set")}};
  }
  if (!c.obj->fields[kStderr].p && !(capture & kCaptureCombined)) capture |= kCaptureErr;
  c.obj->fields[kCapture].i = capture;
  GoError err = start(c, capture);
  if (err.value.p) return {Bytes{}, err};
  Drained d;
  err = wait(c, &d);
  return {newBytes(d.out), err};
}

std::tuple<Bytes, GoError> outputMethod(CmdPtr c) {
  return output(c, kCaptureOut);
}
std::tuple<Bytes, GoError> combinedOutput(CmdPtr c) {
  return output(c, kCaptureOut | kCaptureCombined);
}

// StdinPipe, StdoutPipe, StderrPipe: the child's end is kept for Start, this process's end
// is returned as an *os.File (Go returns one inside the interface too) and closed by Wait.
std::tuple<Value, GoError> makeStdPipe(CmdPtr cp, int childField, int streamField,
                                       const char* name) {
  StructObject* c = cp.obj;
  const char* which = childField == kChildIn    ? "Stdin"
                      : childField == kChildOut ? "Stdout"
                                                : "Stderr";
  if (c->fields[streamField].p || c->fields[childField].i) {
    return {{}, {errors::newError(std::string("exec: ") + which + " already set")}};
  }
  if (c->fields[kState].i != 0) {
    return {{}, {errors::newError(std::string("exec: ") + which + "Pipe after process started")}};
  }
  int fds[2];
  if (!makePipe(fds)) return {{}, {fs::errnoError(errno)}};
  bool childReads = childField == kChildIn;
  c->fields[childField].i = (childReads ? fds[0] : fds[1]) + 1;
  Value file = os::newPollableFile(childReads ? fds[1] : fds[0], name);
  values::SliceObject* old = values::asSlice(c->fields[kPipeFiles]);
  int64_t n = old ? old->len() : 0;
  values::SliceObject* files = values::makeSlice(n + 1, n + 1, true);
  for (int64_t k = 0; k < n; ++k) files->base()[k] = retained(old->base()[k]);
  files->base()[n] = retained(file);
  values::releaseRef(c->fields[kPipeFiles]);
  c->fields[kPipeFiles] = Value{.p = files};
  return {errors::makeIface(check::pointerTo(os::fileType()), file), {}};
}

struct WriteCloser {
  Value v{};
};
struct ReadCloser {
  Value v{};
};

}  // namespace

template <>
struct GoType<WriteCloser> {
  static const check::Type* type() { return io::writeCloserType(); }
  static Value result(WriteCloser w) { return w.v; }
};
template <>
struct GoType<ReadCloser> {
  static const check::Type* type() { return io::readCloserType(); }
  static Value result(ReadCloser r) { return r.v; }
};

namespace {

std::tuple<WriteCloser, GoError> stdinPipe(CmdPtr c) {
  auto [f, err] = makeStdPipe(c, kChildIn, kStdin, "|1");
  return {{f}, err};
}
std::tuple<ReadCloser, GoError> stdoutPipe(CmdPtr c) {
  auto [f, err] = makeStdPipe(c, kChildOut, kStdout, "|0");
  return {{f}, err};
}
std::tuple<ReadCloser, GoError> stderrPipe(CmdPtr c) {
  auto [f, err] = makeStdPipe(c, kChildErr, kStderr, "|0");
  return {{f}, err};
}

}  // namespace

void registerProcessTypes(Packages& p, check::Package& osPackage) {
  p.addType(osPackage, "Process", processType());
  bind<&findProcess>(p, osPackage, "FindProcess");
  p.addType(osPackage, "ProcessState", processStateType());
}

void registerExec(Packages& p) {
  check::Package& pkg = p.package("os/exec", "exec");
  auto* cmd = const_cast<check::Named*>(cmdType());
  bindMethod<&run>(cmd, "Run");
  bindMethod<&startMethod>(cmd, "Start");
  bindMethod<&waitMethod>(cmd, "Wait");
  bindMethod<&outputMethod>(cmd, "Output");
  bindMethod<&combinedOutput>(cmd, "CombinedOutput");
  bindMethod<&cmdString>(cmd, "String");
  bindMethod<&stdinPipe>(cmd, "StdinPipe");
  bindMethod<&stdoutPipe>(cmd, "StdoutPipe");
  bindMethod<&stderrPipe>(cmd, "StderrPipe");
  p.addType(pkg, "Cmd", cmd);
  p.addType(pkg, "Error", execErrorType());
  p.addType(pkg, "ExitError", exitErrorType());
  bind<&command>(p, pkg, "Command");
  if (goCallNative) bind<&commandContext>(p, pkg, "CommandContext");
  bind<&lookPathFn>(p, pkg, "LookPath");
  p.addVariable(pkg, "ErrNotFound", check::errorType(), &errNotFound());
  p.addVariable(pkg, "ErrDot", check::errorType(), &errDot());
}

}  // namespace gol::stdlib
