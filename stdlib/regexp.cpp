// regexp: Go's regular expressions (Go 1.19's package), matched by RE2, whose syntax and
// leftmost-first semantics Go's package shares (Go's regexp is a port of RE2).
//
// Invariants:
// * A *Regexp is the native struct {prog uintptr}: prog points to an interned Program (the
//   compiled RE2 and what Go's Regexp caches about it), shared by every Regexp of the same
//   expression and mode. Programs are immutable once interned and live as long as the
//   process, because a native value has no destructor to free one by; RE2's matching is
//   thread-safe, so goroutines share them freely.
// * RE2 runs in UTF-8 mode on valid UTF-8 only: an input holding invalid bytes is searched
//   as a copy in which each such byte is U+FFFD (as Go decodes it, width 1), and positions
//   are mapped back, so `.` and `[^a]` match an invalid byte as they do in Go.
// * Go's matches start and end at character boundaries; RE2 may report an empty match
//   inside a multi-byte character (`\B`), so the search then resumes at the next one.
// * FindAll*, ReplaceAll* and Split are Go's allMatches and replaceAll loops, each step an
//   unanchored RE2::Match from a position with the text before it as context, so the
//   empty-match rules are Go's.
// * Errors are Go's (`error parsing regexp: CODE: `FRAGMENT``): RE2's parser is the
//   origin of Go's, so its error code maps to Go's and its fragment is Go's.
// * Where the syntaxes differ, the pattern RE2 sees is rewritten: `\C` is refused, a
//   repeated group name is renamed (Go allows it) and, for CompilePOSIX, a negated class
//   gets "\n" (Go's POSIX classes do not match newline).
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

#include "stdlib/bind.h"
#include "stdlib/bytes_support.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/strconv.h"
#include "stdlib/support.h"
#include "stdlib/unicode.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

// A compiled regular expression and Go's facts about it.
struct Program {
  std::string expr;
  bool posix = false;
  bool longest = false;
  std::unique_ptr<RE2> re;
  int numSubexp = 0;
  std::vector<std::string> names;  // SubexpNames: "" for the whole match and unnamed groups
  bool midCharEmpty = false;       // may match empty inside a character (has `\B`)
  std::string prefix;              // LiteralPrefix
  bool complete = false;
};

// ---- Compiling --------------------------------------------------------------------------

std::string goError(const char* code, std::string_view fragment) {
  return std::string("error parsing regexp: ") + code + ": `" + std::string(fragment) + "`";
}

const char* goErrorCode(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape: return "invalid escape sequence";
    case RE2::ErrorBadCharClass: return "invalid character class";
    case RE2::ErrorBadCharRange: return "invalid character class range";
    case RE2::ErrorMissingBracket: return "missing closing ]";
    case RE2::ErrorMissingParen: return "missing closing )";
    case RE2::ErrorUnexpectedParen: return "unexpected )";
    case RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize: return "invalid repeat count";
    case RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8: return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture: return "invalid named capture";
    case RE2::ErrorPatternTooLarge: return "expression too large";
    default: return "regexp/syntax: internal error";
  }
}

// Calls f(i, c) for each byte of expr outside \Q...\E, skipping the byte after a backslash
// (f sees the backslash); f returns false to stop.
template <typename F>
void scanPattern(std::string_view expr, F f) {
  for (size_t i = 0; i < expr.size(); ++i) {
    if (expr[i] != '\\') {
      if (!f(i, expr[i])) return;
      continue;
    }
    if (i + 1 < expr.size() && expr[i + 1] == 'Q') {
      size_t e = expr.find("\\E", i + 2);
      if (e == std::string_view::npos) return;
      i = e + 1;
      continue;
    }
    if (!f(i, '\\')) return;
    ++i;
  }
}

// Go's POSIX syntax lacks ClassNL, so a negated class does not match "\n"; RE2 always has
// it. A newline is added to each negated class, before its closing ] (or before a final
// literal `-`, which would otherwise begin a range).
std::string posixClasses(std::string_view expr) {
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i + 1 < expr.size(); ++i) {
    if (expr[i] == '\\') {
      ++i;
      continue;
    }
    if (expr[i] != '[' || expr[i + 1] != '^') continue;
    size_t j = i + 2;
    if (j < expr.size() && expr[j] == ']') ++j;  // a ] first is literal
    size_t lastDash = std::string_view::npos;
    for (; j < expr.size() && expr[j] != ']'; ++j) {
      lastDash = expr[j] == '-' ? j : std::string_view::npos;
      if (expr[j] == '\\') {
        ++j;
      } else if (expr[j] == '[' && j + 1 < expr.size() && expr[j + 1] == ':') {
        size_t e = expr.find(":]", j + 2);
        if (e != std::string_view::npos) j = e + 1;
      }
    }
    if (j >= expr.size()) break;  // unclosed: RE2 reports it
    size_t at = lastDash == j - 1 && j - 1 > i + 2 ? j - 1 : j;
    out.append(expr.substr(copied, at - copied));
    out += '\n';
    copied = at;
    i = j;
  }
  out.append(expr.substr(copied));
  return out;
}

