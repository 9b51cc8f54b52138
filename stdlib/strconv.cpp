#include "stdlib/strconv.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "stdlib/support.h"
#include "stdlib/unicode.h"
#include "stdlib/utf8.h"

namespace gol::stdlib::strconv {

namespace {

constexpr char kLowerHex[] = "0123456789abcdef";
constexpr char kUpperHex[] = "0123456789ABCDEF";
constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

char lower(char c) {
  return static_cast<char>(c | ('x' - 'X'));
}

void appendUnsigned(std::string& out, uint64_t u, int base, bool neg) {
  if (base < 2 || base > 36) panicString("strconv: illegal AppendInt/FormatInt base");
  char buf[65];
  int i = 65;
  do {
    buf[--i] = kDigits[u % static_cast<unsigned>(base)];
    u /= static_cast<unsigned>(base);
  } while (u != 0);
  if (neg) buf[--i] = '-';
  out.append(buf + i, 65 - i);
}

// --- floats: Go's ftoa.go over a decimal digit string ---------------------------------

// A decimal number 0.d[0]d[1]...d[nd-1] × 10^dp, trailing zeros trimmed; zero has nd 0.
struct Digits {
  char d[800];
  int nd = 0;
  int dp = 0;
};

// Parses to_chars' scientific output ("d.ddde±xx", sign already removed) into digits.
void fromScientific(const char* p, const char* end, Digits& digs) {
  digs.nd = 0;
  const char* e = p;
  while (e < end && *e != 'e') ++e;
  for (const char* q = p; q < e; ++q) {
    if (*q != '.') digs.d[digs.nd++] = *q;
  }
  int exp = 0;
  std::from_chars(e + 1 + (e[1] == '+'), end, exp);
  digs.dp = exp + 1;
  while (digs.nd > 0 && digs.d[digs.nd - 1] == '0') --digs.nd;
  if (digs.nd == 0) digs.dp = 0;
}

void shortestDigits(double v, int bitSize, Digits& digs) {
  char buf[64];
  std::to_chars_result r;
  v = std::fabs(v);
  if (bitSize == 32) {
    r = std::to_chars(buf, buf + sizeof buf, static_cast<float>(v), std::chars_format::scientific);
  } else {
    r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  }
  fromScientific(buf, r.ptr, digs);
}

// The value rounded to n significant digits (n >= 1), correctly rounded (ties to even on
// the exact binary value, as Go's decimal rounding).
void fixedDigits(double v, int n, Digits& digs) {
  char buf[900];
  auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::scientific, n - 1);
  fromScientific(buf, r.ptr, digs);
}

void fmtE(std::string& out, bool neg, const Digits& d, int prec, char fmt) {
  if (neg) out += '-';
  out += d.nd != 0 ? d.d[0] : '0';
  if (prec > 0) {
    out += '.';
    int i = 1;
    int m = std::min(d.nd, prec + 1);
    if (i < m) {
      out.append(d.d + i, m - i);
      i = m;
    }
    for (; i <= prec; ++i) out += '0';
  }
  out += fmt;
  int exp = d.dp - 1;
  if (d.nd == 0) exp = 0;
  if (exp < 0) {
    out += '-';
    exp = -exp;
  } else {
    out += '+';
  }
  if (exp < 10) {
    out += '0';
    out += static_cast<char>('0' + exp);
  } else if (exp < 100) {
    out += static_cast<char>('0' + exp / 10);
    out += static_cast<char>('0' + exp % 10);
  } else {
    out += static_cast<char>('0' + exp / 100);
    out += static_cast<char>('0' + exp / 10 % 10);
    out += static_cast<char>('0' + exp % 10);
  }
}

void fmtF(std::string& out, bool neg, const Digits& d, int prec) {
  if (neg) out += '-';
  if (d.dp > 0) {
    int m = std::min(d.nd, d.dp);
    out.append(d.d, m);
    for (; m < d.dp; ++m) out += '0';
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (int i = 0; i < prec; ++i) {
      int j = d.dp + i;
      out += (j >= 0 && j < d.nd) ? d.d[j] : '0';
    }
  }
}

void formatDigits(std::string& out, bool shortest, bool neg, const Digits& digs, int prec,
                  char fmt) {
  switch (fmt) {
    case 'e':
    case 'E': fmtE(out, neg, digs, prec, fmt); return;
    case 'f': fmtF(out, neg, digs, prec); return;
    case 'g':
    case 'G': {
      int eprec = prec;
      if (eprec > digs.nd && digs.nd >= digs.dp) eprec = digs.nd;
      // %e is used if the exponent from the conversion is less than -4 or greater than
      // or equal to the precision; shortest formatting decides with precision 6.
      if (shortest) eprec = 6;
      int exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > digs.nd) prec = digs.nd;
        fmtE(out, neg, digs, prec - 1, static_cast<char>(fmt + 'e' - 'g'));
        return;
      }
      if (prec > digs.dp) prec = digs.nd;
      fmtF(out, neg, digs, std::max(prec - digs.dp, 0));
      return;
    }
  }
  out += '%';
  out += fmt;
}

