// The cycle collector's candidate buffers (cycles.h): candidates that die are freed
// without a collection, at once when they die on the thread that recorded them.
#include "interpreter/values/cycles.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "interpreter/values/alloc_stats.h"

namespace gol::values {
namespace {

// An object that may hold references (so releaseRef records it as a candidate).
Value makeTracked() {
  return Value{.p = ArrayObject::make(1, true)};
}

// Leaves v a candidate: a count that drops to a value above zero.
void makeCandidate(Value v) {
  retainRef(v);
  releaseRef(v);
  ASSERT_TRUE(static_cast<HeapObject*>(v.p)->flags.load() & HeapObject::kBuffered);
}

uint64_t frees() {
  return readAllocTotals().frees;
}

TEST(CandidateBuffer, ACandidateThatDiesOnItsThreadIsFreedAtOnce) {
  Value v = makeTracked();
  makeCandidate(v);
  uint64_t before = frees();
  releaseRef(v);
  EXPECT_EQ(frees(), before + 1);
}

TEST(CandidateBuffer, ManyCandidatesDroppedAreAllFreedWithoutACollection) {
  // More than the 65,535 slots an object can name: a sweep of the whole buffer once half
  // are gone gives those past them slots again.
  constexpr size_t kCount = 100'000;
  std::vector<Value> objects;
  for (size_t i = 0; i < kCount; ++i) objects.push_back(makeTracked());
  for (Value v : objects) makeCandidate(v);
  uint64_t before = frees();
  for (Value v : objects) releaseRef(v);
  EXPECT_EQ(frees(), before + kCount);
}

TEST(CandidateBuffer, ACandidateThatDiesOnAnotherThreadWaitsForItsOwner) {
  Value v = makeTracked();
  makeCandidate(v);
  uint64_t before = frees();
  std::thread([v] { releaseRef(v); }).join();
  // Its contents are released, its memory waits: this thread's buffer still points at it.
  EXPECT_EQ(frees(), before);
  forgetCandidates();
  EXPECT_EQ(frees(), before + 1);
}

}  // namespace
}  // namespace gol::values
