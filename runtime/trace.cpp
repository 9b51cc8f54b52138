// Execution tracing (see trace.h for the invariants). Events are written into fixed-size
// chunks (never moved once written) and stamped with the CPU's time-stamp counter, which
// trace_stop converts to nanoseconds from two readings of both clocks.
#include "runtime/trace.h"

#include <sys/mman.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "runtime/proc_internal.h"
#include "runtime/timer.h"

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace gol::rt {

namespace detail {

std::atomic<bool> g_tracing{false};

// 2 MiB of events, mapped as one huge page where the kernel allows (a fault for each
// 4 KiB page cost more than the run itself in a virtual machine), populated at once.
struct TraceChunk {
  static constexpr size_t kBytes = size_t{2} << 20;
  static constexpr uint32_t kEvents = kBytes / sizeof(TraceEvent) - 1;
  uint32_t used;
  TraceEvent events[kEvents];
};

namespace {

// Raw timestamps: the time-stamp counter where there is one (a few ns), else nanotime.
inline int64_t ticks() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  return static_cast<int64_t>(__rdtsc());
#else
  return nanotime();
#endif
}

int64_t g_start_ticks = 0, g_start_ns = 0;
// Counts trace_start calls: a P's chunk from an earlier trace is not written again.
std::atomic<uint32_t> g_generation{0};
// Every chunk written since trace_start, under g_trace_mu; `outside` takes the events of
// threads without a P.
std::mutex g_trace_mu;
std::vector<TraceChunk*> g_chunks;
TraceChunk* g_outside = nullptr;

TraceChunk* map_chunk() {
  // Twice the size, so that a 2 MiB-aligned chunk fits inside; the rest is unmapped.
  size_t bytes = TraceChunk::kBytes;
  void* m = mmap(nullptr, 2 * bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) {
    std::fputs("fatal error: out of memory for the trace\n", stderr);
    std::abort();
  }
  auto start = reinterpret_cast<uintptr_t>(m);
  uintptr_t aligned = (start + bytes - 1) & ~(uintptr_t{bytes} - 1);
  if (aligned > start) munmap(m, aligned - start);
  if (aligned + bytes < start + 2 * bytes) {
    munmap(reinterpret_cast<void*>(aligned + bytes), start + 2 * bytes - aligned - bytes);
  }
  m = reinterpret_cast<void*>(aligned);
#ifdef MADV_HUGEPAGE
  madvise(m, bytes, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
  if (madvise(m, bytes, MADV_POPULATE_WRITE) != 0)
#endif
  {
    for (size_t at = 0; at < bytes; at += 4096) static_cast<volatile char*>(m)[at] = 0;
  }
  auto* c = static_cast<TraceChunk*>(m);
  c->used = 0;
  return c;
}

// Chunks mapped ahead (under g_trace_mu): by trace_start, before the run, so that the
// first events of each P do not wait for one, and then by the refiller thread, which
// keeps kSpareChunks ready while tracing is on, so that a P that fills its chunk takes
// the next one instead of mapping it (mapping cost more than the run in a virtual machine).
constexpr size_t kSpareChunks = 8;
std::vector<TraceChunk*> g_spare;
std::condition_variable g_refill_cv;  // g_spare ran low, or g_refill_quit
bool g_refill_quit = false;
std::thread g_refiller;

void refill() {
  std::unique_lock lk(g_trace_mu);
  for (;;) {
    g_refill_cv.wait(lk, [] { return g_refill_quit || g_spare.size() < kSpareChunks; });
    if (g_refill_quit) return;
    lk.unlock();
    TraceChunk* c = map_chunk();
    lk.lock();
    g_spare.push_back(c);
  }
}

TraceChunk* new_chunk_locked() {
  TraceChunk* c;
  if (!g_spare.empty()) {
    c = g_spare.back();
    g_spare.pop_back();
    if (g_spare.size() < kSpareChunks / 2) g_refill_cv.notify_one();
  } else {
    c = map_chunk();
  }
  g_chunks.push_back(c);
  return c;
}

TraceChunk* new_chunk() {
  std::lock_guard lk(g_trace_mu);
  return new_chunk_locked();
}

}  // namespace

void trace_event(TraceEventKind kind, G* g, uint64_t other, WaitReason reason) {
  M* m = this_m();
  P* p = m ? m->p : nullptr;
  TraceEvent e;
  e.ts = ticks();
  e.g = g ? g->id : 0;
  e.other = other;
  e.where = 0;
  e.p = static_cast<int16_t>(p ? p->id : -1);
  e.kind = kind;
  e.reason = reason;
  // The position of the goroutine acting now (the creator, or the one that blocks).
  if (kind == TraceEventKind::GoCreate || kind == TraceEventKind::GoBlock ||
      kind == TraceEventKind::GoSwitch) {
    Scheduler* s = m ? m->sched : nullptr;
    if (s && s->cfg.trace_where && m->curg.load(std::memory_order_relaxed)) {
      e.where = s->cfg.trace_where();
    }
  }
  if (p) {
    uint32_t gen = g_generation.load(std::memory_order_relaxed);
    if (!p->trace || p->trace_gen != gen || p->trace->used == TraceChunk::kEvents) {
      p->trace = new_chunk();
      p->trace_gen = gen;
    }
    p->trace->events[p->trace->used++] = e;
    return;
  }
  std::lock_guard lk(g_trace_mu);
  if (!g_outside || g_outside->used == TraceChunk::kEvents) g_outside = new_chunk_locked();
  g_outside->events[g_outside->used++] = e;
}

}  // namespace detail

void trace_start() {
  {
    std::lock_guard lk(detail::g_trace_mu);
    size_t want = static_cast<size_t>(std::min(num_cpu(), 16)) + detail::kSpareChunks;
    while (detail::g_spare.size() < want) detail::g_spare.push_back(detail::map_chunk());
    detail::g_refill_quit = false;
  }
  detail::g_refiller = std::thread(detail::refill);
  detail::g_generation.fetch_add(1, std::memory_order_relaxed);
  detail::g_start_ns = nanotime();
  detail::g_start_ticks = detail::ticks();
  detail::g_tracing.store(true, std::memory_order_release);
}

std::vector<TraceEvent> trace_stop() {
  detail::g_tracing.store(false, std::memory_order_release);
  {
    std::lock_guard lk(detail::g_trace_mu);
    detail::g_refill_quit = true;
  }
  detail::g_refill_cv.notify_one();
  if (detail::g_refiller.joinable()) detail::g_refiller.join();
  int64_t end_ticks = detail::ticks(), end_ns = nanotime();
  double ns_per_tick = end_ticks > detail::g_start_ticks
                           ? static_cast<double>(end_ns - detail::g_start_ns) /
                                 static_cast<double>(end_ticks - detail::g_start_ticks)
                           : 1.0;
  std::vector<TraceEvent> all;
  {
    std::lock_guard lk(detail::g_trace_mu);
    size_t n = 0;
    for (detail::TraceChunk* c : detail::g_chunks) n += c->used;
    all.reserve(n);
    for (detail::TraceChunk* c : detail::g_chunks) {
      all.insert(all.end(), c->events, c->events + c->used);
      munmap(c, detail::TraceChunk::kBytes);
    }
    detail::g_chunks.clear();
    detail::g_outside = nullptr;
  }
  for (TraceEvent& e : all) {
    e.ts = static_cast<int64_t>(static_cast<double>(e.ts - detail::g_start_ticks) * ns_per_tick);
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const TraceEvent& a, const TraceEvent& b) { return a.ts < b.ts; });
  return all;
}

}  // namespace gol::rt
