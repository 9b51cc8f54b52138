// `go` statements, channel operations and select as executable nodes.
//
// Ownership: a send hands the channel an owned Value (moved into the buffer or straight
// to a receiver); a receive yields an owned Value. Channel values evaluated by a node are
// released by it after the operation. A goroutine's start record (GoStart) holds the
// call's evaluated operands until the new goroutine hands them to the call.
#include "interpreter/eval/goroutines.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "interpreter/eval/defer.h"
#include "interpreter/values/channels.h"
#include "runtime/runtime.h"

namespace gol::eval {

namespace {

constexpr size_t kFirstSegmentValues = 128;  // on the fiber stack: 1 KiB
constexpr int kScratchValues = 8;            // the least room for the go'd call's frame

[[noreturn]] void chanPanic(rt::ChanError e, syntax::Pos pos) {
  GoPanic p;
  p.message = rt::chan_error_message(e);
  // Go's channel panics are runtime errors whose text has no "runtime error: " prefix.
  p.runtimeError = true;
  capturePanic(p, pos);
  throw p;
}

// ---- go ----------------------------------------------------------------------------------

struct GoStart {
  ExprNode* call;
  const std::vector<bool>* countedResults;
  const FuncCode* creator;
  syntax::Pos pos;
  int64_t creatorId;
  size_t argCount;
  Value args[1];

