// The timeline of a traced run (trace_export.h). The events are replayed in time order
// into intervals: per P, which goroutine ran; per goroutine, when it ran (on which P),
// waited to run, or was blocked (why, and at which line); and the hand-offs, where a
// goroutine blocked on a channel or select was woken by another.
#include "interpreter/eval/trace_export.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <string_view>
#include <unordered_map>

#include "interpreter/eval/trace_page.h"
#include "runtime/wait_reason.h"

namespace gol::eval {

namespace {

enum class GState : uint8_t { Running, Runnable, Blocked };

struct Interval {
  uint64_t g;
  int64_t start, end;
  GState state;
  int32_t p;              // Running: the P
  rt::WaitReason reason;  // Blocked
  uint64_t where;         // Blocked: the position it blocked at
};

struct PSlice {
  int32_t p;
  uint64_t g;
  int64_t start, end;
};

struct Goroutine {
  uint64_t id;
  int64_t created = 0, ended = -1;
  uint64_t creator = 0;
  uint64_t where = 0;  // the `go` statement's position
  // The interval in progress.
  bool open = false;
  Interval current{};
};

struct Flow {
  uint64_t from, to;
  int64_t ts;
};

struct Timeline {
  int32_t procs = 1;
  int64_t end = 0;
  std::vector<PSlice> slices;
  std::vector<Interval> intervals;
  std::vector<Flow> flows;
  std::vector<std::pair<int64_t, int32_t>> procsChanges;
  std::map<uint64_t, Goroutine> goroutines;  // by id
};

bool isChannelWait(rt::WaitReason r) {
  return r == rt::WaitReason::ChanReceive || r == rt::WaitReason::ChanSend ||
         r == rt::WaitReason::Select;
}

Timeline replay(const std::vector<rt::TraceEvent>& events) {
  Timeline t;
  // Each event ends at most one interval and one slice: no growing copies of millions.
  t.intervals.reserve(events.size());
  t.slices.reserve(events.size() / 2 + 1);
  std::unordered_map<int32_t, PSlice> running;  // per P: the slice in progress
  auto closeSlice = [&](int32_t p, int64_t ts) {
    auto it = running.find(p);
    if (it == running.end()) return;
    it->second.end = ts;
    t.slices.push_back(it->second);
    running.erase(it);
  };
  auto goroutine = [&](uint64_t id) -> Goroutine& {
    Goroutine& g = t.goroutines[id];
    g.id = id;
    return g;
  };
  auto enter = [&](Goroutine& g, int64_t ts, GState state, int32_t p = -1,
                   rt::WaitReason reason = rt::WaitReason::None, uint64_t where = 0) {
    if (g.open) {
      g.current.end = ts;
      t.intervals.push_back(g.current);
    }
    g.open = true;
    g.current = Interval{g.id, ts, ts, state, p, reason, where};
  };
  auto start = [&](uint64_t id, int32_t p, int64_t ts) {
    Goroutine& g = goroutine(id);
    closeSlice(p, ts);
    running[p] = PSlice{p, id, ts, ts};
    t.procs = std::max(t.procs, p + 1);
    enter(g, ts, GState::Running, p);
  };
  for (const rt::TraceEvent& e : events) {
    t.end = std::max(t.end, e.ts);
    switch (e.kind) {
      case rt::TraceEventKind::Procs:
        t.procs = std::max(t.procs, static_cast<int32_t>(e.other));
        t.procsChanges.emplace_back(e.ts, static_cast<int32_t>(e.other));
        break;
      case rt::TraceEventKind::GoCreate: {
        Goroutine& g = goroutine(e.g);
        g.created = e.ts;
        g.creator = e.other;
        g.where = e.where;
        enter(g, e.ts, GState::Runnable);
        break;
      }
      case rt::TraceEventKind::GoStart: start(e.g, e.p, e.ts); break;
      case rt::TraceEventKind::GoSwitch: {
        Goroutine& g = goroutine(e.g);
        if (g.open && g.current.state == GState::Running) closeSlice(g.current.p, e.ts);
        enter(g, e.ts, GState::Blocked, -1, e.reason, e.where);
        start(e.other, e.p, e.ts);
        break;
      }
      case rt::TraceEventKind::GoBlock:
      case rt::TraceEventKind::GoSched:
      case rt::TraceEventKind::GoEnd: {
        Goroutine& g = goroutine(e.g);
        if (g.open && g.current.state == GState::Running) closeSlice(g.current.p, e.ts);
        if (e.kind == rt::TraceEventKind::GoEnd) {
          enter(g, e.ts, GState::Runnable);
          g.open = false;  // the zero-length interval is dropped
          g.ended = e.ts;
        } else if (e.kind == rt::TraceEventKind::GoBlock) {
          enter(g, e.ts, GState::Blocked, -1, e.reason, e.where);
        } else {
          enter(g, e.ts, GState::Runnable);
        }
        break;
      }
      case rt::TraceEventKind::GoUnblock: {
        Goroutine& g = goroutine(e.g);
        bool handOff = g.open && g.current.state == GState::Blocked &&
                       isChannelWait(g.current.reason) && e.other != 0;
        if (handOff) t.flows.push_back(Flow{e.other, e.g, e.ts});
        enter(g, e.ts, GState::Runnable);
        break;
      }
    }
  }
  for (auto& [p, slice] : running) {
    slice.end = t.end;
    t.slices.push_back(slice);
  }
  for (auto& [id, g] : t.goroutines) {
    if (!g.open) continue;
    g.current.end = t.end;
    t.intervals.push_back(g.current);
    g.open = false;
  }
  return t;
}

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '<': out += "\\u003c"; break;  // never ends the page's <script>
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// A file written through a 1 MiB buffer; the first failure is kept and ends the writing
// (reported by close as Go words it: "open PATH: no such file or directory").
class FileSink {
 public:
  explicit FileSink(const std::string& path) : path_(path) {
    errno = 0;
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) fail("open ");
    buffer_.reserve(kFlushAt + 4096);
  }
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;
  ~FileSink() {
    if (file_) std::fclose(file_);
  }

