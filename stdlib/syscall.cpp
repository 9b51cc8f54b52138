// Package syscall: Getrusage with the Rusage and Timeval types (the times and peak RSS),
// so a program can print its CPU time as Go programs do. No state of its own.
#include <sys/resource.h>

#include "stdlib/bind.h"
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

// A Timeval receiver (a value receiver: the struct object of the copy).
struct Timeval {
  values::StructObject* obj = nullptr;
};

// A *Rusage argument: its struct object (null for nil).
struct RusagePtr {
  values::StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<Timeval> {
  static const check::Type* type() { return timevalType(); }
  static Timeval arg(const values::AnyValue& a) {
    return {static_cast<values::StructObject*>(a.value.p)};
  }
};

template <>
struct GoType<RusagePtr> {
  static const check::Type* type() { return check::pointerTo(rusageType()); }
  static RusagePtr arg(const values::AnyValue& a) {
    return {static_cast<values::StructObject*>(a.value.p)};
  }
};

namespace {

void setTimeval(values::Value cell, const timeval& tv) {
  auto* obj = static_cast<values::StructObject*>(cell.p);
  obj->fields[0] = values::intValue(tv.tv_sec);
  obj->fields[1] = values::intValue(tv.tv_usec);
}

// (tv Timeval) Nano() int64
Int64 timevalNano(Timeval tv) {
  return {tv.obj->fields[0].i * 1000000000 + tv.obj->fields[1].i * 1000};
}

// Getrusage(who int, rusage *Rusage) (err error)
GoError getrusage(int64_t who, RusagePtr usage) {
  values::StructObject* out = usage.obj;
  if (!out) nilPanic();
  rusage ru{};
  if (::getrusage(static_cast<int>(who), &ru) != 0) return {errors::newError("invalid argument")};
  setTimeval(out->fields[0], ru.ru_utime);
  setTimeval(out->fields[1], ru.ru_stime);
  out->fields[2] = values::intValue(ru.ru_maxrss);
  out->fields[3] = values::intValue(ru.ru_minflt);
  out->fields[4] = values::intValue(ru.ru_majflt);
  out->fields[5] = values::intValue(ru.ru_nvcsw);
  out->fields[6] = values::intValue(ru.ru_nivcsw);
  return {};
}

}  // namespace

void registerSyscall(Packages& p) {
  check::Package& pkg = p.package("syscall", "syscall");
  auto* timeval = const_cast<check::Named*>(timevalType());
  if (timeval->methods.empty()) bindMethod<&timevalNano>(timeval, "Nano", /*pointerRecv=*/false);
  p.addType(pkg, "Timeval", timeval);
  p.addType(pkg, "Rusage", rusageType());
  const check::Type* untyped = check::basicType(BasicKind::UntypedInt);
  p.addConstant(pkg, "RUSAGE_SELF", untyped, check::ConstValue::ofInt64(RUSAGE_SELF));
  p.addConstant(pkg, "RUSAGE_CHILDREN", untyped, check::ConstValue::ofInt64(RUSAGE_CHILDREN));
  bind<&getrusage>(p, pkg, "Getrusage");
  registerSyscallSignals(p, pkg);
}

}  // namespace gol::stdlib
