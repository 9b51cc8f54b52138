// Address-keyed goroutine wait queues (see sema.h for the invariants).
#include "runtime/sema.h"

#include <cstdint>

#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"
#include "runtime/spinlock.h"

namespace gol::rt {
namespace {

// A goroutine parked on addr; or, with g null, the placeholder a withdrawn semacquire
// leaves (heap-allocated, of run `run`): it takes the next release meant for it, then goes.
struct Waiter {
  detail::G* g;
  const void* addr;
  Waiter* next = nullptr;
  Waiter* prev = nullptr;
  detail::Scheduler* run = nullptr;  // placeholders only
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
  bool contains(const Waiter* w) const { return w->prev || w->next || head == w; }
  // Puts `by` where w is in the queue.
  void replace(Waiter* w, Waiter* by) {
    by->prev = w->prev;
    by->next = w->next;
    if (w->prev)
      w->prev->next = by;
    else
      head = by;
    if (w->next)
      w->next->prev = by;
    else
      tail = by;
    w->next = w->prev = nullptr;
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

// cancel_wait for a goroutine in futex_wait (a Mutex's waiter): out of the queue.
bool cancel_futex_wait(detail::G*, void* arg) noexcept {
  auto* w = static_cast<Waiter*>(arg);
  Bucket& b = bucket_for(w->addr);
  b.lock.lock();
  bool queued = b.contains(w);
  if (queued) {
    b.unlink(w);
    b.nwait.fetch_sub(1);
  }
  b.lock.unlock();
  return queued;
}

// cancel_wait for a goroutine in semacquire: a placeholder takes its place, so that the
// release that was to wake it (a WaitGroup's, an RWMutex's) is taken as it would have
// taken it, and the primitive's own counts stay right.
bool cancel_sema_wait(detail::G* g, void* arg) noexcept {
  auto* w = static_cast<Waiter*>(arg);
  Bucket& b = bucket_for(w->addr);
  b.lock.lock();
  bool queued = b.contains(w);
  if (queued) b.replace(w, new Waiter{nullptr, w->addr, nullptr, nullptr, g->sched});
  b.lock.unlock();
  return queued;
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
    detail::G* g = detail::this_g();
    Waiter w{g, addr};
    b.enqueue(&w);
    detail::begin_cancelable_wait(g, cancel_sema_wait, &w);
    park(reason, unlock_bucket, &b);
    if (detail::end_cancelable_wait(g)) detail::wait_withdrawn();
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
  if (found && !found->g) {
    // A placeholder takes the count it is released for, and goes; if another goroutine
    // took the count first, it waits on, as the goroutine it stands for would have.
    if (cansemacquire(addr)) {
      b.unlink(found);
      b.nwait.fetch_sub(1);
      delete found;
    }
  } else if (found) {
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
  detail::G* g = detail::this_g();
  Waiter w{g, addr};
  b.enqueue(&w);
  detail::begin_cancelable_wait(g, cancel_futex_wait, &w);
  park(reason, unlock_bucket, &b);
  if (detail::end_cancelable_wait(g)) detail::wait_withdrawn();
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
      if (w->addr == addr && w->g) {
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
      if (w->g ? w->g->sched == s : w->run == s) {
        b.unlink(w);
        b.nwait.fetch_sub(1);
        if (!w->g) delete w;
      }
      w = next;
    }
    b.lock.unlock();
  }
}

}  // namespace detail
}  // namespace gol::rt
