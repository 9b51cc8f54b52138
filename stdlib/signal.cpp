// os/signal, os.Signal and syscall.Signal: a program catches signals (Ctrl-C) on channels, as
// Go's signal.Notify delivers them.
//
// Delivery: for each signal some channel is notified of, a handler writes the signal's number
// to a self-pipe (the only thing a handler may safely do); a watcher thread, started at the
// first Notify, reads the pipe and, holding registryMu, try_sends an os.Signal value to
// every channel registered for it, dropping the signal for a channel whose buffer is full,
// as Go does ("package signal will not block sending to c"). The registry (guarded by
// registryMu) holds a reference to each registered channel. While any channel is registered
// the run has an external waker, so a program waiting for a signal is not a deadlock (Go's
// `<-c` after Notify waits); Stop of the last one removes it. Stop, Ignore and Reset put
// back the default disposition of a signal no channel wants any more. NotifyContext registers
// a context instead of a channel: the watcher cancels it (cancelContext, which only closes
// channels and takes the context's locks, so it is safe off the goroutines while the
// external waker is held).
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <mutex>
#include <thread>
#include <tuple>
#include <vector>

#include "interpreter/values/channels.h"
#include "interpreter/values/native_closure.h"
#include "interpreter/values/value.h"
#include "runtime/deadlock.h"
#include "runtime/goroutine.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/fs.h"
#include "stdlib/os.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

constexpr int kMaxSignal = 65;

void signalMethod(int64_t) {}
std::string signalString(int64_t sig) {
  return os::signalName(static_cast<int>(sig));
}

}  // namespace

const check::Named* os::syscallSignalType() {
  static check::Named* n = [] {
    check::Named* t = nativeNamed("syscall", "Signal", check::basicType(check::BasicKind::Int));
    bindMethod<&signalMethod>(t, "Signal", false);
    bindMethod<&signalString>(t, "String", false);
    return t;
  }();
  return n;
}

const check::Named* os::signalInterfaceType() {
  static check::Named* n = [] {
    auto* i = new check::Interface;
    check::Method signal;
    signal.name = "Signal";
    signal.sig = nativeSignature({}, {});
    check::Method string;
    string.name = "String";
    string.sig = nativeSignature({}, {check::basicType(check::BasicKind::String)});
    i->methods = {signal, string};
    return nativeNamed("os", "Signal", i);
  }();
  return n;
}

int os::signalNumber(Value sig) {
  values::IfaceObject* i = values::asIface(sig);
  if (!i) return 0;
  if (i->type != syscallSignalType()) return -1;
  return static_cast<int>(i->value.i);
}

namespace {

// An os.Signal argument: a syscall.Signal's number, -1 for another dynamic type, 0 for nil.
struct SignalArg {
  int number = 0;
};
// A `chan<- os.Signal` argument (borrowed).
struct SignalChan {
  values::ChanObject* chan = nullptr;
};

}  // namespace

template <>
struct GoType<SignalArg> {
  static const check::Type* type() { return os::signalInterfaceType(); }
  static SignalArg arg(const AnyValue& a) { return {os::signalNumber(a.value)}; }
};
template <>
struct GoType<SignalChan> {
  static const check::Type* type() {
    return check::chanOf(os::signalInterfaceType(), check::ChanDir::Send);
  }
  static SignalChan arg(const AnyValue& a) { return {static_cast<values::ChanObject*>(a.value.p)}; }
};

