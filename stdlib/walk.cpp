// path/filepath's functions that read the file system: Walk, WalkDir and Glob, with
// filepath.WalkFunc, fs.WalkDirFunc and the SkipDir/SkipAll values (one value each, shared
// by io/fs and path/filepath, as Go's filepath.SkipDir is fs.SkipDir).
//
// They follow Go's walk.go and match.go step by step: the order of calls (a directory's
// function before its entries, entries sorted by name), the second call that reports a
// directory that cannot be read, what SkipDir skips (the directory, or the rest of a file's
// directory), and lstat (symbolic links are not followed).
//
// The walk functions are Gol code and may panic: every value this file holds across such a
// call is owned by an RAII Held, so a panic unwinding through the walk leaks nothing.
#include <sys/stat.h>

#include <cerrno>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "interpreter/values/value.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/fs.h"
#include "stdlib/os.h"
#include "stdlib/packages.h"
#include "stdlib/path.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::Value;

// A reference this file owns until it goes out of scope.
struct Held {
  Value v{};
  Held() = default;
  explicit Held(Value x) : v(x) {}
  Held(const Held&) = delete;
  Held& operator=(const Held&) = delete;
  ~Held() { values::releaseRef(v); }
  Value take() {
    Value x = v;
    v = Value{};
    return x;
  }
};

const check::Type* stringT() {
  return check::basicType(check::BasicKind::String);
}

bool isError(Value err, Value target) {
  values::IfaceObject* x = values::asIface(err);
  values::IfaceObject* y = values::asIface(target);
  return x && y && x->type == y->type && x->value.p == y->value.p;
}

const check::Named* walkFuncType() {
  static check::Named* t = nativeNamed(
      "path/filepath", "WalkFunc",
      nativeSignature({stringT(), fs::fileInfoType(), check::errorType()}, {check::errorType()}));
  return t;
}

const check::Named* walkDirFuncType() {
  static check::Named* t = nativeNamed(
      "io/fs", "WalkDirFunc",
      nativeSignature({stringT(), fs::dirEntryType(), check::errorType()}, {check::errorType()}));
  return t;
}

// filepath.ErrBadPattern's cell (path.cpp's), set at registration.
Value* badPatternCell = nullptr;

// Glob's matches: nil when there are none, as Go's appends to a nil slice.
struct GlobMatches {
  std::vector<std::string> paths;
};

// A WalkFunc or WalkDirFunc argument (borrowed).
struct WalkFn {
  Value fn{};
};
struct WalkDirFn {
  Value fn{};
};

}  // namespace

template <>
struct GoType<WalkFn> {
  static const check::Type* type() { return walkFuncType(); }
  static WalkFn arg(const values::AnyValue& a) { return {a.value}; }
};
template <>
struct GoType<GlobMatches> {
  static const check::Type* type() { return check::sliceOf(stringT()); }
  static Value result(const GlobMatches& m) {
    if (m.paths.empty()) return Value{};
    return GoType<std::vector<std::string>>::result(m.paths);
  }
};
template <>
struct GoType<WalkDirFn> {
  static const check::Type* type() { return walkDirFuncType(); }
  static WalkDirFn arg(const values::AnyValue& a) { return {a.value}; }
};

