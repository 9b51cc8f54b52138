// The playground's runs: each is a child `gol run --trace` process in a folder of its own,
// with limits on CPU time (RLIMIT_CPU), resident memory and wall time (checked by its
// monitor thread every 50 ms) and output size; its output (standard output and error in
// one pipe, in the order written) is kept for the page to fetch piece by piece.
//
// Invariants: mu_ guards the table of runs and every Run's fields but pid and dir, which
// are set before the run is published; a run's monitor thread alone reads its pipe and
// reaps its process (a stop only signals its process group), then marks it done. A page
// has at most one run that is not done. At most kKeptRuns runs are kept: starting another
// forgets the oldest finished one and removes its folder.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace gol::play {

struct RunLimits {
  int cpuSeconds = 10;
  int wallSeconds = 60;
  size_t memoryBytes = size_t{1} << 30;
  size_t outputBytes = size_t{1} << 20;
};

struct RunOutput {
  std::string text;       // the output from `from` on
  size_t next = 0;        // where the next fetch starts
  bool done = false;      // the process has ended and all its output is in
  std::string status;     // when done: "Program exited.", "Program exited: status 2.", ...
  bool hasTrace = false;  // when done: the timeline page exists
};

class Runs {
 public:
  static constexpr size_t kKeptRuns = 32;

  // golPath: the gol binary the children run; root: an empty folder that is this
  // playground's own (the runs' folders go in it).
  Runs(std::string golPath, std::string root, RunLimits limits);
  ~Runs();

  // Starts source at maxprocs for page; the run's id, or -1 with *error (the page has a
  // run going, or the child could not start).
  int64_t start(const std::string& page, const std::string& source, int maxprocs,
                std::string* error);
  // The output of run id from byte `from` on; false if there is no such run.
  bool output(int64_t id, size_t from, RunOutput* out);
  // Kills run id's process group; false if there is no such run.
  bool stop(int64_t id);
  // The timeline page of finished run id; false if there is none.
  bool tracePage(int64_t id, std::string* html);
  // Kills every run (the playground is ending).
  void killAll();

 private:
  struct Run;
  void monitor(std::shared_ptr<Run> run);

  std::string golPath_;
  std::string root_;
  RunLimits limits_;
  std::mutex mu_;
  std::map<int64_t, std::shared_ptr<Run>> runs_;
  int64_t nextId_ = 1;
};

}  // namespace gol::play
