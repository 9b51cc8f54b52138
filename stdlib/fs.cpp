// io/fs: FileMode, FileInfo, DirEntry, PathError and the Err values; syscall.Errno; os's
// concrete FileInfo (*fileStat), DirEntry (unixDirent) and *LinkError.
//
// The named types are made on first use and live as long as the process; their methods
// are bound when made, so a type is complete wherever it is first reached (os, io/fs,
// io/ioutil, path/filepath). The Err values are made once and never freed.
#include "stdlib/fs.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/time.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

const check::Type* stringT() {
  return check::basicType(check::BasicKind::String);
}

// A *T receiver of the struct types below: the struct's object.
struct StructPtr {
  values::StructObject* obj = nullptr;
};

struct Errno {
  uint64_t n = 0;
};

values::StructObject* newStruct(const check::Named* n) {
  return values::StructObject::make(static_cast<const check::Struct*>(n->underlying));
}

using errors::errorText;

Value& errCell(const char* text) {
  auto* cell = new Value(errors::newError(text));
  return *cell;
}

Value& invalidCell() {
  static Value& v = errCell("invalid argument");
  return v;
}
Value& permissionCell() {
  static Value& v = errCell("permission denied");
  return v;
}
Value& existCell() {
  static Value& v = errCell("file already exists");
  return v;
}
Value& notExistCell() {
  static Value& v = errCell("file does not exist");
  return v;
}
Value& closedCell() {
  static Value& v = errCell("file already closed");
  return v;
}

bool sameError(Value a, Value b) {
  values::IfaceObject* x = values::asIface(a);
  values::IfaceObject* y = values::asIface(b);
  return x && y && x->type == y->type && x->value.p == y->value.p;
}

}  // namespace

template <>
struct GoType<StructPtr> {
  static StructPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<values::StructObject*>(a.value.p)};
  }
};

template <>
struct GoType<Errno> {
  static const check::Type* type() { return fs::errnoType(); }
  static Errno arg(const AnyValue& a) { return {a.value.u}; }
};

namespace {
// An error argument: an interface value, borrowed.
struct ErrorValue {
  Value v{};
};
}  // namespace

template <>
struct GoType<ErrorValue> {
  static const check::Type* type() { return check::errorType(); }
  static ErrorValue arg(const AnyValue& a) { return {a.value}; }
};

namespace fs {

namespace {

std::string fileModeString(FileMode m) {
  return modeString(m.bits);
}
bool fileModeIsDir(FileMode m) {
  return (m.bits & kModeDir) != 0;
}
bool fileModeIsRegular(FileMode m) {
  return (m.bits & kModeType) == 0;
}
FileMode fileModePerm(FileMode m) {
  return {m.bits & kModePerm};
}
FileMode fileModeType_(FileMode m) {
  return {m.bits & kModeType};
}

std::string errnoErrorText(Errno e) {
  return errnoText(static_cast<int>(e.n));
}

// Go's Errno.Is: the Err values an errno stands for.
bool errnoIs(Errno e, ErrorValue target) {
  auto n = static_cast<int>(e.n);
  if (sameError(target.v, permissionCell())) return n == EACCES || n == EPERM;
  if (sameError(target.v, existCell())) return n == EEXIST || n == ENOTEMPTY;
  if (sameError(target.v, notExistCell())) return n == ENOENT;
  return false;
}

bool errnoTimeout(Errno e) {
  return e.n == EAGAIN || e.n == ETIMEDOUT;
}
bool errnoTemporary(Errno e) {
  return e.n == EINTR || e.n == EMFILE || e.n == ENFILE || errnoTimeout(e);
}

std::string pathErrorError(StructPtr e) {
  return std::string(values::stringView(e.obj->fields[0])) + " " +
         std::string(values::stringView(e.obj->fields[1])) + ": " + errorText(e.obj->fields[2]);
}
GoError pathErrorUnwrap(StructPtr e) {
  values::retainRef(e.obj->fields[2]);
  return {e.obj->fields[2]};
}

std::string linkErrorError(StructPtr e) {
  return std::string(values::stringView(e.obj->fields[0])) + " " +
         std::string(values::stringView(e.obj->fields[1])) + " " +
         std::string(values::stringView(e.obj->fields[2])) + ": " + errorText(e.obj->fields[3]);
}
GoError linkErrorUnwrap(StructPtr e) {
  values::retainRef(e.obj->fields[3]);
  return {e.obj->fields[3]};
}

const check::Named* linkErrorNamed() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    st->fields = {{"Op", stringT(), false, ""},
                  {"Old", stringT(), false, ""},
                  {"New", stringT(), false, ""},
                  {"Err", check::errorType(), false, ""}};
    check::Named* t = nativeNamed("os", "LinkError", st);
    bindMethod<&linkErrorError>(t, "Error");
    bindMethod<&linkErrorUnwrap>(t, "Unwrap");
    return t;
  }();
  return n;
}

