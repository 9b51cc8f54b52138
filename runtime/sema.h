// Goroutine wait queues keyed by address: Go's runtime semaphores (sema.go) and a futex
// for goroutines. The sync primitives are built on them, which lets a Mutex or WaitGroup be
// a few zero-initialised words embedded anywhere (no queue inside the object).
//
// Invariants: waiters live on the waiting goroutine's stack, in one of 251 buckets chosen by
// address; a bucket's list and its waiters' links are guarded by the bucket's SpinLock.
// A semacquire withdrawn by cancel_wait leaves a heap placeholder (no goroutine) in its
// place, which the next semrelease for its address consumes (and frees) instead of waking
// anyone; futex waiters withdrawn simply leave the list.
// `nwait` lets a releaser skip the lock when nobody waits: the waiter increments it before
// re-checking the counter, the releaser changes the counter before reading it (seq_cst on
// both sides), so one of them sees the other and no wake-up is lost.
#pragma once

#include <atomic>
#include <cstdint>

#include "runtime/wait_reason.h"

namespace gol::rt {

// Waits until *addr > 0, then decrements it. (G)
void semacquire(std::atomic<uint32_t>* addr, WaitReason reason);
// Increments *addr and wakes one goroutine waiting on it.
void semrelease(std::atomic<uint32_t>* addr);

// Parks while *addr == expected (checked under the bucket lock). (G)
void futex_wait(std::atomic<int32_t>* addr, int32_t expected, WaitReason reason);
// Wakes up to n goroutines parked on addr; returns how many.
int futex_wake(const void* addr, int n);

}  // namespace gol::rt
