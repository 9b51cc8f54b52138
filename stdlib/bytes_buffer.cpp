// bytes.Buffer, a port of Go 1.19's buffer.go: the same fields, growth, errors and panics,
// so Len, Cap and the slices Bytes, Next and AvailableBuffer return are Go's.
//
// A Buffer is the native struct {buf []byte, off int, lastRead int}; its zero value is an
// empty buffer. The contents are buf[off:len(buf)], and buf is a real []byte: Bytes() and
// Next() return headers over its array, so a program that writes through them changes the
// buffer, as in Go. Changing len(buf) stores a new header (headers are immutable once
// shared). Reads and writes of other io.Readers and Writers (ReadFrom, WriteTo) go through
// io::read and io::writeAll. A Buffer's methods make it an io.Reader, Writer, ByteScanner,
// RuneScanner, StringWriter, ReaderFrom and WriterTo, so fmt.Fprintf(&buf, ...), io.Copy
// and bufio work on it through ordinary method dispatch.
#include <algorithm>
#include <cstring>

#include "stdlib/bind.h"
#include "stdlib/bytes_support.h"
#include "stdlib/errors.h"
#include "stdlib/io.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

enum BufferField { kBuf, kOff, kLastRead };

// Go's readOp: the last read, so that UnreadByte and UnreadRune know what to undo.
constexpr int64_t kOpRead = -1;    // any read but ReadRune
constexpr int64_t kOpInvalid = 0;  // not a read
constexpr int64_t kSmallBufferSize = 64;
constexpr int64_t kMinRead = 512;
// A request for more than this many bytes panics with ErrTooLarge, as Go's does when the
// allocation fails (each byte of a []byte takes a Value here).
constexpr int64_t kMaxBufferSize = int64_t{1} << 36;

const check::Named* bufferType();

Value& errorCell(const char* text) {
  return *new Value(errors::newError(text));
}
Value& errTooLarge() {
  static Value& v = errorCell("bytes.Buffer: too large");
  return v;
}
Value& errNegativeRead() {
  static Value& v = errorCell("bytes.Buffer: reader returned negative count from Read");
  return v;
}
Value& errUnreadByte() {
  static Value& v =
      errorCell("bytes.Buffer: UnreadByte: previous operation was not a successful read");
  return v;
}

// panic(err) with one of the package's error variables (text is its Error()).
[[noreturn]] void panicError(Value err, const char* text) {
  values::GoPanic p;
  p.message = text;
  p.value = AnyValue{check::errorType(), retained(err)};
  throw p;
}

// The receiver of *Buffer's methods (a nil *Buffer panics, except in String).
struct BufferPtr {
  StructObject* obj = nullptr;
};
struct NilableBufferPtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<BufferPtr> {
  static const check::Type* type() { return check::pointerTo(bufferType()); }
  static BufferPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
  static Value result(BufferPtr b) { return Value{.p = b.obj}; }
};
template <>
struct GoType<NilableBufferPtr> {
  static NilableBufferPtr arg(const AnyValue& a) { return {static_cast<StructObject*>(a.value.p)}; }
};

