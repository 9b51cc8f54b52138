// Reads the REPL's input lines. On a terminal: libedit (BSD line editing) with history
// kept in a file, TAB completion, and output from goroutines shown above the line being
// typed. Otherwise: plain reads of standard input, no prompt, no echo.
//
// Threading: readLine blocks its OS thread (the REPL calls it through rt::blocking, on a
// helper thread); interrupt() may be called from any thread or from the REPL's SIGINT
// watcher. While readLine runs on a terminal, the editor owns the terminal: it installs
// itself as stdlib's output sink (stdlib::setOutputSink) so that what goroutines print
// is written by the editor's thread above the prompt, and the line is redrawn.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "interpreter/repl/type_ahead.h"

namespace gol::repl {

// Candidates for TAB: given the text before the cursor, the replacements for its last
// word, and where that word starts (an index into the text).
using Completer =
    std::function<std::vector<std::string>(const std::string& before, size_t* wordStart)>;

class LineEditor {
 public:
  enum class Result { Line, Eof, Interrupted };

  // interactive: stdin and stdout are terminals. historyFile: where history is loaded
  // from and appended to (empty: no history file).
  static std::unique_ptr<LineEditor> open(bool interactive, const std::string& historyFile);
  virtual ~LineEditor() = default;

  virtual bool interactive() const = 0;
  // Reads one line (without its newline) after showing prompt (only when interactive).
  // Eof: Ctrl-D on an empty line, or the end of piped input (a last line without a
  // newline is returned as a Line first). Interrupted: Ctrl-C while editing, or
  // interrupt() was called; the partial line is discarded.
  virtual Result readLine(const std::string& prompt, std::string* line) = 0;
  // Adds an entry (may span lines) to the history and appends it to the history file.
  virtual void addHistory(const std::string& entry) = 0;
  virtual void setCompleter(Completer completer) = 0;
  // Makes a readLine in progress return Interrupted (async-signal-safe).
  virtual void interrupt() = 0;
  // Whether more input is already waiting (the rest of a paste, or of piped input), so
  // that the REPL may read on before it reports an error.
  virtual bool inputPending() = 0;
  // While an input runs at a terminal (from watchWhileRunning to stopWatching): each line
  // typed goes to `command`, which answers it at once if it is a command that may be
  // (true), or is kept for the program's reads of standard input and then as type-ahead
  // for the next readLine (type_ahead.h). Piped input is left alone.
  virtual void watchWhileRunning(TypeAhead::Command command) {}
  virtual void stopWatching() {}
};

}  // namespace gol::repl
