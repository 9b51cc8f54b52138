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
// before the first parse, not during static initialization: parse() calls loadGrammar,
// which waits for a build in progress. Building them takes about a millisecond, a tenth of
// a small program's run: startLoadingGrammar (main thread only, once) starts the parser's
// on a thread of its own, so that it overlaps the rest of start-up and the lexer's. The
// process's exit waits for that thread, whose tables are static objects.
void loadGrammar();
void startLoadingGrammar();

// Parses `file`. On errors they are added to `diags` and the result is null.
std::unique_ptr<Ast> parse(const SourceFile& file, Diagnostics& diags,
                           ParseMode mode = ParseMode::Auto);

}  // namespace gol::syntax
