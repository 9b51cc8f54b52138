// Compiles a checked AST into an executable tree and runs it.
//
// Every node is specialised when it is built: a call of a native function holds the
// function pointer, a constant holds its Value; nothing is looked up by name at run time.
#pragma once

#include <memory>
#include <vector>

#include "interpreter/check/checker.h"
#include "interpreter/eval/value.h"

namespace gol::eval {

// A native function from stdlib/: receives its evaluated arguments.
using NativeFunction = void (*)(const std::vector<Value>& args);

// Finds the native implementation of a package member (`fmt`, `Println`).
class NativeRegistry {
 public:
  virtual ~NativeRegistry() = default;
  virtual NativeFunction find(const std::string& path, const std::string& name) const = 0;
};

class Program;
struct ProgramDeleter {
  void operator()(Program* p) const;
};
using ProgramPtr = std::unique_ptr<Program, ProgramDeleter>;

// Builds the program; the AST and Info must outlive it.
ProgramPtr compile(const syntax::File* file, const check::Info& info,
                                 const NativeRegistry& natives);

// Runs script statements, then main. Returns the process exit status.
int run(Program& program);

}  // namespace gol::eval
