#include "interpreter/check/types.h"

#include <map>
#include <memory>

namespace gol::check {

bool Basic::isInteger() const {
  return (basic >= BasicKind::Int && basic <= BasicKind::Uintptr) ||
         basic == BasicKind::UntypedInt || basic == BasicKind::UntypedRune;
}

bool Basic::isUnsigned() const {
  return basic >= BasicKind::Uint && basic <= BasicKind::Uintptr;
}

bool Basic::isFloat() const {
  return basic == BasicKind::Float32 || basic == BasicKind::Float64 ||
         basic == BasicKind::UntypedFloat;
}

bool Basic::isComplex() const {
  return basic == BasicKind::Complex64 || basic == BasicKind::Complex128 ||
         basic == BasicKind::UntypedComplex;
}

bool Basic::isNumeric() const {
  return isInteger() || isFloat() || isComplex();
}

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
  t = under(t);
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

// Interning tables are filled by the checker, which runs before any goroutine starts.
const Slice* sliceOf(const Type* elem) {
  static std::map<const Type*, std::unique_ptr<Slice>> slices;
  auto& s = slices[elem];
  if (!s) s = std::make_unique<Slice>(elem);
  return s.get();
}

const Array* arrayOf(const Type* elem, int64_t len) {
  static std::map<std::pair<const Type*, int64_t>, std::unique_ptr<Array>> arrays;
  auto& a = arrays[{elem, len}];
  if (!a) a = std::make_unique<Array>(elem, len);
  return a.get();
}

const Pointer* pointerTo(const Type* elem) {
  static std::map<const Type*, std::unique_ptr<Pointer>> pointers;
  auto& p = pointers[elem];
  if (!p) p = std::make_unique<Pointer>(elem);
  return p.get();
}

const Map* mapOf(const Type* key, const Type* elem) {
  static std::map<std::pair<const Type*, const Type*>, std::unique_ptr<Map>> maps;
  auto& m = maps[{key, elem}];
  if (!m) m = std::make_unique<Map>(key, elem);
  return m.get();
}

const Chan* chanOf(const Type* elem, ChanDir dir) {
  static std::map<std::pair<const Type*, ChanDir>, std::unique_ptr<Chan>> chans;
  auto& c = chans[{elem, dir}];
  if (!c) c = std::make_unique<Chan>(elem, dir);
  return c.get();
}

int Struct::fieldIndex(const std::string& name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

const Method* Interface::find(const std::string& name) const {
  for (const Method& m : methods) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const Method* Named::find(const std::string& name) const {
  for (const Method& m : methods) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const Named* errorType() {
  static const Named* error = [] {
    auto* sig = new Signature;
    sig->results.push_back(basicType(BasicKind::String));
    auto* iface = new Interface;
    Method m;
    m.name = "Error";
    m.sig = sig;
    iface->methods.push_back(m);
    auto* named = new Named;
    named->name = "error";
    named->underlying = iface;
    return named;
  }();
  return error;
}

const Named* comparableType() {
  static const Named* comparableNamed = [] {
    auto* iface = new Interface;
    iface->comparableOnly = true;
    auto* named = new Named;
    named->name = "comparable";
    named->underlying = iface;
    return named;
  }();
  return comparableNamed;
}

bool comparable(const Type* t) {
  t = under(t);
  switch (t->kind) {
    case TypeKind::Slice:
    case TypeKind::Map:
    case TypeKind::Signature: return false;
    case TypeKind::Array: return comparable(static_cast<const Array*>(t)->elem);
    case TypeKind::Struct:
      for (const StructField& f : static_cast<const Struct*>(t)->fields) {
        if (!comparable(f.type)) return false;
      }
      return true;
    default: return true;
  }
}

int64_t alignOf(const Type* t) {
  const Type* u = under(t);
  switch (u->kind) {
    case TypeKind::Basic: {
      auto b = static_cast<const Basic*>(u);
      if (b->basic == BasicKind::Complex64) return 4;
      if (b->isString() || b->basic == BasicKind::Complex128) return 8;
      int64_t size = sizeOf(u);
      return size == 0 ? 1 : size;
    }
    case TypeKind::Array: return alignOf(static_cast<const Array*>(u)->elem);
    case TypeKind::Struct: {
      int64_t a = 1;
      for (const StructField& f : static_cast<const Struct*>(u)->fields) {
        a = std::max(a, alignOf(f.type));
      }
      return a;
    }
    default: return 8;
  }
}

int64_t fieldOffset(const Struct* st, size_t i) {
  int64_t offset = 0;
  for (size_t k = 0;; ++k) {
    int64_t a = alignOf(st->fields[k].type);
    offset = (offset + a - 1) / a * a;
    if (k == i) return offset;
    offset += sizeOf(st->fields[k].type);
  }
}

int64_t sizeOf(const Type* t) {
  const Type* u = under(t);
  switch (u->kind) {
    case TypeKind::Basic: {
      auto b = static_cast<const Basic*>(u);
      if (b->isString()) return 16;
      switch (b->basic) {
        case BasicKind::Bool:
        case BasicKind::Int8:
        case BasicKind::Uint8: return 1;
        case BasicKind::Int16:
        case BasicKind::Uint16: return 2;
        case BasicKind::Int32:
        case BasicKind::Uint32:
        case BasicKind::Float32: return 4;
        case BasicKind::Complex128: return 16;
        default: return 8;
      }
    }
    case TypeKind::Slice: return 24;
    case TypeKind::Interface: return 16;
    case TypeKind::Array: {
      auto a = static_cast<const Array*>(u);
      return a->len * sizeOf(a->elem);
    }
    case TypeKind::Struct: {
      auto st = static_cast<const Struct*>(u);
      if (st->fields.empty()) return 0;
      size_t last = st->fields.size() - 1;
      int64_t end = fieldOffset(st, last) + sizeOf(st->fields[last].type);
      // gc pads a final zero-size field, so that its address stays inside the struct.
      if (sizeOf(st->fields[last].type) == 0 && end > 0) end += 1;
      int64_t a = alignOf(st);
      return (end + a - 1) / a * a;
    }
    default: return 8;
  }
}

bool nillable(const Type* t) {
  switch (under(t)->kind) {
    case TypeKind::Slice:
    case TypeKind::Map:
    case TypeKind::Chan:
    case TypeKind::Signature:
    case TypeKind::Pointer:
    case TypeKind::Interface: return true;
    default: return false;
  }
}

bool identical(const Type* a, const Type* b, bool ignoreTags) {
  if (a == b) return true;
  if (!a || !b || a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Named:
    case TypeKind::Basic: return false;
    case TypeKind::Slice:
      return identical(static_cast<const Slice*>(a)->elem, static_cast<const Slice*>(b)->elem,
                       ignoreTags);
    case TypeKind::Pointer:
      return identical(static_cast<const Pointer*>(a)->elem, static_cast<const Pointer*>(b)->elem,
                       ignoreTags);
    case TypeKind::Array: {
      auto x = static_cast<const Array*>(a);
      auto y = static_cast<const Array*>(b);
      return x->len == y->len && identical(x->elem, y->elem, ignoreTags);
    }
    case TypeKind::Map: {
      auto x = static_cast<const Map*>(a);
      auto y = static_cast<const Map*>(b);
      return identical(x->key, y->key, ignoreTags) && identical(x->elem, y->elem, ignoreTags);
    }
    case TypeKind::Chan: {
      auto x = static_cast<const Chan*>(a);
      auto y = static_cast<const Chan*>(b);
      return x->dir == y->dir && identical(x->elem, y->elem, ignoreTags);
    }
    case TypeKind::Struct: {
      auto x = static_cast<const Struct*>(a);
      auto y = static_cast<const Struct*>(b);
      if (x->fields.size() != y->fields.size()) return false;
      for (size_t i = 0; i < x->fields.size(); ++i) {
        const StructField& f = x->fields[i];
        const StructField& g = y->fields[i];
        if (f.name != g.name || f.embedded != g.embedded || (!ignoreTags && f.tag != g.tag) ||
            !identical(f.type, g.type, ignoreTags)) {
          return false;
        }
      }
      return true;
    }
    case TypeKind::Interface: {
      auto x = static_cast<const Interface*>(a);
      auto y = static_cast<const Interface*>(b);
      if (x->methods.size() != y->methods.size()) return false;
      for (size_t i = 0; i < x->methods.size(); ++i) {
        if (x->methods[i].name != y->methods[i].name ||
            !identical(x->methods[i].sig, y->methods[i].sig, ignoreTags)) {
          return false;
        }
      }
      return true;
    }
    default: break;
  }
  if (a->kind == TypeKind::Signature) {
    auto x = static_cast<const Signature*>(a);
    auto y = static_cast<const Signature*>(b);
    if (x->variadic != y->variadic || x->params.size() != y->params.size() ||
        x->results.size() != y->results.size()) {
      return false;
    }
    for (size_t i = 0; i < x->params.size(); ++i) {
      if (!identical(x->params[i], y->params[i], ignoreTags)) return false;
    }
    for (size_t i = 0; i < x->results.size(); ++i) {
      if (!identical(x->results[i], y->results[i], ignoreTags)) return false;
    }
    return true;
  }
  return false;
}

std::string typeString(const Type* t, bool reflect) {
  if (!t) return "invalid type";
  auto list = [&](const std::vector<const Type*>& types, bool variadic) {
    std::string out;
    for (size_t i = 0; i < types.size(); ++i) {
      if (i) out += ", ";
      if (variadic && i + 1 == types.size()) {
        out += "..." + typeString(types[i], reflect);
      } else {
        out += typeString(types[i], reflect);
      }
    }
    return out;
  };
  auto signature = [&](const Signature* sig) {
    std::string out = "(" + list(sig->params, sig->variadic) + ")";
    if (sig->results.size() == 1) out += " " + typeString(sig->results[0], reflect);
    if (sig->results.size() > 1) out += " (" + list(sig->results, false) + ")";
    return out;
  };
  switch (t->kind) {
    case TypeKind::Basic: {
      auto b = static_cast<const Basic*>(t);
      if (reflect && b->basic == BasicKind::Uint8) return "uint8";
      return b->name;
    }
    case TypeKind::Named: {
      auto n = static_cast<const Named*>(t);
      std::string name =
          n->pkg.empty() || (n->pkg == "main" && !reflect) ? n->name : n->pkg + "." + n->name;
      if (n->typeArgs.empty()) return name;
      // Go's compiler writes `Pair[int, string]`, reflect `main.Pair[int,string]`.
      name += "[";
      for (size_t i = 0; i < n->typeArgs.size(); ++i) {
        if (i) name += reflect ? "," : ", ";
        name += typeString(n->typeArgs[i], reflect);
      }
      return name + "]";
    }
    case TypeKind::Interface: {
      auto it = static_cast<const Interface*>(t);
      if (it->isConstraint()) {
        std::string out;
        if (it->comparableOnly) out = "comparable";
        for (const Method& m : it->methods) {
          out += (out.empty() ? "" : "; ") + m.name + signature(m.sig);
        }
        for (const std::vector<TypeTerm>& u : it->unions) {
          if (!out.empty()) out += "; ";
          for (size_t i = 0; i < u.size(); ++i) {
            out += (i ? " | " : "") + std::string(u[i].tilde ? "~" : "") +
                   typeString(u[i].type, reflect);
          }
        }
        return "interface{" + out + "}";
      }
      if (it->methods.empty()) return reflect ? "interface {}" : "any";
      std::string out = reflect ? "interface { " : "interface{";
      for (size_t i = 0; i < it->methods.size(); ++i) {
        if (i) out += "; ";
        out += it->methods[i].name + signature(it->methods[i].sig);
      }
      return out + (reflect ? " }" : "}");
    }
    case TypeKind::Slice: return "[]" + typeString(static_cast<const Slice*>(t)->elem, reflect);
    case TypeKind::Array: {
      auto a = static_cast<const Array*>(t);
      return "[" + std::to_string(a->len) + "]" + typeString(a->elem, reflect);
    }
    case TypeKind::Pointer: return "*" + typeString(static_cast<const Pointer*>(t)->elem, reflect);
    case TypeKind::Map: {
      auto m = static_cast<const Map*>(t);
      return "map[" + typeString(m->key, reflect) + "]" + typeString(m->elem, reflect);
    }
    case TypeKind::Chan: {
      auto c = static_cast<const Chan*>(t);
      std::string elem = typeString(c->elem, reflect);
      if (c->dir == ChanDir::Send) return "chan<- " + elem;
      if (c->dir == ChanDir::Recv) return "<-chan " + elem;
      // chan (<-chan T) needs parentheses so the arrow binds as written.
      auto inner = asChan(c->elem);
      if (c->elem->kind == TypeKind::Chan && inner->dir == ChanDir::Recv) elem = "(" + elem + ")";
      return "chan " + elem;
    }
    case TypeKind::Struct: {
      auto st = static_cast<const Struct*>(t);
      if (st->fields.empty()) return reflect ? "struct {}" : "struct{}";
      std::string out = reflect ? "struct { " : "struct{";
      for (size_t i = 0; i < st->fields.size(); ++i) {
        if (i) out += "; ";
        const StructField& f = st->fields[i];
        if (!f.embedded) out += f.name + " ";
        out += typeString(f.type, reflect);
        if (!f.tag.empty()) out += " \"" + f.tag + "\"";
      }
      return out + (reflect ? " }" : "}");
    }
    case TypeKind::Tuple: return "(" + list(static_cast<const Tuple*>(t)->types, false) + ")";
    case TypeKind::Signature: return "func" + signature(static_cast<const Signature*>(t));
  }
  return "";
}

}  // namespace gol::check
