#include "interpreter/syntax/ast.h"

#include "interpreter/syntax/printer.h"

namespace gol::syntax {

const char* tokenText(Token t) {
  switch (t) {
    case Token::None: return "";
    case Token::Add: return "+";
    case Token::Sub: return "-";
    case Token::Mul: return "*";
    case Token::Quo: return "/";
    case Token::Rem: return "%";
    case Token::And: return "&";
    case Token::Or: return "|";
    case Token::Xor: return "^";
    case Token::Shl: return "<<";
    case Token::Shr: return ">>";
    case Token::AndNot: return "&^";
    case Token::LAnd: return "&&";
    case Token::LOr: return "||";
    case Token::Arrow: return "<-";
    case Token::Inc: return "++";
    case Token::Dec: return "--";
    case Token::Eql: return "==";
    case Token::Neq: return "!=";
    case Token::Lss: return "<";
    case Token::Leq: return "<=";
    case Token::Gtr: return ">";
    case Token::Geq: return ">=";
    case Token::Not: return "!";
    case Token::Tilde: return "~";
    case Token::Assign: return "=";
    case Token::Define: return ":=";
    case Token::AddAssign: return "+=";
    case Token::SubAssign: return "-=";
    case Token::MulAssign: return "*=";
    case Token::QuoAssign: return "/=";
    case Token::RemAssign: return "%=";
    case Token::AndAssign: return "&=";
    case Token::OrAssign: return "|=";
    case Token::XorAssign: return "^=";
    case Token::ShlAssign: return "<<=";
    case Token::ShrAssign: return ">>=";
    case Token::AndNotAssign: return "&^=";
    case Token::Break: return "break";
    case Token::Continue: return "continue";
    case Token::Goto: return "goto";
    case Token::Fallthrough: return "fallthrough";
    case Token::Const: return "const";
    case Token::Var: return "var";
    case Token::Type: return "type";
    case Token::Import: return "import";
  }
  return "";
}

Token assignOpBinary(Token t) {
  switch (t) {
    case Token::AddAssign: return Token::Add;
    case Token::SubAssign: return Token::Sub;
    case Token::MulAssign: return Token::Mul;
    case Token::QuoAssign: return Token::Quo;
    case Token::RemAssign: return Token::Rem;
    case Token::AndAssign: return Token::And;
    case Token::OrAssign: return Token::Or;
    case Token::XorAssign: return Token::Xor;
    case Token::ShlAssign: return Token::Shl;
    case Token::ShrAssign: return Token::Shr;
    case Token::AndNotAssign: return Token::AndNot;
    default: return Token::None;
  }
}

}  // namespace gol::syntax
