// bufio: Scanner (with ScanLines, ScanWords, ScanRunes, ScanBytes and custom split
// functions), Reader and Writer, and ReadWriter; the algorithms follow Go's bufio
// (buffer growth, the error values and their texts, the order of checks).
//
// Each type is a native struct whose buffer is a StringObject used as raw bytes: made
// here, never handed out (tokens, lines and peeks are copied out), so it is written in
// place. Reads and writes go through io::read and io::writeAll: an *os.File directly into
// the buffer, anything else through its Read or Write method. The split functions are
// package variables holding native closures; a Scanner whose split function is one of
// them scans its buffer in C++ without a call per token. A Scanner's token is kept as a
// string, so Text() hands it out without copying.
#include <algorithm>
#include <cstring>

#include "interpreter/values/native_closure.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/io.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

constexpr int64_t kMaxScanTokenSize = 64 * 1024;
constexpr int64_t kStartBufSize = 4096;
constexpr int64_t kDefaultBufSize = 4096;
constexpr int64_t kMinReadBufferSize = 16;
constexpr int kMaxConsecutiveEmptyReads = 100;

const check::Type* intT() {
  return check::basicType(check::BasicKind::Int);
}
const check::Type* boolT() {
  return check::basicType(check::BasicKind::Bool);
}
const check::Type* stringT() {
  return check::basicType(check::BasicKind::String);
}
const check::Type* bytesT() {
  return check::sliceOf(check::basicType(check::BasicKind::Uint8));
}

Value& errorCell(const char* text) {
  return *new Value(errors::newError(text));
}

Value& errTooLong() {
  static Value& v = errorCell("bufio.Scanner: token too long");
  return v;
}
Value& errNegativeAdvance() {
  static Value& v = errorCell("bufio.Scanner: SplitFunc returns negative advance count");
  return v;
}
Value& errAdvanceTooFar() {
  static Value& v = errorCell("bufio.Scanner: SplitFunc returns advance count beyond input");
  return v;
}
Value& errBadReadCount() {
  static Value& v = errorCell("bufio.Scanner: Read returned impossible count");
  return v;
}
Value& errFinalToken() {
  static Value& v = errorCell("final token");
  return v;
}
Value& errInvalidUnreadByte() {
  static Value& v = errorCell("bufio: invalid use of UnreadByte");
  return v;
}
Value& errInvalidUnreadRune() {
  static Value& v = errorCell("bufio: invalid use of UnreadRune");
  return v;
}
Value& errBufferFull() {
  static Value& v = errorCell("bufio: buffer full");
  return v;
}
Value& errNegativeCount() {
  static Value& v = errorCell("bufio: negative count");
  return v;
}

bool sameError(Value a, Value b) {
  values::IfaceObject* x = values::asIface(a);
  values::IfaceObject* y = values::asIface(b);
  return x && y && x->type == y->type && x->value.p == y->value.p;
}

// A buffer field: a StringObject of `cap` bytes written in place.
char* bufData(StructObject* o, int field) {
  return o->fields[field].s ? o->fields[field].s->mutableData() : nullptr;
}
int64_t bufCap(StructObject* o, int field) {
  return o->fields[field].s ? static_cast<int64_t>(o->fields[field].s->size()) : 0;
}
void newBuffer(StructObject* o, int field, int64_t cap) {
  values::releaseRef(o->fields[field]);
  o->fields[field] = values::stringValue(values::StringObject::allocate(static_cast<size_t>(cap)));
}

// A []byte sharing nothing with the buffer.
Value byteSliceOf(std::string_view bytes) {
  return newBytes(bytes).slice;
}

struct StructPtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<StructPtr> {
  static StructPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
};

