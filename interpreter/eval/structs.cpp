#include "interpreter/eval/structs.h"

#include <mutex>
#include <unordered_map>

#include "interpreter/values/equality.h"
#include "interpreter/values/maps.h"
#include "stdlib/format.h"

namespace gol::eval {

namespace {

const MethodTable* methodTable = nullptr;

inline HeapObject* objectAt(Value v) {
  return static_cast<HeapObject*>(v.p);
}

// The cell at the end of `steps` from the object in base (borrowed).
Value* walk(Value base, const std::vector<check::FieldStep>& steps, syntax::Pos pos) {
  auto* obj = static_cast<StructObject*>(base.p);
  Value* cell = nullptr;
  for (const check::FieldStep& step : steps) {
    if (!obj) nilDereference(pos);
    cell = obj->fields + step.index;
    obj = static_cast<StructObject*>(cell->p);
  }
  return cell;
}

// base.f.g...; with BorrowedBase, base is a borrowedForm (ExprNode::borrowedForm): walking
// the steps runs no Gol code, so the variable cannot be replaced meanwhile.
template <bool BorrowedBase>
struct FieldReadNode : ExprNode {
  ExprPtr base;
  std::vector<check::FieldStep> steps;
  bool counted = false;
  Value eval(Value* fp) override {
    Value b = base->eval(fp);
    Value* cell;
    if constexpr (BorrowedBase) {
      cell = walk(b, steps, pos);
      return counted ? loadRef(cell) : *cell;
    } else {
      try {
        cell = walk(b, steps, pos);
      } catch (...) {
        releaseRef(b);
        throw;
      }
      Value v = counted ? loadRef(cell) : *cell;
      releaseRef(b);
      return v;
    }
  }
  bool dropReference() override {
    counted = false;
    return true;
  }
};

// s.f for a struct, or p.f for a pointer to one, in a frame slot: no reference counting
// on the way.
template <bool ViaPointer>
struct SlotFieldReadNode : ExprNode {
  int slot;
  int index;
  bool counted = false;
  Value eval(Value* fp) override {
    auto* object = static_cast<StructObject*>(fp[slot].p);
    if constexpr (ViaPointer) {
      if (!object) [[unlikely]]
        nilDereference(pos);
    }
    Value* cell = object->fields + index;
    return counted ? loadRef(cell) : *cell;
  }
  bool dropReference() override {
    counted = false;
    return true;
  }
};

struct StructLiteralNode : ExprNode {
  const check::Struct* type;
  std::vector<std::pair<int, ExprPtr>> fields;
  Value eval(Value* fp) override {
    Value obj{.p = StructObject::make(type)};
    auto* s = static_cast<StructObject*>(obj.p);
    try {
      for (auto& [index, x] : fields) {
        Value v = x->eval(fp);
        const check::Type* ft = type->fields[static_cast<size_t>(index)].type;
        Value* cell = s->fields + index;
        Value old = *cell;
        *cell = ownFor(storageOf(ft), v);
        if (isCounted(ft)) releaseRef(old);
      }
    } catch (...) {
      releaseRef(obj);  // a field's expression panicked: the struct was never handed out
      throw;
    }
    return obj;
  }
};

struct ArrayLiteralNode : ExprNode {
  const check::Array* type;
  std::vector<std::pair<int64_t, ExprPtr>> elems;
  Value eval(Value* fp) override {
    ArrayObject* a = ArrayObject::makeZero(static_cast<size_t>(type->len), type->elem);
    Storage storage = storageOf(type->elem);
    try {
      for (auto& [index, x] : elems) {
        Value v = x->eval(fp);
        Value* cell = a->data() + index;
        Value old = *cell;
        *cell = ownFor(storage, v);
        if (storage != Storage::Scalar) releaseRef(old);
      }
    } catch (...) {
      releaseRef(Value{.p = a});  // an element's expression panicked
      throw;
    }
    return Value{.p = a};
  }
};

struct ZeroValueNode : ExprNode {
  const check::Type* type;
  Value eval(Value*) override { return zeroValue(type); }
};

struct DerefNode : ExprNode {
  ExprPtr p;
  Storage pointee;
  Value eval(Value* fp) override {
    Value v = p->eval(fp);
    if (!v.p) nilDereference(pos);
    if (pointee == Storage::Aggregate) return v;  // the object itself, shared
    auto* ptr = static_cast<PointerObject*>(v.p);
    Value r = pointee == Storage::Ref ? loadRef(ptr->cell) : *ptr->cell;
    releaseRef(v);
    return r;
  }
};

// &x for a boxed x: the box (value.h); retained unless Borrowed (borrowedForm).
template <bool Borrowed>
struct AddressOfBoxNode : ExprNode {
  int slot;
  Value eval(Value* fp) override {
    auto* box = static_cast<BoxObject*>(fp[slot].p);
    if constexpr (!Borrowed) box->refs.fetch_add(1, std::memory_order_relaxed);
    return Value{.p = box};
  }
  ExprPtr borrowedForm() const override {
    auto n = std::make_unique<AddressOfBoxNode<true>>();
    n->slot = slot;
    return n;
  }
};

template <bool Borrowed>
struct AddressOfCaptureNode : ExprNode {
  int closureSlot;
  int index;
  Value eval(Value* fp) override {
    BoxObject* box =
        static_cast<ClosureObject*>(fp[closureSlot].p)->boxes[static_cast<size_t>(index)];
    if constexpr (!Borrowed) box->refs.fetch_add(1, std::memory_order_relaxed);
    return Value{.p = box};
  }
  ExprPtr borrowedForm() const override {
    auto n = std::make_unique<AddressOfCaptureNode<true>>();
    n->closureSlot = closureSlot;
    n->index = index;
    return n;
  }
};

struct AddressOfGlobalNode : ExprNode {
  Value* cell;
  Storage storage;
  Value eval(Value*) override {
    auto* p = new PointerObject();
    p->cell = cell;
    p->storage = storage;
    return Value{.p = p};
  }
};

struct AddressOfFieldNode : ExprNode {
  ExprPtr base;
  std::vector<check::FieldStep> steps;
  Storage storage;
  Value eval(Value* fp) override {
    Value b = base->eval(fp);
    Value* cell;
    HeapObject* owner;
    try {
      std::vector<check::FieldStep> head(steps.begin(), steps.end() - 1);
      Value* ownerCell = head.empty() ? &b : walk(b, head, pos);
      if (!ownerCell->p) nilDereference(pos);
      owner = objectAt(*ownerCell);
      cell = static_cast<StructObject*>(owner)->fields + steps.back().index;
    } catch (...) {
      releaseRef(b);
      throw;
    }
    Value r = makePointer(owner, cell, storage);
    releaseRef(b);
    return r;
  }
};

struct AddressOfElemNode : ExprNode {
  ExprPtr seq, index;
  bool isArray = false;
  bool unsignedIndex = false;
  Storage storage;
  Value eval(Value* fp) override {
    Value s = seq->eval(fp);
    Value i = index->eval(fp);
    HeapObject* owner;
    Value* cell;
    if (isArray) {
      auto* a = static_cast<ArrayObject*>(s.p);
      if (!a) nilDereference(pos);
      if (i.u >= a->length() || (!unsignedIndex && i.i < 0)) {
        releaseRef(s);
        indexOutOfRange(pos, i.i, unsignedIndex, a->length());
      }
      owner = a;
      cell = a->data() + i.u;
    } else {
      cell = sliceCell(s, i, unsignedIndex, pos, true);
      owner = asSlice(s)->array();
    }
    Value r = makePointer(owner, cell, storage);
    releaseRef(s);
    return r;
  }
};

struct NewNode : ExprNode {
  const check::Type* type;
  Value eval(Value*) override {
    if (isAggregate(type)) return zeroValue(type);
    return Value{.p = new BoxObject(isCounted(type))};
  }
};

// A struct or array operand of a deferred or go call: copied when the statement runs.
struct CopyAggregateNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override { return ownAggregate(x->eval(fp)); }
};

// &T{...} for a slice or map literal: a new variable holding the literal's value.
struct AddressOfLiteralNode : ExprNode {
  ExprPtr x;
  bool counted;
  Value eval(Value* fp) override {
    Value v = x->eval(fp);
    auto* box = new BoxObject(counted);
    box->value = v;
    return Value{.p = box};
  }
};

struct ToIfaceNode : ExprNode {
  ExprPtr x;
  const check::Type* dyn;
  Storage storage;
  Value eval(Value* fp) override {
    Value v = ownFor(storage, x->eval(fp));
    return Value{.p = new IfaceObject(dyn, v)};
  }
};

struct EqualityNode : ExprNode {
  ExprPtr a, b;
  const check::Type* type;
  bool equal;
  bool counted;
  Value eval(Value* fp) override {
    Value x = a->eval(fp);
    Value y = b->eval(fp);
    bool r;
    try {
      r = equalValues(type, x, y);
    } catch (GoPanic& p) {
      if (counted) {
        releaseRef(x);
        releaseRef(y);
      }
      if (p.trace.empty()) capturePanic(p, pos);
      throw;
    }
    if (counted) {
      releaseRef(x);
      releaseRef(y);
    }
    return intValue(r == equal);
  }
};

std::string ifaceName(const check::Type* t) {
  return check::typeString(t, true);
}

struct TypeAssertNode : ExprNode {
  ExprPtr x;
  const check::Type* from;
  const check::Type* to;
  const check::Interface* toIface = nullptr;
  bool commaOk = false;
  Storage storage;
  // The value if the assertion holds (owned), else null with *ok false.
  bool check(Value* fp, Value* out) {
    Value v = x->eval(fp);
    IfaceObject* i = asIface(v);
    if (!i) {
      if (!commaOk) {
        GoPanic p;
        // Go names the static type only when asserting to a concrete type.
        std::string source = toIface ? "interface" : ifaceName(from);
        p.message = "interface conversion: " + source + " is nil, not " + ifaceName(to);
        p.runtimeError = true;
        capturePanic(p, pos);
        throw p;
      }
      return false;
    }
    if (toIface) {
      std::string missing;
      if (!dynamicImplements(i->type, toIface, &missing)) {
        if (!commaOk) {
          releaseRef(v);
          GoPanic p;
          p.message = "interface conversion: " + ifaceName(i->type) + " is not " + ifaceName(to) +
                      ": missing method " + missing;
          p.runtimeError = true;
          capturePanic(p, pos);
          throw p;
        }
        releaseRef(v);
        return false;
      }
      *out = v;  // the same interface value
      return true;
    }
    if (!check::identical(i->type, to)) {
      std::string dyn = ifaceName(i->type);
      releaseRef(v);
      if (!commaOk) {
        GoPanic p;
        std::string want = ifaceName(to);
        p.message = "interface conversion: " + ifaceName(from) + " is " + dyn + ", not " + want;
        if (dyn == want) p.message += " (types from different scopes)";
        p.runtimeError = true;
        capturePanic(p, pos);
        throw p;
      }
      return false;
    }
    Value r = i->value;
    if (storage != Storage::Scalar) retainRef(r);
    releaseRef(v);
    *out = r;
    return true;
  }
  Value eval(Value* fp) override {
    Value r{};
    if (!check(fp, &r)) return zeroValue(to);
    return r;
  }
  void evalMulti(Value* fp, Value* out) override {
    Value r{};
    bool ok = check(fp, &r);
    out[0] = ok ? r : zeroValue(to);
    out[1] = intValue(ok);
  }
};

// ---- Dynamic method calls --------------------------------------------------------------

struct Dispatch {
  const FuncCode* fn = nullptr;
  NativeMethod native = nullptr;
  std::vector<check::FieldStep> path;
  bool pointerRecv = false;
  const check::Type* recvBase = nullptr;  // the type the path ends at
  const check::Type* recvType = nullptr;  // the receiver parameter's type
  // The method is promoted from an embedded interface field at the end of path: the call
  // goes to that interface's dynamic value (resolveThroughEmbedded).
  bool viaInterface = false;
};

bool isPointerType(const check::Type* t) {
  return check::asPointer(t) != nullptr;
}

bool resolveDispatch(const check::Type* dyn, const std::string& name, Dispatch* d) {
  check::Selection sel;
  if (check::lookupFieldOrMethod(dyn, name, &sel) != check::LookupResult::Found) return false;
  *d = Dispatch{};
  if (sel.kind == check::Selection::Kind::InterfaceMethod && !sel.path.empty()) {
    d->path = sel.path;
    d->viaInterface = true;
    return true;
  }
  if (sel.kind != check::Selection::Kind::Method) return false;
  d->path = sel.path;
  d->pointerRecv = sel.method->pointerRecv;
  d->recvBase = sel.path.empty() ? dyn : sel.recvBase;
  d->recvType = d->pointerRecv ? static_cast<const check::Type*>(check::pointerTo(sel.recvNamed))
                               : sel.recvNamed;
  if (sel.method->native) {
    d->native = reinterpret_cast<NativeMethod>(const_cast<void*>(sel.method->native));
  } else if (methodTable) {
    d->fn = methodTable->code(sel.method->decl);
  }
  return d->fn || d->native;
}

// Follows a method promoted from an embedded interface field to the dynamic value that
// has it: *type and *value become that value (borrowed from *held, which holds the inner
// interface and is released by the caller). False if that value has no such method.
bool resolveThroughEmbedded(const check::Type** type, Value* value, const std::string& name,
                            Dispatch* d, Value* held, syntax::Pos pos) {
  while (d->viaInterface) {
    Value* cell = walk(*value, d->path, pos);
    Value inner = loadRef(cell);
    releaseRef(*held);
    *held = inner;
    IfaceObject* i = asIface(inner);
    if (!i) nilDereference(pos);
    *type = i->type;
    *value = i->value;
    if (!resolveDispatch(*type, name, d)) return false;
  }
  return true;
}

// The receiver argument (owned) for a call of d on the dynamic value v (borrowed).
// Go's panic when an interface holding a nil *T calls a method of T (runtime.panicwrap).
GoPanic nilPointerValueMethod(const check::Type* recv, const std::string& method, syntax::Pos pos) {
  std::string qualified = check::typeString(recv, true);
  std::string bare = qualified.substr(qualified.rfind('.') + 1);
  GoPanic p;
  p.message =
      "value method " + qualified + "." + method + " called using nil *" + bare + " pointer";
  p.runtimeError = true;
  capturePanic(p, pos);
  return p;
}

Value receiverFor(const Dispatch& d, Value v, syntax::Pos pos) {
  Value* cell = &v;
  HeapObject* owner = nullptr;
  if (!d.path.empty()) {
    std::vector<check::FieldStep> head(d.path.begin(), d.path.end() - 1);
    Value* ownerCell = head.empty() ? &v : walk(v, head, pos);
    if (!ownerCell->p) nilDereference(pos);
    owner = objectAt(*ownerCell);
    cell = static_cast<StructObject*>(owner)->fields + d.path.back().index;
  }
  bool basePointer = isPointerType(d.recvBase);
  const check::Type* target = basePointer ? check::asPointer(d.recvBase)->elem : d.recvBase;
  Storage targetStorage = storageOf(target);
  if (d.pointerRecv) {
    if (basePointer || targetStorage == Storage::Aggregate) return loadRef(cell);
    return makePointer(owner, cell, targetStorage);
  }
  if (basePointer) {
    Value r = loadRef(cell);
    if (!r.p) nilDereference(pos);
    if (targetStorage == Storage::Aggregate) return r;
    Value* target = static_cast<PointerObject*>(r.p)->cell;
    Value x = targetStorage == Storage::Ref ? loadRef(target) : *target;
    releaseRef(r);
    return x;
  }
  return targetStorage != Storage::Scalar ? loadRef(cell) : *cell;
}

// x, a pointer or interface value that must not be nil.
struct NonNilNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override {
    Value v = x->eval(fp);
    if (!v.p) nilDereference(pos);
    return v;
  }
};

