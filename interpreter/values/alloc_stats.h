// Counts of Gol's heap objects for runtime.ReadMemStats: how many objects were made and
// freed, and their bytes (the object with its inline payload: a string's bytes, an array's
// elements, a struct's fields; not the tables a map or channel keeps beside it).
//
// Invariants: each OS thread counts into its own AllocCounters and only that thread writes
// them (a relaxed load and store, no read-modify-write, so counting costs plain adds);
// readers sum every thread's counters without stopping anyone, so a read sees each counter
// as of some recent moment. Counters are never freed or reset: a thread that exits hands
// its block (with its counts) to the next thread that starts, so the sums stay right.
// noteAlloc and noteFree are out of line on purpose: goroutines move between threads, and
// an inlined thread-local address could outlive a switch in the caller.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gol::values {

void noteAlloc(size_t bytes) noexcept;
void noteFree(size_t bytes) noexcept;

struct AllocTotals {
  uint64_t mallocs = 0;
  uint64_t frees = 0;
  uint64_t allocBytes = 0;  // cumulative (TotalAlloc)
  uint64_t freedBytes = 0;
};
AllocTotals readAllocTotals();

}  // namespace gol::values
