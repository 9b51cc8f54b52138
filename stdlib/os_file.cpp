// os's *File and the functions that open, read, write and stat files and directories.
//
// A File is a native struct {fd int, name string, closed bool, kind int}. `kind` says how
// its descriptor is read and written, found by fstat on first use: regular files,
// directories and block devices directly (they never wait long), anything else (pipes,
// terminals, sockets, character devices) through rt::blocking, so a read that waits parks
// only its goroutine. Standard output and error (fds 1 and 2) go through writeStdout and
// writeStderr, which keep fmt's buffered output and the REPL's sink in order; standard
// output is flushed before any read that may wait, so a prompt shows before input is read.
// Closing a File marks it closed; descriptors 0-2 stay open for the runtime's own output.
// Errors are *fs.PathError values with Go's Op names ("open", "read", "write", "close").
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "runtime/blocking.h"
#include "runtime/netpoll.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/fs.h"
#include "stdlib/io.h"
#include "stdlib/os.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

enum FileField { kFd, kName, kClosed, kKind };
// kPollable: a non-blocking pipe this process made (os/exec's), waited on by the runtime's
// poller (netpoll.h), so a waiting read or write parks the goroutine and holds no thread.
enum FileKind : int64_t { kUnknown = 0, kDirect = 1, kBlocking = 2, kPollable = 3 };

// The receiver of *File's methods (null for a nil *File: the methods return ErrInvalid).
struct FilePtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<FilePtr> {
  static const check::Type* type() { return check::pointerTo(os::fileType()); }
  static FilePtr arg(const AnyValue& a) { return {static_cast<StructObject*>(a.value.p)}; }
  static Value result(FilePtr f) { return Value{.p = f.obj}; }
};

namespace os {

const check::Named* fileType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    const check::Type* intT = check::basicType(check::BasicKind::Int);
    st->fields = {{"fd", intT, false, ""},
                  {"name", check::basicType(check::BasicKind::String), false, ""},
                  {"closed", check::basicType(check::BasicKind::Bool), false, ""},
                  {"kind", intT, false, ""}};
    return nativeNamed("os", "File", st);
  }();
  return t;
}

StructObject* asFile(const values::IfaceObject* i) {
  if (!i || i->type != check::pointerTo(fileType())) return nullptr;
  return static_cast<StructObject*>(i->value.p);
}

}  // namespace os

namespace {

std::string fileName(StructObject* f) {
  return std::string(values::stringView(f->fields[kName]));
}

bool waitsLong(StructObject* f) {
  if (f->fields[kKind].i == kUnknown) {
    struct stat st;
    bool direct = ::fstat(static_cast<int>(f->fields[kFd].i), &st) == 0 &&
                  (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode));
    f->fields[kKind].i = direct ? kDirect : kBlocking;
  }
  return f->fields[kKind].i == kBlocking;
}

// A system call result: the count, or -errno.
template <class Call>
ssize_t retryingEINTR(Call call) {
  for (;;) {
    ssize_t r = call();
    if (r >= 0) return r;
    if (errno != EINTR) return -errno;
  }
}

// setStdinReader's reader (the REPL's, while it runs at a terminal).
std::atomic<StdinReader> stdinReader{nullptr};
std::atomic<void*> stdinReaderContext{nullptr};

}  // namespace

void setStdinReader(StdinReader reader, void* context) {
  stdinReaderContext.store(context);
  stdinReader.store(reader);
}

