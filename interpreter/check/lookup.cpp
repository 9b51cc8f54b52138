#include "interpreter/check/lookup.h"

#include <set>

namespace gol::check {

namespace {

struct Candidate {
  const Type* type;  // pointers removed
  std::vector<FieldStep> path;
  bool viaPointer;  // this value is reached through a pointer
  bool indirect;    // some step of the walk went through a pointer
};

const Type* pointerBase(const Type* t, bool* isPointer) {
  if (t->kind == TypeKind::Pointer) {
    *isPointer = true;
    return static_cast<const Pointer*>(t)->elem;
  }
  if (const Named* n = asNamed(t); n && n->underlying->kind == TypeKind::Pointer) {
    *isPointer = true;
    return static_cast<const Pointer*>(n->underlying)->elem;
  }
  *isPointer = false;
  return t;
}

}  // namespace

LookupResult lookupFieldOrMethod(const Type* t, const std::string& name, Selection* out) {
  if (name == "_") return LookupResult::NotFound;
  bool startsAsPointer = false;
  const Named* namedPointer =
      asNamed(t) && asNamed(t)->underlying->kind == TypeKind::Pointer ? asNamed(t) : nullptr;
  t = pointerBase(t, &startsAsPointer);
  std::vector<Candidate> current{{t, {}, startsAsPointer, startsAsPointer}};
  std::set<const Named*> seen;
  while (!current.empty()) {
    std::vector<Candidate> next;
    int found = 0;
    Selection result;
    for (const Candidate& c : current) {
      const Type* type = c.type;
      if (const Named* named = asNamed(type)) {
        if (seen.count(named)) continue;
        seen.insert(named);
        // A named pointer type has no methods of its own base.
        const Method* m = namedPointer && c.path.empty() ? nullptr : named->find(name);
        if (m) {
          ++found;
          result = Selection{};
          result.kind = Selection::Kind::Method;
          result.path = c.path;
          result.type = m->sig;
          result.method = m;
          result.recvNamed = named;
          result.recvBase = c.viaPointer ? static_cast<const Type*>(pointerTo(type)) : type;
          result.indirect = c.indirect;
          continue;
        }
      }
      const Type* u = under(type);
      if (u->kind == TypeKind::Struct) {
        auto st = static_cast<const Struct*>(u);
        for (size_t i = 0; i < st->fields.size(); ++i) {
          const StructField& f = st->fields[i];
          FieldStep step{static_cast<int>(i), c.viaPointer};
          if (f.name == name) {
            ++found;
            result = Selection{};
            result.kind = Selection::Kind::Field;
            result.path = c.path;
            result.path.push_back(step);
            result.type = f.type;
            result.indirect = c.indirect;
            continue;
          }
          if (f.embedded) {
            Candidate e{nullptr, c.path, false, c.indirect};
            e.path.push_back(step);
            e.type = pointerBase(f.type, &e.viaPointer);
            e.indirect = e.indirect || e.viaPointer;
            next.push_back(std::move(e));
          }
        }
      } else if (u->kind == TypeKind::Interface) {
        if (const Method* m = static_cast<const Interface*>(u)->find(name)) {
          ++found;
          result = Selection{};
          result.kind = Selection::Kind::InterfaceMethod;
          result.path = c.path;
          result.type = m->sig;
          result.method = m;
          result.recvBase = type;
          result.indirect = c.indirect;
        }
      }
    }
    if (found > 1) return LookupResult::Ambiguous;
    if (found == 1) {
      *out = result;
      return LookupResult::Found;
    }
    current = std::move(next);
  }
  return LookupResult::NotFound;
}

bool implements(const Type* t, const Interface* iface, std::string* reason) {
  std::string tname = typeString(t);
  for (const Method& want : iface->methods) {
    if (const Interface* ti = asInterface(t)) {
      const Method* have = ti->find(want.name);
      if (!have) {
        *reason = "(missing method " + want.name + ")";
        return false;
      }
      if (!identical(have->sig, want.sig)) {
        *reason = "(wrong type for method " + want.name + ")\n\t\thave " + want.name +
                  typeString(have->sig).substr(4) + "\n\t\twant " + want.name +
                  typeString(want.sig).substr(4);
        return false;
      }
      continue;
    }
    Selection sel;
    LookupResult r = lookupFieldOrMethod(t, want.name, &sel);
    if (r != LookupResult::Found || sel.kind == Selection::Kind::Field) {
      *reason = "(missing method " + want.name + ")";
      return false;
    }
    if (!identical(sel.method->sig, want.sig)) {
      *reason = "(wrong type for method " + want.name + ")\n\t\thave " + want.name +
                typeString(sel.method->sig).substr(4) + "\n\t\twant " + want.name +
                typeString(want.sig).substr(4);
      return false;
    }
    bool isPointer = asPointer(t) != nullptr;
    if (sel.kind == Selection::Kind::Method && sel.method->pointerRecv && !isPointer &&
        !sel.indirect) {
      *reason = "(method " + want.name + " has pointer receiver)";
      return false;
    }
  }
  return true;
}

bool assignableType(const Type* v, const Type* t, std::string* reason) {
  if (identical(v, t)) return true;
  const Type* vu = under(v);
  const Type* tu = under(t);
  if (identical(vu, tu) && (!asNamed(v) || !asNamed(t)) && vu->kind != TypeKind::Basic) {
    return true;
  }
  // A bidirectional channel is assignable to a directional one of the same element type.
  if (vu->kind == TypeKind::Chan && tu->kind == TypeKind::Chan && (!asNamed(v) || !asNamed(t))) {
    auto vc = static_cast<const Chan*>(vu);
    auto tc = static_cast<const Chan*>(tu);
    if (vc->dir == ChanDir::Both && identical(vc->elem, tc->elem)) return true;
  }
  if (const Interface* it = asInterface(t)) {
    if (implements(v, it, reason)) return true;
    *reason = typeString(v) + " does not implement " + typeString(t) + " " + *reason;
    return false;
  }
  return false;
}

}  // namespace gol::check