  FileSink& put(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kFlushAt) flush();
    return *this;
  }
  template <typename Int>
  FileSink& num(Int n) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
    return put(std::string_view(digits, static_cast<size_t>(end - digits)));
  }
  // Nanoseconds as microseconds with three decimals, as the trace-event format counts.
  FileSink& micros(int64_t ns) {
    if (ns < 0) {
      put("-");
      ns = -ns;
    }
    num(ns / 1000);
    char frac[4] = {'.', static_cast<char>('0' + ns % 1000 / 100),
                    static_cast<char>('0' + ns % 100 / 10), static_cast<char>('0' + ns % 10)};
    return put(std::string_view(frac, 4));
  }

  // Writes what is buffered and closes the file; false with *error on any failure.
  bool close(std::string* error) {
    flush();
    if (file_) {
      errno = 0;
      if (std::fclose(file_) != 0) fail("write ");
      file_ = nullptr;
    }
    if (!error_.empty()) *error = error_;
    return error_.empty();
  }

 private:
  static constexpr size_t kFlushAt = size_t{1} << 20;

  void flush() {
    if (file_ && !buffer_.empty() &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      fail("write ");
      std::fclose(file_);
      file_ = nullptr;
    }
    buffer_.clear();
  }
  void fail(const char* step) {
    if (!error_.empty()) return;
    std::string reason = errno ? std::strerror(errno) : "failed";
    if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(reason[0]));
    error_ = step + path_ + ": " + reason;
  }

  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::string error_;
};

class Writer {
 public:
  explicit Writer(const std::string& fileName)
      : fileName_(fileName), baseName_(fileName.substr(fileName.find_last_of('/') + 1)) {}

  // Positions name the file without its folder, as lanes have little room.
  std::string where(uint64_t token) const {
    if (token == 0) return "";
    return baseName_ + ":" + std::to_string(token);
  }

  std::string label(const Interval& i) const {
    switch (i.state) {
      case GState::Running: return "running on P" + std::to_string(i.p);
      case GState::Runnable: return "runnable";
      case GState::Blocked:
        return std::string("blocked: ") + rt::wait_reason_string(i.reason) +
               (i.where ? " at " + where(i.where) : "");
    }
    return "";
  }

  std::string goroutineName(const Goroutine& g) const {
    std::string name = "G" + std::to_string(g.id);
    if (g.id == 1) return name + " (main)";
    if (g.where) name += " (go at " + where(g.where) + ")";
    return name;
  }

