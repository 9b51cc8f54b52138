// fmt: Print and Println with Go's formatting of their operands (%v).
#include <charconv>
#include <cmath>

#include "stdlib/packages.h"

namespace gol::stdlib {

namespace {

// %v of a float64: the shortest representation that round-trips, in %e form when the
// exponent is < -4 or >= 21 (fmt's rule for %v), with Go's spelling of the specials.
void formatFloat(std::string& out, double f) {
  if (std::isnan(f)) {
    out += "NaN";
    return;
  }
  if (std::isinf(f)) {
    out += f > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buf[64];
  auto sci = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string s(buf, sci.ptr);
  int exp = std::atoi(s.c_str() + s.find('e') + 1);
  if (exp < -4 || exp >= 21) {
    out += s;
    return;
  }
  auto fixed = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed);
  out.append(buf, fixed.ptr);
}

void formatValue(std::string& out, const eval::Value& v) {
  auto b = dynamic_cast<const check::Basic*>(v.type());
  if (!b) {
    out += "%!v(unsupported)";
    return;
  }
  if (b->isBoolean()) {
    out += v.asBool() ? "true" : "false";
  } else if (b->isString()) {
    out += v.asString();
  } else if (b->isFloat()) {
    formatFloat(out, v.asFloat());
  } else if (b->isUnsigned()) {
    out += std::to_string(static_cast<uint64_t>(v.asInt()));
  } else {
    out += std::to_string(v.asInt());
  }
}

bool isString(const eval::Value& v) {
  auto b = dynamic_cast<const check::Basic*>(v.type());
  return b && b->isString();
}

}  // namespace

// Print adds spaces between operands when neither side is a string.
void printImpl(const std::vector<eval::Value>& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0 && !isString(args[i - 1]) && !isString(args[i])) out += ' ';
    formatValue(out, args[i]);
  }
  writeStdout(out);
}

// Println always adds spaces between operands and a newline.
void printlnImpl(const std::vector<eval::Value>& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ' ';
    formatValue(out, args[i]);
  }
  out += '\n';
  writeStdout(out);
}

}  // namespace gol::stdlib
