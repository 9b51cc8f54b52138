// Channels with Go's semantics (chan.go's hchan).
//
// Invariants: `lock_` guards every field of a Chan except dataqsiz_/ops_ (immutable) and the
// atomics qcount_/closed_, which are written under the lock and may be read without it
// (len(), closed()). sendq_/recvq_ hold Sudogs that live on the waiting goroutines' stacks;
// a Sudog is in a queue only while its goroutine is parked, and whoever dequeues it (under
// the lock) completes the operation for it (copies the element, sets success) and then
// readies the goroutine after unlocking. A queue is non-empty only when the buffer cannot
// serve the other side: recvq only when the buffer is empty, sendq only when it is full.
// Elements are opaque: ElemOps says how to move and destroy them (no memcpy), so refcounted
// values work. Errors are returned, never thrown; the embedder turns them into Go panics.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

#include "runtime/spinlock.h"

namespace gol::rt {

namespace detail {
struct G;
struct Sudog;
struct WaitQ {
  Sudog* first = nullptr;
  Sudog* last = nullptr;
  void enqueue(Sudog* sg) noexcept;
  Sudog* dequeue() noexcept;        // skips select sudogs whose select already won
  void remove(Sudog* sg) noexcept;  // no-op if already dequeued
};
}  // namespace detail

// How the runtime handles an element it knows nothing about.
struct ElemOps {
  size_t size;
  size_t align;
  void (*move_construct)(void* dst, void* src) noexcept;  // dst is raw storage
  void (*move_assign)(void* dst, void* src) noexcept;
  void (*destroy)(void* p) noexcept;
};

template <class T>
const ElemOps* elem_ops() noexcept {
  static_assert(std::is_nothrow_move_constructible_v<T> && std::is_nothrow_move_assignable_v<T>);
  static constexpr ElemOps ops{
      std::is_empty_v<T> ? 0 : sizeof(T), alignof(T),
      [](void* d, void* s) noexcept { ::new (d) T(std::move(*static_cast<T*>(s))); },
      [](void* d, void* s) noexcept { *static_cast<T*>(d) = std::move(*static_cast<T*>(s)); },
      [](void* p) noexcept { static_cast<T*>(p)->~T(); }};
  return &ops;
}

enum class ChanError : uint8_t { None, SendOnClosed, CloseOfClosed, CloseOfNil };

// Go's panic message for each error ("send on closed channel", ...).
const char* chan_error_message(ChanError e) noexcept;

struct RecvResult {
  bool selected;  // false: would block (non-blocking receive only)
  bool ok;        // false: channel closed and drained; *dst left unchanged
};

class Chan {
 public:
  Chan(const ElemOps* ops, size_t capacity);
  // Destroys buffered elements. No goroutine may be blocked on the channel (except ones
  // abandoned by a finished run).
  ~Chan();
  Chan(const Chan&) = delete;
  Chan& operator=(const Chan&) = delete;

  // Blocking send (G): moves from *elem on success. Returns SendOnClosed if the channel is
  // or becomes closed.
  ChanError send(void* elem);
  // Blocking receive (G): move-assigns into *dst (dst may be null to discard). Returns ok.
  bool recv(void* dst);

  // Non-blocking forms (any thread). try_send returns false if it would block; *err is
  // SendOnClosed on a closed channel.
  bool try_send(void* elem, ChanError* err);
  RecvResult try_recv(void* dst);

  ChanError close();

  // The buffered elements, oldest first, and emptying the buffer (destroying them): for an
  // embedder's collector, with the world stopped (goroutine.h stop_the_world).
  void for_each_buffered(void (*fn)(void* elem, void* ctx), void* ctx);
  void clear_buffer();

  size_t len() const noexcept { return qcount_.load(std::memory_order_relaxed); }
  size_t cap() const noexcept { return dataqsiz_; }
  bool closed() const noexcept { return closed_.load(std::memory_order_relaxed); }

 private:
  friend struct ChanAccess;

  ChanError send_impl(void* elem, bool block, bool* done);
  RecvResult recv_impl(void* dst, bool block);
  void* slot(size_t i) const noexcept { return buf_ + i * stride_; }

  SpinLock lock_;
  const ElemOps* ops_;
  size_t dataqsiz_;
  size_t stride_;
  char* buf_ = nullptr;
  size_t sendx_ = 0;
  size_t recvx_ = 0;
  std::atomic<size_t> qcount_{0};
  std::atomic<bool> closed_{false};
  detail::WaitQ recvq_;
  detail::WaitQ sendq_;
};

// nil-aware operations, what the evaluator calls: on a nil channel send and receive block
// forever ("chan send (nil chan)", "chan receive (nil chan)") and close fails.
ChanError chan_send(Chan* c, void* elem);
bool chan_recv(Chan* c, void* dst);
ChanError chan_close(Chan* c);
inline size_t chan_len(const Chan* c) noexcept {
  return c ? c->len() : 0;
}
inline size_t chan_cap(const Chan* c) noexcept {
  return c ? c->cap() : 0;
}

// Typed convenience wrapper.
template <class T>
class Channel : public Chan {
 public:
  explicit Channel(size_t capacity = 0) : Chan(elem_ops<T>(), capacity) {}
  ChanError send(T v) { return Chan::send(&v); }
  // Returns {value, ok}; value is T{} when !ok.
  std::pair<T, bool> recv() {
    T v{};
    bool ok = Chan::recv(&v);
    return {std::move(v), ok};
  }
  bool try_send(T v, ChanError* err = nullptr) {
    ChanError e = ChanError::None;
    bool sent = Chan::try_send(&v, &e);
    if (err) *err = e;
    return sent;
  }
};

}  // namespace gol::rt
