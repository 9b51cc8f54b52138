// TCP over the runtime's poller (see http_net.h).
#include "stdlib/http_net.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "runtime/blocking.h"
#include "runtime/netpoll.h"
#include "runtime/timer.h"

namespace gol::stdlib::net {

namespace {

struct Addr {
  sockaddr_storage sa{};
  socklen_t len = 0;
  int family = AF_INET;
};

std::string addrText(const sockaddr* sa) {
  char ip[INET6_ADDRSTRLEN] = "?";
  int port = 0;
  if (sa->sa_family == AF_INET6) {
    auto* a = reinterpret_cast<const sockaddr_in6*>(sa);
    inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof ip);
    port = ntohs(a->sin6_port);
    return "[" + std::string(ip) + "]:" + std::to_string(port);
  }
  auto* a = reinterpret_cast<const sockaddr_in*>(sa);
  inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
  port = ntohs(a->sin_port);
  return std::string(ip) + ":" + std::to_string(port);
}

bool validPort(const std::string& port) {
  if (port.empty() || port.size() > 5) return false;
  for (char c : port)
    if (c < '0' || c > '9') return false;
  return std::stol(port) <= 65535;
}

// getaddrinfo on a blocking-call helper. On failure err is Go's `lookup HOST: ...` text.
bool lookup(const std::string& host, const std::string& port, bool passive, std::vector<Addr>& out,
            std::string& err) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = passive ? AI_PASSIVE : 0;
  addrinfo* res = nullptr;
  const char* node = host.empty() ? nullptr : host.c_str();
  int rc = rt::blocking([&] { return getaddrinfo(node, port.c_str(), &hints, &res); });
  if (rc != 0) {
    std::string why;
    if (rc == EAI_NONAME || rc == EAI_NODATA)
      why = "no such host";
    else if (rc == EAI_SYSTEM)
      why = errnoText(errno);
    else
      why = gai_strerror(rc);
    err = "lookup " + host + ": " + why;
    return false;
  }
  for (addrinfo* a = res; a; a = a->ai_next) {
    if (a->ai_family != AF_INET && a->ai_family != AF_INET6) continue;
    Addr x;
    std::memcpy(&x.sa, a->ai_addr, a->ai_addrlen);
    x.len = a->ai_addrlen;
    x.family = a->ai_family;
    out.push_back(x);
  }
  freeaddrinfo(res);
  if (out.empty()) {
    err = "lookup " + host + ": no such host";
    return false;
  }
  return true;
}

// A non-blocking connect of one address; errno-style result (0: connected).
int connectOne(const Addr& a, int& fdOut) {
  int fd = ::socket(a.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return errno;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&a.sa), a.len);
  if (rc != 0 && errno != EINPROGRESS && errno != EINTR) {
    int e = errno;
    ::close(fd);
    return e;
  }
  if (!rt::poll_register(fd)) {
    int e = errno;
    ::close(fd);
    return e;
  }
  if (rc != 0) {
    for (;;) {
      rt::wait_write(fd);
      int soerr = 0;
      socklen_t len = sizeof soerr;
      if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0) soerr = errno;
      if (soerr == EINPROGRESS || soerr == EALREADY || soerr == EINTR) continue;
      if (soerr != 0) {
        rt::poll_unregister(fd);
        ::close(fd);
        return soerr;
      }
      sockaddr_storage peer;
      socklen_t plen = sizeof peer;
      if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &plen) == 0) break;
      if (errno != ENOTCONN) {
        int e = errno;
        rt::poll_unregister(fd);
        ::close(fd);
        return e;
      }
      // Woken before the connection finished (a spurious readiness): wait again.
    }
  }
  fdOut = fd;
  return 0;
}

}  // namespace

std::string errnoText(int e) {
  switch (e) {
    case ECONNREFUSED: return "connection refused";
    case ECONNRESET: return "connection reset by peer";
    case ENETUNREACH: return "network is unreachable";
    case EHOSTUNREACH: return "no route to host";
    case ETIMEDOUT: return "connection timed out";
    case EADDRINUSE: return "address already in use";
    case EADDRNOTAVAIL: return "cannot assign requested address";
    case EACCES: return "permission denied";
    case EPIPE: return "broken pipe";
    default: break;
  }
  std::string s = std::strerror(e);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z'))
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

bool splitHostPort(std::string_view hp, std::string& host, std::string& port, std::string& err) {
  std::string addr(hp);
  auto missing = [&] {
    err = "address " + addr + ": missing port in address";
    return false;
  };
  if (!hp.empty() && hp[0] == '[') {
    size_t end = hp.find(']');
    if (end == std::string_view::npos) {
      err = "address " + addr + ": missing ']' in address";
      return false;
    }
    if (end + 1 >= hp.size() || hp[end + 1] != ':') return missing();
    host = std::string(hp.substr(1, end - 1));
    port = std::string(hp.substr(end + 2));
    return true;
  }
  size_t colon = hp.rfind(':');
  if (colon == std::string_view::npos) return missing();
  if (hp.find(':') != colon) {
    err = "address " + addr + ": too many colons in address";
    return false;
  }
  host = std::string(hp.substr(0, colon));
  port = std::string(hp.substr(colon + 1));
  return true;
}

long Conn::readSome(std::string& out, std::string& err) {
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
      return n;
    }
    if (n == 0) return 0;
    if (errno == EINTR) continue;
    if (errno == EAGAIN) {
      if (!rt::wait_read(fd_)) {
        err = "use of closed network connection";
        return -1;
      }
      continue;
    }
    err = "read: " + errnoText(errno);
    return -1;
  }
}

