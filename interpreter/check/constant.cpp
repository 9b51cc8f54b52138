#include "interpreter/check/constant.h"

#include <cstdlib>

namespace gol::check {

std::optional<int64_t> parseIntLiteral(const std::string& literal) {
  std::string digits;
  for (char c : literal) {
    if (c != '_') digits += c;
  }
  int base = 10;
  size_t start = 0;
  if (digits.size() > 1 && digits[0] == '0') {
    char p = digits[1];
    if (p == 'x' || p == 'X') base = 16, start = 2;
    else if (p == 'o' || p == 'O') base = 8, start = 2;
    else if (p == 'b' || p == 'B') base = 2, start = 2;
    else base = 8, start = 1;
  }
  unsigned __int128 v = 0;
  for (size_t i = start; i < digits.size(); ++i) {
    char c = digits[i];
    int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
    if (v > static_cast<unsigned __int128>(INT64_MAX)) return std::nullopt;
  }
  return static_cast<int64_t>(v);
}

double parseFloatLiteral(const std::string& literal) {
  std::string text;
  for (char c : literal) {
    if (c != '_') text += c;
  }
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace gol::check
