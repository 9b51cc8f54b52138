// Address-keyed goroutine wait queues (see sema.h for the invariants).
#include "runtime/sema.h"

#include <cstdint>

#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"
#include "runtime/spinlock.h"

namespace gol::rt {
namespace {

struct Waiter {
  detail::G* g;
  const void* addr;
  Waiter* next = nullptr;
  Waiter* prev = nullptr;
};

struct alignas(64) Bucket {
  SpinLock lock;
  std::atomic<uint32_t> nwait{0};
  Waiter* head = nullptr;
  Waiter* tail = nullptr;

  void enqueue(Waiter* w) {
    w->next = nullptr;
    w->prev = tail;
    if (tail)
      tail->next = w;
    else
      head = w;
    tail = w;
  }
  void unlink(Waiter* w) {
    if (w->prev)
      w->prev->next = w->next;
    else
      head = w->next;
    if (w->next)
      w->next->prev = w->prev;
    else
      tail = w->prev;
    w->next = w->prev = nullptr;
  }
};

constexpr size_t kBuckets = 251;
Bucket g_table[kBuckets];

Bucket& bucket_for(const void* addr) {
  return g_table[(reinterpret_cast<uintptr_t>(addr) >> 3) % kBuckets];
}

bool unlock_bucket(Goroutine*, void* b) {
  static_cast<Bucket*>(b)->lock.unlock();
  return true;
}

bool cansemacquire(std::atomic<uint32_t>* addr) {
  uint32_t v = addr->load();
  while (v > 0)
    if (addr->compare_exchange_weak(v, v - 1)) return true;
  return false;
}

}  // namespace

void semacquire(std::atomic<uint32_t>* addr, WaitReason reason) {
  if (cansemacquire(addr)) return;
  Bucket& b = bucket_for(addr);
  for (;;) {
    b.lock.lock();
    b.nwait.fetch_add(1);
    if (cansemacquire(addr)) {
      b.nwait.fetch_sub(1);
      b.lock.unlock();
      return;
    }
    Waiter w{detail::this_g(), addr};
    b.enqueue(&w);
    park(reason, unlock_bucket, &b);
    if (cansemacquire(addr)) return;
  }
}

void semrelease(std::atomic<uint32_t>* addr) {
  addr->fetch_add(1);
  Bucket& b = bucket_for(addr);
  if (b.nwait.load() == 0) return;
  b.lock.lock();
  Waiter* found = nullptr;
  for (Waiter* w = b.head; w; w = w->next) {
    if (w->addr == addr) {
      found = w;
      break;
    }
  }
  detail::G* g = nullptr;
  if (found) {
    b.unlink(found);
    b.nwait.fetch_sub(1);
    g = found->g;
  }
  b.lock.unlock();
  if (g) ready(g);
}

void futex_wait(std::atomic<int32_t>* addr, int32_t expected, WaitReason reason) {
  Bucket& b = bucket_for(addr);
  b.lock.lock();
  b.nwait.fetch_add(1);
  if (addr->load() != expected) {
    b.nwait.fetch_sub(1);
    b.lock.unlock();
    return;
  }
  Waiter w{detail::this_g(), addr};
  b.enqueue(&w);
  park(reason, unlock_bucket, &b);
}

int futex_wake(const void* addr, int n) {
  Bucket& b = bucket_for(addr);
  if (b.nwait.load() == 0) return 0;
  detail::G* woken[16];
  int total = 0;
  while (total < n) {
    int k = 0;
    b.lock.lock();
    for (Waiter* w = b.head; w && k < 16 && total + k < n;) {
      Waiter* next = w->next;
      if (w->addr == addr) {
        b.unlink(w);
        b.nwait.fetch_sub(1);
        woken[k++] = w->g;
      }
      w = next;
    }
    b.lock.unlock();
    for (int i = 0; i < k; i++) ready(woken[i]);
    total += k;
    if (k < 16) break;
  }
  return total;
}

namespace detail {

// End of a run: forget waiters belonging to it (they will never run again).
void sema_purge(Scheduler* s) {
  for (Bucket& b : g_table) {
    b.lock.lock();
    for (Waiter* w = b.head; w;) {
      Waiter* next = w->next;
      if (w->g->sched == s) {
        b.unlink(w);
        b.nwait.fetch_sub(1);
      }
      w = next;
    }
    b.lock.unlock();
  }
}

}  // namespace detail
}  // namespace gol::rt