  // Streams the JSON into `out` (a million hand-offs make a gigabyte of it, which is never
  // held in memory at once).
  void json(const Timeline& t, FileSink& out) const {
    out.put("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
    bool first = true;
    auto begin = [&] {
      out.put(first ? "{" : ",\n{");
      first = false;
    };
    auto meta = [&](const char* name, int pid, uint64_t tid, const std::string& args) {
      begin();
      out.put("\"name\":\"").put(name).put("\",\"ph\":\"M\",\"pid\":").num(pid);
      out.put(",\"tid\":").num(tid).put(",\"args\":{").put(args).put("}}");
    };
    meta("process_name", 1, 0, "\"name\":\"Processors (P)\"");
    meta("process_sort_index", 1, 0, "\"sort_index\":1");
    meta("process_name", 2, 0, "\"name\":\"Goroutines\"");
    meta("process_sort_index", 2, 0, "\"sort_index\":2");
    for (int32_t p = 0; p < t.procs; ++p) {
      meta("thread_name", 1, static_cast<uint64_t>(p), "\"name\":\"P" + std::to_string(p) + "\"");
      meta("thread_sort_index", 1, static_cast<uint64_t>(p), "\"sort_index\":" + std::to_string(p));
    }
    for (const auto& [id, g] : t.goroutines) {
      meta("thread_name", 2, id, "\"name\":" + jsonString(goroutineName(g)));
      meta("thread_sort_index", 2, id, "\"sort_index\":" + std::to_string(id));
    }
    for (const PSlice& s : t.slices) {
      begin();
      out.put("\"name\":\"G")
          .num(s.g)
          .put("\",\"cat\":\"running\",\"ph\":\"X\",\"pid\":1,\"tid\":");
      out.num(s.p).put(",\"ts\":").micros(s.start).put(",\"dur\":").micros(s.end - s.start);
      out.put(",\"args\":{\"goroutine\":").num(s.g).put("}}");
    }
    for (const Interval& i : t.intervals) {
      static const char* const kCategories[] = {"running", "runnable", "blocked"};
      begin();
      out.put("\"name\":").put(jsonString(label(i))).put(",\"cat\":\"");
      out.put(kCategories[static_cast<int>(i.state)]).put("\",\"ph\":\"X\",\"pid\":2,\"tid\":");
      out.num(i.g).put(",\"ts\":").micros(i.start).put(",\"dur\":").micros(i.end - i.start);
      out.put("}");
    }
    uint64_t id = 0;
    for (const Flow& f : t.flows) {
      ++id;
      for (bool start : {true, false}) {
        begin();
        out.put("\"name\":\"hand-off\",\"cat\":\"channel\",\"id\":").num(id);
        out.put(",\"pid\":2,\"ts\":").micros(f.ts);
        if (start) {
          out.put(",\"ph\":\"s\",\"tid\":").num(f.from).put("}");
        } else {
          out.put(",\"ph\":\"f\",\"bp\":\"e\",\"tid\":").num(f.to).put("}");
        }
      }
    }
    for (auto [ts, n] : t.procsChanges) {
      begin();
      out.put("\"name\":\"GOMAXPROCS\",\"ph\":\"C\",\"pid\":1,\"tid\":0,\"ts\":").micros(ts);
      out.put(",\"args\":{\"procs\":").num(n).put("}}");
    }
    out.put("\n]}\n");
  }

  // The page's data: compact arrays (nanoseconds), read by trace_page.cpp's script. Of
  // the goroutines, the page draws the first kPageLanes (by id): only their intervals
  // and hand-offs go in. So that a page stays small, runs of pieces shorter than the
  // run's length / kPageResolution in a lane go in as one merged piece (goroutine 0 in a
  // P lane, state 3 in a goroutine lane), and of the hand-offs between two goroutines at
  // most one per such quantum; the JSON keeps everything.
  static constexpr size_t kPageLanes = 400;
  static constexpr int64_t kPageResolution = 20000;
  std::string pageData(Timeline& t) const {
    uint64_t lastDrawn = 0;
    size_t n = 0;
    for (const auto& [id, g] : t.goroutines) {
      if (n++ == kPageLanes) break;
      lastDrawn = id;
    }
    const int64_t quantum = std::max<int64_t>(1, t.end / kPageResolution);
    std::string out =
        "{\"file\":" + jsonString(fileName_) + ",\"procs\":" + std::to_string(t.procs) +
        ",\"end\":" + std::to_string(t.end) +
        ",\"totalGoroutines\":" + std::to_string(t.goroutines.size()) + ",\"slices\":[";
    std::vector<PSlice>& slices = t.slices;  // sorted in place: the page is written last
    std::sort(slices.begin(), slices.end(), [](const PSlice& a, const PSlice& b) {
      return a.p != b.p ? a.p < b.p : a.start < b.start;
    });
    bool firstS = true;
    auto emitSlice = [&](const PSlice& s) {
      out += (firstS ? "" : ",") + std::string("[") + std::to_string(s.p) + "," +
             std::to_string(s.g) + "," + std::to_string(s.start) + "," + std::to_string(s.end) +
             "]";
      firstS = false;
    };
    mergeShort(
        slices, quantum, [](const PSlice& s) { return s.p; }, emitSlice,
        [&](const PSlice& first, int64_t end, size_t) {
          emitSlice(PSlice{first.p, 0, first.start, end});
        });
    out += "],\"goroutines\":[";
    bool firstG = true;
    for (const auto& [id, g] : t.goroutines) {
      if (id > lastDrawn) break;
      out += (firstG ? "" : ",") + std::string("[") + std::to_string(id) + "," +
             std::to_string(g.created) + "," + std::to_string(g.ended) + "," +
             jsonString(goroutineName(g)) + "]";
      firstG = false;
    }
    out += "],\"intervals\":[";
    std::vector<Interval>& intervals = t.intervals;
    std::erase_if(intervals, [&](const Interval& i) { return i.g > lastDrawn; });
    std::sort(intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) {
      return a.g != b.g ? a.g < b.g : a.start < b.start;
    });
    bool firstI = true;
    auto emitInterval = [&](uint64_t g, int state, int64_t start, int64_t end,
                            const std::string& text) {
      out += (firstI ? "" : ",") + std::string("[") + std::to_string(g) + "," +
             std::to_string(state) + "," + std::to_string(start) + "," + std::to_string(end) + "," +
             jsonString(text) + "]";
      firstI = false;
    };
    mergeShort(
        intervals, quantum, [](const Interval& i) { return i.g; },
        [&](const Interval& i) {
          emitInterval(i.g, static_cast<int>(i.state), i.start, i.end, label(i));
        },
        [&](const Interval& first, int64_t end, size_t count) {
          emitInterval(first.g, 3, first.start, end,
                       std::to_string(count) + " short intervals (the JSON has each)");
        });
    out += "],\"flows\":[";
    bool firstF = true;
    std::map<std::pair<uint64_t, uint64_t>, int64_t> lastQuantum;
    for (const Flow& f : t.flows) {
      if (f.from > lastDrawn || f.to > lastDrawn) continue;
      auto [it, fresh] = lastQuantum.try_emplace({f.from, f.to}, f.ts / quantum);
      if (!fresh && it->second == f.ts / quantum) continue;
      it->second = f.ts / quantum;
      out += (firstF ? "" : ",") + std::string("[") + std::to_string(f.from) + "," +
             std::to_string(f.to) + "," + std::to_string(f.ts) + "]";
      firstF = false;
    }
    return out + "]}";
  }

