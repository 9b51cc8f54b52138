// Function bodies and statements: scopes, "declared and not used", labels, the
// terminating-statement rules of "missing return", assignments, if, for, range, switch,
// select, type switches, return, go and defer.
#include "interpreter/check/checker_impl.h"

namespace gol::check {

void Checker::collectLabels(const Stmt* s) {
  if (!s) return;
  if (auto l = as<LabeledStmt>(s)) {
    const std::string& name = l->label->name;
    auto it = fn_->labels.find(name);
    if (it != fn_->labels.end()) {
      Pos other = it->second.stmt->label->pos;
      error(l->label->pos, "label " + name + " already defined at " + fileName_ + ":" +
                               std::to_string(other.line) + ":" + std::to_string(other.col));
    } else if (name != "_") {
      fn_->labels[name] = FuncContext::Label{l};
    }
    collectLabels(l->stmt);
    return;
  }
  if (auto b = as<BlockStmt>(s)) {
    for (const Stmt* x : b->list) collectLabels(x);
  } else if (auto i = as<IfStmt>(s)) {
    collectLabels(i->body);
    collectLabels(i->elseStmt);
  } else if (auto f = as<ForStmt>(s)) {
    collectLabels(f->body);
  } else if (auto r = as<RangeStmt>(s)) {
    collectLabels(r->body);
  } else if (auto sw = as<SwitchStmt>(s)) {
    for (const CaseClause* c : sw->clauses) {
      for (const Stmt* x : c->body) collectLabels(x);
    }
  } else if (auto ts = as<TypeSwitchStmt>(s)) {
    for (const CaseClause* c : ts->clauses) {
      for (const Stmt* x : c->body) collectLabels(x);
    }
  } else if (auto sel = as<SelectStmt>(s)) {
    for (const CommClause* c : sel->clauses) {
      for (const Stmt* x : c->body) collectLabels(x);
    }
  }
}

Object* Checker::newLocal(Ident* id, const Type* type, Scope& scope) {
  Object obj{Object::Kind::Var, id->name};
  obj.pos = id->pos;
  obj.type = type;
  Object* o = newObject(obj);
  // A script's top level declares globals (its functions use them); its blocks, locals.
  if (fn_ && fn_->info && !(fn_->isScript && &scope == &packageScope_)) {
    o->slot = fn_->info->frameSize++;
    o->owner = fn_->info;
    fn_->info->slotTypes.push_back(type);
    fn_->info->slotObjects.push_back(o);
    fn_->locals.push_back(o);
  } else {
    o->isGlobal = true;
    o->slot = info_.globalCount++;
    info_.globalTypes.push_back(type);
  }
  if (id->name == "_") {
    info_.defs[id] = o;
  } else {
    declare(scope, id, o);
  }
  return o;
}

void Checker::funcBody(const FuncDecl* f, const Signature* sig) {
  FuncInfo& fi = info_.funcs[f];
  fi.name = "main." + f->name->name;
  bool isInit = !f->recv && f->name->name == "init" && !repl_;
  if (isInit) {
    // Go's traces number them: main.init.0, main.init.1, ...
    auto at = std::find(info_.initFuncs.begin(), info_.initFuncs.end(), f);
    fi.name += "." + std::to_string(at - info_.initFuncs.begin());
  }
  if ((f->name->name == "main" || isInit) && !f->recv &&
      (!sig->params.empty() || !sig->results.empty())) {
    error(f->name->pos, "func " + f->name->name + " must have no arguments and no return values");
  }
  if (!f->body) {
    error(f->name->pos, "missing function body");
    return;
  }
  refs_ = script_ || repl_ ? nullptr : &initRefs_[f];
  checkBody(fi, f->type, f->body, sig, nullptr);
  refs_ = nullptr;
}

// A function's parameters, results and body, in a context of its own. `parent` is the
// enclosing function's context for a function literal (whose locals it may capture).
void Checker::checkBody(FuncInfo& fi, const FuncType* type, const BlockStmt* body,
                        const Signature* sig, FuncContext* parent, const Field* recv,
                        const Type* recvType) {
  FuncContext ctx;
  ctx.info = &fi;
  ctx.sig = sig;
  ctx.parent = parent;
  FuncContext* savedFn = fn_;
  fn_ = &ctx;
  Scope funcScope;
  funcScope.parent = parent ? scope_ : instanceScope_ ? instanceScope_ : &packageScope_;
  Scope* savedScope = scope_;
  scope_ = &funcScope;
  if (recv) {
    Ident anon(Pos{});
    anon.name = "_";
    Ident* id = recv->names.empty() ? &anon : recv->names[0];
    Object* o = newLocal(id, recvType, funcScope);
    o->used = true;
    fi.params.push_back(o);
  }
  size_t pi = 0;
  for (const Field* field : type->params) {
    if (field->names.empty()) {
      Ident anon(Pos{});
      anon.name = "_";
      Object* o = newLocal(&anon, sig->params[pi++], funcScope);
      o->used = true;
      fi.params.push_back(o);
      continue;
    }
    for (Ident* id : field->names) {
      const Type* pt = sig->params[pi++];
      if (sig->variadic && pi == sig->params.size()) pt = sliceOf(pt);
      Object* o = newLocal(id, pt, funcScope);
      o->used = true;
      fi.params.push_back(o);
    }
  }
  size_t ri = 0;
  for (const Field* field : type->results) {
    if (field->names.empty()) {
      Ident anon(Pos{});
      anon.name = "_";
      Object* o = newLocal(&anon, sig->results[ri++], funcScope);
      o->used = true;
      fi.results.push_back(o);
      continue;
    }
    for (Ident* id : field->names) {
      Object* o = newLocal(id, sig->results[ri++], funcScope);
      o->used = true;
      o->isResult = true;
      o->reassigned = true;  // by return statements
      fi.results.push_back(o);
    }
  }
  for (const Stmt* st : body->list) collectLabels(st);
  blockStmts(body->list, body->pos);
  if (!sig->results.empty() && !terminatingList(body->list)) {
    error(body->rbrace, "missing return");
  }
  for (auto& [name, label] : ctx.labels) {
    if (!label.used) error(label.stmt->label->pos, "label " + name + " defined and not used");
  }
  checkGotos(ctx);
  for (Object* local : ctx.locals) {
    if (!local->used && local->name != "_") {
      error(local->pos, "declared and not used: " + local->name);
    }
  }
  scope_ = savedScope;
  fn_ = savedFn;
}

Operand Checker::funcLit(const FuncLit* lit) {
  Operand r = invalidOperand(lit);
  const Signature* sig = signatureOf(lit->type);
  FuncInfo& fi = info_.lits[lit];
  info_.litOrder.push_back(lit);
  if (fn_ && fn_->info && !fn_->isScript) {
    fi.name = fn_->info->name + (fn_->parent ? "." : ".func") + std::to_string(++fn_->litCount);
  } else {
    fi.name = "main.main.func" + std::to_string(++scriptLitCount_);
  }
  checkBody(fi, lit->type, lit->body, sig, fn_);
  r.mode = Mode::Value;
  r.type = sig;
  return r;
}

// A local of an enclosing function used inside a function literal: every literal
// between the use and the variable's function captures it.
void Checker::capture(Object* o) {
  if (o->isGlobal || !fn_ || o->owner == fn_->info) return;
  o->captured = true;
  for (FuncContext* c = fn_; c && c->info && c->info != o->owner; c = c->parent) {
    auto& caps = c->info->captures;
    if (std::find(caps.begin(), caps.end(), o) == caps.end()) caps.push_back(o);
  }
}

bool Checker::terminatingList(const std::vector<Stmt*>& list) {
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    if (as<EmptyStmt>(*it)) continue;
    return terminating(*it);
  }
  return false;
}

