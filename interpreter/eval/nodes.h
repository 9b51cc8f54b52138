// The executable tree. The compiler (compiler.cpp) builds one node per AST node,
// specialised by static type and operation, so evaluation does no type dispatch and
// no name lookup: a local is a frame slot index, a call holds its callee.
//
// Frames: each call gets `frameSize` zeroed Values on the goroutine's value stack,
// parameters first, then results, then locals, then the compiler's temporaries.
// Ownership: evaluating a string expression yields a reference the caller owns; a slot
// owns the reference stored in it. break, continue and return are Exec codes, never
// exceptions; only Go panics unwind with C++ exceptions.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "interpreter/syntax/source.h"
#include "interpreter/values/panic.h"
#include "interpreter/values/value.h"
#include "runtime/goroutine.h"

namespace gol::eval {

using namespace gol::values;

// BreakLabel, ContinueLabel and Goto name their target in GoroutineState::branchTarget.
// Enumerators grouped as a table, left as written:
// clang-format off
enum class Exec : uint8_t {
  Normal, Break, Continue, Return, Fallthrough, BreakLabel, ContinueLabel, Goto
};
// clang-format on

struct StmtNode;

struct ExprNode {
  syntax::Pos pos;
  virtual ~ExprNode() = default;
  virtual Value eval(Value* fp) = 0;
  // A multi-valued expression (a call) writes each of its values to out.
  virtual void evalMulti(Value* fp, Value* out) { out[0] = eval(fp); }
  // A call: the operands (function value, receiver, arguments) that `defer` evaluates
  // early. False for nodes that are not calls.
  virtual bool collectOperands(std::vector<std::unique_ptr<ExprNode>*>&) { return false; }
  // A node yielding the same value without taking a reference to it (a variable's object
  // or box, a frame slot's reference), or null where this node cannot. The caller must not
  // release the value and may use it only while nothing can replace the variable: a native
  // that runs no Gol code (NativeRegistry::runsNoGolCode), or a channel operation. A frame
  // slot or a box stays put then (only the blocked goroutine's own code stores into its
  // frame), an aggregate variable's object is never replaced once goroutines share cells
  // (storeAggregate), which they do whenever a native parks, and a fixed reference
  // (CellRead::FixedRef) is never replaced at all.
  virtual std::unique_ptr<ExprNode> borrowedForm() const { return nullptr; }
  // Makes this node yield its word without taking a reference to it, for a caller that
  // only compares the word with nil and never releases or dereferences it; false where
  // this node cannot.
  virtual bool dropReference() { return false; }
  // A statement storing this scalar value into frame slot `slot` that does the work
  // itself rather than through a store node's virtual call, taking this node's operands
  // (the node is left empty); null where this node has none.
  virtual std::unique_ptr<StmtNode> intoSlot(int slot);
  // `return <this>` into the scalar result slot `slot` likewise.
  virtual std::unique_ptr<StmtNode> intoReturn(int slot);
  // `if <this> { body }` (no init, no else) or `for init; <this>; post { body }` (no
  // per-iteration variables; init and post may be null) as one statement that tests this
  // condition itself rather than through a virtual call, taking this node's operands and
  // the statements (all are left untouched where this node has no such form: null).
  virtual std::unique_ptr<StmtNode> intoIfThen(std::vector<std::unique_ptr<StmtNode>>& body);
  // A read s[i] of a scalar element of a local slice with a local index: true, with the
  // frame slots of s and i and whether i is unsigned (FromLocalElem reads it in place).
  virtual bool localSliceElem(int* /*seqSlot*/, int* /*indexSlot*/, bool* /*isUnsigned*/) const {
    return false;
  }
  virtual std::unique_ptr<StmtNode> intoFor(std::unique_ptr<StmtNode>& init,
                                            std::unique_ptr<StmtNode>& post,
                                            std::vector<std::unique_ptr<StmtNode>>& body);
};

struct StmtNode {
  syntax::Pos pos;
  // A labeled loop or switch: the AST statement that labeled break/continue name.
  const void* label = nullptr;
  virtual ~StmtNode() = default;
  virtual Exec exec(Value* fp) = 0;
};

using ExprPtr = std::unique_ptr<ExprNode>;
using StmtPtr = std::unique_ptr<StmtNode>;

inline StmtPtr ExprNode::intoSlot(int) {
  return nullptr;
}
inline StmtPtr ExprNode::intoReturn(int) {
  return nullptr;
}
inline StmtPtr ExprNode::intoIfThen(std::vector<StmtPtr>&) {
  return nullptr;
}
inline StmtPtr ExprNode::intoFor(StmtPtr&, StmtPtr&, std::vector<StmtPtr>&) {
  return nullptr;
}

// A compiled function.
struct FuncCode {
  std::string name;  // main.f, as stack traces print it
  bool hasParams = false;
  int frameSize = 0;
  int paramCount = 0;
  // A function literal's frame slot for its ClosureObject, borrowed from the caller,
  // which holds the closure until the call returns.
  int closureSlot = -1;
  std::vector<int> resultSlots;
  std::vector<int> countedSlots;  // non-result slots holding strings: released at return
  // Result slots holding references or boxes: the caller takes them at a return; a panic
  // that unwinds the call releases them with the counted slots.
  std::vector<int> ownedResultSlots;
  // Struct/array parameters: the callee owns a copy. A parameter the body only reads
  // (shared_params.h) is not listed: the call keeps the caller's object, retained.
  std::vector<int> aggregateParams;
  // Results captured by closures live in boxes while the function runs; they are
  // unboxed into their slots when it returns.
  std::vector<int> boxedResults;
  bool hasDefer = false;
  // No defer, aggregate parameter, counted or boxed slot: a call only runs the body (set
  // once the body is compiled).
  bool plain = false;
  bool hiddenInTraces = false;  // a method value's wrapper, which Go inlines
  std::vector<StmtPtr> body;
};

struct DeferRecord;

// One active call, linked from the innermost outwards, for panic reports.
struct CallRecord {
  const FuncCode* fn;
  syntax::Pos callSite;  // where the caller called fn
  CallRecord* caller;
  DeferRecord* defers = nullptr;  // pending deferred calls, the latest first
  bool deferredCall = false;      // called by the defer mechanism (recover works here)
  // Set while its deferred calls run for this panic: traces show the panic's calls above it.
  const GoPanic* unwinding = nullptr;
};

// A panic whose deferred calls are running: recover() stops it.
struct PanicContext {
  GoPanic* panic;  // null when the deferred calls run after a normal return
  bool recovered = false;
  PanicContext* outer;
};

// A piece of a goroutine's value stack: frames that do not fit in the current one go
// to the next, which stays allocated (for reuse, and because a caller reads its callee's
// results from the callee's frame after the call returned).
struct ValueSegment {
  Value* base;
  Value* limit;
  ValueSegment* next = nullptr;  // the segment after this one, once allocated
  bool owned = false;            // malloc'd (the first segment lives on the goroutine's stack)
};

struct StackSegments;  // stack_growth.cpp

// The state of one Gol goroutine: its value stack and its calls. It lives on the
// goroutine's own fiber stack and is only touched by that goroutine, except that the
// deadlock report reads the parked goroutines' call chains while none of them runs.
struct GoroutineState {
  Value* stackBase = nullptr;
  Value* sp = nullptr;
  Value* stackLimit = nullptr;
  ValueSegment* segment = nullptr;  // the segment sp is in
  CallRecord* calls = nullptr;
  // The native stack (stack_growth.h): a call that starts below nativeStackLimit, or a
  // native called below nativeCallLimit, runs on a further segment; on the final stack
  // (finalStack) the call fails with a stack overflow instead.
  const char* nativeStackLimit = nullptr;
  const char* nativeCallLimit = nullptr;
  StackSegments* stackSegments = nullptr;
  bool finalStack = false;
  int64_t id = 1;
  const void* branchTarget = nullptr;  // the statement a labeled break/continue/goto names
  Value* savedArgs = nullptr;          // a deferred call's arguments while it starts
  bool nextCallDeferred = false;       // the next frame entered is a deferred call
  PanicContext* panics = nullptr;      // deferred calls running, the innermost first
  // Where the innermost call is blocked or was when it called a native (for the deadlock
  // report), and the `go` statement that started this goroutine (`created by`).
  syntax::Pos pos;
  const FuncCode* creator = nullptr;
  syntax::Pos creatorPos;
  int64_t creatorId = 0;
  // Set by the REPL (another thread) when it interrupts or abandons the input this
  // goroutine runs: it unwinds at its next poll (pollRequested: the REPL made every
  // goroutine poll; guarded by the REPL's lock) or after its blocking operation.
  std::atomic<bool> interrupted{false};
  bool pollRequested = false;

