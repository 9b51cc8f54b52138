// io: the interfaces (Reader, Writer, Closer, Seeker and their combinations, ReaderFrom,
// WriterTo, ReaderAt, ByteReader, RuneReader, StringWriter), the errors (EOF,
// ErrUnexpectedEOF, ErrShortWrite, ErrShortBuffer, ErrNoProgress, ErrClosedPipe), the
// helpers (ReadAll, ReadFull, ReadAtLeast, Copy, CopyN, CopyBuffer, WriteString) and the
// adapters (LimitReader, MultiReader, MultiWriter, TeeReader, NopCloser, Discard).
//
// Natives read and write through `read` and `writeAll`: an *os.File directly, any other
// value through its Read or Write method (a Gol type or another native), with a []byte
// made for the call. The adapters are native structs whose fields hold the wrapped
// interface values, so they are counted and freed like any Gol value.
#include <algorithm>
#include <cstring>

#include "interpreter/check/lookup.h"
#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/io.h"
#include "stdlib/os.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace io {

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

const check::Type* bytesT() {
  return check::sliceOf(check::basicType(check::BasicKind::Uint8));
}
const check::Type* intT() {
  return check::basicType(check::BasicKind::Int);
}
const check::Type* int64T() {
  return check::basicType(check::BasicKind::Int64);
}

check::Method ifaceMethod(const char* name, const check::Signature* s) {
  check::Method m;
  m.name = name;
  m.sig = s;
  return m;
}

check::Named* ifaceType(const char* name, std::vector<check::Method> methods) {
  auto* i = new check::Interface;
  std::sort(methods.begin(), methods.end(),
            [](const check::Method& a, const check::Method& b) { return a.name < b.name; });
  i->methods = std::move(methods);
  return nativeNamed("io", name, i);
}

const check::Signature* readSig() {
  static const check::Signature* s = nativeSignature({bytesT()}, {intT(), check::errorType()});
  return s;
}
const check::Signature* closeSig() {
  static const check::Signature* s = nativeSignature({}, {check::errorType()});
  return s;
}
const check::Signature* seekSig() {
  static const check::Signature* s =
      nativeSignature({int64T(), intT()}, {int64T(), check::errorType()});
  return s;
}

Value& errorCell(const char* text) {
  return *new Value(errors::newError(text));
}
// io.EOF's variable: made once, never freed.
Value& eofCell() {
  static Value& v = errorCell("EOF");
  return v;
}
Value& unexpectedEOFCell() {
  static Value& v = errorCell("unexpected EOF");
  return v;
}
Value& shortWriteCell() {
  static Value& v = errorCell("short write");
  return v;
}
Value& shortBufferCell() {
  static Value& v = errorCell("short buffer");
  return v;
}
Value& noProgressCell() {
  static Value& v = errorCell("multiple Read calls return no data or error");
  return v;
}
Value& closedPipeCell() {
  static Value& v = errorCell("io: read/write on closed pipe");
  return v;
}

// A new []byte of n zero bytes.
values::SliceObject* byteSlice(size_t n) {
  return values::makeSlice(static_cast<int64_t>(n), static_cast<int64_t>(n), false);
}

// Calls method `name` of the interface value v with one []byte argument holding `bytes`
// (len bytes): (n int, err error). Copies what the method left in the slice back.
IoResult callBytesMethod(values::IfaceObject* i, const char* name, char* bytes, size_t len,
                         bool copyBack) {
  values::SliceObject* s = byteSlice(len);
  if (!copyBack) {
    for (size_t k = 0; k < len; ++k) s->base()[k].u = static_cast<unsigned char>(bytes[k]);
  }
  AnyValue arg{bytesT(), Value{.p = s}};
  Value res[2]{};
  fmt::methodCaller(AnyValue{i->type, i->value}, name, std::span<const AnyValue>(&arg, 1), res);
  int64_t n = res[0].i;
  if (copyBack) {
    int64_t m = std::clamp<int64_t>(n, 0, static_cast<int64_t>(len));
    for (int64_t k = 0; k < m; ++k) bytes[k] = static_cast<char>(s->base()[k].u);
  }
  values::releaseRef(arg.value);
  return {n, res[1]};
}

}  // namespace

const check::Named* readerType() {
  static check::Named* t = ifaceType("Reader", {ifaceMethod("Read", readSig())});
  return t;
}

const check::Named* writerType() {
  return static_cast<const check::Named*>(ioWriterType());
}

