// The scheduler: goroutine ids, exit/fatal, yield, MAXPROCS changes while running,
// preemption of a spinning goroutine, stack queries and stack segments, inspection, idle CPU.
#include <sys/resource.h>

#include <atomic>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

using testing::run;
using testing::scaled;
class ProcProcs : public testing::Procs {};

TEST(Proc, MainIsGoroutineOne) {
  run(2, [] {
    EXPECT_TRUE(in_goroutine());
    EXPECT_EQ(current_id(), 1u);
    Channel<uint64_t> c;
    uint64_t id = go([&] { EXPECT_EQ(c.send(current_id()), ChanError::None); });
    EXPECT_EQ(id, 2u);
    EXPECT_EQ(c.recv().first, 2u);
    uint64_t id2 = go([] {});
    EXPECT_EQ(id2, 3u);
  });
  EXPECT_FALSE(in_goroutine());
  EXPECT_EQ(current_id(), 0u);
}

TEST(Proc, FirstUserGoroutineIdConfigurable) {
  Config cfg;
  cfg.maxprocs = 1;
  cfg.first_user_goid = 18;
  ExitInfo e = start(cfg, [] { EXPECT_EQ(go([] {}), 18u); });
  EXPECT_EQ(e.kind, ExitKind::Returned);
}

TEST(Proc, ReturnFromMainAbandonsOthers) {
  std::atomic<bool> ran_after{false};
  ExitInfo e = start(2, [&] {
    auto* never = new Channel<int>;  // outlives main's frame, as Go's GC would keep it
    go([&ran_after, never] {
      never->recv();
      ran_after = true;
    });
    go([] {
      for (;;) {
        if (preempt_requested()) preempt_point();
      }
    });
    yield();
  });
  EXPECT_EQ(e.kind, ExitKind::Returned);
  EXPECT_FALSE(ran_after.load());
  // A second run in the same process works.
  run(1, [] { EXPECT_EQ(current_id(), 1u); });
}

TEST(Proc, ExitFromGoroutine) {
  ExitInfo e = start(2, [] {
    go([] { exit(3); });
    Channel<int> never;
    never.recv();
  });
  EXPECT_EQ(e.kind, ExitKind::Exit);
  EXPECT_EQ(e.code, 3);
  ExitInfo e2 = start(1, [] { exit(0); });
  EXPECT_EQ(e2.kind, ExitKind::Exit);
  EXPECT_EQ(e2.code, 0);
}

TEST(Proc, FatalCallsHook) {
  std::string msg;
  Config cfg;
  cfg.maxprocs = 1;
  cfg.on_fatal = [&](const char* m) { msg = m; };
  ExitInfo e = start(cfg, [] { fatal("concurrent map writes"); });
  EXPECT_EQ(e.kind, ExitKind::Fatal);
  EXPECT_EQ(e.code, 2);
  EXPECT_EQ(msg, "concurrent map writes");
}

TEST(Proc, FatalDefaultMessage) {
  ::testing::internal::CaptureStderr();
  ExitInfo e = start(1, [] { fatal("boom"); });
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(e.kind, ExitKind::Fatal);
  EXPECT_EQ(err, "fatal error: boom\n");
}

TEST_P(ProcProcs, SpawnJoinMany) {
  run(GetParam(), [] {
    const long n = scaled(100000, 2000);
    WaitGroup wg;
    std::atomic<long> sum{0};
    EXPECT_TRUE(wg.add(n));
    for (long i = 0; i < n; i++)
      go([&, i] {
        sum += i;
        EXPECT_TRUE(wg.done());
      });
    wg.wait();
    EXPECT_EQ(sum.load(), n * (n - 1) / 2);
  });
}

TEST(Proc, YieldInterleaves) {
  run(1, [] {
    std::vector<int> order;
    WaitGroup wg;
    EXPECT_TRUE(wg.add(2));
    for (int id = 0; id < 2; id++)
      go([&, id] {
        for (int i = 0; i < 3; i++) {
          order.push_back(id);
          yield();
        }
        EXPECT_TRUE(wg.done());
      });
    wg.wait();
    // As in Go, the last goroutine started runs first (runnext); then they alternate.
    ASSERT_EQ(order.size(), 6u);
    for (size_t i = 1; i < order.size(); i++) EXPECT_NE(order[i], order[i - 1]);
  });
}

