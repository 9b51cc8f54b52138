// selectgo (Go's select.go). Invariants: see select.h.
#include "runtime/select.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "runtime/chan_internal.h"
#include "runtime/goroutine.h"
#include "runtime/proc_internal.h"

namespace gol::rt {

using detail::G;
using detail::Sudog;

namespace {

constexpr size_t kInline = 16;

void sellock(SelectCase* cases, const uint32_t* lockorder, size_t n) {
  Chan* last = nullptr;
  for (size_t i = 0; i < n; i++) {
    Chan* c = cases[lockorder[i]].chan;
    if (c != last) ChanAccess::lock(c).lock();
    last = c;
  }
}

void selunlock(SelectCase* cases, const uint32_t* lockorder, size_t n) {
  for (size_t i = n; i-- > 0;) {
    Chan* c = cases[lockorder[i]].chan;
    if (i > 0 && c == cases[lockorder[i - 1]].chan) continue;
    ChanAccess::lock(c).unlock();
  }
}

// Runs on g0 after the select goroutine is switched out. The sudogs live on that
// goroutine's stack and it may resume as soon as a channel is unlocked, but it cannot pass
// its own sellock until we release the last lock, so we may read its sudogs until then.
bool selparkcommit(Goroutine* g, void*) {
  Chan* lastc = nullptr;
  for (Sudog* sg = g->waiting; sg; sg = sg->waitlink) {
    if (sg->c != lastc && lastc) ChanAccess::lock(lastc).unlock();
    lastc = sg->c;
  }
  if (lastc) ChanAccess::lock(lastc).unlock();
  return true;
}

// cancel_wait for a goroutine parked in a select (wait_cancel): it claims the select as
// a winning case would. Holding the lock of the first channel of the select's lock order
// makes sure the park has committed: the select holds every one of its locks until then.
bool cancel_select(G* g, void*) noexcept {
  Chan* first = g->waiting->c;
  ChanAccess::lock(first).lock();
  uint32_t zero = 0;
  bool claimed = g->select_done.compare_exchange_strong(zero, 1, std::memory_order_acq_rel);
  ChanAccess::lock(first).unlock();
  return claimed;
}

}  // namespace

SelectResult select(SelectCase* cases, size_t n, bool block) {
  uint32_t order_inline[2 * kInline];
  std::unique_ptr<uint32_t[]> order_heap;
  uint32_t* pollorder = order_inline;
  if (n > kInline) {
    order_heap.reset(new uint32_t[2 * n]);
    pollorder = order_heap.get();
  }
  uint32_t* lockorder = pollorder + (n > kInline ? n : kInline);

  // Random poll order over non-nil channels (inside-out Fisher-Yates).
  size_t norder = 0;
  for (size_t i = 0; i < n; i++) {
    if (!cases[i].chan) continue;
    uint32_t j = detail::fastrandn(static_cast<uint32_t>(norder + 1));
    pollorder[norder] = pollorder[j];
    pollorder[j] = static_cast<uint32_t>(i);
    norder++;
  }
  if (norder == 0) {
    if (!block) return {-1, false, ChanError::None};
    park(n == 0 ? WaitReason::SelectNoCases : WaitReason::Select);
    std::abort();  // never woken
  }
  // Lock order: by channel address (insertion sort; selects are small).
  for (size_t i = 0; i < norder; i++) {
    uint32_t x = pollorder[i];
    size_t j = i;
    while (j > 0 && cases[lockorder[j - 1]].chan > cases[x].chan) {
      lockorder[j] = lockorder[j - 1];
      j--;
    }
    lockorder[j] = x;
  }

  sellock(cases, lockorder, norder);

  // Pass 1: look for a case that can proceed now.
  for (size_t k = 0; k < norder; k++) {
    uint32_t i = pollorder[k];
    SelectCase& cs = cases[i];
    Chan* c = cs.chan;
    if (cs.is_send) {
      if (ChanAccess::closed(c)) {
        selunlock(cases, lockorder, norder);
        return {static_cast<int>(i), false, ChanError::SendOnClosed};
      }
      if (Sudog* sg = ChanAccess::recvq(c).dequeue()) {
        G* g = ChanAccess::send_to_waiter(c, sg, cs.elem);
        selunlock(cases, lockorder, norder);
        ready(g);
        return {static_cast<int>(i), false, ChanError::None};
      }
      if (ChanAccess::qcount(c) < ChanAccess::dataqsiz(c)) {
        ChanAccess::buf_send(c, cs.elem);
        selunlock(cases, lockorder, norder);
        return {static_cast<int>(i), false, ChanError::None};
      }
    } else {
      if (!ChanAccess::closed(c)) {
        if (Sudog* sg = ChanAccess::sendq(c).dequeue()) {
          G* g = ChanAccess::recv_from_waiter(c, sg, cs.elem);
          selunlock(cases, lockorder, norder);
          ready(g);
          return {static_cast<int>(i), true, ChanError::None};
        }
      }
      if (ChanAccess::qcount(c) > 0) {
        ChanAccess::buf_recv(c, cs.elem);
        selunlock(cases, lockorder, norder);
        return {static_cast<int>(i), true, ChanError::None};
      }
      if (ChanAccess::closed(c)) {
        selunlock(cases, lockorder, norder);
        return {static_cast<int>(i), false, ChanError::None};
      }
    }
  }

  if (!block) {
    selunlock(cases, lockorder, norder);
    return {-1, false, ChanError::None};
  }

  // Pass 2: enqueue on every channel and park.
  G* g = detail::this_g();
  if (!g) {
    std::fputs("fatal error: blocking select off a goroutine\n", stderr);
    std::abort();
  }
  Sudog sudogs_inline[kInline];
  std::unique_ptr<Sudog[]> sudogs_heap;
  Sudog* sudogs = sudogs_inline;
  if (n > kInline) {
    sudogs_heap.reset(new Sudog[n]);
    sudogs = sudogs_heap.get();
  }
  g->param = nullptr;
  Sudog** nextp = &g->waiting;
  for (size_t k = 0; k < norder; k++) {
    uint32_t i = lockorder[k];
    Sudog* sg = &sudogs[i];
    sg->g = g;
    sg->is_select = true;
    sg->elem = cases[i].elem;
    sg->c = cases[i].chan;
    sg->success = false;
    *nextp = sg;
    nextp = &sg->waitlink;
    if (cases[i].is_send)
      ChanAccess::sendq(sg->c).enqueue(sg);
    else
      ChanAccess::recvq(sg->c).enqueue(sg);
  }
  *nextp = nullptr;
  detail::begin_cancelable_wait(g, cancel_select, nullptr);
  park(WaitReason::Select, selparkcommit, nullptr);
  bool withdrawn = detail::end_cancelable_wait(g);

  // Pass 3: woken by the winning case; dequeue from the others.
  sellock(cases, lockorder, norder);
  g->select_done.store(0, std::memory_order_relaxed);
  Sudog* winner = g->param;
  g->param = nullptr;
  int casi = -1;
  bool success = false;
  for (size_t k = 0; k < norder; k++) {
    uint32_t i = lockorder[k];
    Sudog* sg = &sudogs[i];
    if (sg == winner) {
      casi = static_cast<int>(i);
      success = sg->success;
    } else if (cases[i].is_send) {
      ChanAccess::sendq(sg->c).remove(sg);
    } else {
      ChanAccess::recvq(sg->c).remove(sg);
    }
  }
  g->waiting = nullptr;
  selunlock(cases, lockorder, norder);
  if (withdrawn) detail::wait_withdrawn();
  if (casi < 0) {
    std::fputs("fatal error: select woken without a winning case\n", stderr);
    std::abort();
  }
  if (cases[casi].is_send)
    return {casi, false, success ? ChanError::None : ChanError::SendOnClosed};
  return {casi, success, ChanError::None};
}

}  // namespace gol::rt
