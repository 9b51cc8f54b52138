// runtime.SetFinalizer: a function to run when an object becomes unreachable.
//
// Gol frees an object when its last reference goes (values::destroyObject). An object with a
// finalizer is marked (HeapObject::kHasFinalizer) and listed in the table below; when its
// count reaches zero, finalizerHook takes the entry out, gives the object one reference back
// and starts a goroutine that calls the finalizer with it. Once that goroutine drops the
// reference, the object is freed for good (its finalizer ran once, as in Go). Objects in
// reference cycles never reach zero, so their finalizers do not run (no cycle collector yet).
//
// The table's mutex guards the table; an object's flag changes only under it, and while the
// caller holds a reference (SetFinalizer) or no one else can reach the object (the hook).
// Entries left when a run ends are dropped (forgetFinalizers): their objects are freed
// without running them, as a Go program's exit does.
#include <mutex>
#include <string>
#include <unordered_map>

#include "interpreter/values/panic.h"
#include "runtime/goroutine.h"
#include "stdlib/bind.h"
#include "stdlib/callers.h"
#include "stdlib/format.h"
#include "stdlib/go_call.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::HeapObject;
using values::Value;

struct Finalizer {
  Value fn;                     // the func value (one reference)
  const check::Type* argIface;  // the parameter's interface type, or null: the pointer itself
  const check::Type* pointerType;
};

std::mutex tableMu;
std::unordered_map<HeapObject*, Finalizer>& table() {
  static auto& t = *new std::unordered_map<HeapObject*, Finalizer>;
  return t;
}

[[noreturn]] void fatal(const std::string& message) {
  throw values::FatalError{"runtime.SetFinalizer: " + message, "",
                           goroutineStack ? goroutineStack() : ""};
}

struct PendingFinalizer {
  Finalizer f;
  HeapObject* object;  // the reference the finalizer's argument holds
};

void runFinalizer(void* p) {
  auto* job = static_cast<PendingFinalizer*>(p);
  Value arg{.p = job->object};
  if (job->f.argIface) arg = Value{.p = new values::IfaceObject(job->f.pointerType, arg)};
  Value out[8]{};
  // The argument is handed over to the call, which drops it when the finalizer returns.
  if (fmt::funcCaller) {
    fmt::funcCaller(job->f.fn, std::span<const Value>(&arg, 1), out);
  } else {
    values::releaseRef(arg);
  }
  values::releaseRef(job->f.fn);
  delete job;
}

bool finalizeObject(HeapObject* o) {
  Finalizer f;
  {
    std::lock_guard lock(tableMu);
    o->flags &= static_cast<uint8_t>(~HeapObject::kHasFinalizer);
    auto it = table().find(o);
    if (it == table().end()) return false;
    f = it->second;
    table().erase(it);
  }
  // Off a goroutine (the run is over) nothing can run it: the object is freed.
  if (!goCallNative || !rt::in_goroutine()) {
    values::releaseRef(f.fn);
    return false;
  }
  o->refs.store(1, std::memory_order_relaxed);
  goCallNative(&runFinalizer, new PendingFinalizer{f, o});
  return true;
}

const bool hookInstalled = (values::finalizerHook = &finalizeObject, true);

// SetFinalizer(obj, finalizer): obj a pointer to an allocated object; finalizer nil (to
// remove it) or a func of one parameter that obj's type is assignable to.
void setFinalizer(AnyValue obj, AnyValue finalizer) {
  (void)hookInstalled;
  const check::Pointer* pt = obj.type ? check::asPointer(obj.type) : nullptr;
  if (!pt) fatal("first argument is " + fmt::typeName(obj.type) + ", not pointer");
  auto* o = static_cast<HeapObject*>(obj.value.p);
  // A pointer into an object (&s.f, &a[i]) or to nothing is no allocated block of its own.
  if (!o || o->kind == HeapObject::Kind::Pointer) fatal("pointer not in allocated block");
  if (isUntypedNil(finalizer.type) || !finalizer.value.p) {
    std::lock_guard lock(tableMu);
    auto it = table().find(o);
    if (it != table().end()) {
      values::releaseRef(it->second.fn);
      table().erase(it);
    }
    o->flags &= static_cast<uint8_t>(~HeapObject::kHasFinalizer);
    return;
  }
  const check::Signature* sig = check::asSignature(finalizer.type);
  if (!sig) fatal("second argument is " + fmt::typeName(finalizer.type) + ", not a function");
  const check::Type* param = sig->params.size() == 1 && !sig->variadic ? sig->params[0] : nullptr;
  const check::Type* argIface = nullptr;
  if (param && check::asInterface(param) && check::asInterface(param)->methods.empty()) {
    argIface = param;
  } else if (!param || !check::identical(param, obj.type)) {
    fatal("cannot pass " + fmt::typeName(obj.type) + " to finalizer " +
          fmt::typeName(finalizer.type));
  }
  std::lock_guard lock(tableMu);
  if (o->flags & HeapObject::kHasFinalizer) fatal("finalizer already set");
  values::retainRef(finalizer.value);
  table()[o] = Finalizer{finalizer.value, argIface, obj.type};
  o->flags |= HeapObject::kHasFinalizer;
}

}  // namespace

void forgetFinalizers() {
  std::lock_guard lock(tableMu);
  for (auto& [object, f] : table()) {
    object->flags &= static_cast<uint8_t>(~HeapObject::kHasFinalizer);
    values::releaseRef(f.fn);
  }
  table().clear();
}

void registerRuntimeFinalizer(Packages& p, check::Package& pkg) {
  bind<&setFinalizer>(p, pkg, "SetFinalizer");
}

}  // namespace gol::stdlib
