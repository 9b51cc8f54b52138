// Runs one Gol source file through the whole pipeline: parse, check, compile, run.
#pragma once

#include <string>
#include <vector>

namespace gol {

struct RunOptions {
  std::string path;               // as the user gave it; prefixes every diagnostic
  int maxprocs = 0;               // 0: the number of cores (or GOMAXPROCS)
  std::vector<std::string> args;  // os.Args[1:]
  std::string trace;              // --trace=BASE: write BASE.json and BASE.html (empty: no)
};

// Reads the program at path into *text; false with *error ("open PATH: REASON", "read PATH:
// is a directory") when it cannot.
bool readSource(const std::string& path, std::string* text, std::string* error);

// A script's first line `#!/usr/bin/env gol` (an executable script's interpreter line)
// made a comment, keeping every line and column where it was.
std::string withoutInterpreterLine(std::string source);

// Returns the process exit status: 0, 1 for compile errors, 2 for panics, or os.Exit's.
// The program's trees are left for the process's end to reclaim (see endProcess).
int runFile(const std::string& source, const RunOptions& options);

// Ends the process with `status` once the program has run: flushes the output and skips
// the destructors of static objects (ANTLR's prediction caches among them), whose
// tear-down, object by object, was a tenth of a short run.
[[noreturn]] void endProcess(int status);

}  // namespace gol
