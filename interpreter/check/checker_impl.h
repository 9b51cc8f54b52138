// The checker's private header: the Checker class, shared by the files that hold its
// parts. Only interpreter/check/*.cpp include it; everything else sees checker.h.
//
// The parts follow go/types: checker.cpp (the universe, files, imports, errors, the REPL's
// session), decl.cpp (type, method, const and var declarations and their order),
// typexpr.cpp (type expressions), stmt.cpp (function bodies and statements), expr.cpp
// (expressions and operators), call.cpp (calls), builtins.cpp (len, append, make, ...),
// conversions.cpp (untyped operands, assignability and conversions). Constant arithmetic
// is constant.cpp, the types themselves types.cpp, and field and method lookup lookup.cpp.
//
// A Checker is used by one thread; the Info it fills is read by the compiler only after
// checking ends.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "interpreter/check/checker.h"
#include "interpreter/syntax/literals.h"
#include "interpreter/syntax/printer.h"

namespace gol::check {

using namespace gol::syntax;

struct Scope {
  Scope* parent = nullptr;
  std::unordered_map<std::string, Object*> names;
};

// An expression being checked: what it is (mode), its type and constant value.
struct Operand {
  Mode mode = Mode::Invalid;
  const Type* type = nullptr;
  ConstValue val;
  const Expr* expr = nullptr;
  const Object* builtin = nullptr;
  bool invalid() const { return mode == Mode::Invalid; }
};

// A package-level const or var waiting to be checked: package-level declarations may
// refer to each other in any order, so each is checked when first needed.
struct PendingDecl {
  Object* obj;
  const ValueSpec* spec;
  size_t index;
  enum class State { Pending, Checking, Done } state = State::Pending;
};

// A declared type whose definition has not been resolved yet: types may refer to each
// other in any order (and to themselves through pointers, slices, maps and funcs).
struct PendingType {
  Object* obj;
  const TypeSpec* spec;
  enum class State { Pending, Checking, Done } state = State::Pending;
};

// An embedded field's type (T or *T), checked once T is resolved.
struct PendingEmbedded {
  Pos pos;
  const Type* type;
};

inline const char* constructName(NodeKind k) {
  switch (k) {
    case NodeKind::CompositeLit: return "composite literals";
    case NodeKind::FuncLit: return "function literals";
    case NodeKind::IndexExpr: return "index expressions";
    case NodeKind::SliceExpr: return "slice expressions";
    case NodeKind::TypeAssertExpr: return "type assertions";
    case NodeKind::StarExpr: return "pointers";
    case NodeKind::ArrayType: return "arrays and slices";
    case NodeKind::StructType: return "structs";
    case NodeKind::FuncType: return "function types";
    case NodeKind::InterfaceType: return "interfaces";
    case NodeKind::MapType: return "maps";
    case NodeKind::ChanType: return "channels";
    case NodeKind::LabeledStmt: return "labels";
    case NodeKind::SendStmt: return "channel sends";
    case NodeKind::GoStmt: return "go statements";
    case NodeKind::DeferStmt: return "defer statements";
    case NodeKind::TypeSwitchStmt: return "type switches";
    case NodeKind::SelectStmt: return "select statements";
    default: return "this construct";
  }
}

class Checker {
 public:
  Checker(Importer& importer, Diagnostics& diags, Info& info);

  void checkFile(const File* file);

 private:
  // ---- Errors and objects ------------------------------------------------------------

  void error(Pos pos, std::string msg) { diags_->error(pos, std::move(msg)); }
  void unsupported(Pos pos, const std::string& what) {
    error(pos, what + " are not supported by Gol yet");
  }

  Object* newObject(Object obj) {
    info_.objects.push_back(std::make_unique<Object>(std::move(obj)));
    return info_.objects.back().get();
  }

  template <typename T>
  T* newType() {
    auto t = std::make_unique<T>();
    T* raw = t.get();
    info_.ownedTypes.push_back(std::move(t));
    return raw;
  }

  Object* lookup(const std::string& name);

  void declare(Scope& scope, Ident* id, Object* obj);

  std::string diags_file() const { return fileName_; }

 public:
  std::string fileName_;

 private:
  // ---- Files ---------------------------------------------------------------------------

  void importDecl(const GenDecl* d);

  Object* autoImport(const std::string& name);

  Object* declareFunc(const FuncDecl* f);

  void checkPackage(const File* file);

  // ---- Type declarations and methods ------------------------------------------------------

