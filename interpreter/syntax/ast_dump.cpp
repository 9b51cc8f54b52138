#include "interpreter/syntax/ast_dump.h"

namespace gol::syntax {

namespace {

class Dumper {
 public:
  std::string out;

  void node(const Node* n) {
    if (!n) {
      out += "_";
      return;
    }
    switch (n->kind) {
      case NodeKind::BadExpr: out += "(bad)"; break;
      case NodeKind::Ident: out += static_cast<const Ident*>(n)->name; break;
      case NodeKind::BasicLit: out += static_cast<const BasicLit*>(n)->raw; break;
      case NodeKind::CompositeLit: {
        auto c = static_cast<const CompositeLit*>(n);
        open("complit");
        item(c->type);
        for (const KeyedElement& e : c->elements) {
          out += " ";
          if (e.key) {
            out += "(: ";
            node(e.key);
            out += " ";
            node(e.value);
            out += ")";
          } else {
            node(e.value);
          }
        }
        out += ")";
        break;
      }
      case NodeKind::FuncLit: {
        auto f = static_cast<const FuncLit*>(n);
        open("funclit");
        item(f->type);
        item(f->body);
        out += ")";
        break;
      }
      case NodeKind::ParenExpr: unary("paren", static_cast<const ParenExpr*>(n)->x); break;
      case NodeKind::SelectorExpr: {
        auto s = static_cast<const SelectorExpr*>(n);
        open("sel");
        item(s->x);
        item(s->sel);
        out += ")";
        break;
      }
      case NodeKind::IndexExpr: {
        auto i = static_cast<const IndexExpr*>(n);
        open("index");
        item(i->x);
        for (const Expr* e : i->indices) item(e);
        out += ")";
        break;
      }
      case NodeKind::SliceExpr: {
        auto s = static_cast<const SliceExpr*>(n);
        open(s->slice3 ? "slice3" : "slice");
        item(s->x);
        item(s->low);
        item(s->high);
        if (s->slice3) item(s->max);
        out += ")";
        break;
      }
      case NodeKind::TypeAssertExpr: {
        auto t = static_cast<const TypeAssertExpr*>(n);
        open("assert");
        item(t->x);
        if (t->type) {
          item(t->type);
        } else {
          out += " type";
        }
        out += ")";
        break;
      }
      case NodeKind::CallExpr: {
        auto c = static_cast<const CallExpr*>(n);
        open("call");
        item(c->fun);
        for (const Expr* a : c->args) item(a);
        if (c->hasEllipsis) out += " ...";
        out += ")";
        break;
      }
      case NodeKind::StarExpr: unary("star", static_cast<const StarExpr*>(n)->x); break;
      case NodeKind::UnaryExpr: {
        auto u = static_cast<const UnaryExpr*>(n);
        unary(tokenText(u->op), u->x);
        break;
      }
      case NodeKind::BinaryExpr: {
        auto b = static_cast<const BinaryExpr*>(n);
        open(tokenText(b->op));
        item(b->x);
        item(b->y);
        out += ")";
        break;
      }
      case NodeKind::ArrayType: {
        auto a = static_cast<const ArrayType*>(n);
        if (a->len) {
          open("array");
          item(a->len);
        } else {
          open("slicetype");
        }
        item(a->elem);
        out += ")";
        break;
      }
      case NodeKind::Ellipsis: {
        auto e = static_cast<const Ellipsis*>(n);
        if (e->elem) {
          unary("...", e->elem);
        } else {
          out += "...";
        }
        break;
      }
      case NodeKind::Field: {
        auto f = static_cast<const Field*>(n);
        open("field");
        if (!f->names.empty()) {
          out += " ";
          list(f->names);
        }
        item(f->type);
        if (f->tag) item(f->tag);
        out += ")";
        break;
      }
      case NodeKind::StructType: {
        auto s = static_cast<const StructType*>(n);
        open("struct");
        for (const Field* f : s->fields) item(f);
        out += ")";
        break;
      }
      case NodeKind::FuncType: {
        auto f = static_cast<const FuncType*>(n);
        open("functype");
        if (!f->typeParams.empty()) fields("tparams", f->typeParams);
        fields("params", f->params);
        if (!f->results.empty()) fields("results", f->results);
        out += ")";
        break;
      }
      case NodeKind::InterfaceType: {
        auto i = static_cast<const InterfaceType*>(n);
        open("interface");
        for (const Field* f : i->elems) item(f);
        out += ")";
        break;
      }
      case NodeKind::MapType: {
        auto m = static_cast<const MapType*>(n);
        open("map");
        item(m->key);
        item(m->value);
        out += ")";
        break;
      }
      case NodeKind::ChanType: {
        auto c = static_cast<const ChanType*>(n);
        const char* head = c->dir == ChanDir::Send   ? "chan<-"
                           : c->dir == ChanDir::Recv ? "<-chan"
                                                     : "chan";
        unary(head, c->elem);
        break;
      }
      case NodeKind::BadStmt: out += "(badstmt)"; break;
      case NodeKind::DeclStmt: node(static_cast<const DeclStmt*>(n)->decl); break;
      case NodeKind::EmptyStmt: out += "(empty)"; break;
      case NodeKind::LabeledStmt: {
        auto l = static_cast<const LabeledStmt*>(n);
        open("label");
        item(l->label);
        item(l->stmt);
        out += ")";
        break;
      }
      case NodeKind::ExprStmt: node(static_cast<const ExprStmt*>(n)->x); break;
      case NodeKind::SendStmt: {
        auto s = static_cast<const SendStmt*>(n);
        open("send");
        item(s->chan);
        item(s->value);
        out += ")";
        break;
      }
      case NodeKind::IncDecStmt: {
        auto s = static_cast<const IncDecStmt*>(n);
        unary(tokenText(s->tok), s->x);
        break;
      }
      case NodeKind::AssignStmt: {
        auto a = static_cast<const AssignStmt*>(n);
        open(tokenText(a->tok));
        out += " ";
        list(a->lhs);
        out += " ";
        list(a->rhs);
        out += ")";
        break;
      }
      case NodeKind::GoStmt: unary("go", static_cast<const GoStmt*>(n)->call); break;
      case NodeKind::DeferStmt: unary("defer", static_cast<const DeferStmt*>(n)->call); break;
      case NodeKind::ReturnStmt: {
        open("return");
        for (const Expr* e : static_cast<const ReturnStmt*>(n)->results) item(e);
        out += ")";
        break;
      }
      case NodeKind::BranchStmt: {
        auto b = static_cast<const BranchStmt*>(n);
        open(tokenText(b->tok));
        if (b->label) item(b->label);
        out += ")";
        break;
      }
      case NodeKind::BlockStmt: {
        open("block");
        for (const Stmt* s : static_cast<const BlockStmt*>(n)->list) item(s);
        out += ")";
        break;
      }
      case NodeKind::IfStmt: {
        auto i = static_cast<const IfStmt*>(n);
        open("if");
        item(i->init);
        item(i->cond);
        item(i->body);
        if (i->elseStmt) item(i->elseStmt);
        out += ")";
        break;
      }
      case NodeKind::CaseClause: {
        auto c = static_cast<const CaseClause*>(n);
        if (c->isDefault) {
          open("default");
        } else {
          open("case");
          out += " ";
          list(c->list);
        }
        for (const Stmt* s : c->body) item(s);
        out += ")";
        break;
      }
      case NodeKind::SwitchStmt: {
        auto s = static_cast<const SwitchStmt*>(n);
        open("switch");
        item(s->init);
        item(s->tag);
        for (const CaseClause* c : s->clauses) item(c);
        out += ")";
        break;
      }
      case NodeKind::TypeSwitchStmt: {
        auto s = static_cast<const TypeSwitchStmt*>(n);
        open("typeswitch");
        item(s->init);
        item(s->binding);
        item(s->subject);
        for (const CaseClause* c : s->clauses) item(c);
        out += ")";
        break;
      }
      case NodeKind::CommClause: {
        auto c = static_cast<const CommClause*>(n);
        if (c->comm) {
          open("comm");
          item(c->comm);
        } else {
          open("default");
        }
        for (const Stmt* s : c->body) item(s);
        out += ")";
        break;
      }
      case NodeKind::SelectStmt: {
        open("select");
        for (const CommClause* c : static_cast<const SelectStmt*>(n)->clauses) item(c);
        out += ")";
        break;
      }
      case NodeKind::ForStmt: {
        auto f = static_cast<const ForStmt*>(n);
        open("for");
        item(f->init);
        item(f->cond);
        item(f->post);
        item(f->body);
        out += ")";
        break;
      }
      case NodeKind::RangeStmt: {
        auto r = static_cast<const RangeStmt*>(n);
        open("range");
        item(r->key);
        item(r->value);
        out += " ";
        out += r->tok == Token::None ? "_" : tokenText(r->tok);
        item(r->x);
        item(r->body);
        out += ")";
        break;
      }
      case NodeKind::ImportSpec: {
        auto s = static_cast<const ImportSpec*>(n);
        open("spec");
        if (s->name) item(s->name);
        item(s->path);
        out += ")";
        break;
      }
      case NodeKind::ValueSpec: {
        auto s = static_cast<const ValueSpec*>(n);
        open("spec");
        out += " ";
        list(s->names);
        item(s->type);
        out += " ";
        list(s->values);
        if (s->implicitFrom) out += " implicit";
        out += ")";
        break;
      }
      case NodeKind::TypeSpec: {
        auto s = static_cast<const TypeSpec*>(n);
        open(s->isAlias ? "alias" : "spec");
        item(s->name);
        if (!s->typeParams.empty()) fields("tparams", s->typeParams);
        item(s->type);
        out += ")";
        break;
      }
      case NodeKind::GenDecl: {
        auto d = static_cast<const GenDecl*>(n);
        open(tokenText(d->tok));
        for (const Node* s : d->specs) item(s);
        out += ")";
        break;
      }
      case NodeKind::FuncDecl: {
        auto f = static_cast<const FuncDecl*>(n);
        open("func");
        if (f->recv) {
          out += " (recv ";
          node(f->recv);
          out += ")";
        }
        item(f->name);
        item(f->type);
        if (f->body) item(f->body);
        out += ")";
        break;
      }
      case NodeKind::File: {
        auto f = static_cast<const File*>(n);
        if (f->isScript) {
          open("script");
        } else {
          open("file");
          item(f->packageName);
        }
        for (const GenDecl* d : f->imports) item(d);
        for (const Decl* d : f->decls) item(d);
        for (const Node* s : f->script) item(s);
        out += ")";
        break;
      }
    }
  }

 private:
  void open(const char* head) {
    out += "(";
    out += head;
  }
  void item(const Node* n) {
    out += " ";
    node(n);
  }
  void unary(const char* head, const Node* x) {
    open(head);
    item(x);
    out += ")";
  }
  template <typename T>
  void list(const std::vector<T*>& nodes) {
    if (nodes.size() == 1) {
      node(nodes[0]);
      return;
    }
    out += "[";
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (i) out += " ";
      node(nodes[i]);
    }
    out += "]";
  }
  void fields(const char* head, const std::vector<Field*>& list) {
    out += " ";
    open(head);
    for (const Field* f : list) item(f);
    out += ")";
  }
};

}  // namespace

std::string dumpAst(const Node* node) {
  Dumper d;
  d.node(node);
  return d.out;
}

}  // namespace gol::syntax