const check::Named* readCloserType() {
  static check::Named* t =
      ifaceType("ReadCloser", {ifaceMethod("Read", readSig()), ifaceMethod("Close", closeSig())});
  return t;
}

const check::Named* writeCloserType() {
  static check::Named* t = ifaceType(
      "WriteCloser", {ifaceMethod("Write", check::asInterface(ioWriterType())->methods[0].sig),
                      ifaceMethod("Close", closeSig())});
  return t;
}

Value eof() {
  return eofCell();
}

bool isEOF(Value err) {
  values::IfaceObject* e = values::asIface(err);
  values::IfaceObject* eof = values::asIface(eofCell());
  return e && e->type == eof->type && e->value.p == eof->value.p;
}

Value errUnexpectedEOF() {
  return unexpectedEOFCell();
}
Value errShortWrite() {
  return shortWriteCell();
}
Value errNoProgress() {
  return noProgressCell();
}
Value errClosedPipe() {
  return closedPipeCell();
}

const check::Named* readerAtType() {
  static check::Named* t = ifaceType(
      "ReaderAt",
      {ifaceMethod("ReadAt", nativeSignature({bytesT(), int64T()}, {intT(), check::errorType()}))});
  return t;
}

IoResult read(Value r, char* buf, size_t len) {
  values::IfaceObject* i = values::asIface(r);
  if (!i) nilPanic();
  if (StructObject* f = os::asFile(i)) return os::fileRead(f, buf, len);
  return callBytesMethod(i, "Read", buf, len, true);
}

IoResult readAt(Value r, Value p, int64_t off) {
  values::IfaceObject* i = values::asIface(r);
  if (!i) nilPanic();
  AnyValue args[2]{{bytesT(), p}, {int64T(), values::intValue(off)}};
  Value res[2]{};
  fmt::methodCaller(AnyValue{i->type, i->value}, "ReadAt", std::span<const AnyValue>(args, 2), res);
  return {res[0].i, res[1]};
}

IoResult writeString(Value w, std::string_view s) {
  values::IfaceObject* i = values::asIface(w);
  if (!i) nilPanic();
  check::Selection sel;
  if (!os::asFile(i) &&
      check::lookupFieldOrMethod(i->type, "WriteString", &sel) == check::LookupResult::Found &&
      sel.kind != check::Selection::Kind::Field) {
    AnyValue arg{check::basicType(check::BasicKind::String), stringResult(s)};
    Value res[2]{};
    fmt::methodCaller(AnyValue{i->type, i->value}, "WriteString",
                      std::span<const AnyValue>(&arg, 1), res);
    values::releaseRef(arg.value);
    return {res[0].i, res[1]};
  }
  return writeAll(w, s);
}

IoResult writeAll(Value w, std::string_view data) {
  values::IfaceObject* i = values::asIface(w);
  if (!i) nilPanic();
  if (StructObject* f = os::asFile(i)) return os::fileWrite(f, data);
  IoResult r = callBytesMethod(i, "Write", const_cast<char*>(data.data()), data.size(), false);
  if (!r.err.p && r.n != static_cast<int64_t>(data.size())) r.err = retained(shortWriteCell());
  return r;
}

}  // namespace io

const check::Type* ioWriterType() {
  static check::Named* t = [] {
    const check::Type* bytes = check::sliceOf(check::basicType(check::BasicKind::Uint8));
    return io::ifaceType(
        "Writer",
        {io::ifaceMethod("Write", nativeSignature({bytes}, {io::intT(), check::errorType()}))});
  }();
  return t;
}

