// Blocking calls run on helper threads: other goroutines keep running at MAXPROCS 1, results
// come back, and a call in flight is not a deadlock.
#include <unistd.h>

#include <atomic>
#include <string>

#include "runtime/proc_internal.h"
#include "runtime/test_util.h"

namespace gol::rt {
namespace {

using testing::run;

TEST(Blocking, DoesNotBlockScheduler) {
  run(1, [] {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    std::atomic<long> ticks{0};
    std::atomic<bool> stop{false};
    WaitGroup spinning;
    EXPECT_TRUE(spinning.add(1));
    go([&] {
      while (!stop) {
        ticks++;
        yield();
      }
      EXPECT_TRUE(spinning.done());
    });
    go([&] {
      sleep(30'000'000);
      EXPECT_EQ(write(fds[1], "hi", 2), 2);
    });
    char buf[8] = {};
    // The read blocks for ~30 ms on a helper; the spinner and the writer keep running.
    ssize_t n = blocking([&] { return read(fds[0], buf, sizeof buf); });
    EXPECT_EQ(n, 2);
    EXPECT_EQ(std::string(buf, 2), "hi");
    EXPECT_GT(ticks.load(), 10);
    stop = true;
    spinning.wait();  // the spinner reads this frame's variables until it sees stop
    close(fds[0]);
    close(fds[1]);
  });
}

TEST(Blocking, VoidAndOffGoroutine) {
  int x = 0;
  blocking([&] { x = 1; });  // off a goroutine: runs inline
  EXPECT_EQ(x, 1);
  run(2, [] {
    int y = 0;
    blocking([&] { y = 2; });
    EXPECT_EQ(y, 2);
    std::string s = blocking([] { return std::string(100, 'x'); });
    EXPECT_EQ(s.size(), 100u);
  });
}

TEST(Blocking, ManyConcurrentCalls) {
  run(2, [] {
    const int n = 64;
    WaitGroup wg;
    std::atomic<int> sum{0};
    EXPECT_TRUE(wg.add(n));
    for (int i = 0; i < n; i++)
      go([&, i] {
        int v = blocking([i] {
          usleep(2000);
          return i;
        });
        sum += v;
        EXPECT_TRUE(wg.done());
      });
    wg.wait();
    EXPECT_EQ(sum.load(), n * (n - 1) / 2);
  });
}

TEST(Blocking, InFlightIsNotDeadlock) {
  run(1, [] {
    // main is the only goroutine and it is parked in a blocking call: not a deadlock.
    blocking([] { usleep(50'000); });
  });
}

// Once every P has been idle (sysmon then sleeps without a deadline), a goroutine that
// spins on the only P is still preempted: the blocking call's goroutine gets the P back.
// Once a hang of the REPL at --maxprocs 1 after `go func() { for {} }()`.
TEST(Blocking, ASpinnerIsPreemptedAfterEveryPWasIdle) {
  run(1, [] {
    blocking([] { usleep(30'000); });  // the only P idles meanwhile
    std::atomic<bool> stop{false};
    WaitGroup wg;
    EXPECT_TRUE(wg.add(1));
    go([&] {
      while (!stop.load()) preempt_point();
      EXPECT_TRUE(wg.done());
    });
    blocking([] { usleep(30'000); });
    stop = true;
    wg.wait();  // the spinner reads `stop` until it has seen it
  });
}

// A helper thread past debug.SetMaxThreads' limit ends the run as Go's checkmcount does,
// exit status 2, with Go's report.
TEST(Blocking, ThreadLimitEndsTheRun) {
  std::string report;
  Config cfg;
  cfg.maxprocs = 1;
  cfg.write_stderr = [&](const char* text) { report += text; };
  int64_t previous = -1;
  int64_t limit = 0;
  // Static: the helpers still read it after the run (and this test) ended.
  static std::atomic<bool> release;
  release = false;
  ExitInfo e = start(cfg, [&] {
    // No room for another thread, and more calls than there are helpers (earlier tests'
    // helpers are idle now and take the first calls).
    limit = thread_count();
    previous = set_max_threads(limit);
    int calls = static_cast<int>(detail::blocking_helpers()) + 2;
    WaitGroup wg;
    EXPECT_TRUE(wg.add(calls));
    for (int i = 0; i < calls; i++) {
      go([&] {
        blocking([] {
          while (!release) usleep(1000);
        });
        EXPECT_TRUE(wg.done());
      });
    }
    wg.wait();
  });
  release = true;
  set_max_threads(previous);
  EXPECT_EQ(e.kind, ExitKind::Fatal);
  EXPECT_EQ(e.code, 2);
  EXPECT_EQ(report, "runtime: program exceeds " + std::to_string(limit) +
                        "-thread limit\nfatal error: thread exhaustion\n");
}

}  // namespace
}  // namespace gol::rt
