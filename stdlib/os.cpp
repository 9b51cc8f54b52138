// os: the process (Args, Exit, Getpid, Hostname), its environment (Getenv, Setenv,
// ExpandEnv, ...), its working directory and the file-system operations that are not about
// an open File (Mkdir, Remove, Rename, temporary files and directories); io/ioutil's old
// names. The File type and the functions that open files are in os_file.cpp.
//
// os.Args is written once by the driver before the program starts, then only read. The
// environment is the process's (setenv/getenv), as Go's os reads and writes it.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/fs.h"
#include "stdlib/os.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

extern char** environ;

namespace gol::stdlib {

namespace os {
void registerFileMembers(Packages& p, check::Package& pkg);
void registerIoutilFiles(Packages& p, check::Package& pkg);
}  // namespace os

namespace {

using values::AnyValue;
using values::Value;

values::Value argsCell{};

void exit(int64_t code) {
  throw values::ExitRequest{static_cast<int>(code)};
}

std::string getenv(std::string_view key) {
  const char* v = std::getenv(std::string(key).c_str());
  return v ? v : "";
}

std::tuple<std::string, bool> lookupEnv(std::string_view key) {
  const char* v = std::getenv(std::string(key).c_str());
  return {v ? v : "", v != nullptr};
}

GoError setenv(std::string_view key, std::string_view value) {
  if (key.empty() || key.find('=') != std::string_view::npos || key.find('\0') != key.npos ||
      value.find('\0') != value.npos) {
    return {fs::errnoError(EINVAL)};
  }
  std::string k(key);
  std::string v(value);
  if (::setenv(k.c_str(), v.c_str(), 1) != 0) return {fs::errnoError(errno)};
  return {};
}

GoError unsetenv(std::string_view key) {
  ::unsetenv(std::string(key).c_str());
  return {};
}

void clearenv() {
  ::clearenv();
}

std::vector<std::string> environ_() {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) out.emplace_back(*e);
  return out;
}

bool isShellSpecial(char c) {
  return c == '*' || c == '#' || c == '$' || c == '@' || c == '!' || c == '?' || c == '-' ||
         (c >= '0' && c <= '9');
}

bool isAlphaNum(char c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The variable name after a '$' in s and how many bytes it takes: Go's shell-name rules
// (${name}, $name, one special character; "" with a width for bad syntax to drop).
std::pair<std::string_view, size_t> shellName(std::string_view s) {
  if (s[0] == '{') {
    if (s.size() > 2 && isShellSpecial(s[1]) && s[2] == '}') return {s.substr(1, 1), 3};
    for (size_t i = 1; i < s.size(); ++i) {
      if (s[i] == '}') {
        if (i == 1) return {"", 2};
        return {s.substr(1, i - 1), i + 1};
      }
    }
    return {"", 1};
  }
  if (isShellSpecial(s[0])) return {s.substr(0, 1), 1};
  size_t i = 0;
  while (i < s.size() && isAlphaNum(s[i])) ++i;
  return {s.substr(0, i), i};
}

// os.Expand with `lookup` as the mapping.
template <class Lookup>
std::string expand(std::string_view s, Lookup lookup) {
  std::string out;
  size_t copied = 0;
  bool changed = false;
  for (size_t j = 0; j < s.size(); ++j) {
    if (s[j] != '$' || j + 1 >= s.size()) continue;
    changed = true;
    out.append(s.substr(copied, j - copied));
    auto [name, width] = shellName(s.substr(j + 1));
    if (name.empty() && width == 0) {
      out += '$';
    } else if (!name.empty()) {
      out += lookup(name);
    }
    j += width;
    copied = j + 1;
  }
  if (!changed) return std::string(s);
  if (copied < s.size()) out.append(s.substr(copied));
  return out;
}

std::string expandEnv(std::string_view s) {
  return expand(s, [](std::string_view name) { return getenv(name); });
}

// os.Expand(s, mapping func(string) string).
void expandNative(std::span<const AnyValue> args, Value* results) {
  if (!args[1].value.p) nilPanic();
  std::string out = expand(values::stringView(args[0].value), [&](std::string_view name) {
    Value arg = stringResult(name);
    Value r[1]{};
    fmt::funcCaller(args[1].value, std::span<const Value>(&arg, 1), r);
    std::string v(values::stringView(r[0]));
    values::releaseRef(r[0]);
    return v;
  });
  results[0] = stringResult(out);
}

std::tuple<std::string, GoError> hostname() {
  char buf[256];
  if (::gethostname(buf, sizeof buf) != 0) return {"", {fs::errnoError(errno)}};
  buf[sizeof buf - 1] = '\0';
  return {buf, {}};
}

int64_t getpid() {
  return ::getpid();
}
int64_t getppid() {
  return ::getppid();
}
int64_t getuid() {
  return ::getuid();
}
int64_t geteuid() {
  return ::geteuid();
}
int64_t getgid() {
  return ::getgid();
}

std::tuple<std::string, GoError> userHomeDir() {
  const char* home = std::getenv("HOME");
  if (!home || !*home) return {"", {errors::newError("$HOME is not defined")}};
  return {home, {}};
}

std::tuple<std::string, GoError> executable() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n < 0) return {"", {fs::pathErrno("readlink", "/proc/self/exe", errno)}};
  return {std::string(buf, static_cast<size_t>(n)), {}};
}

