// net/http (client: Get, Response; server: HandleFunc, ListenAndServe, ResponseWriter,
// Request, Error, NotFound, StatusText, the Status* constants) over the TCP of http_net.cpp.
// io (io.cpp) and net/url (url.cpp) give it io.ReadCloser, io.EOF, url.URL and url.Error.
//
// The client speaks HTTP/1.1 with `Connection: close`, follows up to 10 redirects as
// http.Get does, and reads the whole body before Get returns (Content-Length, chunked, or
// to EOF): resp.Body reads from memory. https is reported as not supported.
// The server handles one request per connection (`Connection: close`) on its own
// goroutine, buffers what the handler writes and sends it with a Content-Length when the
// handler returns. Patterns follow Go's ServeMux before 1.22: a pattern ending in "/"
// matches every path below it, other patterns match exactly, the longest match wins.
//
// Invariants: `muxMu` guards the default mux's table; `responsesMu` guards every
// response's `state` field (a ResponseState* in an int field, nulled when the connection's
// goroutine sends the response), so a Write from a goroutine the handler started, after
// the response went out, finds it null instead of freed memory.
#include <algorithm>
#include <ctime>
#include <map>
#include <mutex>

#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/format.h"
#include "stdlib/go_call.h"
#include "stdlib/http_net.h"
#include "stdlib/io.h"
#include "stdlib/packages.h"
#include "stdlib/strconv.h"
#include "stdlib/support.h"
#include "stdlib/url.h"

