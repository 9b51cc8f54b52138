// The REPL's history file: one entry a line, newlines and backslashes inside an entry
// escaped, so that an entry spanning several lines survives the round trip. Entries are
// appended as they are made, so that two sessions at once both keep theirs; the file is
// trimmed when it grows well past the number of entries kept.
#pragma once

#include <string>
#include <vector>

namespace gol::repl {

class HistoryFile {
 public:
  // path empty: no file (load gives nothing, append does nothing).
  HistoryFile(std::string path, size_t maxEntries);

  // The last maxEntries entries, oldest first. An unreadable file reads as empty.
  std::vector<std::string> load();
  // Appends one entry; failures are silent.
  void append(const std::string& entry);

  static std::string encode(const std::string& entry);
  static std::string decode(const std::string& line);

 private:
  void rewrite(const std::vector<std::string>& entries);

  std::string path_;
  size_t maxEntries_;
};

}  // namespace gol::repl
