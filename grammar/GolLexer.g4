// Gol's tokens: Go's lexical grammar (https://go.dev/ref/spec#Lexical_elements).
// Newlines and comments are real tokens here; the token source in
// interpreter/syntax/token_source.cpp turns them into Go's automatic semicolons
// and drops the rest, so this file never has to know the semicolon rule.
lexer grammar GolLexer;

// Keywords
BREAK       : 'break';
CASE        : 'case';
CHAN        : 'chan';
CONST       : 'const';
CONTINUE    : 'continue';
DEFAULT     : 'default';
DEFER       : 'defer';
ELSE        : 'else';
FALLTHROUGH : 'fallthrough';
FOR         : 'for';
FUNC        : 'func';
GO          : 'go';
GOTO        : 'goto';
IF          : 'if';
IMPORT      : 'import';
INTERFACE   : 'interface';
MAP         : 'map';
PACKAGE     : 'package';
RANGE       : 'range';
RETURN      : 'return';
SELECT      : 'select';
STRUCT      : 'struct';
SWITCH      : 'switch';
TYPE        : 'type';
VAR         : 'var';

// Any non-ASCII character is taken into an identifier, as Go's scanner does; the token
// source then reports those that are neither letters nor digits. (The classes \p{L} and
// \p{Nd} here made building the lexer a fifth of `gol run`'s start-up.)
IDENTIFIER : LETTER (LETTER | DECIMAL_DIGIT)*;

// Punctuation and operators
L_PAREN   : '(';
R_PAREN   : ')';
L_CURLY   : '{';
R_CURLY   : '}';
L_BRACKET : '[';
R_BRACKET : ']';
ASSIGN    : '=';
COMMA     : ',';
SEMI      : ';';
COLON     : ':';
DOT       : '.';
ELLIPSIS  : '...';
PLUS_PLUS : '++';
MINUS_MINUS : '--';
DECLARE_ASSIGN : ':=';

LOGICAL_OR  : '||';
LOGICAL_AND : '&&';
EQUALS      : '==';
NOT_EQUALS  : '!=';
LESS        : '<';
LESS_OR_EQUALS : '<=';
GREATER     : '>';
GREATER_OR_EQUALS : '>=';
OR          : '|';
DIV         : '/';
MOD         : '%';
LSHIFT      : '<<';
RSHIFT      : '>>';
BIT_CLEAR   : '&^';
UNDERLYING  : '~';
EXCLAMATION : '!';
PLUS        : '+';
MINUS       : '-';
CARET       : '^';
STAR        : '*';
AMPERSAND   : '&';
RECEIVE     : '<-';

// Assignment operators (op=)
PLUS_ASSIGN      : '+=';
MINUS_ASSIGN     : '-=';
STAR_ASSIGN      : '*=';
DIV_ASSIGN       : '/=';
MOD_ASSIGN       : '%=';
AND_ASSIGN       : '&=';
OR_ASSIGN        : '|=';
XOR_ASSIGN       : '^=';
LSHIFT_ASSIGN    : '<<=';
RSHIFT_ASSIGN    : '>>=';
BIT_CLEAR_ASSIGN : '&^=';

// Number literals. The lexer takes the extent Go's scanner takes, well-formed or not
// (`1__0`, `0x`, `0b102`, `1e`), and checkNumber (interpreter/syntax/literals.cpp) reports
// what is wrong with Go's messages. On a tie of lengths the first rule wins.
IMAGINARY_LIT : (INT_LIT_NOIMAG | FLOAT_LIT_NOIMAG) 'i';
FLOAT_LIT     : FLOAT_LIT_NOIMAG;
INT_LIT       : INT_LIT_NOIMAG;

fragment INT_LIT_NOIMAG
    : DECIMAL_DIGIT SLOPPY_DECIMALS
    | '0' [xX] SLOPPY_HEXES
    | '0' [oObB] SLOPPY_DECIMALS
    ;

fragment FLOAT_LIT_NOIMAG
    : DECIMAL_DIGIT SLOPPY_DECIMALS '.' SLOPPY_DECIMALS EXPONENT?
    | DECIMAL_DIGIT SLOPPY_DECIMALS EXPONENT
    | '.' DECIMAL_DIGIT SLOPPY_DECIMALS EXPONENT?
    | '0' [xX] SLOPPY_HEXES '.' SLOPPY_HEXES HEX_EXPONENT?
    | '0' [xX] SLOPPY_HEXES HEX_EXPONENT
    | '0' [oObB] SLOPPY_DECIMALS '.' SLOPPY_DECIMALS EXPONENT?
    | '0' [oObB] SLOPPY_DECIMALS EXPONENT
    ;

fragment SLOPPY_DECIMALS : [0-9_]*;
fragment SLOPPY_HEXES    : [0-9a-fA-F_]*;
// After hexadecimal digits an `e` is a digit, so only `p` starts an exponent there.
fragment EXPONENT        : [eEpP] [+-]? SLOPPY_DECIMALS;
fragment HEX_EXPONENT    : [pP] [+-]? SLOPPY_DECIMALS;

// Escapes are checked (and decoded) by interpreter/syntax/literals.cpp, which gives
// Go's messages for bad ones; the lexer only finds where a literal ends.
RUNE_LIT : '\'' (~['\\\r\n] | '\\' ~[\r\n])* '\'';

RAW_STRING_LIT         : '`' ~'`'* '`';
INTERPRETED_STRING_LIT : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';

// Whitespace, newlines and comments go to the token source, which decides about semicolons.
WS                 : [ \t\r]+ -> channel(HIDDEN);
NEWLINE            : '\n';
BLOCK_COMMENT      : '/*' .*? '*/';
LINE_COMMENT       : '//' ~[\r\n]*;

// Anything else, including an unterminated string, is one bad token the parser reports.
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'?;
UNTERMINATED_RAW    : '`' ~'`'* EOF;
UNTERMINATED_COMMENT: '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;
UNTERMINATED_RUNE   : '\'' (~['\\\r\n] | '\\' ~[\r\n])* '\\'?;
BAD_CHARACTER       : . ;

fragment DECIMAL_DIGIT : [0-9];

fragment LETTER : [a-zA-Z_\u0080-\u{10FFFF}];
