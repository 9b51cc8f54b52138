#include "interpreter/eval/map_nodes.h"

#include "interpreter/values/maps.h"

namespace gol::eval {

namespace {

[[noreturn]] void nilMapWrite(syntax::Pos pos) {
  GoPanic p;
  p.message = "assignment to entry in nil map";
  capturePanic(p, pos);
  throw p;
}

// Runs a map operation that may panic on an unhashable interface key.
template <typename F>
auto withTrace(syntax::Pos pos, F&& f) {
  try {
    return f();
  } catch (GoPanic& p) {
    if (p.trace.empty()) capturePanic(p, pos);
    throw;
  }
}

struct MakeMapNode : ExprNode {
  const check::Map* type;
  ExprPtr sizeHint;
  Value eval(Value* fp) override {
    if (sizeHint) {
      Value n = sizeHint->eval(fp);
      if (n.i < 0) runtimePanicAt(pos, "makemap: size out of range");
    }
    return Value{.p = new MapObject(type)};
  }
};

struct MapLiteralNode : ExprNode {
  const check::Map* type;
  std::vector<std::pair<ExprPtr, ExprPtr>> entries;
  Value eval(Value* fp) override {
    auto* m = new MapObject(type);
    Value result{.p = m};
    for (auto& [k, v] : entries) {
      Value key = k->eval(fp);
      Value value = v->eval(fp);
      Value* cell = withTrace(pos, [&] { return m->insert(key); });
      storeWith(m->valueStorage, cell, value);
      if (m->keyStorage != Storage::Scalar) releaseRef(key);
    }
    return result;
  }
};

struct MapIndexNode : ExprNode {
  ExprPtr m, key;
  const check::Map* type;
  Storage keyStorage, valueStorage;
  bool lookup(Value* fp, Value* out) {
    Value mv = m->eval(fp);
    Value k = key->eval(fp);
    MapObject* map = asMap(mv);
    bool found;
    {
      MapReadGuard guard(map, pos);
      Value* cell = map ? withTrace(pos, [&] { return map->find(k); }) : nullptr;
      found = cell != nullptr;
      if (cell) {
        *out = *cell;
        if (valueStorage != Storage::Scalar) retainRef(*out);
      }
    }
    if (keyStorage != Storage::Scalar) releaseRef(k);
    if (!found) *out = zeroValue(type->elem);
    releaseRef(mv);
    return found;
  }
  Value eval(Value* fp) override {
    Value v;
    lookup(fp, &v);
    return v;
  }
  void evalMulti(Value* fp, Value* out) override { out[1] = intValue(lookup(fp, out)); }
};

struct MapLenNode : ExprNode {
  ExprPtr m;
  Value eval(Value* fp) override {
    Value mv = m->eval(fp);
    MapObject* map = asMap(mv);
    int64_t n = map ? static_cast<int64_t>(map->live) : 0;  // one word: no lock needed
    releaseRef(mv);
    return intValue(n);
  }
};

struct MapDeleteNode : ExprNode {
  ExprPtr m, key;
  Storage keyStorage;
  Value eval(Value* fp) override {
    Value mv = m->eval(fp);
    Value k = key->eval(fp);
    if (MapObject* map = asMap(mv)) {
      MapWriteGuard guard(map, pos);
      withTrace(pos, [&] { map->erase(k); });
    }
    if (keyStorage != Storage::Scalar) releaseRef(k);
    releaseRef(mv);
    return Value{};
  }
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    out.push_back(&m);
    out.push_back(&key);
    return true;
  }
};

struct ClearNode : ExprNode {
  ExprPtr x;
  bool isMap = false;
  bool counted = false;
  Value eval(Value* fp) override {
    Value v = x->eval(fp);
    if (isMap) {
      if (MapObject* map = asMap(v)) {
        MapWriteGuard guard(map, pos);
        map->clear();
      }
    } else if (SliceObject* s = asSlice(v)) {
      Value* base = s->base();
      const check::Type* elem = s->array()->elemType();
      for (int64_t i = 0; i < s->len(); ++i) {
        if (elem && isAggregate(elem)) {
          Value z = zeroValue(elem);
          copyAggregateInto(static_cast<HeapObject*>(base[i].p), static_cast<HeapObject*>(z.p));
          releaseRef(z);
          continue;
        }
        if (counted) releaseRef(base[i]);
        base[i] = Value{};
      }
    }
    releaseRef(v);
    return Value{};
  }
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    out.push_back(&x);
    return true;
  }
};

