// Go's fmt engine (fmt/print.go and fmt/format.go): Print, Println and Printf formatting
// of AnyValues, byte-identical to Go.
//
// A Printer formats each operand by switching on its check::Type: printArg handles nil,
// %T and %p, then printValue dispatches on the type. To add a kind, as Go's print.go does:
//  * error and Stringer (handleMethods): in printArg, before printValue, for the verbs
//    v s x X q (not %#v, which wants GoStringer): call Error()/String() and format the
//    string with fmtString(s, verb, arg).
//  * slices, arrays, maps (keys sorted), structs (%+v field names, %#v Go syntax),
//    pointers (&{...} at depth 0, else 0xc000...) and interfaces: further cases in
//    printValue, recursing with printValue(elem, verb, depth + 1).
// badVerb already prints `%!verb(type=value)` for any type typeName() can spell.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/values/complex.h"
#include "interpreter/values/value.h"

namespace gol::values {
struct GoPanic;
}

namespace gol::stdlib::fmt {

class Printer {
 public:
  // The formatted text so far.
  std::string& buffer() { return buf_; }
  std::string take() { return std::move(buf_); }

  // Print: operands in their default format, a space between operands when neither is
  // a string.
  void doPrint(std::span<const values::AnyValue> args);
  // Println: spaces between all operands and a newline at the end.
  void doPrintln(std::span<const values::AnyValue> args);
  // Printf.
  void doPrintf(std::string_view format, std::span<const values::AnyValue> args);
  // One operand with a verb and the current flags (fmt's printArg).
  void printArg(const values::AnyValue& arg, int32_t verb);

 private:
  // Flags of the verb being formatted (fmt's fmtFlags, wid and prec).
  struct Flags {
    bool widPresent = false;
    bool precPresent = false;
    bool minus = false;
    bool plus = false;
    bool sharp = false;
    bool space = false;
    bool zero = false;
    bool plusV = false;   // %+v
    bool sharpV = false;  // %#v
  };

  // print.go
  // `exported`: the value is reachable through exported fields only, so fmt may call
  // its methods (Go's CanInterface).
  void printValue(const values::AnyValue& arg, int32_t verb, int depth, bool exported = true);
  bool handleMethods(const values::AnyValue& arg, int32_t verb);
  void catchPanic(const values::AnyValue& arg, int32_t verb, const char* method,
                  values::GoPanic& p);
  void fmtPointer(const values::AnyValue& arg, int32_t verb);
  void badVerb(int32_t verb, const values::AnyValue* arg);
  void fmtBool(bool v, int32_t verb, const values::AnyValue& arg);
  void fmtInteger(uint64_t v, bool isSigned, int32_t verb, const values::AnyValue& arg);
  void fmtFloat(double v, int size, int32_t verb, const values::AnyValue& arg);
  void fmtComplex(values::Complex v, int size, int32_t verb, const values::AnyValue& arg);
  void fmtString(std::string_view v, int32_t verb, const values::AnyValue& arg);
  void fmt0x64(uint64_t v, bool leading0x);
  bool argNumber(int& argNum, std::string_view format, size_t& i, int numArgs);
  bool intFromArg(std::span<const values::AnyValue> a, int& argNum, int& num);

  // format.go
  void writePadding(int n);
  void pad(std::string_view s);
  void padString(std::string_view s) { pad(s); }
  void fmtBoolean(bool v);
  void fmtUnicode(uint64_t u);
  void fmtIntegerBase(uint64_t u, int base, bool isSigned, int32_t verb, const char* digits);
  std::string_view truncateString(std::string_view s);
  void fmtS(std::string_view s);
  void fmtSx(std::string_view s, const char* digits);
  void fmtQ(std::string_view s);
  void fmtC(uint64_t c);
  void fmtQc(uint64_t c);
  void fmtFloatVerb(double v, int size, int32_t verb, int prec);

  std::string buf_;
  Flags f_;

 public:
  // Errorf: %w formats an error operand as %v and records it.
  bool wrapErrs = false;
  // The REPL's echo: %v prints the strings inside a composite value as %q does
  // (`["a" ""]`), so that empty and spaced strings show.
  bool quoteNestedStrings = false;
  std::vector<values::AnyValue> wrapped;

 private:
  int wid_ = 0;
  int prec_ = 0;
  bool reordered_ = false;
  bool panicking_ = false;  // printing the value of a panic that a method raised
  bool goodArgNum_ = true;
  bool erroring_ = false;  // printing a bad verb's operand: no String or Error methods
};

std::string sprint(std::span<const values::AnyValue> args);
std::string sprintln(std::span<const values::AnyValue> args);
std::string sprintf(std::string_view format, std::span<const values::AnyValue> args);

// Go's spelling of a value's dynamic type, as %T prints it (`int`, `float64`, `<nil>`).
std::string typeName(const check::Type* t);

// Calls the method `name` of a dynamic value (fmt's Error and String, errors' Unwrap, Is
// and As); set by the evaluator. False when the value has no such method. Arguments are
// borrowed (each AnyValue's type says whether its value is counted); results are owned
// by the caller.
extern bool (*methodCaller)(const values::AnyValue& recv, const std::string& name,
                            std::span<const values::AnyValue> args, values::Value* results);
// Calls a Gol function value (sort.Slice's less, rand.Shuffle's swap); set by the
// evaluator. Arguments are handed over; results are owned by the caller.
extern bool (*funcCaller)(values::Value fn, std::span<const values::Value> args,
                          values::Value* results);

}  // namespace gol::stdlib::fmt
