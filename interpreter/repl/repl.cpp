// The REPL loop runs as goroutine 1 of the runtime: it reads a line through rt::blocking
// (so the goroutines started earlier keep running, and a read in progress counts as a
// possible wake-up, never as a deadlock), parses, checks and compiles the input on its
// own 512 MiB stack, and hands the input to eval::runInput.
//
// Threads: the line editor runs on a blocking-call helper thread while goroutine 1 waits
// for it; its completer reads the session then, when nothing else touches it. SIGINT
// writes a byte to a pipe; a watcher thread turns it into the editor's interrupt (while a
// line is read) or eval::interruptInput (while an input runs). `reading` says which.
#include "interpreter/repl/repl.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "interpreter/check/checker.h"
#include "interpreter/driver.h"
#include "interpreter/eval/compiler.h"
#include "interpreter/eval/repl_run.h"
#include "interpreter/repl/go_doc.h"
#include "interpreter/repl/line_editor.h"
#include "interpreter/syntax/parser.h"
#include "runtime/runtime.h"
#include "stdlib/packages.h"

namespace gol::repl {

namespace {

constexpr const char* kPrompt = "gol> ";
constexpr const char* kContinuation = "...  ";
constexpr const char* kFileName = "repl";

constexpr const char* kKeywords[] = {"break",     "case",   "chan",    "const",       "continue",
                                     "default",   "defer",  "else",    "fallthrough", "for",
                                     "func",      "go",     "goto",    "if",          "import",
                                     "interface", "map",    "package", "range",       "return",
                                     "select",    "struct", "switch",  "type",        "var"};

constexpr const char* kCommands[] = {"help", "quit",       "reset", "load", "maxprocs",
                                     "type", "goroutines", "doc",   "env",  "stop"};

constexpr const char* kHelp =
    "Type Go statements, declarations and expressions; an expression's value is printed.\n"
    "An input spans several lines while its braces or parentheses are open.\n"
    "Declarations persist and may be redefined; goroutines keep running between inputs.\n"
    "\n"
    "  :help            this help\n"
    "  :quit            leave (or Ctrl-D)\n"
    "  :reset           forget every declaration, end the goroutines, start afresh\n"
    "  :load FILE       run FILE.gol as if typed (a `package main` program runs main)\n"
    "  :maxprocs [N]    show or set GOMAXPROCS\n"
    "  :type EXPR       show the type of EXPR without running it\n"
    "  :goroutines      list the live goroutines: state, what each waits on, where, how\n"
    "                   long (at a terminal, answered at once even while an input runs)\n"
    "  :stop N          end goroutine N (a runaway one started at the prompt)\n"
    "  :doc NAME        show the declaration of NAME (x, f, strings.ToUpper) and, for a\n"
    "                   standard package member, the first line of Go's documentation\n"
    "  :env             list what the session has declared\n"
    "\n"
    "Ctrl-C interrupts a running input (or discards the line being typed).\n";

// The session's state. Everything an input's code may still refer to (its AST, Info, the
// compiled program) lives until the process ends: an abandoned input's goroutine, or a
// goroutine it started, may run it at any time. :reset starts a new Session.
struct Session {
  stdlib::Packages& packages;
  std::unique_ptr<check::Info> info = std::make_unique<check::Info>();
  std::unique_ptr<check::ReplSession> checker =
      std::make_unique<check::ReplSession>(packages, *info);
  eval::ReplProgramPtr program = eval::newReplProgram(*info, packages, kFileName);
  std::vector<std::unique_ptr<syntax::SourceFile>> sources;
  std::vector<std::unique_ptr<syntax::Ast>> asts;
  std::vector<std::unique_ptr<eval::ReplCode>> codes;

