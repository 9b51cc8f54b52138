#include "stdlib/utf8.h"

namespace gol::stdlib::utf8 {

namespace {

// The valid range of the second byte after a given first byte (Go's acceptRanges).
struct Accept {
  uint8_t lo, hi;
};

// Width of a sequence starting with b (0 if b cannot start one), and its second-byte range.
int firstInfo(uint8_t b, Accept& acc) {
  acc = {0x80, 0xBF};
  if (b < 0x80) return 1;
  if (b < 0xC2) return 0;
  if (b < 0xE0) return 2;
  if (b < 0xF0) {
    if (b == 0xE0) acc = {0xA0, 0xBF};
    if (b == 0xED) acc = {0x80, 0x9F};
    return 3;
  }
  if (b < 0xF5) {
    if (b == 0xF0) acc = {0x90, 0xBF};
    if (b == 0xF4) acc = {0x80, 0x8F};
    return 4;
  }
  return 0;
}

}  // namespace

Decoded decodeRune(std::string_view s) {
  if (s.empty()) return {RuneError, 0};
  auto b0 = static_cast<uint8_t>(s[0]);
  Accept acc;
  int n = firstInfo(b0, acc);
  if (n == 1) return {b0, 1};
  if (n == 0 || static_cast<int>(s.size()) < n) {
    // A truncated but otherwise valid prefix is still an error of width 1.
    return {RuneError, 1};
  }
  auto b1 = static_cast<uint8_t>(s[1]);
  if (b1 < acc.lo || b1 > acc.hi) return {RuneError, 1};
  if (n == 2) return {static_cast<int32_t>((b0 & 0x1F) << 6 | (b1 & 0x3F)), 2};
  auto b2 = static_cast<uint8_t>(s[2]);
  if (b2 < 0x80 || b2 > 0xBF) return {RuneError, 1};
  if (n == 3) {
    return {static_cast<int32_t>((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)), 3};
  }
  auto b3 = static_cast<uint8_t>(s[3]);
  if (b3 < 0x80 || b3 > 0xBF) return {RuneError, 1};
  return {
      static_cast<int32_t>((b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)),
      4};
}

Decoded decodeLastRune(std::string_view s) {
  if (s.empty()) return {RuneError, 0};
  auto end = static_cast<int64_t>(s.size());
  int64_t start = end - 1;
  if (static_cast<uint8_t>(s[start]) < RuneSelf) return {static_cast<uint8_t>(s[start]), 1};
  // Back up to the start of the rune, at most UTFMax bytes.
  int64_t lim = end - UTFMax < 0 ? 0 : end - UTFMax;
  for (--start; start >= lim; --start) {
    if (runeStart(static_cast<uint8_t>(s[start]))) break;
  }
  if (start < 0) start = 0;
  Decoded d = decodeRune(s.substr(start));
  if (start + d.size != end) return {RuneError, 1};
  return d;
}

int encodeRune(std::string& out, int32_t r) {
  if (r >= 0 && r < 0x80) {
    out += static_cast<char>(r);
    return 1;
  }
  if (r >= 0 && r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
    return 2;
  }
  if (!validRune(r)) r = RuneError;
  if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
    return 3;
  }
  out += static_cast<char>(0xF0 | (r >> 18));
  out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
  out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
  out += static_cast<char>(0x80 | (r & 0x3F));
  return 4;
}

std::string encode(int32_t r) {
  std::string s;
  encodeRune(s, r);
  return s;
}

int runeLen(int32_t r) {
  if (r < 0) return -1;
  if (r < 0x80) return 1;
  if (r < 0x800) return 2;
  if (r >= 0xD800 && r <= 0xDFFF) return -1;
  if (r < 0x10000) return 3;
  if (r <= MaxRune) return 4;
  return -1;
}

int64_t runeCount(std::string_view s) {
  int64_t n = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<uint8_t>(s[i]) < RuneSelf) {
      ++i;
    } else {
      i += static_cast<size_t>(decodeRune(s.substr(i)).size);
    }
    ++n;
  }
  return n;
}

bool validString(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<uint8_t>(s[i]) < RuneSelf) {
      ++i;
      continue;
    }
    Decoded d = decodeRune(s.substr(i));
    if (d.rune == RuneError && d.size == 1) return false;
    i += static_cast<size_t>(d.size);
  }
  return true;
}

bool validRune(int32_t r) {
  return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= MaxRune);
}

bool fullRune(std::string_view s) {
  if (s.empty()) return false;
  Accept acc;
  int n = firstInfo(static_cast<uint8_t>(s[0]), acc);
  if (n == 0 || static_cast<int>(s.size()) >= n) return true;
  // Incomplete: full if the bytes present are already invalid.
  if (s.size() > 1) {
    auto b1 = static_cast<uint8_t>(s[1]);
    if (b1 < acc.lo || b1 > acc.hi) return true;
  }
  if (s.size() > 2) {
    auto b2 = static_cast<uint8_t>(s[2]);
    if (b2 < 0x80 || b2 > 0xBF) return true;
  }
  return false;
}

bool runeStart(uint8_t b) {
  return (b & 0xC0) != 0x80;
}

}  // namespace gol::stdlib::utf8