bool Checker::hasBreak(const Stmt* s, bool nested) {
  if (auto b = as<BranchStmt>(s)) return b->tok == Token::Break && !b->label && !nested;
  if (auto b = as<BlockStmt>(s)) {
    for (const Stmt* x : b->list) {
      if (hasBreak(x, nested)) return true;
    }
  }
  if (auto i = as<IfStmt>(s)) {
    return hasBreak(i->body, nested) || (i->elseStmt && hasBreak(i->elseStmt, nested));
  }
  if (auto l = as<LabeledStmt>(s)) return hasBreak(l->stmt, nested);
  return false;
}

bool Checker::terminating(const Stmt* s) {
  switch (s->kind) {
    case NodeKind::ReturnStmt: return true;
    case NodeKind::BranchStmt: {
      auto b = static_cast<const BranchStmt*>(s);
      return b->tok == Token::Goto || b->tok == Token::Fallthrough;
    }
    case NodeKind::ExprStmt: {
      auto call = as<CallExpr>(static_cast<const ExprStmt*>(s)->x);
      if (!call) return false;
      auto id = as<Ident>(call->fun);
      if (!id) return false;
      auto it = info_.uses.find(id);
      return it != info_.uses.end() && it->second->kind == Object::Kind::Builtin &&
             it->second->builtin == Builtin::Panic;
    }
    case NodeKind::BlockStmt: return terminatingList(static_cast<const BlockStmt*>(s)->list);
    case NodeKind::IfStmt: {
      auto i = static_cast<const IfStmt*>(s);
      return i->elseStmt && terminatingList(i->body->list) && terminating(i->elseStmt);
    }
    case NodeKind::ForStmt: {
      auto f = static_cast<const ForStmt*>(s);
      if (f->cond) return false;
      for (const Stmt* x : f->body->list) {
        if (hasBreak(x, false)) return false;
      }
      return true;
    }
    case NodeKind::SwitchStmt: {
      auto sw = static_cast<const SwitchStmt*>(s);
      bool hasDefault = false;
      for (const CaseClause* c : sw->clauses) {
        hasDefault = hasDefault || c->isDefault;
        for (const Stmt* x : c->body) {
          if (hasBreak(x, false)) return false;
        }
        if (!terminatingList(c->body)) {
          auto last = c->body.empty() ? nullptr : as<BranchStmt>(c->body.back());
          if (!last || last->tok != Token::Fallthrough) return false;
        }
      }
      return hasDefault;
    }
    case NodeKind::TypeSwitchStmt: {
      auto sw = static_cast<const TypeSwitchStmt*>(s);
      bool hasDefault = false;
      for (const CaseClause* c : sw->clauses) {
        hasDefault = hasDefault || c->isDefault;
        for (const Stmt* x : c->body) {
          if (hasBreak(x, false)) return false;
        }
        if (!terminatingList(c->body)) return false;
      }
      return hasDefault;
    }
    case NodeKind::SelectStmt: {
      for (const CommClause* c : static_cast<const SelectStmt*>(s)->clauses) {
        for (const Stmt* x : c->body) {
          if (hasBreak(x, false)) return false;
        }
        if (!terminatingList(c->body)) return false;
      }
      return true;
    }
    case NodeKind::GoStmt: return false;
    case NodeKind::LabeledStmt: return terminating(static_cast<const LabeledStmt*>(s)->stmt);
    default: return false;
  }
}

