#include "interpreter/syntax/printer.h"

namespace gol::syntax {

namespace {

void writeExpr(std::string& out, const Expr* e);

void writeList(std::string& out, const std::vector<Expr*>& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += ", ";
    writeExpr(out, list[i]);
  }
}

void writeFields(std::string& out, const std::vector<Field*>& fields, const char* sep) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += sep;
    const Field* f = fields[i];
    for (size_t k = 0; k < f->names.size(); ++k) {
      if (k) out += ", ";
      out += f->names[k]->name;
    }
    if (!f->names.empty()) out += " ";
    writeExpr(out, f->type);
  }
}

void writeSignature(std::string& out, const FuncType* t) {
  out += "(";
  writeFields(out, t->params, ", ");
  out += ")";
  if (t->results.empty()) return;
  out += " ";
  if (t->results.size() == 1 && t->results[0]->names.empty()) {
    writeExpr(out, t->results[0]->type);
  } else {
    out += "(";
    writeFields(out, t->results, ", ");
    out += ")";
  }
}

void writeExpr(std::string& out, const Expr* e) {
  if (!e) return;
  switch (e->kind) {
    case NodeKind::Ident: out += static_cast<const Ident*>(e)->name; break;
    case NodeKind::BasicLit: out += static_cast<const BasicLit*>(e)->raw; break;
    case NodeKind::CompositeLit: {
      auto c = static_cast<const CompositeLit*>(e);
      writeExpr(out, c->type);
      out += "{…}";
      break;
    }
    case NodeKind::FuncLit: {
      out += "func";
      writeSignature(out, static_cast<const FuncLit*>(e)->type);
      out += " {…}";
      break;
    }
    case NodeKind::ParenExpr:
      out += "(";
      writeExpr(out, static_cast<const ParenExpr*>(e)->x);
      out += ")";
      break;
    case NodeKind::SelectorExpr: {
      auto s = static_cast<const SelectorExpr*>(e);
      writeExpr(out, s->x);
      out += ".";
      out += s->sel->name;
      break;
    }
    case NodeKind::IndexExpr: {
      auto i = static_cast<const IndexExpr*>(e);
      writeExpr(out, i->x);
      out += "[";
      writeList(out, i->indices);
      out += "]";
      break;
    }
    case NodeKind::SliceExpr: {
      auto s = static_cast<const SliceExpr*>(e);
      writeExpr(out, s->x);
      out += "[";
      writeExpr(out, s->low);
      out += ":";
      writeExpr(out, s->high);
      if (s->slice3) {
        out += ":";
        writeExpr(out, s->max);
      }
      out += "]";
      break;
    }
    case NodeKind::TypeAssertExpr: {
      auto t = static_cast<const TypeAssertExpr*>(e);
      writeExpr(out, t->x);
      out += ".(";
      if (t->type) {
        writeExpr(out, t->type);
      } else {
        out += "type";
      }
      out += ")";
      break;
    }
    case NodeKind::CallExpr: {
      auto c = static_cast<const CallExpr*>(e);
      writeExpr(out, c->fun);
      out += "(";
      writeList(out, c->args);
      if (c->hasEllipsis) out += "...";
      out += ")";
      break;
    }
    case NodeKind::StarExpr:
      out += "*";
      writeExpr(out, static_cast<const StarExpr*>(e)->x);
      break;
    case NodeKind::UnaryExpr: {
      auto u = static_cast<const UnaryExpr*>(e);
      out += tokenText(u->op);
      writeExpr(out, u->x);
      break;
    }
    case NodeKind::BinaryExpr: {
      auto b = static_cast<const BinaryExpr*>(e);
      writeExpr(out, b->x);
      out += " ";
      out += tokenText(b->op);
      out += " ";
      writeExpr(out, b->y);
      break;
    }
    case NodeKind::ArrayType: {
      auto a = static_cast<const ArrayType*>(e);
      out += "[";
      writeExpr(out, a->len);
      out += "]";
      writeExpr(out, a->elem);
      break;
    }
    case NodeKind::Ellipsis:
      out += "...";
      writeExpr(out, static_cast<const Ellipsis*>(e)->elem);
      break;
    case NodeKind::StructType: {
      auto s = static_cast<const StructType*>(e);
      out += "struct{";
      writeFields(out, s->fields, "; ");
      out += "}";
      break;
    }
    case NodeKind::FuncType:
      out += "func";
      writeSignature(out, static_cast<const FuncType*>(e));
      break;
    case NodeKind::InterfaceType: {
      auto i = static_cast<const InterfaceType*>(e);
      out += "interface{";
      for (size_t k = 0; k < i->elems.size(); ++k) {
        if (k) out += "; ";
        const Field* f = i->elems[k];
        if (!f->names.empty()) {
          out += f->names[0]->name;
          writeSignature(out, static_cast<const FuncType*>(f->type));
        } else {
          writeExpr(out, f->type);
        }
      }
      out += "}";
      break;
    }
    case NodeKind::MapType: {
      auto m = static_cast<const MapType*>(e);
      out += "map[";
      writeExpr(out, m->key);
      out += "]";
      writeExpr(out, m->value);
      break;
    }
    case NodeKind::ChanType: {
      auto c = static_cast<const ChanType*>(e);
      out += c->dir == ChanDir::Recv ? "<-chan " : c->dir == ChanDir::Send ? "chan<- " : "chan ";
      writeExpr(out, c->elem);
      break;
    }
    default: out += "BadExpr"; break;
  }
}

}  // namespace

std::string exprString(const Expr* e) {
  std::string out;
  writeExpr(out, e);
  return out;
}

std::string stmtString(const Stmt* s) {
  std::string out;
  if (auto a = as<AssignStmt>(s)) {
    writeList(out, a->lhs);
    out += " ";
    out += tokenText(a->tok);
    out += " ";
    writeList(out, a->rhs);
  } else if (auto x = as<ExprStmt>(s)) {
    writeExpr(out, x->x);
  } else if (auto send = as<SendStmt>(s)) {
    writeExpr(out, send->chan);
    out += " <- ";
    writeExpr(out, send->value);
  } else if (auto inc = as<IncDecStmt>(s)) {
    writeExpr(out, inc->x);
    out += tokenText(inc->tok);
  }
  return out;
}

}  // namespace gol::syntax
