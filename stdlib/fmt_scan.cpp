// fmt's scanning functions (Scan, Scanln, Scanf, Sscan, Sscanln, Sscanf, Fscan, Fscanln,
// Fscanf): a port of Go 1.19's fmt/scan.go, step for step, so that what is consumed, what is
// stored and the error returned (its text included) are Go's.
//
// Design. `ScanState` is Go's ss: it reads runes from a `RuneSource` (Go's io.RuneScanner)
// and keeps Go's counters (count, argLimit for widths, atEOF, the newline modes). Go's
// scanError panics are C++ exceptions (`ScanFailure`, holding the error to return), caught
// where Go's errorHandler recovers them; a Go panic from the reader (a Gol Read method)
// passes through untouched. There are three sources:
//  * StringSource, for Sscan*: decodes the string in place (what Go's readRune over its
//    stringReader yields, without the copies);
//  * ReaderSource, Go's readRune: one byte per Read of the io.Reader (an *os.File directly,
//    anything else through io::read), so it never takes more from the reader than the
//    runes it returns, plus the one rune it may hold back for UnreadRune, which is lost
//    when the call ends, as in Go;
//  * MethodSource, for a reader that implements io.RuneScanner (a *bufio.Reader, a Gol
//    type): its ReadRune and UnreadRune, so the unread rune goes back to the reader.
// Scan, Scanln and Scanf read the *os.File os.Stdin holds at the call (os::stdinVar), as
// Fscan(os.Stdin) does; a pipe or terminal is read through rt::blocking by os::fileRead.
//
// Invariants: an error held by a ScanFailure is owned and ends up in the call's result;
// operands are stored as each is scanned (earlier ones keep their values when a later one
// fails), with the representation of the operand's kind (storeWith releases a replaced
// string or slice). Operands are pointers to bool, the integer and float kinds, string and
// []byte, or named types over them; the fmt.Scanner interface is not supported (fmt has no
// ScanState, so the checker rejects a Scan method written for it).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>

#include "interpreter/check/lookup.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/io.h"
#include "stdlib/os.h"
#include "stdlib/packages.h"
#include "stdlib/strconv.h"
#include "stdlib/support.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

constexpr int32_t kEof = -1;
constexpr int64_t kHugeWid = int64_t{1} << 30;

// Go's scanError, and the panic(io.EOF) of notEOF: the error the call returns (owned).
struct ScanFailure {
  Value err;
};

[[noreturn]] void fail(Value ownedErr) {
  throw ScanFailure{ownedErr};
}

[[noreturn]] void failString(const std::string& msg) {
  fail(errors::newError(msg));
}

// A *strconv.NumError's text as the error (its message is Go's; its type is errors.New's).
[[noreturn]] void failNum(const strconv::NumError& e) {
  failString(e.message());
}

// Go's isSpace: unicode.White_Space.
bool isSpace(int32_t r) {
  static constexpr int32_t kSpace[][2] = {
      {0x0009, 0x000d}, {0x0020, 0x0020}, {0x0085, 0x0085}, {0x00a0, 0x00a0}, {0x1680, 0x1680},
      {0x2000, 0x200a}, {0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f}, {0x3000, 0x3000}};
  if (r < 0 || r >= 1 << 16) return false;
  for (const auto& rng : kSpace) {
    if (r < rng[0]) return false;
    if (r <= rng[1]) return true;
  }
  return false;
}

// Whether r is one of the runes of ok (ASCII sets only: digits, signs, letters).
bool inSet(std::string_view ok, int32_t r) {
  return r >= 0 && r < 0x80 && ok.find(static_cast<char>(r)) != std::string_view::npos;
}

std::string runeString(int32_t r) {
  return utf8::encode(r);
}

// Go's io.RuneScanner as the scanner uses it.
class RuneSource {
 public:
  virtual ~RuneSource() = default;
  // The next rune, or kEof at the end of the input; any other read error is thrown as a
  // ScanFailure (Go's getRune does s.error(err)).
  virtual int32_t readRune() = 0;
  virtual void unreadRune() = 0;
};

