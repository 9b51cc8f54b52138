// Compiling statements: assignments (targets, operand order, op=), declarations, if,
// for, range, switch, type switch, select, return, go and defer.
#include "interpreter/eval/compiler_impl.h"
#include "interpreter/eval/stores.h"

namespace gol::eval {

StmtPtr Compiler::stmtInner(const Stmt* s) {
  switch (s->kind) {
    case NodeKind::EmptyStmt: return nullptr;
    case NodeKind::ExprStmt: {
      auto x = static_cast<const ExprStmt*>(s)->x;
      std::vector<StmtPtr> pre = orderOperands({x}, {});
      return withOrder(std::move(pre), exprStmt(x));
    }
    case NodeKind::DeclStmt: return declStmt(static_cast<const DeclStmt*>(s));
    case NodeKind::AssignStmt: return assign(static_cast<const AssignStmt*>(s));
    case NodeKind::IncDecStmt: return incDec(static_cast<const IncDecStmt*>(s));
    case NodeKind::BlockStmt: return statementList(static_cast<const BlockStmt*>(s)->list);
    case NodeKind::IfStmt: return ifStmt(static_cast<const IfStmt*>(s));
    case NodeKind::ForStmt: return forStmt(static_cast<const ForStmt*>(s));
    case NodeKind::RangeStmt: {
      auto r = static_cast<const RangeStmt*>(s);
      if (auto it = info_.rangeFuncs.find(r); it != info_.rangeFuncs.end()) return stmt(it->second);
      std::vector<StmtPtr> pre = orderOperands({r->x}, {});
      return withOrder(std::move(pre), rangeStmt(r));
    }
    case NodeKind::SwitchStmt: return switchStmt(static_cast<const SwitchStmt*>(s));
    case NodeKind::TypeSwitchStmt: return typeSwitch(static_cast<const TypeSwitchStmt*>(s));
    case NodeKind::ReturnStmt: return returnStmt(static_cast<const ReturnStmt*>(s));
    case NodeKind::LabeledStmt: {
      auto l = static_cast<const LabeledStmt*>(s);
      StmtPtr inner = stmt(l->stmt);
      if (!inner) inner = std::make_unique<BlockNode>();
      inner->label = l->stmt;
      return inner;
    }
    case NodeKind::DeferStmt: {
      auto d = static_cast<const DeferStmt*>(s);
      const Expr* callExpr = d->call;
      while (auto p = as<ParenExpr>(callExpr)) callExpr = p->x;
      compilingDeferOrGoCall_ = true;
      ExprPtr call = expr(callExpr);
      compilingDeferOrGoCall_ = false;
      ExprPtr frame;
      if (d->rangeFrame) {
        frame = expr(d->rangeFrame);
      } else {
        fn_->hasDefer = true;
      }
      StmtPtr n =
          makeDefer(std::move(call), isCountedType(typeOf(callExpr).type), std::move(frame), fn_);
      if (!n) noteUnsupported("this deferred call", s->pos);
      return n;
    }
    case NodeKind::GoStmt: {
      const Expr* callExpr = static_cast<const GoStmt*>(s)->call;
      while (auto p = as<ParenExpr>(callExpr)) callExpr = p->x;
      compilingDeferOrGoCall_ = true;
      ExprPtr call = expr(callExpr);
      compilingDeferOrGoCall_ = false;
      StmtPtr n = makeGo(std::move(call), countedResults(typeOf(callExpr).type), fn_);
      if (!n) noteUnsupported("this go statement's call", s->pos);
      return n;
    }
    case NodeKind::SendStmt: {
      auto send = static_cast<const SendStmt*>(s);
      const check::Chan* ch = check::asChan(finalType(send->chan));
      noteWaitOperand(s->pos, send->chan);
      std::vector<StmtPtr> pre = orderOperands({send->chan, send->value}, {nullptr, ch->elem});
      return withOrder(std::move(pre),
                       makeSend(expr(send->chan), valueAs(send->value, ch->elem), s->pos));
    }
    case NodeKind::SelectStmt: return selectStmt(static_cast<const SelectStmt*>(s));
    case NodeKind::BranchStmt: {
      auto b = static_cast<const BranchStmt*>(s);
      auto target = info_.branchTargets.find(b);
      const void* t = target == info_.branchTargets.end() ? nullptr : target->second;
      std::unique_ptr<BranchNode> n;
      switch (b->tok) {
        case Token::Break:
          n = std::make_unique<BranchNode>(t ? Exec::BreakLabel : Exec::Break);
          break;
        case Token::Continue:
          n = std::make_unique<BranchNode>(t ? Exec::ContinueLabel : Exec::Continue);
          break;
        case Token::Fallthrough: n = std::make_unique<BranchNode>(Exec::Fallthrough); break;
        case Token::Goto: n = std::make_unique<BranchNode>(Exec::Goto); break;
        default: return nullptr;
      }
      n->target = t;
      return n;
    }
    default: noteUnsupported(std::string(exprKindName(s)), s->pos); return nullptr;
  }
}

// An expression statement: a call, or a receive, whose results are dropped.
StmtPtr Compiler::exprStmt(const Expr* x) {
  if (StmtPtr add = atomicAddStatement(x)) return add;
  // A multi-valued call whose results are dropped: as `_, _ = f()`, which releases
  // the counted ones.
  if (auto tuple = dynamic_cast<const check::Tuple*>(typeOf(x).type)) {
    auto n = std::make_unique<TupleAssignNode>();
    bool counted = false;
    for (const check::Type* t : tuple->types) {
      n->targets.push_back(targetFor(nullptr, t));
      counted = counted || isCountedType(t);
    }
    if (counted) {
      n->boxAs.assign(n->targets.size(), nullptr);
      n->call = expr(x);
      return n;
    }
  }
  auto n = std::make_unique<ExprStmtNode>();
  n->x = expr(x);
  n->counted = isCountedType(typeOf(x).type);
  if (!n->counted) {
    if (StmtPtr call = plainCallStatement<1>(n->x)) return call;
    if (StmtPtr call = plainCallStatement<2>(n->x)) return call;
    if (StmtPtr call = plainCallStatement<3>(n->x)) return call;
  }
  return n;
}

// Which of a call's results hold references (a goroutine releases them).
std::vector<bool> Compiler::countedResults(const check::Type* t) {
  std::vector<bool> out;
  if (!t) return out;
  if (auto tuple = dynamic_cast<const check::Tuple*>(t)) {
    for (const check::Type* r : tuple->types) out.push_back(isCountedType(r));
  } else {
    out.push_back(isCountedType(t));
  }
  return out;
}

StmtPtr Compiler::selectStmt(const SelectStmt* s) {
  std::vector<SelectCaseCode> cases;
  std::vector<StmtPtr> defaultBody;
  int defaultCase = -1;
  std::vector<const Expr*> operands;  // the channels, for :goroutines
  for (const CommClause* clause : s->clauses) {
    if (!clause->comm) {
      defaultCase = static_cast<int>(cases.size());
      add(defaultBody, statementList(clause->body));
      continue;
    }
    SelectCaseCode c;
    if (auto send = as<SendStmt>(clause->comm)) {
      const check::Chan* ch = check::asChan(finalType(send->chan));
      c.isSend = true;
      c.elemType = ch->elem;
      c.chan = expr(send->chan);
      operands.push_back(send->chan);
      c.value = valueAs(send->value, ch->elem);
    } else {
      const Expr* recv = nullptr;
      const AssignStmt* assign = as<AssignStmt>(clause->comm);
      if (assign) {
        recv = assign->rhs[0];
      } else {
        recv = static_cast<const ExprStmt*>(clause->comm)->x;
      }
      while (auto p = as<ParenExpr>(recv)) recv = p->x;
      const Expr* chanExpr = static_cast<const UnaryExpr*>(recv)->x;
      const check::Chan* ch = check::asChan(finalType(chanExpr));
      c.elemType = ch->elem;
      c.chan = expr(chanExpr);
      operands.push_back(chanExpr);
      if (assign) {
        auto targetOf = [&](const Expr* e, const check::Type* vt) -> Target {
          if (assign->tok == Token::Define) {
            auto id = as<Ident>(e);
            auto it = id ? info_.defs.find(id) : info_.defs.end();
            return targetFor(it == info_.defs.end() ? nullptr : it->second, vt, true);
          }
          return assignTarget(e, vt);
        };
        c.valueTarget = targetOf(assign->lhs[0], ch->elem);
        if (assign->lhs.size() > 1) {
          c.okTarget = targetOf(assign->lhs[1], check::basicType(BasicKind::Bool));
        }
      }
    }
    add(c.body, statementList(clause->body));
    cases.push_back(std::move(c));
  }
  if (defaultCase < 0) noteWaitOperand(s->pos, operands);
  return makeSelect(std::move(cases), defaultCase, std::move(defaultBody), s->pos);
}

const char* Compiler::exprKindName(const Stmt* s) {
  switch (s->kind) {
    case NodeKind::GoStmt: return "go statements";
    case NodeKind::SelectStmt: return "select statements";
    case NodeKind::SendStmt: return "channel sends";
    default: return "this statement";
  }
}

void Compiler::noteUnsupported(const std::string& what, Pos pos) {
  if (unsupported.empty()) {
    unsupported = what;
    unsupportedPos = pos;
  }
}

Target Compiler::targetFor(const check::Object* o, const check::Type* valueType,
                           bool isDefinition) {
  Target t;
  if (!o || o->name == "_" || o->slot < 0) {
    t.kind = Target::Kind::Blank;
    t.counted = isCountedType(valueType);
    return t;
  }
  t.counted = isCountedType(o->type);
  t.aggregate = isAggregate(o->type);
  t.define = isDefinition;
  if (!o->isGlobal && o->owner != info) {
    t.kind = Target::Kind::Capture;
    t.closureSlot = fn_->closureSlot;
    t.slot = captureIndex(o);
    return t;
  }
  if (!o->isGlobal && o->captured) {
    t.kind = isDefinition ? Target::Kind::NewBox : Target::Kind::BoxSlot;
    t.slot = o->slot;
    return t;
  }
  if (o->isGlobal) {
    t.kind = Target::Kind::Global;
    t.cell = &program_.globals[static_cast<size_t>(o->slot)];
  } else {
    t.kind = Target::Kind::Slot;
    t.slot = o->slot;
  }
  return t;
}

// A store reads its target's slice, pointer or struct operand after the value, and runs
// no Gol code between that read and the store: a local (or a fixed reference) is read
// without a reference (ExprNode::borrowedForm).
static void borrowSeq(Target& t) {
  if (ExprPtr borrowed = t.seq->borrowedForm()) {
    t.seq = std::move(borrowed);
    t.seqBorrowed = true;
  }
}

Target Compiler::targetForExpr(const Expr* e, const check::Type* valueType) {
  while (auto p = as<ParenExpr>(e)) e = p->x;
  if (auto id = as<Ident>(e)) {
    if (id->name == "_") return targetFor(nullptr, valueType);
    bool isDefinition = !info_.uses.count(id) && info_.defs.count(id);
    return targetFor(objectOf(id), valueType, isDefinition);
  }
  if (auto st = as<StarExpr>(e)) {
    Target t;
    t.kind = Target::Kind::Deref;
    t.counted = isCountedType(typeOf(e).type);
    t.aggregate = isAggregate(typeOf(e).type);
    t.seq = expr(st->x);
    borrowSeq(t);
    t.pos = st->pos;
    return t;
  }
  if (auto sel = as<SelectorExpr>(e)) {
    if (auto it = info_.selections.find(sel); it != info_.selections.end()) {
      Target t;
      t.kind = Target::Kind::Field;
      t.counted = isCountedType(it->second.type);
      t.aggregate = isAggregate(it->second.type);
      t.seq = expr(sel->x);
      borrowSeq(t);
      t.steps = it->second.path;
      t.pos = sel->sel->pos;
      return t;
    }
    const check::Object* o = objectOf(sel->sel);
    Target t;
    if (o && o->nativeCell) {
      t.kind = Target::Kind::Global;
      t.cell = static_cast<Value*>(o->nativeCell);
      t.counted = isCountedType(o->type);
    }
    return t;
  }
  if (auto ix = as<IndexExpr>(e)) {
    const check::Type* st = finalType(ix->x);
    if (const check::Map* m = check::asMap(st)) {
      Target t;
      t.kind = Target::Kind::MapIndex;
      t.counted = isCountedType(m->elem);
      t.aggregate = isAggregate(m->elem);
      t.define = true;  // map values are not addressable: replaced, never shared
      t.seq = expr(ix->x);
      t.index = valueAs(ix->indices[0], m->key);
      t.pos = ix->pos;
      return t;
    }
    const check::Array* arr = check::asArray(st);
    if (!arr && check::asPointer(st)) arr = check::asArray(check::asPointer(st)->elem);
    if (arr) {
      Target t;
      t.kind = Target::Kind::ArrayIndex;
      t.counted = isCountedType(arr->elem);
      t.aggregate = isAggregate(arr->elem);
      const check::Basic* it = check::asBasic(finalType(ix->indices[0]));
      t.unsignedIndex = it && it->isUnsigned();
      t.seq = expr(ix->x);
      t.index = expr(ix->indices[0]);
      t.pos = ix->pos;
      return t;
    }
    Target t;
    t.kind = Target::Kind::Index;
    t.counted = isCountedType(elemOf(st));
    t.aggregate = isAggregate(elemOf(st));
    const check::Basic* it = check::asBasic(finalType(ix->indices[0]));
    t.unsignedIndex = it && it->isUnsigned();
    t.seq = expr(ix->x);
    borrowSeq(t);
    t.seqSlot = t.seqBorrowed ? slotOf(t.seq.get()) : -1;
    t.index = expr(ix->indices[0]);
    t.indexSlot = slotOf(t.index.get());
    t.pos = ix->pos;
    return t;
  }
  return targetFor(nullptr, valueType);
}

StmtPtr Compiler::storeTo(Target t, ExprPtr x) {
  if (t.kind == Target::Kind::Slot && !t.aggregate) {
    if (t.counted) {
      auto n = std::make_unique<StoreSlotNode<true>>();
      n->slot = t.slot;
      n->x = std::move(x);
      return n;
    }
    if (StmtPtr fused = x->intoSlot(t.slot)) return fused;
    auto n = std::make_unique<StoreSlotNode<false>>();
    n->slot = t.slot;
    n->x = std::move(x);
    return n;
  }
  if (StmtPtr fused = makeFusedStore(t, x)) return fused;
  auto n = std::make_unique<AssignNode>();
  n->target = t;
  n->x = std::move(x);
  return n;
}

// Assigns values to targets: one by one, in parallel, or from one multi-valued call.
// `types` are the variables' types (null: the value's own), for interface boxing.
StmtPtr Compiler::assignValues(std::vector<Target> targets, const std::vector<Expr*>& values,
                               const std::vector<const check::Type*>& types) {
  auto typeAt = [&](size_t i) { return i < types.size() ? types[i] : nullptr; };
  if (values.size() == 1 && targets.size() > 1) {
    auto n = std::make_unique<TupleAssignNode>();
    // A concrete result (or comma-ok value) stored into an interface variable is boxed
    // with its own type.
    for (size_t i = 0; i < targets.size(); ++i) {
      const check::Type* vt = i == 1 && !dynamic_cast<const check::Tuple*>(typeOf(values[0]).type)
                                  ? check::basicType(BasicKind::Bool)
                                  : resultType(values[0], i);
      bool box = typeAt(i) && check::asInterface(typeAt(i)) && vt && !check::asInterface(vt);
      n->boxAs.push_back(box ? vt : nullptr);
    }
    n->targets = std::move(targets);
    n->call = expr(values[0]);
    return n;
  }
  if (targets.size() == 1) return storeTo(targets[0], valueAs(values[0], typeAt(0)));
  if (targets.size() == 2 && !targets[0].aggregate && !targets[1].aggregate) {
    auto n = std::make_unique<ParallelAssign2Node>();
    for (size_t i = 0; i < 2; ++i) {
      n->targets[i] = std::move(targets[i]);
      n->values[i] = valueAs(values[i], typeAt(i));
    }
    if (StmtPtr fused = makeFusedParallelStore(n->targets, n->values)) return fused;
    return n;
  }
  auto n = std::make_unique<ParallelAssignNode>();
  n->targets = std::move(targets);
  for (size_t i = 0; i < values.size(); ++i) n->values.push_back(valueAs(values[i], typeAt(i)));
  return n;
}

// The type of the i-th value of x, a multi-valued call or a comma-ok form (v, ok): a
// blank target releases what it drops when that type is counted.
const check::Type* Compiler::resultType(const Expr* x, size_t i) {
  if (auto tuple = dynamic_cast<const check::Tuple*>(typeOf(x).type)) {
    return i < tuple->types.size() ? tuple->types[i] : nullptr;
  }
  return i == 0 ? finalType(x) : nullptr;
}

StmtPtr Compiler::declStmt(const DeclStmt* d) {
  if (d->decl->tok != Token::Var) return nullptr;
  auto block = std::make_unique<BlockNode>();
  for (const Node* spec : d->decl->specs)
    add(block->list, valueSpec(static_cast<const ValueSpec*>(spec)));
  return block;
}

StmtPtr Compiler::valueSpec(const ValueSpec* spec) {
  std::vector<Target> targets;
  for (size_t i = 0; i < spec->names.size(); ++i) {
    const Ident* id = spec->names[i];
    auto it = info_.defs.find(id);
    const check::Type* vt = nullptr;
    if (spec->values.size() == spec->names.size()) {
      vt = finalType(spec->values[i]);
    } else if (spec->values.size() == 1) {
      vt = resultType(spec->values[0], i);
    }
    targets.push_back(targetFor(it == info_.defs.end() ? nullptr : it->second, vt, true));
  }
  std::vector<const check::Type*> types;
  for (const Ident* id : spec->names) {
    auto it = info_.defs.find(id);
    types.push_back(it == info_.defs.end() ? nullptr : it->second->type);
  }
  if (spec->values.empty()) {
    // var x T: zero it (a declaration in a loop runs again).
    auto block = std::make_unique<BlockNode>();
    for (size_t i = 0; i < targets.size(); ++i) {
      if (targets[i].kind == Target::Kind::Blank) continue;
      block->list.push_back(storeTo(targets[i], zeroExpr(types[i])));
    }
    return block;
  }
  // gc assigns `var a, b = x, y` as a = x; b = y: each value is ordered on its own.
  std::vector<StmtPtr> pre;
  for (size_t i = 0; i < spec->values.size(); ++i) {
    const check::Type* target = spec->values.size() == types.size() ? types[i] : nullptr;
    for (StmtPtr& st : orderOperands({spec->values[i]}, {target})) pre.push_back(std::move(st));
  }
  return withOrder(std::move(pre), assignValues(std::move(targets), spec->values, types));
}

StmtPtr Compiler::assign(const AssignStmt* s) {
  if (s->tok != Token::Assign && s->tok != Token::Define) {
    // x op= y
    Token op = assignOpBinary(s->tok);
    const Expr* lhs = s->lhs[0];
    const check::Type* t = finalType(lhs);
    Target target;
    ExprPtr read;
    if (mayHaveEffects(s->rhs[0]) && !isUnreachableLocal(lhs)) return opAssignAfterValue(s, op, t);
    evaluateOnce(lhs, t, &target, &read);
    ExprPtr value =
        binaryValue(op, t, std::move(read), expr(s->rhs[0]), finalType(s->rhs[0]), s->tokPos);
    return storeTo(target, std::move(value));
  }
  // gc's order (compile_order.cpp): the operations it copies, in the targets' operands and
  // then in the values, run before anything else.
  std::vector<const Expr*> roots;
  std::vector<const check::Type*> rootTypes;
  if (s->tok == Token::Assign) {
    for (const Expr* lhs : s->lhs) {
      for (const Expr* o : targetOperands(lhs)) {
        roots.push_back(o);
        rootTypes.push_back(nullptr);
      }
    }
  }
  for (size_t i = 0; i < s->rhs.size(); ++i) {
    roots.push_back(s->rhs[i]);
    bool converts = s->tok == Token::Assign && s->rhs.size() == s->lhs.size();
    rootTypes.push_back(converts ? variableType(s->lhs[i]) : nullptr);
  }
  std::vector<StmtPtr> first = orderOperands(roots, rootTypes);
  // Go evaluates the index and pointer operands of the targets before any of the
  // assignments: those the targets' stores would read too late (an operand with effects;
  // with several targets, every one) are evaluated next.
  // A local that no closure captures and that no target of this statement assigns keeps
  // its value until the stores: such an operand is read where it is used.
  std::vector<const Expr*> saved;
  if (s->tok == Token::Assign) {
    std::set<const check::Object*> assigned;
    for (const Expr* lhs : s->lhs) {
      while (auto p = as<ParenExpr>(lhs)) lhs = p->x;
      if (auto id = as<Ident>(lhs)) assigned.insert(objectOf(id));
    }
    auto keepsValue = [&](const Expr* o) {
      while (auto p = as<ParenExpr>(o)) o = p->x;
      auto id = as<Ident>(o);
      return id && isUnreachableLocal(id) && !assigned.count(objectOf(id));
    };
    for (const Expr* lhs : s->lhs) {
      for (const Expr* o : targetOperands(lhs)) {
        if (s->lhs.size() == 1 && !mayHaveEffects(o)) continue;
        if (typeOf(o).mode == check::Mode::Constant) continue;
        if (keepsValue(o)) continue;
        int slot = newTemp();
        bool counted = isCountedType(typeOf(o).type);
        if (counted) fn_->countedSlots.push_back(slot);
        auto save = std::make_unique<ExprStmtNode>();
        save->x = saveTemp(expr(o), slot, counted);
        save->counted = counted;
        first.push_back(std::move(save));
        saved.push_back(o);
        if (counted) {
          operandOverrides_[o] = std::make_unique<LocalNode<true>>(slot);
        } else {
          operandOverrides_[o] = std::make_unique<LocalNode<false>>(slot);
        }
      }
    }
  }
  std::vector<Target> targets;
  std::vector<const check::Type*> types;
  for (size_t i = 0; i < s->lhs.size(); ++i) {
    const check::Type* vt =
        s->rhs.size() == s->lhs.size() ? finalType(s->rhs[i]) : resultType(s->rhs[0], i);
    targets.push_back(targetForExpr(s->lhs[i], vt));
    types.push_back(variableType(s->lhs[i]));
  }
  for (const Expr* o : saved) operandOverrides_.erase(o);
  StmtPtr assignment = assignValues(std::move(targets), s->rhs, types);
  if (first.empty() || !assignment) return assignment;
  auto block = std::make_unique<BlockNode>();
  block->list = std::move(first);
  block->list.push_back(std::move(assignment));
  return block;
}

// Whether e names a local variable that no closure captures (nor takes the address
// of): no call can change it behind the statement's back.
bool Compiler::isUnreachableLocal(const Expr* e) const {
  while (auto p = as<ParenExpr>(e)) e = p->x;
  auto id = as<Ident>(e);
  const check::Object* o = id ? objectOf(id) : nullptr;
  return o && o->kind == check::Object::Kind::Var && !o->isGlobal && !o->captured;
}

// x op= y where y may have effects, in gc's order: the calls among x's operands, then
// y, and only then the reads of x's variables and of x itself (a call in y may change
// them: `a[i] += f()` with f setting i reads and writes the new a[i]).
StmtPtr Compiler::opAssignAfterValue(const AssignStmt* s, Token op, const check::Type* t) {
  const Expr* lhs = s->lhs[0];
  auto block = std::make_unique<BlockNode>();
  auto saveFirst = [&](const Expr* e, const check::Type* type) {
    int slot = newTemp();
    bool counted = isCountedType(type);
    if (counted) fn_->countedSlots.push_back(slot);
    auto save = std::make_unique<ExprStmtNode>();
    save->x = saveTemp(expr(e), slot, counted);
    save->counted = counted;
    block->list.push_back(std::move(save));
    return std::pair{slot, counted};
  };
  auto readTemp = [](std::pair<int, bool> temp) -> ExprPtr {
    if (temp.second) return std::make_unique<LocalNode<true>>(temp.first);
    return std::make_unique<LocalNode<false>>(temp.first);
  };
  std::vector<std::pair<const Expr*, std::pair<int, bool>>> saved;
  for (const Expr* o : targetOperands(lhs)) {
    if (mayHaveEffects(o)) saved.emplace_back(o, saveFirst(o, typeOf(o).type));
  }
  for (StmtPtr& st : orderOperands({s->rhs[0]}, {})) block->list.push_back(std::move(st));
  std::pair<int, bool> value = saveFirst(s->rhs[0], finalType(s->rhs[0]));
  for (auto& [o, temp] : saved) operandOverrides_[o] = readTemp(temp);
  Target target = targetForExpr(lhs, t);
  for (auto& [o, temp] : saved) operandOverrides_[o] = readTemp(temp);
  ExprPtr read = expr(lhs);
  for (auto& [o, temp] : saved) operandOverrides_.erase(o);
  block->list.push_back(storeTo(target, binaryValue(op, t, std::move(read), readTemp(value),
                                                    finalType(s->rhs[0]), s->tokPos)));
  return block;
}

// The operands of target e that its store evaluates: a slice, map or pointer being
// indexed and the index, a dereferenced pointer, a pointer whose field is set. (An array
// or struct variable is the variable itself, not an operand.)
std::vector<const Expr*> Compiler::targetOperands(const Expr* e) {
  while (auto p = as<ParenExpr>(e)) e = p->x;
  std::vector<const Expr*> operands;
  if (auto ix = as<IndexExpr>(e)) {
    // An element of an array is in the array, whose own operands locate it.
    if (check::asArray(finalType(ix->x))) {
      operands = targetOperands(ix->x);
    } else {
      operands.push_back(ix->x);
    }
    if (!ix->indices.empty()) operands.push_back(ix->indices[0]);
  } else if (auto st = as<StarExpr>(e)) {
    operands.push_back(st->x);
  } else if (auto sel = as<SelectorExpr>(e); sel && info_.selections.count(sel)) {
    // A field of a struct value is in the struct (`p.x.y` is located by `p`).
    if (check::asPointer(finalType(sel->x))) {
      operands.push_back(sel->x);
    } else {
      operands = targetOperands(sel->x);
    }
  }
  return operands;
}

ExprPtr Compiler::saveTemp(ExprPtr x, int slot, bool counted) {
  if (counted) {
    auto save = std::make_unique<SaveTempNode<true>>();
    save->x = std::move(x);
    save->slot = slot;
    return save;
  }
  auto save = std::make_unique<SaveTempNode<false>>();
  save->x = std::move(x);
  save->slot = slot;
  return save;
}

// The node for `x op y` with operands already compiled (for op=).
ExprPtr Compiler::binaryValue(Token op, const check::Type* type, ExprPtr x, ExprPtr y,
                              const check::Type* yType, Pos pos) {
  const check::Basic* t = check::asBasic(type);
  if (!t) return nullptr;
  if (t->isString()) {
    auto n = std::make_unique<ConcatNode>();
    n->x = std::move(x);
    n->y = std::move(y);
    return n;
  }
  if (t->isComplex()) {
    return makeComplexArithmetic(op, t->basic == BasicKind::Complex64, std::move(x), std::move(y),
                                 pos);
  }
  if (op == Token::Shl || op == Token::Shr) {
    const check::Basic* ct = check::asBasic(yType);
    return withNumeric(t, [&]<typename T>() -> ExprPtr {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        if (op == Token::Shl) return shiftWithCount<T, true>(ct, std::move(x), std::move(y), pos);
        return shiftWithCount<T, false>(ct, std::move(x), std::move(y), pos);
      } else {
        return nullptr;
      }
    });
  }
  return withNumeric(t, [&]<typename T>() -> ExprPtr {
    if constexpr (std::is_same_v<T, bool>) {
      return nullptr;
    } else {
      return arithmetic<T>(op, std::move(x), std::move(y), pos);
    }
  });
}