namespace {

// Calls fn(path, entry, err); entry and err are handed over. Returns the error it returned
// (owned). A nil function panics as Go's call of a nil func value does.
Value callWalkFn(Value fn, std::string_view path, Value entry, Value err) {
  if (!fn.p) {
    values::releaseRef(entry);
    values::releaseRef(err);
    nilPanic();
  }
  Value args[3] = {stringResult(path), entry, err};
  Value result{};
  fmt::funcCaller(fn, std::span<const Value>(args, 3), &result);
  return result;
}

struct Lstat {
  bool ok = false;
  bool isDir = false;
  Value info{};  // a FileInfo (owned), or the *PathError (owned)
};

Lstat lstatPath(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return {false, false, fs::pathErrno("lstat", path, errno)};
  return {true, S_ISDIR(st.st_mode), fs::fileInfo(path, st)};
}

std::string joinPath(std::string_view dir, std::string_view name) {
  return path::join({dir, name});
}

// --- Walk ------------------------------------------------------------------------------

Value walk(const std::string& path, bool isDir, Value info, Value fn) {
  if (!isDir) return callWalkFn(fn, path, info, Value{});
  os::Listing listing = os::listDirectory(path);
  Value readErr = listing.err ? fs::pathErrno("open", path, listing.err) : Value{};
  bool unreadable = readErr.p != nullptr;
  Held result(callWalkFn(fn, path, info, readErr));
  if (unreadable || result.v.p) return result.take();
  for (const auto& [name, type] : listing.entries) {
    std::string file = joinPath(path, name);
    Lstat st = lstatPath(file);
    if (!st.ok) {
      Held err(callWalkFn(fn, file, Value{}, st.info));
      if (err.v.p && !isError(err.v, fs::skipDirCell())) return err.take();
      continue;
    }
    Held err(walk(file, st.isDir, st.info, fn));
    if (err.v.p && (!st.isDir || !isError(err.v, fs::skipDirCell()))) return err.take();
  }
  return Value{};
}

GoError walkRoot(std::string_view root, WalkFn fn) {
  std::string path(root);
  Lstat st = lstatPath(path);
  Held err(st.ok ? walk(path, st.isDir, st.info, fn.fn)
                 : callWalkFn(fn.fn, path, Value{}, st.info));
  if (isError(err.v, fs::skipDirCell()) || isError(err.v, fs::skipAllCell())) return {};
  return {err.take()};
}

// --- WalkDir ---------------------------------------------------------------------------

Value walkDir(const std::string& path, bool isDir, Value entry, Value fn) {
  Held self(entry);  // kept for the second call, which reports a read error
  values::retainRef(entry);
  {
    Held err(callWalkFn(fn, path, entry, Value{}));
    if (err.v.p || !isDir) {
      if (isDir && isError(err.v, fs::skipDirCell())) return Value{};
      return err.take();
    }
  }
  os::Listing listing = os::listDirectory(path);
  if (listing.err) {
    Held err(callWalkFn(fn, path, self.take(), fs::pathErrno("open", path, listing.err)));
    if (err.v.p) {
      if (isError(err.v, fs::skipDirCell())) return Value{};
      return err.take();
    }
  }
  for (const auto& [name, type] : listing.entries) {
    std::string file = joinPath(path, name);
    Value child = fs::dirEntry(path, name, type);
    Held err(walkDir(file, (type & fs::kModeDir) != 0, child, fn));
    if (err.v.p) {
      if (isError(err.v, fs::skipDirCell())) break;
      return err.take();
    }
  }
  return Value{};
}

GoError walkDirRoot(std::string_view root, WalkDirFn fn) {
  std::string path(root);
  struct stat st;
  Held err;
  if (::lstat(path.c_str(), &st) != 0) {
    err.v = callWalkFn(fn.fn, path, Value{}, fs::pathErrno("lstat", path, errno));
  } else {
    // The root's entry (Go's statDirEntry): its name is the root's base name, and Info
    // lstats the root again.
    std::string trimmed = path;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    std::string base = path::base(trimmed);
    std::string parent = trimmed == "/" ? "/" : path::dir(trimmed);
    uint32_t type = fs::modeFromStat(st.st_mode) & fs::kModeType;
    err.v = walkDir(path, S_ISDIR(st.st_mode), fs::dirEntry(parent, base, type), fn.fn);
  }
  if (isError(err.v, fs::skipDirCell()) || isError(err.v, fs::skipAllCell())) return {};
  return {err.take()};
}

// --- Glob ------------------------------------------------------------------------------

bool hasMeta(std::string_view p) {
  return p.find_first_of("*?[\\") != std::string_view::npos;
}

// Appends dir's entries that match pattern (sorted) to matches; false on a bad pattern.
bool globDir(const std::string& dir, std::string_view pattern, std::vector<std::string>* matches) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return true;
  os::Listing listing = os::listDirectory(dir);
  if (listing.err) return true;
  for (const auto& entry : listing.entries) {
    path::MatchResult m = path::match(pattern, entry.first);
    if (m.badPattern) return false;
    if (m.matched) matches->push_back(joinPath(dir, entry.first));
  }
  return true;
}

// Go's globWithLimit; false on a bad pattern.
bool glob(std::string_view pattern, int depth, std::vector<std::string>* matches) {
  // Go limits the recursion to the pattern's separators (10000 deep at most).
  if (depth > 10000) return false;
  if (path::match(pattern, "").badPattern) return false;
  if (!hasMeta(pattern)) {
    struct stat st;
    std::string p(pattern);
    if (::lstat(p.c_str(), &st) == 0) matches->push_back(p);
    return true;
  }
  path::SplitResult parts = path::split(pattern);
  std::string dir(parts.dir);
  if (dir.empty()) {
    dir = ".";
  } else if (dir != "/") {
    dir.pop_back();  // the trailing separator
  }
  if (!hasMeta(dir)) return globDir(dir, parts.file, matches);
  if (dir == pattern) return false;
  std::vector<std::string> dirs;
  if (!glob(dir, depth + 1, &dirs)) return false;
  for (const std::string& d : dirs) {
    if (!globDir(d, parts.file, matches)) return false;
  }
  return true;
}

std::tuple<GlobMatches, GoError> globRoot(std::string_view pattern) {
  GlobMatches matches;
  if (!glob(pattern, 0, &matches.paths)) {
    Value err = *badPatternCell;
    values::retainRef(err);
    return {{}, {err}};
  }
  return {std::move(matches), {}};
}

}  // namespace

void registerWalk(Packages& p, check::Package& filepath, values::Value* errBadPattern) {
  badPatternCell = errBadPattern;
  p.addType(filepath, "WalkFunc", walkFuncType());
  bind<&walkRoot>(p, filepath, "Walk");
  bind<&walkDirRoot>(p, filepath, "WalkDir");
  bind<&globRoot>(p, filepath, "Glob");
  p.addVariable(filepath, "SkipDir", check::errorType(), &fs::skipDirCell());
  p.addVariable(filepath, "SkipAll", check::errorType(), &fs::skipAllCell());
}

void registerWalkDirFunc(Packages& p, check::Package& fsPackage) {
  p.addType(fsPackage, "WalkDirFunc", walkDirFuncType());
  p.addVariable(fsPackage, "SkipDir", check::errorType(), &fs::skipDirCell());
  p.addVariable(fsPackage, "SkipAll", check::errorType(), &fs::skipAllCell());
}

}  // namespace gol::stdlib