struct ValueMethodReceiverNode : ExprNode {
  ExprPtr x;
  const check::Type* type = nullptr;
  std::string method;
  Value eval(Value* fp) override {
    Value v = x->eval(fp);
    if (!v.p) throw nilPointerValueMethod(type, method, pos);
    return v;
  }
};

struct IfaceCallNode : ExprNode {
  ExprPtr recv;
  std::string name;
  std::vector<ExprPtr> callArgs;  // the receiver from tempSlot, then the arguments
  std::vector<const check::Type*> argTypes;
  int tempSlot = 0;
  // A one-entry cache of the last dynamic type's method, shared by goroutines.
  std::mutex mu;
  const check::Type* cachedType = nullptr;
  Dispatch cached;

  Dispatch lookup(const check::Type* dyn) {
    std::lock_guard<std::mutex> lock(mu);
    if (cachedType != dyn) {
      Dispatch d;
      if (!resolveDispatch(dyn, name, &d)) {
        GoPanic p;
        p.message = "gol: no method " + name + " for " + check::typeString(dyn, true);
        capturePanic(p, pos);
        throw p;
      }
      cached = d;
      cachedType = dyn;
    }
    return cached;
  }

  Value* call(Value* fp, const FuncCode** fn, Value* nativeOut) {
    Value v = recv->eval(fp);
    IfaceObject* i = asIface(v);
    if (!i) nilDereference(pos);
    Dispatch d = lookup(i->type);
    Value r;
    Value held{};
    try {
      const check::Type* dynType = i->type;
      Value dynValue = i->value;
      if (d.viaInterface && !resolveThroughEmbedded(&dynType, &dynValue, name, &d, &held, pos)) {
        GoPanic p;
        p.message = "gol: no method " + name + " for " + check::typeString(dynType, true);
        capturePanic(p, pos);
        throw p;
      }
      if (d.path.empty() && !d.pointerRecv && !dynValue.p && isPointerType(d.recvBase)) {
        throw nilPointerValueMethod(d.recvType, name, pos);
      }
      r = receiverFor(d, dynValue, pos);
    } catch (...) {
      releaseRef(held);
      releaseRef(v);
      throw;
    }
    releaseRef(held);
    releaseRef(v);
    if (d.native) {
      AnyValue small[16];
      std::vector<AnyValue> big;
      AnyValue* argv = small;
      size_t nargs = callArgs.size() - 1;
      if (nargs + 1 > 16) {
        big.resize(nargs + 1);
        argv = big.data();
      }
      argv[0] = AnyValue{d.recvType, r};
      // The receiver and the operands are this call's (as a Gol method's frame owns
      // them): released when the native returns or panics.
      size_t done = 0;
      auto release = [&] {
        if (isCounted(d.recvType)) releaseRef(r);
        for (size_t k = 0; k < done; ++k) {
          if (isCounted(argTypes[k])) releaseRef(argv[k + 1].value);
        }
      };
      try {
        for (; done < nargs; ++done) {
          argv[done + 1] = AnyValue{argTypes[done], callArgs[done + 1]->eval(fp)};
        }
        callNative(d.native, std::span<const AnyValue>(argv, nargs + 1), nativeOut, pos);
      } catch (...) {
        release();
        throw;
      }
      release();
      *fn = nullptr;
      return nullptr;
    }
    fp[tempSlot] = r;
    *fn = d.fn;
    return callFunction(d.fn, callArgs, fp, pos, Value{});
  }
  Value eval(Value* fp) override {
    const FuncCode* fn;
    Value out[8];
    Value* frame = call(fp, &fn, out);
    if (!fn) return out[0];
    return fn->resultSlots.empty() ? Value{} : frame[fn->resultSlots[0]];
  }
  void evalMulti(Value* fp, Value* out) override {
    const FuncCode* fn;
    Value* frame = call(fp, &fn, out);
    if (!fn) return;
    for (size_t k = 0; k < fn->resultSlots.size(); ++k) out[k] = frame[fn->resultSlots[k]];
  }
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    // `defer x.M()` and `go x.M()` evaluate the method value x.M then: a nil x panics
    // there, not when the call runs.
    recv = makeNonNil(std::move(recv), pos);
    out.push_back(&recv);
    for (size_t k = 1; k < callArgs.size(); ++k) out.push_back(&callArgs[k]);
    return true;
  }
};

