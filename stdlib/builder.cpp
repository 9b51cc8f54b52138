// strings.Builder: a byte buffer grown as Go's append grows a []byte, read as a string.
#include <algorithm>
#include <cstring>

#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

const check::Type* bytesType() {
  return check::sliceOf(check::basicType(check::BasicKind::Uint8));
}

// The builder (the receiver is *Builder: its object). Field 0 holds the bytes as a
// string object with spare room, field 1 that object's capacity, field 2 the address of
// the object that first wrote (Go's addr): a copy of a written builder has another.
values::StructObject* builderOf(std::span<const AnyValue> a) {
  auto* b = static_cast<values::StructObject*>(a[0].value.p);
  if (!b) nilPanic();
  return b;
}

// The builder about to be written (Go's copyCheck).
values::StructObject* writableBuilder(std::span<const AnyValue> a) {
  values::StructObject* b = builderOf(a);
  auto self = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(b));
  if (b->fields[2].u == 0) {
    b->fields[2].u = self;
  } else if (b->fields[2].u != self) {
    panicString("strings: illegal use of non-zero Builder copied by value");
  }
  return b;
}

// Appends in place while the buffer is not shared (a String() result shares it), else
// into a new buffer with twice the room, as Go's append grows the []byte.
void append(values::StructObject* b, std::string_view bytes) {
  values::StringObject* cur = b->fields[0].s;
  size_t len = cur ? cur->size() : 0;
  size_t cap = static_cast<size_t>(b->fields[1].i);
  size_t need = len + bytes.size();
  if (cur && cur->refs.load(std::memory_order_acquire) == 1 && need <= cap) {
    std::memcpy(cur->mutableData() + len, bytes.data(), bytes.size());
    cur->setSizeUnshared(need);
    return;
  }
  size_t newCap = std::max({need, 2 * cap, size_t{16}});
  values::StringObject* ns = values::StringObject::allocate(newCap);
  if (len) std::memcpy(ns->mutableData(), cur->data(), len);
  std::memcpy(ns->mutableData() + len, bytes.data(), bytes.size());
  ns->setSizeUnshared(need);
  values::releaseRef(b->fields[0]);
  b->fields[0] = values::stringValue(ns);
  b->fields[1] = values::intValue(static_cast<int64_t>(newCap));
}

void writeStringM(std::span<const AnyValue> a, Value* r) {
  std::string_view s = values::stringView(a[1].value);
  append(writableBuilder(a), s);
  r[0] = intResult(static_cast<int64_t>(s.size()));
  r[1] = Value{};
}
void writeM(std::span<const AnyValue> a, Value* r) {
  values::SliceObject* b = values::asSlice(a[1].value);
  std::string bytes;
  for (int64_t i = 0; b && i < b->len(); ++i) bytes += static_cast<char>(b->base()[i].u);
  append(writableBuilder(a), bytes);
  r[0] = intResult(static_cast<int64_t>(bytes.size()));
  r[1] = Value{};
}
void writeByteM(std::span<const AnyValue> a, Value* r) {
  char c = static_cast<char>(a[1].value.u);
  append(writableBuilder(a), std::string_view(&c, 1));
  r[0] = Value{};
}
void writeRuneM(std::span<const AnyValue> a, Value* r) {
  std::string s;
  utf8::encodeRune(s, static_cast<int32_t>(a[1].value.i));
  append(writableBuilder(a), s);
  r[0] = intResult(static_cast<int64_t>(s.size()));
  r[1] = Value{};
}
void stringM(std::span<const AnyValue> a, Value* r) {
  Value v = builderOf(a)->fields[0];
  values::retainRef(v);
  r[0] = v;
}
void lenM(std::span<const AnyValue> a, Value* r) {
  r[0] = intResult(static_cast<int64_t>(values::stringView(builderOf(a)->fields[0]).size()));
}
void capM(std::span<const AnyValue> a, Value* r) {
  r[0] = builderOf(a)->fields[1];
}
void resetM(std::span<const AnyValue> a, Value*) {
  values::StructObject* b = builderOf(a);
  values::releaseRef(b->fields[0]);
  b->fields[0] = Value{};
  b->fields[1] = Value{};
  b->fields[2] = Value{};
}
void growM(std::span<const AnyValue> a, Value*) {
  int64_t n = a[1].value.i;
  values::StructObject* b = writableBuilder(a);
  if (n < 0) panicString("strings.Builder.Grow: negative count");
  size_t len = values::stringView(b->fields[0]).size();
  size_t cap = static_cast<size_t>(b->fields[1].i);
  if (cap - len >= static_cast<size_t>(n)) return;
  size_t newCap = 2 * cap + static_cast<size_t>(n);
  values::StringObject* ns = values::StringObject::allocate(newCap);
  if (len) std::memcpy(ns->mutableData(), b->fields[0].s->data(), len);
  ns->setSizeUnshared(len);
  values::releaseRef(b->fields[0]);
  b->fields[0] = values::stringValue(ns);
  b->fields[1] = values::intValue(static_cast<int64_t>(newCap));
}

}  // namespace

void registerBuilder(Packages& p) {
  using check::BasicKind;
  const check::Type* i = check::basicType(BasicKind::Int);
  const check::Type* err = check::errorType();
  auto* st = new check::Struct;
  st->fields.push_back(check::StructField{"buf", check::basicType(BasicKind::String), false, ""});
  st->fields.push_back(check::StructField{"cap", i, false, ""});
  st->fields.push_back(check::StructField{"addr", check::basicType(BasicKind::Uintptr), false, ""});
  check::Named* builder = nativeNamed("strings", "Builder", st);
  auto method = [&](const char* name, const check::Signature* sig, values::NativeFunction fn) {
    addNativeMethod(builder, name, sig, fn);
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
