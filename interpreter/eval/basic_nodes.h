// Nodes for variables, constants, strings, calls and statements: the parts of the
// executable tree that are not operators (ops.h).
//
// Ownership as nodes.h states: a string expression's value is owned by its consumer;
// slots own what they hold. The `Counted` template parameter says whether a node moves
// string references (true) or plain words (false), so scalar paths do no refcounting.
#pragma once

#include <cstring>
#include <optional>
#include <vector>

#include "interpreter/check/lookup.h"
#include "interpreter/eval/nodes.h"
#include "interpreter/eval/ops.h"
#include "interpreter/values/native.h"
#include "runtime/goroutine.h"

namespace gol::eval {

using namespace gol::values;

// ---- Values ------------------------------------------------------------------------------

// `return x` of a scalar local (FromSlot) or constant (FromConst) into the result slot
// `slot`: ExprNode::intoReturn of the nodes below.
template <typename From>
struct ReturnOperandNode : StmtNode {
  From from;
  int slot;
  ReturnOperandNode(From f, int s) : from(f), slot(s) {}
  Exec exec(Value* fp) override {
    fp[slot] = from.get(fp);
    return Exec::Return;
  }
};

struct ConstNode : ExprNode {
  Value value;
  bool counted = false;  // a string constant: holds one reference, hands out more
  ConstNode(Value v, bool counted) : value(v), counted(counted) {}
  ~ConstNode() override {
    if (counted) releaseString(value);
  }
  Value eval(Value*) override {
    if (counted) retainString(value);
    return value;
  }
  StmtPtr intoReturn(int slot) override {
    if (counted) return nullptr;
    return std::make_unique<ReturnOperandNode<FromConst>>(FromConst{value}, slot);
  }
};

template <bool Counted>
struct LocalNode : ExprNode {
  int slot;
  explicit LocalNode(int s) : slot(s) {}
  Value eval(Value* fp) override {
    Value v = fp[slot];
    if constexpr (Counted) retainString(v);
    return v;
  }
  ExprPtr borrowedForm() const override {
    if constexpr (Counted) return std::make_unique<LocalNode<false>>(slot);
    return nullptr;
  }
  StmtPtr intoReturn(int result) override {
    if constexpr (Counted) return nullptr;
    return std::make_unique<ReturnOperandNode<FromSlot>>(FromSlot{slot}, result);
  }
};

// Whether x reads a frame slot without a reference, and which (-1: it does not).
// scalarConst: x as a constant, when it is a scalar one.
inline int slotOf(const ExprNode* x) {
  if (auto l = dynamic_cast<const LocalNode<false>*>(x)) return l->slot;
  return -1;
}
inline int slotOf(const ExprPtr& x) {
  return slotOf(x.get());
}
inline const ConstNode* scalarConst(const ExprPtr& x) {
  auto c = dynamic_cast<ConstNode*>(x.get());
  return c && !c->counted ? c : nullptr;
}

// x, whose value is also kept in frame slot `slot` for a later LocalNode: an operand that
// Go evaluates once but Gol's nodes read twice (the index in `s[f()] += v`).
template <bool Counted>
struct SaveTempNode : ExprNode {
  ExprPtr x;
  int slot;
  Value eval(Value* fp) override {
    Value v = x->eval(fp);
    if constexpr (Counted) {
      releaseRef(fp[slot]);
      retainRef(v);
    }
    fp[slot] = v;
    return v;
  }
};

template <CellRead Mode>
struct GlobalNode : ExprNode {
  Value* cell;
  explicit GlobalNode(Value* c) : cell(c) {}
  Value eval(Value*) override { return readCell<Mode>(cell); }
  // Not a Ref global: another goroutine may store over it and free the reference.
  ExprPtr borrowedForm() const override {
    if constexpr (Mode == CellRead::Aggregate) {
      return std::make_unique<GlobalNode<CellRead::Scalar>>(cell);
    }
    return nullptr;
  }
};

// Stores an owned value into a cell, releasing what the cell held.
template <bool Counted>
inline void storeCell(Value* cell, Value v) {
  if constexpr (Counted) {
    Value old = *cell;
    *cell = v;
    releaseString(old);
  } else {
    *cell = v;
  }
}

[[noreturn]] void indexOutOfRange(syntax::Pos pos, int64_t index, bool isUnsigned, size_t length);

// The element cell s[i] of a slice, after Go's bounds check. On a panic, s is released
// when the caller owns it (sOwned); a borrowed s still belongs to its frame slot.
inline Value* sliceCell(Value s, Value i, bool unsignedIndex, syntax::Pos pos, bool sOwned) {
  SliceObject* slice = asSlice(s);
  uint64_t n = slice ? static_cast<uint64_t>(slice->len()) : 0;
  if (i.u >= n || (!unsignedIndex && i.i < 0)) {
    if (sOwned) releaseRef(s);
    indexOutOfRange(pos, i.i, unsignedIndex, n);
  }
  return slice->base() + i.u;
}

// A scalar element s[i] of a local slice with a local index as a binary operand (beside
// ops.h's FromSlot and FromConst): read in place, without a virtual call. Only the fused
// comparisons of loops and ifs use it (CompareForNode, CompareIfThenNode).
struct FromLocalElem {
  int seqSlot;
  int indexSlot;
  bool unsignedIndex;
  syntax::Pos pos;
  Value get(Value* fp) const {
    return *sliceCell(fp[seqSlot], fp[indexSlot], unsignedIndex, pos, false);
  }
  // The FromLocalElem reading what `e` reads, if e is such an element read.
  static std::optional<FromLocalElem> of(const ExprNode& e) {
    FromLocalElem r{};
    if (!e.localSliceElem(&r.seqSlot, &r.indexSlot, &r.unsignedIndex)) return std::nullopt;
    r.pos = e.pos;
    return r;
  }
};

struct Target;
// Stores into the targets that structs.cpp and maps.cpp implement (Field, Deref,
// MapIndex, ArrayIndex).
void storeComplex(const Target& t, Value* fp, Value v);

// Where an assignment stores: a frame slot, a global, a slice element, a field, a
// pointer's target, a map entry, or nowhere (the blank identifier).
struct Target {
  // BoxSlot: a captured local's box in `slot`; Capture: box `slot` of the closure in
  // `closureSlot`; NewBox: declares a captured local, giving `slot` a new box.
  // Field: the field at the end of `steps` from the object `seq` yields; Deref: where
  // the pointer `seq` points; MapIndex: the entry `index` of map `seq`; ArrayIndex:
  // element `index` of the array object `seq` (of length `length`); ToIface: the value,
  // boxed with its concrete type `boxAs`, into the interface variable `inner` (a range or
  // select assigning into an interface variable; counted and aggregate are the value's).
  // Enumerators grouped as a table, left as written:
  // clang-format off
  enum class Kind : uint8_t {
    Slot, Global, Index, BoxSlot, Capture, NewBox, Blank, Field, Deref, MapIndex, ArrayIndex,
    ToIface
  } kind = Kind::Blank;
  // clang-format on
  bool counted = false;
  bool aggregate = false;  // a struct or array: the cell owns its object alone
  bool define = false;     // a declaration: a new variable, never copied into
  bool unsignedIndex = false;
  bool seqBorrowed = false;  // Index, Field, Deref: seq yields its value without a reference
  int slot = 0;
  int closureSlot = 0;
  // Index: the frame slots seq (borrowed) and index read, when they are plain slot reads
  // (-1: evaluate the nodes).
  int seqSlot = -1;
  int indexSlot = -1;
  int64_t length = 0;
  Value* cell = nullptr;
  std::shared_ptr<ExprNode> seq, index;  // Index: the slice and the index
  std::vector<check::FieldStep> steps;
  const check::Type* boxAs = nullptr;
  std::shared_ptr<Target> inner;
  syntax::Pos pos;
  void put(Value* at, Value v) const {
    if (aggregate) {
      // A heap cell of an aggregate variable is never repointed while goroutines share
      // cells (see loadAggregateVar): even a definition copies into its object then.
      if (define && (kind == Kind::Slot || !sharedCells.load(std::memory_order_relaxed))) {
        Value old = *at;
        *at = ownAggregate(v);
        releaseRef(old);
      } else {
        storeAggregate(at, v);
      }
      return;
    }
    if (!counted) {
      *at = v;
    } else if (kind == Kind::Slot) {
      storeCell<true>(at, v);
    } else {
      storeRef(at, v);  // a heap cell other goroutines may reach
    }
  }
  void store(Value* fp, Value v) const {
    switch (kind) {
      case Kind::Slot: put(fp + slot, v); return;
      case Kind::Global: put(cell, v); return;
      case Kind::Index: {
        Value s = seqSlot >= 0 ? fp[seqSlot] : seq->eval(fp);
        Value i = indexSlot >= 0 ? fp[indexSlot] : index->eval(fp);
        if (counted) {
          // An index out of range panics: the value to store dies with the statement.
          SliceObject* slice = asSlice(s);
          uint64_t n = slice ? static_cast<uint64_t>(slice->len()) : 0;
          if (i.u >= n || (!unsignedIndex && i.i < 0)) releaseRef(v);
        }
        put(sliceCell(s, i, unsignedIndex, pos, !seqBorrowed), v);
        if (!seqBorrowed) releaseRef(s);
        return;
      }
      case Kind::BoxSlot: put(&static_cast<BoxObject*>(fp[slot].p)->value, v); return;
      case Kind::Capture:
        put(&static_cast<ClosureObject*>(fp[closureSlot].p)
                 ->boxes[static_cast<size_t>(slot)]
                 ->value,
            v);
        return;
      case Kind::NewBox: {
        auto* b = new BoxObject(counted);
        b->value = aggregate ? ownAggregate(v) : v;
        Value old = fp[slot];
        fp[slot].p = b;
        releaseRef(old);
        return;
      }
      case Kind::Blank:
        if (counted) releaseRef(v);
        return;
      default: storeComplex(*this, fp, v); return;
    }
  }
};

template <bool Counted>
struct StoreSlotNode : StmtNode {
  int slot;
  ExprPtr x;
  Exec exec(Value* fp) override {
    storeCell<Counted>(fp + slot, x->eval(fp));
    return Exec::Normal;
  }
};

struct AssignNode : StmtNode {
  Target target;
  ExprPtr x;
  Exec exec(Value* fp) override {
    target.store(fp, x->eval(fp));
    return Exec::Normal;
  }
};

// a, b = x, y: every right-hand side is evaluated before anything is stored.
struct ParallelAssignNode : StmtNode {
  std::vector<Target> targets;
  std::vector<ExprPtr> values;
  Exec exec(Value* fp) override {
    Value tmp[16];
    std::vector<Value> big;
    Value* vals = tmp;
    if (values.size() > 16) {
      big.resize(values.size());
      vals = big.data();
    }
    for (size_t i = 0; i < values.size(); ++i) vals[i] = values[i]->eval(fp);
    // Struct values are copied before any store: a, b = b, a must not see a's new value.
    for (size_t i = 0; i < targets.size(); ++i) {
      if (targets[i].aggregate) vals[i] = ownAggregate(vals[i]);
    }
    for (size_t i = 0; i < targets.size(); ++i) targets[i].store(fp, vals[i]);
    return Exec::Normal;
  }
};

// a, b = x, y with no struct or array target.
struct ParallelAssign2Node : StmtNode {
  Target targets[2];
  ExprPtr values[2];
  Exec exec(Value* fp) override {
    Value first = values[0]->eval(fp);
    Value second = values[1]->eval(fp);
    targets[0].store(fp, first);
    targets[1].store(fp, second);
    return Exec::Normal;
  }
};

// a, b = f() (or a comma-ok form)
struct TupleAssignNode : StmtNode {
  std::vector<Target> targets;
  // Per target: the value's concrete type when it goes into an interface variable (boxed
  // then), else null.
  std::vector<const check::Type*> boxAs;
  ExprPtr call;
  Exec exec(Value* fp) override {
    Value tmp[16];
    std::vector<Value> big;
    Value* vals = tmp;
    if (targets.size() > 16) {
      big.resize(targets.size());
      vals = big.data();
    }
    call->evalMulti(fp, vals);
    for (size_t i = 0; i < targets.size(); ++i) {
      if (boxAs[i])
        vals[i] = Value{.p = new IfaceObject(boxAs[i], ownFor(storageOf(boxAs[i]), vals[i]))};
      targets[i].store(fp, vals[i]);
    }
    return Exec::Normal;
  }
};

// x++ and x-- on an integer or float slot.
template <typename T, bool Inc>
struct IncSlotNode : StmtNode {
  int slot;
  Exec exec(Value* fp) override {
    T v = get<T>(fp[slot]);
    if constexpr (std::is_integral_v<T>) {
      fp[slot] = make(static_cast<T>(static_cast<uint64_t>(v) + (Inc ? 1 : uint64_t(-1))));
    } else {
      fp[slot] = make(static_cast<T>(Inc ? v + 1 : v - 1));
    }
    return Exec::Normal;
  }
};

// x++ and x-- on an int variable in a box: a captured one (closure slot, capture index)
// or a boxed local (frame slot). Racing goroutines may lose updates, as in Go; the word
// is a scalar, so that is all they can do.
template <bool Inc, bool Captured>
struct IncBoxedIntNode : StmtNode {
  int slot;
  size_t index = 0;
  Exec exec(Value* fp) override {
    Value* cell = Captured ? &static_cast<ClosureObject*>(fp[slot].p)->boxes[index]->value
                           : &static_cast<BoxObject*>(fp[slot].p)->value;
    cell->i = static_cast<int64_t>(static_cast<uint64_t>(cell->i) + (Inc ? 1 : uint64_t(-1)));
    return Exec::Normal;
  }
};

// ---- Strings -----------------------------------------------------------------------------

inline Value concatStrings(Value a, Value b) {
  if (!a.s) return b;
  if (!b.s) return a;
  StringObject* s = StringObject::allocate(a.s->size() + b.s->size());
  std::memcpy(s->mutableData(), a.s->data(), a.s->size());
  std::memcpy(s->mutableData() + a.s->size(), b.s->data(), b.s->size());
  a.s->release();
  b.s->release();
  return stringValue(s);
}

struct ConcatNode : ExprNode {
  ExprPtr x, y;
  Value eval(Value* fp) override {
    Value a = x->eval(fp);
    return concatStrings(a, y->eval(fp));
  }
};

template <typename Op>
struct StringCompareNode : ExprNode {
  ExprPtr x, y;
  Value eval(Value* fp) override {
    Value a = x->eval(fp);
    Value b = y->eval(fp);
    bool r = Op::apply(stringView(a), stringView(b));
    releaseString(a);
    releaseString(b);
    return make(r);
  }
};

// len(x) of a string; Borrowed: x yields it without a reference (borrowedForm).
template <bool Borrowed>
struct StringLenNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override {
    Value s = x->eval(fp);
    int64_t n = s.s ? static_cast<int64_t>(s.s->size()) : 0;
    if constexpr (!Borrowed) releaseString(s);
    return intValue(n);
  }
};

