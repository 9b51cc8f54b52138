// A thread with a large native stack, for the passes that recurse over the program's
// trees (parse, check, compile): a long expression recurses once per operator in each of
// them, beyond the 8 MiB of a process's main thread. The REPL runs them on goroutine 1's
// 512 MiB stack instead.
#pragma once

#include <functional>

namespace gol::syntax {

// Runs fn on a new thread with a 512 MiB stack (reserved, touched only as deep as fn goes)
// and waits for it; an exception fn throws is rethrown here.
void runOnLargeStack(const std::function<void()>& fn);

}  // namespace gol::syntax
