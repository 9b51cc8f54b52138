#include "interpreter/repl/history_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <utility>

namespace gol::repl {

HistoryFile::HistoryFile(std::string path, size_t maxEntries)
    : path_(std::move(path)), maxEntries_(maxEntries) {}

std::string HistoryFile::encode(const std::string& entry) {
  std::string line;
  line.reserve(entry.size());
  for (char c : entry) {
    switch (c) {
      case '\\': line += "\\\\"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      default: line += c;
    }
  }
  return line;
}

std::string HistoryFile::decode(const std::string& line) {
  std::string entry;
  entry.reserve(line.size());
  for (size_t i = 0; i < line.size(); i++) {
    if (line[i] != '\\' || i + 1 == line.size()) {
      entry += line[i];
      continue;
    }
    char next = line[++i];
    switch (next) {
      case '\\': entry += '\\'; break;
      case 'n': entry += '\n'; break;
      case 'r': entry += '\r'; break;
      default:  // not ours: keep it as written
        entry += '\\';
        entry += next;
    }
  }
  return entry;
}

std::vector<std::string> HistoryFile::load() {
  std::vector<std::string> entries;
  if (path_.empty()) return entries;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return entries;
  std::string line;
  size_t lines = 0;
  while (std::getline(in, line)) {
    lines++;
    if (line.empty()) continue;
    entries.push_back(decode(line));
  }
  if (entries.size() > maxEntries_) {
    entries.erase(entries.begin(), entries.end() - static_cast<ptrdiff_t>(maxEntries_));
  }
  // Appending lets the file grow; trim it now and then rather than at every entry.
  if (lines > 2 * maxEntries_) rewrite(entries);
  return entries;
}

void HistoryFile::append(const std::string& entry) {
  if (path_.empty() || entry.empty()) return;
  int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;
  // One write per entry, so that entries of sessions running at once do not interleave.
  std::string line = encode(entry) + "\n";
  [[maybe_unused]] ssize_t n = ::write(fd, line.data(), line.size());
  ::close(fd);
}

void HistoryFile::rewrite(const std::vector<std::string>& entries) {
  std::string content;
  for (const std::string& entry : entries) content += encode(entry) + "\n";
  // A new file, renamed over the old one: a failure halfway loses nothing.
  std::string temporary = path_ + ".tmp";
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  bool written =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ::close(fd);
  if (!written || std::rename(temporary.c_str(), path_.c_str()) != 0) {
    std::remove(temporary.c_str());
  }
}

}  // namespace gol::repl
