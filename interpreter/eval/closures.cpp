#include "interpreter/eval/closures.h"

namespace gol::eval {

namespace {

// Borrowed reads of boxed variables: only aggregates, whose object stays put, and
// references never stored again (a Ref in a box may be replaced and freed by another
// goroutine).
template <CellRead Mode>
constexpr bool kBorrowable = Mode == CellRead::Aggregate || Mode == CellRead::FixedRef;

template <CellRead Mode>
struct BoxedReadNode : ExprNode {
  int slot;
  Value eval(Value* fp) override { return readCell<Mode>(&boxAt(fp[slot])->value); }
  ExprPtr borrowedForm() const override {
    if constexpr (!kBorrowable<Mode>) return nullptr;
    auto n = std::make_unique<BoxedReadNode<CellRead::Scalar>>();
    n->slot = slot;
    return n;
  }
};

template <CellRead Mode>
struct CaptureReadNode : ExprNode {
  int closureSlot;
  size_t index;
  Value eval(Value* fp) override {
    return readCell<Mode>(&closureAt(fp[closureSlot])->boxes[index]->value);
  }
  ExprPtr borrowedForm() const override {
    if constexpr (!kBorrowable<Mode>) return nullptr;
    auto n = std::make_unique<CaptureReadNode<CellRead::Scalar>>();
    n->closureSlot = closureSlot;
    n->index = index;
    return n;
  }
};

// A Node<mode>, set up by init.
template <template <CellRead> class Node, CellRead Mode, class Init>
ExprPtr cellReadNode(Init&& init) {
  auto n = std::make_unique<Node<Mode>>();
  init(*n);
  return n;
}
template <template <CellRead> class Node, class Init>
ExprPtr makeCellRead(CellRead mode, Init&& init) {
  switch (mode) {
    case CellRead::Ref: return cellReadNode<Node, CellRead::Ref>(init);
    case CellRead::Aggregate: return cellReadNode<Node, CellRead::Aggregate>(init);
    case CellRead::FixedRef: return cellReadNode<Node, CellRead::FixedRef>(init);
    default: return cellReadNode<Node, CellRead::Scalar>(init);
  }
}

struct MakeClosureNode : ExprNode {
  const FuncCode* fn;
  std::vector<CaptureSource> sources;
  int makerClosureSlot;
  Value eval(Value* fp) override {
    ClosureObject* c = ClosureObject::make(fn, sources.size());
    for (size_t i = 0; i < sources.size(); ++i) {
      const CaptureSource& s = sources[i];
      BoxObject* b = s.fromCaptures
                         ? closureAt(fp[makerClosureSlot])->boxes[static_cast<size_t>(s.index)]
                         : boxAt(fp[s.index]);
      b->refs.fetch_add(1, std::memory_order_relaxed);
      c->boxes[i] = b;
    }
    Value v;
    v.p = c;
    return v;
  }
};

// A declared function as a value: one shared closure without captures.
struct FuncValueNode : ExprNode {
  ClosureObject* closure;
  explicit FuncValueNode(const FuncCode* fn) : closure(ClosureObject::make(fn, 0)) {}
  ~FuncValueNode() override {
    Value v;
    v.p = closure;
    releaseRef(v);
  }
  Value eval(Value*) override {
    closure->refs.fetch_add(1, std::memory_order_relaxed);
    Value v;
    v.p = closure;
    return v;
  }
};

struct CallValueNode : ExprNode {
  ExprPtr callee;
  std::vector<ExprPtr> args;
  // The callee is a counted frame slot, read without a reference: only this goroutine's
  // own code stores into the frame, and the caller's code waits for the call. -1 once
  // `go` or `defer` takes the operands (collectOperands), which they replace.
  int borrowedSlot = -1;
  // The frame of the last call, whose results are read right after it.
  Value* call(Value* fp, const FuncCode** fn) {
    Value c = borrowedSlot >= 0 ? fp[borrowedSlot] : callee->eval(fp);
    // The callee's frame borrows the closure (FuncCode::closureSlot) from here.
    struct ReleaseAfterCall {
      Value owned;
      ~ReleaseAfterCall() { releaseRef(owned); }
    } release{borrowedSlot >= 0 ? Value{} : c};
    ClosureObject* closure = closureAt(c);
    if (!closure) nilDereference(pos);
    *fn = closure->fn;
    // A declared function's frame has no closure slot.
    return callFunction(closure->fn, args, fp, pos, closure->fn->closureSlot < 0 ? Value{} : c);
  }
  Value eval(Value* fp) override {
    const FuncCode* fn;
    Value* frame = call(fp, &fn);
    return fn->resultSlots.empty() ? Value{} : frame[fn->resultSlots[0]];
  }
  void evalMulti(Value* fp, Value* out) override {
    const FuncCode* fn;
    Value* frame = call(fp, &fn);
    for (size_t i = 0; i < fn->resultSlots.size(); ++i) out[i] = frame[fn->resultSlots[i]];
  }
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    borrowedSlot = -1;
    out.push_back(&callee);
    for (ExprPtr& a : args) out.push_back(&a);
    return true;
  }
};

struct BoxParamNode : StmtNode {
  int slot;
  bool counted;
  Exec exec(Value* fp) override {
    fp[slot] = newBox(fp[slot], counted);
    return Exec::Normal;
  }
};

}  // namespace

