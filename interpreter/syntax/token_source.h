// The token source between Gol's ANTLR lexer and parser: Go's automatic semicolons,
// and Go's messages for lexical errors.
//
// Go inserts a semicolon at a newline (or at a comment that contains one, or at the end
// of the input) when the line's last token is an identifier, a literal, one of the
// keywords break/continue/fallthrough/return, one of ++ -- ) ] }. The inserted token has
// the text "newline" or "EOF" so syntax errors can say `unexpected newline` as Go does;
// an explicit semicolon has the text "semicolon".
#pragma once

#include <memory>

#include "GolLexer.h"
#include "interpreter/syntax/source.h"

namespace gol::syntax {

class TokenSource : public gen::GolLexer {
 public:
  TokenSource(antlr4::CharStream* input, const SourceFile& file, Diagnostics& diags)
      : gen::GolLexer(input), file_(file), diags_(diags) {}

  std::unique_ptr<antlr4::Token> nextToken() override;

 private:
  std::unique_ptr<antlr4::Token> semicolonAt(const antlr4::Token& at, const char* text);
  void checkLiteral(antlr4::Token& t);
  void checkIdentifier(const antlr4::Token& t);
  Pos posOf(const antlr4::Token& t, size_t byteOffset = 0) const;
  static bool endsStatement(size_t type);

  const SourceFile& file_;
  Diagnostics& diags_;
  size_t lastType_ = 0;  // type of the last token handed to the parser
  bool atEof_ = false;
};

// Whether a token type is one of Go's keywords.
bool isKeyword(size_t type);
// Go's words for a token in "unexpected X" (cmd/compile/internal/syntax): `name x`,
// `literal 1`, `keyword if`, `newline`, `comma`, `}`.
std::string describeToken(const antlr4::Token* t);

}  // namespace gol::syntax
