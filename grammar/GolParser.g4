// Gol's syntax: the whole of Go's grammar (https://go.dev/ref/spec), plus script mode.
//
// Conventions that keep this grammar small and close to Go's own parser:
// * Semicolons arrive already inserted by the token source (Go's rule).
// * Type names are expressions (as in Go's parser), and type literals are values in
//   arguments, case lists and type arguments (rule `argument`): `[]byte(s)`,
//   `make(chan int)`, `f[[]int]`; the checker tells conversions from calls and types
//   from values.
// * Decisions are kept to short lookahead: ANTLR's prediction starts cold in every run,
//   and looking ahead over a whole statement or function body dominated start-up.
// * Go forbids a composite literal with a bare type name (`T{}`) in an if/for/switch
//   header unless it is inside parentheses, brackets or braces. The header rules push
//   "literals not allowed", bracketed rules push "allowed", and a predicate reads the top.
// * Some checks Go's parser makes after the fact (parameter grouping, `:=` needing
//   names, `.(type)` only in a type switch) are made by the AST builder.
parser grammar GolParser;

options {
    tokenVocab = GolLexer;
}

@parser::members {
    std::vector<bool> compositeLitAllowed_{true};
    bool bareCompositeLitAllowed() const { return compositeLitAllowed_.back(); }
    void pushCompositeLit(bool allowed) { compositeLitAllowed_.push_back(allowed); }
    void popCompositeLit() { if (compositeLitAllowed_.size() > 1) compositeLitAllowed_.pop_back(); }
}

// ---- Files ----------------------------------------------------------------------------

sourceFile
    : packageClause SEMI (importDecl SEMI)* (topLevelDecl SEMI)* EOF
    ;

// A file or REPL input without a package clause: declarations and statements in any order.
scriptFile
    : (importDecl SEMI)* scriptItem? (SEMI scriptItem?)* EOF
    ;

scriptItem
    : functionDecl
    | methodDecl
    | statement
    ;

packageClause
    : PACKAGE IDENTIFIER
    ;

importDecl
    : IMPORT (importSpec | L_PAREN (importSpec SEMI)* importSpec? R_PAREN)
    ;

importSpec
    : (DOT | IDENTIFIER)? string_
    ;

topLevelDecl
    : declaration
    | functionDecl
    | methodDecl
    ;

// ---- Declarations ---------------------------------------------------------------------

declaration
    : constDecl
    | typeDecl
    | varDecl
    ;

constDecl
    : CONST (constSpec | L_PAREN (constSpec SEMI)* constSpec? R_PAREN)
    ;

// `const x int` parses, as in Go; the builder reports the missing value.
constSpec
    : identifierList (type_ (ASSIGN expressionList)? | ASSIGN expressionList)?
    ;

varDecl
    : VAR (varSpec | L_PAREN (varSpec SEMI)* varSpec? R_PAREN)
    ;

varSpec
    : identifierList (type_ (ASSIGN expressionList)? | ASSIGN expressionList)
    ;

typeDecl
    : TYPE (typeSpec | L_PAREN (typeSpec SEMI)* typeSpec? R_PAREN)
    ;

typeSpec
    : IDENTIFIER typeParameters? ASSIGN type_   # aliasSpec
    | IDENTIFIER typeParameters? type_          # typeDefSpec
    ;

typeParameters
    : L_BRACKET typeParameterDecl (COMMA typeParameterDecl)* COMMA? R_BRACKET
    ;

typeParameterDecl
    : identifierList typeElement
    ;

// A union of type terms, as in constraints: `~int | ~string | fmt.Stringer`.
typeElement
    : typeTerm (OR typeTerm)*
    ;

typeTerm
    : UNDERLYING? type_
    ;

functionDecl
    : FUNC IDENTIFIER typeParameters? signature block?
    ;

// Type parameters are parsed only to be refused, in Go's words.
methodDecl
    : FUNC receiver = parameters IDENTIFIER typeParameters? signature block?
    ;

identifierList
    : IDENTIFIER (COMMA IDENTIFIER)*
    ;

expressionList
    : expression (COMMA expression)*
    ;

// ---- Types ----------------------------------------------------------------------------

type_
    : typeName typeArgs?
    | typeLit
    | L_PAREN type_ R_PAREN
    ;

typeName
    : IDENTIFIER (DOT IDENTIFIER)?
    ;

typeArgs
    : L_BRACKET type_ (COMMA type_)* COMMA? R_BRACKET
    ;

typeLit
    : arrayType
    | structType
    | pointerType
    | functionType
    | interfaceType
    | sliceType
    | mapType
    | channelType
    ;

operandTypeLit
    : arrayType
    | structType
    | interfaceType
    | sliceType
    | mapType
    | channelType
    ;