class StringSource final : public RuneSource {
 public:
  explicit StringSource(std::string_view s) : s_(s) {}
  int32_t readRune() override {
    if (pos_ >= s_.size()) return kEof;
    auto c = static_cast<unsigned char>(s_[pos_]);
    if (c < utf8::RuneSelf) {
      last_ = 1;
      ++pos_;
      return c;
    }
    utf8::Decoded d = utf8::decodeRune(s_.substr(pos_));
    last_ = static_cast<size_t>(d.size);
    pos_ += last_;
    return d.rune;
  }
  void unreadRune() override {
    pos_ -= last_;
    last_ = 0;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  size_t last_ = 0;  // the width of the rune UnreadRune gives back; 0 when none
};

// Go's readRune over an io.Reader without ReadRune: bytes read one at a time, runes decoded
// as they complete, the bytes after an invalid encoding kept for the next runes.
class ReaderSource final : public RuneSource {
 public:
  // An io.Reader interface value, borrowed.
  explicit ReaderSource(Value reader) : reader_(reader) {}
  // An *os.File (os.Stdin, perhaps nil), read directly; borrowed.
  explicit ReaderSource(values::StructObject* file) : direct_(true), file_(file) {}

  int32_t readRune() override {
    if (peek_ >= 0) {
      int32_t r = peek_;
      peek_ = ~peek_;
      return r;
    }
    int first = readByte();
    if (first < 0) return kEof;
    char buf[utf8::UTFMax];
    buf[0] = static_cast<char>(first);
    int32_t r;
    if (first < utf8::RuneSelf) {
      r = first;
    } else {
      int n = 1;
      while (n < utf8::UTFMax && !utf8::fullRune(std::string_view(buf, n))) {
        int b = readByte();
        if (b < 0) break;  // io.EOF inside a rune: decode what there is
        buf[n++] = static_cast<char>(b);
      }
      utf8::Decoded d = utf8::decodeRune(std::string_view(buf, n));
      for (int k = d.size; k < n; ++k) pend_[pending_++] = static_cast<unsigned char>(buf[k]);
      r = d.rune;
    }
    peek_ = ~r;  // available to UnreadRune
    return r;
  }

  void unreadRune() override {
    if (peek_ < 0) peek_ = ~peek_;
  }

 private:
  // The next byte, or -1 at io.EOF (Go's io.ReadFull of one byte); another error is thrown.
  int readByte() {
    if (pending_ > 0) {
      int b = pend_[0];
      for (int k = 1; k < pending_; ++k) pend_[k - 1] = pend_[k];
      --pending_;
      return b;
    }
    for (;;) {
      char b = 0;
      io::IoResult r = direct_ ? os::fileRead(file_, &b, 1) : io::read(reader_, &b, 1);
      if (r.n >= 1) {
        values::releaseRef(r.err);
        return static_cast<unsigned char>(b);
      }
      if (!r.err.p) continue;
      if (io::isEOF(r.err)) {
        values::releaseRef(r.err);
        return -1;
      }
      fail(r.err);
    }
  }

  bool direct_ = false;
  values::StructObject* file_ = nullptr;
  Value reader_{};
  unsigned char pend_[utf8::UTFMax]{};
  int pending_ = 0;
  int32_t peek_ = -1;  // the next rune if >= 0; else ~ the previous rune
};

// A reader with ReadRune and UnreadRune: calls them.
class MethodSource final : public RuneSource {
 public:
  explicit MethodSource(values::IfaceObject* r) : recv_{r->type, r->value} {}
  int32_t readRune() override {
    Value res[3]{};
    fmt::methodCaller(recv_, "ReadRune", {}, res);
    if (res[2].p) {
      if (io::isEOF(res[2])) {
        values::releaseRef(res[2]);
        return kEof;
      }
      fail(res[2]);
    }
    return static_cast<int32_t>(res[0].i);
  }
  void unreadRune() override {
    Value res[1]{};
    fmt::methodCaller(recv_, "UnreadRune", {}, res);
    values::releaseRef(res[0]);
  }

