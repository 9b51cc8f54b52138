// The playground's HTTP server (http_server.h has its invariants).
#include "interpreter/play/http_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <thread>

namespace gol::play {

namespace {

std::atomic<int> g_connections{0};

const char* statusText(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    default: return "Internal Server Error";
  }
}

void sendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

void respond(int fd, const Response& r) {
  std::string head = "HTTP/1.1 " + std::to_string(r.status) + " " + statusText(r.status) +
                     "\r\nContent-Type: " + r.contentType +
                     "\r\nContent-Length: " + std::to_string(r.body.size()) +
                     "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
  sendAll(fd, head + r.body);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Reads one request from fd into *req; false with the status to answer otherwise (0: the
// peer went away, answer nothing).
bool readRequest(int fd, Request* req, int* failure) {
  std::string data;
  size_t headEnd;
  char buf[8192];
  for (;;) {
    headEnd = data.find("\r\n\r\n");
    if (headEnd != std::string::npos) break;
    if (data.size() > HttpServer::kMaxHead) {
      *failure = 431;
      return false;
    }
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *failure = 0;
      return false;
    }
    data.append(buf, static_cast<size_t>(n));
  }
  std::string head = data.substr(0, headEnd);
  size_t lineEnd = head.find("\r\n");
  std::string line = head.substr(0, lineEnd);
  size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
  if (sp1 == std::string::npos || sp2 == sp1) {
    *failure = 400;
    return false;
  }
  req->method = line.substr(0, sp1);
  std::string target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  size_t q = target.find('?');
  req->path = percentDecode(target.substr(0, q), false);
  if (q != std::string::npos) {
    std::string query = target.substr(q + 1);
    for (size_t at = 0; at <= query.size();) {
      size_t amp = query.find('&', at);
      std::string item = query.substr(at, amp == std::string::npos ? std::string::npos : amp - at);
      size_t eq = item.find('=');
      if (!item.empty()) {
        req->query[percentDecode(item.substr(0, eq), true)] =
            eq == std::string::npos ? "" : percentDecode(item.substr(eq + 1), true);
      }
      if (amp == std::string::npos) break;
      at = amp + 1;
    }
  }
  size_t length = 0;
  for (size_t at = lineEnd; at != std::string::npos && at < head.size();) {
    size_t next = head.find("\r\n", at + 2);
    std::string field =
        head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
    size_t colon = field.find(':');
    if (colon != std::string::npos && lower(field.substr(0, colon)) == "content-length") {
      length = std::strtoull(field.c_str() + colon + 1, nullptr, 10);
    }
    at = next;
  }
  if (length > HttpServer::kMaxBody) {
    *failure = 413;
    return false;
  }
  req->body = data.substr(headEnd + 4);
  while (req->body.size() < length) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *failure = 0;
      return false;
    }
    req->body.append(buf, static_cast<size_t>(n));
  }
  req->body.resize(length);
  return true;
}

void serveConnection(int fd, const Handler* handler) {
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  Request req;
  int failure = 0;
  if (readRequest(fd, &req, &failure)) {
    respond(fd, (*handler)(req));
  } else if (failure != 0) {
    respond(fd, Response{failure, "text/plain; charset=utf-8", statusText(failure)});
  }
  ::close(fd);
  g_connections.fetch_sub(1);
}

}  // namespace

std::string percentDecode(const std::string& text, bool plusIsSpace) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plusIsSpace) {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() &&
               std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

HttpServer::~HttpServer() {
  if (fd_ >= 0) ::close(fd_);
}

bool HttpServer::listen(const std::string& addr, int port, std::string* error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  std::string where = "listen tcp " + addr + ":" + service;
  if (int rc = ::getaddrinfo(addr.c_str(), service.c_str(), &hints, &res); rc != 0) {
    *error = where + ": lookup " + addr + ": " + ::gai_strerror(rc);
    return false;
  }
  int err = 0;
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      err = errno;
      continue;
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, 64) == 0) {
      fd_ = fd;
      break;
    }
    err = errno;
    ::close(fd);
  }
  ::freeaddrinfo(res);
  if (fd_ < 0) {
    *error = where + ": bind: " + std::strerror(err);
    return false;
  }
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &len);
  port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                            : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  return true;
}

void HttpServer::serve(Handler handler) {
  auto* shared = new Handler(std::move(handler));  // for the process's life
  for (;;) {
    int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    if (g_connections.fetch_add(1) >= kMaxConnections) {
      g_connections.fetch_sub(1);
      ::close(fd);
      continue;
    }
    std::thread(serveConnection, fd, shared).detach();
  }
}

}  // namespace gol::play