// `[...]T` is accepted here and rejected by the checker outside a composite literal.
arrayType
    : L_BRACKET (expression | ELLIPSIS) R_BRACKET type_
    ;

sliceType
    : L_BRACKET R_BRACKET type_
    ;

mapType
    : MAP L_BRACKET type_ R_BRACKET type_
    ;

pointerType
    : STAR type_
    ;

// `<-` binds to the leftmost `chan` possible: `chan<- chan int` is `chan<- (chan int)`.
// ANTLR resolves the ambiguity with `chan (<-chan int)` for the first alternative.
channelType
    : CHAN RECEIVE type_        # sendOnlyChannel
    | CHAN type_                # bidirectionalChannel
    | RECEIVE CHAN type_        # receiveOnlyChannel
    ;

functionType
    : FUNC signature
    ;

structType
    : STRUCT L_CURLY (fieldDecl (SEMI fieldDecl)* SEMI?)? R_CURLY
    ;

fieldDecl
    : (identifierList type_ | embeddedField) tag = string_?
    ;

embeddedField
    : STAR? typeName typeArgs?
    ;

interfaceType
    : INTERFACE L_CURLY (interfaceElem (SEMI interfaceElem)* SEMI?)? R_CURLY
    ;

interfaceElem
    : IDENTIFIER signature     # methodElem
    | typeElement              # typeSetElem
    ;

signature
    : parameters result?
    ;

result
    : parameters
    | type_
    ;

// Each declaration is `name T`, `name ...T` or a bare type; the builder groups
// `a, b int` into names sharing a type, as Go's parser does.
parameters
    : L_PAREN (parameterDecl (COMMA parameterDecl)* COMMA?)? R_PAREN
    ;

parameterDecl
    : IDENTIFIER? ELLIPSIS? type_
    ;

// ---- Statements -----------------------------------------------------------------------

block
    @init { pushCompositeLit(true); }
    : L_CURLY statementList R_CURLY
    ;
    finally { popCompositeLit(); }

statementList
    : statement? (SEMI statement?)*
    ;

statement
    : declaration           # declarationStmt
    | labeledStmt           # labeledStatement
    | simpleStmt            # simpleStatement
    | GO expression         # goStmt
    | DEFER expression      # deferStmt
    | RETURN expressionList?    # returnStmt
    | BREAK IDENTIFIER?     # breakStmt
    | CONTINUE IDENTIFIER?  # continueStmt
    | GOTO IDENTIFIER       # gotoStmt
    | FALLTHROUGH           # fallthroughStmt
    | block                 # blockStmt
    | ifStmt                # ifStatement
    | switchStmt            # switchStatement
    | selectStmt            # selectStatement
    | forStmt               # forStatement
    ;

labeledStmt
    : IDENTIFIER COLON statement?
    ;

// A send, an increment, an assignment, a `:=` or an expression, told apart by the token
// after the first list (as Go's parser does, and without ANTLR looking ahead over the
// whole statement). The builder checks that a send or increment has one operand.
simpleStmt
    : expressionList (RECEIVE expression | PLUS_PLUS | MINUS_MINUS | assignOp expressionList
                     | DECLARE_ASSIGN expressionList)?
    ;

assignOp
    : ASSIGN
    | PLUS_ASSIGN
    | MINUS_ASSIGN
    | STAR_ASSIGN
    | DIV_ASSIGN
    | MOD_ASSIGN
    | AND_ASSIGN
    | OR_ASSIGN
    | XOR_ASSIGN
    | LSHIFT_ASSIGN
    | RSHIFT_ASSIGN
    | BIT_CLEAR_ASSIGN
    ;

ifStmt
    : IF ifHeader block (ELSE (ifStmt | block))?
    ;

// The condition is parsed as a statement so the builder can say what Go says about
// `if x := 0 {` (cannot use x := 0 as value) and `if {` (missing condition).
ifHeader
    @init { pushCompositeLit(false); }
    : simpleStmt? (SEMI simpleStmt?)?
    ;
    finally { popCompositeLit(); }

// `switch init; tag {` and `switch x := y.(type) {`: the builder tells them apart.
switchStmt
    : SWITCH switchHeader L_CURLY caseClause* R_CURLY
    ;

switchHeader
    @init { pushCompositeLit(false); }
    : simpleStmt? (SEMI simpleStmt?)?
    ;
    finally { popCompositeLit(); }

caseClause
    : (CASE argument (COMMA argument)* | DEFAULT) COLON statementList
    ;

selectStmt
    : SELECT L_CURLY commClause* R_CURLY
    ;

// A send, a receive, or an assignment or `:=` from a receive: checked by the builder.
commClause
    : (CASE simpleStmt | DEFAULT) COLON statementList
    ;

forStmt
    : FOR forHeader block
    ;

