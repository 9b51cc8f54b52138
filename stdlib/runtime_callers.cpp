// Package runtime's view of the stack: Caller, Callers, CallersFrames (Frames, Frame),
// FuncForPC (Func) and Stack, over the evaluator's call records (callers.h).
//
// A program counter is a made-up address that names one (function, line) pair: Gol has no
// machine code, but Go programs pass pcs around (Callers fills a []uintptr,
// FuncForPC takes one back), so each distinct pair seen gets the next pc of a table that
// lives as long as the process. pcTable's mutex guards it; entries are never removed, so a
// pc stays valid for any goroutine and any later call. The goroutine's bottom frames that
// Go's runtime adds (runtime.main under main.main, runtime.goexit under every goroutine)
// are listed as Go 1.19 lists them, with its files and lines.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "stdlib/bind.h"
#include "stdlib/bytes_support.h"
#include "stdlib/callers.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

std::vector<CallerFrame> (*callerFrames)(bool* isMainGoroutine) = nullptr;
std::string (*goroutineStack)() = nullptr;
std::string (*programFile)() = nullptr;

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

// Where Go 1.19's runtime frames are (runtime.Callers lists itself at its call of callers).
constexpr const char* kRuntimeFile = "$GOROOT/src/runtime/extern.go";
constexpr const char* kProcFile = "$GOROOT/src/runtime/proc.go";
constexpr const char* kAsmFile = "$GOROOT/src/runtime/asm_amd64.s";

struct PcEntry {
  std::string function;
  std::string file;  // empty: the program's file
  int line = 0;      // 0: the function's entry
};

// pc = kTextStart + kPcStride * index: non-zero, distinct, and shaped like a text address.
constexpr uint64_t kTextStart = 0x401000;
constexpr uint64_t kPcStride = 16;

class PcTable {
 public:
  uint64_t pcOf(const PcEntry& e) {
    std::string key = e.function + '\n' + e.file + '\n' + std::to_string(e.line);
    std::lock_guard lock(mu_);
    auto [it, added] = index_.try_emplace(key, entries_.size());
    if (added) entries_.push_back(e);
    return kTextStart + kPcStride * it->second;
  }
  bool find(uint64_t pc, PcEntry* out) {
    if (pc < kTextStart) return false;
    uint64_t i = (pc - kTextStart) / kPcStride;
    std::lock_guard lock(mu_);
    if (i >= entries_.size()) return false;
    *out = entries_[i];
    return true;
  }

 private:
  std::mutex mu_;
  std::deque<PcEntry> entries_;
  std::unordered_map<std::string, uint64_t> index_;
};

PcTable& pcTable() {
  static PcTable& t = *new PcTable;  // pcs stay valid to the end of the process
  return t;
}

std::string fileOf(const PcEntry& e) {
  if (!e.file.empty()) return e.file;
  return programFile ? programFile() : "";
}

// The calling goroutine's frames as Go's unwinder sees them from the native's caller,
// with the runtime's bottom frames.
std::vector<PcEntry> stackFrames() {
  std::vector<PcEntry> out;
  if (!callerFrames) return out;
  bool isMain = false;
  for (CallerFrame& f : callerFrames(&isMain)) {
    out.push_back({std::move(f.function), std::move(f.file), f.line});
  }
  if (isMain) out.push_back({"runtime.main", kProcFile, 250});
  out.push_back({"runtime.goexit", kAsmFile, 1594});
  return out;
}

// ---- Func ------------------------------------------------------------------------------

const check::Named* funcType();

struct FuncPtr {
  StructObject* obj = nullptr;
};

// A []uintptr argument (borrowed).
struct Pcs {
  values::SliceObject* slice = nullptr;
};

// A *Func for the function of pc's entry; Func's one field is that function's entry pc.
Value newFunc(const PcEntry& e) {
  auto* f = StructObject::make(static_cast<const check::Struct*>(funcType()->underlying));
  f->fields[0] = Value{.u = pcTable().pcOf({e.function, e.file, 0})};
  return Value{.p = f};
}

