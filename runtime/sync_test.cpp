// sync: Mutex, RWMutex, WaitGroup, Once, Cond under contention at MAXPROCS 1, 2 and 8, and
// their errors (negative WaitGroup counter, unlock of unlocked mutex).
#include <atomic>
#include <stdexcept>
#include <string>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

using testing::run;
using testing::scaled;
class SyncProcs : public testing::Procs {};

// 16 goroutines increment a plain counter under mu, holding the lock across a switch now
// and then; `unlock` releases it. Checks that no increment was lost.
template <typename Unlock>
void countUnderMutex(Mutex& mu, Unlock unlock) {
  long counter = 0;  // plain: the mutex must make this race-free
  const int workers = 16;
  const long iters = scaled(20000, 500);
  WaitGroup wg;
  EXPECT_TRUE(wg.add(workers));
  for (int w = 0; w < workers; w++)
    go([&] {
      for (long i = 0; i < iters; i++) {
        mu.lock();
        counter++;
        if ((i & 63) == 0) yield();
        unlock();
      }
      EXPECT_TRUE(wg.done());
    });
  wg.wait();
  EXPECT_EQ(counter, workers * iters);
}

TEST_P(SyncProcs, MutexContended) {
  run(GetParam(), [] {
    Mutex mu;
    countUnderMutex(mu, [&] { mu.unlock(); });
    EXPECT_TRUE(mu.try_lock());
    EXPECT_FALSE(mu.try_lock());
    mu.unlock();
  });
}

// The fast path of Unlock (what the evaluator does for sync.Mutex): it unlocks a mutex
// nobody waits for, and leaves a mutex with waiters, or an unlocked one, to unlock(). A
// waiter it failed to wake would hang this test.
TEST_P(SyncProcs, MutexUnlockUnwaited) {
  const int procs = GetParam();
  run(procs, [procs] {
    Mutex mu;
    EXPECT_FALSE(mu.try_unlock_unwaited());
    mu.lock();
    EXPECT_TRUE(mu.try_unlock_unwaited());
    EXPECT_TRUE(mu.try_lock());
    EXPECT_TRUE(mu.try_unlock_unwaited());
    std::atomic<long> slow{0};
    countUnderMutex(mu, [&] {
      if (!mu.try_unlock_unwaited()) {
        slow.fetch_add(1);
        mu.unlock();
      }
    });
    // On one M the holder's yield always lets another goroutine wait for the lock; with
    // more, a waiter may spin until it is free instead.
    if (procs == 1) EXPECT_GT(slow.load(), 0);
  });
}

TEST_P(SyncProcs, RWMutexReadersAndWriters) {
  run(GetParam(), [] {
    RWMutex rw;
    long value = 0;
    std::atomic<int> readers_in{0}, writers_in{0};
    std::atomic<bool> violated{false};
    const int readers = 12, writers = 4;
    const long iters = scaled(5000, 200);
    WaitGroup wg;
    EXPECT_TRUE(wg.add(readers + writers));
    for (int r = 0; r < readers; r++)
      go([&] {
        for (long i = 0; i < iters; i++) {
          rw.rlock();
          readers_in++;
          if (writers_in.load() != 0) violated = true;
          volatile long v = value;
          (void)v;
          if ((i & 31) == 0) yield();
          readers_in--;
          rw.runlock();
        }
        EXPECT_TRUE(wg.done());
      });
    for (int w = 0; w < writers; w++)
      go([&] {
        for (long i = 0; i < iters; i++) {
          rw.lock();
          if (writers_in.fetch_add(1) != 0 || readers_in.load() != 0) violated = true;
          value++;
          if ((i & 31) == 0) yield();
          writers_in--;
          rw.unlock();
        }
        EXPECT_TRUE(wg.done());
      });
    wg.wait();
    EXPECT_FALSE(violated.load());
    EXPECT_EQ(value, writers * iters);
    EXPECT_TRUE(rw.try_rlock());
    EXPECT_FALSE(rw.try_lock());
    rw.runlock();
    EXPECT_TRUE(rw.try_lock());
    EXPECT_FALSE(rw.try_rlock());
    rw.unlock();
  });
}

TEST_P(SyncProcs, WaitGroupManyWaiters) {
  run(GetParam(), [] {
    WaitGroup wg, waiters_done;
    const int n = 100, waiters = 10;
    std::atomic<int> finished{0};
    EXPECT_TRUE(wg.add(n));
    EXPECT_TRUE(waiters_done.add(waiters));
    for (int i = 0; i < waiters; i++)
      go([&] {
        wg.wait();
        EXPECT_EQ(finished.load(), n);
        EXPECT_TRUE(waiters_done.done());
      });
    for (int i = 0; i < n; i++)
      go([&] {
        yield();
        finished++;
        EXPECT_TRUE(wg.done());
      });
    waiters_done.wait();
    EXPECT_EQ(wg.counter(), 0);
    wg.wait();  // zero: returns at once
  });
}