namespace gol::stdlib {

void (*goCallNative)(void (*fn)(void*), void* arg) = nullptr;

namespace {

using check::BasicKind;
using values::AnyValue;
using values::Value;

const check::Type* strT() {
  return check::basicType(BasicKind::String);
}
const check::Type* intT() {
  return check::basicType(BasicKind::Int);
}
const check::Type* bytesT() {
  return check::sliceOf(check::basicType(BasicKind::Uint8));
}

constexpr auto& sig = nativeSignature;

check::Named* structType(const char* name, std::initializer_list<check::StructField> fields) {
  auto* st = new check::Struct;
  st->fields.assign(fields);
  return nativeNamed("net/http", name, st);
}

check::Named* ifaceType(const char* name, std::vector<check::Method> methods) {
  auto* i = new check::Interface;
  std::sort(methods.begin(), methods.end(),
            [](const check::Method& a, const check::Method& b) { return a.name < b.name; });
  i->methods = std::move(methods);
  return nativeNamed("net/http", name, i);
}

check::Method ifaceMethod(const char* name, const check::Signature* s) {
  check::Method m;
  m.name = name;
  m.sig = s;
  return m;
}

values::StructObject* newStruct(const check::Named* t) {
  return values::StructObject::make(static_cast<const check::Struct*>(t->underlying));
}

const check::Named* bodyType();
const check::Named* responseType();
const check::Named* requestType();
const check::Named* responseImplType();
const check::Named* responseWriterType();
const check::Signature* handlerFuncSig();
const check::Named* handlerType();

// The package's Go types for bind (bind.h): each borrowed as an argument, owned as a result.
template <auto N>
struct Ptr {  // *T for the struct type T that N() gives
  values::StructObject* object = nullptr;
};
struct ResponseWriter {
  AnyValue w;
};
struct HandlerFunc {  // func(ResponseWriter, *Request)
  Value fn{};
};
struct Handler {
  Value iface{};
};

}  // namespace

template <auto N>
struct GoType<Ptr<N>> {
  static const check::Type* type() { return check::pointerTo(N()); }
  static Ptr<N> arg(const AnyValue& a) { return {static_cast<values::StructObject*>(a.value.p)}; }
  static Value result(Ptr<N> p) { return Value{.p = p.object}; }
};

template <>
struct GoType<ResponseWriter> {
  static const check::Type* type() { return responseWriterType(); }
  static ResponseWriter arg(const AnyValue& a) { return {a}; }
};

template <>
struct GoType<HandlerFunc> {
  static const check::Type* type() { return handlerFuncSig(); }
  static HandlerFunc arg(const AnyValue& a) { return {a.value}; }
};

template <>
struct GoType<Handler> {
  static const check::Type* type() { return handlerType(); }
  static Handler arg(const AnyValue& a) { return {a.value}; }
};

namespace {

values::StructObject* deref(values::StructObject* o) {
  if (!o) nilPanic();
  return o;
}

// ---- the client ----

// (*http.body).Read: fields data string, off int, closed bool
std::tuple<int64_t, GoError> bodyRead(Ptr<bodyType> body, Bytes p) {
  values::StructObject* b = deref(body.object);
  if (b->fields[2].i) return {0, GoError{errors::newError("http: read on closed response body")}};
  std::string_view data = values::stringView(b->fields[0]);
  auto off = static_cast<size_t>(b->fields[1].i);
  values::SliceObject* dst = values::asSlice(p.slice);
  int64_t want = dst ? dst->len() : 0;
  if (off >= data.size()) {
    if (want == 0) return {0, GoError{}};
    Value eof = io::eof();
    values::retainRef(eof);
    return {0, GoError{eof}};
  }
  int64_t n = std::min<int64_t>(want, static_cast<int64_t>(data.size() - off));
  for (int64_t k = 0; k < n; ++k) dst->base()[k].u = static_cast<unsigned char>(data[off + k]);
  b->fields[1].i = static_cast<int64_t>(off) + n;
  return {n, GoError{}};
}

GoError bodyClose(Ptr<bodyType> body) {
  deref(body.object)->fields[2].i = 1;
  return {};
}

const check::Named* bodyType() {
  static check::Named* t = [] {
    auto* n = structType("body", {{"data", strT(), false, ""},
                                  {"off", intT(), false, ""},
                                  {"closed", check::basicType(BasicKind::Bool), false, ""}});
    bindMethod<&bodyRead>(n, "Read");
    bindMethod<&bodyClose>(n, "Close");
    return n;
  }();
  return t;
}

const check::Named* responseType() {
  static check::Named* t =
      structType("Response", {{"Status", strT(), false, ""},
                              {"StatusCode", intT(), false, ""},
                              {"Proto", strT(), false, ""},
                              {"ContentLength", check::basicType(BasicKind::Int64), false, ""},
                              {"Body", io::readCloserType(), false, ""}});
  return t;
}

const char* reasonPhrase(int code) {
  switch (code) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Request Entity Too Large";
    case 418: return "I'm a teapot";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

struct ParsedURL {
  std::string scheme, host, path, query, fragment;
};

// A small url.Parse for absolute http URLs; false with Go's text if malformed.
bool parseURL(std::string_view s, ParsedURL& u, std::string& err) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      err = "net/url: invalid control character in URL";
      return false;
    }
  }
  size_t hash = s.find('#');
  if (hash != std::string_view::npos) {
    u.fragment = std::string(s.substr(hash + 1));
    s = s.substr(0, hash);
  }
  size_t colon = s.find(':');
  size_t slash = s.find('/');
  if (colon != std::string_view::npos && colon > 0 &&
      (slash == std::string_view::npos || colon < slash)) {
    u.scheme = std::string(s.substr(0, colon));
    for (char& c : u.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    s = s.substr(colon + 1);
  }
  if (s.substr(0, 2) == "//") {
    s = s.substr(2);
    size_t end = s.find_first_of("/?");
    u.host = std::string(s.substr(0, end));
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end);
  }
  size_t q = s.find('?');
  if (q != std::string_view::npos) {
    u.query = std::string(s.substr(q + 1));
    s = s.substr(0, q);
  }
  u.path = std::string(s);
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

struct RawResponse {
  int code = 0;
  std::string status, proto, body;
  std::map<std::string, std::string> headers;  // lower-case names
};

// Reads until `head` holds a full header block ("\r\n\r\n"); the rest stays in `buf`.
// 0: EOF before anything; -1: error (err set); 1: ok.
int readHead(net::Conn& c, std::string& buf, std::string& head, std::string& err) {
  for (;;) {
    size_t end = buf.find("\r\n\r\n");
    size_t endLF = buf.find("\n\n");
    if (end != std::string::npos || endLF != std::string::npos) {
      size_t cut, skip;
      if (end != std::string::npos && (endLF == std::string::npos || end < endLF)) {
        cut = end, skip = 4;
      } else {
        cut = endLF, skip = 2;
      }
      head = buf.substr(0, cut);
      buf.erase(0, cut + skip);
      return 1;
    }
    if (buf.size() > (1u << 20)) {
      err = "header too large";
      return -1;
    }
    long n = c.readSome(buf, err);
    if (n < 0) return -1;
    if (n == 0) {
      if (buf.empty()) return 0;
      err = "unexpected EOF";
      return -1;
    }
  }
}

std::vector<std::string> splitLines(const std::string& head) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos <= head.size()) {
    size_t nl = head.find('\n', pos);
    std::string line = head.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return lines;
}