void fmtB(std::string& out, bool neg, uint64_t mant, int exp, int mantbits) {
  if (neg) out += '-';
  appendUnsigned(out, mant, 10, false);
  out += 'p';
  exp -= mantbits;
  if (exp >= 0) out += '+';
  out += std::to_string(exp);
}

void fmtX(std::string& out, int prec, char fmt, bool neg, uint64_t mant, int exp, int mantbits) {
  if (mant == 0) exp = 0;
  // Shift digits so the leading 1 (if any) is at bit 1<<60.
  mant <<= 60 - mantbits;
  while (mant != 0 && (mant & (uint64_t{1} << 60)) == 0) {
    mant <<= 1;
    --exp;
  }
  // Round if requested.
  if (prec >= 0 && prec < 15) {
    unsigned shift = static_cast<unsigned>(prec * 4);
    uint64_t extra = (mant << shift) & ((uint64_t{1} << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (uint64_t{1} << 59)) ++mant;
    mant <<= 60 - shift;
    if ((mant & (uint64_t{1} << 61)) != 0) {
      mant >>= 1;
      ++exp;
    }
  }
  const char* hex = fmt == 'X' ? kUpperHex : kLowerHex;
  if (neg) out += '-';
  out += '0';
  out += fmt;
  out += static_cast<char>('0' + ((mant >> 60) & 1));
  mant <<= 4;  // remove the leading 0 or 1
  if (prec < 0 && mant != 0) {
    out += '.';
    while (mant != 0) {
      out += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  } else if (prec > 0) {
    out += '.';
    for (int i = 0; i < prec; ++i) {
      out += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  }
  out += fmt == 'X' ? 'P' : 'p';
  if (exp < 0) {
    out += '-';
    exp = -exp;
  } else {
    out += '+';
  }
  if (exp < 100) {
    out += static_cast<char>('0' + exp / 10);
    out += static_cast<char>('0' + exp % 10);
  } else {
    out += std::to_string(exp);
  }
}

// --- quoting -------------------------------------------------------------------------

void appendEscapedRune(std::string& out, int32_t r, char quote, bool asciiOnly, bool graphicOnly) {
  if (r == quote || r == '\\') {
    out += '\\';
    utf8::encodeRune(out, r);
    return;
  }
  if (asciiOnly) {
    if (r < utf8::RuneSelf && isPrint(r)) {
      out += static_cast<char>(r);
      return;
    }
  } else if (isPrint(r) || (graphicOnly && isGraphic(r))) {
    utf8::encodeRune(out, r);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
  }
  if ((r >= 0 && r < ' ') || r == 0x7F) {
    out += "\\x";
    out += kLowerHex[(r >> 4) & 0xF];
    out += kLowerHex[r & 0xF];
    return;
  }
  if (!utf8::validRune(r)) r = 0xFFFD;
  if (r < 0x10000) {
    out += "\\u";
    for (int s = 12; s >= 0; s -= 4) out += kLowerHex[(r >> s) & 0xF];
  } else {
    out += "\\U";
    for (int s = 28; s >= 0; s -= 4) out += kLowerHex[(r >> s) & 0xF];
  }
}

void appendQuotedWith(std::string& out, std::string_view s, char quote, bool asciiOnly,
                      bool graphicOnly) {
  out += quote;
  while (!s.empty()) {
    int32_t r = static_cast<uint8_t>(s[0]);
    int width = 1;
    if (r >= utf8::RuneSelf) {
      auto d = utf8::decodeRune(s);
      r = d.rune;
      width = d.size;
    }
    if (width == 1 && r == utf8::RuneError) {
      out += "\\x";
      out += kLowerHex[static_cast<uint8_t>(s[0]) >> 4];
      out += kLowerHex[static_cast<uint8_t>(s[0]) & 0xF];
    } else {
      appendEscapedRune(out, r, quote, asciiOnly, graphicOnly);
    }
    s.remove_prefix(static_cast<size_t>(width));
  }
  out += quote;
}

void appendQuotedRuneWith(std::string& out, int32_t r, bool asciiOnly, bool graphicOnly) {
  out += '\'';
  if (!utf8::validRune(r)) r = utf8::RuneError;
  appendEscapedRune(out, r, '\'', asciiOnly, graphicOnly);
  out += '\'';
}

// --- parsing -------------------------------------------------------------------------

NumError syntaxError(std::string_view fn, std::string_view s) {
  return NumError{std::string(fn), std::string(s), NumError::Kind::Syntax, "invalid syntax"};
}
NumError rangeError(std::string_view fn, std::string_view s) {
  return NumError{std::string(fn), std::string(s), NumError::Kind::Range, "value out of range"};
}
NumError baseError(std::string_view fn, std::string_view s, int base) {
  return NumError{std::string(fn), std::string(s), NumError::Kind::Other,
                  "invalid base " + std::to_string(base)};
}
NumError bitSizeError(std::string_view fn, std::string_view s, int bitSize) {
  return NumError{std::string(fn), std::string(s), NumError::Kind::Other,
                  "invalid bit size " + std::to_string(bitSize)};
}

// Go's underscoreOK: underscores only between digits (or after a base prefix).
bool underscoreOK(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' &&
      (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    if ((s[i] >= '0' && s[i] <= '9') || (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')) {
      saw = '0';
      continue;
    }
    if (s[i] == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

size_t commonPrefixLenIgnoreCase(std::string_view s, std::string_view prefix) {
  size_t n = std::min(s.size(), prefix.size());
  for (size_t i = 0; i < n; ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 'a' - 'A');
    if (c != prefix[i]) return i;
  }
  return n;
}

// Go's special(): infinities and NaN. Returns the length consumed, 0 if none.
size_t special(std::string_view s, double& f) {
  if (s.empty()) return 0;
  int sign = 1;
  size_t nsign = 0;
  switch (s[0]) {
    case '+':
    case '-': {
      if (s[0] == '-') sign = -1;
      nsign = 1;
      s.remove_prefix(1);
      [[fallthrough]];
    }
    case 'i':
    case 'I': {
      size_t n = commonPrefixLenIgnoreCase(s, "infinity");
      if (3 < n && n < 8) n = 3;
      if (n == 3 || n == 8) {
        f = sign * HUGE_VAL;
        return nsign + n;
      }
      break;
    }
    case 'n':
    case 'N':
      if (commonPrefixLenIgnoreCase(s, "nan") == 3) {
        f = std::nan("");
        return 3;
      }
      break;
  }
  return 0;
}

// Go's readFloat as a syntax check: the whole of s must be one decimal or hexadecimal
// float literal (with optional sign and underscores). Produces the literal without
// underscores, sign and "0x" prefix in `clean`.
bool readFloat(std::string_view s, bool& neg, bool& hex, std::string& clean) {
  size_t i = 0;
  bool underscores = false;
  neg = false;
  hex = false;
  if (i >= s.size()) return false;
  if (s[i] == '+') {
    ++i;
  } else if (s[i] == '-') {
    neg = true;
    ++i;
  }
  char expChar = 'e';
  if (i + 2 < s.size() && s[i] == '0' && lower(s[i + 1]) == 'x') {
    hex = true;
    i += 2;
    expChar = 'p';
  }
  bool sawdot = false, sawdigits = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.') {
      if (sawdot) break;
      sawdot = true;
      clean += c;
      continue;
    }
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      sawdigits = true;
      clean += c;
      continue;
    }
    break;
  }
  if (!sawdigits) return false;
  if (i < s.size() && lower(s[i]) == expChar) {
    clean += expChar;
    ++i;
    if (i >= s.size()) return false;
    if (s[i] == '+') {
      ++i;
    } else if (s[i] == '-') {
      clean += '-';
      ++i;
    }
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    int e = 0;
    for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); ++i) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      if (e < 10000) e = e * 10 + (s[i] - '0');
    }
    clean += std::to_string(e);
  } else if (hex) {
    return false;  // a hexadecimal mantissa needs a 'p' exponent
  }
  if (i != s.size()) return false;
  if (underscores && !underscoreOK(s)) return false;
  return true;
}

}  // namespace

