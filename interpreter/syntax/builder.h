// Parse tree to AST. The builder also makes the checks Go's parser makes after parsing
// a construct: parameter grouping, `:=` with names only, `.(type)` only in a type
// switch, select cases, missing if conditions.
#pragma once

#include "GolParser.h"
#include "interpreter/syntax/ast.h"
#include "interpreter/syntax/source.h"

namespace gol::syntax {

// Expressions nested deeper than this (a chain of 100000 binary operators, selectors or
// calls: go/parser's own limit) are refused: every later pass recurses over them.
constexpr int kMaxExprDepth = 100000;

// Thrown out of the builder at the expression that passed kMaxExprDepth.
struct ExprTooDeep {
  Pos pos;
};

class Builder {
 public:
  using P = gen::GolParser;
  Builder(const SourceFile& file, Diagnostics& diags, Ast& ast, antlr4::TokenStream& tokens)
      : file_(file), diags_(diags), ast_(ast), tokens_(tokens) {}

  File* buildFile(P::SourceFileContext* ctx);
  File* buildScript(P::ScriptFileContext* ctx);

 private:
  Pos pos(antlr4::ParserRuleContext* ctx) const;
  Pos pos(antlr4::Token* tok) const;
  Pos pos(antlr4::tree::TerminalNode* node) const { return pos(node->getSymbol()); }
  void error(Pos p, std::string msg) { diags_.error(p, std::move(msg)); }
  CallExpr* call(Expr* fun, P::ArgumentsContext* args, Pos at);
  std::vector<Expr*> arguments(const std::vector<P::ArgumentContext*>& list);
  Expr* typeValue(P::TypeValueContext* ctx);
  // The token after ctx.
  antlr4::Token* nextToken(antlr4::ParserRuleContext* ctx) const {
    return tokens_.get(ctx->getStop()->getTokenIndex() + 1);
  }

  Ident* ident(antlr4::tree::TerminalNode* node);
  std::vector<Ident*> identList(P::IdentifierListContext* ctx);
  std::vector<Expr*> exprList(P::ExpressionListContext* ctx);

  // Declarations
  GenDecl* importDecl(P::ImportDeclContext* ctx);
  GenDecl* declaration(P::DeclarationContext* ctx);
  GenDecl* constDecl(P::ConstDeclContext* ctx);
  GenDecl* varDecl(P::VarDeclContext* ctx);
  GenDecl* typeDecl(P::TypeDeclContext* ctx);
  TypeSpec* typeSpec(P::TypeSpecContext* ctx);
  std::vector<Field*> typeParameters(P::TypeParametersContext* ctx);
  Expr* typeElement(P::TypeElementContext* ctx);
  FuncDecl* functionDecl(P::FunctionDeclContext* ctx);
  FuncDecl* methodDecl(P::MethodDeclContext* ctx);

  // Types
  Expr* type(P::Type_Context* ctx);
  Expr* typeLit(P::TypeLitContext* ctx);
  // The type literals other than pointer types (typeLit's and operandTypeLit's).
  template <typename Ctx>
  Expr* typeLitOf(Ctx* ctx);
  Expr* typeName(P::TypeNameContext* ctx);
  StructType* structType(P::StructTypeContext* ctx);
  InterfaceType* interfaceType(P::InterfaceTypeContext* ctx);
  FuncType* signature(P::SignatureContext* ctx, Pos at);
  std::vector<Field*> parameters(P::ParametersContext* ctx);

  // Statements
  BlockStmt* block(P::BlockContext* ctx);
  std::vector<Stmt*> statementList(P::StatementListContext* ctx);
  Stmt* statement(P::StatementContext* ctx);
  Stmt* simpleStmt(P::SimpleStmtContext* ctx);
  Stmt* ifStmt(P::IfStmtContext* ctx);
  Stmt* switchStmt(P::SwitchStmtContext* ctx);
  void cannotUseAsValue(const Stmt* s);
  Stmt* selectStmt(P::SelectStmtContext* ctx);
  Stmt* forStmt(P::ForStmtContext* ctx);

  // Expressions
  Expr* expr(P::ExpressionContext* ctx);
  Expr* primary(P::PrimaryExprContext* ctx);
  Expr* operand(P::OperandContext* ctx);
  BasicLit* basicLit(P::BasicLitContext* ctx);
  BasicLit* stringLit(P::String_Context* ctx);
  Expr* compositeLit(Expr* type, P::LiteralValueContext* ctx, Pos at);
  Expr* element(P::ElementContext* ctx);
  FuncLit* funcLit(P::FuncLitContext* ctx);

  // `x.(type)` is only valid as the subject of a type switch: every guard built is
  // recorded, type switches accept theirs, and the rest are reported at the end.
  void reportStrayGuards();

  // Counts the expressions being built around the current one.
  struct DepthGuard {
    int& depth;
    DepthGuard(int& d, Pos at) : depth(d) {
      if (++depth > kMaxExprDepth) {
        --depth;
        throw ExprTooDeep{at};
      }
    }
    ~DepthGuard() { --depth; }
  };
  int exprDepth_ = 0;

  const SourceFile& file_;
  Diagnostics& diags_;
  Ast& ast_;
  antlr4::TokenStream& tokens_;
  std::vector<TypeAssertExpr*> guards_;
  std::vector<const TypeAssertExpr*> acceptedGuards_;
};

}  // namespace gol::syntax
