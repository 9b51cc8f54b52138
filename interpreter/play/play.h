// `gol play`: a local playground. A page with an editor (CodeMirror), the tutorial's
// lessons, a MAXPROCS selector, Run and Stop, the program's output as it comes and, once
// it ends, the timeline of its run (`gol run --trace`'s page). Each run is a child process
// with limits (runs.h); the server listens on the loopback address unless told otherwise.
#pragma once

#include <string>

#include "interpreter/play/runs.h"

namespace gol::play {

struct PlayOptions {
  std::string addr = "127.0.0.1";
  int port = 3999;  // 0: any free port (the printed URL says which)
  RunLimits limits;
};

// Serves until the process is interrupted; returns the exit status if it cannot start.
int serve(const PlayOptions& options);

}  // namespace gol::play
