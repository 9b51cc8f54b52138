// Type expressions: named, array, slice, map, chan, pointer, struct, interface and func
// types as written in the source.
#include "interpreter/check/checker_impl.h"

namespace gol::check {

const Type* Checker::typeExpr(const Expr* e) {
  const Type* invalid = basicType(BasicKind::Invalid);
  // A constraint is allowed where the caller asked for one, not inside it (`[]Number`).
  bool constraintAllowed = std::exchange(constraintContext_, false);
  if (auto p = as<ParenExpr>(e)) {
    constraintContext_ = constraintAllowed;
    return typeExpr(p->x);
  }
  if (auto id = as<Ident>(e)) {
    Object* obj = lookup(id->name);
    if (!obj) {
      error(id->pos, "undefined: " + id->name);
      return invalid;
    }
    info_.uses[id] = obj;
    obj->used = true;
    if (obj->kind != Object::Kind::TypeName) {
      error(id->pos, id->name + " is not a type");
      return invalid;
    }
    if (obj->isGenericType()) {
      error(id->pos, "cannot use generic type " + id->name +
                         typeParamText(obj->genericSpec->typeParams) + " without instantiation");
      return invalid;
    }
    if (!obj->type) {  // an alias not resolved yet
      if (PendingType* p = pendingTypeFor(obj)) resolveType(*p);
      if (!obj->type) return invalid;
    }
    if (const Interface* c = asInterface(obj->type); c && c->isConstraint() && !constraintAllowed) {
      error(id->pos,
            "cannot use type " + id->name + " outside a type constraint: interface " +
                (c->comparableOnly ? "is (or embeds) comparable" : "contains type constraints"));
      return invalid;
    }
    return obj->type;
  }
  if (auto ix = as<IndexExpr>(e)) {
    Object* generic = genericObject(ix->x);
    if (generic && generic->isGenericType()) return instantiateType(generic, ix);
    if (generic) {
      error(ix->pos, exprString(ix) + " is not a type");
    } else {
      const Type* t = typeExpr(ix->x);
      if (t != invalid) error(ix->x->pos, typeString(t) + " is not a generic type");
    }
    return invalid;
  }
  if (auto sel = as<SelectorExpr>(e)) {
    const Object* member = packageMember(sel);
    if (!member) return invalid;
    if (member->kind != Object::Kind::TypeName) {
      error(sel->pos, exprString(sel) + " is not a type");
      return invalid;
    }
    if (member->isGenericType()) {
      error(sel->pos, "cannot use generic type " + exprString(sel) + " without instantiation");
      return invalid;
    }
    if (const Interface* c = asInterface(member->type);
        c && c->isConstraint() && !constraintAllowed) {
      error(sel->pos, "cannot use type " + exprString(sel) +
                          " outside a type constraint: interface contains type constraints");
      return invalid;
    }
    return member->type;
  }
  if (auto ft = as<FuncType>(e)) return signatureOf(ft);
  if (auto star = as<StarExpr>(e)) {
    const Type* elem = typeExpr(star->x);
    return elem == invalid ? elem : pointerTo(elem);
  }
  if (auto a = as<ArrayType>(e)) {
    const Type* elem = typeExpr(a->elem);
    if (elem == invalid) return elem;
    if (!a->len) return sliceOf(elem);
    if (as<Ellipsis>(a->len)) {
      error(a->len->pos, "invalid use of [...] array (outside a composite literal)");
      return invalid;
    }
    int64_t n = arrayLength(a->len);
    return n < 0 ? invalid : arrayOf(elem, n);
  }
  if (auto m = as<MapType>(e)) {
    const Type* key = typeExpr(m->key);
    const Type* value = typeExpr(m->value);
    if (key == invalid || value == invalid) return invalid;
    if (!comparableOrPending(key)) {
      error(m->key->pos, "invalid map key type " + typeString(key));
      return invalid;
    }
    return mapOf(key, value);
  }
  if (auto st = as<StructType>(e)) return structType(st);
  if (auto it = as<InterfaceType>(e)) return interfaceType(it);
  if (auto ch = as<ChanType>(e)) {
    const Type* elem = typeExpr(ch->elem);
    if (elem == invalid) return invalid;
    check::ChanDir dir = ch->dir == syntax::ChanDir::Send   ? check::ChanDir::Send
                         : ch->dir == syntax::ChanDir::Recv ? check::ChanDir::Recv
                                                            : check::ChanDir::Both;
    return chanOf(elem, dir);
  }
  unsupported(e->pos, constructName(e->kind));
  return invalid;
}

int64_t Checker::arrayLength(const Expr* e) {
  Operand x = expr(e);
  if (x.invalid()) return -1;
  if (x.mode != Mode::Constant) {
    error(e->pos, "array length " + exprString(e) + " (" +
                      (x.mode == Mode::Variable ? "variable" : "value") + " of type " +
                      typeString(x.type) + ") must be constant");
    return -1;
  }
  auto v = x.val.toInt();
  const Basic* b = asBasic(x.type);
  if (!v || !b || (!b->isInteger() && !isUntyped(x.type))) {
    error(e->pos, "array length " + describe(x) + " must be integer");
    return -1;
  }
  if (*v < 0) {
    error(e->pos, "invalid array length " + exprString(e) + " (untyped int constant " +
                      x.val.toString() + ")");
    return -1;
  }
  if (isUntyped(x.type)) convertUntyped(x, basicType(BasicKind::Int));
  return x.val.int64Value();
}

const Type* Checker::structType(const StructType* st) {
  Struct* t = newType<Struct>();
  std::map<std::string, Pos> seen;
  for (const Field* f : st->fields) {
    const Type* ft = typeExpr(f->type);
    std::string tag = f->tag ? f->tag->decoded : "";
    auto add = [&](const std::string& name, Pos pos, bool embedded) {
      if (name != "_" && seen.count(name)) {
        error(pos, name + " redeclared\n\t" + fileName_ + ":" + std::to_string(seen[name].line) +
                       ":" + std::to_string(seen[name].col) + ": other declaration of " + name);
        return;
      }
      seen[name] = pos;
      t->fields.push_back(StructField{name, ft, embedded, tag});
    };
    if (f->names.empty()) {
      // An embedded field is named after its type: T, *T, pkg.T or T[int].
      const Expr* te = unparen(f->type);
      if (auto star = as<StarExpr>(te)) te = unparen(star->x);
      if (auto inst = as<IndexExpr>(te)) te = unparen(inst->x);
      std::string name;
      if (auto id = as<Ident>(te)) name = id->name;
      if (auto sel = as<SelectorExpr>(te)) name = sel->sel->name;
      if (name.empty()) {
        error(f->type->pos, "invalid embedded field type " + exprString(f->type));
        continue;
      }
      // `struct{ *B }` may name a B declared further down, whose underlying type is
      // known only once every type declaration is resolved: checked then, as Go does.
      PendingEmbedded embedded{f->type->pos, ft};
      if (embeddedTypeUnresolved(embedded)) {
        pendingEmbedded_.push_back(embedded);
      } else if (!checkEmbedded(embedded)) {
        continue;
      }
      add(name, f->type->pos, true);
      continue;
    }
    for (const Ident* id : f->names) add(id->name, id->pos, false);
  }
  return t;
}

const Type* Checker::interfaceType(const InterfaceType* it) {
  if (it->elems.empty()) return anyType();
  Interface* t = newType<Interface>();
  for (const Field* f : it->elems) {
    if (f->names.empty()) {
      // An embedded interface, or a constraint's union of types (`~int | ~string`).
      if (isUnionElement(f->type)) {
        t->unions.push_back(unionTerms(f->type));
        continue;
      }
      constraintContext_ = true;
      const Type* embedded = typeExpr(f->type);
      if (embedded == basicType(BasicKind::Invalid)) continue;
      const Interface* ei = asInterface(embedded);
      if (!ei) {
        t->unions.push_back({TypeTerm{false, embedded}});
        continue;
      }
      for (const Method& m : ei->methods) {
        if (!t->find(m.name)) t->methods.push_back(m);
      }
      for (const std::vector<TypeTerm>& u : ei->unions) t->unions.push_back(u);
      t->comparableOnly = t->comparableOnly || ei->comparableOnly;
      continue;
    }
    auto ft = as<FuncType>(f->type);
    if (!ft) continue;
    Method m;
    m.name = f->names[0]->name;
    m.sig = signatureOf(ft);
    if (t->find(m.name)) {
      error(f->names[0]->pos, "duplicate method " + m.name);
      continue;
    }
    t->methods.push_back(m);
  }
  std::sort(t->methods.begin(), t->methods.end(),
            [](const Method& a, const Method& b) { return a.name < b.name; });
  if (t->methods.empty() && !t->isConstraint()) return anyType();
  return t;
}

const Signature* Checker::signatureOf(const FuncType* t) {
  Signature* sig = newType<Signature>();
  for (const Field* f : t->params) {
    const Expr* te = f->type;
    bool variadic = false;
    if (auto e = as<Ellipsis>(te)) {
      if (f != t->params.back() || f->names.size() > 1) {
        error(e->pos, "can only use ... with final parameter in list");
      }
      te = e->elem;
      variadic = true;
    }
    sig->variadic = sig->variadic || variadic;
    const Type* pt = typeExpr(te);
    for (size_t i = 0; i < std::max<size_t>(1, f->names.size()); ++i) sig->params.push_back(pt);
  }
  for (const Field* f : t->results) {
    const Type* rt = typeExpr(f->type);
    for (size_t i = 0; i < std::max<size_t>(1, f->names.size()); ++i) sig->results.push_back(rt);
  }
  return sig;
}

}  // namespace gol::check
