// errors: New, Is, As, Unwrap, Join, and the error values other packages make
// (fmt.Errorf's wrapped errors, strconv's *NumError use them).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "interpreter/values/value.h"

namespace gol::stdlib::errors {

// errors.New(msg) as an `error` interface value (owned by the caller).
values::Value newError(std::string_view msg);
// fmt.Errorf's result for a message wrapping the given errors (interface values).
values::Value wrapErrors(std::string_view msg, std::span<const values::AnyValue> wrapped);
// The message of an error interface value (its Error method's result; "<nil>" for nil).
std::string errorText(values::Value err);
// An interface value of the given dynamic type holding v (owned).
values::Value makeIface(const check::Type* dyn, values::Value v);

}  // namespace gol::stdlib::errors