  Object* declareType(const TypeSpec* spec, Scope& scope);

  PendingType* pendingTypeFor(const Object* obj);

  void resolveType(PendingType& p);

  static bool embeddedTypeUnresolved(const PendingEmbedded& e) {
    const Type* t = e.type;
    if (const Pointer* p = dynamic_cast<const Pointer*>(t)) t = p->elem;
    return t && !under(t);
  }

  bool checkEmbedded(const PendingEmbedded& e);

  void resolveTypes();

  bool containsItself(const Named* target, const Type* t, std::vector<const Named*>& stack);

  struct MethodDecl {
    const FuncDecl* decl;
    const Named* recv;
    bool pointerRecv;
    const Signature* sig;
    Scope* typeParams = nullptr;  // a generic type's method: the instance's type arguments
    int depth = 0;                // instances: how many instantiations led to this one
  };

  void declareMethod(const FuncDecl* f);

  void methodBodies(size_t first = 0);

  std::vector<std::pair<Object*, const FuncDecl*>> declareScriptItems(const File* file);

  void checkScript(const File* file);

  // One REPL input: like a script, in the package scope the earlier inputs built. On an
  // error, the names it declared and the methods it added are taken back, so the session
  // goes on as if the input had not been typed.
 public:
  bool replInput(const File* file, Diagnostics& diags, ReplInput* out);

  bool replTypeOf(const Expr* e, Diagnostics& diags, std::string* text);

  void selectableNames(const Type* t, std::vector<std::string>& names, int depth);
  bool replDescribe(const std::string& name, std::string* text, std::string* pkgPath);
  std::string replDeclarations();
  std::vector<std::string> replNames(const std::string& pkgName);

 private:
  void echoOrStatement(const ExprStmt* s, ReplInput* out);
  bool printsToStdout(const Expr* e);

 public:
  // ---- Package-level constants and variables -------------------------------------------

  void resolvePending(PendingDecl& p);

  PendingDecl* pendingFor(const Object* obj);

  void globalVarSpec(PendingDecl& p) {
    globalVarType(p);
    info_.globalTypes[p.obj->slot] = p.obj->type;
  }

  void globalVarType(PendingDecl& p);

  const Type* varTypeFrom(Operand& x, const Type* declared, const char* context);

  void constSpec(const ValueSpec* spec, size_t index, Object* obj);

  // ---- Initialisation order (initorder.cpp) ---------------------------------------------

  // What a package-level declaration refers to: the variables and the functions and
  // methods (Go's "references" of the spec's initialisation order).
  struct InitRefs {
    std::vector<const Object*> vars;
    std::vector<const FuncDecl*> funcs;
  };
  void referVar(const Object* o) {
    if (refs_ && o->isGlobal) refs_->vars.push_back(o);
  }
  void referFunc(const void* decl) {
    if (refs_ && decl) refs_->funcs.push_back(static_cast<const FuncDecl*>(decl));
  }
  void initOrder();
  bool reservedForFunc(const syntax::Ident* id);
  void initLoop(const Object* var);

  // ---- Generics (generics.cpp) ----------------------------------------------------------

  // A generic function or type instantiated with one list of type arguments.
  struct Instance {
    const Object* generic;
    std::vector<const Type*> args;
    Object* func = nullptr;  // a function's instance
    Named* type = nullptr;   // a type's instance
  };
  // A function instance whose body is still to be checked.
  struct FuncInstanceBody {
    const FuncDecl* decl;
    const Signature* sig;
    Scope* typeParams;
    std::string name;
    int depth;
  };
  // The type parameters of a declaration, flattened: names and constraint expressions.
  struct TypeParamList {
    std::vector<const Ident*> names;
    std::vector<const Expr*> constraints;
    size_t size() const { return names.size(); }
    int indexOf(const std::string& name) const;
  };
  static TypeParamList typeParamList(const std::vector<Field*>& fields);
  static std::string typeParamText(const std::vector<Field*>& fields);