void Checker::stmt(const Stmt* s) {
  switch (s->kind) {
    case NodeKind::EmptyStmt: return;
    case NodeKind::ExprStmt: return exprStmt(static_cast<const ExprStmt*>(s));
    case NodeKind::DeclStmt: return declStmt(static_cast<const DeclStmt*>(s));
    case NodeKind::AssignStmt: return assignStmt(static_cast<const AssignStmt*>(s));
    case NodeKind::IncDecStmt: return incDec(static_cast<const IncDecStmt*>(s));
    case NodeKind::BlockStmt: {
      Scope inner;
      openScope(inner);
      blockStmts(static_cast<const BlockStmt*>(s)->list, s->pos);
      closeScope(inner);
      return;
    }
    case NodeKind::IfStmt: return ifStmt(static_cast<const IfStmt*>(s));
    case NodeKind::ForStmt: return forStmt(static_cast<const ForStmt*>(s));
    case NodeKind::RangeStmt: return rangeStmt(static_cast<const RangeStmt*>(s));
    case NodeKind::SwitchStmt: return switchStmt(static_cast<const SwitchStmt*>(s));
    case NodeKind::ReturnStmt: return returnStmt(static_cast<const ReturnStmt*>(s));
    case NodeKind::BranchStmt: return branchStmt(static_cast<const BranchStmt*>(s));
    case NodeKind::LabeledStmt: {
      auto l = static_cast<const LabeledStmt*>(s);
      if (!fn_ || !fn_->info || fn_->isScript) {
        unsupported(s->pos, "labels outside functions");
        return;
      }
      if (auto it = fn_->labels.find(l->label->name);
          it != fn_->labels.end() && it->second.stmt == l && !fn_->openLists.empty()) {
        it->second.list = fn_->openLists.back().list;
        it->second.index = fn_->openLists.back().index;
      }
      fn_->activeLabels.push_back(l);
      stmt(l->stmt);
      fn_->activeLabels.pop_back();
      return;
    }
    case NodeKind::DeferStmt: {
      auto d = static_cast<const DeferStmt*>(s);
      callStmt(d->call, "defer");
      if (d->rangeFrame) expr(d->rangeFrame);
      return;
    }
    case NodeKind::GoStmt: return callStmt(static_cast<const GoStmt*>(s)->call, "go");
    case NodeKind::SendStmt: return sendStmt(static_cast<const SendStmt*>(s));
    case NodeKind::SelectStmt: return selectStmt(static_cast<const SelectStmt*>(s));
    case NodeKind::TypeSwitchStmt: return typeSwitchStmt(static_cast<const TypeSwitchStmt*>(s));
    default: unsupported(s->pos, constructName(s->kind));
  }
}

void Checker::exprStmt(const ExprStmt* s) {
  Operand x = expr(s->x, /*allowNoValue=*/true);
  if (x.invalid()) return;
  const Expr* e = unparen(s->x);
  if (isReceive(e)) return;
  if (auto call = as<CallExpr>(e)) {
    // Calls of some builtins (len, min, max) and conversions must be used.
    if (x.mode == Mode::NoValue || !isValueOnlyCall(call)) return;
  }
  error(s->x->pos, describe(x) + " is not used");
}

bool Checker::isValueOnlyCall(const CallExpr* call) {
  const Expr* fun = unparen(call->fun);
  if (auto id = as<Ident>(fun)) {
    auto it = info_.uses.find(id);
    if (it == info_.uses.end()) return false;
    const Object* o = it->second;
    if (o->kind == Object::Kind::TypeName) return true;
    if (o->kind == Object::Kind::Builtin) {
      return o->builtin == Builtin::Len || o->builtin == Builtin::Cap ||
             o->builtin == Builtin::Append || o->builtin == Builtin::Make ||
             o->builtin == Builtin::Min || o->builtin == Builtin::Max || o->builtin == Builtin::New;
    }
  }
  return false;
}

void Checker::declStmt(const DeclStmt* d) {
  const GenDecl* g = d->decl;
  if (g->tok == Token::Type) {
    if (scriptTypeDecls_.count(g)) return;
    for (const Node* n : g->specs) {
      if (Object* o = declareType(static_cast<const TypeSpec*>(n), *scope_)) {
        o->used = true;
      }
    }
    resolveTypes();
    return;
  }
  for (const Node* n : g->specs) {
    auto spec = static_cast<const ValueSpec*>(n);
    if (g->tok == Token::Const) {
      std::vector<Object*> objs;
      for (size_t i = 0; i < spec->names.size(); ++i) {
        Ident* id = spec->names[i];
        Object obj{Object::Kind::Const, id->name};
        obj.pos = id->pos;
        Object* o = newObject(obj);
        constSpec(spec, i, o);
        objs.push_back(o);
      }
      // Constants are in scope after their spec, as in Go.
      for (size_t i = 0; i < objs.size(); ++i) declare(*scope_, spec->names[i], objs[i]);
      continue;
    }
    varSpec(spec);
  }
}