template <bool UnsignedIndex>
struct StringIndexNode : ExprNode {
  ExprPtr x, index;
  Value eval(Value* fp) override {
    Value s = x->eval(fp);
    Value i = index->eval(fp);
    size_t n = s.s ? s.s->size() : 0;
    if (i.u >= n || (!UnsignedIndex && i.i < 0)) {
      releaseString(s);
      indexOutOfRange(pos, i.i, UnsignedIndex, n);
    }
    Value r;
    r.u = static_cast<unsigned char>(s.s->data()[i.u]);
    releaseString(s);
    return r;
  }
};

// string(r) for an integer r: its UTF-8 encoding, U+FFFD when it is not a code point.
template <bool UnsignedFrom>
struct RuneToStringNode : ExprNode {
  ExprPtr x;
  Value eval(Value* fp) override;
};

// ---- Control flow ------------------------------------------------------------------------

// After a loop body ended with e: whether the loop ends, and then with what (*out).
// `self` is the loop's label identity (null when unlabeled).
// A loop's back-edge: lets another goroutine run when the monitor asked this one to
// (one relaxed load when it did not).
// Yields if the runtime asked this goroutine to; unwinds it if the REPL interrupted it.
void preemptOrInterrupt();

inline void pollPreemption() {
  if (rt::preempt_requested()) [[unlikely]]
    preemptOrInterrupt();
}