  Object* genericObject(const Expr* e);
  Object* genericTarget(const Expr* e);
  Scope* bindTypeParams(const TypeParamList& tps, const std::vector<const Type*>& args,
                        Scope* home);
  const Interface* constraintOf(const Expr* e);
  std::vector<TypeTerm> unionTerms(const Expr* e);
  static bool isUnionElement(const Expr* e);
  bool satisfies(const Type* t, const Interface* c, std::string* cause);
  bool verifyTypeArgs(const TypeParamList& tps, Scope* bound, const std::vector<const Type*>& args,
                      const std::vector<Pos>& at);
  Instance* findInstance(const Object* generic, const std::vector<const Type*>& args);
  bool typeArgs(const IndexExpr* e, std::vector<const Type*>* out, std::vector<Pos>* at);
  const Type* instantiateType(Object* generic, const IndexExpr* e);
  const Type* instantiateTypeWith(Object* generic, const std::vector<const Type*>& args,
                                  const std::vector<Pos>& at, Pos pos);
  void addInstanceMethod(Named* inst, const FuncDecl* m);
  bool declareGenericMethod(const FuncDecl* f, const IndexExpr* recvBase, bool pointer);
  Object* instantiateFunc(Object* generic, const std::vector<const Type*>& args,
                          const std::vector<Pos>& at, Pos pos);
  Operand instantiationExpr(const IndexExpr* e, Object* generic);
  // A generic function's instance for a call c (or, with c null, for the instantiation
  // `fun` with fewer type arguments than parameters), with type arguments inferred.
  Operand genericCall(const Expr* fun, const CallExpr* c, Object* generic,
                      std::vector<const Type*> explicitArgs, std::vector<Pos> explicitAt,
                      std::vector<Operand>& args);
  bool unify(const Expr* param, const Type* arg, const TypeParamList& tps,
             std::vector<const Type*>& bound, std::string* why);
  bool mentionsUnbound(const Expr* e, const TypeParamList& tps,
                       const std::vector<const Type*>& bound);
  void recordInstance(const Expr* fun, const Object* inst);
  void checkPendingBodies(size_t firstMethod = 0);
  void markGenericImports();

  // ---- Standard packages written in Gol (gol_packages.cpp) -------------------------------

  struct GolPackage {
    Package* pkg;     // owned by Info (golPackages), as the program's objects point into it
    Scope fileScope;  // its imports
    Scope scope;      // its declarations
  };
  const Package* importPackage(const std::string& path);
  static const Package* unsafePackage();
  const Package* loadGolPackage(const std::string& path, const char* source);
  // The scope a generic function or type was declared in (the package scope for main's).
  Scope* homeScope(const Object* generic);

  // ---- Types ---------------------------------------------------------------------------

  const Type* typeExpr(const Expr* e);

  // A map key type named before its definition is resolved is checked when it is.
  bool comparableOrPending(const Type* t) {
    if (const Named* n = asNamed(t); n && !n->underlying) return true;
    return comparable(t);
  }

  int64_t arrayLength(const Expr* e);

  const Type* structType(const StructType* st);

  const Type* interfaceType(const InterfaceType* it);

  const Signature* signatureOf(const FuncType* t);

  // ---- Functions -----------------------------------------------------------------------

  struct FuncContext {
    FuncInfo* info = nullptr;
    const Signature* sig = nullptr;
    bool isScript = false;
    std::vector<Object*> locals;  // for "declared and not used"
    int loopDepth = 0;
    int switchDepth = 0;
    FuncContext* parent = nullptr;  // the enclosing function of a function literal
    int litCount = 0;               // function literals directly inside, for their names
    // A statement list being checked, and the statement of it being checked now.
    struct OpenList {
      const std::vector<Stmt*>* list;
      size_t index;
      Pos start;  // where its block starts, for "jumps into block"
    };
    struct Label {
      const LabeledStmt* stmt;
      bool used = false;
      const std::vector<Stmt*>* list = nullptr;  // the list holding it, once checked
      size_t index = 0;
    };
    struct Goto {
      const BranchStmt* stmt;
      std::vector<OpenList> at;  // the lists enclosing the goto
    };
    std::map<std::string, Label> labels;           // every label of the body
    std::vector<const LabeledStmt*> activeLabels;  // labeled statements enclosing this point
    std::vector<OpenList> openLists;               // the lists enclosing this point
    std::vector<Goto> gotos;
  };

  void collectLabels(const Stmt* s);

  Object* newLocal(Ident* id, const Type* type, Scope& scope);

  void funcBody(const FuncDecl* f, const Signature* sig);

  void checkBody(FuncInfo& fi, const FuncType* type, const BlockStmt* body, const Signature* sig,
                 FuncContext* parent, const Field* recv = nullptr, const Type* recvType = nullptr);

  Operand funcLit(const FuncLit* lit);

  void capture(Object* o);

  // ---- Terminating statements (the spec's rules, for "missing return") -----------------

  bool terminatingList(const std::vector<Stmt*>& list);