TEST(Proc, ParkAndReady) {
  run(2, [] {
    Goroutine* parked = nullptr;
    std::atomic<bool> woke{false};
    Mutex mu;
    Channel<int> done;
    go([&] {
      struct Arg {
        Mutex* mu;
      } a{&mu};
      mu.lock();
      parked = current();
      // The unlock callback runs after the switch: the waker cannot ready us early.
      park(
          WaitReason::Semacquire,
          [](Goroutine*, void* p) {
            static_cast<Arg*>(p)->mu->unlock();
            return true;
          },
          &a);
      woke = true;
      EXPECT_EQ(done.send(1), ChanError::None);
    });
    for (;;) {
      mu.lock();
      bool ok = parked != nullptr;
      mu.unlock();
      if (ok) break;
      yield();
    }
    mu.lock();  // taken only after the callback ran
    mu.unlock();
    auto gs = list_goroutines();
    ASSERT_EQ(gs.size(), 2u);
    EXPECT_EQ(gs[1].state, GoroutineState::Waiting);
    EXPECT_EQ(gs[1].wait_reason, WaitReason::Semacquire);
    EXPECT_FALSE(woke.load());
    ready(parked);
    done.recv();
    EXPECT_TRUE(woke.load());
  });
}

TEST(Proc, ParkCallbackCanCancel) {
  run(1, [] {
    park(
        WaitReason::Semacquire, [](Goroutine*, void*) { return false; }, nullptr);
    SUCCEED();
  });
}

TEST(Proc, MaxprocsChangesWhileRunning) {
  run(2, [] {
    EXPECT_EQ(maxprocs(), 2);
    const int workers = 16;
    const long iters = scaled(200000, 10000);
    std::atomic<long> total{0};
    WaitGroup wg;
    EXPECT_TRUE(wg.add(workers));
    for (int w = 0; w < workers; w++)
      go([&] {
        long local = 0;
        for (long i = 0; i < iters; i++) {
          local++;
          if ((i & 1023) == 0) yield();
          if (preempt_requested()) preempt_point();
        }
        total += local;
        EXPECT_TRUE(wg.done());
      });
    for (int n : {4, 1, 8, 3, 1, 2}) {
      int old = set_maxprocs(n);
      EXPECT_GE(old, 1);
      EXPECT_EQ(maxprocs(), n);
      sleep(2'000'000);
    }
    EXPECT_EQ(set_maxprocs(0), 2);  // query only
    wg.wait();
    EXPECT_EQ(total.load(), workers * iters);
  });
}

