#include "stdlib/unicode.h"

#include <gtest/gtest.h>

#include <string>

#include "stdlib/utf8.h"

namespace gol::stdlib::unicode {
namespace {

struct RuneCase {
  int32_t r;
  const char* flags;  // IsLetter IsDigit IsNumber IsSpace IsUpper IsLower IsTitle IsPunct
                      // IsSymbol IsMark IsControl IsGraphic IsPrint, as 0/1
  int32_t upper, lower;
  int runeLen;
};
constexpr RuneCase kRuneCases[] = {
#define RUNE_CASES
#include "stdlib/strings_cases.inc"
#undef RUNE_CASES
};

std::string flagsOf(int32_t r) {
  bool v[] = {isLetter(r),  isDigit(r),   isNumber(r), isSpace(r),  isUpper(r),
              isLower(r),   isTitle(r),   isPunct(r),  isSymbol(r), isMark(r),
              isControl(r), isGraphic(r), isPrint(r)};
  std::string s;
  for (bool b : v) s += b ? '1' : '0';
  return s;
}

// The expectations come from Go 1.19 (Unicode 13); Gol implements Go 1.22's Unicode 15.
// Code points unassigned in Unicode 13 (no class at all there) may have been assigned
// since, so they are not compared.
TEST(Unicode, MatchesGo) {
  int compared = 0;
  for (const RuneCase& c : kRuneCases) {
    EXPECT_EQ(utf8::runeLen(c.r), c.runeLen) << c.r;
    if (std::string(c.flags) == "0000000000000") continue;
    ++compared;
    EXPECT_EQ(flagsOf(c.r), c.flags) << "U+" << std::hex << c.r;
    EXPECT_EQ(toUpper(c.r), c.upper) << "U+" << std::hex << c.r;
    EXPECT_EQ(toLower(c.r), c.lower) << "U+" << std::hex << c.r;
  }
  EXPECT_GT(compared, 10000);
}

TEST(Unicode, Unicode15) {
  // Assigned in Unicode 14 or 15, so Go 1.21+ knows them.
  EXPECT_TRUE(isLetter(0x0870));   // ARABIC LETTER ALEF WITH ATTACHED FATHA (14.0)
  EXPECT_TRUE(isLetter(0x11F04));  // KAWI LETTER A (15.0)
  EXPECT_TRUE(isSymbol(0x1FAE8));  // SHAKING FACE (15.0)
  EXPECT_TRUE(isPrint(0x1FAE8));
  EXPECT_EQ(toUpper(0x2C5F), 0x2C2F);  // GLAGOLITIC (14.0)
}

TEST(Unicode, Basics) {
  EXPECT_TRUE(isLetter('a'));
  EXPECT_TRUE(isLetter(0x00E9));
  EXPECT_FALSE(isLetter('1'));
  EXPECT_TRUE(isDigit('7'));
  EXPECT_TRUE(isDigit(0x0663));   // ARABIC-INDIC DIGIT THREE
  EXPECT_FALSE(isDigit(0x00B2));  // superscript two: a number, not a digit
  EXPECT_TRUE(isNumber(0x00B2));
  EXPECT_TRUE(isSpace(' '));
  EXPECT_TRUE(isSpace(0x85));
  EXPECT_TRUE(isSpace(0xA0));
  EXPECT_TRUE(isSpace(0x3000));
  EXPECT_FALSE(isSpace(0x200B));
  EXPECT_TRUE(isUpper('Q'));
  EXPECT_TRUE(isLower(0x00DF));
  EXPECT_TRUE(isTitle(0x01C5));
  EXPECT_TRUE(isPunct('!'));
  EXPECT_FALSE(isPunct('+'));
  EXPECT_TRUE(isSymbol('+'));
  EXPECT_TRUE(isControl('\n'));
  EXPECT_FALSE(isControl(0x200E));
  EXPECT_FALSE(isPrint(0xA0));
  EXPECT_TRUE(isGraphic(0xA0));
  EXPECT_EQ(toUpper('a'), 'A');
  EXPECT_EQ(toUpper(0x00E9), 0x00C9);
  EXPECT_EQ(toUpper(0x00DF), 0x00DF);
  EXPECT_EQ(toLower(0x0130), 'i');
  EXPECT_EQ(toUpper(0x0131), 'I');
  EXPECT_EQ(toUpper(0x01C5), 0x01C4);
  EXPECT_EQ(toLower(0x01C5), 0x01C6);
  EXPECT_EQ(toUpper(-1), -1);
  EXPECT_EQ(toUpper(0x110000), 0x110000);
}

TEST(Utf8, EncodeDecode) {
  EXPECT_EQ(utf8::encode(0x4E16), "\xE4\xB8\x96");
  EXPECT_EQ(utf8::encode(0xD800), "\xEF\xBF\xBD");
  EXPECT_EQ(utf8::encode(-1), "\xEF\xBF\xBD");
  EXPECT_EQ(utf8::runeLen(0x10FFFF), 4);
  EXPECT_EQ(utf8::runeLen(0x110000), -1);
  EXPECT_EQ(utf8::decodeRune("\xED\xA0\x80").rune, utf8::RuneError);  // surrogate
  EXPECT_EQ(utf8::decodeRune("\xC0\x80").size, 1);                    // overlong
  EXPECT_EQ(utf8::decodeRune("").size, 0);
  EXPECT_EQ(utf8::runeCount("a\xffé"), 3);
  EXPECT_FALSE(utf8::validString("a\xff"));
  EXPECT_TRUE(utf8::validString("日本"));
  EXPECT_FALSE(utf8::fullRune("\xE4\xB8"));
  EXPECT_TRUE(utf8::fullRune("\xE4\x41"));
}

}  // namespace
}  // namespace gol::stdlib::unicode