void Checker::varSpec(const ValueSpec* spec) {
  const Type* declared = spec->type ? typeExpr(spec->type) : nullptr;
  std::vector<const Type*> types(spec->names.size(), declared);
  if (!spec->values.empty()) {
    if (spec->values.size() == 1 && spec->names.size() > 1) {
      Operand x = commaOkExpr(spec->values[0], spec->names.size());
      auto tuple = x.invalid() ? nullptr : dynamic_cast<const Tuple*>(x.type);
      if (!tuple || tuple->types.size() != spec->names.size()) {
        if (!x.invalid()) mismatch(spec->names[0]->pos, spec->names.size(), x, 1);
      } else {
        for (size_t i = 0; i < types.size(); ++i) {
          if (!declared) types[i] = tuple->types[i];
        }
      }
    } else if (spec->values.size() != spec->names.size()) {
      for (const Expr* v : spec->values) expr(v);
      error(spec->values[0]->pos,
            "assignment mismatch: " + countText(spec->names.size(), "variable") + " but " +
                countText(spec->values.size(), "value"));
    } else {
      for (size_t i = 0; i < spec->values.size(); ++i) {
        Operand x = expr(spec->values[i]);
        singleValue(x, spec->names.size());
        types[i] = varTypeFrom(x, declared, "variable declaration");
      }
    }
  }
  for (size_t i = 0; i < spec->names.size(); ++i) {
    const Type* t = types[i] ? types[i] : basicType(BasicKind::Invalid);
    Object* o = newLocal(spec->names[i], t, *scope_);
    if (fn_ && fn_->isScript) o->used = true;
  }
}

// The single right-hand side of a 2-variable assignment: `v, ok` from a map index or
// a type assertion is a (T, bool) pair.
Operand Checker::commaOkExpr(const Expr* e, size_t vars) {
  Operand x = expr(e);
  if (x.invalid() || vars != 2) return x;
  const Expr* inner = unparen(e);
  auto recv = as<UnaryExpr>(inner);
  if (x.mode == Mode::MapIndex || as<TypeAssertExpr>(inner) || (recv && recv->op == Token::Arrow)) {
    info_.commaOk.insert(inner);
    Tuple* t = newType<Tuple>();
    t->types = {x.type, basicType(BasicKind::Bool)};
    x.type = t;
    x.mode = Mode::Value;
  }
  return x;
}

// types2's assignError: reported at the first value.
void Checker::mismatch(Pos, size_t vars, const Operand& x, size_t values) {
  std::string rhs;
  if (auto call = as<CallExpr>(unparen(x.expr))) {
    auto tuple = dynamic_cast<const Tuple*>(x.type);
    size_t n = tuple ? tuple->types.size() : (x.mode == Mode::NoValue ? 0 : 1);
    rhs = exprString(call->fun) + " returns " + countText(n, "value");
  } else {
    rhs = countText(values, "value");
  }
  error(x.expr->pos, "assignment mismatch: " + countText(vars, "variable") + " but " + rhs);
}

// A multi-valued call assigned to one variable.
bool Checker::singleValue(Operand& x, size_t vars) {
  if (x.invalid() || !dynamic_cast<const Tuple*>(x.type)) return true;
  if (vars == 1) {
    mismatch(Pos{}, 1, x, 1);
  } else {
    error(x.expr->pos, "multiple-value " + exprString(x.expr) + " (value of type " +
                           typeString(x.type) + ") in single-value context");
  }
  x.mode = Mode::Invalid;
  return false;
}

void Checker::assignStmt(const AssignStmt* s) {
  if (s->tok == Token::Define) return shortVarDecl(s);
  if (s->tok != Token::Assign) {
    // x op= y
    Operand lhs = expr(s->lhs[0]);
    Operand rhs = expr(s->rhs[0]);
    if (lhs.invalid() || rhs.invalid()) return;
    checkAssignable(lhs);
    Operand result = binaryOp(assignOpBinary(s->tok), lhs, rhs, nullptr, s->tokPos);
    if (result.invalid()) return;
    assignment(result, lhs.type, "assignment");
    return;
  }
  std::vector<Operand> lhs;
  for (const Expr* e : s->lhs) {
    if (auto id = as<Ident>(e); id && id->name == "_") {
      Operand blank;
      blank.mode = Mode::Variable;
      blank.expr = e;
      lhs.push_back(blank);
      continue;
    }
    Operand l = expr(e, false, /*asLhs=*/true);
    if (!l.invalid()) checkAssignable(l);
    lhs.push_back(l);
  }
  if (s->rhs.size() == 1 && s->lhs.size() > 1) {
    Operand x = commaOkExpr(s->rhs[0], s->lhs.size());
    auto tuple = x.invalid() ? nullptr : dynamic_cast<const Tuple*>(x.type);
    if (!tuple || tuple->types.size() != s->lhs.size()) {
      if (!x.invalid()) mismatch(s->lhs[0]->pos, s->lhs.size(), x, 1);
      return;
    }
    for (size_t i = 0; i < lhs.size(); ++i) {
      if (lhs[i].invalid() || !lhs[i].type) continue;
      std::string reason;
      if (!assignableType(tuple->types[i], lhs[i].type, &reason)) {
        error(s->rhs[0]->pos, "cannot use " + exprString(s->rhs[0]) + " (value of type " +
                                  typeString(tuple->types[i]) + ") as " + typeString(lhs[i].type) +
                                  " value in assignment");
      }
    }
    return;
  }
  if (s->lhs.size() != s->rhs.size()) {
    for (const Expr* e : s->rhs) expr(e);
    error(s->rhs[0]->pos, "assignment mismatch: " + countText(s->lhs.size(), "variable") + " but " +
                              countText(s->rhs.size(), "value"));
    return;
  }
  for (size_t i = 0; i < s->rhs.size(); ++i) {
    Operand x = expr(s->rhs[i]);
    singleValue(x, s->lhs.size());
    if (x.invalid() || lhs[i].invalid()) continue;
    if (!lhs[i].type) {  // blank
      varTypeFrom(x, nullptr, "assignment");
      continue;
    }
    if (x.mode == Mode::NoValue) {
      error(x.expr->pos, exprString(x.expr) + " (no value) used as value");
      continue;
    }
    assignment(x, lhs[i].type, "assignment");
    // As types2 does, a variable whose assignment failed counts as used.
    if (x.invalid()) {
      if (auto id = as<Ident>(unparen(s->lhs[i]))) {
        if (auto it = info_.uses.find(id); it != info_.uses.end()) {
          const_cast<Object*>(it->second)->used = true;
        }
      }
    }
  }
}

