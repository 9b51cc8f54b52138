// Compiling expressions: constants, identifiers, selectors, method values and
// expressions, composite literals, unary and binary operators, indexing.
#include "interpreter/eval/compiler_impl.h"

namespace gol::eval {

ExprPtr Compiler::expr(const Expr* e) {
  if (!operandOverrides_.empty()) {
    if (auto it = operandOverrides_.find(e); it != operandOverrides_.end()) {
      ExprPtr n = std::move(it->second);
      operandOverrides_.erase(it);
      return n;
    }
  }
  const check::TypeAndValue& tv = typeOf(e);
  if (tv.mode == check::Mode::Constant) return constant(tv.value, finalType(e), e->pos);
  ++exprDepth_;
  ExprPtr n = exprInner(e);
  --exprDepth_;
  if (n && exprDepth_ > 0 && exprDepth_ % kStackCheckDepth == 0) {
    if (n->pos.line == 0) n->pos = e->pos;
    n = makeStackCheck(std::move(n));
  }
  if (!n) {
    if (unsupported.empty()) {
      unsupported = exprString(e);
      unsupportedPos = e->pos;
    }
    return std::make_unique<ConstNode>(Value{}, false);
  }
  if (n->pos.line == 0) n->pos = e->pos;
  return n;
}

ExprPtr Compiler::constant(const check::ConstValue& v, const check::Type* t, Pos pos) {
  const check::Basic* b = check::asBasic(t);
  Value x{};
  bool counted = false;
  if (!b) {
    x.i = 0;
  } else if (b->isString()) {
    x.s = StringObject::make(v.stringValue());
    counted = true;
  } else if (b->isBoolean()) {
    x.i = v.boolValue() ? 1 : 0;
  } else if (b->isComplex()) {
    check::ConstValue re = check::ConstValue::ofFloat(v.realPart());
    check::ConstValue im = check::ConstValue::ofFloat(v.imagPart());
    if (b->basic == BasicKind::Complex64) {
      x = complex64Value({re.toFloat32(), im.toFloat32()});
    } else {
      x = complex128Value({re.toFloat64(), im.toFloat64()});
      counted = true;
    }
  } else if (b->basic == BasicKind::Float32) {
    x.f = static_cast<double>(v.toFloat32());
  } else if (b->isFloat()) {
    x.f = v.toFloat64();
  } else {
    x.u = v.uint64Value();
  }
  auto n = std::make_unique<ConstNode>(x, counted);
  n->pos = pos;
  return n;
}

ExprPtr Compiler::exprInner(const Expr* e) {
  switch (e->kind) {
    case NodeKind::ParenExpr: return expr(static_cast<const ParenExpr*>(e)->x);
    case NodeKind::Ident: return ident(static_cast<const Ident*>(e));
    case NodeKind::UnaryExpr: return unary(static_cast<const UnaryExpr*>(e));
    case NodeKind::BinaryExpr: return binary(static_cast<const BinaryExpr*>(e));
    case NodeKind::CallExpr: return call(static_cast<const CallExpr*>(e));
    case NodeKind::IndexExpr: return index(static_cast<const IndexExpr*>(e));
    case NodeKind::FuncLit: return funcLit(static_cast<const FuncLit*>(e));
    case NodeKind::SelectorExpr: {
      auto sel = static_cast<const SelectorExpr*>(e);
      if (auto it = info_.selections.find(sel); it != info_.selections.end()) {
        return selection(sel, it->second);
      }
      const check::Object* o = objectOf(sel->sel);
      if (o && o->kind == check::Object::Kind::Func && o->decl) {
        return makeFuncValue(funcs_.at(o->decl));  // slices.Index[[]int] as a value
      }
      if (o && o->kind == check::Object::Kind::Func && !o->decl && o->package) {
        // strings.ToUpper as a value.
        NativeFunction fn = natives_.find(o->package->path, o->name);
        if (!fn) return nullptr;
        return makeFuncValue(nativeThunk(fn, static_cast<const check::Signature*>(o->type),
                                         o->package->name + "." + o->name, nullptr, sel->pos));
      }
      if (!o || o->kind != check::Object::Kind::Var || !o->nativeCell) return nullptr;
      auto cell = static_cast<Value*>(o->nativeCell);
      if (isCountedType(o->type)) return std::make_unique<GlobalNode<CellRead::Ref>>(cell);
      return std::make_unique<GlobalNode<CellRead::Scalar>>(cell);
    }
    case NodeKind::SliceExpr: {
      auto se = static_cast<const SliceExpr*>(e);
      const check::Basic* b = check::asBasic(finalType(se->x));
      auto bound = [&](const Expr* x) {
        if (!x) return SliceBoundExpr{};
        const check::Basic* t = check::asBasic(finalType(x));
        return SliceBoundExpr{expr(x), t && t->isUnsigned()};
      };
      ExprPtr x = expr(se->x);
      const check::Type* xt = finalType(se->x);
      bool isArray = check::asArray(xt) ||
                     (check::asPointer(xt) && check::asArray(check::asPointer(xt)->elem));
      if (isArray) x = makeArrayToSlice(std::move(x), false, se->pos);
      return makeSliceExpr(std::move(x), bound(se->low), bound(se->high), bound(se->max),
                           b && b->isString(), isArray, se->pos);
    }
    case NodeKind::CompositeLit: return compositeLit(static_cast<const CompositeLit*>(e));
    case NodeKind::StarExpr: {
      auto st = static_cast<const StarExpr*>(e);
      return makeDeref(expr(st->x), storageOf(typeOf(e).type), st->pos);
    }
    case NodeKind::TypeAssertExpr: {
      auto ta = static_cast<const TypeAssertExpr*>(e);
      const check::Type* to = typeOf(e).type;
      return makeTypeAssert(expr(ta->x), finalType(ta->x), to, info_.commaOk.count(ta) > 0,
                            ta->pos);
    }
    default: return nullptr;
  }
}

// A value of e's type made suitable for a variable of type `target`: a concrete
// value assigned to an interface is boxed with its dynamic type.
ExprPtr Compiler::valueAs(const Expr* e, const check::Type* target) {
  const check::Type* from = typeOf(e).type;
  if (!target || !check::asInterface(target) || (from && check::asInterface(from))) {
    return expr(e);
  }
  if (!from || from == check::basicType(BasicKind::UntypedNil)) {
    return std::make_unique<ConstNode>(Value{}, false);
  }
  return makeToIface(expr(e), finalType(e));
}

ExprPtr Compiler::compositeLit(const CompositeLit* lit) {
  const check::Type* t = typeOf(lit).type;
  if (const check::Pointer* p = check::asPointer(t); p && !lit->type) t = p->elem;
  const check::Type* u = check::under(t);
  if (u->kind == check::TypeKind::Struct) {
    auto st = static_cast<const check::Struct*>(u);
    std::vector<std::pair<int, ExprPtr>> fields;
    for (size_t i = 0; i < lit->elements.size(); ++i) {
      const KeyedElement& el = lit->elements[i];
      int index = static_cast<int>(i);
      if (el.key) index = st->fieldIndex(static_cast<const Ident*>(el.key)->name);
      fields.push_back({index, element(el.value, st->fields[static_cast<size_t>(index)].type)});
    }
    return makeStructLiteral(st, std::move(fields));
  }
  if (u->kind == check::TypeKind::Array) {
    auto at = static_cast<const check::Array*>(u);
    std::vector<std::pair<int64_t, ExprPtr>> elems;
    int64_t index = 0;
    for (const KeyedElement& el : lit->elements) {
      if (el.key) index = typeOf(el.key).value.int64Value();
      elems.push_back({index++, element(el.value, at->elem)});
    }
    return makeArrayLiteral(at, std::move(elems));
  }
  if (u->kind == check::TypeKind::Map) {
    auto mt = static_cast<const check::Map*>(u);
    std::vector<std::pair<ExprPtr, ExprPtr>> entries;
    for (const KeyedElement& el : lit->elements) {
      // gc makes each entry a statement `m[k] = v` of its own, in its order (compile_order).
      std::vector<StmtPtr> pre = orderOperands({el.key, el.value}, {mt->key, mt->elem});
      ExprPtr key = withOrder(std::move(pre), element(el.key, mt->key));
      entries.push_back({std::move(key), element(el.value, mt->elem)});
    }
    return makeMapLiteral(mt, std::move(entries), lit->pos);
  }
  const check::Type* elem = elemOf(t);
  bool keyed = false;
  for (const KeyedElement& el : lit->elements) keyed = keyed || el.key;
  if (keyed) {
    // []T{2: x, y}: an array of the literal's length, then sliced.
    int64_t index = 0, length = 0;
    std::vector<std::pair<int64_t, ExprPtr>> elems;
    for (const KeyedElement& el : lit->elements) {
      if (el.key) index = typeOf(el.key).value.int64Value();
      elems.push_back({index++, element(el.value, elem)});
      length = std::max(length, index);
    }
    return makeArrayToSlice(makeArrayLiteral(check::arrayOf(elem, length), std::move(elems)), false,
                            lit->pos);
  }
  std::vector<ExprPtr> elems;
  for (const KeyedElement& el : lit->elements) elems.push_back(element(el.value, elem));
  return makeSliceLiteral(std::move(elems), isCountedType(elem),
                          isAggregate(elem) ? elem : nullptr);
}

// x.f and x.M (field reads, method values).
ExprPtr Compiler::selection(const SelectorExpr* sel, const check::Selection& s) {
  if (s.kind == check::Selection::Kind::Field) {
    return makeFieldRead(expr(sel->x), s.path, isCountedType(s.type), sel->sel->pos);
  }
  const check::TypeAndValue& xt = typeOf(sel->x);
  if (xt.mode == check::Mode::TypeExpr && s.kind == check::Selection::Kind::Method &&
      s.path.empty() && s.method->decl) {
    // A method expression T.M whose receiver needs no adjustment: the method itself.
    bool recvIsPointer = check::asPointer(xt.type) != nullptr;
    if (recvIsPointer == s.method->pointerRecv || isAggregate(s.recvNamed)) {
      return makeFuncValue(funcs_.at(static_cast<const FuncDecl*>(s.method->decl)));
    }
  }
  if (xt.mode == check::Mode::TypeExpr) return methodExpression(sel, s);
  return methodValue(sel, s);
}

// T.M as a function taking the receiver first, for the receivers the method itself does
// not take: I.M with I an interface (a call through the interface), (*T).M with M a
// value method of a scalar type T (a call on *p). Go's wrapper is named main.I.M.
ExprPtr Compiler::methodExpression(const SelectorExpr* sel, const check::Selection& s) {
  const check::Type* recvType = typeOf(sel->x).type;
  bool iface = s.kind == check::Selection::Kind::InterfaceMethod;
  if (s.kind == check::Selection::Kind::Method && s.method->native && s.path.empty() &&
      s.method->pointerRecv == (check::asPointer(recvType) != nullptr)) {
    // (*strings.Builder).WriteString: the native with the receiver as its first argument.
    std::string name = s.method->pointerRecv
                           ? s.recvNamed->pkg + ".(*" + s.recvNamed->name + ")." + s.method->name
                           : s.recvNamed->pkg + "." + s.recvNamed->name + "." + s.method->name;
    return makeFuncValue(
        nativeThunk(reinterpret_cast<NativeFunction>(const_cast<void*>(s.method->native)),
                    static_cast<const check::Signature*>(typeOf(sel).type), std::move(name),
                    nullptr, sel->sel->pos));
  }
  bool derefValue = s.kind == check::Selection::Kind::Method && s.method->decl &&
                    !s.method->pointerRecv && check::asPointer(recvType);
  // T.M or (*T).M with M promoted from an embedded field: the receiver is that field.
  bool promoted = !s.path.empty() && s.kind == check::Selection::Kind::Method && s.method->decl;
  if (!promoted && (!s.path.empty() || (!iface && !derefValue))) return nullptr;
  auto sig = static_cast<const check::Signature*>(typeOf(sel).type);
  auto code = std::make_unique<FuncCode>();
  FuncCode* thunk = code.get();
  program_.funcs.push_back(std::move(code));
  thunk->name = "main." + check::typeString(recvType) + "." + s.method->name;
  thunk->hiddenInTraces = true;
  int params = static_cast<int>(sig->params.size());
  thunk->hasParams = true;
  thunk->paramCount = params;
  std::vector<ExprPtr> args;
  for (int i = 0; i < params; ++i) {
    const check::Type* pt = sig->params[static_cast<size_t>(i)];
    bool variadic = sig->variadic && i + 1 == params;
    if (variadic) pt = check::sliceOf(pt);
    if (isCountedType(pt)) thunk->countedSlots.push_back(i);
    if (isAggregate(pt)) thunk->aggregateParams.push_back(i);
    if (i == 0) continue;
    if (isCountedType(pt)) {
      args.push_back(std::make_unique<LocalNode<true>>(i));
    } else {
      args.push_back(std::make_unique<LocalNode<false>>(i));
    }
  }
  for (size_t r = 0; r < sig->results.size(); ++r)
    thunk->resultSlots.push_back(params + static_cast<int>(r));
  thunk->frameSize = params + static_cast<int>(sig->results.size());
  FuncCode* saved = fn_;
  fn_ = thunk;
  ExprPtr call;
  Pos pos = sel->sel->pos;
  if (iface) {
    ExprPtr recv = makeNonNil(std::make_unique<LocalNode<true>>(0), pos);
    std::vector<const check::Type*> argTypes(sig->params.begin() + 1, sig->params.end());
    call = makeIfaceCall(std::move(recv), s.method->name, std::move(args), std::move(argTypes),
                         newTemp(), pos);
  } else {
    auto n = std::make_unique<CallNode>();
    n->fn = funcs_.at(static_cast<const FuncDecl*>(s.method->decl));
    n->pos = pos;
    ExprPtr p = isCountedType(recvType) ? ExprPtr(std::make_unique<LocalNode<true>>(0))
                                        : ExprPtr(std::make_unique<LocalNode<false>>(0));
    if (promoted) {
      n->args.push_back(promotedReceiver(std::move(p), s, pos));
    } else {
      p = makeValueMethodReceiver(std::move(p), s.recvNamed, s.method->name, pos);
      n->args.push_back(makeDeref(std::move(p), storageOf(s.recvNamed), pos));
    }
    for (ExprPtr& a : args) n->args.push_back(std::move(a));
    call = std::move(n);
  }
  fn_ = saved;
  thunkReturn(thunk, sig, std::move(call));
  return makeFuncValue(thunk);
}

// The receiver a promoted method M gets from `base`, a value of the type M is selected
// from: the embedded field along s.path, its address for a pointer method of a value
// field, the value it points to for a value method of a pointer field (receiverExpr's
// rules, on a value already computed).
ExprPtr Compiler::promotedReceiver(ExprPtr base, const check::Selection& s, Pos pos) {
  const check::Pointer* bp = check::asPointer(s.recvBase);
  Storage target = storageOf(bp ? bp->elem : s.recvBase);
  if (s.method->pointerRecv && !bp && target != Storage::Aggregate) {
    return makeAddressOfField(std::move(base), s.path, target, pos);
  }
  ExprPtr field = makeFieldRead(std::move(base), s.path, isCountedType(s.recvBase), pos);
  if (!s.method->pointerRecv && bp) return makeDeref(std::move(field), target, pos);
  return field;
}

// x.M as a function value: a thunk taking M's parameters that calls M on the receiver
// captured when the value was made (Go's "M-fm" wrapper).
ExprPtr Compiler::methodValue(const SelectorExpr* sel, const check::Selection& s) {
  const check::TypeAndValue& xt = typeOf(sel->x);
  if (xt.mode == check::Mode::TypeExpr) return nullptr;
  auto sig = static_cast<const check::Signature*>(s.type);
  if (s.kind == check::Selection::Kind::Method && s.method->native) {
    // sb.WriteString, wg.Done: the receiver is bound now, as a call would pass it.
    const check::Type* recvType =
        s.method->pointerRecv ? static_cast<const check::Type*>(check::pointerTo(s.recvNamed))
                              : s.recvNamed;
    ExprPtr recv = receiverExpr(sel->x, s, sel->sel->pos);
    if (!recv) return nullptr;
    std::string name = s.method->pointerRecv
                           ? s.recvNamed->pkg + ".(*" + s.recvNamed->name + ")." + s.method->name
                           : s.recvNamed->pkg + "." + s.recvNamed->name + "." + s.method->name;
    FuncCode* thunk =
        nativeThunk(reinterpret_cast<NativeFunction>(const_cast<void*>(s.method->native)), sig,
                    std::move(name) + "-fm", recvType, sel->sel->pos);
    return makeBoundMethod(std::move(recv), isCountedType(recvType), isAggregate(recvType), thunk);
  }
  auto code = std::make_unique<FuncCode>();
  FuncCode* thunk = code.get();
  program_.funcs.push_back(std::move(code));
  // Go's name for the wrapper: main.T.M-fm, main.(*T).M-fm.
  if (s.kind == check::Selection::Kind::Method && s.recvNamed) {
    thunk->name = s.method->pointerRecv
                      ? "main.(*" + s.recvNamed->name + ")." + s.method->name + "-fm"
                      : "main." + s.recvNamed->name + "." + s.method->name + "-fm";
  } else {
    thunk->name = "main." + check::typeString(typeOf(sel->x).type) + "." + s.method->name + "-fm";
  }
  thunk->hiddenInTraces = true;
  int params = static_cast<int>(sig->params.size());
  thunk->hasParams = params > 0;
  thunk->paramCount = params;
  for (int i = 0; i < params; ++i) {
    const check::Type* pt = sig->params[static_cast<size_t>(i)];
    if (sig->variadic && i + 1 == params) pt = check::sliceOf(pt);
    if (isCountedType(pt)) thunk->countedSlots.push_back(i);
    if (isAggregate(pt)) thunk->aggregateParams.push_back(i);
  }
  for (size_t r = 0; r < sig->results.size(); ++r)
    thunk->resultSlots.push_back(params + static_cast<int>(r));
  thunk->closureSlot = params + static_cast<int>(sig->results.size());
  thunk->frameSize = thunk->closureSlot + 1;
  // The receiver: the interface itself for an interface method, else what a call
  // passes (an address for pointer methods, a copy for value methods).
  bool iface = s.kind == check::Selection::Kind::InterfaceMethod;
  ExprPtr recv;
  const check::Type* recvType;
  if (iface) {
    recv = expr(sel->x);
    if (!s.path.empty()) recv = makeFieldRead(std::move(recv), s.path, true, sel->sel->pos);
    // Evaluating i.M looks up the method in i: a nil i panics there.
    recv = makeNonNil(std::move(recv), sel->sel->pos);
    recvType = check::anyType();
  } else {
    recv = receiverExpr(sel->x, s, sel->sel->pos);
    recvType = s.method->pointerRecv
                   ? static_cast<const check::Type*>(check::pointerTo(s.recvNamed))
                   : s.recvNamed;
  }
  if (!recv) return nullptr;
  std::vector<ExprPtr> args;
  for (int i = 0; i < params; ++i) {
    const check::Type* pt = sig->params[static_cast<size_t>(i)];
    if (isCountedType(pt) || (sig->variadic && i + 1 == params)) {
      args.push_back(std::make_unique<LocalNode<true>>(i));
    } else {
      args.push_back(std::make_unique<LocalNode<false>>(i));
    }
  }
  ExprPtr call;
  FuncCode* saved = fn_;
  fn_ = thunk;
  ExprPtr captured = makeCaptureRead(thunk->closureSlot, 0,
                                     isCountedType(recvType) ? CellRead::Ref : CellRead::Scalar);
  if (iface) {
    std::vector<const check::Type*> argTypes(sig->params.begin(), sig->params.end());
    call = makeIfaceCall(std::move(captured), s.method->name, std::move(args), std::move(argTypes),
                         newTemp(), sel->sel->pos);
  } else if (s.method->decl) {
    auto n = std::make_unique<CallNode>();
    n->fn = funcs_.at(static_cast<const FuncDecl*>(s.method->decl));
    n->pos = sel->sel->pos;
    n->args.push_back(std::move(captured));
    for (ExprPtr& a : args) n->args.push_back(std::move(a));
    call = std::move(n);
  }
  fn_ = saved;
  if (!call) return nullptr;
  thunkReturn(thunk, sig, std::move(call));
  return makeBoundMethod(std::move(recv), isCountedType(recvType), isAggregate(recvType), thunk);
}

ExprPtr Compiler::ident(const Ident* id) {
  const check::Object* o = objectOf(id);
  if (o && o->kind == check::Object::Kind::Nil) return std::make_unique<ConstNode>(Value{}, false);
  if (o && o->kind == check::Object::Kind::Func && o->decl)
    return makeFuncValue(funcs_.at(o->decl));
  if (!o || o->kind != check::Object::Kind::Var) return nullptr;
  bool counted = isCountedType(o->type);
  CellRead mode = !counted               ? CellRead::Scalar
                  : isAggregate(o->type) ? CellRead::Aggregate
                                         : CellRead::Ref;
  // A captured reference that nothing stores again needs no lock to read.
  CellRead boxMode = mode == CellRead::Ref && !o->reassigned ? CellRead::FixedRef : mode;
  if (!o->isGlobal && o->owner != info) {
    return makeCaptureRead(fn_->closureSlot, captureIndex(o), boxMode);
  }
  if (!o->isGlobal && o->captured) return makeBoxedRead(o->slot, boxMode);
  if (o->isGlobal) {
    Value* cell = &program_.globals[static_cast<size_t>(o->slot)];
    switch (mode) {
      case CellRead::Ref: return std::make_unique<GlobalNode<CellRead::Ref>>(cell);
      case CellRead::Aggregate: return std::make_unique<GlobalNode<CellRead::Aggregate>>(cell);
      default: return std::make_unique<GlobalNode<CellRead::Scalar>>(cell);
    }
  }
  if (counted) return std::make_unique<LocalNode<true>>(o->slot);
  return std::make_unique<LocalNode<false>>(o->slot);
}

// &x: the address of a variable (or of a composite literal's new value).
ExprPtr Compiler::addressOf(const Expr* e) {
  while (auto p = as<ParenExpr>(e)) e = p->x;
  const check::Type* t = typeOf(e).type;
  Storage storage = storageOf(t);
  // A struct or array variable's address is its object.
  if (storage == Storage::Aggregate) return expr(e);
  if (as<CompositeLit>(e)) return makeAddressOfLiteral(expr(e), t);
  if (auto id = as<Ident>(e)) {
    const check::Object* o = objectOf(id);
    if (!o) return nullptr;
    if (o->isGlobal) {
      return makeAddressOfGlobal(&program_.globals[static_cast<size_t>(o->slot)], storage);
    }
    if (o->owner != info) return makeAddressOfCapture(fn_->closureSlot, captureIndex(o));
    if (o->captured) return makeAddressOfBox(o->slot);
    return nullptr;
  }
  if (auto sel = as<SelectorExpr>(e)) {
    auto it = info_.selections.find(sel);
    if (it == info_.selections.end()) {
      const check::Object* o = objectOf(sel->sel);
      if (o && o->nativeCell)
        return makeAddressOfGlobal(static_cast<Value*>(o->nativeCell), storage);
      return nullptr;
    }
    return makeAddressOfField(expr(sel->x), it->second.path, storage, sel->sel->pos);
  }
  if (auto ix = as<IndexExpr>(e)) {
    const check::Type* xt = finalType(ix->x);
    const check::Basic* it = check::asBasic(finalType(ix->indices[0]));
    bool isArray =
        check::asArray(xt) || (check::asPointer(xt) && check::asArray(check::asPointer(xt)->elem));
    return makeAddressOfElem(expr(ix->x), expr(ix->indices[0]), isArray, it && it->isUnsigned(),
                             storage, ix->pos);
  }
  if (auto st = as<StarExpr>(e)) return makeNonNil(expr(st->x), st->pos);  // &*p is p, checked
  return nullptr;
}

ExprPtr Compiler::unary(const UnaryExpr* u) {
  if (u->op == Token::And) return addressOf(u->x);
  ExprPtr x = expr(u->x);
  if (u->op == Token::Add) return x;
  if (u->op == Token::Arrow) {
    noteWaitOperand(u->pos, u->x);
    return makeRecv(std::move(x), check::asChan(finalType(u->x))->elem, info_.commaOk.count(u) > 0,
                    u->pos);
  }
  if (u->op == Token::Not) {
    auto n = std::make_unique<NotNode>();
    n->x = std::move(x);
    return n;
  }
  const check::Basic* b = check::asBasic(finalType(u));
  if (b && b->isComplex()) {
    if (u->op != Token::Sub) return nullptr;
    return makeComplexNeg(b->basic == BasicKind::Complex64, std::move(x));
  }
  return withNumeric(b, [&]<typename T>() -> ExprPtr {
    if constexpr (std::is_same_v<T, bool>) {
      return nullptr;
    } else if (u->op == Token::Sub) {
      auto n = std::make_unique<NegNode<T>>();
      n->x = std::move(x);
      return n;
    } else if constexpr (std::is_integral_v<T>) {
      auto n = std::make_unique<BitNotNode<T>>();
      n->x = std::move(x);
      return n;
    } else {
      return nullptr;
    }
  });
}

bool Compiler::isNilExpr(const Expr* e) const {
  while (auto p = as<ParenExpr>(e)) e = p->x;
  auto id = as<Ident>(e);
  const check::Object* o = id ? objectOf(id) : nullptr;
  return o && o->kind == check::Object::Kind::Nil;
}

ExprPtr Compiler::binary(const BinaryExpr* b) {
  if (b->op == Token::LAnd || b->op == Token::LOr) {
    ExprPtr x = expr(b->x);
    ExprPtr y = exprInOrder(b->y);  // runs on its own, when x does not decide
    if (b->op == Token::LAnd) {
      auto n = std::make_unique<AndAndNode>();
      n->x = std::move(x);
      n->y = std::move(y);
      return n;
    }
    auto n = std::make_unique<OrOrNode>();
    n->x = std::move(x);
    n->y = std::move(y);
    return n;
  }
  if (b->op == Token::Shl || b->op == Token::Shr) {
    const check::Basic* t = check::asBasic(finalType(b));
    const check::Basic* ct = check::asBasic(finalType(b->y));
    ExprPtr x = expr(b->x);
    ExprPtr y = expr(b->y);
    bool left = b->op == Token::Shl;
    return withNumeric(t, [&]<typename T>() -> ExprPtr {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        if (left) return shiftWithCount<T, true>(ct, std::move(x), std::move(y), b->opPos);
        return shiftWithCount<T, false>(ct, std::move(x), std::move(y), b->opPos);
      } else {
        return nullptr;
      }
    });
  }
  // Operands have the same type; for comparisons that is the operands' type.
  const check::Type* operandType = isComparison(b->op) ? finalType(b->x) : finalType(b);
  if (isComparison(b->op) && check::isUntyped(typeOf(b->x).type)) operandType = finalType(b->y);
  if (isComparison(b->op) && (isNilExpr(b->x) || isNilExpr(b->y))) {
    const Expr* side = isNilExpr(b->x) ? b->y : b->x;
    return makeSliceIsNil(expr(side), b->op == Token::Eql);
  }
  if (isComparison(b->op) &&
      (!check::asBasic(finalType(b->x)) || !check::asBasic(finalType(b->y)))) {
    const check::Type* xt = finalType(b->x);
    const check::Type* yt = finalType(b->y);
    bool equal = b->op == Token::Eql;
    if (check::asInterface(xt) && !check::asInterface(yt)) {
      return makeEquality(expr(b->x), valueAs(b->y, xt), xt, equal, b->opPos);
    }
    if (check::asInterface(yt) && !check::asInterface(xt)) {
      return makeEquality(valueAs(b->x, yt), expr(b->y), yt, equal, b->opPos);
    }
    return makeEquality(expr(b->x), expr(b->y), xt, equal, b->opPos);
  }
  const check::Basic* t = check::asBasic(operandType);
  ExprPtr x = expr(b->x);
  ExprPtr y = expr(b->y);
  if (!t) return nullptr;
  if (t->isString()) {
    if (b->op == Token::Add) {
      auto n = std::make_unique<ConcatNode>();
      n->x = std::move(x);
      n->y = std::move(y);
      return n;
    }
    return stringComparison(b->op, std::move(x), std::move(y));
  }
  if (t->isComplex()) {
    bool is64 = t->basic == BasicKind::Complex64;
    if (b->op == Token::Eql || b->op == Token::Neq) {
      return makeComplexEquality(b->op == Token::Eql, is64, std::move(x), std::move(y));
    }
    return makeComplexArithmetic(b->op, is64, std::move(x), std::move(y), b->opPos);
  }
  Pos pos = b->opPos;
  return withNumeric(t, [&]<typename T>() -> ExprPtr {
    if (isComparison(b->op)) return comparison<T>(b->op, std::move(x), std::move(y), pos);
    if constexpr (std::is_same_v<T, bool>) {
      return nullptr;
    } else {
      return arithmetic<T>(b->op, std::move(x), std::move(y), pos);
    }
  });
}

