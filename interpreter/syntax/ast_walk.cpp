// A walk over a syntax tree, node kind by node kind.
#include "interpreter/syntax/ast_walk.h"

namespace gol::syntax {
namespace {

class Walker {
 public:
  explicit Walker(const std::function<void(const Node*)>& visit) : visit_(visit) {}

  template <typename T>
  void all(const std::vector<T*>& list) {
    for (const T* n : list) node(n);
  }

  void node(const Node* n) {
    if (!n) return;
    visit_(n);
    switch (n->kind) {
      case NodeKind::CompositeLit: {
        auto x = static_cast<const CompositeLit*>(n);
        node(x->type);
        for (const KeyedElement& el : x->elements) {
          node(el.key);
          node(el.value);
        }
        break;
      }
      case NodeKind::FuncLit: {
        auto x = static_cast<const FuncLit*>(n);
        node(x->type);
        node(x->body);
        break;
      }
      case NodeKind::ParenExpr: node(static_cast<const ParenExpr*>(n)->x); break;
      case NodeKind::SelectorExpr: {
        auto x = static_cast<const SelectorExpr*>(n);
        node(x->x);
        node(x->sel);
        break;
      }
      case NodeKind::IndexExpr: {
        auto x = static_cast<const IndexExpr*>(n);
        node(x->x);
        all(x->indices);
        break;
      }
      case NodeKind::SliceExpr: {
        auto x = static_cast<const SliceExpr*>(n);
        for (const Node* c : {x->x, x->low, x->high, x->max}) node(c);
        break;
      }
      case NodeKind::TypeAssertExpr: {
        auto x = static_cast<const TypeAssertExpr*>(n);
        node(x->x);
        node(x->type);
        break;
      }
      case NodeKind::CallExpr: {
        auto x = static_cast<const CallExpr*>(n);
        node(x->fun);
        all(x->args);
        break;
      }
      case NodeKind::StarExpr: node(static_cast<const StarExpr*>(n)->x); break;
      case NodeKind::UnaryExpr: node(static_cast<const UnaryExpr*>(n)->x); break;
      case NodeKind::BinaryExpr: {
        auto x = static_cast<const BinaryExpr*>(n);
        node(x->x);
        node(x->y);
        break;
      }
      case NodeKind::ArrayType: {
        auto x = static_cast<const ArrayType*>(n);
        node(x->len);
        node(x->elem);
        break;
      }
      case NodeKind::Ellipsis: node(static_cast<const Ellipsis*>(n)->elem); break;
      case NodeKind::Field: {
        auto x = static_cast<const Field*>(n);
        all(x->names);
        node(x->type);
        break;
      }
      case NodeKind::StructType: all(static_cast<const StructType*>(n)->fields); break;
      case NodeKind::FuncType: {
        auto x = static_cast<const FuncType*>(n);
        all(x->typeParams);
        all(x->params);
        all(x->results);
        break;
      }
      case NodeKind::InterfaceType: all(static_cast<const InterfaceType*>(n)->elems); break;
      case NodeKind::MapType: {
        auto x = static_cast<const MapType*>(n);
        node(x->key);
        node(x->value);
        break;
      }
      case NodeKind::ChanType: node(static_cast<const ChanType*>(n)->elem); break;
      case NodeKind::DeclStmt: node(static_cast<const DeclStmt*>(n)->decl); break;
      case NodeKind::LabeledStmt: node(static_cast<const LabeledStmt*>(n)->stmt); break;
      case NodeKind::ExprStmt: node(static_cast<const ExprStmt*>(n)->x); break;
      case NodeKind::SendStmt: {
        auto x = static_cast<const SendStmt*>(n);
        node(x->chan);
        node(x->value);
        break;
      }
      case NodeKind::IncDecStmt: node(static_cast<const IncDecStmt*>(n)->x); break;
      case NodeKind::AssignStmt: {
        auto x = static_cast<const AssignStmt*>(n);
        all(x->lhs);
        all(x->rhs);
        break;
      }
      case NodeKind::GoStmt: node(static_cast<const GoStmt*>(n)->call); break;
      case NodeKind::DeferStmt: {
        auto x = static_cast<const DeferStmt*>(n);
        node(x->call);
        node(x->rangeFrame);
        break;
      }
      case NodeKind::ReturnStmt: all(static_cast<const ReturnStmt*>(n)->results); break;
      case NodeKind::BlockStmt: all(static_cast<const BlockStmt*>(n)->list); break;
      case NodeKind::IfStmt: {
        auto x = static_cast<const IfStmt*>(n);
        for (const Node* c :
             {static_cast<const Node*>(x->init), static_cast<const Node*>(x->cond),
              static_cast<const Node*>(x->body), static_cast<const Node*>(x->elseStmt)}) {
          node(c);
        }
        break;
      }
      case NodeKind::CaseClause: {
        auto x = static_cast<const CaseClause*>(n);
        all(x->list);
        all(x->body);
        break;
      }
      case NodeKind::SwitchStmt: {
        auto x = static_cast<const SwitchStmt*>(n);
        node(x->init);
        node(x->tag);
        all(x->clauses);
        break;
      }
      case NodeKind::TypeSwitchStmt: {
        auto x = static_cast<const TypeSwitchStmt*>(n);
        node(x->init);
        node(x->subject);
        all(x->clauses);
        break;
      }
      case NodeKind::CommClause: {
        auto x = static_cast<const CommClause*>(n);
        node(x->comm);
        all(x->body);
        break;
      }
      case NodeKind::SelectStmt: all(static_cast<const SelectStmt*>(n)->clauses); break;
      case NodeKind::ForStmt: {
        auto x = static_cast<const ForStmt*>(n);
        for (const Node* c :
             {static_cast<const Node*>(x->init), static_cast<const Node*>(x->cond),
              static_cast<const Node*>(x->post), static_cast<const Node*>(x->body)}) {
          node(c);
        }
        break;
      }
      case NodeKind::RangeStmt: {
        auto x = static_cast<const RangeStmt*>(n);
        for (const Node* c : {static_cast<const Node*>(x->key), static_cast<const Node*>(x->value),
                              static_cast<const Node*>(x->x), static_cast<const Node*>(x->body)}) {
          node(c);
        }
        break;
      }
      case NodeKind::ValueSpec: {
        auto x = static_cast<const ValueSpec*>(n);
        node(x->type);
        all(x->values);
        break;
      }
      case NodeKind::TypeSpec: {
        auto x = static_cast<const TypeSpec*>(n);
        all(x->typeParams);
        node(x->type);
        break;
      }
      case NodeKind::GenDecl: all(static_cast<const GenDecl*>(n)->specs); break;
      case NodeKind::FuncDecl: {
        auto x = static_cast<const FuncDecl*>(n);
        node(x->recv);
        node(x->type);
        node(x->body);
        break;
      }
      default: break;
    }
  }

 private:
  const std::function<void(const Node*)>& visit_;
};

}  // namespace

void walk(const Node* root, const std::function<void(const Node*)>& visit) {
  Walker(visit).node(root);
}

}  // namespace gol::syntax
