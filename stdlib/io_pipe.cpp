// io.Pipe: Go's synchronous in-memory pipe (io/pipe.go). A Write hands its []byte to the
// readers and returns once they have taken all of it; each Read takes at most one hand-off
// (so a Write may be split across Reads); Read waits for a Write or a close.
//
// Representation: *PipeReader and *PipeWriter are native structs {p *pipe}; the shared pipe
// is a native struct whose leading integer fields hold, in place, two rt::Mutexes and a
// futex word (as stdlib/sync.cpp holds its primitives), followed by the pending hand-off and
// the close errors (error fields, so the struct's release frees them).
//
// Invariants (which lock guards what):
// * wrMu serialises writers for the whole of a Write, as Go's wrMu does, so one Write's
//   bytes reach the readers contiguously. A second writer parks on it ("sync.Mutex.Lock").
// * mu guards everything else: pending/buf/off/len (the hand-off), done, rerr, werr. It is
//   held only for short stretches, never while parked.
// * The hand-off: while pending is 1, buf is the raw SliceObject* of the parked writer's
//   argument (borrowed: the writer's call holds it until it clears pending), bytes [off,
//   off+len) of it are still to be read. A Read copies up to len(p) of them, advances off and
//   clears pending; only the writer (holding wrMu) publishes or withdraws a hand-off.
// * done is set once by the first Close of either end; then every Read and Write fails (Go's
//   closed done channel). rerr/werr are set at most once (Go's onceError).
// * Waiting: a goroutine that must wait reads seq under mu, unlocks mu and futex-waits on seq
//   (parks, no OS thread blocked, no spinning); whoever changes the state bumps seq under mu
//   and wakes all waiters after unlocking, so no wake-up is lost. Waiters park with the
//   "select" reason, which is what Go shows for a goroutine blocked in a pipe; the deadlock
//   detector sees them as it sees channel waiters.
#include <algorithm>
#include <atomic>
#include <climits>
#include <cstring>
#include <new>

#include "runtime/sema.h"
#include "runtime/sync.h"
#include "stdlib/bind.h"
#include "stdlib/io.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

enum PipeField { kWrMu, kMu, kSeq, kPending, kBuf, kOff, kLen, kDone, kRerr, kWerr };

const check::Named* pipeType() {
  static check::Named* t = [] {
    const check::Type* u64 = check::basicType(check::BasicKind::Uint64);
    const check::Type* i64 = check::basicType(check::BasicKind::Int64);
    const check::Type* err = check::errorType();
    auto* st = new check::Struct;
    st->fields = {{"wrMu", u64, false, ""},    {"mu", u64, false, ""},   {"seq", u64, false, ""},
                  {"pending", i64, false, ""}, {"buf", u64, false, ""},  {"off", i64, false, ""},
                  {"len", i64, false, ""},     {"done", i64, false, ""}, {"rerr", err, false, ""},
                  {"werr", err, false, ""}};
    return nativeNamed("io", "pipe", st);
  }();
  return t;
}

// A view of the pipe's fields; every accessor but the primitives' is used under mu.
struct Pipe {
  StructObject* o;
  template <typename T>
  T& in(PipeField f) const {
    static_assert(sizeof(T) <= sizeof(Value) && alignof(T) <= alignof(Value));
    return *std::launder(reinterpret_cast<T*>(&o->fields[f]));
  }
  rt::Mutex& wrMu() const { return in<rt::Mutex>(kWrMu); }
  rt::Mutex& mu() const { return in<rt::Mutex>(kMu); }
  std::atomic<int32_t>& seq() const { return in<std::atomic<int32_t>>(kSeq); }
  int64_t& pending() const { return o->fields[kPending].i; }
  values::SliceObject*& buf() const { return in<values::SliceObject*>(kBuf); }
  int64_t& off() const { return o->fields[kOff].i; }
  int64_t& len() const { return o->fields[kLen].i; }
  bool done() const { return o->fields[kDone].i != 0; }

  // Parks until the state changes; called and returns with mu held.
  void wait() const {
    int32_t s = seq().load();
    mu().unlock();
    rt::futex_wait(&seq(), s, rt::WaitReason::Select);
    mu().lock();
  }
  // Records a change of state (under mu); wake() after unlocking mu.
  void changed() const { seq().fetch_add(1); }
  void wake() const { rt::futex_wake(&seq(), INT_MAX); }

  // Go's readCloseError and writeCloseError (owned).
  Value readCloseError() const {
    Value rerr = o->fields[kRerr], werr = o->fields[kWerr];
    return retained(!rerr.p && werr.p ? werr : io::errClosedPipe());
  }
  Value writeCloseError() const {
    Value rerr = o->fields[kRerr], werr = o->fields[kWerr];
    return retained(!werr.p && rerr.p ? rerr : io::errClosedPipe());
  }

  // Go's closeRead/closeWrite: the first error of each kind sticks; the first close of
  // either end ends the pipe.
  void close(PipeField which, Value err) const {
    mu().lock();
    if (!o->fields[which].p) o->fields[which] = retained(err);
    o->fields[kDone].i = 1;
    changed();
    mu().unlock();
    wake();
  }

