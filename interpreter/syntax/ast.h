// Gol's abstract syntax tree, shaped like Go's go/ast so that Go programmers find
// their way around it.
//
// Every node carries the source position of its first token. Nodes are owned by the
// Ast arena of their file and referred to by plain pointers, which stay valid as long
// as the Ast lives. The parse tree they were built from is gone by the time anyone
// sees them. The checker records what it learns about nodes in its own tables
// (check::Info), so this tree stays a pure description of the source.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "interpreter/syntax/source.h"

namespace gol::syntax {

// Operators and assignment tokens, with Go's spelling available through tokenText().
// Enumerators grouped as a table, left as written:
// clang-format off
enum class Token : uint8_t {
  None,
  Add, Sub, Mul, Quo, Rem,               // + - * / %
  And, Or, Xor, Shl, Shr, AndNot,        // & | ^ << >> &^
  LAnd, LOr, Arrow, Inc, Dec,            // && || <- ++ --
  Eql, Neq, Lss, Leq, Gtr, Geq, Not,     // == != < <= > >= !
  Tilde,                                 // ~
  Assign, Define,                        // = :=
  AddAssign, SubAssign, MulAssign, QuoAssign, RemAssign,
  AndAssign, OrAssign, XorAssign, ShlAssign, ShrAssign, AndNotAssign,
  Break, Continue, Goto, Fallthrough,
  Const, Var, Type, Import,
};
// clang-format on
const char* tokenText(Token t);
// The binary operator of an assignment operator (`+=` gives `+`), or None.
Token assignOpBinary(Token t);

// Enumerators grouped as a table, left as written:
// clang-format off
enum class NodeKind : uint8_t {
  // Expressions
  BadExpr, Ident, BasicLit, CompositeLit, FuncLit, ParenExpr, SelectorExpr, IndexExpr,
  SliceExpr, TypeAssertExpr, CallExpr, StarExpr, UnaryExpr, BinaryExpr,
  // Type expressions
  ArrayType, StructType, FuncType, InterfaceType, MapType, ChanType, Ellipsis,
  // Statements
  BadStmt, DeclStmt, EmptyStmt, LabeledStmt, ExprStmt, SendStmt, IncDecStmt, AssignStmt,
  GoStmt, DeferStmt, ReturnStmt, BranchStmt, BlockStmt, IfStmt, CaseClause, SwitchStmt,
  TypeSwitchStmt, CommClause, SelectStmt, ForStmt, RangeStmt,
  // Declarations and the rest
  Field, ImportSpec, ValueSpec, TypeSpec, GenDecl, FuncDecl, File,
};
// clang-format on

struct Node {
  NodeKind kind;
  Pos pos;
  Node(NodeKind k, Pos p) : kind(k), pos(p) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
};

struct Expr : Node {
  using Node::Node;
};
struct Stmt : Node {
  using Node::Node;
};
struct Decl : Node {
  using Node::Node;
};

template <NodeKind K, typename Base>
struct NodeOf : Base {
  static constexpr NodeKind kKind = K;
  explicit NodeOf(Pos p) : Base(K, p) {}
};

// Checked downcast: `as<CallExpr>(n)` is null unless n is a CallExpr.
template <typename T>
T* as(Node* n) {
  return n && n->kind == T::kKind ? static_cast<T*>(n) : nullptr;
}
template <typename T>
const T* as(const Node* n) {
  return n && n->kind == T::kKind ? static_cast<const T*>(n) : nullptr;
}

// ---- Expressions ------------------------------------------------------------------------

struct BadExpr : NodeOf<NodeKind::BadExpr, Expr> {
  using NodeOf::NodeOf;
};

struct Ident : NodeOf<NodeKind::Ident, Expr> {
  using NodeOf::NodeOf;
  std::string name;
};

enum class LitKind : uint8_t { Int, Float, Imag, Rune, String };

struct BasicLit : NodeOf<NodeKind::BasicLit, Expr> {
  using NodeOf::NodeOf;
  LitKind litKind = LitKind::Int;
  std::string raw;      // the literal as written
  std::string decoded;  // strings: the bytes it denotes
  uint32_t rune = 0;    // runes: the code point
};

struct KeyedElement {
  Expr* key = nullptr;  // null when the element has no key
  Expr* value = nullptr;
};

// `T{...}`; `type` is null for an elided inner literal (`[]Point{{1, 2}}`).
struct CompositeLit : NodeOf<NodeKind::CompositeLit, Expr> {
  using NodeOf::NodeOf;
  Expr* type = nullptr;
  std::vector<KeyedElement> elements;
  Pos rbrace;
};

struct FuncType;
struct BlockStmt;

struct FuncLit : NodeOf<NodeKind::FuncLit, Expr> {
  using NodeOf::NodeOf;
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
};

struct ParenExpr : NodeOf<NodeKind::ParenExpr, Expr> {
  using NodeOf::NodeOf;
  Expr* x = nullptr;
};

// e without the parentheses around it.
inline const Expr* unparen(const Expr* e) {
  while (auto p = as<ParenExpr>(e)) e = p->x;
  return e;
}

struct SelectorExpr : NodeOf<NodeKind::SelectorExpr, Expr> {
  using NodeOf::NodeOf;
  Expr* x = nullptr;
  Ident* sel = nullptr;
  Pos dot;  // where types2 reports errors about the selection itself
};

// `x[i]`, or an instantiation `F[int, string]` (several indices).
struct IndexExpr : NodeOf<NodeKind::IndexExpr, Expr> {
  using NodeOf::NodeOf;
  Expr* x = nullptr;
  std::vector<Expr*> indices;
};

struct SliceExpr : NodeOf<NodeKind::SliceExpr, Expr> {
  using NodeOf::NodeOf;
  Expr* x = nullptr;
  Expr* low = nullptr;
  Expr* high = nullptr;
  Expr* max = nullptr;
  bool slice3 = false;
};

// `x.(T)`; `type` is null for `x.(type)` in a type switch.
struct TypeAssertExpr : NodeOf<NodeKind::TypeAssertExpr, Expr> {
  using NodeOf::NodeOf;
  Expr* x = nullptr;
  Expr* type = nullptr;
};

struct CallExpr : NodeOf<NodeKind::CallExpr, Expr> {
  using NodeOf::NodeOf;
  Expr* fun = nullptr;
  std::vector<Expr*> args;
  bool hasEllipsis = false;  // f(xs...)
  Pos lparen;
  Pos rparen;
};

// `*x`: a dereference, or a pointer type.
struct StarExpr : NodeOf<NodeKind::StarExpr, Expr> {
  using NodeOf::NodeOf;
  Expr* x = nullptr;
};

struct UnaryExpr : NodeOf<NodeKind::UnaryExpr, Expr> {
  using NodeOf::NodeOf;
  Token op = Token::None;
  Expr* x = nullptr;
};

struct BinaryExpr : NodeOf<NodeKind::BinaryExpr, Expr> {
  using NodeOf::NodeOf;
  Token op = Token::None;
  Pos opPos;
  Expr* x = nullptr;
  Expr* y = nullptr;
};

// ---- Types ------------------------------------------------------------------------------

// `[N]T`, `[...]T` (len is an Ellipsis) or `[]T` (len null).
struct ArrayType : NodeOf<NodeKind::ArrayType, Expr> {
  using NodeOf::NodeOf;
  Expr* len = nullptr;
  Expr* elem = nullptr;
};

// `...` as an array length, or `...T` as a variadic parameter type.
struct Ellipsis : NodeOf<NodeKind::Ellipsis, Expr> {
  using NodeOf::NodeOf;
  Expr* elem = nullptr;
};

// A struct field, a parameter or result, a method of an interface, an embedded type, or
// a type parameter. `names` is empty for embedded fields and unnamed parameters.
struct Field : NodeOf<NodeKind::Field, Node> {
  using NodeOf::NodeOf;
  std::vector<Ident*> names;
  Expr* type = nullptr;
  BasicLit* tag = nullptr;
};

struct StructType : NodeOf<NodeKind::StructType, Expr> {
  using NodeOf::NodeOf;
  std::vector<Field*> fields;
};

struct FuncType : NodeOf<NodeKind::FuncType, Expr> {
  using NodeOf::NodeOf;
  std::vector<Field*> typeParams;
  std::vector<Field*> params;
  std::vector<Field*> results;
};

// Methods are Fields with one name and a FuncType; embedded elements (interfaces and
// type unions such as `~int | ~string`) are Fields without names.
struct InterfaceType : NodeOf<NodeKind::InterfaceType, Expr> {
  using NodeOf::NodeOf;
  std::vector<Field*> elems;
};

struct MapType : NodeOf<NodeKind::MapType, Expr> {
  using NodeOf::NodeOf;
  Expr* key = nullptr;
  Expr* value = nullptr;
};

enum class ChanDir : uint8_t { Both, Send, Recv };

struct ChanType : NodeOf<NodeKind::ChanType, Expr> {
  using NodeOf::NodeOf;
  ChanDir dir = ChanDir::Both;
  Expr* elem = nullptr;
};

// ---- Statements -------------------------------------------------------------------------

struct BadStmt : NodeOf<NodeKind::BadStmt, Stmt> {
  using NodeOf::NodeOf;
};

struct GenDecl;

struct DeclStmt : NodeOf<NodeKind::DeclStmt, Stmt> {
  using NodeOf::NodeOf;
  GenDecl* decl = nullptr;
};

struct EmptyStmt : NodeOf<NodeKind::EmptyStmt, Stmt> {
  using NodeOf::NodeOf;
};

struct LabeledStmt : NodeOf<NodeKind::LabeledStmt, Stmt> {
  using NodeOf::NodeOf;
  Ident* label = nullptr;
  Stmt* stmt = nullptr;  // an EmptyStmt when the label ends a block
};

struct ExprStmt : NodeOf<NodeKind::ExprStmt, Stmt> {
  using NodeOf::NodeOf;
  Expr* x = nullptr;
};

struct SendStmt : NodeOf<NodeKind::SendStmt, Stmt> {
  using NodeOf::NodeOf;
  Expr* chan = nullptr;
  Expr* value = nullptr;
};

struct IncDecStmt : NodeOf<NodeKind::IncDecStmt, Stmt> {
  using NodeOf::NodeOf;
  Expr* x = nullptr;
  Token tok = Token::Inc;
};

// `=`, `:=` and the `op=` forms.
struct AssignStmt : NodeOf<NodeKind::AssignStmt, Stmt> {
  using NodeOf::NodeOf;
  std::vector<Expr*> lhs;
  Token tok = Token::Assign;
  Pos tokPos;
  std::vector<Expr*> rhs;
};

struct GoStmt : NodeOf<NodeKind::GoStmt, Stmt> {
  using NodeOf::NodeOf;
  Expr* call = nullptr;
};

struct DeferStmt : NodeOf<NodeKind::DeferStmt, Stmt> {
  using NodeOf::NodeOf;
  Expr* call = nullptr;
  // In the body of a range over a function, the rewrite (check/rangefunc.cpp) names here
  // the enclosing function's call, whose deferred calls this one joins; null otherwise.
  Expr* rangeFrame = nullptr;
};

struct ReturnStmt : NodeOf<NodeKind::ReturnStmt, Stmt> {
  using NodeOf::NodeOf;
  std::vector<Expr*> results;
};

// break, continue, goto and fallthrough.
struct BranchStmt : NodeOf<NodeKind::BranchStmt, Stmt> {
  using NodeOf::NodeOf;
  Token tok = Token::Break;
  Ident* label = nullptr;
};

struct BlockStmt : NodeOf<NodeKind::BlockStmt, Stmt> {
  using NodeOf::NodeOf;
  std::vector<Stmt*> list;
  Pos rbrace;
};

struct IfStmt : NodeOf<NodeKind::IfStmt, Stmt> {
  using NodeOf::NodeOf;
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* body = nullptr;
  Stmt* elseStmt = nullptr;  // an IfStmt or a BlockStmt
};

// A case of a switch or type switch; `list` is empty for default.
struct CaseClause : NodeOf<NodeKind::CaseClause, Stmt> {
  using NodeOf::NodeOf;
  bool isDefault = false;
  std::vector<Expr*> list;
  std::vector<Stmt*> body;
};

struct SwitchStmt : NodeOf<NodeKind::SwitchStmt, Stmt> {
  using NodeOf::NodeOf;
  Stmt* init = nullptr;
  Expr* tag = nullptr;
  std::vector<CaseClause*> clauses;
  Pos lbrace;
  Pos rbrace;
};

// `switch [init;] [x :=] y.(type) {...}`: `binding` is x (or null), `subject` is y.
struct TypeSwitchStmt : NodeOf<NodeKind::TypeSwitchStmt, Stmt> {
  using NodeOf::NodeOf;
  Stmt* init = nullptr;
  Ident* binding = nullptr;
  Expr* subject = nullptr;
  std::vector<CaseClause*> clauses;
  Pos lbrace;
  Pos rbrace;
};

// A case of a select: `comm` is a SendStmt, an ExprStmt of a receive, or an AssignStmt
// (`=` or `:=`) from a receive; null for default.
struct CommClause : NodeOf<NodeKind::CommClause, Stmt> {
  using NodeOf::NodeOf;
  Stmt* comm = nullptr;
  std::vector<Stmt*> body;
};

struct SelectStmt : NodeOf<NodeKind::SelectStmt, Stmt> {
  using NodeOf::NodeOf;
  std::vector<CommClause*> clauses;
  Pos rbrace;
};

struct ForStmt : NodeOf<NodeKind::ForStmt, Stmt> {
  using NodeOf::NodeOf;
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
};

// `for k, v := range x`; tok is Define, Assign, or None when there are no variables.
struct RangeStmt : NodeOf<NodeKind::RangeStmt, Stmt> {
  using NodeOf::NodeOf;
  Expr* key = nullptr;
  Expr* value = nullptr;
  Token tok = Token::None;
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
};

// ---- Declarations -----------------------------------------------------------------------

struct ImportSpec : NodeOf<NodeKind::ImportSpec, Node> {
  using NodeOf::NodeOf;
  Ident* name = nullptr;  // null, `.`, `_` or a rename
  BasicLit* path = nullptr;
};

// One line of a const or var declaration. For constants, `iota` is the spec's index in
// its group, and a spec without values repeats the previous spec's type and values
// (`implicitFrom` points at that spec).
struct ValueSpec : NodeOf<NodeKind::ValueSpec, Node> {
  using NodeOf::NodeOf;
  std::vector<Ident*> names;
  Expr* type = nullptr;
  std::vector<Expr*> values;
  int iota = 0;
  ValueSpec* implicitFrom = nullptr;
};

struct TypeSpec : NodeOf<NodeKind::TypeSpec, Node> {
  using NodeOf::NodeOf;
  Ident* name = nullptr;
  std::vector<Field*> typeParams;
  bool isAlias = false;
  Expr* type = nullptr;
};

// const, var, type and import declarations, grouped or not.
struct GenDecl : NodeOf<NodeKind::GenDecl, Decl> {
  using NodeOf::NodeOf;
  Token tok = Token::Var;
  std::vector<Node*> specs;  // ImportSpec, ValueSpec or TypeSpec
};

struct FuncDecl : NodeOf<NodeKind::FuncDecl, Decl> {
  using NodeOf::NodeOf;
  Field* recv = nullptr;  // methods only
  Ident* name = nullptr;
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;  // null for a declaration without body
};

// A whole file. A package file has a package name and top-level declarations; a script
// (no package clause) has `script`, its top-level statements and function declarations
// in source order.
struct File : NodeOf<NodeKind::File, Node> {
  using NodeOf::NodeOf;
  Ident* packageName = nullptr;
  std::vector<GenDecl*> imports;
  std::vector<Decl*> decls;
  bool isScript = false;
  std::vector<Node*> script;  // FuncDecl or Stmt
};

// Owns every node of one parse. Nodes are created with `make<T>(pos)`.
class Ast {
 public:
  template <typename T>
  T* make(Pos pos) {
    auto node = std::make_unique<T>(pos);
    T* raw = node.get();
    nodes_.push_back(std::move(node));
    return raw;
  }
  File* file = nullptr;
  size_t nodeCount() const { return nodes_.size(); }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
};

}  // namespace gol::syntax