// The literal character at expr[i], if it is one that Go compiles to a single rune
// instruction, with its length in the pattern.
std::optional<std::pair<std::string, size_t>> literalAt(std::string_view expr, size_t i) {
  char c = expr[i];
  if (std::string_view(".[]()|*+?{}^$").find(c) != std::string_view::npos) return std::nullopt;
  if (c != '\\') {
    auto d = utf8::decodeRune(expr.substr(i));
    return std::make_pair(std::string(expr.substr(i, static_cast<size_t>(d.size))),
                          static_cast<size_t>(d.size));
  }
  if (i + 1 >= expr.size()) return std::nullopt;
  char e = expr[i + 1];
  static constexpr std::string_view kControl = "a\af\fn\nr\rt\tv\v";
  if (size_t k = kControl.find(e); k != std::string_view::npos && k % 2 == 0) {
    return std::make_pair(std::string(1, kControl[k + 1]), size_t{2});
  }
  if (static_cast<unsigned char>(e) < 0x80 && !std::isalnum(static_cast<unsigned char>(e))) {
    return std::make_pair(std::string(1, e), size_t{2});
  }
  return std::nullopt;
}

// Go's LiteralPrefix, which Go reads off its compiled program: the literal run that every
// match begins with, and whether it is the whole expression. This follows the pattern
// text for the usual shapes (a run of literals, top-level alternatives sharing a prefix,
// ^literal$); capture groups and one-character classes, which Go also sees through, end
// the run here.
std::pair<std::string, bool> literalPrefix(std::string_view expr) {
  if (expr.empty()) return {"", true};
  // Split at top-level |, skipping escapes, \Q...\E and classes.
  int depth = 0;
  std::vector<std::string_view> alts;
  size_t start = 0;
  for (size_t i = 0; i < expr.size(); ++i) {
    char c = expr[i];
    if (c == '\\') {
      if (i + 1 < expr.size() && expr[i + 1] == 'Q') {
        size_t e = expr.find("\\E", i + 2);
        i = e == std::string_view::npos ? expr.size() : e + 1;
      } else {
        ++i;
      }
    } else if (c == '[') {
      size_t j = i + 1;
      if (j < expr.size() && expr[j] == '^') ++j;
      if (j < expr.size() && expr[j] == ']') ++j;
      while (j < expr.size() && expr[j] != ']') j += expr[j] == '\\' ? 2 : 1;
      i = j;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      alts.push_back(expr.substr(start, i - start));
      start = i + 1;
    }
  }
  alts.push_back(expr.substr(start));
  bool anchored = alts.size() == 1 && expr[0] == '^';
  auto run = [](std::string_view a, size_t i, bool& complete) {
    std::string out;
    complete = false;
    while (i < a.size()) {
      auto lit = literalAt(a, i);
      if (!lit) return out;
      size_t next = i + lit->second;
      char q = next < a.size() ? a[next] : '\0';
      if (q == '*' || q == '?' || q == '{') return out;
      out += lit->first;
      if (q == '+') return out;
      i = next;
    }
    complete = true;
    return out;
  };
  bool complete = false;
  if (anchored) {
    if (expr.size() < 2 || expr.back() != '$' ||
        (expr.size() >= 3 && expr[expr.size() - 2] == '\\'))
      return {"", false};
    std::string p = run(expr.substr(1, expr.size() - 2), 0, complete);
    return complete ? std::make_pair(p, true) : std::make_pair(std::string(), false);
  }
  std::string p = run(alts[0], 0, complete);
  for (size_t k = 1; k < alts.size(); ++k) {
    bool c = false;
    std::string q = run(alts[k], 0, c);
    size_t n = 0;
    while (n < p.size() && n < q.size() && p[n] == q[n]) ++n;
    p.resize(n);
    complete = false;
  }
  while (!utf8::validString(p)) p.pop_back();  // the common prefix may end inside a character
  return {p, complete && alts.size() == 1};
}

// Go allows several groups of one name, RE2 does not: each later (?P<name> is renamed
// name_gol_dupN, and `original` maps the new names back.
std::string renameDuplicates(std::string_view expr, std::map<std::string, std::string>& original) {
  std::string out;
  std::map<std::string, int, std::less<>> seen;
  size_t copied = 0;
  for (size_t i = 0; i < expr.size(); ++i) {
    if (expr[i] == '\\') {
      if (i + 1 < expr.size() && expr[i + 1] == 'Q') {
        size_t e = expr.find("\\E", i + 2);
        i = e == std::string_view::npos ? expr.size() : e + 1;
      } else {
        ++i;
      }
    } else if (expr[i] == '[') {
      size_t j = i + 1;
      if (j < expr.size() && expr[j] == '^') ++j;
      if (j < expr.size() && expr[j] == ']') ++j;
      while (j < expr.size() && expr[j] != ']') j += expr[j] == '\\' ? 2 : 1;
      i = j;
    } else if (expr.substr(i, 4) == "(?P<") {
      size_t close = expr.find('>', i + 4);
      if (close == std::string_view::npos) break;
      std::string_view name = expr.substr(i + 4, close - i - 4);
      int& count = seen[std::string(name)];
      if (count++ > 0) {
        std::string fresh = std::string(name) + "_gol_dup" + std::to_string(count);
        original[fresh] = std::string(name);
        out.append(expr.substr(copied, i + 4 - copied));
        out += fresh;
        copied = close;
      }
      i = close;
    }
  }
  out.append(expr.substr(copied));
  return out;
}

