// Typed native bindings: bind<&f>(p, pkg, "Name") makes f the package member Name, with
// the Go signature derived from f's C++ signature and a NativeFunction that unpacks the
// arguments and packs the results, so a member's signature cannot drift from the code
// that implements it. bindMethod<&f>(named, "Name") does the same for a method of a
// native named type (f's first parameter is the receiver).
//
// Each C++ parameter and result type stands for one Go type through GoType<T>:
//
//   bool, int64_t (int), Int64 (int64), int8_t .. int32_t (int32 is rune), uint8_t (byte)
//   .. uint64_t, Uint (uint), Uintptr, double (float64), float (float32), values::Complex
//   (complex128),
//   std::string_view (string; std::string as a result too),
//   std::vector<std::string_view> ([]string; std::vector<std::string> as a result too),
//   Bytes ([]byte), OwnedString (a string result that is already a reference),
//   values::AnyValue (any: the argument with its dynamic type), GoError (error),
//   IfaceOf<&namedInterfaceType> (a native interface type: io.Reader, fs.FileInfo),
//   Variadic<T> as the last parameter (...T).
//
// A package specialises GoType for types of its own (time.Duration). A result of type
// std::tuple<A, B, ...> gives the results (A, B, ...). Arguments are borrowed for the
// call: a std::string_view into a Gol string stays valid until f returns. Results are owned
// by the caller, as the calling convention (values/native.h) says.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "interpreter/check/types.h"
#include "interpreter/values/complex.h"
#include "interpreter/values/native.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

// Go's int64 (int64_t stands for Go's int), uint and uintptr (uint64_t stands for uint64).
struct Int64 {
  int64_t v = 0;
};
struct Uint {
  uint64_t v = 0;
};
struct Uintptr {
  uint64_t v = 0;
};

// An `error` result: an interface value owned by whoever holds it, or nil.
struct GoError {
  values::Value value{};
};

// A []byte: borrowed as an argument, owned as a result.
struct Bytes {
  values::Value slice{};
};

// A new []byte holding s.
inline Bytes newBytes(std::string_view s) {
  values::SliceObject* b =
      values::makeSlice(static_cast<int64_t>(s.size()), static_cast<int64_t>(s.size()), false);
  for (size_t k = 0; k < s.size(); ++k) b->base()[k].u = static_cast<unsigned char>(s[k]);
  return {values::Value{.p = b}};
}

// The bytes b holds.
inline std::string bytesText(Bytes b) {
  std::string out;
  values::SliceObject* s = values::asSlice(b.slice);
  for (int64_t k = 0; s && k < s->len(); ++k) out += static_cast<char>(s->base()[k].u);
  return out;
}

// A string result that already is a reference the caller owns.
struct OwnedString {
  values::Value v{};
};

// The arguments of a variadic parameter ...T, borrowed for the call.
template <typename T>
class Variadic {
 public:
  explicit Variadic(std::span<const values::AnyValue> args) : args_(args) {}
  size_t size() const { return args_.size(); }
  bool empty() const { return args_.empty(); }
  T operator[](size_t i) const;
  // The arguments as they came: for ...any, each with its dynamic type.
  std::span<const values::AnyValue> raw() const { return args_; }

 private:
  std::span<const values::AnyValue> args_;
};

template <typename T>
struct GoType;  // a C++ type without a specialisation has no Go counterpart: a compile error

template <typename T>
requires(std::is_arithmetic_v<T>) struct GoType<T> {
  static const check::Type* type() {
    using check::BasicKind;
    if constexpr (std::is_same_v<T, bool>)
      return check::basicType(BasicKind::Bool);
    else if constexpr (std::is_same_v<T, double>)
      return check::basicType(BasicKind::Float64);
    else if constexpr (std::is_same_v<T, float>)
      return check::basicType(BasicKind::Float32);
    else if constexpr (std::is_same_v<T, int64_t>)
      return check::basicType(BasicKind::Int);
    else if constexpr (std::is_same_v<T, int32_t>)
      return check::basicType(BasicKind::Int32);
    else if constexpr (std::is_same_v<T, int16_t>)
      return check::basicType(BasicKind::Int16);
    else if constexpr (std::is_same_v<T, int8_t>)
      return check::basicType(BasicKind::Int8);
    else if constexpr (std::is_same_v<T, uint64_t>)
      return check::basicType(BasicKind::Uint64);
    else if constexpr (std::is_same_v<T, uint32_t>)
      return check::basicType(BasicKind::Uint32);
    else if constexpr (std::is_same_v<T, uint16_t>)
      return check::basicType(BasicKind::Uint16);
    else if constexpr (std::is_same_v<T, uint8_t>)
      return check::basicType(BasicKind::Uint8);
    else
      static_assert(sizeof(T) == 0, "no Go type for this arithmetic type");
  }
  static T arg(const values::AnyValue& a) {
    if constexpr (std::is_same_v<T, bool>)
      return a.value.i != 0;
    else if constexpr (std::is_floating_point_v<T>)
      return static_cast<T>(a.value.f);
    else if constexpr (std::is_signed_v<T>)
      return static_cast<T>(a.value.i);
    else
      return static_cast<T>(a.value.u);
  }
  static values::Value result(T x) {
    values::Value v;
    if constexpr (std::is_same_v<T, bool>)
      v.i = x ? 1 : 0;
    else if constexpr (std::is_floating_point_v<T>)
      v.f = static_cast<double>(x);
    else if constexpr (std::is_signed_v<T>)
      v.i = static_cast<int64_t>(x);
    else
      v.u = static_cast<uint64_t>(x);
    return v;
  }
};