// single_proc holds only while a run has had one P from its start: raising GOMAXPROCS
// clears it for good, so lowering it again never brings back unlocked updates while a
// second P's M may still be running a goroutine.
TEST(Proc, SingleProcOnlyUntilMaxprocsGrows) {
  run(1, [] {
    EXPECT_TRUE(single_proc());
    set_maxprocs(1);
    EXPECT_TRUE(single_proc());
    set_maxprocs(2);
    EXPECT_FALSE(single_proc());
    set_maxprocs(1);
    EXPECT_FALSE(single_proc());
  });
  run(2, [] {
    EXPECT_FALSE(single_proc());
    set_maxprocs(1);
    EXPECT_FALSE(single_proc());
  });
  run(1, [] { EXPECT_TRUE(single_proc()); });
}
TEST(Proc, ConcurrentMaxprocsChangesUnderChannelTraffic) {
  run(4, [] {
    std::atomic<bool> stop{false};
    WaitGroup changers;
    EXPECT_TRUE(changers.add(3));
    for (int c = 0; c < 3; c++)
      go([&, c] {
        unsigned x = 12345u + c;
        while (!stop.load()) {
          x = x * 1103515245u + 12345u;
          set_maxprocs(1 + static_cast<int>((x >> 16) % 8));
          sleep(300'000);
        }
        EXPECT_TRUE(changers.done());
      });
    const int pairs = 8;
    const long rounds = scaled(200000, 5000);
    std::atomic<long> total{0};
    WaitGroup wg;
    EXPECT_TRUE(wg.add(2 * pairs));
    std::vector<std::unique_ptr<Channel<long>>> chans;
    for (int i = 0; i < 2 * pairs; i++) chans.push_back(std::make_unique<Channel<long>>(i % 3));
    for (int i = 0; i < pairs; i++) {
      Channel<long>* ab = chans[2 * i].get();
      Channel<long>* ba = chans[2 * i + 1].get();
      go([&, ab, ba] {
        for (long r = 0; r < rounds; r++) {
          EXPECT_EQ(ab->send(r), ChanError::None);
          total += ba->recv().first;
        }
        EXPECT_TRUE(wg.done());
      });
      go([&, ab, ba] {
        for (long r = 0; r < rounds; r++)
          EXPECT_EQ(ba->send(ab->recv().first + 1), ChanError::None);
        EXPECT_TRUE(wg.done());
      });
    }
    wg.wait();
    stop = true;
    changers.wait();
    EXPECT_EQ(total.load(), pairs * (rounds * (rounds - 1) / 2 + rounds));
    set_maxprocs(4);
  });
}

TEST(Proc, PreemptsSpinningGoroutineAtMaxprocs1) {
  run(1, [] {
    std::atomic<bool> stop{false};
    std::atomic<long> polls{0};
    Channel<int> done;
    go([&] {
      // Counts before checking stop: yield() may come straight back to main (from the
      // global queue) before the spinner first runs, and then stop is already set.
      do {
        polls.fetch_add(1, std::memory_order_relaxed);
        if (preempt_requested()) [[unlikely]]
          preempt_point();
      } while (!stop.load(std::memory_order_relaxed));
      EXPECT_EQ(done.send(1), ChanError::None);
    });
    // Waits until the spinner runs; with one processor we get back only if the monitor
    // preempts it.
    while (polls.load(std::memory_order_relaxed) == 0) yield();
    stop = true;
    done.recv();
    EXPECT_GT(polls.load(), 0);
  });
}

TEST(Proc, PingPongPairDoesNotStarveOthersAtMaxprocs1) {
  // Two goroutines handing a value back and forth keep passing the processor to each other
  // through runnext; when their shared 10 ms time slice is over, the rest must run.
  run(1, [] {
    std::atomic<bool> stop{false};
    Channel<int> a, b;
    Channel<int> done(2);
    go([&] {
      while (!stop.load()) {
        EXPECT_EQ(a.send(1), ChanError::None);
        b.recv();
      }
      a.close();
      EXPECT_EQ(done.send(1), ChanError::None);
    });
    go([&] {
      for (;;) {
        if (!a.recv().second) break;
        EXPECT_EQ(b.send(1), ChanError::None);
      }
      EXPECT_EQ(done.send(1), ChanError::None);
    });
    yield();  // the pair runs; main is back only if the pair is made to yield
    stop = true;
    done.recv();
    done.recv();
  });
}

// Each level keeps 256 bytes of its frame live across the call (the empty asm makes the
// pad escape), so an optimising build can neither shrink nor flatten the recursion.
__attribute__((noinline)) int depth_probe(int n, size_t* at_bottom) {
  char pad[256];
  pad[0] = static_cast<char>(n);
  asm volatile("" : : "r"(pad) : "memory");
  if (n == 0) {
    *at_bottom = stack_remaining();
    return pad[0];
  }
  int below = depth_probe(n - 1, at_bottom);
  asm volatile("" : : "r"(pad) : "memory");
  return below + pad[0];
}

TEST(Proc, StackRemaining) {
  run(1, [] {
    size_t top = stack_remaining();
    Stack st = current_stack();
    EXPECT_GT(top, 0u);
    EXPECT_LE(top, st.size);
    EXPECT_GT(top, st.size - 64 * 1024);  // main's frames are near the top
    size_t bottom = 0;
    depth_probe(100, &bottom);
    EXPECT_LT(bottom, top - 100 * 256);
    Channel<size_t> c;
    go([&] {
      Stack s = current_stack();
      EXPECT_EQ(s.size, Config{}.stack_size);
      EXPECT_EQ(c.send(stack_remaining()), ChanError::None);
    });
    size_t g = c.recv().first;
    EXPECT_GT(g, 0u);
    EXPECT_LE(g, Config{}.stack_size);
  });
  EXPECT_GT(stack_remaining(), 0u);  // thread stack off goroutines
}

TEST(Proc, InspectionListsStatesAndWaits) {
  run(2, [] {
    Channel<int> c, d;
    go([&] { c.recv(); });
    go([&] {
      int x = 1;
      d.send(x);
    });
    go([] { sleep(10'000'000'000); });  // abandoned when main returns
    sleep(5'000'000);
    auto gs = testing::wait_until_others_parked(4);
    ASSERT_EQ(gs.size(), 4u);
    EXPECT_EQ(gs[0].id, 1u);
    EXPECT_EQ(gs[0].state, GoroutineState::Running);
    EXPECT_EQ(gs[1].wait_reason, WaitReason::ChanReceive);
    EXPECT_EQ(gs[2].wait_reason, WaitReason::ChanSend);
    EXPECT_EQ(gs[3].wait_reason, WaitReason::Sleep);
    EXPECT_GE(gs[1].waiting_ns, 1'000'000);
    EXPECT_EQ(num_goroutine(), 4u);
    EXPECT_STREQ(wait_reason_string(gs[1].wait_reason), "chan receive");
    c.close();
    d.close();
  });
}

TEST(Proc, UserPointer) {
  run(1, [] {
    int x = 0;
    set_user(&x);
    EXPECT_EQ(user(), &x);
    EXPECT_EQ(user_of(current()), &x);
    go([] { EXPECT_EQ(user(), nullptr); });
    yield();
  });
}

TEST(Proc, GoFromTimerCallback) {
  run(2, [] {
    Channel<int> c(1);
    Timer t(
        [](void* p) {
          go([p] { EXPECT_EQ(static_cast<Channel<int>*>(p)->send(7), ChanError::None); });
        },
        &c);
    t.reset(nanotime() + 1'000'000);
    EXPECT_EQ(c.recv().first, 7);
  });
}

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

TEST(Proc, IdleUsesNoCpu) {
  if (testing::under_sanitizer()) GTEST_SKIP() << "sanitizer runtimes have busy threads";
  run(4, [] {
    Channel<int> c;
    for (int i = 0; i < 8; i++) go([&] { c.recv(); });
    sleep(20'000'000);
    double before = cpu_seconds();
    sleep(300'000'000);  // every goroutine blocked; one timer pending
    double used = cpu_seconds() - before;
    EXPECT_LT(used, 0.03) << "idle CPU over 300 ms";
    c.close();
  });
}

TEST_P(ProcProcs, ParkInsideCatchBlockAndRethrow) {
  // A deferred call that blocks while a panic unwinds: the goroutine parks inside a catch
  // block, may resume on another thread, and `throw;` must still find its exception.
  run(GetParam(), [] {
    const int n = 32;
    WaitGroup wg;
    std::atomic<int> ok{0};
    EXPECT_TRUE(wg.add(n));
    for (int i = 0; i < n; i++)
      go([&, i] {
        try {
          try {
            throw std::runtime_error("panic " + std::to_string(i));
          } catch (...) {
            for (int k = 0; k < 5; k++) {
              sleep(200'000);
              yield();
            }
            EXPECT_EQ(std::uncaught_exceptions(), 0);
            throw;
          }
        } catch (const std::runtime_error& e) {
          if (std::string(e.what()) == "panic " + std::to_string(i)) ok++;
        }
        EXPECT_TRUE(wg.done());
      });
    wg.wait();
    EXPECT_EQ(ok.load(), n);
  });
}

// Recurses n levels of 512 bytes each (kept live as in depth_probe) on whatever stack it
// runs on; returns how deep it went.
__attribute__((noinline)) int recurse_on(int n) {
  char pad[512];
  pad[0] = 1;
  asm volatile("" : : "r"(pad) : "memory");
  if (n == 0) return pad[0];
  int below = recurse_on(n - 1);
  asm volatile("" : : "r"(pad) : "memory");
  return below + pad[0];
}

TEST(Proc, CallOnStackRunsThereAndComesBack) {
  run(1, [] {
    Stack outer = current_stack();
    Stack seg = new_stack_segment(1 << 20);
    EXPECT_GE(seg.size, size_t{1} << 20);
    struct Probe {
      Stack seg;
      Stack seen;
      size_t remaining;
      int depth;
    } probe{seg, {}, 0, 0};
    call_on_stack(
        seg,
        [](void* p) {
          auto* pr = static_cast<Probe*>(p);
          pr->seen = current_stack();
          pr->remaining = stack_remaining();
          // Deeper than a goroutine's own stack allows (512 B a level).
          pr->depth = recurse_on(1000);
        },
        &probe);
    EXPECT_EQ(probe.seen.base, seg.base);
    EXPECT_GT(probe.remaining, seg.size - 16 * 1024);
    EXPECT_EQ(probe.depth, 1001);
    Stack back = current_stack();
    EXPECT_EQ(back.base, outer.base);
    free_stack_segment(seg);
  });
}

TEST(Proc, CallOnStackRethrowsOnTheCaller) {
  run(1, [] {
    Stack own = current_stack();
    Stack seg = new_stack_segment(256 << 10);
    bool caught = false;
    try {
      call_on_stack(
          seg, [](void*) { throw std::runtime_error("from the segment"); }, nullptr);
    } catch (const std::runtime_error& e) {
      caught = std::string(e.what()) == "from the segment";
    }
    EXPECT_TRUE(caught);
    EXPECT_EQ(current_stack().base, own.base);
    // The segment is usable again after the exception.
    int depth = 0;
    call_on_stack(
        seg, [](void* p) { *static_cast<int*>(p) = recurse_on(100); }, &depth);
    EXPECT_EQ(depth, 101);
    free_stack_segment(seg);
  });
}

TEST_P(ProcProcs, CallOnStackParksAndNests) {
  // Goroutines park on their segments (and may resume on other threads), inside a nested
  // segment too; each comes back to its own stack.
  run(GetParam(), [] {
    const int n = 16;
    WaitGroup wg;
    Channel<int> c;
    std::atomic<int> ok{0};
    EXPECT_TRUE(wg.add(n));
    for (int i = 0; i < n; i++)
      go([&] {
        struct Ctx {
          Channel<int>* c;
          Stack inner;
          int got = 0;
        } ctx{&c, new_stack_segment(256 << 10)};
        Stack own = current_stack();
        Stack outer = new_stack_segment(256 << 10);
        call_on_stack(
            outer,
            [](void* p) {
              auto* x = static_cast<Ctx*>(p);
              call_on_stack(
                  x->inner,
                  [](void* q) {
                    auto* y = static_cast<Ctx*>(q);
                    for (int k = 0; k < 3; k++) yield();
                    y->got = y->c->recv().first;
                    if (current_stack().base != y->inner.base) y->got = -1;
                  },
                  x);
            },
            &ctx);
        if (ctx.got == 7 && current_stack().base == own.base) ok++;
        free_stack_segment(ctx.inner);
        free_stack_segment(outer);
        EXPECT_TRUE(wg.done());
      });
    for (int i = 0; i < n; i++) EXPECT_EQ(c.send(7), ChanError::None);
    wg.wait();
    EXPECT_EQ(ok.load(), n);
  });
}

INSTANTIATE_TEST_SUITE_P(P, ProcProcs, ::testing::Values(1, 2, 8));

}  // namespace
}  // namespace gol::rt