namespace os {

IoResult fileRead(StructObject* f, char* buf, size_t len) {
  if (!f) return {0, retained(fs::errInvalid())};
  if (f->fields[kClosed].i)
    return {0, fs::pathError("read", fileName(f), retained(fs::errClosed()))};
  if (len == 0) return {0, {}};
  int fd = static_cast<int>(f->fields[kFd].i);
  auto call = [&] { return retryingEINTR([&] { return ::read(fd, buf, len); }); };
  ssize_t n;
  if (f->fields[kKind].i == kPollable) {
    while ((n = call()) == -EAGAIN) {
      flushStdout();
      rt::wait_read(fd);
    }
  } else if (StdinReader reader = stdinReader.load(); reader && fd == 0 && waitsLong(f)) {
    flushStdout();
    void* context = stdinReaderContext.load();
    n = rt::blocking([&] {
      ssize_t got = reader(buf, len, context);
      return got >= 0 ? got : call();
    });
  } else if (waitsLong(f)) {
    flushStdout();
    // Data already there is read at once: a helper thread per read costs microseconds, and
    // fmt.Scan reads a pipe one byte at a time.
    pollfd ready{fd, POLLIN, 0};
    n = ::poll(&ready, 1, 0) == 1 ? call() : rt::blocking(call);
  } else {
    n = call();
  }
  if (n < 0) return {0, fs::pathErrno("read", fileName(f), static_cast<int>(-n))};
  if (n == 0) return {0, retained(io::eof())};
  return {n, {}};
}

IoResult fileWrite(StructObject* f, std::string_view data) {
  if (!f) return {0, retained(fs::errInvalid())};
  if (f->fields[kClosed].i) {
    return {0, fs::pathError("write", fileName(f), retained(fs::errClosed()))};
  }
  int fd = static_cast<int>(f->fields[kFd].i);
  if (fd == 1 || fd == 2) {
    (fd == 1 ? writeStdout : writeStderr)(data);
    return {static_cast<int64_t>(data.size()), {}};
  }
  bool pollable = f->fields[kKind].i == kPollable;
  bool blocking = !pollable && waitsLong(f);
  size_t done = 0;
  while (done < data.size()) {
    auto call = [&] {
      return retryingEINTR([&] {
        return pollable ? writeNoSigpipe(fd, data.data() + done, data.size() - done)
                        : ::write(fd, data.data() + done, data.size() - done);
      });
    };
    ssize_t n = blocking ? rt::blocking(call) : call();
    if (n == -EAGAIN) {
      rt::wait_write(fd);
      continue;
    }
    if (n < 0) {
      return {static_cast<int64_t>(done),
              fs::pathErrno("write", fileName(f), static_cast<int>(-n))};
    }
    done += static_cast<size_t>(n);
  }
  return {static_cast<int64_t>(done), {}};
}

}  // namespace os

namespace os {

Value newFile(int fd, std::string_view name) {
  StructObject* obj =
      StructObject::make(static_cast<const check::Struct*>(os::fileType()->underlying));
  obj->fields[kFd] = values::intValue(fd);
  obj->fields[kName] = stringResult(name);
  return Value{.p = obj};
}

Value newPollableFile(int fd, std::string_view name) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  Value f = newFile(fd, name);
  static_cast<StructObject*>(f.p)->fields[kKind].i = kPollable;
  return f;
}

ssize_t writeNoSigpipe(int fd, const char* data, size_t len) {
  sigset_t pipeSet, old;
  sigemptyset(&pipeSet);
  sigaddset(&pipeSet, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipeSet, &old);
  ssize_t n = ::write(fd, data, len);
  if (n < 0 && errno == EPIPE) {
    struct timespec zero {};
    while (sigtimedwait(&pipeSet, nullptr, &zero) == SIGPIPE) {
    }
    errno = EPIPE;
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return n;
}

int descriptorOf(const StructObject* f) {
  return f->fields[kClosed].i ? -1 : static_cast<int>(f->fields[kFd].i);
}

}  // namespace os

