// Per-thread allocation counters (alloc_stats.h has the invariants).
#include "interpreter/values/alloc_stats.h"

#include <atomic>
#include <mutex>

#include "interpreter/values/cycles.h"

namespace gol::values {

namespace {

struct AllocCounters {
  std::atomic<uint64_t> mallocs{0};
  std::atomic<uint64_t> frees{0};
  std::atomic<uint64_t> allocBytes{0};
  std::atomic<uint64_t> freedBytes{0};
  uint64_t sinceCheck = 0;            // bytes since the last allocationCheck; owner only
  AllocCounters* next = nullptr;      // all blocks, in g_all; set once, before publishing
  AllocCounters* nextFree = nullptr;  // g_free_mu
};

std::atomic<AllocCounters*> g_all{nullptr};
std::mutex g_free_mu;
AllocCounters* g_free = nullptr;

// Hands the thread's block back when the thread exits.
struct ThreadCounters {
  AllocCounters* block = nullptr;
  ~ThreadCounters() {
    if (!block) return;
    std::lock_guard<std::mutex> lock(g_free_mu);
    block->nextFree = g_free;
    g_free = block;
  }
};

thread_local ThreadCounters tls_counters;

AllocCounters* acquireBlock() {
  {
    std::lock_guard<std::mutex> lock(g_free_mu);
    if (AllocCounters* b = g_free) {
      g_free = b->nextFree;
      return b;
    }
  }
  auto* b = new AllocCounters;
  AllocCounters* head = g_all.load(std::memory_order_relaxed);
  do {
    b->next = head;
  } while (
      !g_all.compare_exchange_weak(head, b, std::memory_order_release, std::memory_order_relaxed));
  return b;
}

inline AllocCounters& mine() {
  ThreadCounters& t = tls_counters;
  if (!t.block) [[unlikely]]
    t.block = acquireBlock();
  return *t.block;
}

inline void add(std::atomic<uint64_t>& c, uint64_t n) {
  c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

// How often (in bytes a thread allocates) the cycle collector's pacing looks at the heap.
constexpr uint64_t kCheckEvery = 256 << 10;

}  // namespace

void noteAlloc(size_t bytes) noexcept {
  AllocCounters& c = mine();
  add(c.mallocs, 1);
  add(c.allocBytes, bytes);
  c.sinceCheck += bytes;
  if (c.sinceCheck >= kCheckEvery) [[unlikely]] {
    c.sinceCheck = 0;
    allocationCheck();
  }
}

void noteFree(size_t bytes) noexcept {
  AllocCounters& c = mine();
  add(c.frees, 1);
  add(c.freedBytes, bytes);
}

AllocTotals readAllocTotals() {
  AllocTotals t;
  for (AllocCounters* b = g_all.load(std::memory_order_acquire); b; b = b->next) {
    // Frees first: an object freed after this read was made before the mallocs read, so
    // Mallocs - Frees never goes negative.
    t.frees += b->frees.load(std::memory_order_relaxed);
    t.freedBytes += b->freedBytes.load(std::memory_order_relaxed);
  }
  for (AllocCounters* b = g_all.load(std::memory_order_acquire); b; b = b->next) {
    t.mallocs += b->mallocs.load(std::memory_order_relaxed);
    t.allocBytes += b->allocBytes.load(std::memory_order_relaxed);
  }
  return t;
}

}  // namespace gol::values
