// Deadlock detection: every kind Go names, the default report, and the things that are not
// a deadlock (a sleeper, a blocking call in flight, an external waker).
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

using testing::run;

// Runs main with a capturing deadlock handler; returns the reported goroutines.
std::vector<GoroutineInfo> deadlock_of(std::function<void()> main_fn, int procs = 2) {
  std::vector<GoroutineInfo> seen;
  Config cfg;
  cfg.maxprocs = procs;
  cfg.on_deadlock = [&](const std::vector<GoroutineInfo>& gs) {
    seen = gs;
    return DeadlockAction::Abort;
  };
  ExitInfo e = start(cfg, std::move(main_fn));
  EXPECT_EQ(e.kind, ExitKind::Deadlock);
  EXPECT_EQ(e.code, 2);
  return seen;
}

std::string reason_of(const std::vector<GoroutineInfo>& gs, size_t i) {
  return i < gs.size() ? wait_reason_string(gs[i].wait_reason) : "<missing>";
}

TEST(Deadlock, ChanReceive) {
  auto gs = deadlock_of([] {
    Channel<int> c;
    c.recv();
  });
  ASSERT_EQ(gs.size(), 1u);
  EXPECT_EQ(gs[0].id, 1u);
  EXPECT_EQ(reason_of(gs, 0), "chan receive");
}

TEST(Deadlock, ChanSend) {
  auto gs = deadlock_of([] {
    Channel<int> c;
    c.send(1);
  });
  EXPECT_EQ(reason_of(gs, 0), "chan send");
}

TEST(Deadlock, NilChannels) {
  auto gs = deadlock_of([] {
    go([] { chan_recv(nullptr, nullptr); });
    int x = 0;
    chan_send(nullptr, &x);
  });
  ASSERT_EQ(gs.size(), 2u);
  EXPECT_EQ(reason_of(gs, 0), "chan send (nil chan)");
  EXPECT_EQ(reason_of(gs, 1), "chan receive (nil chan)");
}

TEST(Deadlock, Select) {
  auto gs = deadlock_of([] {
    Channel<int> a, b;
    go([] { select(nullptr, 0, true); });
    int x;
    SelectCase cs[] = {{&a, &x, false}, {&b, &x, true}};
    select(cs, 2, true);
  });
  ASSERT_EQ(gs.size(), 2u);
  EXPECT_EQ(reason_of(gs, 0), "select");
  EXPECT_EQ(reason_of(gs, 1), "select (no cases)");
}

TEST(Deadlock, WaitGroupAndMutex) {
  auto gs = deadlock_of([] {
    auto* mu = new Mutex;  // outlives the run: the abandoned goroutine still waits on it
    mu->lock();
    go([mu] { mu->lock(); });
    WaitGroup wg;
    EXPECT_TRUE(wg.add(1));
    wg.wait();
  });
  ASSERT_EQ(gs.size(), 2u);
  EXPECT_EQ(reason_of(gs, 0), "sync.WaitGroup.Wait");
  EXPECT_EQ(reason_of(gs, 1), "sync.Mutex.Lock");
}

TEST(Deadlock, RWMutexAndCond) {
  auto gs = deadlock_of([] {
    struct Objs {  // outlive the run: the abandoned goroutines still wait on them
      RWMutex rw;
      Cond cond;
      Mutex mu;
    }* o = new Objs;
    o->rw.lock();
    go([o] { o->rw.rlock(); });
    go([o] {
      o->mu.lock();
      o->cond.wait(o->mu);
    });
    sleep(5'000'000);
    o->rw.lock();
  });
  ASSERT_EQ(gs.size(), 3u);
  EXPECT_EQ(reason_of(gs, 0), "sync.RWMutex.Lock");
  EXPECT_EQ(reason_of(gs, 1), "sync.RWMutex.RLock");
  EXPECT_EQ(reason_of(gs, 2), "sync.Cond.Wait");
}

TEST(Deadlock, AfterSleepersFinish) {
  // Not a deadlock while a goroutine sleeps; one once it wakes and blocks.
  int64_t t0 = nanotime();
  auto gs = deadlock_of([] {
    Channel<int> c;
    go([] { sleep(50'000'000); });
    c.recv();
  });
  EXPECT_GE(nanotime() - t0, 50'000'000);
  ASSERT_EQ(gs.size(), 1u);
  EXPECT_EQ(reason_of(gs, 0), "chan receive");
}

TEST(Deadlock, SleepReasonInReport) {
  // A sleeper shows as "sleep" in inspection (and reports), though it is never deadlocked.
  run(1, [] {
    go([] { sleep(10'000'000'000); });  // abandoned when main returns
    auto gs = testing::wait_until_others_parked(2);
    ASSERT_EQ(gs.size(), 2u);
    EXPECT_STREQ(wait_reason_string(gs[1].wait_reason), "sleep");
  });
}

// The REPL's :goroutines shows how long a sleep has left.
TEST(Deadlock, ListShowsTheTimeASleepHasLeft) {
  run(1, [] {
    WaitGroup wg;
    EXPECT_TRUE(wg.add(1));
    uint64_t id = go([&] {
      sleep(1'000'000'000);
      EXPECT_TRUE(wg.done());
    });
    sleep(20'000'000);
    bool seen = false;
    for (const GoroutineInfo& g : list_goroutines()) {
      if (g.id != id) continue;
      seen = true;
      EXPECT_EQ(g.wait_reason, WaitReason::Sleep);
      EXPECT_GT(g.sleep_left_ns, 0);  // a loaded machine may have let much of it pass
      EXPECT_LE(g.sleep_left_ns, 1'000'000'000);
    }
    EXPECT_TRUE(seen);
    for (const GoroutineInfo& g : list_goroutines()) {
      if (g.id == 1) EXPECT_EQ(g.sleep_left_ns, 0);  // main, running
    }
    wg.wait();
  });
}

TEST(Deadlock, DefaultReport) {
  ::testing::internal::CaptureStderr();
  ExitInfo e = start(1, [] {
    Channel<int> c;
    go([&] { c.send(1); });
    go([&] { c.send(2); });
    sleep(1'000'000);
    Channel<int> d;
    d.recv();
  });
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(e.kind, ExitKind::Deadlock);
  EXPECT_EQ(err,
            "fatal error: all goroutines are asleep - deadlock!\n\n"
            "goroutine 1 [chan receive]:\n\n"
            "goroutine 2 [chan send]:\n\n"
            "goroutine 3 [chan send]:\n");
}

TEST(Deadlock, HandlerMayContinue) {
  Channel<int>* cp = nullptr;
  int calls = 0;
  Config cfg;
  cfg.maxprocs = 1;
  cfg.on_deadlock = [&](const std::vector<GoroutineInfo>&) {
    calls++;
    cp->close();  // e.g. the REPL interrupting a blocked statement
    return DeadlockAction::Continue;
  };
  ExitInfo e = start(cfg, [&] {
    Channel<int> c;
    cp = &c;
    EXPECT_FALSE(c.recv().second);
  });
  EXPECT_EQ(e.kind, ExitKind::Returned);
  EXPECT_EQ(calls, 1);
}

TEST(Deadlock, ExternalWakerPreventsReport) {
  run(2, [] {
    Channel<int> c(1);
    add_external_waker();  // e.g. the REPL's input reader
    std::thread t([&] {
      usleep(50'000);
      ChanError err;
      EXPECT_TRUE(c.try_send(5, &err));
      remove_external_waker();
    });
    EXPECT_EQ(c.recv().first, 5);
    t.join();
  });
}

}  // namespace
}  // namespace gol::rt
