// A port of Go's fmt/print.go (argument handling, verbs, errors) and fmt/format.go
// (padding, integers, floats, strings) to C++.
#include "stdlib/format.h"

#include "stdlib/strconv.h"
#include "stdlib/unicode.h"
#include "stdlib/utf8.h"

namespace gol::stdlib::fmt {

namespace {

constexpr char kLdigits[] = "0123456789abcdefx";
constexpr char kUdigits[] = "0123456789ABCDEFX";

constexpr std::string_view kPercentBang = "%!";
constexpr std::string_view kMissing = "(MISSING)";
constexpr std::string_view kBadIndex = "(BADINDEX)";
constexpr std::string_view kExtra = "%!(EXTRA ";
constexpr std::string_view kBadWidth = "%!(BADWIDTH)";
constexpr std::string_view kBadPrec = "%!(BADPREC)";
constexpr std::string_view kNoVerb = "%!(NOVERB)";
constexpr std::string_view kNilAngle = "<nil>";

// The basic type of a value as fmt sees it: untyped constants take their default type.
const check::Basic* basicOf(const check::Type* t) {
  const check::Basic* b = check::asBasic(t);
  if (b && b->isUntyped()) b = check::asBasic(check::defaultType(b));
  return b;
}

bool isNil(const eval::AnyValue& v) {
  if (!v.type) return true;
  const check::Basic* b = check::asBasic(v.type);
  return b && b->basic == check::BasicKind::UntypedNil;
}

bool isStringValue(const eval::AnyValue& v) {
  const check::Basic* b = basicOf(v.type);
  return b && b->basic == check::BasicKind::String;
}

bool tooLarge(int x) {
  return x > 1000000 || x < -1000000;
}

// parsenum: a decimal number at s[start:end]; isnum false if none.
int parsenum(std::string_view s, size_t start, size_t end, bool& isnum, size_t& newi) {
  int num = 0;
  isnum = false;
  if (start >= end) {
    newi = end;
    return 0;
  }
  for (newi = start; newi < end && s[newi] >= '0' && s[newi] <= '9'; ++newi) {
    if (tooLarge(num)) {
      isnum = false;
      newi = end;
      return 0;
    }
    num = num * 10 + (s[newi] - '0');
    isnum = true;
  }
  return num;
}

int64_t runeCount(std::string_view s) {
  return utf8::runeCount(s);
}

}  // namespace

std::string typeName(const check::Type* t) {
  if (!t) return std::string(kNilAngle);
  const check::Basic* b = check::asBasic(t);
  if (b && b->basic == check::BasicKind::UntypedNil) return std::string(kNilAngle);
  if (b && b->isUntyped()) return check::typeString(check::defaultType(t));
  return check::typeString(t);
}

// --- format.go ---------------------------------------------------------------------

void Printer::writePadding(int n) {
  if (n <= 0) return;
  buf_.append(static_cast<size_t>(n), f_.zero ? '0' : ' ');
}

void Printer::pad(std::string_view s) {
  if (!f_.widPresent || wid_ == 0) {
    buf_ += s;
    return;
  }
  int width = wid_ - static_cast<int>(runeCount(s));
  if (!f_.minus) {
    writePadding(width);
    buf_ += s;
  } else {
    buf_ += s;
    writePadding(width);
  }
}

void Printer::fmtBoolean(bool v) {
  padString(v ? "true" : "false");
}

void Printer::fmtUnicode(uint64_t u) {
  int prec = 4;
  if (f_.precPresent && prec_ > 4) prec = prec_;
  std::string tail;
  if (f_.sharp && u <= static_cast<uint64_t>(utf8::MaxRune) &&
      strconv::isPrint(static_cast<int32_t>(u))) {
    tail += " '";
    utf8::encodeRune(tail, static_cast<int32_t>(u));
    tail += '\'';
  }
  std::string hex;
  while (u >= 16) {
    hex += kUdigits[u & 0xF];
    --prec;
    u >>= 4;
  }
  hex += kUdigits[u];
  --prec;
  for (; prec > 0; --prec) hex += '0';
  hex += "+U";
  std::string s(hex.rbegin(), hex.rend());
  s += tail;
  bool oldZero = f_.zero;
  f_.zero = false;
  pad(s);
  f_.zero = oldZero;
}

void Printer::fmtIntegerBase(uint64_t u, int base, bool isSigned, int32_t verb,
                             const char* digits) {
  bool negative = isSigned && static_cast<int64_t>(u) < 0;
  if (negative) u = 0 - u;
  // Two ways to ask for extra leading zero digits: %.3d or %03d. If both are given the
  // zero flag is ignored and padding with spaces is used instead.
  int prec = 0;
  if (f_.precPresent) {
    prec = prec_;
    // Precision 0 and value 0 means "print nothing" but padding.
    if (prec == 0 && u == 0) {
      bool oldZero = f_.zero;
      f_.zero = false;
      writePadding(wid_);
      f_.zero = oldZero;
      return;
    }
  } else if (f_.zero && f_.widPresent) {
    prec = wid_;
    if (negative || f_.plus || f_.space) --prec;  // leave room for the sign
  }
  // Right to left into buf.
  std::string buf(static_cast<size_t>(68 + std::max(prec, 0)), '\0');
  size_t i = buf.size();
  switch (base) {
    case 10:
      while (u >= 10) {
        buf[--i] = static_cast<char>('0' + u % 10);
        u /= 10;
      }
      break;
    case 16:
      while (u >= 16) {
        buf[--i] = digits[u & 0xF];
        u >>= 4;
      }
      break;
    case 8:
      while (u >= 8) {
        buf[--i] = static_cast<char>('0' + (u & 7));
        u >>= 3;
      }
      break;
    case 2:
      while (u >= 2) {
        buf[--i] = static_cast<char>('0' + (u & 1));
        u >>= 1;
      }
      break;
  }
  buf[--i] = digits[u];
  while (i > 0 && prec > static_cast<int>(buf.size() - i)) buf[--i] = '0';
  if (f_.sharp) {
    switch (base) {
      case 2:
        buf[--i] = 'b';
        buf[--i] = '0';
        break;
      case 8:
        if (buf[i] != '0') buf[--i] = '0';
        break;
      case 16:
        buf[--i] = digits[16];
        buf[--i] = '0';
        break;
    }
  }
  if (verb == 'O') {
    buf[--i] = 'o';
    buf[--i] = '0';
  }
  if (negative) {
    buf[--i] = '-';
  } else if (f_.plus) {
    buf[--i] = '+';
  } else if (f_.space) {
    buf[--i] = ' ';
  }
  // Left padding with zeros was handled like precision above, or the zero flag is
  // ignored because of an explicit precision.
  bool oldZero = f_.zero;
  f_.zero = false;
  pad(std::string_view(buf).substr(i));
  f_.zero = oldZero;
}

std::string_view Printer::truncateString(std::string_view s) {
  if (f_.precPresent) {
    int n = prec_;
    size_t i = 0;
    while (i < s.size()) {
      if (--n < 0) return s.substr(0, i);
      i += static_cast<size_t>(std::max(1, utf8::decodeRune(s.substr(i)).size));
    }
  }
  return s;
}

void Printer::fmtS(std::string_view s) {
  padString(truncateString(s));
}

void Printer::fmtSx(std::string_view s, const char* digits) {
  int length = static_cast<int>(s.size());
  if (f_.precPresent && prec_ < length) length = prec_;
  // Width of the encoding, counting the sharp and space flags.
  int width = 2 * length;
  if (width > 0) {
    if (f_.space) {
      // Each element encoded by two hexadecimals gets a leading 0x or 0X.
      if (f_.sharp) width *= 2;
      // Elements are separated by a space.
      width += length - 1;
    } else if (f_.sharp) {
      width += 2;  // one leading 0x for the whole string
    }
  } else {
    if (f_.widPresent) writePadding(wid_);
    return;
  }
  if (f_.widPresent && wid_ > width && !f_.minus) writePadding(wid_ - width);
  if (f_.sharp) {
    buf_ += '0';
    buf_ += digits[16];
  }
  for (int i = 0; i < length; ++i) {
    if (f_.space && i > 0) {
      buf_ += ' ';
      if (f_.sharp) {
        buf_ += '0';
        buf_ += digits[16];
      }
    }
    auto c = static_cast<uint8_t>(s[static_cast<size_t>(i)]);
    buf_ += digits[c >> 4];
    buf_ += digits[c & 0xF];
  }
  if (f_.widPresent && wid_ > width && f_.minus) writePadding(wid_ - width);
}

void Printer::fmtQ(std::string_view s) {
  s = truncateString(s);
  if (f_.sharp && strconv::canBackquote(s)) {
    std::string q = "`";
    q += s;
    q += '`';
    padString(q);
    return;
  }
  pad(f_.plus ? strconv::quoteToASCII(s) : strconv::quote(s));
}

void Printer::fmtC(uint64_t c) {
  auto r = static_cast<int32_t>(c);
  if (c > static_cast<uint64_t>(utf8::MaxRune)) r = utf8::RuneError;
  pad(utf8::encode(r));
}

void Printer::fmtQc(uint64_t c) {
  auto r = static_cast<int32_t>(c);
  if (c > static_cast<uint64_t>(utf8::MaxRune)) r = utf8::RuneError;
  pad(f_.plus ? strconv::quoteRuneToASCII(r) : strconv::quoteRune(r));
}

void Printer::fmtFloatVerb(double v, int size, int32_t verb, int prec) {
  if (f_.precPresent) prec = prec_;
  // Format the number, reserving room for a leading + sign.
  std::string num = "+";
  strconv::appendFloat(num, v, static_cast<char>(verb), prec, size);
  size_t start = 0;
  if (num[1] == '-' || num[1] == '+') {
    start = 1;
  }
  std::string s = num.substr(start);  // s[0] is the sign
  // The space flag means a leading space instead of "+", unless plus is also given.
  if (f_.space && s[0] == '+' && !f_.plus) s[0] = ' ';
  // Infinities and NaN are not padded with zeros.
  if (s[1] == 'I' || s[1] == 'N') {
    bool oldZero = f_.zero;
    f_.zero = false;
    // No sign before NaN unless asked for.
    if (s[1] == 'N' && !f_.space && !f_.plus) s.erase(0, 1);
    pad(s);
    f_.zero = oldZero;
    return;
  }
  // The sharp flag forces a decimal point for non-binary formats and keeps trailing
  // zeros, which we may need to restore.
  if (f_.sharp && verb != 'b') {
    int digits = 0;
    switch (verb) {
      case 'v':
      case 'g':
      case 'G':
      case 'x':
        digits = prec;
        // With no precision given, use 6.
        if (digits == -1) digits = 6;
        break;
    }
    std::string tail;
    bool hasDecimalPoint = false;
    bool sawNonzeroDigit = false;
    for (size_t i = 1; i < s.size(); ++i) {
      char c = s[i];
      if (c == '.') {
        hasDecimalPoint = true;
        continue;
      }
      if (c == 'p' || c == 'P') {
        tail = s.substr(i);
        s.resize(i);
        break;
      }
      if ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X') {
        tail = s.substr(i);
        s.resize(i);
        break;
      }
      if (c != '0') sawNonzeroDigit = true;
      // Count significant digits after the first non-zero digit.
      if (sawNonzeroDigit) --digits;
    }
    if (!hasDecimalPoint) {
      // A lone leading 0 counts as one digit.
      if (s.size() == 2 && s[1] == '0') --digits;
      s += '.';
    }
    for (; digits > 0; --digits) s += '0';
    s += tail;
  }
  // A sign if asked for, or if the number is negative.
  if (f_.plus || s[0] != '+') {
    // With zero padding, the sign goes before the leading zeros.
    if (f_.zero && f_.widPresent && wid_ > static_cast<int>(s.size())) {
      buf_ += s[0];
      writePadding(wid_ - static_cast<int>(s.size()));
      buf_.append(s, 1);
      return;
    }
    pad(s);
    return;
  }
  // No sign to show and the number is positive.
  pad(std::string_view(s).substr(1));
}