  static GoStart* make(size_t n) {
    size_t bytes = sizeof(GoStart) + (n ? n - 1 : 0) * sizeof(Value);
    auto* s = static_cast<GoStart*>(std::malloc(bytes));
    if (!s) throw std::bad_alloc();
    s->argCount = n;
    return s;
  }
};

void runStartedCall(void* arg) {
  auto* s = static_cast<GoStart*>(arg);
  GoroutineState* g = currentState();
  // At the REPL, a goroutine that a pasted main started before it returned (or that
  // :reset ended) never runs its function, a native one (`go fmt.Println(x)`) included.
  // Its operands are dropped unreleased: the REPL keeps what its inputs refer to anyway.
  checkAbandoned();
  // The call node may use temporaries of the spawning function's frame (an interface
  // call keeps its receiver there): give it a zeroed frame of that size.
  int n = std::max(kScratchValues, s->creator ? s->creator->frameSize : 0);
  Value* fp = g->sp;
  if (fp + n > g->stackLimit) fp = growValueStack(g, n);
  std::memset(static_cast<void*>(fp), 0, sizeof(Value) * static_cast<size_t>(n));
  g->sp = fp + n;
  g->savedArgs = s->args;
  Value out[16];
  s->call->evalMulti(fp, out);
  const std::vector<bool>& counted = *s->countedResults;
  for (size_t i = 0; i < counted.size(); ++i) {
    if (counted[i]) releaseRef(out[i]);
  }
}

void goroutineEntry(void* arg) {
  auto* s = static_cast<GoStart*>(arg);
  Value initial[kFirstSegmentValues];
  ValueSegment first{initial, initial + kFirstSegmentValues};
  GoroutineState g;
  initGoroutineState(&g, &first, NativeStack::Grows);
  g.creator = s->creator;
  g.creatorPos = s->pos;
  g.creatorId = s->creatorId;
  noteGoroutineStart(&g);
  runGoroutineBody(runStartedCall, s);
  noteGoroutineEnd();
  rt::set_user(nullptr);
  releaseSegments(&first);
  std::free(s);
}

struct GoNode : StmtNode {
  std::vector<ExprPtr> operands;
  ExprPtr call;
  std::vector<bool> countedResults;
  const FuncCode* creator = nullptr;
  Exec exec(Value* fp) override {
    GoStart* s = GoStart::make(operands.size());
    size_t i = 0;
    try {
      for (; i < operands.size(); ++i) s->args[i] = operands[i]->eval(fp);
    } catch (...) {
      std::free(s);
      throw;
    }
    s->call = call.get();
    s->countedResults = &countedResults;
    s->creator = creator;
    s->pos = pos;
    GoroutineState* g = currentState();
    s->creatorId = g->id;
    g->pos = pos;  // where a trace says the goroutine was created
    enableSharedCells();
    rt::go(goroutineEntry, s);
    return Exec::Normal;
  }
};

// ---- Channel operations ------------------------------------------------------------------

struct MakeChanNode : ExprNode {
  const check::Type* elemType;
  ExprPtr size;  // null: unbuffered
  Value eval(Value* fp) override {
    int64_t n = size ? size->eval(fp).i : 0;
    // Go caps a channel's buffer by memory; 1<<40 elements is far beyond any machine.
    if (n < 0 || n > (int64_t{1} << 40)) runtimePanicAt(pos, "makechan: size out of range");
    return Value{.p = makeChan(elemType, n)};
  }
};

// Channel operands are borrowed where they can be (ExprNode::borrowedForm): nothing can
// replace a frame slot or a fixed reference while the operation blocks.
struct SendNode : StmtNode {
  ExprPtr chan, value;
  bool chanBorrowed = false;
  Exec exec(Value* fp) override {
    Value c = chan->eval(fp);
    Value v = value->eval(fp);
    ChanObject* ch = asChanObject(c);
    if (ch && ch->storage == Storage::Aggregate) v = ownAggregate(v);
    GoroutineState* g = currentState();
    g->pos = pos;
    rt::ChanError e;
    try {
      e = rt::chan_send(rtChan(c), &v);
    } catch (...) {  // the REPL withdrew the send (rt::cancel_wait): nothing was sent
      if (ch && ch->storage != Storage::Scalar) releaseRef(v);
      if (!chanBorrowed) releaseRef(c);
      throw;
    }
    if (e != rt::ChanError::None) {
      if (ch && ch->storage != Storage::Scalar) releaseRef(v);
      if (!chanBorrowed) releaseRef(c);
      checkAbandoned();  // an abandoned input stops before it would panic
      chanPanic(e, pos);
    }
    if (!chanBorrowed) releaseRef(c);
    checkAbandoned();
    return Exec::Normal;
  }
};

// Receives into *out; false when the channel is closed and drained (*out is then the
// element type's zero value).
inline bool receive(Value c, const check::Type* elemType, Value* out, syntax::Pos pos) {
  currentState()->pos = pos;
  Value v{};
  bool ok = rt::chan_recv(rtChan(c), &v);
  *out = ok ? v : zeroValue(elemType);
  checkAbandoned();
  return ok;
}

struct RecvNode : ExprNode {
  ExprPtr chan;
  const check::Type* elemType;
  bool chanBorrowed = false;
  Value eval(Value* fp) override {
    Value c = chan->eval(fp);
    Value v;
    try {
      receive(c, elemType, &v, pos);
    } catch (...) {  // the REPL withdrew the receive (rt::cancel_wait)
      if (!chanBorrowed) releaseRef(c);
      throw;
    }
    if (!chanBorrowed) releaseRef(c);
    return v;
  }
  void evalMulti(Value* fp, Value* out) override {
    Value c = chan->eval(fp);
    bool ok;
    try {
      ok = receive(c, elemType, &out[0], pos);
    } catch (...) {
      if (!chanBorrowed) releaseRef(c);
      throw;
    }
    out[1] = intValue(ok ? 1 : 0);
    if (!chanBorrowed) releaseRef(c);
  }
};

struct CloseNode : ExprNode {
  ExprPtr chan;
  Value eval(Value* fp) override {
    Value c = chan->eval(fp);
    rt::ChanError e = rt::chan_close(rtChan(c));
    releaseRef(c);
    if (e != rt::ChanError::None) chanPanic(e, pos);
    return Value{};
  }
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    out.push_back(&chan);
    return true;
  }
};

struct ChanLenNode : ExprNode {
  ExprPtr chan;
  bool cap = false;
  Value eval(Value* fp) override {
    Value c = chan->eval(fp);
    rt::Chan* ch = rtChan(c);
    int64_t n = static_cast<int64_t>(cap ? rt::chan_cap(ch) : rt::chan_len(ch));
    releaseRef(c);
    return intValue(n);
  }
};

struct RangeChanNode : StmtNode {
  ExprPtr chan;
  int chanSlot;
  Target key;
  const check::Type* elemType;
  std::vector<StmtPtr> body;
  Exec exec(Value* fp) override {
    storeCell<true>(fp + chanSlot, chan->eval(fp));
    Exec result = Exec::Normal;
    for (;;) {
      Value v{};
      currentState()->pos = pos;
      if (!rt::chan_recv(rtChan(fp[chanSlot]), &v)) break;
      key.store(fp, v);
      Exec e = execList(body, fp);
      if (loopShouldExit(e, label, &result)) break;
      pollPreemption();
    }
    storeCell<true>(fp + chanSlot, Value{});
    return result;
  }
};

// ---- select ------------------------------------------------------------------------------

struct SelectNode : StmtNode {
  std::vector<SelectCaseCode> cases;
  int defaultCase = -1;  // -1: no default
  std::vector<StmtPtr> defaultBody;
  Exec exec(Value* fp) override {
    size_t n = cases.size();
    auto* rc = static_cast<rt::SelectCase*>(alloca(sizeof(rt::SelectCase) * (n ? n : 1)));
    auto* chans = static_cast<Value*>(alloca(sizeof(Value) * (n ? n : 1)));
    auto* values = static_cast<Value*>(alloca(sizeof(Value) * (n ? n : 1)));
    size_t evaluated = 0;
    try {
      for (; evaluated < n; ++evaluated) {
        SelectCaseCode& c = cases[evaluated];
        chans[evaluated] = c.chan->eval(fp);
        values[evaluated] = Value{};
        if (c.isSend) {
          Value v = c.value->eval(fp);
          values[evaluated] = isAggregate(c.elemType) ? ownAggregate(v) : v;
        }
      }
    } catch (...) {
      for (size_t i = 0; i < evaluated; ++i) {
        releaseRef(chans[i]);
        if (cases[i].isSend && isCounted(cases[i].elemType)) releaseRef(values[i]);
      }
      throw;
    }
    for (size_t i = 0; i < n; ++i) {
      rc[i].chan = rtChan(chans[i]);
      rc[i].elem = &values[i];
      rc[i].is_send = cases[i].isSend;
    }
    currentState()->pos = pos;
    rt::SelectResult r;
    try {
      r = rt::select(rc, n, defaultCase < 0);
    } catch (...) {  // the REPL withdrew the select (rt::cancel_wait): no case ran
      for (size_t i = 0; i < n; ++i) {
        if (cases[i].isSend && isCounted(cases[i].elemType)) releaseRef(values[i]);
        releaseRef(chans[i]);
      }
      throw;
    }
    // Unsent values of the cases not chosen (and of a failed send) go back.
    for (size_t i = 0; i < n; ++i) {
      bool moved = static_cast<int>(i) == r.index && r.error == rt::ChanError::None;
      if (cases[i].isSend && !moved && isCounted(cases[i].elemType)) releaseRef(values[i]);
      releaseRef(chans[i]);
    }
    checkAbandoned();
    if (r.index < 0) return execList(defaultBody, fp);
    SelectCaseCode& chosen = cases[static_cast<size_t>(r.index)];
    if (chosen.isSend) {
      if (r.error != rt::ChanError::None) chanPanic(r.error, chosen.chan->pos);
    } else {
      Value v = r.recv_ok ? values[r.index] : zeroValue(chosen.elemType);
      if (chosen.valueTarget.kind == Target::Kind::Blank) {
        if (isCounted(chosen.elemType)) releaseRef(v);
      } else {
        chosen.valueTarget.store(fp, v);
      }
      if (chosen.okTarget.kind != Target::Kind::Blank) {
        chosen.okTarget.store(fp, intValue(r.recv_ok ? 1 : 0));
      }
    }
    Exec e = execList(chosen.body, fp);
    // break inside a select ends the select.
    if (e == Exec::Break) return Exec::Normal;
    if (e == Exec::BreakLabel && label && currentState()->branchTarget == label) {
      return Exec::Normal;
    }
    return e;
  }
};

}  // namespace