// --- formatting ----------------------------------------------------------------------

std::string formatInt(int64_t v, int base) {
  std::string out;
  bool neg = v < 0;
  appendUnsigned(out, neg ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v), base, neg);
  return out;
}

std::string formatUint(uint64_t v, int base) {
  std::string out;
  appendUnsigned(out, v, base, false);
  return out;
}

std::string itoa(int64_t v) {
  return formatInt(v, 10);
}

std::string formatBool(bool v) {
  return v ? "true" : "false";
}

void appendFloat(std::string& out, double val, char fmt, int prec, int bitSize) {
  uint64_t bits;
  int mantbits, expbits, bias;
  if (bitSize == 32) {
    float f = static_cast<float>(val);
    uint32_t b;
    std::memcpy(&b, &f, 4);
    bits = b;
    mantbits = 23;
    expbits = 8;
    bias = -127;
  } else if (bitSize == 64) {
    std::memcpy(&bits, &val, 8);
    mantbits = 52;
    expbits = 11;
    bias = -1023;
  } else {
    panicString("strconv: illegal AppendFloat/FormatFloat bitSize");
  }
  bool neg = (bits >> (expbits + mantbits)) != 0;
  int exp = static_cast<int>(bits >> mantbits) & ((1 << expbits) - 1);
  uint64_t mant = bits & ((uint64_t{1} << mantbits) - 1);
  if (exp == (1 << expbits) - 1) {
    out += mant != 0 ? "NaN" : neg ? "-Inf" : "+Inf";
    return;
  }
  if (exp == 0) {
    ++exp;  // denormalized
  } else {
    mant |= uint64_t{1} << mantbits;
  }
  exp += bias;
  if (fmt == 'b') {
    fmtB(out, neg, mant, exp, mantbits);
    return;
  }
  if (fmt == 'x' || fmt == 'X') {
    fmtX(out, prec, fmt, neg, mant, exp, mantbits);
    return;
  }
  double v = bitSize == 32 ? static_cast<double>(static_cast<float>(val)) : val;
  bool shortest = prec < 0;
  if (shortest) {
    Digits digs;
    shortestDigits(v, bitSize, digs);
    switch (fmt) {
      case 'e':
      case 'E': prec = std::max(digs.nd - 1, 0); break;
      case 'f': prec = std::max(digs.nd - digs.dp, 0); break;
      case 'g':
      case 'G': prec = digs.nd; break;
    }
    formatDigits(out, true, neg, digs, prec, fmt);
    return;
  }
  if (fmt == 'f') {
    // Exact decimal rounding at prec digits after the point.
    std::string buf(static_cast<size_t>(prec) + 400, '\0');
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), std::fabs(v),
                           std::chars_format::fixed, prec);
    if (neg) out += '-';
    out.append(buf.data(), r.ptr);
    return;
  }
  int digits = prec;
  switch (fmt) {
    case 'e':
    case 'E': digits = prec + 1; break;
    case 'g':
    case 'G':
      if (prec == 0) prec = 1;
      digits = prec;
      break;
    default: digits = 1;
  }
  Digits digs;
  // More than 767 significant digits of a double are all zeros.
  fixedDigits(v, std::min(digits, 780), digs);
  formatDigits(out, false, neg, digs, prec, fmt);
}