// complex128 (values/complex.h): the argument's parts are read, the result is a new
// reference the caller owns.
template <>
struct GoType<values::Complex> {
  static const check::Type* type() { return check::basicType(check::BasicKind::Complex128); }
  static values::Complex arg(const values::AnyValue& a) { return values::complex128Of(a.value); }
  static values::Value result(values::Complex x) { return values::complex128Value(x); }
};

template <>
struct GoType<Int64> {
  static const check::Type* type() { return check::basicType(check::BasicKind::Int64); }
  static Int64 arg(const values::AnyValue& a) { return {a.value.i}; }
  static values::Value result(Int64 x) { return values::Value{.i = x.v}; }
};

template <>
struct GoType<Uint> {
  static const check::Type* type() { return check::basicType(check::BasicKind::Uint); }
  static Uint arg(const values::AnyValue& a) { return {a.value.u}; }
  static values::Value result(Uint x) { return values::Value{.u = x.v}; }
};

template <>
struct GoType<Uintptr> {
  static const check::Type* type() { return check::basicType(check::BasicKind::Uintptr); }
  static Uintptr arg(const values::AnyValue& a) { return {a.value.u}; }
  static values::Value result(Uintptr x) { return values::Value{.u = x.v}; }
};

template <>
struct GoType<std::string_view> {
  static const check::Type* type() { return check::basicType(check::BasicKind::String); }
  static std::string_view arg(const values::AnyValue& a) { return values::stringView(a.value); }
  static values::Value result(std::string_view s) { return stringResult(s); }
};

template <>
struct GoType<std::string> {
  static const check::Type* type() { return check::basicType(check::BasicKind::String); }
  static values::Value result(const std::string& s) { return stringResult(s); }
};

template <typename S>
requires(std::is_same_v<S, std::string_view> ||
         std::is_same_v<S, std::string>) struct GoType<std::vector<S>> {
  static const check::Type* type() {
    return check::sliceOf(check::basicType(check::BasicKind::String));
  }
  static std::vector<std::string_view> arg(const values::AnyValue& a) {
    std::vector<std::string_view> parts;
    if (values::SliceObject* s = values::asSlice(a.value)) {
      parts.reserve(static_cast<size_t>(s->len()));
      for (int64_t i = 0; i < s->len(); ++i) parts.push_back(values::stringView(s->base()[i]));
    }
    return parts;
  }
  static values::Value result(const std::vector<S>& parts) {
    auto n = static_cast<int64_t>(parts.size());
    values::SliceObject* out = values::makeSlice(n, n, true);
    for (int64_t i = 0; i < n; ++i) out->base()[i] = stringResult(parts[static_cast<size_t>(i)]);
    return values::Value{.p = out};
  }
};

template <>
struct GoType<Bytes> {
  static const check::Type* type() {
    return check::sliceOf(check::basicType(check::BasicKind::Uint8));
  }
  static Bytes arg(const values::AnyValue& a) { return {a.value}; }
  static values::Value result(Bytes b) { return b.slice; }
};

template <>
struct GoType<OwnedString> {
  static const check::Type* type() { return check::basicType(check::BasicKind::String); }
  static values::Value result(OwnedString s) { return s.v; }
};

template <>
struct GoType<values::AnyValue> {
  static const check::Type* type() { return check::anyType(); }
  static values::AnyValue arg(const values::AnyValue& a) { return a; }
};

template <>
struct GoType<GoError> {
  static const check::Type* type() { return check::errorType(); }
  static values::Value result(GoError e) { return e.value; }
};

// A value of the native interface type T() (io.Reader, fs.FileInfo): an interface value,
// borrowed as an argument, owned as a result.
template <const check::Named* (*T)()>
struct IfaceOf {
  values::Value v{};
};

template <const check::Named* (*T)()>
struct GoType<IfaceOf<T>> {
  static const check::Type* type() { return T(); }
  static IfaceOf<T> arg(const values::AnyValue& a) { return {a.value}; }
  static values::Value result(IfaceOf<T> x) { return x.v; }
};

