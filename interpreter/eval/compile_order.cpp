// gc's order of evaluation within a statement (cmd/compile/internal/walk/order.go).
//
// Go's specification orders calls, method calls, receives and the logical operators among
// themselves, and leaves open when a plain read of a variable happens relative to them
// (`a + f()` with f assigning a). gc settles it: the operations its order pass copies into
// temporaries run first, left to right and innermost first; every other read is done
// afterwards, where the statement uses the value. The copied operations are calls and
// receives; len, cap, make, new, append, copy, complex, real, imag and recover; slicing;
// []byte(s) and []rune(s); type assertions to types that are not pointer-shaped; the
// logical operators (whose right operand then runs only if needed); map literals (which gc
// turns into statements); and values the runtime needs the address of: an operand
// converted to an interface whose type is not 2, 4 or 8 bytes, nor a string or slice
// (bool, byte, complex, most structs and arrays), and the operands of == and != on structs
// and arrays. Gol follows gc, so that a program prints what it prints under go run.
//
// Gol's nodes evaluate strictly left to right. That differs from gc's order only where a
// read that a call can change comes before an operation with an effect, at the same level
// (the operands of one copied operation, or a statement's): scanOrder finds those
// statements. Every other statement compiles as before, with its fused nodes. The ones
// found compile in gc's order: each copied operation, innermost first, is evaluated into a
// temporary by a HoistNode before the statement, and the statement reads the temporary
// (operandOverrides_). A statement's only operand is not copied: it runs last anyway.
//
// A map literal's entries are ordered one by one, as the statements `m[k] = v` gc makes of
// them, and so are switch case values. Left in Gol's order: the operands of go and defer
// statements (gc evaluates them in order too) and select cases.
#include "interpreter/eval/compiler_impl.h"