namespace {

// A channel of Notify, or a context of NotifyContext (cancelled by the signal).
struct Registration {
  values::ChanObject* chan;                 // retained, or null
  std::array<bool, kMaxSignal> wanted;      // by signal number
  values::StructObject* context = nullptr;  // retained, or null
};

std::mutex registryMu;
std::vector<Registration> registry;
rt::ExternalWaker* waker = nullptr;      // while registry is not empty
std::array<bool, kMaxSignal> handled{};  // our handler is installed
std::array<bool, kMaxSignal> ignored{};  // Ignore was called (and not Reset/Notify)
int pipeFds[2] = {-1, -1};

void onSignal(int sig) {
  int saved = errno;
  auto byte = static_cast<unsigned char>(sig);
  (void)!::write(pipeFds[1], &byte, 1);
  errno = saved;
}

void deliver(int sig) {
  rt::OutsideAccess access;  // sends on goroutines' channels from this thread
  std::lock_guard lock(registryMu);
  for (Registration& r : registry) {
    if (!r.wanted[static_cast<size_t>(sig)]) continue;
    if (r.context) {
      cancelContext(r.context);
      continue;
    }
    Value v = errors::makeIface(os::syscallSignalType(), values::intValue(sig));
    rt::ChanError err = rt::ChanError::None;
    if (!r.chan->chan.try_send(&v, &err)) values::releaseRef(v);
  }
}

void watch() {
  for (;;) {
    unsigned char byte;
    ssize_t n = ::read(pipeFds[0], &byte, 1);
    if (n == 1) {
      deliver(byte);
    } else if (n < 0 && errno != EINTR) {
      return;
    }
  }
}

// The signals a call names: all catchable ones when it names none. SIGKILL and SIGSTOP
// cannot be caught; a non-syscall.Signal is ignored.
std::vector<int> signalsOf(const Variadic<SignalArg>& sigs) {
  std::vector<int> out;
  if (sigs.empty()) {
    for (int s = 1; s < kMaxSignal; ++s) {
      if (s != SIGKILL && s != SIGSTOP && (s < 32 || s >= SIGRTMIN)) out.push_back(s);
    }
    return out;
  }
  for (size_t k = 0; k < sigs.size(); ++k) {
    int s = sigs[k].number;
    if (s > 0 && s < kMaxSignal) out.push_back(s);
  }
  return out;
}

bool wantedByAny(int sig) {
  for (const Registration& r : registry) {
    if (r.wanted[static_cast<size_t>(sig)]) return true;
  }
  return false;
}

void setDisposition(int sig, void (*handler)(int)) {
  if (sig == SIGKILL || sig == SIGSTOP) return;
  struct sigaction sa {};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  ::sigaction(sig, &sa, nullptr);
  handled[static_cast<size_t>(sig)] = handler == onSignal;
}

// After a registration changed: signals nobody wants go back to default (or stay ignored).
void releaseUnwanted() {
  for (int s = 1; s < kMaxSignal; ++s) {
    if (handled[static_cast<size_t>(s)] && !wantedByAny(s)) {
      setDisposition(s, ignored[static_cast<size_t>(s)] ? SIG_IGN : SIG_DFL);
    }
  }
  if (registry.empty() && waker) {
    delete waker;
    waker = nullptr;
  }
}

void watchSignals(values::ChanObject* chan, values::StructObject* context,
                  const std::vector<int>& sigs) {
  std::lock_guard lock(registryMu);
  if (pipeFds[0] < 0) {
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) return;
    ::fcntl(pipeFds[1], F_SETFL, O_NONBLOCK);
    std::thread(watch).detach();
  }
  Registration* r = nullptr;
  for (Registration& existing : registry) {
    if (chan && existing.chan == chan) r = &existing;
  }
  if (!r) {
    values::enableSharedCells();  // the watcher thread will touch chan or context
    values::retainRef(Value{.p = chan});
    values::retainRef(Value{.p = context});
    registry.push_back({chan, {}, context});
    r = &registry.back();
    if (!waker) waker = new rt::ExternalWaker;
  }
  for (int s : sigs) {
    r->wanted[static_cast<size_t>(s)] = true;
    ignored[static_cast<size_t>(s)] = false;
    if (!handled[static_cast<size_t>(s)]) setDisposition(s, onSignal);
  }
}

void notify(SignalChan c, Variadic<SignalArg> sigs) {
  if (!c.chan) panicString("os/signal: Notify using nil channel");
  watchSignals(c.chan, nullptr, signalsOf(sigs));
}

// Removes the registration of chan or context.
void unregister(values::ChanObject* chan, values::StructObject* context) {
  std::lock_guard lock(registryMu);
  for (size_t k = 0; k < registry.size(); ++k) {
    Registration& r = registry[k];
    if (chan ? r.chan != chan : r.context != context) continue;
    values::releaseRef(Value{.p = r.chan});
    values::releaseRef(Value{.p = r.context});
    registry.erase(registry.begin() + static_cast<std::ptrdiff_t>(k));
    break;
  }
  releaseUnwanted();
}

void stop(SignalChan c) {
  unregister(c.chan, nullptr);
}

// NotifyContext's stop: cancels the context and stops watching for it.
void stopContextBody(Value bound, const Value*, Value*) {
  auto* c = static_cast<values::StructObject*>(bound.p);
  cancelContext(c);
  unregister(nullptr, c);
}

struct ContextArg {
  Value ctx{};
};
struct ContextResult {
  Value ctx{};
};
struct StopFunc {
  Value fn{};
};

}  // namespace

template <>
struct GoType<ContextArg> {
  static const check::Type* type() { return contextInterfaceType(); }
  static ContextArg arg(const AnyValue& a) { return {a.value}; }
};
template <>
struct GoType<ContextResult> {
  static const check::Type* type() { return contextInterfaceType(); }
  static Value result(ContextResult c) { return c.ctx; }
};
template <>
struct GoType<StopFunc> {
  static const check::Type* type() { return contextCancelFuncType(); }
  static Value result(StopFunc f) { return f.fn; }
};

