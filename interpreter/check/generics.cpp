// Generics: type parameter lists, constraints and their type sets, instantiation and
// type argument inference.
//
// Gol instantiates at check time. Each distinct list of type arguments of a generic
// function or type gets a copy of the declaration (syntax::cloneFuncDecl), checked in a
// scope that binds each type parameter's name to its argument; the copy is then an
// ordinary function (or the methods of an ordinary named type) for the compiler, which
// emits the same specialised nodes as for code written for those types. Instances are
// kept in instances_, so that `List[int]` is one type however often it is written.
//
// Invariants: a generic Object (isGenericFunc, isGenericType) is never compiled and never
// has a type of its own; an instance's bodies are checked after every declaration (in
// checkPendingBodies), so instantiating never re-enters the body being checked.
#include "interpreter/check/checker_impl.h"
#include "interpreter/syntax/ast_clone.h"
#include "interpreter/syntax/ast_walk.h"

namespace gol::check {
namespace {

// An instance that leads to further instances past this depth is an instantiation
// cycle (`func F[T any]() { F[[]T]() }` would never end).
constexpr int kMaxInstanceDepth = 64;

int untypedRank(const Type* t) {
  switch (asBasic(t)->basic) {
    case BasicKind::UntypedInt: return 1;
    case BasicKind::UntypedRune: return 2;
    case BasicKind::UntypedFloat: return 3;
    case BasicKind::UntypedComplex: return 4;
    default: return 0;
  }
}

std::string unionText(const std::vector<TypeTerm>& terms) {
  std::string out;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (i) out += " | ";
    if (terms[i].tilde) out += "~";
    out += typeString(terms[i].type);
  }
  return out;
}

}  // namespace

int Checker::TypeParamList::indexOf(const std::string& name) const {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] && names[i]->name == name) return static_cast<int>(i);
  }
  return -1;
}

Checker::TypeParamList Checker::typeParamList(const std::vector<Field*>& fields) {
  TypeParamList list;
  for (const Field* f : fields) {
    for (const Ident* id : f->names) {
      list.names.push_back(id);
      list.constraints.push_back(f->type);
    }
  }
  return list;
}

// `[K comparable, V any]`, as Go writes a generic declaration's parameters in messages.
std::string Checker::typeParamText(const std::vector<Field*>& fields) {
  std::string out = "[";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ", ";
    for (size_t j = 0; j < fields[i]->names.size(); ++j) {
      if (j) out += ", ";
      out += fields[i]->names[j]->name;
    }
    out += " " + exprString(fields[i]->type);
  }
  return out + "]";
}

// The generic function or type that `e` (`Max`, `slices.Sort`) names, or null.
Object* Checker::genericTarget(const Expr* e) {
  e = unparen(e);
  Object* o = nullptr;
  if (auto id = as<Ident>(e)) {
    o = lookup(id->name);
  } else if (auto sel = as<SelectorExpr>(e)) {
    auto pkgId = as<Ident>(sel->x);
    Object* pkg = pkgId ? lookup(pkgId->name) : nullptr;
    if (!pkg && pkgId && script_ &&
        (importer_.importByName(pkgId->name) || importer_.golSource(pkgId->name))) {
      pkg = autoImport(pkgId->name);
    }
    if (!pkg || pkg->kind != Object::Kind::PkgName) return nullptr;
    auto it = pkg->package->members.find(sel->sel->name);
    if (it == pkg->package->members.end()) return nullptr;
    o = const_cast<Object*>(&it->second);
  }
  return o && (o->isGenericFunc() || o->isGenericType()) ? o : nullptr;
}

// genericTarget, recording the uses of the names.
Object* Checker::genericObject(const Expr* e) {
  Object* o = genericTarget(e);
  if (!o) return nullptr;
  e = unparen(e);
  if (auto sel = as<SelectorExpr>(e)) {
    Object* pkg = lookup(static_cast<const Ident*>(sel->x)->name);
    pkg->used = true;
    info_.uses[static_cast<const Ident*>(sel->x)] = pkg;
    info_.uses[sel->sel] = o;
  } else {
    info_.uses[static_cast<const Ident*>(e)] = o;
  }
  o->used = true;
  return o;
}

