#include "interpreter/eval/stores.h"

#include "interpreter/eval/ops.h"

namespace gol::eval {

namespace {

// Where a fused store writes. put(fp, v) stores v, or panics as Go does where there is
// no such variable (a nil pointer, an index out of range).

// A local of scalar type.
struct SlotSink {
  int slot;
  void put(Value* fp, Value v) const { fp[slot] = v; }
};

// An index computed by a node: the Target's own, which it holds by shared_ptr.
struct SharedIndex {
  std::shared_ptr<ExprNode> node;
  Value get(Value* fp) const { return node->eval(fp); }
};

// Element `index` of the local slice in `seqSlot`.
template <typename I>
struct SliceElemSink {
  int seqSlot;
  I index;
  bool unsignedIndex;
  syntax::Pos pos;
  void put(Value* fp, Value v) const {
    *sliceCell(fp[seqSlot], index.get(fp), unsignedIndex, pos, false) = v;
  }
};

// Field `index` of the struct that the local in `slot` holds or points to.
struct FieldSink {
  int slot;
  int index;
  syntax::Pos pos;
  void put(Value* fp, Value v) const {
    auto* object = static_cast<StructObject*>(fp[slot].p);
    if (!object) [[unlikely]]
      nilDereference(pos);
    object->fields[index] = v;
  }
};

template <typename Sink>
struct FusedStoreNode final : StmtNode {
  Sink sink;
  ExprPtr x;
  FusedStoreNode(Sink s, ExprPtr value) : sink(std::move(s)), x(std::move(value)) {}
  Exec exec(Value* fp) override {
    sink.put(fp, x->eval(fp));
    return Exec::Normal;
  }
};

// a, b = x, y: both values are evaluated before either store.
template <typename A, typename B>
struct FusedParallelStoreNode final : StmtNode {
  A first;
  B second;
  ExprPtr x, y;
  FusedParallelStoreNode(A a, B b, ExprPtr xv, ExprPtr yv)
      : first(std::move(a)), second(std::move(b)), x(std::move(xv)), y(std::move(yv)) {}
  Exec exec(Value* fp) override {
    Value a = x->eval(fp);
    Value b = y->eval(fp);
    first.put(fp, a);
    second.put(fp, b);
    return Exec::Normal;
  }
};

// A store that writes only the word: no reference to release or take, no object to copy.
bool storesWord(const Target& t) {
  return !t.counted && !t.aggregate;
}

bool isLocalScalar(const Target& t) {
  return t.kind == Target::Kind::Slot && storesWord(t);
}

// A scalar element of a local slice, both read from frame slots.
bool isLocalSliceElem(const Target& t) {
  return t.kind == Target::Kind::Index && storesWord(t) && t.seqSlot >= 0 && t.indexSlot >= 0;
}

template <typename Sink>
StmtPtr fusedStore(Sink sink, ExprPtr& x, syntax::Pos pos) {
  auto n = std::make_unique<FusedStoreNode<Sink>>(std::move(sink), std::move(x));
  n->pos = pos;
  return n;
}

template <typename I>
SliceElemSink<I> sliceElemSink(const Target& t, I index) {
  return SliceElemSink<I>{t.seqSlot, std::move(index), t.unsignedIndex, t.pos};
}

// The sink of a target for which isLocalScalar or isLocalSliceElem holds, given to f.
template <typename F>
StmtPtr withParallelSink(const Target& t, F&& f) {
  if (isLocalScalar(t)) return f(SlotSink{t.slot});
  return f(sliceElemSink(t, FromSlot{t.indexSlot}));
}

}  // namespace

StmtPtr makeFusedStore(Target& t, ExprPtr& x) {
  if (!storesWord(t)) return nullptr;
  if (t.kind == Target::Kind::Field && t.seqBorrowed && t.steps.size() == 1) {
    int slot = slotOf(t.seq.get());
    if (slot < 0) return nullptr;
    return fusedStore(FieldSink{slot, t.steps[0].index, t.pos}, x, t.pos);
  }
  if (t.kind == Target::Kind::Index && t.seqSlot >= 0) {
    if (t.indexSlot >= 0) return fusedStore(sliceElemSink(t, FromSlot{t.indexSlot}), x, t.pos);
    auto c = dynamic_cast<const ConstNode*>(t.index.get());
    if (c && !c->counted) return fusedStore(sliceElemSink(t, FromConst{c->value}), x, t.pos);
    return fusedStore(sliceElemSink(t, SharedIndex{t.index}), x, t.pos);
  }
  return nullptr;
}

StmtPtr makeFusedParallelStore(Target (&targets)[2], ExprPtr (&values)[2]) {
  for (const Target& t : targets) {
    if (!isLocalScalar(t) && !isLocalSliceElem(t)) return nullptr;
  }
  return withParallelSink(targets[0], [&](auto a) {
    return withParallelSink(targets[1], [&](auto b) -> StmtPtr {
      using Node = FusedParallelStoreNode<decltype(a), decltype(b)>;
      auto n = std::make_unique<Node>(a, b, std::move(values[0]), std::move(values[1]));
      n->pos = targets[0].pos;
      return n;
    });
  });
}

}  // namespace gol::eval
