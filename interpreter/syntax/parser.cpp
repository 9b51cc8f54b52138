#include "interpreter/syntax/parser.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "GolParser.h"
#include "antlr4-runtime.h"
#include "interpreter/syntax/builder.h"
#include "interpreter/syntax/literals.h"
#include "interpreter/syntax/token_source.h"

namespace gol::syntax {

using gen::GolParser;

namespace {

// The deepest nesting of brackets accepted (Go's own parser has no limit short of its
// stack; go/parser stops at 100000 levels of any nesting).
constexpr size_t kMaxBracketDepth = 1000;

// Thrown out of the generated parser when nesting exhausts the parser's stack budget.
struct NestingTooDeep {
  antlr4::Token* at;
};

// Thrown out of the generated parser once the first syntax error is reported.
struct FirstSyntaxError {};

// The generated parser with a native-stack guard on every rule entry.
class GuardedParser : public GolParser {
 public:
  GuardedParser(antlr4::TokenStream* input, const char* stackBase, size_t budget)
      : GolParser(input), stackBase_(stackBase), budget_(budget) {}

  void enterRule(antlr4::ParserRuleContext* ctx, size_t state, size_t rule) override {
    checkStack();
    GolParser::enterRule(ctx, state, rule);
  }
  void enterRecursionRule(antlr4::ParserRuleContext* ctx, size_t state, size_t rule,
                          int precedence) override {
    checkStack();
    GolParser::enterRecursionRule(ctx, state, rule, precedence);
  }

 private:
  void checkStack() {
    char probe;
    size_t used = static_cast<size_t>(stackBase_ - &probe);
    if (used > budget_) throw NestingTooDeep{getCurrentToken()};
  }
  const char* stackBase_;
  size_t budget_;
};

size_t parserStackBudget() {
  // Leave room for the builder and the checker, which recurse over the same depth.
  size_t limit = 8u << 20;
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    limit = static_cast<size_t>(rl.rlim_cur);
  }
  return limit / 4;
}

// Go's words for an expected token.
std::string expectedText(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  switch (type) {
    case GolParser::COMMA: return "comma";
    case GolParser::SEMI: return "semicolon or newline";
    case GolParser::IDENTIFIER: return "name";
    default: break;
  }
  std::string name = vocabulary.getLiteralName(type);
  if (name.size() >= 2 && name.front() == '\'') name = name.substr(1, name.size() - 2);
  if (isKeyword(type)) return "keyword " + name;
  return name;
}

bool startsExpression(const antlr4::misc::IntervalSet& expected) {
  return expected.contains(static_cast<size_t>(GolParser::IDENTIFIER)) &&
         expected.contains(static_cast<size_t>(GolParser::INT_LIT)) &&
         expected.contains(static_cast<size_t>(GolParser::L_PAREN));
}

// What an opening bracket opens, told from the tokens alone the way Go's parser tells it
// while parsing: a `{` after a type is a composite literal, except where a statement
// header (if, for, switch) expects its block and the type is a bare name.
enum class OpenKind { Paren, Bracket, Block, Literal, TypeBody };

struct OpenBracket {
  size_t type;
  OpenKind kind;
  size_t index;           // token index
  size_t prev, prevPrev;  // the two token types before it
};

bool endsOperand(size_t t) {
  switch (t) {
    case GolParser::IDENTIFIER:
    case GolParser::INT_LIT:
    case GolParser::FLOAT_LIT:
    case GolParser::IMAGINARY_LIT:
    case GolParser::RUNE_LIT:
    case GolParser::RAW_STRING_LIT:
    case GolParser::INTERPRETED_STRING_LIT:
    case GolParser::R_PAREN:
    case GolParser::R_BRACKET:
    case GolParser::R_CURLY: return true;
    default: return false;
  }
}

class BracketScanner {
 public:
  explicit BracketScanner(antlr4::TokenStream* stream) : stream_(stream) {}

