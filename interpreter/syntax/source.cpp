#include "interpreter/syntax/source.h"

#include <algorithm>

namespace gol::syntax {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  lineStarts_.push_back(0);
  codePointByte_.reserve(text_.size() + 1);
  for (size_t i = 0; i < text_.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    if ((c & 0xC0) != 0x80) codePointByte_.push_back(static_cast<uint32_t>(i));
    if (c == '\n') lineStarts_.push_back(i + 1);
  }
  codePointByte_.push_back(static_cast<uint32_t>(text_.size()));
}

Pos SourceFile::posOfByte(size_t offset) const {
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  size_t line = static_cast<size_t>(it - lineStarts_.begin());
  return Pos{static_cast<uint32_t>(line),
             static_cast<uint32_t>(offset - lineStarts_[line - 1] + 1)};
}

size_t SourceFile::byteOfCodePoint(size_t index) const {
  if (index >= codePointByte_.size()) return text_.size();
  return codePointByte_[index];
}

Pos SourceFile::posOfCodePoint(size_t index) const {
  return posOfByte(byteOfCodePoint(index));
}

void Diagnostics::error(Pos pos, std::string message) {
  list_.push_back(Diagnostic{pos, std::move(message)});
}

std::string Diagnostics::format() const {
  std::vector<Diagnostic> sorted = list_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
  std::string out;
  uint32_t lastLine = 0;
  int printed = 0;
  for (const Diagnostic& d : sorted) {
    if (d.pos.line == lastLine && printed > 0) continue;
    if (printed == 10) {
      out += file_.name() + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) +
             ": too many errors\n";
      break;
    }
    out += file_.name() + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) +
           ": " + d.message + "\n";
    lastLine = d.pos.line;
    ++printed;
  }
  return out;
}

}  // namespace gol::syntax