bool Conn::writeAll(std::string_view data, std::string& err) {
  while (!data.empty()) {
    ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      if (!rt::wait_write(fd_)) {
        err = "use of closed network connection";
        return false;
      }
      continue;
    }
    err = "write: " + errnoText(n < 0 ? errno : EPIPE);
    return false;
  }
  return true;
}

void Conn::close() {
  if (fd_ < 0) return;
  rt::poll_unregister(fd_);
  ::close(fd_);
  fd_ = -1;
}

bool dialTCP(std::string_view hostport, Conn& conn, std::string& err) {
  std::string host, port;
  if (!splitHostPort(hostport, host, port, err)) {
    err = "dial tcp: " + err;
    return false;
  }
  if (!validPort(port)) {
    err = "dial tcp: address " + port + ": invalid port";
    return false;
  }
  std::vector<Addr> addrs;
  if (!lookup(host.empty() ? "localhost" : host, port, false, addrs, err)) {
    err = "dial tcp: " + err;
    return false;
  }
  std::string first;
  for (const Addr& a : addrs) {
    int fd = -1;
    int e = connectOne(a, fd);
    if (e == 0) {
      conn.reset(fd);
      return true;
    }
    if (first.empty())
      first = "dial tcp " + addrText(reinterpret_cast<const sockaddr*>(&a.sa)) +
              ": connect: " + errnoText(e);
  }
  err = first;
  return false;
}

int listenTCP(std::string_view addr, std::string& err) {
  std::string host, port;
  std::string prefix = "listen tcp " + std::string(addr) + ": ";
  if (!splitHostPort(addr, host, port, err)) {
    err = "listen tcp: " + err;
    return -1;
  }
  if (!validPort(port)) {
    err = "listen tcp: address " + port + ": invalid port";
    return -1;
  }
  std::vector<Addr> addrs;
  if (host.empty()) {
    Addr a;  // every interface, IPv4 and IPv6 (as Go's ":8080")
    auto* s6 = reinterpret_cast<sockaddr_in6*>(&a.sa);
    s6->sin6_family = AF_INET6;
    s6->sin6_addr = in6addr_any;
    s6->sin6_port = htons(static_cast<uint16_t>(std::stoi(port)));
    a.len = sizeof(sockaddr_in6);
    a.family = AF_INET6;
    addrs.push_back(a);
    Addr b;
    auto* s4 = reinterpret_cast<sockaddr_in*>(&b.sa);
    s4->sin_family = AF_INET;
    s4->sin_addr.s_addr = htonl(INADDR_ANY);
    s4->sin_port = s6->sin6_port;
    b.len = sizeof(sockaddr_in);
    addrs.push_back(b);
  } else if (!lookup(host, port, true, addrs, err)) {
    err = "listen tcp: " + err;
    return -1;
  }
  int firstErr = 0;
  const char* firstOp = "socket";
  for (const Addr& a : addrs) {
    int fd = ::socket(a.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      if (!firstErr) firstErr = errno, firstOp = "socket";
      continue;
    }
    int one = 1, zero = 0;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (a.family == AF_INET6 && host.empty())
      setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&a.sa), a.len) != 0) {
      if (!firstErr) firstErr = errno, firstOp = "bind";
      ::close(fd);
      continue;
    }
    if (::listen(fd, 512) != 0) {
      if (!firstErr) firstErr = errno, firstOp = "listen";
      ::close(fd);
      continue;
    }
    if (!rt::poll_register(fd)) {
      if (!firstErr) firstErr = errno, firstOp = "epoll_ctl";
      ::close(fd);
      continue;
    }
    return fd;
  }
  err = prefix + firstOp + ": " + errnoText(firstErr);
  return -1;
}

bool acceptTCP(int listenFd, Conn& conn, std::string& remote, std::string& err) {
  for (;;) {
    sockaddr_storage sa;
    socklen_t len = sizeof sa;
    int fd =
        ::accept4(listenFd, reinterpret_cast<sockaddr*>(&sa), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      if (!rt::poll_register(fd)) {
        ::close(fd);
        continue;
      }
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      remote = addrText(reinterpret_cast<const sockaddr*>(&sa));
      conn.reset(fd);
      return true;
    }
    int e = errno;
    if (e == EAGAIN || e == EINTR) {
      if (e == EAGAIN && !rt::wait_read(listenFd)) {
        err = "accept: use of closed network connection";
        return false;
      }
      continue;
    }
    if (e == ECONNABORTED || e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM) {
      rt::sleep(5'000'000);  // a temporary shortage, as Go's server retries
      continue;
    }
    err = "accept: " + errnoText(e);
    return false;
  }
}

}  // namespace gol::stdlib::net