  // Feeds tokens [next, end); the stack then holds the brackets open before `end`.
  void scanTo(size_t end) {
    for (; next_ < end && next_ < stream_->size(); ++next_) step(next_);
  }
  const std::vector<OpenBracket>& open() const { return open_; }
  // What a `{` at token `index` (the next one to scan) would open.
  OpenKind braceKind(size_t index) const { return classifyBrace(index); }
  size_t prevType() const { return prev_; }

 private:
  size_t typeAt(size_t i) const { return i < stream_->size() ? stream_->get(i)->getType() : 0; }

  OpenKind classifyBrace(size_t i) const {
    size_t prev = prev_;
    if (prev == GolParser::STRUCT || prev == GolParser::INTERFACE) return OpenKind::TypeBody;
    size_t depth = open_.size();
    if (!funcs_.empty() && funcs_.back() == depth) return OpenKind::Block;
    bool inHeader = !headers_.empty() && headers_.back() == depth;
    if (prev == GolParser::R_CURLY) {
      return lastClosed_ == OpenKind::TypeBody ? OpenKind::Literal : OpenKind::Block;
    }
    if (prev == GolParser::IDENTIFIER) {
      if (!inHeader) return OpenKind::Literal;
      // In a header only a type literal may precede the brace: `range []T{...}`,
      // `range map[K]V{...}`; a bare name is the condition and the brace the block.
      size_t j = i;
      while (j > 0) {
        size_t t = typeAt(j - 1);
        if (t != GolParser::IDENTIFIER && t != GolParser::DOT && t != GolParser::STAR) break;
        --j;
      }
      return j > 0 && typeAt(j - 1) == GolParser::R_BRACKET ? OpenKind::Literal : OpenKind::Block;
    }
    if (prev == GolParser::R_BRACKET) return inHeader ? OpenKind::Block : OpenKind::Literal;
    if (!open_.empty() && open_.back().kind == OpenKind::Literal &&
        (prev == GolParser::L_CURLY || prev == GolParser::COMMA || prev == GolParser::COLON)) {
      return OpenKind::Literal;  // an element with its type elided
    }
    return OpenKind::Block;
  }

  void step(size_t i) {
    size_t t = typeAt(i);
    size_t depth = open_.size();
    switch (t) {
      case GolParser::IF:
      case GolParser::FOR:
      case GolParser::SWITCH: headers_.push_back(depth); break;
      case GolParser::FUNC: funcs_.push_back(depth); break;
      case GolParser::SEMI:
      case GolParser::COMMA:
      case GolParser::ASSIGN:
        if (!funcs_.empty() && funcs_.back() == depth) funcs_.pop_back();
        break;
      case GolParser::L_PAREN: open_.push_back({t, OpenKind::Paren, i, prev_, prevPrev_}); break;
      case GolParser::L_BRACKET:
        open_.push_back({t, OpenKind::Bracket, i, prev_, prevPrev_});
        break;
      case GolParser::L_CURLY: {
        OpenKind kind = classifyBrace(i);
        if (kind == OpenKind::Block) {
          if (!funcs_.empty() && funcs_.back() == depth) {
            funcs_.pop_back();
          } else if (!headers_.empty() && headers_.back() == depth) {
            headers_.pop_back();
          }
        }
        open_.push_back({t, kind, i, prev_, prevPrev_});
        break;
      }
      case GolParser::R_PAREN:
      case GolParser::R_BRACKET:
      case GolParser::R_CURLY:
        if (!open_.empty()) {
          lastClosed_ = open_.back().kind;
          open_.pop_back();
        }
        while (!funcs_.empty() && funcs_.back() > open_.size()) funcs_.pop_back();
        while (!headers_.empty() && headers_.back() > open_.size()) headers_.pop_back();
        break;
      default: break;
    }
    prevPrev_ = prev_;
    prev_ = t;
  }

