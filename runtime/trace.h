// Execution tracing: what the scheduler did, as events with timestamps (Go's runtime/trace,
// in the small): goroutines created, started on a P and an M, blocked (and why), woken (and
// by whom), yielding, ending; GOMAXPROCS changes. The embedder turns the events into a
// timeline (interpreter/eval/trace_export.cpp: `gol run --trace`).
//
// Invariants: tracing is on between trace_start() and trace_stop(), which are called
// between runs. While it is on, each P's events go to that P's own buffer, written only
// by the M that holds the P (no lock); events on threads without a P (sysmon's timers,
// blocking-call helpers, the embedder's threads) go to one buffer under a mutex. A P
// whose chunk is full takes a spare one, which a refiller thread (running from
// trace_start to trace_stop) keeps mapped ahead. When it is off, each place that would
// record an event costs one relaxed load and a branch.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/wait_reason.h"

namespace gol::rt {

enum class TraceEventKind : uint8_t {
  GoCreate,   // g was created by `other` (0: by no goroutine)
  GoStart,    // g started or resumed running on p, m
  GoBlock,    // g parked: `reason`
  GoSched,    // g yielded or was preempted: runnable again
  GoEnd,      // g returned
  GoUnblock,  // g was made runnable by goroutine `other` (0: from outside a goroutine)
  GoSwitch,   // g parked (`reason`) and goroutine `other` started on the same P at once
  Procs,      // GOMAXPROCS became `other`
};

struct TraceEvent {
  int64_t ts;      // nanoseconds since trace_start
  uint64_t g;      // the goroutine the event is about (0 for Procs)
  uint64_t other;  // see TraceEventKind
  uint32_t where;  // GoCreate, GoBlock: Config::trace_where() on the acting goroutine
  int16_t p;       // the P it was recorded on; -1: none
  TraceEventKind kind;
  WaitReason reason;  // GoBlock
};

// Tracing for the runs that start from now on.
void trace_start();
// Ends tracing; returns every event recorded since trace_start, ordered by time.
std::vector<TraceEvent> trace_stop();

}  // namespace gol::rt
