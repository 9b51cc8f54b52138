// TCP for net/http over the runtime's poller (runtime/netpoll.h): dialing (name lookup on a
// blocking-call helper, non-blocking connect), listening, accepting, and reading and
// writing that park the goroutine instead of blocking its thread. Errors come back as the
// text Go's net package gives them (`dial tcp 127.0.0.1:1: connect: connection refused`,
// `dial tcp: lookup nosuch.invalid: no such host`).
//
// Invariants: a Conn owns its fd (registered with the poller while open) and is used by
// one goroutine at a time; close() unregisters before closing.
#pragma once

#include <string>
#include <string_view>

namespace gol::stdlib::net {

// Go's text for an errno (syscall.Errno.Error(): "connection refused").
std::string errnoText(int e);

// Splits "host:port" ("[::1]:80" too) as net.SplitHostPort; false if malformed, with err
// set to Go's text (`address x: missing port in address`).
bool splitHostPort(std::string_view hostport, std::string& host, std::string& port,
                   std::string& err);

class Conn {
 public:
  Conn() = default;
  explicit Conn(int fd) : fd_(fd) {}
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() { close(); }
  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  // Appends what is available (at least one byte, parking until then). Returns the count
  // appended; 0 at EOF; -1 on error (err set).
  long readSome(std::string& out, std::string& err);
  // Writes everything; false on error (err set).
  bool writeAll(std::string_view data, std::string& err);
  void close();
  // Gives up the fd without closing it (it stays registered with the poller).
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }
  // Takes ownership of fd (closing the one it held).
  void reset(int fd) {
    close();
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// Connects to host:port over TCP. On failure conn stays closed and err is Go's text.
bool dialTCP(std::string_view hostport, Conn& conn, std::string& err);
// Listens on addr ("127.0.0.1:8080", ":8080"); the listener's fd, or -1 with Go's text.
int listenTCP(std::string_view addr, std::string& err);
// Accepts a connection (parks while none is pending); remote is "ip:port".
bool acceptTCP(int listenFd, Conn& conn, std::string& remote, std::string& err);

}  // namespace gol::stdlib::net