// Compiles expr in Go's Perl (posix false) or POSIX syntax; the error text otherwise.
std::variant<std::unique_ptr<Program>, std::string> compileProgram(const std::string& expr,
                                                                   bool posix, bool longest) {
  // Go checks the encoding before parsing; the fragment is the rest from the bad byte.
  for (size_t i = 0; i < expr.size();) {
    auto d = utf8::decodeRune(std::string_view(expr).substr(i));
    if (d.rune == utf8::RuneError && d.size == 1) return goError("invalid UTF-8", expr.substr(i));
    i += static_cast<size_t>(d.size);
  }
  // RE2 accepts \C (any byte), Go does not.
  std::optional<std::string> badEscape;
  scanPattern(expr, [&](size_t i, char c) {
    if (c == '\\' && i + 1 < expr.size() && expr[i + 1] == 'C') {
      badEscape = goError("invalid escape sequence", "\\C");
      return false;
    }
    return true;
  });
  if (badEscape) return *badEscape;

  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_posix_syntax(posix);
  opts.set_longest_match(longest);
  // Go 1.19 sets no size limit; RE2's default (8 MiB) refuses `\pL{1000}`.
  opts.set_max_mem(int64_t{256} << 20);
  auto prog = std::make_unique<Program>();
  prog->expr = expr;
  prog->posix = posix;
  prog->longest = longest;
  std::map<std::string, std::string> renamed;
  std::string written = renameDuplicates(expr, renamed);
  prog->re = std::make_unique<RE2>(posix ? posixClasses(written) : written, opts);
  if (!prog->re->ok()) {
    // The error of the expression as written, not of its POSIX rewrite.
    RE2 plain(written, opts);
    const RE2& bad = plain.ok() ? *prog->re : plain;
    std::string fragment = bad.error_arg();
    for (const auto& [fresh, name] : renamed) {
      for (size_t at; (at = fragment.find("<" + fresh + ">")) != std::string::npos;) {
        fragment.replace(at + 1, fresh.size(), name);
      }
    }
    return goError(goErrorCode(bad.error_code()), fragment);
  }
  prog->numSubexp = prog->re->NumberOfCapturingGroups();
  prog->names.assign(static_cast<size_t>(prog->numSubexp) + 1, "");
  for (const auto& [index, name] : prog->re->CapturingGroupNames()) {
    auto it = renamed.find(name);
    prog->names[static_cast<size_t>(index)] = it == renamed.end() ? name : it->second;
  }
  scanPattern(expr, [&](size_t i, char c) {
    if (c == '\\' && i + 1 < expr.size() && expr[i + 1] == 'B') prog->midCharEmpty = true;
    return !prog->midCharEmpty;
  });
  std::tie(prog->prefix, prog->complete) = literalPrefix(expr);
  return prog;
}

// The interned program of (expr, posix, longest), or the error text.
std::variant<const Program*, std::string> intern(const std::string& expr, bool posix,
                                                 bool longest) {
  static std::mutex mu;
  static std::map<std::tuple<std::string, bool, bool>, std::unique_ptr<Program>> programs;
  auto key = std::make_tuple(expr, posix, longest);
  {
    std::lock_guard lock(mu);
    if (auto it = programs.find(key); it != programs.end()) return it->second.get();
  }
  auto compiled = compileProgram(expr, posix, longest);
  if (auto* err = std::get_if<std::string>(&compiled)) return *err;
  std::lock_guard lock(mu);
  auto& slot = programs[key];
  if (!slot) slot = std::move(std::get<std::unique_ptr<Program>>(compiled));
  return slot.get();
}

// ---- The Regexp type --------------------------------------------------------------------

check::Named* regexpType();

// The receiver of *Regexp's methods (a nil *Regexp panics).
struct RegexpPtr {
  StructObject* obj = nullptr;
  const Program& prog() const {
    const auto* p = reinterpret_cast<const Program*>(obj->fields[0].u);
    if (!p) nilPanic();  // a zero Regexp, as Go's nil prog
    return *p;
  }
};

RegexpPtr newRegexp(const Program* prog) {
  StructObject* o = StructObject::make(static_cast<const check::Struct*>(regexpType()->underlying));
  o->fields[0].u = reinterpret_cast<uint64_t>(prog);
  return {o};
}

// A result that already is an owned Value of Go type T() ([]int, [][]string, ...).
template <const check::Type* (*T)()>
struct Owned {
  Value v{};
};

const check::Type* intSliceT() {
  return check::sliceOf(check::basicType(check::BasicKind::Int));
}
const check::Type* intSlicesT() {
  return check::sliceOf(intSliceT());
}
const check::Type* stringSliceT() {
  return check::sliceOf(check::basicType(check::BasicKind::String));
}
const check::Type* stringSlicesT() {
  return check::sliceOf(stringSliceT());
}
const check::Type* byteSlicesT() {
  return check::sliceOf(byteSliceType());
}
const check::Type* byteSliceSlicesT() {
  return check::sliceOf(byteSlicesT());
}

using Ints = Owned<&intSliceT>;
using IntMatrix = Owned<&intSlicesT>;
using Strings = Owned<&stringSliceT>;
using StringMatrix = Owned<&stringSlicesT>;
using ByteSliceList = Owned<&byteSlicesT>;
using ByteSliceMatrix = Owned<&byteSliceSlicesT>;

// A func(string) string argument (borrowed).
struct StringFunc {
  Value fn{};
};
// A []int argument (borrowed): Expand's match.
struct IntsArg {
  Value v{};
};
// A func([]byte) []byte argument (borrowed).
struct BytesFunc {
  Value fn{};
};

}  // namespace