// --- print.go ----------------------------------------------------------------------

void Printer::badVerb(int32_t verb, const eval::AnyValue* arg) {
  buf_ += kPercentBang;
  utf8::encodeRune(buf_, verb);
  buf_ += '(';
  if (arg && !isNil(*arg)) {
    buf_ += typeName(arg->type);
    buf_ += '=';
    printArg(*arg, 'v');
  } else {
    buf_ += kNilAngle;
  }
  buf_ += ')';
}

void Printer::fmtBool(bool v, int32_t verb, const eval::AnyValue& arg) {
  if (verb == 't' || verb == 'v') {
    fmtBoolean(v);
  } else {
    badVerb(verb, &arg);
  }
}

void Printer::fmt0x64(uint64_t v, bool leading0x) {
  bool sharp = f_.sharp;
  f_.sharp = leading0x;
  fmtIntegerBase(v, 16, false, 'v', kLdigits);
  f_.sharp = sharp;
}

void Printer::fmtInteger(uint64_t v, bool isSigned, int32_t verb, const eval::AnyValue& arg) {
  switch (verb) {
    case 'v':
      if (f_.sharpV && !isSigned) {
        fmt0x64(v, true);
      } else {
        fmtIntegerBase(v, 10, isSigned, verb, kLdigits);
      }
      break;
    case 'd':
      fmtIntegerBase(v, 10, isSigned, verb, kLdigits);
      break;
    case 'b':
      fmtIntegerBase(v, 2, isSigned, verb, kLdigits);
      break;
    case 'o':
    case 'O':
      fmtIntegerBase(v, 8, isSigned, verb, kLdigits);
      break;
    case 'x':
      fmtIntegerBase(v, 16, isSigned, verb, kLdigits);
      break;
    case 'X':
      fmtIntegerBase(v, 16, isSigned, verb, kUdigits);
      break;
    case 'c':
      fmtC(v);
      break;
    case 'q':
      fmtQc(v);
      break;
    case 'U':
      fmtUnicode(v);
      break;
    default:
      badVerb(verb, &arg);
  }
}