StmtPtr Compiler::incDec(const IncDecStmt* s) {
  const check::Type* t = finalType(s->x);
  bool inc = s->tok == Token::Inc;
  const Expr* x = s->x;
  while (auto p = as<ParenExpr>(x)) x = p->x;
  if (auto ix = as<IndexExpr>(x); ix && check::asMap(finalType(ix->x)) && check::asBasic(t) &&
                                  (check::asBasic(t)->basic == BasicKind::Int ||
                                   check::asBasic(t)->basic == BasicKind::Int64)) {
    const check::Map* m = check::asMap(finalType(ix->x));
    return makeMapIncDec(expr(ix->x), valueAs(ix->indices[0], m->key), m, inc, ix->pos);
  }
  Target target = targetForExpr(s->x, t);
  bool isComplex = check::asBasic(t) && check::asBasic(t)->isComplex();
  if (target.kind == Target::Kind::Slot && !isComplex) {
    return withNumeric(check::asBasic(t), [&]<typename T>() -> StmtPtr {
      if constexpr (std::is_same_v<T, bool>) {
        return nullptr;
      } else {
        if (inc) {
          auto n = std::make_unique<IncSlotNode<T, true>>();
          n->slot = target.slot;
          return n;
        }
        auto n = std::make_unique<IncSlotNode<T, false>>();
        n->slot = target.slot;
        return n;
      }
    });
  }
  const check::Basic* b = check::asBasic(t);
  if ((target.kind == Target::Kind::Capture || target.kind == Target::Kind::BoxSlot) && b &&
      (b->basic == BasicKind::Int || b->basic == BasicKind::Int64)) {
    auto boxed = [&]<bool Inc, bool Captured>() -> StmtPtr {
      auto n = std::make_unique<IncBoxedIntNode<Inc, Captured>>();
      n->slot = Captured ? target.closureSlot : target.slot;
      if constexpr (Captured) n->index = static_cast<size_t>(target.slot);
      return n;
    };
    bool captured = target.kind == Target::Kind::Capture;
    if (inc) {
      return captured ? boxed.template operator()<true, true>()
                      : boxed.template operator()<true, false>();
    }
    return captured ? boxed.template operator()<false, true>()
                    : boxed.template operator()<false, false>();
  }
  check::ConstValue one = check::ConstValue::ofInt64(1);
  ExprPtr read;
  evaluateOnce(s->x, t, &target, &read);
  ExprPtr value = binaryValue(inc ? Token::Add : Token::Sub, t, std::move(read),
                              constant(one, t, s->pos), t, s->pos);
  return storeTo(target, std::move(value));
}

