// A source file held in memory, and the diagnostics reported against it.
//
// Positions are Go's: 1-based line and 1-based column counted in bytes, so
// `prog.gol:6:28` means the same thing to Gol as to `go run`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gol::syntax {

struct Pos {
  uint32_t line = 0;
  uint32_t col = 0;
  bool valid() const { return line != 0; }
  friend bool operator==(Pos a, Pos b) = default;
  friend bool operator<(Pos a, Pos b) { return a.line != b.line ? a.line < b.line : a.col < b.col; }
};

class SourceFile {
 public:
  // `name` is the path as the user gave it; it prefixes every diagnostic.
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  // Position of a byte offset into text().
  Pos posOfByte(size_t offset) const;
  // Position of a code point index (what ANTLR counts) into text().
  Pos posOfCodePoint(size_t index) const;
  // Byte offset of a code point index.
  size_t byteOfCodePoint(size_t index) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<size_t> lineStarts_;       // byte offset of the first byte of each line
  std::vector<uint32_t> codePointByte_;  // byte offset of each code point, plus the end
};

struct Diagnostic {
  Pos pos;
  std::string message;
};

// Errors of one stage, printed as Go prints them: sorted by position, one per line of
// source, at most ten, then `too many errors`.
class Diagnostics {
 public:
  explicit Diagnostics(const SourceFile& file) : file_(file) {}
  void error(Pos pos, std::string message);
  const std::string& fileName() const { return file_.name(); }
  bool empty() const { return list_.empty(); }
  size_t size() const { return list_.size(); }
  const std::vector<Diagnostic>& list() const { return list_; }
  // The report text, each line `name:line:col: message\n`.
  std::string format() const;

 private:
  const SourceFile& file_;
  std::vector<Diagnostic> list_;
};

}  // namespace gol::syntax
