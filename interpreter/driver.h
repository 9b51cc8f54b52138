// Runs one Gol source file through the whole pipeline: parse, check, compile, run.
#pragma once

#include <string>
#include <vector>

namespace gol {

struct RunOptions {
  std::string path;               // as the user gave it; prefixes every diagnostic
  int maxprocs = 0;               // 0: the number of cores (or GOMAXPROCS)
  std::vector<std::string> args;  // os.Args[1:]
};

// Returns the process exit status: 0, 1 for compile errors, 2 for panics, or os.Exit's.
int runFile(const std::string& source, const RunOptions& options);

}  // namespace gol
