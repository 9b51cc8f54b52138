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

// Thrown out of the generated parser when nesting exhausts the parser's stack budget.
struct NestingTooDeep {
  antlr4::Token* at;
};

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

bool isKeyword(size_t type) { return type >= GolParser::BREAK && type <= GolParser::VAR; }

// Go's words for a token in "unexpected X" (cmd/compile/internal/syntax).
std::string describe(const antlr4::Token* t) {
  size_t type = t->getType();
  std::string text = t->getText();
  if (type == antlr4::Token::EOF) return "EOF";
  if (type == GolParser::SEMI) return text;  // newline, EOF or semicolon
  if (type == GolParser::IDENTIFIER) return "name " + text;
  if (type == GolParser::COMMA) return "comma";
  switch (type) {
    case GolParser::INT_LIT:
    case GolParser::FLOAT_LIT:
    case GolParser::IMAGINARY_LIT:
    case GolParser::RUNE_LIT:
    case GolParser::INTERPRETED_STRING_LIT:
    case GolParser::RAW_STRING_LIT:
      return "literal " + text;
    default:
      break;
  }
  if (isKeyword(type)) return "keyword " + text;
  return text;
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
  return expected.contains(static_cast<size_t>(GolParser::IDENTIFIER)) && expected.contains(static_cast<size_t>(GolParser::INT_LIT)) &&
         expected.contains(static_cast<size_t>(GolParser::L_PAREN));
}

// Turns ANTLR's view of a syntax error (where the parser is, what it expected) into the
// message Go's parser gives for the same mistake.
class GoStyleErrors : public antlr4::BaseErrorListener {
 public:
  GoStyleErrors(const SourceFile& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t, size_t,
                   const std::string&, std::exception_ptr) override {
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (!parser || !offending) return;
    // Only the first syntax error: what ANTLR's recovery finds after it seldom matches
    // what Go's parser reports.
    if (reported_) return;
    reported_ = true;
    // Go avoids meaningless follow-up errors at the end of input.
    if (offending->getType() == antlr4::Token::EOF && !diags_.empty()) return;
    if (std::getenv("GOL_DEBUG_PARSER")) {
      std::string stack;
      for (auto& r : parser->getRuleInvocationStack()) stack += r + " ";
      std::fprintf(stderr, "parser: at %s in %s expecting %s\n", offending->toString().c_str(),
                   stack.c_str(), parser->getExpectedTokens().toString(parser->getVocabulary()).c_str());
    }
    Pos pos = file_.posOfCodePoint(offending->getStartIndex());
    if (offending->getType() == antlr4::Token::EOF) {
      pos = file_.posOfByte(file_.text().size());
    }
    diags_.error(pos, message(parser, offending));
  }

 private:
  std::string message(antlr4::Parser* parser, antlr4::Token* offending) {
    std::string unexpected = "syntax error: unexpected " + describe(offending);
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
    for (antlr4::ParserRuleContext* c = ctx; c; c = dynamic_cast<antlr4::ParserRuleContext*>(c->parent)) {
      size_t rule = c->getRuleIndex();
      if (rule == GolParser::RuleSourceFile) {
        if (expected.contains(static_cast<size_t>(GolParser::SEMI)) && !expected.contains(static_cast<size_t>(GolParser::FUNC))) {
          return unexpected + " after top level declaration";
        }
        if (type == GolParser::L_CURLY) return "syntax error: unexpected semicolon or newline before {";
        return "syntax error: non-declaration statement outside function body";
      }
      if (rule == GolParser::RuleExpression || rule == GolParser::RulePrimaryExpr ||
          rule == GolParser::RuleOperand) {
        if (startsExpression(expected)) return unexpected + ", expected expression";
        continue;
      }
      if (rule == GolParser::RuleArguments) {
        if (startsExpression(expected) && !expected.contains(static_cast<size_t>(GolParser::R_PAREN))) {
          return unexpected + ", expected expression";
        }
        return unexpected + " in argument list; possibly missing comma or )";
      }
      if (rule == GolParser::RuleLiteralValue) {
        if (startsExpression(expected) && !expected.contains(static_cast<size_t>(GolParser::R_CURLY))) {
          return unexpected + ", expected expression";
        }
        return unexpected + " in composite literal; possibly missing comma or }";
      }
      if (rule == GolParser::RuleParameters) {
        return unexpected + " in parameter list; possibly missing comma or )";
      }
      if (rule == GolParser::RuleIfHeader || rule == GolParser::RuleIfStmt) {
        if (expected.contains(static_cast<size_t>(GolParser::L_CURLY)) && !startsExpression(expected)) {
          return unexpected + ", expected { after if clause";
        }
        if (startsExpression(expected)) return unexpected + ", expected expression";
        continue;
      }
      if (rule == GolParser::RuleForHeader || rule == GolParser::RuleForStmt ||
          rule == GolParser::RuleForClause || rule == GolParser::RuleRangeClause) {
        if (expected.contains(static_cast<size_t>(GolParser::L_CURLY)) && !startsExpression(expected)) {
          return unexpected + ", expected { after for clause";
        }
        continue;
      }
      if (rule == GolParser::RuleSwitchStmt || rule == GolParser::RuleSwitchHeader) {
        if (expected.contains(static_cast<size_t>(GolParser::L_CURLY)) && !startsExpression(expected)) {
          return unexpected + ", expected { after switch clause";
        }
        if (expected.contains(static_cast<size_t>(GolParser::CASE))) {
          return unexpected + ", expected case or default or }";
        }
        continue;
      }
      if (rule == GolParser::RuleSelectStmt) {
        if (expected.contains(static_cast<size_t>(GolParser::CASE))) return unexpected + ", expected case or default or }";
        continue;
      }
      if (rule == GolParser::RuleStatementList || rule == GolParser::RuleBlock) {
        if (type == antlr4::Token::EOF) return unexpected + ", expected }";
        if (type == GolParser::ELSE) {
          return "syntax error: else must be followed by if or statement block";
        }
        if (expected.contains(static_cast<size_t>(GolParser::SEMI)) || expected.contains(static_cast<size_t>(GolParser::R_CURLY))) {
          return unexpected + " at end of statement";
        }
        continue;
      }
      if (rule == GolParser::RuleImportDecl || rule == GolParser::RuleConstDecl ||
          rule == GolParser::RuleVarDecl || rule == GolParser::RuleTypeDecl) {
        if (expected.contains(static_cast<size_t>(GolParser::R_PAREN)) && expected.contains(static_cast<size_t>(GolParser::SEMI))) {
          return unexpected + " in grouped declaration; possibly missing semicolon or newline or )";
        }
        continue;
      }
    }
    if (startsExpression(expected)) return unexpected + ", expected expression";
    if (expected.size() == 1) {
      return unexpected + ", expected " + expectedText(parser->getVocabulary(), static_cast<size_t>(expected.getMinElement()));
    }
    return unexpected;
  }

