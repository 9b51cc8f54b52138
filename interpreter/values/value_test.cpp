// Heap objects (value.h): a closure is one allocation that holds its captured boxes.
#include "interpreter/values/value.h"

#include <gtest/gtest.h>

#include "interpreter/values/alloc_stats.h"

namespace gol::values {
namespace {

TEST(ClosureObject, HoldsItsBoxesInlineAndReleasesThemWithIt) {
  BoxObject* boxes[3] = {new BoxObject(false), new BoxObject(false), new BoxObject(false)};
  AllocTotals before = readAllocTotals();
  ClosureObject* c = ClosureObject::make(nullptr, 3);
  EXPECT_EQ(readAllocTotals().mallocs, before.mallocs + 1);
  EXPECT_EQ(c->nboxes, 3u);
  for (uint32_t i = 0; i < 3; ++i) {
    EXPECT_EQ(c->boxes[i], nullptr);
    boxes[i]->refs.fetch_add(1);  // the closure's reference
    c->boxes[i] = boxes[i];
  }
  ASSERT_EQ(c->boxList().size(), 3u);
  EXPECT_EQ(c->boxList()[2], boxes[2]);

  releaseRef(Value{.p = c});
  AllocTotals after = readAllocTotals();
  EXPECT_EQ(after.frees, before.frees + 1);  // the closure; the boxes are still ours
  EXPECT_EQ(after.freedBytes - before.freedBytes, ClosureObject::bytesFor(3));
  // Counted as one object whose bytes include the three boxes' pointers.
  EXPECT_EQ(after.allocBytes - before.allocBytes, ClosureObject::bytesFor(3));
  EXPECT_EQ(ClosureObject::bytesFor(3), sizeof(ClosureObject) + 2 * sizeof(BoxObject*));
  for (BoxObject* b : boxes) {
    EXPECT_EQ(b->refs.load(), 1u);
    releaseRef(Value{.p = b});
  }
  EXPECT_EQ(readAllocTotals().frees, before.frees + 4);
}

TEST(ClosureObject, WithoutCapturesIsTheObjectAlone) {
  ClosureObject* c = ClosureObject::make(nullptr, 0);
  EXPECT_EQ(c->nboxes, 0u);
  EXPECT_TRUE(c->boxList().empty());
  EXPECT_EQ(ClosureObject::bytesFor(0), sizeof(ClosureObject));
  AllocTotals before = readAllocTotals();
  releaseRef(Value{.p = c});
  EXPECT_EQ(readAllocTotals().freedBytes - before.freedBytes, sizeof(ClosureObject));
}

}  // namespace
}  // namespace gol::values