// Unwinds the goroutine of an input the REPL interrupted or abandoned (InputInterrupted).
[[noreturn]] void unwindInterrupted(GoroutineState* g);

// After an operation that may have blocked: an input the REPL abandoned while it waited
// (a deadlock, Ctrl-C) stops here instead of running on.
inline void checkAbandoned() {
  GoroutineState* g = currentState();
  if (g->interrupted.load(std::memory_order_relaxed)) [[unlikely]]
    unwindInterrupted(g);
}

inline bool loopShouldExit(Exec e, const void* self, Exec* out) {
  switch (e) {
    case Exec::Normal:
    case Exec::Continue: return false;
    case Exec::Break: *out = Exec::Normal; return true;
    case Exec::BreakLabel:
      *out = self && currentState()->branchTarget == self ? Exec::Normal : e;
      return true;
    case Exec::ContinueLabel:
      if (self && currentState()->branchTarget == self) return false;
      *out = e;
      return true;
    default: *out = e; return true;
  }
}

inline Exec execList(const std::vector<StmtPtr>& list, Value* fp) {
  for (const StmtPtr& s : list) {
    Exec e = s->exec(fp);
    if (e != Exec::Normal) return e;
  }
  return Exec::Normal;
}

struct BlockNode : StmtNode {
  std::vector<StmtPtr> list;
  Exec exec(Value* fp) override { return execList(list, fp); }
};