ExprPtr Compiler::index(const IndexExpr* e) {
  if (info_.instantiations.count(e)) return expr(e->x);  // `Max[int]` as a value
  const check::Type* xt = finalType(e->x);
  if (const check::Map* m = check::asMap(xt)) {
    return makeMapIndex(expr(e->x), valueAs(e->indices[0], m->key), m, info_.commaOk.count(e) > 0,
                        e->pos);
  }
  ExprPtr x = expr(e->x);
  ExprPtr i = expr(e->indices[0]);
  const check::Basic* it = check::asBasic(finalType(e->indices[0]));
  const check::Array* arr = check::asArray(xt);
  if (!arr && check::asPointer(xt)) arr = check::asArray(check::asPointer(xt)->elem);
  if (arr) {
    return makeArrayIndex(std::move(x), std::move(i), it && it->isUnsigned(),
                          isCountedType(arr->elem), e->pos);
  }
  if (isSliceType(xt)) {
    return makeSliceIndex(std::move(x), std::move(i), it && it->isUnsigned(),
                          isCountedType(elemOf(xt)), e->pos);
  }
  if (it && it->isUnsigned()) {
    auto n = std::make_unique<StringIndexNode<true>>();
    n->x = std::move(x);
    n->index = std::move(i);
    return n;
  }
  auto n = std::make_unique<StringIndexNode<false>>();
  n->x = std::move(x);
  n->index = std::move(i);
  return n;
}

