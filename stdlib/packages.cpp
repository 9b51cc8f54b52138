#include "stdlib/packages.h"

#include <unistd.h>

#include <cstdio>

namespace gol::stdlib {

namespace {

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

Packages::Packages() {
  registerFmt(*this);
  registerStrconv(*this);
  registerStrings(*this);
  registerMath(*this);
  registerUnicode(*this);
  registerUtf8(*this);
  registerOs(*this);
  registerErrors(*this);
  registerSort(*this);
  registerBuilder(*this);
  registerTime(*this);
  registerContext(*this);
}

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
                           const check::Signature* sig, eval::NativeFunction fn) {
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
                           eval::Value* cell) {
  check::Object obj{check::Object::Kind::Var, name};
  obj.type = type;
  obj.package = &pkg;
  obj.isGlobal = true;
  obj.nativeCell = cell;
  pkg.members.insert_or_assign(name, obj);
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
