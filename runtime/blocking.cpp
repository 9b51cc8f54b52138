// The helper-thread pool behind blocking_call (see blocking.h for the invariants).
#include "runtime/blocking.h"

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
  bool spawn;
  {
    std::lock_guard lk(p.mu);
    p.jobs.push_back(j);
    spawn = p.idle < static_cast<int>(p.jobs.size());
  }
  if (spawn)
    std::thread(helper_loop).detach();
  else
    p.cv.notify_one();
}

bool queue_job(Goroutine* g, void* job) {
  submit(*static_cast<Job*>(job));
  return true;
}

}  // namespace

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
