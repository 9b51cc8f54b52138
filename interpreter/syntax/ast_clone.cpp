// Deep copies of syntax trees. Every node is copied field by field; the one pointer that
// refers sideways (ValueSpec::implicitFrom, to an earlier spec of the same group) is
// mapped to that spec's copy.
#include "interpreter/syntax/ast_clone.h"

#include <unordered_map>

namespace gol::syntax {
namespace {

class Cloner {
 public:
  explicit Cloner(Ast& ast) : ast_(ast) {}

  template <typename T>
  T* make(const T* from) {
    return ast_.make<T>(from->pos);
  }

  Ident* ident(const Ident* id) {
    if (!id) return nullptr;
    Ident* n = make(id);
    n->name = id->name;
    return n;
  }

  BasicLit* basicLit(const BasicLit* lit) {
    if (!lit) return nullptr;
    BasicLit* n = make(lit);
    n->litKind = lit->litKind;
    n->raw = lit->raw;
    n->decoded = lit->decoded;
    n->rune = lit->rune;
    return n;
  }

  std::vector<Expr*> exprs(const std::vector<Expr*>& list) {
    std::vector<Expr*> out;
    out.reserve(list.size());
    for (const Expr* e : list) out.push_back(expr(e));
    return out;
  }

  std::vector<Ident*> idents(const std::vector<Ident*>& list) {
    std::vector<Ident*> out;
    out.reserve(list.size());
    for (const Ident* id : list) out.push_back(ident(id));
    return out;
  }

  Field* field(const Field* f) {
    if (!f) return nullptr;
    Field* n = make(f);
    n->names = idents(f->names);
    n->type = expr(f->type);
    n->tag = basicLit(f->tag);
    return n;
  }

  std::vector<Field*> fields(const std::vector<Field*>& list) {
    std::vector<Field*> out;
    out.reserve(list.size());
    for (const Field* f : list) out.push_back(field(f));
    return out;
  }

  FuncType* funcType(const FuncType* t) {
    if (!t) return nullptr;
    FuncType* n = make(t);
    n->typeParams = fields(t->typeParams);
    n->params = fields(t->params);
    n->results = fields(t->results);
    return n;
  }

  Expr* expr(const Expr* e) {
    if (!e) return nullptr;
    switch (e->kind) {
      case NodeKind::BadExpr: return make(static_cast<const BadExpr*>(e));
      case NodeKind::Ident: return ident(static_cast<const Ident*>(e));
      case NodeKind::BasicLit: return basicLit(static_cast<const BasicLit*>(e));
      case NodeKind::CompositeLit: {
        auto x = static_cast<const CompositeLit*>(e);
        CompositeLit* n = make(x);
        n->type = expr(x->type);
        for (const KeyedElement& el : x->elements) {
          n->elements.push_back(KeyedElement{expr(el.key), expr(el.value)});
        }
        n->rbrace = x->rbrace;
        return n;
      }
      case NodeKind::FuncLit: {
        auto x = static_cast<const FuncLit*>(e);
        FuncLit* n = make(x);
        n->type = funcType(x->type);
        n->body = block(x->body);
        return n;
      }
      case NodeKind::ParenExpr: {
        auto x = static_cast<const ParenExpr*>(e);
        ParenExpr* n = make(x);
        n->x = expr(x->x);
        return n;
      }
      case NodeKind::SelectorExpr: {
        auto x = static_cast<const SelectorExpr*>(e);
        SelectorExpr* n = make(x);
        n->x = expr(x->x);
        n->sel = ident(x->sel);
        n->dot = x->dot;
        return n;
      }
      case NodeKind::IndexExpr: {
        auto x = static_cast<const IndexExpr*>(e);
        IndexExpr* n = make(x);
        n->x = expr(x->x);
        n->indices = exprs(x->indices);
        return n;
      }
      case NodeKind::SliceExpr: {
        auto x = static_cast<const SliceExpr*>(e);
        SliceExpr* n = make(x);
        n->x = expr(x->x);
        n->low = expr(x->low);
        n->high = expr(x->high);
        n->max = expr(x->max);
        n->slice3 = x->slice3;
        return n;
      }
      case NodeKind::TypeAssertExpr: {
        auto x = static_cast<const TypeAssertExpr*>(e);
        TypeAssertExpr* n = make(x);
        n->x = expr(x->x);
        n->type = expr(x->type);
        return n;
      }
      case NodeKind::CallExpr: {
        auto x = static_cast<const CallExpr*>(e);
        CallExpr* n = make(x);
        n->fun = expr(x->fun);
        n->args = exprs(x->args);
        n->hasEllipsis = x->hasEllipsis;
        n->lparen = x->lparen;
        n->rparen = x->rparen;
        return n;
      }
      case NodeKind::StarExpr: {
        auto x = static_cast<const StarExpr*>(e);
        StarExpr* n = make(x);
        n->x = expr(x->x);
        return n;
      }
      case NodeKind::UnaryExpr: {
        auto x = static_cast<const UnaryExpr*>(e);
        UnaryExpr* n = make(x);
        n->op = x->op;
        n->x = expr(x->x);
        return n;
      }
      case NodeKind::BinaryExpr: {
        auto x = static_cast<const BinaryExpr*>(e);
        BinaryExpr* n = make(x);
        n->op = x->op;
        n->opPos = x->opPos;
        n->x = expr(x->x);
        n->y = expr(x->y);
        return n;
      }
      case NodeKind::ArrayType: {
        auto x = static_cast<const ArrayType*>(e);
        ArrayType* n = make(x);
        n->len = expr(x->len);
        n->elem = expr(x->elem);
        return n;
      }
      case NodeKind::Ellipsis: {
        auto x = static_cast<const Ellipsis*>(e);
        Ellipsis* n = make(x);
        n->elem = expr(x->elem);
        return n;
      }
      case NodeKind::StructType: {
        auto x = static_cast<const StructType*>(e);
        StructType* n = make(x);
        n->fields = fields(x->fields);
        return n;
      }
      case NodeKind::FuncType: return funcType(static_cast<const FuncType*>(e));
      case NodeKind::InterfaceType: {
        auto x = static_cast<const InterfaceType*>(e);
        InterfaceType* n = make(x);
        n->elems = fields(x->elems);
        return n;
      }
      case NodeKind::MapType: {
        auto x = static_cast<const MapType*>(e);
        MapType* n = make(x);
        n->key = expr(x->key);
        n->value = expr(x->value);
        return n;
      }
      case NodeKind::ChanType: {
        auto x = static_cast<const ChanType*>(e);
        ChanType* n = make(x);
        n->dir = x->dir;
        n->elem = expr(x->elem);
        return n;
      }
      default: return ast_.make<BadExpr>(e->pos);
    }
  }

