# Rewrites the parser and lexer that ANTLR 4.7 generated (run with -DGEN_DIR=...) so that
# their ATNs are deserialized when gol asks, not during static initialization:
#  * the static `Initializer _init` member becomes `static void initialize()`, which builds
#    the ATN once (a function-local static, so concurrent callers wait for the first);
#    syntax::loadGrammar(), called by every parse, calls both;
#  * serializedATN() reads the serialized ATN (the parser has no getSerializedATN);
#  * the deserializer skips verifying the ATN. The ATN is fixed when the grammar is
#    generated; parser_test.cpp deserializes both with verification on.
# Every rewrite must match: a newer ANTLR that generates other code fails the build here.

function(rewrite file from to)
  file(READ ${file} text)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "defer_grammar_init.cmake: \"${from}\" is not in ${file}")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  file(WRITE ${file} "${text}")
endfunction()

foreach(recognizer GolLexer GolParser)
  rewrite(${GEN_DIR}/${recognizer}.h "  static Initializer _init;\n"
          "\npublic:\n  // Builds the ATN, once; before the first ${recognizer} is made (loadGrammar).\n  static void initialize();\n  static const std::vector<uint16_t>& serializedATN() { return _serializedATN; }\n")
  rewrite(${GEN_DIR}/${recognizer}.cpp "${recognizer}::Initializer ${recognizer}::_init;"
          "void ${recognizer}::initialize() {\n  static Initializer once;\n}")
  rewrite(${GEN_DIR}/${recognizer}.cpp "  atn::ATNDeserializer deserializer;\n"
          "  atn::ATNDeserializationOptions options;\n  options.setVerifyATN(false);\n  atn::ATNDeserializer deserializer(options);\n")
endforeach()
