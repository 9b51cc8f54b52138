// Channel internals shared by channel.cpp and select.cpp. Internal to runtime/.
//
// Invariants: every ChanAccess helper is called with the channel's lock held. A Sudog's
// fields are written by whoever dequeues it (under that channel's lock) before ready(), and
// read by its goroutine only after it has been resumed.
#pragma once

#include "runtime/channel.h"
#include "runtime/proc_internal.h"

namespace gol::rt {

namespace detail {

// A goroutine waiting in a channel queue (Go's sudog). Lives on that goroutine's stack.
struct Sudog {
  G* g = nullptr;
  Sudog* next = nullptr;
  Sudog* prev = nullptr;
  void* elem = nullptr;  // send: value to move from; receive: destination (may be null)
  Chan* c = nullptr;
  Sudog* waitlink = nullptr;  // select: this G's sudogs in lock order
  bool is_select = false;
  bool success = false;  // the operation completed (false: woken by close)
};

bool unlock_chan(Goroutine*, void* c);

}  // namespace detail

struct ChanAccess {
  static SpinLock& lock(Chan* c) { return c->lock_; }
  static bool closed(Chan* c) { return c->closed_.load(std::memory_order_relaxed); }
  static size_t qcount(Chan* c) { return c->qcount_.load(std::memory_order_relaxed); }
  static size_t dataqsiz(Chan* c) { return c->dataqsiz_; }
  static detail::WaitQ& recvq(Chan* c) { return c->recvq_; }
  static detail::WaitQ& sendq(Chan* c) { return c->sendq_; }
  static detail::G* send_to_waiter(Chan* c, detail::Sudog* sg, void* ep) noexcept;
  static detail::G* recv_from_waiter(Chan* c, detail::Sudog* sg, void* ep) noexcept;
  static void buf_send(Chan* c, void* ep) noexcept;
  static void buf_recv(Chan* c, void* ep) noexcept;
};

}  // namespace gol::rt
