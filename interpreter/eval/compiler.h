// Compiles a checked AST into an executable tree (nodes.h) and runs it (run.cpp).
//
// Every node is specialised when it is built: a call of a native function holds the
// function pointer, a constant holds its Value; nothing is looked up by name at run time.
#pragma once

#include <memory>

#include "interpreter/check/checker.h"
#include "interpreter/values/native.h"

namespace gol::eval {

using namespace gol::values;

class Program;
struct ProgramDeleter {
  void operator()(Program* p) const;
};
using ProgramPtr = std::unique_ptr<Program, ProgramDeleter>;

// Builds the program; the AST and Info must outlive it. Returns null, with the message
// in *error, for a construct the evaluator cannot run.
ProgramPtr compile(const syntax::File* file, const check::Info& info, const NativeRegistry& natives,
                   const std::string& fileName, std::string* error);

// Runs the program on the runtime (goroutine 1: the script's statements, then main) with
// maxprocs processors (0: GOMAXPROCS or the number of cores).
// Returns the process exit status, after printing Go's report of a panic.
int run(Program& program, int maxprocs, const std::string& traceBase = "");
// Whether the last run() ended by main returning with no other goroutine left (then
// everything it allocated is unreachable or reachable from the program: gol checks for
// leaks in sanitizer builds).
bool lastRunEndedAlone();

// Fuzzing (tests/fuzz): later runs may poll (at loop back-edges and calls, over all
// goroutines) at most `polls` times; the poll past that ends the run as os.Exit(3) would,
// and a stack overflow ends it as a fatal error does instead of ending the process.
// 0 (the default): no limit.
void setStepBudget(int64_t polls);

// Runs the program on the calling thread (which must have a GoroutineState).
int runProgram(Program& program);

// The REPL's program: it grows with each checked input (check::ReplSession). The Info
// and every input's AST must outlive it.
struct ReplProgram;
struct ReplProgramDeleter {
  void operator()(ReplProgram* p) const;
};
using ReplProgramPtr = std::unique_ptr<ReplProgram, ReplProgramDeleter>;
ReplProgramPtr newReplProgram(const check::Info& info, const NativeRegistry& natives,
                              const std::string& fileName);

// What one input runs: its statements, then its `func main` if it declared one.
struct ReplCode {
  const FuncCode* statements = nullptr;
  const FuncCode* main = nullptr;
};
// Compiles one input. False, with the message in *error, for a construct the evaluator
// cannot run.
bool compileReplInput(ReplProgram& repl, const check::ReplInput& input, ReplCode* out,
                      std::string* error);
// Runs an input's code on the current goroutine (which must have a GoroutineState).
void runReplCode(const ReplCode& code);

}  // namespace gol::eval
