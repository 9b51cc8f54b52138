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

// What io.ReadAll returns.
using ReadAllResult = std::tuple<Bytes, GoError>;

}  // namespace gol::stdlib::io

namespace gol::stdlib::http {

// io.ReadAll of net/http's response body, whose bytes are all in memory, in one piece
// (http.cpp); nullopt if r holds another Reader.
std::optional<io::ReadAllResult> readAllBody(const values::IfaceObject* r);

}  // namespace gol::stdlib::http
