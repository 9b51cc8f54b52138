// The compiler: turns the checked AST into the executable tree. Every decision that
// depends on a type or a name is taken here, once, so the nodes only compute.
#include "interpreter/eval/compiler.h"

#include <alloca.h>
#include <unistd.h>

#include <cstring>
#include <deque>
#include <set>
#include <unordered_map>
#include <utility>

#include "interpreter/eval/basic_nodes.h"
#include "interpreter/eval/builtins.h"
#include "interpreter/eval/closures.h"
#include "interpreter/eval/defer.h"
#include "interpreter/eval/echo.h"
#include "interpreter/eval/goroutines.h"
#include "interpreter/eval/intrinsics.h"
#include "interpreter/eval/map_nodes.h"
#include "interpreter/eval/maps.h"
#include "interpreter/eval/structs.h"
#include "interpreter/eval/ops.h"
#include "interpreter/eval/slices.h"
#include "interpreter/eval/stack_growth.h"
#include "interpreter/syntax/literals.h"
#include "interpreter/syntax/printer.h"
#include "stdlib/packages.h"

namespace gol::eval {

using namespace gol::syntax;
using check::BasicKind;

class Program : public MethodTable {
 public:
  // A deque: nodes hold pointers to global cells, and the REPL adds globals as it goes.
  std::deque<Value> globals;
  std::vector<bool> globalCounted;
  std::vector<std::unique_ptr<FuncCode>> funcs;
  std::unordered_map<const void*, const FuncCode*> methodCodes;  // FuncDecl -> code
  FuncCode init;    // package-level variable initialisation
  FuncCode script;  // script mode's top-level statements
  const FuncCode* main = nullptr;
  const FuncCode* code(const void* decl) const override {
    auto it = methodCodes.find(decl);
    return it == methodCodes.end() ? nullptr : it->second;
  }
  ~Program() override {
    for (size_t i = 0; i < globals.size(); ++i) {
      if (globalCounted[i]) releaseString(globals[i]);
    }
  }
};

void ProgramDeleter::operator()(Program* p) const { delete p; }

// ---- Out-of-line node behaviour ----------------------------------------------------------

void indexOutOfRange(Pos pos, int64_t index, bool isUnsigned, size_t length) {
  std::string i = isUnsigned ? std::to_string(static_cast<uint64_t>(index)) : std::to_string(index);
  if (!isUnsigned && index < 0) runtimePanicAt(pos, "index out of range [" + i + "]");
  runtimePanicAt(pos, "index out of range [" + i + "] with length " + std::to_string(length));
}

template <bool UnsignedFrom>
Value RuneToStringNode<UnsignedFrom>::eval(Value* fp) {
  Value v = x->eval(fp);
  uint32_t r = 0xFFFD;
  if (UnsignedFrom ? v.u <= 0x10FFFF : (v.i >= 0 && v.i <= 0x10FFFF)) {
    r = static_cast<uint32_t>(v.u);
    if (r >= 0xD800 && r <= 0xDFFF) r = 0xFFFD;
  }
  std::string s;
  appendUtf8(s, r);
  return stringValue(StringObject::make(s));
}

Exec RangeStringNode::exec(Value* fp) {
  storeCell<true>(fp + stringSlot, x->eval(fp));
  std::string_view s = stringView(fp[stringSlot]);
  Exec result = Exec::Normal;
  for (size_t i = 0; i < s.size();) {
    auto [r, width] = decodeRune(s.data() + i, s.size() - i);
    key.store(fp, intValue(static_cast<int64_t>(i)));
    value.store(fp, intValue(r));
    Exec e = execList(body, fp);
    if (loopShouldExit(e, label, &result)) break;
    pollPreemption();
    i += static_cast<size_t>(width);
  }
  storeCell<true>(fp + stringSlot, Value{});
  return result;
}

Exec SwitchNode::exec(Value* fp) {
  if (init) init->exec(fp);
  if (tag) fp[tagSlot] = tag->eval(fp);
  int chosen = -1;
  for (size_t i = 0; i < clauses.size() && chosen < 0; ++i) {
    for (const ExprPtr& m : clauses[i].matches) {
      if (m->eval(fp).i) {
        chosen = static_cast<int>(i);
        break;
      }
    }
  }
  if (tagCounted) storeCell<true>(fp + tagSlot, Value{});
  if (chosen < 0) chosen = defaultClause;
  if (chosen < 0) return Exec::Normal;
  for (size_t i = static_cast<size_t>(chosen); i < clauses.size(); ++i) {
    Exec e = execList(clauses[i].body, fp);
    if (e == Exec::Fallthrough) continue;
    if (e == Exec::Break) return Exec::Normal;
    if (e == Exec::BreakLabel && label && currentState()->branchTarget == label) {
      return Exec::Normal;
    }
    return e;
  }
  return Exec::Normal;
}

namespace {

// Runs fn in `frame` (arguments in place, sp already above the frame) and leaves its
// results there; then restores the caller's sp and stack limit.
void runFrame(GoroutineState* g, const FuncCode* fn, Value* frame, Value* callerSp,
              Value* callerLimit, Pos pos) {
  for (int p : fn->aggregateParams) frame[p] = ownAggregate(frame[p]);
  CallRecord record{fn, pos, g->calls};
  record.deferredCall = g->nextCallDeferred;
  g->nextCallDeferred = false;
  g->calls = &record;
  // Restores the caller's view when the call ends, by a return or a panic.
  struct Restore {
    GoroutineState* g;
    Value* sp;
    Value* limit;
    CallRecord* calls;
    ~Restore() {
      g->sp = sp;
      g->stackLimit = limit;
      g->calls = calls;
    }
  } restore{g, callerSp, callerLimit, record.caller};
  if (rt::preempt_requested()) [[unlikely]] {
    g->pos = pos;
    preemptOrInterrupt();
  }
  try {
    if (fn->hasDefer) {
      runWithDefers(fn, frame, record);
    } else {
      execList(fn->body, frame);
    }
  } catch (...) {
    // A panic (or Goexit) unwinds the call: its variables and results die with it.
    for (int s : fn->countedSlots) releaseRef(frame[s]);
    for (int r : fn->ownedResultSlots) releaseRef(frame[r]);
    throw;
  }
  for (int r : fn->boxedResults) {
    auto* box = static_cast<BoxObject*>(frame[r].p);
    Value v = box->counted() ? loadRef(&box->value) : box->value;
    releaseRef(frame[r]);
    frame[r] = v;
  }
  for (int s : fn->countedSlots) releaseRef(frame[s]);
}

// True when a call must move on to a further native stack segment (stack_growth.h).
inline bool nativeStackLow(const GoroutineState* g) {
  char marker;
  return &marker < g->nativeStackLimit;
}

// A new zeroed frame for fn on the goroutine's value stack.
inline Value* enterFrame(GoroutineState* g, const FuncCode* fn) {
  Value* frame = g->sp;
  Value* top = frame + fn->frameSize;
  if (top > g->stackLimit) [[unlikely]] {
    frame = growValueStack(g, fn->frameSize);
    top = frame + fn->frameSize;
  }
  std::memset(static_cast<void*>(frame), 0, sizeof(Value) * static_cast<size_t>(fn->frameSize));
  g->sp = top;
  return frame;
}

}  // namespace

Value* callFunction(const FuncCode* fn, const std::vector<ExprPtr>& args, Value* fp, Pos pos,
                    Value closure) {
  GoroutineState* g = currentState();
  if (nativeStackLow(g)) [[unlikely]] {
    return callOnFurtherStack(g, pos, [&] { return callFunction(fn, args, fp, pos, closure); });
  }
  Value* callerSp = g->sp;
  Value* callerLimit = g->stackLimit;
  Value* frame = enterFrame(g, fn);
  for (size_t i = 0; i < args.size(); ++i) frame[i] = args[i]->eval(fp);
  if (fn->closureSlot >= 0) frame[fn->closureSlot] = closure;
  runFrame(g, fn, frame, callerSp, callerLimit, pos);
  return frame;
}

Value* callFunctionValues(const FuncCode* fn, const Value* args, size_t n, Pos pos,
                          Value closure) {
  GoroutineState* g = currentState();
  if (nativeStackLow(g)) [[unlikely]] {
    return callOnFurtherStack(
        g, pos, [&] { return callFunctionValues(fn, args, n, pos, closure); });
  }
  Value* callerSp = g->sp;
  Value* callerLimit = g->stackLimit;
  Value* frame = enterFrame(g, fn);
  for (size_t i = 0; i < n; ++i) frame[i] = args[i];
  if (fn->closureSlot >= 0) {
    retainRef(closure);
    frame[fn->closureSlot] = closure;
  }
  runFrame(g, fn, frame, callerSp, callerLimit, pos);
  return frame;
}

Value* CallNode::invoke(Value* fp) { return callFunction(fn, args, fp, pos, Value{}); }

void tracePanicAt(GoPanic& p, syntax::Pos pos) {
  if (p.trace.empty()) p.trace = stackTrace(pos);
}

namespace {

// Runs a native on the current stack: a panic it raises gets the trace at `pos`.
void callNativeHere(GoroutineState* g, NativeFunction fn, std::span<const AnyValue> args,
                    Value* out, syntax::Pos pos) {
  try {
    fn(args, out);
  } catch (GoPanic& p) {
    tracePanicAt(p, pos);
    throw;
  }
  // The native may have blocked (time.Sleep, wg.Wait) while the REPL abandoned the input.
  if (g->interrupted.load(std::memory_order_relaxed)) [[unlikely]] unwindInterrupted(g);
}

struct NativeCallArgs {
  GoroutineState* g;
  NativeFunction fn;
  std::span<const AnyValue> args;
  Value* out;
  syntax::Pos pos;
};

}  // namespace

void callNative(NativeFunction fn, std::span<const AnyValue> args, Value* out, syntax::Pos pos) {
  GoroutineState* g = currentState();
  g->pos = pos;
  char marker;
  if (&marker < g->nativeCallLimit) [[unlikely]] {
    NativeCallArgs call{g, fn, args, out, pos};
    auto run = [](void* p) {
      auto* c = static_cast<NativeCallArgs*>(p);
      callNativeHere(c->g, c->fn, c->args, c->out, c->pos);
    };
    callOnFurtherStack(g, pos, true, run, &call);
    return;
  }
  callNativeHere(g, fn, args, out, pos);
}

void NativeCallNode::evalMulti(Value* fp, Value* out) {
  // Uninitialised room for the arguments (zeroing a fixed array costs more than the
  // call on short natives).
  size_t n = args.size();
  if (spreadElem) {
    callSpread(fp, out);
    return;
  }
  auto* argv = static_cast<AnyValue*>(alloca(sizeof(AnyValue) * (n ? n : 1)));
  size_t done = 0;
  try {
    for (; done < n; ++done) {
      argv[done].type = argTypes[done];
      argv[done].value = args[done]->eval(fp);
    }
    callNative(fn, std::span<const AnyValue>(argv, n), out, pos);
  } catch (...) {
    // A panic in an operand or in the native (recovered later): the operands die here.
    for (size_t i = 0; i < done; ++i) {
      if (argCounted[i]) releaseString(argv[i].value);
    }
    throw;
  }
  for (size_t i = 0; i < n; ++i) {
    if (argCounted[i]) releaseString(argv[i].value);
  }
}

void NativeCallNode::callSpread(Value* fp, Value* out) {
  std::vector<AnyValue> argv;
  for (size_t i = 0; i + 1 < args.size(); ++i) argv.push_back(AnyValue{argTypes[i], args[i]->eval(fp)});
  Value slice = args.back()->eval(fp);
  size_t fixed = argv.size();
  if (SliceObject* s = asSlice(slice)) {
    for (int64_t k = 0; k < s->len(); ++k) argv.push_back(AnyValue{spreadElem, s->base()[k]});
  }
  try {
    callNative(fn, std::span<const AnyValue>(argv.data(), argv.size()), out, pos);
  } catch (...) {
    for (size_t i = 0; i < fixed; ++i) {
      if (argCounted[i]) releaseRef(argv[i].value);
    }
    releaseRef(slice);
    throw;
  }
  for (size_t i = 0; i < fixed; ++i) {
    if (argCounted[i]) releaseRef(argv[i].value);
  }
  releaseRef(slice);
}

namespace {

// ---- Type dispatch -----------------------------------------------------------------------

// Calls f.template operator()<T>() with the C++ type that represents basic type b.
template <typename F>
auto withNumeric(const check::Basic* b, F&& f) {
  switch (b->basic) {
    case BasicKind::Int8: return f.template operator()<int8_t>();
    case BasicKind::Int16: return f.template operator()<int16_t>();
    case BasicKind::Int32:
    case BasicKind::UntypedRune: return f.template operator()<int32_t>();
    case BasicKind::Uint8: return f.template operator()<uint8_t>();
    case BasicKind::Uint16: return f.template operator()<uint16_t>();
    case BasicKind::Uint32: return f.template operator()<uint32_t>();
    case BasicKind::Uint:
    case BasicKind::Uint64:
    case BasicKind::Uintptr: return f.template operator()<uint64_t>();
    case BasicKind::Float32: return f.template operator()<float>();
    case BasicKind::Float64:
    case BasicKind::UntypedFloat: return f.template operator()<double>();
    case BasicKind::Bool:
    case BasicKind::UntypedBool: return f.template operator()<bool>();
    default: return f.template operator()<int64_t>();
  }
}

template <typename T>
constexpr bool kSpecialised = std::is_same_v<T, int64_t> || std::is_same_v<T, double>;

// Whether x reads a scalar frame slot, and which.
int slotOf(const ExprPtr& x) {
  if (auto l = dynamic_cast<LocalNode<false>*>(x.get())) return l->slot;
  return -1;
}
const ConstNode* scalarConst(const ExprPtr& x) {
  auto c = dynamic_cast<ConstNode*>(x.get());
  return c && !c->counted ? c : nullptr;
}

// x as a statement when it is a PlainNativeCallNode<N> (taken out of x), else null.
template <size_t N>
StmtPtr plainCallStatement(ExprPtr& x) {
  if (!dynamic_cast<PlainNativeCallNode<N>*>(x.get())) return nullptr;
  auto n = std::make_unique<PlainNativeCallStmt<N>>();
  n->call.reset(static_cast<PlainNativeCallNode<N>*>(x.release()));
  n->pos = n->call->pos;
  return n;
}

template <typename T, typename Op, typename X, typename Y>
ExprPtr binaryNode(X x, Y y, Pos pos) {
  auto n = std::make_unique<BinaryNode<T, Op, X, Y>>(std::move(x), std::move(y));
  n->pos = pos;
  return n;
}

template <typename T, typename Op, typename X>
ExprPtr binaryWithLeft(X x, ExprPtr y, Pos pos) {
  if (int s = slotOf(y); s >= 0) return binaryNode<T, Op>(std::move(x), FromSlot{s}, pos);
  if (auto c = scalarConst(y)) return binaryNode<T, Op>(std::move(x), FromConst{c->value}, pos);
  return binaryNode<T, Op>(std::move(x), FromExpr{std::move(y)}, pos);
}

template <typename T, typename Op>
ExprPtr makeBinary(ExprPtr x, ExprPtr y, Pos pos) {
  if constexpr (kSpecialised<T>) {
    if (int s = slotOf(x); s >= 0) return binaryWithLeft<T, Op>(FromSlot{s}, std::move(y), pos);
    return binaryWithLeft<T, Op>(FromExpr{std::move(x)}, std::move(y), pos);
  } else {
    return binaryNode<T, Op>(FromExpr{std::move(x)}, FromExpr{std::move(y)}, pos);
  }
}

template <typename T>
ExprPtr arithmetic(Token op, ExprPtr x, ExprPtr y, Pos pos) {
  switch (op) {
    case Token::Add: return makeBinary<T, OpAdd>(std::move(x), std::move(y), pos);
    case Token::Sub: return makeBinary<T, OpSub>(std::move(x), std::move(y), pos);
    case Token::Mul: return makeBinary<T, OpMul>(std::move(x), std::move(y), pos);
    case Token::Quo: return makeBinary<T, OpQuo>(std::move(x), std::move(y), pos);
    default: break;
  }
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    switch (op) {
      case Token::Rem: return makeBinary<T, OpRem>(std::move(x), std::move(y), pos);
      case Token::And: return makeBinary<T, OpAnd>(std::move(x), std::move(y), pos);
      case Token::Or: return makeBinary<T, OpOr>(std::move(x), std::move(y), pos);
      case Token::Xor: return makeBinary<T, OpXor>(std::move(x), std::move(y), pos);
      case Token::AndNot: return makeBinary<T, OpAndNot>(std::move(x), std::move(y), pos);
      default: break;
    }
  }
  return nullptr;
}

template <typename T>
ExprPtr comparison(Token op, ExprPtr x, ExprPtr y, Pos pos) {
  switch (op) {
    case Token::Eql: return makeBinary<T, OpEql>(std::move(x), std::move(y), pos);
    case Token::Neq: return makeBinary<T, OpNeq>(std::move(x), std::move(y), pos);
    default: break;
  }
  if constexpr (!std::is_same_v<T, bool>) {
    switch (op) {
      case Token::Lss: return makeBinary<T, OpLss>(std::move(x), std::move(y), pos);
      case Token::Leq: return makeBinary<T, OpLeq>(std::move(x), std::move(y), pos);
      case Token::Gtr: return makeBinary<T, OpGtr>(std::move(x), std::move(y), pos);
      case Token::Geq: return makeBinary<T, OpGeq>(std::move(x), std::move(y), pos);
      default: break;
    }
  }
  return nullptr;
}

template <typename Op>
ExprPtr stringCompareNode(ExprPtr x, ExprPtr y) {
  auto n = std::make_unique<StringCompareNode<Op>>();
  n->x = std::move(x);
  n->y = std::move(y);
  return n;
}

ExprPtr stringComparison(Token op, ExprPtr x, ExprPtr y) {
  switch (op) {
    case Token::Eql: return stringCompareNode<OpEql>(std::move(x), std::move(y));
    case Token::Neq: return stringCompareNode<OpNeq>(std::move(x), std::move(y));
    case Token::Lss: return stringCompareNode<OpLss>(std::move(x), std::move(y));
    case Token::Leq: return stringCompareNode<OpLeq>(std::move(x), std::move(y));
    case Token::Gtr: return stringCompareNode<OpGtr>(std::move(x), std::move(y));
    case Token::Geq: return stringCompareNode<OpGeq>(std::move(x), std::move(y));
    default: return nullptr;
  }
}

template <typename T, bool Left>
ExprPtr shiftWithCount(const check::Basic* countType, ExprPtr x, ExprPtr y, Pos pos) {
  return withNumeric(countType, [&]<typename C>() -> ExprPtr {
    if constexpr (std::is_integral_v<C> && !std::is_same_v<C, bool>) {
      auto n = std::make_unique<ShiftNode<T, C, Left>>();
      n->x = std::move(x);
      n->y = std::move(y);
      n->pos = pos;
      return n;
    } else {
      return nullptr;
    }
  });
}

bool isCountedType(const check::Type* t) { return t && isCounted(t); }

bool isSliceType(const check::Type* t) { return t && check::asSliceType(t); }

const check::Type* elemOf(const check::Type* t) { return check::asSliceType(t)->elem; }

// Go's size and alignment of a value of type t on amd64, and whether it holds pointers.
struct GoSize {
  size_t size, align;
  bool pointers;
};

GoSize goSize(const check::Type* t) {
  const check::Type* u = check::under(t);
  switch (u->kind) {
    case check::TypeKind::Basic:
      switch (static_cast<const check::Basic*>(u)->basic) {
        case BasicKind::Bool:
        case BasicKind::Int8:
        case BasicKind::Uint8: return {1, 1, false};
        case BasicKind::Int16:
        case BasicKind::Uint16: return {2, 2, false};
        case BasicKind::Int32:
        case BasicKind::Uint32:
        case BasicKind::Float32: return {4, 4, false};
        case BasicKind::String: return {16, 8, true};
        default: return {8, 8, false};
      }
    case check::TypeKind::Slice: return {24, 8, true};
    case check::TypeKind::Interface: return {16, 8, true};
    case check::TypeKind::Array: {
      auto a = static_cast<const check::Array*>(u);
      GoSize e = goSize(a->elem);
      return {e.size * static_cast<size_t>(a->len), e.align, e.pointers && a->len > 0};
    }
    case check::TypeKind::Struct: {
      size_t off = 0, align = 1;
      bool pointers = false;
      for (const check::StructField& f : static_cast<const check::Struct*>(u)->fields) {
        GoSize fs = goSize(f.type);
        off = (off + fs.align - 1) / fs.align * fs.align + fs.size;
        align = std::max(align, fs.align);
        pointers = pointers || fs.pointers;
      }
      return {(off + align - 1) / align * align, align, pointers};
    }
    default: return {8, 8, true};
  }
}

ElemLayout goLayout(const check::Type* t) {
  GoSize s = goSize(t);
  return {s.size, s.pointers};
}

// ---- The compiler ------------------------------------------------------------------------

class Compiler {
 public:
  Compiler(const check::Info& info, const NativeRegistry& natives, Program& program)
      : info_(info), natives_(natives), program_(program) {
    findGotoTargets();
  }

