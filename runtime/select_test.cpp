// select: default, wake-ups by send/receive/close, fairness among ready cases, exactly one
// winner under contention, send on a closed channel, nil cases.
#include <atomic>
#include <vector>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

using testing::run;
using testing::scaled;
class SelectProcs : public testing::Procs {};

TEST(Select, DefaultWhenNothingReady) {
  run(1, [] {
    Channel<int> a, b;
    int x = 0;
    SelectCase cs[] = {{&a, &x, false}, {&b, &x, false}};
    SelectResult r = select(cs, 2, false);
    EXPECT_EQ(r.index, -1);
    SelectResult none = select(nullptr, 0, false);
    EXPECT_EQ(none.index, -1);
  });
}

TEST(Select, ReadyCaseTaken) {
  run(1, [] {
    Channel<int> a(1), b(1);
    EXPECT_EQ(b.send(5), ChanError::None);
    int x = 0;
    SelectCase cs[] = {{&a, &x, false}, {&b, &x, false}};
    SelectResult r = select(cs, 2, true);
    EXPECT_EQ(r.index, 1);
    EXPECT_TRUE(r.recv_ok);
    EXPECT_EQ(x, 5);
    int y = 9;
    SelectCase snd[] = {{&a, &y, true}, {nullptr, &y, true}};
    r = select(snd, 2, true);
    EXPECT_EQ(r.index, 0);
    EXPECT_EQ(r.error, ChanError::None);
    EXPECT_EQ(a.recv().first, 9);
  });
}

TEST_P(SelectProcs, BlockedSelectWokenBySendRecvClose) {
  run(GetParam(), [] {
    Channel<int> a, b, c;
    // woken by a send
    go([&] { EXPECT_EQ(b.send(3), ChanError::None); });
    int x = 0;
    SelectCase cs[] = {{&a, &x, false}, {&b, &x, false}};
    SelectResult r = select(cs, 2, true);
    EXPECT_EQ(r.index, 1);
    EXPECT_EQ(x, 3);
    // woken by a receive of our send case
    int v = 11;
    go([&] { EXPECT_EQ(c.recv().first, 11); });
    SelectCase cs2[] = {{&a, &x, false}, {&c, &v, true}};
    r = select(cs2, 2, true);
    EXPECT_EQ(r.index, 1);
    // woken by a close
    go([&] { a.close(); });
    SelectCase cs3[] = {{&a, &x, false}, {&b, &x, false}};
    r = select(cs3, 2, true);
    EXPECT_EQ(r.index, 0);
    EXPECT_FALSE(r.recv_ok);
  });
}

TEST(Select, SendOnClosedChannel) {
  run(1, [] {
    Channel<int> a;
    a.close();
    int v = 1;
    SelectCase cs[] = {{&a, &v, true}};
    SelectResult r = select(cs, 1, true);
    EXPECT_EQ(r.index, 0);
    EXPECT_EQ(r.error, ChanError::SendOnClosed);
    // A blocked select whose send channel gets closed fails too.
    Channel<int> b;
    go([&] { b.close(); });
    SelectCase cs2[] = {{&b, &v, true}};
    r = select(cs2, 1, true);
    EXPECT_EQ(r.index, 0);
    EXPECT_EQ(r.error, ChanError::SendOnClosed);
  });
}

TEST(Select, FairAmongReadyCases) {
  run(1, [] {
    const int k = 4;
    const long rounds = scaled(100000, 20000);
    std::vector<std::unique_ptr<Channel<int>>> ch;
    for (int i = 0; i < k; i++) {
      ch.push_back(std::make_unique<Channel<int>>(1));
      EXPECT_EQ(ch.back()->send(i), ChanError::None);
    }
    int x = 0;
    std::vector<SelectCase> cs;
    for (int i = 0; i < k; i++) cs.push_back({ch[i].get(), &x, false});
    std::vector<long> hits(k);
    for (long n = 0; n < rounds; n++) {
      SelectResult r = select(cs.data(), cs.size(), true);
      ASSERT_GE(r.index, 0);
      hits[r.index]++;
      EXPECT_EQ(ch[r.index]->send(r.index), ChanError::None);  // refill: all stay ready
    }
    for (int i = 0; i < k; i++) {
      double share = static_cast<double>(hits[i]) / rounds;
      EXPECT_NEAR(share, 1.0 / k, 0.1 / k) << "case " << i;
    }
  });
}

