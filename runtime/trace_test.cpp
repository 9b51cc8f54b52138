// Execution tracing: the events of a small run, and none when tracing is off.
#include <algorithm>
#include <vector>

#include "runtime/test_util.h"
#include "runtime/trace.h"

namespace gol::rt {
namespace {

size_t count(const std::vector<TraceEvent>& es, TraceEventKind k, uint64_t g = 0) {
  return static_cast<size_t>(std::count_if(es.begin(), es.end(), [&](const TraceEvent& e) {
    return e.kind == k && (g == 0 || e.g == g);
  }));
}

class Trace : public testing::Procs {};

TEST_P(Trace, RecordsAHandOffBetweenTwoGoroutines) {
  uint64_t receiver = 0, sender = 0;
  Config cfg;
  cfg.maxprocs = GetParam();
  cfg.trace_where = [] { return 42u; };
  trace_start();
  ExitInfo e = start(cfg, [&] {
    Channel<int> c;
    Channel<int> done;
    receiver = go([&] {
      c.recv();
      done.send(1);
    });
    testing::wait_until_others_parked(2);
    sender = go([&] { c.send(7); });
    done.recv();
  });
  std::vector<TraceEvent> es = trace_stop();
  EXPECT_EQ(e.kind, ExitKind::Returned);
  ASSERT_FALSE(es.empty());
  EXPECT_TRUE(std::is_sorted(es.begin(), es.end(),
                             [](const TraceEvent& a, const TraceEvent& b) { return a.ts < b.ts; }));
  // The run's GOMAXPROCS comes first.
  EXPECT_EQ(es[0].kind, TraceEventKind::Procs);
  EXPECT_EQ(es[0].other, static_cast<uint64_t>(GetParam()));
  EXPECT_EQ(count(es, TraceEventKind::GoCreate, receiver), 1u);
  EXPECT_EQ(count(es, TraceEventKind::GoCreate, sender), 1u);
  EXPECT_EQ(count(es, TraceEventKind::GoEnd, receiver), 1u);
  EXPECT_EQ(count(es, TraceEventKind::GoEnd, sender), 1u);
  // Started, then woken: GoStart, or GoSwitch from the goroutine that parked before it.
  size_t starts = count(es, TraceEventKind::GoStart, receiver);
  for (const TraceEvent& ev : es) {
    starts += ev.kind == TraceEventKind::GoSwitch && ev.other == receiver;
  }
  EXPECT_GE(starts, 2u);
  bool blocked = false, handedOff = false;
  for (const TraceEvent& ev : es) {
    if (ev.kind == TraceEventKind::GoCreate && ev.g == receiver) {
      EXPECT_EQ(ev.other, 1u);  // by main
      EXPECT_EQ(ev.where, 42u);
    }
    bool parked = ev.kind == TraceEventKind::GoBlock || ev.kind == TraceEventKind::GoSwitch;
    if (parked && ev.g == receiver && ev.reason == WaitReason::ChanReceive) {
      blocked = true;
      EXPECT_EQ(ev.where, 42u);
      EXPECT_GE(ev.p, 0);
      EXPECT_LT(ev.p, GetParam());
    }
    if (ev.kind == TraceEventKind::GoUnblock && ev.g == receiver && ev.other == sender) {
      handedOff = blocked;  // woken by the sender, after it blocked
    }
  }
  EXPECT_TRUE(blocked);
  EXPECT_TRUE(handedOff);
}

TEST(TraceOff, RecordsNothing) {
  trace_start();
  (void)trace_stop();
  testing::run(2, [] {
    Channel<int> c;
    go([&] { c.send(1); });
    c.recv();
  });
  trace_start();
  EXPECT_EQ(trace_stop().size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Procs, Trace, ::testing::Values(1, 2, 8));

}  // namespace
}  // namespace gol::rt
