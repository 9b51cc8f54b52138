// Threading invariants:
// * readLine, addHistory and setCompleter are called by one thread at a time (the REPL's,
//   possibly through different OS threads, never concurrently). Only that thread touches
//   libedit, the history and the completer, and only it writes the terminal while
//   readLine runs.
// * interrupt() runs on any thread or in a signal handler: it only stores an atomic flag
//   and writes a byte to the wake pipe (both async-signal-safe).
// * The output sink runs on any thread with stdlib's output lock held: it only appends to
//   pending_ under pendingMutex_ and writes a byte to the wake pipe. Lock order: stdlib's
//   output lock, then pendingMutex_; the editor thread never calls stdlib's output while
//   holding pendingMutex_.
// * The editor thread waits in poll() on standard input and the wake pipe, so that
//   interrupts and goroutines' output are seen while the user types.
// * Between readLines, while an input runs, typeAhead_'s pump reads the terminal
//   (watchWhileRunning, stopWatching); readLine takes what it kept before reading the
//   terminal itself.
#include "interpreter/repl/line_editor.h"

#include <fcntl.h>
#include <histedit.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cwchar>
#include <mutex>
#include <utility>

#include "interpreter/repl/history_file.h"
#include "stdlib/packages.h"

namespace gol::repl {
namespace {

constexpr size_t kMaxHistoryEntries = 1000;
constexpr unsigned char kCtrlC = 0x03;
constexpr std::string_view kBracketedPasteOn = "\033[?2004h";
constexpr std::string_view kBracketedPasteOff = "\033[?2004l";

void writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

// A pipe that wakes the editor thread's poll(); both ends non-blocking, so that neither a
// full pipe nor an empty one ever blocks.
class WakePipe {
 public:
  WakePipe() {
    if (::pipe2(fds_, O_NONBLOCK | O_CLOEXEC) != 0) fds_[0] = fds_[1] = -1;
  }
  ~WakePipe() {
    if (fds_[0] >= 0) ::close(fds_[0]);
    if (fds_[1] >= 0) ::close(fds_[1]);
  }
  WakePipe(const WakePipe&) = delete;
  WakePipe& operator=(const WakePipe&) = delete;

  int readEnd() const { return fds_[0]; }
  void wake() const {
    char byte = 1;
    [[maybe_unused]] ssize_t n = ::write(fds_[1], &byte, 1);
  }
  void drain() const {
    char bytes[64];
    while (::read(fds_[0], bytes, sizeof bytes) > 0) {
    }
  }

 private:
  int fds_[2] = {-1, -1};
};

// What poll() saw: input to read, a wake-up, or a failure of standard input.
enum class Ready { Input, Wake, Error };

Ready waitForInput(const WakePipe& wake) {
  pollfd fds[2] = {{0, POLLIN, 0}, {wake.readEnd(), POLLIN, 0}};
  for (;;) {
    int n = ::poll(fds, wake.readEnd() >= 0 ? 2 : 1, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Ready::Error;
    }
    if (fds[1].revents & POLLIN) return Ready::Wake;
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) return Ready::Input;
    if (fds[0].revents & POLLNVAL) return Ready::Error;
  }
}

// Whether standard input has bytes (or its end) to read at once.
bool stdinReadable() {
  pollfd fd{0, POLLIN, 0};
  return ::poll(&fd, 1, 0) > 0 && (fd.revents & (POLLIN | POLLHUP)) != 0;
}

// Standard input is not a terminal: lines come from read(2), with no prompt and no echo.
class PlainLineEditor final : public LineEditor {
 public:
  bool interactive() const override { return false; }

