// A port of Go's fmt/print.go (argument handling, verbs, errors) and fmt/format.go
// (padding, integers, floats, strings) to C++.
#include "stdlib/format.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "interpreter/check/lookup.h"
#include "interpreter/values/equality.h"
#include "interpreter/values/go_address.h"
#include "interpreter/values/maps.h"
#include "interpreter/values/panic.h"

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

bool isNil(const values::AnyValue& v) {
  if (!v.type) return true;
  const check::Basic* b = check::asBasic(v.type);
  return b && b->basic == check::BasicKind::UntypedNil;
}

bool isStringValue(const values::AnyValue& v) {
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
  if (b && b->isUntyped()) return check::typeString(check::defaultType(t), true);
  return check::typeString(t, true);
}

namespace {

// An interface-typed operand as fmt sees it: the dynamic value (or nil).
values::AnyValue unwrap(const values::AnyValue& v) {
  if (v.type && check::asInterface(v.type)) {
    values::IfaceObject* i = values::asIface(v.value);
    if (!i) return values::AnyValue{};
    return values::AnyValue{i->type, i->value};
  }
  return v;
}

// Whether values of type t have method `name` with signature func() string.
bool hasStringMethod(const check::Type* t, const char* name) {
  check::Selection sel;
  if (check::lookupFieldOrMethod(t, name, &sel) != check::LookupResult::Found ||
      sel.kind == check::Selection::Kind::Field) {
    return false;
  }
  const check::Signature* sig = sel.method->sig;
  if (!sig->params.empty() || sig->results.size() != 1 ||
      check::asBasic(sig->results[0]) != check::basicType(check::BasicKind::String)) {
    return false;
  }
  if (sel.kind == check::Selection::Kind::Method && sel.method->pointerRecv &&
      !check::asPointer(t) && !sel.indirect) {
    return false;  // not in the method set of a value
  }
  return true;
}

// fmtsort's order of map keys.
int compareKeys(const check::Type* t, values::Value a, values::Value b) {
  const check::Type* u = check::under(t);
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (x > y ? 1 : 0); };
  switch (u->kind) {
    case check::TypeKind::Basic: {
      auto basic = static_cast<const check::Basic*>(u);
      if (basic->isString())
        return values::stringView(a).compare(values::stringView(b)) < 0
                   ? -1
                   : (values::stringView(a) == values::stringView(b) ? 0 : 1);
      auto floats = [&](double x, double y) {
        if (x != x) return y != y ? 0 : -1;  // NaN first
        if (y != y) return 1;
        return cmp(x, y);
      };
      if (basic->isFloat()) return floats(a.f, b.f);
      if (basic->isComplex()) {
        bool is64 = basic->basic == check::BasicKind::Complex64;
        values::Complex x = values::complexOf(is64, a), y = values::complexOf(is64, b);
        if (int c = floats(x.re, y.re)) return c;
        return floats(x.im, y.im);
      }
      if (basic->isUnsigned()) return cmp(a.u, b.u);
      return cmp(a.i, b.i);
    }
    case check::TypeKind::Pointer:
      return cmp(values::pointerIdentity(a), values::pointerIdentity(b));
    case check::TypeKind::Struct: {
      auto st = static_cast<const check::Struct*>(u);
      auto* x = static_cast<values::StructObject*>(a.p);
      auto* y = static_cast<values::StructObject*>(b.p);
      for (size_t i = 0; i < st->fields.size(); ++i) {
        int c = compareKeys(st->fields[i].type, x->fields[i], y->fields[i]);
        if (c) return c;
      }
      return 0;
    }
    case check::TypeKind::Array: {
      auto at = static_cast<const check::Array*>(u);
      auto* x = static_cast<values::ArrayObject*>(a.p);
      auto* y = static_cast<values::ArrayObject*>(b.p);
      for (int64_t i = 0; i < at->len; ++i) {
        int c = compareKeys(at->elem, x->data()[i], y->data()[i]);
        if (c) return c;
      }
      return 0;
    }
    case check::TypeKind::Interface: {
      values::IfaceObject* x = values::asIface(a);
      values::IfaceObject* y = values::asIface(b);
      if (!x || !y) return x ? 1 : (y ? -1 : 0);
      if (!check::identical(x->type, y->type)) {
        return check::typeString(x->type, true) < check::typeString(y->type, true) ? -1 : 1;
      }
      return compareKeys(x->type, x->value, y->value);
    }
    default: return cmp(a.p, b.p);
  }
}

