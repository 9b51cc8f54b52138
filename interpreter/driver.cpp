#include "interpreter/driver.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

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

int runFile(const std::string& source, const RunOptions& options) {
  syntax::SourceFile file(options.path, source);
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
  int status = eval::run(*program, options.maxprocs);
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