template <>
struct GoType<RegexpPtr> {
  static const check::Type* type() { return check::pointerTo(regexpType()); }
  static RegexpPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(RegexpPtr r) { return Value{.p = r.obj}; }
};
template <const check::Type* (*T)()>
struct GoType<Owned<T>> {
  static const check::Type* type() { return T(); }
  static Value result(Owned<T> x) { return x.v; }
};
template <>
struct GoType<IntsArg> {
  static const check::Type* type() { return intSliceT(); }
  static IntsArg arg(const AnyValue& a) { return {a.value}; }
};
template <>
struct GoType<StringFunc> {
  static const check::Type* type() {
    static const check::Signature* s = nativeSignature(
        {check::basicType(check::BasicKind::String)}, {check::basicType(check::BasicKind::String)});
    return s;
  }
  static StringFunc arg(const AnyValue& a) { return {a.value}; }
};
template <>
struct GoType<BytesFunc> {
  static const check::Type* type() {
    static const check::Signature* s = nativeSignature({byteSliceType()}, {byteSliceType()});
    return s;
  }
  static BytesFunc arg(const AnyValue& a) { return {a.value}; }
};

namespace {

// ---- Searching --------------------------------------------------------------------------

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The width of the character at text[pos] (0 at the end); text is valid UTF-8.
size_t charWidth(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  auto b = static_cast<unsigned char>(text[pos]);
  return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

// The input as RE2 searches it (see the file's comment): the input itself when it is valid
// UTF-8, else a copy with U+FFFD for each invalid byte and a map back to input offsets.
class Subject {
 public:
  explicit Subject(std::string_view in) {
    if (utf8::validString(in)) {
      text_ = in.empty() ? std::string_view("", 0) : in;  // RE2 needs a non-null text
      return;
    }
    for (size_t i = 0; i < in.size();) {
      auto d = utf8::decodeRune(in.substr(i));
      if (d.rune == utf8::RuneError && d.size == 1) {
        copy_ += "\xEF\xBF\xBD";
      } else {
        copy_.append(in.substr(i, static_cast<size_t>(d.size)));
      }
      map_.resize(copy_.size(), static_cast<int64_t>(i));
      i += static_cast<size_t>(d.size);
    }
    map_.push_back(static_cast<int64_t>(in.size()));
    text_ = copy_;
  }
  std::string_view text() const { return text_; }
  // The input offset of text offset pos (a character boundary).
  int64_t orig(size_t pos) const { return map_.empty() ? static_cast<int64_t>(pos) : map_[pos]; }

 private:
  std::string_view text_;
  std::string copy_;
  std::vector<int64_t> map_;
};

// A match: 2*(groups) offsets into the subject's text, -1 for a group that did not take
// part.
using Match = std::vector<int64_t>;

// The leftmost match starting at or after text offset pos, with ncap offsets (Go's
// doExecute; ncap is at most 2*(1+NumSubexp) and at least 2).
bool search(const Program& p, const Subject& s, size_t pos, int ncap, Match& m) {
  std::string_view text = s.text();
  int nsub = std::min(ncap / 2, p.numSubexp + 1);
  std::vector<re2::StringPiece> sub(static_cast<size_t>(nsub));
  for (;;) {
    if (pos > text.size() || !p.re->Match(re2::StringPiece(text.data(), text.size()), pos,
                                          text.size(), RE2::UNANCHORED, sub.data(), nsub)) {
      return false;
    }
    auto at = static_cast<size_t>(sub[0].data() - text.data());
    if (!sub[0].empty() || at >= text.size() || !continuation(text[at])) break;
    pos = at;
    while (pos < text.size() && continuation(text[pos])) ++pos;
  }
  m.assign(static_cast<size_t>(ncap), -1);
  for (int k = 0; k < nsub; ++k) {
    if (!sub[static_cast<size_t>(k)].data()) continue;
    auto at = sub[static_cast<size_t>(k)].data() - text.data();
    m[static_cast<size_t>(2 * k)] = at;
    m[static_cast<size_t>(2 * k + 1)] =
        at + static_cast<int64_t>(sub[static_cast<size_t>(k)].size());
  }
  return true;
}

// The match in input offsets.
Match inInput(const Subject& s, const Match& m) {
  Match out(m.size());
  for (size_t k = 0; k < m.size(); ++k) out[k] = m[k] < 0 ? -1 : s.orig(static_cast<size_t>(m[k]));
  return out;
}

bool matches(const Program& p, std::string_view in) {
  Subject s(in);
  if (!p.midCharEmpty) {
    std::string_view t = s.text();
    return p.re->Match(re2::StringPiece(t.data(), t.size()), 0, t.size(), RE2::UNANCHORED, nullptr,
                       0);
  }
  Match m;
  return search(p, s, 0, 2, m);
}

// The first match in input offsets, or an empty vector.
Match first(const Program& p, std::string_view in, int ncap) {
  Subject s(in);
  Match m;
  if (!search(p, s, 0, ncap, m)) return {};
  return inInput(s, m);
}

// Go's allMatches: deliver(match in input offsets) for each of the first n matches (all
// when n < 0), no empty match right after a previous match.
template <typename F>
void allMatches(const Program& p, std::string_view in, int64_t n, int ncap, F deliver) {
  Subject s(in);
  size_t end = s.text().size();
  if (n < 0) n = static_cast<int64_t>(end) + 1;
  Match m;
  int64_t prevMatchEnd = -1;
  for (size_t pos = 0, i = 0; static_cast<int64_t>(i) < n && pos <= end;) {
    if (!search(p, s, pos, ncap, m)) break;
    bool accept = true;
    if (m[1] == static_cast<int64_t>(pos)) {
      if (m[0] == prevMatchEnd) accept = false;  // empty, right after the previous match
      size_t w = charWidth(s.text(), pos);
      pos = w > 0 ? pos + w : end + 1;
    } else {
      pos = static_cast<size_t>(m[1]);
    }
    prevMatchEnd = m[1];
    if (accept) {
      deliver(inInput(s, m));
      ++i;
    }
  }
}

// Go's replaceAll: the input with repl(out, match in input offsets) in place of each
// match (but of no empty match right after a match). When live is a []byte (the input's
// slice), the text between matches is read from it as Go reads it, after the replacement
// functions ran: one that appends to its argument writes into the input.
template <typename F>
std::string replaceAll(const Program& p, std::string_view in, int ncap, F repl, Value live = {}) {
  auto copy = [&](std::string& out, size_t from, size_t to) {
    if (live.p) {
      out += loadBytes(live, static_cast<int64_t>(from), static_cast<int64_t>(to));
    } else {
      out.append(in.substr(from, to - from));
    }
  };
  Subject s(in);
  std::string_view text = s.text();
  std::string out;
  size_t lastMatchEnd = 0;
  size_t searchPos = 0;
  Match m;
  while (searchPos <= text.size()) {
    if (!search(p, s, searchPos, ncap, m)) break;
    auto a0 = static_cast<size_t>(m[0]);
    auto a1 = static_cast<size_t>(m[1]);
    auto from = static_cast<size_t>(s.orig(lastMatchEnd));
    copy(out, from, static_cast<size_t>(s.orig(a0)));
    if (a1 > lastMatchEnd || a0 == 0) repl(out, inInput(s, m));
    lastMatchEnd = a1;
    size_t width = charWidth(text, searchPos);
    if (searchPos + width > a1) {
      searchPos += width;
    } else if (searchPos + 1 > a1) {
      searchPos++;
    } else {
      searchPos = a1;
    }
  }
  copy(out, static_cast<size_t>(s.orig(lastMatchEnd)), in.size());
  return out;
}

// ---- Expand -----------------------------------------------------------------------------

// Go's extract: the name of a leading "name" or "{name}" ($ removed), its number (-1 if it
// is not one) and the rest; nullopt when malformed.
struct Ref {
  std::string_view name;
  int64_t num;
  std::string_view rest;
};
std::optional<Ref> extract(std::string_view str) {
  if (str.empty()) return std::nullopt;
  bool brace = false;
  if (str[0] == '{') {
    brace = true;
    str.remove_prefix(1);
  }
  size_t i = 0;
  while (i < str.size()) {
    auto d = utf8::decodeRune(str.substr(i));
    if (!unicode::isLetter(d.rune) && !unicode::isDigit(d.rune) && d.rune != '_') break;
    i += static_cast<size_t>(d.size);
  }
  if (i == 0) return std::nullopt;
  std::string_view name = str.substr(0, i);
  if (brace) {
    if (i >= str.size() || str[i] != '}') return std::nullopt;
    ++i;
  }
  int64_t num = 0;
  for (char c : name) {
    if (c < '0' || c > '9' || num >= 100000000) {
      num = -1;
      break;
    }
    num = num * 10 + (c - '0');
  }
  if (name[0] == '0' && name.size() > 1) num = -1;  // no leading zeros
  return Ref{name, num, str.substr(i)};
}

[[noreturn]] void sliceBoundsPanic(int64_t i, int64_t j, size_t len) {
  values::GoPanic e;
  e.message = j > static_cast<int64_t>(len)
                  ? "runtime error: slice bounds out of range [:" + std::to_string(j) +
                        "] with length " + std::to_string(len)
                  : "runtime error: slice bounds out of range [" + std::to_string(i) + ":" +
                        std::to_string(j) + "]";
  e.runtimeError = true;
  throw e;
}

// Go's expand: appends template to out with $name, ${name} and $$ replaced.
void expand(const Program& p, std::string& out, std::string_view tmpl, std::string_view src,
            const Match& match) {
  auto group = [&](size_t g) {
    if (2 * g + 1 < match.size() && match[2 * g] >= 0) {
      int64_t i = match[2 * g];
      int64_t j = match[2 * g + 1];
      if (j > static_cast<int64_t>(src.size()) || i > j) sliceBoundsPanic(i, j, src.size());
      out.append(src.substr(static_cast<size_t>(i), static_cast<size_t>(j - i)));
      return true;
    }
    return false;
  };
  while (!tmpl.empty()) {
    size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    out.append(tmpl.substr(0, dollar));
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      out += '$';
      tmpl.remove_prefix(1);
      continue;
    }
    auto ref = extract(tmpl);
    if (!ref) {
      out += '$';  // malformed: the $ is text
      continue;
    }
    tmpl = ref->rest;
    if (ref->num >= 0) {
      group(static_cast<size_t>(ref->num));
    } else {
      for (size_t g = 0; g < p.names.size(); ++g) {
        if (p.names[g] == ref->name && group(g)) break;
      }
    }
  }
  out.append(tmpl);
}

// ---- Result values ----------------------------------------------------------------------

Value intsValue(const Match& m, size_t n) {
  values::SliceObject* out =
      values::makeSlice(static_cast<int64_t>(n), static_cast<int64_t>(n), false);
  for (size_t k = 0; k < n; ++k) out->base()[k].i = m[k];
  return Value{.p = out};
}

Value sliceOfValues(const std::vector<Value>& parts) {
  auto n = static_cast<int64_t>(parts.size());
  values::SliceObject* out = values::makeSlice(n, n, true);
  for (int64_t k = 0; k < n; ++k) out->base()[k] = parts[static_cast<size_t>(k)];
  return Value{.p = out};
}

// The submatch texts as []string ("" for groups that did not take part).
Value submatchStrings(const Program& p, std::string_view s, const Match& m) {
  std::vector<Value> parts;
  for (int k = 0; k <= p.numSubexp; ++k) {
    int64_t i = m[static_cast<size_t>(2 * k)];
    parts.push_back(i < 0 ? Value{}
                          : stringResult(s.substr(static_cast<size_t>(i),
                                                  static_cast<size_t>(m[2 * k + 1] - i))));
  }
  return sliceOfValues(parts);
}

// b[i:j:j] as Go's Find returns it.
Value capped(Bytes b, int64_t i, int64_t j) {
  return subslice(b.slice, i, j, j);
}

// The submatches as [][]byte over b's array (nil for groups that did not take part).
Value submatchBytes(const Program& p, Bytes b, const Match& m) {
  std::vector<Value> parts;
  for (int k = 0; k <= p.numSubexp; ++k) {
    int64_t i = m[static_cast<size_t>(2 * k)];
    parts.push_back(i < 0 ? Value{} : capped(b, i, m[static_cast<size_t>(2 * k + 1)]));
  }
  return sliceOfValues(parts);
}

int fullCap(const Program& p) {
  return 2 * (p.numSubexp + 1);
}

// ---- Package functions ------------------------------------------------------------------

std::tuple<RegexpPtr, GoError> compileMode(std::string_view expr, bool posix) {
  auto r = intern(std::string(expr), posix, posix);
  if (auto* err = std::get_if<std::string>(&r)) return {{}, {errors::newError(*err)}};
  return {newRegexp(std::get<const Program*>(r)), {}};
}

std::tuple<RegexpPtr, GoError> compile(std::string_view expr) {
  return compileMode(expr, false);
}
std::tuple<RegexpPtr, GoError> compilePOSIX(std::string_view expr) {
  return compileMode(expr, true);
}

std::string quote(std::string_view s) {
  return strconv::canBackquote(s) ? "`" + std::string(s) + "`" : strconv::quote(s);
}

RegexpPtr mustCompileMode(std::string_view expr, bool posix) {
  auto r = intern(std::string(expr), posix, posix);
  if (auto* err = std::get_if<std::string>(&r)) {
    panicString(std::string("regexp: ") + (posix ? "CompilePOSIX(" : "Compile(") + quote(expr) +
                "): " + *err);
  }
  return newRegexp(std::get<const Program*>(r));
}
RegexpPtr mustCompile(std::string_view expr) {
  return mustCompileMode(expr, false);
}
RegexpPtr mustCompilePOSIX(std::string_view expr) {
  return mustCompileMode(expr, true);
}

std::tuple<bool, GoError> matchStringFn(std::string_view pattern, std::string_view s) {
  auto r = intern(std::string(pattern), false, false);
  if (auto* err = std::get_if<std::string>(&r)) return {false, {errors::newError(*err)}};
  return {matches(*std::get<const Program*>(r), s), {}};
}
std::tuple<bool, GoError> matchFn(std::string_view pattern, Bytes b) {
  return matchStringFn(pattern, bytesText(b));
}

std::string quoteMeta(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view(R"(\.+*?()|[]{}^$)").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// ---- Methods ----------------------------------------------------------------------------

std::string reString(RegexpPtr re) {
  return re.prog().expr;
}

void reLongest(RegexpPtr re) {
  const Program& p = re.prog();
  auto r = intern(p.expr, p.posix, true);
  re.obj->fields[0].u = reinterpret_cast<uint64_t>(std::get<const Program*>(r));
}

RegexpPtr reCopy(RegexpPtr re) {
  return newRegexp(&re.prog());
}

int64_t reNumSubexp(RegexpPtr re) {
  return re.prog().numSubexp;
}

std::vector<std::string_view> reSubexpNames(RegexpPtr re) {
  const Program& p = re.prog();
  return {p.names.begin(), p.names.end()};
}

int64_t reSubexpIndex(RegexpPtr re, std::string_view name) {
  const Program& p = re.prog();
  if (!name.empty()) {
    for (size_t k = 0; k < p.names.size(); ++k) {
      if (p.names[k] == name) return static_cast<int64_t>(k);
    }
  }
  return -1;
}

std::tuple<std::string, bool> reLiteralPrefix(RegexpPtr re) {
  return {re.prog().prefix, re.prog().complete};
}

bool reMatchString(RegexpPtr re, std::string_view s) {
  return matches(re.prog(), s);
}
bool reMatch(RegexpPtr re, Bytes b) {
  return matches(re.prog(), bytesText(b));
}

std::string reFindString(RegexpPtr re, std::string_view s) {
  Match m = first(re.prog(), s, 2);
  if (m.empty()) return "";
  return std::string(s.substr(static_cast<size_t>(m[0]), static_cast<size_t>(m[1] - m[0])));
}
Bytes reFind(RegexpPtr re, Bytes b) {
  Match m = first(re.prog(), bytesText(b), 2);
  if (m.empty()) return {};
  return {capped(b, m[0], m[1])};
}

Ints reFindStringIndex(RegexpPtr re, std::string_view s) {
  Match m = first(re.prog(), s, 2);
  if (m.empty()) return {};
  return {intsValue(m, 2)};
}
Ints reFindIndex(RegexpPtr re, Bytes b) {
  return reFindStringIndex(re, bytesText(b));
}

Strings reFindStringSubmatch(RegexpPtr re, std::string_view s) {
  const Program& p = re.prog();
  Match m = first(p, s, fullCap(p));
  if (m.empty()) return {};
  return {submatchStrings(p, s, m)};
}
ByteSliceList reFindSubmatch(RegexpPtr re, Bytes b) {
  const Program& p = re.prog();
  Match m = first(p, bytesText(b), fullCap(p));
  if (m.empty()) return {};
  return {submatchBytes(p, b, m)};
}

Ints reFindStringSubmatchIndex(RegexpPtr re, std::string_view s) {
  const Program& p = re.prog();
  Match m = first(p, s, fullCap(p));
  if (m.empty()) return {};
  return {intsValue(m, m.size())};
}
Ints reFindSubmatchIndex(RegexpPtr re, Bytes b) {
  return reFindStringSubmatchIndex(re, bytesText(b));
}

// The []T of the parts, nil when there are none (Go's FindAll* return nil then).
Value partsOrNil(const std::vector<Value>& parts) {
  return parts.empty() ? Value{} : sliceOfValues(parts);
}

Strings reFindAllString(RegexpPtr re, std::string_view s, int64_t n) {
  std::vector<Value> parts;
  allMatches(re.prog(), s, n, 2, [&](const Match& m) {
    parts.push_back(
        stringResult(s.substr(static_cast<size_t>(m[0]), static_cast<size_t>(m[1] - m[0]))));
  });
  return {partsOrNil(parts)};
}
ByteSliceList reFindAll(RegexpPtr re, Bytes b, int64_t n) {
  std::vector<Value> parts;
  allMatches(re.prog(), bytesText(b), n, 2,
             [&](const Match& m) { parts.push_back(capped(b, m[0], m[1])); });
  return {partsOrNil(parts)};
}

IntMatrix reFindAllStringIndex(RegexpPtr re, std::string_view s, int64_t n) {
  std::vector<Value> parts;
  allMatches(re.prog(), s, n, 2, [&](const Match& m) { parts.push_back(intsValue(m, 2)); });
  return {partsOrNil(parts)};
}
IntMatrix reFindAllIndex(RegexpPtr re, Bytes b, int64_t n) {
  return reFindAllStringIndex(re, bytesText(b), n);
}

StringMatrix reFindAllStringSubmatch(RegexpPtr re, std::string_view s, int64_t n) {
  const Program& p = re.prog();
  std::vector<Value> parts;
  allMatches(p, s, n, fullCap(p),
             [&](const Match& m) { parts.push_back(submatchStrings(p, s, m)); });
  return {partsOrNil(parts)};
}
ByteSliceMatrix reFindAllSubmatch(RegexpPtr re, Bytes b, int64_t n) {
  const Program& p = re.prog();
  std::vector<Value> parts;
  allMatches(p, bytesText(b), n, fullCap(p),
             [&](const Match& m) { parts.push_back(submatchBytes(p, b, m)); });
  return {partsOrNil(parts)};
}

IntMatrix reFindAllStringSubmatchIndex(RegexpPtr re, std::string_view s, int64_t n) {
  const Program& p = re.prog();
  std::vector<Value> parts;
  allMatches(p, s, n, fullCap(p), [&](const Match& m) { parts.push_back(intsValue(m, m.size())); });
  return {partsOrNil(parts)};
}
IntMatrix reFindAllSubmatchIndex(RegexpPtr re, Bytes b, int64_t n) {
  return reFindAllStringSubmatchIndex(re, bytesText(b), n);
}

// ReplaceAllString's n: the submatches only when the template may name them.
int replaceCap(const Program& p, std::string_view repl) {
  return repl.find('$') != std::string_view::npos ? fullCap(p) : 2;
}

std::string reReplaceAllString(RegexpPtr re, std::string_view src, std::string_view repl) {
  const Program& p = re.prog();
  return replaceAll(p, src, replaceCap(p, repl),
                    [&](std::string& out, const Match& m) { expand(p, out, repl, src, m); });
}
Bytes reReplaceAll(RegexpPtr re, Bytes src, Bytes repl) {
  const Program& p = re.prog();
  std::string s = bytesText(src);
  std::string r = bytesText(repl);
  return {bytesOrNil(replaceAll(
      p, s, replaceCap(p, r), [&](std::string& out, const Match& m) { expand(p, out, r, s, m); }))};
}

std::string reReplaceAllLiteralString(RegexpPtr re, std::string_view src, std::string_view repl) {
  return replaceAll(re.prog(), src, 2, [&](std::string& out, const Match&) { out += repl; });
}
Bytes reReplaceAllLiteral(RegexpPtr re, Bytes src, Bytes repl) {
  std::string r = bytesText(repl);
  return {bytesOrNil(
      replaceAll(re.prog(), bytesText(src), 2, [&](std::string& out, const Match&) { out += r; }))};
}

std::string reReplaceAllStringFunc(RegexpPtr re, std::string_view src, StringFunc f) {
  return replaceAll(re.prog(), src, 2, [&](std::string& out, const Match& m) {
    Value arg =
        stringResult(src.substr(static_cast<size_t>(m[0]), static_cast<size_t>(m[1] - m[0])));
    Value result[1]{};
    fmt::funcCaller(f.fn, std::span<const Value>(&arg, 1), result);
    out += values::stringView(result[0]);
    values::releaseRef(result[0]);
  });
}
Bytes reReplaceAllFunc(RegexpPtr re, Bytes src, BytesFunc f) {
  return {bytesOrNil(replaceAll(
      re.prog(), bytesText(src), 2,
      [&](std::string& out, const Match& m) {
        Value arg = subslice(src.slice, m[0], m[1]);
        Value result[1]{};
        fmt::funcCaller(f.fn, std::span<const Value>(&arg, 1), result);
        out += loadBytes(result[0], 0, sliceLen(result[0]));
        values::releaseRef(result[0]);
      },
      src.slice))};
}

// Go's Match indices from a []int argument.
Match matchArg(Value ints) {
  Match m;
  if (values::SliceObject* s = values::asSlice(ints)) {
    for (int64_t k = 0; k < s->len(); ++k) m.push_back(s->base()[k].i);
  }
  return m;
}

Bytes reExpandString(RegexpPtr re, Bytes dst, std::string_view tmpl, std::string_view src,
                     IntsArg match) {
  std::string out;
  expand(re.prog(), out, tmpl, src, matchArg(match.v));
  return {appendBytes(dst.slice, out)};
}
Bytes reExpand(RegexpPtr re, Bytes dst, Bytes tmpl, Bytes src, IntsArg match) {
  std::string out;
  expand(re.prog(), out, bytesText(tmpl), bytesText(src), matchArg(match.v));
  return {appendBytes(dst.slice, out)};
}

Strings reSplit(RegexpPtr re, std::string_view s, int64_t n) {
  if (n == 0) return {};
  const Program& p = re.prog();
  if (!p.expr.empty() && s.empty()) return {GoType<std::vector<std::string_view>>::result({""})};
  std::vector<Match> found;
  allMatches(p, s, n, 2, [&](const Match& m) { found.push_back(m); });
  std::vector<std::string_view> parts;
  int64_t beg = 0;
  int64_t end = 0;
  for (const Match& m : found) {
    if (n > 0 && static_cast<int64_t>(parts.size()) == n - 1) break;
    end = m[0];
    if (m[1] != 0)
      parts.push_back(s.substr(static_cast<size_t>(beg), static_cast<size_t>(end - beg)));
    beg = m[1];
  }
  if (end != static_cast<int64_t>(s.size())) parts.push_back(s.substr(static_cast<size_t>(beg)));
  return {GoType<std::vector<std::string_view>>::result(parts)};
}

// The type itself; its methods are added by registerRegexp, since some of their
// signatures name *Regexp.
check::Named* regexpType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"prog", check::basicType(check::BasicKind::Uintptr), false, ""}};
    return nativeNamed("regexp", "Regexp", st);
  }();
  return t;
}