bool isExported(const std::string& name) {
  return !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
}

}  // namespace

bool (*methodCaller)(const values::AnyValue&, const std::string&, std::span<const values::AnyValue>,
                     values::Value*) = nullptr;
bool (*funcCaller)(values::Value, std::span<const values::Value>, values::Value*) = nullptr;

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

void Printer::badVerb(int32_t verb, const values::AnyValue* arg) {
  buf_ += kPercentBang;
  utf8::encodeRune(buf_, verb);
  buf_ += '(';
  if (arg && !isNil(*arg)) {
    buf_ += typeName(arg->type);
    buf_ += '=';
    // As Go's p.erroring: the operand prints without its String or Error method.
    bool wasErroring = std::exchange(erroring_, true);
    printArg(*arg, 'v');
    erroring_ = wasErroring;
  } else {
    buf_ += kNilAngle;
  }
  buf_ += ')';
}

void Printer::fmtBool(bool v, int32_t verb, const values::AnyValue& arg) {
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

void Printer::fmtInteger(uint64_t v, bool isSigned, int32_t verb, const values::AnyValue& arg) {
  switch (verb) {
    case 'v':
      if (f_.sharpV && !isSigned) {
        fmt0x64(v, true);
      } else {
        fmtIntegerBase(v, 10, isSigned, verb, kLdigits);
      }
      break;
    case 'd': fmtIntegerBase(v, 10, isSigned, verb, kLdigits); break;
    case 'b': fmtIntegerBase(v, 2, isSigned, verb, kLdigits); break;
    case 'o':
    case 'O': fmtIntegerBase(v, 8, isSigned, verb, kLdigits); break;
    case 'x': fmtIntegerBase(v, 16, isSigned, verb, kLdigits); break;
    case 'X': fmtIntegerBase(v, 16, isSigned, verb, kUdigits); break;
    case 'c': fmtC(v); break;
    case 'q': fmtQc(v); break;
    case 'U': fmtUnicode(v); break;
    default: badVerb(verb, &arg);
  }
}

void Printer::fmtFloat(double v, int size, int32_t verb, const values::AnyValue& arg) {
  switch (verb) {
    case 'v': fmtFloatVerb(v, size, 'g', -1); break;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X': fmtFloatVerb(v, size, verb, -1); break;
    case 'f':
    case 'e':
    case 'E': fmtFloatVerb(v, size, verb, 6); break;
    case 'F': fmtFloatVerb(v, size, 'f', 6); break;
    default: badVerb(verb, &arg);
  }
}

// fmt's fmtComplex: (re±imi), each part formatted as a float of half the size; the
// imaginary part always has its sign.
void Printer::fmtComplex(values::Complex v, int size, int32_t verb, const values::AnyValue& arg) {
  switch (verb) {
    case 'v':
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
    case 'f':
    case 'F':
    case 'e':
    case 'E': {
      bool oldPlus = f_.plus;
      buf_ += '(';
      fmtFloat(v.re, size / 2, verb, arg);
      f_.plus = true;
      fmtFloat(v.im, size / 2, verb, arg);
      buf_ += "i)";
      f_.plus = oldPlus;
      break;
    }
    default: badVerb(verb, &arg);
  }
}

void Printer::fmtString(std::string_view v, int32_t verb, const values::AnyValue& arg) {
  switch (verb) {
    case 'v':
      if (f_.sharpV) {
        fmtQ(v);
      } else {
        fmtS(v);
      }
      break;
    case 's': fmtS(v); break;
    case 'x': fmtSx(v, kLdigits); break;
    case 'X': fmtSx(v, kUdigits); break;
    case 'q': fmtQ(v); break;
    default: badVerb(verb, &arg);
  }
}

bool Printer::handleMethods(const values::AnyValue& arg, int32_t verb) {
  if (erroring_ || !methodCaller || !arg.type) return false;
  if (f_.sharpV) {
    // %#v of a GoStringer is its GoString, as written.
    if (!hasStringMethod(arg.type, "GoString")) return false;
    values::Value out[2]{};
    try {
      if (!methodCaller(arg, "GoString", {}, out)) return false;
    } catch (values::GoPanic& p) {
      catchPanic(arg, verb, "GoString", p);
      return true;
    }
    fmtS(values::stringView(out[0]));
    values::releaseRef(out[0]);
    return true;
  }
  if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q') return false;
  for (const char* method : {"Error", "String"}) {
    if (!hasStringMethod(arg.type, method)) continue;
    values::Value out[2]{};
    try {
      if (!methodCaller(arg, method, {}, out)) return false;
    } catch (values::GoPanic& p) {
      catchPanic(arg, verb, method, p);
      return true;
    }
    values::AnyValue s{check::basicType(check::BasicKind::String), out[0]};
    fmtString(values::stringView(out[0]), verb, s);
    values::releaseRef(out[0]);
    return true;
  }
  return false;
}

// fmt's catchPanic: a method that panicked prints `<nil>` for a nil pointer receiver (the
// likeliest cause), else %!v(PANIC=String method: the panic's value).
void Printer::catchPanic(const values::AnyValue& arg, int32_t verb, const char* method,
                         values::GoPanic& p) {
  if (check::asPointer(arg.type) && !arg.value.p) {
    fmtS(kNilAngle);
    return;
  }
  if (panicking_) throw;  // a panic while printing a panic's value
  Flags saved = f_;
  f_ = Flags{};
  buf_ += "%!";
  utf8::encodeRune(buf_, verb);
  buf_ += "(PANIC=";
  buf_ += method;
  buf_ += " method: ";
  panicking_ = true;
  if (p.value.type) {
    printArg(p.value, 'v');
  } else {
    buf_ += p.message;
  }
  panicking_ = false;
  buf_ += ')';
  f_ = saved;
}

void Printer::fmtPointer(const values::AnyValue& arg, int32_t verb) {
  const void* u = nullptr;
  if (check::asPointer(arg.type)) {
    u = values::pointerIdentity(arg.value);
  } else if (check::asSliceType(arg.type)) {
    // A slice's address is its first element's, as in Go (so s[1:] prints &s[1]).
    values::SliceObject* s = values::asSlice(arg.value);
    u = s ? static_cast<const void*>(s->base()) : nullptr;
  } else {
    u = arg.value.p;
  }
  uint64_t addr = values::goAddress(u);
  switch (verb) {
    case 'v':
      if (f_.sharpV) {
        buf_ += '(';
        buf_ += typeName(arg.type);
        buf_ += ")(";
        if (!u) {
          buf_ += "nil";
        } else {
          fmt0x64(addr, true);
        }
        buf_ += ')';
      } else if (!u) {
        padString(kNilAngle);
      } else {
        fmt0x64(addr, !f_.sharp);
      }
      return;
    case 'p': fmt0x64(addr, !f_.sharp); return;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X': fmtInteger(addr, false, verb, arg); return;
    default: badVerb(verb, &arg);
  }
}

void Printer::printArg(const values::AnyValue& operand, int32_t verb) {
  values::AnyValue arg = unwrap(operand);
  if (verb == 'w' && !isNil(arg)) {
    // Errorf's %w: an error operand formats as %v.
    if (!wrapErrs || !hasStringMethod(arg.type, "Error")) {
      badVerb(verb, &arg);
      return;
    }
    wrapped.push_back(operand);
    verb = 'v';
  }
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
    if (check::asPointer(arg.type) || check::asMap(arg.type) || check::asSliceType(arg.type) ||
        check::asSignature(arg.type) || check::asChan(arg.type)) {
      fmtPointer(arg, verb);
      return;
    }
    badVerb(verb, &arg);
    return;
  }
  if (handleMethods(arg, verb)) return;
  printValue(arg, verb, 0);
}

