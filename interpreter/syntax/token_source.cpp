#include "interpreter/syntax/token_source.h"

#include <cstdio>

#include "CommonToken.h"
#include "interpreter/syntax/literals.h"
#include "stdlib/unicode.h"

namespace gol::syntax {

using gen::GolLexer;
namespace unicode = stdlib::unicode;

bool TokenSource::endsStatement(size_t type) {
  switch (type) {
    case IDENTIFIER:
    case INT_LIT:
    case FLOAT_LIT:
    case IMAGINARY_LIT:
    case RUNE_LIT:
    case RAW_STRING_LIT:
    case INTERPRETED_STRING_LIT:
    case BREAK:
    case CONTINUE:
    case FALLTHROUGH:
    case RETURN:
    case PLUS_PLUS:
    case MINUS_MINUS:
    case R_PAREN:
    case R_BRACKET:
    case R_CURLY: return true;
    default: return false;
  }
}

Pos TokenSource::posOf(const antlr4::Token& t, size_t byteOffset) const {
  return file_.posOfByte(file_.byteOfCodePoint(t.getStartIndex()) + byteOffset);
}

std::unique_ptr<antlr4::Token> TokenSource::semicolonAt(const antlr4::Token& at, const char* text) {
  // The token needs its source: ANTLR's error recovery asks it for a token factory.
  auto semi = std::make_unique<antlr4::CommonToken>(std::make_pair(this, _input), SEMI,
                                                    antlr4::Token::DEFAULT_CHANNEL,
                                                    at.getStartIndex(), at.getStartIndex());
  semi->setText(text);
  semi->setLine(at.getLine());
  semi->setCharPositionInLine(at.getCharPositionInLine());
  lastType_ = SEMI;
  return semi;
}

void TokenSource::checkLiteral(antlr4::Token& t) {
  std::string text = t.getText();
  std::optional<LiteralError> err;
  switch (t.getType()) {
    case INTERPRETED_STRING_LIT:
    case RAW_STRING_LIT: {
      std::string decoded;
      err = decodeString(text, decoded);
      break;
    }
    case RUNE_LIT: {
      uint32_t r = 0;
      err = decodeRune(text, r);
      break;
    }
    case INT_LIT:
    case FLOAT_LIT:
    case IMAGINARY_LIT: err = checkNumber(text); break;
    case IDENTIFIER: checkIdentifier(t); return;
    default: return;
  }
  if (err) diags_.error(posOf(t, err->offset), err->message);
}

// The lexer takes every non-ASCII character into an identifier; Go's scanner does too,
// and reports those that are not Unicode letters or digits, and a leading digit.
void TokenSource::checkIdentifier(const antlr4::Token& t) {
  const std::string text = t.getText();
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    auto r = static_cast<int32_t>(c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F));
    for (size_t k = 1; k < len && i + k < text.size(); ++k) r = (r << 6) | (text[i + k] & 0x3F);
    if (!unicode::isLetter(r)) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(r));
      std::string described = code;
      if (unicode::isPrint(r)) described += " '" + text.substr(i, len) + "'";
      if (!unicode::isDigit(r)) {
        diags_.error(posOf(t, i), "invalid character " + described + " in identifier");
      } else if (i == 0) {
        diags_.error(posOf(t, i), "identifier cannot begin with digit " + described);
      }
    }
    i += len;
  }
}