void Printer::fmtFloat(double v, int size, int32_t verb, const eval::AnyValue& arg) {
  switch (verb) {
    case 'v':
      fmtFloatVerb(v, size, 'g', -1);
      break;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
      fmtFloatVerb(v, size, verb, -1);
      break;
    case 'f':
    case 'e':
    case 'E':
      fmtFloatVerb(v, size, verb, 6);
      break;
    case 'F':
      fmtFloatVerb(v, size, 'f', 6);
      break;
    default:
      badVerb(verb, &arg);
  }
}

void Printer::fmtString(std::string_view v, int32_t verb, const eval::AnyValue& arg) {
  switch (verb) {
    case 'v':
      if (f_.sharpV) {
        fmtQ(v);
      } else {
        fmtS(v);
      }
      break;
    case 's':
      fmtS(v);
      break;
    case 'x':
      fmtSx(v, kLdigits);
      break;
    case 'X':
      fmtSx(v, kUdigits);
      break;
    case 'q':
      fmtQ(v);
      break;
    default:
      badVerb(verb, &arg);
  }
}

void Printer::printArg(const eval::AnyValue& arg, int32_t verb) {
  if (isNil(arg)) {
    if (verb == 'T' || verb == 'v') {
      padString(kNilAngle);
    } else {
      badVerb(verb, nullptr);
    }
    return;
  }
  // %T (the value's type) and %p (its address) come first.
  if (verb == 'T') {
    fmtS(typeName(arg.type));
    return;
  }
  if (verb == 'p') {
    // Only pointer-like kinds have an address; the basic types do not.
    badVerb(verb, &arg);
    return;
  }
  printValue(arg, verb, 0);
}

