// Goroutines and channels in the executable tree: `go` statements, channel sends and
// receives, close, len/cap of channels, range over a channel, and select. The nodes call
// the runtime (runtime/channel.h, select.h); a Gol goroutine is a runtime goroutine whose
// user pointer is its GoroutineState (run.cpp).
#pragma once

#include <vector>

#include "interpreter/eval/basic_nodes.h"
#include "interpreter/eval/stack_growth.h"

namespace gol::eval {

using namespace gol::values;

// `go call`: the call's operands are evaluated by the statement, in the spawning
// goroutine, and the call itself runs on the new goroutine. Null if the call's node
// cannot be split so. countedResults says which results the new goroutine releases.
StmtPtr makeGo(ExprPtr call, std::vector<bool> countedResults, const FuncCode* creator);

ExprPtr makeMakeChan(const check::Type* elemType, ExprPtr size, syntax::Pos pos);
StmtPtr makeSend(ExprPtr chan, ExprPtr value, syntax::Pos pos);
// <-ch; with commaOk, evalMulti yields (value, ok).
ExprPtr makeRecv(ExprPtr chan, const check::Type* elemType, bool commaOk, syntax::Pos pos);
ExprPtr makeClose(ExprPtr chan, syntax::Pos pos);
ExprPtr makeChanLen(ExprPtr chan, bool cap);
StmtPtr makeRangeChan(ExprPtr chan, int chanSlot, Target key, const check::Type* elemType,
                      std::vector<StmtPtr> body);

// select: each case's channel (and a send's value) is evaluated in source order, then
// one ready case runs (or default, or the statement blocks).
struct SelectCaseCode {
  ExprPtr chan;
  ExprPtr value;  // send: the value sent
  bool isSend = false;
  // receive: where the value and the ok flag go (Blank when not used)
  Target valueTarget, okTarget;
  const check::Type* elemType = nullptr;
  std::vector<StmtPtr> body;
};
StmtPtr makeSelect(std::vector<SelectCaseCode> cases, int defaultCase,
                   std::vector<StmtPtr> defaultBody, syntax::Pos pos);

// Set up and tear down a goroutine's state (run.cpp): `first` is its first value-stack
// segment; `stack` says whether its native stack grows (stack_growth.h).
void initGoroutineState(GoroutineState* g, ValueSegment* first, NativeStack stack);
void releaseSegments(ValueSegment* first);
// Runs body(arg) as a goroutine's outermost call: an unrecovered panic, fatal error or
// os.Exit ends the program with Go's report. True when the goroutine called Goexit.
bool runGoroutineBody(void (*body)(void*), void* arg);

// At the REPL, where each goroutine was started, for :goroutines (no-ops otherwise).
// A goroutine that a pasted program's main started, starting after main returned
// (endGoroutinesOfMain), is marked to end at its first poll: its function's entry.
void noteGoroutineStart(GoroutineState* g);
void noteGoroutineEnd();

}  // namespace gol::eval
