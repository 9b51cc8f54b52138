#include "tests/terminal_screen.h"

#include <algorithm>

namespace gol::testing {
namespace {

constexpr char32_t kBlank = U' ';

std::string toUtf8(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace

std::u32string& TerminalScreen::line(size_t row) {
  if (cells_.size() <= row) cells_.resize(row + 1);
  std::u32string& text = cells_[row];
  if (text.size() < columns_) text.resize(columns_, kBlank);
  return text;
}

void TerminalScreen::apply(std::string_view bytes) {
  std::string input = partial_ + std::string(bytes);
  partial_.clear();
  size_t i = 0;
  while (i < input.size()) {
    unsigned char c = static_cast<unsigned char>(input[i]);
    if (c == '\033') {
      if (i + 1 >= input.size()) {
        partial_ = input.substr(i);
        return;
      }
      char kind = input[i + 1];
      if (kind != '[') {
        // Two-byte sequences, and three for character sets and SS3 keys.
        size_t length = (kind == '(' || kind == ')' || kind == 'O') ? 3 : 2;
        if (i + length > input.size()) {
          partial_ = input.substr(i);
          return;
        }
        i += length;
        continue;
      }
      size_t end = i + 2;
      while (end < input.size() && !(input[end] >= '@' && input[end] <= '~')) end++;
      if (end >= input.size()) {
        partial_ = input.substr(i);
        return;
      }
      std::string body = input.substr(i + 2, end - i - 2);
      bool privateMode = !body.empty() && (body[0] == '?' || body[0] == '>');
      if (privateMode) body.erase(0, 1);
      std::vector<int> parameters;
      int value = -1;
      for (char d : body) {
        if (d >= '0' && d <= '9') {
          value = (value < 0 ? 0 : value * 10) + (d - '0');
        } else if (d == ';') {
          parameters.push_back(value);
          value = -1;
        }
      }
      parameters.push_back(value);
      escape(input[end], parameters, privateMode);
      i = end + 1;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      switch (c) {
        case '\r':
          column_ = 0;
          pendingWrap_ = false;
          break;
        case '\n':
          row_++;
          pendingWrap_ = false;
          break;
        case '\b':
          if (column_ > 0) column_--;
          pendingWrap_ = false;
          break;
        case '\t': column_ = std::min(columns_ - 1, (column_ / 8 + 1) * 8); break;
        default: break;  // bell and the rest draw nothing
      }
      i++;
      continue;
    }
    size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (i + length > input.size()) {
      partial_ = input.substr(i);
      return;
    }
    char32_t code = length == 1   ? c
                    : length == 2 ? (c & 0x1F)
                    : length == 3 ? (c & 0x0F)
                                  : (c & 0x07);
    for (size_t k = 1; k < length; k++) code = (code << 6) | (input[i + k] & 0x3F);
    put(std::u32string(1, code));
    i += length;
  }
}

void TerminalScreen::put(std::u32string_view character) {
  if (pendingWrap_) {
    row_++;
    column_ = 0;
    pendingWrap_ = false;
  }
  line(row_)[column_] = character[0];
  if (column_ + 1 == columns_) {
    pendingWrap_ = true;
  } else {
    column_++;
  }
}

void TerminalScreen::escape(char final, const std::vector<int>& parameters, bool privateMode) {
  if (privateMode) return;  // modes (bracketed paste, keypad): nothing drawn
  auto count = [&](size_t index) {
    int value = index < parameters.size() ? parameters[index] : -1;
    return static_cast<size_t>(value <= 0 ? 1 : value);
  };
  auto number = [&](size_t index) {
    int value = index < parameters.size() ? parameters[index] : -1;
    return value < 0 ? 0 : value;
  };
  pendingWrap_ = false;
  std::u32string& text = line(row_);
  switch (final) {
    case 'A': row_ -= std::min(row_, count(0)); break;
    case 'B': row_ += count(0); break;
    case 'C': column_ = std::min(columns_ - 1, column_ + count(0)); break;
    case 'D': column_ -= std::min(column_, count(0)); break;
    case 'G': column_ = std::min(columns_ - 1, count(0) - 1); break;
    case 'H':
      row_ = count(0) - 1;
      column_ = std::min(columns_ - 1, count(1) - 1);
      break;
    case 'K':
      if (number(0) == 0) std::fill(text.begin() + column_, text.end(), kBlank);
      if (number(0) == 1) std::fill(text.begin(), text.begin() + column_ + 1, kBlank);
      if (number(0) == 2) std::fill(text.begin(), text.end(), kBlank);
      break;
    case 'J':
      if (number(0) == 0) {
        std::fill(text.begin() + column_, text.end(), kBlank);
        cells_.resize(row_ + 1);
      } else if (number(0) == 2) {
        cells_.clear();
      }
      break;
    case '@': {
      size_t n = std::min(count(0), columns_ - column_);
      text.insert(column_, n, kBlank);
      text.resize(columns_);
      break;
    }
    case 'P': {
      size_t n = std::min(count(0), columns_ - column_);
      text.erase(column_, n);
      text.resize(columns_, kBlank);
      break;
    }
    case 'X': {
      size_t n = std::min(count(0), columns_ - column_);
      std::fill(text.begin() + column_, text.begin() + column_ + n, kBlank);
      break;
    }
    default: break;  // colours and the rest: nothing to model
  }
}

std::vector<std::string> TerminalScreen::lines() const {
  std::vector<std::string> result;
  for (const std::u32string& cells : cells_) {
    std::u32string text = cells;
    while (!text.empty() && text.back() == kBlank) text.pop_back();
    result.push_back(toUtf8(text));
  }
  while (!result.empty() && result.back().empty()) result.pop_back();
  return result;
}

std::string TerminalScreen::tail(size_t count) const {
  std::vector<std::string> all = lines();
  size_t start = all.size() > count ? all.size() - count : 0;
  std::string text;
  for (size_t i = start; i < all.size(); i++) {
    if (i > start) text += '\n';
    text += all[i];
  }
  return text;
}

}  // namespace gol::testing