struct ArrayIndexNode : ExprNode {
  ExprPtr a, i;
  bool unsignedIndex = false;
  bool counted = false;
  Value eval(Value* fp) override {
    Value av = a->eval(fp);
    Value iv = i->eval(fp);
    auto* arr = static_cast<ArrayObject*>(av.p);
    if (!arr) nilDereference(pos);
    if (iv.u >= arr->length() || (!unsignedIndex && iv.i < 0)) {
      releaseRef(av);
      indexOutOfRange(pos, iv.i, unsignedIndex, arr->length());
    }
    Value r = counted ? loadRef(arr->data() + iv.u) : arr->data()[iv.u];
    releaseRef(av);
    return r;
  }
};

// len or cap of an array, or of a pointer to one, that is not constant (the operand calls
// or receives): the operand is evaluated for its effects; the length is the type's, so a
// nil pointer to an array has it too, as in Go.
struct ArrayLenNode : ExprNode {
  ExprPtr a;
  int64_t length = 0;
  Value eval(Value* fp) override {
    releaseRef(a->eval(fp));
    return intValue(length);
  }
};

}  // namespace

// Calls a function value from native code (sort.Slice's less); results to `results`.
bool callFuncValue(Value fn, std::span<const Value> args, Value* results) {
  auto* c = static_cast<ClosureObject*>(fn.p);
  if (!c) nilDereference(syntax::Pos{});
  Value* frame = callFunctionValues(c->fn, args.data(), args.size(), syntax::Pos{}, fn);
  for (size_t k = 0; k < c->fn->resultSlots.size(); ++k) results[k] = frame[c->fn->resultSlots[k]];
  return true;
}

