// The helper-thread pool behind blocking_call (see blocking.h for the invariants).
#include "runtime/blocking.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"

namespace gol::rt {
namespace {

struct Job {
  void (*fn)(void*);
  void* arg;
  detail::G* g;
  detail::Scheduler* s;
};

struct Pool {
  std::mutex mu;  // guards jobs, idle
  std::condition_variable cv;
  std::deque<Job> jobs;
  int idle = 0;
  std::atomic<int64_t> threads{0};  // helpers started; they never exit
};

Pool& pool() {
  static Pool* p = new Pool;  // helpers may outlive static destruction
  return *p;
}

void helper_loop() {
  Pool& p = pool();
  std::unique_lock lk(p.mu);
  for (;;) {
    p.idle++;
    p.cv.wait(lk, [&] { return !p.jobs.empty(); });
    p.idle--;
    Job j = p.jobs.front();
    p.jobs.pop_front();
    lk.unlock();
    j.fn(j.arg);
    detail::ready_from_outside(j.s, j.g);
    detail::outside_waker_done(j.s);
    lk.lock();
  }
}

void submit(const Job& j) {
  Pool& p = pool();
  {
    std::lock_guard lk(p.mu);
    bool spawn = p.idle <= static_cast<int>(p.jobs.size());
    if (!spawn) {
      p.jobs.push_back(j);
      p.cv.notify_one();
      return;
    }
    if (thread_count() < max_threads()) {
      p.jobs.push_back(j);
      p.threads.fetch_add(1, std::memory_order_relaxed);
      std::thread(helper_loop).detach();
      return;
    }
  }
  // Go's checkmcount: a thread past the limit ends the run; the job is never queued, and
  // its goroutine stays parked while the run ends.
  detail::thread_exhaustion(j.s);
}

bool queue_job(Goroutine* g, void* job) {
  submit(*static_cast<Job*>(job));
  return true;
}

}  // namespace

int64_t detail::blocking_helpers() noexcept {
  return pool().threads.load(std::memory_order_relaxed);
}

void blocking_call(void (*fn)(void*), void* arg) {
  detail::G* g = detail::this_g();
  if (!g) {
    fn(arg);
    return;
  }
  Job j{fn, arg, g, g->sched};
  detail::outside_waker_add(j.s);
  park(WaitReason::Syscall, queue_job, &j);
}

}  // namespace gol::rt
