#include "interpreter/eval/compiler.h"

#include <stdexcept>

namespace gol::eval {

using namespace gol::syntax;

namespace {

struct ExprNode {
  virtual ~ExprNode() = default;
  virtual Value eval() = 0;
};

struct StmtNode {
  virtual ~StmtNode() = default;
  virtual void exec() = 0;
};

struct ConstNode : ExprNode {
  Value value;
  explicit ConstNode(Value v) : value(std::move(v)) {}
  Value eval() override { return value; }
};

struct NativeCallNode : ExprNode {
  NativeFunction fn;
  std::vector<std::unique_ptr<ExprNode>> args;
  std::vector<Value> argValues;
  Value eval() override {
    argValues.clear();
    for (auto& a : args) argValues.push_back(a->eval());
    fn(argValues);
    return Value();
  }
};

struct Function;

struct CallNode : ExprNode {
  Function* callee = nullptr;
  Value eval() override;
};

struct ExprStmtNode : StmtNode {
  std::unique_ptr<ExprNode> x;
  void exec() override { x->eval(); }
};

struct Function {
  std::vector<std::unique_ptr<StmtNode>> body;
  void call() {
    for (auto& s : body) s->exec();
  }
};

Value CallNode::eval() {
  callee->call();
  return Value();
}

}  // namespace

class Program {
 public:
  std::vector<std::unique_ptr<StmtNode>> script;
  std::unordered_map<const FuncDecl*, std::unique_ptr<Function>> functions;
  Function* main = nullptr;
};

namespace {

class Compiler {
 public:
  Compiler(const check::Info& info, const NativeRegistry& natives, Program& program)
      : info_(info), natives_(natives), program_(program) {}

  Function* function(const FuncDecl* decl) {
    auto& slot = program_.functions[decl];
    if (!slot) {
      slot = std::make_unique<Function>();
      for (const Stmt* s : decl->body->list) {
        if (auto node = stmt(s)) slot->body.push_back(std::move(node));
      }
    }
    return slot.get();
  }

  std::unique_ptr<StmtNode> stmt(const Stmt* s) {
    if (auto e = as<ExprStmt>(s)) {
      auto node = std::make_unique<ExprStmtNode>();
      node->x = expr(e->x);
      return node;
    }
    return nullptr;  // EmptyStmt: the checker admits nothing else yet
  }

  std::unique_ptr<ExprNode> expr(const Expr* e) {
    const check::TypeAndValue& tv = info_.types.at(e);
    if (tv.mode == check::Mode::Constant) return std::make_unique<ConstNode>(constant(tv));
    if (auto p = as<ParenExpr>(e)) return expr(p->x);
    auto c = as<CallExpr>(e);
    const Expr* fun = c->fun;
    while (auto p = as<ParenExpr>(fun)) fun = p->x;
    if (auto sel = as<SelectorExpr>(fun)) {
      const check::Object* pkg = info_.uses.at(as<Ident>(sel->x));
      auto node = std::make_unique<NativeCallNode>();
      node->fn = natives_.find(pkg->package->path, sel->sel->name);
      for (const Expr* a : c->args) node->args.push_back(expr(a));
      return node;
    }
    const check::Object* obj = info_.uses.at(as<Ident>(fun));
    auto node = std::make_unique<CallNode>();
    node->callee = function(obj->decl);
    return node;
  }

  // A constant as the value it has where it is used: untyped constants take their
  // default type (the only context so far is an `any` argument).
  Value constant(const check::TypeAndValue& tv) {
    const check::Type* t = check::defaultType(tv.type);
    switch (tv.value.kind) {
      case check::ConstValue::Kind::Bool: return Value::ofBool(t, tv.value.b);
      case check::ConstValue::Kind::Int: return Value::ofInt(t, tv.value.i);
      case check::ConstValue::Kind::Float: return Value::ofFloat(t, tv.value.f);
      case check::ConstValue::Kind::String: return Value::ofString(t, tv.value.s);
    }
    return Value();
  }

 private:
  const check::Info& info_;
  const NativeRegistry& natives_;
  Program& program_;
};

}  // namespace

void ProgramDeleter::operator()(Program* p) const { delete p; }

ProgramPtr compile(const File* file, const check::Info& info, const NativeRegistry& natives) {
  ProgramPtr program(new Program());
  Compiler compiler(info, natives, *program);
  for (const Stmt* s : info.scriptStmts) {
    if (auto node = compiler.stmt(s)) program->script.push_back(std::move(node));
  }
  if (info.mainFunc) program->main = compiler.function(info.mainFunc);
  return program;
}

int run(Program& program) {
  for (auto& s : program.script) s->exec();
  if (program.main) program.main->call();
  return 0;
}

}  // namespace gol::eval