namespace {

// ---- Split functions --------------------------------------------------------------------

enum SplitKind : int64_t { kCustom = 0, kLines = 1, kWords = 2, kRunes = 3, kBytes = 4 };

// What a split function decided: advance by `advance`; a token (when hasToken) of `token`.
struct Split {
  int64_t advance = 0;
  bool hasToken = false;
  std::string_view token;
};

bool isScanSpace(int32_t r) {
  if (r <= 0xFF) {
    return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
  }
  if (r >= 0x2000 && r <= 0x200A) return true;
  return r == 0x1680 || r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000;
}

Split scanLines(std::string_view data, bool atEOF) {
  if (atEOF && data.empty()) return {};
  auto dropCR = [](std::string_view s) {
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
  };
  if (const void* nl = std::memchr(data.data(), '\n', data.size())) {
    auto i = static_cast<size_t>(static_cast<const char*>(nl) - data.data());
    return {static_cast<int64_t>(i + 1), true, dropCR(data.substr(0, i))};
  }
  if (atEOF) return {static_cast<int64_t>(data.size()), true, dropCR(data)};
  return {};
}

Split scanWords(std::string_view data, bool atEOF) {
  size_t start = 0;
  while (start < data.size()) {
    utf8::Decoded d = utf8::decodeRune(data.substr(start));
    if (!isScanSpace(d.rune)) break;
    start += static_cast<size_t>(d.size);
  }
  for (size_t i = start; i < data.size();) {
    utf8::Decoded d = utf8::decodeRune(data.substr(i));
    if (isScanSpace(d.rune)) {
      return {static_cast<int64_t>(i + static_cast<size_t>(d.size)), true,
              data.substr(start, i - start)};
    }
    i += static_cast<size_t>(d.size);
  }
  if (atEOF && data.size() > start) {
    return {static_cast<int64_t>(data.size()), true, data.substr(start)};
  }
  return {static_cast<int64_t>(start), false, {}};
}

constexpr std::string_view kErrorRune = "\xef\xbf\xbd";

Split scanRunes(std::string_view data, bool atEOF) {
  if (atEOF && data.empty()) return {};
  if (static_cast<unsigned char>(data[0]) < utf8::RuneSelf) return {1, true, data.substr(0, 1)};
  utf8::Decoded d = utf8::decodeRune(data);
  if (d.size > 1) return {d.size, true, data.substr(0, static_cast<size_t>(d.size))};
  if (!atEOF && !utf8::fullRune(data)) return {};
  return {1, true, kErrorRune};
}

Split scanBytes(std::string_view data, bool atEOF) {
  if (atEOF && data.empty()) return {};
  return {1, true, data.substr(0, 1)};
}

Split runSplit(SplitKind kind, std::string_view data, bool atEOF) {
  switch (kind) {
    case kWords: return scanWords(data, atEOF);
    case kRunes: return scanRunes(data, atEOF);
    case kBytes: return scanBytes(data, atEOF);
    default: return scanLines(data, atEOF);
  }
}

const check::Signature* splitFuncSig() {
  static const check::Signature* s =
      nativeSignature({bytesT(), boolT()}, {intT(), bytesT(), check::errorType()});
  return s;
}

// The body of bufio.ScanLines and the others as function values: the token is a slice of
// the argument, as Go's is.
template <SplitKind Kind>
void splitBody(Value, const Value* args, Value* results) {
  values::SliceObject* s = values::asSlice(args[0]);
  std::string data;
  for (int64_t k = 0; s && k < s->len(); ++k) data += static_cast<char>(s->base()[k].u);
  Split r = runSplit(Kind, data, args[1].i != 0);
  results[0] = values::intValue(r.advance);
  results[1] = Value{};
  results[2] = Value{};
  if (!r.hasToken) return;
  if (r.token.data() == kErrorRune.data()) {
    results[1] = byteSliceOf(kErrorRune);
    return;
  }
  auto offset = static_cast<int64_t>(r.token.data() - data.data());
  results[1] = Value{.p = values::SliceObject::make(s->array(), s->base() + offset,
                                                    static_cast<int64_t>(r.token.size()),
                                                    s->cap() - offset)};
}

const values::FuncCode* splitCode(SplitKind kind) {
  static const values::FuncCode* codes[] = {
      nullptr, values::nativeFuncCode("bufio.ScanLines", splitFuncSig(), &splitBody<kLines>),
      values::nativeFuncCode("bufio.ScanWords", splitFuncSig(), &splitBody<kWords>),
      values::nativeFuncCode("bufio.ScanRunes", splitFuncSig(), &splitBody<kRunes>),
      values::nativeFuncCode("bufio.ScanBytes", splitFuncSig(), &splitBody<kBytes>)};
  return codes[kind];
}

Value& splitCell(SplitKind kind) {
  static Value* cells[] = {nullptr,
                           new Value(values::makeNativeClosure(splitCode(kLines), {}, false)),
                           new Value(values::makeNativeClosure(splitCode(kWords), {}, false)),
                           new Value(values::makeNativeClosure(splitCode(kRunes), {}, false)),
                           new Value(values::makeNativeClosure(splitCode(kBytes), {}, false))};
  return *cells[kind];
}

// ---- Scanner ------------------------------------------------------------------------------

enum ScannerField {
  kScanReader,
  kScanSplit,
  kScanSplitKind,
  kScanBuf,
  kScanStart,
  kScanEnd,
  kScanToken,
  kScanHasToken,
  kScanMaxToken,
  kScanErr,
  kScanEmpties,
  kScanCalled,
  kScanDone,
  kScanInitialSize,
};

const check::Named* scannerType();

void scannerSetErr(StructObject* s, Value err) {
  Value& cur = s->fields[kScanErr];
  if (!cur.p || io::isEOF(cur)) {
    values::releaseRef(cur);
    cur = err;
  } else {
    values::releaseRef(err);
  }
}

// Runs the split function on buf[start:end]; false if it failed (the error is set).
bool scannerSplit(StructObject* s, bool atEOF, Split* out, bool* finalToken, std::string* owned) {
  std::string_view data(bufData(s, kScanBuf) + s->fields[kScanStart].i,
                        static_cast<size_t>(s->fields[kScanEnd].i - s->fields[kScanStart].i));
  auto kind = static_cast<SplitKind>(s->fields[kScanSplitKind].i);
  if (kind != kCustom) {
    *out = runSplit(kind, data, atEOF);
    return true;
  }
  Value args[2] = {byteSliceOf(data), values::intValue(atEOF ? 1 : 0)};
  Value res[3]{};
  fmt::funcCaller(s->fields[kScanSplit], std::span<const Value>(args, 2), res);
  out->advance = res[0].i;
  out->hasToken = res[1].p != nullptr;
  if (values::SliceObject* t = values::asSlice(res[1])) {
    for (int64_t k = 0; k < t->len(); ++k) *owned += static_cast<char>(t->base()[k].u);
  }
  out->token = *owned;
  values::releaseRef(res[1]);
  if (res[2].p) {
    if (sameError(res[2], errFinalToken())) {
      values::releaseRef(res[2]);
      *finalToken = true;
      return true;
    }
    scannerSetErr(s, res[2]);
    return false;
  }
  return true;
}

void scannerSetToken(StructObject* s, const Split& split) {
  values::releaseRef(s->fields[kScanToken]);
  s->fields[kScanToken] = split.hasToken ? stringResult(split.token) : Value{};
  s->fields[kScanHasToken].i = split.hasToken ? 1 : 0;
}

bool scannerScan(StructPtr p) {
  StructObject* s = p.obj;
  if (s->fields[kScanDone].i) return false;
  s->fields[kScanCalled].i = 1;
  for (;;) {
    if (s->fields[kScanEnd].i > s->fields[kScanStart].i || s->fields[kScanErr].p) {
      Split split;
      bool finalToken = false;
      std::string owned;
      if (!scannerSplit(s, s->fields[kScanErr].p != nullptr, &split, &finalToken, &owned)) {
        return false;
      }
      if (finalToken) {
        scannerSetToken(s, split);
        s->fields[kScanDone].i = 1;
        return split.hasToken;
      }
      if (split.advance < 0) {
        scannerSetErr(s, retained(errNegativeAdvance()));
        return false;
      }
      if (split.advance > s->fields[kScanEnd].i - s->fields[kScanStart].i) {
        scannerSetErr(s, retained(errAdvanceTooFar()));
        return false;
      }
      s->fields[kScanStart].i += split.advance;
      scannerSetToken(s, split);
      if (split.hasToken) {
        if (!s->fields[kScanErr].p || split.advance > 0) {
          s->fields[kScanEmpties].i = 0;
        } else if (++s->fields[kScanEmpties].i > kMaxConsecutiveEmptyReads) {
          panicString("bufio.Scan: too many empty tokens without progressing");
        }
        return true;
      }
    }
    if (s->fields[kScanErr].p) {
      s->fields[kScanStart].i = 0;
      s->fields[kScanEnd].i = 0;
      return false;
    }
    int64_t start = s->fields[kScanStart].i;
    int64_t end = s->fields[kScanEnd].i;
    int64_t cap = bufCap(s, kScanBuf);
    if (start > 0 && (end == cap || start > cap / 2)) {
      std::memmove(bufData(s, kScanBuf), bufData(s, kScanBuf) + start,
                   static_cast<size_t>(end - start));
      s->fields[kScanEnd].i = end - start;
      s->fields[kScanStart].i = 0;
    }
    if (s->fields[kScanEnd].i == cap) {
      int64_t maxToken = s->fields[kScanMaxToken].i;
      if (cap >= maxToken || cap > INT64_MAX / 2) {
        scannerSetErr(s, retained(errTooLong()));
        return false;
      }
      int64_t size = cap * 2;
      if (size == 0)
        size = s->fields[kScanInitialSize].i ? s->fields[kScanInitialSize].i : kStartBufSize;
      size = std::min(size, maxToken);
      Value old = s->fields[kScanBuf];
      values::retainRef(old);
      newBuffer(s, kScanBuf, size);
      int64_t used = s->fields[kScanEnd].i - s->fields[kScanStart].i;
      if (used > 0) {
        std::memcpy(bufData(s, kScanBuf), old.s->data() + s->fields[kScanStart].i,
                    static_cast<size_t>(used));
      }
      values::releaseRef(old);
      s->fields[kScanEnd].i = used;
      s->fields[kScanStart].i = 0;
      cap = size;
    }
    for (int loop = 0;;) {
      int64_t room = cap - s->fields[kScanEnd].i;
      io::IoResult r =
          io::read(s->fields[kScanReader], bufData(s, kScanBuf) + s->fields[kScanEnd].i,
                   static_cast<size_t>(room));
      if (r.n < 0 || r.n > room) {
        values::releaseRef(r.err);
        scannerSetErr(s, retained(errBadReadCount()));
        break;
      }
      s->fields[kScanEnd].i += r.n;
      if (r.err.p) {
        scannerSetErr(s, r.err);
        break;
      }
      if (r.n > 0) {
        s->fields[kScanEmpties].i = 0;
        break;
      }
      if (++loop > kMaxConsecutiveEmptyReads) {
        scannerSetErr(s, retained(io::errNoProgress()));
        break;
      }
    }
  }
}

OwnedString scannerText(StructPtr p) {
  return {retained(p.obj->fields[kScanToken])};
}

Bytes scannerBytes(StructPtr p) {
  if (!p.obj->fields[kScanHasToken].i) return {};
  return newBytes(values::stringView(p.obj->fields[kScanToken]));
}

GoError scannerErr(StructPtr p) {
  Value e = p.obj->fields[kScanErr];
  if (io::isEOF(e)) return {};
  return {retained(e)};
}

void scannerBuffer(StructPtr p, Bytes buf, int64_t max) {
  if (p.obj->fields[kScanCalled].i) panicString("Buffer called after Scan");
  values::SliceObject* s = values::asSlice(buf.slice);
  p.obj->fields[kScanInitialSize].i = s ? s->cap() : 0;
  p.obj->fields[kScanMaxToken].i = max;
}

// Scanner.Split(f): one of bufio's split functions is recognised and run natively.
void scannerSplitMethod(std::span<const AnyValue> args, Value*) {
  if (!args[0].value.p) nilPanic();
  auto* s = static_cast<StructObject*>(args[0].value.p);
  if (s->fields[kScanCalled].i) panicString("Split called after Scan");
  Value f = args[1].value;
  SplitKind kind = kCustom;
  if (auto* c = static_cast<values::ClosureObject*>(f.p)) {
    for (SplitKind k : {kLines, kWords, kRunes, kBytes}) {
      if (c->fn == splitCode(k)) kind = k;
    }
  }
  values::storeRef(&s->fields[kScanSplit], retained(f));
  s->fields[kScanSplitKind].i = kind;
}

const check::Named* scannerType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    const check::Type* i = intT();
    st->fields = {{"r", io::readerType(), false, ""},
                  {"split", splitFuncSig(), false, ""},
                  {"splitKind", i, false, ""},
                  {"buf", stringT(), false, ""},
                  {"start", i, false, ""},
                  {"end", i, false, ""},
                  {"token", stringT(), false, ""},
                  {"hasToken", boolT(), false, ""},
                  {"maxTokenSize", i, false, ""},
                  {"err", check::errorType(), false, ""},
                  {"empties", i, false, ""},
                  {"scanCalled", boolT(), false, ""},
                  {"done", boolT(), false, ""},
                  {"initialSize", i, false, ""}};
    check::Named* n = nativeNamed("bufio", "Scanner", st);
    bindMethod<&scannerBuffer>(n, "Buffer");
    bindMethod<&scannerBytes>(n, "Bytes");
    bindMethod<&scannerErr>(n, "Err");
    bindMethod<&scannerScan>(n, "Scan");
    addNativeMethod(n, "Split", nativeSignature({splitFuncSig()}, {}), &scannerSplitMethod);
    bindMethod<&scannerText>(n, "Text");
    return n;
  }();
  return t;
}

