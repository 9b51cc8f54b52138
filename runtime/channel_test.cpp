// Channel semantics: hand-off, buffering, FIFO waiters, close while others wait, errors, nil
// channels, opaque elements, and stress (ring, a million parked receivers, sum checks).
#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

class ChanProcs : public testing::Procs {};
using testing::run;
using testing::scaled;

TEST(Channel, UnbufferedHandOff) {
  run(1, [] {
    Channel<int> c;
    go([&] {
      for (int i = 0; i < 100; i++) EXPECT_EQ(c.send(i), ChanError::None);
    });
    for (int i = 0; i < 100; i++) {
      auto [v, ok] = c.recv();
      EXPECT_TRUE(ok);
      EXPECT_EQ(v, i);
    }
  });
}

TEST(Channel, BufferedFifoLenCap) {
  run(2, [] {
    Channel<int> c(3);
    EXPECT_EQ(c.cap(), 3u);
    EXPECT_EQ(c.send(1), ChanError::None);
    EXPECT_EQ(c.send(2), ChanError::None);
    EXPECT_EQ(c.len(), 2u);
    EXPECT_EQ(c.recv().first, 1);
    EXPECT_EQ(c.send(3), ChanError::None);
    EXPECT_EQ(c.send(4), ChanError::None);
    EXPECT_EQ(c.len(), 3u);
    EXPECT_FALSE(c.try_send(5));
    EXPECT_EQ(c.recv().first, 2);
    EXPECT_EQ(c.recv().first, 3);
    EXPECT_EQ(c.recv().first, 4);
    EXPECT_EQ(c.len(), 0u);
    int x = 0;
    EXPECT_FALSE(c.try_recv(&x).selected);
  });
}

TEST(Channel, BlockedSendersFifo) {
  run(1, [] {
    Channel<int> c;
    Channel<int> started(10);
    for (int i = 0; i < 10; i++) {
      go([&, i] {
        EXPECT_EQ(started.send(i), ChanError::None);
        EXPECT_EQ(c.send(i), ChanError::None);
      });
      started.recv();  // so the senders queue up in order
      yield();
    }
    for (int i = 0; i < 10; i++) EXPECT_EQ(c.recv().first, i);
  });
}

TEST(Channel, CloseDrainsBufferThenZero) {
  run(1, [] {
    Channel<std::string> c(2);
    EXPECT_EQ(c.send("a"), ChanError::None);
    EXPECT_EQ(c.close(), ChanError::None);
    EXPECT_TRUE(c.closed());
    auto [v, ok] = c.recv();
    EXPECT_TRUE(ok);
    EXPECT_EQ(v, "a");
    auto [w, ok2] = c.recv();
    EXPECT_FALSE(ok2);
    EXPECT_EQ(w, "");
    EXPECT_EQ(c.send("b"), ChanError::SendOnClosed);
    EXPECT_EQ(c.close(), ChanError::CloseOfClosed);
    EXPECT_EQ(chan_close(nullptr), ChanError::CloseOfNil);
    EXPECT_STREQ(chan_error_message(ChanError::SendOnClosed), "send on closed channel");
    EXPECT_STREQ(chan_error_message(ChanError::CloseOfClosed), "close of closed channel");
    EXPECT_STREQ(chan_error_message(ChanError::CloseOfNil), "close of nil channel");
  });
}

TEST_P(ChanProcs, CloseWakesWaitingReceivers) {
  run(GetParam(), [] {
    Channel<int> c;
    WaitGroup wg;
    std::atomic<int> closed_seen{0};
    const int n = 50;
    EXPECT_TRUE(wg.add(n));
    for (int i = 0; i < n; i++) {
      go([&] {
        auto [v, ok] = c.recv();
        if (!ok && v == 0) closed_seen++;
        EXPECT_TRUE(wg.done());
      });
    }
    while (list_goroutines().size() < n + 1 || [] {
      for (auto& g : list_goroutines())
        if (g.id != 1 && g.state != GoroutineState::Waiting) return true;
      return false;
    }())
      yield();
    EXPECT_EQ(c.close(), ChanError::None);
    wg.wait();
    EXPECT_EQ(closed_seen.load(), n);
  });
}