  static bool isOperator(size_t t) {
    switch (t) {
      case GolParser::PLUS: case GolParser::MINUS: case GolParser::STAR: case GolParser::DIV:
      case GolParser::MOD: case GolParser::AMPERSAND: case GolParser::OR: case GolParser::CARET:
      case GolParser::LSHIFT: case GolParser::RSHIFT: case GolParser::BIT_CLEAR:
      case GolParser::LOGICAL_AND: case GolParser::LOGICAL_OR: case GolParser::EQUALS:
      case GolParser::NOT_EQUALS: case GolParser::LESS: case GolParser::LESS_OR_EQUALS:
      case GolParser::GREATER: case GolParser::GREATER_OR_EQUALS: case GolParser::EXCLAMATION:
      case GolParser::RECEIVE: case GolParser::ASSIGN: case GolParser::DECLARE_ASSIGN:
      case GolParser::COMMA: case GolParser::L_PAREN: case GolParser::L_BRACKET:
      case GolParser::COLON:
        return true;
      default:
        return t >= GolParser::PLUS_ASSIGN && t <= GolParser::BIT_CLEAR_ASSIGN;
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
    struct Open {
      size_t type, prev, prevPrev;
    };
    std::vector<Open> open;
    size_t prev = 0, prevPrev = 0;
    size_t end = offending->getTokenIndex();
    for (size_t i = 0; i < end && i < stream->size(); ++i) {
      size_t t = stream->get(i)->getType();
      if (t == GolParser::L_PAREN || t == GolParser::L_BRACKET || t == GolParser::L_CURLY) {
        open.push_back(Open{t, prev, prevPrev});
      } else if ((t == GolParser::R_PAREN || t == GolParser::R_BRACKET ||
                  t == GolParser::R_CURLY) && !open.empty()) {
        open.pop_back();
      }
      prevPrev = prev;
      prev = t;
    }
    size_t type = offending->getType();
    bool operandExpected = isOperator(prev);
    bool canStart = type == GolParser::IDENTIFIER || type == GolParser::INT_LIT ||
                    type == GolParser::FLOAT_LIT || type == GolParser::INTERPRETED_STRING_LIT ||
                    type == GolParser::RAW_STRING_LIT || type == GolParser::RUNE_LIT ||
                    type == GolParser::L_PAREN || type == GolParser::FUNC;
    if (operandExpected && !canStart && prev != GolParser::L_PAREN &&
        prev != GolParser::COMMA && prev != GolParser::L_BRACKET) {
      return unexpected + ", expected expression";
    }
    if (open.empty()) return std::nullopt;
    const Open& o = open.back();
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
    if (o.type == GolParser::L_CURLY && inLiteral(ctx)) {
      return unexpected + " in composite literal; possibly missing comma or }";
    }
    if (o.type == GolParser::L_BRACKET) return unexpected + ", expected ]";
    return std::nullopt;
  }

  const SourceFile& file_;
  Diagnostics& diags_;
  bool reported_ = false;
};

}  // namespace

std::unique_ptr<Ast> parse(const SourceFile& file, Diagnostics& diags, ParseMode mode) {
  if (auto bad = checkSourceText(file.text())) {
    diags.error(file.posOfByte(bad->offset), bad->message);
    return nullptr;
  }
  std::string text = file.text();
  antlr4::ANTLRInputStream input(text);
  // A byte order mark at the very start is ignored, as Go does.
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) input.consume();

  TokenSource lexer(&input, file, diags);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();

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
  } catch (const NestingTooDeep& deep) {
    Pos pos = deep.at ? file.posOfCodePoint(deep.at->getStartIndex()) : Pos{1, 1};
    diags.error(pos, "syntax error: program too deeply nested");
    return nullptr;
  }
  if (!diags.empty() || !tree) return nullptr;

  auto ast = std::make_unique<Ast>();
  Builder builder(file, diags, *ast);
  if (script) {
    ast->file = builder.buildScript(static_cast<GolParser::ScriptFileContext*>(tree));
  } else {
    ast->file = builder.buildFile(static_cast<GolParser::SourceFileContext*>(tree));
  }
  if (!diags.empty()) return nullptr;
  return ast;
}

}  // namespace gol::syntax