  GoroutineState() = default;
  GoroutineState(const GoroutineState&) = delete;
  GoroutineState& operator=(const GoroutineState&) = delete;
  ~GoroutineState();  // hands back the stack segments
};

// The running goroutine's state: the runtime's per-goroutine user pointer (goroutines
// move between threads, so no thread_local can hold it).
inline GoroutineState* currentState() noexcept {
  return static_cast<GoroutineState*>(rt::user());
}

// Moves the goroutine's value stack to a segment with room for `frameSize` values and
// returns where the frame starts (the caller restores sp and stackLimit afterwards).
Value* growValueStack(GoroutineState* g, int frameSize);

// Go's `goroutine N [status]:` paragraph for g, innermost call at `pos`.
std::string goroutineTrace(const GoroutineState* g, syntax::Pos pos, const char* status);

// The file name stack traces print.
extern std::string traceFileName;

// Go's `goroutine 1 [running]:` report of the current calls, innermost at `pos`.
std::string stackTrace(syntax::Pos pos);

// Records in p where it panicked: the trace its report prints and the calls (PanicFrame).
void capturePanic(GoPanic& p, syntax::Pos pos);

// Go's nil pointer dereference panic at `pos`.
[[noreturn]] void nilDereference(syntax::Pos pos);

// Throws Go's runtime error panic located at `pos`.
[[noreturn]] void runtimePanicAt(syntax::Pos pos, const std::string& message);
// Throws Go's fatal stack overflow.
[[noreturn]] void stackOverflow(syntax::Pos pos);

}  // namespace gol::eval
