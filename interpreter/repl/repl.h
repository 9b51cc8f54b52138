// The interactive REPL: `gol` with no file. Each input (a line, or several while the
// input is incomplete) is parsed as a script, checked against the session's earlier
// declarations, compiled and run; a lone expression's values are echoed. Errors and
// panics are reported and the session goes on; goroutines keep running between inputs.
#pragma once

#include <string>

namespace gol::repl {

struct ReplOptions {
  int maxprocs = 0;  // 0: the number of cores (or GOMAXPROCS)
  std::string load;  // `gol -i FILE`: run FILE as :load does, before the first prompt
};

// Runs the REPL on standard input until Ctrl-D, :quit or os.Exit; returns the exit status.
int run(const ReplOptions& options);

}  // namespace gol::repl
