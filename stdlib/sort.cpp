// sort: Ints, Strings, Float64s (and their IsSorted forms), Slice, SliceStable, Sort,
// Stable, Search, SearchInts, SearchStrings. Comparison callbacks and methods run through
// the evaluator's hooks.
//
// Go's sort.Slice and sort.Sort are not stable; Gol sorts stably, which is one of the
// orders Go may produce (elements that compare equal may be ordered differently).
#include <algorithm>
#include <cmath>
#include <vector>

#include "stdlib/bind.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using values::AnyValue;
using values::Value;

// A []T argument as its slice object (null for a nil slice): Ints and the others sort it in
// place.
template <typename Elem>
struct SliceOf {
  values::SliceObject* s = nullptr;
};

// less func(i, j int) bool of Slice and SliceStable, borrowed for the call.
struct LessFunc {
  Value fn;
  bool operator()(int64_t i, int64_t j) const {
    Value args[2] = {values::intValue(i), values::intValue(j)};
    Value out[2]{};
    fmt::funcCaller(fn, std::span<const Value>(args, std::size(args)), out);
    return out[0].i != 0;
  }
};

// Search's f func(int) bool, borrowed for the call.
struct SearchFunc {
  Value fn;
  bool operator()(int64_t i) const {
    Value args[1] = {values::intValue(i)};
    Value out[2]{};
    fmt::funcCaller(fn, std::span<const Value>(args, std::size(args)), out);
    return out[0].i != 0;
  }
};

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

// sort.Interface; it lives as long as the process.
const check::Named* interfaceType() {
  static check::Named* t = [] {
    const check::Type* i = check::basicType(check::BasicKind::Int);
    const check::Type* b = check::basicType(check::BasicKind::Bool);
    auto* iface = new check::Interface;
    iface->methods.push_back(check::Method{"Len", nativeSignature({}, {i})});
    iface->methods.push_back(check::Method{"Less", nativeSignature({i, i}, {b})});
    iface->methods.push_back(check::Method{"Swap", nativeSignature({i, i}, {})});
    return nativeNamed("sort", "Interface", iface);
  }();
  return t;
}

AnyValue dynamic(const AnyValue& v) {
  if (check::asInterface(v.type)) {
    values::IfaceObject* i = values::asIface(v.value);
    if (!i) nilPanic();
    return AnyValue{i->type, i->value};
  }
  return v;
}

}  // namespace

template <typename Elem>
struct GoType<SliceOf<Elem>> {
  static const check::Type* type() { return check::sliceOf(GoType<Elem>::type()); }
  static SliceOf<Elem> arg(const AnyValue& a) { return {values::asSlice(a.value)}; }
};

template <>
struct GoType<LessFunc> {
  static const check::Type* type() {
    static const check::Signature* sig = nativeSignature(
        {check::basicType(check::BasicKind::Int), check::basicType(check::BasicKind::Int)},
        {check::basicType(check::BasicKind::Bool)});
    return sig;
  }
  static LessFunc arg(const AnyValue& a) { return {a.value}; }
};

template <>
struct GoType<SearchFunc> {
  static const check::Type* type() {
    static const check::Signature* sig = nativeSignature(
        {check::basicType(check::BasicKind::Int)}, {check::basicType(check::BasicKind::Bool)});
    return sig;
  }
  static SearchFunc arg(const AnyValue& a) { return {a.value}; }
};

// A sort.Interface argument: its dynamic value (a nil interface panics).
template <>
struct GoType<Data> {
  static const check::Type* type() { return interfaceType(); }
  static Data arg(const AnyValue& a) { return {dynamic(a)}; }
};

