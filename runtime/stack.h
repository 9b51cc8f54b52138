// Fiber stacks: fixed-size, carved from large MAP_NORESERVE regions.
//
// Invariants: a region is never unmapped (goroutines abandoned at the end of a run may still
// own stacks in it, and a helper thread may still write into them). No stack has a guard
// page: vm.max_map_count (65,530) would cap goroutines near 32k; the evaluator checks
// stack_remaining() instead. Only touched pages cost memory, plus the top page of each fresh
// stack, which stack_allocate populates ahead of use for up to 128 stacks at a time (one
// process_madvise call instead of a page fault per goroutine); release_memory() hands a
// stack's pages back with madvise(MADV_DONTNEED). The pool's lists, its region cursor and
// its prefault state are guarded by its mutex.
#pragma once

#include <cstddef>

namespace gol::rt {

struct Stack {
  char* base = nullptr;  // lowest address
  size_t size = 0;
  char* top() const { return base + size; }
};

namespace detail {

// Process-wide pool of stacks by size; thread-safe. `prefault`: populate the top pages of
// a batch of fresh stacks of this size (for goroutines, each of which touches its top page
// at once; not for stack segments).
Stack stack_allocate(size_t size, bool prefault = true);
void stack_free(Stack s);
// Returns the pages below `keep_top` bytes from the top to the OS (content becomes zero).
void stack_release_memory(Stack s, size_t keep_top);
size_t round_stack_size(size_t size);
// Hands the whole of many stacks back to the OS and to the free lists: sorted and merged
// into runs of adjacent stacks, so a million stacks cost a few thousand madvise calls.
void stack_free_and_release(Stack* stacks, size_t n);

}  // namespace detail
}  // namespace gol::rt