  // Over pieces sorted by lane, then start: emits each piece at least `quantum` long
  // (emit), and each run of shorter ones that follow each other within a quantum as one
  // (merged: the first, the run's end, how many); a run of one is emitted as itself.
  template <typename Piece, typename LaneOf, typename Emit, typename Merged>
  static void mergeShort(const std::vector<Piece>& pieces, int64_t quantum, LaneOf laneOf,
                         Emit emit, Merged merged) {
    size_t runStart = 0, runLength = 0;
    int64_t runEnd = 0;
    auto flush = [&] {
      if (runLength == 1) emit(pieces[runStart]);
      if (runLength > 1) merged(pieces[runStart], runEnd, runLength);
      runLength = 0;
    };
    for (size_t k = 0; k < pieces.size(); ++k) {
      const Piece& piece = pieces[k];
      bool sameLane = runLength > 0 && laneOf(pieces[runStart]) == laneOf(piece);
      if (piece.end - piece.start >= quantum) {
        flush();
        emit(piece);
        continue;
      }
      if (runLength > 0 && sameLane && piece.start - runEnd <= quantum) {
        runEnd = std::max(runEnd, piece.end);
        ++runLength;
        continue;
      }
      flush();
      runStart = k;
      runLength = 1;
      runEnd = piece.end;
    }
    flush();
  }

 private:
  std::string fileName_;
  std::string baseName_;
};

