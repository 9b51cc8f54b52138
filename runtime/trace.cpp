// Execution tracing (see trace.h for the invariants).
#include "runtime/trace.h"

#include <algorithm>
#include <mutex>

#include "runtime/proc_internal.h"
#include "runtime/timer.h"

namespace gol::rt {

namespace detail {

std::atomic<bool> g_tracing{false};

namespace {

std::atomic<int64_t> g_trace_base{0};
// Every P buffer ever made (never freed: a P of a finished run may still point at its
// own), and the buffer of events on threads without a P; both under g_trace_mu.
std::mutex g_trace_mu;
std::vector<std::vector<TraceEvent>*> g_trace_buffers;
std::vector<TraceEvent> g_trace_outside;

}  // namespace

void trace_event(TraceEventKind kind, G* g, uint64_t other, WaitReason reason) {
  M* m = this_m();
  P* p = m ? m->p : nullptr;
  TraceEvent e{};
  e.ts = nanotime() - g_trace_base.load(std::memory_order_relaxed);
  e.g = g ? g->id : 0;
  e.other = other;
  e.p = p ? p->id : -1;
  e.m = m ? m->id : -1;
  e.kind = kind;
  e.reason = reason;
  // The position of the goroutine acting now (the creator, or the one that blocks).
  if (kind == TraceEventKind::GoCreate || kind == TraceEventKind::GoBlock) {
    Scheduler* s = m ? m->sched : nullptr;
    if (s && s->cfg.trace_where && m->curg.load(std::memory_order_relaxed)) {
      e.where = s->cfg.trace_where();
    }
  }
  if (p) {
    if (!p->trace) {
      p->trace = new std::vector<TraceEvent>;
      p->trace->reserve(4096);
      std::lock_guard lk(g_trace_mu);
      g_trace_buffers.push_back(p->trace);
    }
    p->trace->push_back(e);
    return;
  }
  std::lock_guard lk(g_trace_mu);
  g_trace_outside.push_back(e);
}

}  // namespace detail

void trace_start() {
  detail::g_trace_base.store(nanotime(), std::memory_order_relaxed);
  detail::g_tracing.store(true, std::memory_order_release);
}

std::vector<TraceEvent> trace_stop() {
  detail::g_tracing.store(false, std::memory_order_release);
  std::vector<TraceEvent> all;
  std::lock_guard lk(detail::g_trace_mu);
  for (std::vector<TraceEvent>* b : detail::g_trace_buffers) {
    all.insert(all.end(), b->begin(), b->end());
    b->clear();
  }
  all.insert(all.end(), detail::g_trace_outside.begin(), detail::g_trace_outside.end());
  detail::g_trace_outside.clear();
  std::stable_sort(all.begin(), all.end(),
                   [](const TraceEvent& a, const TraceEvent& b) { return a.ts < b.ts; });
  return all;
}

}  // namespace gol::rt
