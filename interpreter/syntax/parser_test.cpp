// Parser tests: every construct of Go's grammar, Go's semicolon insertion, script mode,
// and the nesting guard. Trees are compared through dumpAst's S-expressions.
#include "interpreter/syntax/parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "GolLexer.h"
#include "GolParser.h"
#include "antlr4-runtime.h"
#include "interpreter/syntax/ast_dump.h"
#include "interpreter/syntax/builder.h"
#include "interpreter/syntax/large_stack.h"

namespace gol::syntax {
namespace {

struct Parsed {
  std::unique_ptr<Ast> ast;
  std::string errors;  // the diagnostics as `gol run` prints them, "" when none
};

Parsed parseText(const std::string& text, ParseMode mode = ParseMode::Auto) {
  SourceFile file("t.gol", text);
  Diagnostics diags(file);
  Parsed p;
  p.ast = parse(file, diags, mode);
  p.errors = diags.format();
  return p;
}

// The dump of a whole file; a parse error fails the test and returns the errors.
std::string fileDump(const std::string& text, ParseMode mode = ParseMode::Auto) {
  Parsed p = parseText(text, mode);
  EXPECT_EQ(p.errors, "") << text;
  if (!p.ast) return "ERROR: " + p.errors;
  return dumpAst(p.ast->file);
}

// The top-level declarations of `package p` followed by `decls`, one dump per line.
std::string declDump(const std::string& decls) {
  Parsed p = parseText("package p\n" + decls + "\n");
  EXPECT_EQ(p.errors, "") << decls;
  if (!p.ast) return "ERROR: " + p.errors;
  std::string out;
  for (const Node* d : p.ast->file->imports) out += (out.empty() ? "" : "\n") + dumpAst(d);
  for (const Node* d : p.ast->file->decls) out += (out.empty() ? "" : "\n") + dumpAst(d);
  return out;
}

// The statements of a function body, one dump per line.
std::string stmtDump(const std::string& body) {
  Parsed p = parseText("package p\nfunc f() {\n" + body + "\n}\n");
  EXPECT_EQ(p.errors, "") << body;
  if (!p.ast) return "ERROR: " + p.errors;
  auto f = as<FuncDecl>(p.ast->file->decls.at(0));
  std::string out;
  for (const Stmt* s : f->body->list) out += (out.empty() ? "" : "\n") + dumpAst(s);
  return out;
}

// One expression, parsed as the value of a statement in a function body.
std::string exprDump(const std::string& expr) {
  Parsed p = parseText("package p\nfunc f() {\n_ = " + expr + "\n}\n");
  EXPECT_EQ(p.errors, "") << expr;
  if (!p.ast) return "ERROR: " + p.errors;
  auto f = as<FuncDecl>(p.ast->file->decls.at(0));
  auto a = as<AssignStmt>(f->body->list.at(0));
  return dumpAst(a->rhs.at(0));
}

// The one literal of `_ = lit`.
const BasicLit* literal(const Parsed& p) {
  auto f = as<FuncDecl>(p.ast->file->decls.at(0));
  auto a = as<AssignStmt>(f->body->list.at(0));
  return as<BasicLit>(a->rhs.at(0));
}

// The error report of parsing `text` as file t.gol.
std::string errorsOf(const std::string& text) {
  Parsed p = parseText(text);
  EXPECT_EQ(p.ast, nullptr) << text;
  return p.errors;
}

// The error report of a function body.
std::string bodyErrors(const std::string& body) {
  return errorsOf("package p\nfunc f() {\n" + body + "\n}\n");
}

// ---- The grammar's tables -------------------------------------------------------------

// The recognizers build their ATNs unverified (syntax/defer_grammar_init.cmake): the
// serialized ATNs must pass ANTLR's verification.
TEST(Grammar, SerializedATNsPassVerification) {
  loadGrammar();
  for (const std::vector<uint16_t>* serialized :
       {&gen::GolLexer::serializedATN(), &gen::GolParser::serializedATN()}) {
    ASSERT_GT(serialized->size(), 100u);
    antlr4::atn::ATNDeserializationOptions options;
    options.setVerifyATN(true);
    antlr4::atn::ATNDeserializer deserializer(options);
    antlr4::atn::ATN atn;
    EXPECT_NO_THROW(atn = deserializer.deserialize(*serialized));
    EXPECT_GT(atn.states.size(), 100u);
  }
}

// ---- Package, imports ------------------------------------------------------------------

TEST(Parser, PackageClauseOnly) {
  EXPECT_EQ(fileDump("package main\n"), "(file main)");
}

TEST(Parser, Imports) {
  EXPECT_EQ(declDump("import \"fmt\""), "(import (spec \"fmt\"))");
  EXPECT_EQ(declDump("import (\n\t\"fmt\"\n\tstr \"strings\"\n\t. \"math\"\n\t_ \"os\"\n)"),
            "(import (spec \"fmt\") (spec str \"strings\") (spec . \"math\") (spec _ \"os\"))");
  EXPECT_EQ(declDump("import (\"fmt\"; \"os\")"), "(import (spec \"fmt\") (spec \"os\"))");
  EXPECT_EQ(declDump("import ()"), "(import)");
  EXPECT_EQ(declDump("import \"a\"\nimport `b`"), "(import (spec \"a\"))\n(import (spec `b`))");
}

TEST(Parser, ImportPathDecoded) {
  Parsed p = parseText("package p\nimport `math/rand`\n");
  ASSERT_NE(p.ast, nullptr);
  auto spec = as<ImportSpec>(p.ast->file->imports.at(0)->specs.at(0));
  EXPECT_EQ(spec->path->decoded, "math/rand");
}

// ---- Declarations ----------------------------------------------------------------------

TEST(Parser, ConstIotaGroups) {
  EXPECT_EQ(declDump("const (\n\tA = iota\n\tB\n\tC, D = iota * 2, -iota\n\tE, F\n)"),
            "(const (spec A _ iota) (spec B _ [] implicit) (spec [C D] _ [(* iota 2) (- iota)]) "
            "(spec [E F] _ [] implicit))");
  Parsed p = parseText("package p\nconst (\n\tA T = iota\n\tB\n\tC = 5\n\tD\n)\n");
  ASSERT_NE(p.ast, nullptr);
  auto d = as<GenDecl>(p.ast->file->decls.at(0));
  ASSERT_EQ(d->specs.size(), 4u);
  auto a = as<ValueSpec>(d->specs[0]);
  auto b = as<ValueSpec>(d->specs[1]);
  auto c = as<ValueSpec>(d->specs[2]);
  auto dd = as<ValueSpec>(d->specs[3]);
  EXPECT_EQ(a->iota, 0);
  EXPECT_EQ(b->iota, 1);
  EXPECT_EQ(c->iota, 2);
  EXPECT_EQ(dd->iota, 3);
  EXPECT_EQ(b->implicitFrom, a);
  EXPECT_EQ(dd->implicitFrom, c);
  EXPECT_EQ(c->implicitFrom, nullptr);
}

TEST(Parser, ConstSingle) {
  EXPECT_EQ(declDump("const Pi float64 = 3.14"), "(const (spec Pi float64 3.14))");
  EXPECT_EQ(declDump("const a, b = 1, \"x\""), "(const (spec [a b] _ [1 \"x\"]))");
}

TEST(Parser, ConstWithoutValue) {
  // Go's type checker's words, at the first name without a value.
  EXPECT_EQ(errorsOf("package p\nconst x\n"), "t.gol:2:7: missing init expr for x\n");
  EXPECT_EQ(errorsOf("package p\nconst x int\n"), "t.gol:2:7: missing init expr for x\n");
  EXPECT_EQ(errorsOf("package p\nconst (\n\tx\n)\n"), "t.gol:3:2: missing init expr for x\n");
  EXPECT_EQ(errorsOf("package p\nconst (\n\ta = 1\n\tx int\n)\n"),
            "t.gol:4:2: missing init expr for x\n");
}

TEST(Parser, Var) {
  EXPECT_EQ(declDump("var x int"), "(var (spec x int []))");
  EXPECT_EQ(declDump("var x = 1"), "(var (spec x _ 1))");
  EXPECT_EQ(declDump("var a, b int = 1, 2"), "(var (spec [a b] int [1 2]))");
  EXPECT_EQ(declDump("var (\n\tx int\n\ty, z = f()\n)"),
            "(var (spec x int []) (spec [y z] _ (call f)))");
}

TEST(Parser, TypeDefsAndAliases) {
  EXPECT_EQ(declDump("type T int"), "(type (spec T int))");
  EXPECT_EQ(declDump("type A = int"), "(type (alias A int))");
  EXPECT_EQ(declDump("type (\n\tP *T\n\tS []string\n\tM map[string][]int\n)"),
            "(type (spec P (star T)) (spec S (slicetype string)) "
            "(spec M (map string (slicetype int))))");
  EXPECT_EQ(declDump("type A [3]int"), "(type (spec A (array 3 int)))");
  EXPECT_EQ(declDump("type F func(int, string) (bool, error)"),
            "(type (spec F (functype (params (field int) (field string)) "
            "(results (field bool) (field error)))))");
  EXPECT_EQ(declDump("type E fmt.Stringer"), "(type (spec E (sel fmt Stringer)))");
  EXPECT_EQ(declDump("type P (int)"), "(type (spec P (paren int)))");
}

TEST(Parser, StructsWithTagsAndEmbedding) {
  EXPECT_EQ(declDump("type S struct {\n\tA, B int `json:\"a\"`\n\tC string \"c\"\n\tBase\n"
                     "\t*Ptr\n\tpkg.Other\n\tList[int]\n\t*Pair[K, V]\n\tD func()\n}"),
            "(type (spec S (struct (field [A B] int `json:\"a\"`) (field C string \"c\") "
            "(field Base) (field (star Ptr)) (field (sel pkg Other)) (field (index List int)) "
            "(field (star (index Pair K V))) (field D (functype (params))))))");
  EXPECT_EQ(declDump("type S struct{}"), "(type (spec S (struct)))");
  EXPECT_EQ(declDump("type S struct{ x, y int; z bool }"),
            "(type (spec S (struct (field [x y] int) (field z bool))))");
}

TEST(Parser, Interfaces) {
  EXPECT_EQ(declDump("type I interface {\n\tfmt.Stringer\n\tReader\n"
                     "\tRead(p []byte) (n int, err error)\n\tClose() error\n}"),
            "(type (spec I (interface (field (sel fmt Stringer)) (field Reader) "
            "(field Read (functype (params (field p (slicetype byte))) "
            "(results (field n int) (field err error)))) "
            "(field Close (functype (params) (results (field error)))))))");
  EXPECT_EQ(declDump("type Number interface {\n\t~int | ~int64 | float64\n\tString() string\n}"),
            "(type (spec Number (interface (field (| (| (~ int) (~ int64)) float64)) "
            "(field String (functype (params) (results (field string)))))))");
  EXPECT_EQ(declDump("type E interface{}"), "(type (spec E (interface)))");
  EXPECT_EQ(declDump("type C interface{ comparable; ~string }"),
            "(type (spec C (interface (field comparable) (field (~ string)))))");
}

TEST(Parser, GenericTypes) {
  EXPECT_EQ(declDump("type Pair[K comparable, V any] struct {\n\tKey K\n\tVal V\n}"),
            "(type (spec Pair (tparams (field K comparable) (field V any)) "
            "(struct (field Key K) (field Val V))))");
  EXPECT_EQ(declDump("type List[T any] []T"),
            "(type (spec List (tparams (field T any)) (slicetype T)))");
  EXPECT_EQ(declDump("type Num[T ~int | ~float64, U interface{ M() }] T"),
            "(type (spec Num (tparams (field T (| (~ int) (~ float64))) "
            "(field U (interface (field M (functype (params)))))) T))");
  EXPECT_EQ(declDump("type M[K, V any] map[K]V"),
            "(type (spec M (tparams (field [K V] any)) (map K V)))");
}

TEST(Parser, Functions) {
  EXPECT_EQ(declDump("func main() {}"), "(func main (functype (params)) (block))");
  EXPECT_EQ(declDump("func f(a, b int, s ...string) (int, error) { return 0, nil }"),
            "(func f (functype (params (field [a b] int) (field s (... string))) "
            "(results (field int) (field error))) (block (return 0 nil)))");
  EXPECT_EQ(declDump("func f(int, ...string) (x, y int) { return }"),
            "(func f (functype (params (field int) (field (... string))) "
            "(results (field [x y] int))) (block (return)))");
  EXPECT_EQ(declDump("func f() func(int) int { return nil }"),
            "(func f (functype (params) (results (field (functype (params (field int)) "
            "(results (field int)))))) (block (return nil)))");
  EXPECT_EQ(declDump("func external(x int) int"),
            "(func external (functype (params (field x int)) (results (field int))))");
  EXPECT_EQ(declDump("func f(a int,\n\tb int,\n) {}"),
            "(func f (functype (params (field a int) (field b int))) (block))");
}

TEST(Parser, GenericFunctions) {
  EXPECT_EQ(declDump("func Map[T, U any](xs []T, f func(T) U) []U { return nil }"),
            "(func Map (functype (tparams (field [T U] any)) (params (field xs (slicetype T)) "
            "(field f (functype (params (field T)) (results (field U))))) "
            "(results (field (slicetype U)))) (block (return nil)))");
  EXPECT_EQ(declDump("func Sum[T int | float64](xs ...T) (s T) { return }"),
            "(func Sum (functype (tparams (field T (| int float64))) (params (field xs (... T))) "
            "(results (field s T))) (block (return)))");
}

TEST(Parser, Methods) {
  EXPECT_EQ(declDump("func (p *Point) Move(dx int) { p.x += dx }"),
            "(func (recv (field p (star Point))) Move (functype (params (field dx int))) "
            "(block (+= (sel p x) dx)))");
  EXPECT_EQ(declDump("func (Point) String() string { return \"\" }"),
            "(func (recv (field Point)) String (functype (params) (results (field string))) "
            "(block (return \"\")))");
  EXPECT_EQ(declDump("func (l *List[T]) Push(v T) {}"),
            "(func (recv (field l (star (index List T)))) Push (functype (params (field v T))) "
            "(block))");
  EXPECT_EQ(declDump("func (p Pair[K, V]) Key() K { return p.k }"),
            "(func (recv (field p (index Pair K V))) Key (functype (params) (results (field K))) "
            "(block (return (sel p k))))");
}

TEST(Parser, ReceiverCount) {
  EXPECT_EQ(errorsOf("package p\nfunc () M() {}\n"), "t.gol:2:6: method has no receiver\n");
  EXPECT_EQ(errorsOf("package p\nfunc (a, b T) M() {}\n"),
            "t.gol:2:6: method has multiple receivers\n");
}

TEST(Parser, MixedNamedAndUnnamedParameters) {
  EXPECT_EQ(errorsOf("package p\nfunc f(a int, string) {}\n"),
            "t.gol:2:15: syntax error: mixed named and unnamed parameters\n");
}

// ---- Statements ------------------------------------------------------------------------

TEST(Parser, ShortVarDecl) {
  EXPECT_EQ(stmtDump("x := 1"), "(:= x 1)");
  EXPECT_EQ(stmtDump("a, b := f()"), "(:= [a b] (call f))");
  EXPECT_EQ(stmtDump("a, b := 1, 2"), "(:= [a b] [1 2])");
  EXPECT_EQ(bodyErrors("a.b := 1"), "t.gol:3:1: non-name a.b on left side of :=\n");
}

TEST(Parser, AssignmentOperators) {
  EXPECT_EQ(stmtDump("x = 1\nx += 1\nx -= 1\nx *= 1\nx /= 1\nx %= 1\nx &= 1\nx |= 1\nx ^= 1\n"
                     "x <<= 1\nx >>= 1\nx &^= 1"),
            "(= x 1)\n(+= x 1)\n(-= x 1)\n(*= x 1)\n(/= x 1)\n(%= x 1)\n(&= x 1)\n(|= x 1)\n"
            "(^= x 1)\n(<<= x 1)\n(>>= x 1)\n(&^= x 1)");
  EXPECT_EQ(stmtDump("a, b = b, a"), "(= [a b] [b a])");
  EXPECT_EQ(stmtDump("a[i], p.x, *q = 1, 2, 3"), "(= [(index a i) (sel p x) (star q)] [1 2 3])");
  EXPECT_EQ(stmtDump("_, ok = m[k]"), "(= [_ ok] (index m k))");
}

TEST(Parser, OpAssignNeedsOneOperand) {
  EXPECT_EQ(bodyErrors("a, b += 1, 2"),
            "t.gol:3:6: syntax error: unexpected +=, expected := or = or comma\n");
  // A send, an increment and an expression statement take one operand too.
  EXPECT_EQ(bodyErrors("a, b <- 1"),
            "t.gol:3:6: syntax error: unexpected <-, expected := or = or comma\n");
  EXPECT_EQ(bodyErrors("a, b++"),
            "t.gol:3:5: syntax error: unexpected ++, expected := or = or comma\n");
  EXPECT_EQ(bodyErrors("a, b"),
            "t.gol:3:5: syntax error: unexpected newline, expected := or = or comma\n");
}

TEST(Parser, IncDec) {
  EXPECT_EQ(stmtDump("i++\nj--\np.n++\na[0]--"),
            "(++ i)\n(-- j)\n(++ (sel p n))\n(-- (index a 0))");
}

TEST(Parser, If) {
  EXPECT_EQ(stmtDump("if x > 0 {\n\ty()\n}"), "(if _ (> x 0) (block (call y)))");
  EXPECT_EQ(stmtDump("if v, ok := m[k]; ok {\n} else if v > 1 {\n} else {\n\tz()\n}"),
            "(if (:= [v ok] (index m k)) ok (block) (if _ (> v 1) (block) (block (call z))))");
  EXPECT_EQ(stmtDump("if err := f(); err != nil { return }"),
            "(if (:= err (call f)) (!= err nil) (block (return)))");
  EXPECT_EQ(stmtDump("if x++; x > 3 {}"), "(if (++ x) (> x 3) (block))");
  EXPECT_EQ(stmtDump("if ; ok {}"), "(if _ ok (block))");
}

TEST(Parser, IfConditionErrors) {
  EXPECT_EQ(bodyErrors("if {\n}"), "t.gol:3:4: syntax error: missing condition in if statement\n");
  EXPECT_EQ(bodyErrors("if x := 0 {\n}"), "t.gol:3:6: syntax error: cannot use x := 0 as value\n");
  EXPECT_EQ(bodyErrors("if x = 0 {\n}"),
            "t.gol:3:6: syntax error: cannot use assignment x = 0 as value\n");
  // Go puts binary operands of a mistaken `=` in parentheses, and reports at the operator.
  EXPECT_EQ(bodyErrors("if a.b = c + 1 {\n}"),
            "t.gol:3:8: syntax error: cannot use assignment a.b = (c + 1) as value\n");
  EXPECT_EQ(bodyErrors("if x++; x += 2 {\n}"),
            "t.gol:3:11: syntax error: cannot use x += 2 as value\n");
  EXPECT_EQ(bodyErrors("switch x = 1 {\n}"),
            "t.gol:3:10: syntax error: cannot use assignment x = 1 as value\n");
  EXPECT_EQ(bodyErrors("switch y := 1; x := 2 {\n}"),
            "t.gol:3:18: syntax error: cannot use x := 2 as value\n");
}

TEST(Parser, For) {
  EXPECT_EQ(stmtDump("for i := 0; i < 10; i++ {\n\tf(i)\n}"),
            "(for (:= i 0) (< i 10) (++ i) (block (call f i)))");
  EXPECT_EQ(stmtDump("for x < 3 {\n}"), "(for _ (< x 3) _ (block))");
  EXPECT_EQ(stmtDump("for {\n\tbreak\n}"), "(for _ _ _ (block (break)))");
  EXPECT_EQ(stmtDump("for ;; {}"), "(for _ _ _ (block))");
  EXPECT_EQ(stmtDump("for ; x < 3; {}"), "(for _ (< x 3) _ (block))");
  EXPECT_EQ(stmtDump("for i, j := 0, 9; i < j; i, j = i+1, j-1 {}"),
            "(for (:= [i j] [0 9]) (< i j) (= [i j] [(+ i 1) (- j 1)]) (block))");
}

TEST(Parser, ForPostCannotDeclare) {
  EXPECT_EQ(bodyErrors("for i := 0; i < 3; j := 1 {}"),
            "t.gol:3:22: syntax error: cannot declare in post statement of for loop\n");
}

TEST(Parser, Range) {
  EXPECT_EQ(stmtDump("for k, v := range m {}"), "(range k v := m (block))");
  EXPECT_EQ(stmtDump("for i := range xs {}"), "(range i _ := xs (block))");
  EXPECT_EQ(stmtDump("for k, v = range m {}"), "(range k v = m (block))");
  EXPECT_EQ(stmtDump("for _, v := range []int{1, 2} {}"),
            "(range _ v := (complit (slicetype int) 1 2) (block))");
  EXPECT_EQ(stmtDump("for range ch {}"), "(range _ _ _ ch (block))");
  EXPECT_EQ(stmtDump("for i := range 10 {}"), "(range i _ := 10 (block))");
  EXPECT_EQ(stmtDump("for a[0], p.x = range s {}"), "(range (index a 0) (sel p x) = s (block))");
}

TEST(Parser, RangeErrors) {
  EXPECT_EQ(bodyErrors("for a, b, c := range s {}"),
            "t.gol:3:11: range clause permits at most two iteration variables\n");
}

TEST(Parser, Switch) {
  EXPECT_EQ(stmtDump("switch x {\ncase 1, 2:\n\tf()\n\tfallthrough\ncase 3:\ndefault:\n\tg()\n}"),
            "(switch _ x (case [1 2] (call f) (fallthrough)) (case 3) (default (call g)))");
  EXPECT_EQ(stmtDump("switch {\ncase x > 1:\n}"), "(switch _ _ (case (> x 1)))");
  EXPECT_EQ(stmtDump("switch x := f(); x {\n}"), "(switch (:= x (call f)) x)");
  EXPECT_EQ(stmtDump("switch x := f(); {\ndefault:\n}"), "(switch (:= x (call f)) _ (default))");
  EXPECT_EQ(stmtDump("switch f(); {\n}"), "(switch (call f) _)");
}

TEST(Parser, TypeSwitch) {
  EXPECT_EQ(stmtDump("switch v := x.(type) {\ncase int, string:\n\tuse(v)\ncase nil:\n"
                     "default:\n}"),
            "(typeswitch _ v x (case [int string] (call use v)) (case nil) (default))");
  EXPECT_EQ(stmtDump("switch x.(type) {\ncase *T, []int, map[string]int, func():\n}"),
            "(typeswitch _ _ x (case [(star T) (slicetype int) (map string int) "
            "(functype (params))]))");
  EXPECT_EQ(stmtDump("switch y := g(); v := y.(type) {\n}"), "(typeswitch (:= y (call g)) v y)");
  EXPECT_EQ(stmtDump("switch a.b.(type) {\n}"), "(typeswitch _ _ (sel a b))");
}

TEST(Parser, TypeGuardOutsideSwitch) {
  EXPECT_EQ(bodyErrors("x := y.(type)"),
            "t.gol:3:6: invalid syntax tree: use of .(type) outside type switch\n");
  EXPECT_EQ(bodyErrors("f(a.b.(type))"),
            "t.gol:3:3: invalid syntax tree: use of .(type) outside type switch\n");
}

TEST(Parser, Select) {
  EXPECT_EQ(stmtDump("select {\ncase ch <- 1:\ncase v := <-in:\n\tuse(v)\ncase v, ok := <-in:\n"
                     "case x = <-in:\ncase <-done:\n\treturn\ndefault:\n}"),
            "(select (comm (send ch 1)) (comm (:= v (<- in)) (call use v)) "
            "(comm (:= [v ok] (<- in))) (comm (= x (<- in))) (comm (<- done) (return)) "
            "(default))");
  EXPECT_EQ(stmtDump("select {}"), "(select)");
}

TEST(Parser, SelectCaseMustCommunicate) {
  EXPECT_EQ(bodyErrors("select {\ncase f():\n}"),
            "t.gol:4:6: select case must be receive, send or assign recv\n");
}

TEST(Parser, GoDeferReturn) {
  EXPECT_EQ(stmtDump("go f(1)\ngo func() {}()\ndefer wg.Done()\ndefer func() {\n\trecover()\n}()"),
            "(go (call f 1))\n(go (call (funclit (functype (params)) (block))))\n"
            "(defer (call (sel wg Done)))\n"
            "(defer (call (funclit (functype (params)) (block (call recover)))))");
  EXPECT_EQ(stmtDump("return"), "(return)");
  EXPECT_EQ(stmtDump("return 1, x"), "(return 1 x)");
}

TEST(Parser, BranchesAndLabels) {
  EXPECT_EQ(stmtDump("outer:\n\tfor {\n\t\tfor {\n\t\t\tcontinue outer\n\t\t\tbreak outer\n"
                     "\t\t}\n\t\tbreak\n\t\tcontinue\n\t}"),
            "(label outer (for _ _ _ (block (for _ _ _ (block (continue outer) (break outer))) "
            "(break) (continue))))");
  EXPECT_EQ(stmtDump("goto end\nend:\n"), "(goto end)\n(label end (empty))");
  EXPECT_EQ(stmtDump("{\n\tgoto L\nL:\n}"), "(block (goto L) (label L (empty)))");
  EXPECT_EQ(stmtDump("L: x++"), "(label L (++ x))");
  EXPECT_EQ(stmtDump("L:\n\tL2: f()"), "(label L (label L2 (call f)))");
}

TEST(Parser, BlocksAndEmptyStatements) {
  EXPECT_EQ(stmtDump("{\n\tx := 1\n\t{\n\t}\n}"), "(block (:= x 1) (block))");
  EXPECT_EQ(stmtDump(";;x++;;"), "(++ x)");
}

TEST(Parser, DeclarationsInFunctions) {
  EXPECT_EQ(stmtDump("var x int\nconst c = 1\ntype T struct{}\ntype A = T"),
            "(var (spec x int []))\n(const (spec c _ 1))\n(type (spec T (struct)))\n"
            "(type (alias A T))");
}

TEST(Parser, SendStatement) {
  EXPECT_EQ(stmtDump("ch <- x + 1"), "(send ch (+ x 1))");
  EXPECT_EQ(stmtDump("chans[0] <- <-in"), "(send (index chans 0) (<- in))");
}

// ---- Expressions -----------------------------------------------------------------------

TEST(Parser, BinaryPrecedenceLevels) {
  // Level 5: * / % << >> & &^; 4: + - | ^; 3: comparisons; 2: &&; 1: ||.
  EXPECT_EQ(exprDump("a || b && c == d + e * f"), "(|| a (&& b (== c (+ d (* e f)))))");
  EXPECT_EQ(exprDump("a * b + c == d && e || f"), "(|| (&& (== (+ (* a b) c) d) e) f)");
  EXPECT_EQ(exprDump("a << 1 | b & c &^ d"), "(| (<< a 1) (&^ (& b c) d))");
  EXPECT_EQ(exprDump("a ^ b % c >> 2"), "(^ a (>> (% b c) 2))");
  EXPECT_EQ(exprDump("x != y || x < y && x <= y || x > y && x >= y"),
            "(|| (|| (!= x y) (&& (< x y) (<= x y))) (&& (> x y) (>= x y)))");
  EXPECT_EQ(exprDump("a / b - c"), "(- (/ a b) c)");
}

TEST(Parser, LeftAssociativity) {
  EXPECT_EQ(exprDump("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(exprDump("a / b / c"), "(/ (/ a b) c)");
  EXPECT_EQ(exprDump("a << b >> c"), "(>> (<< a b) c)");
  EXPECT_EQ(exprDump("a == b != c"), "(!= (== a b) c)");
  EXPECT_EQ(exprDump("a && b && c"), "(&& (&& a b) c)");
  EXPECT_EQ(exprDump("a || b || c"), "(|| (|| a b) c)");
  EXPECT_EQ(exprDump("a + b | c ^ d - e"), "(- (^ (| (+ a b) c) d) e)");
}

TEST(Parser, Parentheses) {
  EXPECT_EQ(exprDump("(a + b) * c"), "(* (paren (+ a b)) c)");
  EXPECT_EQ(exprDump("a - (b - c)"), "(- a (paren (- b c)))");
}

TEST(Parser, UnaryOperators) {
  EXPECT_EQ(exprDump("-x + +y"), "(+ (- x) (+ y))");
  EXPECT_EQ(exprDump("!ok && ^mask != 0"), "(&& (! ok) (!= (^ mask) 0))");
  EXPECT_EQ(exprDump("*p * &v"), "(* (star p) (& v))");
  EXPECT_EQ(exprDump("<-ch + 1"), "(+ (<- ch) 1)");
  EXPECT_EQ(exprDump("<-<-chs"), "(<- (<- chs))");
  EXPECT_EQ(exprDump("&T{1}"), "(& (complit T 1))");
  EXPECT_EQ(exprDump("- - - x"), "(- (- (- x)))");
  EXPECT_EQ(exprDump("-x.f[0]()"), "(- (call (index (sel x f) 0)))");
  EXPECT_EQ(exprDump("**pp"), "(star (star pp))");
}

TEST(Parser, CompositeLiterals) {
  EXPECT_EQ(exprDump("Point{1, 2}"), "(complit Point 1 2)");
  EXPECT_EQ(exprDump("Point{X: 1, Y: 2,}"), "(complit Point (: X 1) (: Y 2))");
  EXPECT_EQ(exprDump("[]Point{{1, 2}, {X: 3}}"),
            "(complit (slicetype Point) (complit _ 1 2) (complit _ (: X 3)))");
  EXPECT_EQ(exprDump("map[string][]int{\"a\": {1}, \"b\": nil}"),
            "(complit (map string (slicetype int)) (: \"a\" (complit _ 1)) (: \"b\" nil))");
  EXPECT_EQ(exprDump("[...]string{2: \"c\", 0: \"a\"}"),
            "(complit (array ... string) (: 2 \"c\") (: 0 \"a\"))");
  EXPECT_EQ(exprDump("[2][2]int{{1, 2}, {3, 4}}"),
            "(complit (array 2 (array 2 int)) (complit _ 1 2) (complit _ 3 4))");
  EXPECT_EQ(exprDump("map[Point]string{{1, 2}: \"a\"}"),
            "(complit (map Point string) (: (complit _ 1 2) \"a\"))");
  EXPECT_EQ(exprDump("struct{ x int }{1}"), "(complit (struct (field x int)) 1)");
  EXPECT_EQ(exprDump("pkg.T{}"), "(complit (sel pkg T))");
  EXPECT_EQ(exprDump("[]*T{{}, nil}"), "(complit (slicetype (star T)) (complit _) nil)");
}

TEST(Parser, CompositeLiteralsInHeaders) {
  EXPECT_EQ(stmtDump("if x == (T{}) {\n}"), "(if _ (== x (paren (complit T))) (block))");
  EXPECT_EQ(stmtDump("for _, v := range []int{1, 2} {\n}"),
            "(range _ v := (complit (slicetype int) 1 2) (block))");
  EXPECT_EQ(stmtDump("if v := (T{}); v.ok {\n}"),
            "(if (:= v (paren (complit T))) (sel v ok) (block))");
  EXPECT_EQ(stmtDump("if f(T{}) {\n}"), "(if _ (call f (complit T)) (block))");
  EXPECT_EQ(stmtDump("if xs[T{}.i] {\n}"), "(if _ (index xs (sel (complit T) i)) (block))");
  EXPECT_EQ(stmtDump("switch (T{}) {\n}"), "(switch _ (paren (complit T)))");
  EXPECT_EQ(stmtDump("for x := range map[string]int{\"a\": 1} {\n}"),
            "(range x _ := (complit (map string int) (: \"a\" 1)) (block))");
  EXPECT_EQ(stmtDump("if m := map[K]V{}; len(m) == 0 {\n}"),
            "(if (:= m (complit (map K V))) (== (call len m) 0) (block))");
  EXPECT_EQ(stmtDump("if func() bool { return T{} == T{} }() {\n}"),
            "(if _ (call (funclit (functype (params) (results (field bool))) "
            "(block (return (== (complit T) (complit T)))))) (block))");
}

TEST(Parser, BareCompositeLiteralInHeaderIsAnError) {
  // As in Go, `T` ends the condition and `{}` is the body; the real `{` is left over.
  EXPECT_EQ(bodyErrors("if x == T{} {\n}"),
            "t.gol:3:13: syntax error: unexpected { at end of statement\n");
}

TEST(Parser, FuncLiterals) {
  EXPECT_EQ(exprDump("func(x int) int { return x * 2 }"),
            "(funclit (functype (params (field x int)) (results (field int))) "
            "(block (return (* x 2))))");
  EXPECT_EQ(exprDump("func() { f() }()"), "(call (funclit (functype (params)) (block (call f))))");
  EXPECT_EQ(stmtDump("if func() bool { return true }() {\n}"),
            "(if _ (call (funclit (functype (params) (results (field bool))) "
            "(block (return true)))) (block))");
}

TEST(Parser, Conversions) {
  EXPECT_EQ(exprDump("[]byte(s)"), "(call (slicetype byte) s)");
  EXPECT_EQ(exprDump("(*T)(p)"), "(call (paren (star T)) p)");
  EXPECT_EQ(exprDump("(<-chan int)(c)"), "(call (paren (<-chan int)) c)");
  EXPECT_EQ(exprDump("float64(i) / 2"), "(/ (call float64 i) 2)");
  EXPECT_EQ(exprDump("map[string]int(m)"), "(call (map string int) m)");
  // As in Go, `func()(f)(g)` converts g to a function type with result f: a func type
  // without results must be parenthesized to be converted to.
  EXPECT_EQ(exprDump("func()(f)(g)"), "(call (functype (params) (results (field f))) g)");
  EXPECT_EQ(exprDump("func(int) bool(g)"),
            "(call (functype (params (field int)) (results (field bool))) g)");
  EXPECT_EQ(exprDump("(func())(f)"), "(call (paren (functype (params))) f)");
  EXPECT_EQ(exprDump("func() { f() }"), "(funclit (functype (params)) (block (call f)))");
  EXPECT_EQ(exprDump("interface{}(x)"), "(call (interface) x)");
  // `chan int` is a complete type operand, which is then converted.
  EXPECT_EQ(exprDump("chan int(nil)"), "(call (chan int) nil)");
  EXPECT_EQ(exprDump("(chan int)(nil)"), "(call (paren (chan int)) nil)");
}

// Type literals are values only where Go uses them so (arguments, case lists, type
// arguments); a name selected from is the element type's, `[]a.b` being `[](a.b)`.
TEST(Parser, TypeLiteralsAsValues) {
  EXPECT_EQ(exprDump("make([]a.b, n)"), "(call make (slicetype (sel a b)) n)");
  EXPECT_EQ(exprDump("make(chan func() int, 1)"),
            "(call make (chan (functype (params) (results (field int)))) 1)");
  EXPECT_EQ(exprDump("new(struct{ x int })"), "(call new (struct (field x int)))");
  EXPECT_EQ(exprDump("f[[]int, map[string]bool](x)"),
            "(call (index f (slicetype int) (map string bool)) x)");
  EXPECT_EQ(exprDump("[]a.b{}"), "(complit (slicetype (sel a b)))");
  EXPECT_EQ(exprDump("g(func() {}, func(int))"),
            "(call g (funclit (functype (params)) (block)) (functype (params (field int))))");
  // Go reports "[]int (type) is not an expression" when checking; Gol when parsing.
  EXPECT_EQ(bodyErrors("x := []int\n_ = x"),
            "t.gol:3:11: syntax error: unexpected newline, expected expression\n");
}

TEST(Parser, IndexAndSlices) {
  EXPECT_EQ(exprDump("a[i]"), "(index a i)");
  EXPECT_EQ(exprDump("m[k][j]"), "(index (index m k) j)");
  EXPECT_EQ(exprDump("s[1:3]"), "(slice s 1 3)");
  EXPECT_EQ(exprDump("s[:3]"), "(slice s _ 3)");
  EXPECT_EQ(exprDump("s[1:]"), "(slice s 1 _)");
  EXPECT_EQ(exprDump("s[:]"), "(slice s _ _)");
  EXPECT_EQ(exprDump("s[1:2:3]"), "(slice3 s 1 2 3)");
  EXPECT_EQ(exprDump("s[:2:cap(s)]"), "(slice3 s _ 2 (call cap s))");
  EXPECT_EQ(exprDump("\"abc\"[1:]"), "(slice \"abc\" 1 _)");
}

TEST(Parser, TypeAssertions) {
  EXPECT_EQ(exprDump("x.(int)"), "(assert x int)");
  EXPECT_EQ(exprDump("x.(fmt.Stringer).String()"),
            "(call (sel (assert x (sel fmt Stringer)) String))");
  EXPECT_EQ(exprDump("x.(*T)"), "(assert x (star T))");
  EXPECT_EQ(exprDump("x.([]int)[0]"), "(index (assert x (slicetype int)) 0)");
  EXPECT_EQ(stmtDump("v, ok := x.(interface{ M() })"),
            "(:= [v ok] (assert x (interface (field M (functype (params))))))");
}

TEST(Parser, GenericInstantiation) {
  EXPECT_EQ(exprDump("f[int](x)"), "(call (index f int) x)");
  EXPECT_EQ(exprDump("Pair[int, string]{}"), "(complit (index Pair int string))");
  EXPECT_EQ(exprDump("Map[int, string](xs, f)"), "(call (index Map int string) xs f)");
  EXPECT_EQ(exprDump("pkg.F[T]"), "(index (sel pkg F) T)");
  EXPECT_EQ(exprDump("List[[]int]{}"), "(complit (index List (slicetype int)))");
  EXPECT_EQ(declDump("var p Pair[int, map[string]bool]"),
            "(var (spec p (index Pair int (map string bool)) []))");
}

TEST(Parser, ChannelTypes) {
  EXPECT_EQ(declDump("var c chan T"), "(var (spec c (chan T) []))");
  EXPECT_EQ(declDump("var c chan<- T"), "(var (spec c (chan<- T) []))");
  EXPECT_EQ(declDump("var c <-chan T"), "(var (spec c (<-chan T) []))");
  EXPECT_EQ(declDump("var c chan<- chan int"), "(var (spec c (chan<- (chan int)) []))");
  EXPECT_EQ(declDump("var c <-chan <-chan int"), "(var (spec c (<-chan (<-chan int)) []))");
  EXPECT_EQ(declDump("var c chan (<-chan int)"), "(var (spec c (chan (paren (<-chan int))) []))");
  EXPECT_EQ(declDump("var c chan<- <-chan int"), "(var (spec c (chan<- (<-chan int)) []))");
  EXPECT_EQ(exprDump("make(chan int, 3)"), "(call make (chan int) 3)");
  EXPECT_EQ(exprDump("make(<-chan []string)"), "(call make (<-chan (slicetype string)))");
  EXPECT_EQ(exprDump("make(chan<- chan int)"), "(call make (chan<- (chan int)))");
  EXPECT_EQ(exprDump("make(<-chan <-chan int)"), "(call make (<-chan (<-chan int)))");
  EXPECT_EQ(declDump("func f(in <-chan int, out chan<- int) {}"),
            "(func f (functype (params (field in (<-chan int)) (field out (chan<- int)))) "
            "(block))");
}

TEST(Parser, CallsAndSelectors) {
  EXPECT_EQ(exprDump("fmt.Println(\"x\", 1)"), "(call (sel fmt Println) \"x\" 1)");
  EXPECT_EQ(exprDump("append(xs, ys...)"), "(call append xs ys ...)");
  EXPECT_EQ(exprDump("f(a, b,)"), "(call f a b)");
  EXPECT_EQ(exprDump("f()()"), "(call (call f))");
  EXPECT_EQ(exprDump("a.b.c(d).e"), "(sel (call (sel (sel a b) c) d) e)");
  EXPECT_EQ(exprDump("new(int)"), "(call new int)");
  EXPECT_EQ(exprDump("make([]int, 0, 10)"), "(call make (slicetype int) 0 10)");
}

// ---- Literals --------------------------------------------------------------------------

TEST(Parser, IntegerLiterals) {
  for (const char* lit : {"42", "0", "1_000_000", "0x1F", "0X_ff", "0o17", "0O1_7", "017", "0b1010",
                          "0B_1_0", "0_17", "0x_1_2"}) {
    Parsed p = parseText(std::string("package p\nfunc f() {\n_ = ") + lit + "\n}\n");
    ASSERT_NE(p.ast, nullptr) << lit << ": " << p.errors;
    const BasicLit* l = literal(p);
    ASSERT_NE(l, nullptr) << lit;
    EXPECT_EQ(l->litKind, LitKind::Int) << lit;
    EXPECT_EQ(l->raw, lit);
  }
}

TEST(Parser, FloatAndImaginaryLiterals) {
  for (const char* lit : {"1.5", "1.", ".5", "1e10", "1E-3", "6.02e+23", "1_0.2_5", "0x1p-2",
                          "0x1.8p1", "0X.8P+3", "0x_1p4", "0.", "00.5", "09.5", "1e0_0"}) {
    Parsed p = parseText(std::string("package p\nfunc f() {\n_ = ") + lit + "\n}\n");
    ASSERT_NE(p.ast, nullptr) << lit << ": " << p.errors;
    EXPECT_EQ(literal(p)->litKind, LitKind::Float) << lit;
    EXPECT_EQ(literal(p)->raw, lit);
  }
  for (const char* lit : {"1i", "0i", "1.5i", "1e3i", "0x1p2i", "0b101i", "0o7i", "0x1Fi", "012i",
                          "089i", ".5i", "1_0i"}) {
    Parsed p = parseText(std::string("package p\nfunc f() {\n_ = ") + lit + "\n}\n");
    ASSERT_NE(p.ast, nullptr) << lit << ": " << p.errors;
    EXPECT_EQ(literal(p)->litKind, LitKind::Imag) << lit;
    EXPECT_EQ(literal(p)->raw, lit);
  }
}

TEST(Parser, NumberLiteralErrors) {
  EXPECT_EQ(bodyErrors("_ = 08"), "t.gol:3:6: invalid digit '8' in octal literal\n");
  // Malformed numbers are one token, as in Go's scanner, reported where Go reports them.
  EXPECT_EQ(bodyErrors("_ = 1__0"), "t.gol:3:7: '_' must separate successive digits\n");
  EXPECT_EQ(bodyErrors("_ = 0x"), "t.gol:3:7: hexadecimal literal has no digits\n");
  EXPECT_EQ(bodyErrors("_ = 0b102"), "t.gol:3:9: invalid digit '2' in binary literal\n");
  EXPECT_EQ(bodyErrors("_ = 0b12."), "t.gol:3:9: invalid radix point in binary literal\n");
  EXPECT_EQ(bodyErrors("_ = 1e"), "t.gol:3:7: exponent has no digits\n");
  EXPECT_EQ(bodyErrors("_ = 0x1.8"), "t.gol:3:10: hexadecimal mantissa requires a 'p' exponent\n");
  EXPECT_EQ(bodyErrors("_ = 1p3"), "t.gol:3:6: 'p' exponent requires hexadecimal mantissa\n");
  EXPECT_EQ(bodyErrors("_ = 0b1e1"), "t.gol:3:8: 'e' exponent requires decimal mantissa\n");
  EXPECT_EQ(bodyErrors("_ = 0_8"), "t.gol:3:7: invalid digit '8' in octal literal\n");
}

TEST(Parser, RuneLiterals) {
  struct Case {
    const char* lit;
    uint32_t rune;
  };
  for (Case c : std::initializer_list<Case>{{"'a'", 'a'},
                                            {"'\\a'", 7},
                                            {"'\\b'", 8},
                                            {"'\\f'", 12},
                                            {"'\\n'", 10},
                                            {"'\\r'", 13},
                                            {"'\\t'", 9},
                                            {"'\\v'", 11},
                                            {"'\\\\'", '\\'},
                                            {"'\\''", '\''},
                                            {"'\\000'", 0},
                                            {"'\\377'", 255},
                                            {"'\\x41'", 0x41},
                                            {"'\\xff'", 0xff},
                                            {"'\\u00e9'", 0xe9},
                                            {"'\\U0001F600'", 0x1F600},
                                            {"'é'", 0xe9},
                                            {"'世'", 0x4e16},
                                            {"'\"'", '"'}}) {
    Parsed p = parseText(std::string("package p\nfunc f() {\n_ = ") + c.lit + "\n}\n");
    ASSERT_NE(p.ast, nullptr) << c.lit << ": " << p.errors;
    EXPECT_EQ(literal(p)->litKind, LitKind::Rune) << c.lit;
    EXPECT_EQ(literal(p)->rune, c.rune) << c.lit;
  }
}

TEST(Parser, InterpretedStrings) {
  struct Case {
    const char* lit;
    std::string decoded;
  };
  for (const Case& c :
       std::initializer_list<Case>{{"\"\"", ""},
                                   {"\"abc\"", "abc"},
                                   {"\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"", "\a\b\f\n\r\t\v\\\""},
                                   {"\"\\101\\x42\\u0043\\U00000044\"", "ABCD"},
                                   {"\"\\xff\\377\"", "\xff\xff"},
                                   {"\"\\u00e9\"", "\xc3\xa9"},
                                   {"\"\\U0001F600\"", "\xf0\x9f\x98\x80"},
                                   {"\"\\000\"", std::string(1, '\0')},
                                   {"\"日本\"", "日本"},
                                   {"\"'\"", "'"}}) {
    Parsed p = parseText(std::string("package p\nfunc f() {\n_ = ") + c.lit + "\n}\n");
    ASSERT_NE(p.ast, nullptr) << c.lit << ": " << p.errors;
    EXPECT_EQ(literal(p)->litKind, LitKind::String) << c.lit;
    EXPECT_EQ(literal(p)->decoded, c.decoded) << c.lit;
  }
}

TEST(Parser, RawStrings) {
  Parsed p = parseText("package p\nfunc f() {\n_ = `a\\n\"b\r\nc\r`\n}\n");
  ASSERT_NE(p.ast, nullptr) << p.errors;
  EXPECT_EQ(literal(p)->decoded, "a\\n\"b\nc");
  EXPECT_EQ(literal(p)->raw, "`a\\n\"b\r\nc\r`");
  Parsed empty = parseText("package p\nfunc f() {\n_ = ``\n}\n");
  ASSERT_NE(empty.ast, nullptr);
  EXPECT_EQ(literal(empty)->decoded, "");
}

TEST(Parser, StringAndRuneErrors) {
  EXPECT_EQ(bodyErrors("_ = \"\\q\""), "t.gol:3:7: unknown escape\n");
  EXPECT_EQ(bodyErrors("_ = '\\\"'"), "t.gol:3:7: unknown escape\n");
  EXPECT_EQ(bodyErrors("_ = \"\\'\""), "t.gol:3:7: unknown escape\n");
  EXPECT_EQ(bodyErrors("_ = '\\8'"), "t.gol:3:7: unknown escape\n");
  EXPECT_EQ(bodyErrors("_ = 'ab'"), "t.gol:3:5: more than one character in rune literal\n");
  EXPECT_EQ(bodyErrors("_ = ''"), "t.gol:3:6: empty rune literal or unescaped ' in rune literal\n");
  EXPECT_EQ(bodyErrors("_ = \"\\400\""), "t.gol:3:10: octal escape value 256 > 255\n");
  EXPECT_EQ(bodyErrors("_ = \"\\uD800\""),
            "t.gol:3:12: escape is invalid Unicode code point U+D800\n");
  EXPECT_EQ(bodyErrors("_ = \"\\U00110000\""),
            "t.gol:3:16: escape is invalid Unicode code point U+110000\n");
  EXPECT_EQ(bodyErrors("_ = \"\\x4\""),
            "t.gol:3:9: invalid character '\"' in hexadecimal escape\n");
  EXPECT_EQ(bodyErrors("_ = '\\x4g'"), "t.gol:3:9: invalid character 'g' in hexadecimal escape\n");
  EXPECT_EQ(bodyErrors("_ = '\\'"), "t.gol:3:8: newline in rune literal\n");
}

// ---- Syntax error messages ------------------------------------------------------------

TEST(Errors, GoExampleMissingParen) {
  SourceFile file(
      "prog.gol",
      "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, world\"\n}\n");
  Diagnostics diags(file);
  EXPECT_EQ(parse(file, diags), nullptr);
  EXPECT_EQ(diags.format(),
            "prog.gol:6:28: syntax error: unexpected newline in argument list; possibly missing "
            "comma or )\n");
}

TEST(Errors, CompositeLiteralMissingComma) {
  EXPECT_EQ(bodyErrors("x := []int{1, 2\n}"),
            "t.gol:3:16: syntax error: unexpected newline in composite literal; possibly missing "
            "comma or }\n");
  EXPECT_EQ(bodyErrors("x := [][]int{{1, 2\n}}"),
            "t.gol:3:19: syntax error: unexpected newline in composite literal; possibly missing "
            "comma or }\n");
  EXPECT_EQ(bodyErrors("f(T{1, 2\n})"),
            "t.gol:3:9: syntax error: unexpected newline in composite literal; possibly missing "
            "comma or }\n");
  EXPECT_EQ(bodyErrors("x := T{a: 1,\nb: 2\n}"),
            "t.gol:4:5: syntax error: unexpected newline in composite literal; possibly missing "
            "comma or }\n");
  EXPECT_EQ(bodyErrors("for _, v := range []int{1, 2\n} {\n}"),
            "t.gol:3:29: syntax error: unexpected newline in composite literal; possibly missing "
            "comma or }\n");
  EXPECT_EQ(bodyErrors("x := []int{1 2}"),
            "t.gol:3:14: syntax error: unexpected literal 2 in composite literal; possibly "
            "missing comma or }\n");
  EXPECT_EQ(bodyErrors("x := map[string]int{\"a\": 1 \"b\": 2}"),
            "t.gol:3:28: syntax error: unexpected literal \"b\" in composite literal; possibly "
            "missing comma or }\n");
  EXPECT_EQ(bodyErrors("x := T{A: 1 B: 2}"),
            "t.gol:3:13: syntax error: unexpected name B in composite literal; possibly missing "
            "comma or }\n");
}

TEST(Errors, ElsePlacement) {
  // The if statement ends at the newline after `}`; the block then wants its `}`.
  EXPECT_EQ(bodyErrors("if x {\n}\nelse {\n}"),
            "t.gol:5:1: syntax error: unexpected keyword else, expected }\n");
  EXPECT_EQ(bodyErrors("if x {\n} else for {\n}"),
            "t.gol:4:8: syntax error: else must be followed by if or statement block\n");
  EXPECT_EQ(bodyErrors("if x {\n} else x++"),
            "t.gol:4:8: syntax error: else must be followed by if or statement block\n");
}

TEST(Errors, StatementsAndExpressions) {
  EXPECT_EQ(bodyErrors("x := 1 y := 2"),
            "t.gol:3:8: syntax error: unexpected name y at end of statement\n");
  EXPECT_EQ(bodyErrors("x := 1 +\n"),
            "t.gol:5:1: syntax error: unexpected }, expected expression\n");
  EXPECT_EQ(bodyErrors("x := (1 + 2\n"),
            "t.gol:3:12: syntax error: unexpected newline, expected )\n");
  EXPECT_EQ(bodyErrors("f(a b)"),
            "t.gol:3:5: syntax error: unexpected name b in argument list; possibly missing comma "
            "or )\n");
  EXPECT_EQ(errorsOf("package p\nfunc f(a int b int) {}\n"),
            "t.gol:2:14: syntax error: unexpected name b in parameter list; possibly missing "
            "comma or )\n");
  EXPECT_EQ(errorsOf("package p\nfunc f() {\n\tx := 1\n"),
            "t.gol:4:1: syntax error: unexpected EOF, expected }\n");
  EXPECT_EQ(bodyErrors("@"), "t.gol:3:1: invalid character U+0040 '@'\n");
}

// Identifiers are Unicode letters and digits; the lexer admits any non-ASCII character and
// the token source reports the others as Go's scanner does.
TEST(Errors, UnicodeIdentifiers) {
  EXPECT_EQ(stmtDump("π, x١, 日本語 := 1, 2, 3"), "(:= [π x١ 日本語] [1 2 3])");
  EXPECT_EQ(bodyErrors("x := 5 × 3"), "t.gol:3:8: invalid character U+00D7 '×' in identifier\n");
  EXPECT_EQ(bodyErrors("a×b := 1"), "t.gol:3:2: invalid character U+00D7 '×' in identifier\n");
  EXPECT_EQ(bodyErrors("١y := 2"), "t.gol:3:1: identifier cannot begin with digit U+0661 '١'\n");
  EXPECT_EQ(bodyErrors("x :=\u00a01"), "t.gol:3:5: invalid character U+00A0 in identifier\n");
  EXPECT_EQ(bodyErrors("x := \"abc\n"), "t.gol:3:10: newline in string\n");
}

// ---- Semicolon insertion ---------------------------------------------------------------

TEST(Semicolons, CrlfLineEndings) {
  EXPECT_EQ(fileDump("package main\r\n\r\nfunc main() {\r\n\tx := 1\r\n\tx++\r\n}\r\n"),
            "(file main (func main (functype (params)) (block (:= x 1) (++ x))))");
}

TEST(Semicolons, CommentAtLineEnd) {
  EXPECT_EQ(stmtDump("x := 1 // one\ny := 2 /* two */\nz := 3"), "(:= x 1)\n(:= y 2)\n(:= z 3)");
  EXPECT_EQ(stmtDump("f( // open\n\ta, // first\n\tb,\n)"), "(call f a b)");
}

TEST(Semicolons, BlockCommentSpanningLines) {
  EXPECT_EQ(stmtDump("x := 1 /* a\nb */ y := 2"), "(:= x 1)\n(:= y 2)");
  EXPECT_EQ(stmtDump("x := /* a\nb */ 1"), "(:= x 1)");
  EXPECT_EQ(stmtDump("x := 1 /* one line */; y := 2"), "(:= x 1)\n(:= y 2)");
}

TEST(Semicolons, CommentAtEndOfInput) {
  EXPECT_EQ(fileDump("package main\nfunc main() {}\n// bye"),
            "(file main (func main (functype (params)) (block)))");
  EXPECT_EQ(fileDump("package main\nvar x = 1 // bye"), "(file main (var (spec x _ 1)))");
}

TEST(Semicolons, ReturnBraceOnOneLine) {
  EXPECT_EQ(declDump("func f() { return }"), "(func f (functype (params)) (block (return)))");
  EXPECT_EQ(declDump("func f() int { return 1 }"),
            "(func f (functype (params) (results (field int))) (block (return 1)))");
  EXPECT_EQ(stmtDump("for { break }"), "(for _ _ _ (block (break)))");
}

TEST(Semicolons, NoFinalNewline) {
  EXPECT_EQ(fileDump("package main\nfunc main() {\n\tx := 1\n\t_ = x\n}"),
            "(file main (func main (functype (params)) (block (:= x 1) (= _ x))))");
  EXPECT_EQ(fileDump("package main"), "(file main)");
  EXPECT_EQ(fileDump("x := 1\nx++", ParseMode::Script), "(script (:= x 1) (++ x))");
}

TEST(Semicolons, MultiLineCallWithTrailingComma) {
  EXPECT_EQ(stmtDump("fmt.Println(\n\t\"a\",\n\t\"b\",\n)"),
            "(call (sel fmt Println) \"a\" \"b\")");
  EXPECT_EQ(stmtDump("xs := []int{\n\t1,\n\t2,\n}"), "(:= xs (complit (slicetype int) 1 2))");
  EXPECT_EQ(stmtDump("f(a,\n\tb)"), "(call f a b)");
}

TEST(Semicolons, IncDecAtLineEnd) {
  EXPECT_EQ(stmtDump("i++\nj--\nk++"), "(++ i)\n(-- j)\n(++ k)");
}

TEST(Semicolons, MethodChainWithDotAtLineEnd) {
  EXPECT_EQ(stmtDump("b.\n\tWrite(x).\n\tFlush()"), "(call (sel (call (sel b Write) x) Flush))");
  EXPECT_EQ(stmtDump("x := a +\n\tb"), "(:= x (+ a b))");
}

TEST(Semicolons, AfterEveryStatementEnder) {
  EXPECT_EQ(stmtDump("for {\n\tbreak\n}\nfor {\n\tcontinue\n}\nswitch {\ncase true:\n"
                     "\tfallthrough\ndefault:\n}\n_ = 'x'\n_ = `r`\n_ = 1.5\n_ = 2i\n_ = a[0]\n"
                     "_ = f()"),
            "(for _ _ _ (block (break)))\n(for _ _ _ (block (continue)))\n"
            "(switch _ _ (case true (fallthrough)) (default))\n(= _ 'x')\n(= _ `r`)\n"
            "(= _ 1.5)\n(= _ 2i)\n(= _ (index a 0))\n(= _ (call f))");
}

TEST(Semicolons, ExplicitSemicolons) {
  EXPECT_EQ(stmtDump("a := 1; b := 2; f(a, b)"), "(:= a 1)\n(:= b 2)\n(call f a b)");
  EXPECT_EQ(fileDump("package main; func main() { }; var x = 1;"),
            "(file main (func main (functype (params)) (block)) (var (spec x _ 1)))");
}

TEST(Semicolons, ByteOrderMark) {
  EXPECT_EQ(fileDump("\xEF\xBB\xBFpackage main\n"), "(file main)");
}

// ---- Script mode -----------------------------------------------------------------------

TEST(Script, MixesDeclarationsAndStatements) {
  EXPECT_EQ(fileDump("import \"fmt\"\n\nx := 1\nfunc double(n int) int { return n * 2 }\n"
                     "var y = double(x)\nconst c = 3\ntype T struct{ v int }\n"
                     "func (t T) Get() int { return t.v }\nfmt.Println(y, c)\n"
                     "for i := 0; i < 3; i++ {\n\tgo f(i)\n}\n"),
            "(script (import (spec \"fmt\")) (:= x 1) (func double (functype (params (field n "
            "int)) (results (field int))) (block (return (* n 2)))) (var (spec y _ (call double "
            "x))) (const (spec c _ 3)) (type (spec T (struct (field v int)))) (func (recv (field "
            "t T)) Get (functype (params) (results (field int))) (block (return (sel t v)))) "
            "(call (sel fmt Println) y c) (for (:= i 0) (< i 3) (++ i) (block (go (call f i)))))");
}

TEST(Script, EmptyAndStatementOnly) {
  EXPECT_EQ(fileDump(""), "(script)");
  EXPECT_EQ(fileDump("\n\n// just a comment\n"), "(script)");
  EXPECT_EQ(fileDump("fmt.Println(1)"), "(script (call (sel fmt Println) 1))");
}

TEST(Script, ScriptModeIsForcedForTheRepl) {
  EXPECT_EQ(fileDump("x := 1", ParseMode::Script), "(script (:= x 1))");
  Parsed p = parseText("package main\n", ParseMode::Script);
  EXPECT_EQ(p.ast, nullptr);
  EXPECT_NE(p.errors, "");
}

TEST(Script, PackageFileRejectsStatements) {
  EXPECT_EQ(errorsOf("package main\nx := 1\n"),
            "t.gol:2:1: syntax error: non-declaration statement outside function body\n");
}

TEST(Script, LabelsAndSelectAtTopLevel) {
  EXPECT_EQ(fileDump("loop:\nfor {\n\tbreak loop\n}\nselect {\ndefault:\n}\n"),
            "(script (label loop (for _ _ _ (block (break loop)))) (select (default)))");
}

// ---- Positions -------------------------------------------------------------------------

TEST(Positions, NodesCarryLineAndByteColumn) {
  Parsed p = parseText("package p\nfunc f() {\n\ts := \"é\" + x\n}\n");
  ASSERT_NE(p.ast, nullptr);
  auto f = as<FuncDecl>(p.ast->file->decls.at(0));
  EXPECT_EQ(f->pos, (Pos{2, 1}));
  auto a = as<AssignStmt>(f->body->list.at(0));
  EXPECT_EQ(a->pos, (Pos{3, 2}));
  EXPECT_EQ(a->tokPos, (Pos{3, 4}));
  auto b = as<BinaryExpr>(a->rhs.at(0));
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->opPos, (Pos{3, 12}));  // "é" is two bytes
  EXPECT_EQ(b->y->pos, (Pos{3, 14}));
  EXPECT_EQ(f->body->rbrace, (Pos{4, 1}));
}

// ---- Nesting guard ---------------------------------------------------------------------

TEST(Nesting, DeepParenthesesGiveACleanError) {
  std::string text =
      "package p\nvar x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\n";
  Parsed p = parseText(text);
  EXPECT_EQ(p.ast, nullptr);
  EXPECT_NE(p.errors.find("syntax error: program too deeply nested"), std::string::npos)
      << p.errors.substr(0, 200);
}

TEST(Nesting, DeepUnaryChainGivesACleanError) {
  std::string chain;
  for (int i = 0; i < 100000; ++i) chain += "- ";
  Parsed p = parseText("package p\nvar x = " + chain + "x\n");
  EXPECT_EQ(p.ast, nullptr);
  EXPECT_NE(p.errors.find("syntax error: program too deeply nested"), std::string::npos)
      << p.errors.substr(0, 200);
}

// Left-associative chains nest without brackets: 20000 terms build (Go compiles them),
// past kMaxExprDepth levels they are refused. Built on a large stack, as gol does.
std::string chainOf(const std::string& term, const std::string& op, int n) {
  std::string chain = term;
  for (int i = 1; i < n; ++i) chain += op + term;
  return chain;
}

TEST(Nesting, LongChainsBuild) {
  for (const auto& chain : {std::pair{"1", "+"}, std::pair{"x", " || "}}) {
    Parsed p;
    runOnLargeStack([&] {
      p = parseText("package p\nvar x = " + chainOf(chain.first, chain.second, 20000) + "\n");
    });
    EXPECT_NE(p.ast, nullptr) << p.errors.substr(0, 200);
  }
  Parsed p;
  runOnLargeStack([&] { p = parseText("package p\nvar x = a" + chainOf("", ".b", 20000) + "\n"); });
  EXPECT_NE(p.ast, nullptr) << p.errors.substr(0, 200);
}

TEST(Nesting, OverlongChainsGiveACleanError) {
  for (const std::string& chain :
       {chainOf("1", "+", kMaxExprDepth + 1), "a" + chainOf("", ".b", kMaxExprDepth + 1),
        "f" + chainOf("", "()", kMaxExprDepth + 1), "a" + chainOf("", "[0]", kMaxExprDepth + 1)}) {
    Parsed p;
    runOnLargeStack([&] { p = parseText("package p\nvar x = " + chain + "\n"); });
    EXPECT_EQ(p.ast, nullptr);
    EXPECT_NE(p.errors.find("2:9: syntax error: program too deeply nested"), std::string::npos)
        << p.errors.substr(0, 200);
  }
}

TEST(Nesting, DeepBlocksGiveACleanError) {
  std::string text =
      "package p\nfunc f() {\n" + std::string(50000, '{') + std::string(50000, '}') + "\n}\n";
  Parsed p = parseText(text);
  EXPECT_EQ(p.ast, nullptr);
  EXPECT_NE(p.errors.find("too deeply nested"), std::string::npos) << p.errors.substr(0, 200);
}

TEST(Nesting, TheBracketLimitIsReportedWhereItIsPassed) {
  // 1000 levels of brackets parse; the 1001st opening bracket is refused at once.
  std::string ok =
      "package p\nvar x = " + std::string(1000, '(') + "1" + std::string(1000, ')') + "\n";
  EXPECT_NE(parseText(ok).ast, nullptr);
  std::string deep = "package p\nvar x = " + std::string(1001, '[') + "\n";
  EXPECT_EQ(errorsOf(deep), "t.gol:2:1009: syntax error: program too deeply nested\n");
}

TEST(Nesting, ModerateNestingParses) {
  std::string text =
      "package p\nvar x = " + std::string(200, '(') + "1" + std::string(200, ')') + "\n";
  Parsed p = parseText(text);
  EXPECT_NE(p.ast, nullptr) << p.errors;
}

}  // namespace
}  // namespace gol::syntax
