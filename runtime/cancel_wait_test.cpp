// cancel_wait: a goroutine withdrawn from a channel operation, a select, a Mutex or a
// WaitGroup never completes that wait, and the values and wake-ups it would have taken go
// to the others.
#include <atomic>
#include <functional>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

struct Withdrawn {};

// Runs main_fn with an on_wait_cancelled that unwinds the goroutine (as the REPL does).
void run_withdrawable(std::function<void()> main_fn, int procs = 2) {
  Config cfg;
  cfg.maxprocs = procs;
  cfg.on_wait_cancelled = [] { throw Withdrawn{}; };
  ExitInfo e = start(cfg, std::move(main_fn));
  EXPECT_EQ(e.kind, ExitKind::Returned);
}

// Starts fn on a goroutine that records whether it was withdrawn; returns its id once it
// is parked.
uint64_t go_parked(std::function<void()> fn, std::atomic<int>* withdrawn, size_t total) {
  uint64_t id = go([fn = std::move(fn), withdrawn] {
    try {
      fn();
    } catch (const Withdrawn&) {
      withdrawn->fetch_add(1);
    }
  });
  testing::wait_until_others_parked(total);
  return id;
}

void wait_for(const std::atomic<int>& n, int want) {
  for (int i = 0; i < 10000 && n.load() < want; ++i) sleep(1'000'000);
}

class CancelWait : public testing::Procs {};

TEST_P(CancelWait, ReceiveTakesNoLaterValue) {
  std::atomic<int> withdrawn{0};
  std::atomic<int> stolen{-1};
  run_withdrawable(
      [&] {
        Channel<int> c;
        uint64_t id = go_parked([&] { stolen = c.recv().first; }, &withdrawn, 2);
        EXPECT_TRUE(cancel_wait(id));
        wait_for(withdrawn, 1);
        EXPECT_EQ(withdrawn.load(), 1);
        go([&] { c.send(42); });
        auto [v, ok] = c.recv();
        EXPECT_TRUE(ok);
        EXPECT_EQ(v, 42);
      },
      GetParam());
  EXPECT_EQ(stolen.load(), -1);
}

TEST_P(CancelWait, SendDeliversNothing) {
  std::atomic<int> withdrawn{0};
  run_withdrawable(
      [&] {
        Channel<int> c;
        uint64_t id = go_parked([&] { c.send(7); }, &withdrawn, 2);
        EXPECT_TRUE(cancel_wait(id));
        wait_for(withdrawn, 1);
        EXPECT_EQ(withdrawn.load(), 1);
        int got = 0;
        EXPECT_FALSE(c.try_recv(&got).ok);
        EXPECT_EQ(got, 0);
        go([&] { c.send(8); });
        EXPECT_EQ(c.recv().first, 8);
      },
      GetParam());
}

TEST_P(CancelWait, SelectTakesNoLaterValue) {
  std::atomic<int> withdrawn{0};
  run_withdrawable(
      [&] {
        Channel<int> a, b;
        uint64_t id = go_parked(
            [&] {
              int x = 0, y = 0;
              SelectCase cases[2] = {{&a, &x, false}, {&b, &y, false}};
              select(cases, 2, true);
            },
            &withdrawn, 2);
        EXPECT_TRUE(cancel_wait(id));
        wait_for(withdrawn, 1);
        EXPECT_EQ(withdrawn.load(), 1);
        go([&] { b.send(5); });
        EXPECT_EQ(b.recv().first, 5);
        go([&] { a.send(6); });
        EXPECT_EQ(a.recv().first, 6);
      },
      GetParam());
}

TEST_P(CancelWait, MutexLockNeverTakesTheLock) {
  std::atomic<int> withdrawn{0};
  std::atomic<bool> locked_by_withdrawn{false};
  run_withdrawable(
      [&] {
        Mutex mu;
        mu.lock();
        uint64_t id = go_parked(
            [&] {
              mu.lock();
              locked_by_withdrawn = true;
            },
            &withdrawn, 2);
        EXPECT_TRUE(cancel_wait(id));
        wait_for(withdrawn, 1);
        mu.unlock();
        std::atomic<int> done{0};
        go([&] {
          mu.lock();
          mu.unlock();
          done = 1;
        });
        wait_for(done, 1);
        EXPECT_EQ(done.load(), 1);
        EXPECT_TRUE(mu.try_lock());
        mu.unlock();
      },
      GetParam());
  EXPECT_FALSE(locked_by_withdrawn.load());
}

// The withdrawn waiter's share of the wake-ups is taken by its placeholder: the next
// round's Wait still waits.
TEST_P(CancelWait, WaitGroupCountsStayRight) {
  std::atomic<int> withdrawn{0};
  run_withdrawable(
      [&] {
        WaitGroup wg;
        EXPECT_TRUE(wg.add(1));
        uint64_t id = go_parked([&] { wg.wait(); }, &withdrawn, 2);
        EXPECT_TRUE(cancel_wait(id));
        wait_for(withdrawn, 1);
        EXPECT_TRUE(wg.done());
        EXPECT_TRUE(wg.add(1));
        std::atomic<int> returned{0};
        go([&] {
          wg.wait();
          returned = 1;
        });
        testing::wait_until_others_parked(2);
        EXPECT_EQ(returned.load(), 0);
        EXPECT_TRUE(wg.done());
        wait_for(returned, 1);
        EXPECT_EQ(returned.load(), 1);
      },
      GetParam());
}

TEST_P(CancelWait, RefusesWhatItCannotWithdraw) {
  std::atomic<int> withdrawn{0};
  run_withdrawable(
      [&] {
        std::atomic<bool> stop{false};
        uint64_t sleeper = go([] { sleep(20'000'000); });
        uint64_t spinner = go([&] {
          while (!stop.load()) yield();
        });
        EXPECT_FALSE(cancel_wait(sleeper));
        EXPECT_FALSE(cancel_wait(spinner));
        EXPECT_FALSE(cancel_wait(current_id()));
        EXPECT_FALSE(cancel_wait(999999));
        stop = true;
        sleep(30'000'000);
      },
      GetParam());
  EXPECT_EQ(withdrawn.load(), 0);
}

TEST(CancelWaitConfig, RefusedWithoutAHook) {
  testing::run(2, [] {
    Channel<int> c;
    uint64_t id = go([&] { c.recv(); });
    testing::wait_until_others_parked(2);
    EXPECT_FALSE(cancel_wait(id));
    c.send(1);
  });
}

INSTANTIATE_TEST_SUITE_P(Procs, CancelWait, ::testing::Values(1, 2, 8));

}  // namespace
}  // namespace gol::rt
