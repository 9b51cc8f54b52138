// Source text to AST: lexing with Go's semicolons, parsing with ANTLR, building the AST.
//
// Parsing must run on a large native stack (ANTLR needs about 1 KiB per nesting level):
// `gol run` parses on a thread of its own (runOnLargeStack), the REPL on goroutine 1's
// large stack. Nesting deeper than the parser's budget is reported as an error instead of
// overflowing the stack.
#pragma once

#include <memory>

#include "interpreter/syntax/ast.h"
#include "interpreter/syntax/source.h"

namespace gol::syntax {

enum class ParseMode {
  Auto,    // a package file if it starts with `package`, a script otherwise
  Script,  // always a script (the REPL)
};

// ANTLR's tables for the lexer and the parser (their ATNs) are built once per process,
// before the first parse (parse() calls loadGrammar), not during static initialization: a
// command that parses nothing (`gol version`) does not pay for them. Building them on a
// thread of their own, beside the rest of start-up, made `gol run` slower: the thread and
// the allocator's heap for it cost more than the overlap gained.
void loadGrammar();

// Parses `file`. On errors they are added to `diags` and the result is null.
std::unique_ptr<Ast> parse(const SourceFile& file, Diagnostics& diags,
                           ParseMode mode = ParseMode::Auto);

}  // namespace gol::syntax
