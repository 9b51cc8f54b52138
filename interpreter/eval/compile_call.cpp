// Compiling calls: Gol functions, methods, closures and natives, argument spreading,
// conversions and the builtins.
#include "interpreter/eval/compiler_impl.h"

namespace gol::eval {

namespace {

// Where a call happens, for traces and runtime.Caller: at its '(' as in Go (the line of
// `}()` for a literal's call, of `Method(` in `x.\n\tMethod()`); a deferred call (or a go
// statement's) at its start, the line Go's traces give a deferred call run by a panic.
Pos callPos(const CallExpr* c, bool deferOrGo) {
  return c->lparen.valid() && !deferOrGo ? c->lparen : c->pos;
}

}  // namespace

const check::Object* Compiler::calleeObject(const Expr* fun) const {
  while (auto p = as<ParenExpr>(fun)) fun = p->x;
  // `Max[int](a, b)`: the instance, named by the identifier.
  if (auto ix = as<IndexExpr>(fun); ix && info_.instantiations.count(ix)) {
    fun = ix->x;
    while (auto p = as<ParenExpr>(fun)) fun = p->x;
  }
  if (auto id = as<Ident>(fun)) return objectOf(id);
  if (auto sel = as<SelectorExpr>(fun)) return objectOf(sel->sel);
  return nullptr;
}

// The arguments of a call of a function with signature sig: converted to the
// parameters' types, variadic ones packed into a slice.
// f(g()): one argument expression per result of g.
std::vector<ExprPtr> Compiler::spreadArgs(const CallExpr* c, const check::Signature* sig) {
  auto tuple = dynamic_cast<const check::Tuple*>(typeOf(c->args[0]).type);
  size_t n = tuple->types.size();
  int first = fn_->frameSize;
  fn_->frameSize += static_cast<int>(n);
  std::vector<ExprPtr> args;
  for (size_t i = 0; i < n; ++i) {
    ExprPtr a;
    if (i == 0) {
      auto spread = std::make_unique<SpreadCallNode>();
      spread->call = expr(c->args[0]);
      spread->first = first;
      a = std::move(spread);
    } else {
      a = std::make_unique<LocalNode<false>>(first + static_cast<int>(i));
    }
    const check::Type* param = nullptr;
    if (sig) param = i < sig->params.size() ? sig->params[i] : sig->params.back();
    if (param && check::asInterface(param) && !check::asInterface(tuple->types[i])) {
      a = makeToIface(std::move(a), tuple->types[i]);
    }
    args.push_back(std::move(a));
  }
  if (!sig || !sig->variadic) return args;
  // The results past the fixed parameters make the variadic slice (nil if none).
  size_t fixed = sig->params.size() - 1;
  const check::Type* elem = sig->params.back();
  if (args.size() <= fixed) {
    args.push_back(std::make_unique<ConstNode>(Value{}, false));
    return args;
  }
  std::vector<ExprPtr> rest;
  for (size_t i = fixed; i < args.size(); ++i) rest.push_back(std::move(args[i]));
  args.resize(fixed);
  args.push_back(
      makeSliceLiteral(std::move(rest), isCountedType(elem), isAggregate(elem) ? elem : nullptr));
  return args;
}

// The arguments of call c. With operandsOutliveCall (a defer or go statement's call),
// struct and array arguments are copied when the statement runs.
std::vector<ExprPtr> Compiler::callArgs(const CallExpr* c, const check::Signature* sig,
                                        bool operandsOutliveCall) {
  std::vector<ExprPtr> args;
  if (multiValueArgument(c)) return spreadArgs(c, sig);
  size_t fixed = sig->variadic ? sig->params.size() - 1 : sig->params.size();
  for (size_t i = 0; i < fixed && i < c->args.size(); ++i) {
    ExprPtr a = valueAs(c->args[i], sig->params[i]);
    if (a && operandsOutliveCall && isAggregate(sig->params[i])) {
      a = makeCopyAggregate(std::move(a));
    }
    args.push_back(std::move(a));
  }
  if (!sig->variadic) return args;
  if (c->hasEllipsis) {
    args.push_back(expr(c->args.back()));
    return args;
  }
  const check::Type* elem = sig->params.back();
  if (c->args.size() == fixed) {
    args.push_back(std::make_unique<ConstNode>(Value{}, false));  // a nil slice
    return args;
  }
  std::vector<ExprPtr> rest;
  for (size_t i = fixed; i < c->args.size(); ++i) rest.push_back(valueAs(c->args[i], elem));
  args.push_back(
      makeSliceLiteral(std::move(rest), isCountedType(elem), isAggregate(elem) ? elem : nullptr));
  return args;
}

// The receiver argument of a static method call x.M(...).
ExprPtr Compiler::receiverExpr(const Expr* x, const check::Selection& s, Pos pos) {
  const check::Type* recvBase = s.path.empty() ? typeOf(x).type : s.recvBase;
  const check::Pointer* bp = check::asPointer(recvBase);
  Storage target = storageOf(bp ? bp->elem : recvBase);
  if (s.method->pointerRecv && !bp && target != Storage::Aggregate) {
    if (s.path.empty()) return addressOf(x);
    return makeAddressOfField(expr(x), s.path, target, pos);
  }
  ExprPtr base =
      s.path.empty() ? expr(x) : makeFieldRead(expr(x), s.path, isCountedType(recvBase), pos);
  if (!s.method->pointerRecv && bp) return makeDeref(std::move(base), target, pos);
  return base;
}

// The natives whose arguments this call may borrow (ExprNode::borrowedForm): those that
// run no Gol code, called at once (not by a defer or go statement, whose operands
// outlive the statement), where no later argument runs code that could replace an
// earlier one's variable.
void Compiler::borrowArguments(NativeCallNode& n, bool operandsOutliveCall) const {
  if (operandsOutliveCall || n.spreadElem || !natives_.runsNoGolCode(n.fn)) return;
  for (size_t i = n.args.size(); i-- > 0;) {
    if (ExprPtr b = n.args[i]->borrowedForm()) {
      n.args[i] = std::move(b);
      n.argCounted[i] = false;
      continue;
    }
    ExprNode* a = n.args[i].get();
    if (!dynamic_cast<ConstNode*>(a) && !dynamic_cast<LocalNode<false>*>(a)) return;
  }
}

// n, or the same call as a PlainNativeCallNode when it owns none of its arguments.
ExprPtr Compiler::plainNativeCall(std::unique_ptr<NativeCallNode> n,
                                  bool operandsOutliveCall) const {
  borrowArguments(*n, operandsOutliveCall);
  if (n->spreadElem || n->args.size() != n->argTypes.size()) return n;
  for (bool counted : n->argCounted) {
    if (counted) return n;
  }
  auto plain = [&n, this]<size_t N>() -> ExprPtr {
    auto p = std::make_unique<PlainNativeCallNode<N>>();
    p->fn = n->fn;
    p->fast = natives_.fastPath(n->fn);
    p->pos = n->pos;
    for (size_t i = 0; i < N; ++i) {
      if (const ConstNode* c = scalarConst(n->args[i])) {
        p->isConst[i] = true;
        p->constValue[i] = c->value;
      }
      p->args[i] = std::move(n->args[i]);
      p->argTypes[i] = n->argTypes[i];
    }
    return p;
  };
  switch (n->args.size()) {
    case 1: return plain.template operator()<1>();
    case 2: return plain.template operator()<2>();
    case 3: return plain.template operator()<3>();
    default: return n;
  }
}

ExprPtr Compiler::methodCall(const CallExpr* c, const SelectorExpr* sel, const check::Selection& s,
                             bool operandsOutliveCall) {
  auto sig = static_cast<const check::Signature*>(s.type);
  std::vector<ExprPtr> args = callArgs(c, sig, operandsOutliveCall);
  if (s.kind == check::Selection::Kind::InterfaceMethod) {
    ExprPtr recv = expr(sel->x);
    if (!s.path.empty()) recv = makeFieldRead(std::move(recv), s.path, true, sel->sel->pos);
    std::vector<const check::Type*> argTypes;
    for (size_t i = 0; i < args.size(); ++i) {
      argTypes.push_back(i < sig->params.size() ? sig->params[i] : nullptr);
    }
    noteWaitOperand(callPos(c, operandsOutliveCall), sel->x);  // a Locker's Lock
    return makeIfaceCall(std::move(recv), s.method->name, std::move(args), std::move(argTypes),
                         newTemp(), callPos(c, operandsOutliveCall));
  }
  ExprPtr recv = receiverExpr(sel->x, s, sel->sel->pos);
  if (!recv) return nullptr;
  if (operandsOutliveCall && !s.method->pointerRecv && isAggregate(s.recvNamed)) {
    recv = makeCopyAggregate(std::move(recv));
  }
  if (s.method->native) {
    auto n = std::make_unique<NativeCallNode>();
    n->fn = reinterpret_cast<NativeFunction>(const_cast<void*>(s.method->native));
    n->pos = callPos(c, operandsOutliveCall);
    noteWaitOperand(n->pos, sel->x);  // a Mutex's Lock, a WaitGroup's Wait
    n->resultCount = static_cast<int>(sig->results.size());
    // callArgs packed a variadic parameter into a slice; the native receives its elements.
    if (sig->variadic) n->spreadElem = sig->params.back();
    const check::Type* recvType =
        s.method->pointerRecv ? static_cast<const check::Type*>(check::pointerTo(s.recvNamed))
                              : s.recvNamed;
    n->args.push_back(std::move(recv));
    n->argTypes.push_back(recvType);
    n->argCounted.push_back(isCountedType(recvType));
    for (size_t i = 0; i < args.size(); ++i) {
      const check::Type* t = i < sig->params.size() ? sig->params[i] : sig->params.back();
      n->args.push_back(std::move(args[i]));
      n->argTypes.push_back(t);
      n->argCounted.push_back(isCountedType(t));
    }
    return plainNativeCall(std::move(n), operandsOutliveCall);
  }
  auto n = std::make_unique<CallNode>();
  n->fn = funcs_.at(static_cast<const FuncDecl*>(s.method->decl));
  n->pos = callPos(c, operandsOutliveCall);
  n->args.push_back(std::move(recv));
  for (ExprPtr& a : args) n->args.push_back(std::move(a));
  return n;
}

// atomic.AddInt64(&x, d) (or AddUint64, AddUintptr) as a statement, x a variable: an
// AtomicAdd64 node (eval/intrinsics.h); null for anything else.
StmtPtr Compiler::atomicAddStatement(const Expr* x) {
  auto c = as<CallExpr>(x);
  if (!c || c->args.size() != 2 || c->hasEllipsis) return nullptr;
  const check::Object* callee = calleeObject(c->fun);
  if (!callee || callee->kind != check::Object::Kind::Func || callee->decl || !callee->package) {
    return nullptr;
  }
  NativeFunction fn = natives_.find(callee->package->path, callee->name);
  if (!fn || natives_.intrinsic(fn) != NativeIntrinsic::AtomicAdd64) return nullptr;
  const Expr* addr = c->args[0];
  while (auto p = as<ParenExpr>(addr)) addr = p->x;
  auto u = as<UnaryExpr>(addr);
  if (!u || u->op != Token::And) return nullptr;
  const Expr* v = u->x;
  while (auto p = as<ParenExpr>(v)) v = p->x;
  auto id = as<Ident>(v);
  const check::Object* o = id ? objectOf(id) : nullptr;
  if (!o || o->kind != check::Object::Kind::Var || o->nativeCell) return nullptr;
  VariableCell cell;
  if (o->isGlobal) {
    cell.kind = VariableCell::Kind::Global;
    cell.global = &program_.globals[static_cast<size_t>(o->slot)];
  } else if (o->owner != info) {
    cell.kind = VariableCell::Kind::Captured;
    cell.slot = fn_->closureSlot;
    cell.index = static_cast<size_t>(captureIndex(o));
  } else if (o->captured) {
    cell.kind = VariableCell::Kind::Boxed;
    cell.slot = o->slot;
  } else {
    return nullptr;
  }
  ExprPtr delta = expr(c->args[1]);
  if (!delta) return nullptr;
  return makeAtomicAdd64Stmt(cell, std::move(delta), c->pos);
}

ExprPtr Compiler::call(const CallExpr* c) {
  bool operandsOutliveCall = std::exchange(compilingDeferOrGoCall_, false);
  const check::TypeAndValue& funTv = typeOf(c->fun);
  if (funTv.mode == check::Mode::TypeExpr) return conversion(c, funTv.type);
  const Expr* fun = c->fun;
  while (auto p = as<ParenExpr>(fun)) fun = p->x;
  if (auto sel = as<SelectorExpr>(fun)) {
    auto it = info_.selections.find(sel);
    if (it != info_.selections.end() && it->second.kind != check::Selection::Kind::Field &&
        typeOf(sel->x).mode != check::Mode::TypeExpr) {
      return methodCall(c, sel, it->second, operandsOutliveCall);
    }
  }
  const check::Object* callee = calleeObject(c->fun);
  if (callee && callee->kind == check::Object::Kind::Builtin)
    return builtinCall(c, callee->builtin);
  const check::Signature* sig = check::asSignature(finalType(c->fun));
  if (!callee || callee->kind != check::Object::Kind::Func) {
    if (!sig) return nullptr;
    return makeCallValue(expr(c->fun), callArgs(c, sig, operandsOutliveCall),
                         callPos(c, operandsOutliveCall));
  }
  if (callee->decl) {
    auto n = std::make_unique<CallNode>();
    n->fn = funcs_.at(callee->decl);
    n->pos = callPos(c, operandsOutliveCall);
    n->args = callArgs(c, sig, operandsOutliveCall);
    return n;
  }
  // A package function implemented natively: arguments keep their own types.
  auto n = std::make_unique<NativeCallNode>();
  if (c->hasEllipsis) {
    const check::Type* last = finalType(c->args.back());
    n->spreadElem = check::asSliceType(last) ? check::asSliceType(last)->elem : nullptr;
    if (!n->spreadElem) return nullptr;
  }
  n->fn = natives_.find(callee->package->path, callee->name);
  n->pos = callPos(c, operandsOutliveCall);
  auto nsig = static_cast<const check::Signature*>(callee->type);
  n->resultCount = static_cast<int>(nsig->results.size());
  if (multiValueArgument(c)) {
    auto tuple = static_cast<const check::Tuple*>(typeOf(c->args[0]).type);
    n->args = spreadArgs(c, nullptr);
    for (const check::Type* t : tuple->types) {
      n->argTypes.push_back(t);
      n->argCounted.push_back(isCountedType(t));
    }
    if (!n->fn) return nullptr;
    return n;
  }
  for (size_t i = 0; i < c->args.size(); ++i) {
    const Expr* a = c->args[i];
    const check::Type* param = i < nsig->params.size() ? nsig->params[i] : nsig->params.back();
    // An interface parameter other than any (error) receives an interface value.
    bool spreadArg = c->hasEllipsis && i + 1 == c->args.size();
    bool box = !spreadArg && check::asInterface(param) && !check::asInterface(finalType(a)) &&
               !check::asInterface(param)->methods.empty();
    n->args.push_back(box ? valueAs(a, param) : expr(a));
    n->argTypes.push_back(box ? param : finalType(a));
    n->argCounted.push_back(isCountedType(finalType(a)) || box);
  }
  if (!n->fn) return nullptr;
  return plainNativeCall(std::move(n), operandsOutliveCall);
}

ExprPtr Compiler::conversion(const CallExpr* c, const check::Type* target) {
  const Expr* arg = c->args[0];
  if (check::asInterface(target)) return valueAs(arg, target);
  if (const check::Array* a = check::asArray(target); a && isSliceType(finalType(arg))) {
    return makeSliceToArray(expr(arg), a->len, a->elem, isCountedType(a->elem),
                            isAggregate(a->elem), c->pos);
  }
  if (const check::Pointer* p = check::asPointer(target); p && isSliceType(finalType(arg))) {
    const check::Array* a = check::asArray(p->elem);
    return makeSliceToArrayPointer(expr(arg), a->len, a->elem, c->pos);
  }
  if (!check::asBasic(target) && !isSliceType(target)) return expr(arg);
  const check::Basic* to = check::asBasic(target);
  const check::Type* fromType = finalType(arg);
  const check::Basic* from = check::asBasic(fromType);
  ExprPtr x = expr(arg);
  auto elemKind = [](const check::Type* t) {
    const check::Basic* e = check::asBasic(elemOf(t));
    return e ? e->basic : BasicKind::Invalid;
  };
  if (isSliceType(target) && from && from->isString()) {
    if (elemKind(target) == BasicKind::Uint8) return makeStringToBytes(std::move(x));
    return makeStringToRunes(std::move(x));
  }
  if (isSliceType(fromType) && to && to->isString()) {
    if (elemKind(fromType) == BasicKind::Uint8) return makeBytesToString(std::move(x));
    return makeRunesToString(std::move(x));
  }
  if (isSliceType(target)) return x;
  if (!to || !from) return nullptr;
  if (to->isString() && from->isString()) return x;
  if (to->isString()) {
    if (from->isUnsigned()) {
      auto n = std::make_unique<RuneToStringNode<true>>();
      n->x = std::move(x);
      return n;
    }
    auto n = std::make_unique<RuneToStringNode<false>>();
    n->x = std::move(x);
    return n;
  }
  if (to->isBoolean()) return x;
  if (to->isComplex() || from->isComplex()) {
    if (!to->isComplex() || !from->isComplex()) return nullptr;
    return makeComplexConversion(to->basic == BasicKind::Complex64,
                                 from->basic == BasicKind::Complex64, std::move(x));
  }
  return withNumeric(to, [&]<typename To>() -> ExprPtr {
    return withNumeric(from, [&]<typename From>() -> ExprPtr {
      if constexpr (std::is_same_v<To, bool> || std::is_same_v<From, bool>) {
        return nullptr;
      } else if constexpr (std::is_same_v<To, From>) {
        return std::move(x);
      } else {
        auto n = std::make_unique<ConvertNode<To, From>>();
        n->x = std::move(x);
        return n;
      }
    });
  });
}

ExprPtr Compiler::builtinCall(const CallExpr* c, check::Builtin b) {
  if (multiValueArgument(c) && b != check::Builtin::Print && b != check::Builtin::Println) {
    return spreadBuiltinCall(c, b);
  }
  switch (b) {
    case check::Builtin::Len:
    case check::Builtin::Cap: {
      const check::Type* t = finalType(c->args[0]);
      if (check::asChan(t)) return makeChanLen(expr(c->args[0]), b == check::Builtin::Cap);
      if (const check::Pointer* p = check::asPointer(t)) t = p->elem;
      if (const check::Array* a = check::asArray(t)) return makeArrayLen(expr(c->args[0]), a->len);
      if (check::asMap(t)) return makeMapLen(expr(c->args[0]));
      if (b == check::Builtin::Cap) return makeSliceCap(expr(c->args[0]));
      if (isSliceType(t)) return makeSliceLen(expr(c->args[0]));
      ExprPtr x = expr(c->args[0]);
      if (ExprPtr borrowed = x->borrowedForm()) {
        auto n = std::make_unique<StringLenNode<true>>();
        n->x = std::move(borrowed);
        return n;
      }
      auto n = std::make_unique<StringLenNode<false>>();
      n->x = std::move(x);
      return n;
    }
    case check::Builtin::Make: {
      const check::Type* t = typeOf(c).type;
      if (const check::Map* m = check::asMap(t)) {
        return makeMakeMap(m, c->args.size() > 1 ? expr(c->args[1]) : ExprPtr());
      }
      if (const check::Chan* ch = check::asChan(t)) {
        return makeMakeChan(ch->elem, c->args.size() > 1 ? expr(c->args[1]) : ExprPtr(), c->pos);
      }
      ExprPtr cap = c->args.size() > 2 ? expr(c->args[2]) : ExprPtr();
      const check::Type* elem = elemOf(t);
      return makeMakeSlice(expr(c->args[1]), std::move(cap), isCountedType(elem), c->pos,
                           isAggregate(elem) ? elem : nullptr);
    }
    case check::Builtin::Copy: {
      const check::Basic* sb = check::asBasic(finalType(c->args[1]));
      const check::Type* elem = elemOf(finalType(c->args[0]));
      return makeCopy(expr(c->args[0]), expr(c->args[1]), sb && sb->isString(), isCountedType(elem),
                      isAggregate(elem));
    }
    case check::Builtin::New: return makeNew(check::asPointer(typeOf(c).type)->elem);
    case check::Builtin::Delete: {
      const check::Map* m = check::asMap(finalType(c->args[0]));
      return makeMapDelete(expr(c->args[0]), valueAs(c->args[1], m->key), m, c->pos);
    }
    case check::Builtin::Clear: {
      const check::Type* t = finalType(c->args[0]);
      bool isMap = check::asMap(t) != nullptr;
      return makeClear(expr(c->args[0]), isMap, !isMap && isCountedType(elemOf(t)));
    }
    case check::Builtin::Recover: return makeRecover();
    case check::Builtin::RangeFuncFrame:
      // The body of a range over a function defers calls in this function.
      fn_->hasDefer = true;
      return makeRangeFuncFrame();
    case check::Builtin::Close: return makeClose(expr(c->args[0]), c->pos);
    case check::Builtin::Complex: {
      const check::Basic* t = check::asBasic(finalType(c));
      return makeComplexBuild(t->basic == BasicKind::Complex64, expr(c->args[0]), expr(c->args[1]));
    }
    case check::Builtin::Real:
    case check::Builtin::Imag: {
      const check::Basic* t = check::asBasic(finalType(c->args[0]));
      return makeComplexPart(b == check::Builtin::Real, t->basic == BasicKind::Complex64,
                             expr(c->args[0]));
    }
    case check::Builtin::Append: {
      const check::Type* t = finalType(c->args[0]);
      if (c->args[0] && !isSliceType(t)) t = typeOf(c).type;
      const check::Type* elem = elemOf(typeOf(c).type);
      ExprPtr s = expr(c->args[0]);
      std::vector<ExprPtr> vals;
      ExprPtr spread;
      bool spreadIsString = false;
      if (c->hasEllipsis) {
        const check::Basic* rb = check::asBasic(finalType(c->args[1]));
        spreadIsString = rb && rb->isString();
        spread = expr(c->args[1]);
      } else {
        for (size_t i = 1; i < c->args.size(); ++i) vals.push_back(valueAs(c->args[i], elem));
      }
      return makeAppend(std::move(s), std::move(vals), std::move(spread), spreadIsString,
                        isCountedType(elem), goLayout(elem), isAggregate(elem) ? elem : nullptr);
    }
    case check::Builtin::Print:
    case check::Builtin::Println: {
      std::vector<ExprPtr> args;
      std::vector<const check::Type*> types;
      if (multiValueArgument(c)) {
        // print(f()): each of f's results.
        args = spreadArgs(c, nullptr);
        types = static_cast<const check::Tuple*>(typeOf(c->args[0]).type)->types;
      } else {
        for (const Expr* a : c->args) {
          args.push_back(expr(a));
          types.push_back(finalType(a));
        }
      }
      return makePrintNode(b == check::Builtin::Println, std::move(args), std::move(types));
    }
    case check::Builtin::Panic: {
      const check::Type* t = typeOf(c->args[0]).type;
      if (t == check::basicType(BasicKind::UntypedNil)) t = check::anyType();
      return makePanicNode(expr(c->args[0]), check::isUntyped(t) ? finalType(c->args[0]) : t,
                           c->pos);
    }
    case check::Builtin::Min:
    case check::Builtin::Max: {
      std::vector<ExprPtr> args;
      for (const Expr* a : c->args) args.push_back(expr(a));
      return makeMinMaxNode(b == check::Builtin::Min, finalType(c), std::move(args));
    }
  }
  return nullptr;
}

// b(f()): the builtins that take several values (the checker refuses the others), with
// f's results as the arguments.
ExprPtr Compiler::spreadBuiltinCall(const CallExpr* c, check::Builtin b) {
  std::vector<ExprPtr> args = spreadArgs(c, nullptr);
  const std::vector<const check::Type*>& types =
      static_cast<const check::Tuple*>(typeOf(c->args[0]).type)->types;
  auto as = [&](size_t i, const check::Type* target) {
    if (check::asInterface(target) && !check::asInterface(types[i])) {
      return makeToIface(std::move(args[i]), types[i]);
    }
    return std::move(args[i]);
  };
  switch (b) {
    case check::Builtin::Copy: {
      const check::Basic* sb = check::asBasic(types[1]);
      const check::Type* elem = elemOf(types[0]);
      return makeCopy(std::move(args[0]), std::move(args[1]), sb && sb->isString(),
                      isCountedType(elem), isAggregate(elem));
    }
    case check::Builtin::Delete: {
      const check::Map* m = check::asMap(types[0]);
      ExprPtr key = as(1, m->key);
      return makeMapDelete(std::move(args[0]), std::move(key), m, c->pos);
    }
    case check::Builtin::Append: {
      const check::Type* elem = elemOf(typeOf(c).type);
      std::vector<ExprPtr> vals;
      for (size_t i = 1; i < args.size(); ++i) vals.push_back(as(i, elem));
      return makeAppend(std::move(args[0]), std::move(vals), ExprPtr(), false, isCountedType(elem),
                        goLayout(elem), isAggregate(elem) ? elem : nullptr);
    }
    case check::Builtin::Min:
    case check::Builtin::Max:
      return makeMinMaxNode(b == check::Builtin::Min, finalType(c), std::move(args));
    case check::Builtin::Complex:
      return makeComplexBuild(check::asBasic(finalType(c))->basic == BasicKind::Complex64,
                              std::move(args[0]), std::move(args[1]));
    case check::Builtin::Real:
    case check::Builtin::Imag:
      return makeComplexPart(b == check::Builtin::Real,
                             check::asBasic(types[0])->basic == BasicKind::Complex64,
                             std::move(args[0]));
    default:
      noteUnsupported("this built-in call with a call's several results", c->pos);
      return nullptr;
  }
}

}  // namespace gol::eval