std::string formatFloat(double f, char fmt, int prec, int bitSize) {
  std::string out;
  appendFloat(out, f, fmt, prec, bitSize);
  return out;
}

// --- quoting ----------------------------------------------------------------------

void appendQuote(std::string& out, std::string_view s) {
  appendQuotedWith(out, s, '"', false, false);
}
void appendQuoteToASCII(std::string& out, std::string_view s) {
  appendQuotedWith(out, s, '"', true, false);
}
void appendQuoteRune(std::string& out, int32_t r) {
  appendQuotedRuneWith(out, r, false, false);
}
void appendQuoteRuneToASCII(std::string& out, int32_t r) {
  appendQuotedRuneWith(out, r, true, false);
}

std::string quote(std::string_view s) {
  std::string out;
  appendQuotedWith(out, s, '"', false, false);
  return out;
}
std::string quoteToASCII(std::string_view s) {
  std::string out;
  appendQuotedWith(out, s, '"', true, false);
  return out;
}
std::string quoteToGraphic(std::string_view s) {
  std::string out;
  appendQuotedWith(out, s, '"', false, true);
  return out;
}
std::string quoteRune(int32_t r) {
  std::string out;
  appendQuotedRuneWith(out, r, false, false);
  return out;
}
std::string quoteRuneToASCII(int32_t r) {
  std::string out;
  appendQuotedRuneWith(out, r, true, false);
  return out;
}
std::string quoteRuneToGraphic(int32_t r) {
  std::string out;
  appendQuotedRuneWith(out, r, false, true);
  return out;
}

