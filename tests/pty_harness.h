// Runs a program on a pseudo-terminal, as a user at a terminal would: tests type into it
// and wait for what it shows. Every wait has a deadline, so a test fails instead of
// hanging; the child and its process group are killed when the PtyProcess goes away.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tests/terminal_screen.h"

namespace gol::testing {

struct PtyOptions {
  // Set in the child's environment; TERM is xterm unless given here.
  std::map<std::string, std::string> environment;
  unsigned short rows = 24;
  unsigned short columns = 80;
};

class PtyProcess {
 public:
  // Starts argv[0] (searched in PATH) with the pseudo-terminal as its standard input,
  // output and error and as its controlling terminal. Null if it cannot be started.
  static std::unique_ptr<PtyProcess> spawn(const std::vector<std::string>& argv,
                                           const PtyOptions& options = {});
  ~PtyProcess();
  PtyProcess(const PtyProcess&) = delete;
  PtyProcess& operator=(const PtyProcess&) = delete;

  pid_t pid() const { return pid_; }

  // Types bytes as keys (the terminal's line discipline sees them: "\x03" may become
  // SIGINT, depending on the child's terminal settings).
  void write(std::string_view bytes);
  void sendCtrlC() { write("\x03"); }
  void sendEof() { write("\x04"); }
  void signal(int signalNumber);
  // Whether the terminal turns Ctrl-C into SIGINT (termios ISIG), as the program set it;
  // setting it changes the terminal under the program's feet.
  bool terminalSignals() const;
  void setTerminalSignals(bool enabled);

  // Waits until text appears in the output (with terminal escape sequences, carriage
  // returns and bells removed) after the end of the previous match; true if it did within
  // timeoutMs. The next expect searches after this match.
  bool expect(const std::string& text, int timeoutMs = 15000);
  // Reads what arrives during the next periodMs (to let a redraw finish, say).
  void settle(int periodMs);

  // Waits until the last lines of the screen (a model of the terminal, see
  // terminal_screen.h) are the given ones, joined by "\n"; true if they were within
  // timeoutMs.
  bool expectScreen(const std::string& lastLines, int timeoutMs = 15000);
  const TerminalScreen& screen() const { return screen_; }

  // All output so far, as written by the child.
  const std::string& output() const { return raw_; }
  // All output so far, escape sequences removed as for expect.
  const std::string& text() const { return text_; }

  // Waits for the child to exit and drains its output meanwhile: its exit status, 128 +
  // the signal that ended it, or -1 if it still runs after timeoutMs.
  int wait(int timeoutMs = 15000);

  static std::string stripEscapes(std::string_view raw);

 private:
  PtyProcess(pid_t pid, int master, size_t columns)
      : pid_(pid), master_(master), screen_(columns) {}
  // Reads what is available, waiting at most timeoutMs for the first bytes; false once
  // the child has closed the terminal.
  bool pump(int timeoutMs);

  pid_t pid_;
  int master_;
  bool exited_ = false;
  int status_ = -1;
  std::string raw_;
  std::string text_;
  size_t matchedUpTo_ = 0;  // in text_
  TerminalScreen screen_;
};

}  // namespace gol::testing
