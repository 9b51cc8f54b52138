// The type checker: resolves every name, computes every expression's type (and
// constant value), and reports errors in Go's words before anything runs.
//
// What it learns is recorded in Info, keyed by AST node, as go/types does; the
// evaluator compiles the AST and Info into its executable tree.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "interpreter/check/constant.h"
#include "interpreter/check/types.h"
#include "interpreter/syntax/ast.h"
#include "interpreter/syntax/source.h"

namespace gol::check {

struct Package;

struct Object {
  enum class Kind { PkgName, Func, Const, TypeName, Nil };
  Kind kind;
  std::string name;
  const Type* type = nullptr;
  syntax::Pos pos;
  const Package* package = nullptr;    // PkgName: the package it names; Func: its owner
  const syntax::FuncDecl* decl = nullptr;  // Func declared in Gol source
  ConstValue value;                    // Const
  bool used = false;
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
};

enum class Mode { NoValue, Constant, Value, TypeExpr, PackageName, Builtin };

struct TypeAndValue {
  Mode mode = Mode::NoValue;
  const Type* type = nullptr;
  ConstValue value;
};

struct Info {
  std::unordered_map<const syntax::Expr*, TypeAndValue> types;
  std::unordered_map<const syntax::Ident*, const Object*> uses;
  const syntax::FuncDecl* mainFunc = nullptr;
  // Script mode: the top-level statements, run in order before main.
  std::vector<const syntax::Stmt*> scriptStmts;
  // Every object and type the checker created; the tables above point into them.
  std::vector<std::unique_ptr<Object>> objects;
  std::vector<std::unique_ptr<Type>> ownedTypes;
};

// Checks `file`; errors go to `diags`. Returns false if there were any.
bool checkFile(const syntax::File* file, Importer& importer, syntax::Diagnostics& diags,
               Info& info);

}  // namespace gol::check