TEST_P(ChanProcs, CloseFailsWaitingSenders) {
  run(GetParam(), [] {
    Channel<int> c;
    WaitGroup wg;
    std::atomic<int> failed{0}, sent{0};
    const int n = 50;
    EXPECT_TRUE(wg.add(n));
    for (int i = 0; i < n; i++) {
      go([&, i] {
        ChanError e = c.send(i);
        if (e == ChanError::SendOnClosed)
          failed++;
        else
          sent++;
        EXPECT_TRUE(wg.done());
      });
    }
    for (int i = 0; i < 10; i++) EXPECT_TRUE(c.recv().second);
    sleep(20'000'000);
    EXPECT_EQ(c.close(), ChanError::None);
    wg.wait();
    EXPECT_EQ(sent.load(), 10);
    EXPECT_EQ(failed.load(), n - 10);
  });
}

TEST(Channel, NonBlockingForms) {
  run(1, [] {
    Channel<int> c;
    ChanError e = ChanError::None;
    EXPECT_FALSE(c.try_send(1, &e));  // nobody receiving
    EXPECT_EQ(e, ChanError::None);
    int x = 0;
    EXPECT_FALSE(c.try_recv(&x).selected);
    c.close();
    EXPECT_FALSE(c.try_send(1, &e));
    EXPECT_EQ(e, ChanError::SendOnClosed);
    RecvResult r = c.try_recv(&x);
    EXPECT_TRUE(r.selected);
    EXPECT_FALSE(r.ok);
  });
}

TEST(Channel, TrySendFromOutsideWakesReceiver) {
  Channel<int> c(1);  // buffered: the send cannot fail if the receiver is slow to park
  ExitInfo e = start(2, [&] {
    Timer t(
        [](void* p) {
          ChanError err;
          EXPECT_TRUE(static_cast<Channel<int>*>(p)->try_send(42, &err));
        },
        &c);
    t.reset(nanotime() + 5'000'000);
    EXPECT_EQ(c.recv().first, 42);
  });
  EXPECT_EQ(e.kind, ExitKind::Returned);
}

// Elements are opaque: a 40-byte struct, a refcounted pointer, and an empty type.
struct Blob {
  unsigned char bytes[40];
};

TEST(Channel, OpaqueElements) {
  run(2, [] {
    Channel<Blob> c(4);
    Blob b;
    for (int i = 0; i < 40; i++) b.bytes[i] = static_cast<unsigned char>(i * 3);
    EXPECT_EQ(c.send(b), ChanError::None);
    Blob out = c.recv().first;
    EXPECT_EQ(std::memcmp(&out, &b, sizeof b), 0);

    auto p = std::make_shared<int>(7);
    {
      Channel<std::shared_ptr<int>> pc(8);
      for (int i = 0; i < 5; i++) EXPECT_EQ(pc.send(p), ChanError::None);
      EXPECT_EQ(p.use_count(), 6);
      pc.recv();
      EXPECT_EQ(p.use_count(), 5);
      Channel<std::shared_ptr<int>> un;
      go([&] { EXPECT_EQ(un.send(p), ChanError::None); });
      auto [q, ok] = un.recv();
      EXPECT_TRUE(ok);
      EXPECT_EQ(q.get(), p.get());
    }  // the channel's destructor releases what is still buffered
    EXPECT_EQ(p.use_count(), 1);

    struct Empty {};
    Channel<Empty> ec;
    go([&] { ec.close(); });
    EXPECT_FALSE(ec.recv().second);
  });
}

// What an embedder's collector uses: the buffered elements oldest first (across the ring's
// wrap), and emptying the buffer, which destroys them.
TEST(Channel, ForEachBufferedAndClearBuffer) {
  run(1, [] {
    auto p = std::make_shared<int>(7);
    Channel<std::shared_ptr<int>> c(3);
    EXPECT_EQ(c.send(std::make_shared<int>(1)), ChanError::None);
    c.recv();  // moves the ring's start, so the elements below wrap around
    for (int i = 2; i <= 4; i++) EXPECT_EQ(c.send(std::make_shared<int>(i)), ChanError::None);
    std::vector<int> seen;
    c.for_each_buffered(
        [](void* elem, void* ctx) {
          static_cast<std::vector<int>*>(ctx)->push_back(
              **static_cast<std::shared_ptr<int>*>(elem));
        },
        &seen);
    EXPECT_EQ(seen, (std::vector<int>{2, 3, 4}));
    c.recv();
    EXPECT_EQ(c.send(p), ChanError::None);
    EXPECT_EQ(p.use_count(), 2);
    c.clear_buffer();
    EXPECT_EQ(p.use_count(), 1);
    EXPECT_EQ(c.len(), 0u);
    // The channel works on afterwards.
    EXPECT_EQ(c.send(std::make_shared<int>(9)), ChanError::None);
    EXPECT_EQ(*c.recv().first, 9);
  });
}