  antlr4::TokenStream* stream_;
  size_t next_ = 0;
  std::vector<OpenBracket> open_;
  std::vector<size_t> headers_;  // depths of statement headers awaiting their block
  std::vector<size_t> funcs_;    // depths of func signatures that may take a body
  OpenKind lastClosed_ = OpenKind::Paren;
  size_t prev_ = 0, prevPrev_ = 0;
};

// Turns ANTLR's view of a syntax error (where the parser is, what it expected) into the
// message Go's parser gives for the same mistake.
class GoStyleErrors : public antlr4::BaseErrorListener {
 public:
  GoStyleErrors(const SourceFile& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t, size_t,
                   const std::string&, std::exception_ptr) override {
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (!parser || !offending) return;
    report(parser, offending);
    // Only the first syntax error: what ANTLR's recovery finds after it seldom matches
    // what Go's parser reports. So the parse stops there: recovering through deeply
    // nested brackets took seconds of full-context prediction for errors never shown.
    throw FirstSyntaxError{};
  }

 private:
  void report(antlr4::Parser* parser, antlr4::Token* offending) {
    // Go avoids meaningless follow-up errors at the end of input.
    if (offending->getType() == antlr4::Token::EOF && !diags_.empty()) return;
    if (std::getenv("GOL_DEBUG_PARSER")) {
      std::string stack;
      for (auto& r : parser->getRuleInvocationStack()) stack += r + " ";
      std::fprintf(stderr, "parser: at %s in %s expecting %s\n", offending->toString().c_str(),
                   stack.c_str(),
                   parser->getExpectedTokens().toString(parser->getVocabulary()).c_str());
    }
    std::string text = message(parser, offending);
    if (relocated_) offending = relocated_;
    Pos pos = file_.posOfCodePoint(offending->getStartIndex());
    if (offending->getType() == antlr4::Token::EOF) {
      pos = file_.posOfByte(file_.text().size());
    }
    diags_.error(pos, text);
  }