void Checker::checkAssignable(Operand& x) {
  if (x.mode == Mode::Variable) markReassigned(x.expr);
  if (x.mode == Mode::Variable || x.mode == Mode::MapIndex) return;
  if (auto sel = as<SelectorExpr>(unparen(x.expr))) {
    auto base = info_.types.find(sel->x);
    if (base != info_.types.end() && base->second.mode == Mode::MapIndex) {
      error(x.expr->pos, "cannot assign to struct field " + exprString(x.expr) + " in map");
      x.mode = Mode::Invalid;
      return;
    }
  }
  error(x.expr->pos, "cannot assign to " + exprString(x.expr) +
                         " (neither addressable nor a map index expression)");
  x.mode = Mode::Invalid;
}

void Checker::shortVarDecl(const AssignStmt* s) {
  std::vector<const Type*> types(s->lhs.size(), nullptr);
  std::vector<Operand> values;
  if (s->rhs.size() == 1 && s->lhs.size() > 1) {
    Operand x = commaOkExpr(s->rhs[0], s->lhs.size());
    auto tuple = x.invalid() ? nullptr : dynamic_cast<const Tuple*>(x.type);
    if (!tuple || tuple->types.size() != s->lhs.size()) {
      if (!x.invalid()) mismatch(s->lhs[0]->pos, s->lhs.size(), x, 1);
    } else {
      for (size_t i = 0; i < types.size(); ++i) types[i] = tuple->types[i];
    }
  } else if (s->lhs.size() != s->rhs.size()) {
    for (const Expr* e : s->rhs) expr(e);
    error(s->rhs[0]->pos, "assignment mismatch: " + countText(s->lhs.size(), "variable") + " but " +
                              countText(s->rhs.size(), "value"));
  } else {
    for (const Expr* e : s->rhs) {
      values.push_back(expr(e));
      singleValue(values.back(), s->lhs.size());
    }
  }
  bool anyNew = false;
  std::vector<Object*> newVars;
  for (size_t i = 0; i < s->lhs.size(); ++i) {
    auto id = as<Ident>(s->lhs[i]);
    if (!id) continue;  // reported by the builder
    auto existing = scope_->names.find(id->name);
    bool replTop = repl_ && scope_ == &packageScope_;
    if (id->name != "_" && existing != scope_->names.end() && !replTop) {
      // Redeclaration in the same scope: plain assignment to the existing variable.
      Object* o = existing->second;
      info_.uses[id] = o;
      if (o->kind == Object::Kind::Var) o->reassigned = true;
      if (i < values.size() && !values[i].invalid() && o->type) {
        assignment(values[i], o->type, "assignment");
      }
      continue;
    }
    if (id->name != "_") anyNew = true;
    const Type* t = types[i];
    if (i < values.size()) t = varTypeFrom(values[i], nullptr, "assignment");
    Ident* mutableId = const_cast<Ident*>(id);
    Object* o = newLocal(mutableId, t ? t : basicType(BasicKind::Invalid), *scope_);
    if (fn_ && fn_->isScript) o->used = true;
    newVars.push_back(o);
  }
  if (!anyNew) error(s->tokPos, "no new variables on left side of :=");
}

void Checker::incDec(const IncDecStmt* s) {
  Operand x = expr(s->x);
  if (x.invalid()) return;
  const Basic* b = asBasic(x.type);
  if (!b || !b->isNumeric()) {
    error(s->pos, std::string("invalid operation: ") + exprString(s->x) + tokenText(s->tok) +
                      " (non-numeric type " + typeString(x.type) + ")");
    return;
  }
  checkAssignable(x);
}

void Checker::condition(const Expr* e, const char* what) {
  Operand x = expr(e);
  if (x.invalid()) return;
  const Basic* b = asBasic(x.type);
  if (!b || !b->isBoolean()) {
    error(e->pos, "non-boolean condition in " + std::string(what));
    return;
  }
  convertUntyped(x, basicType(BasicKind::Bool));
}

void Checker::ifStmt(const IfStmt* s) {
  Scope scope;
  openScope(scope);
  if (s->init) stmt(s->init);
  if (s->cond) condition(s->cond, "if statement");
  Scope body;
  openScope(body);
  blockStmts(s->body->list, s->body->pos);
  closeScope(body);
  if (s->elseStmt) stmt(s->elseStmt);
  closeScope(scope);
}

void Checker::forStmt(const ForStmt* s) {
  Scope scope;
  openScope(scope);
  if (s->init) stmt(s->init);
  if (s->cond) condition(s->cond, "for statement");
  if (s->post) stmt(s->post);
  Scope body;
  openScope(body);
  fn_->loopDepth++;
  blockStmts(s->body->list, s->body->pos);
  fn_->loopDepth--;
  closeScope(body);
  closeScope(scope);
}

