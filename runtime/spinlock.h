// SpinLock: the lock behind channels, semaphore buckets, notify lists and timers.
//
// Invariants: critical sections under a SpinLock are short and never park a goroutine or
// block the OS thread (no allocation that may sleep, no syscalls). Like Go's runtime lock it
// is a thread-level lock: a goroutine holding it cannot be switched out (there is no
// asynchronous preemption), so spinning briefly and then yielding the CPU is enough.
// Zero-initialised memory is an unlocked SpinLock.
#pragma once

#include <atomic>
#include <cstdint>

#include <sched.h>

namespace gol::rt {

class SpinLock {
 public:
  constexpr SpinLock() noexcept = default;
  SpinLock(const SpinLock&) = delete;
  SpinLock& operator=(const SpinLock&) = delete;

  void lock() noexcept {
    if (!locked_.exchange(true, std::memory_order_acquire)) [[likely]]
      return;
    lock_slow();
  }
  bool try_lock() noexcept {
    return !locked_.load(std::memory_order_relaxed) &&
           !locked_.exchange(true, std::memory_order_acquire);
  }
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

 private:
  void lock_slow() noexcept {
    for (uint32_t spins = 0;; ++spins) {
      while (locked_.load(std::memory_order_relaxed)) {
        if (spins < 64) {
          __builtin_ia32_pause();
          ++spins;
        } else {
          sched_yield();  // the holder may have been descheduled by the OS
        }
      }
      if (!locked_.exchange(true, std::memory_order_acquire)) return;
    }
  }

  std::atomic<bool> locked_{false};
};

}  // namespace gol::rt
