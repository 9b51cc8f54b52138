// strings: Go's string functions as plain C++ over byte strings (UTF-8 where runes
// matter, with Go's treatment of invalid bytes as RuneError of width 1).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gol::stdlib::strings {

bool contains(std::string_view s, std::string_view substr);
bool containsRune(std::string_view s, int32_t r);
bool containsAny(std::string_view s, std::string_view chars);
bool hasPrefix(std::string_view s, std::string_view prefix);
bool hasSuffix(std::string_view s, std::string_view suffix);
int64_t compare(std::string_view a, std::string_view b);

int64_t index(std::string_view s, std::string_view substr);
int64_t indexByte(std::string_view s, uint8_t c);
int64_t indexRune(std::string_view s, int32_t r);
int64_t indexAny(std::string_view s, std::string_view chars);
int64_t lastIndex(std::string_view s, std::string_view substr);
int64_t lastIndexByte(std::string_view s, uint8_t c);
int64_t lastIndexAny(std::string_view s, std::string_view chars);
int64_t count(std::string_view s, std::string_view substr);

// Panics (values::GoPanic) "strings: negative Repeat count" for count < 0, as Go.
std::string repeat(std::string_view s, int64_t count);
std::string replace(std::string_view s, std::string_view old, std::string_view with, int64_t n);
std::string replaceAll(std::string_view s, std::string_view old, std::string_view with);
std::string toUpper(std::string_view s);
std::string toLower(std::string_view s);
// A rune test or mapping: a C++ function, or a Gol function value that may panic (the
// algorithms below hold nothing that a C++ exception would leak).
using RuneTest = std::function<bool(int32_t)>;
using RuneMap = std::function<int32_t(int32_t)>;

// Maps every rune of s through f (a negative result drops the rune), as strings.Map: f is
// called once per rune, in order; an invalid byte is passed as RuneError.
std::string map(const RuneMap& f, std::string_view s);
std::string toTitle(std::string_view s);
// unicode.ToTitle of one rune.
int32_t toTitleRune(int32_t r);
// strings.Title: the first letter of each word to title case (words end at separators).
std::string title(std::string_view s);
// Each run of invalid UTF-8 bytes replaced by one `replacement`.
std::string toValidUTF8(std::string_view s, std::string_view replacement);

// The index of the first (last) rune for which f is `truth`, or -1.
int64_t indexFunc(std::string_view s, const RuneTest& f, bool truth = true);
int64_t lastIndexFunc(std::string_view s, const RuneTest& f, bool truth = true);
// The views point into s; TrimLeftFunc of an all-trimmed s is its end (empty).
std::string_view trimLeftFunc(std::string_view s, const RuneTest& f);
std::string_view trimRightFunc(std::string_view s, const RuneTest& f);
std::string_view trimFunc(std::string_view s, const RuneTest& f);
std::vector<std::string_view> fieldsFunc(std::string_view s, const RuneTest& f);

std::string_view trimSpace(std::string_view s);
std::string_view trim(std::string_view s, std::string_view cutset);
std::string_view trimLeft(std::string_view s, std::string_view cutset);
std::string_view trimRight(std::string_view s, std::string_view cutset);
std::string_view trimPrefix(std::string_view s, std::string_view prefix);
std::string_view trimSuffix(std::string_view s, std::string_view suffix);
bool equalFold(std::string_view a, std::string_view b);

struct CutResult {
  std::string_view before, after;
  bool found;
};
CutResult cut(std::string_view s, std::string_view sep);

// Split, SplitN, SplitAfter, SplitAfterN, Fields and Join, for when slices exist. The
// views point into s, except that splitting on "" turns an invalid byte into a static
// "\uFFFD" piece, as Go does.
std::vector<std::string_view> split(std::string_view s, std::string_view sep);
std::vector<std::string_view> splitN(std::string_view s, std::string_view sep, int64_t n);
std::vector<std::string_view> splitAfter(std::string_view s, std::string_view sep);
std::vector<std::string_view> splitAfterN(std::string_view s, std::string_view sep, int64_t n);
std::vector<std::string_view> fields(std::string_view s);
std::string join(const std::vector<std::string_view>& elems, std::string_view sep);
std::string join(const std::vector<std::string>& elems, std::string_view sep);

}  // namespace gol::stdlib::strings
