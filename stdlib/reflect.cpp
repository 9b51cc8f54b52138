// Package reflect, the part scripts and tests reach for: DeepEqual, and TypeOf with the
// Type methods String, Name, Kind and Elem (Kind with its constants and String).
//
// A Type is an interface value whose dynamic type is the hidden reflect.rtype, a uintptr
// holding the check::Type the value had; types live as long as the program.
#include <set>
#include <utility>

#include "interpreter/values/equality.h"
#include "interpreter/values/maps.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using check::BasicKind;
using check::TypeKind;
using values::AnyValue;
using values::Value;

// reflect.Kind's values, in Go's order.
enum Kind : uint64_t {
  Invalid,
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  Complex64,
  Complex128,
  Array,
  Chan,
  Func,
  Interface,
  Map,
  Pointer,
  Slice,
  String,
  Struct,
  UnsafePointer,
};

constexpr const char* kKindNames[] = {
    "invalid", "bool",      "int",        "int8",   "int16",  "int32",          "int64",
    "uint",    "uint8",     "uint16",     "uint32", "uint64", "uintptr",        "float32",
    "float64", "complex64", "complex128", "array",  "chan",   "func",           "interface",
    "map",     "ptr",       "slice",      "string", "struct", "unsafe.Pointer",
};

check::Named* kindNamed() {
  static check::Named* t = nativeNamed("reflect", "Kind", check::basicType(BasicKind::Uint));
  return t;
}

check::Named* rtypeNamed() {
  static check::Named* t = nativeNamed("reflect", "rtype", check::basicType(BasicKind::Uintptr));
  return t;
}

// The interface reflect.Type: Elem, Kind, Name and String.
check::Named* typeNamed() {
  static check::Named* t = [] {
    auto* iface = new check::Interface;
    auto* named = nativeNamed("reflect", "Type", iface);
    const check::Type* str = check::basicType(BasicKind::String);
    iface->methods.push_back({"Elem", nativeSignature({}, {named})});
    iface->methods.push_back({"Kind", nativeSignature({}, {kindNamed()})});
    iface->methods.push_back({"Name", nativeSignature({}, {str})});
    iface->methods.push_back({"String", nativeSignature({}, {str})});
    return named;
  }();
  return t;
}

struct KindValue {
  uint64_t k;
};

// A Type as a method receiver (the rtype's uintptr) or as a result (an interface value,
// nil for a nil interface).
struct TypeValue {
  const check::Type* t;
};

}  // namespace

template <>
struct GoType<KindValue> {
  static const check::Type* type() { return kindNamed(); }
  static KindValue arg(const AnyValue& a) { return {a.value.u}; }
  static Value result(KindValue k) { return Value{.u = k.k}; }
};

template <>
struct GoType<TypeValue> {
  static const check::Type* type() { return typeNamed(); }
  static TypeValue arg(const AnyValue& a) {
    return {static_cast<const check::Type*>(reinterpret_cast<const void*>(a.value.u))};
  }
  static Value result(TypeValue t) {
    if (!t.t) return Value{};
    return errors::makeIface(rtypeNamed(), Value{.u = reinterpret_cast<uint64_t>(t.t)});
  }
};

