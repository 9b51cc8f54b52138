// Maps: an insertion-ordered hash table of Values, keyed by Go's == for the key type.
//
// Entries live in a vector in insertion order (deleted ones become tombstones that a
// later growth compacts); an open-addressing index of entry numbers finds them. Range
// walks the entry vector by position, so deleting during a range is safe and entries
// added during it may or may not be seen, as Go allows. A map value is a MapObject*
// (null: the nil map). A MapObject is not locked: concurrent writes are a data race
// in Go too.
#pragma once

#include <cstdint>
#include <vector>

#include "interpreter/eval/value.h"

namespace gol::eval {

struct MapObject : HeapObject {
  struct Entry {
    Value key;
    Value value;
    bool live;
  };
  const check::Map* type;
  Storage keyStorage;
  Storage valueStorage;
  std::vector<Entry> entries;
  std::vector<int32_t> index;  // entry number, or -1 (empty); size a power of two
  size_t live = 0;

  explicit MapObject(const check::Map* t);
  // The value cell for key, or null.
  Value* find(Value key);
  // The value cell for key, inserting the key (retained) with a zero value if absent.
  Value* insert(Value key);
  void erase(Value key);
  void clear();
  void destroy();

 private:
  void rebuild(size_t capacity);
  int64_t slotOf(Value key, uint64_t hash) const;
};

inline MapObject* asMap(Value v) {
  return static_cast<MapObject*>(v.p);
}

}  // namespace gol::eval