void setMethodTable(const MethodTable* table) {
  methodTable = table;
  stdlib::fmt::methodCaller = &callMethod;
  stdlib::fmt::funcCaller = &callFuncValue;
}

Exec TypeSwitchNode::exec(Value* fp) {
  if (init) init->exec(fp);
  Value v = subject->eval(fp);
  storeCell<true>(fp + subjectSlot, v);
  IfaceObject* i = asIface(v);
  int chosen = -1;
  for (size_t c = 0; c < clauses.size() && chosen < 0; ++c) {
    for (const check::Type* t : clauses[c].types) {
      bool match;
      if (!t) {
        match = i == nullptr;
      } else if (const check::Interface* it = check::asInterface(t)) {
        std::string missing;
        match = i && dynamicImplements(i->type, it, &missing);
      } else {
        match = i && check::identical(i->type, t);
      }
      if (match) {
        chosen = static_cast<int>(c);
        break;
      }
    }
  }
  if (chosen < 0) chosen = defaultClause;
  Exec result = Exec::Normal;
  if (chosen >= 0) {
    Clause& clause = clauses[static_cast<size_t>(chosen)];
    if (clause.bind.kind != Target::Kind::Blank) {
      Value b = clause.unwrap && i ? i->value : v;
      if (clause.unwrap && !i) b = Value{};
      if (clause.bindCounted) retainRef(b);
      clause.bind.store(fp, b);
    }
    Exec e = execList(clause.body, fp);
    if (e == Exec::Break ||
        (e == Exec::BreakLabel && label && currentState()->branchTarget == label)) {
      e = Exec::Normal;
    }
    result = e;
  }
  storeCell<true>(fp + subjectSlot, Value{});
  return result;
}

