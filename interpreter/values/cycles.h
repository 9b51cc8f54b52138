// The cycle collector: frees groups of objects that refer to each other but that nothing
// else refers to, which reference counting alone never frees (a doubly linked list, a
// closure stored in a variable it captures). Reference counting still frees everything
// else at once; the collector only looks at candidates.
//
// Design (trial deletion, after Bacon and Rajan's synchronous cycle collector and CPython's
// gc_refs):
// * Candidates. A garbage cycle is left behind only when a count drops to a value above
//   zero. So releaseRef records such an object (if it is kTracked, a kind that may hold
//   references) in its thread's candidate buffer and marks it kBuffered, once until the
//   next collection. It marks before its own decrement, while it still holds a reference,
//   so whichever thread's decrement reaches zero sees the mark.
// * A buffered object whose count reaches zero (most candidates die: a tree walked, then
//   dropped) is taken out of the buffer and freed at once if it is in the dying thread's
//   own buffer, found through the slot the object keeps (as PHP's collector does). If not
//   (it died on another thread, or lies past the first 65,535 entries), a buffer still
//   points at it: destroyObject releases what it holds at once and marks it kDead, and
//   the buffer's owner frees it at a sweep: of the entries added since the last sweep
//   every kSweepEvery additions, of the whole buffer once it has let go of half as many
//   entries as it holds; the collector frees the dead it finds. Memory waiting to be
//   freed is so bounded by the sweeps for young candidates, by the pacing for old ones.
// * A collection stops the world (runtime/goroutine.h stop_the_world) at a poll point of
//   the goroutine that runs it, so no count or reference changes under it. It takes the
//   subgraph S of tracked objects reachable from the live candidates; subtracts, from the
//   count of each member of S, the references other members of S hold (forEachChild); a
//   member whose count stays above zero is referred to from outside S (a frame, a global,
//   a native's hands, a channel's buffer, a parked goroutine), and it and everything it
//   reaches are live. The rest is garbage: each member is held once more, counts are
//   restored, and the world starts again. No goroutine can reach the garbage, so the
//   collecting goroutine then frees it while the others run: it clears each member (which
//   releases what it holds) and lets go of the holds. The pause is the search only.
// * Roots are never enumerated: any counted reference from outside S keeps its target.
//   Safety rests on forEachChild listing exactly the counted references each object holds,
//   as its destroy releases them (listing fewer only misses cycles).
// * Objects with a finalizer count as referred to from outside (Go does not collect a cycle
//   that holds one either); their finalizers run when their counts reach zero.
// * Pacing (Go's GOGC): a collection starts at a poll point once the live heap (allocated
//   minus freed bytes, alloc_stats.h) reaches goal = live after the last collection times
//   (1 + GOGC/100), at least 4 MiB; GOGC=off or debug.SetGCPercent(-1) turn that off;
//   runtime.GC collects at once. GODEBUG=gctrace=1 prints one line per collection.
#pragma once

#include <atomic>
#include <cstdint>

#include "interpreter/values/value.h"

namespace gol::values {

// Frees an object whose count reached zero (its finalizer, if any, already considered),
// releasing what it holds (value.cpp).
void freeObject(HeapObject* object);
// A buffered object's count reached zero: frees it if it is in this thread's buffer, else
// releases what it holds and marks it dead.
void destroyBuffered(HeapObject* object);

// Runs a collection now, stopping the world (from a goroutine, at a point where it may
// poll). Returns false if the world could not be stopped in time.
bool collectCycles(bool forced);

// Empties every candidate buffer without a collection (a run is over: what its goroutines
// still hold is abandoned). No goroutine may be running.
void forgetCandidates();

// A collection is due (pacing): the evaluator's poll slow path runs it.
extern std::atomic<bool> collectionWanted;
void collectWanted();
// Called by noteAlloc every so many bytes a thread allocates.
void allocationCheck() noexcept;

// GOGC: the percentage (-1: off); setGCPercent returns the previous one.
int64_t gcPercent();
int64_t setGCPercent(int64_t percent);

struct CollectorStats {
  uint32_t numGC = 0;  // collections, runtime.GC's included
  uint32_t numForcedGC = 0;
  uint64_t pauseTotalNs = 0;
  uint64_t lastGC = 0;  // Unix nanoseconds of the end of the last collection
  uint64_t nextGC = 0;  // the heap goal
  uint64_t freedObjects = 0;
  uint64_t pauseNs[256] = {};  // the latest pauses, pauseNs[(numGC+255)%256] the last
};
CollectorStats readCollectorStats();

}  // namespace gol::values