 private:
  AnyValue recv_;
};

// io.RuneScanner, to ask whether a reader has ReadRune and UnreadRune.
const check::Interface* runeScannerType() {
  static const check::Interface* t = [] {
    auto* i = new check::Interface;
    const check::Type* err = check::errorType();
    check::Method read;
    read.name = "ReadRune";
    read.sig = nativeSignature({}, {check::basicType(check::BasicKind::Int32),
                                    check::basicType(check::BasicKind::Int), err});
    check::Method unread;
    unread.name = "UnreadRune";
    unread.sig = nativeSignature({}, {err});
    i->methods = {read, unread};
    return i;
  }();
  return t;
}

// Go's parsenum (print.go): a width of decimal digits in s[start:end].
std::tuple<int64_t, bool, size_t> parsenum(std::string_view s, size_t start, size_t end) {
  if (start >= end) return {0, false, end};
  int64_t num = 0;
  bool isnum = false;
  size_t i = start;
  for (; i < end && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (num <= -1000000 || num >= 1000000) return {0, false, end};
    num = num * 10 + (s[i] - '0');
    isnum = true;
  }
  return {num, isnum, i};
}

constexpr std::string_view kBinaryDigits = "01";
constexpr std::string_view kOctalDigits = "01234567";
constexpr std::string_view kDecimalDigits = "0123456789";
constexpr std::string_view kHexDigits = "0123456789aAbBcCdDeEfF";
constexpr std::string_view kSign = "+-";
constexpr std::string_view kFloatVerbs = "beEfFgGv";

struct Base {
  int base;
  std::string digits;
  bool zeroFound = false;
};

// Go's ss: the state of one call.
class ScanState {
 public:
  ScanState(RuneSource& rs, bool nlIsSpace, bool nlIsEnd)
      : rs_(rs), nlIsSpace_(nlIsSpace), nlIsEnd_(nlIsEnd) {}

  std::tuple<int64_t, GoError> doScan(std::span<const AnyValue> a) {
    int64_t n = 0;
    try {
      for (const AnyValue& arg : a) {
        scanOne('v', arg);
        ++n;
      }
      // Scanln: a newline or EOF must follow.
      if (nlIsEnd_) {
        for (;;) {
          int32_t r = getRune();
          if (r == '\n' || r == kEof) break;
          if (!isSpace(r)) failString("expected newline");
        }
      }
    } catch (ScanFailure& f) {
      return {n, GoError{f.err}};
    }
    return {n, GoError{}};
  }

  std::tuple<int64_t, GoError> doScanf(std::string_view format, std::span<const AnyValue> a) {
    int64_t n = 0;
    try {
      scanf(format, a, n);
    } catch (ScanFailure& f) {
      return {n, GoError{f.err}};
    }
    return {n, GoError{}};
  }

 private:
  void scanf(std::string_view format, std::span<const AnyValue> a, int64_t& numProcessed) {
    if (format.empty()) {
      if (!a.empty()) failString("too many operands");
      return;
    }
    size_t end = format.size() - 1;
    for (size_t i = 0; i <= end;) {
      int64_t w = advance(format.substr(i));
      if (w > 0) {
        i += static_cast<size_t>(w);
        continue;
      }
      // Either advancing failed, a verb is next, or the input ran out.
      if (format[i] != '%') {
        if (w < 0) failString("input does not match format");
        break;  // at EOF: "too many operands" below
      }
      ++i;
      bool widPresent;
      std::tie(maxWid_, widPresent, i) = parsenum(format, i, end);
      if (!widPresent) maxWid_ = kHugeWid;
      utf8::Decoded d = utf8::decodeRune(format.substr(i));
      int32_t c = d.rune;
      i += static_cast<size_t>(d.size);
      if (c != 'c') skipSpace();
      if (c == '%') {
        scanPercent();
        continue;  // no operand
      }
      argLimit_ = limit_;
      if (int64_t f = count_ + maxWid_; f < argLimit_) argLimit_ = f;
      if (numProcessed >= static_cast<int64_t>(a.size())) {
        failString("too few operands for format '%" +
                   std::string(format.substr(i - static_cast<size_t>(d.size))) + "'");
      }
      scanOne(c, a[static_cast<size_t>(numProcessed)]);
      ++numProcessed;
      argLimit_ = limit_;
    }
    if (numProcessed < static_cast<int64_t>(a.size())) failString("too many operands");
  }

