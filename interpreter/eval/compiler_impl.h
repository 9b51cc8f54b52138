// The compiler's private header: the Compiler class, shared by the files that hold its
// parts, and the Program it fills. Only the compiler's files include it; everything else
// sees compiler.h.
//
// The parts: compiler.cpp (programs, REPL inputs, function bodies and frames),
// compile_expr.cpp (expressions and operators), compile_call.cpp (calls, conversions and
// builtins), compile_stmt.cpp (statements and assignments), compile_order.cpp (gc's order of
// evaluation within a statement); the type-dispatch tables are
// type_dispatch.h. The compiler runs on one thread, before (or, in the REPL, between)
// runs of the code it makes; nodes never point back into it.
#pragma once

#include "interpreter/eval/compiler.h"

#include <alloca.h>
#include <unistd.h>

#include <cstring>
#include <deque>
#include <set>
#include <unordered_map>
#include <utility>

#include "interpreter/eval/basic_nodes.h"
#include "interpreter/eval/builtins.h"
#include "interpreter/eval/closures.h"
#include "interpreter/eval/complex_nodes.h"
#include "interpreter/eval/defer.h"
#include "interpreter/eval/echo.h"
#include "interpreter/eval/goroutines.h"
#include "interpreter/eval/intrinsics.h"
#include "interpreter/eval/map_nodes.h"
#include "interpreter/eval/ops.h"
#include "interpreter/eval/repl_run.h"
#include "interpreter/eval/slices.h"
#include "interpreter/eval/stack_growth.h"
#include "interpreter/eval/structs.h"
#include "interpreter/eval/type_dispatch.h"
#include "interpreter/syntax/literals.h"
#include "interpreter/syntax/printer.h"
#include "interpreter/values/complex.h"
#include "interpreter/values/maps.h"
#include "stdlib/packages.h"

namespace gol::eval {

using namespace gol::values;

using namespace gol::syntax;
using check::BasicKind;

class Program : public MethodTable {
 public:
  // A deque: nodes hold pointers to global cells, and the REPL adds globals as it goes.
  std::deque<Value> globals;
  std::vector<bool> globalCounted;
  std::vector<std::unique_ptr<FuncCode>> funcs;
  std::unordered_map<const void*, const FuncCode*> methodCodes;  // FuncDecl -> code
  FuncCode init;                           // package-level variable initialisation
  std::vector<const FuncCode*> initFuncs;  // the init functions, run after init in order
  FuncCode script;                         // script mode's top-level statements
  const FuncCode* main = nullptr;
  const FuncCode* code(const void* decl) const override {
    auto it = methodCodes.find(decl);
    return it == methodCodes.end() ? nullptr : it->second;
  }
  ~Program() override {
    for (size_t i = 0; i < globals.size(); ++i) {
      if (globalCounted[i]) releaseString(globals[i]);
    }
  }
};

class Compiler {
 public:
  Compiler(const check::Info& info, const NativeRegistry& natives, Program& program)
      : info_(info), natives_(natives), program_(program) {
    findGotoTargets();
  }

  const FuncCode* compileInput(const check::ReplInput& in);

  const FuncCode* codeOf(const FuncDecl* decl) const { return funcs_.at(decl); }

  void compileProgram(const File* file);

  // The first construct the compiler could not build (the checker should have refused it).
  std::string unsupported;
  Pos unsupportedPos;

 private:
  // Expressions being compiled around the current one (see makeStackCheck).
  int exprDepth_ = 0;
  // Nodes to use, once each, in place of compiling these expressions (evaluateOnce).
  std::unordered_map<const Expr*, ExprPtr> operandOverrides_;

  bool mayHaveEffects(const Expr* e) const;

  void evaluateOnce(const Expr* lhs, const check::Type* t, Target* target, ExprPtr* read);

  void compileBody(const check::FuncInfo& fi, FuncCode* code, const BlockStmt* body);

  void findGotoTargets() {
    for (auto& [branch, target] : info_.branchTargets) {
      if (branch->tok == Token::Goto) gotoTargets_.insert(static_cast<const LabeledStmt*>(target));
    }
  }

  void scriptFrame(const check::FuncInfo& fi, FuncCode* code);
  FuncCode* declareCode(const check::FuncInfo& fi, bool isLiteral);

  void boxParams(const check::FuncInfo& fi, FuncCode* code);

  void prologue(const check::FuncInfo& fi, FuncCode* code);

  ExprPtr zeroExpr(const check::Type* t) {
    if (isAggregate(t)) return makeZeroValue(t);
    return std::make_unique<ConstNode>(Value{}, false);
  }

  StmtPtr statementList(const std::vector<Stmt*>& list);

  ExprPtr funcLit(const FuncLit* lit);

  CaptureSource captureSource(const check::Object* o) const {
    if (o->owner == info) return {false, o->slot};
    return {true, captureIndex(o)};
  }

