// The REPL as a user at a terminal sees it: `gol` on a pseudo-terminal, typed into.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/pty_harness.h"

namespace {

using gol::testing::PtyOptions;
using gol::testing::PtyProcess;

constexpr int kTimeoutMs = 20000;  // generous: the machine may be loaded
constexpr const char* kPrompt = "gol> ";

class ReplPtyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/gol_repl_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    home_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(home_); }

  std::unique_ptr<PtyProcess> start(const std::vector<std::string>& flags = {}) {
    std::vector<std::string> argv{GOL_BINARY};
    argv.insert(argv.end(), flags.begin(), flags.end());
    PtyOptions options;
    options.environment["HOME"] = home_;
    auto process = PtyProcess::spawn(argv, options);
    EXPECT_NE(process, nullptr);
    if (process) EXPECT_TRUE(process->expect(kPrompt, kTimeoutMs)) << process->text();
    return process;
  }

  // Types a line, waits for `expected` in the output and for the next prompt.
  static bool enter(PtyProcess& p, const std::string& line, const std::string& expected = "") {
    p.write(line + "\r");
    if (!expected.empty() && !p.expect(expected, kTimeoutMs)) return false;
    return p.expect(kPrompt, kTimeoutMs);
  }

  static void quit(PtyProcess& p) {
    p.sendEof();
    EXPECT_EQ(p.wait(kTimeoutMs), 0) << p.text();
  }

  std::string home_;
};