// BASE.svg: a still picture of the whole run for documents (the tutorial's), 800 units
// wide: the P lanes, then the first kSvgLanes goroutine lanes, hand-off arrows, a time
// axis and a legend. Pieces narrower than half a unit are merged into one unit of their
// lane. The root element states the lesson's structure (data-procs, data-goroutines,
// data-handoffs, and data-busy: the Ps that ran goroutines at least half the time) for the
// test that regenerates the pictures.
std::string svg(const Timeline& t) {
  constexpr double kWidth = 800, kLabel = 110, kAxis = 18, kPLane = 22, kGLane = 13;
  constexpr size_t kSvgLanes = 40;
  // Time runs from main's first start (before it, the runtime starts its threads).
  int64_t origin = t.end;
  for (const PSlice& s : t.slices) origin = std::min(origin, s.start);
  const double span = static_cast<double>(std::max<int64_t>(t.end - origin, 1));
  auto x = [&](int64_t ns) {
    return kLabel +
           static_cast<double>(std::max<int64_t>(ns - origin, 0)) / span * (kWidth - kLabel - 10);
  };
  std::map<uint64_t, size_t> lane;
  for (const auto& [id, g] : t.goroutines) {
    if (lane.size() == kSvgLanes) break;
    lane.emplace(id, lane.size());
  }
  const double gTop = kAxis + t.procs * kPLane + 10;
  const double height = gTop + static_cast<double>(lane.size()) * kGLane + 28;
  auto colour = [](uint64_t g) { return "hsl(" + std::to_string(g * 47 % 360) + ",60%,55%)"; };
  char buf[1024];
  std::string out;
  std::snprintf(buf, sizeof buf,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                "width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" font-size=\"10\" ",
                kWidth, height, kWidth, height);
  out += buf;
  std::vector<int64_t> busy(static_cast<size_t>(t.procs), 0);
  for (const PSlice& s : t.slices) busy[static_cast<size_t>(s.p)] += s.end - s.start;
  int busyLanes = 0;
  for (int64_t b : busy) busyLanes += static_cast<double>(b) >= span / 2;
  out += "data-procs=\"" + std::to_string(t.procs) + "\" data-goroutines=\"" +
         std::to_string(t.goroutines.size()) + "\" data-handoffs=\"" +
         std::to_string(t.flows.size()) + "\" data-busy=\"" + std::to_string(busyLanes) + "\">\n";
  out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  // Time axis: five ticks.
  for (int k = 0; k <= 4; ++k) {
    int64_t ns = static_cast<int64_t>(span * k / 4);
    double tick = kLabel + (kWidth - kLabel - 10) * k / 4;
    std::string label =
        ns < 1000000 ? std::to_string(ns / 1000) + "µs" : std::to_string(ns / 1000000) + "ms";
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#888\"/>"
                  "<text x=\"%.1f\" y=\"10\" text-anchor=\"%s\">%s</text>\n",
                  tick, kAxis - 5, tick, kAxis, tick, k == 4 ? "end" : "middle", label.c_str());
    out += buf;
  }
  // Pieces of one lane, slivers merged.
  auto piece = [&](double a, double b, double y, double h, const std::string& fill,
                   double* mergedUpTo) {
    if (b - a < 0.5) {
      if (a < *mergedUpTo) return;
      std::snprintf(buf, sizeof buf,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"1\" height=\"%.0f\" fill=\"#888\"/>\n", a,
                    y, h);
      out += buf;
      *mergedUpTo = a + 1;
      return;
    }
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\"/>\n", a,
                  y, b - a, h, fill.c_str());
    out += buf;
  };
  for (int32_t p = 0; p < t.procs; ++p) {
    double y = kAxis + p * kPLane;
    std::snprintf(buf, sizeof buf,
                  "<text x=\"4\" y=\"%.1f\">P%d</text><rect x=\"%.0f\" y=\"%.1f\" "
                  "width=\"%.0f\" height=\"%.0f\" fill=\"#f2f2f2\"/>\n",
                  y + kPLane / 2 + 3, p, kLabel, y + 2, kWidth - kLabel - 10, kPLane - 4);
    out += buf;
    double merged = 0;
    for (const PSlice& s : t.slices) {
      if (s.p != p) continue;
      double a = x(s.start), b = x(s.end);
      piece(a, b, y + 2, kPLane - 4, colour(s.g), &merged);
      if (b - a >= 24) {
        std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\">G%llu</text>\n", a + 2,
                      y + kPLane / 2 + 3, static_cast<unsigned long long>(s.g));
        out += buf;
      }
    }
  }
  for (const auto& [id, index] : lane) {
    double y = gTop + static_cast<double>(index) * kGLane;
    std::string name = "G" + std::to_string(id) + (id == 1 ? " (main)" : "");
    std::snprintf(buf, sizeof buf, "<text x=\"4\" y=\"%.1f\">%s</text>\n", y + kGLane / 2 + 3,
                  name.c_str());
    out += buf;
    double merged = 0;
    for (const Interval& i : t.intervals) {
      if (i.g != id) continue;
      std::string fill = i.state == GState::Running    ? colour(i.g)
                         : i.state == GState::Runnable ? "#d9d9d9"
                                                       : "#f0a35e";
      piece(x(i.start), x(i.end), y + 2, kGLane - 4, fill, &merged);
    }
  }
  std::map<std::pair<uint64_t, uint64_t>, double> lastArrow;  // one per unit per pair
  for (const Flow& f : t.flows) {
    auto a = lane.find(f.from), b = lane.find(f.to);
    if (a == lane.end() || b == lane.end()) continue;
    auto [last, fresh] = lastArrow.try_emplace({f.from, f.to}, x(f.ts));
    if (!fresh && x(f.ts) - last->second < 1) continue;
    last->second = x(f.ts);
    double px = x(f.ts), y0 = gTop + a->second * kGLane + kGLane / 2,
           y1 = gTop + b->second * kGLane + kGLane / 2, d = y1 > y0 ? -4 : 4;
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>"
                  "<path d=\"M%.1f %.1f l-3 %.0f l6 0 z\" fill=\"#333\"/>\n",
                  px, y0, px, y1, px, y1, d);
    out += buf;
  }
  if (t.goroutines.size() > lane.size()) {
    std::snprintf(buf, sizeof buf, "<text x=\"4\" y=\"%.1f\">and %zu more goroutines</text>\n",
                  gTop + lane.size() * kGLane + 9, t.goroutines.size() - lane.size());
    out += buf;
  }
  std::snprintf(buf, sizeof buf,
                "<g transform=\"translate(%.0f %.1f)\">"
                "<rect width=\"10\" height=\"8\" fill=\"hsl(200,60%%,55%%)\"/>"
                "<text x=\"14\" y=\"8\">running</text>"
                "<rect x=\"70\" width=\"10\" height=\"8\" fill=\"#d9d9d9\"/>"
                "<text x=\"84\" y=\"8\">runnable</text>"
                "<rect x=\"145\" width=\"10\" height=\"8\" fill=\"#f0a35e\"/>"
                "<text x=\"159\" y=\"8\">blocked</text>"
                "<text x=\"215\" y=\"8\">&#8595; channel hand-off</text></g>\n",
                kLabel, height - 14);
  out += buf;
  return out + "</svg>\n";
}