  std::tuple<int64_t, GoError> read(Value p) const {
    values::SliceObject* dst = values::asSlice(p);
    int64_t room = dst ? dst->len() : 0;
    mu().lock();
    for (;;) {
      if (done()) {
        Value err = readCloseError();
        mu().unlock();
        return {0, {err}};
      }
      if (pending()) break;
      wait();
    }
    int64_t n = std::min(room, len());
    if (n > 0) std::memmove(dst->base(), buf()->base() + off(), sizeof(Value) * n);
    off() += n;
    len() -= n;
    pending() = 0;
    changed();
    mu().unlock();
    wake();
    return {n, {}};
  }

  std::tuple<int64_t, GoError> write(Value b) const {
    mu().lock();
    if (done()) {
      Value err = writeCloseError();
      mu().unlock();
      return {0, {err}};
    }
    mu().unlock();
    wrMu().lock_with_reason(rt::WaitReason::SyncMutexLock);
    mu().lock();
    values::SliceObject* src = values::asSlice(b);
    buf() = src;
    off() = 0;
    len() = src ? src->len() : 0;
    Value err{};
    // As Go's loop: at least one hand-off, even of no bytes.
    for (bool once = true; once || len() > 0; once = false) {
      if (done()) {
        err = writeCloseError();
        break;
      }
      pending() = 1;
      changed();
      mu().unlock();
      wake();
      mu().lock();
      while (pending() && !done()) wait();
      if (pending()) {  // closed before a reader took it
        pending() = 0;
        err = writeCloseError();
        break;
      }
    }
    int64_t n = off();
    buf() = nullptr;
    off() = len() = 0;
    mu().unlock();
    wrMu().unlock();
    return {n, {err}};
  }
};

// *PipeReader and *PipeWriter: {p *pipe}. A nil receiver panics.
struct ReaderPtr {
  StructObject* obj = nullptr;
  Pipe pipe() const { return {static_cast<StructObject*>(obj->fields[0].p)}; }
};
struct WriterPtr {
  StructObject* obj = nullptr;
  Pipe pipe() const { return {static_cast<StructObject*>(obj->fields[0].p)}; }
};

// An error argument, borrowed.
struct ErrArg {
  Value v{};
};

const check::Named* pipeReaderType();
const check::Named* pipeWriterType();

}  // namespace

template <>
struct GoType<ErrArg> {
  static const check::Type* type() { return check::errorType(); }
  static ErrArg arg(const AnyValue& a) { return {a.value}; }
};

template <>
struct GoType<ReaderPtr> {
  static const check::Type* type() { return check::pointerTo(pipeReaderType()); }
  static ReaderPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(ReaderPtr r) { return Value{.p = r.obj}; }
};
template <>
struct GoType<WriterPtr> {
  static const check::Type* type() { return check::pointerTo(pipeWriterType()); }
  static WriterPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(WriterPtr w) { return Value{.p = w.obj}; }
};

namespace {

std::tuple<int64_t, GoError> readerRead(ReaderPtr r, Bytes p) {
  return r.pipe().read(p.slice);
}
GoError readerClose(ReaderPtr r) {
  r.pipe().close(kRerr, io::errClosedPipe());
  return {};
}
// A nil err closes with ErrClosedPipe, as Close does.
GoError readerCloseWithError(ReaderPtr r, ErrArg err) {
  r.pipe().close(kRerr, err.v.p ? err.v : io::errClosedPipe());
  return {};
}

std::tuple<int64_t, GoError> writerWrite(WriterPtr w, Bytes b) {
  return w.pipe().write(b.slice);
}
GoError writerClose(WriterPtr w) {
  w.pipe().close(kWerr, io::eof());
  return {};
}
// A nil err closes with io.EOF, as Close does.
GoError writerCloseWithError(WriterPtr w, ErrArg err) {
  w.pipe().close(kWerr, err.v.p ? err.v : io::eof());
  return {};
}

check::Named* endType(const char* name) {
  auto* st = new check::Struct;
  st->fields = {{"p", check::pointerTo(pipeType()), false, ""}};
  return nativeNamed("io", name, st);
}

const check::Named* pipeReaderType() {
  static check::Named* t = [] {
    check::Named* n = endType("PipeReader");
    bindMethod<&readerClose>(n, "Close");
    bindMethod<&readerCloseWithError>(n, "CloseWithError");
    bindMethod<&readerRead>(n, "Read");
    return n;
  }();
  return t;
}

const check::Named* pipeWriterType() {
  static check::Named* t = [] {
    check::Named* n = endType("PipeWriter");
    bindMethod<&writerClose>(n, "Close");
    bindMethod<&writerCloseWithError>(n, "CloseWithError");
    bindMethod<&writerWrite>(n, "Write");
    return n;
  }();
  return t;
}

StructObject* newStruct(const check::Named* n) {
  return StructObject::make(static_cast<const check::Struct*>(n->underlying));
}

// Both ends hold a reference to the pipe.
std::tuple<ReaderPtr, WriterPtr> newPipe() {
  StructObject* p = newStruct(pipeType());
  StructObject* r = newStruct(pipeReaderType());
  StructObject* w = newStruct(pipeWriterType());
  r->fields[0] = Value{.p = p};
  w->fields[0] = retained(Value{.p = p});
  return {{r}, {w}};
}

}  // namespace

void io::registerPipeMembers(Packages& p, check::Package& pkg) {
  p.addType(pkg, "PipeReader", pipeReaderType());
  p.addType(pkg, "PipeWriter", pipeWriterType());
  bind<&newPipe>(p, pkg, "Pipe");
}

}  // namespace gol::stdlib