// A scope (under the package scope) where each type parameter names its argument; null
// arguments (not inferred yet) are left out.
Scope* Checker::bindTypeParams(const TypeParamList& tps, const std::vector<const Type*>& args,
                               Scope* home) {
  auto scope = std::make_unique<Scope>();
  scope->parent = home;
  for (size_t i = 0; i < tps.size() && i < args.size(); ++i) {
    if (!args[i] || tps.names[i]->name == "_") continue;
    Object o{Object::Kind::TypeName, tps.names[i]->name};
    o.pos = tps.names[i]->pos;
    o.type = args[i];
    o.used = true;
    scope->names[o.name] = newObject(o);
  }
  instanceScopes_.push_back(std::move(scope));
  return instanceScopes_.back().get();
}

bool Checker::isUnionElement(const Expr* e) {
  if (auto b = as<BinaryExpr>(e)) return b->op == Token::Or;
  if (auto u = as<UnaryExpr>(e)) return u->op == Token::Tilde;
  return false;
}

// The terms of `A | ~B | ...`.
std::vector<TypeTerm> Checker::unionTerms(const Expr* e) {
  std::vector<TypeTerm> terms;
  std::vector<const Expr*> ordered;
  // Unions are left-nested (`(A | B) | C`); collect the terms left to right.
  std::function<void(const Expr*)> collect = [&](const Expr* t) {
    if (auto b = as<BinaryExpr>(t); b && b->op == Token::Or) {
      collect(b->x);
      collect(b->y);
      return;
    }
    ordered.push_back(t);
  };
  collect(e);
  for (const Expr* t : ordered) {
    TypeTerm term;
    if (auto u = as<UnaryExpr>(t); u && u->op == Token::Tilde) {
      term.tilde = true;
      t = u->x;
    }
    constraintContext_ = true;
    term.type = typeExpr(t);
    if (term.type == basicType(BasicKind::Invalid)) continue;
    if (term.tilde && under(term.type) != term.type) {
      error(t->pos, "invalid use of ~ (underlying type of " + typeString(term.type) + " is " +
                        typeString(under(term.type)) + ")");
      continue;
    }
    if (const Interface* ti = asInterface(term.type); ti && !ti->methods.empty()) {
      error(t->pos, "cannot use " + typeString(term.type) + " in union (" + typeString(term.type) +
                        " contains methods)");
      continue;
    }
    terms.push_back(term);
  }
  return terms;
}

// The interface a type parameter's constraint denotes: `any`, a named or literal
// interface, or the implicit `interface{ ~int | ~string }` of a bare union or type.
const Interface* Checker::constraintOf(const Expr* e) {
  if (isUnionElement(e)) {
    Interface* c = newType<Interface>();
    c->unions.push_back(unionTerms(e));
    return c;
  }
  constraintContext_ = true;
  const Type* t = typeExpr(e);
  if (const Interface* i = asInterface(t)) return i;
  if (t == basicType(BasicKind::Invalid)) return anyType();
  Interface* c = newType<Interface>();
  c->unions.push_back({TypeTerm{false, t}});
  return c;
}

// Whether t is in c's type set; if not, `cause` says why, as Go's message ends.
bool Checker::satisfies(const Type* t, const Interface* c, std::string* cause) {
  if (c->comparableOnly && !comparable(t)) return false;
  for (const std::vector<TypeTerm>& u : c->unions) {
    bool found = false;
    for (const TypeTerm& term : u) {
      if (const Interface* ti = asInterface(term.type); ti && !term.tilde) {
        std::string ignored;
        found = found || satisfies(t, ti, &ignored);
      } else if (term.tilde ? identical(under(t), under(term.type)) : identical(t, term.type)) {
        found = true;
      }
    }
    if (!found) {
      *cause = " (" + typeString(t) + " missing in " + unionText(u) + ")";
      return false;
    }
  }
  std::string reason;
  if (!c->methods.empty() && !implements(t, c, &reason)) {
    *cause = " " + reason;
    return false;
  }
  return true;
}

bool Checker::verifyTypeArgs(const TypeParamList& tps, Scope* bound,
                             const std::vector<const Type*>& args, const std::vector<Pos>& at) {
  Scope* saved = scope_;
  scope_ = bound;
  bool ok = true;
  for (size_t i = 0; i < tps.size() && ok; ++i) {
    const Interface* c = constraintOf(tps.constraints[i]);
    std::string cause;
    if (!satisfies(args[i], c, &cause)) {
      error(at[std::min(i, at.size() - 1)],
            typeString(args[i]) + " does not satisfy " + exprString(tps.constraints[i]) + cause);
      ok = false;
    }
  }
  scope_ = saved;
  return ok;
}