// os's FileInfo: fileStat{name string, size int64, mode FileMode, modTime time.Time}.
const check::Named* fileStatNamed();

std::string statName(StructPtr s) {
  return std::string(values::stringView(s.obj->fields[0]));
}
Int64 statSize(StructPtr s) {
  return {s.obj->fields[1].i};
}
FileMode statMode(StructPtr s) {
  return {static_cast<uint32_t>(s.obj->fields[2].u)};
}
gotime::TimeParts statModTime(StructPtr s) {
  return gotime::timeParts(s.obj->fields[3]);
}
bool statIsDir(StructPtr s) {
  return (s.obj->fields[2].u & kModeDir) != 0;
}
// Sys() any: nil (Go gives a *syscall.Stat_t, which Gol lacks).
void statSys(std::span<const AnyValue>, Value* results) {
  results[0] = Value{};
}

const check::Named* fileStatNamed() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    st->fields = {{"name", stringT(), false, ""},
                  {"size", check::basicType(check::BasicKind::Int64), false, ""},
                  {"mode", fileModeType(), false, ""},
                  {"modTime", gotime::timeType(), false, ""}};
    check::Named* t = nativeNamed("os", "fileStat", st);
    bindMethod<&statIsDir>(t, "IsDir");
    bindMethod<&statModTime>(t, "ModTime");
    bindMethod<&statMode>(t, "Mode");
    bindMethod<&statName>(t, "Name");
    bindMethod<&statSize>(t, "Size");
    addNativeMethod(t, "Sys", nativeSignature({}, {check::anyType()}), &statSys);
    return t;
  }();
  return n;
}

// os's DirEntry: unixDirent{parent, name string, typ FileMode}.
std::string direntName(StructPtr d) {
  return std::string(values::stringView(d.obj->fields[1]));
}
bool direntIsDir(StructPtr d) {
  return (d.obj->fields[2].u & kModeDir) != 0;
}
FileMode direntType(StructPtr d) {
  return {static_cast<uint32_t>(d.obj->fields[2].u)};
}

using FileInfoValue = IfaceOf<&fileInfoType>;

std::tuple<FileInfoValue, GoError> direntInfo(StructPtr d) {
  std::string path(values::stringView(d.obj->fields[0]));
  path += '/';
  path += values::stringView(d.obj->fields[1]);
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return {{}, {pathErrno("lstat", path, errno)}};
  return {{fileInfo(values::stringView(d.obj->fields[1]), st)}, {}};
}

const check::Named* direntNamed() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    st->fields = {{"parent", stringT(), false, ""},
                  {"name", stringT(), false, ""},
                  {"typ", fileModeType(), false, ""}};
    check::Named* t = nativeNamed("os", "unixDirent", st);
    bindMethod<&direntInfo>(t, "Info");
    bindMethod<&direntIsDir>(t, "IsDir");
    bindMethod<&direntName>(t, "Name");
    bindMethod<&direntType>(t, "Type");
    return t;
  }();
  return n;
}

check::Method method(const char* name, const check::Signature* sig) {
  check::Method m;
  m.name = name;
  m.sig = sig;
  return m;
}

// An interface type of package "io/fs" with these methods, sorted by name as the checker
// keeps them.
check::Named* ifaceNamed(const char* name, std::vector<check::Method> methods) {
  auto* i = new check::Interface;
  std::sort(methods.begin(), methods.end(),
            [](const check::Method& a, const check::Method& b) { return a.name < b.name; });
  i->methods = std::move(methods);
  return nativeNamed("fs", name, i);
}

}  // namespace

const check::Named* fileModeNamed() {
  static check::Named* n =
      nativeNamed("fs", "FileMode", check::basicType(check::BasicKind::Uint32));
  return n;
}

const check::Named* fileModeType() {
  static check::Named* n = [] {
    // The methods' signatures name FileMode: they are bound to the type made above.
    auto* t = const_cast<check::Named*>(fileModeNamed());
    bindMethod<&fileModeIsDir>(t, "IsDir", false);
    bindMethod<&fileModeIsRegular>(t, "IsRegular", false);
    bindMethod<&fileModePerm>(t, "Perm", false);
    bindMethod<&fileModeString>(t, "String", false);
    bindMethod<&fileModeType_>(t, "Type", false);
    return t;
  }();
  return n;
}

