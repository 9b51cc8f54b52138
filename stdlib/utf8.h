// unicode/utf8: UTF-8 encoding and decoding with Go's rules (invalid bytes decode as
// RuneError of width 1; surrogates and code points above MaxRune are invalid).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gol::stdlib::utf8 {

constexpr int32_t RuneError = 0xFFFD;
constexpr int32_t RuneSelf = 0x80;
constexpr int32_t MaxRune = 0x10FFFF;
constexpr int UTFMax = 4;

struct Decoded {
  int32_t rune;
  int size;
};

// The first rune of s and its width in bytes: (RuneError, 0) for an empty string,
// (RuneError, 1) for an invalid encoding.
Decoded decodeRune(std::string_view s);
// The last rune of s, with the same conventions.
Decoded decodeLastRune(std::string_view s);
// Appends the UTF-8 encoding of r (RuneError's if r is not a valid rune); returns the
// number of bytes written.
int encodeRune(std::string& out, int32_t r);
std::string encode(int32_t r);
// Bytes needed to encode r, or -1 if r is not a valid rune.
int runeLen(int32_t r);
int64_t runeCount(std::string_view s);
bool validString(std::string_view s);
bool validRune(int32_t r);
bool fullRune(std::string_view s);
bool runeStart(uint8_t b);

}  // namespace gol::stdlib::utf8