  // Go's advance: matches the format's literal text and spaces against the input; the
  // bytes of format consumed, 0 at a verb or the end of input, -1 on a mismatch.
  int64_t advance(std::string_view format) {
    size_t i = 0;
    while (i < format.size()) {
      utf8::Decoded fd = utf8::decodeRune(format.substr(i));
      int32_t fmtc = fd.rune;
      size_t w = static_cast<size_t>(fd.size);
      // Spaces: a newline in the format matches spaces then a newline or EOF; spaces
      // after it match spaces after that newline; other spaces match one or more spaces
      // (or EOF).
      if (isSpace(fmtc)) {
        int newlines = 0;
        bool trailingSpace = false;
        while (isSpace(fmtc) && i < format.size()) {
          if (fmtc == '\n') {
            ++newlines;
            trailingSpace = false;
          } else {
            trailingSpace = true;
          }
          i += w;
          fd = utf8::decodeRune(format.substr(i));
          fmtc = fd.rune;
          w = static_cast<size_t>(fd.size);
        }
        for (int j = 0; j < newlines; ++j) {
          int32_t inputc = getRune();
          while (isSpace(inputc) && inputc != '\n') inputc = getRune();
          if (inputc != '\n' && inputc != kEof) {
            failString("newline in format does not match input");
          }
        }
        if (trailingSpace) {
          int32_t inputc = getRune();
          if (newlines == 0) {
            if (!isSpace(inputc) && inputc != kEof) {
              failString("expected space in input to match format");
            }
            if (inputc == '\n') failString("newline in input does not match format");
          }
          while (isSpace(inputc) && inputc != '\n') inputc = getRune();
          if (inputc != kEof) unreadRune();
        }
        continue;
      }
      if (fmtc == '%') {
        if (i + w == format.size()) failString("missing verb: % at end of format string");
        // %% is a literal percent.
        utf8::Decoded next = utf8::decodeRune(format.substr(i + w));
        if (next.rune != '%') return static_cast<int64_t>(i);
        i += w;
      }
      int32_t inputc = mustReadRune();
      if (fmtc != inputc) {
        unreadRune();
        return -1;
      }
      i += w;
    }
    return static_cast<int64_t>(i);
  }

  // Go's ss.ReadRune, as getRune uses it: kEof at the end of input, of the line (Scanln),
  // or of the width.
  int32_t getRune() {
    if (atEOF_ || count_ >= argLimit_) return kEof;
    int32_t r = rs_.readRune();
    if (r == kEof) {
      atEOF_ = true;
      return kEof;
    }
    ++count_;
    if (nlIsEnd_ && r == '\n') atEOF_ = true;
    return r;
  }

  int32_t mustReadRune() {
    int32_t r = getRune();
    if (r == kEof) fail(retained(io::errUnexpectedEOF()));
    return r;
  }

  void unreadRune() {
    rs_.unreadRune();
    atEOF_ = false;
    --count_;
  }

  void skipSpace() {
    for (;;) {
      int32_t r = getRune();
      if (r == kEof) return;
      if (r == '\r' && peek("\n")) continue;
      if (r == '\n') {
        if (nlIsSpace_) continue;
        failString("unexpected newline");
      }
      if (!isSpace(r)) {
        unreadRune();
        return;
      }
    }
  }

  // The next space-delimited word.
  std::string token(bool skip) {
    if (skip) skipSpace();
    for (;;) {
      int32_t r = getRune();
      if (r == kEof) break;
      if (isSpace(r)) {
        unreadRune();
        break;
      }
      utf8::encodeRune(buf_, r);
    }
    return buf_;
  }

  bool consume(std::string_view ok, bool accept) {
    int32_t r = getRune();
    if (r == kEof) return false;
    if (inSet(ok, r)) {
      if (accept) utf8::encodeRune(buf_, r);
      return true;
    }
    // As Go: a rejected rune is given back only when accepting.
    if (accept) unreadRune();
    return false;
  }

  bool peek(std::string_view ok) {
    int32_t r = getRune();
    if (r != kEof) unreadRune();
    return inSet(ok, r);
  }