const check::Named* fileInfoType() {
  static check::Named* n = [] {
    const check::Type* b = check::basicType(check::BasicKind::Bool);
    return ifaceNamed(
        "FileInfo",
        {method("IsDir", nativeSignature({}, {b})),
         method("ModTime", nativeSignature({}, {gotime::timeType()})),
         method("Mode", nativeSignature({}, {fileModeType()})),
         method("Name", nativeSignature({}, {stringT()})),
         method("Size", nativeSignature({}, {check::basicType(check::BasicKind::Int64)})),
         method("Sys", nativeSignature({}, {check::anyType()}))});
  }();
  return n;
}

const check::Named* dirEntryType() {
  static check::Named* n = [] {
    const check::Type* b = check::basicType(check::BasicKind::Bool);
    return ifaceNamed("DirEntry",
                      {method("Info", nativeSignature({}, {fileInfoType(), check::errorType()})),
                       method("IsDir", nativeSignature({}, {b})),
                       method("Name", nativeSignature({}, {stringT()})),
                       method("Type", nativeSignature({}, {fileModeType()}))});
  }();
  return n;
}

const check::Named* pathErrorType() {
  static check::Named* n = [] {
    auto* st = new check::Struct;
    st->fields = {{"Op", stringT(), false, ""},
                  {"Path", stringT(), false, ""},
                  {"Err", check::errorType(), false, ""}};
    check::Named* t = nativeNamed("fs", "PathError", st);
    bindMethod<&pathErrorError>(t, "Error");
    bindMethod<&pathErrorUnwrap>(t, "Unwrap");
    return t;
  }();
  return n;
}

const check::Named* linkErrorType() {
  return linkErrorNamed();
}

const check::Named* errnoType() {
  static check::Named* n = [] {
    check::Named* t = nativeNamed("syscall", "Errno", check::basicType(check::BasicKind::Uintptr));
    bindMethod<&errnoErrorText>(t, "Error", false);
    bindMethod<&errnoIs>(t, "Is", false);
    bindMethod<&errnoTemporary>(t, "Temporary", false);
    bindMethod<&errnoTimeout>(t, "Timeout", false);
    return t;
  }();
  return n;
}

uint32_t modeFromStat(mode_t mode) {
  uint32_t m = mode & 0777;
  switch (mode & S_IFMT) {
    case S_IFBLK: m |= kModeDevice; break;
    case S_IFCHR: m |= kModeDevice | kModeCharDevice; break;
    case S_IFDIR: m |= kModeDir; break;
    case S_IFIFO: m |= kModeNamedPipe; break;
    case S_IFLNK: m |= kModeSymlink; break;
    case S_IFSOCK: m |= kModeSocket; break;
    default: break;
  }
  if (mode & S_ISGID) m |= kModeSetgid;
  if (mode & S_ISUID) m |= kModeSetuid;
  if (mode & S_ISVTX) m |= kModeSticky;
  return m;
}

std::string modeString(uint32_t mode) {
  static constexpr std::string_view kTypeLetters = "dalTLDpSugct?";
  std::string out;
  for (size_t i = 0; i < kTypeLetters.size(); ++i) {
    if (mode & (1u << (31 - i))) out += kTypeLetters[i];
  }
  if (out.empty()) out += '-';
  static constexpr std::string_view kRwx = "rwxrwxrwx";
  for (size_t i = 0; i < kRwx.size(); ++i) out += (mode & (1u << (8 - i))) ? kRwx[i] : '-';
  return out;
}

Value errInvalid() {
  return invalidCell();
}
Value errPermission() {
  return permissionCell();
}
Value errExist() {
  return existCell();
}
Value errNotExist() {
  return notExistCell();
}
Value errClosed() {
  return closedCell();
}

