// Maps: an insertion-ordered hash table of Values, keyed by Go's == for the key type.
//
// Entries live in a vector in insertion order (deleted ones become tombstones that a
// later growth compacts); an open-addressing index of entry numbers finds them. Range
// walks the entry vector by position, so deleting during a range is safe and entries
// added during it may or may not be seen, as Go allows. A map value is a MapObject*
// (null: the nil map).
//
// Concurrency: once a second goroutine exists (sharedCells), every operation holds the
// map's `lock` (which guards entries, index and live), so a racy program cannot corrupt
// the table; and, as Go's hashWriting flag does, `writing` is set for the length of a
// write so that an overlapping write or read ends the program with Go's fatal error
// (`concurrent map writes`, `concurrent map read and map write`).
#pragma once

#include <cstdint>
#include <vector>

#include "interpreter/syntax/source.h"
#include "interpreter/values/value.h"
#include "runtime/goroutine.h"
#include "runtime/spinlock.h"

namespace gol::values {

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
  rt::SpinLock lock;
  std::atomic<bool> writing{false};

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

// Records where the running goroutine is, for the report of a fatal error. The evaluator
// defines it (eval/run.cpp): the value layer knows no goroutine state.
void setFatalPosition(syntax::Pos pos);

// Holds a map for a write (insert, assignment, delete, clear) while goroutines share cells.
class MapWriteGuard {
 public:
  MapWriteGuard(MapObject* m, syntax::Pos pos)
      : m_(m && sharedCells.load(std::memory_order_relaxed) ? m : nullptr) {
    if (!m_) return;
    if (m_->writing.exchange(true, std::memory_order_acquire)) {
      setFatalPosition(pos);
      rt::fatal("concurrent map writes");
    }
    m_->lock.lock();
  }
  ~MapWriteGuard() {
    if (!m_) return;
    m_->lock.unlock();
    m_->writing.store(false, std::memory_order_release);
  }
  MapWriteGuard(const MapWriteGuard&) = delete;
  MapWriteGuard& operator=(const MapWriteGuard&) = delete;

 private:
  MapObject* m_;
};

// Holds a map for a read (index, len, one step of range) while goroutines share cells.
class MapReadGuard {
 public:
  MapReadGuard(MapObject* m, syntax::Pos pos,
               const char* fatalMessage = "concurrent map read and map write")
      : m_(m && sharedCells.load(std::memory_order_relaxed) ? m : nullptr) {
    if (!m_) return;
    if (m_->writing.load(std::memory_order_acquire)) {
      setFatalPosition(pos);
      rt::fatal(fatalMessage);
    }
    m_->lock.lock();
  }
  ~MapReadGuard() {
    if (m_) m_->lock.unlock();
  }
  MapReadGuard(const MapReadGuard&) = delete;
  MapReadGuard& operator=(const MapReadGuard&) = delete;

 private:
  MapObject* m_;
};

}  // namespace gol::values