StmtPtr makeGo(ExprPtr call, std::vector<bool> countedResults, const FuncCode* creator) {
  std::vector<ExprPtr*> operands;
  if (!call->collectOperands(operands)) return nullptr;
  auto n = std::make_unique<GoNode>();
  for (size_t i = 0; i < operands.size(); ++i) {
    n->operands.push_back(std::move(*operands[i]));
    *operands[i] = makeSavedArg(static_cast<int>(i));
  }
  n->call = std::move(call);
  n->countedResults = std::move(countedResults);
  n->creator = creator;
  return n;
}

ExprPtr makeMakeChan(const check::Type* elemType, ExprPtr size, syntax::Pos pos) {
  auto n = std::make_unique<MakeChanNode>();
  n->elemType = elemType;
  n->size = std::move(size);
  n->pos = pos;
  return n;
}

StmtPtr makeSend(ExprPtr chan, ExprPtr value, syntax::Pos pos) {
  auto n = std::make_unique<SendNode>();
  if (ExprPtr b = chan->borrowedForm()) {
    chan = std::move(b);
    n->chanBorrowed = true;
  }
  n->chan = std::move(chan);
  n->value = std::move(value);
  n->pos = pos;
  return n;
}

ExprPtr makeRecv(ExprPtr chan, const check::Type* elemType, bool, syntax::Pos pos) {
  auto n = std::make_unique<RecvNode>();
  if (ExprPtr b = chan->borrowedForm()) {
    chan = std::move(b);
    n->chanBorrowed = true;
  }
  n->chan = std::move(chan);
  n->elemType = elemType;
  n->pos = pos;
  return n;
}

ExprPtr makeClose(ExprPtr chan, syntax::Pos pos) {
  auto n = std::make_unique<CloseNode>();
  n->chan = std::move(chan);
  n->pos = pos;
  return n;
}

ExprPtr makeChanLen(ExprPtr chan, bool cap) {
  auto n = std::make_unique<ChanLenNode>();
  n->chan = std::move(chan);
  n->cap = cap;
  return n;
}

StmtPtr makeRangeChan(ExprPtr chan, int chanSlot, Target key, const check::Type* elemType,
                      std::vector<StmtPtr> body) {
  auto n = std::make_unique<RangeChanNode>();
  n->chan = std::move(chan);
  n->chanSlot = chanSlot;
  n->key = std::move(key);
  n->elemType = elemType;
  n->body = std::move(body);
  return n;
}

StmtPtr makeSelect(std::vector<SelectCaseCode> cases, int defaultCase,
                   std::vector<StmtPtr> defaultBody, syntax::Pos pos) {
  auto n = std::make_unique<SelectNode>();
  n->cases = std::move(cases);
  n->defaultCase = defaultCase;
  n->defaultBody = std::move(defaultBody);
  n->pos = pos;
  return n;
}

}  // namespace gol::eval
