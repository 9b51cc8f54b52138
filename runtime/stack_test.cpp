// Stacks: sizes, reuse, memory handed back.
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

TEST(Stack, RoundsAndReuses) {
  EXPECT_EQ(detail::round_stack_size(1), 16384u);
  EXPECT_EQ(detail::round_stack_size(100000), 102400u);
  Stack a = detail::stack_allocate(64 * 1024);
  EXPECT_EQ(a.size, 64u * 1024);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a.base) % 4096, 0u);
  std::memset(a.base, 1, a.size);
  detail::stack_free(a);
  Stack b = detail::stack_allocate(64 * 1024);
  EXPECT_EQ(b.base, a.base);  // warm stack reused
  detail::stack_release_memory(b, 4096);
  EXPECT_EQ(b.base[0], 0);    // pages handed back read as zero
  EXPECT_EQ(b.top()[-1], 1);  // the kept top page is untouched
  detail::stack_free(b);
}

TEST(Stack, ReservesWithoutCommitting) {
  // 4096 one-MiB stacks: 4 GiB of address space, almost no memory.
  std::vector<Stack> v;
  for (int i = 0; i < 4096; i++) v.push_back(detail::stack_allocate(1 << 20));
  for (Stack& s : v) s.top()[-1] = 1;
  for (Stack& s : v) detail::stack_free(s);
  SUCCEED();
}

}  // namespace
}  // namespace gol::rt
