#include "interpreter/values/equality.h"

#include <atomic>
#include <bit>
#include <cstring>
#include <functional>
#include <string_view>

#include "interpreter/values/complex.h"
#include "interpreter/values/panic.h"

namespace gol::values {

namespace {

[[noreturn]] void uncomparable(const char* what, const check::Type* t) {
  GoPanic p;
  p.message = std::string("runtime error: ") + what + " type " + check::typeString(t, true);
  p.runtimeError = true;
  throw p;
}

uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// A NaN is never equal to a key, so, as in Go, each NaN key hashes anew: a stream of
// NaN insertions spreads over the buckets instead of going quadratic in one.
uint64_t nanHash() {
  static std::atomic<uint64_t> counter{0};
  return mix(counter.fetch_add(1, std::memory_order_relaxed) ^ 0x9e3779b97f4a7c15ULL);
}

// A hash of a dynamic type that identical types share: named types by identity, others
// by their spelling.
uint64_t typeHash(const check::Type* t) {
  if (t->kind == check::TypeKind::Named || t->kind == check::TypeKind::Basic) {
    return mix(reinterpret_cast<uintptr_t>(t));
  }
  return std::hash<std::string>{}(check::typeString(t, true));
}

}  // namespace

bool equalValues(const check::Type* t, Value a, Value b) {
  const check::Type* u = check::under(t);
  switch (u->kind) {
    case check::TypeKind::Basic: {
      auto basic = static_cast<const check::Basic*>(u);
      if (basic->isString()) return stringView(a) == stringView(b);
      if (basic->isFloat()) return a.f == b.f;
      if (basic->isComplex()) {
        bool is64 = basic->basic == check::BasicKind::Complex64;
        return complexOf(is64, a) == complexOf(is64, b);
      }
      return a.u == b.u;
    }
    case check::TypeKind::Pointer: return pointerIdentity(a) == pointerIdentity(b);
    case check::TypeKind::Interface: {
      IfaceObject* x = asIface(a);
      IfaceObject* y = asIface(b);
      if (!x || !y) return x == y;
      if (x == y) {
        if (!check::comparable(x->type)) uncomparable("comparing uncomparable", x->type);
        return equalValues(x->type, x->value, x->value);
      }
      if (!check::identical(x->type, y->type)) return false;
      if (!check::comparable(x->type)) uncomparable("comparing uncomparable", x->type);
      return equalValues(x->type, x->value, y->value);
    }
    case check::TypeKind::Struct: {
      auto st = static_cast<const check::Struct*>(u);
      auto* x = static_cast<StructObject*>(a.p);
      auto* y = static_cast<StructObject*>(b.p);
      for (size_t i = 0; i < st->fields.size(); ++i) {
        if (!equalValues(st->fields[i].type, x->fields[i], y->fields[i])) return false;
      }
      return true;
    }
    case check::TypeKind::Array: {
      auto at = static_cast<const check::Array*>(u);
      auto* x = static_cast<ArrayObject*>(a.p);
      auto* y = static_cast<ArrayObject*>(b.p);
      for (int64_t i = 0; i < at->len; ++i) {
        if (!equalValues(at->elem, x->data()[i], y->data()[i])) return false;
      }
      return true;
    }
    default: return a.p == b.p;
  }
}

uint64_t hashValue(const check::Type* t, Value v) {
  const check::Type* u = check::under(t);
  switch (u->kind) {
    case check::TypeKind::Basic: {
      auto basic = static_cast<const check::Basic*>(u);
      if (basic->isString()) return std::hash<std::string_view>{}(stringView(v));
      if (basic->isFloat()) {
        if (v.f == 0) return mix(0);  // +0 and -0 are equal
        if (v.f != v.f) return nanHash();
        return mix(v.u);
      }
      if (basic->isComplex()) {
        Complex c = complexOf(basic->basic == check::BasicKind::Complex64, v);
        if (c.re != c.re || c.im != c.im) return nanHash();
        // +0 and -0 are equal.
        return mix(std::bit_cast<uint64_t>(c.re + 0.0) * 0x9e3779b97f4a7c15ULL ^
                   std::bit_cast<uint64_t>(c.im + 0.0));
      }
      return mix(v.u);
    }
    case check::TypeKind::Pointer: return mix(reinterpret_cast<uintptr_t>(pointerIdentity(v)));
    case check::TypeKind::Interface: {
      IfaceObject* x = asIface(v);
      if (!x) return 0;
      if (!check::comparable(x->type)) uncomparable("hash of unhashable", x->type);
      return typeHash(x->type) * 31 + hashValue(x->type, x->value);
    }
    case check::TypeKind::Struct: {
      auto st = static_cast<const check::Struct*>(u);
      auto* x = static_cast<StructObject*>(v.p);
      uint64_t h = 17;
      for (size_t i = 0; i < st->fields.size(); ++i) {
        h = h * 31 + hashValue(st->fields[i].type, x->fields[i]);
      }
      return mix(h);
    }
    case check::TypeKind::Array: {
      auto at = static_cast<const check::Array*>(u);
      auto* x = static_cast<ArrayObject*>(v.p);
      uint64_t h = 19;
      for (int64_t i = 0; i < at->len; ++i) h = h * 31 + hashValue(at->elem, x->data()[i]);
      return mix(h);
    }
    default: return mix(reinterpret_cast<uintptr_t>(v.p));
  }
}

}  // namespace gol::values
