// Gol's types, shaped like go/types: basic types (typed and untyped), tuples, function
// signatures, slices, arrays, structs, pointers, maps, interfaces and named types.
// Composite types other than structs, interfaces and signatures are interned (one object
// per element type), so identical ones are usually the same pointer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gol::check {

// Enumerators grouped as a table, left as written:
// clang-format off
enum class BasicKind {
  Invalid,
  Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
  Float32, Float64, Complex64, Complex128, String,
  UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedComplex, UntypedString,
  UntypedNil,
};
// clang-format on

enum class TypeKind {
  Basic,
  Tuple,
  Signature,
  Interface,
  Slice,
  Array,
  Struct,
  Pointer,
  Map,
  Chan,
  Named
};

struct Type {
  TypeKind kind;
  explicit Type(TypeKind k) : kind(k) {}
  virtual ~Type() = default;
};

struct Basic : Type {
  BasicKind basic;
  const char* name;
  Basic(BasicKind b, const char* n) : Type(TypeKind::Basic), basic(b), name(n) {}
  bool isUntyped() const { return basic >= BasicKind::UntypedBool; }
  bool isInteger() const;
  bool isUnsigned() const;
  bool isFloat() const;
  bool isComplex() const;
  // Integers, floats and complex numbers.
  bool isNumeric() const;
  bool isString() const { return basic == BasicKind::String || basic == BasicKind::UntypedString; }
  bool isBoolean() const { return basic == BasicKind::Bool || basic == BasicKind::UntypedBool; }
  bool isOrdered() const { return isInteger() || isFloat() || isString(); }
  // Size in bits of a sized integer type (int and uint are 64 here, as on amd64).
  unsigned bits() const;
};

// The types of a multi-value expression (a call with several results).
struct Tuple : Type {
  std::vector<const Type*> types;
  Tuple() : Type(TypeKind::Tuple) {}
};

// A variadic signature's last parameter is the element type T of `...T`.
struct Signature : Type {
  std::vector<const Type*> params;
  std::vector<const Type*> results;
  bool variadic = false;
  Signature() : Type(TypeKind::Signature) {}
};

// []T. Slice types are interned: one object per element type.
struct Slice : Type {
  const Type* elem;
  explicit Slice(const Type* e) : Type(TypeKind::Slice), elem(e) {}
};
const Slice* sliceOf(const Type* elem);

// [N]T, interned.
struct Array : Type {
  const Type* elem;
  int64_t len;
  Array(const Type* e, int64_t n) : Type(TypeKind::Array), elem(e), len(n) {}
};
const Array* arrayOf(const Type* elem, int64_t len);

// *T, interned.
struct Pointer : Type {
  const Type* elem;
  explicit Pointer(const Type* e) : Type(TypeKind::Pointer), elem(e) {}
};
const Pointer* pointerTo(const Type* elem);

// map[K]V, interned.
struct Map : Type {
  const Type* key;
  const Type* elem;
  Map(const Type* k, const Type* e) : Type(TypeKind::Map), key(k), elem(e) {}
};
const Map* mapOf(const Type* key, const Type* elem);

// chan T, chan<- T (Send) and <-chan T (Recv), interned.
enum class ChanDir : uint8_t { Both, Send, Recv };
struct Chan : Type {
  const Type* elem;
  ChanDir dir;
  Chan(const Type* e, ChanDir d) : Type(TypeKind::Chan), elem(e), dir(d) {}
};
const Chan* chanOf(const Type* elem, ChanDir dir = ChanDir::Both);

struct StructField {
  std::string name;
  const Type* type = nullptr;
  bool embedded = false;
  std::string tag;
};

struct Struct : Type {
  std::vector<StructField> fields;
  Struct() : Type(TypeKind::Struct) {}
  int fieldIndex(const std::string& name) const;
};

// A method of an interface, or of a named type (then `decl` is its FuncDecl and
// `pointerRecv` tells the receiver kind; `native` is a stdlib implementation).
struct Method {
  std::string name;
  const Signature* sig = nullptr;  // without the receiver
  bool pointerRecv = false;
  const void* decl = nullptr;    // const syntax::FuncDecl*
  const void* native = nullptr;  // a stdlib method
};

// One term of a constraint's union: T, or ~T (every type whose underlying type is T).
struct TypeTerm {
  bool tilde = false;
  const Type* type = nullptr;
};