void Printer::printValue(const values::AnyValue& arg, int32_t verb, int depth, bool exported) {
  if (depth > 0 && exported && arg.type && !check::asInterface(arg.type) &&
      handleMethods(arg, verb)) {
    return;
  }
  if (const check::Basic* b = basicOf(arg.type)) {
    using check::BasicKind;
    switch (b->basic) {
      case BasicKind::Bool: fmtBool(arg.value.i != 0, verb, arg); return;
      case BasicKind::Int:
      case BasicKind::Int8:
      case BasicKind::Int16:
      case BasicKind::Int32:
      case BasicKind::Int64: fmtInteger(arg.value.u, true, verb, arg); return;
      case BasicKind::Uint:
      case BasicKind::Uint8:
      case BasicKind::Uint16:
      case BasicKind::Uint32:
      case BasicKind::Uint64:
      case BasicKind::Uintptr: fmtInteger(arg.value.u, false, verb, arg); return;
      case BasicKind::Float32: fmtFloat(arg.value.f, 32, verb, arg); return;
      case BasicKind::Float64: fmtFloat(arg.value.f, 64, verb, arg); return;
      case BasicKind::Complex64: fmtComplex(values::complex64Of(arg.value), 64, verb, arg); return;
      case BasicKind::Complex128:
        fmtComplex(values::complex128Of(arg.value), 128, verb, arg);
        return;
      case BasicKind::String:
        fmtString(values::stringView(arg.value),
                  quoteNestedStrings && depth > 0 && verb == 'v' ? 'q' : verb, arg);
        return;
      default: break;
    }
  }
  const check::Type* u = arg.type ? check::under(arg.type) : nullptr;
  if (u && (u->kind == check::TypeKind::Slice || u->kind == check::TypeKind::Array)) {
    bool isArray = u->kind == check::TypeKind::Array;
    const check::Type* elem = isArray ? static_cast<const check::Array*>(u)->elem
                                      : static_cast<const check::Slice*>(u)->elem;
    values::Value* data = nullptr;
    int64_t n = 0;
    bool nil = false;
    if (isArray) {
      auto* a = static_cast<values::ArrayObject*>(arg.value.p);
      data = a->data();
      n = static_cast<int64_t>(a->length());
    } else {
      values::SliceObject* slice = values::asSlice(arg.value);
      nil = !slice;
      data = slice ? slice->base() : nullptr;
      n = slice ? slice->len() : 0;
    }
    const check::Basic* eb = basicOf(elem);
    if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') && eb &&
        eb->basic == check::BasicKind::Uint8) {
      std::string bytes;
      for (int64_t i = 0; i < n; ++i) bytes += static_cast<char>(data[i].u);
      fmtString(bytes, verb, arg);
      return;
    }
    if (f_.sharpV) {
      // Go's printArg spells an operand of type []byte itself as []byte; inside another
      // value (reflection) it is []uint8.
      bool byteSlice = depth == 0 && arg.type->kind == check::TypeKind::Slice && eb &&
                       eb->basic == check::BasicKind::Uint8;
      buf_ += byteSlice ? "[]byte" : typeName(arg.type);
      if (nil) {
        buf_ += "(nil)";
        return;
      }
      buf_ += '{';
      for (int64_t i = 0; i < n; ++i) {
        if (i > 0) buf_ += ", ";
        printValue(values::AnyValue{elem, data[i]}, verb, depth + 1, exported);
      }
      buf_ += '}';
      return;
    }
    buf_ += '[';
    for (int64_t i = 0; i < n; ++i) {
      if (i > 0) buf_ += ' ';
      printValue(values::AnyValue{elem, data[i]}, verb, depth + 1, exported);
    }
    buf_ += ']';
    return;
  }
  if (u && u->kind == check::TypeKind::Struct) {
    auto st = static_cast<const check::Struct*>(u);
    auto* obj = static_cast<values::StructObject*>(arg.value.p);
    if (f_.sharpV) buf_ += typeName(arg.type);
    buf_ += '{';
    for (size_t i = 0; i < st->fields.size(); ++i) {
      if (i > 0) {
        if (f_.sharpV) {
          buf_ += ", ";
        } else {
          buf_ += ' ';
        }
      }
      if (f_.plusV || f_.sharpV) {
        buf_ += st->fields[i].name;
        buf_ += ':';
      }
      printValue(values::AnyValue{st->fields[i].type, obj->fields[i]}, verb, depth + 1,
                 exported && isExported(st->fields[i].name));
    }
    buf_ += '}';
    return;
  }
  if (u && u->kind == check::TypeKind::Map) {
    auto mt = static_cast<const check::Map*>(u);
    auto* m = static_cast<values::MapObject*>(arg.value.p);
    if (f_.sharpV) {
      buf_ += typeName(arg.type);
      if (!m) {
        buf_ += "(nil)";
        return;
      }
      buf_ += '{';
    } else {
      buf_ += "map[";
    }
    std::vector<const values::MapObject::Entry*> entries;
    if (m) {
      for (const auto& e : m->entries) {
        if (e.live) entries.push_back(&e);
      }
    }
    std::stable_sort(entries.begin(), entries.end(), [&](const auto* x, const auto* y) {
      return compareKeys(mt->key, x->key, y->key) < 0;
    });
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i > 0) {
        if (f_.sharpV) {
          buf_ += ", ";
        } else {
          buf_ += ' ';
        }
      }
      printValue(values::AnyValue{mt->key, entries[i]->key}, verb, depth + 1, exported);
      buf_ += ':';
      printValue(values::AnyValue{mt->elem, entries[i]->value}, verb, depth + 1, exported);
    }
    buf_ += f_.sharpV ? '}' : ']';
    return;
  }
  if (u && u->kind == check::TypeKind::Interface) {
    values::IfaceObject* i = values::asIface(arg.value);
    if (!i) {
      if (f_.sharpV) {
        buf_ += typeName(arg.type);
        buf_ += "(nil)";
      } else {
        buf_ += kNilAngle;
      }
      return;
    }
    printValue(values::AnyValue{i->type, i->value}, verb, depth + 1, exported);
    return;
  }
  if (u && u->kind == check::TypeKind::Pointer) {
    const check::Type* elem = static_cast<const check::Pointer*>(u)->elem;
    const check::Type* eu = check::under(elem);
    if (depth == 0 && arg.value.p &&
        (eu->kind == check::TypeKind::Struct || eu->kind == check::TypeKind::Array ||
         eu->kind == check::TypeKind::Slice || eu->kind == check::TypeKind::Map)) {
      buf_ += '&';
      values::Value target = arg.value;
      if (eu->kind == check::TypeKind::Slice || eu->kind == check::TypeKind::Map) {
        target = *static_cast<values::PointerObject*>(arg.value.p)->cell;
      }
      printValue(values::AnyValue{elem, target}, verb, depth + 1, exported);
      return;
    }
    fmtPointer(arg, verb);
    return;
  }
  if (u && (u->kind == check::TypeKind::Signature || u->kind == check::TypeKind::Chan)) {
    fmtPointer(arg, verb);
    return;
  }
  // Kinds the checker does not have yet: Go's unknownType form.
  buf_ += '?';
  buf_ += typeName(arg.type);
  buf_ += '?';
}