  BlockStmt* block(const BlockStmt* b) {
    if (!b) return nullptr;
    BlockStmt* n = make(b);
    n->list = stmts(b->list);
    n->rbrace = b->rbrace;
    return n;
  }

  std::vector<Stmt*> stmts(const std::vector<Stmt*>& list) {
    std::vector<Stmt*> out;
    out.reserve(list.size());
    for (const Stmt* s : list) out.push_back(stmt(s));
    return out;
  }

  CaseClause* caseClause(const CaseClause* c) {
    CaseClause* n = make(c);
    n->isDefault = c->isDefault;
    n->list = exprs(c->list);
    n->body = stmts(c->body);
    return n;
  }

  Node* spec(const Node* s) {
    if (auto v = as<ValueSpec>(s)) {
      ValueSpec* n = make(v);
      n->names = idents(v->names);
      n->type = expr(v->type);
      n->values = exprs(v->values);
      n->iota = v->iota;
      if (v->implicitFrom) {
        auto it = specs_.find(v->implicitFrom);
        n->implicitFrom = it != specs_.end() ? it->second : v->implicitFrom;
      }
      specs_[v] = n;
      return n;
    }
    if (auto t = as<TypeSpec>(s)) {
      TypeSpec* n = make(t);
      n->name = ident(t->name);
      n->typeParams = fields(t->typeParams);
      n->isAlias = t->isAlias;
      n->type = expr(t->type);
      return n;
    }
    auto i = static_cast<const ImportSpec*>(s);
    ImportSpec* n = make(i);
    n->name = ident(i->name);
    n->path = basicLit(i->path);
    return n;
  }

  GenDecl* genDecl(const GenDecl* d) {
    GenDecl* n = make(d);
    n->tok = d->tok;
    for (const Node* s : d->specs) n->specs.push_back(spec(s));
    return n;
  }

