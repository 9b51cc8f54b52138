// sort: Ints, Strings, Float64s (and their IsSorted forms), Slice, SliceStable, Sort,
// Stable, Search, SearchInts, SearchStrings; math/rand: Intn, Int, Int63, Float64, Perm,
// Shuffle, Seed. Comparison callbacks and methods run through the evaluator's hooks.
//
// Go's sort.Slice and sort.Sort are not stable; Gol sorts stably, which is one of the
// orders Go may produce (elements that compare equal may be ordered differently).
#include <algorithm>
#include <cmath>
#include <mutex>
#include <random>
#include <vector>

#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

values::SliceObject* sliceArg(std::span<const AnyValue> a, size_t i) {
  return values::asSlice(a[i].value);
}

template <typename Less>
void sortSlice(values::SliceObject* s, Less less) {
  if (!s) return;
  std::stable_sort(s->base(), s->base() + s->len(), less);
}

void intsN(std::span<const AnyValue> a, Value*) {
  sortSlice(sliceArg(a, 0), [](Value x, Value y) { return x.i < y.i; });
}
void stringsN(std::span<const AnyValue> a, Value*) {
  sortSlice(sliceArg(a, 0),
            [](Value x, Value y) { return values::stringView(x) < values::stringView(y); });
}
bool floatLess(double x, double y) {
  return x < y || (std::isnan(x) && !std::isnan(y));
}
void float64sN(std::span<const AnyValue> a, Value*) {
  sortSlice(sliceArg(a, 0), [](Value x, Value y) { return floatLess(x.f, y.f); });
}

template <typename Less>
bool isSorted(values::SliceObject* s, Less less) {
  for (int64_t i = 1; s && i < s->len(); ++i) {
    if (less(s->base()[i], s->base()[i - 1])) return false;
  }
  return true;
}
void intsAreSortedN(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(isSorted(sliceArg(a, 0), [](Value x, Value y) { return x.i < y.i; }));
}
void stringsAreSortedN(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(isSorted(
      sliceArg(a, 0), [](Value x, Value y) { return values::stringView(x) < values::stringView(y); }));
}

bool callLess(Value fn, int64_t i, int64_t j) {
  Value args[2] = {values::intValue(i), values::intValue(j)};
  Value out[2]{};
  fmt::funcCaller(fn, std::span<const Value>(args, std::size(args)), out);
  return out[0].i != 0;
}

// Sorts the slice x (any slice) by less(i, j) on its current positions: sorts a
// permutation, then applies it.
void sliceByLess(const AnyValue& x, Value less) {
  values::SliceObject* s = values::asSlice(x.value);
  if (!check::asSliceType(x.type))
    panicString("reflect: call of Slice on " + check::typeString(x.type, true) + " Value");
  if (!s || s->len() < 2) return;
  std::vector<int64_t> order(static_cast<size_t>(s->len()));
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int64_t>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t i, int64_t j) { return callLess(less, i, j); });
  std::vector<Value> sorted(order.size());
  for (size_t i = 0; i < order.size(); ++i) sorted[i] = s->base()[order[i]];
  std::copy(sorted.begin(), sorted.end(), s->base());
}

void sliceN(std::span<const AnyValue> a, Value*) {
  sliceByLess(a[0], a[1].value);
}

bool callMethod(const AnyValue& recv, const char* name, std::initializer_list<int64_t> ints,
                Value* out) {
  std::vector<AnyValue> args;
  for (int64_t v : ints)
    args.push_back(AnyValue{check::basicType(check::BasicKind::Int), values::intValue(v)});
  return fmt::methodCaller(recv, name, args, out);
}