TEST_P(SelectProcs, ExactlyOneCaseWins) {
  run(GetParam(), [] {
    // Each selector waits on two channels; senders put exactly `total` values in. Every value
    // must be received exactly once: a select that won one case must not consume the other.
    const long total = scaled(20000, 1000);
    Channel<long> a, b;
    Channel<long> results(64);
    const int selectors = 8;
    WaitGroup wg;
    EXPECT_TRUE(wg.add(selectors));
    std::atomic<long> received{0}, sum{0};
    std::atomic<bool> stop{false};
    for (int s = 0; s < selectors; s++)
      go([&] {
        for (;;) {
          long x = 0;
          SelectCase cs[] = {{&a, &x, false}, {&b, &x, false}};
          SelectResult r = select(cs, 2, true);
          if (!r.recv_ok) break;
          received++;
          sum += x;
        }
        EXPECT_TRUE(wg.done());
      });
    WaitGroup ws;
    EXPECT_TRUE(ws.add(2));
    for (Channel<long>* c : {&a, &b})
      go([&, c] {
        long start = c == &a ? 1 : 2;
        for (long i = start; i <= total; i += 2) EXPECT_EQ(c->send(i), ChanError::None);
        EXPECT_TRUE(ws.done());
      });
    ws.wait();
    a.close();
    b.close();
    wg.wait();
    EXPECT_EQ(received.load(), total);
    EXPECT_EQ(sum.load(), total * (total + 1) / 2);
    (void)stop;
    (void)results;
  });
}

TEST_P(SelectProcs, SelectSendAndReceivePairs) {
  // Two goroutines select on each other's channels with both send and receive cases.
  run(GetParam(), [] {
    Channel<int> ab, ba;
    const long n = scaled(20000, 1000);
    std::atomic<long> done_ops{0};
    WaitGroup wg;
    EXPECT_TRUE(wg.add(2));
    auto side = [&](Channel<int>* out, Channel<int>* in) {
      long sent = 0, got = 0;
      int v = 1, x = 0;
      while (sent < n || got < n) {
        SelectCase cs[2];
        size_t k = 0;
        if (sent < n) cs[k++] = {out, &v, true};
        if (got < n) cs[k++] = {in, &x, false};
        SelectResult r = select(cs, k, true);
        if (cs[r.index].is_send)
          sent++;
        else
          got++;
      }
      done_ops += sent + got;
      EXPECT_TRUE(wg.done());
    };
    go([&] { side(&ab, &ba); });
    go([&] { side(&ba, &ab); });
    wg.wait();
    EXPECT_EQ(done_ops.load(), 4 * n);
  });
}

TEST(Select, ManyCasesOnHeap) {
  run(2, [] {
    const int k = 40;  // more than the inline arrays hold
    std::vector<std::unique_ptr<Channel<int>>> ch;
    for (int i = 0; i < k; i++) ch.push_back(std::make_unique<Channel<int>>());
    go([&] { EXPECT_EQ(ch[37]->send(37), ChanError::None); });
    int x = 0;
    std::vector<SelectCase> cs;
    for (int i = 0; i < k; i++) cs.push_back({ch[i].get(), &x, false});
    cs.push_back({nullptr, &x, false});  // nil channel case is never ready
    SelectResult r = select(cs.data(), cs.size(), true);
    EXPECT_EQ(r.index, 37);
    EXPECT_EQ(x, 37);
  });
}

TEST_P(SelectProcs, SameChannelInSeveralCases) {
  // Go allows one channel in several cases (even a send and a receive case).
  run(GetParam(), [] {
    Channel<int> c;
    const long n = scaled(5000, 500);
    go([&] {
      for (long i = 0; i < n; i++) EXPECT_EQ(c.send(1), ChanError::None);
      c.close();
    });
    long got = 0;
    int x = 0, y = 0, v = 7;
    Channel<int> other;
    for (;;) {
      SelectCase cs[] = {{&c, &x, false}, {&other, &v, true}, {&c, &y, false}, {&c, &x, false}};
      SelectResult r = select(cs, 4, true);
      ASSERT_NE(r.index, 1);
      if (!r.recv_ok) break;
      got++;
    }
    EXPECT_EQ(got, n);
  });
}

INSTANTIATE_TEST_SUITE_P(P, SelectProcs, ::testing::Values(1, 2, 8));

}  // namespace
}  // namespace gol::rt