  std::string message(antlr4::Parser* parser, antlr4::Token* offending) {
    std::string unexpected = "syntax error: unexpected " + describeToken(offending);
    antlr4::misc::IntervalSet expected;
    try {
      expected = parser->getExpectedTokens();
    } catch (...) {
    }
    antlr4::ParserRuleContext* ctx = parser->getContext();
    size_t type = offending->getType();

    // When prediction fails deep inside a construct, ANTLR's context is where the
    // prediction started; the innermost unclosed bracket says where the parse really was.
    if (std::optional<std::string> m = bracketContext(parser, offending, ctx, unexpected)) {
      return *m;
    }

    // Walk out to the nearest construct Go's parser has a message for.
    for (antlr4::ParserRuleContext* c = ctx; c;
         c = dynamic_cast<antlr4::ParserRuleContext*>(c->parent)) {
      size_t rule = c->getRuleIndex();
      if (rule == GolParser::RuleSourceFile) {
        if (expected.contains(static_cast<size_t>(GolParser::SEMI)) &&
            !expected.contains(static_cast<size_t>(GolParser::FUNC))) {
          return unexpected + " after top level declaration";
        }
        if (type == GolParser::L_CURLY)
          return "syntax error: unexpected semicolon or newline before {";
        return "syntax error: non-declaration statement outside function body";
      }
      if (rule == GolParser::RuleExpression || rule == GolParser::RulePrimaryExpr ||
          rule == GolParser::RuleOperand) {
        if (startsExpression(expected)) return unexpected + ", expected expression";
        continue;
      }
      if (rule == GolParser::RuleArguments) {
        if (startsExpression(expected) &&
            !expected.contains(static_cast<size_t>(GolParser::R_PAREN))) {
          return unexpected + ", expected expression";
        }
        return unexpected + " in argument list; possibly missing comma or )";
      }
      if (rule == GolParser::RuleLiteralValue) {
        if (startsExpression(expected) &&
            !expected.contains(static_cast<size_t>(GolParser::R_CURLY))) {
          return unexpected + ", expected expression";
        }
        return unexpected + " in composite literal; possibly missing comma or }";
      }
      if (rule == GolParser::RuleParameters) {
        return unexpected + " in parameter list; possibly missing comma or )";
      }
      if (rule == GolParser::RuleIfStmt && offending->getTokenIndex() > 0 &&
          parser->getTokenStream()->get(offending->getTokenIndex() - 1)->getType() ==
              GolParser::ELSE) {
        return "syntax error: else must be followed by if or statement block";
      }
      if (rule == GolParser::RuleIfHeader || rule == GolParser::RuleIfStmt) {
        if (expected.contains(static_cast<size_t>(GolParser::L_CURLY)) &&
            !startsExpression(expected)) {
          return unexpected + ", expected { after if clause";
        }
        if (startsExpression(expected)) return unexpected + ", expected expression";
        continue;
      }
      if (rule == GolParser::RuleForHeader || rule == GolParser::RuleForStmt ||
          rule == GolParser::RuleForClause || rule == GolParser::RuleRangeClause) {
        if (expected.contains(static_cast<size_t>(GolParser::L_CURLY)) &&
            !startsExpression(expected)) {
          return unexpected + ", expected { after for clause";
        }
        continue;
      }
      if (rule == GolParser::RuleSwitchStmt || rule == GolParser::RuleSwitchHeader) {
        if (expected.contains(static_cast<size_t>(GolParser::L_CURLY)) &&
            !startsExpression(expected)) {
          return unexpected + ", expected { after switch clause";
        }
        if (expected.contains(static_cast<size_t>(GolParser::CASE))) {
          return unexpected + ", expected case or default or }";
        }
        continue;
      }
      if (rule == GolParser::RuleSelectStmt) {
        if (expected.contains(static_cast<size_t>(GolParser::CASE)))
          return unexpected + ", expected case or default or }";
        continue;
      }
      if (rule == GolParser::RuleStatementList || rule == GolParser::RuleBlock) {
        if (type == antlr4::Token::EOF) return unexpected + ", expected }";
        // `}` and `else` on different lines: the if statement ended at the newline.
        if (type == GolParser::ELSE) return unexpected + ", expected }";
        if (expected.contains(static_cast<size_t>(GolParser::SEMI)) ||
            expected.contains(static_cast<size_t>(GolParser::R_CURLY))) {
          return unexpected + " at end of statement";
        }
        continue;
      }
      if (rule == GolParser::RuleImportDecl || rule == GolParser::RuleConstDecl ||
          rule == GolParser::RuleVarDecl || rule == GolParser::RuleTypeDecl) {
        if (expected.contains(static_cast<size_t>(GolParser::R_PAREN)) &&
            expected.contains(static_cast<size_t>(GolParser::SEMI))) {
          return unexpected + " in grouped declaration; possibly missing semicolon or newline or )";
        }
        continue;
      }
    }
    if (startsExpression(expected)) return unexpected + ", expected expression";
    if (expected.size() == 1) {
      return unexpected + ", expected " +
             expectedText(parser->getVocabulary(), static_cast<size_t>(expected.getMinElement()));
    }
    return unexpected;
  }