TEST_F(ReplPtyTest, MultiLineFunctionThenACall) {
  auto p = start();
  ASSERT_TRUE(p);
  p->write("func square(n int) int {\r");
  ASSERT_TRUE(p->expect("...  ", kTimeoutMs)) << p->text();
  p->write("return n * n\r");
  ASSERT_TRUE(p->expect("...  ", kTimeoutMs)) << p->text();
  ASSERT_TRUE(enter(*p, "}"));
  ASSERT_TRUE(enter(*p, "square(7)", "49\n")) << p->text();
  ASSERT_TRUE(enter(*p, "func square(n int) int { return n * n * n }"));
  ASSERT_TRUE(enter(*p, "square(3)", "27\n")) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, ABackgroundGoroutinePrintsWithoutGarblingTheLineBeingTyped) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p,
                    "go func() { time.Sleep(500 * time.Millisecond); "
                    "fmt.Println(\"tick from a goroutine\") }()"));
  p->write("fmt.Println(\"ty");
  ASSERT_TRUE(p->expect("tick from a goroutine\n", kTimeoutMs)) << p->text();
  // The line being typed is drawn again below the goroutine's output, and goes on.
  ASSERT_TRUE(p->expect("gol> fmt.Println(\"ty", kTimeoutMs)) << p->text();
  ASSERT_TRUE(enter(*p, "ped\")", "typed\n")) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, ADeadlockEndsOnlyTheInput) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p, "c := make(chan int)"));
  ASSERT_TRUE(enter(*p, "c <- 1", "fatal error: all goroutines are asleep - deadlock!"))
      << p->text();
  ASSERT_TRUE(enter(*p, "fmt.Println(\"alive\")", "alive\n")) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, CtrlCInterruptsARunningLoop) {
  auto p = start();
  ASSERT_TRUE(p);
  p->write("n := 0; for { n++ }\r");
  p->settle(300);
  p->sendCtrlC();
  ASSERT_TRUE(p->expect("interrupted\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  ASSERT_TRUE(enter(*p, "n > 0", "true\n")) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, CtrlCAbandonsABlockedInput) {
  auto p = start();
  ASSERT_TRUE(p);
  // A ticking goroutine keeps the blocked input from being a deadlock.
  ASSERT_TRUE(enter(*p, "go func() { for { time.Sleep(10 * time.Millisecond) } }()"));
  p->write("<-make(chan int)\r");
  p->settle(300);
  p->sendCtrlC();
  ASSERT_TRUE(p->expect("interrupted\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  // The input was withdrawn from its receive and ended: only the ticking goroutine is left.
  ASSERT_TRUE(enter(*p, ":goroutines", "\n1 goroutine\n")) << p->text();
  EXPECT_EQ(p->text().find("an abandoned input"), std::string::npos) << p->text();
  ASSERT_TRUE(enter(*p, "1 + 1", "2\n")) << p->text();
  quit(*p);
}

// A Lock interrupted by Ctrl-C never takes the mutex, even once it is free.
TEST_F(ReplPtyTest, AnInterruptedLockNeverTakesTheMutex) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p, "go func() { for { time.Sleep(10 * time.Millisecond) } }()"));
  ASSERT_TRUE(enter(*p, "var mu sync.Mutex"));
  ASSERT_TRUE(enter(*p, "mu.Lock()"));
  p->write("mu.Lock(); fmt.Println(\"never\")\r");
  p->settle(300);
  p->sendCtrlC();
  ASSERT_TRUE(p->expect("interrupted\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  ASSERT_TRUE(enter(*p, "mu.Unlock(); time.Sleep(50 * time.Millisecond)")) << p->text();
  ASSERT_TRUE(enter(*p, "mu.TryLock()", "true\n")) << p->text();
  EXPECT_EQ(p->text().find("\nnever"), std::string::npos) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, AnInterruptedInputDoesNotGoOnWhenItsWaitEnds) {
  auto p = start();
  ASSERT_TRUE(p);
  p->write("time.Sleep(700 * time.Millisecond); fmt.Println(\"too late\")\r");
  p->settle(200);
  p->sendCtrlC();
  ASSERT_TRUE(p->expect("interrupted\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  p->settle(1000);
  ASSERT_TRUE(enter(*p, "fmt.Println(\"done\")", "done\n")) << p->text();
  EXPECT_EQ(p->text().find("too late\n"), std::string::npos) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, CtrlCDiscardsTheLineBeingTyped) {
  auto p = start();
  ASSERT_TRUE(p);
  p->write("this is not Go");
  p->settle(100);
  p->sendCtrlC();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  ASSERT_TRUE(enter(*p, "2 * 21", "42\n")) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, GoroutinesListsWhatEachWaitsOn) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p, "block := make(chan int)"));
  ASSERT_TRUE(enter(*p, "go func() { <-block }()"));
  ASSERT_TRUE(enter(*p, "var mu sync.Mutex"));
  ASSERT_TRUE(enter(*p, "mu.Lock()"));
  ASSERT_TRUE(enter(*p, "go func() {\r\tmu.Lock()\r}()"));
  ASSERT_TRUE(enter(*p, "go func() { time.Sleep(time.Hour) }()"));
  p->settle(100);
  p->write(":goroutines\r");
  // What each waits on, named as the source names it, and where it is now.
  ASSERT_TRUE(p->expect("[chan receive on block, ", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect("]: at repl:2, created by main.main in goroutine 1 at repl:2", kTimeoutMs))
      << p->text();
  ASSERT_TRUE(p->expect("[sync.Mutex.Lock on mu, ", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect("]: at repl:6, created by main.main in goroutine 1 at repl:5", kTimeoutMs))
      << p->text();
  ASSERT_TRUE(p->expect("[sleep ", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(" left, ", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect("3 goroutines\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  quit(*p);
}

// :goroutines typed while an input runs is answered at once, not after the input; other
// lines typed meanwhile are kept: for the program's reads of standard input, then as the
// next input.
TEST_F(ReplPtyTest, GoroutinesIsAnsweredWhileAnInputRuns) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p, "block := make(chan int)"));
  ASSERT_TRUE(enter(*p, "go func() { <-block }()"));
  p->write("time.Sleep(2 * time.Second); fmt.Println(\"slept\")\r");
  p->settle(300);
  p->write(":goroutines\r");
  ASSERT_TRUE(p->expect("[chan receive on block, ", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect("]: at repl:3, the input that is running\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect("2 goroutines\n", kTimeoutMs)) << p->text();
  EXPECT_EQ(p->text().find("slept\n"), std::string::npos) << p->text();  // still running
  p->write("1 + 2\r");
  ASSERT_TRUE(p->expect("slept\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect("3\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, WhatIsTypedWhileAnInputRunsIsItsStandardInput) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p, "var name string"));
  p->write("fmt.Scanln(&name); fmt.Println(\"hello\", name)\r");
  p->settle(300);
  p->write("gopher\r");
  ASSERT_TRUE(p->expect("hello gopher\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, HistoryIsRecalledAndKeptAcrossSessions) {
  {
    auto p = start();
    ASSERT_TRUE(p);
    ASSERT_TRUE(enter(*p, "x := 41"));
    ASSERT_TRUE(enter(*p, "x + 1", "42\n")) << p->text();
    p->write("\x1b[A");  // up: `x + 1` again
    ASSERT_TRUE(p->expect("x + 1", kTimeoutMs)) << p->text();
    ASSERT_TRUE(enter(*p, "", "42\n")) << p->text();
    quit(*p);
  }
  auto p = start();
  ASSERT_TRUE(p);
  p->write("\x1b[A\x1b[A");  // the previous session's lines
  ASSERT_TRUE(p->expect("x + 1", kTimeoutMs)) << p->text();
  p->write("\x15");  // Ctrl-U: clear the line
  ASSERT_TRUE(enter(*p, "40 + 2", "42\n")) << p->text();
  quit(*p);
}

TEST_F(ReplPtyTest, TabCompletesPackageMembersAndNames) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p, "greeting := \"hi\""));
  p->write("strings.ToUp\t");
  ASSERT_TRUE(p->expect("strings.ToUpper", kTimeoutMs)) << p->text();
  p->write("(greet\t");
  ASSERT_TRUE(p->expect("(greeting", kTimeoutMs)) << p->text();
  ASSERT_TRUE(enter(*p, ")", "\"HI\"\n")) << p->text();
  quit(*p);
}

// TAB completes a variable's fields and methods after `x.`, keywords, packages not
// imported yet, :commands and file names after :load.
TEST_F(ReplPtyTest, TabCompletesFieldsKeywordsPackagesCommandsAndFiles) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p, "type Point struct{ Longitude, Latitude float64 }")) << p->text();
  ASSERT_TRUE(enter(*p, "func (p Point) Describe() string { return \"point\" }")) << p->text();
  ASSERT_TRUE(enter(*p, "pt := Point{1, 2}")) << p->text();
  p->write("pt.Lon\t");
  ASSERT_TRUE(p->expect("pt.Longitude", kTimeoutMs)) << p->text();
  ASSERT_TRUE(enter(*p, "", "1\n")) << p->text();
  p->write("pt.Desc\t");
  ASSERT_TRUE(p->expect("pt.Describe", kTimeoutMs)) << p->text();
  ASSERT_TRUE(enter(*p, "()", "\"point\"\n")) << p->text();
  p->write("fallt\t");
  ASSERT_TRUE(p->expect("fallthrough", kTimeoutMs)) << p->text();
  p->write("\x15");  // Ctrl-U: the line is dropped
  p->write("tabwri\t");
  ASSERT_TRUE(p->expect("tabwriter", kTimeoutMs)) << p->text();
  p->write("\x15");
  p->write(":gorou\t");
  ASSERT_TRUE(p->expect(":goroutines", kTimeoutMs)) << p->text();
  p->write("\x15");
  std::ofstream(home_ + "/lesson_one.gol") << "package main\n";
  p->write(":load " + home_ + "/lesson_o\t");
  ASSERT_TRUE(p->expect("lesson_one.gol", kTimeoutMs)) << p->text();
  p->write("\x15");
  ASSERT_TRUE(enter(*p, ":env", "var pt Point")) << p->text();
  ASSERT_TRUE(enter(*p, ":doc strings.ToUpper", "func strings.ToUpper(string) string"))
      << p->text();
  quit(*p);
}

// TAB at the start of a line, after blanks and inside a literal is text, not completion:
// typed (or pasted without bracketed paste), tab-indented code keeps its tabs.
TEST_F(ReplPtyTest, TabsAtTheStartOfALineAndInsideLiteralsAreText) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p, "\ts := `a\tb`")) << p->text();
  ASSERT_TRUE(enter(*p, "len(s)", "3\n")) << p->text();
  ASSERT_TRUE(enter(*p, "r := '\t'")) << p->text();
  ASSERT_TRUE(enter(*p, "\t\tfmt.Println(r, len(\"x\ty\"))", "9 3\n")) << p->text();
  EXPECT_EQ(p->text().find("append"), std::string::npos) << p->text();  // no completion list
  quit(*p);
}