  explicit Session(stdlib::Packages& p) : packages(p) {}
};

// Whether brackets opened in text are still open (outside strings, runes and comments).
bool bracketsOpen(const std::string& text) {
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = text.find('\n', i);
      if (i == std::string::npos) break;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      i = text.find("*/", i + 2);
      if (i == std::string::npos) return true;
      ++i;
    } else if (c == '"' || c == '\'') {
      for (++i; i < text.size() && text[i] != c && text[i] != '\n'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '`') {
      i = text.find('`', i + 1);
      if (i == std::string::npos) return true;
    } else if (c == '{' || c == '(' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ')' || c == ']') {
      --depth;
    }
  }
  return depth > 0;
}

// Whether the parser stopped because the text ended: then more lines may complete it.
bool endsIncomplete(const syntax::Diagnostics& diags, const syntax::SourceFile& file) {
  if (bracketsOpen(file.text())) return true;
  syntax::Pos end = file.posOfByte(file.text().size());
  for (const syntax::Diagnostic& d : diags.list()) {
    const std::string& m = d.message;
    if (m.find("unexpected EOF") != std::string::npos ||
        m.find("raw string literal not terminated") != std::string::npos ||
        m.find("comment not terminated") != std::string::npos) {
      return true;
    }
    if (d.pos.line > end.line || (d.pos.line == end.line && d.pos.col >= end.col)) return true;
  }
  return false;
}

// A pasted program's `package main` clause: blanked (keeping the columns), so the rest
// reads as a script.
std::string withoutPackageClause(std::string text) {
  // The clause may follow comments (a file's doc comment, a #! line made one).
  size_t i = 0;
  for (;;) {
    i = text.find_first_not_of(" \t\r\n", i);
    if (i == std::string::npos) return text;
    if (text.compare(i, 2, "//") == 0) {
      i = text.find('\n', i);
      if (i == std::string::npos) return text;
    } else if (text.compare(i, 2, "/*") == 0) {
      i = text.find("*/", i + 2);
      if (i == std::string::npos) return text;
      i += 2;
    } else {
      break;
    }
  }
  if (text.compare(i, 8, "package ") != 0) return text;
  size_t end = text.find('\n', i);
  if (end == std::string::npos) end = text.size();
  std::fill(text.begin() + static_cast<long>(i), text.begin() + static_cast<long>(end), ' ');
  return text;
}

bool isIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         (static_cast<unsigned char>(c) & 0x80);
}

class Repl {
 public:
  Repl(LineEditor& editor, stdlib::Packages& packages)
      : editor_(editor), packages_(packages), session_(std::make_unique<Session>(packages)) {}

  // `gol -i FILE`: the file runs as :load runs it, then the prompt comes.
  void loop(const std::string& preload) {
    if (!preload.empty()) load(preload);
    std::string pending;  // an input's lines so far, while its syntax is incomplete
    // Complete inputs waiting for what they refer to (awaitsDeclarations), in order.
    std::vector<std::string> held;
    for (;;) {
      std::string line;
      const char* prompt = pending.empty() && held.empty() ? kPrompt : kContinuation;
      reading_.store(true);
      LineEditor::Result r = rt::blocking([&] { return editor_.readLine(prompt, &line); });
      reading_.store(false);
      if (r == LineEditor::Result::Interrupted) {
        pending.clear();
        held.clear();
        continue;
      }
      if (r == LineEditor::Result::Eof) {
        // What is left is reported as it stands.
        evaluateHeld(held);
        if (!pending.empty()) evaluate(pending, kFileName, false);
        return;  // the editor ended the line Ctrl-D was typed on
      }
      if (pending.empty() && held.empty() && isCommand(line)) {
        editor_.addHistory(line);
        if (!command(line)) return;
        continue;
      }
      pending += line;
      pending += '\n';
      if (pending.find_first_not_of(" \t\r\n") == std::string::npos) {
        pending.clear();
        if (held.empty()) {
          ++nextLine_;
        } else {
          held.back() += '\n';
        }
        continue;
      }
      std::string typed = pending;  // what history records: the held part is there already
      if (!held.empty()) {
        Shape shape = shapeOf(pending);
        if (shape == Shape::Incomplete) continue;
        if (shape == Shape::Empty) {  // comments between the declarations
          held.back() += pending;
          pending.clear();
          continue;
        }
        if (shape == Shape::Functions || editor_.inputPending()) {
          // Together, the held inputs may find what they refer to here.
          std::string together;
          for (const std::string& h : held) together += h;
          together += pending;
          Evaluated e = evaluate(together, kFileName, true, /*quietFailure=*/true);
          if (e == Evaluated::Incomplete) continue;
          editor_.addHistory(typed.substr(0, typed.size() - 1));
          if (e == Evaluated::Awaiting) {
            held.push_back(pending);
          } else if (e == Evaluated::Failed) {
            held.push_back(pending);
            evaluateHeld(held);
          }
          if (e != Evaluated::Awaiting) held.clear();
          pending.clear();
          continue;
        }
        evaluateHeld(held);  // what they refer to did not come
        held.clear();
      }
      Evaluated e = evaluate(pending, kFileName, true);
      if (e == Evaluated::Incomplete) continue;
      editor_.addHistory(typed.substr(0, typed.size() - 1));
      if (e == Evaluated::Awaiting) held.push_back(pending);
      pending.clear();
    }
  }

