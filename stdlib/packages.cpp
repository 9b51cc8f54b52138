#include "stdlib/packages.h"

#include <unistd.h>

#include <cstdio>

namespace gol::stdlib {

namespace {

// Variadic `...any`, the signature of fmt.Print and fmt.Println.
const check::Signature* variadicAny() {
  static const check::Signature sig = [] {
    check::Signature s;
    s.params.push_back(check::anyType());
    s.variadic = true;
    return s;
  }();
  return &sig;
}

std::string stdoutBuffer;

void writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

void writeStdout(std::string_view bytes) {
  stdoutBuffer.append(bytes);
  if (stdoutBuffer.size() >= (64u << 10)) flushStdout();
}

void flushStdout() {
  writeAll(1, stdoutBuffer);
  stdoutBuffer.clear();
}

void writeStderr(std::string_view bytes) {
  flushStdout();
  writeAll(2, bytes);
}

void printImpl(const std::vector<eval::Value>& args);
void printlnImpl(const std::vector<eval::Value>& args);

Packages::Packages() {
  check::Package& fmt = packages_["fmt"];
  fmt.path = "fmt";
  fmt.name = "fmt";
  addFunction(fmt, "Print", variadicAny(), printImpl);
  addFunction(fmt, "Println", variadicAny(), printlnImpl);
}

void Packages::addFunction(check::Package& pkg, const std::string& name,
                           const check::Signature* sig, eval::NativeFunction fn) {
  check::Object obj{check::Object::Kind::Func, name};
  obj.type = sig;
  obj.package = &pkg;
  pkg.members.emplace(name, obj);
  natives_[{pkg.path, name}] = fn;
}

const check::Package* Packages::import(const std::string& path) {
  auto it = packages_.find(path);
  return it == packages_.end() ? nullptr : &it->second;
}

const check::Package* Packages::importByName(const std::string& name) {
  for (auto& [path, pkg] : packages_) {
    if (pkg.name == name) return &pkg;
  }
  return nullptr;
}

eval::NativeFunction Packages::find(const std::string& path, const std::string& name) const {
  auto it = natives_.find({path, name});
  return it == natives_.end() ? nullptr : it->second;
}

}  // namespace gol::stdlib
