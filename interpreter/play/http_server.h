// The playground's HTTP server (`gol play`): HTTP/1.1 on one listening socket, a thread per
// connection, one request per connection (`Connection: close`), bodies by Content-Length.
// Enough for a page on the same machine; nothing here is meant for the internet.
//
// Invariants: listen() is called once, before serve(); the handler is called from the
// connections' threads at once, so it must be thread-safe; at most kMaxConnections are
// served at a time (more are closed unanswered) and a request's head and body are capped
// (kMaxHead, kMaxBody: 431 and 413 beyond them).
#pragma once

#include <functional>
#include <map>
#include <string>

namespace gol::play {

struct Request {
  std::string method;                        // GET, POST, ...
  std::string path;                          // decoded, without the query
  std::map<std::string, std::string> query;  // decoded
  std::string body;
};

struct Response {
  int status = 200;
  std::string contentType = "text/plain; charset=utf-8";
  std::string body;
};

using Handler = std::function<Response(const Request&)>;

class HttpServer {
 public:
  static constexpr size_t kMaxHead = 64 << 10;
  static constexpr size_t kMaxBody = 1 << 20;
  static constexpr int kMaxConnections = 64;

  ~HttpServer();
  // Binds addr:port (port 0: any free one); false with *error as Go's net words it.
  bool listen(const std::string& addr, int port, std::string* error);
  int port() const { return port_; }
  // Accepts connections for ever, answering each request with handler.
  [[noreturn]] void serve(Handler handler);

 private:
  int fd_ = -1;
  int port_ = 0;
};

// "%XX" and, in queries, "+" decoded.
std::string percentDecode(const std::string& text, bool plusIsSpace);

}  // namespace gol::play