std::vector<StmtPtr> Compiler::block(const BlockStmt* b) {
  std::vector<StmtPtr> list;
  bool gotoTarget = false;
  for (const Stmt* s : b->list) {
    if (auto l = as<LabeledStmt>(s); l && gotoTargets_.count(l)) gotoTarget = true;
  }
  if (gotoTarget) {
    list.push_back(statementList(b->list));
    return list;
  }
  for (const Stmt* s : b->list) add(list, stmt(s));
  return list;
}

StmtPtr Compiler::ifStmt(const IfStmt* s) {
  if (!s->init && !s->elseStmt) {
    auto n = std::make_unique<IfThenNode>();
    n->cond = exprInOrder(s->cond);
    n->body = block(s->body);
    if (StmtPtr fused = n->cond->intoIfThen(n->body)) return fused;
    return n;
  }
  auto n = std::make_unique<IfNode>();
  if (s->init) n->init = stmt(s->init);
  n->cond = exprInOrder(s->cond);
  n->body = block(s->body);
  if (s->elseStmt) n->orElse = stmt(s->elseStmt);
  return n;
}

StmtPtr Compiler::forStmt(const ForStmt* s) {
  auto n = std::make_unique<ForNode>();
  if (s->init) n->init = stmt(s->init);
  if (auto a = as<AssignStmt>(s->init); a && a->tok == Token::Define) {
    for (const Expr* l : a->lhs) {
      auto id = as<Ident>(l);
      auto it = id ? info_.defs.find(id) : info_.defs.end();
      if (it != info_.defs.end() && it->second->captured) {
        n->perIteration.push_back({it->second->slot, isCountedType(it->second->type)});
      }
    }
  }
  if (s->cond) n->cond = exprInOrder(s->cond);
  if (s->post) n->post = stmt(s->post);
  n->body = block(s->body);
  if (StmtPtr counting = countingLoop(*n, boundIsFixed(s->cond))) return counting;
  if (n->cond && n->perIteration.empty()) {
    if (StmtPtr fused = n->cond->intoFor(n->init, n->post, n->body)) return fused;
  }
  return n;
}