namespace {

using os::newFile;

// The bytes of a []byte argument, copied out, and the count back into it.
std::string bytesOf(Bytes b) {
  return bytesText(b);
}

void copyInto(Bytes b, const char* data, int64_t n) {
  values::SliceObject* s = values::asSlice(b.slice);
  for (int64_t k = 0; k < n; ++k) s->base()[k].u = static_cast<unsigned char>(data[k]);
}

std::tuple<int64_t, GoError> fileReadMethod(FilePtr f, Bytes b) {
  values::SliceObject* s = values::asSlice(b.slice);
  std::string buf(static_cast<size_t>(s ? s->len() : 0), '\0');
  os::IoResult r = os::fileRead(f.obj, buf.data(), buf.size());
  copyInto(b, buf.data(), r.n);
  return {r.n, {r.err}};
}

std::tuple<int64_t, GoError> fileReadAt(FilePtr f, Bytes b, Int64 off) {
  if (!f.obj) return {0, {retained(fs::errInvalid())}};
  std::string name = fileName(f.obj);
  if (f.obj->fields[kClosed].i)
    return {0, {fs::pathError("read", name, retained(fs::errClosed()))}};
  if (off.v < 0) return {0, {fs::pathError("readat", name, errors::newError("negative offset"))}};
  values::SliceObject* s = values::asSlice(b.slice);
  std::string buf(static_cast<size_t>(s ? s->len() : 0), '\0');
  int fd = static_cast<int>(f.obj->fields[kFd].i);
  size_t done = 0;
  while (done < buf.size()) {
    ssize_t n = retryingEINTR(
        [&] { return ::pread(fd, buf.data() + done, buf.size() - done, off.v + done); });
    if (n < 0) {
      copyInto(b, buf.data(), static_cast<int64_t>(done));
      return {static_cast<int64_t>(done), {fs::pathErrno("read", name, static_cast<int>(-n))}};
    }
    if (n == 0) {
      copyInto(b, buf.data(), static_cast<int64_t>(done));
      return {static_cast<int64_t>(done), {retained(io::eof())}};
    }
    done += static_cast<size_t>(n);
  }
  copyInto(b, buf.data(), static_cast<int64_t>(done));
  return {static_cast<int64_t>(done), {}};
}

std::tuple<int64_t, GoError> fileWriteMethod(FilePtr f, Bytes b) {
  os::IoResult r = os::fileWrite(f.obj, bytesOf(b));
  return {r.n, {r.err}};
}

std::tuple<int64_t, GoError> fileWriteString(FilePtr f, std::string_view s) {
  os::IoResult r = os::fileWrite(f.obj, s);
  return {r.n, {r.err}};
}

GoError fileClose(FilePtr f) {
  if (!f.obj) return {retained(fs::errInvalid())};
  if (f.obj->fields[kClosed].i) {
    return {fs::pathError("close", fileName(f.obj), retained(fs::errClosed()))};
  }
  f.obj->fields[kClosed].i = 1;
  int fd = static_cast<int>(f.obj->fields[kFd].i);
  if (fd <= 2) {
    if (fd == 1) flushStdout();
    return {};
  }
  if (f.obj->fields[kKind].i == kPollable) rt::poll_unregister(fd);
  if (::close(fd) != 0 && errno != EINTR) return {fs::pathErrno("close", fileName(f.obj), errno)};
  return {};
}

}  // namespace

void os::closeFile(StructObject* f) {
  values::releaseRef(fileClose({f}).value);
}