  // Whether an input failed to compile (a piped session then exits with status 1).
  bool hadErrors() const { return hadErrors_; }

  // The SIGINT watcher's view: whether a line is being read (else an input may run).
  bool reading() const { return reading_.load(); }

 private:
  static bool isCommand(const std::string& line) {
    size_t i = line.find_first_not_of(" \t");
    return i != std::string::npos && line[i] == ':' && i + 1 < line.size() &&
           std::isalpha(static_cast<unsigned char>(line[i + 1]));
  }

  std::string numbered(const std::string& text) const {
    return std::string(static_cast<size_t>(nextLine_ - 1), '\n') + text;
  }

  enum class Evaluated { Ran, Failed, Incomplete, Awaiting };

  // Held inputs whose declarations never came: checked together, as a file's parts are,
  // and their errors reported; then each input without an error runs on its own, in order,
  // if it compiles alone (else its errors follow from those reported), so that one error
  // stops no other input.
  void evaluateHeld(const std::vector<std::string>& inputs) {
    if (inputs.empty()) return;
    std::string together;
    for (const std::string& input : inputs) together += input;
    int start = nextLine_;
    std::vector<int> errorLines;
    if (evaluate(together, kFileName, false, false, &errorLines) != Evaluated::Failed ||
        inputs.size() == 1 || errorLines.empty()) {
      return;
    }
    int end = nextLine_;
    int line = 1;  // of `together`
    for (const std::string& input : inputs) {
      int lines = static_cast<int>(std::count(input.begin(), input.end(), '\n'));
      bool clean = std::none_of(errorLines.begin(), errorLines.end(),
                                [&](int l) { return l >= line && l < line + lines; });
      if (clean) {
        nextLine_ = start + line - 1;
        evaluate(input, kFileName, false, true);
      }
      line += lines;
    }
    nextLine_ = end;
  }

  // Parses, checks, compiles and runs one input. Incomplete (only if allowed): the text
  // ended before the syntax did, and more lines may finish it. quietFailure: an input
  // that does not check is neither reported nor numbered (its parts are tried one by one).
  Evaluated evaluate(const std::string& text, const std::string& fileName, bool allowIncomplete,
                     bool quietFailure = false, std::vector<int>* errorLines = nullptr) {
    bool loadedFile = fileName != kFileName;
    auto file = std::make_unique<syntax::SourceFile>(
        fileName, withoutPackageClause(loadedFile ? text : numbered(text)));
    syntax::Diagnostics diags(*file);
    std::unique_ptr<syntax::Ast> ast = syntax::parse(*file, diags, syntax::ParseMode::Script);
    if (!ast && allowIncomplete && endsIncomplete(diags, *file)) return Evaluated::Incomplete;
    int firstLine = nextLine_;
    if (!loadedFile) nextLine_ += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    auto noteErrorLines = [&] {
      for (const syntax::Diagnostic& d : diags.list()) {
        if (errorLines) errorLines->push_back(d.pos.line - (loadedFile ? 0 : firstLine - 1));
      }
    };
    if (!ast) {
      if (quietFailure) {
        nextLine_ = firstLine;
        return Evaluated::Failed;
      }
      noteErrorLines();
      stdlib::writeStderr(diags.format());
      hadErrors_ = true;
      return Evaluated::Failed;
    }
    Session& s = *session_;
    check::ReplInput input;
    if (!s.checker->check(ast->file, diags, &input)) {
      bool awaiting =
          allowIncomplete && awaitsDeclarations(ast->file, diags, editor_.inputPending());
      s.asts.push_back(std::move(ast));  // Info holds facts about its nodes
      s.sources.push_back(std::move(file));
      if (awaiting || quietFailure) {
        nextLine_ = firstLine;
        return awaiting ? Evaluated::Awaiting : Evaluated::Failed;
      }
      noteErrorLines();
      stdlib::writeStderr(diags.format());
      hadErrors_ = true;
      return Evaluated::Failed;
    }
    auto code = std::make_unique<eval::ReplCode>();
    std::string error;
    bool compiled = eval::compileReplInput(*s.program, input, code.get(), &error);
    s.asts.push_back(std::move(ast));
    s.sources.push_back(std::move(file));
    if (!compiled) {
      stdlib::writeStderr(error);
      hadErrors_ = true;
      return Evaluated::Failed;
    }
    const eval::ReplCode& run = *code;
    s.codes.push_back(std::move(code));
    // While it runs, :goroutines typed at the terminal is answered at once.
    editor_.watchWhileRunning([](const std::string& line) {
      if (line != ":goroutines") return false;
      stdlib::writeStdout(eval::describeGoroutines());
      return true;
    });
    eval::InputOutcome outcome = eval::runInput(run);
    editor_.stopWatching();
    if (outcome == eval::InputOutcome::Interrupted) stdlib::writeStderr("interrupted\n");
    return Evaluated::Ran;
  }

