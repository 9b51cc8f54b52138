// Running the REPL on the M:N runtime. Goroutine 1 is the REPL's loop: it reads, checks
// and compiles each input, then runs it on a goroutine of its own (shown as goroutine 1
// in reports, as main would be) and waits for it. A deadlock or a Ctrl-C ends only the
// input: its goroutine is abandoned where it is blocked, and the session goes on; other
// goroutines keep running while the prompt waits. A panic in any goroutine is reported
// and ends only that goroutine.
#pragma once

#include <functional>
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

// The teaching view of the scheduler (:goroutines): every live goroutine but the REPL's
// own, with its state, what it waits on and for how long, and where it was started.
std::string describeGoroutines();

}  // namespace gol::eval