std::tuple<std::string, GoError> getwd() {
  char buf[4096];
  if (!::getcwd(buf, sizeof buf)) return {"", {fs::pathErrno("getwd", ".", errno)}};
  return {buf, {}};
}

GoError chdir(std::string_view dir) {
  if (::chdir(std::string(dir).c_str()) != 0) return {fs::pathErrno("chdir", dir, errno)};
  return {};
}

mode_t unixMode(fs::FileMode m) {
  mode_t mode = m.bits & fs::kModePerm;
  if (m.bits & fs::kModeSetuid) mode |= S_ISUID;
  if (m.bits & fs::kModeSetgid) mode |= S_ISGID;
  if (m.bits & fs::kModeSticky) mode |= S_ISVTX;
  return mode;
}

GoError mkdir(std::string_view name, fs::FileMode perm) {
  if (::mkdir(std::string(name).c_str(), unixMode(perm)) != 0) {
    return {fs::pathErrno("mkdir", name, errno)};
  }
  return {};
}

bool isDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

GoError mkdirAll(std::string_view path, fs::FileMode perm) {
  std::string p(path);
  struct stat st;
  if (::stat(p.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return {};
    return {fs::pathErrno("mkdir", path, ENOTDIR)};
  }
  size_t i = p.size();
  while (i > 0 && p[i - 1] == '/') --i;
  size_t j = i;
  while (j > 0 && p[j - 1] != '/') --j;
  if (j > 1) {
    GoError parent = mkdirAll(std::string_view(p).substr(0, j - 1), perm);
    if (parent.value.p) return parent;
  }
  GoError err = mkdir(path, perm);
  if (err.value.p) {
    if (::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      values::releaseRef(err.value);
      return {};
    }
    return err;
  }
  return {};
}

GoError remove(std::string_view name) {
  std::string p(name);
  if (::unlink(p.c_str()) == 0) return {};
  int unlinkErr = errno;
  if (::rmdir(p.c_str()) == 0) return {};
  int err = errno != ENOTDIR ? errno : unlinkErr;
  return {fs::pathErrno("remove", name, err)};
}

// Removes path and what it holds; the errno of the first failure, 0 if none.
int removeTree(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return errno == ENOENT ? 0 : errno;
  if (S_ISDIR(st.st_mode)) {
    if (DIR* d = ::opendir(path.c_str())) {
      std::vector<std::string> names;
      while (struct dirent* e = ::readdir(d)) {
        std::string n = e->d_name;
        if (n != "." && n != "..") names.push_back(n);
      }
      ::closedir(d);
      for (const std::string& n : names) {
        if (int e = removeTree(path + "/" + n)) return e;
      }
    }
    if (::rmdir(path.c_str()) != 0 && errno != ENOENT) return errno;
    return 0;
  }
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return errno;
  return 0;
}

GoError removeAll(std::string_view path) {
  if (path.empty()) return {};
  if (path == "." || (path.size() >= 2 && path.substr(path.size() - 2) == "/.")) {
    return {fs::pathErrno("RemoveAll", path, EINVAL)};
  }
  if (int e = removeTree(std::string(path))) return {fs::pathErrno("unlinkat", path, e)};
  return {};
}

GoError rename(std::string_view oldPath, std::string_view newPath) {
  std::string from(oldPath);
  std::string to(newPath);
  struct stat fromSt;
  struct stat toSt;
  if (::lstat(to.c_str(), &toSt) == 0 && S_ISDIR(toSt.st_mode)) {
    if (::lstat(from.c_str(), &fromSt) != 0 || fromSt.st_ino != toSt.st_ino ||
        fromSt.st_dev != toSt.st_dev) {
      return {fs::linkError("rename", oldPath, newPath, EEXIST)};
    }
  }
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return {fs::linkError("rename", oldPath, newPath, errno)};
  }
  return {};
}

GoError chmod(std::string_view name, fs::FileMode mode) {
  if (::chmod(std::string(name).c_str(), unixMode(mode)) != 0) {
    return {fs::pathErrno("chmod", name, errno)};
  }
  return {};
}

GoError truncate(std::string_view name, Int64 size) {
  if (::truncate(std::string(name).c_str(), size.v) != 0) {
    return {fs::pathErrno("truncate", name, errno)};
  }
  return {};
}

GoError symlink(std::string_view oldname, std::string_view newname) {
  if (::symlink(std::string(oldname).c_str(), std::string(newname).c_str()) != 0) {
    return {fs::linkError("symlink", oldname, newname, errno)};
  }
  return {};
}

std::tuple<std::string, GoError> readlink(std::string_view name) {
  char buf[4096];
  ssize_t n = ::readlink(std::string(name).c_str(), buf, sizeof buf);
  if (n < 0) return {"", {fs::pathErrno("readlink", name, errno)}};
  return {std::string(buf, static_cast<size_t>(n)), {}};
}