  static bool isOperator(size_t t) {
    switch (t) {
      case GolParser::PLUS:
      case GolParser::MINUS:
      case GolParser::STAR:
      case GolParser::DIV:
      case GolParser::MOD:
      case GolParser::AMPERSAND:
      case GolParser::OR:
      case GolParser::CARET:
      case GolParser::LSHIFT:
      case GolParser::RSHIFT:
      case GolParser::BIT_CLEAR:
      case GolParser::LOGICAL_AND:
      case GolParser::LOGICAL_OR:
      case GolParser::EQUALS:
      case GolParser::NOT_EQUALS:
      case GolParser::LESS:
      case GolParser::LESS_OR_EQUALS:
      case GolParser::GREATER:
      case GolParser::GREATER_OR_EQUALS:
      case GolParser::EXCLAMATION:
      case GolParser::RECEIVE:
      case GolParser::ASSIGN:
      case GolParser::DECLARE_ASSIGN:
      case GolParser::COMMA:
      case GolParser::L_PAREN:
      case GolParser::L_BRACKET:
      case GolParser::COLON: return true;
      default: return t >= GolParser::PLUS_ASSIGN && t <= GolParser::BIT_CLEAR_ASSIGN;
    }
  }

  static bool inLiteral(antlr4::ParserRuleContext* ctx) {
    for (auto* c = ctx; c; c = dynamic_cast<antlr4::ParserRuleContext*>(c->parent)) {
      size_t rule = c->getRuleIndex();
      if (rule == GolParser::RuleLiteralValue) return true;
      if (rule == GolParser::RuleBlock) return false;
    }
    return false;
  }

  std::optional<std::string> bracketContext(antlr4::Parser* parser, antlr4::Token* offending,
                                            antlr4::ParserRuleContext* ctx,
                                            const std::string& unexpected) {
    auto* stream = parser->getTokenStream();
    BracketScanner scan(stream);
    size_t end = offending->getTokenIndex();
    scan.scanTo(end);
    const std::vector<OpenBracket>& open = scan.open();
    size_t prev = scan.prevType();
    size_t type = offending->getType();
    bool operandExpected = isOperator(prev);
    bool canStart = type == GolParser::IDENTIFIER || type == GolParser::INT_LIT ||
                    type == GolParser::FLOAT_LIT || type == GolParser::INTERPRETED_STRING_LIT ||
                    type == GolParser::RAW_STRING_LIT || type == GolParser::RUNE_LIT ||
                    type == GolParser::L_PAREN || type == GolParser::FUNC;
    if (operandExpected && !canStart && prev != GolParser::L_PAREN && prev != GolParser::COMMA &&
        prev != GolParser::L_BRACKET) {
      return unexpected + ", expected expression";
    }
    // ANTLR may give up on a composite literal at its `{` (having taken the type before
    // it as a whole operand); the mistake Go reports is inside the literal.
    if (type == GolParser::L_CURLY && scan.braceKind(end) == OpenKind::Literal) {
      if (std::optional<std::string> m = literalMistake(stream, end)) return m;
    }
    // ANTLR may give up on a whole if statement at its block's `{` when the mistake is an
    // `else` on the line after the block's `}`.
    if (type == GolParser::L_CURLY && scan.braceKind(end) == OpenKind::Block) {
      size_t depth = 0, i = end;
      for (; i < stream->size(); ++i) {
        size_t t = stream->get(i)->getType();
        if (t == GolParser::L_CURLY) ++depth;
        if (t == GolParser::R_CURLY && --depth == 0) break;
        if (t == antlr4::Token::EOF) break;
      }
      if (i + 2 < stream->size() && stream->get(i + 1)->getType() == GolParser::SEMI &&
          stream->get(i + 2)->getType() == GolParser::ELSE) {
        antlr4::Token* elseToken = stream->get(i + 2);
        return at(elseToken,
                  "syntax error: unexpected " + describeToken(elseToken) + ", expected }");
      }
    }
    // `if x == T{} {`: Go takes `T` as the condition and `{}` as the block, and then
    // finds the real `{` at the end of the if statement.
    if (type == GolParser::IDENTIFIER && end + 2 < stream->size() &&
        stream->get(end + 1)->getType() == GolParser::L_CURLY &&
        stream->get(end + 2)->getType() == GolParser::R_CURLY) {
      BracketScanner header(stream);
      header.scanTo(end + 1);
      if (header.braceKind(end + 1) == OpenKind::Block && end + 3 < stream->size()) {
        antlr4::Token* after = stream->get(end + 3);
        size_t t = after->getType();
        if (t != GolParser::SEMI && t != GolParser::R_CURLY && t != GolParser::ELSE &&
            t != antlr4::Token::EOF) {
          return at(after,
                    "syntax error: unexpected " + describeToken(after) + " at end of statement");
        }
      }
    }
    if (open.empty()) return std::nullopt;
    const OpenBracket& o = open.back();
    if (o.type == GolParser::L_PAREN) {
      bool params = o.prev == GolParser::FUNC ||
                    (o.prev == GolParser::IDENTIFIER && o.prevPrev == GolParser::FUNC) ||
                    (o.prev == GolParser::R_PAREN && prev == GolParser::FUNC);
      if (params) return unexpected + " in parameter list; possibly missing comma or )";
      bool call = o.prev == GolParser::IDENTIFIER || o.prev == GolParser::R_PAREN ||
                  o.prev == GolParser::R_BRACKET || o.prev == GolParser::R_CURLY;
      if (operandExpected && !canStart && type != GolParser::R_PAREN) {
        return unexpected + ", expected expression";
      }
      if (call) return unexpected + " in argument list; possibly missing comma or )";
      if (o.prev == GolParser::IMPORT || o.prev == GolParser::VAR || o.prev == GolParser::CONST ||
          o.prev == GolParser::TYPE) {
        return std::nullopt;
      }
      return unexpected + ", expected )";
    }
    if (o.type == GolParser::L_CURLY && (o.kind == OpenKind::Literal || inLiteral(ctx))) {
      return unexpected + " in composite literal; possibly missing comma or }";
    }
    if (o.type == GolParser::L_BRACKET) return unexpected + ", expected ]";
    return std::nullopt;
  }

