// Non-blocking network I/O: a goroutine waiting for a socket to become readable or writable
// parks (wait reason "IO wait") instead of blocking its OS thread, and a poller thread
// (epoll, edge-triggered) readies it when the kernel reports the socket ready.
//
// Usage, for a non-blocking fd (O_NONBLOCK / SOCK_NONBLOCK):
//     poll_register(fd);                     // once, after socket()/accept4()
//     for (;;) {
//       ssize_t n = ::read(fd, buf, len);
//       if (n >= 0 || errno != EAGAIN) break;
//       if (!wait_read(fd)) { /* fd was unregistered (closed) meanwhile */ }
//     }
//     poll_unregister(fd); ::close(fd);      // always unregister before close
// wait_read/wait_write may return spuriously (a readiness the caller already consumed):
// callers retry the operation and wait again on EAGAIN, as above.
//
// Invariants: one PollDesc per fd number, created on first use and never freed (reused
// when the OS reuses the number); the table of them is guarded by a process-wide mutex.
// Each PollDesc's SpinLock guards its registration (registered, gen), its readiness flags
// and its two waiters (one reader, one writer). A waiter parks with the PollDesc's lock
// released by park's unlock callback, after the switch, so the poller (which takes the
// same lock to take a waiter or else record the readiness) can never lose a wake-up. A
// parked waiter counts as an outside waker of its run (deadlock.h), so a goroutine waiting
// on the network is never reported as a deadlock; whoever takes the waiter (the poller or
// poll_unregister) readies it and drops that count. epoll events carry (gen, fd): an event
// for an earlier registration of the same fd number is ignored.
#pragma once

namespace gol::rt {

// Registers a non-blocking fd with the poller. True on success (or if already
// registered); false with errno set otherwise. wait_read/wait_write register on demand.
bool poll_register(int fd);
// Deregisters fd and wakes its waiters (their wait returns false). Call before close(fd).
void poll_unregister(int fd);
// Parks the calling goroutine until fd may be readable (wait_read: data, EOF, error) or
// writable (wait_write: space, connect finished, error). Off a goroutine, blocks the thread
// in poll(2). False when fd was unregistered while waiting or cannot be registered.
bool wait_read(int fd);
bool wait_write(int fd);

}  // namespace gol::rt
