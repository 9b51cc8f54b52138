#include "interpreter/syntax/large_stack.h"

#include <pthread.h>

#include <cstdio>
#include <cstdlib>
#include <exception>

namespace gol::syntax {

namespace {

constexpr size_t kLargeStackBytes = size_t{512} << 20;

struct Job {
  const std::function<void()>* fn;
  std::exception_ptr error;
};

void* runJob(void* arg) {
  auto* job = static_cast<Job*>(arg);
  try {
    (*job->fn)();
  } catch (...) {
    job->error = std::current_exception();
  }
  return nullptr;
}

}  // namespace

void runOnLargeStack(const std::function<void()>& fn) {
  Job job{&fn, nullptr};
  pthread_attr_t attr;
  pthread_t thread;
  bool started = pthread_attr_init(&attr) == 0 &&
                 pthread_attr_setstacksize(&attr, kLargeStackBytes) == 0 &&
                 pthread_create(&thread, &attr, runJob, &job) == 0;
  pthread_attr_destroy(&attr);
  if (!started) {
    // No room for the thread: run where we are, with the smaller stack.
    fn();
    return;
  }
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

}  // namespace gol::syntax
