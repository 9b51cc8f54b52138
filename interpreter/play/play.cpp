// `gol play` (play.h): the routes of the playground's server.
//
//   GET  /                     the page (page.cpp)
//   GET  /codemirror/NAME      CodeMirror's script, style and Go mode (embedded)
//   GET  /lessons              [{"name", "title"}...] of the tutorial, in order
//   GET  /lessons/NAME.gol     a lesson's source
//   POST /run?page=P&maxprocs=N  (body: the program) {"id": N} or 409 {"error": ...}
//   GET  /output?id=N&from=K   {"text", "next", "done", "status", "trace"}
//   POST /stop?id=N
//   GET  /trace/N              the timeline page of finished run N
//
// Invariants: the runs (runs.h) are the only shared state and guard themselves; the
// lessons table is built before the server starts and only read after.
#include "interpreter/play/play.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

#include "interpreter/play/embedded.h"
#include "interpreter/play/http_server.h"
#include "interpreter/play/page.h"
#include "interpreter/play/runs.h"

namespace gol::play {

namespace {

constexpr std::string_view kLessonsPrefix = "lessons/";

struct Lesson {
  std::string name;  // the file's name without .gol
  std::string title;
};

std::string jsonString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);  // UTF-8 passes through (the page decodes it)
        }
    }
  }
  return out + "\"";
}