using Reader = IfaceOf<&io::readerType>;
using Writer = IfaceOf<&io::writerType>;

struct ScannerPtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<ScannerPtr> {
  static const check::Type* type() { return check::pointerTo(scannerType()); }
  static Value result(ScannerPtr s) { return Value{.p = s.obj}; }
};

namespace {

ScannerPtr newScanner(Reader r) {
  StructObject* s =
      StructObject::make(static_cast<const check::Struct*>(scannerType()->underlying));
  s->fields[kScanReader] = retained(r.v);
  s->fields[kScanSplit] = retained(splitCell(kLines));
  s->fields[kScanSplitKind].i = kLines;
  s->fields[kScanMaxToken].i = kMaxScanTokenSize;
  return {s};
}

// ---- Reader -------------------------------------------------------------------------------

enum ReaderField { kRdReader, kRdBuf, kRdR, kRdW, kRdErr, kRdLastByte, kRdLastRuneSize };

const check::Named* readerType();

struct ReaderPtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<ReaderPtr> {
  static const check::Type* type() { return check::pointerTo(readerType()); }
  static ReaderPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(ReaderPtr r) { return Value{.p = r.obj}; }
};

namespace {

int64_t buffered(StructObject* b) {
  return b->fields[kRdW].i - b->fields[kRdR].i;
}

Value readErr(StructObject* b) {
  Value e = b->fields[kRdErr];
  b->fields[kRdErr] = Value{};
  return e;
}

void setReadErr(StructObject* b, Value err) {
  values::releaseRef(b->fields[kRdErr]);
  b->fields[kRdErr] = err;
}

// Reads a new chunk into the buffer (Go's fill).
void fill(StructObject* b) {
  char* buf = bufData(b, kRdBuf);
  int64_t& r = b->fields[kRdR].i;
  int64_t& w = b->fields[kRdW].i;
  if (r > 0) {
    std::memmove(buf, buf + r, static_cast<size_t>(w - r));
    w -= r;
    r = 0;
  }
  int64_t cap = bufCap(b, kRdBuf);
  if (w >= cap) panicString("bufio: tried to fill full buffer");
  for (int i = kMaxConsecutiveEmptyReads; i > 0; --i) {
    io::IoResult res = io::read(b->fields[kRdReader], buf + w, static_cast<size_t>(cap - w));
    if (res.n < 0) panicString("bufio: reader returned negative count from Read");
    w += std::min(res.n, cap - w);
    if (res.err.p) {
      setReadErr(b, res.err);
      return;
    }
    if (res.n > 0) return;
  }
  setReadErr(b, retained(io::errNoProgress()));
}

void resetReader(StructObject* b, Value rd, int64_t size) {
  values::storeRef(&b->fields[kRdReader], retained(rd));
  if (bufCap(b, kRdBuf) != size) newBuffer(b, kRdBuf, size);
  b->fields[kRdR].i = 0;
  b->fields[kRdW].i = 0;
  setReadErr(b, Value{});
  b->fields[kRdLastByte].i = -1;
  b->fields[kRdLastRuneSize].i = -1;
}

ReaderPtr newReaderSize(Reader rd, int64_t size) {
  if (values::IfaceObject* i = values::asIface(rd.v);
      i && i->type == check::pointerTo(readerType())) {
    auto* b = static_cast<StructObject*>(i->value.p);
    if (bufCap(b, kRdBuf) >= size) return {static_cast<StructObject*>(retained(Value{.p = b}).p)};
  }
  size = std::max(size, kMinReadBufferSize);
  StructObject* b = StructObject::make(static_cast<const check::Struct*>(readerType()->underlying));
  resetReader(b, rd.v, size);
  return {b};
}

ReaderPtr newReader(Reader rd) {
  return newReaderSize(rd, kDefaultBufSize);
}

void readerReset(ReaderPtr b, Reader rd) {
  int64_t size = bufCap(b.obj, kRdBuf);
  resetReader(b.obj, rd.v, size ? size : kDefaultBufSize);
}

int64_t readerSize(ReaderPtr b) {
  return bufCap(b.obj, kRdBuf);
}
int64_t readerBuffered(ReaderPtr b) {
  return buffered(b.obj);
}

std::tuple<int64_t, GoError> readerRead(ReaderPtr p, Bytes dst) {
  StructObject* b = p.obj;
  values::SliceObject* out = values::asSlice(dst.slice);
  int64_t n = out ? out->len() : 0;
  if (n == 0) {
    if (buffered(b) > 0) return {0, {}};
    return {0, {readErr(b)}};
  }
  char* buf = bufData(b, kRdBuf);
  int64_t cap = bufCap(b, kRdBuf);
  if (b->fields[kRdR].i == b->fields[kRdW].i) {
    if (b->fields[kRdErr].p) return {0, {readErr(b)}};
    if (n >= cap) {
      std::string tmp(static_cast<size_t>(n), '\0');
      io::IoResult res = io::read(b->fields[kRdReader], tmp.data(), tmp.size());
      if (res.n < 0) panicString("bufio: reader returned negative count from Read");
      int64_t got = std::min(res.n, n);
      for (int64_t k = 0; k < got; ++k) out->base()[k].u = static_cast<unsigned char>(tmp[k]);
      setReadErr(b, res.err);
      if (got > 0) {
        b->fields[kRdLastByte].i = static_cast<unsigned char>(tmp[got - 1]);
        b->fields[kRdLastRuneSize].i = -1;
      }
      return {got, {readErr(b)}};
    }
    b->fields[kRdR].i = 0;
    b->fields[kRdW].i = 0;
    io::IoResult res = io::read(b->fields[kRdReader], buf, static_cast<size_t>(cap));
    if (res.n < 0) panicString("bufio: reader returned negative count from Read");
    setReadErr(b, res.err);
    if (res.n == 0) return {0, {readErr(b)}};
    b->fields[kRdW].i = std::min(res.n, cap);
  }
  int64_t r = b->fields[kRdR].i;
  int64_t copied = std::min(n, b->fields[kRdW].i - r);
  for (int64_t k = 0; k < copied; ++k) out->base()[k].u = static_cast<unsigned char>(buf[r + k]);
  b->fields[kRdR].i = r + copied;
  b->fields[kRdLastByte].i = static_cast<unsigned char>(buf[r + copied - 1]);
  b->fields[kRdLastRuneSize].i = -1;
  return {copied, {}};
}

std::tuple<uint8_t, GoError> readerReadByte(ReaderPtr p) {
  StructObject* b = p.obj;
  b->fields[kRdLastRuneSize].i = -1;
  while (b->fields[kRdR].i == b->fields[kRdW].i) {
    if (b->fields[kRdErr].p) return {0, {readErr(b)}};
    fill(b);
  }
  auto c = static_cast<unsigned char>(bufData(b, kRdBuf)[b->fields[kRdR].i++]);
  b->fields[kRdLastByte].i = c;
  return {c, {}};
}

GoError readerUnreadByte(ReaderPtr p) {
  StructObject* b = p.obj;
  if (b->fields[kRdLastByte].i < 0 || (b->fields[kRdR].i == 0 && b->fields[kRdW].i > 0)) {
    return {retained(errInvalidUnreadByte())};
  }
  if (b->fields[kRdR].i > 0) {
    --b->fields[kRdR].i;
  } else {
    b->fields[kRdW].i = 1;
  }
  bufData(b, kRdBuf)[b->fields[kRdR].i] = static_cast<char>(b->fields[kRdLastByte].i);
  b->fields[kRdLastByte].i = -1;
  b->fields[kRdLastRuneSize].i = -1;
  return {};
}

std::tuple<int32_t, int64_t, GoError> readerReadRune(ReaderPtr p) {
  StructObject* b = p.obj;
  auto pending = [&] {
    return std::string_view(bufData(b, kRdBuf) + b->fields[kRdR].i,
                            static_cast<size_t>(buffered(b)));
  };
  while (b->fields[kRdR].i + utf8::UTFMax > b->fields[kRdW].i && !utf8::fullRune(pending()) &&
         !b->fields[kRdErr].p && buffered(b) < bufCap(b, kRdBuf)) {
    fill(b);
  }
  b->fields[kRdLastRuneSize].i = -1;
  if (b->fields[kRdR].i == b->fields[kRdW].i) return {0, 0, {readErr(b)}};
  std::string_view rest = pending();
  int32_t r = static_cast<unsigned char>(rest[0]);
  int size = 1;
  if (r >= utf8::RuneSelf) {
    utf8::Decoded d = utf8::decodeRune(rest);
    r = d.rune;
    size = d.size;
  }
  b->fields[kRdR].i += size;
  b->fields[kRdLastByte].i = static_cast<unsigned char>(bufData(b, kRdBuf)[b->fields[kRdR].i - 1]);
  b->fields[kRdLastRuneSize].i = size;
  return {r, size, {}};
}

GoError readerUnreadRune(ReaderPtr p) {
  StructObject* b = p.obj;
  if (b->fields[kRdLastRuneSize].i < 0 || b->fields[kRdR].i < b->fields[kRdLastRuneSize].i) {
    return {retained(errInvalidUnreadRune())};
  }
  b->fields[kRdR].i -= b->fields[kRdLastRuneSize].i;
  b->fields[kRdLastByte].i = -1;
  b->fields[kRdLastRuneSize].i = -1;
  return {};
}

// Go's ReadSlice: the bytes up to and including delim (copied out), and the error.
std::string readSlice(StructObject* b, char delim, Value* err) {
  std::string line;
  int64_t searched = 0;
  for (;;) {
    char* buf = bufData(b, kRdBuf);
    int64_t r = b->fields[kRdR].i;
    int64_t w = b->fields[kRdW].i;
    if (const void* hit =
            std::memchr(buf + r + searched, delim, static_cast<size_t>(w - r - searched))) {
      int64_t i = static_cast<const char*>(hit) - (buf + r);
      line.assign(buf + r, static_cast<size_t>(i + 1));
      b->fields[kRdR].i = r + i + 1;
      break;
    }
    if (b->fields[kRdErr].p) {
      line.assign(buf + r, static_cast<size_t>(w - r));
      b->fields[kRdR].i = w;
      *err = readErr(b);
      break;
    }
    if (buffered(b) >= bufCap(b, kRdBuf)) {
      b->fields[kRdR].i = w;
      line.assign(buf, static_cast<size_t>(bufCap(b, kRdBuf)));
      *err = retained(errBufferFull());
      break;
    }
    searched = w - r;
    fill(b);
  }
  if (!line.empty()) {
    b->fields[kRdLastByte].i = static_cast<unsigned char>(line.back());
    b->fields[kRdLastRuneSize].i = -1;
  }
  return line;
}

// ReadBytes and ReadString: full lines however long, through ReadSlice's fragments.
std::string collect(StructObject* b, char delim, Value* err) {
  std::string out;
  for (;;) {
    Value e{};
    out += readSlice(b, delim, &e);
    if (!sameError(e, errBufferFull())) {
      *err = e;
      return out;
    }
    values::releaseRef(e);
  }
}

std::tuple<Bytes, GoError> readerReadSlice(ReaderPtr p, uint8_t delim) {
  Value err{};
  std::string line = readSlice(p.obj, static_cast<char>(delim), &err);
  return {newBytes(line), {err}};
}

std::tuple<Bytes, GoError> readerReadBytes(ReaderPtr p, uint8_t delim) {
  Value err{};
  std::string line = collect(p.obj, static_cast<char>(delim), &err);
  return {newBytes(line), {err}};
}

std::tuple<std::string, GoError> readerReadString(ReaderPtr p, uint8_t delim) {
  Value err{};
  std::string line = collect(p.obj, static_cast<char>(delim), &err);
  return {line, {err}};
}

std::tuple<Bytes, bool, GoError> readerReadLine(ReaderPtr p) {
  StructObject* b = p.obj;
  Value err{};
  std::string line = readSlice(b, '\n', &err);
  if (sameError(err, errBufferFull())) {
    values::releaseRef(err);
    if (!line.empty() && line.back() == '\r') {
      if (b->fields[kRdR].i == 0) panicString("bufio: tried to rewind past start of buffer");
      --b->fields[kRdR].i;
      line.pop_back();
    }
    return {newBytes(line), true, {}};
  }
  if (line.empty()) return {{}, false, {err}};
  values::releaseRef(err);
  if (line.back() == '\n') {
    size_t drop = line.size() > 1 && line[line.size() - 2] == '\r' ? 2 : 1;
    line.resize(line.size() - drop);
  }
  return {newBytes(line), false, {}};
}

std::tuple<Bytes, GoError> readerPeek(ReaderPtr p, int64_t n) {
  StructObject* b = p.obj;
  if (n < 0) return {{}, {retained(errNegativeCount())}};
  b->fields[kRdLastByte].i = -1;
  b->fields[kRdLastRuneSize].i = -1;
  int64_t cap = bufCap(b, kRdBuf);
  while (buffered(b) < n && buffered(b) < cap && !b->fields[kRdErr].p) fill(b);
  std::string_view avail(bufData(b, kRdBuf) + b->fields[kRdR].i, static_cast<size_t>(buffered(b)));
  if (n > cap) return {newBytes(avail), {retained(errBufferFull())}};
  Value err{};
  if (static_cast<int64_t>(avail.size()) < n) {
    n = static_cast<int64_t>(avail.size());
    err = readErr(b);
    if (!err.p) err = retained(errBufferFull());
  }
  return {newBytes(avail.substr(0, static_cast<size_t>(n))), {err}};
}

std::tuple<int64_t, GoError> readerDiscard(ReaderPtr p, int64_t n) {
  StructObject* b = p.obj;
  if (n < 0) return {0, {retained(errNegativeCount())}};
  if (n == 0) return {0, {}};
  b->fields[kRdLastByte].i = -1;
  b->fields[kRdLastRuneSize].i = -1;
  int64_t remain = n;
  for (;;) {
    int64_t skip = buffered(b);
    if (skip == 0) {
      fill(b);
      skip = buffered(b);
    }
    skip = std::min(skip, remain);
    b->fields[kRdR].i += skip;
    remain -= skip;
    if (remain == 0) return {n, {}};
    if (b->fields[kRdErr].p) return {n - remain, {readErr(b)}};
  }
}

const check::Named* readerType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    const check::Type* i = intT();
    st->fields = {{"rd", io::readerType(), false, ""},
                  {"buf", stringT(), false, ""},
                  {"r", i, false, ""},
                  {"w", i, false, ""},
                  {"err", check::errorType(), false, ""},
                  {"lastByte", i, false, ""},
                  {"lastRuneSize", i, false, ""}};
    check::Named* n = nativeNamed("bufio", "Reader", st);
    bindMethod<&readerBuffered>(n, "Buffered");
    bindMethod<&readerDiscard>(n, "Discard");
    bindMethod<&readerPeek>(n, "Peek");
    bindMethod<&readerRead>(n, "Read");
    bindMethod<&readerReadByte>(n, "ReadByte");
    bindMethod<&readerReadBytes>(n, "ReadBytes");
    bindMethod<&readerReadLine>(n, "ReadLine");
    bindMethod<&readerReadRune>(n, "ReadRune");
    bindMethod<&readerReadSlice>(n, "ReadSlice");
    bindMethod<&readerReadString>(n, "ReadString");
    bindMethod<&readerReset>(n, "Reset");
    bindMethod<&readerSize>(n, "Size");
    bindMethod<&readerUnreadByte>(n, "UnreadByte");
    bindMethod<&readerUnreadRune>(n, "UnreadRune");
    return n;
  }();
  return t;
}

