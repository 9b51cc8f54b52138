// Range over functions (Go 1.23): `for k, v := range seq` where seq is a
// func(yield func(K, V) bool), with zero, one or two values.
//
// The loop is rewritten, once its operand is checked, into a block that calls seq with
// the loop body as the yield function, as Go's compiler does:
// clang-format off
//   {
//     #frame := #callframe()  // only for a defer in the body: see below
//     #seq := <operand>
//     var #next, #stop int    // what to do after the loop; #stop 1: body stopped, 2: loop over
//     var #r0 R0 ...          // the enclosing function's results, for `return` in the body
//     #seq(func(k #Y0, v #Y1) bool {
//       if #stop == 1 { panic(...) }    // the iterator went on after the body said stop
//       if #stop == 2 { panic(...) }    // ... or after the loop ended
//       <body>                          // continue: return true; break: #stop = 1; return false
//       return true                     // return x: #r0 = x; #next = 1; #stop = 1; return false
//     })                                // break L, continue L (outer): #next = 3+i; ...
//     #stop = 2
//     if #next == 1 { return #r0 ... }  // and bare returns, break L, continue L
//   }
// clang-format on
//
// A defer statement in the body defers its call in the enclosing function, as in Go: the
// block starts with `#frame := #callframe()`, a token for the enclosing function's call
// (eval's CallRecord), and the defer statement names #frame in DeferStmt::rangeFrame.
//
// The rewritten block is checked in place of the loop and recorded in Info::rangeFuncs
// for the compiler. `#` names cannot clash with a program's; #Yi and #Ri are type names
// declared in a scope around the block. A range-over-func loop nested in another's body
// is rewritten when the outer body is checked, and treats the outer rewrite's
// `return false` as any return, which makes the nesting work.
#include "interpreter/check/checker_impl.h"
#include "interpreter/syntax/ast_clone.h"
#include "interpreter/syntax/ast_walk.h"

namespace gol::check {
namespace {

// Builds the nodes of the rewrite in one Ast, all at the loop's position.
class Builder {
 public:
  Builder(Ast& ast, Pos pos) : ast_(ast), pos_(pos) {}

  Ident* ident(const std::string& name) {
    Ident* id = ast_.make<Ident>(pos_);
    id->name = name;
    return id;
  }
  BasicLit* intLit(int v) {
    BasicLit* lit = ast_.make<BasicLit>(pos_);
    lit->litKind = LitKind::Int;
    lit->raw = std::to_string(v);
    return lit;
  }
  BasicLit* stringLit(const std::string& s) {
    BasicLit* lit = ast_.make<BasicLit>(pos_);
    lit->litKind = LitKind::String;
    lit->raw = "\"" + s + "\"";
    lit->decoded = s;
    return lit;
  }
  AssignStmt* assign(std::vector<Expr*> lhs, std::vector<Expr*> rhs, Token tok = Token::Assign) {
    AssignStmt* a = ast_.make<AssignStmt>(pos_);
    a->lhs = std::move(lhs);
    a->rhs = std::move(rhs);
    a->tok = tok;
    a->tokPos = pos_;
    return a;
  }
  AssignStmt* set(const std::string& var, int v) { return assign({ident(var)}, {intLit(v)}); }
  ReturnStmt* ret(std::vector<Expr*> results) {
    ReturnStmt* r = ast_.make<ReturnStmt>(pos_);
    r->results = std::move(results);
    return r;
  }
  BlockStmt* block(std::vector<Stmt*> list) {
    BlockStmt* b = ast_.make<BlockStmt>(pos_);
    b->list = std::move(list);
    b->rbrace = pos_;
    return b;
  }
  BinaryExpr* equals(const std::string& var, int v) {
    BinaryExpr* b = ast_.make<BinaryExpr>(pos_);
    b->op = Token::Eql;
    b->opPos = pos_;
    b->x = ident(var);
    b->y = intLit(v);
    return b;
  }
  IfStmt* ifThen(Expr* cond, std::vector<Stmt*> body) {
    IfStmt* i = ast_.make<IfStmt>(pos_);
    i->cond = cond;
    i->body = block(std::move(body));
    return i;
  }
  CallExpr* callExpr(Expr* fun, std::vector<Expr*> args) {
    CallExpr* c = ast_.make<CallExpr>(pos_);
    c->fun = fun;
    c->args = std::move(args);
    c->lparen = pos_;
    c->rparen = pos_;
    return c;
  }
  ExprStmt* call(Expr* fun, std::vector<Expr*> args) {
    ExprStmt* s = ast_.make<ExprStmt>(pos_);
    s->x = callExpr(fun, std::move(args));
    return s;
  }
  DeclStmt* var(const std::string& name, const std::string& typeName) {
    ValueSpec* spec = ast_.make<ValueSpec>(pos_);
    spec->names = {ident(name)};
    spec->type = ident(typeName);
    GenDecl* g = ast_.make<GenDecl>(pos_);
    g->tok = Token::Var;
    g->specs = {spec};
    DeclStmt* d = ast_.make<DeclStmt>(pos_);
    d->decl = g;
    return d;
  }
  BranchStmt* branch(Token tok, const std::string& label) {
    BranchStmt* b = ast_.make<BranchStmt>(pos_);
    b->tok = tok;
    b->label = ident(label);
    return b;
  }
  Field* field(const std::string& name, Expr* type) {
    Field* f = ast_.make<Field>(pos_);
    if (!name.empty()) f->names = {ident(name)};
    f->type = type;
    return f;
  }
  Ast& ast() { return ast_; }

