// Package syscall: Getrusage with the Rusage and Timeval types (the times and peak RSS),
// so a program can print its CPU time as Go programs do. No state of its own.
#include <sys/resource.h>

#include "stdlib/errors.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using check::BasicKind;

const check::Named* timevalType() {
  static check::Named* t = [] {
    const check::Type* i64 = check::basicType(BasicKind::Int64);
    auto* st = new check::Struct;
    st->fields.push_back(check::StructField{"Sec", i64, false, ""});
    st->fields.push_back(check::StructField{"Usec", i64, false, ""});
    return nativeNamed("syscall", "Timeval", st);
  }();
  return t;
}

// The fields of Go's Rusage that Linux fills in and programs read; the others are
// absent (a program naming one gets the checker's "undefined" error).
const check::Named* rusageType() {
  static check::Named* t = [] {
    const check::Type* i64 = check::basicType(BasicKind::Int64);
    auto* st = new check::Struct;
    st->fields.push_back(check::StructField{"Utime", timevalType(), false, ""});
    st->fields.push_back(check::StructField{"Stime", timevalType(), false, ""});
    st->fields.push_back(check::StructField{"Maxrss", i64, false, ""});
    st->fields.push_back(check::StructField{"Minflt", i64, false, ""});
    st->fields.push_back(check::StructField{"Majflt", i64, false, ""});
    st->fields.push_back(check::StructField{"Nvcsw", i64, false, ""});
    st->fields.push_back(check::StructField{"Nivcsw", i64, false, ""});
    return nativeNamed("syscall", "Rusage", st);
  }();
  return t;
}

void setTimeval(values::Value cell, const timeval& tv) {
  auto* obj = static_cast<values::StructObject*>(cell.p);
  obj->fields[0] = values::intValue(tv.tv_sec);
  obj->fields[1] = values::intValue(tv.tv_usec);
}

// (tv Timeval) Nano() int64
void timevalNano(std::span<const values::AnyValue> args, values::Value* results) {
  auto* obj = static_cast<values::StructObject*>(args[0].value.p);
  results[0] = intResult(obj->fields[0].i * 1000000000 + obj->fields[1].i * 1000);
}

// Getrusage(who int, rusage *Rusage) (err error)
void getrusageN(std::span<const values::AnyValue> args, values::Value* results) {
  auto* out = static_cast<values::StructObject*>(args[1].value.p);
  if (!out) nilPanic();
  rusage ru{};
  if (getrusage(static_cast<int>(args[0].value.i), &ru) != 0) {
    results[0] = errors::newError("invalid argument");
    return;
  }
  setTimeval(out->fields[0], ru.ru_utime);
  setTimeval(out->fields[1], ru.ru_stime);
  out->fields[2] = values::intValue(ru.ru_maxrss);
  out->fields[3] = values::intValue(ru.ru_minflt);
  out->fields[4] = values::intValue(ru.ru_majflt);
  out->fields[5] = values::intValue(ru.ru_nvcsw);
  out->fields[6] = values::intValue(ru.ru_nivcsw);
  results[0] = values::Value{};
}

}  // namespace

void registerSyscall(Packages& p) {
  const check::Type* i = check::basicType(BasicKind::Int);
  check::Package& pkg = p.package("syscall", "syscall");
  auto* timeval = const_cast<check::Named*>(timevalType());
  if (timeval->methods.empty()) {
    addNativeMethod(timeval, "Nano", p.signature({}, {check::basicType(BasicKind::Int64)}),
                    timevalNano, /*pointerRecv=*/false);
  }
  p.addType(pkg, "Timeval", timeval);
  p.addType(pkg, "Rusage", rusageType());
  const check::Type* untyped = check::basicType(BasicKind::UntypedInt);
  p.addConstant(pkg, "RUSAGE_SELF", untyped, check::ConstValue::ofInt64(RUSAGE_SELF));
  p.addConstant(pkg, "RUSAGE_CHILDREN", untyped, check::ConstValue::ofInt64(RUSAGE_CHILDREN));
  p.addFunction(pkg, "Getrusage",
                p.signature({i, check::pointerTo(rusageType())}, {check::errorType()}), getrusageN);
}

}  // namespace gol::stdlib
