// Goroutine inspection and the deadlock hook.
//
// list_goroutines() takes a consistent-enough snapshot for reports: each goroutine's fields
// are read atomically, but the list is not a stop-the-world snapshot. When the scheduler
// finds every goroutine blocked with nothing that could wake one (no timer, blocking call,
// or external waker), it calls the run's deadlock handler on the monitor thread with the
// blocked goroutines sorted by id; no goroutine runs meanwhile.
//
// Invariants: the list of all goroutines is guarded by the scheduler's allglock (held while
// copying, never across user code); the external-waker count is an atomic of the run.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "runtime/wait_reason.h"

namespace gol::rt {

enum class GoroutineState : uint8_t { Runnable, Running, Waiting };

struct GoroutineInfo {
  uint64_t id;
  GoroutineState state;
  WaitReason wait_reason;  // None unless Waiting
  int64_t waiting_ns;      // how long it has been waiting (coarse, ~ms); 0 unless Waiting
  int64_t sleep_left_ns;   // in a sleep: how long until it ends (coarse); else 0
  void* user;              // the pointer set with set_user()
};

// Live goroutines of the current run, sorted by id.
std::vector<GoroutineInfo> list_goroutines();

enum class DeadlockAction {
  Abort,     // end the run: start() returns {ExitKind::Deadlock, 2}
  Continue,  // the handler woke someone (e.g. closed a channel); keep running
};
using DeadlockHandler = std::function<DeadlockAction(const std::vector<GoroutineInfo>&)>;

// Writes Go's report header and one `goroutine N [reason]:` paragraph per goroutine to stderr
// (the default handler, used when Config::on_deadlock is empty; returns Abort).
DeadlockAction default_deadlock_handler(const std::vector<GoroutineInfo>& gs);

// A source outside the runtime (the REPL's input reader, a foreign thread) that may wake
// goroutines. While one is registered, blocked goroutines are not a deadlock. Non-goroutine
// threads must hold one while they may call ready(), close() or try_send() on the run.
void add_external_waker();
void remove_external_waker();

class ExternalWaker {
 public:
  ExternalWaker() { add_external_waker(); }
  ~ExternalWaker() { remove_external_waker(); }
  ExternalWaker(const ExternalWaker&) = delete;
  ExternalWaker& operator=(const ExternalWaker&) = delete;
};

}  // namespace gol::rt