namespace {

Value buf(StructObject* b) {
  return b->fields[kBuf];
}
int64_t& off(StructObject* b) {
  return b->fields[kOff].i;
}
int64_t& lastRead(StructObject* b) {
  return b->fields[kLastRead].i;
}
int64_t bufLen(StructObject* b) {
  return sliceLen(buf(b));
}
int64_t bufCap(StructObject* b) {
  return sliceCap(buf(b));
}
int64_t length(StructObject* b) {
  return bufLen(b) - off(b);
}
Value* bufData(StructObject* b) {
  values::SliceObject* s = values::asSlice(buf(b));
  return s ? s->base() : nullptr;
}

void setBuf(StructObject* b, Value v) {
  values::storeRef(&b->fields[kBuf], v);
}
// b.buf = b.buf[:n]
void reslice(StructObject* b, int64_t n) {
  if (n != bufLen(b)) setBuf(b, subslice(buf(b), 0, n));
}

void reset(StructObject* b) {
  reslice(b, 0);
  off(b) = 0;
  lastRead(b) = kOpInvalid;
}

// Room for n more bytes by reslicing: the index to write them at, or -1.
int64_t tryGrowByReslice(StructObject* b, int64_t n) {
  int64_t l = bufLen(b);
  if (n <= bufCap(b) - l) {
    reslice(b, l + n);
    return l;
  }
  return -1;
}

// Go's grow: room for n more bytes, by sliding the contents down or by a new array.
int64_t grow(StructObject* b, int64_t n) {
  int64_t m = length(b);
  if (m == 0 && off(b) != 0) reset(b);
  int64_t i = tryGrowByReslice(b, n);
  if (i >= 0) return i;
  if (!buf(b).p && n <= kSmallBufferSize) {
    setBuf(b, makeBytes(n, kSmallBufferSize));
    return 0;
  }
  int64_t c = bufCap(b);
  if (n <= c / 2 - m) {
    Value* data = bufData(b);
    std::memmove(data, data + off(b), static_cast<size_t>(m) * sizeof(Value));
  } else if (c > kMaxBufferSize - c - n) {
    panicError(errTooLarge(), "bytes.Buffer: too large");
  } else {
    // growSlice(b.buf[b.off:], b.off+n): append's capacity for max(m+off+n, 2*(c-off)).
    int64_t want = std::max(m + off(b) + n, 2 * (c - off(b)));
    Value nb = makeBytes(m, roundUpSize(want));
    if (m > 0) {
      std::memcpy(values::asSlice(nb)->base(), bufData(b) + off(b),
                  static_cast<size_t>(m) * sizeof(Value));
    }
    setBuf(b, nb);
  }
  off(b) = 0;
  setBuf(b, subslice(buf(b), 0, m + n));
  return m;
}

// Writes data at the end (Write, WriteString).
void appendBytes(StructObject* b, std::string_view data) {
  lastRead(b) = kOpInvalid;
  auto n = static_cast<int64_t>(data.size());
  int64_t m = tryGrowByReslice(b, n);
  if (m < 0) m = grow(b, n);
  if (n > 0) storeBytes(buf(b), m, data);
}

// The contents' bytes [from, to) relative to off.
std::string contents(StructObject* b, int64_t from, int64_t to) {
  return loadBytes(buf(b), off(b) + from, off(b) + to);
}

// ---- methods ------------------------------------------------------------------------------

Bytes bufferBytes(BufferPtr b) {
  return {subslice(buf(b.obj), off(b.obj), bufLen(b.obj))};
}
std::string bufferString(NilableBufferPtr b) {
  if (!b.obj) return "<nil>";
  return contents(b.obj, 0, length(b.obj));
}
int64_t bufferLen(BufferPtr b) {
  return length(b.obj);
}
int64_t bufferCap(BufferPtr b) {
  return bufCap(b.obj);
}
int64_t bufferAvailable(BufferPtr b) {
  return bufCap(b.obj) - bufLen(b.obj);
}
Bytes bufferAvailableBuffer(BufferPtr b) {
  int64_t l = bufLen(b.obj);
  return {subslice(buf(b.obj), l, l)};
}

void bufferTruncate(BufferPtr b, int64_t n) {
  if (n == 0) {
    reset(b.obj);
    return;
  }
  lastRead(b.obj) = kOpInvalid;
  if (n < 0 || n > length(b.obj)) panicString("bytes.Buffer: truncation out of range");
  reslice(b.obj, off(b.obj) + n);
}
void bufferReset(BufferPtr b) {
  reset(b.obj);
}
void bufferGrow(BufferPtr b, int64_t n) {
  if (n < 0) panicString("bytes.Buffer.Grow: negative count");
  int64_t m = grow(b.obj, n);
  reslice(b.obj, m);
}

std::tuple<int64_t, GoError> bufferWrite(BufferPtr b, Bytes p) {
  std::string data = bytesText(p);  // copied first: p may be the buffer's own bytes
  appendBytes(b.obj, data);
  return {static_cast<int64_t>(data.size()), {}};
}
std::tuple<int64_t, GoError> bufferWriteString(BufferPtr b, std::string_view s) {
  appendBytes(b.obj, s);
  return {static_cast<int64_t>(s.size()), {}};
}
GoError bufferWriteByte(BufferPtr b, uint8_t c) {
  char ch = static_cast<char>(c);
  appendBytes(b.obj, std::string_view(&ch, 1));
  return {};
}
std::tuple<int64_t, GoError> bufferWriteRune(BufferPtr b, int32_t r) {
  if (static_cast<uint32_t>(r) < static_cast<uint32_t>(utf8::RuneSelf)) {
    bufferWriteByte(b, static_cast<uint8_t>(r));
    return {1, {}};
  }
  StructObject* o = b.obj;
  lastRead(o) = kOpInvalid;
  int64_t m = tryGrowByReslice(o, utf8::UTFMax);
  if (m < 0) m = grow(o, utf8::UTFMax);
  std::string enc;
  int n = utf8::encodeRune(enc, r);
  storeBytes(buf(o), m, enc);
  reslice(o, m + n);
  return {n, {}};
}

std::tuple<int64_t, GoError> bufferRead(BufferPtr b, Bytes p) {
  StructObject* o = b.obj;
  lastRead(o) = kOpInvalid;
  int64_t want = sliceLen(p.slice);
  if (length(o) <= 0) {
    reset(o);
    if (want == 0) return {0, {}};
    return {0, {retained(io::eof())}};
  }
  int64_t n = std::min(want, length(o));
  if (n > 0) storeBytes(p.slice, 0, contents(o, 0, n));
  off(o) += n;
  if (n > 0) lastRead(o) = kOpRead;
  return {n, {}};
}

// b.buf[b.off : b.off+n] with Go's bounds panic for a negative n.
Bytes bufferNext(BufferPtr b, int64_t n) {
  StructObject* o = b.obj;
  lastRead(o) = kOpInvalid;
  n = std::min(n, length(o));
  if (n < 0) {
    values::GoPanic p;
    int64_t high = off(o) + n;
    p.message = high < 0
                    ? "runtime error: slice bounds out of range [:" + std::to_string(high) + "]"
                    : "runtime error: slice bounds out of range [" + std::to_string(off(o)) + ":" +
                          std::to_string(high) + "]";
    p.runtimeError = true;
    throw p;
  }
  Value data = subslice(buf(o), off(o), off(o) + n);
  off(o) += n;
  if (n > 0) lastRead(o) = kOpRead;
  return {data};
}

std::tuple<uint8_t, GoError> bufferReadByte(BufferPtr b) {
  StructObject* o = b.obj;
  if (length(o) <= 0) {
    reset(o);
    return {0, {retained(io::eof())}};
  }
  auto c = static_cast<uint8_t>(bufData(o)[off(o)].u);
  off(o)++;
  lastRead(o) = kOpRead;
  return {c, {}};
}

std::tuple<int32_t, int64_t, GoError> bufferReadRune(BufferPtr b) {
  StructObject* o = b.obj;
  if (length(o) <= 0) {
    reset(o);
    return {0, 0, {retained(io::eof())}};
  }
  auto c = static_cast<uint8_t>(bufData(o)[off(o)].u);
  if (c < utf8::RuneSelf) {
    off(o)++;
    lastRead(o) = 1;
    return {c, 1, {}};
  }
  auto d = utf8::decodeRune(contents(o, 0, std::min<int64_t>(length(o), utf8::UTFMax)));
  off(o) += d.size;
  lastRead(o) = d.size;
  return {d.rune, d.size, {}};
}

GoError bufferUnreadRune(BufferPtr b) {
  StructObject* o = b.obj;
  if (lastRead(o) <= kOpInvalid) {
    return {errors::newError(
        "bytes.Buffer: UnreadRune: previous operation was not a successful ReadRune")};
  }
  if (off(o) >= lastRead(o)) off(o) -= lastRead(o);
  lastRead(o) = kOpInvalid;
  return {};
}

GoError bufferUnreadByte(BufferPtr b) {
  StructObject* o = b.obj;
  if (lastRead(o) == kOpInvalid) return {retained(errUnreadByte())};
  lastRead(o) = kOpInvalid;
  if (off(o) > 0) off(o)--;
  return {};
}

// Go's readSlice: up to and including delim, or to the end with io.EOF.
std::tuple<std::string, Value> readSlice(StructObject* o, uint8_t delim) {
  std::string rest = contents(o, 0, length(o));
  size_t i = rest.find(static_cast<char>(delim));
  Value err{};
  if (i == std::string::npos) {
    i = rest.size();
    err = retained(io::eof());
  } else {
    ++i;
  }
  off(o) += static_cast<int64_t>(i);
  lastRead(o) = kOpRead;
  rest.resize(i);
  return {rest, err};
}

std::tuple<Bytes, GoError> bufferReadBytes(BufferPtr b, uint8_t delim) {
  auto [line, err] = readSlice(b.obj, delim);
  return {{bytesOrNil(line)}, {err}};
}
std::tuple<std::string, GoError> bufferReadString(BufferPtr b, uint8_t delim) {
  auto [line, err] = readSlice(b.obj, delim);
  return {line, {err}};
}

std::tuple<Int64, GoError> bufferReadFrom(BufferPtr b, IfaceOf<&io::readerType> r) {
  StructObject* o = b.obj;
  lastRead(o) = kOpInvalid;
  int64_t n = 0;
  std::string chunk;
  for (;;) {
    int64_t i = grow(o, kMinRead);
    reslice(o, i);
    chunk.resize(static_cast<size_t>(bufCap(o) - i));
    io::IoResult res = io::read(r.v, chunk.data(), chunk.size());
    if (res.n < 0) {
      values::releaseRef(res.err);
      panicError(errNegativeRead(), "bytes.Buffer: reader returned negative count from Read");
    }
    int64_t m = std::min<int64_t>(res.n, static_cast<int64_t>(chunk.size()));
    reslice(o, i + m);
    storeBytes(buf(o), i, std::string_view(chunk.data(), static_cast<size_t>(m)));
    n += m;
    if (io::isEOF(res.err)) {
      values::releaseRef(res.err);
      return {{n}, {}};
    }
    if (res.err.p) return {{n}, {res.err}};
  }
}

std::tuple<Int64, GoError> bufferWriteTo(BufferPtr b, IfaceOf<&io::writerType> w) {
  StructObject* o = b.obj;
  lastRead(o) = kOpInvalid;
  int64_t n = 0;
  if (int64_t nBytes = length(o); nBytes > 0) {
    io::IoResult res = io::writeAll(w.v, contents(o, 0, nBytes));
    if (res.n > nBytes) {
      values::releaseRef(res.err);
      panicString("bytes.Buffer.WriteTo: invalid Write count");
    }
    off(o) += res.n;
    n = res.n;
    if (res.err.p) return {{n}, {res.err}};
    if (res.n != nBytes) return {{n}, {retained(io::errShortWrite())}};
  }
  reset(o);
  return {{n}, {}};
}

// bytes.Buffer's type, its methods bound once.
const check::Named* bufferType() {
  static check::Named* t = [] {
    const check::Type* intT = check::basicType(check::BasicKind::Int);
    auto* st = new check::Struct;
    st->fields = {{"buf", byteSliceType(), false, ""},
                  {"off", intT, false, ""},
                  {"lastRead", intT, false, ""}};
    check::Named* n = nativeNamed("bytes", "Buffer", st);
    bindMethod<&bufferAvailable>(n, "Available");
    bindMethod<&bufferAvailableBuffer>(n, "AvailableBuffer");
    bindMethod<&bufferBytes>(n, "Bytes");
    bindMethod<&bufferCap>(n, "Cap");
    bindMethod<&bufferGrow>(n, "Grow");
    bindMethod<&bufferLen>(n, "Len");
    bindMethod<&bufferNext>(n, "Next");
    bindMethod<&bufferRead>(n, "Read");
    bindMethod<&bufferReadByte>(n, "ReadByte");
    bindMethod<&bufferReadBytes>(n, "ReadBytes");
    bindMethod<&bufferReadFrom>(n, "ReadFrom");
    bindMethod<&bufferReadRune>(n, "ReadRune");
    bindMethod<&bufferReadString>(n, "ReadString");
    bindMethod<&bufferReset>(n, "Reset");
    bindMethod<&bufferString>(n, "String");
    bindMethod<&bufferTruncate>(n, "Truncate");
    bindMethod<&bufferUnreadByte>(n, "UnreadByte");
    bindMethod<&bufferUnreadRune>(n, "UnreadRune");
    bindMethod<&bufferWrite>(n, "Write");
    bindMethod<&bufferWriteByte>(n, "WriteByte");
    bindMethod<&bufferWriteRune>(n, "WriteRune");
    bindMethod<&bufferWriteString>(n, "WriteString");
    bindMethod<&bufferWriteTo>(n, "WriteTo");
    return n;
  }();
  return t;
}

StructObject* newBufferObject(Value bytes) {
  StructObject* o = StructObject::make(static_cast<const check::Struct*>(bufferType()->underlying));
  o->fields[kBuf] = bytes;
  return o;
}

BufferPtr newBuffer(Bytes b) {
  return {newBufferObject(retained(b.slice))};
}

// []byte(s): Go's conversion rounds the capacity up to the allocator's size class.
BufferPtr newBufferString(std::string_view s) {
  auto n = static_cast<int64_t>(s.size());
  Value bytes = makeBytes(n, roundUpSize(n));
  storeBytes(bytes, 0, s);
  return {newBufferObject(bytes)};
}

}  // namespace

void registerBytesBuffer(Packages& p, check::Package& pkg) {
  p.addType(pkg, "Buffer", bufferType());
  p.addConstant(pkg, "MinRead", check::basicType(check::BasicKind::UntypedInt),
                check::ConstValue::ofInt64(kMinRead));
  p.addVariable(pkg, "ErrTooLarge", check::errorType(), &errTooLarge());
  bind<&newBuffer>(p, pkg, "NewBuffer");
  bind<&newBufferString>(p, pkg, "NewBufferString");
}

}  // namespace gol::stdlib
