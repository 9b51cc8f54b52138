// Timers: sleep ordering, many sleepers in parallel, one-shot/periodic timers, stop/reset.
#include <atomic>
#include <vector>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

using testing::run;
using testing::scaled;

constexpr int64_t kMs = 1'000'000;

TEST(Timer, SleepOrdering) {
  run(2, [] {
    Mutex mu;
    std::vector<int> order;
    WaitGroup wg;
    const int n = 10;
    EXPECT_TRUE(wg.add(n));
    for (int i = n - 1; i >= 0; i--)
      go([&, i] {
        sleep((i + 1) * 30 * kMs);  // gaps wide enough for a loaded machine under TSan
        mu.lock();
        order.push_back(i);
        mu.unlock();
        EXPECT_TRUE(wg.done());
      });
    wg.wait();
    std::vector<int> want;
    for (int i = 0; i < n; i++) want.push_back(i);
    EXPECT_EQ(order, want);
  });
}

TEST(Timer, SleepDuration) {
  run(1, [] {
    int64_t t0 = nanotime();
    sleep(30 * kMs);
    int64_t dt = nanotime() - t0;
    EXPECT_GE(dt, 30 * kMs);
    EXPECT_LT(dt, 500 * kMs);
    sleep(0);
    sleep(-5);
  });
}

TEST(Timer, ManySleepersFinishTogether) {
  const long n = scaled(10000, 200);
  run(2, [n] {
    WaitGroup wg;
    EXPECT_TRUE(wg.add(n));
    int64_t t0 = nanotime();
    for (long i = 0; i < n; i++)
      go([&] {
        sleep(1000 * kMs);
        EXPECT_TRUE(wg.done());
      });
    wg.wait();
    double secs = (nanotime() - t0) / 1e9;
    EXPECT_GE(secs, 1.0);
    EXPECT_LT(secs, testing::under_sanitizer() ? 6.0 : 2.5);
  });
}

TEST(Timer, OneShotStopReset) {
  run(2, [] {
    std::atomic<int> fired{0};
    auto cb = [](void* p) { static_cast<std::atomic<int>*>(p)->fetch_add(1); };
    Timer t(cb, &fired);
    EXPECT_FALSE(t.pending());
    EXPECT_FALSE(t.reset(nanotime() + 1000 * kMs));  // was not pending
    EXPECT_TRUE(t.pending());
    EXPECT_TRUE(t.stop());  // stopped before firing
    EXPECT_FALSE(t.stop());
    sleep(40 * kMs);
    EXPECT_EQ(fired.load(), 0);
    t.reset(nanotime() + 1000 * kMs);
    EXPECT_TRUE(t.reset(nanotime() + 10 * kMs));  // was pending: moved earlier
    sleep(100 * kMs);
    EXPECT_EQ(fired.load(), 1);
    EXPECT_FALSE(t.pending());
    EXPECT_FALSE(t.stop());  // already fired
  });
}

TEST(Timer, Periodic) {
  run(1, [] {
    Channel<int64_t> ticks(1);
    Timer t(
        [](void* p) {
          ChanError e;
          static_cast<Channel<int64_t>*>(p)->try_send(nanotime(), &e);  // drop if full
        },
        &ticks);
    int64_t t0 = nanotime();
    t.reset(t0 + 10 * kMs, 10 * kMs);
    for (int i = 1; i <= 5; i++) {
      int64_t at = ticks.recv().first;
      EXPECT_GE(at - t0, i * 10 * kMs - kMs);
    }
    EXPECT_TRUE(t.stop());
    sleep(30 * kMs);
    int64_t x;
    ticks.try_recv(&x);  // at most one tick buffered before stop
    EXPECT_FALSE(ticks.try_recv(&x).selected);
  });
}

TEST(Timer, CallbackResetsItself) {
  run(1, [] {
    struct State {
      Timer t;
      std::atomic<int> n{0};
      Channel<int> done{1};
    } st;
    st.t.set_callback(
        [](void* p) {
          auto* s = static_cast<State*>(p);
          if (++s->n < 3)
            s->t.reset(nanotime() + kMs);
          else {
            ChanError e;
            s->done.try_send(1, &e);
          }
        },
        &st);
    st.t.reset(nanotime() + kMs);
    st.done.recv();
    EXPECT_EQ(st.n.load(), 3);
  });
}

TEST(Timer, AfterLikeTimeout) {
  // time.After in a select: the timer's channel wins when nothing else is ready.
  run(2, [] {
    Channel<int> work, after(1);
    Timer t(
        [](void* p) {
          ChanError e;
          static_cast<Channel<int>*>(p)->try_send(1, &e);
        },
        &after);
    t.reset(nanotime() + 10 * kMs);
    int x = 0;
    SelectCase cs[] = {{&work, &x, false}, {&after, &x, false}};
    EXPECT_EQ(select(cs, 2, true).index, 1);
  });
}

}  // namespace
}  // namespace gol::rt