namespace {

std::string fileNameMethod(FilePtr f) {
  if (!f.obj) nilPanic();
  return fileName(f.obj);
}

Uintptr fileFd(FilePtr f) {
  if (!f.obj) return {~uint64_t{0}};
  return {f.obj->fields[kFd].u};
}

using FileInfo = IfaceOf<&fs::fileInfoType>;

std::tuple<FileInfo, GoError> fileStat(FilePtr f) {
  if (!f.obj) return {{}, {retained(fs::errInvalid())}};
  std::string name = fileName(f.obj);
  if (f.obj->fields[kClosed].i)
    return {{}, {fs::pathError("stat", name, retained(fs::errClosed()))}};
  struct stat st;
  if (::fstat(static_cast<int>(f.obj->fields[kFd].i), &st) != 0) {
    return {{}, {fs::pathErrno("stat", name, errno)}};
  }
  return {{fs::fileInfo(name, st)}, {}};
}

std::tuple<Int64, GoError> fileSeek(FilePtr f, Int64 offset, int64_t whence) {
  if (!f.obj) return {{0}, {retained(fs::errInvalid())}};
  std::string name = fileName(f.obj);
  if (f.obj->fields[kClosed].i)
    return {{0}, {fs::pathError("seek", name, retained(fs::errClosed()))}};
  off_t r = ::lseek(static_cast<int>(f.obj->fields[kFd].i), offset.v, static_cast<int>(whence));
  if (r < 0) return {{0}, {fs::pathErrno("seek", name, errno)}};
  return {{r}, {}};
}

GoError fileSync(FilePtr f) {
  if (!f.obj) return {retained(fs::errInvalid())};
  if (::fsync(static_cast<int>(f.obj->fields[kFd].i)) != 0) {
    return {fs::pathErrno("sync", fileName(f.obj), errno)};
  }
  return {};
}

GoError fileTruncate(FilePtr f, Int64 size) {
  if (!f.obj) return {retained(fs::errInvalid())};
  if (::ftruncate(static_cast<int>(f.obj->fields[kFd].i), size.v) != 0) {
    return {fs::pathErrno("truncate", fileName(f.obj), errno)};
  }
  return {};
}

std::tuple<FilePtr, GoError> openFile(std::string_view name, int64_t flag, fs::FileMode perm) {
  std::string path(name);
  mode_t mode = perm.bits & fs::kModePerm;
  if (perm.bits & fs::kModeSetuid) mode |= S_ISUID;
  if (perm.bits & fs::kModeSetgid) mode |= S_ISGID;
  if (perm.bits & fs::kModeSticky) mode |= S_ISVTX;
  int fd = static_cast<int>(retryingEINTR(
      [&] { return ::open(path.c_str(), static_cast<int>(flag) | O_CLOEXEC, mode); }));
  if (fd < 0) return {{}, {fs::pathErrno("open", name, -fd)}};
  return {{static_cast<StructObject*>(newFile(fd, name).p)}, {}};
}

std::tuple<FilePtr, GoError> open(std::string_view name) {
  return openFile(name, O_RDONLY, {0});
}

std::tuple<FilePtr, GoError> create(std::string_view name) {
  return openFile(name, O_RDWR | O_CREAT | O_TRUNC, {0666});
}

FilePtr newFileFromFd(Uintptr fd, std::string_view name) {
  if (fd.v > INT32_MAX) return {};
  return {static_cast<StructObject*>(newFile(static_cast<int>(fd.v), name).p)};
}

std::tuple<Bytes, GoError> readFile(std::string_view name) {
  auto [f, err] = openFile(name, O_RDONLY, {0});
  if (err.value.p) return {Bytes{}, err};
  std::string data;
  struct stat st;
  if (::fstat(static_cast<int>(f.obj->fields[kFd].i), &st) == 0 && S_ISREG(st.st_mode)) {
    data.reserve(static_cast<size_t>(st.st_size) + 1);
  }
  std::vector<char> buf(65536);  // not on the stack: goroutine stacks are small
  GoError result{};
  for (;;) {
    os::IoResult r = os::fileRead(f.obj, buf.data(), buf.size());
    data.append(buf.data(), static_cast<size_t>(r.n));
    if (r.err.p) {
      if (r.err.p != io::eof().p) {
        result.value = r.err;
      } else {
        values::releaseRef(r.err);
      }
      break;
    }
  }
  values::releaseRef(fileClose(f).value);
  values::releaseRef(Value{.p = f.obj});
  return {newBytes(data), result};
}

GoError writeFile(std::string_view name, Bytes data, fs::FileMode perm) {
  auto [f, err] = openFile(name, O_WRONLY | O_CREAT | O_TRUNC, perm);
  if (err.value.p) return err;
  os::IoResult r = os::fileWrite(f.obj, bytesOf(data));
  GoError closeErr = fileClose(f);
  values::releaseRef(Value{.p = f.obj});
  if (r.err.p) {
    values::releaseRef(closeErr.value);
    return {r.err};
  }
  return closeErr;
}

std::tuple<FileInfo, GoError> statPath(std::string_view name, bool follow) {
  std::string path(name);
  struct stat st;
  int rc = follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st);
  if (rc != 0) return {{}, {fs::pathErrno(follow ? "stat" : "lstat", name, errno)}};
  return {{fs::fileInfo(name, st)}, {}};
}

std::tuple<FileInfo, GoError> stat(std::string_view name) {
  return statPath(name, true);
}
std::tuple<FileInfo, GoError> lstat(std::string_view name) {
  return statPath(name, false);
}

std::string tempDir() {
  const char* d = std::getenv("TMPDIR");
  return d && *d ? d : "/tmp";
}

// A pattern's prefix and suffix around its last '*', or an error for a separator in it.
bool splitPattern(std::string_view pattern, std::string* prefix, std::string* suffix) {
  if (pattern.find('/') != std::string_view::npos) return false;
  size_t star = pattern.rfind('*');
  if (star == std::string_view::npos) {
    *prefix = pattern;
    suffix->clear();
  } else {
    *prefix = pattern.substr(0, star);
    *suffix = pattern.substr(star + 1);
  }
  return true;
}

std::string randomDigits() {
  static thread_local std::mt19937 rng{std::random_device{}()};
  return std::to_string(rng());
}

