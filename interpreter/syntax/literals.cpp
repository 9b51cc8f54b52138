#include "interpreter/syntax/literals.h"

#include <cctype>

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
std::optional<LiteralError> decodeEscape(const std::string& text, size_t& i, char quote,
                                         uint32_t& value, bool& isByte) {
  size_t start = i;
  ++i;  // the backslash
  if (i >= text.size()) return LiteralError{start, "escape sequence not terminated"};
  char c = text[i++];
  isByte = false;
  switch (c) {
    case 'a': value = 7; return std::nullopt;
    case 'b': value = 8; return std::nullopt;
    case 'f': value = 12; return std::nullopt;
    case 'n': value = 10; return std::nullopt;
    case 'r': value = 13; return std::nullopt;
    case 't': value = 9; return std::nullopt;
    case 'v': value = 11; return std::nullopt;
    case '\\': value = '\\'; return std::nullopt;
    case '\'':
    case '"':
      if (c != quote) return LiteralError{start, "unknown escape"};
      value = static_cast<uint32_t>(c);
      return std::nullopt;
    default: break;
  }
  int digits = 0, base = 0;
  uint32_t max = 0;
  if (c >= '0' && c <= '7') {
    digits = 3, base = 8, max = 255, --i;
  } else if (c == 'x') {
    digits = 2, base = 16, max = 255;
  } else if (c == 'u') {
    digits = 4, base = 16, max = 0x10FFFF;
  } else if (c == 'U') {
    digits = 8, base = 16, max = 0x10FFFF;
  } else {
    return LiteralError{start, "unknown escape"};
  }
  uint32_t v = 0;
  for (int k = 0; k < digits; ++k) {
    if (i >= text.size() || text[i] == quote) {
      return LiteralError{i, "escape sequence is incomplete"};
    }
    int d = hexValue(text[i]);
    if (d < 0 || d >= base) {
      return LiteralError{i, std::string("invalid character ") + "'" + text[i] + "'" +
                                 " in " + (base == 8 ? "octal" : "hexadecimal") +
                                 " escape"};
    }
    v = v * base + static_cast<uint32_t>(d);
    ++i;
  }
  if (v > max && base == 8) return LiteralError{start, "octal escape value > 255"};
  if (v > max || (v >= 0xD800 && v < 0xE000)) {
    return LiteralError{start, "escape is invalid Unicode code point"};
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
    return LiteralError{0, "empty rune literal or unescaped ' in rune literal"};
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

std::optional<LiteralError> checkNumber(const std::string& lit) {
  // Mirrors the checks of Go's scanner: digits valid for the base, and every '_' between
  // digits (or between a base prefix and a digit).
  std::string body = lit;
  if (!body.empty() && body.back() == 'i') body.pop_back();
  int base = 10;
  size_t i = 0;
  const char* name = "decimal";
  if (body.size() >= 2 && body[0] == '0') {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(body[1])));
    if (p == 'x') base = 16, name = "hexadecimal", i = 2;
    if (p == 'o') base = 8, name = "octal", i = 2;
    if (p == 'b') base = 2, name = "binary", i = 2;
  }
  bool isFloat = false;
  for (char c : body) {
    if (c == '.' || ((c == 'e' || c == 'E') && base == 10) || c == 'p' || c == 'P') isFloat = true;
  }
  if (base == 10 && !isFloat && body.size() > 1 && body[0] == '0') {
    base = 8;  // legacy octal such as 0777
    name = "octal";
  }
  if (i == 2 && i >= body.size()) return LiteralError{0, std::string(name) + " literal has no digits"};
  char prev = i == 2 ? '_' : 0;  // a prefix behaves like a digit for '_' placement
  if (i == 2) prev = 'x';
  bool inExponent = false;
  for (; i < body.size(); ++i) {
    char c = body[i];
    if (c == '_') {
      if (!(std::isxdigit(static_cast<unsigned char>(prev)) || prev == 'x')) {
        return LiteralError{i, "'_' must separate successive digits"};
      }
    } else if (c == '.' || c == '+' || c == '-') {
      if (prev == '_') return LiteralError{i - 1, "'_' must separate successive digits"};
    } else if (!inExponent && ((base != 16 && (c == 'e' || c == 'E')) || c == 'p' || c == 'P')) {
      if (prev == '_') return LiteralError{i - 1, "'_' must separate successive digits"};
      inExponent = true;
    } else if (!inExponent && base != 16 && std::isdigit(static_cast<unsigned char>(c))) {
      if (c - '0' >= base && !isFloat) {
        return LiteralError{i, std::string("invalid digit '") + c + "' in " + name + " literal"};
      }
    }
    prev = c;
  }
  if (prev == '_') return LiteralError{body.size() - 1, "'_' must separate successive digits"};
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
