// Why a goroutine is parked, named as Go names it (runtime/runtime2.go, waitReason).
// The string is what a goroutine report prints between brackets: `goroutine 1 [chan receive]:`.
// Invariants: none (no state); a goroutine's current reason is an atomic in its G, set by
// park() before the switch.
#pragma once

#include <cstdint>

namespace gol::rt {

enum class WaitReason : uint8_t {
  None,
  ChanReceive,         // "chan receive"
  ChanSend,            // "chan send"
  ChanReceiveNilChan,  // "chan receive (nil chan)"
  ChanSendNilChan,     // "chan send (nil chan)"
  Select,              // "select"
  SelectNoCases,       // "select (no cases)"
  Sleep,               // "sleep"
  SyncWaitGroupWait,   // "sync.WaitGroup.Wait"
  SyncMutexLock,       // "sync.Mutex.Lock"
  SyncRWMutexLock,     // "sync.RWMutex.Lock"
  SyncRWMutexRLock,    // "sync.RWMutex.RLock"
  SyncCondWait,        // "sync.Cond.Wait"
  Semacquire,          // "semacquire"
  Syscall,             // "syscall": inside blocking_call()
  IOWait,              // "IO wait"
  Forever,             // "forever": parked with no way to be woken
};

inline const char* wait_reason_string(WaitReason r) noexcept {
  switch (r) {
    case WaitReason::None: return "";
    case WaitReason::ChanReceive: return "chan receive";
    case WaitReason::ChanSend: return "chan send";
    case WaitReason::ChanReceiveNilChan: return "chan receive (nil chan)";
    case WaitReason::ChanSendNilChan: return "chan send (nil chan)";
    case WaitReason::Select: return "select";
    case WaitReason::SelectNoCases: return "select (no cases)";
    case WaitReason::Sleep: return "sleep";
    case WaitReason::SyncWaitGroupWait: return "sync.WaitGroup.Wait";
    case WaitReason::SyncMutexLock: return "sync.Mutex.Lock";
    case WaitReason::SyncRWMutexLock: return "sync.RWMutex.Lock";
    case WaitReason::SyncRWMutexRLock: return "sync.RWMutex.RLock";
    case WaitReason::SyncCondWait: return "sync.Cond.Wait";
    case WaitReason::Semacquire: return "semacquire";
    case WaitReason::Syscall: return "syscall";
    case WaitReason::IOWait: return "IO wait";
    case WaitReason::Forever: return "forever";
  }
  return "";
}

}  // namespace gol::rt