std::tuple<std::string, GoError> mkdirTemp(std::string_view dir, std::string_view pattern) {
  std::string d = dir.empty() ? tempDir() : std::string(dir);
  std::string prefix;
  std::string suffix;
  if (!splitPattern(pattern, &prefix, &suffix)) {
    return {"",
            {fs::pathError("mkdirtemp", d + "/" + std::string(pattern),
                           errors::newError("pattern contains path separator"))}};
  }
  if (!d.empty() && d.back() != '/') d += '/';
  for (int tries = 0; tries < 10000; ++tries) {
    std::string name = d + prefix + randomDigits() + suffix;
    if (::mkdir(name.c_str(), 0700) == 0) return {name, {}};
    if (errno != EEXIST)
      return {"", {fs::pathErrno("mkdirtemp", d + prefix + "*" + suffix, errno)}};
  }
  return {"", {fs::pathErrno("mkdirtemp", d + prefix + "*" + suffix, EEXIST)}};
}

std::tuple<FilePtr, GoError> createTemp(std::string_view dir, std::string_view pattern) {
  std::string d = dir.empty() ? tempDir() : std::string(dir);
  std::string prefix;
  std::string suffix;
  if (!splitPattern(pattern, &prefix, &suffix)) {
    return {{},
            {fs::pathError("createtemp", d + "/" + std::string(pattern),
                           errors::newError("pattern contains path separator"))}};
  }
  if (!d.empty() && d.back() != '/') d += '/';
  for (int tries = 0; tries < 10000; ++tries) {
    std::string name = d + prefix + randomDigits() + suffix;
    int fd = ::open(name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) return {{static_cast<StructObject*>(newFile(fd, name).p)}, {}};
    if (errno != EEXIST) return {{}, {fs::pathErrno("open", d + prefix + "*" + suffix, errno)}};
  }
  return {{}, {fs::pathErrno("open", d + prefix + "*" + suffix, EEXIST)}};
}

// The entries of directory `dir`, sorted by name, or an errno.
}  // namespace

namespace os {

Listing listDirectory(const std::string& dir) {
  Listing out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) {
    out.err = errno;
    return out;
  }
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    uint32_t type = 0;
    switch (e->d_type) {
      case DT_DIR: type = fs::kModeDir; break;
      case DT_LNK: type = fs::kModeSymlink; break;
      case DT_FIFO: type = fs::kModeNamedPipe; break;
      case DT_SOCK: type = fs::kModeSocket; break;
      case DT_BLK: type = fs::kModeDevice; break;
      case DT_CHR: type = fs::kModeDevice | fs::kModeCharDevice; break;
      case DT_REG: break;
      default: {
        struct stat st;
        if (::lstat((dir + "/" + name).c_str(), &st) == 0) {
          type = fs::modeFromStat(st.st_mode) & fs::kModeType;
        }
      }
    }
    out.entries.emplace_back(std::move(name), type);
  }
  ::closedir(d);
  std::sort(out.entries.begin(), out.entries.end());
  return out;
}

}  // namespace os

namespace {

using os::listDirectory;
using os::Listing;

// A []fs.DirEntry.
struct DirEntries {
  Value slice{};
};

}  // namespace

template <>
struct GoType<DirEntries> {
  static const check::Type* type() { return check::sliceOf(fs::dirEntryType()); }
  static Value result(DirEntries d) { return d.slice; }
};

// A []fs.FileInfo (ioutil.ReadDir).
namespace {
struct FileInfos {
  Value slice{};
};
}  // namespace

template <>
struct GoType<FileInfos> {
  static const check::Type* type() { return check::sliceOf(fs::fileInfoType()); }
  static Value result(FileInfos d) { return d.slice; }
};

namespace {

std::tuple<DirEntries, GoError> readDir(std::string_view name) {
  Listing l = listDirectory(std::string(name));
  if (l.err) return {{}, {fs::pathErrno("open", name, l.err)}};
  auto n = static_cast<int64_t>(l.entries.size());
  values::SliceObject* s = values::makeSlice(n, n, true);
  for (int64_t k = 0; k < n; ++k) {
    auto& [entry, type] = l.entries[static_cast<size_t>(k)];
    s->base()[k] = fs::dirEntry(name, entry, type);
  }
  return {{Value{.p = s}}, {}};
}

// ioutil.ReadDir: the entries' FileInfos (lstat), sorted by name.
std::tuple<FileInfos, GoError> ioutilReadDir(std::string_view name) {
  std::string dir(name);
  Listing l = listDirectory(dir);
  if (l.err) return {{}, {fs::pathErrno("open", name, l.err)}};
  std::vector<Value> infos;
  for (auto& [entry, type] : l.entries) {
    struct stat st;
    if (::lstat((dir + "/" + entry).c_str(), &st) != 0) continue;
    infos.push_back(fs::fileInfo(entry, st));
  }
  auto n = static_cast<int64_t>(infos.size());
  values::SliceObject* s = values::makeSlice(n, n, true);
  for (int64_t k = 0; k < n; ++k) s->base()[k] = infos[static_cast<size_t>(k)];
  return {{Value{.p = s}}, {}};
}

}  // namespace