// sort.Sort and sort.Stable on a sort.Interface: insertion sort within runs and
// in-place merging by rotations (SymMerge, as Go's Stable), using Less and Swap only.
struct Data {
  AnyValue recv;
  bool less(int64_t i, int64_t j) {
    Value out[2]{};
    callMethod(recv, "Less", {i, j}, out);
    return out[0].i != 0;
  }
  void swap(int64_t i, int64_t j) {
    Value out[2]{};
    callMethod(recv, "Swap", {i, j}, out);
  }
  int64_t len() {
    Value out[2]{};
    callMethod(recv, "Len", {}, out);
    return out[0].i;
  }
  void insertionSort(int64_t a, int64_t b) {
    for (int64_t i = a + 1; i < b; ++i) {
      for (int64_t j = i; j > a && less(j, j - 1); --j) swap(j, j - 1);
    }
  }
  void swapRange(int64_t a, int64_t b, int64_t n) {
    for (int64_t i = 0; i < n; ++i) swap(a + i, b + i);
  }
  void rotate(int64_t a, int64_t m, int64_t b) {
    int64_t i = m - a, j = b - m;
    while (i != j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  }
  void symMerge(int64_t a, int64_t m, int64_t b) {
    if (m - a == 1) {
      int64_t i = m, j = b;
      while (i < j) {
        int64_t h = (i + j) / 2;
        if (less(h, a))
          i = h + 1;
        else
          j = h;
      }
      for (int64_t k = a; k < i - 1; ++k) swap(k, k + 1);
      return;
    }
    if (b - m == 1) {
      int64_t i = a, j = m;
      while (i < j) {
        int64_t h = (i + j) / 2;
        if (!less(m, h))
          i = h + 1;
        else
          j = h;
      }
      for (int64_t k = m; k > i; --k) swap(k, k - 1);
      return;
    }
    int64_t mid = (a + b) / 2, n = mid + m, start, r;
    if (m > mid) {
      start = n - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    int64_t p = n - 1;
    while (start < r) {
      int64_t c = (start + r) / 2;
      if (!less(p - c, c))
        start = c + 1;
      else
        r = c;
    }
    int64_t end = n - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  }
  void stable() {
    int64_t n = len();
    int64_t blockSize = 20;
    int64_t a = 0, b = blockSize;
    while (b <= n) {
      insertionSort(a, b);
      a = b;
      b += blockSize;
    }
    insertionSort(a, n);
    while (blockSize < n) {
      a = 0;
      b = 2 * blockSize;
      while (b <= n) {
        symMerge(a, a + blockSize, b);
        a = b;
        b += 2 * blockSize;
      }
      if (int64_t m = a + blockSize; m < n) symMerge(a, m, n);
      blockSize *= 2;
    }
  }
};

AnyValue dynamic(const AnyValue& v) {
  if (check::asInterface(v.type)) {
    values::IfaceObject* i = values::asIface(v.value);
    if (!i) nilPanic();
    return AnyValue{i->type, i->value};
  }
  return v;
}

void sortN(std::span<const AnyValue> a, Value*) {
  Data d{dynamic(a[0])};
  d.stable();
}

void searchN(std::span<const AnyValue> a, Value* r) {
  int64_t i = 0, j = a[0].value.i;
  while (i < j) {
    int64_t h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
    Value args[1] = {values::intValue(h)};
    Value out[2]{};
    fmt::funcCaller(a[1].value, std::span<const Value>(args, std::size(args)), out);
    if (!out[0].i)
      i = h + 1;
    else
      j = h;
  }
  r[0] = intResult(i);
}

void searchIntsN(std::span<const AnyValue> a, Value* r) {
  values::SliceObject* s = sliceArg(a, 0);
  int64_t n = s ? s->len() : 0;
  int64_t x = a[1].value.i;
  r[0] = intResult(std::lower_bound(s ? s->base() : nullptr, s ? s->base() + n : nullptr, x,
                                    [](Value v, int64_t want) { return v.i < want; }) -
                   (s ? s->base() : nullptr));
}

void searchStringsN(std::span<const AnyValue> a, Value* r) {
  values::SliceObject* s = sliceArg(a, 0);
  int64_t n = s ? s->len() : 0;
  std::string_view x = values::stringView(a[1].value);
  r[0] = intResult(
      std::lower_bound(s ? s->base() : nullptr, s ? s->base() + n : nullptr, x,
                       [](Value v, std::string_view want) { return values::stringView(v) < want; }) -
      (s ? s->base() : nullptr));
}

// ---- math/rand ----------------------------------------------------------------------

std::mutex randMu;
std::mt19937_64& randSource() {
  static std::mt19937_64 source{std::random_device{}()};
  return source;
}

uint64_t random63() {
  std::lock_guard<std::mutex> lock(randMu);
  return randSource()() >> 1;
}

void intnN(std::span<const AnyValue> a, Value* r) {
  int64_t n = a[0].value.i;
  if (n <= 0) panicString("invalid argument to Intn");
  r[0] = intResult(static_cast<int64_t>(random63() % static_cast<uint64_t>(n)));
}
void int63nN(std::span<const AnyValue> a, Value* r) {
  int64_t n = a[0].value.i;
  if (n <= 0) panicString("invalid argument to Int63n");
  r[0] = intResult(static_cast<int64_t>(random63() % static_cast<uint64_t>(n)));
}
void intN(std::span<const AnyValue>, Value* r) {
  r[0] = intResult(static_cast<int64_t>(random63()));
}
void float64N(std::span<const AnyValue>, Value* r) {
  r[0] =
      floatResult(static_cast<double>(random63() >> 10) / static_cast<double>(uint64_t{1} << 53));
}
void seedN(std::span<const AnyValue> a, Value*) {
  std::lock_guard<std::mutex> lock(randMu);
  randSource().seed(static_cast<uint64_t>(a[0].value.i));
}
void permN(std::span<const AnyValue> a, Value* r) {
  int64_t n = a[0].value.i;
  if (n < 0) panicString("invalid argument to Perm");
  values::SliceObject* s = values::makeSlice(n, n, false);
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = static_cast<int64_t>(random63() % static_cast<uint64_t>(i + 1));
    s->base()[i] = s->base()[j];
    s->base()[j] = values::intValue(i);
  }
  r[0] = Value{.p = s};
}
void shuffleN(std::span<const AnyValue> a, Value*) {
  int64_t n = a[0].value.i;
  if (n < 0) panicString("invalid argument to Shuffle");
  for (int64_t i = n - 1; i > 0; --i) {
    int64_t j = static_cast<int64_t>(random63() % static_cast<uint64_t>(i + 1));
    Value args[2] = {values::intValue(i), values::intValue(j)};
    Value out[2]{};
    fmt::funcCaller(a[1].value, std::span<const Value>(args, std::size(args)), out);
  }
}

}  // namespace