Checker::Instance* Checker::findInstance(const Object* generic,
                                         const std::vector<const Type*>& args) {
  for (Instance& in : instances_) {
    if (in.generic != generic || in.args.size() != args.size()) continue;
    bool same = true;
    for (size_t i = 0; i < args.size() && same; ++i) same = identical(in.args[i], args[i]);
    if (same) return &in;
  }
  return nullptr;
}

bool Checker::typeArgs(const IndexExpr* e, std::vector<const Type*>* out, std::vector<Pos>* at) {
  for (const Expr* ix : e->indices) {
    const Type* t = typeExpr(ix);
    if (t == basicType(BasicKind::Invalid)) return false;
    out->push_back(t);
    at->push_back(ix->pos);
  }
  return true;
}

const Type* Checker::instantiateType(Object* generic, const IndexExpr* e) {
  std::vector<const Type*> args;
  std::vector<Pos> at;
  if (!typeArgs(e, &args, &at)) return basicType(BasicKind::Invalid);
  return instantiateTypeWith(generic, args, at, e->pos);
}

const Type* Checker::instantiateTypeWith(Object* generic, const std::vector<const Type*>& args,
                                         const std::vector<Pos>& at, Pos pos) {
  const Type* invalid = basicType(BasicKind::Invalid);
  const TypeSpec* spec = generic->genericSpec;
  TypeParamList tps = typeParamList(spec->typeParams);
  if (args.size() != tps.size()) {
    error(pos, std::string(args.size() < tps.size() ? "not enough" : "too many") +
                   " type arguments for type " + generic->name + ": have " +
                   std::to_string(args.size()) + ", want " + std::to_string(tps.size()));
    return invalid;
  }
  if (Instance* in = findInstance(generic, args)) return in->type;
  if (instanceDepth_ > kMaxInstanceDepth) {
    error(pos, "instantiation cycle");
    return invalid;
  }
  Named* n = newType<Named>();
  n->name = generic->name;
  n->pkg = generic->package ? generic->package->path : "main";
  n->typeArgs = args;
  n->origin = generic;
  instances_.push_back(Instance{generic, args, nullptr, n});
  Scope* bound = bindTypeParams(tps, args, homeScope(generic));
  ++instanceDepth_;
  verifyTypeArgs(tps, bound, args, at);
  Scope* saved = scope_;
  scope_ = bound;
  const Type* t = typeExpr(cloneExpr(*info_.instanceAst, spec->type));
  scope_ = saved;
  if (const Named* tn = asNamed(t); tn && !tn->underlying) {
    for (PendingType& q : pendingTypes_) {
      if (q.obj->type == tn) resolveType(q);
    }
  }
  n->underlying = t && under(t) ? under(t) : invalid;
  std::vector<const Named*> stack;
  if (containsItself(n, n, stack)) {
    error(generic->pos, "invalid recursive type " + generic->name);
    n->underlying = invalid;
  }
  // Methods declared so far; later ones are added by declareGenericMethod. The list
  // may grow while we add (a method's signature may instantiate further types).
  for (size_t i = 0; i < genericMethods_[generic].size(); ++i) {
    addInstanceMethod(n, genericMethods_[generic][i]);
  }
  --instanceDepth_;
  return n;
}

// A generic type's method, for one instance: a copy checked with the receiver's type
// parameters naming the instance's type arguments.
void Checker::addInstanceMethod(Named* inst, const FuncDecl* m) {
  const Expr* te = unparen(m->recv->type);
  bool pointer = false;
  if (auto star = as<StarExpr>(te)) {
    pointer = true;
    te = unparen(star->x);
  }
  auto base = as<IndexExpr>(te);
  TypeParamList tps;
  for (const Expr* ix : base->indices) {
    tps.names.push_back(as<Ident>(ix));
    tps.constraints.push_back(nullptr);
  }
  Scope* bound =
      bindTypeParams(tps, inst->typeArgs, homeScope(static_cast<const Object*>(inst->origin)));
  FuncDecl* clone = cloneFuncDecl(*info_.instanceAst, m);
  Scope* saved = scope_;
  scope_ = bound;
  const Signature* sig = signatureOf(clone->type);
  scope_ = saved;
  Method method;
  method.name = m->name->name;
  method.sig = sig;
  method.pointerRecv = pointer;
  method.decl = clone;
  if (method.name != "_") inst->methods.push_back(method);
  MethodDecl md{clone, inst, pointer, sig};
  md.typeParams = bound;
  md.depth = instanceDepth_;
  methods_.push_back(md);
}