  static bool hasBreak(const Stmt* s, bool nested);

  bool terminating(const Stmt* s);

  // ---- Statements ------------------------------------------------------------------------

  // The statements of a block that starts at `start` (its '{', or its case's keyword).
  void blockStmts(const std::vector<Stmt*>& list, Pos start) {
    if (!fn_) {
      for (const Stmt* s : list) stmt(s);
      return;
    }
    fn_->openLists.push_back({&list, 0, start});
    for (size_t i = 0; i < list.size(); ++i) {
      fn_->openLists.back().index = i;
      stmt(list[i]);
    }
    fn_->openLists.pop_back();
  }

  void checkGotos(const FuncContext& ctx);
  // The fallthrough statements of expression switches' clauses, which switchStmt judges.
  std::unordered_set<const Stmt*> switchFallthroughs_;

  void openScope(Scope& s) {
    s.parent = scope_;
    scope_ = &s;
  }
  void closeScope(Scope& s) { scope_ = s.parent; }

  void stmt(const Stmt* s);

  void exprStmt(const ExprStmt* s);

  bool isValueOnlyCall(const CallExpr* call);

  void declStmt(const DeclStmt* d);

  void varSpec(const ValueSpec* spec);

  Operand commaOkExpr(const Expr* e, size_t vars);

  static std::string countText(size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  }

  void mismatch(Pos, size_t vars, const Operand& x, size_t values);

  bool singleValue(Operand& x, size_t vars);

  void assignStmt(const AssignStmt* s);

  void checkAssignable(Operand& x);

  void shortVarDecl(const AssignStmt* s);

  void incDec(const IncDecStmt* s);

  void condition(const Expr* e, const char* what);

  void ifStmt(const IfStmt* s);

  void forStmt(const ForStmt* s);

  void rangeStmt(const RangeStmt* s);

  void rangeFunc(const RangeStmt* s, const Operand& x, const Signature* seq);

  void switchStmt(const SwitchStmt* s);

  void returnStmt(const ReturnStmt* s);

  static std::string tupleText(const std::vector<const Type*>& types);

  void branchStmt(const BranchStmt* s);

  void callStmt(const Expr* e, const char* keyword);

  void sendStmt(const SendStmt* s);

  void selectStmt(const SelectStmt* s);

  static bool isReceive(const Expr* e) {
    auto u = as<UnaryExpr>(unparen(e));
    return u && u->op == Token::Arrow;
  }

  static bool isCommStmt(const Stmt* s);

  void typeSwitchStmt(const TypeSwitchStmt* s);

  // ---- Operands and conversions ---------------------------------------------------------

  std::string describe(const Operand& x);

  std::string argTypeText(const Operand& x);

  void record(const Operand& x);

  void updateUntyped(const Expr* e, const Type* target);

  bool representable(Operand& x, const Basic* t, std::string* reason);

  bool convertUntyped(Operand& x, const Type* target);

  void assignment(Operand& x, const Type* t, const char* context);

  // ---- Expressions ------------------------------------------------------------------------

  Operand invalidOperand(const Expr* e) {
    Operand x;
    x.expr = e;
    return x;
  }

  Operand expr(const Expr* e, bool allowNoValue = false, bool asLhs = false);

  Operand exprInternal(const Expr* e, bool asLhs);

  Operand basicLit(const BasicLit* lit);

  Operand ident(const Ident* id, bool asLhs);

  bool isPackageSelector(const SelectorExpr* sel);

  Object* namedVar(const Expr* e);

  void markReassigned(const Expr* e) {
    if (Object* o = namedVar(e)) o->reassigned = true;
  }

  void markAddressTaken(const Expr* e);

  Operand selector(const SelectorExpr* sel);

  Operand starExpr(const StarExpr* st);

  Operand typeAssert(const TypeAssertExpr* e);

  const Object* packageMember(const SelectorExpr* sel);

  Operand unary(const UnaryExpr* u);

  static bool isComparison(Token op) {
    return op == Token::Eql || op == Token::Neq || op == Token::Lss || op == Token::Leq ||
           op == Token::Gtr || op == Token::Geq;
  }

  Operand binary(const BinaryExpr* b);

  bool matchTypes(Operand& x, Operand& y);

  Operand binaryOp(Token op, Operand x, Operand y, const BinaryExpr* e, Pos opPos);

  std::string incomparableReason(const Type* t);

  Operand comparison(Token op, Operand x, Operand y, Pos pos, bool forSwitch,
                     const BinaryExpr* e = nullptr);