PcEntry funcEntry(FuncPtr f) {
  PcEntry e;
  if (!f.obj) nilPanic();
  pcTable().find(f.obj->fields[0].u, &e);
  return e;
}

}  // namespace

template <>
struct GoType<Pcs> {
  static const check::Type* type() {
    return check::sliceOf(check::basicType(check::BasicKind::Uintptr));
  }
  static Pcs arg(const AnyValue& a) { return {values::asSlice(a.value)}; }
};

template <>
struct GoType<FuncPtr> {
  static const check::Type* type() { return check::pointerTo(funcType()); }
  static FuncPtr arg(const AnyValue& a) { return {static_cast<StructObject*>(a.value.p)}; }
  static Value result(FuncPtr f) { return Value{.p = f.obj}; }
};

namespace {

std::string funcName(FuncPtr f) {
  if (!f.obj) return "";  // Go's (*Func).Name allows a nil receiver
  return funcEntry(f).function;
}

Uintptr funcEntryPc(FuncPtr f) {
  if (!f.obj) nilPanic();
  return {f.obj->fields[0].u};
}

// The file and line of pc, which should belong to f.
std::tuple<std::string, int64_t> funcFileLine(FuncPtr f, Uintptr pc) {
  PcEntry fe = funcEntry(f);
  PcEntry e;
  if (!pcTable().find(pc.v, &e) || e.function != fe.function) return {fileOf(fe), fe.line};
  return {fileOf(e), e.line};
}

const check::Named* funcType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields.push_back({"entry", check::basicType(check::BasicKind::Uintptr), false, ""});
    check::Named* n = nativeNamed("runtime", "Func", st);
    bindMethod<&funcName>(n, "Name");
    bindMethod<&funcEntryPc>(n, "Entry");
    bindMethod<&funcFileLine>(n, "FileLine");
    return n;
  }();
  return t;
}

FuncPtr funcForPC(Uintptr pc) {
  PcEntry e;
  if (!pcTable().find(pc.v, &e)) return {};
  return {static_cast<StructObject*>(newFunc(e).p)};
}

// ---- Caller and Callers ----------------------------------------------------------------

std::tuple<Uintptr, std::string, int64_t, bool> caller(int64_t skip) {
  std::vector<PcEntry> frames = stackFrames();
  if (skip < 0 || static_cast<size_t>(skip) >= frames.size()) return {{0}, "", 0, false};
  const PcEntry& e = frames[static_cast<size_t>(skip)];
  return {{pcTable().pcOf(e)}, fileOf(e), e.line, true};
}

// Fills pc with the pcs of the calling goroutine's frames, runtime.Callers itself first
// (skip 0), and returns how many it wrote.
int64_t callers(int64_t skip, Pcs pcs) {
  std::vector<PcEntry> frames = stackFrames();
  frames.insert(frames.begin(), PcEntry{"runtime.Callers", kRuntimeFile, 247});
  values::SliceObject* out = pcs.slice;
  int64_t n = 0;
  if (skip < 0) skip = 0;
  for (size_t i = static_cast<size_t>(skip); out && i < frames.size() && n < out->len(); ++i) {
    out->base()[n++] = Value{.u = pcTable().pcOf(frames[i])};
  }
  return n;
}

// ---- Frames ----------------------------------------------------------------------------

enum FramesField { kFramesPcs, kFramesNext };

const check::Named* frameType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    const check::Type* uintptrT = check::basicType(check::BasicKind::Uintptr);
    const check::Type* stringT = check::basicType(check::BasicKind::String);
    st->fields = {{"PC", uintptrT, false, ""},
                  {"Func", check::pointerTo(funcType()), false, ""},
                  {"Function", stringT, false, ""},
                  {"File", stringT, false, ""},
                  {"Line", check::basicType(check::BasicKind::Int), false, ""},
                  {"Entry", uintptrT, false, ""}};
    return nativeNamed("runtime", "Frame", st);
  }();
  return t;
}

const check::Named* framesType();

struct FramesPtr {
  StructObject* obj = nullptr;
};

