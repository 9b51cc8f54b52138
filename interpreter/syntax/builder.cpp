#include "interpreter/syntax/builder.h"

#include <algorithm>

#include "interpreter/syntax/literals.h"
#include "interpreter/syntax/printer.h"
#include "interpreter/syntax/token_source.h"

namespace gol::syntax {

using P = gen::GolParser;
using antlr4::tree::TerminalNode;

Pos Builder::pos(antlr4::Token* tok) const {
  return file_.posOfCodePoint(tok->getStartIndex());
}
Pos Builder::pos(antlr4::ParserRuleContext* ctx) const {
  return pos(ctx->getStart());
}

Ident* Builder::ident(TerminalNode* node) {
  Ident* id = ast_.make<Ident>(pos(node));
  id->name = node->getText();
  return id;
}

std::vector<Ident*> Builder::identList(P::IdentifierListContext* ctx) {
  std::vector<Ident*> out;
  for (TerminalNode* n : ctx->IDENTIFIER()) out.push_back(ident(n));
  return out;
}

std::vector<Expr*> Builder::exprList(P::ExpressionListContext* ctx) {
  std::vector<Expr*> out;
  if (!ctx) return out;
  for (P::ExpressionContext* e : ctx->expression()) out.push_back(expr(e));
  return out;
}

// ---- Files ------------------------------------------------------------------------------

File* Builder::buildFile(P::SourceFileContext* ctx) {
  File* file = ast_.make<File>(pos(ctx));
  file->packageName = ident(ctx->packageClause()->IDENTIFIER());
  for (P::ImportDeclContext* d : ctx->importDecl()) file->imports.push_back(importDecl(d));
  for (P::TopLevelDeclContext* d : ctx->topLevelDecl()) {
    if (d->declaration()) {
      file->decls.push_back(declaration(d->declaration()));
    } else if (d->functionDecl()) {
      file->decls.push_back(functionDecl(d->functionDecl()));
    } else {
      file->decls.push_back(methodDecl(d->methodDecl()));
    }
  }
  reportStrayGuards();
  return file;
}

File* Builder::buildScript(P::ScriptFileContext* ctx) {
  File* file = ast_.make<File>(pos(ctx));
  file->isScript = true;
  for (P::ImportDeclContext* d : ctx->importDecl()) file->imports.push_back(importDecl(d));
  for (P::ScriptItemContext* item : ctx->scriptItem()) {
    if (item->functionDecl()) {
      file->script.push_back(functionDecl(item->functionDecl()));
    } else if (item->methodDecl()) {
      file->script.push_back(methodDecl(item->methodDecl()));
    } else {
      file->script.push_back(statement(item->statement()));
    }
  }
  reportStrayGuards();
  return file;
}

void Builder::reportStrayGuards() {
  for (TypeAssertExpr* g : guards_) {
    if (std::find(acceptedGuards_.begin(), acceptedGuards_.end(), g) == acceptedGuards_.end()) {
      error(g->pos, "invalid syntax tree: use of .(type) outside type switch");
    }
  }
}

// ---- Declarations -----------------------------------------------------------------------

GenDecl* Builder::importDecl(P::ImportDeclContext* ctx) {
  GenDecl* d = ast_.make<GenDecl>(pos(ctx));
  d->tok = Token::Import;
  for (P::ImportSpecContext* s : ctx->importSpec()) {
    ImportSpec* spec = ast_.make<ImportSpec>(pos(s));
    if (s->IDENTIFIER()) {
      spec->name = ident(s->IDENTIFIER());
    } else if (s->DOT()) {
      spec->name = ast_.make<Ident>(pos(s->DOT()));
      spec->name->name = ".";
    }
    spec->path = stringLit(s->string_());
    if (spec->path->decoded.empty()) error(spec->path->pos, "invalid import path: \"\"");
    d->specs.push_back(spec);
  }
  return d;
}

GenDecl* Builder::declaration(P::DeclarationContext* ctx) {
  if (ctx->constDecl()) return constDecl(ctx->constDecl());
  if (ctx->varDecl()) return varDecl(ctx->varDecl());
  return typeDecl(ctx->typeDecl());
}

GenDecl* Builder::constDecl(P::ConstDeclContext* ctx) {
  GenDecl* d = ast_.make<GenDecl>(pos(ctx));
  d->tok = Token::Const;
  ValueSpec* previous = nullptr;
  int iota = 0;
  for (P::ConstSpecContext* s : ctx->constSpec()) {
    ValueSpec* spec = ast_.make<ValueSpec>(pos(s));
    spec->names = identList(s->identifierList());
    spec->iota = iota++;
    if (s->type_()) spec->type = type(s->type_());
    if (s->expressionList()) {
      spec->values = exprList(s->expressionList());
      previous = spec;
    } else if (spec->type || !previous) {
      // Go's type checker's words, at the first name without a value.
      error(spec->names[0]->pos, "missing init expr for " + spec->names[0]->name);
    } else {
      spec->implicitFrom = previous;
    }
    d->specs.push_back(spec);
  }
  return d;
}

GenDecl* Builder::varDecl(P::VarDeclContext* ctx) {
  GenDecl* d = ast_.make<GenDecl>(pos(ctx));
  d->tok = Token::Var;
  for (P::VarSpecContext* s : ctx->varSpec()) {
    ValueSpec* spec = ast_.make<ValueSpec>(pos(s));
    spec->names = identList(s->identifierList());
    if (s->type_()) spec->type = type(s->type_());
    spec->values = exprList(s->expressionList());
    d->specs.push_back(spec);
  }
  return d;
}

GenDecl* Builder::typeDecl(P::TypeDeclContext* ctx) {
  GenDecl* d = ast_.make<GenDecl>(pos(ctx));
  d->tok = Token::Type;
  for (P::TypeSpecContext* s : ctx->typeSpec()) d->specs.push_back(typeSpec(s));
  return d;
}

TypeSpec* Builder::typeSpec(P::TypeSpecContext* ctx) {
  TypeSpec* spec = ast_.make<TypeSpec>(pos(ctx));
  if (auto alias = dynamic_cast<P::AliasSpecContext*>(ctx)) {
    spec->name = ident(alias->IDENTIFIER());
    spec->isAlias = true;
    if (alias->typeParameters()) spec->typeParams = typeParameters(alias->typeParameters());
    spec->type = type(alias->type_());
  } else {
    auto def = static_cast<P::TypeDefSpecContext*>(ctx);
    spec->name = ident(def->IDENTIFIER());
    if (def->typeParameters()) spec->typeParams = typeParameters(def->typeParameters());
    spec->type = type(def->type_());
  }
  return spec;
}

std::vector<Field*> Builder::typeParameters(P::TypeParametersContext* ctx) {
  std::vector<Field*> out;
  for (P::TypeParameterDeclContext* d : ctx->typeParameterDecl()) {
    Field* f = ast_.make<Field>(pos(d));
    f->names = identList(d->identifierList());
    f->type = typeElement(d->typeElement());
    out.push_back(f);
  }
  return out;
}

Expr* Builder::typeElement(P::TypeElementContext* ctx) {
  Expr* result = nullptr;
  for (P::TypeTermContext* term : ctx->typeTerm()) {
    Expr* t = type(term->type_());
    if (term->UNDERLYING()) {
      UnaryExpr* u = ast_.make<UnaryExpr>(pos(term));
      u->op = Token::Tilde;
      u->x = t;
      t = u;
    }
    if (!result) {
      result = t;
    } else {
      BinaryExpr* b = ast_.make<BinaryExpr>(result->pos);
      b->op = Token::Or;
      b->opPos = t->pos;
      b->x = result;
      b->y = t;
      result = b;
    }
  }
  return result;
}

FuncDecl* Builder::functionDecl(P::FunctionDeclContext* ctx) {
  FuncDecl* f = ast_.make<FuncDecl>(pos(ctx));
  f->name = ident(ctx->IDENTIFIER());
  f->type = signature(ctx->signature(), pos(ctx));
  if (ctx->typeParameters()) f->type->typeParams = typeParameters(ctx->typeParameters());
  if (ctx->block()) f->body = block(ctx->block());
  return f;
}

FuncDecl* Builder::methodDecl(P::MethodDeclContext* ctx) {
  FuncDecl* f = ast_.make<FuncDecl>(pos(ctx));
  std::vector<Field*> recv = parameters(ctx->receiver);
  size_t count = 0;
  for (Field* r : recv) count += std::max<size_t>(1, r->names.size());
  if (count == 0) {
    error(pos(ctx->receiver), "method has no receiver");
  } else if (count > 1) {
    error(pos(ctx->receiver), "method has multiple receivers");
  }
  if (!recv.empty()) f->recv = recv[0];
  f->name = ident(ctx->IDENTIFIER());
  if (ctx->typeParameters()) {
    error(pos(ctx->typeParameters()), "syntax error: method must have no type parameters");
  }
  f->type = signature(ctx->signature(), pos(ctx));
  if (ctx->block()) f->body = block(ctx->block());
  return f;
}

// ---- Types ------------------------------------------------------------------------------

Expr* Builder::type(P::Type_Context* ctx) {
  if (ctx->typeName()) {
    Expr* name = typeName(ctx->typeName());
    if (P::TypeArgsContext* args = ctx->typeArgs()) {
      IndexExpr* inst = ast_.make<IndexExpr>(name->pos);
      inst->x = name;
      for (P::Type_Context* t : args->type_()) inst->indices.push_back(type(t));
      return inst;
    }
    return name;
  }
  if (ctx->typeLit()) return typeLit(ctx->typeLit());
  ParenExpr* paren = ast_.make<ParenExpr>(pos(ctx));
  paren->x = type(ctx->type_());
  return paren;
}

Expr* Builder::typeName(P::TypeNameContext* ctx) {
  std::vector<TerminalNode*> ids = ctx->IDENTIFIER();
  Ident* first = ident(ids[0]);
  if (ids.size() == 1) return first;
  SelectorExpr* sel = ast_.make<SelectorExpr>(first->pos);
  sel->x = first;
  sel->sel = ident(ids[1]);
  sel->dot = pos(ctx->DOT());
  return sel;
}

Expr* Builder::typeLit(P::TypeLitContext* ctx) {
  if (auto p = ctx->pointerType()) {
    StarExpr* t = ast_.make<StarExpr>(pos(p));
    t->x = type(p->type_());
    return t;
  }
  return typeLitOf(ctx);
}

template <typename Ctx>
Expr* Builder::typeLitOf(Ctx* ctx) {
  if (auto a = ctx->arrayType()) {
    ArrayType* t = ast_.make<ArrayType>(pos(a));
    if (a->ELLIPSIS()) {
      t->len = ast_.make<Ellipsis>(pos(a->ELLIPSIS()));
    } else {
      t->len = expr(a->expression());
    }
    t->elem = type(a->type_());
    return t;
  }
  if (auto s = ctx->sliceType()) {
    ArrayType* t = ast_.make<ArrayType>(pos(s));
    t->elem = type(s->type_());
    return t;
  }
  if (auto m = ctx->mapType()) {
    MapType* t = ast_.make<MapType>(pos(m));
    t->key = type(m->type_(0));
    t->value = type(m->type_(1));
    return t;
  }
  if (auto c = ctx->channelType()) {
    ChanType* t = ast_.make<ChanType>(pos(c));
    if (auto b = dynamic_cast<P::BidirectionalChannelContext*>(c)) {
      t->elem = type(b->type_());
    } else if (auto s = dynamic_cast<P::SendOnlyChannelContext*>(c)) {
      t->dir = ChanDir::Send;
      t->elem = type(s->type_());
    } else {
      auto r = static_cast<P::ReceiveOnlyChannelContext*>(c);
      t->dir = ChanDir::Recv;
      t->elem = type(r->type_());
    }
    return t;
  }
  if constexpr (requires { ctx->functionType(); }) {
    if (auto f = ctx->functionType()) return signature(f->signature(), pos(f));
  }
  if (auto s = ctx->structType()) return structType(s);
  return interfaceType(ctx->interfaceType());
}

StructType* Builder::structType(P::StructTypeContext* ctx) {
  StructType* t = ast_.make<StructType>(pos(ctx));
  for (P::FieldDeclContext* fd : ctx->fieldDecl()) {
    Field* f = ast_.make<Field>(pos(fd));
    if (fd->identifierList()) {
      f->names = identList(fd->identifierList());
      f->type = type(fd->type_());
    } else {
      P::EmbeddedFieldContext* e = fd->embeddedField();
      Expr* name = typeName(e->typeName());
      if (P::TypeArgsContext* args = e->typeArgs()) {
        IndexExpr* inst = ast_.make<IndexExpr>(name->pos);
        inst->x = name;
        for (P::Type_Context* a : args->type_()) inst->indices.push_back(type(a));
        name = inst;
      }
      if (e->STAR()) {
        StarExpr* star = ast_.make<StarExpr>(pos(e));
        star->x = name;
        name = star;
      }
      f->type = name;
    }
    if (fd->tag) f->tag = stringLit(fd->tag);
    t->fields.push_back(f);
  }
  return t;
}

InterfaceType* Builder::interfaceType(P::InterfaceTypeContext* ctx) {
  InterfaceType* t = ast_.make<InterfaceType>(pos(ctx));
  for (P::InterfaceElemContext* el : ctx->interfaceElem()) {
    Field* f = ast_.make<Field>(pos(el));
    if (auto m = dynamic_cast<P::MethodElemContext*>(el)) {
      f->names.push_back(ident(m->IDENTIFIER()));
      f->type = signature(m->signature(), pos(m));
    } else {
      f->type = typeElement(static_cast<P::TypeSetElemContext*>(el)->typeElement());
    }
    t->elems.push_back(f);
  }
  return t;
}

FuncType* Builder::signature(P::SignatureContext* ctx, Pos at) {
  FuncType* t = ast_.make<FuncType>(at);
  t->params = parameters(ctx->parameters());
  if (P::ResultContext* r = ctx->result()) {
    if (r->parameters()) {
      t->results = parameters(r->parameters());
    } else {
      Field* f = ast_.make<Field>(pos(r));
      f->type = type(r->type_());
      t->results.push_back(f);
    }
  }
  return t;
}

// Go's grouping: in `(a, b int, c string)` the bare `a` is a name sharing `b`'s type.
// Either every parameter is named or none is.
std::vector<Field*> Builder::parameters(P::ParametersContext* ctx) {
  struct Decl {
    Pos pos;
    Ident* name;
    Expr* type;
  };
  std::vector<Decl> decls;
  bool anyNamed = false;
  for (P::ParameterDeclContext* d : ctx->parameterDecl()) {
    Expr* t = type(d->type_());
    if (d->ELLIPSIS()) {
      Ellipsis* e = ast_.make<Ellipsis>(pos(d->ELLIPSIS()));
      e->elem = t;
      t = e;
    }
    Ident* name = d->IDENTIFIER() ? ident(d->IDENTIFIER()) : nullptr;
    anyNamed = anyNamed || name;
    decls.push_back(Decl{pos(d), name, t});
  }
  std::vector<Field*> out;
  if (!anyNamed) {
    for (const Decl& d : decls) {
      Field* f = ast_.make<Field>(d.pos);
      f->type = d.type;
      out.push_back(f);
    }
    return out;
  }
  std::vector<Ident*> pending;
  Pos pendingPos;
  for (const Decl& d : decls) {
    if (!d.name) {
      Ident* bare = as<Ident>(d.type);
      if (!bare) {
        error(d.type->pos, "syntax error: mixed named and unnamed parameters");
        return out;
      }
      if (pending.empty()) pendingPos = d.pos;
      pending.push_back(bare);
      continue;
    }
    Field* f = ast_.make<Field>(pending.empty() ? d.pos : pendingPos);
    f->names = std::move(pending);
    pending.clear();
    f->names.push_back(d.name);
    f->type = d.type;
    out.push_back(f);
  }
  if (!pending.empty()) {
    error(pending.back()->pos, "syntax error: mixed named and unnamed parameters");
  }
  return out;
}

// ---- Statements -------------------------------------------------------------------------

BlockStmt* Builder::block(P::BlockContext* ctx) {
  BlockStmt* b = ast_.make<BlockStmt>(pos(ctx));
  b->list = statementList(ctx->statementList());
  b->rbrace = pos(ctx->R_CURLY());
  return b;
}

std::vector<Stmt*> Builder::statementList(P::StatementListContext* ctx) {
  std::vector<Stmt*> out;
  if (!ctx) return out;
  for (P::StatementContext* s : ctx->statement()) out.push_back(statement(s));
  return out;
}

Stmt* Builder::statement(P::StatementContext* ctx) {
  if (auto d = dynamic_cast<P::DeclarationStmtContext*>(ctx)) {
    DeclStmt* s = ast_.make<DeclStmt>(pos(d));
    s->decl = declaration(d->declaration());
    return s;
  }
  if (auto l = dynamic_cast<P::LabeledStatementContext*>(ctx)) {
    P::LabeledStmtContext* ls = l->labeledStmt();
    LabeledStmt* s = ast_.make<LabeledStmt>(pos(ls));
    s->label = ident(ls->IDENTIFIER());
    if (ls->statement()) {
      s->stmt = statement(ls->statement());
    } else {
      s->stmt = ast_.make<EmptyStmt>(pos(ls->COLON()));
    }
    return s;
  }
  if (auto s = dynamic_cast<P::SimpleStatementContext*>(ctx)) return simpleStmt(s->simpleStmt());
  if (auto g = dynamic_cast<P::GoStmtContext*>(ctx)) {
    GoStmt* s = ast_.make<GoStmt>(pos(g));
    s->call = expr(g->expression());
    return s;
  }
  if (auto d = dynamic_cast<P::DeferStmtContext*>(ctx)) {
    DeferStmt* s = ast_.make<DeferStmt>(pos(d));
    s->call = expr(d->expression());
    return s;
  }
  if (auto r = dynamic_cast<P::ReturnStmtContext*>(ctx)) {
    ReturnStmt* s = ast_.make<ReturnStmt>(pos(r));
    s->results = exprList(r->expressionList());
    return s;
  }
  auto branch = [&](antlr4::ParserRuleContext* c, Token tok, TerminalNode* label) {
    BranchStmt* s = ast_.make<BranchStmt>(pos(c));
    s->tok = tok;
    if (label) s->label = ident(label);
    return s;
  };
  if (auto b = dynamic_cast<P::BreakStmtContext*>(ctx)) {
    return branch(b, Token::Break, b->IDENTIFIER());
  }
  if (auto c = dynamic_cast<P::ContinueStmtContext*>(ctx)) {
    return branch(c, Token::Continue, c->IDENTIFIER());
  }
  if (auto g = dynamic_cast<P::GotoStmtContext*>(ctx)) {
    return branch(g, Token::Goto, g->IDENTIFIER());
  }
  if (auto f = dynamic_cast<P::FallthroughStmtContext*>(ctx)) {
    return branch(f, Token::Fallthrough, nullptr);
  }
  if (auto b = dynamic_cast<P::BlockStmtContext*>(ctx)) return block(b->block());
  if (auto i = dynamic_cast<P::IfStatementContext*>(ctx)) return ifStmt(i->ifStmt());
  if (auto s = dynamic_cast<P::SwitchStatementContext*>(ctx)) return switchStmt(s->switchStmt());
  if (auto s = dynamic_cast<P::SelectStatementContext*>(ctx)) return selectStmt(s->selectStmt());
  if (auto f = dynamic_cast<P::ForStatementContext*>(ctx)) return forStmt(f->forStmt());
  return ast_.make<BadStmt>(pos(ctx));
}

namespace {

Token assignToken(P::AssignOpContext* op) {
  switch (op->getStart()->getType()) {
    case P::PLUS_ASSIGN: return Token::AddAssign;
    case P::MINUS_ASSIGN: return Token::SubAssign;
    case P::STAR_ASSIGN: return Token::MulAssign;
    case P::DIV_ASSIGN: return Token::QuoAssign;
    case P::MOD_ASSIGN: return Token::RemAssign;
    case P::AND_ASSIGN: return Token::AndAssign;
    case P::OR_ASSIGN: return Token::OrAssign;
    case P::XOR_ASSIGN: return Token::XorAssign;
    case P::LSHIFT_ASSIGN: return Token::ShlAssign;
    case P::RSHIFT_ASSIGN: return Token::ShrAssign;
    case P::BIT_CLEAR_ASSIGN: return Token::AndNotAssign;
    default: return Token::Assign;
  }
}

}  // namespace

Stmt* Builder::simpleStmt(P::SimpleStmtContext* ctx) {
  std::vector<P::ExpressionListContext*> lists = ctx->expressionList();
  std::vector<Expr*> lhs = exprList(lists[0]);
  // A send or an increment takes one operand, as does a statement that is an expression.
  auto single = [&](antlr4::Token* after) -> Expr* {
    if (lhs.size() > 1) {
      error(pos(after),
            "syntax error: unexpected " + describeToken(after) + ", expected := or = or comma");
    }
    return lhs[0];
  };
  if (ctx->RECEIVE()) {
    SendStmt* st = ast_.make<SendStmt>(pos(ctx));
    st->chan = single(ctx->RECEIVE()->getSymbol());
    st->value = expr(ctx->expression());
    return st;
  }
  if (ctx->PLUS_PLUS() || ctx->MINUS_MINUS()) {
    IncDecStmt* st = ast_.make<IncDecStmt>(pos(ctx));
    st->tok = ctx->PLUS_PLUS() ? Token::Inc : Token::Dec;
    st->x = single((ctx->PLUS_PLUS() ? ctx->PLUS_PLUS() : ctx->MINUS_MINUS())->getSymbol());
    return st;
  }
  if (P::AssignOpContext* op = ctx->assignOp()) {
    AssignStmt* st = ast_.make<AssignStmt>(pos(ctx));
    st->lhs = std::move(lhs);
    st->tok = assignToken(op);
    st->tokPos = pos(op);
    st->rhs = exprList(lists[1]);
    if (st->tok != Token::Assign && (st->lhs.size() > 1 || st->rhs.size() > 1)) {
      error(st->tokPos, std::string("syntax error: unexpected ") + tokenText(st->tok) +
                            ", expected := or = or comma");
    }
    return st;
  }
  if (ctx->DECLARE_ASSIGN()) {
    AssignStmt* st = ast_.make<AssignStmt>(pos(ctx));
    st->lhs = std::move(lhs);
    st->tok = Token::Define;
    st->tokPos = pos(ctx->DECLARE_ASSIGN());
    st->rhs = exprList(lists[1]);
    for (Expr* e : st->lhs) {
      if (!as<Ident>(e)) error(e->pos, "non-name " + exprString(e) + " on left side of :=");
    }
    return st;
  }
  ExprStmt* st = ast_.make<ExprStmt>(pos(ctx));
  st->x = single(nextToken(ctx));
  return st;
}

Stmt* Builder::ifStmt(P::IfStmtContext* ctx) {
  IfStmt* s = ast_.make<IfStmt>(pos(ctx));
  P::IfHeaderContext* h = ctx->ifHeader();
  std::vector<P::SimpleStmtContext*> parts = h->simpleStmt();
  bool hasInit = h->SEMI() != nullptr;
  P::SimpleStmtContext* initCtx = nullptr;
  P::SimpleStmtContext* condCtx = nullptr;
  if (hasInit) {
    // `if init; cond`: the init is present only when a statement precedes the `;`.
    if (parts.size() == 2) {
      initCtx = parts[0];
      condCtx = parts[1];
    } else if (parts.size() == 1) {
      if (parts[0]->getStart()->getTokenIndex() < h->SEMI()->getSymbol()->getTokenIndex()) {
        initCtx = parts[0];
      } else {
        condCtx = parts[0];
      }
    }
  } else if (!parts.empty()) {
    condCtx = parts[0];
  }
  if (initCtx) s->init = simpleStmt(initCtx);
  if (!condCtx) {
    error(pos(ctx->block(0)), "syntax error: missing condition in if statement");
  } else {
    Stmt* cond = simpleStmt(condCtx);
    if (auto e = as<ExprStmt>(cond)) {
      s->cond = e->x;
    } else {
      cannotUseAsValue(cond);
    }
  }
  s->body = block(ctx->block(0));
  if (ctx->ifStmt()) {
    s->elseStmt = ifStmt(ctx->ifStmt());
  } else if (ctx->block().size() > 1) {
    s->elseStmt = block(ctx->block(1));
  }
  return s;
}

// Go's error for a statement where an if or switch header needs an expression, at the
// position Go gives the statement (an assignment's operator). A plain `=` is spelled out,
// binary operands in parentheses, as the usual slip for `==`.
void Builder::cannotUseAsValue(const Stmt* s) {
  std::string text = stmtString(s);
  Pos at = s->pos;
  if (auto a = as<AssignStmt>(s)) {
    at = a->tokPos;
    if (a->tok == Token::Assign) {
      auto emphasize = [](const std::vector<Expr*>& list) {
        std::string out;
        for (size_t i = 0; i < list.size(); ++i) {
          if (i) out += ", ";
          std::string e = exprString(list[i]);
          out += as<BinaryExpr>(list[i]) && list.size() == 1 ? "(" + e + ")" : e;
        }
        return out;
      };
      text = "assignment " + emphasize(a->lhs) + " = " + emphasize(a->rhs);
    }
  }
  error(at, "syntax error: cannot use " + text + " as value");
}

Stmt* Builder::switchStmt(P::SwitchStmtContext* ctx) {
  P::SwitchHeaderContext* h = ctx->switchHeader();
  std::vector<P::SimpleStmtContext*> parts = h->simpleStmt();
  P::SimpleStmtContext* initCtx = nullptr;
  P::SimpleStmtContext* tagCtx = nullptr;
  if (h->SEMI()) {
    size_t semiIndex = h->SEMI()->getSymbol()->getTokenIndex();
    for (P::SimpleStmtContext* p : parts) {
      if (p->getStart()->getTokenIndex() < semiIndex) {
        initCtx = p;
      } else {
        tagCtx = p;
      }
    }
  } else if (!parts.empty()) {
    tagCtx = parts[0];
  }
  Stmt* init = initCtx ? simpleStmt(initCtx) : nullptr;
  Stmt* tag = tagCtx ? simpleStmt(tagCtx) : nullptr;

  // A type switch: `x.(type)` or `v := x.(type)`.
  TypeAssertExpr* guard = nullptr;
  Ident* binding = nullptr;
  if (auto e = as<ExprStmt>(tag)) {
    if (auto ta = as<TypeAssertExpr>(e->x); ta && !ta->type) guard = ta;
  } else if (auto a = as<AssignStmt>(tag);
             a && a->tok == Token::Define && a->lhs.size() == 1 && a->rhs.size() == 1) {
    if (auto ta = as<TypeAssertExpr>(a->rhs[0]); ta && !ta->type) {
      guard = ta;
      binding = as<Ident>(a->lhs[0]);
    }
  }

  std::vector<CaseClause*> clauses;
  for (P::CaseClauseContext* c : ctx->caseClause()) {
    CaseClause* cc = ast_.make<CaseClause>(pos(c));
    cc->isDefault = c->DEFAULT() != nullptr;
    cc->list = arguments(c->argument());
    cc->body = statementList(c->statementList());
    clauses.push_back(cc);
  }

  if (guard) {
    acceptedGuards_.push_back(guard);
    TypeSwitchStmt* s = ast_.make<TypeSwitchStmt>(pos(ctx));
    s->init = init;
    s->binding = binding;
    s->subject = guard->x;
    s->clauses = std::move(clauses);
    s->lbrace = pos(ctx->L_CURLY());
    s->rbrace = pos(ctx->R_CURLY());
    return s;
  }
  SwitchStmt* s = ast_.make<SwitchStmt>(pos(ctx));
  s->init = init;
  if (tag) {
    if (auto e = as<ExprStmt>(tag)) {
      s->tag = e->x;
    } else {
      cannotUseAsValue(tag);
    }
  }
  s->clauses = std::move(clauses);
  s->lbrace = pos(ctx->L_CURLY());
  s->rbrace = pos(ctx->R_CURLY());
  return s;
}

Stmt* Builder::selectStmt(P::SelectStmtContext* ctx) {
  SelectStmt* s = ast_.make<SelectStmt>(pos(ctx));
  for (P::CommClauseContext* c : ctx->commClause()) {
    CommClause* cc = ast_.make<CommClause>(pos(c));
    if (c->simpleStmt()) {
      Stmt* comm = simpleStmt(c->simpleStmt());
      bool ok = false;
      // A receive in parentheses (`case x := (<-c):`) is the receive, as in Go's parser.
      auto isRecv = [](Expr*& e) {
        Expr* x = e;
        while (auto p = as<ParenExpr>(x)) x = p->x;
        auto u = as<UnaryExpr>(x);
        if (!u || u->op != Token::Arrow) return false;
        e = x;
        return true;
      };
      if (as<SendStmt>(comm)) {
        ok = true;
      } else if (auto e = as<ExprStmt>(comm)) {
        ok = isRecv(e->x);
      } else if (auto a = as<AssignStmt>(comm)) {
        ok = (a->tok == Token::Assign || a->tok == Token::Define) && a->lhs.size() <= 2 &&
             a->rhs.size() == 1 && isRecv(a->rhs[0]);
      }
      if (!ok) error(comm->pos, "select case must be receive, send or assign recv");
      cc->comm = comm;
    }
    cc->body = statementList(c->statementList());
    s->clauses.push_back(cc);
  }
  s->rbrace = pos(ctx->R_CURLY());
  return s;
}

Stmt* Builder::forStmt(P::ForStmtContext* ctx) {
  P::ForHeaderContext* h = ctx->forHeader();
  if (P::RangeClauseContext* r = h->rangeClause()) {
    RangeStmt* s = ast_.make<RangeStmt>(pos(ctx));
    if (r->expressionList()) {
      std::vector<Expr*> vars = exprList(r->expressionList());
      s->tok = r->DECLARE_ASSIGN() ? Token::Define : Token::Assign;
      if (vars.size() > 2) {
        error(vars[2]->pos, "range clause permits at most two iteration variables");
      }
      s->key = vars[0];
      if (vars.size() > 1) s->value = vars[1];
      if (s->tok == Token::Define) {
        for (Expr* v : vars) {
          if (!as<Ident>(v)) error(v->pos, "non-name " + exprString(v) + " on left side of :=");
        }
      }
    }
    s->x = expr(r->expression());
    s->body = block(ctx->block());
    return s;
  }
  ForStmt* s = ast_.make<ForStmt>(pos(ctx));
  if (P::ForClauseContext* c = h->forClause()) {
    if (c->init) s->init = simpleStmt(c->init);
    if (c->cond) s->cond = expr(c->cond);
    if (c->post) {
      s->post = simpleStmt(c->post);
      if (auto a = as<AssignStmt>(s->post); a && a->tok == Token::Define) {
        error(a->tokPos, "syntax error: cannot declare in post statement of for loop");
      }
    }
  } else if (h->expression()) {
    s->cond = expr(h->expression());
  }
  s->body = block(ctx->block());
  return s;
}

// ---- Expressions ------------------------------------------------------------------------

namespace {

Token binaryToken(size_t type) {
  switch (type) {
    case P::STAR: return Token::Mul;
    case P::DIV: return Token::Quo;
    case P::MOD: return Token::Rem;
    case P::LSHIFT: return Token::Shl;
    case P::RSHIFT: return Token::Shr;
    case P::AMPERSAND: return Token::And;
    case P::BIT_CLEAR: return Token::AndNot;
    case P::PLUS: return Token::Add;
    case P::MINUS: return Token::Sub;
    case P::OR: return Token::Or;
    case P::CARET: return Token::Xor;
    case P::EQUALS: return Token::Eql;
    case P::NOT_EQUALS: return Token::Neq;
    case P::LESS: return Token::Lss;
    case P::LESS_OR_EQUALS: return Token::Leq;
    case P::GREATER: return Token::Gtr;
    case P::GREATER_OR_EQUALS: return Token::Geq;
    case P::LOGICAL_AND: return Token::LAnd;
    case P::LOGICAL_OR: return Token::LOr;
    default: return Token::None;
  }
}

}  // namespace

Expr* Builder::expr(P::ExpressionContext* ctx) {
  DepthGuard guard(exprDepth_, pos(ctx));
  if (auto p = dynamic_cast<P::PrimaryExpressionContext*>(ctx)) return primary(p->primaryExpr());
  if (auto u = dynamic_cast<P::UnaryExpressionContext*>(ctx)) {
    Expr* x = expr(u->expression());
    size_t type = u->op->getType();
    if (type == P::STAR) {
      StarExpr* s = ast_.make<StarExpr>(pos(u));
      s->x = x;
      return s;
    }
    if (type == P::RECEIVE) {
      // `<-chan T` is a receive-only channel type, not a receive from `chan T`.
      if (auto c = as<ChanType>(x); c && c->dir == ChanDir::Both) {
        c->dir = ChanDir::Recv;
        c->pos = pos(u);
        return c;
      }
    }
    UnaryExpr* e = ast_.make<UnaryExpr>(pos(u));
    switch (type) {
      case P::PLUS: e->op = Token::Add; break;
      case P::MINUS: e->op = Token::Sub; break;
      case P::EXCLAMATION: e->op = Token::Not; break;
      case P::CARET: e->op = Token::Xor; break;
      case P::AMPERSAND: e->op = Token::And; break;
      default: e->op = Token::Arrow; break;
    }
    e->x = x;
    return e;
  }
  auto b = static_cast<P::BinaryExpressionContext*>(ctx);
  BinaryExpr* e = ast_.make<BinaryExpr>(pos(b));
  e->op = binaryToken(b->op->getType());
  e->opPos = pos(b->op);
  e->x = expr(b->expression(0));
  e->y = expr(b->expression(1));
  return e;
}

Expr* Builder::primary(P::PrimaryExprContext* ctx) {
  DepthGuard guard(exprDepth_, pos(ctx));
  if (auto o = dynamic_cast<P::OperandExprContext*>(ctx)) return operand(o->operand());
  if (auto s = dynamic_cast<P::SelectorExprContext*>(ctx)) {
    SelectorExpr* e = ast_.make<SelectorExpr>(pos(s));
    e->x = primary(s->primaryExpr());
    e->sel = ident(s->IDENTIFIER());
    e->dot = pos(s->DOT());
    return e;
  }
  if (auto s = dynamic_cast<P::TypeSelectorExprContext*>(ctx)) {
    // A method expression on a type literal: `interface{ M() }.M`, `struct{ T }.M`.
    SelectorExpr* e = ast_.make<SelectorExpr>(pos(s));
    if (s->structType()) {
      e->x = structType(s->structType());
    } else {
      e->x = interfaceType(s->interfaceType());
    }
    e->sel = ident(s->IDENTIFIER());
    e->dot = pos(s->DOT());
    return e;
  }
  if (auto g = dynamic_cast<P::TypeSwitchGuardContext*>(ctx)) {
    TypeAssertExpr* e = ast_.make<TypeAssertExpr>(pos(g));
    e->x = primary(g->primaryExpr());
    guards_.push_back(e);
    return e;
  }
  if (auto t = dynamic_cast<P::TypeAssertionContext*>(ctx)) {
    TypeAssertExpr* e = ast_.make<TypeAssertExpr>(pos(t));
    e->x = primary(t->primaryExpr());
    e->type = type(t->type_());
    return e;
  }
  if (auto i = dynamic_cast<P::IndexExprContext*>(ctx)) {
    IndexExpr* e = ast_.make<IndexExpr>(pos(i));
    e->x = primary(i->primaryExpr());
    e->indices = arguments(i->index()->argument());
    return e;
  }
  if (auto s = dynamic_cast<P::SliceExprContext*>(ctx)) {
    SliceExpr* e = ast_.make<SliceExpr>(pos(s));
    e->x = primary(s->primaryExpr());
    P::Slice_Context* sl = s->slice_();
    if (sl->low) e->low = expr(sl->low);
    if (sl->high) e->high = expr(sl->high);
    if (sl->max) e->max = expr(sl->max);
    e->slice3 = sl->COLON().size() == 2;
    return e;
  }
  if (auto v = dynamic_cast<P::ConversionExprContext*>(ctx)) {
    return call(typeValue(v->typeValue()), v->arguments(), pos(v));
  }
  auto c = static_cast<P::CallExprContext*>(ctx);
  return call(primary(c->primaryExpr()), c->arguments(), pos(c));
}

Expr* Builder::typeValue(P::TypeValueContext* ctx) {
  if (auto f = ctx->functionType()) return signature(f->signature(), pos(f));
  return typeLitOf(ctx->operandTypeLit());
}

std::vector<Expr*> Builder::arguments(const std::vector<P::ArgumentContext*>& list) {
  std::vector<Expr*> out;
  for (P::ArgumentContext* a : list) {
    if (a->expression()) {
      out.push_back(expr(a->expression()));
    } else if (P::PointerTypeContext* p = a->pointerType()) {
      StarExpr* t = ast_.make<StarExpr>(pos(p));
      t->x = type(p->type_());
      out.push_back(t);
    } else {
      out.push_back(typeValue(a->typeValue()));
    }
  }
  return out;
}

CallExpr* Builder::call(Expr* fun, P::ArgumentsContext* args, Pos at) {
  CallExpr* e = ast_.make<CallExpr>(at);
  e->fun = fun;
  e->lparen = pos(args->L_PAREN());
  e->rparen = pos(args->R_PAREN());
  e->args = arguments(args->argument());
  e->hasEllipsis = args->ELLIPSIS() != nullptr;
  return e;
}

Expr* Builder::operand(P::OperandContext* ctx) {
  if (auto b = dynamic_cast<P::BasicLiteralContext*>(ctx)) return basicLit(b->basicLit());
  if (auto c = dynamic_cast<P::CompositeLiteralContext*>(ctx)) {
    P::CompositeLitContext* lit = c->compositeLit();
    P::LiteralTypeContext* lt = lit->literalType();
    Expr* t = nullptr;
    if (lt->typeName()) {
      t = typeName(lt->typeName());
      if (P::IndexContext* idx = lt->index()) {
        IndexExpr* inst = ast_.make<IndexExpr>(t->pos);
        inst->x = t;
        inst->indices = arguments(idx->argument());
        t = inst;
      }
    } else if (lt->structType()) {
      t = structType(lt->structType());
    } else if (auto a = lt->arrayType()) {
      ArrayType* at = ast_.make<ArrayType>(pos(a));
      if (a->ELLIPSIS()) {
        at->len = ast_.make<Ellipsis>(pos(a->ELLIPSIS()));
      } else {
        at->len = expr(a->expression());
      }
      at->elem = type(a->type_());
      t = at;
    } else if (auto s = lt->sliceType()) {
      ArrayType* at = ast_.make<ArrayType>(pos(s));
      at->elem = type(s->type_());
      t = at;
    } else {
      auto m = lt->mapType();
      MapType* mt = ast_.make<MapType>(pos(m));
      mt->key = type(m->type_(0));
      mt->value = type(m->type_(1));
      t = mt;
    }
    return compositeLit(t, lit->literalValue(), pos(lit));
  }
  if (auto f = dynamic_cast<P::FunctionLiteralContext*>(ctx)) return funcLit(f->funcLit());
  if (auto n = dynamic_cast<P::NameOperandContext*>(ctx)) return ident(n->IDENTIFIER());
  if (auto p = dynamic_cast<P::ParenOperandContext*>(ctx)) {
    ParenExpr* e = ast_.make<ParenExpr>(pos(p));
    e->x = expr(p->parenExpr()->expression());
    return e;
  }
  auto pt = static_cast<P::ParenTypeOperandContext*>(ctx);
  ParenExpr* e = ast_.make<ParenExpr>(pos(pt));
  e->x = type(pt->type_());
  return e;
}

BasicLit* Builder::basicLit(P::BasicLitContext* ctx) {
  if (ctx->string_()) return stringLit(ctx->string_());
  BasicLit* lit = ast_.make<BasicLit>(pos(ctx));
  lit->raw = ctx->getText();
  switch (ctx->getStart()->getType()) {
    case P::INT_LIT: lit->litKind = LitKind::Int; break;
    case P::FLOAT_LIT: lit->litKind = LitKind::Float; break;
    case P::IMAGINARY_LIT: lit->litKind = LitKind::Imag; break;
    default:
      lit->litKind = LitKind::Rune;
      decodeRune(lit->raw, lit->rune);
      break;
  }
  return lit;
}

BasicLit* Builder::stringLit(P::String_Context* ctx) {
  BasicLit* lit = ast_.make<BasicLit>(pos(ctx));
  lit->litKind = LitKind::String;
  lit->raw = ctx->getText();
  decodeString(lit->raw, lit->decoded);
  return lit;
}

Expr* Builder::compositeLit(Expr* type, P::LiteralValueContext* ctx, Pos at) {
  CompositeLit* lit = ast_.make<CompositeLit>(at);
  lit->type = type;
  for (P::KeyedElementContext* k : ctx->keyedElement()) {
    KeyedElement el;
    if (k->key) el.key = element(k->key);
    el.value = element(k->value);
    lit->elements.push_back(el);
  }
  lit->rbrace = pos(ctx->R_CURLY());
  return lit;
}

Expr* Builder::element(P::ElementContext* ctx) {
  if (ctx->expression()) return expr(ctx->expression());
  return compositeLit(nullptr, ctx->literalValue(), pos(ctx));
}

FuncLit* Builder::funcLit(P::FuncLitContext* ctx) {
  FuncLit* f = ast_.make<FuncLit>(pos(ctx));
  f->type = signature(ctx->signature(), pos(ctx));
  f->body = block(ctx->block());
  return f;
}

}  // namespace gol::syntax
