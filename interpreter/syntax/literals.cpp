#include "interpreter/syntax/literals.h"

#include <cctype>
#include <cstdio>

namespace gol::syntax {

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one escape at text[i] == '\\'; advances i past it. `quote` is the literal's
// quote character, the only quote that may be escaped.
// Go's %q of a character in an error message ('x', '\n', '\'').
std::string quoteChar(char c) {
  switch (c) {
    case '\n': return "'\\n'";
    case '\r': return "'\\r'";
    case '\t': return "'\\t'";
    case '\'': return "'\\''";
    case '\\': return "'\\\\'";
    default: break;
  }
  return std::string("'") + c + "'";
}

// Go's %#U: U+0041 'A', or just U+D800 for a code point that cannot be printed.
std::string codePointText(uint32_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "U+%04X", v);
  std::string out = buf;
  if (v >= 0x20 && v != 0x7F && v <= 0x10FFFF && !(v >= 0xD800 && v < 0xE000) &&
      !(v >= 0x80 && v < 0xA0)) {
    out += " '";
    appendUtf8(out, v);
    out += "'";
  }
  return out;
}

// Decodes one escape at text[i] == '\\'; advances i past it. `quote` is the literal's
// quote character, the only quote that may be escaped. Errors are Go's scanner's, at the
// offsets it reports them.
std::optional<LiteralError> decodeEscape(const std::string& text, size_t& i, char quote,
                                         uint32_t& value, bool& isByte) {
  ++i;  // the backslash
  if (i >= text.size()) return LiteralError{i, "unknown escape"};
  char c = text[i];
  isByte = false;
  switch (c) {
    case 'a':
      value = 7;
      ++i;
      return std::nullopt;
    case 'b':
      value = 8;
      ++i;
      return std::nullopt;
    case 'f':
      value = 12;
      ++i;
      return std::nullopt;
    case 'n':
      value = 10;
      ++i;
      return std::nullopt;
    case 'r':
      value = 13;
      ++i;
      return std::nullopt;
    case 't':
      value = 9;
      ++i;
      return std::nullopt;
    case 'v':
      value = 11;
      ++i;
      return std::nullopt;
    case '\\':
      value = '\\';
      ++i;
      return std::nullopt;
    case '\'':
    case '"':
      if (c != quote) return LiteralError{i, "unknown escape"};
      value = static_cast<uint32_t>(c);
      ++i;
      return std::nullopt;
    default: break;
  }
  int digits = 0, base = 0;
  uint32_t max = 0;
  if (c >= '0' && c <= '7') {
    digits = 3, base = 8, max = 255;
  } else if (c == 'x') {
    digits = 2, base = 16, max = 255, ++i;
  } else if (c == 'u') {
    digits = 4, base = 16, max = 0x10FFFF, ++i;
  } else if (c == 'U') {
    digits = 8, base = 16, max = 0x10FFFF, ++i;
  } else {
    return LiteralError{i, "unknown escape"};
  }
  uint32_t v = 0;
  for (int k = 0; k < digits; ++k) {
    int d = i < text.size() ? hexValue(text[i]) : -1;
    if (d < 0 || d >= base) {
      char bad = i < text.size() ? text[i] : quote;
      return LiteralError{i, "invalid character " + quoteChar(bad) + " in " +
                                 (base == 8 ? "octal" : "hexadecimal") + " escape"};
    }
    v = v * base + static_cast<uint32_t>(d);
    ++i;
  }
  if (v > max && base == 8) {
    return LiteralError{i, "octal escape value " + std::to_string(v) + " > 255"};
  }
  if (v > max || (v >= 0xD800 && v < 0xE000)) {
    return LiteralError{i, "escape is invalid Unicode code point " + codePointText(v)};
  }
  isByte = (c != 'u' && c != 'U');
  value = v;
  return std::nullopt;
}

// Decodes one UTF-8 sequence at text[i]; advances i. Invalid bytes decode as U+FFFD.
uint32_t decodeUtf8(const std::string& text, size_t& i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > text.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t r = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    r = (r << 6) | (cc & 0x3F);
  }
  // As Go's utf8.DecodeRune: no overlong forms, surrogate halves or code points past
  // U+10FFFF (ANTLR's input stream throws on the last two).
  if ((len == 2 && r < 0x80) || (len == 3 && (r < 0x800 || (r >= 0xD800 && r < 0xE000))) ||
      (len == 4 && (r < 0x10000 || r > 0x10FFFF))) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return r;
}

}  // namespace

void appendUtf8(std::string& out, uint32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) r = 0xFFFD;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

std::optional<LiteralError> decodeString(const std::string& literal, std::string& out) {
  out.clear();
  if (literal.size() < 2) return LiteralError{0, "string literal not terminated"};
  if (literal[0] == '`') {
    for (size_t i = 1; i + 1 < literal.size(); ++i) {
      if (literal[i] != '\r') out += literal[i];
    }
    return std::nullopt;
  }
  size_t i = 1, end = literal.size() - 1;
  while (i < end) {
    if (literal[i] == '\\') {
      uint32_t v = 0;
      bool isByte = false;
      if (auto err = decodeEscape(literal, i, '"', v, isByte)) return err;
      if (isByte) {
        out += static_cast<char>(v);
      } else {
        appendUtf8(out, v);
      }
    } else {
      out += literal[i++];
    }
  }
  return std::nullopt;
}