namespace {

Kind kindOf(const check::Type* t) {
  const check::Type* u = check::under(t);
  switch (u->kind) {
    case TypeKind::Basic: {
      switch (static_cast<const check::Basic*>(u)->basic) {
        case BasicKind::Bool: return Bool;
        case BasicKind::Int: return Int;
        case BasicKind::Int8: return Int8;
        case BasicKind::Int16: return Int16;
        case BasicKind::Int32: return Int32;
        case BasicKind::Int64: return Int64;
        case BasicKind::Uint: return Uint;
        case BasicKind::Uint8: return Uint8;
        case BasicKind::Uint16: return Uint16;
        case BasicKind::Uint32: return Uint32;
        case BasicKind::Uint64: return Uint64;
        case BasicKind::Uintptr: return Uintptr;
        case BasicKind::Float32: return Float32;
        case BasicKind::Float64: return Float64;
        case BasicKind::Complex64: return Complex64;
        case BasicKind::Complex128: return Complex128;
        case BasicKind::String: return String;
        default: return Invalid;
      }
    }
    case TypeKind::Array: return Array;
    case TypeKind::Chan: return Chan;
    case TypeKind::Signature: return Func;
    case TypeKind::Interface: return Interface;
    case TypeKind::Map: return Map;
    case TypeKind::Pointer: return Pointer;
    case TypeKind::Slice: return Slice;
    case TypeKind::Struct: return Struct;
    default: return Invalid;
  }
}

std::string kindString(KindValue k) {
  if (k.k < std::size(kKindNames)) return kKindNames[k.k];
  return "kind" + std::to_string(k.k);
}

// An `any` argument as its dynamic type and value (a null type for nil).
AnyValue dynamic(AnyValue v) {
  if (!v.type || !check::asInterface(v.type)) return v;
  values::IfaceObject* i = values::asIface(v.value);
  if (!i) return {};
  return {i->type, i->value};
}

TypeValue typeOf(AnyValue v) {
  return {dynamic(v).type};
}

std::string typeString(TypeValue t) {
  return check::typeString(t.t, true);
}

// A defined type's name without its package; "" for the others.
std::string typeName(TypeValue t) {
  auto n = check::asNamed(t.t);
  if (!n) return check::asBasic(t.t) ? check::typeString(t.t, true) : "";
  std::string s = check::typeString(n, true);
  size_t bracket = s.find('[');
  size_t dot = s.rfind('.', bracket);
  return dot == std::string::npos ? s : s.substr(dot + 1);
}

KindValue typeKind(TypeValue t) {
  return {kindOf(t.t)};
}

// The element type of an array, channel, map, pointer or slice type.
TypeValue typeElem(TypeValue t) {
  const check::Type* u = check::under(t.t);
  switch (u->kind) {
    case TypeKind::Array: return {static_cast<const check::Array*>(u)->elem};
    case TypeKind::Chan: return {static_cast<const check::Chan*>(u)->elem};
    case TypeKind::Map: return {static_cast<const check::Map*>(u)->elem};
    case TypeKind::Pointer: return {static_cast<const check::Pointer*>(u)->elem};
    case TypeKind::Slice: return {static_cast<const check::Slice*>(u)->elem};
    default: panicString("reflect: Elem of invalid type " + check::typeString(t.t, true));
  }
}

// Go's deep equality: see reflect.DeepEqual's documentation. `seen` holds the pairs of
// references already being compared, so cyclic values end.
class DeepEqual {
 public:
  bool equal(const check::Type* t, Value a, Value b) {
    const check::Type* u = check::under(t);
    switch (u->kind) {
      case TypeKind::Slice: {
        values::SliceObject* x = values::asSlice(a);
        values::SliceObject* y = values::asSlice(b);
        if (!x || !y) return x == y;
        if (x->len() != y->len()) return false;
        if (x->base() == y->base()) return true;
        if (!seen_.insert({x->base(), y->base()}).second) return true;
        const check::Type* elem = static_cast<const check::Slice*>(u)->elem;
        for (int64_t i = 0; i < x->len(); ++i) {
          if (!equal(elem, x->base()[i], y->base()[i])) return false;
        }
        return true;
      }
      case TypeKind::Array: {
        auto at = static_cast<const check::Array*>(u);
        auto* x = static_cast<values::ArrayObject*>(a.p);
        auto* y = static_cast<values::ArrayObject*>(b.p);
        for (int64_t i = 0; i < at->len; ++i) {
          if (!equal(at->elem, x->data()[i], y->data()[i])) return false;
        }
        return true;
      }
      case TypeKind::Struct: {
        auto st = static_cast<const check::Struct*>(u);
        auto* x = static_cast<values::StructObject*>(a.p);
        auto* y = static_cast<values::StructObject*>(b.p);
        for (size_t i = 0; i < st->fields.size(); ++i) {
          if (!equal(st->fields[i].type, x->fields[i], y->fields[i])) return false;
        }
        return true;
      }
      case TypeKind::Map: {
        values::MapObject* x = values::asMap(a);
        values::MapObject* y = values::asMap(b);
        if (!x || !y) return x == y;
        if (x->live != y->live) return false;
        if (x == y || !seen_.insert({x, y}).second) return true;
        const check::Type* elem = static_cast<const check::Map*>(u)->elem;
        for (const values::MapObject::Entry& e : x->entries) {
          if (!e.live) continue;
          Value* other = y->find(e.key);
          if (!other || !equal(elem, e.value, *other)) return false;
        }
        return true;
      }
      case TypeKind::Pointer: {
        if (values::pointerIdentity(a) == values::pointerIdentity(b)) return true;
        if (!a.p || !b.p) return false;
        if (!seen_.insert({a.p, b.p}).second) return true;
        const check::Type* elem = static_cast<const check::Pointer*>(u)->elem;
        // A pointer to a struct or array is the object itself; others point at a cell.
        if (check::asStruct(elem) || check::asArray(elem)) return equal(elem, a, b);
        auto* x = static_cast<values::PointerObject*>(a.p);
        auto* y = static_cast<values::PointerObject*>(b.p);
        return equal(elem, *x->cell, *y->cell);
      }
      case TypeKind::Interface: {
        values::IfaceObject* x = values::asIface(a);
        values::IfaceObject* y = values::asIface(b);
        if (!x || !y) return x == y;
        if (!check::identical(x->type, y->type)) return false;
        return equal(x->type, x->value, y->value);
      }
      case TypeKind::Signature: return !a.p && !b.p;  // funcs are equal only when both nil
      default: return values::equalValues(t, a, b);
    }
  }