bool Printer::intFromArg(std::span<const values::AnyValue> a, int& argNum, int& num) {
  num = 0;
  bool isInt = false;
  if (argNum < static_cast<int>(a.size())) {
    const values::AnyValue& v = a[static_cast<size_t>(argNum)];
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

void Printer::doPrintf(std::string_view format, std::span<const values::AnyValue> a) {
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
      const values::AnyValue& arg = a[static_cast<size_t>(argNum)];
      if (verb == 'v') {
        f_.sharpV = f_.sharp;
        f_.sharp = false;
        f_.plusV = f_.plus;
        f_.plus = false;
      }
      printArg(arg, verb);
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
      const values::AnyValue& arg = a[static_cast<size_t>(k)];
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

void Printer::doPrint(std::span<const values::AnyValue> a) {
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

void Printer::doPrintln(std::span<const values::AnyValue> a) {
  for (size_t k = 0; k < a.size(); ++k) {
    f_ = Flags{};
    wid_ = prec_ = 0;
    if (k > 0) buf_ += ' ';
    printArg(a[k], 'v');
  }
  buf_ += '\n';
}

std::string sprint(std::span<const values::AnyValue> args) {
  Printer p;
  p.doPrint(args);
  return p.take();
}

std::string sprintln(std::span<const values::AnyValue> args) {
  Printer p;
  p.doPrintln(args);
  return p.take();
}

std::string sprintf(std::string_view format, std::span<const values::AnyValue> args) {
  Printer p;
  p.doPrintf(format, args);
  return p.take();
}

}  // namespace gol::stdlib::fmt
