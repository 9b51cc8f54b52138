// The network poller (see netpoll.h for the invariants).
#include "runtime/netpoll.h"

#include <poll.h>
#include <sys/epoll.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"
#include "runtime/spinlock.h"

namespace gol::rt {
namespace {

struct Waiter {
  detail::G* g = nullptr;
  detail::Scheduler* s = nullptr;
};

struct PollDesc {
  SpinLock lock;  // guards every field below
  uint32_t gen = 0;
  bool registered = false;
  bool closing = false;  // unregistered while a waiter may still look
  bool rready = false;   // a readiness the poller saw with no reader waiting
  bool wready = false;
  Waiter rw, ww;  // the parked reader and writer
};

struct Poller {
  std::mutex mu;  // guards descs
  std::vector<std::unique_ptr<PollDesc>> descs;
  int epfd = -1;
};

Poller& poller();

void wake(const Waiter& w) {
  if (!w.g) return;
  detail::ready_from_outside(w.s, w.g);
  detail::outside_waker_done(w.s);
}

void poller_loop(Poller* p) {
  epoll_event evs[128];
  for (;;) {
    int n = epoll_wait(p->epfd, evs, 128, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::perror("gol runtime: epoll_wait");
      std::abort();
    }
    for (int i = 0; i < n; ++i) {
      int fd = static_cast<int>(evs[i].data.u64 & 0xffffffffu);
      auto gen = static_cast<uint32_t>(evs[i].data.u64 >> 32);
      PollDesc* pd;
      {
        std::lock_guard lk(p->mu);
        if (fd < 0 || static_cast<size_t>(fd) >= p->descs.size()) continue;
        pd = p->descs[static_cast<size_t>(fd)].get();
      }
      uint32_t e = evs[i].events;
      bool rd = e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR);
      bool wr = e & (EPOLLOUT | EPOLLHUP | EPOLLERR);
      Waiter r, w;
      pd->lock.lock();
      if (pd->registered && pd->gen == gen) {
        if (rd) {
          if (pd->rw.g) {
            r = pd->rw;
            pd->rw = {};
          } else {
            pd->rready = true;
          }
        }
        if (wr) {
          if (pd->ww.g) {
            w = pd->ww;
            pd->ww = {};
          } else {
            pd->wready = true;
          }
        }
      }
      pd->lock.unlock();
      wake(r);
      wake(w);
    }
  }
}

Poller& poller() {
  static Poller* p = [] {
    auto* q = new Poller;  // never destroyed: the poller thread outlives static destruction
    q->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (q->epfd < 0) {
      std::perror("gol runtime: epoll_create1");
      std::abort();
    }
    std::thread(poller_loop, q).detach();
    return q;
  }();
  return *p;
}

PollDesc* desc(int fd) {
  Poller& p = poller();
  std::lock_guard lk(p.mu);
  auto i = static_cast<size_t>(fd);
  if (i >= p.descs.size()) p.descs.resize(i + 1);
  if (!p.descs[i]) p.descs[i] = std::make_unique<PollDesc>();
  return p.descs[i].get();
}

bool unlock_desc(Goroutine*, void* arg) {
  static_cast<PollDesc*>(arg)->lock.unlock();
  return true;
}

bool wait(int fd, bool write) {
  if (fd < 0) {
    errno = EBADF;
    return false;
  }
  detail::G* g = detail::this_g();
  if (!g) {
    pollfd p{fd, static_cast<short>(write ? POLLOUT : POLLIN), 0};
    while (::poll(&p, 1, -1) < 0 && errno == EINTR) {
    }
    return true;
  }
  PollDesc* pd = desc(fd);
  pd->lock.lock();
  bool registered = pd->registered;
  pd->lock.unlock();
  if (!registered && !poll_register(fd)) return false;
  pd->lock.lock();
  if (!pd->registered || pd->closing) {
    pd->lock.unlock();
    return false;
  }
  bool& ready = write ? pd->wready : pd->rready;
  if (ready) {
    ready = false;
    pd->lock.unlock();
    return true;
  }
  Waiter& slot = write ? pd->ww : pd->rw;
  if (slot.g) {  // another goroutine already waits for the same direction: not supported
    pd->lock.unlock();
    errno = EBUSY;
    return false;
  }
  slot = Waiter{g, g->sched};
  uint32_t gen = pd->gen;
  detail::outside_waker_add(g->sched);
  park(WaitReason::IOWait, unlock_desc, pd);
  pd->lock.lock();
  bool ok = pd->registered && pd->gen == gen;
  pd->lock.unlock();
  return ok;
}

}  // namespace

bool poll_register(int fd) {
  if (fd < 0) {
    errno = EBADF;
    return false;
  }
  Poller& p = poller();
  PollDesc* pd = desc(fd);
  pd->lock.lock();
  if (pd->registered) {
    pd->lock.unlock();
    return true;
  }
  uint32_t gen = ++pd->gen;
  pd->registered = true;
  pd->closing = false;
  pd->rready = pd->wready = false;
  pd->lock.unlock();
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
  ev.data.u64 = (static_cast<uint64_t>(gen) << 32) | static_cast<uint32_t>(fd);
  if (epoll_ctl(p.epfd, EPOLL_CTL_ADD, fd, &ev) == 0) return true;
  int err = errno;
  pd->lock.lock();
  if (pd->gen == gen) pd->registered = false;
  pd->lock.unlock();
  errno = err;
  return false;
}

void poll_unregister(int fd) {
  if (fd < 0) return;
  Poller& p = poller();
  PollDesc* pd = desc(fd);
  pd->lock.lock();
  if (!pd->registered) {
    pd->lock.unlock();
    return;
  }
  pd->registered = false;
  pd->closing = true;
  ++pd->gen;
  Waiter r = pd->rw, w = pd->ww;
  pd->rw = pd->ww = {};
  pd->lock.unlock();
  epoll_ctl(p.epfd, EPOLL_CTL_DEL, fd, nullptr);
  wake(r);
  wake(w);
}

bool wait_read(int fd) {
  return wait(fd, false);
}

bool wait_write(int fd) {
  return wait(fd, true);
}

}  // namespace gol::rt