  // The first place where the elements of the composite literal opened at token `lbrace`
  // (or of a literal nested in it) are not separated by commas: a newline, or an operand
  // right after another.
  std::optional<std::string> literalMistake(antlr4::TokenStream* stream, size_t lbrace) {
    std::vector<bool> literal;  // per open bracket: does it hold literal elements?
    size_t prev = 0;
    bool funcSeen = false;  // a func since the last bracket: its `{` opens a body
    for (size_t i = lbrace; i < stream->size(); ++i) {
      antlr4::Token* t = stream->get(i);
      size_t type = t->getType();
      if (type == antlr4::Token::EOF) break;
      bool inLiteral = !literal.empty() && literal.back();
      if (type == GolParser::L_PAREN || type == GolParser::L_BRACKET) {
        literal.push_back(false);
        funcSeen = false;
      } else if (type == GolParser::L_CURLY) {
        bool isLiteral = literal.empty() ||
                         (!funcSeen && (prev == GolParser::L_CURLY || prev == GolParser::COMMA ||
                                        prev == GolParser::COLON || prev == GolParser::IDENTIFIER ||
                                        prev == GolParser::R_BRACKET));
        literal.push_back(isLiteral);
        funcSeen = false;
      } else if (type == GolParser::R_PAREN || type == GolParser::R_BRACKET ||
                 type == GolParser::R_CURLY) {
        literal.pop_back();
        if (literal.empty()) break;
      } else if (type == GolParser::FUNC) {
        funcSeen = true;
      } else if (inLiteral) {
        bool operand = type == GolParser::IDENTIFIER || type == GolParser::INT_LIT ||
                       type == GolParser::FLOAT_LIT || type == GolParser::IMAGINARY_LIT ||
                       type == GolParser::RUNE_LIT || type == GolParser::RAW_STRING_LIT ||
                       type == GolParser::INTERPRETED_STRING_LIT;
        if (type == GolParser::SEMI || (operand && endsOperand(prev))) {
          return at(t, "syntax error: unexpected " + describeToken(t) +
                           " in composite literal; possibly missing comma or }");
        }
      }
      prev = type;
    }
    return std::nullopt;
  }