// `func (l *List[T]) Push(v T)`: recorded for the type's instances, present and future.
bool Checker::declareGenericMethod(const FuncDecl* f, const IndexExpr* base, bool pointer) {
  (void)pointer;
  auto id = as<Ident>(unparen(base->x));
  if (!id) {
    error(f->recv->type->pos, "invalid receiver type " + exprString(f->recv->type));
    return false;
  }
  Object* o = lookup(id->name);
  if (!o) {
    error(id->pos, "undefined: " + id->name);
    return false;
  }
  info_.uses[id] = o;
  o->used = true;
  if (!o->isGenericType()) {
    error(id->pos, id->name + " is not a generic type");
    return false;
  }
  size_t want = typeParamList(o->genericSpec->typeParams).size();
  if (base->indices.size() != want) {
    error(base->indices[0]->pos, "receiver declares " + std::to_string(base->indices.size()) +
                                     " type parameters, but receiver base type declares " +
                                     std::to_string(want));
    return false;
  }
  for (const Expr* ix : base->indices) {
    if (!as<Ident>(ix)) {
      error(ix->pos, "receiver type parameter " + exprString(ix) + " must be an identifier");
      return false;
    }
  }
  std::vector<const FuncDecl*>& list = genericMethods_[o];
  for (const FuncDecl* other : list) {
    if (other->name->name == f->name->name && f->name->name != "_") {
      error(f->name->pos, "method " + o->name + "." + f->name->name + " already declared at " +
                              fileName_ + ":" + std::to_string(other->name->pos.line) + ":" +
                              std::to_string(other->name->pos.col));
      return false;
    }
  }
  if (auto st = as<StructType>(o->genericSpec->type)) {
    for (const Field* field : st->fields) {
      for (const Ident* name : field->names) {
        if (name->name == f->name->name) {
          error(f->name->pos, "field and method with the same name " + name->name);
          return false;
        }
      }
    }
  }
  list.push_back(f);
  genericDecls_.push_back(f);
  size_t existing = instances_.size();
  for (size_t i = 0; i < existing; ++i) {
    if (instances_[i].generic == o && instances_[i].type) addInstanceMethod(instances_[i].type, f);
  }
  return true;
}

Object* Checker::instantiateFunc(Object* generic, const std::vector<const Type*>& args,
                                 const std::vector<Pos>& at, Pos pos) {
  if (Instance* in = findInstance(generic, args)) return in->func;
  if (instanceDepth_ > kMaxInstanceDepth) {
    // Go runs such code with one shared instance; Gol makes an instance per type.
    error(pos, generic->name +
                   " instantiates itself with ever larger type arguments: this is "
                   "not supported by Gol yet");
    return nullptr;
  }
  const FuncDecl* decl = generic->decl;
  TypeParamList tps = typeParamList(decl->type->typeParams);
  Scope* bound = bindTypeParams(tps, args, homeScope(generic));
  if (!verifyTypeArgs(tps, bound, args, at)) return nullptr;
  FuncDecl* clone = cloneFuncDecl(*info_.instanceAst, decl);
  clone->type->typeParams.clear();
  Scope* saved = scope_;
  scope_ = bound;
  const Signature* sig = signatureOf(clone->type);
  scope_ = saved;
  Object obj{Object::Kind::Func, generic->name};
  obj.pos = generic->pos;
  obj.decl = clone;
  obj.type = sig;
  obj.used = true;
  Object* o = newObject(obj);
  instances_.push_back(Instance{generic, args, o, nullptr});
  std::string pkgName = generic->package ? generic->package->name : "main";
  funcInstanceBodies_.push_back(FuncInstanceBody{
      clone, sig, bound, pkgName + "." + generic->name + "[...]", instanceDepth_ + 1});
  return o;
}

// `Max[int]` or `List[string]` outside a call's function position (or a call with all
// type arguments given).
Operand Checker::instantiationExpr(const IndexExpr* e, Object* generic) {
  Operand r = invalidOperand(e);
  std::vector<const Type*> args;
  std::vector<Pos> at;
  if (!typeArgs(e, &args, &at)) return r;
  if (generic->isGenericType()) {
    const Type* t = instantiateTypeWith(generic, args, at, e->pos);
    if (t == basicType(BasicKind::Invalid)) return r;
    r.mode = Mode::TypeExpr;
    r.type = t;
    return r;
  }
  TypeParamList tps = typeParamList(generic->decl->type->typeParams);
  if (args.size() > tps.size()) {
    error(at.back(), "got " + std::to_string(args.size()) + " type arguments but want " +
                         std::to_string(tps.size()));
    return r;
  }
  if (args.size() < tps.size()) {
    // `Sort[[]int]`: the rest may follow from the constraints' core types.
    std::vector<Operand> none;
    return genericCall(e, nullptr, generic, args, at, none);
  }
  Object* inst = instantiateFunc(generic, args, at, e->pos);
  if (!inst) return r;
  recordInstance(e, inst);
  r.mode = Mode::Value;
  r.type = inst->type;
  return r;
}