void Checker::rangeStmt(const RangeStmt* s) {
  Scope scope;
  openScope(scope);
  Operand x = expr(s->x);
  const Type* keyType = nullptr;
  const Type* valueType = nullptr;
  bool untypedIntRange = false;  // assigned, the constant takes the variable's type
  if (!x.invalid()) {
    const Basic* b = asBasic(x.type);
    if (b && b->isInteger()) {
      untypedIntRange = isUntyped(x.type);
      if (untypedIntRange) convertUntyped(x, basicType(BasicKind::Int));
      keyType = x.type;
      if (s->value) {
        error(s->value->pos, "range over " + describe(x) + " permits only one iteration variable");
      }
    } else if (const Slice* sl = asSliceType(x.type)) {
      keyType = basicType(BasicKind::Int);
      valueType = sl->elem;
    } else if (const Array* a = asArray(x.type)) {
      keyType = basicType(BasicKind::Int);
      valueType = a->elem;
    } else if (const Pointer* p = asPointer(x.type); p && asArray(p->elem)) {
      keyType = basicType(BasicKind::Int);
      valueType = asArray(p->elem)->elem;
    } else if (const Map* m = asMap(x.type)) {
      keyType = m->key;
      valueType = m->elem;
    } else if (const Chan* ch = asChan(x.type)) {
      keyType = ch->elem;
      if (ch->dir == check::ChanDir::Send) {
        error(s->x->pos, "cannot range over " + describe(x) + ": receive from send-only channel");
      } else if (s->value) {
        error(s->value->pos, "range over " + describe(x) + " permits only one iteration variable");
      }
    } else if (b && b->isString()) {
      if (isUntyped(x.type)) convertUntyped(x, basicType(BasicKind::String));
      keyType = basicType(BasicKind::Int);
      valueType = basicType(BasicKind::Int32);
    } else if (const Signature* seq = asSignature(x.type)) {
      closeScope(scope);
      rangeFunc(s, x, seq);
      return;
    } else {
      error(s->x->pos, "cannot range over " + describe(x));
    }
  }
  if (s->tok == Token::Define) {
    if (s->key) {
      newLocal(const_cast<Ident*>(as<Ident>(s->key)),
               keyType ? keyType : basicType(BasicKind::Invalid), scope);
    }
    if (s->value) {
      newLocal(const_cast<Ident*>(as<Ident>(s->value)),
               valueType ? valueType : basicType(BasicKind::Invalid), scope);
    }
  } else if (s->tok == Token::Assign) {
    const Type* iterationTypes[] = {keyType, valueType};
    const Expr* targets[] = {s->key, s->value};
    for (int i = 0; i < 2; ++i) {
      const Expr* e = targets[i];
      if (!e) continue;
      if (auto id = as<Ident>(e); id && id->name == "_") continue;
      Operand l = expr(e);
      if (!l.invalid()) checkAssignable(l);
      const Type* from = iterationTypes[i];
      if (l.invalid() || !from || !l.type) continue;
      if (untypedIntRange && isKind(l.type, TypeKind::Basic) && asBasic(l.type)->isInteger()) {
        continue;
      }
      std::string reason;
      if (!assignableType(from, l.type, &reason)) {
        // As types2 does, the error names the variable: there is no better operand.
        error(e->pos, "cannot use " + exprString(e) + " (value of type " + typeString(from) +
                          ") as " + typeString(l.type) + " value in assignment");
      }
    }
  }
  Scope body;
  openScope(body);
  fn_->loopDepth++;
  blockStmts(s->body->list, s->body->pos);
  fn_->loopDepth--;
  closeScope(body);
  closeScope(scope);
}

void Checker::switchStmt(const SwitchStmt* s) {
  Scope scope;
  openScope(scope);
  if (s->init) stmt(s->init);
  Operand tag;
  if (s->tag) {
    tag = expr(s->tag);
    if (!tag.invalid() && isUntyped(tag.type)) convertUntyped(tag, defaultType(tag.type));
  } else {
    tag.mode = Mode::Constant;
    tag.type = basicType(BasicKind::Bool);
    tag.val = ConstValue::ofBool(true);
  }
  bool sawDefault = false;
  fn_->switchDepth++;
  for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
    const CaseClause* c = s->clauses[ci];
    if (c->isDefault) {
      if (sawDefault) error(c->pos, "multiple defaults in switch");
      sawDefault = true;
    }
    for (const Expr* e : c->list) {
      Operand v = expr(e);
      if (v.invalid() || tag.invalid()) continue;
      Operand t = tag;
      t.expr = s->tag;
      if (s->tag) {
        comparison(Token::Eql, v, t, e->pos, /*forSwitch=*/true);
      } else {
        const Basic* b = asBasic(v.type);
        std::string reason;
        if (asInterface(v.type) && assignableType(basicType(BasicKind::Bool), v.type, &reason)) {
          // Compared with true (a bool in the interface), as in `switch true`.
        } else if (!b || !b->isBoolean()) {
          error(e->pos, "invalid case " + exprString(e) + " in switch (mismatched types " +
                            typeString(v.type) + " and bool)");
        } else {
          convertUntyped(v, basicType(BasicKind::Bool));
        }
      }
    }
    Scope body;
    openScope(body);
    for (size_t i = 0; i < c->body.size(); ++i) {
      const Stmt* st = c->body[i];
      if (auto b = as<BranchStmt>(st); b && b->tok == Token::Fallthrough) {
        if (i + 1 != c->body.size()) {
          error(st->pos, "fallthrough statement out of place");
        } else if (ci + 1 == s->clauses.size()) {
          error(st->pos, "cannot fallthrough final case in switch");
        }
        switchFallthroughs_.insert(st);  // judged here; branchStmt leaves it alone
      }
    }
    blockStmts(c->body, c->pos);
    closeScope(body);
  }
  fn_->switchDepth--;
  closeScope(scope);
}

