#include "interpreter/values/maps.h"

#include "interpreter/values/equality.h"

namespace gol::values {

MapObject::MapObject(const check::Map* t)
    : HeapObject(Kind::Map, sizeof(MapObject)),
      type(t),
      keyStorage(storageOf(t->key)),
      valueStorage(storageOf(t->elem)) {
  if (keyStorage == Storage::Scalar && valueStorage == Storage::Scalar) untrack();
}

int64_t MapObject::slotOf(Value key, uint64_t hash) const {
  if (index.empty()) return -1;
  size_t mask = index.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    int32_t e = index[i];
    if (e < 0) return -1;
    const Entry& entry = entries[static_cast<size_t>(e)];
    if (entry.live && equalValues(type->key, entry.key, key)) return e;
  }
}

Value* MapObject::find(Value key) {
  int64_t e = slotOf(key, hashValue(type->key, key));
  return e < 0 ? nullptr : &entries[static_cast<size_t>(e)].value;
}

void MapObject::rebuild(size_t capacity) {
  // Compact: drop tombstones, keeping insertion order.
  size_t out = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].live) entries[out++] = entries[i];
  }
  entries.resize(out);
  index.assign(capacity, -1);
  size_t mask = capacity - 1;
  for (size_t e = 0; e < entries.size(); ++e) {
    size_t i = hashValue(type->key, entries[e].key) & mask;
    while (index[i] >= 0) i = (i + 1) & mask;
    index[i] = static_cast<int32_t>(e);
  }
}

Value* MapObject::insert(Value key) {
  uint64_t hash = hashValue(type->key, key);
  int64_t e = slotOf(key, hash);
  if (e >= 0) return &entries[static_cast<size_t>(e)].value;
  // Keep the index at most half full (tombstones count until the next rebuild).
  if ((entries.size() + 1) * 2 > index.size()) {
    size_t capacity = 8;
    while (capacity < (live + 1) * 4) capacity *= 2;
    rebuild(capacity);
  }
  if (keyStorage == Storage::Aggregate) {
    retainRef(key);
    key = ownAggregate(key);
  } else if (keyStorage == Storage::Ref) {
    retainRef(key);
  }
  entries.push_back(Entry{key, zeroValue(type->elem), true});
  size_t mask = index.size() - 1;
  size_t i = hash & mask;
  while (index[i] >= 0) i = (i + 1) & mask;
  index[i] = static_cast<int32_t>(entries.size() - 1);
  ++live;
  return &entries.back().value;
}

void MapObject::erase(Value key) {
  int64_t e = slotOf(key, hashValue(type->key, key));
  if (e < 0) return;
  Entry& entry = entries[static_cast<size_t>(e)];
  entry.live = false;
  if (keyStorage != Storage::Scalar) releaseRef(entry.key);
  if (valueStorage != Storage::Scalar) releaseRef(entry.value);
  entry.key = Value{};
  entry.value = Value{};
  --live;
  // The index keeps pointing at the tombstone so probe chains stay intact.
}

void MapObject::clear() {
  for (Entry& entry : entries) {
    if (!entry.live) continue;
    if (keyStorage != Storage::Scalar) releaseRef(entry.key);
    if (valueStorage != Storage::Scalar) releaseRef(entry.value);
    entry.live = false;
  }
  entries.clear();
  index.clear();
  live = 0;
}

void MapObject::destroy() {
  noteFree(sizeof(MapObject));
  clear();
  delete this;
}

void destroyMap(HeapObject* map) {
  static_cast<MapObject*>(map)->destroy();
}

}  // namespace gol::values