void addMethods(check::Named* n) {
  bindMethod<&reString>(n, "String");
  bindMethod<&reLongest>(n, "Longest");
  bindMethod<&reCopy>(n, "Copy");
  bindMethod<&reNumSubexp>(n, "NumSubexp");
  bindMethod<&reSubexpNames>(n, "SubexpNames");
  bindMethod<&reSubexpIndex>(n, "SubexpIndex");
  bindMethod<&reLiteralPrefix>(n, "LiteralPrefix");
  bindMethod<&reMatchString>(n, "MatchString");
  bindMethod<&reMatch>(n, "Match");
  bindMethod<&reFindString>(n, "FindString");
  bindMethod<&reFind>(n, "Find");
  bindMethod<&reFindStringIndex>(n, "FindStringIndex");
  bindMethod<&reFindIndex>(n, "FindIndex");
  bindMethod<&reFindStringSubmatch>(n, "FindStringSubmatch");
  bindMethod<&reFindSubmatch>(n, "FindSubmatch");
  bindMethod<&reFindStringSubmatchIndex>(n, "FindStringSubmatchIndex");
  bindMethod<&reFindSubmatchIndex>(n, "FindSubmatchIndex");
  bindMethod<&reFindAllString>(n, "FindAllString");
  bindMethod<&reFindAll>(n, "FindAll");
  bindMethod<&reFindAllStringIndex>(n, "FindAllStringIndex");
  bindMethod<&reFindAllIndex>(n, "FindAllIndex");
  bindMethod<&reFindAllStringSubmatch>(n, "FindAllStringSubmatch");
  bindMethod<&reFindAllSubmatch>(n, "FindAllSubmatch");
  bindMethod<&reFindAllStringSubmatchIndex>(n, "FindAllStringSubmatchIndex");
  bindMethod<&reFindAllSubmatchIndex>(n, "FindAllSubmatchIndex");
  bindMethod<&reReplaceAllString>(n, "ReplaceAllString");
  bindMethod<&reReplaceAll>(n, "ReplaceAll");
  bindMethod<&reReplaceAllLiteralString>(n, "ReplaceAllLiteralString");
  bindMethod<&reReplaceAllLiteral>(n, "ReplaceAllLiteral");
  bindMethod<&reReplaceAllStringFunc>(n, "ReplaceAllStringFunc");
  bindMethod<&reReplaceAllFunc>(n, "ReplaceAllFunc");
  bindMethod<&reExpandString>(n, "ExpandString");
  bindMethod<&reExpand>(n, "Expand");
  bindMethod<&reSplit>(n, "Split");
}

}  // namespace

void registerRegexp(Packages& p) {
  check::Package& pkg = p.package("regexp", "regexp");
  static const bool methods = (addMethods(regexpType()), true);
  (void)methods;
  p.addType(pkg, "Regexp", regexpType());
  bind<&compile>(p, pkg, "Compile");
  bind<&compilePOSIX>(p, pkg, "CompilePOSIX");
  bind<&mustCompile>(p, pkg, "MustCompile");
  bind<&mustCompilePOSIX>(p, pkg, "MustCompilePOSIX");
  bind<&matchStringFn>(p, pkg, "MatchString");
  bind<&matchFn>(p, pkg, "Match");
  bind<&quoteMeta>(p, pkg, "QuoteMeta");
}

}  // namespace gol::stdlib
