// The net/url package's types as the other native packages see them (net/http's Request
// has a *url.URL; http.Get's errors are *url.Error).
#pragma once

#include <string_view>

#include "interpreter/check/types.h"
#include "interpreter/values/value.h"

namespace gol::stdlib::url {

const check::Named* urlType();
// *url.Error's type, with its methods.
const check::Named* urlErrorType();
// A new *url.Error{Op: op, URL: url, Err: errors.New(msg)} as an `error` (owned).
values::Value newError(std::string_view op, std::string_view url, std::string_view msg);

}  // namespace gol::stdlib::url
