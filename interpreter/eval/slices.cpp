#include "interpreter/eval/slices.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "interpreter/syntax/literals.h"

namespace gol::eval {

namespace {

// runtime/sizeclasses.go: the allocator's size classes up to 32 KiB.
constexpr uint32_t kSizeClasses[] = {
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,  160,   176,
    192,   208,   224,   240,   256,   288,   320,   352,   384,   416,   448,   480,  512,   576,
    640,   704,   768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304, 2688,  3072,
    3200,  3456,  4096,  4864,  5376,  6144,  6528,  6784,  6912,  8192,  9472,  9728, 10240, 10880,
    12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

// runtime.roundupsize (Go 1.22, with malloc headers for pointerful objects > 512 B).
uint64_t roundUpSize(uint64_t size, bool noscan) {
  constexpr uint64_t kMaxSmall = 32768, kHeader = 8, kPage = 8192;
  uint64_t req = size;
  if (req <= kMaxSmall - kHeader) {
    if (!noscan && req > 512) req += kHeader;
    for (uint32_t c : kSizeClasses) {
      if (c >= req) return c - (req - size);
    }
  }
  req += kPage - 1;
  if (req < size) return size;
  return req & ~(kPage - 1);
}

Value sliceValue(SliceObject* s) {
  Value v;
  v.p = s;
  return v;
}

// A new slice; struct or array elements (aggElem) are zero objects from `from` on.
SliceObject* newSlice(int64_t len, int64_t cap, bool counted, const check::Type* aggElem = nullptr,
                      int64_t from = 0) {
  SliceObject* s = makeSlice(len, cap, counted || aggElem);
  if (aggElem) {
    s->array()->setElemType(aggElem);
    for (int64_t i = from; i < cap; ++i) s->base()[i] = zeroValue(aggElem);
  }
  return s;
}

struct SliceLiteralNode : ExprNode {
  std::vector<ExprPtr> elems;
  bool counted = false;
  const check::Type* aggElem = nullptr;
  Value eval(Value* fp) override {
    auto n = static_cast<int64_t>(elems.size());
    SliceObject* s = newSlice(n, n, counted);
    if (aggElem) s->array()->setElemType(aggElem);
    for (int64_t i = 0; i < n; ++i) {
      Value v = elems[static_cast<size_t>(i)]->eval(fp);
      s->base()[i] = aggElem ? ownAggregate(v) : v;
    }
    return sliceValue(s);
  }
};

template <bool Counted, bool UnsignedIndex>
struct SliceIndexNode : ExprNode {
  ExprPtr s, i;
  bool borrowed = false;  // s reads a frame slot without a reference (borrowedForm)
  Value eval(Value* fp) override {
    Value sv = s->eval(fp);
    Value iv = i->eval(fp);
    Value* cell = sliceCell(sv, iv, UnsignedIndex, pos, !borrowed);
    Value v = Counted ? loadRef(cell) : *cell;
    if (!borrowed) releaseRef(sv);
    return v;
  }
};

// s[i] for a local slice s (a frame slot, read without a reference) and an index read
// as I says (ops.h), without a virtual call for either.
template <bool Counted, bool UnsignedIndex, typename I>
struct LocalSliceIndexNode : ExprNode {
  int slot;
  I i;
  LocalSliceIndexNode(int s, I index) : slot(s), i(std::move(index)) {}
  Value eval(Value* fp) override {
    Value iv = i.get(fp);
    Value* cell = sliceCell(fp[slot], iv, UnsignedIndex, pos, false);
    return Counted ? loadRef(cell) : *cell;
  }
  bool localSliceElem(int* seqSlot, int* indexSlot, bool* isUnsigned) const override {
    if constexpr (Counted || !std::is_same_v<I, FromSlot>) {
      return false;
    } else {
      *seqSlot = slot;
      *indexSlot = i.slot;
      *isUnsigned = UnsignedIndex;
      return true;
    }
  }
};

// A copy of the element in `cell` for a new cell: retained, or cloned for aggregates
// (holding a reference while cloning, as a racing append may replace it).
inline Value copyElem(const Value* cell, bool counted, const check::Type* aggElem) {
  if (aggElem) {
    Value o = loadRef(cell);
    Value c = cloneAggregate(o);
    releaseRef(o);
    return c;
  }
  return counted ? loadRef(cell) : *cell;
}

[[noreturn]] void sliceBoundsPanic(syntax::Pos pos, const std::string& what) {
  runtimePanicAt(pos, "slice bounds out of range " + what);
}

// A bound of a slice expression: an unsigned one past MaxInt64 is out of every range and
// printed as the unsigned number it is.
struct SliceBound {
  int64_t v;
  bool huge;
  std::string text() const {
    return huge ? std::to_string(static_cast<uint64_t>(v)) : std::to_string(v);
  }
  bool negative() const { return !huge && v < 0; }
  bool above(int64_t limit) const { return huge || v > limit; }
};

struct SliceExprNode : ExprNode {
  ExprPtr x, lo, hi, max;
  bool isString = false;
  bool isArray = false;  // an array or a pointer to one: its limit is a length, as in Go
  bool loUnsigned = false, hiUnsigned = false, maxUnsigned = false;
  Value eval(Value* fp) override {
    Value xv = x->eval(fp);
    int64_t len, cap;
    if (isString) {
      len = cap = xv.s ? static_cast<int64_t>(xv.s->size()) : 0;
    } else {
      SliceObject* s = asSlice(xv);
      len = s ? s->len() : 0;
      cap = s ? s->cap() : 0;
    }
    auto bound = [fp](const ExprPtr& e, bool isUnsigned, int64_t dflt) {
      if (!e) return SliceBound{dflt, false};
      int64_t v = e->eval(fp).i;
      return SliceBound{v, isUnsigned && v < 0};
    };
    SliceBound lb = bound(lo, loUnsigned, 0);
    SliceBound hb = bound(hi, hiUnsigned, len);
    SliceBound mb = bound(max, maxUnsigned, cap);
    const char* limitWord = isString || isArray ? " with length " : " with capacity ";
    auto fail = [&](const std::string& what) {
      releaseRef(xv);
      sliceBoundsPanic(pos, what);
    };
    // A negative index is reported alone, as Go's boundsNegErrorFmt does.
    if (max) {
      if (mb.negative()) fail("[::" + mb.text() + "]");
      if (mb.above(cap)) fail("[::" + mb.text() + "]" + limitWord + std::to_string(cap));
      if (hb.negative()) fail("[:" + hb.text() + ":]");
      if (hb.above(mb.v)) fail("[:" + hb.text() + ":" + mb.text() + "]");
      if (lb.negative()) fail("[" + lb.text() + "::]");
      if (lb.above(hb.v)) fail("[" + lb.text() + ":" + hb.text() + ":]");
    } else {
      int64_t limit = isString ? len : cap;
      if (hb.negative()) fail("[:" + hb.text() + "]");
      if (hb.above(limit)) fail("[:" + hb.text() + "]" + limitWord + std::to_string(limit));
      if (lb.negative()) fail("[" + lb.text() + ":]");
      if (lb.above(hb.v)) fail("[" + lb.text() + ":" + hb.text() + "]");
    }
    int64_t l = lb.v, h = hb.v, m = mb.v;
    if (isString) {
      std::string_view v = stringView(xv);
      Value r = stringValue(
          StringObject::make(v.substr(static_cast<size_t>(l), static_cast<size_t>(h - l))));
      releaseRef(xv);
      return r;
    }
    SliceObject* s = asSlice(xv);
    if (!s) return Value{};  // nil[0:0] is nil
    SliceObject* r = SliceObject::make(s->array(), s->base() + l, h - l, m - l);
    releaseRef(xv);
    return sliceValue(r);
  }
};

// len(s) or cap(s); Borrowed: s yields the slice without a reference (borrowedForm).
template <bool Cap, bool Borrowed>
struct SliceLenNode : ExprNode {
  ExprPtr s;
  Value eval(Value* fp) override {
    Value v = s->eval(fp);
    SliceObject* o = asSlice(v);
    int64_t n = o ? (Cap ? o->cap() : o->len()) : 0;
    if constexpr (!Borrowed) releaseRef(v);
    return intValue(n);
  }
};

// len(s) or cap(s) of a local slice, read from its frame slot without a virtual call.
template <bool Cap>
struct LocalSliceLenNode : ExprNode {
  int slot;
  Value eval(Value* fp) override {
    SliceObject* o = asSlice(fp[slot]);
    return intValue(o ? (Cap ? o->cap() : o->len()) : 0);
  }
};

// The result of appending `extra` elements to s: s itself when they fit (sharing its
// array, as Go does), else a copy into a grown array. Returns an owned slice whose
// new tail [oldLen, oldLen+extra) is to be filled by the caller.
SliceObject* grow(SliceObject* s, int64_t extra, bool counted, ElemLayout layout,
                  const check::Type* aggElem) {
  int64_t oldLen = s ? s->len() : 0;
  int64_t oldCap = s ? s->cap() : 0;
  int64_t newLen = oldLen + extra;
  if (s && newLen <= oldCap) return SliceObject::make(s->array(), s->base(), newLen, oldCap);
  int64_t newCap = growCapacity(oldCap, newLen, layout);
  // Struct elements are copied: the old array keeps its own values, as in Go.
  SliceObject* r = newSlice(newLen, newCap, counted, aggElem, newLen);
  for (int64_t i = 0; i < oldLen; ++i) r->base()[i] = copyElem(s->base() + i, counted, aggElem);
  return r;
}

// Stores into a cell that may hold an old value (a shared array's spare capacity, which
// a racing append may be filling too).
inline void putElem(Value* cell, Value v, bool counted, const check::Type* aggElem = nullptr) {
  if (aggElem) {
    storeRef(cell, ownAggregate(v));
  } else if (counted) {
    storeRef(cell, v);
  } else {
    *cell = v;
  }
}

struct AppendNode : ExprNode {
  ExprPtr s;
  std::vector<ExprPtr> vals;
  ExprPtr spread;
  bool spreadIsString = false;
  bool counted = false;
  const check::Type* aggElem = nullptr;
  ElemLayout layout;
  Value eval(Value* fp) override {
    Value sv = s->eval(fp);
    SliceObject* src = asSlice(sv);
    if (spread) {
      Value extra = spread->eval(fp);
      int64_t n;
      if (spreadIsString) {
        n = extra.s ? static_cast<int64_t>(extra.s->size()) : 0;
      } else {
        n = asSlice(extra) ? asSlice(extra)->len() : 0;
      }
      if (n == 0) {
        releaseRef(extra);
        return sv;
      }
      int64_t oldLen = src ? src->len() : 0;
      SliceObject* r = grow(src, n, counted, layout, aggElem);
      for (int64_t i = 0; i < n; ++i) {
        Value v;
        if (spreadIsString) {
          v.u = static_cast<unsigned char>(extra.s->data()[i]);
        } else {
          v = copyElem(asSlice(extra)->base() + i, counted, aggElem);
        }
        putElem(r->base() + oldLen + i, v, counted, aggElem);
      }
      releaseRef(extra);
      releaseRef(sv);
      return sliceValue(r);
    }
    auto n = static_cast<int64_t>(vals.size());
    if (n == 0) return sv;
    Value tmp[8];
    std::vector<Value> big;
    Value* buf = tmp;
    if (n > 8) {
      big.resize(static_cast<size_t>(n));
      buf = big.data();
    }
    for (int64_t i = 0; i < n; ++i) buf[i] = vals[static_cast<size_t>(i)]->eval(fp);
    int64_t oldLen = src ? src->len() : 0;
    SliceObject* r = grow(src, n, counted, layout, aggElem);
    for (int64_t i = 0; i < n; ++i) putElem(r->base() + oldLen + i, buf[i], counted, aggElem);
    releaseRef(sv);
    return sliceValue(r);
  }
};

struct MakeSliceNode : ExprNode {
  ExprPtr len, cap;
  bool counted = false;
  const check::Type* aggElem = nullptr;
  Value eval(Value* fp) override {
    int64_t l = len->eval(fp).i;
    int64_t c = cap ? cap->eval(fp).i : l;
    if (l < 0 || l > (int64_t{1} << 40)) runtimePanicAt(pos, "makeslice: len out of range");
    if (c < l || c > (int64_t{1} << 40)) runtimePanicAt(pos, "makeslice: cap out of range");
    return sliceValue(newSlice(l, c, counted, aggElem));
  }
};

struct CopyNode : ExprNode {
  ExprPtr dst, src;
  bool srcIsString = false;
  bool counted = false;
  bool aggregate = false;
  Value eval(Value* fp) override {
    Value dv = dst->eval(fp);
    Value sv = src->eval(fp);
    SliceObject* d = asSlice(dv);
    int64_t dn = d ? d->len() : 0;
    int64_t n;
    if (srcIsString) {
      n = std::min<int64_t>(dn, sv.s ? static_cast<int64_t>(sv.s->size()) : 0);
      for (int64_t i = 0; i < n; ++i) d->base()[i].u = static_cast<unsigned char>(sv.s->data()[i]);
    } else {
      SliceObject* s = asSlice(sv);
      n = std::min<int64_t>(dn, s ? s->len() : 0);
      if (n > 0) {
        // Overlapping ranges of one array copy as memmove does.
        std::vector<Value> tmp(s->base(), s->base() + n);
        if (counted && !aggregate) {
          for (int64_t i = 0; i < n; ++i) tmp[static_cast<size_t>(i)] = loadRef(s->base() + i);
        }
        if (aggregate) {
          // Copies from the last element when the ranges overlap forwards.
          bool backwards = d->array() == s->array() && d->base() > s->base();
          for (int64_t k = 0; k < n; ++k) {
            int64_t i = backwards ? n - 1 - k : k;
            copyAggregateInto(static_cast<HeapObject*>(d->base()[i].p),
                              static_cast<HeapObject*>(s->base()[i].p));
          }
        } else {
          for (int64_t i = 0; i < n; ++i) {
            putElem(d->base() + i, tmp[static_cast<size_t>(i)], counted);
          }
        }
      }
    }
    releaseRef(dv);
    releaseRef(sv);
    return intValue(n);
  }
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    out.push_back(&dst);
    out.push_back(&src);
    return true;
  }
};

// x == nil and x != nil; s takes no reference where it can (ExprNode::dropReference).
struct SliceIsNilNode : ExprNode {
  ExprPtr s;
  bool equal = true;
  bool counted = true;
  Value eval(Value* fp) override {
    Value v = s->eval(fp);
    bool isNil = v.p == nullptr;
    if (counted) releaseRef(v);
    Value r;
    r.i = isNil == equal;
    return r;
  }
};

// The capacity is the allocator's size class, as for a []byte that escapes in Go.
struct StringToBytesNode : ExprNode {
  ExprPtr s;
  Value eval(Value* fp) override {
    Value v = s->eval(fp);
    auto n = static_cast<int64_t>(stringView(v).size());
    SliceObject* r =
        newSlice(n, static_cast<int64_t>(roundUpSize(static_cast<uint64_t>(n), true)), false);
    for (int64_t i = 0; i < n; ++i) r->base()[i].u = static_cast<unsigned char>(v.s->data()[i]);
    releaseRef(v);
    return sliceValue(r);
  }
};

struct StringToRunesNode : ExprNode {
  ExprPtr s;
  Value eval(Value* fp) override {
    Value v = s->eval(fp);
    std::string_view sv = stringView(v);
    std::vector<int32_t> runes;
    for (size_t i = 0; i < sv.size();) {
      DecodedRune d = decodeRune(sv.data() + i, sv.size() - i);
      runes.push_back(d.rune);
      i += static_cast<size_t>(d.width);
    }
    auto n = static_cast<int64_t>(runes.size());
    SliceObject* r = newSlice(
        n, static_cast<int64_t>(roundUpSize(static_cast<uint64_t>(n) * 4, true) / 4), false);
    for (int64_t i = 0; i < n; ++i) r->base()[i].i = runes[static_cast<size_t>(i)];
    releaseRef(v);
    return sliceValue(r);
  }
};

struct BytesToStringNode : ExprNode {
  ExprPtr s;
  Value eval(Value* fp) override {
    Value v = s->eval(fp);
    SliceObject* o = asSlice(v);
    int64_t n = o ? o->len() : 0;
    std::string out(static_cast<size_t>(n), '\0');
    for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = static_cast<char>(o->base()[i].u);
    releaseRef(v);
    return stringValue(StringObject::make(out));
  }
};

struct RunesToStringNode : ExprNode {
  ExprPtr s;
  Value eval(Value* fp) override {
    Value v = s->eval(fp);
    SliceObject* o = asSlice(v);
    int64_t n = o ? o->len() : 0;
    std::string out;
    for (int64_t i = 0; i < n; ++i) {
      int64_t r = o->base()[i].i;
      bool valid = r >= 0 && r <= 0x10FFFF && !(r >= 0xD800 && r <= 0xDFFF);
      syntax::appendUtf8(out, valid ? static_cast<uint32_t>(r) : 0xFFFD);
    }
    releaseRef(v);
    return stringValue(StringObject::make(out));
  }
};

// How a range over a slice stores each key and value: through their Targets, or, for
// scalar locals (or blank: -1), straight into their slots.
struct RangeTargets {
  Target key, value;
  void put(Value* fp, SliceObject* s, int64_t i) const {
    key.store(fp, intValue(i));
    if (value.kind != Target::Kind::Blank) {
      Value* cell = s->base() + i;
      value.store(fp, value.counted ? loadRef(cell) : *cell);
    }
  }
};
struct RangeSlots {
  int key, value;
  void put(Value* fp, SliceObject* s, int64_t i) const {
    if (key >= 0) fp[key] = intValue(i);
    if (value >= 0) fp[value] = s->base()[i];
  }
};

// for i, v := range s: the slice is evaluated once and held in a slot; its length is
// fixed when the loop starts, as in Go.
template <typename Stores>
struct RangeSliceNode : StmtNode {
  ExprPtr x;
  int sliceSlot;
  Stores stores;
  std::vector<StmtPtr> body;
  Exec exec(Value* fp) override {
    storeCell<true>(fp + sliceSlot, x->eval(fp));
    SliceObject* s = asSlice(fp[sliceSlot]);
    int64_t n = s ? s->len() : 0;
    Exec result = Exec::Normal;
    for (int64_t i = 0; i < n; ++i) {
      stores.put(fp, s, i);
      if (Exec e = execList(body, fp); e != Exec::Normal) [[unlikely]] {
        if (loopShouldExit(e, label, &result)) break;
      }
      pollPreemption();
    }
    storeCell<true>(fp + sliceSlot, Value{});
    return result;
  }
};

template <typename N>
std::unique_ptr<N> node(syntax::Pos pos = {}) {
  auto n = std::make_unique<N>();
  n->pos = pos;
  return n;
}

}  // namespace

int64_t growCapacity(int64_t oldCap, int64_t newLen, ElemLayout layout) {
  int64_t newCap;
  int64_t doubled = oldCap + oldCap;
  if (newLen > doubled) {
    newCap = newLen;
  } else if (oldCap < 256) {
    newCap = doubled;
  } else {
    newCap = oldCap;
    while (static_cast<uint64_t>(newCap) < static_cast<uint64_t>(newLen)) {
      newCap += (newCap + 3 * 256) >> 2;
    }
    if (newCap <= 0) newCap = newLen;
  }
  uint64_t size = layout.size == 0 ? 1 : layout.size;
  uint64_t mem = roundUpSize(static_cast<uint64_t>(newCap) * size, !layout.hasPointers);
  return static_cast<int64_t>(mem / size);
}

ExprPtr makeSliceLiteral(std::vector<ExprPtr> elems, bool counted, const check::Type* aggElem) {
  auto n = node<SliceLiteralNode>();
  n->elems = std::move(elems);
  n->counted = counted;
  n->aggElem = aggElem;
  return n;
}

ExprPtr makeSliceIndex(ExprPtr s, ExprPtr i, bool unsignedIndex, bool counted, syntax::Pos pos) {
  // A local slice variable is read without a reference: evaluating the index cannot
  // store into a frame slot that no closure or pointer reaches.
  ExprPtr borrowed = s->borrowedForm();
  int slot = borrowed ? slotOf(borrowed) : -1;
  auto build = [&]<bool C, bool U>() -> ExprPtr {
    if (slot >= 0) {
      auto local = [&]<typename I>(I index) -> ExprPtr {
        auto n = std::make_unique<LocalSliceIndexNode<C, U, I>>(slot, std::move(index));
        n->pos = pos;
        return n;
      };
      if (int is = slotOf(i); is >= 0) return local(FromSlot{is});
      if (auto c = scalarConst(i)) return local(FromConst{c->value});
      return local(FromExpr{std::move(i)});
    }
    auto n = node<SliceIndexNode<C, U>>(pos);
    n->borrowed = borrowed != nullptr;
    n->s = borrowed ? std::move(borrowed) : std::move(s);
    n->i = std::move(i);
    return n;
  };
  if (counted) {
    return unsignedIndex ? build.template operator()<true, true>()
                         : build.template operator()<true, false>();
  }
  return unsignedIndex ? build.template operator()<false, true>()
                       : build.template operator()<false, false>();
}

ExprPtr makeSliceExpr(ExprPtr x, SliceBoundExpr lo, SliceBoundExpr hi, SliceBoundExpr max,
                      bool isString, bool isArray, syntax::Pos pos) {
  auto n = node<SliceExprNode>(pos);
  n->x = std::move(x);
  n->lo = std::move(lo.e);
  n->hi = std::move(hi.e);
  n->max = std::move(max.e);
  n->loUnsigned = lo.isUnsigned;
  n->hiUnsigned = hi.isUnsigned;
  n->maxUnsigned = max.isUnsigned;
  n->isString = isString;
  n->isArray = isArray;
  return n;
}

// len and cap read the slice's header and run no Gol code: a variable's slice is read
// without a reference where it can be (borrowedForm).
template <bool Cap>
static ExprPtr sliceLenOrCap(ExprPtr s) {
  ExprPtr borrowed = s->borrowedForm();
  if (!borrowed) {
    auto n = node<SliceLenNode<Cap, false>>();
    n->s = std::move(s);
    return n;
  }
  if (int slot = slotOf(borrowed); slot >= 0) {
    auto n = node<LocalSliceLenNode<Cap>>();
    n->slot = slot;
    return n;
  }
  auto n = node<SliceLenNode<Cap, true>>();
  n->s = std::move(borrowed);
  return n;
}

ExprPtr makeSliceLen(ExprPtr s) {
  return sliceLenOrCap<false>(std::move(s));
}

ExprPtr makeSliceCap(ExprPtr s) {
  return sliceLenOrCap<true>(std::move(s));
}

ExprPtr makeAppend(ExprPtr s, std::vector<ExprPtr> vals, ExprPtr spread, bool spreadIsString,
                   bool counted, ElemLayout layout, const check::Type* aggElem) {
  auto n = node<AppendNode>();
  n->aggElem = aggElem;
  n->s = std::move(s);
  n->vals = std::move(vals);
  n->spread = std::move(spread);
  n->spreadIsString = spreadIsString;
  n->counted = counted;
  n->layout = layout;
  return n;
}

ExprPtr makeMakeSlice(ExprPtr len, ExprPtr cap, bool counted, syntax::Pos pos,
                      const check::Type* aggElem) {
  auto n = node<MakeSliceNode>(pos);
  n->aggElem = aggElem;
  n->len = std::move(len);
  n->cap = std::move(cap);
  n->counted = counted;
  return n;
}

ExprPtr makeCopy(ExprPtr dst, ExprPtr src, bool srcIsString, bool counted, bool aggregate) {
  auto n = node<CopyNode>();
  n->aggregate = aggregate;
  n->dst = std::move(dst);
  n->src = std::move(src);
  n->srcIsString = srcIsString;
  n->counted = counted;
  return n;
}

ExprPtr makeSliceIsNil(ExprPtr s, bool equal) {
  auto n = node<SliceIsNilNode>();
  if (ExprPtr borrowed = s->borrowedForm()) {
    s = std::move(borrowed);
    n->counted = false;
  } else if (s->dropReference()) {
    n->counted = false;
  }
  n->s = std::move(s);
  n->equal = equal;
  return n;
}

ExprPtr makeStringToBytes(ExprPtr s) {
  auto n = node<StringToBytesNode>();
  n->s = std::move(s);
  return n;
}

ExprPtr makeStringToRunes(ExprPtr s) {
  auto n = node<StringToRunesNode>();
  n->s = std::move(s);
  return n;
}

ExprPtr makeBytesToString(ExprPtr s) {
  auto n = node<BytesToStringNode>();
  n->s = std::move(s);
  return n;
}

ExprPtr makeRunesToString(ExprPtr s) {
  auto n = node<RunesToStringNode>();
  n->s = std::move(s);
  return n;
}

StmtPtr makeRangeSlice(ExprPtr x, int sliceSlot, Target key, Target value,
                       std::vector<StmtPtr> body) {
  auto make = [&](auto stores) -> StmtPtr {
    auto n = std::make_unique<RangeSliceNode<decltype(stores)>>();
    n->x = std::move(x);
    n->sliceSlot = sliceSlot;
    n->stores = std::move(stores);
    n->body = std::move(body);
    return n;
  };
  auto scalarSlot = [](const Target& t) {
    if (t.kind == Target::Kind::Blank) return std::optional<int>(-1);
    if (t.kind == Target::Kind::Slot && !t.counted && !t.aggregate) return std::optional(t.slot);
    return std::optional<int>();
  };
  std::optional<int> keySlot = scalarSlot(key), valueSlot = scalarSlot(value);
  if (keySlot && valueSlot) return make(RangeSlots{*keySlot, *valueSlot});
  return make(RangeTargets{std::move(key), std::move(value)});
}

}  // namespace gol::eval