void Checker::returnStmt(const ReturnStmt* s) {
  if (!fn_ || !fn_->sig) {
    error(s->pos, "return statement outside function");  // script top level
    return;
  }
  const auto& want = fn_->sig->results;
  if (s->results.empty()) {
    if (!want.empty()) {
      bool named = !fn_->info->results.empty() && fn_->info->results[0]->isResult;
      if (!named) error(s->pos, "not enough return values\n\thave ()\n\twant " + tupleText(want));
    }
    return;
  }
  std::vector<Operand> xs;
  if (s->results.size() == 1 && want.size() > 1) {
    Operand x = expr(s->results[0]);
    auto tuple = x.invalid() ? nullptr : dynamic_cast<const Tuple*>(x.type);
    if (tuple && tuple->types.size() == want.size()) {
      for (size_t i = 0; i < want.size(); ++i) {
        if (std::string reason; !assignableType(tuple->types[i], want[i], &reason)) {
          error(s->results[0]->pos, "cannot use " + exprString(s->results[0]) + " value as " +
                                        typeString(want[i]) + " value in return statement");
        }
      }
      return;
    }
    if (!x.invalid()) xs.push_back(x);
  } else {
    for (const Expr* e : s->results) xs.push_back(expr(e));
  }
  for (const Operand& x : xs) {  // `return len`: no value at all, whatever the count
    if (x.mode == Mode::Builtin || x.mode == Mode::TypeExpr) {
      error(x.expr->pos,
            exprString(x.expr) + (x.mode == Mode::TypeExpr ? " (type) is not an expression"
                                                           : " (built-in) must be called"));
      return;
    }
  }
  if (xs.size() != want.size()) {
    std::string have = "(";
    for (size_t i = 0; i < xs.size(); ++i) {
      if (i) have += ", ";
      have += argTypeText(xs[i]);
    }
    have += ")";
    if (want.empty()) {
      error(s->results[0]->pos, "too many return values\n\thave " + have + "\n\twant ()");
    } else {
      error(xs.size() > want.size() ? s->results[want.size()]->pos : s->pos,
            std::string(xs.size() > want.size() ? "too many" : "not enough") +
                " return values\n\thave " + have + "\n\twant " + tupleText(want));
    }
    return;
  }
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!xs[i].invalid()) assignment(xs[i], want[i], "return statement");
  }
}

std::string Checker::tupleText(const std::vector<const Type*>& types) {
  std::string out = "(";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) out += ", ";
    out += typeString(types[i]);
  }
  return out + ")";
}

// The specification's rules for goto: no jump into a block from outside it, and no jump
// forward over a variable declaration of the label's block (go/types' messages).
void Checker::checkGotos(const FuncContext& ctx) {
  for (const FuncContext::Goto& g : ctx.gotos) {
    const FuncContext::Label& label = ctx.labels.at(g.stmt->label->name);
    if (!label.list) continue;
    const FuncContext::OpenList* shared = nullptr;
    for (const FuncContext::OpenList& open : g.at) {
      if (open.list == label.list) shared = &open;
    }
    const std::string& name = g.stmt->label->name;
    if (!shared) {
      error(g.stmt->label->pos, "goto " + name + " jumps into block");
      continue;
    }
    // go/types names the last declaration jumped over, at its statement's line.
    const Stmt* lastDecl = nullptr;
    for (size_t i = shared->index + 1; i < label.index; ++i) {
      const Stmt* st = (*label.list)[i];
      while (auto l = as<LabeledStmt>(st)) st = l->stmt;
      if (auto a = as<AssignStmt>(st); a && a->tok == Token::Define) lastDecl = st;
      if (auto d = as<DeclStmt>(st); d && d->decl->tok == Token::Var) lastDecl = st;
    }
    if (lastDecl) {
      error(g.stmt->label->pos, "goto " + name + " jumps over variable declaration at line " +
                                    std::to_string(lastDecl->pos.line));
    }
  }
}

void Checker::branchStmt(const BranchStmt* s) {
  if (s->label) {
    const std::string& name = s->label->name;
    if (!fn_ || !fn_->info || fn_->isScript) {
      unsupported(s->pos, "labels outside functions");
      return;
    }
    auto it = fn_->labels.find(name);
    if (s->tok == Token::Goto) {
      if (it == fn_->labels.end()) {
        error(s->label->pos, "label " + name + " not defined");
        return;
      }
      it->second.used = true;
      info_.branchTargets[s] = it->second.stmt;
      fn_->gotos.push_back({s, fn_->openLists});
      return;
    }
    const char* what = s->tok == Token::Break ? "break" : "continue";
    for (auto a = fn_->activeLabels.rbegin(); a != fn_->activeLabels.rend(); ++a) {
      if ((*a)->label->name != name) continue;
      const Stmt* target = (*a)->stmt;
      bool loop = as<ForStmt>(target) || as<RangeStmt>(target);
      bool ok = loop ||
                (s->tok == Token::Break &&
                 (as<SwitchStmt>(target) || as<TypeSwitchStmt>(target) || as<SelectStmt>(target)));
      fn_->labels[name].used = true;
      if (!ok) {
        error(s->label->pos, std::string("invalid ") + what + " label " + name);
        return;
      }
      info_.branchTargets[s] = target;
      return;
    }
    if (it != fn_->labels.end()) {
      it->second.used = true;
      error(s->label->pos, std::string("invalid ") + what + " label " + name);
    } else {
      error(s->label->pos, std::string(what) + " label not defined: " + name);
    }
    return;
  }
  if (s->tok == Token::Break && fn_ && fn_->loopDepth == 0 && fn_->switchDepth == 0) {
    error(s->pos, "break is not in a loop, switch, or select");
  } else if (s->tok == Token::Continue && fn_ && fn_->loopDepth == 0) {
    error(s->pos, "continue is not in a loop");
  } else if (s->tok == Token::Fallthrough && !switchFallthroughs_.count(s)) {
    error(s->pos, "fallthrough statement out of place");
  }
}