 private:
  Ast& ast_;
  Pos pos_;
};

// Rewrites the statements of a loop body (a copy) that leave it: see the file comment.
class BodyRewriter {
 public:
  BodyRewriter(Builder& b, const std::string& ownLabel, int results)
      : b_(b), ownLabel_(ownLabel), results_(results) {}

  // Outer labels that break or continue targets, in order; #next is 3 + index.
  struct Exit {
    Token tok;
    std::string label;
  };
  std::vector<Exit> exits;
  bool valueReturn = false;             // some `return x`: #next 1
  bool bareReturn = false;              // some bare `return`: #next 2
  bool needsFrame = false;              // a defer whose call joins this function's: declare #frame
  const BranchStmt* gotoOut = nullptr;  // a goto out of the body: not supported yet

  void list(std::vector<Stmt*>& stmts) {
    for (Stmt*& s : stmts) s = stmt(s);
  }

 private:
  Stmt* leave(std::vector<Stmt*> before, int next) {
    if (next) before.push_back(b_.set("#next", next));
    before.push_back(b_.set("#stop", 1));
    before.push_back(b_.ret({b_.ident("false")}));
    return b_.block(std::move(before));
  }

  Stmt* stmt(Stmt* s) {
    if (!s) return s;
    switch (s->kind) {
      case NodeKind::ReturnStmt: {
        auto r = static_cast<ReturnStmt*>(s);
        if (r->results.empty()) {
          bareReturn = true;
          return leave({}, 2);
        }
        valueReturn = true;
        std::vector<Expr*> temps;
        for (int i = 0; i < results_; ++i) temps.push_back(b_.ident("#r" + std::to_string(i)));
        return leave({b_.assign(std::move(temps), r->results)}, 1);
      }
      case NodeKind::BranchStmt: {
        auto br = static_cast<BranchStmt*>(s);
        if (br->tok == Token::Goto) {
          if (br->label && !innerLabels_.count(br->label->name)) {
            gotoOut = br;
          }
          return s;
        }
        if (br->tok != Token::Break && br->tok != Token::Continue) return s;
        bool own = false;
        if (br->label) {
          if (innerLabels_.count(br->label->name)) return s;
          own = br->label->name == ownLabel_;
        } else {
          own = br->tok == Token::Continue ? loops_ == 0 : loops_ == 0 && switches_ == 0;
          if (!own) return s;
        }
        if (own && br->tok == Token::Continue) return b_.ret({b_.ident("true")});
        if (own) return leave({}, 0);
        size_t i = 0;
        while (i < exits.size() && (exits[i].tok != br->tok || exits[i].label != br->label->name)) {
          ++i;
        }
        if (i == exits.size()) exits.push_back({br->tok, br->label->name});
        return leave({}, 3 + static_cast<int>(i));
      }
      case NodeKind::DeferStmt: {
        // The deferred call joins the enclosing function's (see the file comment). In a
        // loop nested in another's body, the outer rewrite has already named its #frame.
        auto d = static_cast<DeferStmt*>(s);
        if (!d->rangeFrame) {
          d->rangeFrame = b_.ident("#frame");
          needsFrame = true;
        }
        return s;
      }
      case NodeKind::BlockStmt: list(static_cast<BlockStmt*>(s)->list); return s;
      case NodeKind::LabeledStmt: {
        auto l = static_cast<LabeledStmt*>(s);
        innerLabels_.insert(l->label->name);
        l->stmt = stmt(l->stmt);
        return s;
      }
      case NodeKind::IfStmt: {
        auto i = static_cast<IfStmt*>(s);
        list(i->body->list);
        i->elseStmt = stmt(i->elseStmt);
        return s;
      }
      case NodeKind::ForStmt:
        ++loops_;
        list(static_cast<ForStmt*>(s)->body->list);
        --loops_;
        return s;
      case NodeKind::RangeStmt:
        ++loops_;
        list(static_cast<RangeStmt*>(s)->body->list);
        --loops_;
        return s;
      case NodeKind::SwitchStmt:
        ++switches_;
        for (CaseClause* c : static_cast<SwitchStmt*>(s)->clauses) list(c->body);
        --switches_;
        return s;
      case NodeKind::TypeSwitchStmt:
        ++switches_;
        for (CaseClause* c : static_cast<TypeSwitchStmt*>(s)->clauses) list(c->body);
        --switches_;
        return s;
      case NodeKind::SelectStmt:
        ++switches_;
        for (CommClause* c : static_cast<SelectStmt*>(s)->clauses) list(c->body);
        --switches_;
        return s;
      default: return s;
    }
  }