  Result readLine(const std::string&, std::string* line) override {
    interruptRequested_.store(false);
    wake_.drain();
    for (;;) {
      size_t newline = buffered_.find('\n', scanned_);
      if (newline != std::string::npos) {
        *line = buffered_.substr(0, newline);
        if (!line->empty() && line->back() == '\r') line->pop_back();
        buffered_.erase(0, newline + 1);
        scanned_ = 0;
        return Result::Line;
      }
      scanned_ = buffered_.size();
      if (ended_) {
        if (buffered_.empty()) return Result::Eof;
        *line = std::move(buffered_);
        buffered_.clear();
        scanned_ = 0;
        return Result::Line;
      }
      Ready ready = waitForInput(wake_);
      if (ready == Ready::Wake) {
        wake_.drain();
        if (interruptRequested_.exchange(false)) return Result::Interrupted;
        continue;
      }
      char chunk[4096];
      ssize_t n = ready == Ready::Input ? ::read(0, chunk, sizeof chunk) : 0;
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) {
        ended_ = true;
        continue;
      }
      buffered_.append(chunk, static_cast<size_t>(n));
    }
  }

  void addHistory(const std::string&) override {}
  void setCompleter(Completer) override {}
  bool inputPending() override { return !buffered_.empty() || (!ended_ && stdinReadable()); }

  void interrupt() override {
    interruptRequested_.store(true);
    wake_.wake();
  }

 private:
  WakePipe wake_;
  std::atomic<bool> interruptRequested_{false};
  std::string buffered_;
  size_t scanned_ = 0;  // bytes of buffered_ known to hold no newline
  bool ended_ = false;
};

// Display width of a wide string, as the terminal shows it (control characters as ^X,
// the way libedit draws them).
size_t displayWidth(const wchar_t* begin, const wchar_t* end) {
  size_t width = 0;
  for (const wchar_t* p = begin; p < end; p++) {
    int w = ::wcwidth(*p);
    width += w >= 0 ? static_cast<size_t>(w) : 2;
  }
  return width;
}

size_t displayWidth(const std::string& text) {
  std::mbstate_t state{};
  size_t width = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    wchar_t wc;
    size_t n = std::mbrtowc(&wc, p, static_cast<size_t>(end - p), &state);
    if (n == static_cast<size_t>(-1) || n == static_cast<size_t>(-2)) {
      state = {};
      p++;
      width++;
      continue;
    }
    if (n == 0) n = 1;
    int w = ::wcwidth(wc);
    width += w >= 0 ? static_cast<size_t>(w) : 2;
    p += n;
  }
  return width;
}

size_t utf8Length(const std::string& text) {
  size_t length = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) length++;
  }
  return length;
}

// How many bytes a UTF-8 sequence starting with this byte has; 0 if none starts with it.
size_t utf8SequenceLength(unsigned char byte) {
  if (byte < 0x80) return 1;
  if ((byte & 0xE0) == 0xC0) return 2;
  if ((byte & 0xF0) == 0xE0) return 3;
  if ((byte & 0xF8) == 0xF0) return 4;
  return 0;
}

size_t terminalColumns() {
  winsize size{};
  if (::ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

std::string commonPrefix(const std::vector<std::string>& words) {
  std::string prefix = words.front();
  for (const std::string& word : words) {
    size_t n = 0;
    while (n < prefix.size() && n < word.size() && prefix[n] == word[n]) n++;
    prefix.resize(n);
  }
  // Never cut a UTF-8 sequence in two.
  while (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0xC0) == 0x80) {
    prefix.pop_back();
  }
  if (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0x80)) prefix.pop_back();
  return prefix;
}

// Candidates in columns, as shells list them.
std::string formatCandidates(const std::vector<std::string>& candidates, size_t columns) {
  size_t widest = 0;
  for (const std::string& c : candidates) widest = std::max(widest, displayWidth(c));
  size_t cell = widest + 2;
  size_t perRow = std::max<size_t>(1, columns / cell);
  size_t rows = (candidates.size() + perRow - 1) / perRow;
  std::string text;
  for (size_t row = 0; row < rows; row++) {
    for (size_t col = 0; col < perRow; col++) {
      size_t i = col * rows + row;  // down the columns first
      if (i >= candidates.size()) break;
      text += candidates[i];
      bool last = col + 1 == perRow || (col + 1) * rows + row >= candidates.size();
      if (!last) text.append(cell - displayWidth(candidates[i]), ' ');
    }
    text += "\r\n";
  }
  return text;
}