  void notEOF() {
    if (getRune() == kEof) fail(retained(io::eof()));
    unreadRune();
  }

  bool accept(std::string_view ok) { return consume(ok, true); }

  void okVerb(int32_t verb, std::string_view okVerbs, const char* typ) {
    if (!inSet(okVerbs, verb)) {
      failString("bad verb '%" + runeString(verb) + "' for " + typ);
    }
  }

  bool scanBool(int32_t verb) {
    skipSpace();
    notEOF();
    okVerb(verb, "tv", "boolean");
    switch (getRune()) {
      case '0': return false;
      case '1': return true;
      case 't':
      case 'T':
        if (accept("rR") && (!accept("uU") || !accept("eE"))) boolError();
        return true;
      case 'f':
      case 'F':
        if (accept("aA") && (!accept("lL") || !accept("sS") || !accept("eE"))) boolError();
        return false;
      default: return false;
    }
  }

  [[noreturn]] void boolError() { failString("syntax error scanning boolean"); }

  Base getBase(int32_t verb) {
    okVerb(verb, "bdoUxXv", "integer");
    switch (verb) {
      case 'b': return {2, std::string(kBinaryDigits)};
      case 'o': return {8, std::string(kOctalDigits)};
      case 'x':
      case 'X':
      case 'U': return {16, std::string(kHexDigits)};
      default: return {10, std::string(kDecimalDigits)};
    }
  }

  std::string scanNumber(std::string_view digits, bool haveDigits) {
    if (!haveDigits) {
      notEOF();
      if (!accept(digits)) failString("expected integer");
    }
    while (accept(digits)) {
    }
    return buf_;
  }

  int64_t scanRune(unsigned bitSize) {
    notEOF();
    int64_t r = getRune();
    unsigned shift = 64 - bitSize;
    int64_t x = static_cast<int64_t>(static_cast<uint64_t>(r) << shift) >> shift;
    if (x != r) failString("overflow on character value " + runeString(static_cast<int32_t>(r)));
    return r;
  }

  // After an optional sign, for %v: a base prefix (0b, 0o, 0x, or a leading 0).
  Base scanBasePrefix() {
    if (!peek("0")) return {0, std::string(kDecimalDigits) + "_"};
    accept("0");
    if (peek("bB")) {
      consume("bB", true);
      return {0, std::string(kBinaryDigits) + "_", true};
    }
    if (peek("oO")) {
      consume("oO", true);
      return {0, std::string(kOctalDigits) + "_", true};
    }
    if (peek("xX")) {
      consume("xX", true);
      return {0, std::string(kHexDigits) + "_", true};
    }
    return {0, std::string(kOctalDigits) + "_", true};
  }

  int64_t scanInt(int32_t verb, unsigned bitSize) {
    if (verb == 'c') return scanRune(bitSize);
    skipSpace();
    notEOF();
    Base b = getBase(verb);
    if (verb == 'U') {
      if (!consume("U", false) || !consume("+", false)) failString("bad unicode format ");
    } else {
      accept(kSign);  // a sign stays in the token
      if (verb == 'v') b = scanBasePrefix();
    }
    std::string tok = scanNumber(b.digits, b.zeroFound);
    strconv::Parsed<int64_t> r = strconv::parseInt(tok, b.base, 64);
    if (r.error) failNum(*r.error);
    unsigned shift = 64 - bitSize;
    int64_t x = static_cast<int64_t>(static_cast<uint64_t>(r.value) << shift) >> shift;
    if (x != r.value) failString("integer overflow on token " + tok);
    return r.value;
  }

  uint64_t scanUint(int32_t verb, unsigned bitSize) {
    if (verb == 'c') return static_cast<uint64_t>(scanRune(bitSize));
    skipSpace();
    notEOF();
    Base b = getBase(verb);
    if (verb == 'U') {
      if (!consume("U", false) || !consume("+", false)) failString("bad unicode format ");
    } else if (verb == 'v') {
      b = scanBasePrefix();
    }
    std::string tok = scanNumber(b.digits, b.zeroFound);
    strconv::Parsed<uint64_t> r = strconv::parseUint(tok, b.base, 64);
    if (r.error) failNum(*r.error);
    unsigned shift = 64 - bitSize;
    uint64_t x = (r.value << shift) >> shift;
    if (x != r.value) failString("unsigned integer overflow on token " + tok);
    return r.value;
  }