  int captureIndex(const check::Object* o) const {
    const auto& caps = info->captures;
    return static_cast<int>(std::find(caps.begin(), caps.end(), o) - caps.begin());
  }

  const check::FuncInfo* info = nullptr;  // the function being compiled (null: top level)
  std::unordered_map<const FuncLit*, FuncCode*> lits_;

  static void add(std::vector<StmtPtr>& list, StmtPtr s) {
    if (s) list.push_back(std::move(s));
  }

  int newTemp() { return fn_->frameSize++; }

  const check::TypeAndValue& typeOf(const Expr* e) const;

  // The type an expression has where it is used: untyped values take their default.
  const check::Type* finalType(const Expr* e) const {
    const check::Type* t = typeOf(e).type;
    return check::isUntyped(t) ? check::defaultType(t) : t;
  }

  const check::Object* objectOf(const Ident* id) const {
    if (auto it = info_.uses.find(id); it != info_.uses.end()) return it->second;
    if (auto it = info_.defs.find(id); it != info_.defs.end()) return it->second;
    return nullptr;
  }

  // ---- Expressions ---------------------------------------------------------------------

  ExprPtr expr(const Expr* e);

  ExprPtr constant(const check::ConstValue& v, const check::Type* t, Pos pos);

  ExprPtr exprInner(const Expr* e);

  ExprPtr valueAs(const Expr* e, const check::Type* target);

  // Compiles an element of a composite literal (an elided literal takes its type).
  ExprPtr element(const Expr* e, const check::Type* target) { return valueAs(e, target); }

  ExprPtr compositeLit(const CompositeLit* lit);

  ExprPtr selection(const SelectorExpr* sel, const check::Selection& s);

  ExprPtr methodExpression(const SelectorExpr* sel, const check::Selection& s);
  ExprPtr promotedReceiver(ExprPtr base, const check::Selection& s, Pos pos);

  ExprPtr methodValue(const SelectorExpr* sel, const check::Selection& s);

  // A thunk calling native fn with its parameters (sig's; for a method expression the
  // receiver is the first), or, given boundRecv, with the receiver its closure holds first.
  FuncCode* nativeThunk(NativeFunction fn, const check::Signature* sig, std::string name,
                        const check::Type* boundRecv, Pos pos);
  // Ends a thunk's body with `call`: returns its results, or runs it for its effects.
  static void thunkReturn(FuncCode* thunk, const check::Signature* sig, ExprPtr call);

  ExprPtr ident(const Ident* id);

  ExprPtr addressOf(const Expr* e);

  ExprPtr unary(const UnaryExpr* u);

  static bool isComparison(Token op) {
    return op == Token::Eql || op == Token::Neq || op == Token::Lss || op == Token::Leq ||
           op == Token::Gtr || op == Token::Geq;
  }

  bool isNilExpr(const Expr* e) const;

  ExprPtr binary(const BinaryExpr* b);

  ExprPtr index(const IndexExpr* e);

  // ---- Calls ---------------------------------------------------------------------------

  const check::Object* calleeObject(const Expr* fun) const;

  std::vector<ExprPtr> spreadArgs(const CallExpr* c, const check::Signature* sig);

  std::vector<ExprPtr> callArgs(const CallExpr* c, const check::Signature* sig,
                                bool operandsOutliveCall = false);

  bool multiValueArgument(const CallExpr* c) const {
    return c->args.size() == 1 && dynamic_cast<const check::Tuple*>(typeOf(c->args[0]).type);
  }

  ExprPtr receiverExpr(const Expr* x, const check::Selection& s, Pos pos);

  void borrowArguments(NativeCallNode& n, bool operandsOutliveCall) const;

  ExprPtr plainNativeCall(std::unique_ptr<NativeCallNode> n, bool operandsOutliveCall) const;

  ExprPtr methodCall(const CallExpr* c, const SelectorExpr* sel, const check::Selection& s,
                     bool operandsOutliveCall);

  StmtPtr atomicAddStatement(const Expr* x);

  ExprPtr call(const CallExpr* c);

  ExprPtr conversion(const CallExpr* c, const check::Type* target);

  ExprPtr builtinCall(const CallExpr* c, check::Builtin b);

  ExprPtr spreadBuiltinCall(const CallExpr* c, check::Builtin b);

  // ---- Statements ----------------------------------------------------------------------

  StmtPtr stmt(const Stmt* s) {
    size_t mark = orderedExprs_.size();
    StmtPtr n = stmtInner(s);
    checkOrderConsumed(mark, s->pos);
    if (n) n->pos = s->pos;
    return n;
  }

  StmtPtr stmtInner(const Stmt* s);

  StmtPtr exprStmt(const Expr* x);

  static std::vector<bool> countedResults(const check::Type* t);