  // One REPL input: its globals, functions, methods and literals, then its statements
  // (or the echo of a lone expression) as a function of their own.
  const FuncCode* compileInput(const check::ReplInput& in) {
    findGotoTargets();
    for (size_t i = program_.globals.size(); i < static_cast<size_t>(info_.globalCount); ++i) {
      const check::Type* t = info_.globalTypes[i];
      program_.globals.push_back(isAggregate(t) ? zeroValue(t) : Value{});
      program_.globalCounted.push_back(isCountedType(t));
    }
    for (const FuncDecl* decl : in.funcs) {
      funcs_[decl] = declareCode(info_.funcs.at(decl), false);
      if (decl->recv) program_.methodCodes[decl] = funcs_[decl];
    }
    for (const FuncLit* lit : in.lits) lits_[lit] = declareCode(info_.lits.at(lit), true);
    for (const FuncDecl* decl : in.funcs) compileBody(info_.funcs.at(decl), funcs_[decl], decl->body);
    info = nullptr;
    auto code = std::make_unique<FuncCode>();
    code->name = "main.main";
    fn_ = code.get();
    if (in.echo) {
      code->body.push_back(makeEcho(expr(in.echo), in.echoTypes, in.echo->pos));
    } else {
      std::vector<Stmt*> stmts;
      for (const Stmt* st : in.stmts) stmts.push_back(const_cast<Stmt*>(st));
      code->body.push_back(statementList(stmts));
    }
    FuncCode* raw = code.get();
    program_.funcs.push_back(std::move(code));
    return raw;
  }