bool dynamicImplements(const check::Type* t, const check::Interface* to, std::string* missing) {
  for (const check::Method& m : to->methods) {
    check::Selection sel;
    auto r = check::lookupFieldOrMethod(t, m.name, &sel);
    bool ok = r == check::LookupResult::Found && sel.kind != check::Selection::Kind::Field &&
              check::identical(sel.method->sig, m.sig) &&
              !(sel.kind == check::Selection::Kind::Method && sel.method->pointerRecv &&
                !isPointerType(t) && !sel.indirect);
    if (!ok) {
      *missing = m.name;
      return false;
    }
  }
  return true;
}

bool callMethod(const AnyValue& recv, const std::string& name, std::span<const AnyValue> args,
                Value* results) {
  Dispatch d;
  if (!recv.type || !resolveDispatch(recv.type, name, &d)) return false;
  const check::Type* dynType = recv.type;
  Value dynValue = recv.value;
  Value held{};
  if (d.viaInterface &&
      !resolveThroughEmbedded(&dynType, &dynValue, name, &d, &held, syntax::Pos{})) {
    releaseRef(held);
    return false;
  }
  Value r = receiverFor(d, dynValue, syntax::Pos{});
  releaseRef(held);
  if (d.native) {
    std::vector<AnyValue> argv;
    argv.push_back(AnyValue{d.recvType, r});
    argv.insert(argv.end(), args.begin(), args.end());
    d.native(argv, results);
    if (isCounted(d.recvType)) releaseRef(r);
    return true;
  }
  // Arguments are borrowed, as for natives: the Gol method's frame releases what it
  // receives, so counted arguments are retained for it.
  std::vector<Value> values;
  values.push_back(r);
  for (const AnyValue& a : args) {
    if (isCounted(a.type)) retainRef(a.value);
    values.push_back(a.value);
  }
  Value* frame = callFunctionValues(d.fn, values.data(), values.size(), syntax::Pos{});
  for (size_t k = 0; k < d.fn->resultSlots.size(); ++k) results[k] = frame[d.fn->resultSlots[k]];
  return true;
}