  StmtPtr selectStmt(const SelectStmt* s);

  static const char* exprKindName(const Stmt* s);

  void noteUnsupported(const std::string& what, Pos pos);

  Target targetFor(const check::Object* o, const check::Type* valueType, bool isDefinition = false);

  Target targetForExpr(const Expr* e, const check::Type* valueType);

  StmtPtr storeTo(Target t, ExprPtr x);

  StmtPtr assignValues(std::vector<Target> targets, const std::vector<Expr*>& values,
                       const std::vector<const check::Type*>& types);

  const check::Type* variableType(const Expr* e) {
    while (auto p = as<ParenExpr>(e)) e = p->x;
    if (auto id = as<Ident>(e); id && id->name == "_") return nullptr;
    return typeOf(e).type;
  }

  const check::Type* resultType(const Expr* x, size_t i);

  StmtPtr declStmt(const DeclStmt* d);

  StmtPtr valueSpec(const ValueSpec* spec);

  StmtPtr assign(const AssignStmt* s);

  static bool isBlankIdent(const Expr* e) {
    while (auto p = as<ParenExpr>(e)) e = p->x;
    auto id = as<Ident>(e);
    return id && id->name == "_";
  }

  bool isUnreachableLocal(const Expr* e) const;

  StmtPtr opAssignAfterValue(const AssignStmt* s, Token op, const check::Type* t);

  std::vector<const Expr*> targetOperands(const Expr* e);

  ExprPtr saveTemp(ExprPtr x, int slot, bool counted);

  ExprPtr binaryValue(Token op, const check::Type* type, ExprPtr x, ExprPtr y,
                      const check::Type* yType, Pos pos);

  StmtPtr incDec(const IncDecStmt* s);

  std::vector<StmtPtr> block(const BlockStmt* b);

  StmtPtr ifStmt(const IfStmt* s);

  StmtPtr forStmt(const ForStmt* s);

  bool boundIsFixed(const Expr* cond) const;

  static StmtPtr countingLoop(ForNode& n, bool fixedBound);

  Target assignTarget(const Expr* e, const check::Type* vt);

  StmtPtr rangeStmt(const RangeStmt* s);

  StmtPtr switchStmt(const SwitchStmt* s);
  ExprPtr caseMatch(const SwitchStmt* s, const Expr* e, const SwitchNode& n,
                    const check::Type* tagType);

  ExprPtr equality(const check::Type* type, ExprPtr x, ExprPtr y, Pos pos);

  StmtPtr returnStmt(const ReturnStmt* s);

  StmtPtr typeSwitch(const TypeSwitchStmt* s);

  // ---- gc's order of evaluation (compile_order.cpp) -------------------------------------

  struct OrderLevel {
    bool readMayChange = false;  // a read a later call may change was done in the level
  };
  bool copiedForInterface(const Expr* e, const check::Type* target) const;
  bool copiedOperation(const Expr* e, bool* effect) const;
  bool readMayChange(const Expr* e) const;
  const check::Type* argumentTarget(const CallExpr* c, size_t i) const;
  bool scanOrder(const Expr* e, const check::Type* target, OrderLevel& level, bool& needed) const;
  template <typename Visit>
  void forEachOperand(const Expr* e, Visit&& visit) const;
  template <typename Visit>
  void forEachAddressOperand(const Expr* e, Visit&& visit) const;
  bool scanOperands(const Expr* e, OrderLevel& level, bool& needed) const;
  void hoist(const Expr* e, bool snapshot, std::vector<StmtPtr>& pre);
  void hoistOrder(const Expr* e, const check::Type* target, bool last, std::vector<StmtPtr>& pre);
  void hoistOperands(const Expr* e, std::vector<StmtPtr>& pre);
  std::vector<StmtPtr> orderOperands(const std::vector<const Expr*>& roots,
                                     const std::vector<const check::Type*>& targets);
  static ExprPtr withOrder(std::vector<StmtPtr> pre, ExprPtr x);
  static StmtPtr withOrder(std::vector<StmtPtr> pre, StmtPtr s);
  // e (as a value of type target, if given) in gc's order, evaluated on its own.
  ExprPtr exprInOrder(const Expr* e, const check::Type* target = nullptr);
  void checkOrderConsumed(size_t mark, Pos pos);
  // The expressions hoisted into temporaries, whose overrides the statement must use.
  std::vector<const Expr*> orderedExprs_;

  const check::Info& info_;
  const NativeRegistry& natives_;
  Program& program_;
  FuncCode* fn_ = nullptr;
  // The call being compiled is a defer or go statement's (see borrowArguments).
  bool compilingDeferOrGoCall_ = false;
  std::unordered_map<const FuncDecl*, FuncCode*> funcs_;
  std::set<const LabeledStmt*> gotoTargets_;
};

}  // namespace gol::eval
