// os: Args, Exit, Getenv, and the standard streams Stdout and Stderr (*os.File, an
// io.Writer); io: the Writer interface.
#include <cstdlib>

#include "interpreter/values/panic.h"
#include "stdlib/bind.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

// os.Args. Written once by the driver before the program starts, then only read.
values::Value argsCell{};

void exit(int64_t code) {
  throw values::ExitRequest{static_cast<int>(code)};
}

std::string getenv(std::string_view key) {
  const char* v = std::getenv(std::string(key).c_str());
  return v ? v : "";
}

const check::Named* fileType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields.push_back(
        check::StructField{"fd", check::basicType(check::BasicKind::Int), false, ""});
    return nativeNamed("os", "File", st);
  }();
  return t;
}

// The receiver of *os.File's methods: its struct object.
struct FilePtr {
  values::StructObject* obj = nullptr;
};

// A []byte argument: its slice object (null for a nil slice).
}  // namespace

template <>
struct GoType<FilePtr> {
  static const check::Type* type() { return check::pointerTo(fileType()); }
  static FilePtr arg(const values::AnyValue& a) {
    return {static_cast<values::StructObject*>(a.value.p)};
  }
};

namespace {

// (*os.File).Write(b []byte) (int, error)
std::tuple<int64_t, GoError> fileWrite(FilePtr f, Bytes b) {
  std::string text = bytesText(b);
  if (f.obj->fields[0].i == 2) {
    writeStderr(text);
  } else {
    writeStdout(text);
  }
  return {static_cast<int64_t>(text.size()), GoError{}};
}

const check::Signature* writeSignature() {
  static check::Signature* sig = [] {
    auto* s = new check::Signature;
    s->params.push_back(check::sliceOf(check::basicType(check::BasicKind::Uint8)));
    s->results.push_back(check::basicType(check::BasicKind::Int));
    s->results.push_back(check::errorType());
    return s;
  }();
  return sig;
}

values::Value stdoutCell{};
values::Value stderrCell{};

values::Value newFile(int fd) {
  auto* obj = values::StructObject::make(static_cast<const check::Struct*>(fileType()->underlying));
  obj->fields[0] = values::intValue(fd);
  return values::Value{.p = obj};
}

}  // namespace

const check::Type* ioWriterType() {
  static check::Named* t = [] {
    auto* iface = new check::Interface;
    check::Method m;
    m.name = "Write";
    m.sig = writeSignature();
    iface->methods.push_back(m);
    auto* n = new check::Named;
    n->name = "Writer";
    n->pkg = "io";
    n->underlying = iface;
    return n;
  }();
  return t;
}

bool writeToFile(const values::AnyValue& w, const std::string& text) {
  values::IfaceObject* i = values::asIface(w.value);
  if (!i || i->type != check::pointerTo(fileType())) return false;
  auto* f = static_cast<values::StructObject*>(i->value.p);
  if (f->fields[0].i == 2) {
    writeStderr(text);
  } else {
    writeStdout(text);
  }
  return true;
}

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
  bind<&exit>(p, pkg, "Exit");
  bind<&getenv>(p, pkg, "Getenv");
  p.addVariable(pkg, "Args", check::sliceOf(check::basicType(check::BasicKind::String)), &argsCell);
  auto* file = const_cast<check::Named*>(fileType());
  if (file->methods.empty()) bindMethod<&fileWrite>(file, "Write");
  p.addType(pkg, "File", file);
  if (!stdoutCell.p) {
    stdoutCell = newFile(1);
    stderrCell = newFile(2);
  }
  p.addVariable(pkg, "Stdout", check::pointerTo(file), &stdoutCell);
  p.addVariable(pkg, "Stderr", check::pointerTo(file), &stderrCell);
}

}  // namespace gol::stdlib