// ---- Writer -------------------------------------------------------------------------------

enum WriterField { kWrWriter, kWrBuf, kWrN, kWrErr };

const check::Named* writerType();

struct WriterPtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<WriterPtr> {
  static const check::Type* type() { return check::pointerTo(writerType()); }
  static WriterPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(WriterPtr w) { return Value{.p = w.obj}; }
};

namespace {

GoError writerFlush(WriterPtr p) {
  StructObject* b = p.obj;
  if (b->fields[kWrErr].p) return {retained(b->fields[kWrErr])};
  int64_t n = b->fields[kWrN].i;
  if (n == 0) return {};
  io::IoResult r = io::writeAll(b->fields[kWrWriter],
                                std::string_view(bufData(b, kWrBuf), static_cast<size_t>(n)));
  if (r.err.p) {
    int64_t done = std::clamp<int64_t>(r.n, 0, n);
    if (done > 0 && done < n) {
      std::memmove(bufData(b, kWrBuf), bufData(b, kWrBuf) + done, static_cast<size_t>(n - done));
    }
    b->fields[kWrN].i = n - done;
    values::releaseRef(b->fields[kWrErr]);
    b->fields[kWrErr] = r.err;
    return {retained(r.err)};
  }
  b->fields[kWrN].i = 0;
  return {};
}

int64_t writerAvailable(WriterPtr p) {
  return bufCap(p.obj, kWrBuf) - p.obj->fields[kWrN].i;
}
int64_t writerBuffered(WriterPtr p) {
  return p.obj->fields[kWrN].i;
}
int64_t writerSize(WriterPtr p) {
  return bufCap(p.obj, kWrBuf);
}

// Go's Write and WriteString: fill the buffer, flushing when full; a large write to an
// empty buffer goes straight to the writer.
std::tuple<int64_t, GoError> writeBuffered(StructObject* b, std::string_view data) {
  int64_t written = 0;
  WriterPtr p{b};
  while (static_cast<int64_t>(data.size()) > writerAvailable(p) && !b->fields[kWrErr].p) {
    int64_t n;
    if (b->fields[kWrN].i == 0) {
      io::IoResult r = io::writeAll(b->fields[kWrWriter], data);
      n = std::clamp<int64_t>(r.n, 0, static_cast<int64_t>(data.size()));
      values::releaseRef(b->fields[kWrErr]);
      b->fields[kWrErr] = r.err;
    } else {
      n = writerAvailable(p);
      std::memcpy(bufData(b, kWrBuf) + b->fields[kWrN].i, data.data(), static_cast<size_t>(n));
      b->fields[kWrN].i += n;
      values::releaseRef(writerFlush(p).value);
    }
    written += n;
    data.remove_prefix(static_cast<size_t>(n));
  }
  if (b->fields[kWrErr].p) return {written, {retained(b->fields[kWrErr])}};
  std::memcpy(bufData(b, kWrBuf) + b->fields[kWrN].i, data.data(), data.size());
  b->fields[kWrN].i += static_cast<int64_t>(data.size());
  return {written + static_cast<int64_t>(data.size()), {}};
}

std::tuple<int64_t, GoError> writerWrite(WriterPtr p, Bytes data) {
  return writeBuffered(p.obj, bytesText(data));
}
std::tuple<int64_t, GoError> writerWriteString(WriterPtr p, std::string_view s) {
  return writeBuffered(p.obj, s);
}
GoError writerWriteByte(WriterPtr p, uint8_t c) {
  auto [n, err] = writeBuffered(p.obj, std::string_view(reinterpret_cast<const char*>(&c), 1));
  return err;
}
std::tuple<int64_t, GoError> writerWriteRune(WriterPtr p, int32_t r) {
  std::string enc;
  utf8::encodeRune(enc, r);
  auto [n, err] = writeBuffered(p.obj, enc);
  return {err.value.p ? 0 : static_cast<int64_t>(enc.size()), err};
}

void resetWriter(StructObject* b, Value w, int64_t size) {
  values::storeRef(&b->fields[kWrWriter], retained(w));
  if (bufCap(b, kWrBuf) != size) newBuffer(b, kWrBuf, size);
  b->fields[kWrN].i = 0;
  values::releaseRef(b->fields[kWrErr]);
  b->fields[kWrErr] = Value{};
}

void writerReset(WriterPtr p, Writer w) {
  int64_t size = bufCap(p.obj, kWrBuf);
  resetWriter(p.obj, w.v, size ? size : kDefaultBufSize);
}

const check::Named* writerType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"wr", io::writerType(), false, ""},
                  {"buf", stringT(), false, ""},
                  {"n", intT(), false, ""},
                  {"err", check::errorType(), false, ""}};
    check::Named* n = nativeNamed("bufio", "Writer", st);
    bindMethod<&writerAvailable>(n, "Available");
    bindMethod<&writerBuffered>(n, "Buffered");
    bindMethod<&writerFlush>(n, "Flush");
    bindMethod<&writerReset>(n, "Reset");
    bindMethod<&writerSize>(n, "Size");
    bindMethod<&writerWrite>(n, "Write");
    bindMethod<&writerWriteByte>(n, "WriteByte");
    bindMethod<&writerWriteRune>(n, "WriteRune");
    bindMethod<&writerWriteString>(n, "WriteString");
    return n;
  }();
  return t;
}