  const FuncCode* codeOf(const FuncDecl* decl) const { return funcs_.at(decl); }

  void compileProgram(const File* file) {
    program_.globals.assign(static_cast<size_t>(info_.globalCount), Value{});
    program_.globalCounted.assign(static_cast<size_t>(info_.globalCount), false);
    for (size_t i = 0; i < info_.globalTypes.size(); ++i) {
      program_.globalCounted[i] = isCountedType(info_.globalTypes[i]);
      if (isAggregate(info_.globalTypes[i])) program_.globals[i] = zeroValue(info_.globalTypes[i]);
    }
    setMethodTable(&program_);
    // Declare every function first: calls refer to their FuncCode.
    for (auto& [decl, fi] : info_.funcs) {
      funcs_[decl] = declareCode(fi, false);
      if (decl->recv) program_.methodCodes[decl] = funcs_[decl];
    }
    for (auto& [lit, fi] : info_.lits) lits_[lit] = declareCode(fi, true);
    for (auto& [decl, fi] : info_.funcs) {
      if (decl->body) compileBody(fi, funcs_[decl], decl->body);
    }
    if (info_.mainFunc) program_.main = funcs_[info_.mainFunc];

    info = nullptr;
    program_.init.name = "main.init";
    fn_ = &program_.init;
    for (const ValueSpec* spec : info_.globalInits) add(program_.init.body, valueSpec(spec));

    program_.script.name = "main.main";
    fn_ = &program_.script;
    std::vector<Stmt*> scriptStmts;
    for (const Stmt* s : info_.scriptStmts) scriptStmts.push_back(const_cast<Stmt*>(s));
    program_.script.body.push_back(statementList(scriptStmts));
    (void)file;
  }

  // The first construct the compiler could not build (the checker should have refused it).
  std::string unsupported;
  Pos unsupportedPos;

 private:
  // Expressions being compiled around the current one (see makeStackCheck).
  int exprDepth_ = 0;
  // Nodes to use, once each, in place of compiling these expressions (evaluateOnce).
  std::unordered_map<const Expr*, ExprPtr> operandOverrides_;