template <typename T>
T Variadic<T>::operator[](size_t i) const {
  return GoType<T>::arg(args_[i]);
}

namespace bind_detail {

template <typename T>
struct IsVariadic : std::false_type {};
template <typename T>
struct IsVariadic<Variadic<T>> : std::true_type {
  using Elem = T;
};

template <typename T>
struct IsTuple : std::false_type {};
template <typename... Ts>
struct IsTuple<std::tuple<Ts...>> : std::true_type {};

template <typename T>
using Plain = std::remove_cvref_t<T>;

template <typename F>
struct Function;
template <typename R, typename... Args>
struct Function<R (*)(Args...)> {
  using Result = R;
  using Params = std::tuple<Plain<Args>...>;
  static constexpr size_t arity = sizeof...(Args);
};

// The Go type of one parameter (for ...T, T: the signature says it is variadic).
template <typename P>
const check::Type* paramType() {
  if constexpr (IsVariadic<P>::value) {
    return GoType<typename IsVariadic<P>::Elem>::type();
  } else {
    return GoType<P>::type();
  }
}

template <typename R>
std::vector<const check::Type*> resultTypes() {
  if constexpr (std::is_void_v<R>) {
    return {};
  } else if constexpr (IsTuple<R>::value) {
    return []<typename... Ts>(std::tuple<Ts...>*) {
      return std::vector<const check::Type*>{GoType<Plain<Ts>>::type()...};
    }(static_cast<R*>(nullptr));
  } else {
    return {GoType<Plain<R>>::type()};
  }
}

template <typename Params, size_t First, size_t... I>
std::vector<const check::Type*> paramTypes(std::index_sequence<I...>) {
  return {paramType<std::tuple_element_t<First + I, Params>>()...};
}

// The signature of F, without its first parameter for a method (the receiver, whose type
// may be the named type being built).
template <auto F, bool Method>
check::Signature* signatureOf() {
  using Fn = Function<decltype(F)>;
  using Params = typename Fn::Params;
  constexpr size_t first = Method ? 1 : 0;
  auto* sig = new check::Signature;  // lives as long as the process, as the package does
  sig->params = paramTypes<Params, first>(std::make_index_sequence<Fn::arity - first>());
  sig->results = resultTypes<typename Fn::Result>();
  if constexpr (Fn::arity > 0) {
    sig->variadic = IsVariadic<std::tuple_element_t<Fn::arity - 1, Params>>::value;
  }
  return sig;
}

template <typename P>
P unpack(std::span<const values::AnyValue> args, size_t i) {
  if constexpr (IsVariadic<P>::value) {
    return P(args.subspan(i));
  } else {
    return GoType<P>::arg(args[i]);
  }
}

template <typename R>
void pack(R&& r, values::Value* out) {
  if constexpr (IsTuple<Plain<R>>::value) {
    std::apply(
        [out](auto&&... xs) {
          size_t k = 0;
          ((out[k++] = GoType<Plain<decltype(xs)>>::result(xs)), ...);
        },
        r);
  } else {
    out[0] = GoType<Plain<R>>::result(r);
  }
}

template <auto F, size_t... I>
void call(std::span<const values::AnyValue> args, values::Value* out, std::index_sequence<I...>) {
  using Fn = Function<decltype(F)>;
  using Params = typename Fn::Params;
  if constexpr (std::is_void_v<typename Fn::Result>) {
    F(unpack<std::tuple_element_t<I, Params>>(args, I)...);
  } else {
    pack(F(unpack<std::tuple_element_t<I, Params>>(args, I)...), out);
  }
}

// The NativeFunction that calls F.
template <auto F>
void native(std::span<const values::AnyValue> args, values::Value* out) {
  call<F>(args, out, std::make_index_sequence<Function<decltype(F)>::arity>());
}

}  // namespace bind_detail

// Declares F as the function member `name` of pkg; returns its NativeFunction (for
// declareRunsNoGolCode, declareFastPath).
template <auto F>
values::NativeFunction bind(Packages& p, check::Package& pkg, const std::string& name) {
  values::NativeFunction fn = &bind_detail::native<F>;
  p.addFunction(pkg, name, bind_detail::signatureOf<F, false>(), fn);
  return fn;
}

// Declares F as method `name` of the native named type n; F's first parameter is the
// receiver (args[0]).
template <auto F>
values::NativeFunction bindMethod(check::Named* n, const char* name, bool pointerRecv = true) {
  values::NativeFunction fn = &bind_detail::native<F>;
  addNativeMethod(n, name, bind_detail::signatureOf<F, true>(), fn, pointerRecv);
  return fn;
}

}  // namespace gol::stdlib