std::string errnoText(int errnum) {
  char buf[256];
  const char* text = strerror_r(errnum, buf, sizeof buf);
  std::string s = text ? text : "errno " + std::to_string(errnum);
  // Go's table is glibc's wording with a lower-case first letter.
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

Value errnoError(int errnum) {
  return errors::makeIface(errnoType(), Value{.u = static_cast<uint64_t>(errnum)});
}

Value pathError(std::string_view op, std::string_view path, Value err) {
  values::StructObject* obj = newStruct(pathErrorType());
  obj->fields[0] = stringResult(op);
  obj->fields[1] = stringResult(path);
  obj->fields[2] = err;
  return errors::makeIface(check::pointerTo(pathErrorType()), Value{.p = obj});
}

Value pathErrno(std::string_view op, std::string_view path, int errnum) {
  return pathError(op, path, errnoError(errnum));
}

Value linkError(std::string_view op, std::string_view oldPath, std::string_view newPath,
                int errnum) {
  values::StructObject* obj = newStruct(linkErrorType());
  obj->fields[0] = stringResult(op);
  obj->fields[1] = stringResult(oldPath);
  obj->fields[2] = stringResult(newPath);
  obj->fields[3] = errnoError(errnum);
  return errors::makeIface(check::pointerTo(linkErrorNamed()), Value{.p = obj});
}

int underlyingErrno(Value err, Value* inner) {
  values::IfaceObject* i = values::asIface(err);
  if (!i) return 0;
  if (i->type == check::pointerTo(pathErrorType())) {
    err = static_cast<values::StructObject*>(i->value.p)->fields[2];
  } else if (i->type == check::pointerTo(linkErrorNamed())) {
    err = static_cast<values::StructObject*>(i->value.p)->fields[3];
  }
  if (inner) *inner = err;
  i = values::asIface(err);
  if (i && i->type == errnoType()) return static_cast<int>(i->value.u);
  return 0;
}

Value fileInfo(std::string_view name, const struct stat& st) {
  while (name.size() > 1 && name.back() == '/') name.remove_suffix(1);
  if (size_t slash = name.rfind('/'); slash != std::string_view::npos && name.size() > 1) {
    name.remove_prefix(slash + 1);
  }
  values::StructObject* obj = newStruct(fileStatNamed());
  obj->fields[0] = stringResult(name);
  obj->fields[1] = values::intValue(st.st_size);
  obj->fields[2] = Value{.u = modeFromStat(st.st_mode)};
  gotime::TimeParts t;
  // Seconds since year 1: the Unix epoch is 62135596800 seconds after it.
  t.wall = st.st_mtim.tv_sec + 62135596800;
  t.nsec = st.st_mtim.tv_nsec;
  t.loc = gotime::now().loc;
  values::releaseRef(obj->fields[3]);
  obj->fields[3] = gotime::makeTime(t);
  return errors::makeIface(check::pointerTo(fileStatNamed()), Value{.p = obj});
}

Value dirEntry(std::string_view dir, std::string_view name, uint32_t type) {
  values::StructObject* obj = newStruct(direntNamed());
  obj->fields[0] = stringResult(dir);
  obj->fields[1] = stringResult(name);
  obj->fields[2] = Value{.u = type};
  return errors::makeIface(check::pointerTo(direntNamed()), Value{.p = obj});
}

void registerMembers(Packages& p, check::Package& pkg) {
  p.addType(pkg, "FileMode", fileModeType());
  p.addType(pkg, "FileInfo", fileInfoType());
  p.addType(pkg, "DirEntry", dirEntryType());
  p.addType(pkg, "PathError", pathErrorType());
  const check::Type* errT = check::errorType();
  p.addVariable(pkg, "ErrInvalid", errT, &invalidCell());
  p.addVariable(pkg, "ErrPermission", errT, &permissionCell());
  p.addVariable(pkg, "ErrExist", errT, &existCell());
  p.addVariable(pkg, "ErrNotExist", errT, &notExistCell());
  p.addVariable(pkg, "ErrClosed", errT, &closedCell());
  registerWalkDirFunc(p, pkg);
  struct ModeConst {
    const char* name;
    uint32_t bits;
  };
  for (ModeConst c : {ModeConst{"ModeDir", kModeDir},
                      {"ModeAppend", kModeAppend},
                      {"ModeExclusive", kModeExclusive},
                      {"ModeTemporary", kModeTemporary},
                      {"ModeSymlink", kModeSymlink},
                      {"ModeDevice", kModeDevice},
                      {"ModeNamedPipe", kModeNamedPipe},
                      {"ModeSocket", kModeSocket},
                      {"ModeSetuid", kModeSetuid},
                      {"ModeSetgid", kModeSetgid},
                      {"ModeCharDevice", kModeCharDevice},
                      {"ModeSticky", kModeSticky},
                      {"ModeIrregular", kModeIrregular},
                      {"ModeType", kModeType},
                      {"ModePerm", kModePerm}}) {
    p.addConstant(pkg, c.name, fileModeType(), check::ConstValue::ofInt64(c.bits));
  }
}

Value& skipDirCell() {
  static Value& v = errCell("skip this directory");
  return v;
}
Value& skipAllCell() {
  static Value& v = errCell("skip everything and stop the walk");
  return v;
}

}  // namespace fs

void registerFs(Packages& p) {
  fs::registerMembers(p, p.package("io/fs", "fs"));
}

}  // namespace gol::stdlib