struct ExprStmtNode : StmtNode {
  ExprPtr x;
  bool counted = false;
  Exec exec(Value* fp) override {
    Value v = x->eval(fp);
    if (counted) releaseString(v);
    return Exec::Normal;
  }
};

struct IfNode : StmtNode {
  StmtPtr init;
  ExprPtr cond;
  std::vector<StmtPtr> body;
  StmtPtr orElse;
  Exec exec(Value* fp) override {
    if (init) {
      Exec e = init->exec(fp);
      if (e != Exec::Normal) return e;
    }
    if (cond->eval(fp).i) return execList(body, fp);
    if (orElse) return orElse->exec(fp);
    return Exec::Normal;
  }
};

// `if cond { body }`: no init statement, no else.
struct IfThenNode : StmtNode {
  ExprPtr cond;
  std::vector<StmtPtr> body;
  Exec exec(Value* fp) override {
    if (cond->eval(fp).i) return execList(body, fp);
    return Exec::Normal;
  }
};

struct ForNode : StmtNode {
  StmtPtr init;
  ExprPtr cond;  // null: forever
  StmtPtr post;
  std::vector<StmtPtr> body;
  // Captured loop variables (slot, counted): each iteration gets its own (Go 1.22), a
  // new box holding the previous iteration's value, made before the post statement.
  std::vector<std::pair<int, bool>> perIteration;
  Exec exec(Value* fp) override {
    if (init) init->exec(fp);
    for (;;) {
      if (cond && !cond->eval(fp).i) return Exec::Normal;
      Exec e = execList(body, fp);
      Exec out;
      if (loopShouldExit(e, label, &out)) return out;
      for (auto [slot, counted] : perIteration) {
        auto* old = static_cast<BoxObject*>(fp[slot].p);
        auto* b = new BoxObject(counted);
        b->value = old->value;
        if (counted) retainRef(b->value);
        fp[slot].p = b;
        Value o;
        o.p = old;
        releaseRef(o);
      }
      if (post) post->exec(fp);
      pollPreemption();
    }
  }
};