namespace {

// Go's NotifyContext: a context cancelled by the first of the signals (or its parent), and
// the stop function that cancels it and restores the signals' behaviour.
std::tuple<ContextResult, StopFunc> notifyContext(ContextArg parent, Variadic<SignalArg> sigs) {
  static const values::FuncCode* stopCode = [] {
    check::Signature sig;  // func(); nativeFuncCode keeps only what it reads from it
    return values::nativeFuncCode("os/signal.NotifyContext.func1", &sig, stopContextBody);
  }();
  auto [ctx, c] = newCancelContext(parent.ctx);
  watchSignals(nullptr, c, signalsOf(sigs));
  values::retainRef(Value{.p = c});
  return {{ctx}, {values::makeNativeClosure(stopCode, Value{.p = c}, true)}};
}

void forget(const std::vector<int>& sigs, bool ignore) {
  for (int s : sigs) {
    for (Registration& r : registry) r.wanted[static_cast<size_t>(s)] = false;
    ignored[static_cast<size_t>(s)] = ignore;
    if (s != SIGKILL && s != SIGSTOP) setDisposition(s, ignore ? SIG_IGN : SIG_DFL);
  }
}

void ignore(Variadic<SignalArg> sigs) {
  std::lock_guard lock(registryMu);
  forget(signalsOf(sigs), true);
}

void reset(Variadic<SignalArg> sigs) {
  std::lock_guard lock(registryMu);
  forget(signalsOf(sigs), false);
}

bool isIgnored(SignalArg sig) {
  if (sig.number <= 0 || sig.number >= kMaxSignal) return false;
  struct sigaction sa {};
  ::sigaction(sig.number, nullptr, &sa);
  return sa.sa_handler == SIG_IGN;
}

int64_t getpid() {
  return ::getpid();
}

GoError kill(int64_t pid, SignalArg sig) {
  if (::kill(static_cast<pid_t>(pid), sig.number) != 0) return {fs::errnoError(errno)};
  return {};
}

}  // namespace

void registerSignal(Packages& p) {
  check::Package& pkg = p.package("os/signal", "signal");
  bind<&notify>(p, pkg, "Notify");
  bind<&stop>(p, pkg, "Stop");
  bind<&ignore>(p, pkg, "Ignore");
  bind<&reset>(p, pkg, "Reset");
  bind<&isIgnored>(p, pkg, "Ignored");
  bind<&notifyContext>(p, pkg, "NotifyContext");
}

void registerSignalTypes(Packages& p, check::Package& osPackage) {
  static Value interruptCell = errors::makeIface(os::syscallSignalType(), values::intValue(SIGINT));
  static Value killCell = errors::makeIface(os::syscallSignalType(), values::intValue(SIGKILL));
  p.addType(osPackage, "Signal", os::signalInterfaceType());
  p.addVariable(osPackage, "Interrupt", os::signalInterfaceType(), &interruptCell);
  p.addVariable(osPackage, "Kill", os::signalInterfaceType(), &killCell);
}

void registerSyscallSignals(Packages& p, check::Package& syscall) {
  const check::Named* t = os::syscallSignalType();
  p.addType(syscall, "Signal", t);
  struct Named {
    const char* name;
    int number;
  };
  for (Named s : {Named{"SIGABRT", SIGABRT}, {"SIGALRM", SIGALRM}, {"SIGBUS", SIGBUS},
                  {"SIGCHLD", SIGCHLD},      {"SIGCONT", SIGCONT}, {"SIGFPE", SIGFPE},
                  {"SIGHUP", SIGHUP},        {"SIGILL", SIGILL},   {"SIGINT", SIGINT},
                  {"SIGKILL", SIGKILL},      {"SIGPIPE", SIGPIPE}, {"SIGQUIT", SIGQUIT},
                  {"SIGSEGV", SIGSEGV},      {"SIGSTOP", SIGSTOP}, {"SIGTERM", SIGTERM},
                  {"SIGTRAP", SIGTRAP},      {"SIGTSTP", SIGTSTP}, {"SIGTTIN", SIGTTIN},
                  {"SIGTTOU", SIGTTOU},      {"SIGUSR1", SIGUSR1}, {"SIGUSR2", SIGUSR2},
                  {"SIGWINCH", SIGWINCH}}) {
    p.addConstant(syscall, s.name, t, check::ConstValue::ofInt64(s.number));
  }
  bind<&kill>(p, syscall, "Kill");
  bind<&getpid>(p, syscall, "Getpid");
}

}  // namespace gol::stdlib
