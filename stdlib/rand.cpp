// math/rand: the top-level functions (Intn, Int31n, Int63n, Int, Int31, Int63, Uint32,
// Uint64, Float32, Float64, ExpFloat64, NormFloat64, Read, Seed, Perm, Shuffle) over one
// source for the process (a mutex guards it); no Rand or Source types. Shuffle's swap runs through
// the evaluator's hook.
#include <mutex>
#include <random>
#include <tuple>

#include "stdlib/bind.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

// Perm's []int result: a new slice the caller owns.
struct IntSlice {
  values::SliceObject* s = nullptr;
};

// Shuffle's swap func(i, j int), borrowed for the call.
struct SwapFunc {
  Value fn;
  void operator()(int64_t i, int64_t j) const {
    Value args[2] = {values::intValue(i), values::intValue(j)};
    Value out[2]{};
    fmt::funcCaller(fn, std::span<const Value>(args, std::size(args)), out);
  }
};

}  // namespace

template <>
struct GoType<IntSlice> {
  static const check::Type* type() {
    return check::sliceOf(check::basicType(check::BasicKind::Int));
  }
  static Value result(IntSlice x) { return Value{.p = x.s}; }
};

template <>
struct GoType<SwapFunc> {
  static const check::Type* type() {
    static const check::Signature* sig = nativeSignature(
        {check::basicType(check::BasicKind::Int), check::basicType(check::BasicKind::Int)}, {});
    return sig;
  }
  static SwapFunc arg(const AnyValue& a) { return {a.value}; }
};

namespace {

std::mutex randMu;
std::mt19937_64& randSource() {
  static std::mt19937_64 source{std::random_device{}()};
  return source;
}

uint64_t random64() {
  std::lock_guard<std::mutex> lock(randMu);
  return randSource()();
}
uint64_t random63() {
  return random64() >> 1;
}

int64_t intn(int64_t n) {
  if (n <= 0) panicString("invalid argument to Intn");
  return static_cast<int64_t>(random63() % static_cast<uint64_t>(n));
}
Int64 int63n(Int64 n) {
  if (n.v <= 0) panicString("invalid argument to Int63n");
  return {static_cast<int64_t>(random63() % static_cast<uint64_t>(n.v))};
}
int32_t int31n(int32_t n) {
  if (n <= 0) panicString("invalid argument to Int31n");
  return static_cast<int32_t>(random63() % static_cast<uint64_t>(n));
}
// Int (`int` is a C++ keyword).
int64_t randInt() {
  return static_cast<int64_t>(random63());
}
Int64 int63() {
  return {static_cast<int64_t>(random63())};
}
int32_t int31() {
  return static_cast<int32_t>(random63() >> 32);
}
uint32_t uint32() {
  return static_cast<uint32_t>(random63() >> 31);
}
uint64_t uint64() {
  return random64();
}
double float64() {
  return static_cast<double>(random63() >> 10) / static_cast<double>(uint64_t{1} << 53);
}
// As Go's: a float64 that rounds to 1 as a float32 is drawn again.
float float32() {
  for (;;) {
    auto f = static_cast<float>(float64());
    if (f != 1) return f;
  }
}
// The distributions Go documents (rate 1; mean 0, deviation 1), drawn from the source.
double expFloat64() {
  std::exponential_distribution<double> d(1.0);
  std::lock_guard<std::mutex> lock(randMu);
  return d(randSource());
}
double normFloat64() {
  std::normal_distribution<double> d(0.0, 1.0);
  std::lock_guard<std::mutex> lock(randMu);
  return d(randSource());
}
// Read fills p with random bytes; it never fails.
std::tuple<int64_t, GoError> read(Bytes p) {
  values::SliceObject* s = values::asSlice(p.slice);
  int64_t n = s ? s->len() : 0;
  for (int64_t i = 0; i < n; i += 8) {
    uint64_t r = random64();
    for (int64_t k = i; k < n && k < i + 8; ++k, r >>= 8) s->base()[k].u = r & 0xFF;
  }
  return {n, {}};
}
void seed(Int64 value) {
  std::lock_guard<std::mutex> lock(randMu);
  randSource().seed(static_cast<uint64_t>(value.v));
}
IntSlice perm(int64_t n) {
  if (n < 0) panicString("invalid argument to Perm");
  values::SliceObject* s = values::makeSlice(n, n, false);
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = static_cast<int64_t>(random63() % static_cast<uint64_t>(i + 1));
    s->base()[i] = s->base()[j];
    s->base()[j] = values::intValue(i);
  }
  return {s};
}
void shuffle(int64_t n, SwapFunc swap) {
  if (n < 0) panicString("invalid argument to Shuffle");
  for (int64_t i = n - 1; i > 0; --i) {
    int64_t j = static_cast<int64_t>(random63() % static_cast<uint64_t>(i + 1));
    swap(i, j);
  }
}

}  // namespace

void registerRand(Packages& p) {
  check::Package& pkg = p.package("math/rand", "rand");
  bind<&intn>(p, pkg, "Intn");
  bind<&int31n>(p, pkg, "Int31n");
  bind<&int63n>(p, pkg, "Int63n");
  bind<&randInt>(p, pkg, "Int");
  bind<&int31>(p, pkg, "Int31");
  bind<&int63>(p, pkg, "Int63");
  bind<&uint32>(p, pkg, "Uint32");
  bind<&uint64>(p, pkg, "Uint64");
  bind<&float32>(p, pkg, "Float32");
  bind<&float64>(p, pkg, "Float64");
  bind<&expFloat64>(p, pkg, "ExpFloat64");
  bind<&normFloat64>(p, pkg, "NormFloat64");
  bind<&read>(p, pkg, "Read");
  bind<&seed>(p, pkg, "Seed");
  bind<&perm>(p, pkg, "Perm");
  bind<&shuffle>(p, pkg, "Shuffle");
}

}  // namespace gol::stdlib
