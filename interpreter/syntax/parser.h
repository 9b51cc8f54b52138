// Source text to AST: lexing with Go's semicolons, parsing with ANTLR, building the AST.
//
// Parsing must run on the main thread (ANTLR needs about 1 KiB of native stack per
// nesting level); nesting deeper than the parser's stack budget is reported as an error
// instead of overflowing the stack.
#pragma once

#include <memory>

#include "interpreter/syntax/ast.h"
#include "interpreter/syntax/source.h"

namespace gol::syntax {

enum class ParseMode {
  Auto,     // a package file if it starts with `package`, a script otherwise
  Script,   // always a script (the REPL)
};

// Parses `file`. On errors they are added to `diags` and the result is null.
std::unique_ptr<Ast> parse(const SourceFile& file, Diagnostics& diags,
                           ParseMode mode = ParseMode::Auto);

}  // namespace gol::syntax