// A loop bound that cannot change while the loop runs (a variable nothing assigns after
// its declaration): CountingForNode reads it once, after the loop's init statement.
struct FromOnce {
  ExprPtr node;
};

// for ...; i < n; i++ (or <=) over an int frame slot i with no per-iteration box: the
// ForNode with its condition and increment done in place rather than by two virtual
// calls per iteration. The bound is re-evaluated each time, as Go does, unless it is
// FromOnce.
template <typename Op, typename Bound>
struct CountingForNode : StmtNode {
  StmtPtr init;
  int slot = 0;
  Bound bound;
  std::vector<StmtPtr> body;
  explicit CountingForNode(Bound b) : bound(std::move(b)) {}
  Exec exec(Value* fp) override {
    if (init) init->exec(fp);
    if constexpr (std::is_same_v<Bound, FromOnce>) {
      return run(fp, FromConst{bound.node->eval(fp)});
    } else {
      return run(fp, bound);
    }
  }
  template <typename B>
  Exec run(Value* fp, const B& limit) {
    for (;;) {
      if (!Op::apply(fp[slot].i, limit.get(fp).i)) return Exec::Normal;
      Exec e = execList(body, fp);
      Exec out;
      if (loopShouldExit(e, label, &out)) return out;
      fp[slot].i = static_cast<int64_t>(static_cast<uint64_t>(fp[slot].i) + 1);
      pollPreemption();
    }
  }
};