  // The characters of a floating-point number, checked loosely (ParseFloat decides).
  std::string floatToken() {
    buf_.clear();
    if (accept("nN") && accept("aA") && accept("nN")) return buf_;
    accept(kSign);
    if (accept("iI") && accept("nN") && accept("fF")) return buf_;
    std::string digits = std::string(kDecimalDigits) + "_";
    std::string_view exp = "eEpP";
    if (accept("0") && accept("xX")) {
      digits = std::string(kHexDigits) + "_";
      exp = "pP";
    }
    while (accept(digits)) {
    }
    if (accept(".")) {
      while (accept(digits)) {
      }
    }
    if (accept(exp)) {
      accept(kSign);
      while (accept("0123456789_")) {
      }
    }
    return buf_;
  }

  double convertFloat(const std::string& str, int bitSize) {
    size_t p = str.find('p');
    if (p != std::string::npos && str.find_first_of("xX") == std::string::npos) {
      // A decimal mantissa with a binary exponent (1.2p4), which ParseFloat lacks.
      strconv::Parsed<double> f = strconv::parseFloat(std::string_view(str).substr(0, p), bitSize);
      if (f.error) {
        f.error->num = str;
        failNum(*f.error);
      }
      strconv::Parsed<int64_t> m = strconv::atoi(std::string_view(str).substr(p + 1));
      if (m.error) {
        m.error->num = str;
        failNum(*m.error);
      }
      int e = static_cast<int>(std::clamp<int64_t>(m.value, -100000, 100000));
      return std::ldexp(f.value, e);
    }
    strconv::Parsed<double> f = strconv::parseFloat(str, bitSize);
    if (f.error) failNum(*f.error);
    return f.value;
  }

  // Go's scanComplex: `(re±imi)` (the parentheses optional), each part a float token of
  // half the size.
  values::Complex scanComplex(int32_t verb, int bitSize) {
    okVerb(verb, kFloatVerbs, "complex");
    skipSpace();
    notEOF();
    bool parens = accept("(");
    std::string re = floatToken();
    buf_.clear();
    if (!accept("+-")) failString("syntax error scanning complex number");
    std::string sign = buf_;
    std::string im = sign + floatToken();
    if (!accept("i")) failString("syntax error scanning complex number");
    if (parens && !accept(")")) failString("syntax error scanning complex number");
    return {convertFloat(re, bitSize / 2), convertFloat(im, bitSize / 2)};
  }

  std::string convertString(int32_t verb) {
    okVerb(verb, "svqxX", "string");
    skipSpace();
    notEOF();
    if (verb == 'q') return quotedString();
    if (verb == 'x' || verb == 'X') return hexString();
    return token(true);
  }

  std::string quotedString() {
    notEOF();
    int32_t quote = getRune();
    if (quote == '`') {
      for (;;) {
        int32_t r = mustReadRune();
        if (r == quote) break;
        utf8::encodeRune(buf_, r);
      }
      return buf_;
    }
    if (quote == '"') {
      buf_ += '"';
      for (;;) {
        int32_t r = mustReadRune();
        utf8::encodeRune(buf_, r);
        if (r == '\\') {
          // Only the rune right after a backslash can be a quote or backslash itself.
          utf8::encodeRune(buf_, mustReadRune());
        } else if (r == '"') {
          break;
        }
      }
      std::optional<std::string> s = strconv::unquote(buf_);
      if (!s) failString("invalid syntax");
      return *s;
    }
    failString("expected quoted string");
  }

  static int hexDigit(int32_t d) {
    if (d >= '0' && d <= '9') return d - '0';
    if (d >= 'a' && d <= 'f') return 10 + d - 'a';
    if (d >= 'A' && d <= 'F') return 10 + d - 'A';
    return -1;
  }

