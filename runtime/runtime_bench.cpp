// Google Benchmark suite for the runtime (target gol_runtime_bench). Each benchmark runs one
// rt::start; its timed loop runs on the main goroutine, so wall-clock time is what counts
// (UseRealTime). Reference: Boost.Fiber's unbuffered_channel ping-pong on one thread
// (BM_BoostFiberPingPong, built when libboost-fiber-dev is installed).
//
//   BM_PingPong          one round trip of an unbuffered ping-pong at MAXPROCS=1
//   BM_Buffered          one element through a buffered channel (cap 128), MAXPROCS=1
//   BM_SpawnJoin         spawn + run + exit of one goroutine (batches of 64), MAXPROCS=1
//   BM_Select4           one receive by a select over 4 channels, MAXPROCS=1
//   BM_MutexContended    one Lock/Unlock by 8 goroutines contending, MAXPROCS=arg
//   BM_ParkedMemory      RSS (and page tables) per goroutine parked on a channel
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "runtime/runtime.h"

#ifdef GOL_BENCH_BOOST_FIBER
#include <boost/fiber/all.hpp>
#endif

namespace rt = gol::rt;

namespace {

void run_on_main(int procs, std::function<void()> fn) {
  rt::ExitInfo e = rt::start(procs, std::move(fn));
  if (e.kind != rt::ExitKind::Returned) std::abort();
}

void BM_PingPong(benchmark::State& state) {
  run_on_main(1, [&] {
    rt::Channel<int> ping, pong;
    rt::go([&] {
      for (;;) {
        auto [v, ok] = ping.recv();
        if (!ok) return;
        pong.send(v);
      }
    });
    for (auto _ : state) {
      ping.send(1);
      benchmark::DoNotOptimize(pong.recv());
    }
    ping.close();
  });
}
BENCHMARK(BM_PingPong)->UseRealTime();

void BM_Buffered(benchmark::State& state) {
  run_on_main(1, [&] {
    rt::Channel<long> c(128);
    rt::go([&] {
      for (;;) {
        auto [v, ok] = c.recv();
        if (!ok) return;
        benchmark::DoNotOptimize(v);
      }
    });
    long i = 0;
    for (auto _ : state) c.send(i++);
    c.close();
  });
}
BENCHMARK(BM_Buffered)->UseRealTime();

void BM_SpawnJoin(benchmark::State& state) {
  run_on_main(1, [&] {
    std::atomic<long> finished{0};
    long spawned = 0;
    for (auto _ : state) {
      rt::go([&finished] { finished.fetch_add(1, std::memory_order_relaxed); });
      if (++spawned % 64 == 0)
        while (finished.load(std::memory_order_relaxed) != spawned) rt::yield();
    }
    while (finished.load() != spawned) rt::yield();
  });
}
BENCHMARK(BM_SpawnJoin)->UseRealTime();

void BM_Select4(benchmark::State& state) {
  run_on_main(1, [&] {
    rt::Channel<int> ch[4];
    rt::go([&] {
      for (unsigned i = 0;; i++)
        if (ch[i % 4].send(1) != rt::ChanError::None) return;
    });
    int x = 0;
    rt::SelectCase cs[4] = {
        {&ch[0], &x, false}, {&ch[1], &x, false}, {&ch[2], &x, false}, {&ch[3], &x, false}};
    for (auto _ : state) benchmark::DoNotOptimize(rt::select(cs, 4, true));
    for (auto& c : ch) c.close();
  });
}
BENCHMARK(BM_Select4)->UseRealTime();

void BM_MutexContended(benchmark::State& state) {
  const int procs = static_cast<int>(state.range(0));
  constexpr int kWorkers = 8, kOps = 1000;
  run_on_main(procs, [&] {
    rt::Mutex mu;
    long counter = 0;
    for (auto _ : state) {
      rt::WaitGroup wg;
      (void)wg.add(kWorkers);
      for (int w = 0; w < kWorkers; w++)
        rt::go([&] {
          for (int i = 0; i < kOps; i++) {
            mu.lock();
            counter++;
            mu.unlock();
            if (rt::preempt_requested()) rt::preempt_point();
          }
          (void)wg.done();
        });
      wg.wait();
    }
    benchmark::DoNotOptimize(counter);
  });
  state.counters["sec_per_lock"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * kWorkers * kOps,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_MutexContended)->Arg(1)->Arg(2)->Arg(8)->UseRealTime();

long status_kb(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  size_t n = std::strlen(key);
  while (std::getline(f, line))
    if (line.compare(0, n, key) == 0) return std::stol(line.substr(n));
  return 0;
}

void BM_ParkedMemory(benchmark::State& state) {
  const long n = state.range(0);
  for (auto _ : state) {
    double rss = 0, pte = 0, spawn_ns = 0;
    run_on_main(1, [&] {
      rt::Channel<int> c;
      std::atomic<long> started{0};
      long rss0 = status_kb("VmRSS:"), pte0 = status_kb("VmPTE:");
      int64_t t0 = rt::nanotime();
      for (long i = 0; i < n; i++)
        rt::go([&] {
          started.fetch_add(1, std::memory_order_relaxed);
          c.recv();
        });
      rt::yield();  // at MAXPROCS 1 every goroutine runs and parks before main resumes
      while (started.load() != n) rt::yield();
      spawn_ns = static_cast<double>(rt::nanotime() - t0) / n;
      rss = (status_kb("VmRSS:") - rss0) * 1024.0 / n;
      pte = (status_kb("VmPTE:") - pte0) * 1024.0 / n;
      c.close();
    });
    state.counters["rss_bytes_per_g"] = rss;
    state.counters["pagetable_bytes_per_g"] = pte;
    state.counters["spawn_park_ns_cold"] = spawn_ns;
  }
}
BENCHMARK(BM_ParkedMemory)
    ->Arg(100000)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

#ifdef GOL_BENCH_BOOST_FIBER
void BM_BoostFiberPingPong(benchmark::State& state) {
  boost::fibers::unbuffered_channel<int> ping, pong;
  boost::fibers::fiber f([&] {
    int v;
    while (ping.pop(v) == boost::fibers::channel_op_status::success) pong.push(v);
  });
  for (auto _ : state) {
    ping.push(1);
    int v;
    pong.pop(v);
    benchmark::DoNotOptimize(v);
  }
  ping.close();
  f.join();
}
BENCHMARK(BM_BoostFiberPingPong)->UseRealTime();
#endif

}  // namespace

BENCHMARK_MAIN();