// `if x op y { body }` for a comparison of ints or floats: the test is done in place,
// without the condition's virtual call (BinaryNode::intoIfThen).
template <typename T, typename Op, typename X, typename Y>
struct CompareIfThenNode : StmtNode {
  BinaryNode<T, Op, X, Y> test;
  std::vector<StmtPtr> body;
  CompareIfThenNode(X x, Y y) : test(std::move(x), std::move(y)) {}
  Exec exec(Value* fp) override {
    if (test.compute(fp).i) return execList(body, fp);
    return Exec::Normal;
  }
};

// `for init; x op y; post { body }` likewise (BinaryNode::intoFor; init and post may be
// null).
template <typename T, typename Op, typename X, typename Y>
struct CompareForNode : StmtNode {
  BinaryNode<T, Op, X, Y> test;
  StmtPtr init, post;
  std::vector<StmtPtr> body;
  CompareForNode(X x, Y y) : test(std::move(x), std::move(y)) {}
  Exec exec(Value* fp) override {
    if (init) init->exec(fp);
    for (;;) {
      if (!test.compute(fp).i) return Exec::Normal;
      if (Exec e = execList(body, fp); e != Exec::Normal) [[unlikely]] {
        Exec out;
        if (loopShouldExit(e, label, &out)) return out;
      }
      if (post) post->exec(fp);
      pollPreemption();
    }
  }
};

// Only comparisons of the operand types that intoSlot specialises have fused forms.
template <typename T, typename Op>
constexpr bool hasFusedBranch = isComparison<Op> &&
                                (std::is_same_v<T, int64_t> || std::is_same_v<T, double>);

// The fused statement Node<T, Op, X', Y'> for the comparison b, whose operands it takes;
// fill gives it the rest. An int comparison of a local slice's element with a local or a
// constant reads the element in place (FromLocalElem): `for a[i] < p { i++ }`.
template <template <typename, typename, typename, typename> class Node, typename T, typename Op,
          typename X, typename Y, typename Fill>
StmtPtr fuseComparison(BinaryNode<T, Op, X, Y>& b, Fill fill) {
  auto make = [&]<typename X2, typename Y2>(X2 x, Y2 y) -> StmtPtr {
    auto n = std::make_unique<Node<T, Op, X2, Y2>>(std::move(x), std::move(y));
    n->test.pos = b.pos;
    n->pos = b.pos;
    fill(*n);
    return n;
  };
  if constexpr (std::is_same_v<T, int64_t> && std::is_same_v<X, FromExpr> &&
                !std::is_same_v<Y, FromExpr>) {
    if (auto elem = FromLocalElem::of(*b.x.node)) return make(*elem, std::move(b.y));
  }
  if constexpr (std::is_same_v<T, int64_t> && std::is_same_v<Y, FromExpr> &&
                !std::is_same_v<X, FromExpr>) {
    if (auto elem = FromLocalElem::of(*b.y.node)) return make(std::move(b.x), *elem);
  }
  return make(std::move(b.x), std::move(b.y));
}

template <typename T, typename Op, typename X, typename Y>
StmtPtr BinaryNode<T, Op, X, Y>::intoIfThen(std::vector<StmtPtr>& body) {
  if constexpr (hasFusedBranch<T, Op>) {
    return fuseComparison<CompareIfThenNode>(*this, [&](auto& n) { n.body = std::move(body); });
  } else {
    return nullptr;
  }
}

template <typename T, typename Op, typename X, typename Y>
StmtPtr BinaryNode<T, Op, X, Y>::intoFor(StmtPtr& init, StmtPtr& post, std::vector<StmtPtr>& body) {
  if constexpr (hasFusedBranch<T, Op>) {
    return fuseComparison<CompareForNode>(*this, [&](auto& n) {
      n.init = std::move(init);
      n.post = std::move(post);
      n.body = std::move(body);
    });
  } else {
    return nullptr;
  }
}

// for k := range n
struct RangeIntNode : StmtNode {
  ExprPtr n;
  int countSlot;  // the evaluated bound
  int keySlot;    // -1: no key variable
  std::vector<StmtPtr> body;
  Exec exec(Value* fp) override {
    int64_t limit = n->eval(fp).i;
    for (int64_t i = 0; i < limit; ++i) {
      if (keySlot >= 0) fp[keySlot].i = i;
      Exec e = execList(body, fp);
      Exec out;
      if (loopShouldExit(e, label, &out)) return out;
      pollPreemption();
    }
    return Exec::Normal;
  }
};