// A lone "\n" becomes "\r\n": in libedit's raw mode the terminal may not add the
// carriage return itself.
std::string withCarriageReturns(std::string_view bytes) {
  std::string text;
  text.reserve(bytes.size() + 8);
  char previous = 0;
  for (char c : bytes) {
    if (c == '\n' && previous != '\r') text += '\r';
    text += c;
    previous = c;
  }
  return text;
}

class TerminalLineEditor final : public LineEditor {
 public:
  explicit TerminalLineEditor(const std::string& historyFile)
      : historyFile_(historyFile, kMaxHistoryEntries) {
    // libedit draws and converts wide characters through the C library's locale: without
    // a UTF-8 LC_CTYPE, anything beyond ASCII would show as escapes.
    if (std::setlocale(LC_CTYPE, "") == nullptr || MB_CUR_MAX == 1) {
      std::setlocale(LC_CTYPE, "C.UTF-8");
    }
    history_ = ::history_init();
    HistEvent event;
    ::history(history_, &event, H_SETSIZE, static_cast<int>(kMaxHistoryEntries));
    ::history(history_, &event, H_SETUNIQUE, 1);
    for (const std::string& entry : historyFile_.load()) {
      ::history(history_, &event, H_ENTER, entry.c_str());
      lastEntry_ = entry;
    }

    // What is typed while an input runs goes to the program's reads of standard input.
    stdlib::setStdinReader(
        [](char* buf, size_t len, void* self) {
          return static_cast<TypeAhead*>(self)->readForProgram(buf, len);
        },
        &typeAhead_);

    editLine_ = ::el_init("gol", stdin, stdout, stderr);
    ::el_set(editLine_, EL_CLIENTDATA, this);
    ::el_set(editLine_, EL_EDITOR, "emacs");
    // Signals stay the REPL's: libedit's own handlers would re-send them to the whole
    // process group.
    ::el_set(editLine_, EL_SIGNAL, 0);
    ::el_set(editLine_, EL_HIST, ::history, history_);
    ::el_set(editLine_, EL_PROMPT, &TerminalLineEditor::promptOf);
    ::el_set(editLine_, EL_GETCFN, &TerminalLineEditor::readCharacter);
    ::el_set(editLine_, EL_ADDFN, "gol-complete", "complete the word before the cursor",
             &TerminalLineEditor::complete);
    ::el_set(editLine_, EL_ADDFN, "gol-eof-or-delete",
             "end of input on an empty line, else delete the character under the cursor",
             &TerminalLineEditor::eofOrDelete);
    ::el_set(editLine_, EL_ADDFN, "gol-paste-start", "a bracketed paste begins",
             &TerminalLineEditor::pasteStart);
    ::el_set(editLine_, EL_ADDFN, "gol-paste-end", "a bracketed paste ends",
             &TerminalLineEditor::pasteEnd);
    ::el_set(editLine_, EL_BIND, "^I", "gol-complete", nullptr);
    ::el_set(editLine_, EL_BIND, "\033[200~", "gol-paste-start", nullptr);
    ::el_set(editLine_, EL_BIND, "\033[201~", "gol-paste-end", nullptr);
    ::el_set(editLine_, EL_BIND, "^D", "gol-eof-or-delete", nullptr);
    ::el_set(editLine_, EL_BIND, "^R", "em-inc-search-prev", nullptr);
    ::el_set(editLine_, EL_BIND, "^S", "em-inc-search-next", nullptr);
    // Arrows and Home/End as xterm-like terminals send them, in both of their modes.
    for (const char* prefix : {"\033[", "\033O"}) {
      auto bind = [&](const char* key, const char* command) {
        std::string sequence = std::string(prefix) + key;
        ::el_set(editLine_, EL_BIND, sequence.c_str(), command, nullptr);
      };
      bind("A", "ed-prev-history");
      bind("B", "ed-next-history");
      bind("C", "ed-next-char");
      bind("D", "ed-prev-char");
      bind("H", "ed-move-to-beg");
      bind("F", "ed-move-to-end");
    }
    ::el_set(editLine_, EL_BIND, "\033[1;5C", "em-next-word", nullptr);
    ::el_set(editLine_, EL_BIND, "\033[1;5D", "ed-prev-word", nullptr);
    ::el_set(editLine_, EL_BIND, "\033[3~", "ed-delete-next-char", nullptr);
  }