void Printer::printValue(const eval::AnyValue& arg, int32_t verb, int depth) {
  if (const check::Basic* b = basicOf(arg.type)) {
    using check::BasicKind;
    switch (b->basic) {
      case BasicKind::Bool:
        fmtBool(arg.value.i != 0, verb, arg);
        return;
      case BasicKind::Int:
      case BasicKind::Int8:
      case BasicKind::Int16:
      case BasicKind::Int32:
      case BasicKind::Int64:
        fmtInteger(arg.value.u, true, verb, arg);
        return;
      case BasicKind::Uint:
      case BasicKind::Uint8:
      case BasicKind::Uint16:
      case BasicKind::Uint32:
      case BasicKind::Uint64:
      case BasicKind::Uintptr:
        fmtInteger(arg.value.u, false, verb, arg);
        return;
      case BasicKind::Float32:
        fmtFloat(arg.value.f, 32, verb, arg);
        return;
      case BasicKind::Float64:
        fmtFloat(arg.value.f, 64, verb, arg);
        return;
      case BasicKind::String:
        fmtString(eval::stringView(arg.value), verb, arg);
        return;
      default:
        break;
    }
  }
  if (arg.type && arg.type->kind == check::TypeKind::Slice) {
    const check::Type* elem = static_cast<const check::Slice*>(arg.type)->elem;
    eval::SliceObject* slice = eval::asSlice(arg.value);
    int64_t n = slice ? slice->len() : 0;
    const check::Basic* eb = basicOf(elem);
    if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') && eb &&
        eb->basic == check::BasicKind::Uint8) {
      std::string bytes;
      for (int64_t i = 0; i < n; ++i) bytes += static_cast<char>(slice->base()[i].u);
      fmtString(bytes, verb, arg);
      return;
    }
    if (f_.sharpV) {
      buf_ += typeName(arg.type);
      if (!slice) {
        buf_ += "(nil)";
        return;
      }
      buf_ += '{';
      for (int64_t i = 0; i < n; ++i) {
        if (i > 0) buf_ += ", ";
        printValue(eval::AnyValue{elem, slice->base()[i]}, verb, depth + 1);
      }
      buf_ += '}';
      return;
    }
    buf_ += '[';
    for (int64_t i = 0; i < n; ++i) {
      if (i > 0) buf_ += ' ';
      printValue(eval::AnyValue{elem, slice->base()[i]}, verb, depth + 1);
    }
    buf_ += ']';
    return;
  }
  // Kinds the checker does not have yet: Go's unknownType form.
  buf_ += '?';
  buf_ += typeName(arg.type);
  buf_ += '?';
}

