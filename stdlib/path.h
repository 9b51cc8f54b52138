// path and path/filepath (Unix): Go's lexical path operations as plain C++ over byte
// strings, slash-separated. On Unix filepath's functions are path's with '/' as the
// separator, so both packages share these. Pure except abs, which reads the working
// directory.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gol::stdlib::path {

// Clean: the shortest equivalent path by purely lexical processing ("" becomes ".").
std::string clean(std::string_view p);

// Split: dir and file, split after the last slash (dir keeps it).
struct SplitResult {
  std::string_view dir, file;
};
SplitResult split(std::string_view p);

// Join: the non-empty elements joined by slashes, then cleaned; "" if all are empty.
std::string join(const std::vector<std::string_view>& elems);

std::string_view ext(std::string_view p);
std::string base(std::string_view p);
std::string dir(std::string_view p);
bool isAbs(std::string_view p);

// Match: whether name matches the shell pattern; badPattern when the pattern is malformed
// (Go's ErrBadPattern; then matched is false).
struct MatchResult {
  bool matched = false;
  bool badPattern = false;
};
MatchResult match(std::string_view pattern, std::string_view name);

// filepath.Rel: target relative to base, or the error text ("Rel: can't make ...").
struct RelResult {
  std::string path;
  std::string error;  // empty on success
};
RelResult rel(std::string_view basePath, std::string_view targetPath);

// filepath.Abs: p joined to the working directory (Go's os.Getwd: $PWD when it names
// the working directory, else getcwd) and cleaned; error is the getcwd failure's text.
struct AbsResult {
  std::string path;
  std::string error;  // empty on success
};
AbsResult abs(std::string_view p);

// filepath.SplitList: the colon-separated list; empty for "".
std::vector<std::string_view> splitList(std::string_view p);

}  // namespace gol::stdlib::path
