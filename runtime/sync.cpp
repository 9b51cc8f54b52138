// sync primitives (see sync.h for the invariants). Algorithms: Mutex is Drepper's futex
// mutex ("Futexes are tricky", mutex2) over sema.h's goroutine futex; RWMutex, WaitGroup and
// the Cond notify list follow Go's rwmutex.go, waitgroup.go and sema.go.
#include "runtime/sync.h"

#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"
#include "runtime/sema.h"

namespace gol::rt {

// ---- Mutex ----

void Mutex::lock_slow(WaitReason r) {
  // Spin briefly when other processors may release the lock soon (Go's sync_runtime_canSpin).
  if (maxprocs() > 1) {
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 30; k++) __builtin_ia32_pause();
      int32_t c = 0;
      if (state_.load(std::memory_order_relaxed) == 0 &&
          state_.compare_exchange_strong(c, 1, std::memory_order_acquire))
        return;
    }
  }
  int32_t c = state_.exchange(2, std::memory_order_acquire);
  while (c != 0) {
    futex_wait(&state_, 2, r);
    c = state_.exchange(2, std::memory_order_acquire);
  }
}

void Mutex::unlock() {
  int32_t c = state_.exchange(0, std::memory_order_seq_cst);
  if (c == 2) {
    futex_wake(&state_, 1);
  } else if (c == 0) [[unlikely]] {
    fatal(kUnlockOfUnlockedMutex);
  }
}

// ---- RWMutex ----

void RWMutex::rlock() {
  if (reader_count_.fetch_add(1) + 1 < 0) {
    // A writer is pending: wait for it.
    semacquire(&reader_sem_, WaitReason::SyncRWMutexRLock);
  }
}

bool RWMutex::try_rlock() {
  int32_t c = reader_count_.load();
  for (;;) {
    if (c < 0) return false;
    if (reader_count_.compare_exchange_weak(c, c + 1)) return true;
  }
}

void RWMutex::runlock() {
  int32_t r = reader_count_.fetch_sub(1) - 1;
  if (r < 0) {
    if (r + 1 == 0 || r + 1 == -kMaxReaders) fatal(kRUnlockOfUnlockedRWMutex);
    // A writer is pending: the last departing reader lets it in.
    if (reader_wait_.fetch_sub(1) - 1 == 0) semrelease(&writer_sem_);
  }
}

void RWMutex::lock() {
  w_.lock_with_reason(WaitReason::SyncRWMutexLock);
  // Announce the pending writer, then wait for the active readers.
  int32_t r = reader_count_.fetch_sub(kMaxReaders);  // readers still active
  if (r != 0 && reader_wait_.fetch_add(r) + r != 0)
    semacquire(&writer_sem_, WaitReason::SyncRWMutexLock);
}

bool RWMutex::try_lock() {
  if (!w_.try_lock()) return false;
  int32_t zero = 0;
  if (!reader_count_.compare_exchange_strong(zero, -kMaxReaders)) {
    w_.unlock();
    return false;
  }
  return true;
}

void RWMutex::unlock() {
  int32_t r = reader_count_.fetch_add(kMaxReaders) + kMaxReaders;
  if (r >= kMaxReaders) fatal(kUnlockOfUnlockedRWMutex);
  for (int32_t i = 0; i < r; i++) semrelease(&reader_sem_);
  w_.unlock();
}

// ---- WaitGroup ----

bool WaitGroup::add(int64_t delta) {
  uint64_t state = state_.fetch_add(static_cast<uint64_t>(delta) << 32, std::memory_order_acq_rel) +
                   (static_cast<uint64_t>(delta) << 32);
  int32_t v = static_cast<int32_t>(state >> 32);
  uint32_t w = static_cast<uint32_t>(state);
  if (v < 0) return false;
  if (v > 0 || w == 0) return true;
  // Counter is zero with waiters: release them all. Nobody may Add concurrently here (Go
  // reports that misuse; we simply reset).
  state_.store(0, std::memory_order_release);
  for (; w != 0; w--) semrelease(&sema_);
  return true;
}

void WaitGroup::wait() {
  uint64_t state = state_.load(std::memory_order_acquire);
  for (;;) {
    if (static_cast<int32_t>(state >> 32) == 0) return;
    if (state_.compare_exchange_weak(state, state + 1, std::memory_order_acq_rel)) {
      semacquire(&sema_, WaitReason::SyncWaitGroupWait);
      return;
    }
  }
}

// ---- Cond (Go's notifyList) ----

struct Cond::Waiter {
  detail::G* g;
  uint32_t ticket;
  Waiter* next = nullptr;
};

namespace {
inline bool ticket_less(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a - b) < 0;
}
bool unlock_spin(Goroutine*, void* l) {
  static_cast<SpinLock*>(l)->unlock();
  return true;
}
}  // namespace

uint32_t Cond::add_waiter() noexcept {
  return wait_.fetch_add(1);
}

void Cond::wait(uint32_t t) {
  lock_.lock();
  if (ticket_less(t, notify_.load(std::memory_order_relaxed))) {
    lock_.unlock();
    return;
  }
  Waiter w{detail::this_g(), t};
  if (tail_)
    tail_->next = &w;
  else
    head_ = &w;
  tail_ = &w;
  park(WaitReason::SyncCondWait, unlock_spin, &lock_);
}

void Cond::signal() {
  if (wait_.load() == notify_.load()) return;
  lock_.lock();
  uint32_t t = notify_.load(std::memory_order_relaxed);
  if (t == wait_.load()) {
    lock_.unlock();
    return;
  }
  notify_.store(t + 1);
  detail::G* g = nullptr;
  for (Waiter *p = nullptr, *s = head_; s; p = s, s = s->next) {
    if (s->ticket == t) {
      Waiter* n = s->next;
      if (p)
        p->next = n;
      else
        head_ = n;
      if (tail_ == s) tail_ = p;
      g = s->g;
      break;
    }
  }
  lock_.unlock();
  if (g) ready(g);
}

void Cond::broadcast() {
  if (wait_.load() == notify_.load()) return;
  lock_.lock();
  notify_.store(wait_.load());
  Waiter* list = head_;
  head_ = tail_ = nullptr;
  // Collect the goroutines before unlocking: the Waiters live on their stacks.
  detail::G* gs = nullptr;
  for (Waiter* s = list; s;) {
    Waiter* next = s->next;
    s->g->schedlink = gs;
    gs = s->g;
    s = next;
  }
  lock_.unlock();
  while (gs) {
    detail::G* g = gs;
    gs = g->schedlink;
    g->schedlink = nullptr;
    ready(g);
  }
}

}  // namespace gol::rt
