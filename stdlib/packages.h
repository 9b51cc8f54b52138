// The standard packages Gol provides, for the checker (their members and types) and
// for the evaluator (their native implementations).
#pragma once

#include <map>
#include <string>

#include "interpreter/check/checker.h"
#include "interpreter/eval/compiler.h"

namespace gol::stdlib {

class Packages : public check::Importer, public eval::NativeRegistry {
 public:
  Packages();
  const check::Package* import(const std::string& path) override;
  const check::Package* importByName(const std::string& name) override;
  eval::NativeFunction find(const std::string& path, const std::string& name) const override;

 private:
  void addFunction(check::Package& pkg, const std::string& name, const check::Signature* sig,
                   eval::NativeFunction fn);
  std::map<std::string, check::Package> packages_;
  std::map<std::pair<std::string, std::string>, eval::NativeFunction> natives_;
};

// Writes to the process's standard output and error. Output is buffered; stdout is
// flushed before anything goes to stderr, so interleaving matches an unbuffered Go.
void writeStdout(std::string_view bytes);
void writeStderr(std::string_view bytes);
void flushStdout();

}  // namespace gol::stdlib