  // An input that names what is not declared yet waits for the following lines, as a
  // script's functions are visible before their declarations: a pasted `func main` that
  // calls a function defined below it, or `go send(c)` above `func send`. An input waits
  // only while more input is already there (the rest of a paste or a pipe), so that a typo
  // at the prompt, in a statement or a function, is reported at once.
  static bool awaitsDeclarations(const syntax::File* file, const syntax::Diagnostics& diags,
                                 bool morePending) {
    if (!morePending) return false;
    for (const syntax::Diagnostic& d : diags.list()) {
      if (d.message.rfind("undefined: ", 0) != 0) return false;
    }
    return !file->script.empty();
  }

  // Whether text is syntactically incomplete, or holds function declarations only (so it
  // may complete held ones).
  enum class Shape { Incomplete, Empty, Functions, Other };
  static Shape shapeOf(const std::string& text) {
    syntax::SourceFile file(kFileName, text);
    syntax::Diagnostics diags(file);
    std::unique_ptr<syntax::Ast> ast = syntax::parse(file, diags, syntax::ParseMode::Script);
    if (!ast) return endsIncomplete(diags, file) ? Shape::Incomplete : Shape::Other;
    if (ast->file->script.empty() && ast->file->imports.empty()) return Shape::Empty;
    if (ast->file->script.empty()) return Shape::Other;
    for (const syntax::Node* n : ast->file->script) {
      if (!dynamic_cast<const syntax::FuncDecl*>(n)) return Shape::Other;
    }
    return Shape::Functions;
  }

  // Runs a :command; false to leave the REPL.
  bool command(const std::string& line) {
    std::string text = line.substr(line.find(':') + 1);
    std::string name = text.substr(0, text.find_first_of(" \t"));
    std::string arg;
    if (size_t i = text.find_first_of(" \t"); i != std::string::npos) {
      arg = text.substr(i);
      arg.erase(0, arg.find_first_not_of(" \t"));
      arg.erase(arg.find_last_not_of(" \t\r") + 1);
    }
    if (name == "help" || name == "h") {
      stdlib::writeStdout(kHelp);
    } else if (name == "quit" || name == "q" || name == "exit") {
      return false;
    } else if (name == "reset") {
      retired_.push_back(std::move(session_));
      session_ = std::make_unique<Session>(packages_);
      eval::stopAllGoroutines();
      stdlib::writeStdout(
          "the session is reset: every declaration is forgotten, and the goroutines started at "
          "the prompt end\n");
    } else if (name == "stop") {
      stop(arg);
    } else if (name == "load") {
      load(arg);
    } else if (name == "maxprocs") {
      maxprocs(arg);
    } else if (name == "type") {
      typeOf(arg);
    } else if (name == "goroutines") {
      stdlib::writeStdout(eval::describeGoroutines());
    } else if (name == "doc") {
      doc(arg);
    } else if (name == "env") {
      stdlib::writeStdout(session_->checker->declarations());
    } else {
      stdlib::writeStderr("unknown command :" + name + " (:help lists them)\n");
    }
    return true;
  }

