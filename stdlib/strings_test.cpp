#include "stdlib/strings.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <sstream>

#include "interpreter/values/panic.h"
#include "stdlib/strconv.h"
#include "stdlib/utf8.h"

namespace gol::stdlib::strings {
namespace {

using namespace std::literals;

struct Case {
  std::string_view fn, a, b, want;
};
constexpr Case kCases[] = {
#define STRING_CASES
#include "stdlib/strings_cases.inc"
#undef STRING_CASES
};

std::string str(bool v) {
  return v ? "true" : "false";
}
std::string str(int64_t v) {
  return std::to_string(v);
}
std::string str(std::string_view v) {
  return std::string(v);
}

// Go's %q of a []string: ["a" "b"].
template <typename V>
std::string quoted(const V& parts) {
  std::string out = "[";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += ' ';
    out += strconv::quote(parts[i]);
  }
  return out + "]";
}

int32_t runeArg(std::string_view b) {
  return std::stoi(std::string(b));
}

using Fn = std::function<std::string(std::string_view, std::string_view)>;

const std::map<std::string_view, Fn>& functions() {
  static const std::map<std::string_view, Fn> fns = {
      {"Contains", [](auto a, auto b) { return str(contains(a, b)); }},
      {"ContainsAny", [](auto a, auto b) { return str(containsAny(a, b)); }},
      {"HasPrefix", [](auto a, auto b) { return str(hasPrefix(a, b)); }},
      {"HasSuffix", [](auto a, auto b) { return str(hasSuffix(a, b)); }},
      {"Index", [](auto a, auto b) { return str(index(a, b)); }},
      {"IndexAny", [](auto a, auto b) { return str(indexAny(a, b)); }},
      {"LastIndex", [](auto a, auto b) { return str(lastIndex(a, b)); }},
      {"LastIndexAny", [](auto a, auto b) { return str(lastIndexAny(a, b)); }},
      {"Count", [](auto a, auto b) { return str(count(a, b)); }},
      {"Trim", [](auto a, auto b) { return str(trim(a, b)); }},
      {"TrimLeft", [](auto a, auto b) { return str(trimLeft(a, b)); }},
      {"TrimRight", [](auto a, auto b) { return str(trimRight(a, b)); }},
      {"TrimPrefix", [](auto a, auto b) { return str(trimPrefix(a, b)); }},
      {"TrimSuffix", [](auto a, auto b) { return str(trimSuffix(a, b)); }},
      {"EqualFold", [](auto a, auto b) { return str(equalFold(a, b)); }},
      {"Compare", [](auto a, auto b) { return str(compare(a, b)); }},
      {"ReplaceAll", [](auto a, auto b) { return replaceAll(a, b, "<>"); }},
      {"Replace2", [](auto a, auto b) { return replace(a, b, "_", 2); }},
      {"Split", [](auto a, auto b) { return quoted(split(a, b)); }},
      {"SplitN3", [](auto a, auto b) { return quoted(splitN(a, b, 3)); }},
      {"SplitAfter", [](auto a, auto b) { return quoted(splitAfter(a, b)); }},
      {"Cut",
       [](auto a, auto b) {
         CutResult c = cut(a, b);
         return strconv::quote(c.before) + " " + strconv::quote(c.after) + " " + str(c.found);
       }},
      {"IndexByte", [](auto a, auto b) { return str(indexByte(a, static_cast<uint8_t>(b[0]))); }},
      {"LastIndexByte",
       [](auto a, auto b) { return str(lastIndexByte(a, static_cast<uint8_t>(b[0]))); }},
      {"ToUpper", [](auto a, auto) { return toUpper(a); }},
      {"ToLower", [](auto a, auto) { return toLower(a); }},
      {"TrimSpace", [](auto a, auto) { return str(trimSpace(a)); }},
      {"Fields", [](auto a, auto) { return quoted(fields(a)); }},
      {"Repeat3", [](auto a, auto) { return repeat(a, 3); }},
      {"RuneCount", [](auto a, auto) { return str(utf8::runeCount(a)); }},
      {"Valid", [](auto a, auto) { return str(utf8::validString(a)); }},
      {"FullRune", [](auto a, auto) { return str(utf8::fullRune(a)); }},
      {"DecodeRune",
       [](auto a, auto) {
         auto d = utf8::decodeRune(a);
         return std::to_string(d.rune) + " " + std::to_string(d.size);
       }},
      {"DecodeLastRune",
       [](auto a, auto) {
         auto d = utf8::decodeLastRune(a);
         return std::to_string(d.rune) + " " + std::to_string(d.size);
       }},
      {"IndexRune", [](auto a, auto b) { return str(indexRune(a, runeArg(b))); }},
      {"ContainsRune", [](auto a, auto b) { return str(containsRune(a, runeArg(b))); }},
  };
  return fns;
}

TEST(Strings, MatchesGo) {
  int failures = 0;
  for (const Case& c : kCases) {
    auto it = functions().find(c.fn);
    ASSERT_NE(it, functions().end()) << c.fn;
    std::string got = it->second(c.a, c.b);
    if (got != c.want && ++failures <= 40) {
      ADD_FAILURE() << c.fn << "(" << strconv::quote(c.a) << ", " << strconv::quote(c.b)
                    << ") = " << got << ", want " << c.want;
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GT(std::size(kCases), 7000u);
}

TEST(Strings, Repeat) {
  EXPECT_EQ(repeat("ab", 3), "ababab");
  EXPECT_EQ(repeat("ab", 0), "");
  try {
    repeat("x", -1);
    FAIL() << "no panic";
  } catch (const values::GoPanic& p) {
    EXPECT_EQ(p.message, "strings: negative Repeat count");
  }
}

TEST(Strings, ReplaceAndJoin) {
  EXPECT_EQ(replace("oink oink oink", "k", "ky", 2), "oinky oinky oink");
  EXPECT_EQ(replace("oink oink oink", "oink", "moo", -1), "moo moo moo");
  EXPECT_EQ(replace("abc", "", "-", -1), "-a-b-c-");
  EXPECT_EQ(join(std::vector<std::string>{"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(join(std::vector<std::string_view>{}, ", "), "");
  EXPECT_EQ(split("a,b,c", ",").size(), 3u);
  EXPECT_EQ(quoted(split("", ",")), "[\"\"]");
  EXPECT_EQ(quoted(fields("  a  b ")), "[\"a\" \"b\"]");
}

// Expected values from Go 1.19.
TEST(Strings, TitleAndValidUTF8) {
  EXPECT_EQ(toTitle("loud \u01C6 \u01C9"), "LOUD \u01C5 \u01C8");
  EXPECT_EQ(toTitleRune(0x10D0), 0x10D0);  // Georgian: title case is itself
  EXPECT_EQ(title("hello_world foo-bar o'neil"), "Hello_world Foo-Bar O'Neil");
  EXPECT_EQ(toValidUTF8("a\xff\xfe"
                        "b\xc3(c",
                        "?"),
            "a?b?(c");
  EXPECT_EQ(toValidUTF8("\xed\xa0\x80x", "\uFFFD"), "\uFFFDx");
}

TEST(Strings, RuneFunctions) {
  auto isDigit = [](int32_t r) { return r >= '0' && r <= '9'; };
  EXPECT_EQ(indexFunc("ab1", isDigit), 2);
  EXPECT_EQ(indexFunc("ab1", isDigit, false), 0);
  EXPECT_EQ(lastIndexFunc("1ab", isDigit), 0);
  EXPECT_EQ(lastIndexFunc("", isDigit), -1);
  EXPECT_EQ(trimFunc("12ab34", isDigit), "ab");
  EXPECT_EQ(trimLeftFunc("123", isDigit), "");
  EXPECT_EQ(trimRightFunc("a\u4E16", [](int32_t r) { return r > 255; }), "a");
  EXPECT_EQ(quoted(fieldsFunc("a1b22c", isDigit)), "[\"a\" \"b\" \"c\"]");
  EXPECT_EQ(fieldsFunc("123", isDigit).size(), 0u);
  int calls = 0;
  EXPECT_EQ(map(
                [&calls](int32_t r) {
                  ++calls;
                  return r == 'l' ? -1 : r;
                },
                "hello"),
            "heo");
  EXPECT_EQ(calls, 5);
}

}  // namespace
}  // namespace gol::stdlib::strings