const EmbeddedFile* embedded(std::string_view name) {
  for (const EmbeddedFile& f : kEmbeddedFiles) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// The lessons: every embedded lessons/NN-*.gol, titled by the README's "## NN. Title".
std::vector<Lesson> readLessons() {
  std::vector<Lesson> lessons;
  const EmbeddedFile* readme = embedded("lessons/README.md");
  for (const EmbeddedFile& f : kEmbeddedFiles) {
    std::string_view name = f.name;
    if (name.substr(0, kLessonsPrefix.size()) != kLessonsPrefix || name.size() < 4 ||
        name.substr(name.size() - 4) != ".gol")
      continue;
    Lesson l;
    l.name =
        std::string(name.substr(kLessonsPrefix.size(), name.size() - 4 - kLessonsPrefix.size()));
    l.title = l.name;
    size_t digits = 0;
    while (digits < l.name.size() && std::isdigit(static_cast<unsigned char>(l.name[digits])))
      ++digits;
    if (readme && digits > 0) {
      std::string heading = "\n## " + std::to_string(std::stoi(l.name.substr(0, digits))) + ". ";
      if (size_t at = readme->data.find(heading); at != std::string_view::npos) {
        size_t start = at + heading.size();
        std::string_view title = readme->data.substr(start, readme->data.find('\n', start) - start);
        l.title = l.name.substr(0, digits) + ". " + std::string(title) + " (" + l.name + ")";
      }
    }
    lessons.push_back(std::move(l));
  }
  std::sort(lessons.begin(), lessons.end(),
            [](const Lesson& a, const Lesson& b) { return a.name < b.name; });
  return lessons;
}

Response json(int status, std::string body) {
  return Response{status, "application/json", std::move(body)};
}

Response error(int status, const std::string& message) {
  return json(status, "{\"error\":" + jsonString(message) + "}");
}

int64_t idParam(const Request& req) {
  auto it = req.query.find("id");
  if (it == req.query.end()) return -1;
  char* end = nullptr;
  long long id = std::strtoll(it->second.c_str(), &end, 10);
  return end && *end == 0 ? id : -1;
}

Response route(const Request& req, Runs& runs, const std::vector<Lesson>& lessons) {
  const std::string& path = req.path;
  bool get = req.method == "GET", post = req.method == "POST";
  if (path == "/" && get) return Response{200, "text/html; charset=utf-8", playPage()};
  if (path.rfind("/codemirror/", 0) == 0 && get) {
    const EmbeddedFile* f = embedded(path.substr(1));
    if (!f) return error(404, "no such file");
    bool css = path.size() > 4 && path.compare(path.size() - 4, 4, ".css") == 0;
    return Response{200, css ? "text/css" : "text/javascript", std::string(f->data)};
  }
  if (path == "/lessons" && get) {
    std::string out = "[";
    for (const Lesson& l : lessons) {
      if (out.size() > 1) out += ",";
      out += "{\"name\":" + jsonString(l.name) + ",\"title\":" + jsonString(l.title) + "}";
    }
    return json(200, out + "]");
  }
  if (path.rfind("/lessons/", 0) == 0 && get) {
    const EmbeddedFile* f = embedded(path.substr(1));
    if (!f) return error(404, "no such lesson");
    return Response{200, "text/plain; charset=utf-8", std::string(f->data)};
  }
  if (path == "/run") {
    if (!post) return error(405, "POST a program to run");
    int maxprocs = 1;
    if (auto it = req.query.find("maxprocs"); it != req.query.end()) {
      maxprocs = std::clamp(std::atoi(it->second.c_str()), 1, 256);
    }
    auto page = req.query.find("page");
    std::string why;
    int64_t id = runs.start(page == req.query.end() ? "" : page->second, req.body, maxprocs, &why);
    if (id < 0) return error(409, why);
    return json(200, "{\"id\":" + std::to_string(id) + "}");
  }
  if (path == "/output" && get) {
    RunOutput out;
    size_t from = 0;
    if (auto it = req.query.find("from"); it != req.query.end()) {
      from = std::strtoull(it->second.c_str(), nullptr, 10);
    }
    if (!runs.output(idParam(req), from, &out)) return error(404, "no such run");
    return json(200, "{\"text\":" + jsonString(out.text) + ",\"next\":" + std::to_string(out.next) +
                         ",\"done\":" + (out.done ? "true" : "false") +
                         ",\"status\":" + jsonString(out.status) +
                         ",\"trace\":" + (out.hasTrace ? "true" : "false") + "}");
  }
  if (path == "/stop") {
    if (!post) return error(405, "POST to stop a run");
    if (!runs.stop(idParam(req))) return error(404, "no such run");
    return json(200, "{}");
  }
  if (path.rfind("/trace/", 0) == 0 && get) {
    std::string html;
    char* end = nullptr;
    long long id = std::strtoll(path.c_str() + 7, &end, 10);
    if (!end || *end != 0 || !runs.tracePage(id, &html))
      return error(404, "no timeline for this run");
    return Response{200, "text/html; charset=utf-8", std::move(html)};
  }
  return error(404, "not found");
}

std::string selfPath() {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "gol" : p.string();
}

}  // namespace

int serve(const PlayOptions& options) {
  // Interrupts and terminations are taken by one thread, which ends the runs and removes
  // their folders before the process exits.
  sigset_t stops;
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  sigaddset(&stops, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stops, nullptr);

  HttpServer server;
  std::string why;
  if (!server.listen(options.addr, options.port, &why)) {
    std::cerr << "gol play: " << why << "\n";
    return 1;
  }
  std::string root = (std::filesystem::temp_directory_path() / "gol-play-XXXXXX").string();
  if (!::mkdtemp(root.data())) {
    std::cerr << "gol play: cannot make a folder for the runs in "
              << std::filesystem::temp_directory_path().string() << "\n";
    return 1;
  }
  static Runs runs(selfPath(), root, options.limits);
  static const std::vector<Lesson> lessons = readLessons();
  std::thread([stops, root] {
    int sig = 0;
    sigwait(&stops, &sig);
    runs.killAll();
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
    std::_Exit(0);
  }).detach();

  std::string host =
      options.addr.find(':') != std::string::npos ? "[" + options.addr + "]" : options.addr;
  std::cout << "Gol playground: http://" << host << ":" << server.port() << "/" << std::endl;
  server.serve([](const Request& req) { return route(req, runs, lessons); });
}

}  // namespace gol::play