FuncCode* Compiler::nativeThunk(NativeFunction fn, const check::Signature* sig, std::string name,
                                const check::Type* boundRecv, Pos pos) {
  auto code = std::make_unique<FuncCode>();
  FuncCode* thunk = code.get();
  program_.funcs.push_back(std::move(code));
  thunk->name = std::move(name);
  thunk->hiddenInTraces = true;  // a panic's trace shows the call, as a direct call's does
  int params = static_cast<int>(sig->params.size());
  thunk->hasParams = params > 0;
  thunk->paramCount = params;
  auto call = std::make_unique<NativeCallNode>();
  call->fn = fn;
  call->pos = pos;
  call->resultCount = static_cast<int>(sig->results.size());
  for (size_t r = 0; r < sig->results.size(); ++r) {
    thunk->resultSlots.push_back(params + static_cast<int>(r));
  }
  thunk->frameSize = params + static_cast<int>(sig->results.size());
  if (boundRecv) {
    thunk->closureSlot = thunk->frameSize++;
    bool counted = isCountedType(boundRecv);
    call->args.push_back(
        makeCaptureRead(thunk->closureSlot, 0, counted ? CellRead::Ref : CellRead::Scalar));
    call->argTypes.push_back(boundRecv);
    call->argCounted.push_back(counted);
  }
  for (int i = 0; i < params; ++i) {
    const check::Type* pt = sig->params[static_cast<size_t>(i)];
    bool variadic = sig->variadic && i + 1 == params;
    // A variadic parameter arrives as a slice; the native receives its elements.
    if (variadic) call->spreadElem = pt;
    if (variadic) pt = check::sliceOf(pt);
    bool counted = isCountedType(pt);
    if (counted) thunk->countedSlots.push_back(i);
    if (isAggregate(pt)) thunk->aggregateParams.push_back(i);
    if (counted) {
      call->args.push_back(std::make_unique<LocalNode<true>>(i));
    } else {
      call->args.push_back(std::make_unique<LocalNode<false>>(i));
    }
    call->argTypes.push_back(pt);
    call->argCounted.push_back(counted);
  }
  thunkReturn(thunk, sig, std::move(call));
  return thunk;
}

void Compiler::thunkReturn(FuncCode* thunk, const check::Signature* sig, ExprPtr call) {
  if (sig->results.empty()) {
    auto st = std::make_unique<ExprStmtNode>();
    st->x = std::move(call);
    thunk->body.push_back(std::move(st));
    return;
  }
  auto ret = std::make_unique<ReturnNode>();
  for (size_t r = 0; r < sig->results.size(); ++r) {
    Target t;
    t.kind = Target::Kind::Slot;
    t.slot = thunk->resultSlots[r];
    t.counted = isCountedType(sig->results[r]);
    ret->results.push_back(t);
  }
  ret->multi = sig->results.size() > 1;
  ret->values.push_back(std::move(call));
  thunk->body.push_back(std::move(ret));
}

}  // namespace gol::eval