// The function expression of a call (through parentheses and `[...]`) now denotes the
// instance: the compiler finds it through `uses` and `instantiations`.
void Checker::recordInstance(const Expr* fun, const Object* inst) {
  TypeAndValue tv;
  tv.mode = Mode::Value;
  tv.type = inst->type;
  referFunc(inst->decl);
  for (const Expr* e = fun;;) {
    info_.types[e] = tv;
    if (auto p = as<ParenExpr>(e)) {
      e = p->x;
      continue;
    }
    if (auto ix = as<IndexExpr>(e)) {
      info_.instantiations.insert(ix);
      e = ix->x;
      continue;
    }
    if (auto id = as<Ident>(e)) info_.uses[id] = inst;
    if (auto sel = as<SelectorExpr>(e)) info_.uses[sel->sel] = inst;
    break;
  }
}

bool Checker::mentionsUnbound(const Expr* e, const TypeParamList& tps,
                              const std::vector<const Type*>& bound) {
  if (!e) return false;
  switch (e->kind) {
    case NodeKind::Ident: {
      int i = tps.indexOf(static_cast<const Ident*>(e)->name);
      return i >= 0 && !bound[static_cast<size_t>(i)];
    }
    case NodeKind::ParenExpr:
      return mentionsUnbound(static_cast<const ParenExpr*>(e)->x, tps, bound);
    case NodeKind::StarExpr: return mentionsUnbound(static_cast<const StarExpr*>(e)->x, tps, bound);
    case NodeKind::UnaryExpr:
      return mentionsUnbound(static_cast<const UnaryExpr*>(e)->x, tps, bound);
    case NodeKind::Ellipsis:
      return mentionsUnbound(static_cast<const Ellipsis*>(e)->elem, tps, bound);
    case NodeKind::ArrayType:
      return mentionsUnbound(static_cast<const ArrayType*>(e)->elem, tps, bound);
    case NodeKind::ChanType:
      return mentionsUnbound(static_cast<const ChanType*>(e)->elem, tps, bound);
    case NodeKind::MapType: {
      auto m = static_cast<const MapType*>(e);
      return mentionsUnbound(m->key, tps, bound) || mentionsUnbound(m->value, tps, bound);
    }
    case NodeKind::IndexExpr: {
      auto ix = static_cast<const IndexExpr*>(e);
      for (const Expr* i : ix->indices) {
        if (mentionsUnbound(i, tps, bound)) return true;
      }
      return false;
    }
    case NodeKind::FuncType: {
      auto ft = static_cast<const FuncType*>(e);
      for (const auto* list : {&ft->params, &ft->results}) {
        for (const Field* f : *list) {
          if (mentionsUnbound(f->type, tps, bound)) return true;
        }
      }
      return false;
    }
    case NodeKind::StructType: {
      for (const Field* f : static_cast<const StructType*>(e)->fields) {
        if (mentionsUnbound(f->type, tps, bound)) return true;
      }
      return false;
    }
    default: return false;
  }
}

