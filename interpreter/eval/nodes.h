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

#include <memory>
#include <string>
#include <vector>

#include "interpreter/eval/panic.h"
#include "interpreter/eval/value.h"
#include "interpreter/syntax/source.h"

namespace gol::eval {

enum class Exec : uint8_t { Normal, Break, Continue, Return, Fallthrough };

struct ExprNode {
  syntax::Pos pos;
  virtual ~ExprNode() = default;
  virtual Value eval(Value* fp) = 0;
  // A multi-valued expression (a call) writes each of its values to out.
  virtual void evalMulti(Value* fp, Value* out) { out[0] = eval(fp); }
};

struct StmtNode {
  syntax::Pos pos;
  virtual ~StmtNode() = default;
  virtual Exec exec(Value* fp) = 0;
};

using ExprPtr = std::unique_ptr<ExprNode>;
using StmtPtr = std::unique_ptr<StmtNode>;

// A compiled function.
struct FuncCode {
  std::string name;  // main.f, as stack traces print it
  bool hasParams = false;
  int frameSize = 0;
  int paramCount = 0;
  int closureSlot = -1;  // a function literal's frame slot for its ClosureObject
  std::vector<int> resultSlots;
  std::vector<int> countedSlots;  // non-result slots holding strings: released at return
  std::vector<StmtPtr> body;
};

// One active call, linked from the innermost outwards, for panic reports.
struct CallRecord {
  const FuncCode* fn;
  syntax::Pos callSite;  // where the caller called fn
  CallRecord* caller;
};

// The state of the running goroutine: its value stack and its calls.
struct GoroutineState {
  Value* stackBase = nullptr;
  Value* sp = nullptr;
  Value* stackLimit = nullptr;
  CallRecord* calls = nullptr;
  const char* nativeStackLimit = nullptr;  // below this address, report a stack overflow
  int64_t id = 1;
};

extern thread_local GoroutineState* currentGoroutine;

// The file name stack traces print.
extern std::string traceFileName;

// Go's `goroutine 1 [running]:` report of the current calls, innermost at `pos`.
std::string stackTrace(syntax::Pos pos);

// Throws Go's runtime error panic located at `pos`.
[[noreturn]] void runtimePanicAt(syntax::Pos pos, const std::string& message);
// Throws Go's fatal stack overflow.
[[noreturn]] void stackOverflow(syntax::Pos pos);

}  // namespace gol::eval