std::unique_ptr<antlr4::Token> TokenSource::nextToken() {
  for (;;) {
    std::unique_ptr<antlr4::Token> t = GolLexer::nextToken();
    size_t type = t->getType();
    switch (type) {
      case WS: continue;
      case NEWLINE:
      case LINE_COMMENT:
        // A line comment runs to the newline, which then ends the line: Go puts the
        // semicolon at the newline itself.
        if (type == NEWLINE && endsStatement(lastType_)) return semicolonAt(*t, "newline");
        continue;
      case BLOCK_COMMENT:
        if (t->getText().find('\n') != std::string::npos && endsStatement(lastType_)) {
          return semicolonAt(*t, "newline");
        }
        continue;
      case UNTERMINATED_COMMENT: diags_.error(posOf(*t), "comment not terminated"); continue;
      case BAD_CHARACTER: {
        std::string text = t->getText();
        uint32_t r = 0;
        size_t b = file_.byteOfCodePoint(t->getStartIndex());
        std::string bytes =
            file_.text().substr(b, file_.byteOfCodePoint(t->getStartIndex() + 1) - b);
        for (unsigned char c : bytes) {
          r = (bytes.size() == 1) ? c : r;
        }
        if (bytes.size() > 1) {
          unsigned char c0 = static_cast<unsigned char>(bytes[0]);
          r = bytes.size() == 2 ? (c0 & 0x1F) : bytes.size() == 3 ? (c0 & 0x0F) : (c0 & 0x07);
          for (size_t k = 1; k < bytes.size(); ++k) r = (r << 6) | (bytes[k] & 0x3F);
        }
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", r);
        std::string msg = std::string("invalid character ") + code;
        if (r >= 0x20 && r != 0x7F) msg += " '" + bytes + "'";
        diags_.error(posOf(*t), msg);
        continue;
      }
      case UNTERMINATED_STRING: {
        // Ends at a newline or at the end of the input.
        size_t endByte = file_.byteOfCodePoint(t->getStopIndex() + 1);
        if (endByte < file_.text().size()) {
          diags_.error(file_.posOfByte(endByte), "newline in string");
        } else {
          diags_.error(posOf(*t), "string literal not terminated");
        }
        auto fixed = std::make_unique<antlr4::CommonToken>(t.get());
        fixed->setType(INTERPRETED_STRING_LIT);
        fixed->setText("\"\"");
        lastType_ = INTERPRETED_STRING_LIT;
        return fixed;
      }
      case UNTERMINATED_RUNE: {
        size_t endByte = file_.byteOfCodePoint(t->getStopIndex() + 1);
        if (endByte < file_.text().size()) {
          diags_.error(file_.posOfByte(endByte), "newline in rune literal");
        } else {
          diags_.error(posOf(*t), "rune literal not terminated");
        }
        auto fixed = std::make_unique<antlr4::CommonToken>(t.get());
        fixed->setType(RUNE_LIT);
        fixed->setText("'?'");
        lastType_ = RUNE_LIT;
        return fixed;
      }
      case UNTERMINATED_RAW: {
        diags_.error(posOf(*t), "raw string literal not terminated");
        auto fixed = std::make_unique<antlr4::CommonToken>(t.get());
        fixed->setType(RAW_STRING_LIT);
        fixed->setText("``");
        lastType_ = RAW_STRING_LIT;
        return fixed;
      }
      case antlr4::Token::EOF:
        if (!atEof_ && endsStatement(lastType_)) {
          atEof_ = true;
          auto semi = semicolonAt(*t, "EOF");
          return semi;
        }
        atEof_ = true;
        lastType_ = type;
        return t;
      case SEMI: {
        auto semi = semicolonAt(*t, "semicolon");
        return semi;
      }
      default:
        checkLiteral(*t);
        lastType_ = type;
        return t;
    }
  }
}

bool isKeyword(size_t type) {
  return type >= gen::GolLexer::BREAK && type <= gen::GolLexer::VAR;
}

std::string describeToken(const antlr4::Token* t) {
  using L = gen::GolLexer;
  size_t type = t->getType();
  std::string text = t->getText();
  if (type == antlr4::Token::EOF) return "EOF";
  if (type == L::SEMI) return text;  // newline, EOF or semicolon
  if (type == L::IDENTIFIER) return "name " + text;
  if (type == L::COMMA) return "comma";
  switch (type) {
    case L::INT_LIT:
    case L::FLOAT_LIT:
    case L::IMAGINARY_LIT:
    case L::RUNE_LIT:
    case L::INTERPRETED_STRING_LIT:
    case L::RAW_STRING_LIT: return "literal " + text;
    default: break;
  }
  if (isKeyword(type)) return "keyword " + text;
  return text;
}

}  // namespace gol::syntax
