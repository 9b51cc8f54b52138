// Go's sync package: Mutex, RWMutex, WaitGroup, Once, Cond. They park goroutines, never OS
// threads, and are built on the address-keyed wait queues of sema.h, so each is a few
// zero-initialised words with no queue inside (copyable state is the embedder's concern).
//
// Invariants:
// * Mutex::state_ is 0 (unlocked), 1 (locked) or 2 (locked, maybe waiters); only its atomic
//   operations guard it, and waiters park on its address (futex_wait on 2).
// * RWMutex follows Go's rwmutex.go: w_ serialises writers; reader_count_ goes negative
//   (by kMaxReaders) while a writer holds or waits for the lock; reader_wait_ counts readers
//   the waiting writer still waits for; writer_sem_/reader_sem_ are semaphores.
// * WaitGroup::state_ packs the counter (high 32 bits, signed) and the waiter count (low 32);
//   waiters sleep on sema_. When the counter reaches zero with waiters, state_ is reset to 0
//   and each waiter gets one semrelease.
// * Cond keeps Go's notifyList: tickets taken under lock_ (a SpinLock that guards the list,
//   wait_ and notify_); a waiter with ticket t sleeps until notify_ > t.
// Errors that Go reports as panics are returned (WaitGroup::add); fatal errors (unlock of an
// unlocked mutex) end the run through rt::fatal().
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

#include "runtime/spinlock.h"
#include "runtime/wait_reason.h"

namespace gol::rt {

inline constexpr const char* kNegativeWaitGroupCounter = "sync: negative WaitGroup counter";
inline constexpr const char* kUnlockOfUnlockedMutex = "sync: unlock of unlocked mutex";
inline constexpr const char* kRUnlockOfUnlockedRWMutex = "sync: RUnlock of unlocked RWMutex";
inline constexpr const char* kUnlockOfUnlockedRWMutex = "sync: Unlock of unlocked RWMutex";

class Mutex {
 public:
  constexpr Mutex() noexcept = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() {  // (G)
    int32_t c = 0;
    if (state_.compare_exchange_strong(c, 1, std::memory_order_acquire)) [[likely]]
      return;
    lock_slow(WaitReason::SyncMutexLock);
  }
  bool try_lock() noexcept {
    int32_t c = 0;
    return state_.compare_exchange_strong(c, 1, std::memory_order_acquire);
  }
  // Fatal error "sync: unlock of unlocked mutex" if not locked. Any goroutine may unlock.
  void unlock();
  // Unlocks if locked with no goroutine waiting; otherwise does nothing and returns false
  // (unlock() then wakes a waiter, or reports the unlock of an unlocked mutex).
  bool try_unlock_unwaited() noexcept {
    int32_t c = 1;
    return state_.compare_exchange_strong(c, 0, std::memory_order_seq_cst);
  }

  void lock_with_reason(WaitReason r) {  // (G) for RWMutex's writer lock
    int32_t c = 0;
    if (!state_.compare_exchange_strong(c, 1, std::memory_order_acquire)) lock_slow(r);
  }

 private:
  void lock_slow(WaitReason r);
  std::atomic<int32_t> state_{0};
};

class RWMutex {
 public:
  constexpr RWMutex() noexcept = default;
  RWMutex(const RWMutex&) = delete;
  RWMutex& operator=(const RWMutex&) = delete;

  void lock();  // (G)
  bool try_lock();
  void unlock();  // fatal "sync: Unlock of unlocked RWMutex"
  void rlock();   // (G)
  bool try_rlock();
  void runlock();  // fatal "sync: RUnlock of unlocked RWMutex"

  static constexpr int32_t kMaxReaders = 1 << 30;

 private:
  Mutex w_;
  std::atomic<uint32_t> writer_sem_{0};
  std::atomic<uint32_t> reader_sem_{0};
  std::atomic<int32_t> reader_count_{0};
  std::atomic<int32_t> reader_wait_{0};
};

class WaitGroup {
 public:
  constexpr WaitGroup() noexcept = default;
  WaitGroup(const WaitGroup&) = delete;
  WaitGroup& operator=(const WaitGroup&) = delete;

  // Adds delta to the counter. Returns false when the counter goes negative: the caller
  // panics with kNegativeWaitGroupCounter, as Go's Add does.
  [[nodiscard]] bool add(int64_t delta);
  [[nodiscard]] bool done() { return add(-1); }
  void wait();  // (G) parks with "sync.WaitGroup.Wait" until the counter is zero
  int32_t counter() const noexcept {
    return static_cast<int32_t>(state_.load(std::memory_order_relaxed) >> 32);
  }

 private:
  std::atomic<uint64_t> state_{0};
  std::atomic<uint32_t> sema_{0};
};

class Once {
 public:
  constexpr Once() noexcept = default;
  Once(const Once&) = delete;
  Once& operator=(const Once&) = delete;

  // Runs f once (Go's Once.Do). If f throws (a Go panic), the Once still counts as done and
  // the exception propagates, as in Go. Other callers wait until f has finished. (G)
  template <class F>
  void call(F&& f) {
    if (done_.load(std::memory_order_acquire)) [[likely]]
      return;
    m_.lock();
    if (!done_.load(std::memory_order_relaxed)) {
      struct Finish {
        Once* o;
        ~Finish() {
          o->done_.store(true, std::memory_order_release);
          o->m_.unlock();
        }
      } fin{this};
      std::forward<F>(f)();
      return;
    }
    m_.unlock();
  }
  bool done() const noexcept { return done_.load(std::memory_order_acquire); }

 private:
  Mutex m_;
  std::atomic<bool> done_{false};
};

// Go's sync.Cond over a notify list. The locker is the embedder's (Go's Cond.L may be any
// Locker), so Wait is split in two around the caller's Unlock/Lock:
//     uint32_t t = cond.add_waiter(); L.Unlock(); cond.wait(t); L.Lock();
// wait(Mutex&) does exactly that for an rt::Mutex.
class Cond {
 public:
  constexpr Cond() noexcept = default;
  Cond(const Cond&) = delete;
  Cond& operator=(const Cond&) = delete;

  uint32_t add_waiter() noexcept;
  void wait(uint32_t ticket);  // (G) parks with "sync.Cond.Wait"
  void wait(Mutex& m) {        // (G)
    uint32_t t = add_waiter();
    m.unlock();
    wait(t);
    m.lock();
  }
  void signal();
  void broadcast();

  struct Waiter;

 private:
  SpinLock lock_;
  std::atomic<uint32_t> wait_{0};    // next ticket
  std::atomic<uint32_t> notify_{0};  // next ticket to be notified
  Waiter* head_ = nullptr;
  Waiter* tail_ = nullptr;
};

}  // namespace gol::rt
