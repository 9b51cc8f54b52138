// The first sentence of a standard package member's documentation, read from the Go tree
// of the system ($GOROOT/src/PKG/*.go, as Debian's golang-1.19-src installs it), for :doc.
// Gol ships no documentation of its own for the standard packages: without a Go tree,
// :doc shows the declaration only.
#include "interpreter/repl/go_doc.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace gol::repl {

namespace {

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// Whether line declares member at the package level: `func Name(`, `func Name[`,
// `type Name `, `var Name `, `const Name `, or an entry `\tName ...` of a const or var block.
bool declares(const std::string& line, const std::string& member, bool inBlock) {
  for (const char* kw : {"func ", "type ", "var ", "const "}) {
    std::string head = kw + member;
    if (startsWith(line, head) && line.size() > head.size() &&
        std::string(" ([=").find(line[head.size()]) != std::string::npos) {
      return true;
    }
  }
  if (!inBlock) return false;
  std::string head = "\t" + member;
  return startsWith(line, head) && line.size() > head.size() &&
         std::string(" =,").find(line[head.size()]) != std::string::npos;
}

// The doc comment's first sentence: up to the first period followed by a space or the
// end of the comment.
std::string firstSentence(const std::vector<std::string>& comment) {
  std::string text;
  for (const std::string& line : comment) {
    std::string t = line.substr(2);
    if (!t.empty() && t[0] == ' ') t.erase(0, 1);
    if (t.empty()) break;  // the first paragraph only
    if (!text.empty()) text += ' ';
    text += t;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.' && (i + 1 == text.size() || text[i + 1] == ' ')) {
      return text.substr(0, i + 1);
    }
  }
  return text;
}

}  // namespace

std::string goDocSentence(const std::string& goroot, const std::string& pkgPath,
                          const std::string& member) {
  if (goroot.empty() || pkgPath.empty() || member.empty()) return "";
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(goroot + "/src/" + pkgPath, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 3 && name.ends_with(".go") && !name.ends_with("_test.go")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::vector<std::string> comment;
    bool inBlock = false;
    for (std::string line; std::getline(in, line);) {
      if (startsWith(line, "//")) {
        comment.push_back(line);
        continue;
      }
      if (startsWith(line, "const (") || startsWith(line, "var (")) inBlock = true;
      if (startsWith(line, ")")) inBlock = false;
      if (declares(line, member, inBlock)) {
        // An entry of a block without its own comment: the block's comment is not its doc.
        std::string sentence = firstSentence(comment);
        if (!sentence.empty()) return sentence;
      }
      // In a block, an entry's comment is indented.
      if (inBlock && startsWith(line, "\t//")) {
        comment.push_back(line.substr(1));
        continue;
      }
      comment.clear();
    }
  }
  return "";
}

}  // namespace gol::repl
