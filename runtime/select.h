// select over N send/receive cases (Go's selectgo).
//
// Invariants: the cases are polled in a random order (uniform choice among ready cases) and
// their channels locked in address order, each distinct channel once, so two selects can
// never deadlock on each other's locks. A blocked select enqueues one Sudog per case; the
// first operation to claim the goroutine's select_done flag (CAS 0 -> 1, under that
// channel's lock) wins, so exactly one case completes; the select then relocks all channels
// and removes its other Sudogs.
#pragma once

#include <cstddef>

#include "runtime/channel.h"

namespace gol::rt {

struct SelectCase {
  Chan* chan;  // nullptr: a nil channel, never ready
  void* elem;  // send: value to move from; receive: destination (nullptr discards)
  bool is_send;
};

struct SelectResult {
  int index;        // chosen case; -1: default (non-blocking select, nothing ready)
  bool recv_ok;     // receive case: false if the channel was closed (elem left unchanged)
  ChanError error;  // SendOnClosed if the chosen send case's channel is closed
};

// block=false is a select with a default case. With no cases and block=true this is
// `select {}`: parks forever ("select (no cases)"). (G) when block is true.
SelectResult select(SelectCase* cases, size_t n, bool block);

}  // namespace gol::rt