bool canBackquote(std::string_view s) {
  while (!s.empty()) {
    auto d = utf8::decodeRune(s);
    s.remove_prefix(static_cast<size_t>(d.size));
    if (d.size > 1) {
      if (d.rune == 0xFEFF) return false;  // BOMs are invisible
      continue;
    }
    if (d.rune == utf8::RuneError) return false;
    if ((d.rune < ' ' && d.rune != '\t') || d.rune == '`' || d.rune == 0x7F) return false;
  }
  return true;
}

bool isPrint(int32_t r) {
  return unicode::isPrint(r);
}
bool isGraphic(int32_t r) {
  return unicode::isGraphic(r);
}

// --- parsing ----------------------------------------------------------------------

std::string NumError::message() const {
  return "strconv." + func + ": parsing " + quote(num) + ": " + err;
}

Parsed<bool> parseBool(std::string_view s) {
  if (s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True") {
    return {true, {}};
  }
  if (s == "0" || s == "f" || s == "F" || s == "false" || s == "FALSE" || s == "False") {
    return {false, {}};
  }
  return {false, syntaxError("ParseBool", s)};
}

Parsed<uint64_t> parseUint(std::string_view s, int base, int bitSize) {
  constexpr std::string_view fn = "ParseUint";
  if (s.empty()) return {0, syntaxError(fn, s)};
  bool base0 = base == 0;
  std::string_view s0 = s;
  if (base >= 2 && base <= 36) {
    // ok
  } else if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && lower(s[1]) == 'b') {
        base = 2;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'o') {
        base = 8;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'x') {
        base = 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
      }
    }
  } else {
    return {0, baseError(fn, s0, base)};
  }
  if (bitSize == 0) {
    bitSize = IntSize;
  } else if (bitSize < 0 || bitSize > 64) {
    return {0, bitSizeError(fn, s0, bitSize)};
  }
  uint64_t cutoff = UINT64_MAX / static_cast<uint64_t>(base) + 1;
  uint64_t maxVal = bitSize == 64 ? UINT64_MAX : (uint64_t{1} << bitSize) - 1;
  bool underscores = false;
  uint64_t n = 0;
  for (char c : s) {
    int d;
    if (c == '_' && base0) {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (lower(c) >= 'a' && lower(c) <= 'z') {
      d = lower(c) - 'a' + 10;
    } else {
      return {0, syntaxError(fn, s0)};
    }
    if (d >= base) return {0, syntaxError(fn, s0)};
    if (n >= cutoff) return {maxVal, rangeError(fn, s0)};
    n *= static_cast<uint64_t>(base);
    uint64_t n1 = n + static_cast<uint64_t>(d);
    if (n1 < n || n1 > maxVal) return {maxVal, rangeError(fn, s0)};
    n = n1;
  }
  if (underscores && !underscoreOK(s0)) return {0, syntaxError(fn, s0)};
  return {n, {}};
}