void registerSort(Packages& p) {
  using check::BasicKind;
  const check::Type* i = check::basicType(BasicKind::Int);
  const check::Type* b = check::basicType(BasicKind::Bool);
  const check::Type* str = check::basicType(BasicKind::String);
  const check::Type* ints = check::sliceOf(i);
  const check::Type* strs = check::sliceOf(str);
  const check::Type* floats = check::sliceOf(check::basicType(BasicKind::Float64));
  check::Package& pkg = p.package("sort", "sort");
  p.addFunction(pkg, "Ints", p.signature({ints}, {}), intsN);
  p.addFunction(pkg, "Strings", p.signature({strs}, {}), stringsN);
  p.addFunction(pkg, "Float64s", p.signature({floats}, {}), float64sN);
  p.addFunction(pkg, "IntsAreSorted", p.signature({ints}, {b}), intsAreSortedN);
  p.addFunction(pkg, "StringsAreSorted", p.signature({strs}, {b}), stringsAreSortedN);
  const check::Type* less = p.signature({i, i}, {b});
  p.addFunction(pkg, "Slice", p.signature({check::anyType(), less}, {}), sliceN);
  p.addFunction(pkg, "SliceStable", p.signature({check::anyType(), less}, {}), sliceN);
  // sort.Interface
  auto* iface = new check::Interface;
  auto method = [&](const char* name, const check::Signature* sig) {
    check::Method m;
    m.name = name;
    m.sig = sig;
    iface->methods.push_back(m);
  };
  method("Len", p.signature({}, {i}));
  method("Less", p.signature({i, i}, {b}));
  method("Swap", p.signature({i, i}, {}));
  auto* named = new check::Named;
  named->name = "Interface";
  named->pkg = "sort";
  named->underlying = iface;
  p.addType(pkg, "Interface", named);
  p.addFunction(pkg, "Sort", p.signature({named}, {}), sortN);
  p.addFunction(pkg, "Stable", p.signature({named}, {}), sortN);
  p.addFunction(pkg, "Search", p.signature({i, p.signature({i}, {b})}, {i}), searchN);
  p.addFunction(pkg, "SearchInts", p.signature({ints, i}, {i}), searchIntsN);
  p.addFunction(pkg, "SearchStrings", p.signature({strs, str}, {i}), searchStringsN);

  const check::Type* i64 = check::basicType(BasicKind::Int64);
  check::Package& rand = p.package("math/rand", "rand");
  p.addFunction(rand, "Intn", p.signature({i}, {i}), intnN);
  p.addFunction(rand, "Int63n", p.signature({i64}, {i64}), int63nN);
  p.addFunction(rand, "Int", p.signature({}, {i}), intN);
  p.addFunction(rand, "Int63", p.signature({}, {i64}), intN);
  p.addFunction(rand, "Float64", p.signature({}, {check::basicType(BasicKind::Float64)}), float64N);
  p.addFunction(rand, "Seed", p.signature({i64}, {}), seedN);
  p.addFunction(rand, "Perm", p.signature({i}, {ints}), permN);
  p.addFunction(rand, "Shuffle", p.signature({i, p.signature({i, i}, {})}, {}), shuffleN);
}

}  // namespace gol::stdlib