namespace {

template <typename Less>
void sortSlice(values::SliceObject* s, Less less) {
  if (!s) return;
  std::stable_sort(s->base(), s->base() + s->len(), less);
}

// Lambdas rather than functions, so that the sorts inline them.
constexpr auto intLess = [](Value x, Value y) { return x.i < y.i; };
constexpr auto stringLess = [](Value x, Value y) {
  return values::stringView(x) < values::stringView(y);
};
constexpr auto floatLess = [](Value x, Value y) {
  return x.f < y.f || (std::isnan(x.f) && !std::isnan(y.f));
};

void ints(SliceOf<int64_t> x) {
  sortSlice(x.s, intLess);
}
void strings(SliceOf<std::string_view> x) {
  sortSlice(x.s, stringLess);
}
void float64s(SliceOf<double> x) {
  sortSlice(x.s, floatLess);
}

template <typename Less>
bool isSorted(values::SliceObject* s, Less less) {
  for (int64_t i = 1; s && i < s->len(); ++i) {
    if (less(s->base()[i], s->base()[i - 1])) return false;
  }
  return true;
}
bool intsAreSorted(SliceOf<int64_t> x) {
  return isSorted(x.s, intLess);
}
bool stringsAreSorted(SliceOf<std::string_view> x) {
  return isSorted(x.s, stringLess);
}

// Sorts the slice x (any slice) by less(i, j) on its current positions: sorts a
// permutation, then applies it. Slice and SliceStable both: Gol's Slice is stable.
void sliceStable(AnyValue x, LessFunc less) {
  values::SliceObject* s = values::asSlice(x.value);
  if (!check::asSliceType(x.type))
    panicString("reflect: call of Slice on " + check::typeString(x.type, true) + " Value");
  if (!s || s->len() < 2) return;
  std::vector<int64_t> order(static_cast<size_t>(s->len()));
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int64_t>(i);
  std::stable_sort(order.begin(), order.end(), less);
  std::vector<Value> sorted(order.size());
  for (size_t i = 0; i < order.size(); ++i) sorted[i] = s->base()[order[i]];
  std::copy(sorted.begin(), sorted.end(), s->base());
}

// Sort and Stable both: Gol's Sort is stable.
void stable(Data data) {
  data.stable();
}

int64_t search(int64_t n, SearchFunc f) {
  int64_t i = 0, j = n;
  while (i < j) {
    int64_t h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
    if (!f(h))
      i = h + 1;
    else
      j = h;
  }
  return i;
}

int64_t searchInts(SliceOf<int64_t> a, int64_t x) {
  values::SliceObject* s = a.s;
  int64_t n = s ? s->len() : 0;
  return std::lower_bound(s ? s->base() : nullptr, s ? s->base() + n : nullptr, x,
                          [](Value v, int64_t want) { return v.i < want; }) -
         (s ? s->base() : nullptr);
}

int64_t searchStrings(SliceOf<std::string_view> a, std::string_view x) {
  values::SliceObject* s = a.s;
  int64_t n = s ? s->len() : 0;
  return std::lower_bound(
             s ? s->base() : nullptr, s ? s->base() + n : nullptr, x,
             [](Value v, std::string_view want) { return values::stringView(v) < want; }) -
         (s ? s->base() : nullptr);
}

}  // namespace

void registerSort(Packages& p) {
  check::Package& pkg = p.package("sort", "sort");
  bind<&ints>(p, pkg, "Ints");
  bind<&strings>(p, pkg, "Strings");
  bind<&float64s>(p, pkg, "Float64s");
  bind<&intsAreSorted>(p, pkg, "IntsAreSorted");
  bind<&stringsAreSorted>(p, pkg, "StringsAreSorted");
  bind<&sliceStable>(p, pkg, "Slice");
  bind<&sliceStable>(p, pkg, "SliceStable");
  p.addType(pkg, "Interface", interfaceType());
  bind<&stable>(p, pkg, "Sort");
  bind<&stable>(p, pkg, "Stable");
  bind<&search>(p, pkg, "Search");
  bind<&searchInts>(p, pkg, "SearchInts");
  bind<&searchStrings>(p, pkg, "SearchStrings");
}

}  // namespace gol::stdlib