// A bracketed paste (what terminals send once the REPL asks for it): every tab in it is
// text, even after a word, where a typed TAB completes.
TEST_F(ReplPtyTest, ABracketedPasteKeepsItsTabs) {
  auto p = start();
  ASSERT_TRUE(p);
  p->write("\033[200~y := 2\r\tfmt.Println(y+\t1, len(`\t`))\r\033[201~");
  ASSERT_TRUE(p->expect("3 1\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  quit(*p);
}

// A teaching note's fragment pasted at once: main calls a function declared below it,
// and a statement starts a goroutine running a function declared below it.
TEST_F(ReplPtyTest, PastedFragmentsRunAsTheNotesDescribe) {
  auto readExample = [](const std::string& name) {
    std::ifstream in(std::string(EXAMPLES_DIR) + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    for (char& c : s) {
      if (c == '\n') c = '\r';
    }
    return s;
  };
  auto p = start();
  ASSERT_TRUE(p);
  p->write(readExample("07-range-over-channel.gol"));
  ASSERT_TRUE(p->expect("0\n1\n2\n3\n4\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  p->write(readExample("12-channel-directions-fixed.gol"));
  ASSERT_TRUE(p->expect("\n1\n", kTimeoutMs)) << p->text();
  ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
  EXPECT_EQ(p->text().find("undefined"), std::string::npos) << p->text();
  quit(*p);
}

// Every teaching example pasted at a terminal, tabs and all, as bracketed paste delivers
// it, prints what `gol run` prints (with the REPL's differences, as the pipe-paste tests
// state them: positions in `repl`, tests/repl/examples/NAME.out where it echoes more).
TEST_F(ReplPtyTest, EveryExamplePastedAtATerminalPrintsWhatGolRunPrints) {
  namespace fs = std::filesystem;
  auto read = [](const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  std::vector<fs::path> examples;
  for (const auto& entry : fs::directory_iterator(EXAMPLES_DIR)) {
    fs::path out = entry.path();
    if (entry.path().extension() == ".gol" && fs::exists(out.replace_extension(".out"))) {
      examples.push_back(entry.path());
    }
  }
  std::sort(examples.begin(), examples.end());
  ASSERT_GE(examples.size(), 20u);
  for (const fs::path& example : examples) {
    std::string base = example.stem().string();
    // Its goroutines sleep, then print: started at the prompt, they go on running while a
    // terminal session waits (a pipe's session ends before they print), so what shows
    // depends on how long one waits.
    if (base == "03-fire-and-forget") continue;
    fs::path own = fs::path(REPL_EXAMPLES_DIR) / (base + ".out");
    std::string expected;
    if (fs::exists(own)) {
      expected = read(own);
    } else {
      expected = read(fs::path(example).replace_extension(".out"));
      for (size_t at; (at = expected.find(base + ".gol:")) != std::string::npos;) {
        expected.replace(at, base.size() + 4, "repl");
      }
    }
    // The screen shows a tab as the blanks to the next multiple of 8.
    std::string expanded;
    size_t column = 0;
    for (char c : expected) {
      if (c == '\t') {
        do expanded += ' ';
        while (++column % 8 != 0);
        continue;
      }
      expanded += c;
      column = c == '\n' ? 0 : column + 1;
    }
    expected = expanded;
    std::string code = read(example);
    for (char& c : code) {
      if (c == '\n') c = '\r';
    }
    PtyOptions options;
    options.environment["HOME"] = home_;
    options.columns = 200;  // echoed lines never wrap
    auto p = PtyProcess::spawn({GOL_BINARY}, options);
    ASSERT_TRUE(p);
    ASSERT_TRUE(p->expect(kPrompt, kTimeoutMs)) << p->text();
    p->write("\033[200~" + code + "\033[201~");
    p->settle(300);
    p->sendEof();
    p->wait(kTimeoutMs);
    // What the program printed: the screen's lines (output that came while a line was
    // being edited is drawn above it) that are not the banner or an echoed input.
    std::string printed;
    for (const std::string& line : p->screen().lines()) {
      // (The screen drops trailing blanks: a bare prompt is "gol>" or "...".)
      if (line.rfind("Gol REPL:", 0) == 0 || line.rfind(kPrompt, 0) == 0 || line == "gol>" ||
          line.rfind("...  ", 0) == 0 || line == "...") {
        continue;
      }
      // Output without a final newline: the next prompt follows it on its line.
      if (line.size() > 4 && line.compare(line.size() - 4, 4, "gol>") == 0) {
        printed += line.substr(0, line.size() - 4);
        continue;
      }
      printed += line + "\n";
    }
    std::string screen;
    for (const std::string& line : p->screen().lines()) screen += line + "\n";
    EXPECT_EQ(printed, expected) << base << ", the screen showed:\n" << screen;
  }
}

TEST_F(ReplPtyTest, CtrlDLeavesWithStatusZero) {
  auto p = start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(enter(*p, ":help", ":goroutines"));
  quit(*p);
}

}  // namespace
