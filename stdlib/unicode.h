// unicode: character classes and simple case mappings of Unicode 15.0.0, as Go's
// unicode package defines them.
#pragma once

#include <cstdint>

#include "stdlib/unicode_tables.h"

namespace gol::stdlib::unicode {

constexpr int32_t MaxRune = 0x10FFFF;
constexpr int32_t ReplacementChar = 0xFFFD;
constexpr int32_t MaxASCII = 0x7F;
constexpr int32_t MaxLatin1 = 0xFF;

// The general category of r (Cn for unassigned code points and non-runes).
Category category(int32_t r);

bool isLetter(int32_t r);   // L
bool isDigit(int32_t r);    // Nd
bool isNumber(int32_t r);   // N
bool isUpper(int32_t r);    // Lu
bool isLower(int32_t r);    // Ll
bool isTitle(int32_t r);    // Lt
bool isMark(int32_t r);     // M
bool isPunct(int32_t r);    // P
bool isSymbol(int32_t r);   // S
bool isSpace(int32_t r);    // White_Space (Latin-1: \t \n \v \f \r space U+0085 U+00A0)
bool isControl(int32_t r);  // C0 and C1 controls only, as Go
bool isGraphic(int32_t r);  // L M N P S Zs
bool isPrint(int32_t r);    // L M N P S and U+0020 (also strconv.IsPrint)

int32_t toUpper(int32_t r);
int32_t toLower(int32_t r);

}  // namespace gol::stdlib::unicode
