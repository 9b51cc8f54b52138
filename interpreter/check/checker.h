// The type checker: resolves every name to an object (a frame slot, a global, a
// function, a constant, a package member), computes every expression's type and
// constant value, and reports errors in Go's words before anything runs.
//
// What it learns is recorded in Info, keyed by AST node, as go/types does; the
// evaluator compiles the AST and Info into its executable tree.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <unordered_set>

#include "interpreter/check/constant.h"
#include "interpreter/check/lookup.h"
#include "interpreter/check/types.h"
#include "interpreter/syntax/ast.h"
#include "interpreter/syntax/source.h"

namespace gol::check {

struct Package;

// Enumerators grouped as a table, left as written:
// clang-format off
enum class Builtin {
  Len, Cap, Append, Make, Copy, Print, Println, Panic, Min, Max, New, Delete, Clear, Recover, Close,
  Complex, Real, Imag,
  Sizeof, Alignof, Offsetof,  // package unsafe
  RangeFuncFrame,  // #callframe() of the range-over-func rewrite (rangefunc.cpp); no Go name
};
// clang-format on

struct Object {
  enum class Kind { PkgName, Func, Var, Const, TypeName, Builtin, Nil };
  Kind kind;
  std::string name;
  const Type* type = nullptr;
  syntax::Pos pos{};
  const Package* package = nullptr;        // PkgName: the package named; Func: its owner
  const syntax::FuncDecl* decl = nullptr;  // Func declared in Gol source
  ConstValue value{};                      // Const
  Builtin builtin = Builtin::Len;          // Builtin
  // Var: a slot of its function's frame, or of the globals.
  bool isGlobal = false;
  int slot = -1;
  bool used = false;
  bool isResult = false;  // a named result
  bool captured = false;  // used by a function literal, or its address taken: lives in a heap box
  // Var: assigned after its declaration (=, op=, ++, a redeclaring :=, a range or select
  // assignment) or its address taken, so its value may change while closures share it.
  bool reassigned = false;
  const struct FuncInfo* owner = nullptr;  // the function whose frame holds a local
  // Var of a native package (os.Args): the evaluator's cell holding its value.
  void* nativeCell = nullptr;
  // TypeName of a generic type (`type List[T any] ...`): its declaration. Its type is
  // null; each instantiation makes a Named of its own.
  const syntax::TypeSpec* genericSpec = nullptr;
  bool isGenericFunc() const {
    return kind == Kind::Func && decl && !decl->type->typeParams.empty();
  }
  bool isGenericType() const { return kind == Kind::TypeName && genericSpec; }
};

// A package the program can import. Standard packages are provided by stdlib/.
struct Package {
  std::string path;
  std::string name;
  std::map<std::string, Object> members;
};

class Importer {
 public:
  virtual ~Importer() = default;
  virtual const Package* import(const std::string& path) = 0;
  // Script mode imports packages on first use: the standard package named `name`.
  virtual const Package* importByName(const std::string& name) = 0;
  // The source of a package written in Gol (slices, maps, ...), which the checker loads
  // itself; null for the others.
  virtual const char* golSource(const std::string& path) {
    (void)path;
    return nullptr;
  }
};

// MapIndex: `m[k]`, assignable but not addressable.
enum class Mode { Invalid, NoValue, Constant, Value, Variable, MapIndex, TypeExpr, Builtin };

struct TypeAndValue {
  Mode mode = Mode::Invalid;
  const Type* type = nullptr;  // for untyped constants: the type they take where used
  ConstValue value;
};

struct FuncInfo {
  int frameSize = 0;
  std::vector<const Object*> params;
  std::vector<const Object*> results;
  std::vector<const Type*> slotTypes;      // the type of each frame slot
  std::vector<const Object*> slotObjects;  // the variable in each frame slot
  // A function literal's captured variables (locals of enclosing functions), in order.
  std::vector<const Object*> captures;
  std::string name;             // as Go's stack traces print it: main.f, main.(*T).M
  const Named* recv = nullptr;  // a method's receiver base type (params[0] is the receiver)
};

struct Info {
  std::unordered_map<const syntax::Expr*, TypeAndValue> types;
  std::unordered_map<const syntax::Ident*, const Object*> uses;
  std::unordered_map<const syntax::Ident*, const Object*> defs;
  std::unordered_map<const syntax::FuncDecl*, FuncInfo> funcs;
  std::unordered_map<const syntax::FuncLit*, FuncInfo> lits;
  // A script's (or a REPL input's) top-level statements: the frame of the variables their
  // blocks declare (a loop's, an if's), which are locals, fresh per loop iteration; the
  // variables of the top level itself are globals.
  std::unordered_map<const syntax::File*, FuncInfo> scriptFrames;
  std::unordered_map<const syntax::SelectorExpr*, Selection> selections;
  // Index expressions, type assertions used as `v, ok :=` (their type is the value's).
  std::unordered_set<const syntax::Expr*> commaOk;
  // A range over a function (`for x := range seq`): the block it was rewritten to, which
  // passes the loop body to seq as a yield function (see check/rangefunc.cpp).
  std::unordered_map<const syntax::RangeStmt*, const syntax::Stmt*> rangeFuncs;
  // Labeled break, continue and goto: the statement they refer to (the labeled one).
  std::unordered_map<const syntax::BranchStmt*, const syntax::Stmt*> branchTargets;
  // A type switch's `x :=` binding: the variable each clause declares.
  std::unordered_map<const syntax::CaseClause*, const Object*> implicits;
  const syntax::FuncDecl* mainFunc = nullptr;
  // The package's init functions, in the order written (package mode).
  std::vector<const syntax::FuncDecl*> initFuncs;
  int globalCount = 0;
  std::vector<const Type*> globalTypes;  // the type of each global slot (package vars: see objects)
  // Package-level variable declarations, in initialisation order (package mode).
  std::vector<const syntax::ValueSpec*> globalInits;
  // Script mode: the top-level statements, run in order before main.
  std::vector<const syntax::Stmt*> scriptStmts;
  // Every function literal, in the order they were checked (the REPL compiles each
  // input's own).
  std::vector<const syntax::FuncLit*> litOrder;
  // Instantiations written with type arguments (`Max[int]`) that denote a function: the
  // function is the instance named by `uses` of the expression's identifier.
  std::unordered_set<const syntax::IndexExpr*> instantiations;
  // The copies of generic declarations the checker made, one per instance; their
  // FuncInfos are in `funcs` like any other function's.
  std::unique_ptr<syntax::Ast> instanceAst = std::make_unique<syntax::Ast>();
  // The syntax trees of the standard packages written in Gol that the program imports.
  std::vector<std::unique_ptr<syntax::Ast>> packageAsts;
  // Those packages, whose members the tables point to.
  std::vector<std::unique_ptr<Package>> golPackages;
  // Every object and type the checker created; the tables above point into them.
  std::vector<std::unique_ptr<Object>> objects;
  std::vector<std::unique_ptr<Type>> ownedTypes;
};

// Checks `file`; errors go to `diags`. Returns false if there were any.
bool checkFile(const syntax::File* file, Importer& importer, syntax::Diagnostics& diags,
               Info& info);

// What one REPL input adds to the session, once checked.
struct ReplInput {
  std::vector<const syntax::Stmt*> stmts;      // top-level statements, in order
  std::vector<const syntax::FuncDecl*> funcs;  // functions and methods it declares
  std::vector<const syntax::FuncLit*> lits;    // function literals it contains
  const syntax::FuncDecl* main = nullptr;      // `func main`, run after the statements
  const FuncInfo* frame = nullptr;             // its statements' (Info::scriptFrames)
  // A lone expression whose values the REPL prints, and their types.
  const syntax::Expr* echo = nullptr;
  std::vector<const Type*> echoTypes;
};

// The REPL's checker: one package scope that grows with each input. Declarations may be
// repeated: the new one replaces the old for what is checked later, while code checked
// earlier keeps what it referred to. Info accumulates every input's facts.
class ReplSession {
 public:
  ReplSession(Importer& importer, Info& info);
  ~ReplSession();
  // Checks one input (a script). On errors (in diags) it adds nothing and returns false.
  bool check(const syntax::File* file, syntax::Diagnostics& diags, ReplInput* out);
  // The type of e, as :type shows it (`int`, `untyped int constant 3`, `type T`).
  bool typeOf(const syntax::Expr* e, syntax::Diagnostics& diags, std::string* text);
  // Names for TAB completion: in scope, or the members of package pkgName.
  std::vector<std::string> names(const std::string& pkgName);
  // :doc NAME: the declaration of a declared name or of a package member (`pkg.Name`), as
  // `func strings.ToUpper(string) string`; false if there is none. *pkgPath is the member's
  // package path (empty for the session's own names).
  bool describe(const std::string& name, std::string* text, std::string* pkgPath);
  // :env: the session's declarations, one per line, sorted by name.
  std::string declarations();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gol::check
