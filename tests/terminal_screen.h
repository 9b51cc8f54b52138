// A small model of an xterm's screen, enough to check what a line editor leaves on it:
// it applies text, carriage returns, newlines, backspaces, automatic wrapping at the
// right margin (deferred, as xterm does) and the cursor and erase sequences libedit and
// the REPL emit. The screen grows downward instead of scrolling; unknown escape
// sequences are ignored. One cell per code point: no double-width characters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gol::testing {

class TerminalScreen {
 public:
  explicit TerminalScreen(size_t columns) : columns_(columns) {}

  void apply(std::string_view bytes);

  // The lines of the screen, trailing blanks removed, trailing empty lines dropped.
  std::vector<std::string> lines() const;
  // The last non-empty lines, joined by "\n".
  std::string tail(size_t count) const;
  size_t cursorRow() const { return row_; }
  size_t cursorColumn() const { return column_; }

 private:
  void put(std::u32string_view character);
  void escape(char final, const std::vector<int>& parameters, bool privateMode);
  std::u32string& line(size_t row);

  size_t columns_;
  std::vector<std::u32string> cells_;  // one code point a cell
  size_t row_ = 0, column_ = 0;
  bool pendingWrap_ = false;
  std::string partial_;  // an escape sequence or UTF-8 character cut by a read
};

}  // namespace gol::testing
