#include "interpreter/eval/defer.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "interpreter/eval/builtins.h"
#include "interpreter/eval/structs.h"
#include "interpreter/values/equality.h"

namespace gol::eval {

namespace {

struct SavedArgNode : ExprNode {
  int index;
  explicit SavedArgNode(int i) : index(i) {}
  Value eval(Value*) override { return currentState()->savedArgs[index]; }
};

struct DeferNode : StmtNode {
  std::vector<ExprPtr> operands;
  ExprPtr call;
  bool resultCounted = false;
  ExprPtr frame;                 // in a range-over-func body: the token of the call to join
  const FuncCode* fn = nullptr;  // the deferring function
  Exec exec(Value* fp) override {
    GoroutineState* g = currentState();
    CallRecord* c = g->calls;
    if (frame) c = rangeFuncCall(g, frame->eval(fp));
    // Freed here if an operand panics (a nil interface's method value).
    auto r = std::make_unique<DeferRecord>();
    r->call = call.get();
    r->fp = fp;
    r->resultCounted = resultCounted;
    if (frame) r->scratchFn = fn;
    r->saved.reserve(operands.size());
    for (ExprPtr& o : operands) r->saved.push_back(o->eval(fp));
    r->next = c->defers;
    c->defers = r.release();
    return Exec::Normal;
  }
  // The call that `token` names, which must be one of this goroutine's.
  CallRecord* rangeFuncCall(GoroutineState* g, Value token) {
    for (CallRecord* c = g->calls; c; c = c->caller) {
      if (c == token.p) return c;
    }
    runtimePanicAt(pos,
                   "defer in the body of a range over a function that runs on another "
                   "goroutine is not supported by Gol yet");
  }
};

struct RangeFuncFrameNode : ExprNode {
  Value eval(Value*) override { return Value{.p = currentState()->calls}; }
};

void runDeferred(DeferRecord* r) {
  GoroutineState* g = currentState();
  std::unique_ptr<DeferRecord> owned(r);
  Value* fp = r->fp;
  Value* savedSp = g->sp;
  Value* savedLimit = g->stackLimit;
  if (r->scratchFn) {
    // As for a go'd call (goroutines.cpp): the call node may keep temporaries in fp.
    int n = std::max(8, r->scratchFn->frameSize);
    fp = g->sp;
    if (fp + n > g->stackLimit) fp = growValueStack(g, n);
    std::memset(static_cast<void*>(fp), 0, sizeof(Value) * static_cast<size_t>(n));
    g->sp = fp + n;
  }
  g->savedArgs = r->saved.data();
  g->nextCallDeferred = true;
  Value out[16];
  try {
    r->call->evalMulti(fp, out);
  } catch (...) {
    g->nextCallDeferred = false;
    g->sp = savedSp;
    g->stackLimit = savedLimit;
    throw;
  }
  g->nextCallDeferred = false;
  g->sp = savedSp;
  g->stackLimit = savedLimit;
  if (r->resultCounted) releaseRef(out[0]);
}

// The error types of runtime panics that recover() returns: Go's runtime.Error values,
// named as Go names their dynamic types. Each holds the panic's message: as its string
// value, or (TypeAssertionError, used through a pointer) as its one field.
void runtimeErrorMethod(std::span<const AnyValue> args, Value* results) {
  retainRef(args[0].value);
  results[0] = args[0].value;
}

void typeAssertionErrorMethod(std::span<const AnyValue> args, Value* results) {
  Value message = static_cast<StructObject*>(args[0].value.p)->fields[0];
  retainRef(message);
  results[0] = message;
}

// RuntimeError(): the marker method of runtime.Error.
void runtimeErrorMarker(std::span<const AnyValue>, Value*) {}

check::Named* newRuntimeErrorType(const char* name, bool pointer) {
  const check::Type* str = check::basicType(check::BasicKind::String);
  auto* sig = new check::Signature;
  sig->results.push_back(str);
  auto* n = new check::Named;
  n->name = name;
  n->pkg = "runtime";
  if (pointer) {
    auto* st = new check::Struct;
    st->fields.push_back({"message", str, false, ""});
    n->underlying = st;
  } else {
    n->underlying = str;
  }
  check::Method m;
  m.name = "Error";
  m.sig = sig;
  m.pointerRecv = pointer;
  m.native =
      reinterpret_cast<const void*>(pointer ? &typeAssertionErrorMethod : &runtimeErrorMethod);
  n->methods.push_back(m);
  check::Method marker;
  marker.name = "RuntimeError";
  marker.sig = new check::Signature;
  marker.pointerRecv = pointer;
  marker.native = reinterpret_cast<const void*>(&runtimeErrorMarker);
  n->methods.push_back(marker);
  return n;
}

// The recovered value of a run-time panic with this message: Go's runtime.boundsError
// (index and slice bounds), plainError (a message without "runtime error: ": nil map
// writes, closed channels), *TypeAssertionError (a failed conversion) or errorString (the
// other run-time errors).
Value runtimeErrorValue(const std::string& message) {
  static const check::Named* bounds = newRuntimeErrorType("boundsError", false);
  static const check::Named* plain = newRuntimeErrorType("plainError", false);
  static const check::Named* errorString = newRuntimeErrorType("errorString", false);
  static const check::Named* typeAssertion = newRuntimeErrorType("TypeAssertionError", true);
  Value text{.p = StringObject::make(message)};
  if (message.starts_with("interface conversion: ")) {
    auto* e = StructObject::make(static_cast<const check::Struct*>(typeAssertion->underlying));
    e->fields[0] = text;
    return Value{.p = new IfaceObject(check::pointerTo(typeAssertion), Value{.p = e})};
  }
  constexpr std::string_view prefix = "runtime error: ";
  std::string_view rest = message;
  const check::Named* type = errorString;
  if (!rest.starts_with(prefix)) {
    type = plain;
  } else {
    rest.remove_prefix(prefix.size());
    if (rest.starts_with("index out of range") || rest.starts_with("slice bounds out of range"))
      type = bounds;
  }
  return Value{.p = new IfaceObject(type, text)};
}

struct RecoverNode : ExprNode {
  // `defer recover()`: run at the return of the function F that deferred it, it counts as
  // called by F, as in Go. It recovers the panic F was called for as a deferred call, unless
  // F is panicking itself (then recover is the panic's deferred function, called by no one).
  bool deferred = false;
  Value eval(Value*) override {
    GoroutineState* g = currentState();
    PanicContext* ctx = g->panics;
    CallRecord* c = g->calls;
    if (deferred) {
      if (!ctx || ctx->panic) return Value{};
      ctx = ctx->outer;  // F's own context (its defers run with no panic) is left out
    }
    if (!ctx || !ctx->panic || ctx->recovered || !c || !c->deferredCall) return Value{};
    ctx->recovered = true;
    return panicValue(*ctx->panic);
  }
  bool collectOperands(std::vector<ExprPtr*>&) override { return true; }
};

}  // namespace

Value panicValue(const GoPanic& p) {
  if (!p.value.type) return runtimeErrorValue(p.message);
  if (check::asInterface(p.value.type)) {
    retainRef(p.value.value);
    return p.value.value;
  }
  Value v = p.value.value;
  if (isCounted(p.value.type)) retainRef(v);
  return Value{.p = new IfaceObject(p.value.type, ownFor(storageOf(p.value.type), v))};
}

std::string panicMessage(const AnyValue& arg) {
  AnyValue v = arg;
  if (check::asInterface(v.type)) {
    IfaceObject* i = asIface(v.value);
    if (!i) return "nil";
    v = AnyValue{i->type, i->value};
  }
  Value out[2];
  for (const char* method : {"Error", "String"}) {
    check::Selection sel;
    if (check::lookupFieldOrMethod(v.type, method, &sel) == check::LookupResult::Found &&
        sel.kind != check::Selection::Kind::Field && sel.method->sig->params.empty() &&
        sel.method->sig->results.size() == 1 &&
        check::asBasic(sel.method->sig->results[0]) == check::basicType(check::BasicKind::String) &&
        callMethod(v, method, {}, out)) {
      std::string s(stringView(out[0]));
      releaseRef(out[0]);
      return s;
    }
  }
  const check::Basic* b = check::asBasic(v.type);
  std::string text;
  if (b) {
    appendRuntimeValue(text, v.type, v.value);
    if (const check::Named* n = check::asNamed(v.type)) {
      if (b->isString()) {
        std::string quoted = "\"" + text + "\"";
        return check::typeString(n, true) + "(" + quoted + ")";
      }
      return check::typeString(n, true) + "(" + text + ")";
    }
    return text;
  }
  // printpanicval prints the interface's data word: the pointer itself, else the boxed copy.
  const void* data = check::asPointer(v.type) ? values::pointerIdentity(v.value) : v.value.p;
  text = "(" + check::typeString(v.type, true) + ") ";
  appendRuntimeAddress(text, data);
  return text;
}

void runWithDefers(const FuncCode* fn, Value* frame, CallRecord& record) {
  GoroutineState* g = currentState();
  GoPanic current;
  bool panicking = false;
  try {
    Exec e = execList(fn->body, frame);
    (void)e;
  } catch (GoPanic& p) {
    current = std::move(p);
    panicking = true;
  } catch (GoexitRequest&) {
    // runtime.Goexit: the deferred calls run (recover returns nil), then it goes on.
    while (DeferRecord* d = record.defers) {
      record.defers = d->next;
      PanicContext ctx{nullptr, false, g->panics};
      g->panics = &ctx;
      try {
        runDeferred(d);
      } catch (...) {
        g->panics = ctx.outer;
        throw;
      }
      g->panics = ctx.outer;
    }
    throw;
  }
  while (DeferRecord* d = record.defers) {
    record.defers = d->next;
    PanicContext ctx{panicking ? &current : nullptr, false, g->panics};
    g->panics = &ctx;
    record.unwinding = panicking ? &current : nullptr;
    try {
      runDeferred(d);
    } catch (GoPanic& q) {
      record.unwinding = nullptr;
      g->panics = ctx.outer;
      if (panicking) {
        q.previous = current.previous + current.message + (ctx.recovered ? " [recovered]" : "") +
                     "\n\tpanic: ";
      }
      current = std::move(q);
      panicking = true;
      continue;
    } catch (...) {
      record.unwinding = nullptr;
      g->panics = ctx.outer;
      throw;
    }
    record.unwinding = nullptr;
    g->panics = ctx.outer;
    if (panicking && ctx.recovered) panicking = false;
  }
  if (panicking) throw current;
}

StmtPtr makeDefer(ExprPtr call, bool resultCounted, ExprPtr frame, const FuncCode* fn) {
  if (auto* r = dynamic_cast<RecoverNode*>(call.get())) r->deferred = true;
  std::vector<ExprPtr*> operands;
  if (!call->collectOperands(operands)) return nullptr;
  auto n = std::make_unique<DeferNode>();
  for (size_t i = 0; i < operands.size(); ++i) {
    n->operands.push_back(std::move(*operands[i]));
    *operands[i] = std::make_unique<SavedArgNode>(static_cast<int>(i));
  }
  n->call = std::move(call);
  n->resultCounted = resultCounted;
  n->frame = std::move(frame);
  n->fn = fn;
  return n;
}

ExprPtr makeRangeFuncFrame() {
  return std::make_unique<RangeFuncFrameNode>();
}

ExprPtr makeSavedArg(int index) {
  return std::make_unique<SavedArgNode>(index);
}

ExprPtr makeRecover() {
  return std::make_unique<RecoverNode>();
}

}  // namespace gol::eval