// Whether the bound of a condition `i < n` (or <=) is a local variable that nothing
// assigns after its declaration, so its value cannot change while the loop runs.
bool Compiler::boundIsFixed(const Expr* cond) const {
  auto b = as<BinaryExpr>(cond);
  if (!b) return false;
  const Expr* y = b->y;
  while (auto p = as<ParenExpr>(y)) y = p->x;
  auto id = as<Ident>(y);
  const check::Object* o = id ? objectOf(id) : nullptr;
  return o && o->kind == check::Object::Kind::Var && !o->isGlobal && !o->reassigned;
}

// The CountingForNode doing what loop n does, or null. A fixed bound (boundIsFixed) is
// read once.
StmtPtr Compiler::countingLoop(ForNode& n, bool fixedBound) {
  if (!n.cond || !n.perIteration.empty()) return nullptr;
  auto inc = dynamic_cast<IncSlotNode<int64_t, true>*>(n.post.get());
  if (!inc) return nullptr;
  StmtPtr r;
  auto tryOp = [&]<typename Op, typename Bound>() {
    auto c = dynamic_cast<BinaryNode<int64_t, Op, FromSlot, Bound>*>(n.cond.get());
    if (r || !c || c->x.slot != inc->slot) return;
    auto fill = [&](auto loop) {
      loop->pos = n.pos;
      loop->init = std::move(n.init);
      loop->slot = inc->slot;
      loop->body = std::move(n.body);
      r = std::move(loop);
    };
    if constexpr (std::is_same_v<Bound, FromExpr>) {
      if (fixedBound) {
        fill(std::make_unique<CountingForNode<Op, FromOnce>>(FromOnce{std::move(c->y.node)}));
        return;
      }
    }
    fill(std::make_unique<CountingForNode<Op, Bound>>(std::move(c->y)));
  };
  tryOp.template operator()<OpLss, FromConst>();
  tryOp.template operator()<OpLss, FromSlot>();
  tryOp.template operator()<OpLss, FromExpr>();
  tryOp.template operator()<OpLeq, FromConst>();
  tryOp.template operator()<OpLeq, FromSlot>();
  tryOp.template operator()<OpLeq, FromExpr>();
  return r;
}