void storeComplex(const Target& t, Value* fp, Value v) {
  switch (t.kind) {
    case Target::Kind::ToIface:
      t.inner->store(fp, Value{.p = new IfaceObject(t.boxAs, ownFor(storageOf(t.boxAs), v))});
      return;
    case Target::Kind::Field: {
      Value b = t.seq->eval(fp);
      Value* cell;
      try {
        cell = walk(b, t.steps, t.pos);
      } catch (...) {
        if (!t.seqBorrowed) releaseRef(b);
        if (t.counted) releaseRef(v);
        throw;
      }
      t.put(cell, v);
      if (!t.seqBorrowed) releaseRef(b);
      return;
    }
    case Target::Kind::Deref: {
      Value p = t.seq->eval(fp);
      if (!p.p) {
        if (t.counted) releaseRef(v);
        nilDereference(t.pos);
      }
      if (t.aggregate) {
        Value src = ownAggregate(v);
        copyAggregateInto(objectAt(p), objectAt(src));
        releaseRef(src);
      } else {
        t.put(static_cast<PointerObject*>(p.p)->cell, v);
      }
      if (!t.seqBorrowed) releaseRef(p);
      return;
    }
    case Target::Kind::MapIndex: {
      Value m = t.seq->eval(fp);
      Value k = t.index->eval(fp);
      MapObject* map = asMap(m);
      if (!map) {
        GoPanic p;
        p.message = "assignment to entry in nil map";
        capturePanic(p, t.pos);
        throw p;
      }
      {
        MapWriteGuard guard(map, t.pos);
        Value* cell;
        try {
          cell = map->insert(k);
        } catch (GoPanic& p) {
          if (p.trace.empty()) capturePanic(p, t.pos);
          throw;
        }
        t.put(cell, v);
      }
      if (map->keyStorage != Storage::Scalar) releaseRef(k);
      releaseRef(m);
      return;
    }
    case Target::Kind::ArrayIndex: {
      Value a = t.seq->eval(fp);
      Value i = t.index->eval(fp);
      auto* arr = static_cast<ArrayObject*>(a.p);
      if (!arr) nilDereference(t.pos);
      if (i.u >= arr->length() || (!t.unsignedIndex && i.i < 0)) {
        releaseRef(a);
        indexOutOfRange(t.pos, i.i, t.unsignedIndex, arr->length());
      }
      t.put(arr->data() + i.u, v);
      releaseRef(a);
      return;
    }
    default: return;
  }
}

ExprPtr makeFieldRead(ExprPtr base, std::vector<check::FieldStep> steps, bool counted,
                      syntax::Pos pos) {
  if (auto local = dynamic_cast<LocalNode<true>*>(base.get()); local && steps.size() == 1) {
    auto make = [&](auto n) -> ExprPtr {
      n->slot = local->slot;
      n->index = steps[0].index;
      n->counted = counted;
      n->pos = pos;
      return n;
    };
    if (steps[0].viaPointer) return make(std::make_unique<SlotFieldReadNode<true>>());
    return make(std::make_unique<SlotFieldReadNode<false>>());
  }
  auto make = [&](auto n) -> ExprPtr {
    n->steps = std::move(steps);
    n->counted = counted;
    n->pos = pos;
    return n;
  };
  if (ExprPtr borrowed = base->borrowedForm()) {
    auto n = std::make_unique<FieldReadNode<true>>();
    n->base = std::move(borrowed);
    return make(std::move(n));
  }
  auto n = std::make_unique<FieldReadNode<false>>();
  n->base = std::move(base);
  return make(std::move(n));
}

