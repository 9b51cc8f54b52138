// Structs, pointers, methods and interfaces.
//
// A struct or array value is an object its variable owns alone (value.h); a pointer to
// a struct or array is a counted reference to that same object, so `p := &s` shares s
// and a method with a pointer receiver on a struct variable receives the variable's
// object. Pointers to other variables are PointerObjects (a cell and its owner), or the
// variable's box for a boxed variable (value.h).
// Interface values are immutable IfaceObjects (dynamic type and value); dynamic method
// calls find their method by the dynamic type once per call site and type.
#pragma once

#include <string>
#include <vector>

#include "interpreter/check/lookup.h"
#include "interpreter/eval/basic_nodes.h"

namespace gol::eval {

using namespace gol::values;

// The methods of the program: the compiled code of each method declaration (or the
// native implementation of a stdlib method), for dynamic calls.
struct MethodTable {
  virtual ~MethodTable() = default;
  virtual const FuncCode* code(const void* decl) const = 0;
};
void setMethodTable(const MethodTable* table);

// A native method: the receiver is args[0].
using NativeMethod = NativeFunction;

// x.f through `steps`; the value is retained when `counted`.
ExprPtr makeFieldRead(ExprPtr base, std::vector<check::FieldStep> steps, bool counted,
                      syntax::Pos pos);
// T{...}: a zero struct with the given fields set (values owned by the fields).
ExprPtr makeStructLiteral(const check::Struct* type, std::vector<std::pair<int, ExprPtr>> fields);
// [N]T{...}: a zero array with the given elements set.
ExprPtr makeArrayLiteral(const check::Array* type, std::vector<std::pair<int64_t, ExprPtr>> elems);
// A fresh zero value of t on each evaluation.
ExprPtr makeZeroValue(const check::Type* t);
// *p for a pointer to a value of the given storage.
ExprPtr makeDeref(ExprPtr p, Storage pointee, syntax::Pos pos);
// &x for a boxed local in `slot` or a captured variable (the box itself), or a global
// cell.
ExprPtr makeAddressOfBox(int slot);
ExprPtr makeAddressOfCapture(int closureSlot, int index);
ExprPtr makeAddressOfGlobal(Value* cell, Storage storage);
// &x.f (fields that are not aggregates; an aggregate field's address is its object).
ExprPtr makeAddressOfField(ExprPtr base, std::vector<check::FieldStep> steps, Storage storage,
                           syntax::Pos pos);
// &s[i] for a slice (isArray false) or array object, for non-aggregate elements.
ExprPtr makeAddressOfElem(ExprPtr seq, ExprPtr index, bool isArray, bool unsignedIndex,
                          Storage storage, syntax::Pos pos);
// new(T).
ExprPtr makeNew(const check::Type* t);
// x, a pointer or interface value, after a nil check that panics at pos.
ExprPtr makeNonNil(ExprPtr x, syntax::Pos pos);
// p, a *T receiver of T's value method `method` (through (*T).M), after a nil check that
// panics as Go's wrapper does ("value method main.T.M called using nil *T pointer").
ExprPtr makeValueMethodReceiver(ExprPtr p, const check::Type* t, std::string method,
                                syntax::Pos pos);
// x, a struct or array value, as a copy of its own (for the operands of `defer` and `go`
// calls, which Go evaluates, and so copies, when the statement runs).
ExprPtr makeCopyAggregate(ExprPtr x);
// &T{...} for a literal of type t that is not an aggregate (a slice or map).
ExprPtr makeAddressOfLiteral(ExprPtr x, const check::Type* t);
// The interface value holding x of dynamic type `dyn`.
ExprPtr makeToIface(ExprPtr x, const check::Type* dyn);
// == and != on values of type t (structs, arrays, pointers, interfaces...).
ExprPtr makeEquality(ExprPtr a, ExprPtr b, const check::Type* t, bool equal, syntax::Pos pos);
// x.(T); with commaOk, evalMulti yields (value, ok).
ExprPtr makeTypeAssert(ExprPtr x, const check::Type* from, const check::Type* to, bool commaOk,
                       syntax::Pos pos);
// Whether dynamic type t implements interface `to` (by its methods).
bool dynamicImplements(const check::Type* t, const check::Interface* to, std::string* missing);
// recv.name(args) on an interface value; `tempSlot` is a caller frame slot for the
// receiver while the call starts.
ExprPtr makeIfaceCall(ExprPtr recv, std::string name, std::vector<ExprPtr> args,
                      std::vector<const check::Type*> argTypes, int tempSlot, syntax::Pos pos);
// Calls method `name` of the dynamic value `recv` from native code (fmt's String and
// Error); false when the value has no such method. Results go to `results`.
bool callMethod(const AnyValue& recv, const std::string& name, std::span<const AnyValue> args,
                Value* results);
// Array elements: a[i] read (retained when counted), len.
ExprPtr makeArrayIndex(ExprPtr a, ExprPtr i, bool unsignedIndex, bool counted, syntax::Pos pos);
ExprPtr makeArrayLen(ExprPtr a, int64_t length);
// arr[:] as a slice sharing the array object (a pointer to an array works too);
// with `copy`, over a copy of the array (range over an array value).
ExprPtr makeArrayToSlice(ExprPtr a, bool copy, syntax::Pos pos);
// [N]T(s): a copy of the slice's first N elements; a shorter slice panics.
ExprPtr makeSliceToArray(ExprPtr s, int64_t length, const check::Type* elemType, bool counted,
                         bool aggregate, syntax::Pos pos);
// (*[N]T)(s): a pointer to the slice's first N elements (a view, not a copy).
ExprPtr makeSliceToArrayPointer(ExprPtr s, int64_t length, const check::Type* elemType,
                                syntax::Pos pos);

// switch x := v.(type) { case T1, T2: ... }
struct TypeSwitchNode : StmtNode {
  struct Clause {
    std::vector<const check::Type*> types;  // null: `case nil`
    Target bind;                            // kind Blank when there is no binding
    bool unwrap = false;                    // the binding has the case's concrete type
    bool bindCounted = false;
    std::vector<StmtPtr> body;
  };
  StmtPtr init;
  ExprPtr subject;
  int subjectSlot = 0;
  std::vector<Clause> clauses;
  int defaultClause = -1;
  Exec exec(Value* fp) override;
};

}  // namespace gol::eval