struct RangeMapNode : StmtNode {
  ExprPtr x;
  int mapSlot;
  Target key, value;
  std::vector<StmtPtr> body;
  Exec exec(Value* fp) override {
    storeCell<true>(fp + mapSlot, x->eval(fp));
    MapObject* map = asMap(fp[mapSlot]);
    Exec result = Exec::Normal;
    // As in Go, each range starts at a random entry, so that no program comes to depend
    // on an order: it walks from there to the end (entries added meanwhile included),
    // then wraps around to the entries before the start.
    size_t start = 0;
    if (map) {
      MapReadGuard guard(map, pos, "concurrent map iteration and map write");
      if (size_t n = map->entries.size(); n > 1) start = rt::cheaprandn(static_cast<uint32_t>(n));
    }
    bool wrapped = false;
    for (size_t i = start;; ++i) {
      // The entry is copied out under the map's lock; the body runs without it.
      Value k{}, v{};
      {
        MapReadGuard guard(map, pos, "concurrent map iteration and map write");
        if (!map) break;
        if (!wrapped && i >= map->entries.size()) {
          wrapped = true;
          i = 0;
        }
        if (wrapped && i >= start) break;
        if (i >= map->entries.size()) break;
        if (!map->entries[i].live) continue;
        k = map->entries[i].key;
        v = map->entries[i].value;
        if (key.counted) retainRef(k);
        if (value.counted) retainRef(v);
      }
      if (key.kind != Target::Kind::Blank) {
        key.store(fp, k);
      } else if (key.counted) {
        releaseRef(k);
      }
      if (value.kind != Target::Kind::Blank) {
        value.store(fp, v);
      } else if (value.counted) {
        releaseRef(v);
      }
      Exec e = execList(body, fp);
      if (loopShouldExit(e, label, &result)) break;
      pollPreemption();
    }
    storeCell<true>(fp + mapSlot, Value{});
    return result;
  }
};

}  // namespace

ExprPtr makeMakeMap(const check::Map* type, ExprPtr sizeHint) {
  auto n = std::make_unique<MakeMapNode>();
  n->type = type;
  n->sizeHint = std::move(sizeHint);
  return n;
}

ExprPtr makeMapLiteral(const check::Map* type, std::vector<std::pair<ExprPtr, ExprPtr>> entries,
                       syntax::Pos pos) {
  auto n = std::make_unique<MapLiteralNode>();
  n->type = type;
  n->entries = std::move(entries);
  n->pos = pos;
  return n;
}

ExprPtr makeMapIndex(ExprPtr m, ExprPtr key, const check::Map* type, bool, syntax::Pos pos) {
  auto n = std::make_unique<MapIndexNode>();
  n->m = std::move(m);
  n->key = std::move(key);
  n->type = type;
  n->keyStorage = storageOf(type->key);
  n->valueStorage = storageOf(type->elem);
  n->pos = pos;
  return n;
}

ExprPtr makeMapLen(ExprPtr m) {
  auto n = std::make_unique<MapLenNode>();
  n->m = std::move(m);
  return n;
}

namespace {

template <bool Inc>
struct MapIncDecNode : StmtNode {
  ExprPtr m, key;
  Storage keyStorage;
  Exec exec(Value* fp) override {
    Value mv = m->eval(fp);
    Value k = key->eval(fp);
    struct Release {
      Value m, k;
      bool keyCounted;
      ~Release() {
        if (keyCounted) releaseRef(k);
        releaseRef(m);
      }
    } release{mv, k, keyStorage != Storage::Scalar};
    MapObject* map = asMap(mv);
    if (!map) nilMapWrite(pos);
    MapWriteGuard guard(map, pos);
    Value* cell = withTrace(pos, [&] { return map->insert(k); });
    cell->i = static_cast<int64_t>(static_cast<uint64_t>(cell->i) + (Inc ? 1 : ~uint64_t{0}));
    return Exec::Normal;
  }
};

}  // namespace

StmtPtr makeMapIncDec(ExprPtr m, ExprPtr key, const check::Map* type, bool inc, syntax::Pos pos) {
  auto make = [&]<bool Inc>() -> StmtPtr {
    auto n = std::make_unique<MapIncDecNode<Inc>>();
    n->m = std::move(m);
    n->key = std::move(key);
    n->keyStorage = storageOf(type->key);
    n->pos = pos;
    return n;
  };
  return inc ? make.template operator()<true>() : make.template operator()<false>();
}

ExprPtr makeMapDelete(ExprPtr m, ExprPtr key, const check::Map* type, syntax::Pos pos) {
  auto n = std::make_unique<MapDeleteNode>();
  n->m = std::move(m);
  n->key = std::move(key);
  n->keyStorage = storageOf(type->key);
  n->pos = pos;
  return n;
}

ExprPtr makeClear(ExprPtr x, bool isMap, bool counted) {
  auto n = std::make_unique<ClearNode>();
  n->x = std::move(x);
  n->isMap = isMap;
  n->counted = counted;
  return n;
}

StmtPtr makeRangeMap(ExprPtr x, int mapSlot, Target key, Target value, std::vector<StmtPtr> body) {
  auto n = std::make_unique<RangeMapNode>();
  n->x = std::move(x);
  n->mapSlot = mapSlot;
  n->key = std::move(key);
  n->value = std::move(value);
  n->body = std::move(body);
  return n;
}

}  // namespace gol::eval