Parsed<int64_t> parseInt(std::string_view s, int base, int bitSize) {
  constexpr std::string_view fn = "ParseInt";
  if (s.empty()) return {0, syntaxError(fn, s)};
  std::string_view s0 = s;
  bool neg = false;
  if (s[0] == '+') {
    s.remove_prefix(1);
  } else if (s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  Parsed<uint64_t> un = parseUint(s, base, bitSize);
  if (un.error && un.error->kind != NumError::Kind::Range) {
    NumError e = *un.error;
    e.func = fn;
    e.num = std::string(s0);
    return {0, e};
  }
  if (bitSize == 0) bitSize = IntSize;
  uint64_t cutoff = uint64_t{1} << (bitSize - 1);
  if (!neg && un.value >= cutoff) return {static_cast<int64_t>(cutoff - 1), rangeError(fn, s0)};
  if (neg && un.value > cutoff) return {static_cast<int64_t>(0 - cutoff), rangeError(fn, s0)};
  auto n = static_cast<int64_t>(un.value);
  if (neg) n = static_cast<int64_t>(0 - un.value);
  return {n, {}};
}

Parsed<int64_t> atoi(std::string_view s) {
  constexpr std::string_view fn = "Atoi";
  if (!s.empty() && s.size() < 19) {
    // Fast path for small integers that fit int.
    std::string_view s0 = s;
    if (s[0] == '-' || s[0] == '+') {
      s.remove_prefix(1);
      if (s.empty()) return {0, syntaxError(fn, s0)};
    }
    int64_t n = 0;
    for (char ch : s) {
      auto d = static_cast<uint8_t>(ch - '0');
      if (d > 9) return {0, syntaxError(fn, s0)};
      n = n * 10 + d;
    }
    if (s0[0] == '-') n = -n;
    return {n, {}};
  }
  Parsed<int64_t> r = parseInt(s, 10, 0);
  if (r.error) r.error->func = fn;
  return r;
}

Parsed<double> parseFloat(std::string_view s, int bitSize) {
  constexpr std::string_view fn = "ParseFloat";
  double f;
  size_t n = special(s, f);
  if (n != 0) {
    if (n != s.size()) return {0, syntaxError(fn, s)};
    return {f, {}};
  }
  bool neg, hex;
  std::string clean;
  if (!readFloat(s, neg, hex, clean)) return {0, syntaxError(fn, s)};
  const char* b = clean.data();
  const char* e = b + clean.size();
  auto format = hex ? std::chars_format::hex : std::chars_format::general;
  std::from_chars_result r;
  double value;
  if (bitSize == 32) {
    float v32 = 0;
    r = std::from_chars(b, e, v32, format);
    value = v32;
  } else {
    r = std::from_chars(b, e, value, format);
  }
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow gives ±Inf and a range error; underflow gives zero (Go: no error).
    std::string literal = (hex ? "0x" : "") + clean;
    errno = 0;
    double big = bitSize == 32 ? std::strtof(literal.c_str(), nullptr)
                               : std::strtod(literal.c_str(), nullptr);
    if (std::isinf(big)) return {neg ? -HUGE_VAL : HUGE_VAL, rangeError(fn, s)};
    value = big;
  } else if (r.ec != std::errc() || r.ptr != e) {
    return {0, syntaxError(fn, s)};
  }
  return {neg ? -value : value, {}};
}

