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

IDENTIFIER : LETTER (LETTER | UNICODE_DIGIT)*;

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

// Number literals. Order matters: the longest match wins, and on a tie the first rule.
IMAGINARY_LIT : (DECIMAL_DIGITS | INT_LIT_NOIMAG | FLOAT_LIT_NOIMAG) 'i';
FLOAT_LIT     : FLOAT_LIT_NOIMAG;
INT_LIT       : INT_LIT_NOIMAG;

fragment INT_LIT_NOIMAG
    : '0' ('_'? OCTAL_DIGIT)* ('_'? DECIMAL_DIGIT)*   // legacy octal; 08/09 rejected by the builder
    | [1-9] ('_'? DECIMAL_DIGIT)*
    | '0' [xX] '_'? HEX_DIGITS
    | '0' [oO] '_'? OCTAL_DIGITS
    | '0' [bB] '_'? BINARY_DIGITS
    ;

fragment FLOAT_LIT_NOIMAG
    : DECIMAL_DIGITS '.' DECIMAL_DIGITS? DECIMAL_EXPONENT?
    | DECIMAL_DIGITS DECIMAL_EXPONENT
    | '.' DECIMAL_DIGITS DECIMAL_EXPONENT?
    | '0' [xX] HEX_MANTISSA HEX_EXPONENT
    ;

fragment DECIMAL_DIGITS   : DECIMAL_DIGIT ('_'? DECIMAL_DIGIT)*;
fragment HEX_DIGITS       : HEX_DIGIT ('_'? HEX_DIGIT)*;
fragment OCTAL_DIGITS     : OCTAL_DIGIT ('_'? OCTAL_DIGIT)*;
fragment BINARY_DIGITS    : BINARY_DIGIT ('_'? BINARY_DIGIT)*;
fragment DECIMAL_EXPONENT : [eE] [+-]? DECIMAL_DIGITS;
fragment HEX_MANTISSA
    : '_'? HEX_DIGITS '.' HEX_DIGITS?
    | '_'? HEX_DIGITS
    | '.' HEX_DIGITS
    ;
fragment HEX_EXPONENT : [pP] [+-]? DECIMAL_DIGITS;

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
fragment BINARY_DIGIT  : [01];
fragment OCTAL_DIGIT   : [0-7];
fragment HEX_DIGIT     : [0-9a-fA-F];

fragment LETTER : [\p{L}_];

fragment UNICODE_DIGIT : [\p{Nd}];