namespace gol::eval {

namespace {

// Evaluates an operation of a statement compiled in gc's order into its temporary. The
// temporary is empty: its last value was taken, or the frame is new.
struct HoistNode final : StmtNode {
  ExprPtr x;
  int slot = 0;
  Exec exec(Value* fp) override {
    fp[slot] = x->eval(fp);
    return Exec::Normal;
  }
};

// Hands a counted temporary's value, and its reference, to the statement. (A panic
// before the statement takes it leaves it to the frame's release of counted slots.)
struct TakeTempNode final : ExprNode {
  int slot = 0;
  Value eval(Value* fp) override {
    Value v = fp[slot];
    fp[slot] = Value{};
    return v;
  }
};

// `pre; x`: an expression in gc's order that is evaluated on its own (a loop's condition,
// the right operand of && and ||).
struct OrderedExprNode final : ExprNode {
  std::vector<StmtPtr> pre;
  ExprPtr x;
  Value eval(Value* fp) override {
    for (StmtPtr& s : pre) s->exec(fp);
    return x->eval(fp);
  }
};

bool isString(const check::Type* t) {
  const check::Basic* b = check::asBasic(t);
  return b && b->isString();
}

bool isTuple(const check::Type* t) {
  return dynamic_cast<const check::Tuple*>(t) != nullptr;
}

// Go's Type.SoleComponent: the one non-aggregate inside nested one-field structs and
// one-element arrays, or null.
const check::Type* soleComponent(const check::Type* t) {
  for (;;) {
    const check::Type* u = check::under(t);
    if (auto s = check::asStruct(u)) {
      if (s->fields.size() != 1) return nullptr;
      t = s->fields[0].type;
    } else if (auto a = check::asArray(u)) {
      if (a->len != 1) return nullptr;
      t = a->elem;
    } else {
      return t;
    }
  }
}

// Whether gc converts a value of type t to an interface through its address (walk's
// dataWordFuncName), which order.go first copies into a temporary.
bool convertsThroughAddress(const check::Type* t) {
  if (!check::under(t) || isTuple(t)) return false;
  int64_t size = check::sizeOf(t);
  int64_t align = check::alignOf(t);
  if ((size == 2 && align == 2) || (size == 4 && align == 4) || (size == 8 && align == 8)) {
    return false;
  }
  const check::Type* sole = soleComponent(t);
  if (sole && (check::asSliceType(sole) || isString(sole))) return false;
  return true;
}

// Whether a type assertion to t yields a pointer-shaped value, which order.go leaves in
// place.
bool directInterface(const check::Type* t) {
  const check::Type* u = check::under(t);
  if (!u) return false;
  if (check::asPointer(u) || check::asMap(u) || check::asChan(u) || check::asSignature(u)) {
    return true;
  }
  const check::Type* sole = soleComponent(t);
  return sole && sole != t && directInterface(sole);
}

// The type of the elements of a slice, array or map literal of type t (a map's values;
// its keys are not converted here).
const check::Type* literalElem(const check::Type* t) {
  if (auto s = check::asSliceType(t)) return s->elem;
  if (auto a = check::asArray(t)) return a->elem;
  if (auto m = check::asMap(t)) return m->elem;
  return nullptr;
}

}  // namespace

// ---- Finding the statements whose order differs -----------------------------------------

// Whether operand e, used where a value of type `target` is wanted, is converted to an
// interface through a copy.
bool Compiler::copiedForInterface(const Expr* e, const check::Type* target) const {
  if (!target || !check::asInterface(target)) return false;
  const check::Type* from = typeOf(e).type;
  if (!from || check::asInterface(from) || from == check::basicType(BasicKind::UntypedNil)) {
    return false;
  }
  return convertsThroughAddress(finalType(e));
}

// Whether e is an operation gc's order pass copies into a temporary (not counting the
// copies of convertsThroughAddress and of compared structs); *effect: whether it may change
// variables itself.
bool Compiler::copiedOperation(const Expr* e, bool* effect) const {
  *effect = false;
  switch (e->kind) {
    case NodeKind::SliceExpr: return true;
    case NodeKind::TypeAssertExpr: return !directInterface(typeOf(e).type);
    case NodeKind::UnaryExpr:
      *effect = static_cast<const UnaryExpr*>(e)->op == Token::Arrow;
      return *effect;
    case NodeKind::BinaryExpr: {
      // && and ||; == and != on structs and arrays, whose operands the runtime compares
      // through their addresses.
      auto b = static_cast<const BinaryExpr*>(e);
      if (b->op == Token::LAnd || b->op == Token::LOr) return true;
      return isComparison(b->op) && (isAggregate(finalType(b->x)) || isAggregate(finalType(b->y)));
    }
    case NodeKind::CompositeLit: return check::asMap(finalType(e)) != nullptr;
    case NodeKind::CallExpr: {
      auto c = static_cast<const CallExpr*>(e);
      const check::TypeAndValue& fun = typeOf(c->fun);
      if (fun.mode == check::Mode::TypeExpr) {
        const check::Slice* s = check::asSliceType(fun.type);
        return s && !c->args.empty() && isString(finalType(c->args[0]));
      }
      const check::Object* callee = calleeObject(c->fun);
      if (callee && callee->kind == check::Object::Kind::Builtin) {
        switch (callee->builtin) {
          case check::Builtin::Min:
          case check::Builtin::Max: return false;
          case check::Builtin::Len:
          case check::Builtin::Cap:
          case check::Builtin::Append:
          case check::Builtin::Make:
          case check::Builtin::New:
          case check::Builtin::Complex:
          case check::Builtin::Real:
          case check::Builtin::Imag: return true;
          default: *effect = true; return true;
        }
      }
      *effect = true;
      return true;
    }
    default: return false;
  }
}

// Whether reading e's variable, field or element at the end of the statement may see a
// change a call made. Locals that no closure captures and whose address is not taken
// cannot change behind the statement's back, nor can their fields and array elements; nor
// can a captured scalar, string or reference that nothing assigns after its declaration
// (a channel the goroutines share).
bool Compiler::readMayChange(const Expr* e) const {
  e = unparen(e);
  if (auto id = as<Ident>(e)) {
    const check::Object* o = objectOf(id);
    if (!o || o->kind != check::Object::Kind::Var || isUnreachableLocal(id)) return false;
    return o->isGlobal || o->reassigned || isAggregate(o->type);
  }
  if (auto sel = as<SelectorExpr>(e)) {
    auto it = info_.selections.find(sel);
    if (it == info_.selections.end()) {  // a package's variable (os.Args)
      const check::Object* o = objectOf(sel->sel);
      return o && o->kind == check::Object::Kind::Var;
    }
    if (it->second.kind != check::Selection::Kind::Field) return false;  // a method value
    return it->second.indirect || check::asPointer(finalType(sel->x)) || readMayChange(sel->x);
  }
  if (auto ix = as<IndexExpr>(e)) {
    if (info_.instantiations.count(ix)) return false;
    return !check::asArray(finalType(ix->x)) || readMayChange(ix->x);
  }
  if (auto c = as<CallExpr>(e); c && typeOf(c->fun).mode == check::Mode::TypeExpr) {
    // string(b) reads the elements b shares.
    return !c->args.empty() && check::asSliceType(finalType(c->args[0]));
  }
  return as<StarExpr>(e) != nullptr;
}

// The parameter type of argument i of call c (null: no conversion to consider).
const check::Type* Compiler::argumentTarget(const CallExpr* c, size_t i) const {
  const check::Signature* sig = nullptr;
  if (const check::Object* callee = calleeObject(c->fun);
      callee && callee->kind == check::Object::Kind::Func && !callee->decl) {
    sig = check::asSignature(callee->type);
  } else {
    sig = check::asSignature(finalType(c->fun));
  }
  if (!sig || sig->params.empty()) return nullptr;
  if (sig->variadic && i + 1 >= sig->params.size()) {
    return c->hasEllipsis ? nullptr : sig->params.back();
  }
  return i < sig->params.size() ? sig->params[i] : nullptr;
}

// Scans operand e of a level (a statement's operands, or a copied operation's) in the
// order Gol evaluates it: returns whether it may have an effect, and sets `needed` where an
// effect comes after a read of the same level that it may change.
bool Compiler::scanOrder(const Expr* e, const check::Type* target, OrderLevel& level,
                         bool& needed) const {
  if (!e) return false;
  const check::TypeAndValue& tv = typeOf(e);
  if (tv.mode == check::Mode::Constant || tv.mode == check::Mode::TypeExpr) return false;
  bool effect = false;
  if (!copiedOperation(e, &effect) && !copiedForInterface(e, target)) {
    effect = scanOperands(e, level, needed);
    if (readMayChange(e)) level.readMayChange = true;
    return effect;
  }
  // A struct or array variable converted to an interface is copied at its turn; Gol's
  // nodes hand on the variable's object instead, which a later call may still change.
  if (isAggregate(finalType(e)) && !effect && readMayChange(e)) level.readMayChange = true;
  // A copied operation reads its operands at its turn, in both orders: they are a level
  // of their own.
  OrderLevel operands;
  auto b = as<BinaryExpr>(e);
  if (auto lit = as<CompositeLit>(e); lit && check::asMap(finalType(e))) {
    // A map literal: each entry is ordered on its own when it is compiled.
    bool unused = false;
    for (const KeyedElement& el : lit->elements) {
      OrderLevel entry;
      effect |= scanOrder(el.key, nullptr, entry, unused);
      effect |= scanOrder(el.value, nullptr, entry, unused);
    }
  } else if (b && (b->op == Token::LAnd || b->op == Token::LOr)) {
    // Each operand of && and || is a level of its own: the right one may not run.
    OrderLevel right;
    effect |= scanOrder(b->x, nullptr, operands, needed);
    effect |= scanOrder(b->y, nullptr, right, needed);
  } else {
    effect |= scanOperands(e, operands, needed);
  }
  if (effect && level.readMayChange) needed = true;
  return effect;
}

// Calls visit(x, target) for each operand x that evaluating e evaluates, in Gol's order,
// with the type x is converted to where that may be an interface (else null); for `&x`,
// visits what locating x evaluates instead (the variable itself is not read).
template <typename Visit>
void Compiler::forEachOperand(const Expr* e, Visit&& visit) const {
  switch (e->kind) {
    case NodeKind::ParenExpr: visit(static_cast<const ParenExpr*>(e)->x, nullptr); break;
    case NodeKind::CompositeLit: {
      auto lit = static_cast<const CompositeLit*>(e);
      const check::Type* t = finalType(e);
      if (const check::Pointer* p = check::asPointer(t); p && !lit->type) t = p->elem;
      const check::Struct* st = check::asStruct(t);
      for (size_t i = 0; i < lit->elements.size(); ++i) {
        const KeyedElement& el = lit->elements[i];
        const check::Type* elemType = nullptr;
        if (st) {
          // Keys name fields; without keys the elements are the fields in order.
          if (!el.key && i < st->fields.size()) elemType = st->fields[i].type;
        } else {
          elemType = literalElem(t);
          visit(el.key, nullptr);
        }
        visit(el.value, elemType);
      }
      break;
    }
    case NodeKind::SelectorExpr: {
      auto sel = static_cast<const SelectorExpr*>(e);
      if (info_.selections.count(sel)) visit(sel->x, nullptr);
      break;
    }
    case NodeKind::IndexExpr: {
      auto ix = static_cast<const IndexExpr*>(e);
      if (info_.instantiations.count(ix)) break;
      visit(ix->x, nullptr);
      for (const Expr* i : ix->indices) visit(i, nullptr);
      break;
    }
    case NodeKind::SliceExpr: {
      auto se = static_cast<const SliceExpr*>(e);
      for (const Expr* x : {se->x, se->low, se->high, se->max}) visit(x, nullptr);
      break;
    }
    case NodeKind::TypeAssertExpr: visit(static_cast<const TypeAssertExpr*>(e)->x, nullptr); break;
    case NodeKind::StarExpr: visit(static_cast<const StarExpr*>(e)->x, nullptr); break;
    case NodeKind::UnaryExpr: {
      auto u = static_cast<const UnaryExpr*>(e);
      if (u->op == Token::And) {
        forEachAddressOperand(u->x, visit);
      } else {
        visit(u->x, nullptr);
      }
      break;
    }
    case NodeKind::BinaryExpr: {
      auto b = static_cast<const BinaryExpr*>(e);
      // x == y with one side an interface converts the other.
      bool compare = b->op == Token::Eql || b->op == Token::Neq;
      visit(b->x, compare ? finalType(b->y) : nullptr);
      visit(b->y, compare ? finalType(b->x) : nullptr);
      break;
    }
    case NodeKind::CallExpr: {
      auto c = static_cast<const CallExpr*>(e);
      const check::TypeAndValue& fun = typeOf(c->fun);
      if (fun.mode == check::Mode::TypeExpr) {
        if (!c->args.empty()) visit(c->args[0], fun.type);
        break;
      }
      const Expr* f = unparen(c->fun);
      if (auto sel = as<SelectorExpr>(f)) {
        if (info_.selections.count(sel)) visit(sel->x, nullptr);
      } else if (fun.mode != check::Mode::Builtin) {
        visit(f, nullptr);
      }
      for (size_t i = 0; i < c->args.size(); ++i) visit(c->args[i], argumentTarget(c, i));
      break;
    }
    default: break;
  }
}

// The operands that locating variable e (of `&e`) evaluates.
template <typename Visit>
void Compiler::forEachAddressOperand(const Expr* e, Visit&& visit) const {
  e = unparen(e);
  if (as<Ident>(e)) return;
  auto ix = as<IndexExpr>(e);
  auto sel = as<SelectorExpr>(e);
  if (sel && !info_.selections.count(sel)) return;  // a package's variable
  if (ix && check::asArray(finalType(ix->x))) {
    forEachAddressOperand(ix->x, visit);  // an array element is in the array
  } else if (sel && !check::asPointer(finalType(sel->x))) {
    forEachAddressOperand(sel->x, visit);  // so is a field in its struct
    return;
  } else if (ix) {
    visit(ix->x, nullptr);
  } else if (sel) {
    visit(sel->x, nullptr);
    return;
  } else if (auto st = as<StarExpr>(e)) {
    visit(st->x, nullptr);
    return;
  } else {
    visit(e, nullptr);  // &T{...}
    return;
  }
  for (const Expr* i : ix->indices) visit(i, nullptr);
}

// Scans e's operands as part of `level` (see scanOrder).
bool Compiler::scanOperands(const Expr* e, OrderLevel& level, bool& needed) const {
  bool effect = false;
  forEachOperand(e, [&](const Expr* x, const check::Type* target) {
    effect |= scanOrder(x, target, level, needed);
  });
  return effect;
}

// ---- Compiling in gc's order -------------------------------------------------------------

// Evaluates e into a temporary before the statement; the statement reads the temporary.
// `snapshot`: e is a variable's value that must not change after (a copy gc makes).
void Compiler::hoist(const Expr* e, bool snapshot, std::vector<StmtPtr>& pre) {
  if (operandOverrides_.count(e)) return;  // already in a temporary
  const check::Type* t = finalType(e);
  auto n = std::make_unique<HoistNode>();
  n->pos = e->pos;
  n->slot = newTemp();
  n->x = expr(e);
  if (snapshot && isAggregate(t)) n->x = makeCopyAggregate(std::move(n->x));
  if (isCountedType(t)) {
    fn_->countedSlots.push_back(n->slot);
    auto take = std::make_unique<TakeTempNode>();
    take->slot = n->slot;
    operandOverrides_[e] = std::move(take);
  } else {
    operandOverrides_[e] = std::make_unique<LocalNode<false>>(n->slot);
  }
  orderedExprs_.push_back(e);
  pre.push_back(std::move(n));
}

// Moves the operations gc copies out of e (and e itself, unless `last`) into `pre`,
// innermost first.
void Compiler::hoistOrder(const Expr* e, const check::Type* target, bool last,
                          std::vector<StmtPtr>& pre) {
  if (!e) return;
  const check::TypeAndValue& tv = typeOf(e);
  if (tv.mode == check::Mode::Constant || tv.mode == check::Mode::TypeExpr) return;
  bool effect = false;
  bool copied = copiedOperation(e, &effect);
  bool snapshot = !copied && copiedForInterface(e, target);
  auto b = as<BinaryExpr>(e);
  if (copied && as<CompositeLit>(e)) {
    // A map literal: compiled whole, its entries in Gol's order.
  } else if (copied && b && (b->op == Token::LAnd || b->op == Token::LOr)) {
    // The left operand at its turn; the right one only when needed (see binary()).
    hoistOrder(b->x, nullptr, false, pre);
  } else {
    hoistOperands(e, pre);
  }
  if ((copied || snapshot) && !last && !isTuple(tv.type)) hoist(e, snapshot, pre);
}

void Compiler::hoistOperands(const Expr* e, std::vector<StmtPtr>& pre) {
  forEachOperand(
      e, [&](const Expr* x, const check::Type* target) { hoistOrder(x, target, false, pre); });
  // Compared structs and arrays: both copied once both are evaluated.
  if (auto b = as<BinaryExpr>(e);
      b && isComparison(b->op) && (isAggregate(finalType(b->x)) || isAggregate(finalType(b->y)))) {
    hoist(b->x, true, pre);
    hoist(b->y, true, pre);
  }
}

// For the operands of one statement (or of an expression evaluated on its own), used where
// values of the types `targets` are wanted (null: none, or no conversion): when gc's order
// differs from Gol's, the statements that evaluate the copied operations first, whose
// results the operands' compilation then reads; else nothing.
std::vector<StmtPtr> Compiler::orderOperands(const std::vector<const Expr*>& roots,
                                             const std::vector<const check::Type*>& targets) {
  std::vector<StmtPtr> pre;
  OrderLevel level;
  bool needed = false;
  for (size_t i = 0; i < roots.size(); ++i) {
    scanOrder(roots[i], i < targets.size() ? targets[i] : nullptr, level, needed);
  }
  if (!needed) return pre;
  bool sole = roots.size() == 1;
  for (size_t i = 0; i < roots.size(); ++i) {
    hoistOrder(roots[i], i < targets.size() ? targets[i] : nullptr, sole, pre);
  }
  return pre;
}

ExprPtr Compiler::withOrder(std::vector<StmtPtr> pre, ExprPtr x) {
  if (pre.empty() || !x) return x;
  auto n = std::make_unique<OrderedExprNode>();
  n->pos = x->pos;
  n->pre = std::move(pre);
  n->x = std::move(x);
  return n;
}

StmtPtr Compiler::withOrder(std::vector<StmtPtr> pre, StmtPtr s) {
  if (pre.empty() || !s) return s;
  auto block = std::make_unique<BlockNode>();
  block->pos = s->pos;
  block->list = std::move(pre);
  block->list.push_back(std::move(s));
  return block;
}

ExprPtr Compiler::exprInOrder(const Expr* e, const check::Type* target) {
  std::vector<StmtPtr> pre = orderOperands({e}, {target});
  return withOrder(std::move(pre), valueAs(e, target));
}

// Called after each statement: every temporary the statement's compilation set up must
// have been read, or an operation would run twice.
void Compiler::checkOrderConsumed(size_t mark, Pos pos) {
  for (size_t i = mark; i < orderedExprs_.size(); ++i) {
    if (auto it = operandOverrides_.find(orderedExprs_[i]); it != operandOverrides_.end()) {
      operandOverrides_.erase(it);
      noteUnsupported("this statement's order of evaluation", pos);
    }
  }
  orderedExprs_.resize(mark);
}

}  // namespace gol::eval