  // Whether evaluating e may have an effect (a call or a receive): such an operand must
  // not be evaluated twice.
  bool mayHaveEffects(const Expr* e) const {
    if (!e || typeOf(e).mode == check::Mode::Constant) return false;
    switch (e->kind) {
      case NodeKind::Ident:
      case NodeKind::BasicLit:
      case NodeKind::FuncLit: return false;
      case NodeKind::ParenExpr: return mayHaveEffects(static_cast<const ParenExpr*>(e)->x);
      case NodeKind::SelectorExpr: return mayHaveEffects(static_cast<const SelectorExpr*>(e)->x);
      case NodeKind::StarExpr: return mayHaveEffects(static_cast<const StarExpr*>(e)->x);
      case NodeKind::UnaryExpr: {
        auto u = static_cast<const UnaryExpr*>(e);
        return u->op == Token::Arrow || mayHaveEffects(u->x);
      }
      case NodeKind::BinaryExpr: {
        auto b = static_cast<const BinaryExpr*>(e);
        return mayHaveEffects(b->x) || mayHaveEffects(b->y);
      }
      case NodeKind::IndexExpr: {
        auto ix = static_cast<const IndexExpr*>(e);
        return mayHaveEffects(ix->x) || ix->indices.empty() || mayHaveEffects(ix->indices[0]);
      }
      default: return true;
    }
  }

  // The operands of an assignment's target that both its read and its store evaluate
  // (`a[i] op= v`, `*p++`, `p.f += v`): for each with effects, the read (which runs first)
  // keeps its value in a temporary that the store then uses, so it is evaluated once.
  void evaluateOnce(const Expr* lhs, const check::Type* t, Target* target, ExprPtr* read) {
    std::vector<std::pair<const Expr*, ExprPtr>> saves;
    for (const Expr* o : targetOperands(lhs)) {
      if (!mayHaveEffects(o)) continue;
      int slot = newTemp();
      bool counted = isCountedType(typeOf(o).type);
      if (counted) fn_->countedSlots.push_back(slot);
      saves.emplace_back(o, saveTemp(expr(o), slot, counted));
      if (counted) {
        operandOverrides_[o] = std::make_unique<LocalNode<true>>(slot);
      } else {
        operandOverrides_[o] = std::make_unique<LocalNode<false>>(slot);
      }
    }
    *target = targetForExpr(lhs, t);
    for (auto& [o, save] : saves) operandOverrides_[o] = std::move(save);
    *read = expr(lhs);
    for (auto& [o, save] : saves) operandOverrides_.erase(o);
  }

  // A function's body into its code (which becomes the function being compiled).
  void compileBody(const check::FuncInfo& fi, FuncCode* code, const BlockStmt* body) {
    fn_ = code;
    info = &fi;
    boxParams(fi, code);
    prologue(fi, code);
    code->body.push_back(statementList(body->list));
  }

  void findGotoTargets() {
    for (auto& [branch, target] : info_.branchTargets) {
      if (branch->tok == Token::Goto) gotoTargets_.insert(static_cast<const LabeledStmt*>(target));
    }
  }

  FuncCode* declareCode(const check::FuncInfo& fi, bool isLiteral) {
    auto code = std::make_unique<FuncCode>();
    code->name = fi.name;
    code->hasParams = !fi.params.empty();
    code->frameSize = fi.frameSize;
    code->paramCount = static_cast<int>(fi.params.size());
    for (const check::Object* r : fi.results) {
      code->resultSlots.push_back(r->slot);
      if (r->captured || isCountedType(r->type)) code->ownedResultSlots.push_back(r->slot);
    }
    for (const check::Object* p : fi.params) {
      if (isAggregate(p->type) && !p->captured) code->aggregateParams.push_back(p->slot);
    }
    for (size_t s = 0; s < fi.slotTypes.size(); ++s) {
      bool isResult = false;
      for (int r : code->resultSlots) isResult |= r == static_cast<int>(s);
      bool boxed = s < fi.slotObjects.size() && fi.slotObjects[s]->captured;
      if (!isResult && (boxed || isCountedType(fi.slotTypes[s]))) {
        code->countedSlots.push_back(static_cast<int>(s));
      }
    }
    if (isLiteral) {
      code->closureSlot = code->frameSize++;
      code->countedSlots.push_back(code->closureSlot);
    }
    FuncCode* raw = code.get();
    program_.funcs.push_back(std::move(code));
    return raw;
  }

  // Captured parameters move into boxes when the call starts (copied first when they
  // are structs or arrays: the callee owns its arguments).
  void boxParams(const check::FuncInfo& fi, FuncCode* code) {
    for (const check::Object* p : fi.params) {
      if (!p->captured) continue;
      if (isAggregate(p->type)) {
        Target t;
        t.kind = Target::Kind::Slot;
        t.slot = p->slot;
        t.counted = true;
        t.aggregate = true;
        t.define = true;
        auto own = std::make_unique<AssignNode>();
        own->target = t;
        own->x = std::make_unique<LocalNode<true>>(p->slot);
        code->body.push_back(std::move(own));
      }
      code->body.push_back(makeBoxParam(p->slot, isCountedType(p->type)));
    }
  }

  // Results start as zero values: struct results get their zero objects, results that
  // closures capture get their boxes (unboxed when the call returns).
  void prologue(const check::FuncInfo& fi, FuncCode* code) {
    for (const check::Object* r : fi.results) {
      if (r->captured) {
        code->boxedResults.push_back(r->slot);
        Target t;
        t.kind = Target::Kind::NewBox;
        t.slot = r->slot;
        t.counted = isCountedType(r->type);
        t.aggregate = isAggregate(r->type);
        t.define = true;
        code->body.push_back(storeTo(t, zeroExpr(r->type)));
      } else if (isAggregate(r->type)) {
        Target t;
        t.kind = Target::Kind::Slot;
        t.slot = r->slot;
        t.counted = true;
        t.aggregate = true;
        t.define = true;
        code->body.push_back(storeTo(t, zeroExpr(r->type)));
      }
    }
  }

  ExprPtr zeroExpr(const check::Type* t) {
    if (isAggregate(t)) return makeZeroValue(t);
    return std::make_unique<ConstNode>(Value{}, false);
  }

  // A statement list; one that holds labels that goto jumps to becomes a LabelBlockNode.
  StmtPtr statementList(const std::vector<Stmt*>& list) {
    std::vector<std::pair<const void*, size_t>> labels;
    std::vector<StmtPtr> out;
    for (const Stmt* st : list) {
      if (auto l = as<LabeledStmt>(st); l && gotoTargets_.count(l)) {
        labels.push_back({l, out.size()});
      }
      add(out, stmt(st));
    }
    if (labels.empty()) {
      auto n = std::make_unique<BlockNode>();
      n->list = std::move(out);
      return n;
    }
    auto n = std::make_unique<LabelBlockNode>();
    n->list = std::move(out);
    n->labels = std::move(labels);
    return n;
  }

  ExprPtr funcLit(const FuncLit* lit) {
    const check::FuncInfo& fi = info_.lits.at(lit);
    FuncCode* code = lits_.at(lit);
    std::vector<CaptureSource> sources;
    for (const check::Object* o : fi.captures) sources.push_back(captureSource(o));
    int makerClosureSlot = fn_->closureSlot;
    FuncCode* savedFn = fn_;
    const check::FuncInfo* savedInfo = info;
    compileBody(fi, code, lit->body);
    fn_ = savedFn;
    info = savedInfo;
    return makeClosure(code, std::move(sources), makerClosureSlot);
  }

  CaptureSource captureSource(const check::Object* o) const {
    if (o->owner == info) return {false, o->slot};
    return {true, captureIndex(o)};
  }

  int captureIndex(const check::Object* o) const {
    const auto& caps = info->captures;
    return static_cast<int>(std::find(caps.begin(), caps.end(), o) - caps.begin());
  }

  const check::FuncInfo* info = nullptr;  // the function being compiled (null: top level)
  std::unordered_map<const FuncLit*, FuncCode*> lits_;

  static void add(std::vector<StmtPtr>& list, StmtPtr s) {
    if (s) list.push_back(std::move(s));
  }

  int newTemp() { return fn_->frameSize++; }

  const check::TypeAndValue& typeOf(const Expr* e) const {
    auto it = info_.types.find(e);
    if (it == info_.types.end()) {
      static const check::TypeAndValue none;
      return none;
    }
    return it->second;
  }

  // The type an expression has where it is used: untyped values take their default.
  const check::Type* finalType(const Expr* e) const {
    const check::Type* t = typeOf(e).type;
    return check::isUntyped(t) ? check::defaultType(t) : t;
  }

  const check::Object* objectOf(const Ident* id) const {
    if (auto it = info_.uses.find(id); it != info_.uses.end()) return it->second;
    if (auto it = info_.defs.find(id); it != info_.defs.end()) return it->second;
    return nullptr;
  }

  // ---- Expressions ---------------------------------------------------------------------

