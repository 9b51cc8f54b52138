#include "tests/terminal_screen.h"

#include <gtest/gtest.h>

namespace {

using gol::testing::TerminalScreen;

TEST(TerminalScreen, WritesLinesAndOverwritesAfterCarriageReturn) {
  TerminalScreen screen(20);
  screen.apply("hello\r\nworld\rW");
  EXPECT_EQ(screen.tail(2), "hello\nWorld");
  EXPECT_EQ(screen.cursorColumn(), 1u);
}

TEST(TerminalScreen, WrapsAtTheMarginLikeXterm) {
  TerminalScreen screen(5);
  screen.apply("abcde");  // the cursor stays on the last column until the next character
  EXPECT_EQ(screen.cursorRow(), 0u);
  screen.apply("f\bF");
  EXPECT_EQ(screen.tail(2), "abcde\nF");
}

TEST(TerminalScreen, MovesTheCursorAndErases) {
  TerminalScreen screen(10);
  screen.apply("one\r\ntwo\r\nthree");
  screen.apply("\x1b[2A\x1b[2GX");  // up two, column two
  EXPECT_EQ(screen.tail(3), "oXe\ntwo\nthree");
  screen.apply("\x1b[B\r\x1b[J");  // down one, clear below
  EXPECT_EQ(screen.tail(3), "oXe");
  screen.apply("ab\x1b[D\x1b[1@c\x1b[3C\x1b[Kz");
  EXPECT_EQ(screen.tail(2), "oXe\nacb  z");
  screen.apply("\r\x1b[2Pd");
  EXPECT_EQ(screen.tail(1), "d  z");
}

TEST(TerminalScreen, KeepsUtf8AndSequencesCutBetweenReads) {
  TerminalScreen screen(10);
  screen.apply("h\xc3");
  screen.apply("\xa9\x1b[");
  screen.apply("1;31mllo\x1b");
  screen.apply("[0m");
  EXPECT_EQ(screen.tail(1), "h\xc3\xa9llo");
}

}  // namespace