bool Printer::intFromArg(std::span<const eval::AnyValue> a, int& argNum, int& num) {
  num = 0;
  bool isInt = false;
  if (argNum < static_cast<int>(a.size())) {
    const eval::AnyValue& v = a[static_cast<size_t>(argNum)];
    const check::Basic* b = isNil(v) ? nullptr : basicOf(v.type);
    if (b && b->isInteger()) {
      if (b->isUnsigned()) {
        if (static_cast<int64_t>(v.value.u) >= 0 && v.value.u <= 0x7FFFFFFF) {
          num = static_cast<int>(v.value.u);
          isInt = true;
        } else if (static_cast<int64_t>(v.value.u) >= 0) {
          num = 0x7FFFFFFF;  // too large either way
          isInt = true;
        }
      } else {
        int64_t n = v.value.i;
        num = n > 0x7FFFFFFF ? 0x7FFFFFFF : n < -0x7FFFFFFF ? -0x7FFFFFFF : static_cast<int>(n);
        isInt = true;
      }
    }
    ++argNum;
    if (tooLarge(num)) {
      num = 0;
      isInt = false;
    }
  }
  return isInt;
}

// An explicit argument index [n] at format[i]: updates argNum and i. Returns whether
// one was found (the "afterIndex" state of Go's doPrintf).
bool Printer::argNumber(int& argNum, std::string_view format, size_t& i, int numArgs) {
  if (format.size() <= i || format[i] != '[') return false;
  reordered_ = true;
  // parseArgNumber: there must be at least 3 bytes: [n].
  std::string_view rest = format.substr(i);
  int index = 0;
  size_t wid = 1;
  bool ok = false;
  if (rest.size() >= 3) {
    for (size_t j = 1; j < rest.size(); ++j) {
      if (rest[j] == ']') {
        bool isnum;
        size_t newi;
        int width = parsenum(rest, 1, j, isnum, newi);
        if (!isnum || newi != j) {
          wid = j + 1;
          ok = false;
        } else {
          index = width - 1;
          wid = j + 1;
          ok = true;
        }
        break;
      }
    }
  }
  if (ok && 0 <= index && index < numArgs) {
    argNum = index;
    i += wid;
    return true;
  }
  goodArgNum_ = false;
  i += wid;
  return ok;
}