 private:
  std::set<std::pair<const void*, const void*>> seen_;
};

bool deepEqual(AnyValue x, AnyValue y) {
  x = dynamic(x);
  y = dynamic(y);
  if (!x.type || !y.type) return !x.type && !y.type;
  if (!check::identical(x.type, y.type)) return false;
  return DeepEqual().equal(x.type, x.value, y.value);
}

}  // namespace

void registerReflect(Packages& p) {
  check::Package& pkg = p.package("reflect", "reflect");
  check::Named* kind = kindNamed();
  if (kind->methods.empty()) {
    bindMethod<&kindString>(kind, "String", false);
    check::Named* rtype = rtypeNamed();
    bindMethod<&typeString>(rtype, "String", false);
    bindMethod<&typeName>(rtype, "Name", false);
    bindMethod<&typeKind>(rtype, "Kind", false);
    bindMethod<&typeElem>(rtype, "Elem", false);
  }
  p.addType(pkg, "Kind", kind);
  p.addType(pkg, "Type", typeNamed());
  for (uint64_t k = Invalid; k <= UnsafePointer; ++k) {
    static constexpr const char* kNames[] = {
        "Invalid", "Bool",      "Int",        "Int8",   "Int16",  "Int32",        "Int64",
        "Uint",    "Uint8",     "Uint16",     "Uint32", "Uint64", "Uintptr",      "Float32",
        "Float64", "Complex64", "Complex128", "Array",  "Chan",   "Func",         "Interface",
        "Map",     "Pointer",   "Slice",      "String", "Struct", "UnsafePointer"};
    p.addConstant(pkg, kNames[k], kind, check::ConstValue::ofInt64(static_cast<int64_t>(k)));
  }
  p.addConstant(pkg, "Ptr", kind, check::ConstValue::ofInt64(Pointer));
  bind<&deepEqual>(p, pkg, "DeepEqual");
  bind<&typeOf>(p, pkg, "TypeOf");
}

}  // namespace gol::stdlib
