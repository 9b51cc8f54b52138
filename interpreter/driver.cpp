#include "interpreter/driver.h"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "interpreter/check/checker.h"
#include "interpreter/eval/compiler.h"
#include "interpreter/syntax/large_stack.h"
#include "interpreter/syntax/parser.h"
#include "stdlib/packages.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace gol {

// The program's trees, freed by the end of the process (endProcess), not node by node;
// LeakSanitizer finds them from here.
void* keptProgramTrees[3];

namespace {
// An errno as Go words it: "no such file or directory", "is a directory".
std::string errnoText(int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}
}  // namespace

bool readSource(const std::string& path, std::string* text, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "open " + path + ": " + errnoText(errno);
    return false;
  }
  // A directory opens, and reads as nothing.
  if (struct stat st; stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    *error = "read " + path + ": " + errnoText(EISDIR);
    return false;
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    *error = "read " + path + ": " + errnoText(errno);
    return false;
  }
  *text = content.str();
  return true;
}

std::string withoutInterpreterLine(std::string source) {
  if (source.rfind("#!", 0) == 0) source.replace(0, 2, "//");
  return source;
}

int runFile(const std::string& source, const RunOptions& options) {
  syntax::SourceFile file(options.path, withoutInterpreterLine(source));
  syntax::Diagnostics diags(file);
  // The packages' native types live as long as the process (stdlib/support.h), and so
  // does the registry that reaches them (nor is it torn down at exit).
  static stdlib::Packages& packages = *new stdlib::Packages;
  std::unique_ptr<syntax::Ast> ast;
  auto infoHolder = std::make_unique<check::Info>();
  eval::ProgramPtr program;
  std::string error;
  std::vector<std::string> args{options.path};
  args.insert(args.end(), options.args.begin(), options.args.end());
  stdlib::setArgs(args);
  syntax::runOnLargeStack([&] {
    ast = syntax::parse(file, diags);
    if (!ast) {
      error = diags.format();
      return;
    }
    if (!check::checkFile(ast->file, packages, diags, *infoHolder)) {
      error = diags.format();
      return;
    }
    program = eval::compile(ast->file, *infoHolder, packages, options.path, &error);
  });
  if (!program) {
    stdlib::writeStderr(error);
    return 1;
  }
  int status = eval::run(*program, options.maxprocs, options.trace);
  stdlib::flushStdout();
  keptProgramTrees[0] = ast.release();
  keptProgramTrees[1] = infoHolder.release();
  keptProgramTrees[2] = program.release();
#if defined(__SANITIZE_ADDRESS__)
  // _Exit skips LeakSanitizer's check at exit: check here, when main returned with no
  // other goroutine left (goroutines hold values on stacks LeakSanitizer does not scan,
  // and a panic or os.Exit leaves the unwound calls' values, as Go does). Off with
  // ASAN_OPTIONS=detect_leaks=0 (programs with reference cycles, tests/leak_exempt.txt).
  if (status == 0 && eval::lastRunEndedAlone()) __lsan_do_leak_check();
#endif
  return status;
}

void endProcess(int status) {
  stdlib::flushStdout();
  std::fflush(nullptr);
  std::_Exit(status);
}

}  // namespace gol
