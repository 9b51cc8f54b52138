// Execution tracing (see trace.h for the invariants). Events are written into fixed-size
// chunks (never moved once written) and stamped with the CPU's time-stamp counter, which
// trace_stop converts to nanoseconds from two readings of both clocks.
#include "runtime/trace.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "runtime/proc_internal.h"
#include "runtime/timer.h"

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace gol::rt {

namespace detail {

std::atomic<bool> g_tracing{false};

// 1 MiB of events, mapped with its pages populated at once (cheaper than a fault each).
struct TraceChunk {
  static constexpr uint32_t kEvents = (1u << 20) / sizeof(TraceEvent) - 1;
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
  void* m = mmap(nullptr, sizeof(TraceChunk), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (m == MAP_FAILED) {
    std::fputs("fatal error: out of memory for the trace\n", stderr);
    std::abort();
  }
  auto* c = static_cast<TraceChunk*>(m);
  c->used = 0;
  return c;
}

// Chunks mapped by trace_start, before the run, so that the first events of each P do not
// wait for one (under g_trace_mu).
std::vector<TraceChunk*> g_spare;

TraceChunk* new_chunk_locked() {
  TraceChunk* c;
  if (!g_spare.empty()) {
    c = g_spare.back();
    g_spare.pop_back();
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
    size_t want = static_cast<size_t>(std::min(num_cpu(), 16)) + 1;
    while (detail::g_spare.size() < want) detail::g_spare.push_back(detail::map_chunk());
  }
  detail::g_generation.fetch_add(1, std::memory_order_relaxed);
  detail::g_start_ns = nanotime();
  detail::g_start_ticks = detail::ticks();
  detail::g_tracing.store(true, std::memory_order_release);
}

std::vector<TraceEvent> trace_stop() {
  detail::g_tracing.store(false, std::memory_order_release);
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
      munmap(c, sizeof(detail::TraceChunk));
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