  // The next hex-encoded byte, or -1 when the input does not start with a hex digit.
  int hexByte() {
    int32_t rune1 = getRune();
    if (rune1 == kEof) return -1;
    int v1 = hexDigit(rune1);
    if (v1 < 0) {
      unreadRune();
      return -1;
    }
    int v2 = hexDigit(mustReadRune());
    if (v2 < 0) failString("illegal hex digit");
    return v1 << 4 | v2;
  }

  std::string hexString() {
    notEOF();
    for (;;) {
      int b = hexByte();
      if (b < 0) break;
      buf_ += static_cast<char>(b);
    }
    if (buf_.empty()) failString("no hex data for %x string");
    return buf_;
  }

  void scanPercent() {
    skipSpace();
    notEOF();
    if (!accept("%")) failString("missing literal %");
  }

  // *p = v, with v owned.
  static void store(Value ptr, Value v, values::Storage storage) {
    auto* p = static_cast<values::PointerObject*>(ptr.p);
    if (!p) {
      if (storage != values::Storage::Scalar) values::releaseRef(v);
      nilPanic();
    }
    values::storeWith(p->storage, p->cell, v);
  }

  // Go's scanOne: one operand, by its type.
  void scanOne(int32_t verb, const AnyValue& arg) {
    buf_.clear();
    const check::Type* t = arg.type;
    Value v = arg.value;
    if (t && check::asInterface(t)) {
      values::IfaceObject* i = values::asIface(v);
      t = i ? i->type : nullptr;
      v = i ? i->value : Value{};
    }
    const check::Pointer* pt = isUntypedNil(t) ? nullptr : check::asPointer(t);
    if (!pt) failString("type not a pointer: " + fmt::typeName(t));
    // Go's type switch names the pointers to predeclared types; other operands go
    // through reflect, which does not check the verb of a float.
    bool predeclared =
        t->kind == check::TypeKind::Pointer && pt->elem->kind != check::TypeKind::Named;
    const check::Type* elem = check::under(pt->elem);
    using K = check::BasicKind;
    if (const check::Basic* b = elem->kind == check::TypeKind::Basic
                                    ? static_cast<const check::Basic*>(elem)
                                    : nullptr) {
      switch (b->basic) {
        case K::Bool: store(v, boolResult(scanBool(verb)), values::Storage::Scalar); return;
        case K::Int:
        case K::Int8:
        case K::Int16:
        case K::Int32:
        case K::Int64:
          store(v, values::intValue(scanInt(verb, b->bits())), values::Storage::Scalar);
          return;
        case K::Uint:
        case K::Uint8:
        case K::Uint16:
        case K::Uint32:
        case K::Uint64:
        case K::Uintptr: {
          Value u;
          u.u = scanUint(verb, b->bits());
          store(v, u, values::Storage::Scalar);
          return;
        }
        case K::Float32:
        case K::Float64: {
          if (predeclared)
            okVerb(verb, kFloatVerbs, b->basic == K::Float32 ? "float32" : "float64");
          skipSpace();
          notEOF();
          double f = convertFloat(floatToken(), static_cast<int>(b->bits()));
          if (b->basic == K::Float32) f = static_cast<float>(f);
          store(v, floatResult(f), values::Storage::Scalar);
          return;
        }
        case K::Complex64: {
          values::Complex c = scanComplex(verb, 64);
          store(v, values::complex64Value(c), values::Storage::Scalar);
          return;
        }
        case K::Complex128: {
          values::Complex c = scanComplex(verb, 128);
          store(v, values::complex128Value(c), values::Storage::Ref);
          return;
        }
        case K::String: {
          std::string s = convertString(verb);
          store(v, stringResult(s), values::Storage::Ref);
          return;
        }
        default: break;
      }
    } else if (const check::Slice* s = check::asSliceType(elem)) {
      const check::Basic* eb = check::asBasic(s->elem);
      if (!eb || eb->basic != K::Uint8) failString("can't scan type: " + fmt::typeName(t));
      std::string str = convertString(verb);
      store(v, newBytes(str).slice, values::Storage::Ref);
      return;
    }
    failString("can't scan type: " + fmt::typeName(t));
  }

