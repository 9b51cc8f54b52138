// Unit tests of literal decoding: every escape, number forms and separators, raw strings,
// runes, and Go's scanner errors with the byte offsets it reports them at.
#include "interpreter/syntax/literals.h"

#include <gtest/gtest.h>

#include <string>

namespace gol::syntax {
namespace {

std::string decoded(const std::string& lit) {
  std::string out;
  auto err = decodeString(lit, out);
  EXPECT_FALSE(err) << lit << ": " << (err ? err->message : "");
  return out;
}

// "OFFSET: message" of the error decoding `lit` as a string, or "ok".
std::string stringError(const std::string& lit) {
  std::string out;
  auto err = decodeString(lit, out);
  return err ? std::to_string(err->offset) + ": " + err->message : "ok";
}

std::string runeError(const std::string& lit) {
  uint32_t r = 0;
  auto err = decodeRune(lit, r);
  return err ? std::to_string(err->offset) + ": " + err->message : "ok";
}

std::string numberError(const std::string& lit) {
  auto err = checkNumber(lit);
  return err ? std::to_string(err->offset) + ": " + err->message : "ok";
}

uint32_t rune(const std::string& lit) {
  uint32_t r = 0;
  auto err = decodeRune(lit, r);
  EXPECT_FALSE(err) << lit << ": " << (err ? err->message : "");
  return r;
}

TEST(Literals, SimpleEscapes) {
  EXPECT_EQ(decoded(R"("\a\b\f\n\r\t\v\\\"")"), std::string("\a\b\f\n\r\t\v\\\""));
  EXPECT_EQ(rune(R"('\a')"), 7u);
  EXPECT_EQ(rune(R"('\b')"), 8u);
  EXPECT_EQ(rune(R"('\f')"), 12u);
  EXPECT_EQ(rune(R"('\n')"), 10u);
  EXPECT_EQ(rune(R"('\r')"), 13u);
  EXPECT_EQ(rune(R"('\t')"), 9u);
  EXPECT_EQ(rune(R"('\v')"), 11u);
  EXPECT_EQ(rune(R"('\\')"), 92u);
  EXPECT_EQ(rune(R"('\'')"), 39u);
}

TEST(Literals, NumericEscapes) {
  // Octal and \x escapes are bytes; \u and \U are code points encoded as UTF-8.
  EXPECT_EQ(decoded(R"("\101\x42\u0043\U00000044")"), "ABCD");
  EXPECT_EQ(decoded(R"("\377\xFF\xfe")"), "\xff\xff\xfe");
  EXPECT_EQ(decoded(R"("\u00e9\u4e16\U0001F600")"), "\xc3\xa9\xe4\xb8\x96\xf0\x9f\x98\x80");
  EXPECT_EQ(decoded(R"("\000")"), std::string(1, '\0'));
  EXPECT_EQ(rune(R"('\377')"), 255u);
  EXPECT_EQ(rune(R"('\xff')"), 255u);
  EXPECT_EQ(rune(R"('\u00E9')"), 0xe9u);
  EXPECT_EQ(rune(R"('\U0010FFFF')"), 0x10FFFFu);
}

TEST(Literals, RunesOfEveryLength) {
  EXPECT_EQ(rune("'a'"), 'a');
  EXPECT_EQ(rune("'\xc3\xa9'"), 0xe9u);             // é, two bytes
  EXPECT_EQ(rune("'\xe4\xb8\x96'"), 0x4e16u);       // 世, three bytes
  EXPECT_EQ(rune("'\xf0\x9f\x98\x80'"), 0x1F600u);  // 😀, four bytes
  EXPECT_EQ(rune("'\"'"), '"');
}

TEST(Literals, QuotesOnlyEscapeInTheirOwnLiteral) {
  EXPECT_EQ(stringError(R"("\'")"), "2: unknown escape");
  EXPECT_EQ(runeError(R"('\"')"), "2: unknown escape");
  EXPECT_EQ(decoded(R"("'")"), "'");
}

TEST(Literals, RawStrings) {
  EXPECT_EQ(decoded("`a\\n\"b`"), "a\\n\"b");
  EXPECT_EQ(decoded("`line1\r\nline2\r`"), "line1\nline2");  // carriage returns dropped
  EXPECT_EQ(decoded("``"), "");
  EXPECT_EQ(decoded("`\\x41 \\u00e9`"), "\\x41 \\u00e9");  // no escapes in raw strings
}

TEST(Literals, EscapeErrors) {
  // Offsets are where Go's scanner reports: the bad character, or just past the digits.
  EXPECT_EQ(stringError(R"("\q")"), "2: unknown escape");
  EXPECT_EQ(stringError(R"("ab\c")"), "4: unknown escape");
  EXPECT_EQ(stringError(R"("\400")"), "5: octal escape value 256 > 255");
  EXPECT_EQ(stringError(R"("\777")"), "5: octal escape value 511 > 255");
  EXPECT_EQ(stringError(R"("\18")"), "3: invalid character '8' in octal escape");
  EXPECT_EQ(stringError(R"("\x4")"), "4: invalid character '\"' in hexadecimal escape");
  EXPECT_EQ(stringError(R"("\xg0")"), "3: invalid character 'g' in hexadecimal escape");
  EXPECT_EQ(stringError(R"("\u12")"), "5: invalid character '\"' in hexadecimal escape");
  EXPECT_EQ(stringError(R"("\uD800")"), "7: escape is invalid Unicode code point U+D800");
  EXPECT_EQ(stringError(R"("\uDFFF")"), "7: escape is invalid Unicode code point U+DFFF");
  EXPECT_EQ(stringError(R"("\U00110000")"), "11: escape is invalid Unicode code point U+110000");
  EXPECT_EQ(runeError(R"('\x4g')"), "4: invalid character 'g' in hexadecimal escape");
  EXPECT_EQ(runeError(R"('\8')"), "2: unknown escape");
}

TEST(Literals, RuneCountErrors) {
  EXPECT_EQ(runeError("''"), "1: empty rune literal or unescaped ' in rune literal");
  EXPECT_EQ(runeError("'ab'"), "0: more than one character in rune literal");
  EXPECT_EQ(runeError(R"('\n\t')"), "0: more than one character in rune literal");
  EXPECT_EQ(runeError("'\xc3\xa9x'"), "0: more than one character in rune literal");
}

TEST(Literals, WellFormedNumbers) {
  for (const char* lit :
       {"0",      "7",        "42",      "1_000_000", "0x1F",   "0X_ff",   "0xdead_beef",
        "0o17",   "0O1_7",    "017",     "0_17",      "0b1010", "0B_1_0",  "1.5",
        "1.",     ".5",       "0.",      "00.5",      "09.5",   "089.",    "1e10",
        "1E-3",   "6.02e+23", "1_0.2_5", "1e0_0",     "0x1p-2", "0x1.8p1", "0X.8P+3",
        "0x_1p4", "0x1.p0",   "1i",      "0i",        "1.5i",   "1e3i",    "0x1p2i",
        "0b101i", "0o7i",     "0x1Fi",   "012i",      "089i",   ".5i",     "1_0i"}) {
    EXPECT_EQ(numberError(lit), "ok") << lit;
  }
}

TEST(Literals, NumberErrors) {
  EXPECT_EQ(numberError("08"), "1: invalid digit '8' in octal literal");
  EXPECT_EQ(numberError("0_8"), "2: invalid digit '8' in octal literal");
  EXPECT_EQ(numberError("0o8"), "2: invalid digit '8' in octal literal");
  EXPECT_EQ(numberError("0b102"), "4: invalid digit '2' in binary literal");
  EXPECT_EQ(numberError("0x"), "2: hexadecimal literal has no digits");
  EXPECT_EQ(numberError("0x_"), "3: hexadecimal literal has no digits");
  EXPECT_EQ(numberError("0b"), "2: binary literal has no digits");
  EXPECT_EQ(numberError("0o"), "2: octal literal has no digits");
  EXPECT_EQ(numberError("0b12."), "4: invalid radix point in binary literal");
  EXPECT_EQ(numberError("0o1.2"), "3: invalid radix point in octal literal");
  EXPECT_EQ(numberError("1e"), "2: exponent has no digits");
  EXPECT_EQ(numberError("1e+"), "3: exponent has no digits");
  EXPECT_EQ(numberError(".5e"), "3: exponent has no digits");
  EXPECT_EQ(numberError("0x1.8"), "5: hexadecimal mantissa requires a 'p' exponent");
  EXPECT_EQ(numberError("0x1p"), "4: exponent has no digits");
  EXPECT_EQ(numberError("1p3"), "1: 'p' exponent requires hexadecimal mantissa");
  EXPECT_EQ(numberError("0b1e1"), "3: 'e' exponent requires decimal mantissa");
  EXPECT_EQ(numberError("0o7E1"), "3: 'E' exponent requires decimal mantissa");
}

TEST(Literals, UnderscoreSeparators) {
  EXPECT_EQ(numberError("1__0"), "2: '_' must separate successive digits");
  EXPECT_EQ(numberError("1_"), "1: '_' must separate successive digits");
  EXPECT_EQ(numberError("1_.5"), "1: '_' must separate successive digits");
  EXPECT_EQ(numberError("1._5"), "2: '_' must separate successive digits");
  EXPECT_EQ(numberError("1e+_1"), "3: '_' must separate successive digits");
  EXPECT_EQ(numberError("0x1_p2"), "3: '_' must separate successive digits");
  EXPECT_EQ(numberError("1_i"), "1: '_' must separate successive digits");
  // A base prefix counts as a digit: `0x_1` and `0b_1` are fine.
  EXPECT_EQ(numberError("0x_1"), "ok");
  EXPECT_EQ(numberError("0b_1"), "ok");
}

TEST(Literals, SourceText) {
  EXPECT_FALSE(checkSourceText("package main\n\xc3\xa9"));
  auto nul = checkSourceText(std::string("ab\0c", 4));
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->offset, 2u);
  EXPECT_EQ(nul->message, "invalid NUL character");
  auto bad = checkSourceText("x\xff");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->offset, 1u);
  EXPECT_EQ(bad->message, "invalid UTF-8 encoding");
  EXPECT_FALSE(checkSourceText("\xEF\xBF\xBD"));  // U+FFFD itself is fine
}

TEST(Literals, AppendUtf8) {
  std::string out;
  appendUtf8(out, 'A');
  appendUtf8(out, 0xe9);
  appendUtf8(out, 0x4e16);
  appendUtf8(out, 0x1F600);
  EXPECT_EQ(out, "A\xc3\xa9\xe4\xb8\x96\xf0\x9f\x98\x80");
  std::string bad;
  appendUtf8(bad, 0xD800);
  appendUtf8(bad, 0x110000);
  EXPECT_EQ(bad, "\xef\xbf\xbd\xef\xbf\xbd");
}

}  // namespace
}  // namespace gol::syntax