  // :stop N: ends goroutine N (as :goroutines numbers it).
  void stop(const std::string& arg) {
    char* end = nullptr;
    unsigned long long id = std::strtoull(arg.c_str(), &end, 10);
    if (arg.empty() || *end != '\0' || id == 0) {
      stdlib::writeStderr(":stop needs a goroutine number, as :goroutines lists them\n");
      return;
    }
    if (eval::stopGoroutine(id) == 0) {
      stdlib::writeStderr("no goroutine " + arg + " started at the prompt\n");
      return;
    }
    stdlib::writeStdout("goroutine " + arg +
                        " ends at its next step (a sleeping one when it wakes)\n");
  }

  // :doc NAME: the declaration of NAME (a declared name, or pkg.Member), and for a
  // standard package member the first sentence of Go's documentation of it.
  void doc(const std::string& name) {
    std::string text, pkgPath;
    if (name.empty()) {
      stdlib::writeStderr(":doc needs a name (x, f, strings.ToUpper)\n");
      return;
    }
    if (!session_->checker->describe(name, &text, &pkgPath)) {
      stdlib::writeStderr("no declaration of " + name + "\n");
      return;
    }
    std::string sentence =
        goDocSentence(stdlib::goRoot(), pkgPath, name.substr(name.find('.') + 1));
    stdlib::writeStdout(text + "\n" + (sentence.empty() ? "" : "    " + sentence + "\n"));
  }

  void load(const std::string& path) {
    if (path.empty()) {
      stdlib::writeStderr(":load needs a file name\n");
      return;
    }
    std::string text;
    if (std::string error; !readSource(path, &text, &error)) {
      stdlib::writeStderr(error + "\n");
      hadErrors_ = true;
      return;
    }
    evaluate(withoutInterpreterLine(text), path, false);
  }

  void maxprocs(const std::string& arg) {
    if (arg.empty()) {
      stdlib::writeStdout("GOMAXPROCS=" + std::to_string(rt::maxprocs()) + "\n");
      return;
    }
    char* end = nullptr;
    long n = std::strtol(arg.c_str(), &end, 10);
    if (*end != '\0' || n < 1 || n > 256) {
      stdlib::writeStderr(":maxprocs wants a number from 1 to 256\n");
      return;
    }
    int old = rt::set_maxprocs(static_cast<int>(n));
    stdlib::writeStdout("GOMAXPROCS=" + std::to_string(n) + " (was " + std::to_string(old) + ")\n");
  }

  void typeOf(const std::string& expr) {
    if (expr.empty()) {
      stdlib::writeStderr(":type needs an expression\n");
      return;
    }
    auto file = std::make_unique<syntax::SourceFile>(kFileName, expr + "\n");
    syntax::Diagnostics diags(*file);
    std::unique_ptr<syntax::Ast> ast = syntax::parse(*file, diags, syntax::ParseMode::Script);
    const syntax::ExprStmt* stmt = nullptr;
    if (ast && ast->file->script.size() == 1 && ast->file->imports.empty()) {
      stmt = dynamic_cast<const syntax::ExprStmt*>(ast->file->script[0]);
    }
    if (!ast || !stmt) {
      stdlib::writeStderr(ast ? std::string(":type wants one expression\n") : diags.format());
      return;
    }
    std::string text;
    if (session_->checker->typeOf(stmt->x, diags, &text)) {
      stdlib::writeStdout(text + "\n");
    } else {
      stdlib::writeStderr(diags.format());
    }
    session_->asts.push_back(std::move(ast));
    session_->sources.push_back(std::move(file));
  }

