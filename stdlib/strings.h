// strings: Go's string functions as plain C++ over byte strings (UTF-8 where runes
// matter, with Go's treatment of invalid bytes as RuneError of width 1).
#pragma once

#include <cstdint>
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
// Maps every rune of s through f (a negative result drops the rune), as strings.Map.
std::string map(int32_t (*f)(int32_t), std::string_view s);

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