ExprPtr makeBoxedRead(int slot, CellRead mode) {
  return makeCellRead<BoxedReadNode>(mode, [&](auto& n) { n.slot = slot; });
}

ExprPtr makeCaptureRead(int closureSlot, int index, CellRead mode) {
  return makeCellRead<CaptureReadNode>(mode, [&](auto& n) {
    n.closureSlot = closureSlot;
    n.index = static_cast<size_t>(index);
  });
}

ExprPtr makeClosure(const FuncCode* fn, std::vector<CaptureSource> sources, int makerClosureSlot) {
  // A literal that captures nothing is one shared value, as in Go: evaluating it allocates
  // nothing.
  if (sources.empty()) return std::make_unique<FuncValueNode>(fn);
  auto n = std::make_unique<MakeClosureNode>();
  n->fn = fn;
  n->sources = std::move(sources);
  n->makerClosureSlot = makerClosureSlot;
  return n;
}

struct BoundMethodNode : ExprNode {
  ExprPtr recv;
  bool counted = false;
  bool aggregate = false;
  const FuncCode* thunk = nullptr;
  Value eval(Value* fp) override {
    Value v = recv->eval(fp);
    if (aggregate) v = ownAggregate(v);
    ClosureObject* c = ClosureObject::make(thunk, 1);
    c->boxes[0] = boxAt(newBox(v, counted));
    Value r;
    r.p = c;
    return r;
  }
};

ExprPtr makeBoundMethod(ExprPtr recv, bool recvCounted, bool recvAggregate, const FuncCode* thunk) {
  auto n = std::make_unique<BoundMethodNode>();
  n->recv = std::move(recv);
  n->counted = recvCounted;
  n->aggregate = recvAggregate;
  n->thunk = thunk;
  return n;
}

ExprPtr makeFuncValue(const FuncCode* fn) {
  return std::make_unique<FuncValueNode>(fn);
}

ExprPtr makeCallValue(ExprPtr callee, std::vector<ExprPtr> args, syntax::Pos pos) {
  auto n = std::make_unique<CallValueNode>();
  if (auto local = dynamic_cast<LocalNode<true>*>(callee.get())) n->borrowedSlot = local->slot;
  n->callee = std::move(callee);
  n->args = std::move(args);
  n->pos = pos;
  return n;
}

StmtPtr makeBoxParam(int slot, bool counted) {
  auto n = std::make_unique<BoxParamNode>();
  n->slot = slot;
  n->counted = counted;
  return n;
}

}  // namespace gol::eval