// --- unquoting ---------------------------------------------------------------------

namespace {

int unhex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go's UnquoteChar: decodes the first character or escape of s; false on a syntax error.
bool unquoteChar(std::string_view& s, char quote, int32_t& value, bool& multibyte) {
  multibyte = false;
  if (s.empty()) return false;
  auto c = static_cast<uint8_t>(s[0]);
  if (c == quote && (quote == '\'' || quote == '"')) return false;
  if (c >= utf8::RuneSelf) {
    auto d = utf8::decodeRune(s);
    s.remove_prefix(static_cast<size_t>(d.size));
    value = d.rune;
    multibyte = true;
    return true;
  }
  if (c != '\\') {
    value = c;
    s.remove_prefix(1);
    return true;
  }
  if (s.size() <= 1) return false;
  char e = s[1];
  s.remove_prefix(2);
  switch (e) {
    case 'a': value = '\a'; break;
    case 'b': value = '\b'; break;
    case 'f': value = '\f'; break;
    case 'n': value = '\n'; break;
    case 'r': value = '\r'; break;
    case 't': value = '\t'; break;
    case 'v': value = '\v'; break;
    case 'x':
    case 'u':
    case 'U': {
      size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      if (s.size() < n) return false;
      int32_t v = 0;
      for (size_t j = 0; j < n; ++j) {
        int x = unhex(s[j]);
        if (x < 0) return false;
        v = static_cast<int32_t>((static_cast<uint32_t>(v) << 4) | static_cast<uint32_t>(x));
      }
      s.remove_prefix(n);
      if (e == 'x') {
        value = v;
        break;
      }
      if (!utf8::validRune(v)) return false;
      value = v;
      multibyte = true;
      break;
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      int32_t v = e - '0';
      if (s.size() < 2) return false;
      for (size_t j = 0; j < 2; ++j) {
        int x = s[j] - '0';
        if (x < 0 || x > 7) return false;
        v = (v << 3) | x;
      }
      s.remove_prefix(2);
      if (v > 255) return false;
      value = v;
      break;
    }
    case '\\': value = '\\'; break;
    case '\'':
    case '"':
      if (e != quote) return false;
      value = e;
      break;
    default: return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> unquote(std::string_view in) {
  if (in.size() < 2) return std::nullopt;
  char q = in[0];
  if (q != in.back()) return std::nullopt;
  in = in.substr(1, in.size() - 2);
  if (q == '`') {
    if (in.find('`') != std::string_view::npos) return std::nullopt;
    std::string out;
    for (char c : in) {
      if (c != '\r') out += c;
    }
    return out;
  }
  if (q != '"' && q != '\'') return std::nullopt;
  // Go accepts '' (an empty rune literal) and unquotes it to "".
  if (q == '\'' && in.empty()) return std::string();
  std::string out;
  int count = 0;
  while (!in.empty()) {
    if (in[0] == '\n') return std::nullopt;
    int32_t v;
    bool multibyte;
    if (!unquoteChar(in, q, v, multibyte)) return std::nullopt;
    if (v < utf8::RuneSelf || !multibyte) {
      out += static_cast<char>(v);
    } else {
      utf8::encodeRune(out, v);
    }
    ++count;
    if (q == '\'' && count > 1) return std::nullopt;
  }
  if (q == '\'' && count != 1) return std::nullopt;
  return out;
}

}  // namespace gol::stdlib::strconv
