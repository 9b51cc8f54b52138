// strings.Builder: a byte buffer grown as Go's append grows a []byte, read as a string.
#include <algorithm>
#include <cstring>

#include "stdlib/bind.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/utf8.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

const check::Named* builderType();

// The receiver of *Builder's methods: its object (a nil *Builder panics).
struct BuilderPtr {
  values::StructObject* obj = nullptr;
};

// A []byte argument: its slice object (null for a nil slice).
}  // namespace

template <>
struct GoType<BuilderPtr> {
  static const check::Type* type() { return check::pointerTo(builderType()); }
  static BuilderPtr arg(const AnyValue& a) {
    auto* b = static_cast<values::StructObject*>(a.value.p);
    if (!b) nilPanic();
    return {b};
  }
};

namespace {

// The builder about to be written (Go's copyCheck).
values::StructObject* writableBuilder(BuilderPtr p) {
  values::StructObject* b = p.obj;
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

std::tuple<int64_t, GoError> builderWriteString(BuilderPtr b, std::string_view s) {
  append(writableBuilder(b), s);
  return {static_cast<int64_t>(s.size()), GoError{}};
}
std::tuple<int64_t, GoError> builderWrite(BuilderPtr b, Bytes p) {
  std::string bytes = bytesText(p);
  append(writableBuilder(b), bytes);
  return {static_cast<int64_t>(bytes.size()), GoError{}};
}
GoError builderWriteByte(BuilderPtr b, uint8_t c) {
  char ch = static_cast<char>(c);
  append(writableBuilder(b), std::string_view(&ch, 1));
  return {};
}
std::tuple<int64_t, GoError> builderWriteRune(BuilderPtr b, int32_t r) {
  std::string s;
  utf8::encodeRune(s, r);
  append(writableBuilder(b), s);
  return {static_cast<int64_t>(s.size()), GoError{}};
}
// The bytes' string object itself: appends copy it while it is shared (see append).
OwnedString builderString(BuilderPtr b) {
  Value v = b.obj->fields[0];
  values::retainRef(v);
  return {v};
}
int64_t builderLen(BuilderPtr b) {
  return static_cast<int64_t>(values::stringView(b.obj->fields[0]).size());
}
int64_t builderCap(BuilderPtr b) {
  return b.obj->fields[1].i;
}
void builderReset(BuilderPtr b) {
  values::releaseRef(b.obj->fields[0]);
  b.obj->fields[0] = Value{};
  b.obj->fields[1] = Value{};
  b.obj->fields[2] = Value{};
}
void builderGrow(BuilderPtr p, int64_t n) {
  values::StructObject* b = writableBuilder(p);
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

// strings.Builder. Field 0 holds the bytes as a string object with spare room, field 1 that
// object's capacity, field 2 the address of the object that first wrote (Go's addr): a copy
// of a written builder has another.
const check::Named* builderType() {
  static check::Named* t = [] {
    using check::BasicKind;
    auto* st = new check::Struct;
    st->fields.push_back(check::StructField{"buf", check::basicType(BasicKind::String), false, ""});
    st->fields.push_back(check::StructField{"cap", check::basicType(BasicKind::Int), false, ""});
    st->fields.push_back(
        check::StructField{"addr", check::basicType(BasicKind::Uintptr), false, ""});
    check::Named* n = nativeNamed("strings", "Builder", st);
    bindMethod<&builderWriteString>(n, "WriteString");
    bindMethod<&builderWrite>(n, "Write");
    bindMethod<&builderWriteByte>(n, "WriteByte");
    bindMethod<&builderWriteRune>(n, "WriteRune");
    bindMethod<&builderString>(n, "String");
    bindMethod<&builderLen>(n, "Len");
    bindMethod<&builderCap>(n, "Cap");
    bindMethod<&builderReset>(n, "Reset");
    bindMethod<&builderGrow>(n, "Grow");
    return n;
  }();
  return t;
}

}  // namespace

void registerBuilder(Packages& p) {
  p.addType(p.package("strings", "strings"), "Builder", builderType());
}

}  // namespace gol::stdlib