  Stmt* stmt(const Stmt* s) {
    if (!s) return nullptr;
    switch (s->kind) {
      case NodeKind::BadStmt: return make(static_cast<const BadStmt*>(s));
      case NodeKind::DeclStmt: {
        auto x = static_cast<const DeclStmt*>(s);
        DeclStmt* n = make(x);
        n->decl = genDecl(x->decl);
        return n;
      }
      case NodeKind::EmptyStmt: return make(static_cast<const EmptyStmt*>(s));
      case NodeKind::LabeledStmt: {
        auto x = static_cast<const LabeledStmt*>(s);
        LabeledStmt* n = make(x);
        n->label = ident(x->label);
        n->stmt = stmt(x->stmt);
        return n;
      }
      case NodeKind::ExprStmt: {
        auto x = static_cast<const ExprStmt*>(s);
        ExprStmt* n = make(x);
        n->x = expr(x->x);
        return n;
      }
      case NodeKind::SendStmt: {
        auto x = static_cast<const SendStmt*>(s);
        SendStmt* n = make(x);
        n->chan = expr(x->chan);
        n->value = expr(x->value);
        return n;
      }
      case NodeKind::IncDecStmt: {
        auto x = static_cast<const IncDecStmt*>(s);
        IncDecStmt* n = make(x);
        n->x = expr(x->x);
        n->tok = x->tok;
        return n;
      }
      case NodeKind::AssignStmt: {
        auto x = static_cast<const AssignStmt*>(s);
        AssignStmt* n = make(x);
        n->lhs = exprs(x->lhs);
        n->tok = x->tok;
        n->tokPos = x->tokPos;
        n->rhs = exprs(x->rhs);
        return n;
      }
      case NodeKind::GoStmt: {
        auto x = static_cast<const GoStmt*>(s);
        GoStmt* n = make(x);
        n->call = expr(x->call);
        return n;
      }
      case NodeKind::DeferStmt: {
        auto x = static_cast<const DeferStmt*>(s);
        DeferStmt* n = make(x);
        n->call = expr(x->call);
        n->rangeFrame = expr(x->rangeFrame);
        return n;
      }
      case NodeKind::ReturnStmt: {
        auto x = static_cast<const ReturnStmt*>(s);
        ReturnStmt* n = make(x);
        n->results = exprs(x->results);
        return n;
      }
      case NodeKind::BranchStmt: {
        auto x = static_cast<const BranchStmt*>(s);
        BranchStmt* n = make(x);
        n->tok = x->tok;
        n->label = ident(x->label);
        return n;
      }
      case NodeKind::BlockStmt: return block(static_cast<const BlockStmt*>(s));
      case NodeKind::IfStmt: {
        auto x = static_cast<const IfStmt*>(s);
        IfStmt* n = make(x);
        n->init = stmt(x->init);
        n->cond = expr(x->cond);
        n->body = block(x->body);
        n->elseStmt = stmt(x->elseStmt);
        return n;
      }
      case NodeKind::CaseClause: return caseClause(static_cast<const CaseClause*>(s));
      case NodeKind::SwitchStmt: {
        auto x = static_cast<const SwitchStmt*>(s);
        SwitchStmt* n = make(x);
        n->init = stmt(x->init);
        n->tag = expr(x->tag);
        for (const CaseClause* c : x->clauses) n->clauses.push_back(caseClause(c));
        n->lbrace = x->lbrace;
        n->rbrace = x->rbrace;
        return n;
      }
      case NodeKind::TypeSwitchStmt: {
        auto x = static_cast<const TypeSwitchStmt*>(s);
        TypeSwitchStmt* n = make(x);
        n->init = stmt(x->init);
        n->binding = ident(x->binding);
        n->subject = expr(x->subject);
        for (const CaseClause* c : x->clauses) n->clauses.push_back(caseClause(c));
        n->lbrace = x->lbrace;
        n->rbrace = x->rbrace;
        return n;
      }
      case NodeKind::CommClause: return commClause(static_cast<const CommClause*>(s));
      case NodeKind::SelectStmt: {
        auto x = static_cast<const SelectStmt*>(s);
        SelectStmt* n = make(x);
        for (const CommClause* c : x->clauses) n->clauses.push_back(commClause(c));
        n->rbrace = x->rbrace;
        return n;
      }
      case NodeKind::ForStmt: {
        auto x = static_cast<const ForStmt*>(s);
        ForStmt* n = make(x);
        n->init = stmt(x->init);
        n->cond = expr(x->cond);
        n->post = stmt(x->post);
        n->body = block(x->body);
        return n;
      }
      case NodeKind::RangeStmt: {
        auto x = static_cast<const RangeStmt*>(s);
        RangeStmt* n = make(x);
        n->key = expr(x->key);
        n->value = expr(x->value);
        n->tok = x->tok;
        n->x = expr(x->x);
        n->body = block(x->body);
        return n;
      }
      default: return ast_.make<BadStmt>(s->pos);
    }
  }

  CommClause* commClause(const CommClause* c) {
    CommClause* n = make(c);
    n->comm = stmt(c->comm);
    n->body = stmts(c->body);
    return n;
  }

  FuncDecl* funcDecl(const FuncDecl* f) {
    FuncDecl* n = make(f);
    n->recv = field(f->recv);
    n->name = ident(f->name);
    n->type = funcType(f->type);
    n->body = block(f->body);
    return n;
  }

 private:
  Ast& ast_;
  std::unordered_map<const ValueSpec*, ValueSpec*> specs_;
};

}  // namespace

FuncDecl* cloneFuncDecl(Ast& ast, const FuncDecl* f) {
  return Cloner(ast).funcDecl(f);
}

Expr* cloneExpr(Ast& ast, const Expr* e) {
  return Cloner(ast).expr(e);
}

Stmt* cloneStmt(Ast& ast, const Stmt* s) {
  return Cloner(ast).stmt(s);
}

}  // namespace gol::syntax