  ~TerminalLineEditor() override {
    stdlib::setStdinReader(nullptr, nullptr);
    ::el_end(editLine_);
    ::history_end(history_);
  }

  bool interactive() const override { return true; }
  bool inputPending() override { return !typeAhead_.empty() || stdinReadable(); }

  void watchWhileRunning(TypeAhead::Command command) override {
    typeAhead_.start(std::move(command));
  }
  void stopWatching() override { typeAhead_.stop(); }

  Result readLine(const std::string& prompt, std::string* line) override {
    prompt_ = prompt;
    interruptRequested_.store(false);
    wake_.drain();
    outcome_ = Outcome::Editing;
    {
      std::lock_guard lock(pendingMutex_);
      passThrough_ = false;
    }
    stdlib::setOutputSink(&TerminalLineEditor::sink, this);

    // Raw mode before the prompt shows: keys typed once the prompt is visible are then
    // read by libedit, never echoed or line-edited by the terminal itself.
    ::el_set(editLine_, EL_PREP_TERM, 1);
    // Bracketed paste: the terminal marks pasted text, so that its tabs are taken as text.
    writeAll(1, kBracketedPasteOn);
    int count = 0;
    const char* text = ::el_gets(editLine_, &count);
    writeAll(1, kBracketedPasteOff);

    if (outcome_ == Outcome::EofTyped) writeAll(1, "\n");
    // Output that came in after the last redraw goes out now, and from here on the sink
    // writes straight through, so that nothing is reordered before it is removed.
    {
      std::lock_guard lock(pendingMutex_);
      for (auto& [fd, bytes] : pending_) writeAll(fd, bytes);
      pending_.clear();
      passThrough_ = true;
    }
    stdlib::setOutputSink(nullptr, nullptr);

    if (outcome_ == Outcome::Interrupted) return Result::Interrupted;
    if (text == nullptr || count <= 0) return Result::Eof;
    line->assign(text, static_cast<size_t>(count));
    if (!line->empty() && line->back() == '\n') line->pop_back();
    return Result::Line;
  }

  void addHistory(const std::string& entry) override {
    if (entry.empty()) return;
    HistEvent event;
    ::history(history_, &event, H_ENTER, entry.c_str());
    if (entry == lastEntry_) return;  // the history keeps no repeats in a row either
    lastEntry_ = entry;
    historyFile_.append(entry);
  }

  void setCompleter(Completer completer) override { completer_ = std::move(completer); }

  void interrupt() override {
    interruptRequested_.store(true);
    wake_.wake();
  }

 private:
  enum class Outcome { Editing, Interrupted, EofTyped };

  static TerminalLineEditor* of(EditLine* editLine) {
    void* self = nullptr;
    ::el_get(editLine, EL_CLIENTDATA, &self);
    return static_cast<TerminalLineEditor*>(self);
  }

  static char* promptOf(EditLine* editLine) { return of(editLine)->prompt_.data(); }

  static void sink(int fd, std::string_view bytes, void* context) {
    auto* self = static_cast<TerminalLineEditor*>(context);
    std::lock_guard lock(self->pendingMutex_);
    if (self->passThrough_) {
      writeAll(fd, bytes);
      return;
    }
    if (!self->pending_.empty() && self->pending_.back().first == fd) {
      self->pending_.back().second.append(bytes);
    } else {
      self->pending_.emplace_back(fd, std::string(bytes));
    }
    self->wake_.wake();
  }

