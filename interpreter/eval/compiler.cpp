// The compiler: turns the checked AST into the executable tree. Every decision that
// depends on a type or a name is taken here, once, so the nodes only compute. This file
// holds the entry points (a program, a REPL input), function bodies and their frames.
#include "interpreter/eval/compiler_impl.h"
#include "interpreter/eval/repl_run.h"
#include "interpreter/eval/shared_params.h"

namespace gol::eval {

void ProgramDeleter::operator()(Program* p) const {
  delete p;
}

// One REPL input: its globals, functions, methods and literals, then its statements
// (or the echo of a lone expression) as a function of their own.
const FuncCode* Compiler::compileInput(const check::ReplInput& in) {
  findGotoTargets();
  for (size_t i = program_.globals.size(); i < static_cast<size_t>(info_.globalCount); ++i) {
    const check::Type* t = info_.globalTypes[i];
    program_.globals.push_back(isAggregate(t) ? zeroValue(t) : Value{});
    program_.globalCounted.push_back(isCountedType(t));
  }
  for (const FuncDecl* decl : in.funcs) {
    funcs_[decl] = declareCode(info_.funcs.at(decl), false);
    if (decl->recv) program_.methodCodes[decl] = funcs_[decl];
  }
  for (const FuncLit* lit : in.lits) lits_[lit] = declareCode(info_.lits.at(lit), true);
  for (const FuncDecl* decl : in.funcs) compileBody(info_.funcs.at(decl), funcs_[decl], decl->body);
  info = in.frame;
  auto code = std::make_unique<FuncCode>();
  code->name = "main.main";
  fn_ = code.get();
  if (in.frame) scriptFrame(*in.frame, fn_);
  if (in.echo) {
    size_t mark = orderedExprs_.size();
    std::vector<StmtPtr> pre = orderOperands({in.echo}, {});  // as a statement (gc's order)
    for (StmtPtr& st : pre) code->body.push_back(std::move(st));
    code->body.push_back(makeEcho(expr(in.echo), in.echoTypes, in.echo->pos));
    checkOrderConsumed(mark, in.echo->pos);
  } else {
    std::vector<Stmt*> stmts;
    for (const Stmt* st : in.stmts) stmts.push_back(const_cast<Stmt*>(st));
    code->body.push_back(statementList(stmts));
  }
  info = nullptr;
  FuncCode* raw = code.get();
  program_.funcs.push_back(std::move(code));
  return raw;
}

void Compiler::compileProgram(const File* file) {
  program_.globals.assign(static_cast<size_t>(info_.globalCount), Value{});
  program_.globalCounted.assign(static_cast<size_t>(info_.globalCount), false);
  for (size_t i = 0; i < info_.globalTypes.size(); ++i) {
    program_.globalCounted[i] = isCountedType(info_.globalTypes[i]);
    if (isAggregate(info_.globalTypes[i])) program_.globals[i] = zeroValue(info_.globalTypes[i]);
  }
  setMethodTable(&program_);
  // Declare every function first: calls refer to their FuncCode.
  for (auto& [decl, fi] : info_.funcs) {
    funcs_[decl] = declareCode(fi, false);
    if (decl->recv) program_.methodCodes[decl] = funcs_[decl];
  }
  for (auto& [lit, fi] : info_.lits) lits_[lit] = declareCode(fi, true);
  for (auto& [decl, fi] : info_.funcs) {
    if (decl->body) compileBody(fi, funcs_[decl], decl->body);
  }
  if (info_.mainFunc) program_.main = funcs_[info_.mainFunc];

  info = nullptr;
  program_.init.name = "main.init";
  fn_ = &program_.init;
  for (const ValueSpec* spec : info_.globalInits) add(program_.init.body, valueSpec(spec));
  for (const FuncDecl* f : info_.initFuncs) program_.initFuncs.push_back(funcs_.at(f));

  program_.script.name = "main.main";
  fn_ = &program_.script;
  if (auto frame = info_.scriptFrames.find(file); frame != info_.scriptFrames.end()) {
    info = &frame->second;
    scriptFrame(frame->second, fn_);
  }
  std::vector<Stmt*> scriptStmts;
  for (const Stmt* s : info_.scriptStmts) scriptStmts.push_back(const_cast<Stmt*>(s));
  program_.script.body.push_back(statementList(scriptStmts));
  info = nullptr;
}

// Whether evaluating e may have an effect (a call or a receive): such an operand must
// not be evaluated twice.
bool Compiler::mayHaveEffects(const Expr* e) const {
  if (!e || typeOf(e).mode == check::Mode::Constant) return false;
  switch (e->kind) {
    case NodeKind::Ident:
    case NodeKind::BasicLit:
    case NodeKind::FuncLit: return false;
    case NodeKind::ParenExpr: return mayHaveEffects(static_cast<const ParenExpr*>(e)->x);
    case NodeKind::SelectorExpr: return mayHaveEffects(static_cast<const SelectorExpr*>(e)->x);
    case NodeKind::StarExpr: return mayHaveEffects(static_cast<const StarExpr*>(e)->x);
    case NodeKind::UnaryExpr: {
      auto u = static_cast<const UnaryExpr*>(e);
      return u->op == Token::Arrow || mayHaveEffects(u->x);
    }
    case NodeKind::BinaryExpr: {
      auto b = static_cast<const BinaryExpr*>(e);
      return mayHaveEffects(b->x) || mayHaveEffects(b->y);
    }
    case NodeKind::IndexExpr: {
      auto ix = static_cast<const IndexExpr*>(e);
      return mayHaveEffects(ix->x) || ix->indices.empty() || mayHaveEffects(ix->indices[0]);
    }
    default: return true;
  }
}

// The operands of an assignment's target that both its read and its store evaluate
// (`a[i] op= v`, `*p++`, `p.f += v`): for each with effects, the read (which runs first)
// keeps its value in a temporary that the store then uses, so it is evaluated once.
void Compiler::evaluateOnce(const Expr* lhs, const check::Type* t, Target* target, ExprPtr* read) {
  std::vector<std::pair<const Expr*, ExprPtr>> saves;
  for (const Expr* o : targetOperands(lhs)) {
    if (!mayHaveEffects(o)) continue;
    int slot = newTemp();
    bool counted = isCountedType(typeOf(o).type);
    if (counted) fn_->countedSlots.push_back(slot);
    saves.emplace_back(o, saveTemp(expr(o), slot, counted));
    if (counted) {
      operandOverrides_[o] = std::make_unique<LocalNode<true>>(slot);
    } else {
      operandOverrides_[o] = std::make_unique<LocalNode<false>>(slot);
    }
  }
  *target = targetForExpr(lhs, t);
  for (auto& [o, save] : saves) operandOverrides_[o] = std::move(save);
  *read = expr(lhs);
  for (auto& [o, save] : saves) operandOverrides_.erase(o);
}

// A function's body into its code (which becomes the function being compiled).
void Compiler::compileBody(const check::FuncInfo& fi, FuncCode* code, const BlockStmt* body) {
  fn_ = code;
  info = &fi;
  boxParams(fi, code);
  prologue(fi, code);
  // The statements go straight into the body (not in a block of their own): one node
  // less to run per call.
  for (StmtPtr& st : block(body)) code->body.push_back(std::move(st));
  for (int slot : sharedAggregateParams(info_, fi, body)) std::erase(code->aggregateParams, slot);
  code->plain = !code->hasDefer && code->aggregateParams.empty() && code->countedSlots.empty() &&
                code->ownedResultSlots.empty() && code->boxedResults.empty();
}

// The frame of a script's top-level statements (or a REPL input's): the locals of their
// blocks, counted or boxed as a function's are.
void Compiler::scriptFrame(const check::FuncInfo& fi, FuncCode* code) {
  code->frameSize = fi.frameSize;
  for (size_t s = 0; s < fi.slotTypes.size(); ++s) {
    bool boxed = s < fi.slotObjects.size() && fi.slotObjects[s]->captured;
    if (boxed || isCountedType(fi.slotTypes[s])) code->countedSlots.push_back(static_cast<int>(s));
  }
}

FuncCode* Compiler::declareCode(const check::FuncInfo& fi, bool isLiteral) {
  auto code = std::make_unique<FuncCode>();
  code->name = fi.name;
  code->hasParams = !fi.params.empty();
  code->frameSize = fi.frameSize;
  code->paramCount = static_cast<int>(fi.params.size());
  for (const check::Object* r : fi.results) {
    code->resultSlots.push_back(r->slot);
    if (r->captured || isCountedType(r->type)) code->ownedResultSlots.push_back(r->slot);
  }
  for (const check::Object* p : fi.params) {
    if (isAggregate(p->type) && !p->captured) code->aggregateParams.push_back(p->slot);
  }
  for (size_t s = 0; s < fi.slotTypes.size(); ++s) {
    bool isResult = false;
    for (int r : code->resultSlots) isResult |= r == static_cast<int>(s);
    bool boxed = s < fi.slotObjects.size() && fi.slotObjects[s]->captured;
    if (!isResult && (boxed || isCountedType(fi.slotTypes[s]))) {
      code->countedSlots.push_back(static_cast<int>(s));
    }
  }
  if (isLiteral) {
    code->closureSlot = code->frameSize++;
  }
  FuncCode* raw = code.get();
  program_.funcs.push_back(std::move(code));
  return raw;
}

// Captured parameters move into boxes when the call starts (copied first when they
// are structs or arrays: the callee owns its arguments).
void Compiler::boxParams(const check::FuncInfo& fi, FuncCode* code) {
  for (const check::Object* p : fi.params) {
    if (!p->captured) continue;
    if (isAggregate(p->type)) {
      Target t;
      t.kind = Target::Kind::Slot;
      t.slot = p->slot;
      t.counted = true;
      t.aggregate = true;
      t.define = true;
      auto own = std::make_unique<AssignNode>();
      own->target = t;
      own->x = std::make_unique<LocalNode<true>>(p->slot);
      code->body.push_back(std::move(own));
    }
    code->body.push_back(makeBoxParam(p->slot, isCountedType(p->type)));
  }
}

// Results start as zero values: struct results get their zero objects, results that
// closures capture get their boxes (unboxed when the call returns).
void Compiler::prologue(const check::FuncInfo& fi, FuncCode* code) {
  for (const check::Object* r : fi.results) {
    if (r->captured) {
      code->boxedResults.push_back(r->slot);
      Target t;
      t.kind = Target::Kind::NewBox;
      t.slot = r->slot;
      t.counted = isCountedType(r->type);
      t.aggregate = isAggregate(r->type);
      t.define = true;
      code->body.push_back(storeTo(t, zeroExpr(r->type)));
    } else if (isAggregate(r->type)) {
      Target t;
      t.kind = Target::Kind::Slot;
      t.slot = r->slot;
      t.counted = true;
      t.aggregate = true;
      t.define = true;
      code->body.push_back(storeTo(t, zeroExpr(r->type)));
    }
  }
}

// A statement list; one that holds labels that goto jumps to becomes a LabelBlockNode.
StmtPtr Compiler::statementList(const std::vector<Stmt*>& list) {
  std::vector<std::pair<const void*, size_t>> labels;
  std::vector<StmtPtr> out;
  for (const Stmt* st : list) {
    if (auto l = as<LabeledStmt>(st); l && gotoTargets_.count(l)) {
      labels.push_back({l, out.size()});
    }
    add(out, stmt(st));
  }
  if (labels.empty()) {
    auto n = std::make_unique<BlockNode>();
    n->list = std::move(out);
    return n;
  }
  auto n = std::make_unique<LabelBlockNode>();
  n->list = std::move(out);
  n->labels = std::move(labels);
  return n;
}

ExprPtr Compiler::funcLit(const FuncLit* lit) {
  const check::FuncInfo& fi = info_.lits.at(lit);
  FuncCode* code = lits_.at(lit);
  std::vector<CaptureSource> sources;
  for (const check::Object* o : fi.captures) sources.push_back(captureSource(o));
  int makerClosureSlot = fn_->closureSlot;
  FuncCode* savedFn = fn_;
  const check::FuncInfo* savedInfo = info;
  compileBody(fi, code, lit->body);
  fn_ = savedFn;
  info = savedInfo;
  return makeClosure(code, std::move(sources), makerClosureSlot);
}

const check::TypeAndValue& Compiler::typeOf(const Expr* e) const {
  auto it = info_.types.find(e);
  if (it == info_.types.end()) {
    static const check::TypeAndValue none;
    return none;
  }
  return it->second;
}

namespace {

// Runs a function that takes no arguments as the bottom of the goroutine's calls. When it
// is the program's last (main), its variables die with the process as in Go: their
// objects' finalizers are dropped first, so that none runs after main returned.
void runTop(const FuncCode& fn, bool endsProgram = false) {
  GoroutineState* g = currentState();
  Value* frame = g->sp;
  std::memset(static_cast<void*>(frame), 0, sizeof(Value) * static_cast<size_t>(fn.frameSize));
  g->sp = frame + fn.frameSize;
  CallRecord record{&fn, Pos{}, nullptr};
  g->calls = &record;
  if (fn.hasDefer) {
    runWithDefers(&fn, frame, record);
  } else {
    execList(fn.body, frame);
  }
  if (endsProgram) stdlib::forgetFinalizers();
  for (int s : fn.countedSlots) releaseString(frame[s]);
  g->calls = nullptr;
  g->sp = frame;
}

}  // namespace

ProgramPtr compile(const File* file, const check::Info& info, const NativeRegistry& natives,
                   const std::string& fileName, std::string* error) {
  traceFileName = fileName;
  ProgramPtr program(new Program);
  Compiler compiler(info, natives, *program);
  compiler.compileProgram(file);
  if (!compiler.unsupported.empty()) {
    *error = fileName + ":" + std::to_string(compiler.unsupportedPos.line) + ":" +
             std::to_string(compiler.unsupportedPos.col) + ": " + compiler.unsupported +
             " is not supported by Gol yet\n";
    return nullptr;
  }
  return program;
}

struct ReplProgram {
  ReplProgram(const check::Info& info, const NativeRegistry& natives)
      : compiler(info, natives, program) {
    setMethodTable(&program);
  }
  Program program;
  Compiler compiler;
};

void ReplProgramDeleter::operator()(ReplProgram* p) const {
  delete p;
}

ReplProgramPtr newReplProgram(const check::Info& info, const NativeRegistry& natives,
                              const std::string& fileName) {
  traceFileName = fileName;
  return ReplProgramPtr(new ReplProgram(info, natives));
}

bool compileReplInput(ReplProgram& repl, const check::ReplInput& input, ReplCode* out,
                      std::string* error) {
  repl.compiler.unsupported.clear();
  out->statements = repl.compiler.compileInput(input);
  out->main = input.main ? repl.compiler.codeOf(input.main) : nullptr;
  if (repl.compiler.unsupported.empty()) return true;
  *error = traceFileName + ":" + std::to_string(repl.compiler.unsupportedPos.line) + ":" +
           std::to_string(repl.compiler.unsupportedPos.col) + ": " + repl.compiler.unsupported +
           " is not supported by Gol yet\n";
  return false;
}

void runReplCode(const ReplCode& code) {
  runTop(*code.statements);
  if (!code.main) return;
  // As when a program's main returns, the goroutines main started (directly or through
  // others) end with it; those the input's statements or earlier inputs started go on.
  uint64_t first = rt::next_goroutine_id();
  runTop(*code.main);
  endGoroutinesOfMain(first);
}

int runProgram(Program& program) {
  runTop(program.init);
  // As Go's runtime does, after the variables: each init function, from the bottom of
  // the stack (a trace shows main.init.0 with no main.init below it).
  for (const FuncCode* init : program.initFuncs) runTop(*init);
  runTop(program.script, !program.main);
  if (program.main) runTop(*program.main, true);
  return 0;
}

}  // namespace gol::eval