  Operand shiftOp(Token op, Operand x, Operand y, const BinaryExpr* e);

  bool indexValue(const Expr* ie, int64_t length, const char* what = "index");

  Operand index(const IndexExpr* e);

  Operand sliceExpr(const SliceExpr* e);

  Operand compositeLit(const CompositeLit* lit, const Type* hint);

  // ---- Calls -------------------------------------------------------------------------------

  Operand call(const CallExpr* c);

  Operand callResult(const CallExpr* c, const Signature* sig);

  bool callOperands(const CallExpr* c, std::vector<Operand>& args);

  Operand callArgs(const CallExpr* c, const Signature* sig, std::vector<Operand>& args);

  Operand conversion(const CallExpr* c, const Type* target);

  Operand makeCall(const CallExpr* c);

  Operand appendCall(const CallExpr* c, std::vector<Operand>& args);

  Operand builtinCall(const CallExpr* c, Builtin b);
  bool hasCallOrReceive(const Expr* e) const;
  std::string kindString(const Type* t);
  Operand complexCall(const CallExpr* c, std::vector<Operand>& args);
  Operand realImagCall(const CallExpr* c, Builtin b, std::vector<Operand>& args);

  std::vector<Instance> instances_;
  std::vector<FuncInstanceBody> funcInstanceBodies_;
  size_t funcInstanceBodiesDone_ = 0;
  std::vector<std::unique_ptr<Scope>> instanceScopes_;
  std::map<std::string, std::unique_ptr<GolPackage>> golPackages_;
  std::map<const Object*, Scope*> homeScopes_;
  Scope* declaringPackage_ = nullptr;  // the Gol package whose types are being declared
  // The package whose methods are being declared: "main", or a Gol package's path.
  const std::string* declaringPackagePath_ = nullptr;
  // Every generic declaration (functions, types, methods of generic types), as written.
  std::vector<const Node*> genericDecls_;
  // A generic type's methods, as declared.
  std::map<const Object*, std::vector<const FuncDecl*>> genericMethods_;
  // The scope of type arguments a function instance's body is checked in (null: none),
  // and how many instantiations led to it (to stop an instantiation cycle).
  Scope* instanceScope_ = nullptr;
  int instanceDepth_ = 0;
  // Type switches in instances: cases that became identical types are allowed.
  bool inInstance_ = false;
  // A range over a function: its operand, already checked, which the rewritten loop's
  // first statement reuses instead of checking the expression again.
  Operand rangeFuncOperand_;
  // Checking a constraint, where interfaces with type sets are allowed.
  bool constraintContext_ = false;

  Importer& importer_;
  Diagnostics* diags_;  // the REPL points it at each input's diagnostics
  Info& info_;
  bool script_ = false;
  bool allowTypes_ = false;
  std::string context_;
  Scope universe_;
  Scope fileScope_;
  Scope packageScope_;
  Scope* scope_ = nullptr;
  FuncContext* fn_ = nullptr;
  int scriptLitCount_ = 0;
  Object* iota_ = nullptr;
  int iotaValue_ = -1;
  std::vector<PendingDecl> pending_;
  std::vector<PendingType> pendingTypes_;
  size_t resolvedTypes_ = 0;
  std::vector<PendingEmbedded> pendingEmbedded_;
  // The names' types of package-level specs with one value for several names.
  std::map<const ValueSpec*, std::vector<const Type*>> multiValueGlobals_;
  // Untyped constants shifted by a non-constant count: their type must be an integer.
  std::map<const Expr*, const BinaryExpr*> shiftOperands_;
  std::vector<const FuncDecl*> methodDecls_;
  std::vector<MethodDecl> methods_;
  std::set<const GenDecl*> scriptTypeDecls_;
  // The REPL: one package scope across inputs; a failed input's changes are undone.
  bool repl_ = false;
  size_t replMethodsStart_ = 0;
  struct MethodChange {
    Named* named;
    size_t index;
    std::optional<Method> old;  // none: the method was appended
  };
  std::vector<MethodChange> methodUndo_;
  // Package mode: what each variable spec and function or method body refers to; refs_ is
  // where the declaration being checked collects (null: not collecting).
  std::map<const Node*, InitRefs> initRefs_;
  InitRefs* refs_ = nullptr;
  // The package-level variables whose initialisers are being checked, outermost first.
  std::vector<const Object*> resolving_;
};

}  // namespace gol::check