  ExprPtr expr(const Expr* e) {
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

  ExprPtr constant(const check::ConstValue& v, const check::Type* t, Pos pos) {
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

  ExprPtr exprInner(const Expr* e) {
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
        if (!o || o->kind != check::Object::Kind::Var || !o->nativeCell) return nullptr;
        auto cell = static_cast<Value*>(o->nativeCell);
        if (isCountedType(o->type)) return std::make_unique<GlobalNode<CellRead::Ref>>(cell);
        return std::make_unique<GlobalNode<CellRead::Scalar>>(cell);
      }
      case NodeKind::SliceExpr: {
        auto se = static_cast<const SliceExpr*>(e);
        const check::Basic* b = check::asBasic(finalType(se->x));
        auto bound = [&](const Expr* x) { return x ? expr(x) : ExprPtr(); };
        ExprPtr x = expr(se->x);
        const check::Type* xt = finalType(se->x);
        if (check::asArray(xt) ||
            (check::asPointer(xt) && check::asArray(check::asPointer(xt)->elem))) {
          x = makeArrayToSlice(std::move(x), false, se->pos);
        }
        return makeSliceExpr(std::move(x), bound(se->low), bound(se->high), bound(se->max),
                             b && b->isString(), se->pos);
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
  ExprPtr valueAs(const Expr* e, const check::Type* target) {
    const check::Type* from = typeOf(e).type;
    if (!target || !check::asInterface(target) || (from && check::asInterface(from))) {
      return expr(e);
    }
    if (!from || from == check::basicType(BasicKind::UntypedNil)) {
      return std::make_unique<ConstNode>(Value{}, false);
    }
    return makeToIface(expr(e), finalType(e));
  }

  // Compiles an element of a composite literal (an elided literal takes its type).
  ExprPtr element(const Expr* e, const check::Type* target) { return valueAs(e, target); }

  ExprPtr compositeLit(const CompositeLit* lit) {
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
        entries.push_back({element(el.key, mt->key), element(el.value, mt->elem)});
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
      return makeArrayToSlice(makeArrayLiteral(check::arrayOf(elem, length), std::move(elems)),
                              false, lit->pos);
    }
    std::vector<ExprPtr> elems;
    for (const KeyedElement& el : lit->elements) elems.push_back(element(el.value, elem));
    return makeSliceLiteral(std::move(elems), isCountedType(elem),
                            isAggregate(elem) ? elem : nullptr);
  }

  // x.f and x.M (field reads, method values).
  ExprPtr selection(const SelectorExpr* sel, const check::Selection& s) {
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
  ExprPtr methodExpression(const SelectorExpr* sel, const check::Selection& s) {
    const check::Type* recvType = typeOf(sel->x).type;
    bool iface = s.kind == check::Selection::Kind::InterfaceMethod;
    bool derefValue = s.kind == check::Selection::Kind::Method && s.method->decl &&
                      !s.method->pointerRecv && check::asPointer(recvType);
    if (!s.path.empty() || (!iface && !derefValue)) return nullptr;
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
    for (size_t r = 0; r < sig->results.size(); ++r) thunk->resultSlots.push_back(params + static_cast<int>(r));
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
      p = makeValueMethodReceiver(std::move(p), s.recvNamed, s.method->name, pos);
      n->args.push_back(makeDeref(std::move(p), storageOf(s.recvNamed), pos));
      for (ExprPtr& a : args) n->args.push_back(std::move(a));
      call = std::move(n);
    }
    fn_ = saved;
    if (sig->results.empty()) {
      auto st = std::make_unique<ExprStmtNode>();
      st->x = std::move(call);
      thunk->body.push_back(std::move(st));
    } else {
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
    return makeFuncValue(thunk);
  }

  // x.M as a function value: a thunk taking M's parameters that calls M on the receiver
  // captured when the value was made (Go's "M-fm" wrapper).
  ExprPtr methodValue(const SelectorExpr* sel, const check::Selection& s) {
    const check::TypeAndValue& xt = typeOf(sel->x);
    if (xt.mode == check::Mode::TypeExpr) return nullptr;
    auto sig = static_cast<const check::Signature*>(s.type);
    auto code = std::make_unique<FuncCode>();
    FuncCode* thunk = code.get();
    program_.funcs.push_back(std::move(code));
    // Go's name for the wrapper: main.T.M-fm, main.(*T).M-fm.
    if (s.kind == check::Selection::Kind::Method && s.recvNamed) {
      thunk->name = s.method->pointerRecv
                        ? "main.(*" + s.recvNamed->name + ")." + s.method->name + "-fm"
                        : "main." + s.recvNamed->name + "." + s.method->name + "-fm";
    } else {
      thunk->name = "main." + check::typeString(typeOf(sel->x).type) + "." + s.method->name +
                    "-fm";
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
    for (size_t r = 0; r < sig->results.size(); ++r) thunk->resultSlots.push_back(params + static_cast<int>(r));
    thunk->closureSlot = params + static_cast<int>(sig->results.size());
    thunk->countedSlots.push_back(thunk->closureSlot);
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
      recvType = s.method->pointerRecv ? static_cast<const check::Type*>(check::pointerTo(s.recvNamed))
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
    ExprPtr captured = makeCaptureRead(
        thunk->closureSlot, 0, isCountedType(recvType) ? CellRead::Ref : CellRead::Scalar);
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
    if (sig->results.empty()) {
      auto st = std::make_unique<ExprStmtNode>();
      st->x = std::move(call);
      thunk->body.push_back(std::move(st));
    } else {
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
    return makeBoundMethod(std::move(recv), isCountedType(recvType), isAggregate(recvType), thunk);
  }

  ExprPtr ident(const Ident* id) {
    const check::Object* o = objectOf(id);
    if (o && o->kind == check::Object::Kind::Nil) return std::make_unique<ConstNode>(Value{}, false);
    if (o && o->kind == check::Object::Kind::Func && o->decl) return makeFuncValue(funcs_.at(o->decl));
    if (!o || o->kind != check::Object::Kind::Var) return nullptr;
    bool counted = isCountedType(o->type);
    CellRead mode = !counted ? CellRead::Scalar
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
  ExprPtr addressOf(const Expr* e) {
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
        if (o && o->nativeCell) return makeAddressOfGlobal(static_cast<Value*>(o->nativeCell), storage);
        return nullptr;
      }
      return makeAddressOfField(expr(sel->x), it->second.path, storage, sel->sel->pos);
    }
    if (auto ix = as<IndexExpr>(e)) {
      const check::Type* xt = finalType(ix->x);
      const check::Basic* it = check::asBasic(finalType(ix->indices[0]));
      bool isArray = check::asArray(xt) ||
                     (check::asPointer(xt) && check::asArray(check::asPointer(xt)->elem));
      return makeAddressOfElem(expr(ix->x), expr(ix->indices[0]), isArray,
                               it && it->isUnsigned(), storage, ix->pos);
    }
    if (auto st = as<StarExpr>(e)) return makeNonNil(expr(st->x), st->pos);  // &*p is p, checked
    return nullptr;
  }

  ExprPtr unary(const UnaryExpr* u) {
    if (u->op == Token::And) return addressOf(u->x);
    ExprPtr x = expr(u->x);
    if (u->op == Token::Add) return x;
    if (u->op == Token::Arrow) {
      return makeRecv(std::move(x), check::asChan(finalType(u->x))->elem, info_.commaOk.count(u) > 0,
                      u->pos);
    }
    if (u->op == Token::Not) {
      auto n = std::make_unique<NotNode>();
      n->x = std::move(x);
      return n;
    }
    const check::Basic* b = check::asBasic(finalType(u));
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

  static bool isComparison(Token op) {
    return op == Token::Eql || op == Token::Neq || op == Token::Lss || op == Token::Leq ||
           op == Token::Gtr || op == Token::Geq;
  }

  bool isNilExpr(const Expr* e) const {
    while (auto p = as<ParenExpr>(e)) e = p->x;
    auto id = as<Ident>(e);
    const check::Object* o = id ? objectOf(id) : nullptr;
    return o && o->kind == check::Object::Kind::Nil;
  }

  ExprPtr binary(const BinaryExpr* b) {
    if (b->op == Token::LAnd || b->op == Token::LOr) {
      ExprPtr x = expr(b->x);
      ExprPtr y = expr(b->y);
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

  ExprPtr index(const IndexExpr* e) {
    const check::Type* xt = finalType(e->x);
    if (const check::Map* m = check::asMap(xt)) {
      return makeMapIndex(expr(e->x), valueAs(e->indices[0], m->key), m,
                          info_.commaOk.count(e) > 0, e->pos);
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

  // ---- Calls ---------------------------------------------------------------------------

  const check::Object* calleeObject(const Expr* fun) const {
    while (auto p = as<ParenExpr>(fun)) fun = p->x;
    if (auto id = as<Ident>(fun)) return objectOf(id);
    if (auto sel = as<SelectorExpr>(fun)) return objectOf(sel->sel);
    return nullptr;
  }

  // The arguments of a call of a function with signature sig: converted to the
  // parameters' types, variadic ones packed into a slice.
  // f(g()): one argument expression per result of g.
  std::vector<ExprPtr> spreadArgs(const CallExpr* c, const check::Signature* sig) {
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
    args.push_back(makeSliceLiteral(std::move(rest), isCountedType(elem),
                                    isAggregate(elem) ? elem : nullptr));
    return args;
  }

  // The arguments of call c. With operandsOutliveCall (a defer or go statement's call),
  // struct and array arguments are copied when the statement runs.
  std::vector<ExprPtr> callArgs(const CallExpr* c, const check::Signature* sig,
                                bool operandsOutliveCall = false) {
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
    args.push_back(makeSliceLiteral(std::move(rest), isCountedType(elem),
                                    isAggregate(elem) ? elem : nullptr));
    return args;
  }

  bool multiValueArgument(const CallExpr* c) const {
    return c->args.size() == 1 && dynamic_cast<const check::Tuple*>(typeOf(c->args[0]).type);
  }

  // The receiver argument of a static method call x.M(...).
  ExprPtr receiverExpr(const Expr* x, const check::Selection& s, Pos pos) {
    const check::Type* recvBase = s.path.empty() ? typeOf(x).type : s.recvBase;
    const check::Pointer* bp = check::asPointer(recvBase);
    Storage target = storageOf(bp ? bp->elem : recvBase);
    if (s.method->pointerRecv && !bp && target != Storage::Aggregate) {
      if (s.path.empty()) return addressOf(x);
      return makeAddressOfField(expr(x), s.path, target, pos);
    }
    ExprPtr base = s.path.empty() ? expr(x)
                                  : makeFieldRead(expr(x), s.path, isCountedType(recvBase), pos);
    if (!s.method->pointerRecv && bp) return makeDeref(std::move(base), target, pos);
    return base;
  }

  // The natives whose arguments this call may borrow (ExprNode::borrowedForm): those that
  // run no Gol code, called at once (not by a defer or go statement, whose operands
  // outlive the statement), where no later argument runs code that could replace an
  // earlier one's variable.
  void borrowArguments(NativeCallNode& n, bool operandsOutliveCall) const {
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
  ExprPtr plainNativeCall(std::unique_ptr<NativeCallNode> n, bool operandsOutliveCall) const {
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

  ExprPtr methodCall(const CallExpr* c, const SelectorExpr* sel, const check::Selection& s,
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
      return makeIfaceCall(std::move(recv), s.method->name, std::move(args), std::move(argTypes),
                           newTemp(), c->pos);
    }
    ExprPtr recv = receiverExpr(sel->x, s, sel->sel->pos);
    if (!recv) return nullptr;
    if (operandsOutliveCall && !s.method->pointerRecv && isAggregate(s.recvNamed)) {
      recv = makeCopyAggregate(std::move(recv));
    }
    if (s.method->native) {
      auto n = std::make_unique<NativeCallNode>();
      n->fn = reinterpret_cast<NativeFunction>(const_cast<void*>(s.method->native));
      n->pos = c->pos;
      n->resultCount = static_cast<int>(sig->results.size());
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
    n->pos = c->pos;
    n->args.push_back(std::move(recv));
    for (ExprPtr& a : args) n->args.push_back(std::move(a));
    return n;
  }

  // atomic.AddInt64(&x, d) (or AddUint64, AddUintptr) as a statement, x a variable: an
  // AtomicAdd64 node (eval/intrinsics.h); null for anything else.
  StmtPtr atomicAddStatement(const Expr* x) {
    auto c = as<CallExpr>(x);
    if (!c || c->args.size() != 2 || c->hasEllipsis) return nullptr;
    const check::Object* callee = calleeObject(c->fun);
    if (!callee || callee->kind != check::Object::Kind::Func || callee->decl ||
        !callee->package) {
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

  ExprPtr call(const CallExpr* c) {
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
    if (callee && callee->kind == check::Object::Kind::Builtin) return builtinCall(c, callee->builtin);
    const check::Signature* sig = check::asSignature(finalType(c->fun));
    if (!callee || callee->kind != check::Object::Kind::Func) {
      if (!sig) return nullptr;
      return makeCallValue(expr(c->fun), callArgs(c, sig, operandsOutliveCall), c->pos);
    }
    if (callee->decl) {
      auto n = std::make_unique<CallNode>();
      n->fn = funcs_.at(callee->decl);
      n->pos = c->pos;
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
    n->pos = c->pos;
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

  ExprPtr conversion(const CallExpr* c, const check::Type* target) {
    const Expr* arg = c->args[0];
    if (check::asInterface(target)) return valueAs(arg, target);
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

  ExprPtr builtinCall(const CallExpr* c, check::Builtin b) {
    if (multiValueArgument(c) && b != check::Builtin::Print && b != check::Builtin::Println) {
      return spreadBuiltinCall(c, b);
    }
    switch (b) {
      case check::Builtin::Len:
      case check::Builtin::Cap: {
        const check::Type* t = finalType(c->args[0]);
        if (check::asChan(t)) return makeChanLen(expr(c->args[0]), b == check::Builtin::Cap);
        if (const check::Pointer* p = check::asPointer(t)) t = p->elem;
        if (check::asArray(t)) return makeArrayLen(expr(c->args[0]));
        if (check::asMap(t)) return makeMapLen(expr(c->args[0]));
        if (b == check::Builtin::Cap) return makeSliceCap(expr(c->args[0]));
        if (isSliceType(t)) return makeSliceLen(expr(c->args[0]));
        auto n = std::make_unique<StringLenNode>();
        n->x = expr(c->args[0]);
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
        return makeCopy(expr(c->args[0]), expr(c->args[1]), sb && sb->isString(),
                        isCountedType(elem), isAggregate(elem));
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
      case check::Builtin::Close: return makeClose(expr(c->args[0]), c->pos);
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
  ExprPtr spreadBuiltinCall(const CallExpr* c, check::Builtin b) {
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
      default:
        noteUnsupported("this built-in call with a call's several results", c->pos);
        return nullptr;
    }
  }

  // ---- Statements ----------------------------------------------------------------------

  StmtPtr stmt(const Stmt* s) {
    StmtPtr n = stmtInner(s);
    if (n) n->pos = s->pos;
    return n;
  }

  StmtPtr stmtInner(const Stmt* s) {
    switch (s->kind) {
      case NodeKind::EmptyStmt: return nullptr;
      case NodeKind::ExprStmt: {
        auto x = static_cast<const ExprStmt*>(s)->x;
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
      case NodeKind::DeclStmt: return declStmt(static_cast<const DeclStmt*>(s));
      case NodeKind::AssignStmt: return assign(static_cast<const AssignStmt*>(s));
      case NodeKind::IncDecStmt: return incDec(static_cast<const IncDecStmt*>(s));
      case NodeKind::BlockStmt: return statementList(static_cast<const BlockStmt*>(s)->list);
      case NodeKind::IfStmt: return ifStmt(static_cast<const IfStmt*>(s));
      case NodeKind::ForStmt: return forStmt(static_cast<const ForStmt*>(s));
      case NodeKind::RangeStmt: return rangeStmt(static_cast<const RangeStmt*>(s));
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
        fn_->hasDefer = true;
        StmtPtr n = makeDefer(std::move(call), isCountedType(typeOf(callExpr).type));
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
        return makeSend(expr(send->chan), valueAs(send->value, ch->elem), s->pos);
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

  // Which of a call's results hold references (a goroutine releases them).
  static std::vector<bool> countedResults(const check::Type* t) {
    std::vector<bool> out;
    if (!t) return out;
    if (auto tuple = dynamic_cast<const check::Tuple*>(t)) {
      for (const check::Type* r : tuple->types) out.push_back(isCountedType(r));
    } else {
      out.push_back(isCountedType(t));
    }
    return out;
  }

  StmtPtr selectStmt(const SelectStmt* s) {
    std::vector<SelectCaseCode> cases;
    std::vector<StmtPtr> defaultBody;
    int defaultCase = -1;
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
    return makeSelect(std::move(cases), defaultCase, std::move(defaultBody), s->pos);
  }

  static const char* exprKindName(const Stmt* s) {
    switch (s->kind) {
      case NodeKind::GoStmt: return "go statements";
      case NodeKind::SelectStmt: return "select statements";
      case NodeKind::SendStmt: return "channel sends";
      default: return "this statement";
    }
  }

  void noteUnsupported(const std::string& what, Pos pos) {
    if (unsupported.empty()) {
      unsupported = what;
      unsupportedPos = pos;
    }
  }

  Target targetFor(const check::Object* o, const check::Type* valueType,
                   bool isDefinition = false) {
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

  Target targetForExpr(const Expr* e, const check::Type* valueType) {
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
      // A local slice is read without a reference (see makeSliceIndex).
      if (ExprPtr borrowed = t.seq->borrowedForm()) {
        t.seq = std::move(borrowed);
        t.seqBorrowed = true;
      }
      t.index = expr(ix->indices[0]);
      t.pos = ix->pos;
      return t;
    }
    return targetFor(nullptr, valueType);
  }

  StmtPtr storeTo(Target t, ExprPtr x) {
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
    auto n = std::make_unique<AssignNode>();
    n->target = t;
    n->x = std::move(x);
    return n;
  }

  // Assigns values to targets: one by one, in parallel, or from one multi-valued call.
  // `types` are the variables' types (null: the value's own), for interface boxing.
  StmtPtr assignValues(std::vector<Target> targets, const std::vector<Expr*>& values,
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
    auto n = std::make_unique<ParallelAssignNode>();
    n->targets = std::move(targets);
    for (size_t i = 0; i < values.size(); ++i) n->values.push_back(valueAs(values[i], typeAt(i)));
    return n;
  }

  const check::Type* variableType(const Expr* e) {
    while (auto p = as<ParenExpr>(e)) e = p->x;
    if (auto id = as<Ident>(e); id && id->name == "_") return nullptr;
    return typeOf(e).type;
  }

  // The type of the i-th value of x, a multi-valued call or a comma-ok form (v, ok): a
  // blank target releases what it drops when that type is counted.
  const check::Type* resultType(const Expr* x, size_t i) {
    if (auto tuple = dynamic_cast<const check::Tuple*>(typeOf(x).type)) {
      return i < tuple->types.size() ? tuple->types[i] : nullptr;
    }
    return i == 0 ? finalType(x) : nullptr;
  }

  StmtPtr declStmt(const DeclStmt* d) {
    if (d->decl->tok != Token::Var) return nullptr;
    auto block = std::make_unique<BlockNode>();
    for (const Node* spec : d->decl->specs) add(block->list, valueSpec(static_cast<const ValueSpec*>(spec)));
    return block;
  }

  StmtPtr valueSpec(const ValueSpec* spec) {
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
    return assignValues(std::move(targets), spec->values, types);
  }

  StmtPtr assign(const AssignStmt* s) {
    if (s->tok != Token::Assign && s->tok != Token::Define) {
      // x op= y
      Token op = assignOpBinary(s->tok);
      const Expr* lhs = s->lhs[0];
      const check::Type* t = finalType(lhs);
      Target target;
      ExprPtr read;
      if (mayHaveEffects(s->rhs[0]) && !isUnreachableLocal(lhs)) return opAssignAfterValue(s, op, t);
      evaluateOnce(lhs, t, &target, &read);
      ExprPtr value = binaryValue(op, t, std::move(read), expr(s->rhs[0]), finalType(s->rhs[0]), s->tokPos);
      return storeTo(target, std::move(value));
    }
    // Go evaluates the index and pointer operands of the targets before the values, and
    // before any of the assignments: those the targets' stores would read too late (an
    // operand with effects; with several targets, every one) are evaluated first.
    std::vector<StmtPtr> first;
    if (s->tok == Token::Assign) {
      for (const Expr* lhs : s->lhs) {
        for (const Expr* o : targetOperands(lhs)) {
          if (s->lhs.size() == 1 && !mayHaveEffects(o)) continue;
          if (typeOf(o).mode == check::Mode::Constant) continue;
          int slot = newTemp();
          bool counted = isCountedType(typeOf(o).type);
          if (counted) fn_->countedSlots.push_back(slot);
          auto save = std::make_unique<ExprStmtNode>();
          save->x = saveTemp(expr(o), slot, counted);
          save->counted = counted;
          first.push_back(std::move(save));
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
      const check::Type* vt = s->rhs.size() == s->lhs.size() ? finalType(s->rhs[i])
                                                            : resultType(s->rhs[0], i);
      targets.push_back(targetForExpr(s->lhs[i], vt));
      types.push_back(variableType(s->lhs[i]));
    }
    operandOverrides_.clear();
    StmtPtr assignment = assignValues(std::move(targets), s->rhs, types);
    if (first.empty() || !assignment) return assignment;
    auto block = std::make_unique<BlockNode>();
    block->list = std::move(first);
    block->list.push_back(std::move(assignment));
    return block;
  }

  static bool isBlankIdent(const Expr* e) {
    while (auto p = as<ParenExpr>(e)) e = p->x;
    auto id = as<Ident>(e);
    return id && id->name == "_";
  }

  // Whether e names a local variable that no closure captures (nor takes the address
  // of): no call can change it behind the statement's back.
  bool isUnreachableLocal(const Expr* e) const {
    while (auto p = as<ParenExpr>(e)) e = p->x;
    auto id = as<Ident>(e);
    const check::Object* o = id ? objectOf(id) : nullptr;
    return o && o->kind == check::Object::Kind::Var && !o->isGlobal && !o->captured;
  }

  // x op= y where y may have effects, in gc's order: the calls among x's operands, then
  // y, and only then the reads of x's variables and of x itself (a call in y may change
  // them: `a[i] += f()` with f setting i reads and writes the new a[i]).
  StmtPtr opAssignAfterValue(const AssignStmt* s, Token op, const check::Type* t) {
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
  std::vector<const Expr*> targetOperands(const Expr* e) {
    while (auto p = as<ParenExpr>(e)) e = p->x;
    std::vector<const Expr*> operands;
    if (auto ix = as<IndexExpr>(e)) {
      if (!check::asArray(finalType(ix->x))) operands.push_back(ix->x);
      if (!ix->indices.empty()) operands.push_back(ix->indices[0]);
    } else if (auto st = as<StarExpr>(e)) {
      operands.push_back(st->x);
    } else if (auto sel = as<SelectorExpr>(e); sel && info_.selections.count(sel) &&
                                               check::asPointer(finalType(sel->x))) {
      operands.push_back(sel->x);
    }
    return operands;
  }

  ExprPtr saveTemp(ExprPtr x, int slot, bool counted) {
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
  ExprPtr binaryValue(Token op, const check::Type* type, ExprPtr x, ExprPtr y,
                      const check::Type* yType, Pos pos) {
    const check::Basic* t = check::asBasic(type);
    if (!t) return nullptr;
    if (t->isString()) {
      auto n = std::make_unique<ConcatNode>();
      n->x = std::move(x);
      n->y = std::move(y);
      return n;
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

  StmtPtr incDec(const IncDecStmt* s) {
    const check::Type* t = finalType(s->x);
    Target target = targetForExpr(s->x, t);
    bool inc = s->tok == Token::Inc;
    if (target.kind == Target::Kind::Slot) {
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

  std::vector<StmtPtr> block(const BlockStmt* b) {
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

  StmtPtr ifStmt(const IfStmt* s) {
    auto n = std::make_unique<IfNode>();
    if (s->init) n->init = stmt(s->init);
    n->cond = expr(s->cond);
    n->body = block(s->body);
    if (s->elseStmt) n->orElse = stmt(s->elseStmt);
    return n;
  }

  StmtPtr forStmt(const ForStmt* s) {
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
    if (s->cond) n->cond = expr(s->cond);
    if (s->post) n->post = stmt(s->post);
    n->body = block(s->body);
    if (StmtPtr counting = countingLoop(*n, boundIsFixed(s->cond))) return counting;
    return n;
  }

  // Whether the bound of a condition `i < n` (or <=) is a local variable that nothing
  // assigns after its declaration, so its value cannot change while the loop runs.
  bool boundIsFixed(const Expr* cond) const {
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
  static StmtPtr countingLoop(ForNode& n, bool fixedBound) {
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
  Target assignTarget(const Expr* e, const check::Type* vt) {
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

  StmtPtr rangeStmt(const RangeStmt* s) {
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
      return makeRangeSlice(makeArrayToSlice(expr(s->x), false, s->pos), slot, std::move(key),
                            std::move(value), loopBody());
    }
    if (const check::Array* a = check::asArray(rt)) {
      // Go ranges over a copy of the array (only when the values are used).
      int slot = newTemp();
      Target key = targetOf(s->key, check::basicType(BasicKind::Int));
      Target value = targetOf(s->value, a->elem);
      bool copy = value.kind != Target::Kind::Blank;
      return makeRangeSlice(makeArrayToSlice(expr(s->x), copy, s->pos), slot, std::move(key),
                            std::move(value), loopBody());
    }
    if (const check::Map* m = check::asMap(rt)) {
      int slot = newTemp();
      Target key = targetOf(s->key, m->key);
      Target value = targetOf(s->value, m->elem);
      return makeRangeMap(expr(s->x), slot, std::move(key), std::move(value), loopBody());
    }
    if (const check::Chan* ch = check::asChan(rt)) {
      int slot = newTemp();
      Target key = targetOf(s->key, ch->elem);
      return makeRangeChan(expr(s->x), slot, std::move(key), ch->elem, loopBody());
    }
    if (isSliceType(rt)) {
      const check::Type* elem = elemOf(rt);
      int slot = newTemp();
      Target key = targetOf(s->key, check::basicType(BasicKind::Int));
      Target value = targetOf(s->value, elem);
      return makeRangeSlice(expr(s->x), slot, std::move(key), std::move(value), loopBody());
    }
    if (!xt) return nullptr;
    if (xt->isString()) {
      auto n = std::make_unique<RangeStringNode>();
      n->x = expr(s->x);
      n->stringSlot = newTemp();
      n->key = targetOf(s->key, check::basicType(BasicKind::Int));
      n->value = targetOf(s->value, check::basicType(BasicKind::Int32));
      n->body = loopBody();
      return n;
    }
    // Over an integer: the key is the loop counter. A key that is not a fresh local
    // (range with =, or a global) is assigned from a temporary each iteration.
    auto n = std::make_unique<RangeIntNode>();
    n->n = expr(s->x);
    n->countSlot = newTemp();
    Target key = targetOf(s->key, finalType(s->x));
    n->keySlot = key.kind == Target::Kind::Slot ? key.slot : -1;
    n->body = loopBody();
    if (key.kind == Target::Kind::Global) {
      n->keySlot = newTemp();
      auto copy = std::make_unique<AssignNode>();
      copy->target = key;
      copy->x = std::make_unique<LocalNode<false>>(n->keySlot);
      n->body.insert(n->body.begin(), std::move(copy));
    }
    return n;
  }

  StmtPtr switchStmt(const SwitchStmt* s) {
    auto n = std::make_unique<SwitchNode>();
    if (s->init) n->init = stmt(s->init);
    const check::Type* tagType = nullptr;
    if (s->tag) {
      tagType = finalType(s->tag);
      n->tag = expr(s->tag);
      n->tagSlot = newTemp();
      n->tagCounted = isCountedType(tagType);
    }
    for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
      const CaseClause* c = s->clauses[ci];
      SwitchNode::Clause clause;
      if (c->isDefault) n->defaultClause = static_cast<int>(ci);
      for (const Expr* e : c->list) {
        if (!s->tag) {
          const check::Type* caseType = finalType(e);
          if (check::asInterface(caseType)) {
            // `case i:` with i an interface compares true, in an interface, with i.
            const check::Type* boolType = check::basicType(BasicKind::Bool);
            ExprPtr truth = makeToIface(constant(check::ConstValue::ofBool(true), boolType, e->pos), boolType);
            clause.matches.push_back(makeEquality(std::move(truth), expr(e), caseType, true, e->pos));
          } else {
            clause.matches.push_back(expr(e));
          }
          continue;
        }
        ExprPtr tagValue = n->tagCounted ? ExprPtr(std::make_unique<LocalNode<true>>(n->tagSlot))
                                         : ExprPtr(std::make_unique<LocalNode<false>>(n->tagSlot));
        clause.matches.push_back(equality(tagType, std::move(tagValue), valueAs(e, tagType), e->pos));
      }
      for (const Stmt* st : c->body) add(clause.body, stmt(st));
      n->clauses.push_back(std::move(clause));
    }
    return n;
  }

  ExprPtr equality(const check::Type* type, ExprPtr x, ExprPtr y, Pos pos) {
    const check::Basic* t = check::asBasic(type);
    if (!t) return makeEquality(std::move(x), std::move(y), type, true, pos);
    if (t->isString()) return stringComparison(Token::Eql, std::move(x), std::move(y));
    return withNumeric(t, [&]<typename T>() -> ExprPtr {
      return comparison<T>(Token::Eql, std::move(x), std::move(y), pos);
    });
  }

  StmtPtr returnStmt(const ReturnStmt* s) {
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
    if (n->multi) {
      n->values.push_back(expr(s->results[0]));  // boxed result by result (boxAs)
      return n;
    }
    for (size_t i = 0; i < s->results.size(); ++i) {
      n->values.push_back(valueAs(s->results[i], i < types.size() ? types[i] : nullptr));
    }
    return n;
  }

  StmtPtr typeSwitch(const TypeSwitchStmt* s) {
    auto n = std::make_unique<TypeSwitchNode>();
    if (s->init) n->init = stmt(s->init);
    n->subject = expr(s->subject);
    n->subjectSlot = newTemp();
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

  const check::Info& info_;
  const NativeRegistry& natives_;
  Program& program_;
  FuncCode* fn_ = nullptr;
  // The call being compiled is a defer or go statement's (see borrowArguments).
  bool compilingDeferOrGoCall_ = false;
  std::unordered_map<const FuncDecl*, FuncCode*> funcs_;
  std::set<const LabeledStmt*> gotoTargets_;
};

// Runs a function that takes no arguments as the bottom of the goroutine's calls.
void runTop(const FuncCode& fn) {
  GoroutineState* g = currentState();
  Value* frame = g->sp;
  std::memset(static_cast<void*>(frame), 0, sizeof(Value) * static_cast<size_t>(fn.frameSize));
  g->sp = frame + fn.frameSize;
  CallRecord record{&fn, Pos{}, nullptr};
  g->calls = &record;
  if (fn.hasDefer) {
    runWithDefers(&fn, frame, record);
  } else {
    execList(fn.body, frame);
  }
  for (int s : fn.countedSlots) releaseString(frame[s]);
  g->calls = nullptr;
  g->sp = frame;
}

}  // namespace

ProgramPtr compile(const File* file, const check::Info& info, const NativeRegistry& natives,
                   const std::string& fileName, std::string* error) {
  traceFileName = fileName;
  ProgramPtr program(new Program);
  Compiler compiler(info, natives, *program);
  compiler.compileProgram(file);
  if (!compiler.unsupported.empty()) {
    *error = fileName + ":" + std::to_string(compiler.unsupportedPos.line) + ":" +
             std::to_string(compiler.unsupportedPos.col) + ": " + compiler.unsupported +
             " is not supported by Gol yet\n";
    return nullptr;
  }
  return program;
}

struct ReplProgram {
  ReplProgram(const check::Info& info, const NativeRegistry& natives)
      : compiler(info, natives, program) {
    setMethodTable(&program);
  }
  Program program;
  Compiler compiler;
};

void ReplProgramDeleter::operator()(ReplProgram* p) const { delete p; }

ReplProgramPtr newReplProgram(const check::Info& info, const NativeRegistry& natives,
                              const std::string& fileName) {
  traceFileName = fileName;
  return ReplProgramPtr(new ReplProgram(info, natives));
}

bool compileReplInput(ReplProgram& repl, const check::ReplInput& input, ReplCode* out,
                      std::string* error) {
  repl.compiler.unsupported.clear();
  out->statements = repl.compiler.compileInput(input);
  out->main = input.main ? repl.compiler.codeOf(input.main) : nullptr;
  if (repl.compiler.unsupported.empty()) return true;
  *error = traceFileName + ":" + std::to_string(repl.compiler.unsupportedPos.line) + ":" +
           std::to_string(repl.compiler.unsupportedPos.col) + ": " + repl.compiler.unsupported +
           " is not supported by Gol yet\n";
  return false;
}

void runReplCode(const ReplCode& code) {
  runTop(*code.statements);
  if (code.main) runTop(*code.main);
}

int runProgram(Program& program) {
  runTop(program.init);
  runTop(program.script);
  if (program.main) runTop(*program.main);
  return 0;
}

}  // namespace gol::eval
