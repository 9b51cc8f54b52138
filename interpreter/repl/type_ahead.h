// What is typed at the terminal while an input runs. The terminal is then in its cooked
// mode (it echoes and assembles lines itself); a pump thread reads each line it delivers:
// a REPL command that may be answered at once (`:goroutines`) is handed to `command` and
// answered then, not queued behind the input; any other line is kept, for the program's
// reads of standard input (stdlib's stdin reader) and, once the input ends, for the line
// editor as type-ahead, as a shell gets what was typed while a command ran.
//
// Invariants: mu_ guards typed_, eof_, watching_ and pumpIdle_. The pump thread reads
// standard input only while watching_ is set; stop() returns only once the pump is idle
// (waiting on cv_), so that after it the line editor alone reads standard input. A read
// of the pump's that was under way when stop() came keeps its line (as type-ahead).
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace gol::repl {

class TypeAhead {
 public:
  // command(line): true if line was a command it answered (then it is not kept).
  using Command = std::function<bool(const std::string& line)>;

  TypeAhead();
  ~TypeAhead();
  TypeAhead(const TypeAhead&) = delete;
  TypeAhead& operator=(const TypeAhead&) = delete;

  // While an input runs: the pump reads the terminal, and the program's reads of standard
  // input take what it kept.
  void start(Command command);
  void stop();

  // (the line editor) The next byte typed ahead, if any.
  bool takeByte(unsigned char* byte);
  bool empty();

  // (stdlib's stdin reader, on a blocking-call thread) Up to len bytes of what was typed
  // for the program, waiting while the pump runs; 0 for a Ctrl-D typed at the start of a
  // line; -1 when nothing is kept and the pump is stopped (the caller reads the terminal).
  ssize_t readForProgram(char* buf, size_t len);

 private:
  void pump();
  void wakePump();

  std::mutex mu_;
  std::condition_variable cv_;
  std::string typed_;
  bool eof_ = false;
  bool watching_ = false;
  bool pumpIdle_ = true;
  bool quitting_ = false;
  Command command_;
  int wake_[2] = {-1, -1};  // wakes the pump's poll() when stop() comes
  std::thread thread_;
};

}  // namespace gol::repl
