#include "interpreter/check/types.h"

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

const Type* defaultType(const Type* t) {
  auto b = dynamic_cast<const Basic*>(t);
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

const Interface* anyType() {
  static const Interface any;
  return &any;
}

std::string typeString(const Type* t) {
  if (!t) return "<nil>";
  if (t->kind == TypeKind::Interface) return "any";
  if (auto b = dynamic_cast<const Basic*>(t)) return b->name;
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

}  // namespace gol::check