WriterPtr newWriterSize(Writer w, int64_t size) {
  if (values::IfaceObject* i = values::asIface(w.v);
      i && i->type == check::pointerTo(writerType())) {
    auto* b = static_cast<StructObject*>(i->value.p);
    if (bufCap(b, kWrBuf) >= size) return {static_cast<StructObject*>(retained(Value{.p = b}).p)};
  }
  if (size <= 0) size = kDefaultBufSize;
  StructObject* b = StructObject::make(static_cast<const check::Struct*>(writerType()->underlying));
  resetWriter(b, w.v, size);
  return {b};
}

WriterPtr newWriter(Writer w) {
  return newWriterSize(w, kDefaultBufSize);
}

// ReadWriter{*Reader, *Writer}
const check::Named* readWriterType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"Reader", check::pointerTo(readerType()), true, ""},
                  {"Writer", check::pointerTo(writerType()), true, ""}};
    return nativeNamed("bufio", "ReadWriter", st);
  }();
  return t;
}

void newReadWriter(std::span<const AnyValue> args, Value* results) {
  StructObject* rw =
      StructObject::make(static_cast<const check::Struct*>(readWriterType()->underlying));
  rw->fields[0] = retained(args[0].value);
  rw->fields[1] = retained(args[1].value);
  results[0] = Value{.p = rw};
}

}  // namespace