bool parseHeaders(const std::vector<std::string>& lines, std::map<std::string, std::string>& h) {
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t colon = lines[i].find(':');
    if (colon == std::string::npos || colon == 0) return false;
    h[lower(lines[i].substr(0, colon))] = trim(std::string_view(lines[i]).substr(colon + 1));
  }
  return true;
}

// Reads a body after the head: chunked, Content-Length, or to EOF.
bool readBody(net::Conn& c, std::string& buf, const std::map<std::string, std::string>& h,
              bool noBody, std::string& body, std::string& err) {
  if (noBody) return true;
  auto te = h.find("transfer-encoding");
  if (te != h.end() && lower(te->second) == "chunked") {
    size_t pos = 0;
    for (;;) {
      size_t nl;
      while ((nl = buf.find("\r\n", pos)) == std::string::npos) {
        long n = c.readSome(buf, err);
        if (n <= 0) {
          if (n == 0) err = "unexpected EOF";
          return false;
        }
      }
      std::string line = buf.substr(pos, nl - pos);
      size_t semi = line.find(';');
      if (semi != std::string::npos) line.resize(semi);
      line = trim(line);
      if (line.empty() || line.size() > 15 ||
          line.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
        err = "malformed chunked encoding";
        return false;
      }
      size_t size = std::stoul(line, nullptr, 16);
      pos = nl + 2;
      if (size == 0) return true;  // trailers are not read: the connection closes
      while (buf.size() < pos + size + 2) {
        long n = c.readSome(buf, err);
        if (n <= 0) {
          if (n == 0) err = "unexpected EOF";
          return false;
        }
      }
      body.append(buf, pos, size);
      pos += size + 2;
    }
  }
  auto cl = h.find("content-length");
  if (cl != h.end()) {
    const std::string& v = cl->second;
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) {
      err = "bad Content-Length " + strconv::quote(v);
      return false;
    }
    size_t want = std::stoull(v);
    while (buf.size() < want) {
      long n = c.readSome(buf, err);
      if (n < 0) return false;
      if (n == 0) {
        err = "unexpected EOF";
        return false;
      }
    }
    body = buf.substr(0, want);
    return true;
  }
  for (;;) {
    long n = c.readSome(buf, err);
    if (n < 0) return false;
    if (n == 0) break;
  }
  body = std::move(buf);
  return true;
}

// One GET; false with the error text (without the `Get "url": ` prefix).
bool roundTrip(const ParsedURL& u, RawResponse& r, std::string& err) {
  std::string hostport = u.host;
  bool hasPort = false;
  if (!hostport.empty() && hostport[0] == '[') {
    hasPort = hostport.find("]:") != std::string::npos;
  } else {
    hasPort = hostport.find(':') != std::string::npos;
  }
  if (!hasPort) hostport += ":80";
  net::Conn conn;
  if (!net::dialTCP(hostport, conn, err)) return false;
  std::string target = u.path.empty() ? "/" : u.path;
  if (!u.query.empty()) target += "?" + u.query;
  std::string req = "GET " + target + " HTTP/1.1\r\nHost: " + u.host +
                    "\r\nUser-Agent: Go-http-client/1.1\r\nConnection: close\r\n\r\n";
  if (!conn.writeAll(req, err)) return false;
  std::string buf, head;
  int rc = readHead(conn, buf, head, err);
  if (rc == 0) {
    err = "EOF";
    return false;
  }
  if (rc < 0) return false;
  std::vector<std::string> lines = splitLines(head);
  const std::string& sl = lines[0];
  size_t sp = sl.find(' ');
  auto malformed = [&] {
    err = "net/http: HTTP/1.x transport connection broken: malformed HTTP response " +
          strconv::quote(sl);
    return false;
  };
  if (sp == std::string::npos || sl.compare(0, 5, "HTTP/") != 0) return malformed();
  r.proto = sl.substr(0, sp);
  r.status = trim(std::string_view(sl).substr(sp + 1));
  if (r.status.size() < 3 || !std::isdigit(static_cast<unsigned char>(r.status[0])) ||
      !std::isdigit(static_cast<unsigned char>(r.status[1])) ||
      !std::isdigit(static_cast<unsigned char>(r.status[2])) ||
      (r.status.size() > 3 && r.status[3] != ' ')) {
    err = "net/http: HTTP/1.x transport connection broken: malformed HTTP status code " +
          strconv::quote(r.status.substr(0, r.status.find(' ')));
    return false;
  }
  r.code = std::stoi(r.status.substr(0, 3));
  if (r.status.size() == 3) {
    const char* t = reasonPhrase(r.code);
    if (*t) r.status += std::string(" ") + t;
  }
  if (!parseHeaders(lines, r.headers)) return malformed();
  bool noBody = r.code / 100 == 1 || r.code == 204 || r.code == 304;
  return readBody(conn, buf, r.headers, noBody, r.body, err);
}

