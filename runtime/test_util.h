// Helpers shared by the runtime's GoogleTest files. Test sizes: big counts go through
// scaled(), divided by GOL_RT_TEST_SCALE (environment) or the build's default (20 under
// sanitizers, 1 otherwise), so the suites stay fast under ThreadSanitizer/AddressSanitizer.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <vector>

#include "runtime/runtime.h"

namespace gol::rt::testing {

inline long test_scale() {
  static long s = [] {
    if (const char* e = std::getenv("GOL_RT_TEST_SCALE")) {
      long v = std::atol(e);
      if (v > 0) return v;
    }
    return static_cast<long>(GOL_RT_TEST_SCALE_DEFAULT);
  }();
  return s;
}

inline long scaled(long n, long min = 1) {
  long v = n / test_scale();
  return v < min ? min : v;
}

inline bool under_sanitizer() {
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  return true;
#else
  return false;
#endif
}

// TSan makes every goroutine a TSan fiber and allows about 8,000 live at once.
inline bool under_tsan() {
#if defined(__SANITIZE_THREAD__)
  return true;
#else
  return false;
#endif
}

// Runs fn as goroutine 1 with `procs` processors and expects main to return normally.
inline void run(int procs, std::function<void()> fn) {
  ExitInfo e = start(procs, std::move(fn));
  EXPECT_EQ(e.kind, ExitKind::Returned);
  EXPECT_EQ(e.code, 0);
}

// Sleeps in 1 ms steps until every goroutine but the caller is parked (or 10 s pass);
// returns the last snapshot. Timing-independent, for loaded machines and sanitizers.
inline std::vector<GoroutineInfo> wait_until_others_parked(size_t expected_total) {
  std::vector<GoroutineInfo> gs;
  for (int i = 0; i < 10000; i++) {
    gs = list_goroutines();
    size_t waiting = 0;
    for (auto& g : gs) waiting += g.state == GoroutineState::Waiting;
    if (gs.size() == expected_total && waiting + 1 == expected_total) break;
    sleep(1'000'000);
  }
  return gs;
}

// A MAXPROCS parameter for the suites that run at 1, 2 and 8 processors.
class Procs : public ::testing::TestWithParam<int> {};

}  // namespace gol::rt::testing