 public:
  // TAB: the names in scope (or a package's members after `pkg.`) that start with the
  // word before the cursor.
  std::vector<std::string> completions(const std::string& before, size_t* wordStart) {
    if (size_t colon = before.find_first_not_of(" \t");
        colon != std::string::npos && before[colon] == ':') {
      return commandCompletions(before, colon, wordStart);
    }
    size_t start = before.size();
    while (start > 0 && isIdentChar(before[start - 1])) --start;
    std::string prefix = before.substr(start);
    std::string pkg;
    if (start > 0 && before[start - 1] == '.') {
      size_t pkgStart = start - 1;
      while (pkgStart > 0 && isIdentChar(before[pkgStart - 1])) --pkgStart;
      pkg = before.substr(pkgStart, start - 1 - pkgStart);
      if (pkg.empty()) return {};
    }
    *wordStart = start;
    std::vector<std::string> out;
    std::vector<std::string> names = session_->checker->names(pkg);
    if (pkg.empty()) {
      // Keywords, and the packages a script imports on first use.
      names.insert(names.end(), std::begin(kKeywords), std::end(kKeywords));
      for (std::string& p : stdlib::standardPackageNames()) names.push_back(std::move(p));
    }
    for (std::string& name : names) {
      if (name.compare(0, prefix.size(), prefix) == 0 && name != "_") out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

 private:
  // After `:`: the command names; after `:load `, the files and folders of the word's
  // folder (folders with a final `/`).
  static std::vector<std::string> commandCompletions(const std::string& before, size_t colon,
                                                     size_t* wordStart) {
    std::vector<std::string> out;
    size_t space = before.find_first_of(" \t", colon);
    if (space == std::string::npos) {
      *wordStart = colon + 1;
      std::string prefix = before.substr(colon + 1);
      for (const char* c : kCommands) {
        if (std::string_view(c).substr(0, prefix.size()) == prefix) out.emplace_back(c);
      }
      return out;
    }
    if (before.compare(colon + 1, space - colon - 1, "load") != 0) return out;
    size_t start = before.find_first_not_of(" \t", space);
    if (start == std::string::npos) start = before.size();
    std::string word = before.substr(start);
    size_t slash = word.rfind('/');
    std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : word.substr(0, slash));
    std::string prefix = slash == std::string::npos ? word : word.substr(slash + 1);
    std::string shown = slash == std::string::npos ? "" : word.substr(0, slash + 1);
    *wordStart = start;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      std::string name = entry.path().filename().string();
      if (name.compare(0, prefix.size(), prefix) != 0) continue;
      if (name[0] == '.' && prefix.empty()) continue;
      out.push_back(shown + name + (entry.is_directory(ec) ? "/" : ""));
    }
    return out;
  }

  LineEditor& editor_;
  stdlib::Packages& packages_;
  std::unique_ptr<Session> session_;
  std::vector<std::unique_ptr<Session>> retired_;
  std::atomic<bool> reading_{false};
  bool hadErrors_ = false;
  int nextLine_ = 1;  // inputs are numbered as the lines of one file, for traces
};

int interruptPipe[2] = {-1, -1};

void onInterrupt(int) {
  int saved = errno;
  char byte = 1;
  (void)!::write(interruptPipe[1], &byte, 1);
  errno = saved;
}

// Turns Ctrl-C into an interrupt of what the REPL is doing. Runs until the process ends.
void watchInterrupts(Repl* repl, LineEditor* editor) {
  for (;;) {
    char byte;
    ssize_t n = ::read(interruptPipe[0], &byte, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    // Between an input and the next prompt, Ctrl-C has nothing to stop.
    if (repl->reading()) {
      editor->interrupt();
    } else {
      eval::interruptInput();
    }
  }
}

}  // namespace

int run(const ReplOptions& options) {
  bool interactive = isatty(0) == 1 && isatty(1) == 1;
  std::string history;
  if (const char* home = std::getenv("HOME"); home && *home) {
    history = std::string(home) + "/.gol_history";
  }
  std::unique_ptr<LineEditor> editor = LineEditor::open(interactive, history);
  // As in runFile: the registry lives as long as the native types it made.
  static stdlib::Packages& packages = *new stdlib::Packages;
  stdlib::setArgs({kFileName});
  stdlib::hideGoroutinesFromNumGoroutine(1);  // the REPL's loop; an input counts as main
  Repl repl(*editor, packages);
  editor->setCompleter([&repl](const std::string& before, size_t* wordStart) {
    return repl.completions(before, wordStart);
  });

  if (::pipe2(interruptPipe, O_CLOEXEC) == 0) {
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    std::thread(watchInterrupts, &repl, editor.get()).detach();
  }
  if (interactive) {
    stdlib::writeStdout(
        "Gol REPL: Go statements, declarations and expressions. "
        ":help for commands, Ctrl-D to leave.\n");
  }
  int status = eval::runRepl(options.maxprocs, [&] { repl.loop(options.load); });
  // Piped input, like a script, fails when part of it did not compile.
  if (status == 0 && !interactive && repl.hadErrors()) status = 1;
  return status;
}

}  // namespace gol::repl
