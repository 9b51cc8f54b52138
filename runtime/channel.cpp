// Channel operations (Go's chansend, chanrecv, closechan). Invariants: see channel.h.
#include "runtime/channel.h"

#include <cstdio>
#include <cstdlib>

#include "runtime/chan_internal.h"
#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"

namespace gol::rt {

using detail::G;
using detail::Sudog;

namespace detail {

void WaitQ::enqueue(Sudog* sg) noexcept {
  sg->next = nullptr;
  sg->prev = last;
  if (last)
    last->next = sg;
  else
    first = sg;
  last = sg;
}

Sudog* WaitQ::dequeue() noexcept {
  for (;;) {
    Sudog* sg = first;
    if (!sg) return nullptr;
    Sudog* y = sg->next;
    if (!y) {
      first = last = nullptr;
    } else {
      y->prev = nullptr;
      first = y;
      sg->next = nullptr;
    }
    // A select waits on several channels; only the first to claim it may complete it.
    if (sg->is_select) {
      uint32_t zero = 0;
      if (!sg->g->select_done.compare_exchange_strong(zero, 1, std::memory_order_acq_rel)) continue;
    }
    return sg;
  }
}

void WaitQ::remove(Sudog* sg) noexcept {
  Sudog* x = sg->prev;
  Sudog* y = sg->next;
  if (x) {
    if (y) {
      x->next = y;
      y->prev = x;
    } else {
      x->next = nullptr;
      last = x;
    }
  } else if (y) {
    y->prev = nullptr;
    first = y;
  } else if (first == sg) {  // only element; if not, it was already dequeued
    first = last = nullptr;
  }
  sg->next = sg->prev = nullptr;
}

namespace {

// cancel_wait for a goroutine parked in a send or a receive (wait_cancel).
template <bool kSend>
bool cancel_chan_wait(G*, void* arg) noexcept {
  auto* sg = static_cast<Sudog*>(arg);
  Chan* c = sg->c;
  SpinLock& lock = ChanAccess::lock(c);
  lock.lock();
  WaitQ& q = kSend ? ChanAccess::sendq(c) : ChanAccess::recvq(c);
  bool queued = sg->prev || sg->next || q.first == sg;
  if (queued) q.remove(sg);
  lock.unlock();
  return queued;
}

}  // namespace

bool unlock_chan(Goroutine*, void* c) {
  ChanAccess::lock(static_cast<Chan*>(c)).unlock();
  return true;
}

}  // namespace detail

const char* chan_error_message(ChanError e) noexcept {
  switch (e) {
    case ChanError::None: return "";
    case ChanError::SendOnClosed: return "send on closed channel";
    case ChanError::CloseOfClosed: return "close of closed channel";
    case ChanError::CloseOfNil: return "close of nil channel";
  }
  return "";
}

Chan::Chan(const ElemOps* ops, size_t capacity) : ops_(ops), dataqsiz_(capacity) {
  size_t align = ops->align ? ops->align : 1;
  stride_ = (ops->size + align - 1) / align * align;
  if (capacity > 0 && stride_ > 0)
    buf_ = static_cast<char*>(::operator new(capacity* stride_, std::align_val_t(align)));
}

Chan::~Chan() {
  size_t n = qcount_.load(std::memory_order_relaxed);
  if (stride_ > 0)
    for (size_t i = 0, x = recvx_; i < n; i++, x = (x + 1) % dataqsiz_) ops_->destroy(slot(x));
  if (buf_) {
    size_t align = ops_->align ? ops_->align : 1;
    ::operator delete(buf_, std::align_val_t(align));
  }
}

void Chan::for_each_buffered(void (*fn)(void* elem, void* ctx), void* ctx) {
  std::lock_guard lk(lock_);
  size_t n = qcount_.load(std::memory_order_relaxed);
  if (stride_ == 0) return;
  for (size_t i = 0, x = recvx_; i < n; i++, x = (x + 1) % dataqsiz_) fn(slot(x), ctx);
}

void Chan::clear_buffer() {
  std::lock_guard lk(lock_);
  size_t n = qcount_.load(std::memory_order_relaxed);
  if (stride_ > 0)
    for (size_t i = 0, x = recvx_; i < n; i++, x = (x + 1) % dataqsiz_) ops_->destroy(slot(x));
  qcount_.store(0, std::memory_order_relaxed);
  sendx_ = recvx_ = 0;
}

// The channel lock is held. Completes a send to receiver `sg` and returns its goroutine.
G* ChanAccess::send_to_waiter(Chan* c, Sudog* sg, void* ep) noexcept {
  if (sg->elem && c->stride_ > 0) c->ops_->move_assign(sg->elem, ep);
  sg->success = true;
  sg->g->param = sg;
  return sg->g;
}

// The channel lock is held. Completes a receive from waiting sender `sg` (the buffer, if
// any, is full: take its head and put the sender's element at its tail).
G* ChanAccess::recv_from_waiter(Chan* c, Sudog* sg, void* ep) noexcept {
  if (c->dataqsiz_ == 0) {
    if (ep && c->stride_ > 0) c->ops_->move_assign(ep, sg->elem);
  } else if (c->stride_ > 0) {
    void* head = c->slot(c->recvx_);
    if (ep) c->ops_->move_assign(ep, head);
    c->ops_->move_assign(head, sg->elem);
    c->recvx_ = (c->recvx_ + 1) % c->dataqsiz_;
    c->sendx_ = c->recvx_;
  } else {
    c->recvx_ = (c->recvx_ + 1) % c->dataqsiz_;
    c->sendx_ = c->recvx_;
  }
  sg->success = true;
  sg->g->param = sg;
  return sg->g;
}

void ChanAccess::buf_send(Chan* c, void* ep) noexcept {
  if (c->stride_ > 0) c->ops_->move_construct(c->slot(c->sendx_), ep);
  c->sendx_ = (c->sendx_ + 1) % c->dataqsiz_;
  c->qcount_.store(c->qcount_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

void ChanAccess::buf_recv(Chan* c, void* ep) noexcept {
  if (c->stride_ > 0) {
    void* s = c->slot(c->recvx_);
    if (ep) c->ops_->move_assign(ep, s);
    c->ops_->destroy(s);
  }
  c->recvx_ = (c->recvx_ + 1) % c->dataqsiz_;
  c->qcount_.store(c->qcount_.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
}

ChanError Chan::send_impl(void* ep, bool block, bool* done) {
  lock_.lock();
  if (closed_.load(std::memory_order_relaxed)) {
    lock_.unlock();
    *done = false;
    return ChanError::SendOnClosed;
  }
  if (Sudog* sg = recvq_.dequeue()) {
    G* g = ChanAccess::send_to_waiter(this, sg, ep);
    lock_.unlock();
    ready(g);
    *done = true;
    return ChanError::None;
  }
  if (qcount_.load(std::memory_order_relaxed) < dataqsiz_) {
    ChanAccess::buf_send(this, ep);
    lock_.unlock();
    *done = true;
    return ChanError::None;
  }
  if (!block) {
    lock_.unlock();
    *done = false;
    return ChanError::None;
  }
  G* g = detail::this_g();
  if (!g) {
    std::fputs("fatal error: blocking channel send off a goroutine\n", stderr);
    std::abort();
  }
  Sudog mysg;
  mysg.g = g;
  mysg.elem = ep;
  mysg.c = this;
  sendq_.enqueue(&mysg);
  detail::begin_cancelable_wait(g, detail::cancel_chan_wait<true>, &mysg);
  park(WaitReason::ChanSend, detail::unlock_chan, this);
  if (detail::end_cancelable_wait(g)) detail::wait_withdrawn();
  g->param = nullptr;
  *done = mysg.success;
  return mysg.success ? ChanError::None : ChanError::SendOnClosed;
}

RecvResult Chan::recv_impl(void* ep, bool block) {
  lock_.lock();
  if (closed_.load(std::memory_order_relaxed)) {
    if (qcount_.load(std::memory_order_relaxed) == 0) {
      lock_.unlock();
      return {true, false};
    }
  } else if (Sudog* sg = sendq_.dequeue()) {
    G* g = ChanAccess::recv_from_waiter(this, sg, ep);
    lock_.unlock();
    ready(g);
    return {true, true};
  }
  if (qcount_.load(std::memory_order_relaxed) > 0) {
    ChanAccess::buf_recv(this, ep);
    lock_.unlock();
    return {true, true};
  }
  if (!block) {
    lock_.unlock();
    return {false, false};
  }
  G* g = detail::this_g();
  if (!g) {
    std::fputs("fatal error: blocking channel receive off a goroutine\n", stderr);
    std::abort();
  }
  Sudog mysg;
  mysg.g = g;
  mysg.elem = ep;
  mysg.c = this;
  recvq_.enqueue(&mysg);
  detail::begin_cancelable_wait(g, detail::cancel_chan_wait<false>, &mysg);
  park(WaitReason::ChanReceive, detail::unlock_chan, this);
  if (detail::end_cancelable_wait(g)) detail::wait_withdrawn();
  g->param = nullptr;
  return {true, mysg.success};
}

ChanError Chan::send(void* elem) {
  bool done;
  return send_impl(elem, true, &done);
}

bool Chan::recv(void* dst) {
  return recv_impl(dst, true).ok;
}

bool Chan::try_send(void* elem, ChanError* err) {
  bool done = false;
  ChanError e = send_impl(elem, false, &done);
  if (err) *err = e;
  return done;
}

RecvResult Chan::try_recv(void* dst) {
  return recv_impl(dst, false);
}

ChanError Chan::close() {
  lock_.lock();
  if (closed_.load(std::memory_order_relaxed)) {
    lock_.unlock();
    return ChanError::CloseOfClosed;
  }
  closed_.store(true, std::memory_order_relaxed);
  // Release every waiter (receivers get ok=false, senders fail); ready them after unlocking.
  G* list = nullptr;
  for (detail::WaitQ* q : {&recvq_, &sendq_}) {
    while (Sudog* sg = q->dequeue()) {
      sg->success = false;
      sg->g->param = sg;
      sg->g->schedlink = list;
      list = sg->g;
    }
  }
  lock_.unlock();
  while (list) {
    G* g = list;
    list = g->schedlink;
    g->schedlink = nullptr;
    ready(g);
  }
  return ChanError::None;
}

ChanError chan_send(Chan* c, void* elem) {
  if (!c) {
    park(WaitReason::ChanSendNilChan);
    std::abort();  // never woken
  }
  return c->send(elem);
}

bool chan_recv(Chan* c, void* dst) {
  if (!c) {
    park(WaitReason::ChanReceiveNilChan);
    std::abort();
  }
  return c->recv(dst);
}

ChanError chan_close(Chan* c) {
  return c ? c->close() : ChanError::CloseOfNil;
}

}  // namespace gol::rt
