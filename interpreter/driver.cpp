#include "interpreter/driver.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "interpreter/check/checker.h"
#include "interpreter/eval/compiler.h"
#include "interpreter/syntax/parser.h"
#include "stdlib/packages.h"

namespace gol {

int runFile(const std::string& source, const RunOptions& options) {
  syntax::SourceFile file(options.path, source);
  syntax::Diagnostics diags(file);
  std::unique_ptr<syntax::Ast> ast = syntax::parse(file, diags);
  if (!ast) {
    stdlib::writeStderr(diags.format());
    return 1;
  }
  // The packages' native types live as long as the process (stdlib/support.h), and so
  // does the registry that reaches them (nor is it torn down at exit).
  static stdlib::Packages& packages = *new stdlib::Packages;
  auto infoHolder = std::make_unique<check::Info>();
  check::Info& info = *infoHolder;
  if (!check::checkFile(ast->file, packages, diags, info)) {
    stdlib::writeStderr(diags.format());
    return 1;
  }
  std::vector<std::string> args{options.path};
  args.insert(args.end(), options.args.begin(), options.args.end());
  stdlib::setArgs(args);
  std::string error;
  eval::ProgramPtr program = eval::compile(ast->file, info, packages, options.path, &error);
  if (!program) {
    stdlib::writeStderr(error);
    return 1;
  }
  int status = eval::run(*program, options.maxprocs);
  stdlib::flushStdout();
  // Freed by the end of the process (endProcess), not node by node.
  (void)ast.release();
  (void)infoHolder.release();
  (void)program.release();
  return status;
}

void endProcess(int status) {
  stdlib::flushStdout();
  std::fflush(nullptr);
  std::_Exit(status);
}

}  // namespace gol