  // The message, reported at `t` instead of at ANTLR's offending token.
  std::string at(antlr4::Token* t, std::string message) {
    relocated_ = t;
    return message;
  }

  const SourceFile& file_;
  Diagnostics& diags_;
  antlr4::Token* relocated_ = nullptr;
};

}  // namespace

void loadGrammar() {
  gen::GolLexer::initialize();
  GolParser::initialize();
}

std::unique_ptr<Ast> parse(const SourceFile& file, Diagnostics& diags, ParseMode mode) {
  loadGrammar();
  if (auto bad = checkSourceText(file.text())) {
    diags.error(file.posOfByte(bad->offset), bad->message);
    return nullptr;
  }
  std::string text = file.text();
  // A byte order mark at the very start is ignored, as Go does. It becomes a space rather
  // than vanishing (ANTLR's input stream would drop it) so that code point indices stay
  // those of the file.
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.replace(0, 3, " ");
  antlr4::ANTLRInputStream input(text);

  TokenSource lexer(&input, file, diags);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();

  // Brackets nested deeper than any real program makes them are refused before parsing:
  // ANTLR's prediction looks ahead to the innermost bracket at every level, which takes
  // time quadratic in the depth long before the stack guard below would stop it.
  {
    size_t depth = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      antlr4::Token* t = tokens.get(i);
      size_t type = t->getType();
      if (type == GolParser::L_PAREN || type == GolParser::L_BRACKET ||
          type == GolParser::L_CURLY) {
        if (++depth > kMaxBracketDepth) {
          diags.error(file.posOfCodePoint(t->getStartIndex()),
                      "syntax error: program too deeply nested");
          return nullptr;
        }
      } else if ((type == GolParser::R_PAREN || type == GolParser::R_BRACKET ||
                  type == GolParser::R_CURLY) &&
                 depth > 0) {
        --depth;
      }
    }
  }

  bool script = mode == ParseMode::Script;
  if (mode == ParseMode::Auto) {
    script = tokens.size() == 0 || tokens.get(0)->getType() != gen::GolLexer::PACKAGE;
  }

  char stackBase;
  GuardedParser parser(&tokens, &stackBase, parserStackBudget());
  parser.removeErrorListeners();
  GoStyleErrors errors(file, diags);

  antlr4::ParserRuleContext* tree = nullptr;
  auto run = [&]() -> antlr4::ParserRuleContext* {
    if (script) return parser.scriptFile();
    return parser.sourceFile();
  };
  try {
    // Fast path: SLL prediction, giving up at the first error...
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      tree = run();
    } catch (antlr4::ParseCancellationException&) {
      // ...then full LL with error recovery, for correct results and all the errors.
      tokens.seek(0);
      parser.reset();
      parser.addErrorListener(&errors);
      parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
          antlr4::atn::PredictionMode::LL);
      tree = run();
    }
  } catch (const FirstSyntaxError&) {
    return nullptr;
  } catch (const NestingTooDeep& deep) {
    Pos pos = deep.at ? file.posOfCodePoint(deep.at->getStartIndex()) : Pos{1, 1};
    diags.error(pos, "syntax error: program too deeply nested");
    return nullptr;
  }
  if (!diags.empty() || !tree) return nullptr;

  auto ast = std::make_unique<Ast>();
  Builder builder(file, diags, *ast, tokens);
  try {
    if (script) {
      ast->file = builder.buildScript(static_cast<GolParser::ScriptFileContext*>(tree));
    } else {
      ast->file = builder.buildFile(static_cast<GolParser::SourceFileContext*>(tree));
    }
  } catch (const ExprTooDeep& deep) {
    diags.error(deep.pos, "syntax error: program too deeply nested");
    return nullptr;
  }
  if (!diags.empty()) return nullptr;
  return ast;
}

}  // namespace gol::syntax
