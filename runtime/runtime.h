// The one public header of the Gol runtime (namespace gol::rt): an M:N goroutine scheduler
// on Boost.Context fibers with Go's semantics for goroutines, channels, select, timers and
// the sync package. It knows nothing of the Gol language. Invariants live beside each part:
//   goroutine.h  start/exit/fatal, go, yield, park/ready, preemption polling, stack checks,
//                MAXPROCS                                     (proc_internal.h: who locks what)
//   channel.h    Chan: send/recv/close/len/cap, non-blocking forms, nil-channel helpers
//   select.h     select over N cases with optional default
//   timer.h      nanotime, sleep, Timer (one-shot and periodic; stop/reset)
//   sync.h       Mutex, RWMutex, WaitGroup, Once, Cond
//   sema.h       goroutine semaphores and futex (for embedders building their own primitives)
//   blocking.h   blocking calls (stdin, files) without blocking the scheduler
//   deadlock.h   goroutine inspection, deadlock report hook, external wakers
//   wait_reason.h  Go's wait-reason names
//
// Typical embedding:
//   rt::Config cfg;  cfg.maxprocs = n;  cfg.on_deadlock = ...;  cfg.on_fatal = ...;
//   rt::ExitInfo e = rt::start(cfg, [&] { run_program_main(); });
//   return e.code;
// Errors Go reports as panics come back as values (ChanError, WaitGroup::add's false); the
// embedder raises its own panic. An unrecovered panic: print it, then rt::exit(2).
#pragma once

#include "runtime/blocking.h"
#include "runtime/channel.h"
#include "runtime/deadlock.h"
#include "runtime/goroutine.h"
#include "runtime/netpoll.h"
#include "runtime/select.h"
#include "runtime/sema.h"
#include "runtime/stack.h"
#include "runtime/sync.h"
#include "runtime/timer.h"
#include "runtime/trace.h"
#include "runtime/wait_reason.h"