  RuneSource& rs_;
  std::string buf_;    // the token being read
  int64_t count_ = 0;  // runes consumed so far
  bool atEOF_ = false;
  bool nlIsSpace_;               // a newline counts as a space (Scan)
  bool nlIsEnd_;                 // a newline ends the input (Scanln)
  int64_t argLimit_ = kHugeWid;  // the most count_ may reach for this operand
  int64_t limit_ = kHugeWid;
  int64_t maxWid_ = kHugeWid;
};

enum class Mode { Scan, Scanln, Scanf };

std::tuple<int64_t, GoError> run(RuneSource& rs, Mode mode, std::string_view format,
                                 Variadic<AnyValue> a) {
  ScanState s(rs, mode == Mode::Scan, mode == Mode::Scanln);
  return mode == Mode::Scanf ? s.doScanf(format, a.raw()) : s.doScan(a.raw());
}

std::tuple<int64_t, GoError> fromString(std::string_view str, Mode mode, std::string_view format,
                                        Variadic<AnyValue> a) {
  StringSource src(str);
  return run(src, mode, format, a);
}

// Fscan*'s reader: its ReadRune and UnreadRune if it has both, else Read a byte at a time.
std::tuple<int64_t, GoError> fromReader(Value r, Mode mode, std::string_view format,
                                        Variadic<AnyValue> a) {
  values::IfaceObject* i = values::asIface(r);
  std::string reason;
  if (i && !os::asFile(i) && check::implements(i->type, runeScannerType(), &reason)) {
    MethodSource src(i);
    return run(src, mode, format, a);
  }
  ReaderSource src(r);
  return run(src, mode, format, a);
}

// Scan*: the *os.File os.Stdin holds now.
std::tuple<int64_t, GoError> fromStdin(Mode mode, std::string_view format, Variadic<AnyValue> a) {
  struct Held {
    Value v;
    ~Held() { values::releaseRef(v); }
  } file{values::loadRef(&os::stdinVar())};
  ReaderSource src(static_cast<values::StructObject*>(file.v.p));
  return run(src, mode, format, a);
}

using Reader = IfaceOf<&io::readerType>;

std::tuple<int64_t, GoError> scan(Variadic<AnyValue> a) {
  return fromStdin(Mode::Scan, {}, a);
}
std::tuple<int64_t, GoError> scanln(Variadic<AnyValue> a) {
  return fromStdin(Mode::Scanln, {}, a);
}
std::tuple<int64_t, GoError> scanf(std::string_view format, Variadic<AnyValue> a) {
  return fromStdin(Mode::Scanf, format, a);
}
std::tuple<int64_t, GoError> sscan(std::string_view str, Variadic<AnyValue> a) {
  return fromString(str, Mode::Scan, {}, a);
}
std::tuple<int64_t, GoError> sscanln(std::string_view str, Variadic<AnyValue> a) {
  return fromString(str, Mode::Scanln, {}, a);
}
std::tuple<int64_t, GoError> sscanf(std::string_view str, std::string_view format,
                                    Variadic<AnyValue> a) {
  return fromString(str, Mode::Scanf, format, a);
}
std::tuple<int64_t, GoError> fscan(Reader r, Variadic<AnyValue> a) {
  return fromReader(r.v, Mode::Scan, {}, a);
}
std::tuple<int64_t, GoError> fscanln(Reader r, Variadic<AnyValue> a) {
  return fromReader(r.v, Mode::Scanln, {}, a);
}
std::tuple<int64_t, GoError> fscanf(Reader r, std::string_view format, Variadic<AnyValue> a) {
  return fromReader(r.v, Mode::Scanf, format, a);
}

}  // namespace

void registerFmtScan(Packages& p, check::Package& pkg) {
  bind<&scan>(p, pkg, "Scan");
  bind<&scanln>(p, pkg, "Scanln");
  bind<&scanf>(p, pkg, "Scanf");
  bind<&sscan>(p, pkg, "Sscan");
  bind<&sscanln>(p, pkg, "Sscanln");
  bind<&sscanf>(p, pkg, "Sscanf");
  bind<&fscan>(p, pkg, "Fscan");
  bind<&fscanln>(p, pkg, "Fscanln");
  bind<&fscanf>(p, pkg, "Fscanf");
}

}  // namespace gol::stdlib