namespace {

using values::AnyValue;
using values::StructObject;
using values::Value;

using Reader = IfaceOf<&io::readerType>;
using Writer = IfaceOf<&io::writerType>;

std::tuple<Bytes, GoError> readAll(Reader r) {
  values::IfaceObject* i = values::asIface(r.v);
  if (!i) nilPanic();
  if (std::optional<io::ReadAllResult> body = http::readAllBody(i)) return *body;
  std::string out;
  std::string buf(512, '\0');
  for (;;) {
    io::IoResult res = io::read(r.v, buf.data(), buf.size());
    out.append(buf.data(), static_cast<size_t>(std::clamp<int64_t>(res.n, 0, 512)));
    if (res.err.p) {
      if (io::isEOF(res.err)) {
        values::releaseRef(res.err);
        return {newBytes(out), GoError{}};
      }
      return {newBytes(out), GoError{res.err}};
    }
    if (buf.size() < 65536 && out.size() >= buf.size()) buf.resize(buf.size() * 2);
  }
}

// ReadAtLeast into b: reads until min bytes are there, copying them into b.
std::tuple<int64_t, GoError> readAtLeast(Reader r, Bytes b, int64_t min) {
  values::SliceObject* s = values::asSlice(b.slice);
  int64_t len = s ? s->len() : 0;
  if (len < min) return {0, {retained(io::shortBufferCell())}};
  std::string buf(static_cast<size_t>(len), '\0');
  int64_t n = 0;
  Value err{};
  while (n < min && !err.p) {
    io::IoResult res = io::read(r.v, buf.data() + n, static_cast<size_t>(len - n));
    n += std::clamp<int64_t>(res.n, 0, len - n);
    err = res.err;
  }
  for (int64_t k = 0; k < n; ++k) s->base()[k].u = static_cast<unsigned char>(buf[k]);
  if (n >= min) {
    values::releaseRef(err);
    err = Value{};
  } else if (n > 0 && io::isEOF(err)) {
    values::releaseRef(err);
    err = retained(io::unexpectedEOFCell());
  }
  return {n, {err}};
}

std::tuple<int64_t, GoError> readFull(Reader r, Bytes b) {
  values::SliceObject* s = values::asSlice(b.slice);
  return readAtLeast(r, b, s ? s->len() : 0);
}

// Copies from src to dst until EOF or an error, at most `limit` bytes when limit >= 0.
std::tuple<Int64, GoError> copyLimited(Writer dst, Reader src, int64_t limit, size_t bufSize) {
  std::string buf(bufSize, '\0');
  int64_t written = 0;
  for (;;) {
    size_t want = buf.size();
    if (limit >= 0) want = static_cast<size_t>(std::min<int64_t>(limit - written, want));
    if (want == 0) return {{written}, {}};
    io::IoResult r = io::read(src.v, buf.data(), want);
    int64_t n = std::clamp<int64_t>(r.n, 0, static_cast<int64_t>(want));
    if (n > 0) {
      io::IoResult w = io::writeAll(dst.v, std::string_view(buf.data(), static_cast<size_t>(n)));
      written += std::clamp<int64_t>(w.n, 0, n);
      if (w.err.p) {
        values::releaseRef(r.err);
        return {{written}, {w.err}};
      }
    }
    if (r.err.p) {
      if (io::isEOF(r.err)) {
        values::releaseRef(r.err);
        return {{written}, {}};
      }
      return {{written}, {r.err}};
    }
  }
}

std::tuple<Int64, GoError> copy(Writer dst, Reader src) {
  return copyLimited(dst, src, -1, 32 * 1024);
}

std::tuple<Int64, GoError> copyBuffer(Writer dst, Reader src, Bytes buf) {
  values::SliceObject* s = values::asSlice(buf.slice);
  if (s && s->len() == 0) panicString("empty buffer in CopyBuffer");
  return copyLimited(dst, src, -1, s ? static_cast<size_t>(s->len()) : 32 * 1024);
}

std::tuple<Int64, GoError> copyN(Writer dst, Reader src, Int64 n) {
  auto [written, err] = copyLimited(dst, src, std::max<int64_t>(n.v, 0), 32 * 1024);
  if (written.v < n.v && !err.value.p) err.value = retained(io::eof());
  return {written, err};
}

std::tuple<int64_t, GoError> writeString(Writer w, std::string_view s) {
  io::IoResult r = io::writeString(w.v, s);
  return {r.n, {r.err}};
}

// The adapters: native structs whose methods read their fields.
struct AdapterPtr {
  StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<AdapterPtr> {
  static AdapterPtr arg(const AnyValue& a) {
    if (!a.value.p) nilPanic();
    return {static_cast<StructObject*>(a.value.p)};
  }
};

namespace {

// The bytes of p and a way to copy what a read produced back into it.
struct ByteArg {
  values::SliceObject* s;
  std::string buf;
  explicit ByteArg(Bytes b) : s(values::asSlice(b.slice)) {
    buf.resize(static_cast<size_t>(s ? s->len() : 0));
  }
  void copyBack(int64_t n) {
    for (int64_t k = 0; k < n; ++k) s->base()[k].u = static_cast<unsigned char>(buf[k]);
  }
};

// LimitedReader{R Reader, N int64}.Read
std::tuple<int64_t, GoError> limitedRead(AdapterPtr l, Bytes p) {
  StructObject* o = l.obj;
  if (o->fields[1].i <= 0) return {0, {retained(io::eof())}};
  ByteArg b(p);
  size_t want = std::min<size_t>(b.buf.size(), static_cast<size_t>(o->fields[1].i));
  io::IoResult r = io::read(o->fields[0], b.buf.data(), want);
  int64_t n = std::clamp<int64_t>(r.n, 0, static_cast<int64_t>(want));
  b.copyBack(n);
  o->fields[1].i -= n;
  return {n, {r.err}};
}

const check::Named* limitedReaderType() {
  static check::Named* t = [] {
    auto* st = new check::Struct;
    st->fields = {{"R", io::readerType(), false, ""}, {"N", io::int64T(), false, ""}};
    check::Named* n = nativeNamed("io", "LimitedReader", st);
    bindMethod<&limitedRead>(n, "Read");
    return n;
  }();
  return t;
}

// multiReader{readers []Reader, next int}.Read
std::tuple<int64_t, GoError> multiRead(AdapterPtr m, Bytes p) {
  StructObject* o = m.obj;
  values::SliceObject* readers = values::asSlice(o->fields[0]);
  int64_t count = readers ? readers->len() : 0;
  ByteArg b(p);
  while (o->fields[1].i < count) {
    io::IoResult r = io::read(readers->base()[o->fields[1].i], b.buf.data(), b.buf.size());
    int64_t n = std::clamp<int64_t>(r.n, 0, static_cast<int64_t>(b.buf.size()));
    bool eof = io::isEOF(r.err);
    if (eof) ++o->fields[1].i;
    if (n > 0 || !eof) {
      b.copyBack(n);
      if (eof && o->fields[1].i < count) {
        values::releaseRef(r.err);
        r.err = Value{};
      }
      return {n, {r.err}};
    }
    values::releaseRef(r.err);
  }
  return {0, {retained(io::eof())}};
}

// multiWriter{writers []Writer}.Write
std::tuple<int64_t, GoError> multiWrite(AdapterPtr m, Bytes p) {
  values::SliceObject* writers = values::asSlice(m.obj->fields[0]);
  std::string data = bytesText(p);
  for (int64_t k = 0; writers && k < writers->len(); ++k) {
    io::IoResult r = io::writeAll(writers->base()[k], data);
    if (r.err.p) return {r.n, {r.err}};
  }
  return {static_cast<int64_t>(data.size()), {}};
}

// teeReader{r Reader, w Writer}.Read
std::tuple<int64_t, GoError> teeRead(AdapterPtr t, Bytes p) {
  ByteArg b(p);
  io::IoResult r = io::read(t.obj->fields[0], b.buf.data(), b.buf.size());
  int64_t n = std::clamp<int64_t>(r.n, 0, static_cast<int64_t>(b.buf.size()));
  b.copyBack(n);
  if (n > 0) {
    io::IoResult w = io::writeAll(t.obj->fields[1], std::string_view(b.buf.data(), n));
    if (w.err.p) {
      values::releaseRef(r.err);
      return {w.n, {w.err}};
    }
  }
  return {n, {r.err}};
}

// nopCloser{r Reader}
std::tuple<int64_t, GoError> nopRead(AdapterPtr c, Bytes p) {
  ByteArg b(p);
  io::IoResult r = io::read(c.obj->fields[0], b.buf.data(), b.buf.size());
  int64_t n = std::clamp<int64_t>(r.n, 0, static_cast<int64_t>(b.buf.size()));
  b.copyBack(n);
  return {r.n, {r.err}};
}
GoError nopClose(AdapterPtr) {
  return {};
}

// discard{}
std::tuple<int64_t, GoError> discardWrite(AdapterPtr, Bytes p) {
  values::SliceObject* s = values::asSlice(p.slice);
  return {s ? s->len() : 0, {}};
}
std::tuple<int64_t, GoError> discardWriteString(AdapterPtr, std::string_view s) {
  return {static_cast<int64_t>(s.size()), {}};
}

check::Named* adapterType(const char* name, std::vector<check::StructField> fields) {
  auto* st = new check::Struct;
  st->fields = std::move(fields);
  return nativeNamed("io", name, st);
}

const check::Named* multiReaderType() {
  static check::Named* t = [] {
    check::Named* n =
        adapterType("multiReader", {{"readers", check::sliceOf(io::readerType()), false, ""},
                                    {"next", io::intT(), false, ""}});
    bindMethod<&multiRead>(n, "Read");
    return n;
  }();
  return t;
}
const check::Named* multiWriterType() {
  static check::Named* t = [] {
    check::Named* n =
        adapterType("multiWriter", {{"writers", check::sliceOf(io::writerType()), false, ""}});
    bindMethod<&multiWrite>(n, "Write");
    return n;
  }();
  return t;
}
const check::Named* teeReaderType() {
  static check::Named* t = [] {
    check::Named* n = adapterType(
        "teeReader", {{"r", io::readerType(), false, ""}, {"w", io::writerType(), false, ""}});
    bindMethod<&teeRead>(n, "Read");
    return n;
  }();
  return t;
}
const check::Named* nopCloserType() {
  static check::Named* t = [] {
    check::Named* n = adapterType("nopCloser", {{"r", io::readerType(), false, ""}});
    bindMethod<&nopClose>(n, "Close");
    bindMethod<&nopRead>(n, "Read");
    return n;
  }();
  return t;
}
const check::Named* discardType() {
  static check::Named* t = [] {
    check::Named* n = adapterType("discard", {});
    bindMethod<&discardWrite>(n, "Write");
    bindMethod<&discardWriteString>(n, "WriteString");
    return n;
  }();
  return t;
}

Value newAdapter(const check::Named* n, std::initializer_list<Value> fields);

// io.Discard's variable, which ioutil.Discard shares.
Value& discardCell() {
  static Value cell = newAdapter(discardType(), {});
  return cell;
}

// A new adapter of type n (a pointer to it, as an interface value of that pointer type).
Value newAdapter(const check::Named* n, std::initializer_list<Value> fields) {
  StructObject* obj = StructObject::make(static_cast<const check::Struct*>(n->underlying));
  size_t k = 0;
  for (Value v : fields) obj->fields[k++] = v;
  return errors::makeIface(check::pointerTo(n), Value{.p = obj});
}

// A []Reader or []Writer of the arguments (interface values, retained).
Value ifaceSlice(std::span<const AnyValue> args) {
  auto n = static_cast<int64_t>(args.size());
  values::SliceObject* s = values::makeSlice(n, n, true);
  for (int64_t k = 0; k < n; ++k) s->base()[k] = retained(args[static_cast<size_t>(k)].value);
  return Value{.p = s};
}

Reader limitReader(Reader r, Int64 n) {
  return {newAdapter(limitedReaderType(), {retained(r.v), values::intValue(n.v)})};
}
Reader multiReader(Variadic<Reader> readers) {
  return {newAdapter(multiReaderType(), {ifaceSlice(readers.raw()), values::intValue(0)})};
}
Writer multiWriter(Variadic<Writer> writers) {
  return {newAdapter(multiWriterType(), {ifaceSlice(writers.raw())})};
}
Reader teeReader(Reader r, Writer w) {
  return {newAdapter(teeReaderType(), {retained(r.v), retained(w.v)})};
}
IfaceOf<&io::readCloserType> nopCloser(Reader r) {
  return {newAdapter(nopCloserType(), {retained(r.v)})};
}

}  // namespace

void registerIo(Packages& p) {
  check::Package& pkg = p.package("io", "io");
  using io::ifaceMethod;
  const check::Type* err = check::errorType();
  const check::Type* str = check::basicType(check::BasicKind::String);
  const check::Type* byteT = check::basicType(check::BasicKind::Uint8);
  const check::Type* runeT = check::basicType(check::BasicKind::Int32);
  const check::Signature* writeSig = check::asInterface(ioWriterType())->methods[0].sig;
  const check::Signature* readSig = io::readSig();
  const check::Signature* closeSig = io::closeSig();
  const check::Signature* seekSig = io::seekSig();
  p.addType(pkg, "Reader", io::readerType());
  p.addType(pkg, "Writer", ioWriterType());
  p.addType(pkg, "ReadCloser", io::readCloserType());
  auto add = [&](const char* name, std::vector<check::Method> methods) {
    p.addType(pkg, name, io::ifaceType(name, std::move(methods)));
  };
  add("Closer", {ifaceMethod("Close", closeSig)});
  add("Seeker", {ifaceMethod("Seek", seekSig)});
  add("ReadWriter", {ifaceMethod("Read", readSig), ifaceMethod("Write", writeSig)});
  p.addType(pkg, "WriteCloser", io::writeCloserType());
  add("ReadWriteCloser", {ifaceMethod("Read", readSig), ifaceMethod("Write", writeSig),
                          ifaceMethod("Close", closeSig)});
  add("ReadSeeker", {ifaceMethod("Read", readSig), ifaceMethod("Seek", seekSig)});
  add("ReadSeekCloser",
      {ifaceMethod("Read", readSig), ifaceMethod("Seek", seekSig), ifaceMethod("Close", closeSig)});
  add("WriteSeeker", {ifaceMethod("Write", writeSig), ifaceMethod("Seek", seekSig)});
  add("ReadWriteSeeker",
      {ifaceMethod("Read", readSig), ifaceMethod("Write", writeSig), ifaceMethod("Seek", seekSig)});
  add("ReaderFrom",
      {ifaceMethod("ReadFrom", nativeSignature({io::readerType()}, {io::int64T(), err}))});
  add("WriterTo", {ifaceMethod("WriteTo", nativeSignature({ioWriterType()}, {io::int64T(), err}))});
  p.addType(pkg, "ReaderAt", io::readerAtType());
  add("WriterAt",
      {ifaceMethod("WriteAt", nativeSignature({io::bytesT(), io::int64T()}, {io::intT(), err}))});
  add("StringWriter", {ifaceMethod("WriteString", nativeSignature({str}, {io::intT(), err}))});
  add("ByteReader", {ifaceMethod("ReadByte", nativeSignature({}, {byteT, err}))});
  add("ByteScanner", {ifaceMethod("ReadByte", nativeSignature({}, {byteT, err})),
                      ifaceMethod("UnreadByte", nativeSignature({}, {err}))});
  add("ByteWriter", {ifaceMethod("WriteByte", nativeSignature({byteT}, {err}))});
  add("RuneReader", {ifaceMethod("ReadRune", nativeSignature({}, {runeT, io::intT(), err}))});
  add("RuneScanner", {ifaceMethod("ReadRune", nativeSignature({}, {runeT, io::intT(), err})),
                      ifaceMethod("UnreadRune", nativeSignature({}, {err}))});
  p.addType(pkg, "LimitedReader", limitedReaderType());
  p.addVariable(pkg, "EOF", err, &io::eofCell());
  p.addVariable(pkg, "ErrUnexpectedEOF", err, &io::unexpectedEOFCell());
  p.addVariable(pkg, "ErrShortWrite", err, &io::shortWriteCell());
  p.addVariable(pkg, "ErrShortBuffer", err, &io::shortBufferCell());
  p.addVariable(pkg, "ErrNoProgress", err, &io::noProgressCell());
  p.addVariable(pkg, "ErrClosedPipe", err, &io::closedPipeCell());
  p.addVariable(pkg, "Discard", ioWriterType(), &discardCell());
  const check::Type* intT = io::intT();
  p.addConstant(pkg, "SeekStart", intT, check::ConstValue::ofInt64(0));
  p.addConstant(pkg, "SeekCurrent", intT, check::ConstValue::ofInt64(1));
  p.addConstant(pkg, "SeekEnd", intT, check::ConstValue::ofInt64(2));
  bind<&readAll>(p, pkg, "ReadAll");
  bind<&readAtLeast>(p, pkg, "ReadAtLeast");
  bind<&readFull>(p, pkg, "ReadFull");
  bind<&copy>(p, pkg, "Copy");
  bind<&copyBuffer>(p, pkg, "CopyBuffer");
  bind<&copyN>(p, pkg, "CopyN");
  bind<&writeString>(p, pkg, "WriteString");
  bind<&limitReader>(p, pkg, "LimitReader");
  bind<&multiReader>(p, pkg, "MultiReader");
  bind<&multiWriter>(p, pkg, "MultiWriter");
  bind<&teeReader>(p, pkg, "TeeReader");
  bind<&nopCloser>(p, pkg, "NopCloser");
  io::registerPipeMembers(p, pkg);
  io::registerSectionMembers(p, pkg);
}

bool io::isDiscard(Value w) {
  const values::IfaceObject* i = values::asIface(w);
  return i && i->type == check::pointerTo(discardType());
}

void io::registerIoutilMembers(Packages& p, check::Package& pkg) {
  bind<&readAll>(p, pkg, "ReadAll");
  bind<&nopCloser>(p, pkg, "NopCloser");
  p.addVariable(pkg, "Discard", ioWriterType(), &discardCell());
}

}  // namespace gol::stdlib
