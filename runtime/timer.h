// Timers: sleep, one-shot and periodic timers. They never block an OS thread.
//
// Invariants: every Timer field is guarded by the one process-wide timer heap lock; a Timer
// is in the heap exactly when it is pending. The monitor thread (sysmon) of the running
// scheduler pops expired timers and runs their callbacks outside the lock, one at a time,
// sleeping until the earliest deadline when nothing else needs it, so idle threads never poll.
// A callback runs on the monitor thread, not on a goroutine: it must be short and must not
// block; it may ready goroutines, spawn them with go(), do non-blocking channel operations,
// and reset or stop any timer (its own included).
#pragma once

#include <cstdint>

namespace gol::rt {

// Monotonic clock in nanoseconds (CLOCK_MONOTONIC).
int64_t nanotime() noexcept;

// Parks the current goroutine for `ns` nanoseconds with wait reason "sleep" (on a plain
// thread, sleeps the thread). ns <= 0 returns at once, as time.Sleep does.
void sleep(int64_t ns);

class Timer {
 public:
  using Callback = void (*)(void* arg);

  constexpr Timer() noexcept = default;
  constexpr Timer(Callback cb, void* arg) noexcept : cb_(cb), arg_(arg) {}
  // Stops the timer and waits for a callback running on another thread to finish.
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // Sets what firing calls; call it while the timer is not pending.
  void set_callback(Callback cb, void* arg) noexcept;
  // Arms the timer to fire at `when` (nanotime() clock), then every `period` ns if period > 0.
  // Returns true if the timer was pending (Go's Timer.Reset result).
  bool reset(int64_t when, int64_t period = 0);
  // Returns true if this call stopped a pending timer, false if it had fired or was stopped.
  bool stop();
  bool pending() const;

 private:
  friend struct TimerHeapAccess;
  Callback cb_ = nullptr;
  void* arg_ = nullptr;
  int64_t when_ = 0;
  int64_t period_ = 0;
  int32_t index_ = -1;  // position in the heap; -1 when not pending
  uint32_t seq_ = 0;    // bumped by reset/stop, so a firing periodic timer sees it was changed
  bool firing_ = false;
};

namespace detail {
// Scheduler side (proc.cpp). All take the heap lock.
int64_t timers_next_when() noexcept;   // INT64_MAX when none pending
bool timers_quiescent() noexcept;      // none pending and none firing
void timers_run_expired(int64_t now);  // called by sysmon
void timers_clear() noexcept;          // end of a run: drop every pending timer
}  // namespace detail

}  // namespace gol::rt