// The target of an assignment, by a range or select clause, of a value of type vt to
// the variable e: a concrete value stored into an interface variable is boxed.
Target Compiler::assignTarget(const Expr* e, const check::Type* vt) {
  const check::Type* varType = variableType(e);
  if (!varType || !check::asInterface(varType) || check::asInterface(vt)) {
    return targetForExpr(e, vt);
  }
  Target t;
  t.kind = Target::Kind::ToIface;
  t.counted = isCountedType(vt);
  t.boxAs = vt;
  t.inner = std::make_shared<Target>(targetForExpr(e, varType));
  return t;
}

StmtPtr Compiler::rangeStmt(const RangeStmt* s) {
  const check::Basic* xt = check::asBasic(finalType(s->x));
  // `for i, a[i] = range x` evaluates the value target's operands before assigning the
  // key (as `i, a[i] = k, v` does): the key goes through a temporary then, stored into
  // its variable first thing in the body.
  StmtPtr keyStore;
  auto targetOf = [&](const Expr* e, const check::Type* vt) -> Target {
    if (!e) return targetFor(nullptr, vt);
    if (s->tok == Token::Define) {
      auto id = as<Ident>(e);
      auto it = id ? info_.defs.find(id) : info_.defs.end();
      return targetFor(it == info_.defs.end() ? nullptr : it->second, vt, true);
    }
    if (e == s->key && s->value && !isBlankIdent(e) && !targetOperands(s->value).empty()) {
      Target temp;
      temp.kind = Target::Kind::Slot;
      temp.slot = newTemp();
      temp.counted = isCountedType(vt);
      temp.aggregate = isAggregate(vt);
      temp.define = true;
      if (temp.counted) fn_->countedSlots.push_back(temp.slot);
      ExprPtr read = temp.counted ? ExprPtr(std::make_unique<LocalNode<true>>(temp.slot))
                                  : ExprPtr(std::make_unique<LocalNode<false>>(temp.slot));
      keyStore = storeTo(assignTarget(e, vt), std::move(read));
      return temp;
    }
    return assignTarget(e, vt);
  };
  auto loopBody = [&]() {
    std::vector<StmtPtr> list = block(s->body);
    if (keyStore) list.insert(list.begin(), std::move(keyStore));
    return list;
  };
  const check::Type* rt = finalType(s->x);
  if (const check::Pointer* p = check::asPointer(rt); p && check::asArray(p->elem)) {
    const check::Array* array = check::asArray(p->elem);
    const check::Type* elem = array->elem;
    int slot = newTemp();
    Target key = targetOf(s->key, check::basicType(BasicKind::Int));
    Target value = targetOf(s->value, elem);
    if (value.kind == Target::Kind::Blank &&
        (key.kind == Target::Kind::Slot || key.kind == Target::Kind::Blank) &&
        (as<Ident>(s->x) || as<SelectorExpr>(s->x))) {
      // Only the indices: len(p) is constant, so p is neither evaluated nor dereferenced
      // (it may be nil).
      auto n = std::make_unique<RangeIntNode>();
      n->n = std::make_unique<ConstNode>(Value{.i = array->len}, false);
      n->countSlot = slot;
      n->keySlot = key.kind == Target::Kind::Slot ? key.slot : -1;
      n->body = loopBody();
      return n;
    }
    fn_->countedSlots.push_back(slot);
    return makeRangeSlice(makeArrayToSlice(expr(s->x), false, s->pos), slot, std::move(key),
                          std::move(value), loopBody());
  }
  if (const check::Array* a = check::asArray(rt)) {
    // Go ranges over a copy of the array (only when the values are used).
    int slot = newTemp();
    Target key = targetOf(s->key, check::basicType(BasicKind::Int));
    Target value = targetOf(s->value, a->elem);
    bool copy = value.kind != Target::Kind::Blank;
    fn_->countedSlots.push_back(slot);
    return makeRangeSlice(makeArrayToSlice(expr(s->x), copy, s->pos), slot, std::move(key),
                          std::move(value), loopBody());
  }
  if (const check::Map* m = check::asMap(rt)) {
    int slot = newTemp();
    Target key = targetOf(s->key, m->key);
    Target value = targetOf(s->value, m->elem);
    fn_->countedSlots.push_back(slot);
    return makeRangeMap(expr(s->x), slot, std::move(key), std::move(value), loopBody());
  }
  if (const check::Chan* ch = check::asChan(rt)) {
    int slot = newTemp();
    Target key = targetOf(s->key, ch->elem);
    fn_->countedSlots.push_back(slot);
    noteWaitOperand(s->pos, s->x);
    return makeRangeChan(expr(s->x), slot, std::move(key), ch->elem, loopBody());
  }
  if (isSliceType(rt)) {
    const check::Type* elem = elemOf(rt);
    int slot = newTemp();
    Target key = targetOf(s->key, check::basicType(BasicKind::Int));
    Target value = targetOf(s->value, elem);
    fn_->countedSlots.push_back(slot);
    return makeRangeSlice(expr(s->x), slot, std::move(key), std::move(value), loopBody());
  }
  if (!xt) return nullptr;
  if (xt->isString()) {
    auto n = std::make_unique<RangeStringNode>();
    n->x = expr(s->x);
    n->stringSlot = newTemp();
    fn_->countedSlots.push_back(n->stringSlot);
    n->key = targetOf(s->key, check::basicType(BasicKind::Int));
    n->value = targetOf(s->value, check::basicType(BasicKind::Int32));
    n->body = loopBody();
    return n;
  }
  // Over an integer: the key is the loop counter. A key that is not a plain local (range
  // with =, a global, a variable a closure captures, which is a new box each iteration)
  // is stored from a temporary each iteration.
  auto n = std::make_unique<RangeIntNode>();
  n->n = expr(s->x);
  n->countSlot = newTemp();
  Target key = targetOf(s->key, finalType(s->x));
  n->keySlot = key.kind == Target::Kind::Slot ? key.slot : -1;
  n->body = loopBody();
  if (key.kind != Target::Kind::Slot && key.kind != Target::Kind::Blank) {
    n->keySlot = newTemp();
    n->body.insert(n->body.begin(),
                   storeTo(std::move(key), std::make_unique<LocalNode<false>>(n->keySlot)));
  }
  return n;
}

