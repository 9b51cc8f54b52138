// Decoding of Go's string, rune and number literals, with Go's error messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace gol::syntax {

struct LiteralError {
  size_t offset;  // byte offset into the literal's text where the error is
  std::string message;
};

// Decodes an interpreted ("...") or raw (`...`) string literal, quotes included, to its
// bytes. Raw strings lose their carriage returns, as in Go.
std::optional<LiteralError> decodeString(const std::string& literal, std::string& out);

// Decodes a rune literal ('x', quotes included) to its code point.
std::optional<LiteralError> decodeRune(const std::string& literal, uint32_t& out);

// Checks the digits and separators of an int, float or imaginary literal.
std::optional<LiteralError> checkNumber(const std::string& literal);

// Appends the UTF-8 encoding of `r` (U+FFFD for invalid code points).
void appendUtf8(std::string& out, uint32_t r);

// Checks that `text` is well-formed UTF-8 without NUL bytes; reports the first bad offset.
std::optional<LiteralError> checkSourceText(const std::string& text);

}  // namespace gol::syntax