// An interface: its method set, sorted by name, embedded interfaces flattened. A
// constraint (usable only in type parameter lists) also restricts its type set: to the
// intersection of its unions of terms, and to comparable types when it embeds
// `comparable`.
struct Interface : Type {
  std::vector<Method> methods;
  std::vector<std::vector<TypeTerm>> unions;
  bool comparableOnly = false;
  Interface() : Type(TypeKind::Interface) {}
  const Method* find(const std::string& name) const;
  bool isConstraint() const { return !unions.empty() || comparableOnly; }
};
const Interface* anyType();

// A defined type: `type Celsius float64`. `underlying` is never a Named. Methods are
// added as the checker meets their declarations.
struct Named : Type {
  std::string name;  // as printed: main.Point, time.Duration, error
  std::string pkg;   // "main", a package path, or "" for predeclared types (error)
  const Type* underlying = nullptr;
  std::vector<Method> methods;
  // An instance of a generic type (`List[int]`): the type arguments, printed after the
  // name, and the generic type's declaration (a check::Object).
  std::vector<const Type*> typeArgs;
  const void* origin = nullptr;
  Named() : Type(TypeKind::Named) {}
  const Method* find(const std::string& name) const;
};
// The predeclared `error` interface type.
const Named* errorType();
// The predeclared constraint `comparable`.
const Named* comparableType();

// The underlying type of t (t itself unless it is a Named).
inline const Type* under(const Type* t) {
  return t && t->kind == TypeKind::Named ? static_cast<const Named*>(t)->underlying : t;
}
inline bool isKind(const Type* t, TypeKind k) {
  return t && under(t) && under(t)->kind == k;
}
inline const Named* asNamed(const Type* t) {
  return t && t->kind == TypeKind::Named ? static_cast<const Named*>(t) : nullptr;
}
template <typename T>
const T* underAs(const Type* t, TypeKind k) {
  const Type* u = under(t);
  return u && u->kind == k ? static_cast<const T*>(u) : nullptr;
}
inline const Struct* asStruct(const Type* t) {
  return underAs<Struct>(t, TypeKind::Struct);
}
inline const Pointer* asPointer(const Type* t) {
  return underAs<Pointer>(t, TypeKind::Pointer);
}
inline const Interface* asInterface(const Type* t) {
  return underAs<Interface>(t, TypeKind::Interface);
}
inline const Map* asMap(const Type* t) {
  return underAs<Map>(t, TypeKind::Map);
}
inline const Chan* asChan(const Type* t) {
  return underAs<Chan>(t, TypeKind::Chan);
}
inline const Slice* asSliceType(const Type* t) {
  return underAs<Slice>(t, TypeKind::Slice);
}
inline const Array* asArray(const Type* t) {
  return underAs<Array>(t, TypeKind::Array);
}
inline const Signature* asSignature(const Type* t) {
  return underAs<Signature>(t, TypeKind::Signature);
}
// Go's comparability (== defined): not slices, maps, funcs, or structs/arrays of them.
bool comparable(const Type* t);
// Whether values of type t may be nil.
bool nillable(const Type* t);
// The size and alignment of t's values in bytes, as gc lays them out on amd64
// (unsafe.Sizeof, unsafe.Alignof), and the offset of struct field i (unsafe.Offsetof).
int64_t sizeOf(const Type* t);
int64_t alignOf(const Type* t);
int64_t fieldOffset(const Struct* st, size_t i);

// The predeclared basic type of a kind (`int`, `untyped int`, ...).
const Basic* basicType(BasicKind kind);
// The basic type behind t (through a named type), or null.
const Basic* asBasic(const Type* t);
bool isUntyped(const Type* t);
// The type an untyped constant gets when nothing else decides (`untyped int` → int).
const Type* defaultType(const Type* t);
// With ignoreTags, struct fields may differ in their tags (conversions allow it).
bool identical(const Type* a, const Type* b, bool ignoreTags = false);
// Go's spelling of a type in compiler messages (`int`, `untyped string`, `func(...any)`,
// `Point` for main's own types); with `reflect`, as %T and panics print it
// (`main.Point`, `interface {}`, `struct { X int }`).
std::string typeString(const Type* t, bool reflect = false);

}  // namespace gol::check
