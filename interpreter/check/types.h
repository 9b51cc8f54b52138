// Gol's types, shaped like go/types: basic types (typed and untyped), tuples and
// function signatures and slices so far. Other composite, named and interface types come with the rest
// of the sequential language.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gol::check {

enum class BasicKind {
  Invalid,
  Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
  Float32, Float64, Complex64, Complex128, String,
  UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedComplex, UntypedString,
  UntypedNil,
};

enum class TypeKind { Basic, Tuple, Signature, Interface, Slice };

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
  bool isNumeric() const;
  bool isString() const { return basic == BasicKind::String || basic == BasicKind::UntypedString; }
  bool isBoolean() const { return basic == BasicKind::Bool || basic == BasicKind::UntypedBool; }
  bool isOrdered() const { return isNumeric() || isString(); }
  // Size in bits of a sized integer type (int and uint are 64 here, as on amd64).
  unsigned bits() const;
};

// The types of a multi-value expression (a call with several results).
struct Tuple : Type {
  std::vector<const Type*> types;
  Tuple() : Type(TypeKind::Tuple) {}
};

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

// An interface type. Only the empty interface (`any`) exists so far.
struct Interface : Type {
  Interface() : Type(TypeKind::Interface) {}
};
const Interface* anyType();

// The predeclared basic type of a kind (`int`, `untyped int`, ...).
const Basic* basicType(BasicKind kind);
// The basic type behind t, or null.
const Basic* asBasic(const Type* t);
bool isUntyped(const Type* t);
// The type an untyped constant gets when nothing else decides (`untyped int` → int).
const Type* defaultType(const Type* t);
bool identical(const Type* a, const Type* b);
// Go's spelling of a type in messages (`int`, `untyped string`, `func(...any)`).
std::string typeString(const Type* t);

}  // namespace gol::check
