#include "tests/pty_harness.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace {

using gol::testing::PtyProcess;

TEST(PtyHarness, TypesIntoAProgramAndReadsItsOutput) {
  auto p = PtyProcess::spawn({"/bin/sh", "-c", "read line; echo \"got:$line\"; exit 3"});
  ASSERT_TRUE(p);
  p->write("hello\n");
  EXPECT_TRUE(p->expect("got:hello", 10000)) << p->text();
  EXPECT_EQ(p->wait(10000), 3);
}

TEST(PtyHarness, RunsOnATerminalOfTheGivenSize) {
  gol::testing::PtyOptions options;
  options.rows = 30;
  options.columns = 101;
  options.environment["GREETING"] = "hi there";
  auto p = PtyProcess::spawn(
      {"/bin/sh", "-c", "test -t 0 && test -t 1 && stty size && echo \"$TERM $GREETING\""},
      options);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->expect("30 101\nxterm hi there", 10000)) << p->text();
  EXPECT_EQ(p->wait(10000), 0);
}

TEST(PtyHarness, ExpectTimesOutAndMatchesInOrder) {
  auto p = PtyProcess::spawn({"/bin/sh", "-c", "echo one two one; sleep 30"});
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->expect("one", 10000));
  EXPECT_TRUE(p->expect("one", 10000));
  EXPECT_FALSE(p->expect("one", 200));
  EXPECT_EQ(p->wait(100), -1);
}

TEST(PtyHarness, CtrlCReachesTheProgramAsSigint) {
  auto p = PtyProcess::spawn({"/bin/sh", "-c", "echo ready; exec sleep 30"});
  ASSERT_TRUE(p);
  ASSERT_TRUE(p->expect("ready", 10000));
  p->settle(100);
  p->sendCtrlC();
  EXPECT_EQ(p->wait(10000), 128 + SIGINT);
}

TEST(PtyHarness, StripsEscapeSequences) {
  EXPECT_EQ(PtyProcess::stripEscapes("\x1b[1;31mred\x1b[0m\r\n\x1b]0;title\x07ok\x1bOA\a"),
            "red\nok");
}

TEST(PtyHarness, KillsTheChildWhenDestroyed) {
  pid_t pid;
  {
    auto p = PtyProcess::spawn({"sleep", "60"});
    ASSERT_TRUE(p);
    pid = p->pid();
  }
  EXPECT_EQ(kill(pid, 0), -1);
}

}  // namespace