// `defer call` and `go call` (keyword names the statement in the errors).
void Checker::callStmt(const Expr* e, const char* keyword) {
  std::string kw = keyword;
  auto call = as<CallExpr>(unparen(e));
  if (!call) {
    expr(e, true);
    error(e->pos, "expression in " + kw + " must be function call");
    return;
  }
  Operand x = expr(call, true);
  if (x.invalid()) return;
  auto tv = info_.types.find(call->fun);
  if (tv != info_.types.end() && tv->second.mode == Mode::TypeExpr) {
    error(e->pos, kw + " requires function call, not conversion");
    return;
  }
  if (isValueOnlyCall(call)) error(e->pos, kw + " discards result of " + exprString(call));
}

void Checker::sendStmt(const SendStmt* s) {
  Operand ch = expr(s->chan);
  Operand v = expr(s->value);
  if (ch.invalid() || v.invalid()) return;
  const Chan* c = asChan(ch.type);
  if (!c) {
    error(s->pos, "invalid operation: cannot send to non-channel " + describe(ch));
    return;
  }
  if (c->dir == check::ChanDir::Recv) {
    error(s->pos, "invalid operation: cannot send to receive-only channel " + describe(ch));
    return;
  }
  assignment(v, c->elem, "send");
}

void Checker::selectStmt(const SelectStmt* s) {
  bool sawDefault = false;
  fn_->switchDepth++;
  for (const CommClause* c : s->clauses) {
    Scope scope;
    openScope(scope);
    if (!c->comm) {
      if (sawDefault) error(c->pos, "multiple defaults in select");
      sawDefault = true;
    } else if (!isCommStmt(c->comm)) {
      error(c->comm->pos, "select case must be receive, send or assign recv");
    } else {
      stmt(c->comm);
    }
    Scope body;
    openScope(body);
    blockStmts(c->body, c->pos);
    closeScope(body);
    closeScope(scope);
  }
  fn_->switchDepth--;
}

bool Checker::isCommStmt(const Stmt* s) {
  if (as<SendStmt>(s)) return true;
  if (auto e = as<ExprStmt>(s)) return isReceive(e->x);
  if (auto a = as<AssignStmt>(s)) {
    return (a->tok == Token::Define || a->tok == Token::Assign) && a->rhs.size() == 1 &&
           a->lhs.size() <= 2 && isReceive(a->rhs[0]);
  }
  return false;
}

void Checker::typeSwitchStmt(const TypeSwitchStmt* s) {
  Scope scope;
  openScope(scope);
  if (s->init) stmt(s->init);
  Operand x = expr(s->subject);
  const Interface* iface = x.invalid() ? nullptr : asInterface(x.type);
  if (!x.invalid() && !iface) {
    error(s->subject->pos, describe(x) + " is not an interface");
  }
  std::vector<Object*> bindings;
  bool sawDefault = false;
  std::vector<std::pair<const Type*, Pos>> seen;
  fn_->switchDepth++;
  for (const CaseClause* c : s->clauses) {
    if (c->isDefault) {
      if (sawDefault) error(c->pos, "multiple defaults in switch");
      sawDefault = true;
    }
    const Type* single = nullptr;
    for (const Expr* e : c->list) {
      auto id = as<Ident>(unparen(e));
      if (id && id->name == "nil" && lookup("nil") && lookup("nil")->kind == Object::Kind::Nil) {
        TypeAndValue tv;
        tv.mode = Mode::Value;
        tv.type = basicType(BasicKind::UntypedNil);
        info_.types[e] = tv;
        single = nullptr;
        continue;
      }
      const Type* t = typeExpr(e);
      if (t == basicType(BasicKind::Invalid)) continue;
      TypeAndValue tv;
      tv.mode = Mode::TypeExpr;
      tv.type = t;
      info_.types[e] = tv;
      single = c->list.size() == 1 ? t : nullptr;
      for (auto& [other, pos] : seen) {
        // In an instance, `case T, int` may have become the same type twice.
        if (identical(other, t) && !inInstance_) {
          error(e->pos, "duplicate case " + exprString(e) + " in type switch\n\t" + fileName_ +
                            ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col) +
                            ": previous case");
        }
      }
      seen.push_back({t, e->pos});
      std::string reason;
      if (iface && !asInterface(t) && !implements(t, iface, &reason) && !inInstance_) {
        error(e->pos, "impossible type switch case: " + exprString(e) + "\n\t" + describe(x) +
                          " cannot have dynamic type " + typeString(t) + " " + reason);
      }
    }
    Scope body;
    openScope(body);
    if (s->binding) {
      const Type* bt = single ? single : (x.invalid() ? basicType(BasicKind::Invalid) : x.type);
      Ident* id = const_cast<Ident*>(s->binding);
      Object obj{Object::Kind::Var, id->name};
      obj.pos = id->pos;
      obj.type = bt;
      Object* o = newObject(obj);
      o->slot = fn_->info ? fn_->info->frameSize++ : -1;
      if (fn_->info) {
        o->owner = fn_->info;
        fn_->info->slotTypes.push_back(bt);
        fn_->info->slotObjects.push_back(o);
      } else {
        o->isGlobal = true;
        o->slot = info_.globalCount++;
        info_.globalTypes.push_back(bt);
      }
      if (id->name != "_") body.names[id->name] = o;
      info_.implicits[c] = o;
      bindings.push_back(o);
    }
    blockStmts(c->body, c->pos);
    closeScope(body);
  }
  fn_->switchDepth--;
  if (s->binding && s->binding->name != "_" && !(fn_ && fn_->isScript)) {
    bool used = false;
    for (Object* o : bindings) used = used || o->used;
    if (!used) error(s->binding->pos, "declared and not used: " + s->binding->name);
  }
  closeScope(scope);
}

}  // namespace gol::check