bool writeFile(const std::string& path, const std::string& text, std::string* error) {
  FileSink out(path);
  out.put(text);
  return out.close(error);
}

}  // namespace

bool writeTrace(const std::string& base, std::vector<rt::TraceEvent> events,
                const std::string& fileName, std::string* error) {
  // BASE.json, BASE.html or BASE.svg: that file alone (a million hand-offs make a JSON of
  // a gigabyte, which a reader of the page need not wait for); any other BASE: all three.
  std::string stem = base, only;
  for (std::string ext : {".json", ".html", ".svg"}) {
    if (base.size() > ext.size() && base.compare(base.size() - ext.size(), ext.size(), ext) == 0) {
      only = ext;
      stem = base.substr(0, base.size() - ext.size());
    }
  }
  auto wanted = [&](const char* ext) { return only.empty() || only == ext; };
  Timeline t = replay(events);
  std::vector<rt::TraceEvent>().swap(events);
  Writer w(fileName);
  if (wanted(".json")) {
    FileSink out(stem + ".json");
    w.json(t, out);
    if (!out.close(error)) return false;
  }
  if (wanted(".svg") && !writeFile(stem + ".svg", svg(t), error)) return false;
  if (!wanted(".html")) return true;
  // Last: the page's data sorts and trims the timeline.
  std::string page = tracePage();
  const std::string marker = "/*TRACE_DATA*/";
  size_t at = page.find(marker);
  page.replace(at, marker.size(), w.pageData(t));
  return writeFile(stem + ".html", page, error);
}

}  // namespace gol::eval
