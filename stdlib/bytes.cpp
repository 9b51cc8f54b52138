// Package bytes, the functions that read byte slices and those that return new ones:
// Compare, Equal, HasPrefix, HasSuffix, Contains, Index, IndexByte, LastIndex, Count,
// ToUpper, ToLower, Repeat. They share package strings' C++ (strings.h) over a copy of
// the bytes; functions returning subslices of their argument (TrimSpace, Split, ...) and
// Buffer are not there yet.
#include "stdlib/bind.h"
#include "stdlib/packages.h"
#include "stdlib/strings.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

int64_t compare(Bytes a, Bytes b) {
  return strings::compare(bytesText(a), bytesText(b));
}
bool equal(Bytes a, Bytes b) {
  return bytesText(a) == bytesText(b);
}
bool hasPrefix(Bytes s, Bytes prefix) {
  return strings::hasPrefix(bytesText(s), bytesText(prefix));
}
bool hasSuffix(Bytes s, Bytes suffix) {
  return strings::hasSuffix(bytesText(s), bytesText(suffix));
}
bool contains(Bytes s, Bytes sub) {
  return strings::contains(bytesText(s), bytesText(sub));
}
int64_t index(Bytes s, Bytes sep) {
  return strings::index(bytesText(s), bytesText(sep));
}
int64_t indexByte(Bytes s, uint8_t c) {
  return strings::indexByte(bytesText(s), c);
}
int64_t lastIndex(Bytes s, Bytes sep) {
  return strings::lastIndex(bytesText(s), bytesText(sep));
}
int64_t count(Bytes s, Bytes sep) {
  return strings::count(bytesText(s), bytesText(sep));
}
Bytes toUpper(Bytes s) {
  return newBytes(strings::toUpper(bytesText(s)));
}
Bytes toLower(Bytes s) {
  return newBytes(strings::toLower(bytesText(s)));
}
Bytes repeat(Bytes s, int64_t n) {
  if (n < 0) panicString("bytes: negative Repeat count");
  return newBytes(strings::repeat(bytesText(s), n));
}

}  // namespace

void registerBytes(Packages& p) {
  check::Package& pkg = p.package("bytes", "bytes");
  bind<&compare>(p, pkg, "Compare");
  bind<&equal>(p, pkg, "Equal");
  bind<&hasPrefix>(p, pkg, "HasPrefix");
  bind<&hasSuffix>(p, pkg, "HasSuffix");
  bind<&contains>(p, pkg, "Contains");
  bind<&index>(p, pkg, "Index");
  bind<&indexByte>(p, pkg, "IndexByte");
  bind<&lastIndex>(p, pkg, "LastIndex");
  bind<&count>(p, pkg, "Count");
  bind<&toUpper>(p, pkg, "ToUpper");
  bind<&toLower>(p, pkg, "ToLower");
  bind<&repeat>(p, pkg, "Repeat");
}

}  // namespace gol::stdlib