struct FrameValue {
  Value v;
};

}  // namespace

template <>
struct GoType<FramesPtr> {
  static const check::Type* type() { return check::pointerTo(framesType()); }
  static FramesPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(FramesPtr f) { return Value{.p = f.obj}; }
};

template <>
struct GoType<FrameValue> {
  static const check::Type* type() { return frameType(); }
  static Value result(FrameValue f) { return f.v; }
};

namespace {

// The next frame and whether more follow. A pc that is no frame's (not from Callers)
// gives a Frame with only PC set, as Go gives for a pc it cannot symbolise.
std::tuple<FrameValue, bool> framesNext(FramesPtr fs) {
  auto* frame = StructObject::make(static_cast<const check::Struct*>(frameType()->underlying));
  values::SliceObject* pcs = values::asSlice(fs.obj->fields[kFramesPcs]);
  int64_t next = fs.obj->fields[kFramesNext].i;
  int64_t len = pcs ? pcs->len() : 0;
  if (next >= len) return {{Value{.p = frame}}, false};
  uint64_t pc = pcs->base()[next].u;
  fs.obj->fields[kFramesNext].i = ++next;
  frame->fields[0] = Value{.u = pc};
  PcEntry e;
  if (pcTable().find(pc, &e)) {
    // Go gives runtime.Callers's own frame no Func (it is inlined there).
    if (e.function != "runtime.Callers") frame->fields[1] = newFunc(e);
    frame->fields[2] = stringResult(e.function);
    frame->fields[3] = stringResult(fileOf(e));
    frame->fields[4] = values::intValue(e.line);
    frame->fields[5] = Value{.u = pcTable().pcOf({e.function, e.file, 0})};
  }
  return {{Value{.p = frame}}, next < len};
}

const check::Named* framesType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"pcs", check::sliceOf(check::basicType(check::BasicKind::Uintptr)), false, ""},
                  {"next", check::basicType(check::BasicKind::Int), false, ""}};
    check::Named* n = nativeNamed("runtime", "Frames", st);
    bindMethod<&framesNext>(n, "Next");
    return n;
  }();
  return t;
}

// Keeps its own copy of the pcs, as Go's does (the caller may reuse the slice).
FramesPtr callersFrames(Pcs pcs) {
  auto* fs = StructObject::make(static_cast<const check::Struct*>(framesType()->underlying));
  values::SliceObject* in = pcs.slice;
  int64_t n = in ? in->len() : 0;
  values::SliceObject* copy = values::makeSlice(n, n, false);
  for (int64_t i = 0; i < n; ++i) copy->base()[i] = in->base()[i];
  fs->fields[kFramesPcs] = Value{.p = copy};
  return {fs};
}

// ---- Stack -----------------------------------------------------------------------------

// Writes the calling goroutine's trace into buf (as much as fits) and returns its length.
// Every goroutine's (all) would need the world stopped, which Gol's runtime cannot do yet.
int64_t stack(Bytes buf, bool all) {
  if (all) {
    values::GoPanic p;
    p.message = "runtime.Stack of all goroutines is not supported by Gol yet";
    throw p;
  }
  std::string trace = goroutineStack ? goroutineStack() : "";
  values::SliceObject* out = values::asSlice(buf.slice);
  int64_t n = std::min<int64_t>(out ? out->len() : 0, static_cast<int64_t>(trace.size()));
  if (n > 0) storeBytes(buf.slice, 0, std::string_view(trace).substr(0, static_cast<size_t>(n)));
  return n;
}

}  // namespace

void registerRuntimeCallers(Packages& p, check::Package& pkg) {
  p.addType(pkg, "Func", funcType());
  p.addType(pkg, "Frame", frameType());
  p.addType(pkg, "Frames", framesType());
  bind<&caller>(p, pkg, "Caller");
  bind<&callers>(p, pkg, "Callers");
  bind<&callersFrames>(p, pkg, "CallersFrames");
  bind<&funcForPC>(p, pkg, "FuncForPC");
  bind<&stack>(p, pkg, "Stack");
}

}  // namespace gol::stdlib
