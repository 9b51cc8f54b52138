// Invariant: an AtomicAdd64Stmt changes its variable's word only through atomic accesses
// (as stdlib's atomic natives do), so every other atomic operation on it, native or not,
// sees whole values. While the run has one P (rt::single_proc) that is an atomic load and
// store, not a locked read-modify-write: no other thread runs goroutines then, and a
// goroutine is never switched out inside a node.
#include "interpreter/eval/intrinsics.h"

#include <atomic>
#include <cstdint>

#include "interpreter/eval/basic_nodes.h"
#include "interpreter/eval/closures.h"
#include "runtime/goroutine.h"

namespace gol::eval {

namespace {

struct GlobalCell {
  Value* cell;
  Value* get(Value*) const { return cell; }
};
struct BoxedCell {
  int slot;
  Value* get(Value* fp) const { return &boxAt(fp[slot])->value; }
};
struct CapturedCell {
  int closureSlot;
  size_t index;
  Value* get(Value* fp) const { return &closureAt(fp[closureSlot])->boxes[index]->value; }
};

struct ConstDelta {
  uint64_t value;
  uint64_t get(Value*) const { return value; }
};
struct ExprDelta {
  ExprPtr x;
  uint64_t get(Value* fp) const { return x->eval(fp).u; }
};

// Adding modulo 2^64 is the same for int64, uint64 and uintptr.
template <typename Cell, typename Delta>
struct AtomicAdd64Stmt final : StmtNode {
  Cell cell;
  Delta delta;
  AtomicAdd64Stmt(Cell c, Delta d) : cell(c), delta(std::move(d)) {}
  Exec exec(Value* fp) override {
    uint64_t d = delta.get(fp);
    std::atomic_ref<uint64_t> word(cell.get(fp)->u);
    if (rt::single_proc()) {
      word.store(word.load(std::memory_order_relaxed) + d, std::memory_order_relaxed);
    } else {
      word.fetch_add(d, std::memory_order_seq_cst);
    }
    return Exec::Normal;
  }
};

template <typename Cell>
StmtPtr withDelta(Cell cell, ExprPtr delta, syntax::Pos pos) {
  StmtPtr n;
  if (auto c = dynamic_cast<ConstNode*>(delta.get()); c && !c->counted) {
    n = std::make_unique<AtomicAdd64Stmt<Cell, ConstDelta>>(cell, ConstDelta{c->value.u});
  } else {
    n = std::make_unique<AtomicAdd64Stmt<Cell, ExprDelta>>(cell, ExprDelta{std::move(delta)});
  }
  n->pos = pos;
  return n;
}

}  // namespace

StmtPtr makeAtomicAdd64Stmt(VariableCell x, ExprPtr delta, syntax::Pos pos) {
  switch (x.kind) {
    case VariableCell::Kind::Global: return withDelta(GlobalCell{x.global}, std::move(delta), pos);
    case VariableCell::Kind::Boxed: return withDelta(BoxedCell{x.slot}, std::move(delta), pos);
    case VariableCell::Kind::Captured:
      return withDelta(CapturedCell{x.slot, x.index}, std::move(delta), pos);
  }
  return nullptr;
}

}  // namespace gol::eval
