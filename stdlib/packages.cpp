#include "stdlib/packages.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "interpreter/values/value.h"

namespace gol::stdlib {

namespace {

// The process's standard output, shared by every goroutine. `mu` guards every field.
// When stdout is a terminal each write goes out at once, as in Go; otherwise writes are
// buffered and a flusher thread writes them out every few milliseconds, so a pipe still
// sees a long-running program's output as it goes. Once the program has ended (closed),
// writes from goroutines still winding down are dropped, as Go's process would be gone.
struct Output {
  std::mutex mu;
  std::string buffer;
  bool terminal = isatty(1) == 1;
  bool flusherStarted = false;
  bool closed = false;
  OutputSink sink = nullptr;  // the REPL's line editor, while it edits a line
  void* sinkContext = nullptr;
};

Output& output() {
  static Output* out = new Output;  // never destroyed: goroutines may write at exit
  return *out;
}

void writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void flushLocked(Output& out) {
  writeAll(1, out.buffer);
  out.buffer.clear();
}

void startFlusher() {
  std::thread([] {
    Output& out = output();
    for (;;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      std::lock_guard lock(out.mu);
      if (!out.buffer.empty()) flushLocked(out);
    }
  }).detach();
}

}  // namespace

void writeStdout(std::string_view bytes) {
  Output& out = output();
  std::lock_guard lock(out.mu);
  if (out.closed) return;
  if (out.sink) {
    out.sink(1, bytes, out.sinkContext);
    return;
  }
  if (out.terminal) {
    writeAll(1, bytes);
    return;
  }
  out.buffer.append(bytes);
  if (out.buffer.size() >= (64u << 10)) flushLocked(out);
  if (!out.flusherStarted) {
    out.flusherStarted = true;
    startFlusher();
  }
}

void flushStdout() {
  Output& out = output();
  std::lock_guard lock(out.mu);
  flushLocked(out);
}

void writeStderr(std::string_view bytes) {
  Output& out = output();
  std::lock_guard lock(out.mu);
  if (out.closed) return;
  flushLocked(out);
  if (out.sink) {
    out.sink(2, bytes, out.sinkContext);
    return;
  }
  writeAll(2, bytes);
}

void setOutputSink(OutputSink sink, void* context) {
  Output& out = output();
  std::lock_guard lock(out.mu);
  flushLocked(out);
  out.sink = sink;
  out.sinkContext = context;
}

void closeOutput() {
  Output& out = output();
  std::lock_guard lock(out.mu);
  flushLocked(out);
  out.closed = true;
}

namespace {

using Registration = void (*)(Packages&);

// Every standard package and the registrations that fill it, run in order when it is first
// imported. A registration that adds the methods of a type another package hands out runs
// before that package's own: context's Deadline returns a time.Time, whose methods
// registerTime adds.
struct StdPackage {
  const char* path;
  const char* name;
  Registration registrations[4];  // unused slots are null
};

constexpr StdPackage kStdPackages[] = {
    {"context", "context", {registerTime, registerContext}},
    {"encoding/binary", "binary", {registerBinary}},
    {"errors", "errors", {registerErrors}},
    {"flag", "flag", {registerTime, registerFlag}},
    {"fmt", "fmt", {registerFmt}},
    {"bufio", "bufio", {registerIo, registerBufio}},
    {"bytes", "bytes", {registerIo, registerBytes}},
    {"io", "io", {registerIo}},
    {"io/fs", "fs", {registerTime, registerFs}},
    {"io/ioutil", "ioutil", {registerTime, registerIo, registerIoutil}},
    {"log", "log", {registerTime, registerIo, registerOs, registerLog}},
    {"math", "math", {registerMath}},
    {"math/rand", "rand", {registerRand}},
    {"net/http", "http", {registerHttp}},
    {"net/url", "url", {registerUrl}},
    {"os", "os", {registerTime, registerIo, registerOs}},
    {"os/exec", "exec", {registerTime, registerIo, registerOs, registerExec}},
    {"os/signal", "signal", {registerTime, registerIo, registerOs, registerSignal}},
    {"path", "path", {registerPath}},
    {"path/filepath", "filepath", {registerTime, registerFilepath}},
    {"reflect", "reflect", {registerReflect}},
    {"regexp", "regexp", {registerRegexp}},
    {"runtime", "runtime", {registerRuntime}},
    {"runtime/debug", "debug", {registerRuntimeDebug}},
    {"sort", "sort", {registerSort}},
    {"strconv", "strconv", {registerStrconv}},
    {"strings", "strings", {registerIo, registerStrings, registerBuilder}},
    {"sync", "sync", {registerSync}},
    {"sync/atomic", "atomic", {registerAtomic}},
    {"syscall", "syscall", {registerSyscall}},
    {"time", "time", {registerTime}},
    {"unicode", "unicode", {registerUnicode}},
    {"unicode/utf8", "utf8", {registerUtf8}},
};

}  // namespace

std::vector<std::string> standardPackageNames() {
  std::vector<std::string> names;
  for (const StdPackage& p : kStdPackages) names.emplace_back(p.name);
  for (const std::string& path : golPackagePaths())
    names.push_back(path.substr(path.rfind('/') + 1));
  return names;
}

namespace {}  // namespace

void Packages::addType(check::Package& pkg, const std::string& name, const check::Type* type) {
  check::Object obj{check::Object::Kind::TypeName, name};
  obj.type = type;
  obj.package = &pkg;
  pkg.members.insert_or_assign(name, obj);
}

check::Package& Packages::package(const std::string& path, const std::string& name) {
  check::Package& pkg = packages_[path];
  pkg.path = path;
  pkg.name = name;
  return pkg;
}

void Packages::addFunction(check::Package& pkg, const std::string& name,
                           const check::Signature* sig, values::NativeFunction fn) {
  check::Object obj{check::Object::Kind::Func, name};
  obj.type = sig;
  obj.package = &pkg;
  pkg.members.insert_or_assign(name, obj);
  natives_[{pkg.path, name}] = fn;
}

void Packages::addConstant(check::Package& pkg, const std::string& name, const check::Type* type,
                           check::ConstValue value) {
  check::Object obj{check::Object::Kind::Const, name};
  obj.type = type;
  obj.package = &pkg;
  obj.value = std::move(value);
  pkg.members.insert_or_assign(name, obj);
}

void Packages::addVariable(check::Package& pkg, const std::string& name, const check::Type* type,
                           values::Value* cell) {
  check::Object obj{check::Object::Kind::Var, name};
  obj.type = type;
  obj.package = &pkg;
  obj.isGlobal = true;
  obj.nativeCell = cell;
  pkg.members.insert_or_assign(name, obj);
  variables_.push_back({cell, type});
}

void Packages::importAll() {
  for (const StdPackage& entry : kStdPackages) (void)import(entry.path);
}

void Packages::saveVariables() {
  for (SavedValue& s : saved_) {
    if (s.ref) values::releaseRef(s.value);
  }
  saved_.clear();
  for (const VariableCell& v : variables_) {
    // Aggregates would need a deep copy; no package has a struct or array variable.
    values::Storage storage = values::storageOf(v.type);
    if (storage == values::Storage::Aggregate) continue;
    bool ref = storage == values::Storage::Ref;
    if (ref) values::retainRef(*v.cell);
    saved_.push_back({v.cell, *v.cell, ref});
  }
}

void Packages::restoreVariables() {
  for (const SavedValue& s : saved_) {
    if (s.cell->u == s.value.u) continue;
    if (!s.ref) {
      *s.cell = s.value;
      continue;
    }
    values::retainRef(s.value);
    values::storeRef(s.cell, s.value);
  }
}

const check::Signature* Packages::signature(std::initializer_list<const check::Type*> params,
                                            std::initializer_list<const check::Type*> results,
                                            bool variadic) {
  check::Signature& s = signatures_.emplace_back();
  s.params.assign(params);
  s.results.assign(results);
  s.variadic = variadic;
  return &s;
}

const check::Package* Packages::import(const std::string& path) {
  for (const StdPackage& entry : kStdPackages) {
    if (entry.path != path) continue;
    for (Registration r : entry.registrations) {
      if (r && registered_.insert(r).second) r(*this);
    }
    return &packages_.at(path);
  }
  return nullptr;
}

const check::Package* Packages::importByName(const std::string& name) {
  for (const StdPackage& entry : kStdPackages) {
    if (entry.name == name) return import(entry.path);
  }
  return nullptr;
}

values::NativeFunction Packages::find(const std::string& path, const std::string& name) const {
  auto it = natives_.find({path, name});
  return it == natives_.end() ? nullptr : it->second;
}

bool Packages::runsNoGolCode(values::NativeFunction fn) const {
  return noGolCodeNatives_.count(fn) != 0;
}

void Packages::declareRunsNoGolCode(values::NativeFunction fn) {
  noGolCodeNatives_.insert(fn);
}

values::NativeFastPath Packages::fastPath(values::NativeFunction fn) const {
  auto it = fastPaths_.find(fn);
  return it == fastPaths_.end() ? nullptr : it->second;
}

void Packages::declareFastPath(values::NativeFunction fn, values::NativeFastPath fast) {
  fastPaths_[fn] = fast;
}

values::NativeIntrinsic Packages::intrinsic(values::NativeFunction fn) const {
  auto it = intrinsics_.find(fn);
  return it == intrinsics_.end() ? values::NativeIntrinsic::None : it->second;
}

void Packages::declareIntrinsic(values::NativeFunction fn, values::NativeIntrinsic what) {
  intrinsics_[fn] = what;
}

}  // namespace gol::stdlib
