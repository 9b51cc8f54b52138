// strconv: Go's conversions between numbers, booleans and strings, as plain C++.
//
// Formatting is byte-identical to Go's strconv (shortest float formatting, %e/%f/%g with
// precision, hexadecimal and binary float forms). Parsing reports errors as Go's
// *strconv.NumError would, with the same message text:
//   strconv.Atoi: parsing "abc": invalid syntax
//   strconv.ParseInt: parsing "999999999999999999999": value out of range
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gol::stdlib::strconv {

constexpr int IntSize = 64;

// --- formatting -------------------------------------------------------------------

// Base 2..36 (lower-case digits); panics (values::GoPanic) on an illegal base, as Go does.
std::string formatInt(int64_t v, int base);
std::string formatUint(uint64_t v, int base);
std::string itoa(int64_t v);
std::string formatBool(bool v);

// FormatFloat(f, fmt, prec, bitSize): fmt is one of 'b' 'e' 'E' 'f' 'g' 'G' 'x' 'X';
// prec -1 means the shortest representation that round-trips at bitSize (32 or 64).
// An unknown fmt gives "%" followed by fmt, as Go. Panics on an illegal bitSize.
std::string formatFloat(double f, char fmt, int prec, int bitSize);
void appendFloat(std::string& out, double f, char fmt, int prec, int bitSize);

// --- quoting ----------------------------------------------------------------------

std::string quote(std::string_view s);
std::string quoteToASCII(std::string_view s);
std::string quoteToGraphic(std::string_view s);
std::string quoteRune(int32_t r);
std::string quoteRuneToASCII(int32_t r);
std::string quoteRuneToGraphic(int32_t r);
void appendQuote(std::string& out, std::string_view s);
void appendQuoteToASCII(std::string& out, std::string_view s);
void appendQuoteRune(std::string& out, int32_t r);
void appendQuoteRuneToASCII(std::string& out, int32_t r);
bool canBackquote(std::string_view s);
bool isPrint(int32_t r);
bool isGraphic(int32_t r);

// --- parsing ----------------------------------------------------------------------

// The error of a failed conversion: Go's *strconv.NumError.
struct NumError {
  enum class Kind { Syntax, Range, Other };
  std::string func;  // "Atoi", "ParseInt", "ParseUint", "ParseFloat", "ParseBool"
  std::string num;   // the input
  Kind kind = Kind::Syntax;
  std::string err;  // "invalid syntax", "value out of range", "invalid base 1", ...
  // The text of Error(): `strconv.Atoi: parsing "abc": invalid syntax`.
  std::string message() const;
};

// The result of a parse: the value Go returns (which, on a range error, is the clamped
// value or ±Inf, as in Go) and the error, if any.
template <typename T>
struct Parsed {
  T value{};
  std::optional<NumError> error;
  bool ok() const { return !error; }
};

Parsed<bool> parseBool(std::string_view s);
Parsed<int64_t> parseInt(std::string_view s, int base, int bitSize);
Parsed<uint64_t> parseUint(std::string_view s, int base, int bitSize);
Parsed<int64_t> atoi(std::string_view s);
// bitSize 32: the result is rounded to float32 (returned as a double), as Go.
Parsed<double> parseFloat(std::string_view s, int bitSize);

// Unquote: the string value of a Go string or rune literal; nullopt where Go returns
// ErrSyntax ("invalid syntax").
std::optional<std::string> unquote(std::string_view s);

}  // namespace gol::stdlib::strconv