ExprPtr makeStructLiteral(const check::Struct* type, std::vector<std::pair<int, ExprPtr>> fields) {
  auto n = std::make_unique<StructLiteralNode>();
  n->type = type;
  n->fields = std::move(fields);
  return n;
}

ExprPtr makeArrayLiteral(const check::Array* type, std::vector<std::pair<int64_t, ExprPtr>> elems) {
  auto n = std::make_unique<ArrayLiteralNode>();
  n->type = type;
  n->elems = std::move(elems);
  return n;
}

ExprPtr makeZeroValue(const check::Type* t) {
  auto n = std::make_unique<ZeroValueNode>();
  n->type = t;
  return n;
}

ExprPtr makeDeref(ExprPtr p, Storage pointee, syntax::Pos pos) {
  auto n = std::make_unique<DerefNode>();
  n->p = std::move(p);
  n->pointee = pointee;
  n->pos = pos;
  return n;
}

ExprPtr makeAddressOfBox(int slot) {
  auto n = std::make_unique<AddressOfBoxNode<false>>();
  n->slot = slot;
  return n;
}

ExprPtr makeAddressOfCapture(int closureSlot, int index) {
  auto n = std::make_unique<AddressOfCaptureNode<false>>();
  n->closureSlot = closureSlot;
  n->index = index;
  return n;
}

ExprPtr makeAddressOfGlobal(Value* cell, Storage storage) {
  auto n = std::make_unique<AddressOfGlobalNode>();
  n->cell = cell;
  n->storage = storage;
  return n;
}

ExprPtr makeAddressOfField(ExprPtr base, std::vector<check::FieldStep> steps, Storage storage,
                           syntax::Pos pos) {
  auto n = std::make_unique<AddressOfFieldNode>();
  n->base = std::move(base);
  n->steps = std::move(steps);
  n->storage = storage;
  n->pos = pos;
  return n;
}

ExprPtr makeAddressOfElem(ExprPtr seq, ExprPtr index, bool isArray, bool unsignedIndex,
                          Storage storage, syntax::Pos pos) {
  auto n = std::make_unique<AddressOfElemNode>();
  n->seq = std::move(seq);
  n->index = std::move(index);
  n->isArray = isArray;
  n->unsignedIndex = unsignedIndex;
  n->storage = storage;
  n->pos = pos;
  return n;
}

ExprPtr makeNew(const check::Type* t) {
  auto n = std::make_unique<NewNode>();
  n->type = t;
  return n;
}

ExprPtr makeValueMethodReceiver(ExprPtr p, const check::Type* t, std::string method,
                                syntax::Pos pos) {
  auto n = std::make_unique<ValueMethodReceiverNode>();
  n->x = std::move(p);
  n->type = t;
  n->method = std::move(method);
  n->pos = pos;
  return n;
}

ExprPtr makeNonNil(ExprPtr x, syntax::Pos pos) {
  auto n = std::make_unique<NonNilNode>();
  n->pos = pos;
  n->x = std::move(x);
  return n;
}

ExprPtr makeCopyAggregate(ExprPtr x) {
  auto n = std::make_unique<CopyAggregateNode>();
  n->pos = x->pos;
  n->x = std::move(x);
  return n;
}

ExprPtr makeAddressOfLiteral(ExprPtr x, const check::Type* t) {
  auto n = std::make_unique<AddressOfLiteralNode>();
  n->x = std::move(x);
  n->counted = isCounted(t);
  return n;
}

ExprPtr makeToIface(ExprPtr x, const check::Type* dyn) {
  auto n = std::make_unique<ToIfaceNode>();
  n->x = std::move(x);
  n->dyn = dyn;
  n->storage = storageOf(dyn);
  return n;
}

ExprPtr makeEquality(ExprPtr a, ExprPtr b, const check::Type* t, bool equal, syntax::Pos pos) {
  auto n = std::make_unique<EqualityNode>();
  n->a = std::move(a);
  n->b = std::move(b);
  n->type = t;
  n->equal = equal;
  n->counted = isCounted(t);
  n->pos = pos;
  return n;
}

ExprPtr makeTypeAssert(ExprPtr x, const check::Type* from, const check::Type* to, bool commaOk,
                       syntax::Pos pos) {
  auto n = std::make_unique<TypeAssertNode>();
  n->x = std::move(x);
  n->from = from;
  n->to = to;
  n->toIface = check::asInterface(to);
  n->commaOk = commaOk;
  n->storage = storageOf(to);
  n->pos = pos;
  return n;
}