void registerBufioReaderWriter(Packages& p, check::Package& pkg) {
  p.addType(pkg, "Reader", readerType());
  p.addType(pkg, "Writer", writerType());
  p.addType(pkg, "ReadWriter", readWriterType());
  bind<&newReader>(p, pkg, "NewReader");
  bind<&newReaderSize>(p, pkg, "NewReaderSize");
  bind<&newWriter>(p, pkg, "NewWriter");
  bind<&newWriterSize>(p, pkg, "NewWriterSize");
  p.addFunction(pkg, "NewReadWriter",
                nativeSignature({check::pointerTo(readerType()), check::pointerTo(writerType())},
                                {check::pointerTo(readWriterType())}),
                &newReadWriter);
}

void registerBufio(Packages& p) {
  check::Package& pkg = p.package("bufio", "bufio");
  p.addType(pkg, "Scanner", scannerType());
  p.addType(pkg, "SplitFunc", [] {
    static check::Named* n = nativeNamed("bufio", "SplitFunc", splitFuncSig());
    return n;
  }());
  bind<&newScanner>(p, pkg, "NewScanner");
  p.addVariable(pkg, "ScanLines", splitFuncSig(), &splitCell(kLines));
  p.addVariable(pkg, "ScanWords", splitFuncSig(), &splitCell(kWords));
  p.addVariable(pkg, "ScanRunes", splitFuncSig(), &splitCell(kRunes));
  p.addVariable(pkg, "ScanBytes", splitFuncSig(), &splitCell(kBytes));
  p.addConstant(pkg, "MaxScanTokenSize", check::basicType(check::BasicKind::UntypedInt),
                check::ConstValue::ofInt64(kMaxScanTokenSize));
  const check::Type* err = check::errorType();
  p.addVariable(pkg, "ErrTooLong", err, &errTooLong());
  p.addVariable(pkg, "ErrNegativeAdvance", err, &errNegativeAdvance());
  p.addVariable(pkg, "ErrAdvanceTooFar", err, &errAdvanceTooFar());
  p.addVariable(pkg, "ErrBadReadCount", err, &errBadReadCount());
  p.addVariable(pkg, "ErrFinalToken", err, &errFinalToken());
  p.addVariable(pkg, "ErrInvalidUnreadByte", err, &errInvalidUnreadByte());
  p.addVariable(pkg, "ErrInvalidUnreadRune", err, &errInvalidUnreadRune());
  p.addVariable(pkg, "ErrBufferFull", err, &errBufferFull());
  p.addVariable(pkg, "ErrNegativeCount", err, &errNegativeCount());
  registerBufioReaderWriter(p, pkg);
}

}  // namespace gol::stdlib