TEST(Sync, WaitGroupNegativeCounter) {
  run(1, [] {
    WaitGroup wg;
    EXPECT_TRUE(wg.add(1));
    EXPECT_TRUE(wg.done());
    EXPECT_FALSE(wg.done());
    EXPECT_STREQ(kNegativeWaitGroupCounter, "sync: negative WaitGroup counter");
  });
}

TEST_P(SyncProcs, OnceRunsOnce) {
  run(GetParam(), [] {
    Once once;
    std::atomic<int> calls{0}, after{0};
    WaitGroup wg;
    const int n = 50;
    EXPECT_TRUE(wg.add(n));
    for (int i = 0; i < n; i++)
      go([&] {
        once.call([&] {
          sleep(1'000'000);
          calls++;
        });
        if (calls.load() == 1) after++;  // everyone sees f finished
        EXPECT_TRUE(wg.done());
      });
    wg.wait();
    EXPECT_EQ(calls.load(), 1);
    EXPECT_EQ(after.load(), n);
    EXPECT_TRUE(once.done());
  });
}

TEST(Sync, OncePanicCountsAsDone) {
  run(1, [] {
    Once once;
    EXPECT_THROW(once.call([] { throw std::runtime_error("panic"); }), std::runtime_error);
    int calls = 0;
    once.call([&] { calls++; });
    EXPECT_EQ(calls, 0);
  });
}

TEST_P(SyncProcs, CondSignalBroadcast) {
  run(GetParam(), [] {
    Mutex mu;
    Cond cond;
    int ready_count = 0;
    bool go_flag = false;
    const int n = 20;
    WaitGroup wg;
    EXPECT_TRUE(wg.add(n));
    for (int i = 0; i < n; i++)
      go([&] {
        mu.lock();
        ready_count++;
        while (!go_flag) cond.wait(mu);
        mu.unlock();
        EXPECT_TRUE(wg.done());
      });
    for (;;) {
      mu.lock();
      bool all = ready_count == n;
      mu.unlock();
      if (all) break;
      sleep(1'000'000);
    }
    mu.lock();
    go_flag = true;
    cond.broadcast();
    mu.unlock();
    wg.wait();

    // signal wakes one waiter at a time
    int tokens = 0, consumed = 0;
    const int m = 10;
    WaitGroup w2;
    EXPECT_TRUE(w2.add(m));
    for (int i = 0; i < m; i++)
      go([&] {
        mu.lock();
        while (tokens == 0) cond.wait(mu);
        tokens--;
        consumed++;
        mu.unlock();
        EXPECT_TRUE(w2.done());
      });
    for (int i = 0; i < m; i++) {
      mu.lock();
      tokens++;
      cond.signal();
      mu.unlock();
      yield();
    }
    w2.wait();
    EXPECT_EQ(consumed, m);
    cond.signal();  // no waiters: no-op
  });
}

TEST(Sync, UnlockOfUnlockedMutexIsFatal) {
  std::string msg;
  Config cfg;
  cfg.maxprocs = 1;
  cfg.on_fatal = [&](const char* m) { msg = m; };
  ExitInfo e = start(cfg, [] {
    Mutex mu;
    mu.unlock();
  });
  EXPECT_EQ(e.kind, ExitKind::Fatal);
  EXPECT_EQ(e.code, 2);
  EXPECT_EQ(msg, "sync: unlock of unlocked mutex");

  ExitInfo e2 = start(cfg, [] {
    RWMutex rw;
    rw.runlock();
  });
  EXPECT_EQ(e2.kind, ExitKind::Fatal);
  EXPECT_EQ(msg, "sync: RUnlock of unlocked RWMutex");
  ExitInfo e3 = start(cfg, [] {
    RWMutex rw;
    rw.unlock();
  });
  EXPECT_EQ(e3.kind, ExitKind::Fatal);
  EXPECT_EQ(msg, "sync: Unlock of unlocked RWMutex");
}

TEST_P(SyncProcs, SemaphoreHandOff) {
  run(GetParam(), [] {
    std::atomic<uint32_t> sem{0};
    const int n = 200;
    std::atomic<int> got{0};
    WaitGroup wg;
    EXPECT_TRUE(wg.add(n));
    for (int i = 0; i < n; i++)
      go([&] {
        semacquire(&sem, WaitReason::Semacquire);
        got++;
        EXPECT_TRUE(wg.done());
      });
    for (int i = 0; i < n; i++) semrelease(&sem);
    wg.wait();
    EXPECT_EQ(got.load(), n);
    EXPECT_EQ(sem.load(), 0u);
  });
}

INSTANTIATE_TEST_SUITE_P(P, SyncProcs, ::testing::Values(1, 2, 8));

}  // namespace
}  // namespace gol::rt
