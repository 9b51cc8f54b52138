// Field and method lookup through embedded fields (the spec's selector rules and Go's
// lookupFieldOrMethod), method sets, and interface satisfaction.
#pragma once

#include <string>
#include <vector>

#include "interpreter/check/types.h"

namespace gol::check {

// One step of a selector's walk: field `index` of a struct reached directly, or through
// a pointer (which the evaluator must check for nil).
struct FieldStep {
  int index;
  bool viaPointer;
};

// What `x.name` denotes.
struct Selection {
  enum class Kind { Field, Method, InterfaceMethod } kind = Kind::Field;
  // Field: every step to the field, the last one selecting it. Methods: the steps to the
  // embedded field holding the receiver (empty when x itself is the receiver).
  std::vector<FieldStep> path;
  const Type* type = nullptr;  // the field's type, or the method's signature
  const Method* method = nullptr;
  const Named* recvNamed = nullptr;  // Method: the type that declares it
  const Type* recvBase = nullptr;    // the type of the value the path ends at (T or *T)
  bool indirect = false;             // the walk passed through a pointer
};

enum class LookupResult { Found, NotFound, Ambiguous };

LookupResult lookupFieldOrMethod(const Type* t, const std::string& name, Selection* out);

// Whether values of type t implement interface iface; if not, *reason is Go's
// parenthesised explanation: `(missing method M)`, `(method M has pointer receiver)`,
// or `(wrong type for method M)` with have/want lines.
bool implements(const Type* t, const Interface* iface, std::string* reason);

// Go's assignability of a value of type v (typed) to type t, without untyped rules.
bool assignableType(const Type* v, const Type* t, std::string* reason);

}  // namespace gol::check