  Builder& b_;
  std::string ownLabel_;
  int results_;
  int loops_ = 0;     // nested loops: an unlabeled break or continue is theirs
  int switches_ = 0;  // nested switches and selects: an unlabeled break is theirs
  std::set<std::string> innerLabels_;
};

}  // namespace

void Checker::rangeFunc(const RangeStmt* s, const Operand& x, const Signature* seq) {
  const Signature* yield = seq->params.size() == 1 ? asSignature(seq->params[0]) : nullptr;
  std::string fail;
  if (!seq->results.empty()) {
    fail = "func must be func(yield func(...) bool): wrong result count";
  } else if (seq->params.size() != 1) {
    fail = "func must be func(yield func(...) bool): wrong argument count";
  } else if (!yield) {
    fail = "func must be func(yield func(...) bool): argument is not func";
  } else if (yield->params.size() > 2) {
    fail = "func must be func(yield func(...) bool): yield func has too many parameters";
  } else if (yield->results.size() != 1 ||
             !identical(under(yield->results[0]), basicType(BasicKind::Bool))) {
    fail = "func must be func(yield func(...) bool): yield func does not return bool";
  }
  if (!fail.empty()) {
    error(s->x->pos, "cannot range over " + describe(x) + ": " + fail);
    return;
  }
  size_t vars = s->value ? 2 : s->key ? 1 : 0;
  if (vars > yield->params.size()) {
    const Expr* extra = vars == 2 ? s->value : s->key;
    error(extra->pos, "range over " + describe(x) + " permits only " +
                          (yield->params.empty() ? std::string("no iteration variables")
                                                 : "one iteration variable"));
    return;
  }
  std::string ownLabel;
  if (fn_ && !fn_->activeLabels.empty() && fn_->activeLabels.back()->stmt == s) {
    ownLabel = fn_->activeLabels.back()->label->name;
    fn_->labels[ownLabel].used = true;
  }

  Builder b(*info_.instanceAst, s->pos);
  int results = fn_ && fn_->sig ? static_cast<int>(fn_->sig->results.size()) : 0;
  auto body = static_cast<BlockStmt*>(cloneStmt(*info_.instanceAst, s->body));
  BodyRewriter rewriter(b, ownLabel, results);
  rewriter.list(body->list);
  if (rewriter.gotoOut) {
    error(rewriter.gotoOut->pos,
          "goto out of the body of a range over a function is not supported by Gol yet");
    // The label is used: one error, not a second one about the label.
    if (fn_) {
      if (auto l = fn_->labels.find(rewriter.gotoOut->label->name); l != fn_->labels.end()) {
        l->second.used = true;
      }
    }
    return;
  }
  // The original body's labels now live in the yield function's copy.
  walk(s->body, [&](const Node* n) {
    if (auto l = as<LabeledStmt>(n); l && fn_) fn_->labels.erase(l->label->name);
  });

  // The yield function: its parameters are the iteration variables (`:=`), or
  // temporaries assigned to them (`=`).
  FuncLit* lit = b.ast().make<FuncLit>(s->pos);
  lit->type = b.ast().make<FuncType>(s->pos);
  lit->type->results = {b.field("", b.ident("bool"))};
  std::vector<Expr*> targets, temps;
  const Expr* iterVars[] = {s->key, s->value};
  for (size_t i = 0; i < yield->params.size(); ++i) {
    std::string name = "_";
    const Expr* v = i < 2 ? iterVars[i] : nullptr;
    if (v && s->tok == Token::Define) {
      name = static_cast<const Ident*>(v)->name;
    } else if (v && !(as<Ident>(v) && as<Ident>(v)->name == "_")) {
      name = "#p" + std::to_string(i);
      targets.push_back(cloneExpr(*info_.instanceAst, v));
      temps.push_back(b.ident(name));
    }
    lit->type->params.push_back(b.field(name, b.ident("#Y" + std::to_string(i))));
  }
  std::vector<Stmt*> yieldBody = {
      b.ifThen(b.equals("#stop", 1),
               {b.call(b.ident("panic"),
                       {b.stringLit("runtime error: range function continued iteration after "
                                    "function for loop body returned false")})}),
      b.ifThen(b.equals("#stop", 2),
               {b.call(b.ident("panic"), {b.stringLit("runtime error: range function continued "
                                                      "iteration after whole loop exit")})})};
  if (!targets.empty()) yieldBody.push_back(b.assign(targets, temps));
  yieldBody.push_back(body);
  yieldBody.push_back(b.ret({b.ident("true")}));
  lit->body = b.block(std::move(yieldBody));

  std::vector<Stmt*> list;
  if (rewriter.needsFrame) {
    list.push_back(
        b.assign({b.ident("#frame")}, {b.callExpr(b.ident("#callframe"), {})}, Token::Define));
  }
  list.push_back(b.assign({b.ident("#seq")}, {const_cast<Expr*>(s->x)}, Token::Define));
  bool next = rewriter.valueReturn || rewriter.bareReturn || !rewriter.exits.empty();
  if (next) list.push_back(b.var("#next", "int"));
  list.push_back(b.var("#stop", "int"));
  if (rewriter.valueReturn) {
    for (int i = 0; i < results; ++i) {
      list.push_back(b.var("#r" + std::to_string(i), "#R" + std::to_string(i)));
    }
  }
  list.push_back(b.call(b.ident("#seq"), {lit}));
  list.push_back(b.set("#stop", 2));
  if (rewriter.valueReturn) {
    std::vector<Expr*> temps;
    for (int i = 0; i < results; ++i) temps.push_back(b.ident("#r" + std::to_string(i)));
    list.push_back(b.ifThen(b.equals("#next", 1), {b.ret(std::move(temps))}));
  }
  if (rewriter.bareReturn) list.push_back(b.ifThen(b.equals("#next", 2), {b.ret({})}));
  for (size_t i = 0; i < rewriter.exits.size(); ++i) {
    list.push_back(b.ifThen(b.equals("#next", 3 + static_cast<int>(i)),
                            {b.branch(rewriter.exits[i].tok, rewriter.exits[i].label)}));
  }
  BlockStmt* rewritten = b.block(std::move(list));

  // The type names the rewrite refers to, and the operand it reuses.
  Scope types;
  openScope(types);
  auto typeName = [&](const std::string& name, const Type* t) {
    Object o{Object::Kind::TypeName, name};
    o.type = t;
    o.used = true;
    types.names[name] = newObject(o);
  };
  for (size_t i = 0; i < yield->params.size(); ++i) {
    typeName("#Y" + std::to_string(i), yield->params[i]);
  }
  for (int i = 0; i < results; ++i) typeName("#R" + std::to_string(i), fn_->sig->results[i]);
  Object callFrame{Object::Kind::Builtin, "#callframe"};
  callFrame.builtin = Builtin::RangeFuncFrame;
  types.names[callFrame.name] = newObject(callFrame);
  rangeFuncOperand_ = x;
  rangeFuncOperand_.expr = s->x;
  stmt(rewritten);
  rangeFuncOperand_ = Operand{};
  closeScope(types);
  info_.rangeFuncs[s] = rewritten;
}

}  // namespace gol::check