// The next URL of a redirect, resolved against the current one.
std::string resolve(const ParsedURL& base, const std::string& loc) {
  if (loc.find("://") != std::string::npos) return loc;
  if (loc.substr(0, 2) == "//") return base.scheme + ":" + loc;
  if (!loc.empty() && loc[0] == '/') return base.scheme + "://" + base.host + loc;
  std::string dir = base.path.substr(0, base.path.rfind('/') + 1);
  if (dir.empty()) dir = "/";
  return base.scheme + "://" + base.host + dir + loc;
}

std::tuple<Ptr<responseType>, GoError> get(std::string_view rawURL) {
  std::string current(rawURL);
  auto fail = [&](const std::string& msg) -> std::tuple<Ptr<responseType>, GoError> {
    return {Ptr<responseType>{}, GoError{url::newError("Get", current, msg)}};
  };
  RawResponse r;
  for (int redirects = 0;; ++redirects) {
    ParsedURL u;
    std::string err;
    if (!parseURL(current, u, err)) return fail(err);
    if (u.scheme == "https") return fail("https is not supported by Gol yet");
    if (u.scheme != "http") return fail("unsupported protocol scheme " + strconv::quote(u.scheme));
    if (u.host.empty()) return fail("http: no Host in request URL");
    r = RawResponse{};
    if (!roundTrip(u, r, err)) return fail(err);
    bool redirect =
        r.code == 301 || r.code == 302 || r.code == 303 || r.code == 307 || r.code == 308;
    auto loc = r.headers.find("location");
    if (!redirect || loc == r.headers.end()) break;
    if (redirects + 1 >= 10) return fail("stopped after 10 redirects");
    current = resolve(u, loc->second);
  }
  values::StructObject* b = newStruct(bodyType());
  b->fields[0] = stringResult(r.body);
  values::StructObject* resp = newStruct(responseType());
  resp->fields[0] = stringResult(r.status);
  resp->fields[1] = intResult(r.code);
  resp->fields[2] = stringResult(r.proto);
  auto cl = r.headers.find("content-length");
  resp->fields[3] = intResult(cl != r.headers.end() ? static_cast<int64_t>(r.body.size()) : -1);
  resp->fields[4] = errors::makeIface(check::pointerTo(bodyType()), Value{.p = b});
  return {Ptr<responseType>{resp}, GoError{}};
}

// ---- the server ----

struct ResponseState {
  int status = 0;  // 0 until WriteHeader or the first Write
  std::string body;
};
std::mutex responsesMu;

const check::Named* requestType() {
  static check::Named* t =
      structType("Request", {{"Method", strT(), false, ""},
                             {"URL", check::pointerTo(url::urlType()), false, ""},
                             {"Proto", strT(), false, ""},
                             {"Host", strT(), false, ""},
                             {"RemoteAddr", strT(), false, ""},
                             {"RequestURI", strT(), false, ""}});
  return t;
}

// (*http.response).Write(b []byte) (int, error); field 0: the ResponseState*
std::tuple<int64_t, GoError> responseWrite(Ptr<responseImplType> resp, Bytes b) {
  values::StructObject* w = deref(resp.object);
  std::string text = bytesText(b);
  std::lock_guard lk(responsesMu);
  auto* st = static_cast<ResponseState*>(w->fields[0].p);
  if (!st) {
    return {0, GoError{errors::newError(
                   "http: response already sent (write after the handler returned)")}};
  }
  if (st->status == 0) st->status = 200;
  st->body += text;
  return {static_cast<int64_t>(text.size()), GoError{}};
}

