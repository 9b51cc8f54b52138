#include "interpreter/check/types.h"

#include <map>
#include <memory>

namespace gol::check {

bool Basic::isInteger() const {
  return (basic >= BasicKind::Int && basic <= BasicKind::Uintptr) ||
         basic == BasicKind::UntypedInt || basic == BasicKind::UntypedRune;
}

bool Basic::isUnsigned() const { return basic >= BasicKind::Uint && basic <= BasicKind::Uintptr; }

bool Basic::isFloat() const {
  return basic == BasicKind::Float32 || basic == BasicKind::Float64 ||
         basic == BasicKind::UntypedFloat;
}

bool Basic::isNumeric() const { return isInteger() || isFloat(); }

unsigned Basic::bits() const {
  switch (basic) {
    case BasicKind::Int8:
    case BasicKind::Uint8: return 8;
    case BasicKind::Int16:
    case BasicKind::Uint16: return 16;
    case BasicKind::Int32:
    case BasicKind::Uint32:
    case BasicKind::Float32: return 32;
    default: return 64;
  }
}

const Interface* anyType() {
  static const Interface any;
  return &any;
}

const Basic* basicType(BasicKind kind) {
  static const Basic types[] = {
      {BasicKind::Invalid, "invalid type"},
      {BasicKind::Bool, "bool"},
      {BasicKind::Int, "int"},
      {BasicKind::Int8, "int8"},
      {BasicKind::Int16, "int16"},
      {BasicKind::Int32, "int32"},
      {BasicKind::Int64, "int64"},
      {BasicKind::Uint, "uint"},
      {BasicKind::Uint8, "uint8"},
      {BasicKind::Uint16, "uint16"},
      {BasicKind::Uint32, "uint32"},
      {BasicKind::Uint64, "uint64"},
      {BasicKind::Uintptr, "uintptr"},
      {BasicKind::Float32, "float32"},
      {BasicKind::Float64, "float64"},
      {BasicKind::Complex64, "complex64"},
      {BasicKind::Complex128, "complex128"},
      {BasicKind::String, "string"},
      {BasicKind::UntypedBool, "untyped bool"},
      {BasicKind::UntypedInt, "untyped int"},
      {BasicKind::UntypedRune, "untyped rune"},
      {BasicKind::UntypedFloat, "untyped float"},
      {BasicKind::UntypedComplex, "untyped complex"},
      {BasicKind::UntypedString, "untyped string"},
      {BasicKind::UntypedNil, "untyped nil"},
  };
  return &types[static_cast<int>(kind)];
}

const Basic* asBasic(const Type* t) {
  return t && t->kind == TypeKind::Basic ? static_cast<const Basic*>(t) : nullptr;
}

bool isUntyped(const Type* t) {
  const Basic* b = asBasic(t);
  return b && b->isUntyped();
}

const Type* defaultType(const Type* t) {
  const Basic* b = asBasic(t);
  if (!b) return t;
  switch (b->basic) {
    case BasicKind::UntypedBool: return basicType(BasicKind::Bool);
    case BasicKind::UntypedInt: return basicType(BasicKind::Int);
    case BasicKind::UntypedRune: return basicType(BasicKind::Int32);
    case BasicKind::UntypedFloat: return basicType(BasicKind::Float64);
    case BasicKind::UntypedComplex: return basicType(BasicKind::Complex128);
    case BasicKind::UntypedString: return basicType(BasicKind::String);
    default: return t;
  }
}

const Slice* sliceOf(const Type* elem) {
  static std::map<const Type*, std::unique_ptr<Slice>> slices;
  auto& s = slices[elem];
  if (!s) s = std::make_unique<Slice>(elem);
  return s.get();
}

bool identical(const Type* a, const Type* b) {
  if (a == b) return true;
  if (!a || !b || a->kind != b->kind) return false;
  if (a->kind == TypeKind::Slice) {
    return identical(static_cast<const Slice*>(a)->elem, static_cast<const Slice*>(b)->elem);
  }
  if (a->kind == TypeKind::Signature) {
    auto x = static_cast<const Signature*>(a);
    auto y = static_cast<const Signature*>(b);
    if (x->variadic != y->variadic || x->params.size() != y->params.size() ||
        x->results.size() != y->results.size()) {
      return false;
    }
    for (size_t i = 0; i < x->params.size(); ++i) {
      if (!identical(x->params[i], y->params[i])) return false;
    }
    for (size_t i = 0; i < x->results.size(); ++i) {
      if (!identical(x->results[i], y->results[i])) return false;
    }
    return true;
  }
  return a->kind == TypeKind::Interface;
}

std::string typeString(const Type* t) {
  if (!t) return "invalid type";
  switch (t->kind) {
    case TypeKind::Basic: {
      auto b = static_cast<const Basic*>(t);
      return b->name;
    }
    case TypeKind::Interface: return "any";
    case TypeKind::Slice: return "[]" + typeString(static_cast<const Slice*>(t)->elem);
    case TypeKind::Tuple: {
      auto tu = static_cast<const Tuple*>(t);
      std::string out = "(";
      for (size_t i = 0; i < tu->types.size(); ++i) {
        if (i) out += ", ";
        out += typeString(tu->types[i]);
      }
      return out + ")";
    }
    case TypeKind::Signature: {
      auto sig = static_cast<const Signature*>(t);
      std::string out = "func(";
      for (size_t i = 0; i < sig->params.size(); ++i) {
        if (i) out += ", ";
        if (sig->variadic && i + 1 == sig->params.size()) out += "...";
        out += typeString(sig->params[i]);
      }
      out += ")";
      if (sig->results.size() == 1) out += " " + typeString(sig->results[0]);
      if (sig->results.size() > 1) {
        out += " (";
        for (size_t i = 0; i < sig->results.size(); ++i) {
          if (i) out += ", ";
          out += typeString(sig->results[i]);
        }
        out += ")";
      }
      return out;
    }
  }
  return "";
}

}  // namespace gol::check