ExprPtr makeIfaceCall(ExprPtr recv, std::string name, std::vector<ExprPtr> args,
                      std::vector<const check::Type*> argTypes, int tempSlot, syntax::Pos pos) {
  auto n = std::make_unique<IfaceCallNode>();
  n->argTypes = std::move(argTypes);
  n->recv = std::move(recv);
  n->name = std::move(name);
  n->tempSlot = tempSlot;
  n->callArgs.push_back(std::make_unique<LocalNode<false>>(tempSlot));
  for (ExprPtr& a : args) n->callArgs.push_back(std::move(a));
  n->pos = pos;
  return n;
}

ExprPtr makeArrayIndex(ExprPtr a, ExprPtr i, bool unsignedIndex, bool counted, syntax::Pos pos) {
  auto n = std::make_unique<ArrayIndexNode>();
  n->a = std::move(a);
  n->i = std::move(i);
  n->unsignedIndex = unsignedIndex;
  n->counted = counted;
  n->pos = pos;
  return n;
}

struct ArrayToSliceNode : ExprNode {
  ExprPtr a;
  bool copy = false;
  Value eval(Value* fp) override {
    Value av = a->eval(fp);
    if (!av.p) nilDereference(pos);
    if (copy) {
      Value c = cloneAggregate(av);
      releaseRef(av);
      av = c;
    }
    auto* arr = static_cast<ArrayObject*>(av.p);
    int64_t n = static_cast<int64_t>(arr->length());
    SliceObject* s = SliceObject::make(arr, arr->data(), n, n);
    releaseRef(av);
    return Value{.p = s};
  }
};

ExprPtr makeArrayToSlice(ExprPtr a, bool copy, syntax::Pos pos) {
  auto n = std::make_unique<ArrayToSliceNode>();
  n->a = std::move(a);
  n->copy = copy;
  n->pos = pos;
  return n;
}

namespace {

// Go's panic for [N]T(s) and (*[N]T)(s) when s has fewer than N elements.
[[noreturn]] void shortSliceConversion(syntax::Pos pos, int64_t len, int64_t length) {
  runtimePanicAt(pos, "cannot convert slice with length " + std::to_string(len) +
                          " to array or pointer to array with length " + std::to_string(length));
}

}  // namespace

// [N]T(s) (Go 1.20): a new array holding a copy of s's first N elements; a shorter s
// panics as Go's does.
struct SliceToArrayNode : ExprNode {
  ExprPtr s;
  int64_t length = 0;
  const check::Type* elemType = nullptr;
  bool counted = false;    // elements are references
  bool aggregate = false;  // elements are structs or arrays (copied)
  Value eval(Value* fp) override {
    Value sv = s->eval(fp);
    SliceObject* so = asSlice(sv);
    int64_t len = so ? so->len() : 0;
    if (len < length) {
      releaseRef(sv);
      shortSliceConversion(pos, len, length);
    }
    ArrayObject* a = ArrayObject::makeZero(static_cast<size_t>(length), elemType);
    for (int64_t k = 0; k < length; ++k) {
      Value v = so->base()[k];
      if (aggregate) {
        releaseRef(a->data()[k]);
        v = cloneAggregate(v);
      } else if (counted) {
        retainRef(v);
      }
      a->data()[k] = v;
    }
    releaseRef(sv);
    return Value{.p = a};
  }
};

ExprPtr makeSliceToArray(ExprPtr s, int64_t length, const check::Type* elemType, bool counted,
                         bool aggregate, syntax::Pos pos) {
  auto n = std::make_unique<SliceToArrayNode>();
  n->s = std::move(s);
  n->length = length;
  n->elemType = elemType;
  n->counted = counted;
  n->aggregate = aggregate;
  n->pos = pos;
  return n;
}

// (*[N]T)(s) (Go 1.17): a pointer to s's first N elements, sharing them; a shorter s
// panics as [N]T(s) does, and a nil s gives nil (N is then 0).
struct SliceToArrayPointerNode : ExprNode {
  ExprPtr s;
  int64_t length = 0;
  const check::Type* elemType = nullptr;
  Value eval(Value* fp) override {
    Value sv = s->eval(fp);
    SliceObject* so = asSlice(sv);
    int64_t len = so ? so->len() : 0;
    if (len < length) {
      releaseRef(sv);
      shortSliceConversion(pos, len, length);
    }
    if (!so) return Value{};
    ArrayObject* view =
        ArrayObject::makeView(so->array(), so->base(), static_cast<size_t>(length), elemType);
    releaseRef(sv);
    return Value{.p = view};
  }
};

ExprPtr makeSliceToArrayPointer(ExprPtr s, int64_t length, const check::Type* elemType,
                                syntax::Pos pos) {
  auto n = std::make_unique<SliceToArrayPointerNode>();
  n->s = std::move(s);
  n->length = length;
  n->elemType = elemType;
  n->pos = pos;
  return n;
}

ExprPtr makeArrayLen(ExprPtr a, int64_t length) {
  auto n = std::make_unique<ArrayLenNode>();
  n->a = std::move(a);
  n->length = length;
  return n;
}

}  // namespace gol::eval