// Unifies a parameter's type expression with an argument's type, binding the type
// parameters it mentions. False on a mismatch, with `why` saying what did not match.
bool Checker::unify(const Expr* param, const Type* arg, const TypeParamList& tps,
                    std::vector<const Type*>& bound, std::string* why) {
  param = unparen(param);
  if (!arg || arg == basicType(BasicKind::Invalid)) return true;
  auto fail = [&] {
    *why = exprString(param);
    return false;
  };
  switch (param->kind) {
    case NodeKind::Ident: {
      auto id = static_cast<const Ident*>(param);
      int i = tps.indexOf(id->name);
      if (i < 0) return true;
      const Type*& b = bound[static_cast<size_t>(i)];
      if (!b || identical(b, arg)) {
        if (!b) b = arg;
        return true;
      }
      // Inexact unification: a defined type and a type literal with the same underlying
      // type unify, and the parameter takes the defined type.
      if (identical(under(b), under(arg)) && (asNamed(b) == nullptr) != (asNamed(arg) == nullptr)) {
        if (asNamed(arg)) b = arg;
        return true;
      }
      *why = "inferred type " + typeString(b) + " for " + id->name;
      return false;
    }
    case NodeKind::StarExpr: {
      const Pointer* p = asPointer(arg);
      return p ? unify(static_cast<const StarExpr*>(param)->x, p->elem, tps, bound, why) : fail();
    }
    case NodeKind::ArrayType: {
      auto at = static_cast<const ArrayType*>(param);
      if (!at->len) {
        const Slice* s = asSliceType(arg);
        return s ? unify(at->elem, s->elem, tps, bound, why) : fail();
      }
      const Array* a = asArray(arg);
      return a ? unify(at->elem, a->elem, tps, bound, why) : fail();
    }
    case NodeKind::MapType: {
      auto mt = static_cast<const MapType*>(param);
      const Map* m = asMap(arg);
      if (!m) return fail();
      return unify(mt->key, m->key, tps, bound, why) && unify(mt->value, m->elem, tps, bound, why);
    }
    case NodeKind::ChanType: {
      const Chan* c = asChan(arg);
      return c ? unify(static_cast<const ChanType*>(param)->elem, c->elem, tps, bound, why)
               : fail();
    }
    case NodeKind::FuncType: {
      auto ft = static_cast<const FuncType*>(param);
      const Signature* sig = asSignature(arg);
      if (!sig) return fail();
      auto unifyList = [&](const std::vector<Field*>& fields,
                           const std::vector<const Type*>& types) {
        size_t k = 0;
        for (const Field* f : fields) {
          for (size_t n = 0; n < std::max<size_t>(1, f->names.size()); ++n, ++k) {
            if (k >= types.size()) return fail();
            const Expr* te = f->type;
            if (auto el = as<Ellipsis>(te)) te = el->elem;
            if (!unify(te, types[k], tps, bound, why)) return false;
          }
        }
        return k == types.size() ? true : fail();
      };
      return unifyList(ft->params, sig->params) && unifyList(ft->results, sig->results);
    }
    case NodeKind::IndexExpr: {
      auto ix = static_cast<const IndexExpr*>(param);
      const Named* n = asNamed(arg);
      const Object* g = genericTarget(ix->x);
      if (!g || !g->isGenericType()) return true;
      if (n && n->origin == g && n->typeArgs.size() == ix->indices.size()) {
        for (size_t i = 0; i < ix->indices.size(); ++i) {
          if (!unify(ix->indices[i], n->typeArgs[i], tps, bound, why)) return false;
        }
        return true;
      }
      // Any type implementing a generic interface may be passed; assignment decides.
      if (as<InterfaceType>(g->genericSpec->type)) return true;
      // Otherwise the argument's underlying type against the generic type's definition
      // (a func literal passed as a `Func2[A, B, R]`), then its parameters against ours.
      TypeParamList inner = typeParamList(g->genericSpec->typeParams);
      if (inner.size() != ix->indices.size()) return fail();
      std::vector<const Type*> innerBound(inner.size(), nullptr);
      std::string ignored;
      if (!unify(g->genericSpec->type, under(arg), inner, innerBound, &ignored)) return fail();
      for (size_t i = 0; i < inner.size(); ++i) {
        if (innerBound[i] && !unify(ix->indices[i], innerBound[i], tps, bound, why)) return false;
      }
      return true;
    }
    default: return true;
  }
}