StmtPtr Compiler::switchStmt(const SwitchStmt* s) {
  auto n = std::make_unique<SwitchNode>();
  if (s->init) n->init = stmt(s->init);
  const check::Type* tagType = nullptr;
  if (s->tag) {
    tagType = finalType(s->tag);
    n->tag = exprInOrder(s->tag);
    n->tagSlot = newTemp();
    n->tagCounted = isCountedType(tagType);
    if (n->tagCounted) fn_->countedSlots.push_back(n->tagSlot);
  }
  for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
    const CaseClause* c = s->clauses[ci];
    SwitchNode::Clause clause;
    if (c->isDefault) n->defaultClause = static_cast<int>(ci);
    for (const Expr* e : c->list) {
      // Each case value is evaluated on its own, in gc's order (compile_order.cpp).
      std::vector<StmtPtr> pre = orderOperands({e}, {s->tag ? tagType : nullptr});
      clause.matches.push_back(withOrder(std::move(pre), caseMatch(s, e, *n, tagType)));
    }
    for (const Stmt* st : c->body) add(clause.body, stmt(st));
    n->clauses.push_back(std::move(clause));
  }
  return n;
}

// Whether case value e matches: e itself without a tag, else the tag (in n's slot) == e.
ExprPtr Compiler::caseMatch(const SwitchStmt* s, const Expr* e, const SwitchNode& n,
                            const check::Type* tagType) {
  const check::Type* caseType = finalType(e);
  if (!s->tag) {
    if (!check::asInterface(caseType)) return expr(e);
    // `case i:` with i an interface compares true, in an interface, with i.
    const check::Type* boolType = check::basicType(BasicKind::Bool);
    ExprPtr truth =
        makeToIface(constant(check::ConstValue::ofBool(true), boolType, e->pos), boolType);
    return makeEquality(std::move(truth), expr(e), caseType, true, e->pos);
  }
  ExprPtr tagValue = n.tagCounted ? ExprPtr(std::make_unique<LocalNode<true>>(n.tagSlot))
                                  : ExprPtr(std::make_unique<LocalNode<false>>(n.tagSlot));
  if (check::asInterface(caseType) && !check::asInterface(tagType)) {
    // `switch t { case i: }` with i an interface: t, in an interface, compared with i.
    return makeEquality(makeToIface(std::move(tagValue), tagType), expr(e), caseType, true, e->pos);
  }
  return equality(tagType, std::move(tagValue), valueAs(e, tagType), e->pos);
}