forHeader
    @init { pushCompositeLit(false); }
    : forClause
    | rangeClause
    | expression?
    ;
    finally { popCompositeLit(); }

forClause
    : init = simpleStmt? SEMI cond = expression? SEMI post = simpleStmt?
    ;

rangeClause
    : (expressionList (ASSIGN | DECLARE_ASSIGN))? RANGE expression
    ;

// ---- Expressions ----------------------------------------------------------------------

// Go's five binary precedence levels, highest first; unary operators bind tightest.
expression
    : primaryExpr                                                                # primaryExpression
    | op = (PLUS | MINUS | EXCLAMATION | CARET | STAR | AMPERSAND | RECEIVE) expression   # unaryExpression
    | expression op = (STAR | DIV | MOD | LSHIFT | RSHIFT | AMPERSAND | BIT_CLEAR) expression # binaryExpression
    | expression op = (PLUS | MINUS | OR | CARET) expression                     # binaryExpression
    | expression op = (EQUALS | NOT_EQUALS | LESS | LESS_OR_EQUALS | GREATER | GREATER_OR_EQUALS) expression # binaryExpression
    | expression op = LOGICAL_AND expression                                     # binaryExpression
    | expression op = LOGICAL_OR expression                                      # binaryExpression
    ;

// Where Go uses a type as a value: arguments (`make([]int, n)`), case lists of type
// switches (`case []int, func():`) and type arguments (`f[[]int]`). A type name is an
// expression already. Type literals are no expressions elsewhere, so nothing selects
// from one (`[]a.b` is `[](a.b)`), `{` after one is always a composite literal, and
// after `func(...)` a `{` always starts a function literal: ANTLR then decides these
// with short lookahead, as Go's parser does.
// A type as an argument (`new([]int)`, `case *[4]byte:`, `F[*[]T]`): `*T` for a named T is
// the expression alternative, which the checker reads as a type where one is wanted.
argument
    : expression
    | typeValue
    | pointerType
    ;

typeValue
    : operandTypeLit
    | functionType
    ;

primaryExpr
    : operand                                           # operandExpr
    | typeValue arguments                               # conversionExpr
    // A method expression on a struct or interface literal type (`interface{ M() }.M`);
    // other type literals end in a type name, whose selector would be ambiguous.
    | (structType | interfaceType) DOT IDENTIFIER       # typeSelectorExpr
    | primaryExpr DOT IDENTIFIER                        # selectorExpr
    | primaryExpr DOT L_PAREN TYPE R_PAREN              # typeSwitchGuard
    | primaryExpr DOT L_PAREN type_ R_PAREN             # typeAssertion
    | primaryExpr index                                 # indexExpr
    | primaryExpr slice_                                # sliceExpr
    | primaryExpr arguments                             # callExpr
    ;

operand
    : basicLit                          # basicLiteral
    | compositeLit                      # compositeLiteral
    | funcLit                           # functionLiteral
    | IDENTIFIER                        # nameOperand
    | parenExpr                         # parenOperand
    // `*T(x)` is `*(T(x))` and `*p[i]` is `*(p[i])`: a pointer type is no operand.
    | L_PAREN type_ R_PAREN             # parenTypeOperand
    ;

parenExpr
    @init { pushCompositeLit(true); }
    : L_PAREN expression R_PAREN
    ;
    finally { popCompositeLit(); }

basicLit
    : INT_LIT
    | FLOAT_LIT
    | IMAGINARY_LIT
    | RUNE_LIT
    | string_
    ;

string_
    : RAW_STRING_LIT
    | INTERPRETED_STRING_LIT
    ;

compositeLit
    : literalType literalValue
    ;

literalType
    : {bareCompositeLitAllowed()}? typeName index?
    | structType
    | arrayType
    | sliceType
    | mapType
    ;

literalValue
    @init { pushCompositeLit(true); }
    : L_CURLY (keyedElement (COMMA keyedElement)* COMMA?)? R_CURLY
    ;
    finally { popCompositeLit(); }

keyedElement
    : (key = element COLON)? value = element
    ;

element
    : expression
    | literalValue
    ;

funcLit
    : FUNC signature block
    ;

// Indexing, and instantiation of generics (`Pair[int, string]`).
index
    @init { pushCompositeLit(true); }
    : L_BRACKET argument (COMMA argument)* COMMA? R_BRACKET
    ;
    finally { popCompositeLit(); }

slice_
    @init { pushCompositeLit(true); }
    : L_BRACKET low = expression? COLON high = expression? R_BRACKET
    | L_BRACKET low = expression? COLON high = expression COLON max = expression R_BRACKET
    ;
    finally { popCompositeLit(); }

arguments
    @init { pushCompositeLit(true); }
    : L_PAREN (argument (COMMA argument)* ELLIPSIS? COMMA?)? R_PAREN
    ;
    finally { popCompositeLit(); }