// A call of a generic function: the type arguments not given are inferred from the
// arguments (typed ones first, then the constraints' core types, then untyped
// constants), and the call is of that instance.
Operand Checker::genericCall(const Expr* fun, const CallExpr* c, Object* generic,
                             std::vector<const Type*> explicitArgs, std::vector<Pos> explicitAt,
                             std::vector<Operand>& args) {
  Operand r = invalidOperand(fun);
  // Go reports what cannot be inferred at the call's parenthesis.
  Pos inferPos = c && c->lparen.valid() ? c->lparen : fun->pos;
  const FuncDecl* decl = generic->decl;
  TypeParamList tps = typeParamList(decl->type->typeParams);
  if (explicitArgs.size() > tps.size()) {
    error(explicitAt.back(), "got " + std::to_string(explicitArgs.size()) +
                                 " type arguments but want " + std::to_string(tps.size()));
    return r;
  }
  std::vector<const Type*> bound = explicitArgs;
  bound.resize(tps.size(), nullptr);
  // The parameters' type expressions are read where the function was declared.
  Scope* home = homeScope(generic);
  Scope* callerScope = std::exchange(scope_, home);
  struct Restore {
    Scope*& scope;
    Scope* saved;
    ~Restore() { scope = saved; }
  } restore{scope_, callerScope};
  std::vector<const Expr*> params;
  for (const Field* f : decl->type->params) {
    for (size_t n = 0; n < std::max<size_t>(1, f->names.size()); ++n) params.push_back(f->type);
  }
  const Ellipsis* variadic = params.empty() ? nullptr : as<Ellipsis>(params.back());
  // The parameter type expression argument i is passed to (null: none).
  auto paramFor = [&](size_t i, bool* spread) -> const Expr* {
    *spread = false;
    if (variadic && i + 1 >= params.size()) {
      if (c && c->hasEllipsis && i + 1 == args.size()) {
        *spread = true;
        return variadic->elem;
      }
      return variadic->elem;
    }
    return i < params.size() ? params[i] : nullptr;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    bool spread = false;
    const Expr* pe = paramFor(i, &spread);
    if (!pe || isUntyped(args[i].type) || !mentionsUnbound(pe, tps, bound)) continue;
    const Type* argType = args[i].type;
    if (spread) {
      const Slice* s = asSliceType(argType);
      if (!s) continue;
      argType = s->elem;
    }
    std::string why;
    if (!unify(pe, argType, tps, bound, &why)) {
      error(args[i].expr->pos, "type " + typeString(args[i].type) + " of " +
                                   exprString(args[i].expr) + " does not match " + why);
      return r;
    }
  }
  // Core types of the constraints: `S ~[]E` gives E from S, or S from E.
  auto coreTypes = [&] {
    for (size_t round = 0; round <= tps.size(); ++round) {
      bool changed = false;
      for (size_t j = 0; j < tps.size(); ++j) {
        const Expr* ce = unparen(tps.constraints[j]);
        if (auto it = as<InterfaceType>(ce);
            it && it->elems.size() == 1 && it->elems[0]->names.empty()) {
          ce = unparen(it->elems[0]->type);
        }
        bool tilde = false;
        if (auto u = as<UnaryExpr>(ce); u && u->op == Token::Tilde) {
          tilde = true;
          ce = unparen(u->x);
        }
        bool literal = ce->kind == NodeKind::ArrayType || ce->kind == NodeKind::MapType ||
                       ce->kind == NodeKind::ChanType || ce->kind == NodeKind::FuncType ||
                       ce->kind == NodeKind::StarExpr ||
                       (as<Ident>(ce) && tps.indexOf(as<Ident>(ce)->name) >= 0);
        if (!literal) {
          // S bound and its constraint a generic interface with one term (`_SliceOf[E]`,
          // an interface{ ~[]E }): the term against S gives the interface's arguments.
          auto ix = as<IndexExpr>(ce);
          const Object* g = ix && bound[j] ? genericTarget(ix->x) : nullptr;
          auto it = g && g->isGenericType() ? as<InterfaceType>(g->genericSpec->type) : nullptr;
          if (it && it->elems.size() == 1 && it->elems[0]->names.empty()) {
            const Expr* term = unparen(it->elems[0]->type);
            bool termTilde = false;
            if (auto u = as<UnaryExpr>(term); u && u->op == Token::Tilde) {
              termTilde = true;
              term = unparen(u->x);
            }
            TypeParamList inner = typeParamList(g->genericSpec->typeParams);
            std::vector<const Type*> innerBound(inner.size(), nullptr);
            std::string why;
            if (inner.size() == ix->indices.size() &&
                unify(term, termTilde ? under(bound[j]) : bound[j], inner, innerBound, &why)) {
              auto before = std::count(bound.begin(), bound.end(), nullptr);
              for (size_t k = 0; k < inner.size(); ++k) {
                if (innerBound[k]) unify(ix->indices[k], innerBound[k], tps, bound, &why);
              }
              changed = changed || std::count(bound.begin(), bound.end(), nullptr) != before;
            }
            continue;
          }
          // A named constraint with a single type in its type set (`Setter[T]`, an
          // interface{ *T; Set(string) }): that type, once its own parameters are known.
          if (bound[j] || mentionsUnbound(ce, tps, bound) ||
              !(as<Ident>(ce) || as<IndexExpr>(ce))) {
            continue;
          }
          Scope* saved = scope_;
          scope_ = bindTypeParams(tps, bound, home);
          const Interface* c = constraintOf(tps.constraints[j]);
          scope_ = saved;
          if (c->unions.size() == 1 && c->unions[0].size() == 1) {
            bound[j] = c->unions[0][0].type;
            changed = true;
          }
          continue;
        }
        if (bound[j]) {
          auto before = std::count(bound.begin(), bound.end(), nullptr);
          std::string why;
          unify(ce, tilde ? under(bound[j]) : bound[j], tps, bound, &why);
          changed = changed || std::count(bound.begin(), bound.end(), nullptr) != before;
        } else if (!mentionsUnbound(ce, tps, bound)) {
          Scope* saved = scope_;
          scope_ = bindTypeParams(tps, bound, home);
          bound[j] = typeExpr(ce);
          scope_ = saved;
          changed = true;
        }
      }
      if (!changed) break;
    }
  };
  coreTypes();
  // Untyped constants passed to a bare type parameter: the default type of the "largest"
  // kind among them (1 and 2.5 give float64).
  for (size_t j = 0; j < tps.size(); ++j) {
    if (bound[j]) continue;
    const Type* best = nullptr;
    for (size_t i = 0; i < args.size(); ++i) {
      bool spread = false;
      const Expr* pe = paramFor(i, &spread);
      auto id = pe ? as<Ident>(unparen(pe)) : nullptr;
      if (!id || tps.indexOf(id->name) != static_cast<int>(j) || !isUntyped(args[i].type) ||
          args[i].type == basicType(BasicKind::UntypedNil)) {
        continue;
      }
      if (!best || untypedRank(args[i].type) > untypedRank(best)) {
        if (best && (untypedRank(best) == 0 || untypedRank(args[i].type) == 0) &&
            best != args[i].type) {
          error(args[i].expr->pos, "mismatched types " + typeString(best) + " and " +
                                       typeString(args[i].type) + " (cannot infer " + id->name +
                                       ")");
          return r;
        }
        best = args[i].type;
      }
    }
    if (best) bound[j] = defaultType(best);
  }
  coreTypes();
  for (size_t j = 0; j < tps.size(); ++j) {
    if (bound[j]) continue;
    const Ident* missing = tps.names[j];
    error(inferPos, "in call to " + exprString(fun) + ", cannot infer " + missing->name +
                        " (declared at " + fileName_ + ":" + std::to_string(missing->pos.line) +
                        ":" + std::to_string(missing->pos.col) + ")");
    return r;
  }
  std::vector<Pos> at = explicitAt;
  at.resize(tps.size(), inferPos);
  scope_ = callerScope;
  Object* inst = instantiateFunc(generic, bound, at, fun->pos);
  if (!inst) return r;
  recordInstance(fun, inst);
  r.mode = Mode::Value;
  r.type = inst->type;
  return r;
}