namespace os {

// Declares the members about files (registerOs calls it; io/ioutil too).
void registerFileMembers(Packages& p, check::Package& pkg);
void registerIoutilFiles(Packages& p, check::Package& pkg);

Value& stdinVar() {
  static Value cell = newFile(0, "/dev/stdin");
  return cell;
}

Value standardErrorFile() {
  static Value file = newFile(2, "/dev/stderr");
  return file;
}

void registerFileMembers(Packages& p, check::Package& pkg) {
  auto* file = const_cast<check::Named*>(fileType());
  if (file->methods.empty()) {
    bindMethod<&fileClose>(file, "Close");
    bindMethod<&fileFd>(file, "Fd");
    bindMethod<&fileNameMethod>(file, "Name");
    bindMethod<&fileReadMethod>(file, "Read");
    bindMethod<&fileReadAt>(file, "ReadAt");
    bindMethod<&fileSeek>(file, "Seek");
    bindMethod<&fileStat>(file, "Stat");
    bindMethod<&fileSync>(file, "Sync");
    bindMethod<&fileTruncate>(file, "Truncate");
    bindMethod<&fileWriteMethod>(file, "Write");
    bindMethod<&fileWriteString>(file, "WriteString");
  }
  p.addType(pkg, "File", file);
  static Value stdoutCell = newFile(1, "/dev/stdout");
  static Value stderrCell = [] {
    Value file = standardErrorFile();
    values::retainRef(file);
    return file;
  }();
  const check::Type* filePtr = check::pointerTo(file);
  p.addVariable(pkg, "Stdin", filePtr, &stdinVar());
  p.addVariable(pkg, "Stdout", filePtr, &stdoutCell);
  p.addVariable(pkg, "Stderr", filePtr, &stderrCell);
  bind<&open>(p, pkg, "Open");
  bind<&create>(p, pkg, "Create");
  bind<&openFile>(p, pkg, "OpenFile");
  bind<&newFileFromFd>(p, pkg, "NewFile");
  bind<&readFile>(p, pkg, "ReadFile");
  bind<&writeFile>(p, pkg, "WriteFile");
  bind<&readDir>(p, pkg, "ReadDir");
  bind<&stat>(p, pkg, "Stat");
  bind<&tempDir>(p, pkg, "TempDir");
  bind<&mkdirTemp>(p, pkg, "MkdirTemp");
  bind<&createTemp>(p, pkg, "CreateTemp");
  bind<&lstat>(p, pkg, "Lstat");
  const check::Type* intT = check::basicType(check::BasicKind::Int);
  struct Flag {
    const char* name;
    int64_t value;
  };
  for (Flag f : {Flag{"O_RDONLY", O_RDONLY},
                 {"O_WRONLY", O_WRONLY},
                 {"O_RDWR", O_RDWR},
                 {"O_APPEND", O_APPEND},
                 {"O_CREATE", O_CREAT},
                 {"O_EXCL", O_EXCL},
                 {"O_SYNC", O_SYNC},
                 {"O_TRUNC", O_TRUNC}}) {
    p.addConstant(pkg, f.name, intT, check::ConstValue::ofInt64(f.value));
  }
  for (Flag f : {Flag{"SEEK_SET", SEEK_SET}, {"SEEK_CUR", SEEK_CUR}, {"SEEK_END", SEEK_END}}) {
    p.addConstant(pkg, f.name, intT, check::ConstValue::ofInt64(f.value));
  }
}

void registerIoutilFiles(Packages& p, check::Package& pkg) {
  bind<&readFile>(p, pkg, "ReadFile");
  bind<&writeFile>(p, pkg, "WriteFile");
  bind<&ioutilReadDir>(p, pkg, "ReadDir");
  bind<&mkdirTemp>(p, pkg, "TempDir");
  bind<&createTemp>(p, pkg, "TempFile");
}

}  // namespace os

}  // namespace gol::stdlib