ExprPtr Compiler::equality(const check::Type* type, ExprPtr x, ExprPtr y, Pos pos) {
  const check::Basic* t = check::asBasic(type);
  if (!t) return makeEquality(std::move(x), std::move(y), type, true, pos);
  if (t->isString()) return stringComparison(Token::Eql, std::move(x), std::move(y));
  if (t->isComplex()) {
    return makeComplexEquality(true, t->basic == BasicKind::Complex64, std::move(x), std::move(y));
  }
  return withNumeric(t, [&]<typename T>() -> ExprPtr {
    return comparison<T>(Token::Eql, std::move(x), std::move(y), pos);
  });
}

StmtPtr Compiler::returnStmt(const ReturnStmt* s) {
  auto n = std::make_unique<ReturnNode>();
  std::vector<const check::Type*> types;
  for (size_t i = 0; i < fn_->resultSlots.size(); ++i) {
    Target t;
    t.kind = Target::Kind::Slot;
    t.slot = fn_->resultSlots[i];
    if (info && i < info->results.size()) {
      const check::Object* r = info->results[i];
      t.counted = isCountedType(r->type);
      t.aggregate = isAggregate(r->type);
      // A result that closures capture lives in a box until the call returns.
      if (r->captured) t.kind = Target::Kind::BoxSlot;
      types.push_back(r->type);
    }
    n->results.push_back(t);
  }
  n->multi = s->results.size() == 1 && n->results.size() > 1;
  if (n->multi) {
    auto tuple = dynamic_cast<const check::Tuple*>(typeOf(s->results[0]).type);
    bool boxes = false;
    for (size_t i = 0; tuple && i < types.size() && i < tuple->types.size(); ++i) {
      bool box = check::asInterface(types[i]) && !check::asInterface(tuple->types[i]);
      n->boxAs.push_back(box ? tuple->types[i] : nullptr);
      boxes |= box;
    }
    if (!boxes) n->boxAs.clear();
  }
  std::vector<const Expr*> roots(s->results.begin(), s->results.end());
  std::vector<StmtPtr> pre = orderOperands(roots, types);
  if (n->multi) {
    n->values.push_back(expr(s->results[0]));  // boxed result by result (boxAs)
    return withOrder(std::move(pre), StmtPtr(std::move(n)));
  }
  for (size_t i = 0; i < s->results.size(); ++i) {
    n->values.push_back(valueAs(s->results[i], i < types.size() ? types[i] : nullptr));
  }
  if (n->values.size() == 1 && n->results[0].kind == Target::Kind::Slot && !n->results[0].counted &&
      !n->results[0].aggregate) {
    if (StmtPtr fused = n->values[0]->intoReturn(n->results[0].slot)) {
      return withOrder(std::move(pre), std::move(fused));
    }
    auto scalar = std::make_unique<ReturnScalarNode>();
    scalar->slot = n->results[0].slot;
    scalar->value = std::move(n->values[0]);
    return withOrder(std::move(pre), StmtPtr(std::move(scalar)));
  }
  return withOrder(std::move(pre), StmtPtr(std::move(n)));
}

StmtPtr Compiler::typeSwitch(const TypeSwitchStmt* s) {
  auto n = std::make_unique<TypeSwitchNode>();
  if (s->init) n->init = stmt(s->init);
  n->subject = expr(s->subject);
  n->subjectSlot = newTemp();
  fn_->countedSlots.push_back(n->subjectSlot);
  for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
    const CaseClause* c = s->clauses[ci];
    TypeSwitchNode::Clause clause;
    if (c->isDefault) n->defaultClause = static_cast<int>(ci);
    for (const Expr* e : c->list) {
      const check::TypeAndValue& tv = typeOf(e);
      clause.types.push_back(tv.mode == check::Mode::TypeExpr ? tv.type : nullptr);
    }
    if (auto it = info_.implicits.find(c); it != info_.implicits.end()) {
      const check::Object* o = it->second;
      clause.bind = targetFor(o, o->type, true);
      clause.unwrap = !check::asInterface(o->type);
      clause.bindCounted = isCountedType(o->type);
    }
    for (const Stmt* st : c->body) add(clause.body, stmt(st));
    n->clauses.push_back(std::move(clause));
  }
  return n;
}

}  // namespace gol::eval
