// A large native stack for the passes that recurse over the program's trees (parse, check,
// compile): a long expression recurses once per operator in each of them, beyond the 8 MiB
// of a process's main thread. The REPL runs them on goroutine 1's 512 MiB stack instead.
#pragma once

#include <functional>

namespace gol::syntax {

// Runs fn on a 512 MiB stack (reserved, touched only as deep as fn goes) on the calling
// thread, which must not be running a goroutine, and returns when fn does; an exception fn
// throws is rethrown here. A stack of the runtime's (rt::call_on_thread_stack) rather than
// a thread of its own: a thread cost its creation and, on its first allocation, a heap of
// the allocator's, about a tenth of a small program's start-up.
void runOnLargeStack(const std::function<void()>& fn);

}  // namespace gol::syntax