// Go's underlyingErrorIs: err, or the error a *PathError or *LinkError wraps, is target or
// a syscall.Errno that stands for it.
bool underlyingIs(GoError err, Value target, std::initializer_list<int> errnos) {
  Value inner{};
  int n = fs::underlyingErrno(err.value, &inner);
  if (n) {
    for (int e : errnos) {
      if (n == e) return true;
    }
    return false;
  }
  values::IfaceObject* a = values::asIface(inner);
  values::IfaceObject* b = values::asIface(target);
  return a && b && a->type == b->type && a->value.p == b->value.p;
}

}  // namespace

namespace {

struct ErrArg {
  Value v{};
};

}  // namespace

template <>
struct GoType<ErrArg> {
  static const check::Type* type() { return check::errorType(); }
  static ErrArg arg(const AnyValue& a) { return {a.value}; }
};

namespace {

bool isNotExist(ErrArg err) {
  return underlyingIs({err.v}, fs::errNotExist(), {ENOENT});
}
bool isExist(ErrArg err) {
  return underlyingIs({err.v}, fs::errExist(), {EEXIST, ENOTEMPTY});
}
bool isPermission(ErrArg err) {
  return underlyingIs({err.v}, fs::errPermission(), {EACCES, EPERM});
}

}  // namespace

void setArgs(const std::vector<std::string>& args) {
  values::releaseRef(argsCell);
  auto n = static_cast<int64_t>(args.size());
  values::SliceObject* s = values::makeSlice(n, n, true);
  for (int64_t i = 0; i < n; ++i) {
    s->base()[i] = values::stringValue(values::StringObject::make(args[static_cast<size_t>(i)]));
  }
  argsCell.p = s;
}

void registerOs(Packages& p) {
  check::Package& pkg = p.package("os", "os");
  const check::Type* str = check::basicType(check::BasicKind::String);
  p.addVariable(pkg, "Args", check::sliceOf(str), &argsCell);
  registerProcessTypes(p, pkg);
  registerSignalTypes(p, pkg);
  bind<&exit>(p, pkg, "Exit");
  bind<&getenv>(p, pkg, "Getenv");
  bind<&lookupEnv>(p, pkg, "LookupEnv");
  bind<&setenv>(p, pkg, "Setenv");
  bind<&unsetenv>(p, pkg, "Unsetenv");
  bind<&clearenv>(p, pkg, "Clearenv");
  bind<&environ_>(p, pkg, "Environ");
  bind<&expandEnv>(p, pkg, "ExpandEnv");
  const check::Signature* mapping = nativeSignature({str}, {str});
  p.addFunction(pkg, "Expand", nativeSignature({str, mapping}, {str}), &expandNative);
  bind<&hostname>(p, pkg, "Hostname");
  bind<&getpid>(p, pkg, "Getpid");
  bind<&getppid>(p, pkg, "Getppid");
  bind<&getuid>(p, pkg, "Getuid");
  bind<&geteuid>(p, pkg, "Geteuid");
  bind<&getgid>(p, pkg, "Getgid");
  bind<&userHomeDir>(p, pkg, "UserHomeDir");
  bind<&executable>(p, pkg, "Executable");
  bind<&getwd>(p, pkg, "Getwd");
  bind<&chdir>(p, pkg, "Chdir");
  bind<&mkdir>(p, pkg, "Mkdir");
  bind<&mkdirAll>(p, pkg, "MkdirAll");
  bind<&remove>(p, pkg, "Remove");
  bind<&removeAll>(p, pkg, "RemoveAll");
  bind<&rename>(p, pkg, "Rename");
  bind<&chmod>(p, pkg, "Chmod");
  bind<&truncate>(p, pkg, "Truncate");
  bind<&symlink>(p, pkg, "Symlink");
  bind<&readlink>(p, pkg, "Readlink");
  bind<&isNotExist>(p, pkg, "IsNotExist");
  bind<&isExist>(p, pkg, "IsExist");
  bind<&isPermission>(p, pkg, "IsPermission");
  p.addConstant(pkg, "DevNull", str, check::ConstValue::ofString("/dev/null"));
  const check::Type* untypedRune = check::basicType(check::BasicKind::UntypedRune);
  p.addConstant(pkg, "PathSeparator", untypedRune, check::ConstValue::ofInt64('/'));
  p.addConstant(pkg, "PathListSeparator", untypedRune, check::ConstValue::ofInt64(':'));
  // os re-exports io/fs's types, Err values and mode bits under its own name.
  fs::registerMembers(p, pkg);
  p.addType(pkg, "LinkError", fs::linkErrorType());
  os::registerFileMembers(p, pkg);
}

void registerIoutil(Packages& p) {
  check::Package& pkg = p.package("io/ioutil", "ioutil");
  os::registerIoutilFiles(p, pkg);
  io::registerIoutilMembers(p, pkg);
}

}  // namespace gol::stdlib