// (*http.response).WriteHeader(statusCode int)
void responseWriteHeader(Ptr<responseImplType> resp, int64_t code) {
  values::StructObject* w = deref(resp.object);
  if (code < 100 || code > 999) panicString("invalid WriteHeader code " + std::to_string(code));
  std::lock_guard lk(responsesMu);
  auto* st = static_cast<ResponseState*>(w->fields[0].p);
  if (st && st->status == 0) st->status = static_cast<int>(code);  // later calls: superfluous
}

const check::Named* responseImplType() {
  static check::Named* t = [] {
    auto* n = structType("response", {{"state", intT(), false, ""}});
    bindMethod<&responseWrite>(n, "Write");
    bindMethod<&responseWriteHeader>(n, "WriteHeader");
    return n;
  }();
  return t;
}

const check::Named* responseWriterType() {
  static check::Named* t = ifaceType(
      "ResponseWriter", {ifaceMethod("Write", sig({bytesT()}, {intT(), check::errorType()})),
                         ifaceMethod("WriteHeader", sig({intT()}, {}))});
  return t;
}

const check::Signature* handlerFuncSig() {
  static const check::Signature* s =
      sig({responseWriterType(), check::pointerTo(requestType())}, {});
  return s;
}

const check::Named* handlerType() {
  static check::Named* t = ifaceType("Handler", {ifaceMethod("ServeHTTP", handlerFuncSig())});
  return t;
}

std::mutex muxMu;
std::map<std::string, Value>& muxTable() {  // pattern -> func(ResponseWriter, *Request)
  static auto* m = new std::map<std::string, Value>;
  return *m;
}