// for i, r := range s: runes decoded from UTF-8, U+FFFD for each invalid byte.
struct RangeStringNode : StmtNode {
  ExprPtr x;
  int stringSlot;  // holds the string for the loop's duration
  Target key, value;
  std::vector<StmtPtr> body;
  Exec exec(Value* fp) override;
};

struct BranchNode : StmtNode {
  Exec code;
  const void* target = nullptr;  // labeled forms: the statement named
  explicit BranchNode(Exec c) : code(c) {}
  Exec exec(Value*) override {
    if (target) currentState()->branchTarget = target;
    return code;
  }
};

// A statement list holding labels that goto jumps to: a Goto whose target is one of
// them continues from there.
struct LabelBlockNode : StmtNode {
  std::vector<StmtPtr> list;
  std::vector<std::pair<const void*, size_t>> labels;  // label statement -> index
  Exec exec(Value* fp) override {
    size_t i = 0;
    while (i < list.size()) {
      Exec e = list[i]->exec(fp);
      if (e == Exec::Normal) {
        ++i;
        continue;
      }
      if (e != Exec::Goto) return e;
      pollPreemption();
      bool found = false;
      for (auto& [target, index] : labels) {
        if (target == currentState()->branchTarget) {
          i = index;
          found = true;
          break;
        }
      }
      if (!found) return e;
    }
    return Exec::Normal;
  }
};

// `return x` into a result slot that holds no reference (ReturnNode's common case).
struct ReturnScalarNode : StmtNode {
  int slot = 0;
  ExprPtr value;
  Exec exec(Value* fp) override {
    fp[slot] = value->eval(fp);
    return Exec::Return;
  }
};

struct ReturnNode : StmtNode {
  std::vector<Target> results;
  std::vector<ExprPtr> values;
  bool multi = false;  // return f() with f returning several values
  // For multi, per result: the call's concrete result type when the result is an
  // interface (the value is boxed then), else null.
  std::vector<const check::Type*> boxAs;
  Exec exec(Value* fp) override {
    if (values.size() == 1 && !multi) {
      results[0].store(fp, values[0]->eval(fp));
    } else if (!values.empty()) {
      storeSeveral(fp);
    }
    return Exec::Return;
  }
  // Out of line, so that the common single-value return keeps a small native frame
  // (recursion depth on a goroutine's fixed stack depends on it).
  [[gnu::noinline]] void storeSeveral(Value* fp) {
    Value tmp[16];
    if (multi) {
      values[0]->evalMulti(fp, tmp);
      for (size_t i = 0; i < boxAs.size(); ++i) {
        if (boxAs[i])
          tmp[i] = Value{.p = new IfaceObject(boxAs[i], ownFor(storageOf(boxAs[i]), tmp[i]))};
      }
    } else {
      for (size_t i = 0; i < values.size(); ++i) tmp[i] = values[i]->eval(fp);
    }
    for (size_t i = 0; i < results.size(); ++i) results[i].store(fp, tmp[i]);
  }
};

struct SwitchNode : StmtNode {
  struct Clause {
    std::vector<ExprPtr> matches;  // each compares the tag (in tagSlot) with a case value
    std::vector<StmtPtr> body;
    bool fallsThrough = false;
  };
  StmtPtr init;
  ExprPtr tag;  // null for a switch without a tag
  int tagSlot = -1;
  bool tagCounted = false;
  std::vector<Clause> clauses;
  int defaultClause = -1;
  Exec exec(Value* fp) override;
};

// ---- Calls -------------------------------------------------------------------------------

// Runs fn with a new frame: the arguments evaluated in the caller's frame fp, the
// closure (if any) in fn's closure slot, borrowed (the caller holds it until the call
// returns). Returns the callee's frame, whose results stay valid until the next call.
Value* callFunction(const FuncCode* fn, const std::vector<ExprPtr>& args, Value* fp,
                    syntax::Pos pos, Value closure);

