// stop_the_world: while the world is stopped no other goroutine runs, no timer fires and
// no OutsideAccess proceeds; a stop that cannot complete in time gives up and leaves the
// world running.
#include <atomic>
#include <thread>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

class StopTheWorld : public testing::Procs {};

// Spins for ns without parking or polling (the stopper may not do either).
void busy_wait(int64_t ns) {
  int64_t end = nanotime() + ns;
  while (nanotime() < end) {
  }
}

// Goroutines that count as fast as they can, polling for preemption as the evaluator does.
struct Counters {
  static constexpr int kWorkers = 6;
  std::atomic<int64_t> count[kWorkers] = {};
  std::atomic<bool> quit{false};
  std::atomic<int> done{0};

  void start() {
    for (int i = 0; i < kWorkers; i++) {
      go([this, i] {
        while (!quit.load()) {
          count[i].fetch_add(1, std::memory_order_relaxed);
          if (preempt_requested()) preempt_point();
        }
        done.fetch_add(1);
      });
    }
    // Wait until every worker has run.
    for (int i = 0; i < kWorkers; i++) {
      while (count[i].load() == 0) yield();
    }
  }
  int64_t total() const {
    int64_t t = 0;
    for (const auto& c : count) t += c.load();
    return t;
  }
  void stop() {
    quit.store(true);
    while (done.load() < kWorkers) yield();
  }
};

TEST_P(StopTheWorld, NoOtherGoroutineRunsWhileStopped) {
  testing::run(GetParam(), [] {
    Counters c;
    c.start();
    for (int round = 0; round < 20; round++) {
      ASSERT_TRUE(stop_the_world(10'000'000'000));
      int64_t before = c.total();
      busy_wait(2'000'000);
      EXPECT_EQ(c.total(), before) << "round " << round;
      start_the_world();
      // The workers run again.
      int64_t after = c.total();
      while (c.total() == after) yield();
    }
    c.stop();
  });
}

TEST_P(StopTheWorld, GoroutinesStartedAndReadiedMeanwhileWait) {
  testing::run(GetParam(), [] {
    std::atomic<int> ran{0};
    Channel<int> ch(0);
    go([&] {
      ch.recv();
      ran.fetch_add(1);
    });
    testing::wait_until_others_parked(2);
    ASSERT_TRUE(stop_the_world(10'000'000'000));
    go([&] { ran.fetch_add(1); });
    ch.try_send(1);  // readies the receiver
    busy_wait(5'000'000);
    EXPECT_EQ(ran.load(), 0);
    start_the_world();
    while (ran.load() < 2) yield();
  });
}

// The embedder's collector reads, with the world stopped and without a lock, what other
// goroutines wrote without one. Under ThreadSanitizer this fails if a P given up by an
// idle M (releasep) or a stopped M does not order those writes before the stop.
TEST_P(StopTheWorld, WhatGoroutinesWroteIsSeenWhenStopped) {
  testing::run(GetParam(), [] {
    constexpr int kWorkers = 8;
    int64_t written[kWorkers] = {};  // plain memory: no lock, no atomic
    for (int64_t round = 1; round <= 50; round++) {
      std::atomic<int> finished{0};
      for (int i = 0; i < kWorkers; i++) {
        go([&, i] {
          written[i] = round;
          finished.fetch_add(1, std::memory_order_relaxed);  // orders nothing
        });
      }
      while (finished.load(std::memory_order_relaxed) < kWorkers) yield();
      ASSERT_TRUE(stop_the_world(10'000'000'000));
      for (int i = 0; i < kWorkers; i++) EXPECT_EQ(written[i], round);
      start_the_world();
    }
  });
}

TEST_P(StopTheWorld, ATimerDueWhileStoppedFiresAfterwards) {
  testing::run(GetParam(), [] {
    std::atomic<bool> fired{false};
    Timer t([](void* arg) { static_cast<std::atomic<bool>*>(arg)->store(true); }, &fired);
    ASSERT_TRUE(stop_the_world(10'000'000'000));
    // Armed while stopped, so that it cannot fire before the stop on a loaded machine.
    t.reset(nanotime() + 2'000'000);
    busy_wait(20'000'000);
    EXPECT_FALSE(fired.load());
    start_the_world();
    while (!fired.load()) sleep(1'000'000);
  });
}

TEST_P(StopTheWorld, AGoroutineThatNeverPollsMakesTheStopGiveUp) {
  if (GetParam() == 1) GTEST_SKIP() << "needs a second processor for the spinner";
  testing::run(GetParam(), [] {
    std::atomic<bool> spinning{false}, quit{false};
    go([&] {
      spinning.store(true);
      while (!quit.load()) {
      }
    });
    while (!spinning.load()) yield();
    EXPECT_FALSE(stop_the_world(5'000'000));
    quit.store(true);
    // Nothing stays stopped: another goroutine runs, and a later stop succeeds.
    std::atomic<bool> ran{false};
    go([&] { ran.store(true); });
    while (!ran.load()) yield();
    ASSERT_TRUE(stop_the_world(10'000'000'000));
    start_the_world();
  });
}

TEST_P(StopTheWorld, OutsideAccessWaitsForTheWorldAndTheWorldForIt) {
  testing::run(GetParam(), [] {
    std::atomic<int> phase{0};
    std::thread outsider([&] {
      {
        OutsideAccess access;
        phase.store(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        phase.store(2);
      }
      while (phase.load() != 3) std::this_thread::yield();
      OutsideAccess access;  // blocks until start_the_world
      phase.store(4);
    });
    while (phase.load() != 1) yield();
    ASSERT_TRUE(stop_the_world(10'000'000'000));
    EXPECT_EQ(phase.load(), 2);  // the stop waited for the first access to end
    phase.store(3);
    busy_wait(10'000'000);
    EXPECT_EQ(phase.load(), 3);
    start_the_world();
    outsider.join();
    EXPECT_EQ(phase.load(), 4);
  });
}

INSTANTIATE_TEST_SUITE_P(Procs, StopTheWorld, ::testing::Values(1, 2, 8));

}  // namespace
}  // namespace gol::rt