void Printer::doPrintf(std::string_view format, std::span<const eval::AnyValue> a) {
  const size_t end = format.size();
  const int numArgs = static_cast<int>(a.size());
  int argNum = 0;
  bool afterIndex = false;
  reordered_ = false;
  for (size_t i = 0; i < end;) {
    goodArgNum_ = true;
    size_t lasti = i;
    while (i < end && format[i] != '%') ++i;
    if (i > lasti) buf_ += format.substr(lasti, i - lasti);
    if (i >= end) break;
    ++i;  // skip %
    f_ = Flags{};
    wid_ = 0;
    prec_ = 0;
    bool simple = false;
    for (; i < end; ++i) {
      char c = format[i];
      if (c == '#') {
        f_.sharp = true;
      } else if (c == '0') {
        f_.zero = !f_.minus;  // only allow zero padding to the left
      } else if (c == '+') {
        f_.plus = true;
      } else if (c == '-') {
        f_.minus = true;
        f_.zero = false;  // no zero padding to the right
      } else if (c == ' ') {
        f_.space = true;
      } else {
        // Fast path: a lower-case ASCII verb without width, precision or index.
        if (c >= 'a' && c <= 'z' && argNum < numArgs) {
          if (c == 'v') {
            f_.sharpV = f_.sharp;
            f_.sharp = false;
            f_.plusV = f_.plus;
            f_.plus = false;
          }
          printArg(a[static_cast<size_t>(argNum)], c);
          ++argNum;
          ++i;
          simple = true;
        }
        break;
      }
    }
    if (simple) continue;

    // An explicit argument index?
    afterIndex = argNumber(argNum, format, i, numArgs);

    // Width.
    if (i < end && format[i] == '*') {
      ++i;
      f_.widPresent = intFromArg(a, argNum, wid_);
      if (!f_.widPresent) buf_ += kBadWidth;
      // A negative width means the minus flag.
      if (wid_ < 0) {
        wid_ = -wid_;
        f_.minus = true;
        f_.zero = false;
      }
      afterIndex = false;
    } else {
      bool present;
      wid_ = parsenum(format, i, end, present, i);
      f_.widPresent = present;
      if (afterIndex && f_.widPresent) goodArgNum_ = false;  // "%[3]2d"
    }

    // Precision.
    if (i + 1 < end && format[i] == '.') {
      ++i;
      if (afterIndex) goodArgNum_ = false;  // "%[3].2d"
      afterIndex = argNumber(argNum, format, i, numArgs);
      if (i < end && format[i] == '*') {
        ++i;
        f_.precPresent = intFromArg(a, argNum, prec_);
        // A negative precision makes no sense.
        if (prec_ < 0) {
          prec_ = 0;
          f_.precPresent = false;
        }
        if (!f_.precPresent) buf_ += kBadPrec;
        afterIndex = false;
      } else {
        bool present;
        prec_ = parsenum(format, i, end, present, i);
        f_.precPresent = present;
        if (!f_.precPresent) {
          prec_ = 0;
          f_.precPresent = true;
        }
      }
    }

    if (!afterIndex) afterIndex = argNumber(argNum, format, i, numArgs);

    if (i >= end) {
      buf_ += kNoVerb;
      break;
    }

    int32_t verb = static_cast<uint8_t>(format[i]);
    int size = 1;
    if (verb >= utf8::RuneSelf) {
      auto d = utf8::decodeRune(format.substr(i));
      verb = d.rune;
      size = d.size;
    }
    i += static_cast<size_t>(size);

    if (verb == '%') {
      buf_ += '%';  // absorbs no operand and ignores width and precision
    } else if (!goodArgNum_) {
      buf_ += kPercentBang;
      utf8::encodeRune(buf_, verb);
      buf_ += kBadIndex;
    } else if (argNum >= numArgs) {
      buf_ += kPercentBang;
      utf8::encodeRune(buf_, verb);
      buf_ += kMissing;
    } else {
      if (verb == 'v') {
        f_.sharpV = f_.sharp;
        f_.sharp = false;
        f_.plusV = f_.plus;
        f_.plus = false;
      }
      printArg(a[static_cast<size_t>(argNum)], verb);
      ++argNum;
    }
  }

  // Extra arguments, unless the call used explicit indexes.
  if (!reordered_ && argNum < numArgs) {
    f_ = Flags{};
    wid_ = 0;
    prec_ = 0;
    buf_ += kExtra;
    for (int k = argNum; k < numArgs; ++k) {
      if (k > argNum) buf_ += ", ";
      const eval::AnyValue& arg = a[static_cast<size_t>(k)];
      if (isNil(arg)) {
        buf_ += kNilAngle;
      } else {
        buf_ += typeName(arg.type);
        buf_ += '=';
        printArg(arg, 'v');
      }
    }
    buf_ += ')';
  }
}

void Printer::doPrint(std::span<const eval::AnyValue> a) {
  bool prevString = false;
  for (size_t k = 0; k < a.size(); ++k) {
    f_ = Flags{};
    wid_ = prec_ = 0;
    bool isString = !isNil(a[k]) && isStringValue(a[k]);
    // A space between two operands when neither is a string.
    if (k > 0 && !isString && !prevString) buf_ += ' ';
    printArg(a[k], 'v');
    prevString = isString;
  }
}

void Printer::doPrintln(std::span<const eval::AnyValue> a) {
  for (size_t k = 0; k < a.size(); ++k) {
    f_ = Flags{};
    wid_ = prec_ = 0;
    if (k > 0) buf_ += ' ';
    printArg(a[k], 'v');
  }
  buf_ += '\n';
}

std::string sprint(std::span<const eval::AnyValue> args) {
  Printer p;
  p.doPrint(args);
  return p.take();
}

std::string sprintln(std::span<const eval::AnyValue> args) {
  Printer p;
  p.doPrintln(args);
  return p.take();
}

std::string sprintf(std::string_view format, std::span<const eval::AnyValue> args) {
  Printer p;
  p.doPrintf(format, args);
  return p.take();
}

}  // namespace gol::stdlib::fmt