// Calls a function compiled from Gol source.
struct CallNode : ExprNode {
  const FuncCode* fn = nullptr;
  std::vector<ExprPtr> args;
  // Runs the call; the results are left in the callee's frame, returned here, until
  // the next call overwrites it.
  Value* invoke(Value* fp) { return callFunction(fn, args, fp, pos, Value{}); }
  Value eval(Value* fp) override {
    Value* frame = invoke(fp);
    return frame[fn->resultSlots.empty() ? 0 : fn->resultSlots[0]];
  }
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    for (ExprPtr& a : args) out.push_back(&a);
    return true;
  }
  void evalMulti(Value* fp, Value* out) override {
    Value* frame = invoke(fp);
    for (size_t i = 0; i < fn->resultSlots.size(); ++i) out[i] = frame[fn->resultSlots[i]];
  }
};

// Calls a native at `pos`: records the position (where a native that parks waits, for
// deadlock reports) and gives a panic raised inside it the stack trace.
void callNative(NativeFunction fn, std::span<const AnyValue> args, Value* out, syntax::Pos pos);
// Gives a panic raised by a native called at `pos` the stack trace, unless it has one.
void tracePanicAt(GoPanic& p, syntax::Pos pos);

struct NativeCallNode : ExprNode {
  NativeFunction fn = nullptr;
  std::vector<ExprPtr> args;
  std::vector<const check::Type*> argTypes;
  std::vector<bool> argCounted;
  int resultCount = 0;
  // f(xs...) for a variadic native: the last argument is a slice whose elements (of
  // type spreadElem) are passed one by one.
  const check::Type* spreadElem = nullptr;
  Value eval(Value* fp) override {
    Value out[8];
    evalMulti(fp, out);
    return out[0];
  }
  void evalMulti(Value* fp, Value* out) override;
  void callSpread(Value* fp, Value* out);
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    for (ExprPtr& a : args) out.push_back(&a);
    return true;
  }
};

// A native call with N arguments of which the call owns none (scalars, or borrowed:
// ExprNode::borrowedForm), so it builds no argument vector and releases nothing: the
// calls of sync and sync/atomic in hot loops. A native with a fast path (an uncontended
// Lock, an atomic add) is tried there first, without callNative's goroutine bookkeeping.
template <size_t N>
struct PlainNativeCallNode final : ExprNode {
  NativeFunction fn = nullptr;
  NativeFastPath fast = nullptr;
  ExprPtr args[N];
  const check::Type* argTypes[N];
  // Scalar constant arguments (wg.Add(1)), read without a virtual call.
  bool isConst[N] = {};
  Value constValue[N] = {};
  Value eval(Value* fp) override {
    Value out[8];
    evalMulti(fp, out);
    return out[0];
  }
  void evalMulti(Value* fp, Value* out) override {
    AnyValue argv[N];
    for (size_t i = 0; i < N; ++i) {
      argv[i] = AnyValue{argTypes[i], isConst[i] ? constValue[i] : args[i]->eval(fp)};
    }
    if (fast) {
      try {
        if (fast(std::span<const AnyValue>(argv, N), out)) return;
      } catch (GoPanic& p) {
        tracePanicAt(p, pos);
        throw;
      }
    }
    callNative(fn, std::span<const AnyValue>(argv, N), out, pos);
  }
  // A defer or go statement evaluates the operands itself and replaces them.
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    for (size_t i = 0; i < N; ++i) {
      isConst[i] = false;
      out.push_back(&args[i]);
    }
    return true;
  }
};

// A PlainNativeCallNode as a statement whose results are dropped (mu.Lock()): the
// statement calls the node's final evalMulti directly.
template <size_t N>
struct PlainNativeCallStmt : StmtNode {
  std::unique_ptr<PlainNativeCallNode<N>> call;
  Exec exec(Value* fp) override {
    Value out[8];
    call->evalMulti(fp, out);
    return Exec::Normal;
  }
};

// f(g()): evaluates g's results into the frame slots [first, first+n) and yields the
// first; LocalNode<false>s hand over the others (the slots own nothing afterwards).
struct SpreadCallNode : ExprNode {
  ExprPtr call;
  int first = 0;
  Value eval(Value* fp) override {
    call->evalMulti(fp, fp + first);
    return fp[first];
  }
};

// Runs fn with a new frame whose arguments are already evaluated (owned by the callee);
// the call holds a reference to the closure.
Value* callFunctionValues(const FuncCode* fn, const Value* args, size_t n, syntax::Pos pos,
                          Value closure = Value{});

}  // namespace gol::eval
