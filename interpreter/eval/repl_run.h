// Running the REPL on the M:N runtime. Goroutine 1 is the REPL's loop: it reads, checks
// and compiles each input, then runs it on a goroutine of its own (shown as goroutine 1
// in reports, as main would be) and waits for it. A deadlock or a Ctrl-C ends only the
// input: its goroutine is withdrawn from what it is blocked in (it takes no later value
// or lock) and unwinds, and the session goes on; other
// goroutines keep running while the prompt waits. A panic in any goroutine is reported
// and ends only that goroutine.
#pragma once

#include <functional>
#include <span>
#include <string>

#include "interpreter/eval/compiler.h"

namespace gol::eval {

using namespace gol::values;

enum class InputOutcome { Finished, Panicked, Deadlocked, Interrupted };

// Starts the runtime with `loop` as goroutine 1. Returns the exit status: 0 when loop
// returns, os.Exit's code if an input called it.
int runRepl(int maxprocs, std::function<void()> loop);

// (goroutine 1, inside loop) Runs one input and waits until it ends.
InputOutcome runInput(const ReplCode& code);

// From any thread (the REPL's SIGINT watcher): interrupts the running input. A running
// input unwinds at its next poll; one blocked for 100 ms is abandoned. False if no
// input runs.
bool interruptInput();

// :stop N and :reset: end goroutine N, or every goroutine started at the prompt (those
// not running yet too). A running one unwinds at its next poll (its deferred calls run); a
// blocked one is withdrawn from its channel, select, Mutex or WaitGroup wait and unwinds
// at once (from a sleep or Cond.Wait, when it is woken). Returns how many goroutines that
// had started were asked to end.
int stopGoroutine(uint64_t id);
int stopAllGoroutines();

// (on the input's goroutine) When a pasted program's main returns: ends, as stopGoroutine
// does, the goroutines the input started (directly or through others) from id `first` on.
void endGoroutinesOfMain(uint64_t first);

// (the compiler) What the operation at pos waits on if it blocks, as the source names it
// (a channel's `results`, a Mutex's `mu`, a select's `a, b`), for :goroutines. Does
// nothing outside the REPL.
void noteWaitOperand(syntax::Pos pos, std::span<const syntax::Expr* const> operands);
inline void noteWaitOperand(syntax::Pos pos, const syntax::Expr* operand) {
  noteWaitOperand(pos, std::span<const syntax::Expr* const>(&operand, 1));
}

// The teaching view of the scheduler (:goroutines): every live goroutine but the REPL's
// own, with its state, what it waits on and for how long, and where it was started.
std::string describeGoroutines();

}  // namespace gol::eval