TEST_P(ChanProcs, ManySendersReceiversSum) {
  const int procs = GetParam();
  run(procs, [] {
    const long per = scaled(20000, 200);
    const int senders = 8, receivers = 8;
    for (size_t cap : {size_t{0}, size_t{1}, size_t{64}}) {
      Channel<long> c(cap);
      WaitGroup ws, wr;
      std::atomic<long> sum{0}, count{0};
      EXPECT_TRUE(ws.add(senders));
      EXPECT_TRUE(wr.add(receivers));
      for (int s = 0; s < senders; s++)
        go([&, s] {
          for (long i = 1; i <= per; i++) EXPECT_EQ(c.send(i * senders + s), ChanError::None);
          EXPECT_TRUE(ws.done());
        });
      for (int r = 0; r < receivers; r++)
        go([&] {
          long local = 0, n = 0;
          for (;;) {
            auto [v, ok] = c.recv();
            if (!ok) break;
            local += v;
            n++;
          }
          sum += local;
          count += n;
          EXPECT_TRUE(wr.done());
        });
      ws.wait();
      c.close();
      wr.wait();
      long expect = 0;
      for (int s = 0; s < senders; s++)
        for (long i = 1; i <= per; i++) expect += i * senders + s;
      EXPECT_EQ(count.load(), per * senders) << "cap " << cap;
      EXPECT_EQ(sum.load(), expect) << "cap " << cap;
    }
  });
}

TEST_P(ChanProcs, TokenRing) {
  run(GetParam(), [] {
    const long n = scaled(10000, 100);
    std::vector<std::unique_ptr<Channel<long>>> ch;
    for (long i = 0; i <= n; i++) ch.push_back(std::make_unique<Channel<long>>());
    for (long i = 0; i < n; i++)
      go([&, i] {
        auto [v, ok] = ch[i]->recv();
        EXPECT_EQ(ch[i + 1]->send(v + 1), ChanError::None);
      });
    EXPECT_EQ(ch[0]->send(0), ChanError::None);
    EXPECT_EQ(ch[n]->recv().first, n);
  });
}

TEST(Channel, MillionParkedThenReleased) {
  // Under sanitizers every goroutine is also a TSan/ASan fiber: keep the count modest.
  const long n = testing::under_tsan()        ? scaled(1'000'000) / 25
                 : testing::under_sanitizer() ? scaled(1'000'000) / 10
                                              : scaled(1'000'000);
  run(2, [n] {
    Channel<int> c;
    WaitGroup wg;
    std::atomic<long> got{0}, started{0};
    EXPECT_TRUE(wg.add(n));
    for (long i = 0; i < n; i++)
      go([&] {
        started.fetch_add(1, std::memory_order_relaxed);
        auto [v, ok] = c.recv();
        if (!ok) got++;
        EXPECT_TRUE(wg.done());
      });
    while (started.load() < n) sleep(1'000'000);
    // Wait until every one is parked.
    for (;;) {
      long waiting = 0;
      for (auto& g : list_goroutines()) waiting += g.state == GoroutineState::Waiting;
      if (waiting == n) break;
      sleep(20'000'000);
    }
    c.close();
    wg.wait();
    EXPECT_EQ(got.load(), n);
  });
}

TEST(Channel, NilChannelBlocksForever) {
  std::vector<GoroutineInfo> seen;
  Config cfg;
  cfg.maxprocs = 1;
  cfg.on_deadlock = [&](const std::vector<GoroutineInfo>& gs) {
    seen = gs;
    return DeadlockAction::Abort;
  };
  ExitInfo e = start(cfg, [] {
    go([] {
      int x = 1;
      chan_send(nullptr, &x);
    });
    chan_recv(nullptr, nullptr);
  });
  EXPECT_EQ(e.kind, ExitKind::Deadlock);
  EXPECT_EQ(e.code, 2);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].wait_reason, WaitReason::ChanReceiveNilChan);
  EXPECT_EQ(seen[1].wait_reason, WaitReason::ChanSendNilChan);
  EXPECT_EQ(chan_len(nullptr), 0u);
  EXPECT_EQ(chan_cap(nullptr), 0u);
}

INSTANTIATE_TEST_SUITE_P(P, ChanProcs, ::testing::Values(1, 2, 8));

}  // namespace
}  // namespace gol::rt
