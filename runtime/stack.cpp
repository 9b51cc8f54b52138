// Stack regions and the stack free lists (see stack.h for the invariants).
#include "runtime/stack.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace gol::rt::detail {
namespace {

constexpr size_t kPage = 4096;
constexpr size_t kMinRegion = size_t{64} << 20;
// Fresh stacks get their top page faulted in ahead of use, this many at a time (see
// prefault_tops). A page fault costs ~30 us in some VMs (a goroutine's first switch touches
// the top page); populating 128 pages in one process_madvise call costs ~1.5 us a page.
// The first batch is small and each one doubles up to kPrefaultBatch: a program that
// starts one goroutine does not wait ~0.4 ms for 128 stacks it will never use.
constexpr size_t kPrefaultBatch = 128;
constexpr size_t kFirstPrefaultBatch = 4;

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

struct Pool {
  std::mutex mu;
  // Current region being carved: [next, end).
  char* next = nullptr;
  char* end = nullptr;
  std::map<size_t, std::vector<char*>> free_by_size;
  // Stacks of `prefault_size` bytes carved from [next, prefault_end) have their top page
  // populated already.
  char* prefault_end = nullptr;
  size_t prefault_size = 0;
  // 0: process_madvise with MADV_POPULATE_WRITE works (Linux 6.13+), 1: only madvise
  // (5.14+), 2: neither (stacks fault in on first use).
  int prefault_mode = 0;
  size_t prefault_batch = kFirstPrefaultBatch;  // the next batch's size
  int pidfd = -1;
  pid_t pidfd_pid = 0;  // the process pidfd refers to (a forked child opens its own)
};

Pool& pool() {
  static Pool* p = new Pool;  // never destroyed: stacks outlive static destruction
  return *p;
}

char* map_region(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    std::fprintf(stderr, "fatal error: runtime: cannot reserve %zu bytes of stack memory\n", bytes);
    std::abort();
  }
  // A huge page would turn one touched byte into 2 MiB of RSS per goroutine.
  madvise(p, bytes, MADV_NOHUGEPAGE);
  return static_cast<char*>(p);
}

// Populates the top page of the `n` stacks of `size` bytes that start at `base` (lock held).
// Best effort: on failure the pages fault in when first touched, as without it.
void prefault_tops(Pool& p, char* base, size_t size, size_t n) {
  if (p.prefault_mode == 0) {
    pid_t pid = getpid();
    if (p.pidfd < 0 || p.pidfd_pid != pid) {
      if (p.pidfd >= 0 && p.pidfd_pid != pid) close(p.pidfd);
      p.pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
      p.pidfd_pid = pid;
    }
    iovec v[kPrefaultBatch];
    for (size_t i = 0; i < n; i++) v[i] = iovec{base + (i + 1) * size - kPage, kPage};
    if (p.pidfd >= 0 && syscall(SYS_process_madvise, p.pidfd, v, n, MADV_POPULATE_WRITE, 0) ==
                            static_cast<long>(n * kPage))
      return;
    p.prefault_mode = 1;  // old kernel (or no pidfd): fall back for good
  }
  if (p.prefault_mode == 1) {
    for (size_t i = 0; i < n; i++) {
      if (madvise(base + (i + 1) * size - kPage, kPage, MADV_POPULATE_WRITE) != 0) {
        p.prefault_mode = 2;
        return;
      }
    }
  }
}

}  // namespace

size_t round_stack_size(size_t size) {
  if (size < 4 * kPage) size = 4 * kPage;
  return (size + kPage - 1) & ~(kPage - 1);
}

Stack stack_allocate(size_t size, bool prefault) {
  size = round_stack_size(size);
  Pool& p = pool();
  std::lock_guard lk(p.mu);
  auto it = p.free_by_size.find(size);
  if (it != p.free_by_size.end() && !it->second.empty()) {
    char* base = it->second.back();
    it->second.pop_back();
    return Stack{base, size};
  }
  if (size > kMinRegion / 4) return Stack{map_region(size), size};  // big (main) stacks
  if (p.next == nullptr || static_cast<size_t>(p.end - p.next) < size) {
    p.next = map_region(kMinRegion);
    p.end = p.next + kMinRegion;
    p.prefault_end = nullptr;
  }
  char* base = p.next;
  p.next += size;
  if (!prefault) {
    p.prefault_end = nullptr;  // the batch's tops no longer lie where the next stacks go
  } else if (p.prefault_mode != 2 && (size != p.prefault_size || p.next > p.prefault_end)) {
    size_t n = std::min(p.prefault_batch, static_cast<size_t>(p.end - base) / size);
    p.prefault_batch = std::min(p.prefault_batch * 2, kPrefaultBatch);
    prefault_tops(p, base, size, n);
    p.prefault_size = size;
    p.prefault_end = base + n * size;
  }
  return Stack{base, size};
}

void stack_free(Stack s) {
  Pool& p = pool();
  std::lock_guard lk(p.mu);
  p.free_by_size[s.size].push_back(s.base);
}

void stack_free_and_release(Stack* stacks, size_t n) {
  std::sort(stacks, stacks + n, [](const Stack& a, const Stack& b) { return a.base < b.base; });
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    char* end = stacks[i].top();
    while (j < n && stacks[j].base == end) end = stacks[j++].top();
#if defined(__SANITIZE_ADDRESS__)
    ASAN_UNPOISON_MEMORY_REGION(stacks[i].base, static_cast<size_t>(end - stacks[i].base));
#endif
    madvise(stacks[i].base, static_cast<size_t>(end - stacks[i].base), MADV_DONTNEED);
    i = j;
  }
  Pool& p = pool();
  std::lock_guard lk(p.mu);
  for (size_t i = 0; i < n; i++) p.free_by_size[stacks[i].size].push_back(stacks[i].base);
}

void stack_release_memory(Stack s, size_t keep_top) {
  if (s.size <= keep_top) return;
  size_t len = (s.size - keep_top) & ~(kPage - 1);
  if (len == 0) return;
#if defined(__SANITIZE_ADDRESS__)
  ASAN_UNPOISON_MEMORY_REGION(s.base, len);
#endif
  madvise(s.base, len, MADV_DONTNEED);
}

}  // namespace gol::rt::detail