// The bodies of methods and of function instances not yet checked. Checking one may
// instantiate further functions and types, whose bodies join the queue.
void Checker::checkPendingBodies(size_t firstMethod) {
  size_t methodsDone = firstMethod;
  while (methodsDone < methods_.size() || funcInstanceBodiesDone_ < funcInstanceBodies_.size()) {
    methodBodies(methodsDone);
    methodsDone = methods_.size();
    while (funcInstanceBodiesDone_ < funcInstanceBodies_.size()) {
      FuncInstanceBody b = funcInstanceBodies_[funcInstanceBodiesDone_++];
      FuncInfo& fi = info_.funcs[b.decl];
      fi.name = b.name;
      if (!b.decl->body) {
        error(b.decl->name->pos, "missing function body");
        continue;
      }
      Scope* savedInstance = std::exchange(instanceScope_, b.typeParams);
      int savedDepth = std::exchange(instanceDepth_, b.depth);
      bool savedIn = std::exchange(inInstance_, true);
      refs_ = script_ || repl_ ? nullptr : &initRefs_[b.decl];
      checkBody(fi, b.decl->type, b.decl->body, b.sig, nullptr);
      refs_ = nullptr;
      instanceScope_ = savedInstance;
      instanceDepth_ = savedDepth;
      inInstance_ = savedIn;
    }
  }
}

// A package used only in generic code that is never instantiated is still used: Go checks
// generic bodies as written, Gol checks their instances.
void Checker::markGenericImports() {
  for (const Node* decl : genericDecls_) {
    walk(decl, [&](const Node* n) {
      auto sel = as<SelectorExpr>(n);
      auto id = sel ? as<Ident>(sel->x) : nullptr;
      if (!id) return;
      auto it = fileScope_.names.find(id->name);
      if (it != fileScope_.names.end() && it->second->kind == Object::Kind::PkgName) {
        it->second->used = true;
      }
    });
  }
}

}  // namespace gol::check