  // libedit's character source: waits for a key, showing goroutines' output and
  // honouring interrupts meanwhile. Returns 1 with a character, 0 at the end of input,
  // -1 to end el_gets (interrupted).
  static int readCharacter(EditLine* editLine, wchar_t* character) {
    TerminalLineEditor& self = *of(editLine);
    unsigned char bytes[4];
    size_t have = 0, need = 1;
    for (;;) {
      self.followTerminalWidth();
      self.showPendingOutput();
      if (self.interruptRequested_.exchange(false)) return self.endInterrupted(character);
      ssize_t n = 1;
      if (!self.typeAhead_.takeByte(bytes + have)) {  // typed while the last input ran
        Ready ready = waitForInput(self.wake_);
        if (ready == Ready::Wake) {
          self.wake_.drain();
          continue;
        }
        n = ready == Ready::Input ? ::read(0, bytes + have, 1) : 0;
      }
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) {  // the terminal is gone: the end of input
        *character = 0;
        return 0;
      }
      unsigned char byte = bytes[have];
      // Ctrl-C arrives as a byte when the terminal does not turn it into SIGINT.
      if (byte == kCtrlC) return self.endInterrupted(character);
      if (have > 0 && (byte & 0xC0) != 0x80) {
        have = 0;  // a broken sequence: drop it and start again with this byte
        bytes[0] = byte;
      }
      if (have == 0) {
        need = utf8SequenceLength(byte);
        if (need == 0) continue;  // a stray continuation byte
      }
      if (++have < need) continue;
      wchar_t decoded = need == 1   ? bytes[0]
                        : need == 2 ? (bytes[0] & 0x1F)
                        : need == 3 ? (bytes[0] & 0x0F)
                                    : (bytes[0] & 0x07);
      for (size_t i = 1; i < need; i++) decoded = (decoded << 6) | (bytes[i] & 0x3F);
      *character = decoded;
      return 1;
    }
  }

  int endInterrupted(wchar_t* character) {
    outcome_ = Outcome::Interrupted;
    moveToEndOfLine();
    writeAll(1, "^C\r\n");
    *character = 0;
    errno = EINTR;
    return -1;
  }

  // Where the prompt and the line being edited lie on the screen, in cells from the start
  // of the prompt: the cursor and the end of the line.
  struct Layout {
    size_t cursor, end, columns;
  };
  Layout layout() {
    const LineInfoW* info = ::el_wline(editLine_);
    size_t prompt = displayWidth(prompt_);
    return {prompt + displayWidth(info->buffer, info->cursor),
            prompt + displayWidth(info->buffer, info->lastchar), terminalColumns()};
  }

  // Moves the terminal's cursor from the editing cursor to just after the line's end.
  void moveToEndOfLine() {
    Layout at = layout();
    std::string moves;
    size_t rowsDown = at.end / at.columns - at.cursor / at.columns;
    if (rowsDown > 0) moves += "\033[" + std::to_string(rowsDown) + "B";
    moves += "\r";
    if (at.end % at.columns > 0) moves += "\033[" + std::to_string(at.end % at.columns) + "C";
    writeAll(1, moves);
  }

  // Writes text above the prompt: clears the prompt and the line, writes the text, and
  // has libedit draw them again below it.
  void writeAboveLine(const std::vector<std::pair<int, std::string>>& output) {
    std::fflush(stdout);  // what libedit buffered goes first
    Layout at = layout();
    std::string clear;
    size_t rowsUp = at.cursor / at.columns;
    if (rowsUp > 0) clear += "\033[" + std::to_string(rowsUp) + "A";
    clear += "\r\033[J";
    writeAll(1, clear);
    bool endsInNewline = true;
    for (const auto& [fd, bytes] : output) {
      if (bytes.empty()) continue;
      if (::isatty(fd) != 1) {  // redirected: it does not move the terminal's cursor
        writeAll(fd, bytes);
        continue;
      }
      writeAll(fd, withCarriageReturns(bytes));
      endsInNewline = bytes.back() == '\n';
    }
    if (!endsInNewline) writeAll(1, "\r\n");
    ::el_set(editLine_, EL_REFRESH);
  }

  // libedit learns the terminal's width at each line; a window resized while a line is
  // typed is caught at the next key (the REPL's signals stay its own: no SIGWINCH here).
  void followTerminalWidth() {
    size_t columns = terminalColumns();
    if (columns == columns_) return;
    bool resized = columns_ != 0;
    columns_ = columns;
    if (resized) ::el_resize(editLine_);
  }

  void showPendingOutput() {
    std::vector<std::pair<int, std::string>> output;
    {
      std::lock_guard lock(pendingMutex_);
      output.swap(pending_);
    }
    if (!output.empty()) writeAboveLine(output);
  }

  // TAB completes a word; in a paste, at the start of a line, after blanks and inside a
  // string or rune literal it is text (every pasted Go snippet is tab-indented).
  static unsigned char complete(EditLine* editLine, int) {
    TerminalLineEditor& self = *of(editLine);
    const LineInfo* info = ::el_line(editLine);
    std::string before(info->buffer, info->cursor);
    if (self.pasting_ || before.find_first_not_of(" \t") == std::string::npos ||
        insideLiteral(before)) {
      ::el_insertstr(editLine, "\t");
      return CC_REFRESH;
    }
    if (!self.completer_) return CC_ERROR;
    size_t wordStart = before.size();
    std::vector<std::string> candidates = self.completer_(before, &wordStart);
    if (candidates.empty()) return CC_REFRESH_BEEP;
    if (wordStart > before.size()) wordStart = before.size();
    std::string word = before.substr(wordStart);
    std::string replacement = commonPrefix(candidates);
    if (replacement.size() > word.size() || (candidates.size() == 1 && replacement != word)) {
      ::el_deletestr(editLine, static_cast<int>(utf8Length(word)));
      ::el_insertstr(editLine, replacement.c_str());
      return CC_REFRESH;
    }
    if (candidates.size() == 1) return CC_NORM;
    // Nothing to add: show the choices below the line, then the line again.
    std::fflush(stdout);
    self.moveToEndOfLine();
    writeAll(1, "\r\n" + formatCandidates(candidates, terminalColumns()));
    ::el_set(editLine, EL_REFRESH);
    return CC_NORM;
  }

  static unsigned char pasteStart(EditLine* editLine, int) {
    of(editLine)->pasting_ = true;
    return CC_NORM;
  }
  static unsigned char pasteEnd(EditLine* editLine, int) {
    of(editLine)->pasting_ = false;
    return CC_NORM;
  }

  // Whether the end of text is inside a string, raw string or rune literal (of this line).
  static bool insideLiteral(const std::string& text) {
    char open = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (open) {
        if (c == '\\' && open != '`') {
          ++i;
        } else if (c == open) {
          open = 0;
        }
      } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
        return false;  // a comment
      } else if (c == '"' || c == '`' || c == '\'') {
        open = c;
      }
    }
    return open != 0;
  }

  static unsigned char eofOrDelete(EditLine* editLine, int) {
    const LineInfoW* info = ::el_wline(editLine);
    if (info->buffer == info->lastchar) {
      of(editLine)->outcome_ = Outcome::EofTyped;
      return CC_EOF;
    }
    if (info->cursor == info->lastchar) return CC_ERROR;
    ::el_cursor(editLine, 1);
    ::el_deletestr(editLine, 1);
    return CC_REFRESH;
  }

  HistoryFile historyFile_;
  std::string lastEntry_;
  History* history_ = nullptr;
  EditLine* editLine_ = nullptr;
  std::string prompt_;
  Completer completer_;
  Outcome outcome_ = Outcome::Editing;
  bool pasting_ = false;  // between a bracketed paste's start and end marks (across lines)
  size_t columns_ = 0;    // the terminal's width when last looked at

  WakePipe wake_;
  TypeAhead typeAhead_;
  std::atomic<bool> interruptRequested_{false};
  std::mutex pendingMutex_;
  std::vector<std::pair<int, std::string>> pending_;  // guarded by pendingMutex_
  bool passThrough_ = true;                           // guarded by pendingMutex_
};

}  // namespace

std::unique_ptr<LineEditor> LineEditor::open(bool interactive, const std::string& historyFile) {
  if (interactive) return std::make_unique<TerminalLineEditor>(historyFile);
  return std::make_unique<PlainLineEditor>();
}

}  // namespace gol::repl
