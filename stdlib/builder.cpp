// strings.Builder: a byte buffer grown as Go's append grows a []byte, read as a string.
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using eval::AnyValue;
using eval::Value;

const check::Type* bytesType() { return check::sliceOf(check::basicType(check::BasicKind::Uint8)); }

// The builder's buf field (the receiver is *Builder: its object).
Value& bufOf(std::span<const AnyValue> a) {
  auto* b = static_cast<eval::StructObject*>(a[0].value.p);
  if (!b) nilPanic();
  return b->fields[0];
}

void append(Value& buf, std::string_view bytes) {
  eval::SliceObject* s = eval::asSlice(buf);
  int64_t len = s ? s->len() : 0;
  int64_t cap = s ? s->cap() : 0;
  int64_t need = len + static_cast<int64_t>(bytes.size());
  if (need > cap) {
    int64_t newCap = std::max<int64_t>(need, cap < 256 ? 2 * cap : cap + cap / 4);
    newCap = std::max<int64_t>(newCap, 8);
    eval::SliceObject* r = eval::makeSlice(need, newCap, false);
    for (int64_t i = 0; i < len; ++i) r->base()[i] = s->base()[i];
    eval::releaseRef(buf);
    buf = Value{.p = r};
    s = r;
  } else {
    eval::SliceObject* r = eval::SliceObject::make(s->array(), s->base(), need, cap);
    eval::releaseRef(buf);
    buf = Value{.p = r};
    s = r;
  }
  for (size_t i = 0; i < bytes.size(); ++i) s->base()[len + static_cast<int64_t>(i)].u = static_cast<unsigned char>(bytes[i]);
}

std::string contents(const Value& buf) {
  eval::SliceObject* s = eval::asSlice(buf);
  std::string out;
  if (!s) return out;
  out.resize(static_cast<size_t>(s->len()));
  for (int64_t i = 0; i < s->len(); ++i) out[static_cast<size_t>(i)] = static_cast<char>(s->base()[i].u);
  return out;
}

void writeStringM(std::span<const AnyValue> a, Value* r) {
  std::string_view s = eval::stringView(a[1].value);
  append(bufOf(a), s);
  r[0] = intResult(static_cast<int64_t>(s.size()));
  r[1] = Value{};
}
void writeM(std::span<const AnyValue> a, Value* r) {
  eval::SliceObject* b = eval::asSlice(a[1].value);
  std::string bytes;
  for (int64_t i = 0; b && i < b->len(); ++i) bytes += static_cast<char>(b->base()[i].u);
  append(bufOf(a), bytes);
  r[0] = intResult(static_cast<int64_t>(bytes.size()));
  r[1] = Value{};
}
void writeByteM(std::span<const AnyValue> a, Value* r) {
  char c = static_cast<char>(a[1].value.u);
  append(bufOf(a), std::string_view(&c, 1));
  r[0] = Value{};
}
void writeRuneM(std::span<const AnyValue> a, Value* r) {
  std::string s;
  utf8::encodeRune(s, static_cast<int32_t>(a[1].value.i));
  append(bufOf(a), s);
  r[0] = intResult(static_cast<int64_t>(s.size()));
  r[1] = Value{};
}
void stringM(std::span<const AnyValue> a, Value* r) { r[0] = stringResult(contents(bufOf(a))); }
void lenM(std::span<const AnyValue> a, Value* r) {
  eval::SliceObject* s = eval::asSlice(bufOf(a));
  r[0] = intResult(s ? s->len() : 0);
}
void capM(std::span<const AnyValue> a, Value* r) {
  eval::SliceObject* s = eval::asSlice(bufOf(a));
  r[0] = intResult(s ? s->cap() : 0);
}
void resetM(std::span<const AnyValue> a, Value*) {
  Value& buf = bufOf(a);
  eval::releaseRef(buf);
  buf = Value{};
}
void growM(std::span<const AnyValue> a, Value*) {
  int64_t n = a[1].value.i;
  if (n < 0) panicString("strings.Builder.Grow: negative count");
  Value& buf = bufOf(a);
  eval::SliceObject* s = eval::asSlice(buf);
  int64_t len = s ? s->len() : 0;
  int64_t cap = s ? s->cap() : 0;
  if (cap - len >= n) return;
  eval::SliceObject* r = eval::makeSlice(len, 2 * cap + n, false);
  for (int64_t i = 0; i < len; ++i) r->base()[i] = s->base()[i];
  eval::releaseRef(buf);
  buf = Value{.p = r};
}

}  // namespace

void registerBuilder(Packages& p) {
  using check::BasicKind;
  const check::Type* i = check::basicType(BasicKind::Int);
  const check::Type* err = check::errorType();
  auto* st = new check::Struct;
  st->fields.push_back(check::StructField{"buf", bytesType(), false, ""});
  auto* builder = new check::Named;
  builder->name = "Builder";
  builder->pkg = "strings";
  builder->underlying = st;
  auto method = [&](const char* name, const check::Signature* sig, eval::NativeFunction fn) {
    check::Method m;
    m.name = name;
    m.sig = sig;
    m.pointerRecv = true;
    m.native = reinterpret_cast<const void*>(fn);
    builder->methods.push_back(m);
  };
  method("WriteString", p.signature({check::basicType(BasicKind::String)}, {i, err}), writeStringM);
  method("Write", p.signature({bytesType()}, {i, err}), writeM);
  method("WriteByte", p.signature({check::basicType(BasicKind::Uint8)}, {err}), writeByteM);
  method("WriteRune", p.signature({check::basicType(BasicKind::Int32)}, {i, err}), writeRuneM);
  method("String", p.signature({}, {check::basicType(BasicKind::String)}), stringM);
  method("Len", p.signature({}, {i}), lenM);
  method("Cap", p.signature({}, {i}), capM);
  method("Reset", p.signature({}, {}), resetM);
  method("Grow", p.signature({i}, {}), growM);
  p.addType(p.package("strings", "strings"), "Builder", builder);
}

}  // namespace gol::stdlib