// The handler of the longest matching pattern (retained), or null.
Value lookupHandler(const std::string& path) {
  std::lock_guard lk(muxMu);
  const std::string* best = nullptr;
  Value found{};
  for (auto& [pattern, fn] : muxTable()) {
    bool match =
        pattern.back() == '/' ? path.compare(0, pattern.size(), pattern) == 0 : path == pattern;
    if (match && (!best || pattern.size() > best->size())) {
      best = &pattern;
      found = fn;
    }
  }
  values::retainRef(found);
  return found;
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool unescapePath(std::string_view s, std::string& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return false;
    int hi = hexDigit(s[i + 1]), lo = hexDigit(s[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

std::string httpDate() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::string contentType(const std::string& body) {
  size_t i = body.find_first_not_of("\t\n\x0c\r ");
  std::string start = lower(body.substr(i == std::string::npos ? body.size() : i, 14));
  if (start.rfind("<!doctype html", 0) == 0 || start.rfind("<html", 0) == 0)
    return "text/html; charset=utf-8";
  for (unsigned char c : body.substr(0, 512)) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0c && c != 0x1b)
      return "application/octet-stream";
  }
  return "text/plain; charset=utf-8";
}

void sendResponse(net::Conn& c, int code, const std::string& body) {
  const char* text = reasonPhrase(code);
  std::string status =
      std::to_string(code) + " " + (*text ? text : "status code " + std::to_string(code));
  std::string out = "HTTP/1.1 " + status + "\r\n";
  if (!body.empty()) out += "Content-Type: " + contentType(body) + "\r\n";
  out += "Date: " + httpDate() + "\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
  std::string err;
  c.writeAll(out, err);
}

struct ConnJob {
  int fd;
  std::string remote;
  Value handler;  // the Handler passed to ListenAndServe (an interface value), or null
};

// Serves one connection on its own goroutine.
void serveConn(void* arg) {
  std::unique_ptr<ConnJob> job(static_cast<ConnJob*>(arg));
  net::Conn conn(job->fd);
  std::string buf, head, err;
  int rc = readHead(conn, buf, head, err);
  if (rc <= 0) {
    if (err == "header too large") sendResponse(conn, 431, "431 Request Header Fields Too Large");
    values::releaseRef(job->handler);
    return;
  }
  std::vector<std::string> lines = splitLines(head);
  while (!lines.empty() && lines[0].empty()) lines.erase(lines.begin());  // stray CRLFs
  std::map<std::string, std::string> headers;
  std::string method, target, proto;
  {
    const std::string& rl = lines.empty() ? std::string() : lines[0];
    size_t a = rl.find(' '), b = a == std::string::npos ? a : rl.find(' ', a + 1);
    if (b != std::string::npos) {
      method = rl.substr(0, a);
      target = rl.substr(a + 1, b - a - 1);
      proto = rl.substr(b + 1);
    }
  }
  std::string path, query;
  std::string targetPath = target.substr(0, target.find('?'));
  if (target.find('?') != std::string::npos) query = target.substr(target.find('?') + 1);
  if (method.empty() || target.empty() || proto.compare(0, 5, "HTTP/") != 0 ||
      !parseHeaders(lines, headers) || !unescapePath(targetPath, path)) {
    sendResponse(conn, 400, "400 Bad Request");
    values::releaseRef(job->handler);
    return;
  }
  std::string reqBody;  // read so the client is not reset, but not offered to handlers
  if (!readBody(conn, buf, headers,
                headers.count("content-length") == 0 && headers.count("transfer-encoding") == 0,
                reqBody, err)) {
    sendResponse(conn, 400, "400 Bad Request");
    values::releaseRef(job->handler);
    return;
  }
  values::StructObject* u = newStruct(url::urlType());
  u->fields[2] = stringResult(path);
  u->fields[3] = stringResult(query);
  values::StructObject* req = newStruct(requestType());
  req->fields[0] = stringResult(method);
  req->fields[1] = Value{.p = u};
  req->fields[2] = stringResult(proto);
  req->fields[3] = stringResult(headers.count("host") ? headers["host"] : "");
  req->fields[4] = stringResult(job->remote);
  req->fields[5] = stringResult(target);

  auto* state = new ResponseState;
  values::StructObject* w = newStruct(responseImplType());
  w->fields[0].p = state;
  Value wIface = errors::makeIface(check::pointerTo(responseImplType()), Value{.p = w});
  values::retainRef(Value{.p = w});  // kept to null its state below

  bool served = false;
  if (job->handler.p) {
    values::IfaceObject* h = values::asIface(job->handler);
    AnyValue hargs[2] = {{responseWriterType(), wIface},
                         {check::pointerTo(requestType()), Value{.p = req}}};
    Value out[1]{};
    fmt::methodCaller(AnyValue{h->type, h->value}, "ServeHTTP", std::span<const AnyValue>(hargs, 2),
                      out);
    values::releaseRef(wIface);
    values::releaseRef(Value{.p = req});
    served = true;
  } else if (Value fn = lookupHandler(path); fn.p) {
    Value fargs[2] = {wIface, Value{.p = req}};  // handed over
    Value out[1]{};
    fmt::funcCaller(fn, std::span<const Value>(fargs, 2), out);
    values::releaseRef(fn);
    served = true;
  } else {
    values::releaseRef(wIface);
    values::releaseRef(Value{.p = req});
  }
  {
    std::lock_guard lk(responsesMu);
    w->fields[0].p = nullptr;
  }
  values::releaseRef(Value{.p = w});
  values::releaseRef(job->handler);
  if (!served) {
    sendResponse(conn, 404, "404 page not found\n");
  } else {
    sendResponse(conn, state->status ? state->status : 200, state->body);
  }
  delete state;
}

// http.HandleFunc(pattern string, handler func(ResponseWriter, *Request))
void handleFunc(std::string_view patternArg, HandlerFunc handler) {
  std::string pattern(patternArg);
  if (pattern.empty()) panicString("http: invalid pattern");
  if (!handler.fn.p) panicString("http: nil handler");
  std::lock_guard lk(muxMu);
  auto& table = muxTable();
  if (table.count(pattern)) panicString("http: multiple registrations for " + pattern);
  values::retainRef(handler.fn);
  table[pattern] = handler.fn;
}

// http.ListenAndServe(addr string, handler Handler) error
GoError listenAndServe(std::string_view addrArg, Handler handler) {
  std::string addr(addrArg);
  std::string err;
  int lfd = net::listenTCP(addr, err);
  if (lfd < 0) return {errors::newError(err)};
  for (;;) {
    net::Conn conn;
    std::string remote;
    if (!net::acceptTCP(lfd, conn, remote, err)) return {errors::newError(err)};
    auto* job = new ConnJob{conn.release(), remote, handler.iface};
    values::retainRef(job->handler);
    goCallNative(serveConn, job);
  }
}

// Calls w.WriteHeader(code) and w.Write(text) through the interface (any ResponseWriter).
void writeThrough(const AnyValue& w, int64_t code, const std::string& text) {
  values::IfaceObject* i = values::asIface(w.value);
  if (!i) nilPanic();
  AnyValue codeArg{intT(), intResult(code)};
  Value out[2]{};
  fmt::methodCaller(AnyValue{i->type, i->value}, "WriteHeader",
                    std::span<const AnyValue>(&codeArg, 1), out);
  AnyValue bytesArg{bytesT(), newBytes(text).slice};
  fmt::methodCaller(AnyValue{i->type, i->value}, "Write", std::span<const AnyValue>(&bytesArg, 1),
                    out);
  values::releaseRef(out[1]);
  values::releaseRef(bytesArg.value);
}

// http.Error(w ResponseWriter, error string, code int)
void error(ResponseWriter w, std::string_view text, int64_t code) {
  writeThrough(w.w, code, std::string(text) + "\n");
}

// http.NotFound(w ResponseWriter, r *Request)
void notFound(ResponseWriter w, Ptr<requestType>) {
  writeThrough(w.w, 404, "404 page not found\n");
}

std::string_view statusText(int64_t code) {
  return reasonPhrase(static_cast<int>(code));
}

}  // namespace

namespace http {

std::optional<io::ReadAllResult> readAllBody(const values::IfaceObject* r) {
  if (r->type != check::pointerTo(bodyType())) return std::nullopt;
  auto* b = static_cast<values::StructObject*>(r->value.p);
  if (!b) nilPanic();
  if (b->fields[2].i) {
    return io::ReadAllResult{newBytes(""),
                             GoError{errors::newError("http: read on closed response body")}};
  }
  std::string_view data = values::stringView(b->fields[0]);
  auto off = std::min(static_cast<size_t>(b->fields[1].i), data.size());
  Bytes rest = newBytes(data.substr(off));
  b->fields[1].i = static_cast<int64_t>(data.size());
  return io::ReadAllResult{rest, GoError{}};
}

}  // namespace http

void registerHttp(Packages& p) {
  check::Package& http = p.package("net/http", "http");
  p.addType(http, "Response", responseType());
  p.addType(http, "Request", requestType());
  p.addType(http, "ResponseWriter", responseWriterType());
  p.addType(http, "Handler", handlerType());
  bind<&get>(p, http, "Get");
  bind<&statusText>(p, http, "StatusText");
  bind<&error>(p, http, "Error");
  bind<&notFound>(p, http, "NotFound");
  if (goCallNative) {  // serving needs goroutines started from natives (go_call.h)
    bind<&handleFunc>(p, http, "HandleFunc");
    bind<&listenAndServe>(p, http, "ListenAndServe");
  }
  static const std::pair<const char*, int> codes[] = {{"StatusContinue", 100},
                                                      {"StatusOK", 200},
                                                      {"StatusCreated", 201},
                                                      {"StatusAccepted", 202},
                                                      {"StatusNoContent", 204},
                                                      {"StatusMovedPermanently", 301},
                                                      {"StatusFound", 302},
                                                      {"StatusSeeOther", 303},
                                                      {"StatusNotModified", 304},
                                                      {"StatusTemporaryRedirect", 307},
                                                      {"StatusPermanentRedirect", 308},
                                                      {"StatusBadRequest", 400},
                                                      {"StatusUnauthorized", 401},
                                                      {"StatusForbidden", 403},
                                                      {"StatusNotFound", 404},
                                                      {"StatusMethodNotAllowed", 405},
                                                      {"StatusRequestTimeout", 408},
                                                      {"StatusConflict", 409},
                                                      {"StatusGone", 410},
                                                      {"StatusTeapot", 418},
                                                      {"StatusTooManyRequests", 429},
                                                      {"StatusInternalServerError", 500},
                                                      {"StatusNotImplemented", 501},
                                                      {"StatusBadGateway", 502},
                                                      {"StatusServiceUnavailable", 503},
                                                      {"StatusGatewayTimeout", 504}};
  for (auto& [name, code] : codes)
    p.addConstant(http, name, check::basicType(BasicKind::UntypedInt),
                  check::ConstValue::ofInt64(code));
}

}  // namespace gol::stdlib