std::optional<LiteralError> decodeRune(const std::string& literal, uint32_t& out) {
  size_t end = literal.size() - 1;
  if (literal.size() < 3) {
    return LiteralError{literal.size() - 1, "empty rune literal or unescaped ' in rune literal"};
  }
  size_t i = 1;
  int count = 0;
  while (i < end) {
    uint32_t v = 0;
    if (literal[i] == '\\') {
      bool isByte = false;
      if (auto err = decodeEscape(literal, i, '\'', v, isByte)) return err;
    } else {
      v = decodeUtf8(literal, i);
    }
    if (count++ == 0) out = v;
  }
  if (count != 1) return LiteralError{0, "more than one character in rune literal"};
  return std::nullopt;
}

namespace {

const char* baseName(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 16: return "hexadecimal";
    default: return "decimal";
  }
}

bool isDecimal(char c) {
  return c >= '0' && c <= '9';
}
bool isHex(char c) {
  return hexValue(c) >= 0;
}
char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// The index of the first '_' that does not separate two digits (a base prefix counts as
// a digit), or npos. Go's scanner's invalidSep.
size_t invalidSep(const std::string& x) {
  char x1 = ' ';
  char d = '.';  // '_', '0' (a digit) or '.' (anything else)
  size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    x1 = lower(x[1]);
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); ++i) {
    char p = d;
    d = x[i];
    if (d == '_') {
      if (p != '0') return i;
    } else if (isDecimal(d) || (x1 == 'x' && isHex(d))) {
      d = '0';
    } else {
      if (p == '_') return i - 1;
      d = '.';
    }
  }
  if (d == '_') return x.size() - 1;
  return std::string::npos;
}

}  // namespace

std::optional<LiteralError> checkNumber(const std::string& lit) {
  // A port of Go's scanner (cmd/compile/internal/syntax, scanner.number): the same
  // checks, in the same order, with the same messages and offsets. The lexer hands over
  // the same extent Go's scanner takes, well-formed or not.
  size_t i = 0;
  auto ch = [&]() -> char { return i < lit.size() ? lit[i] : '\0'; };
  bool isInt = true;
  int base = 10;
  char prefix = 0;  // 0 (decimal), '0' (legacy octal), 'x', 'o' or 'b'
  int digsep = 0;   // bit 0: a digit seen, bit 1: a '_' seen
  size_t invalid = std::string::npos;
  auto digits = [&](int b, bool track) {
    int ds = 0;
    if (b <= 10) {
      while (isDecimal(ch()) || ch() == '_') {
        if (ch() == '_') {
          ds |= 2;
        } else {
          ds |= 1;
          if (track && ch() - '0' >= b && invalid == std::string::npos) invalid = i;
        }
        ++i;
      }
    } else {
      while (isHex(ch()) || ch() == '_') {
        ds |= ch() == '_' ? 2 : 1;
        ++i;
      }
    }
    return ds;
  };
  bool seenPoint = ch() == '.';
  if (seenPoint) {
    ++i;
  } else {
    if (ch() == '0') {
      ++i;
      switch (lower(ch())) {
        case 'x': ++i, base = 16, prefix = 'x'; break;
        case 'o': ++i, base = 8, prefix = 'o'; break;
        case 'b': ++i, base = 2, prefix = 'b'; break;
        default: base = 8, prefix = '0', digsep = 1; break;
      }
    }
    digsep |= digits(base, true);
    if (ch() == '.') {
      if (prefix == 'o' || prefix == 'b') {
        return LiteralError{i,
                            std::string("invalid radix point in ") + baseName(base) + " literal"};
      }
      ++i;
      seenPoint = true;
    }
  }
  if (seenPoint) {
    isInt = false;
    digsep |= digits(base, true);
  }
  if ((digsep & 1) == 0)
    return LiteralError{i, std::string(baseName(base)) + " literal has no digits"};
  char e = lower(ch());
  if (e == 'e' || e == 'p') {
    if (e == 'e' && prefix != 0 && prefix != '0') {
      return LiteralError{i, "'" + std::string(1, ch()) + "' exponent requires decimal mantissa"};
    }
    if (e == 'p' && prefix != 'x') {
      return LiteralError{i,
                          "'" + std::string(1, ch()) + "' exponent requires hexadecimal mantissa"};
    }
    ++i;
    isInt = false;
    if (ch() == '+' || ch() == '-') ++i;
    int ds = digits(10, false);
    digsep = ds | (digsep & 2);
    if ((ds & 1) == 0) return LiteralError{i, "exponent has no digits"};
  } else if (prefix == 'x' && !isInt) {
    return LiteralError{i, "hexadecimal mantissa requires a 'p' exponent"};
  }
  bool imaginary = ch() == 'i';
  if (imaginary) ++i;
  if (isInt && !imaginary && invalid != std::string::npos) {
    return LiteralError{invalid, std::string("invalid digit '") + lit[invalid] + "' in " +
                                     baseName(base) + " literal"};
  }
  if (digsep & 2) {
    if (size_t k = invalidSep(lit); k != std::string::npos) {
      return LiteralError{k, "'_' must separate successive digits"};
    }
  }
  return std::nullopt;
}

std::optional<LiteralError> checkSourceText(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0) return LiteralError{i, "invalid NUL character"};
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t start = i;
    uint32_t r = decodeUtf8(text, i);
    if (r == 0xFFFD && !(i - start == 3 && text.compare(start, 3, "\xEF\xBF\xBD") == 0)) {
      return LiteralError{start, "invalid UTF-8 encoding"};
    }
  }
  return std::nullopt;
}

}  // namespace gol::syntax
