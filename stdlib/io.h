// The io package's types and values as the other native packages see them (net/http's
// response body is an io.ReadCloser that returns io.EOF), and []byte for bind (bind.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "interpreter/check/types.h"
#include "interpreter/values/value.h"
#include "stdlib/bind.h"

namespace gol::stdlib::io {

const check::Named* readerType();
const check::Named* readCloserType();
// io.EOF's current value (borrowed: the variable holds it).
values::Value eof();

// A []byte: borrowed as an argument, owned as a result.
struct Bytes {
  values::Value slice{};
};
// A new []byte holding s.
Bytes newBytes(std::string_view s);
// The bytes of b.
std::string bytesText(Bytes b);

// What io.ReadAll returns.
using ReadAllResult = std::tuple<Bytes, GoError>;

}  // namespace gol::stdlib::io

namespace gol::stdlib::http {

// io.ReadAll of net/http's response body, whose bytes are all in memory, in one piece
// (http.cpp); nullopt if r holds another Reader.
std::optional<io::ReadAllResult> readAllBody(const values::IfaceObject* r);

}  // namespace gol::stdlib::http

namespace gol::stdlib {

template <>
struct GoType<io::Bytes> {
  static const check::Type* type() {
    return check::sliceOf(check::basicType(check::BasicKind::Uint8));
  }
  static io::Bytes arg(const values::AnyValue& a) { return {a.value}; }
  static values::Value result(io::Bytes b) { return b.slice; }
};

}  // namespace gol::stdlib
