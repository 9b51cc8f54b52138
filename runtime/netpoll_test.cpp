// The network poller: a goroutine parked on a socket wakes when data arrives, other
// goroutines keep running meanwhile (even at MAXPROCS 1), unregistering wakes waiters, and
// waiting on the network is not a deadlock.
#include "runtime/netpoll.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <string>
#include <thread>
#include <vector>

#include "runtime/test_util.h"

namespace gol::rt {
namespace {

using testing::run;

void socket_pair(int fds[2]) {
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
  ASSERT_TRUE(poll_register(fds[0]));
  ASSERT_TRUE(poll_register(fds[1]));
}

void close_pair(int fds[2]) {
  for (int i = 0; i < 2; ++i) {
    poll_unregister(fds[i]);
    close(fds[i]);
  }
}

// Reads exactly n bytes, parking on EAGAIN.
std::string read_n(int fd, size_t n) {
  std::string out;
  char buf[256];
  while (out.size() < n) {
    ssize_t k = read(fd, buf, std::min(sizeof buf, n - out.size()));
    if (k > 0) {
      out.append(buf, static_cast<size_t>(k));
    } else if (k < 0 && errno == EAGAIN) {
      if (!wait_read(fd)) break;
    } else {
      break;
    }
  }
  return out;
}

void write_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t k = write(fd, s.data() + off, s.size() - off);
    if (k > 0) {
      off += static_cast<size_t>(k);
    } else if (k < 0 && errno == EAGAIN) {
      if (!wait_write(fd)) return;
    } else {
      return;
    }
  }
}

TEST(Netpoll, ReaderParksAndWakes) {
  run(1, [] {
    int fds[2];
    socket_pair(fds);
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
      write_all(fds[1], "hello");
    });
    // The read parks ~30 ms; at MAXPROCS 1 the spinner and the writer keep running.
    EXPECT_EQ(read_n(fds[0], 5), "hello");
    EXPECT_GT(ticks.load(), 10);
    stop = true;
    spinning.wait();  // the spinner reads this frame's variables until it sees stop
    close_pair(fds);
  });
}

TEST(Netpoll, WaitingOnTheNetworkIsNotADeadlock) {
  // Nothing but a goroutine parked on a socket: the run must wait for the writer thread
  // (outside the runtime), not report a deadlock.
  int fds[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
  std::thread writer([&] {
    usleep(50'000);
    EXPECT_EQ(write(fds[1], "x", 1), 1);
  });
  ExitInfo e = start(1, [&] { EXPECT_EQ(read_n(fds[0], 1), "x"); });
  writer.join();
  EXPECT_EQ(e.kind, ExitKind::Returned);
  poll_unregister(fds[0]);
  close(fds[0]);
  close(fds[1]);
}

TEST(Netpoll, UnregisterWakesWaiter) {
  run(2, [] {
    int fds[2];
    socket_pair(fds);
    Channel<int> done(0);
    go([&] {
      bool ok = wait_read(fds[0]);
      done.send(ok ? 1 : 0);
    });
    sleep(10'000'000);
    poll_unregister(fds[0]);
    EXPECT_EQ(done.recv().first, 0);
    close_pair(fds);
  });
}

TEST(Netpoll, ManyPingPongs) {
  for (int procs : {1, 2}) {
    run(procs, [] {
      const int pairs = 16, rounds = static_cast<int>(testing::scaled(200, 10));
      WaitGroup wg;
      EXPECT_TRUE(wg.add(pairs * 2));
      std::atomic<int> good{0};
      std::vector<std::array<int, 2>> all(pairs);
      for (int p = 0; p < pairs; ++p) {
        int* fds = all[static_cast<size_t>(p)].data();
        socket_pair(fds);
        go([&, fds] {
          for (int r = 0; r < rounds; ++r) {
            write_all(fds[0], "ping");
            if (read_n(fds[0], 4) == "pong") good++;
          }
          EXPECT_TRUE(wg.done());
        });
        go([&, fds] {
          for (int r = 0; r < rounds; ++r) {
            if (read_n(fds[1], 4) == "ping") good++;
            write_all(fds[1], "pong");
          }
          EXPECT_TRUE(wg.done());
        });
      }
      wg.wait();
      EXPECT_EQ(good.load(), pairs * rounds * 2);
      for (auto& fds : all) close_pair(fds.data());
    });
  }
}

TEST(Netpoll, LargeTransferFillsTheSocketBuffer) {
  run(1, [] {
    int fds[2];
    socket_pair(fds);
    const std::string big(4 << 20, 'z');  // far more than a socket buffer: the writer parks
    go([&] { write_all(fds[1], big); });
    EXPECT_EQ(read_n(fds[0], big.size()), big);
    close_pair(fds);
  });
}

}  // namespace
}  // namespace gol::rt
