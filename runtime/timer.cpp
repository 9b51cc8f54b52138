// Timers (see timer.h): one process-wide binary heap ordered by deadline, under one lock.
// Go keeps a heap per P; one heap serviced by the monitor thread is simpler and, with
// short critical sections, fast enough here. `firing` counts callbacks in progress so that
// the deadlock check never misses a wake-up a callback is about to deliver.
#include "runtime/timer.h"

#include <time.h>

#include <cstdint>
#include <vector>

#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"
#include "runtime/spinlock.h"

namespace gol::rt {

struct TimerHeapAccess {
  SpinLock mu;
  std::vector<Timer*> heap;
  std::atomic<int64_t> next_when{INT64_MAX};
  int32_t firing = 0;

  bool less(size_t a, size_t b) const { return heap[a]->when_ < heap[b]->when_; }
  void place(size_t i, Timer* t) {
    heap[i] = t;
    t->index_ = static_cast<int32_t>(i);
  }
  void sift_up(size_t i) {
    Timer* t = heap[i];
    while (i > 0) {
      size_t parent = (i - 1) / 2;
      if (heap[parent]->when_ <= t->when_) break;
      place(i, heap[parent]);
      i = parent;
    }
    place(i, t);
  }
  void sift_down(size_t i) {
    Timer* t = heap[i];
    size_t n = heap.size();
    for (;;) {
      size_t c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && heap[c + 1]->when_ < heap[c]->when_) c++;
      if (t->when_ <= heap[c]->when_) break;
      place(i, heap[c]);
      i = c;
    }
    place(i, t);
  }
  void push(Timer* t) {
    heap.push_back(t);
    sift_up(heap.size() - 1);
  }
  void remove(Timer* t) {
    size_t i = static_cast<size_t>(t->index_);
    Timer* last = heap.back();
    heap.pop_back();
    t->index_ = -1;
    if (last != t) {
      place(i, last);
      sift_up(i);
      sift_down(static_cast<size_t>(last->index_));
    }
  }
  void fix(Timer* t) {
    sift_up(static_cast<size_t>(t->index_));
    sift_down(static_cast<size_t>(t->index_));
  }
  void publish_next() {
    next_when.store(heap.empty() ? INT64_MAX : heap[0]->when_, std::memory_order_seq_cst);
  }

  static int32_t index(Timer* t) { return t->index_; }
  static bool& firing_flag(Timer* t) { return t->firing_; }
  static uint32_t& seq(Timer* t) { return t->seq_; }
  static int64_t& when(Timer* t) { return t->when_; }
  static int64_t period(Timer* t) { return t->period_; }
  static void set_cb(Timer* t, Timer::Callback cb, void* arg) {
    t->cb_ = cb;
    t->arg_ = arg;
  }
  static Timer::Callback cb(Timer* t) { return t->cb_; }
  static void* arg(Timer* t) { return t->arg_; }
};

namespace {

TimerHeapAccess& timers() {
  static TimerHeapAccess* h = new TimerHeapAccess;  // outlives static destruction
  return *h;
}

thread_local Timer* tls_firing_timer = nullptr;

void sleep_wake(void* g) {
  ready(static_cast<Goroutine*>(g));
}

}  // namespace

int64_t nanotime() noexcept {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

Timer::~Timer() {
  auto& H = timers();
  H.mu.lock();
  if (index_ >= 0) {
    H.remove(this);
    H.publish_next();
  }
  while (firing_ && tls_firing_timer != this) {
    H.mu.unlock();
    sched_yield();
    H.mu.lock();
  }
  H.mu.unlock();
}

void Timer::set_callback(Callback cb, void* arg) noexcept {
  auto& H = timers();
  H.mu.lock();
  cb_ = cb;
  arg_ = arg;
  H.mu.unlock();
}

bool Timer::reset(int64_t when, int64_t period) {
  auto& H = timers();
  H.mu.lock();
  // A periodic timer whose callback is running counts as pending: it would fire again.
  bool was_pending = index_ >= 0 || (firing_ && period_ > 0);
  seq_++;
  when_ = when;
  period_ = period > 0 ? period : 0;
  if (index_ >= 0)
    H.fix(this);
  else
    H.push(this);
  H.publish_next();
  H.mu.unlock();
  detail::sysmon_note_deadline(when);
  return was_pending;
}

bool Timer::stop() {
  auto& H = timers();
  H.mu.lock();
  seq_++;
  // A periodic timer whose callback is running counts as pending: it would fire again.
  bool was_pending = index_ >= 0 || (firing_ && period_ > 0);
  if (index_ >= 0) {
    H.remove(this);
    H.publish_next();
  }
  H.mu.unlock();
  return was_pending;
}

bool Timer::pending() const {
  auto& H = timers();
  H.mu.lock();
  bool p = index_ >= 0;
  H.mu.unlock();
  return p;
}

void sleep(int64_t ns) {
  if (ns <= 0) return;
  detail::G* g = detail::this_g();
  if (!g) {
    timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    while (nanosleep(&ts, &ts) != 0) {
    }
    return;
  }
  int64_t now = nanotime();
  int64_t when = ns > INT64_MAX - now ? INT64_MAX : now + ns;
  g->sleep_timer.set_callback(sleep_wake, g);
  g->sleep_until.store(when, std::memory_order_relaxed);
  park(
      WaitReason::Sleep,
      [](Goroutine* g, void* w) {
        g->sleep_timer.reset(*static_cast<int64_t*>(w));
        return true;
      },
      &when);
  g->sleep_until.store(0, std::memory_order_relaxed);
}

namespace detail {

int64_t timers_next_when() noexcept {
  return timers().next_when.load(std::memory_order_seq_cst);
}

bool timers_quiescent() noexcept {
  auto& H = timers();
  H.mu.lock();
  bool q = H.heap.empty() && H.firing == 0;
  H.mu.unlock();
  return q;
}

void timers_run_expired(int64_t now) {
  auto& H = timers();
  H.mu.lock();
  while (!H.heap.empty() && TimerHeapAccess::when(H.heap[0]) <= now) {
    Timer* t = H.heap[0];
    H.remove(t);
    H.publish_next();
    H.firing++;
    TimerHeapAccess::firing_flag(t) = true;
    uint32_t seq = TimerHeapAccess::seq(t);
    Timer::Callback cb = TimerHeapAccess::cb(t);
    void* arg = TimerHeapAccess::arg(t);
    H.mu.unlock();
    tls_firing_timer = t;
    if (cb) cb(arg);
    tls_firing_timer = nullptr;
    H.mu.lock();
    // A periodic timer not touched by its callback (or anyone) fires again; ticks missed
    // while we were late are dropped, as Go's tickers do.
    int64_t period = TimerHeapAccess::period(t);
    if (TimerHeapAccess::seq(t) == seq && period > 0 && TimerHeapAccess::index(t) < 0) {
      int64_t& when = TimerHeapAccess::when(t);
      when += period;
      if (when <= now) when += period * ((now - when) / period + 1);
      H.push(t);
      H.publish_next();
    }
    TimerHeapAccess::firing_flag(t) = false;
    H.firing--;
  }
  H.mu.unlock();
}

void timers_clear() noexcept {
  auto& H = timers();
  H.mu.lock();
  while (!H.heap.empty()) H.remove(H.heap.back());
  H.publish_next();
  H.mu.unlock();
}

}  // namespace detail
}  // namespace gol::rt
