// path and path/filepath (Unix): the algorithms of path.h, then the two packages' bindings.
// filepath's functions are path's on Unix, but each package has its own ErrBadPattern, as
// in Go (a program compares Match's error with its package's variable).
#include "stdlib/path.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "stdlib/bind.h"
#include "stdlib/errors.h"
#include "stdlib/fs.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"
#include "stdlib/utf8.h"

namespace gol::stdlib::path {

std::string clean(std::string_view p) {
  if (p.empty()) return ".";
  bool rooted = p[0] == '/';
  size_t n = p.size();
  std::string out;
  size_t r = 0;       // next byte of p to read
  size_t dotdot = 0;  // where out may no longer be backtracked by ".."
  if (rooted) {
    out = "/";
    r = 1;
    dotdot = 1;
  }
  while (r < n) {
    if (p[r] == '/') {
      ++r;
    } else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
      ++r;
    } else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
      r += 2;
      if (out.size() > dotdot) {
        size_t w = out.size() - 1;
        while (w > dotdot && out[w] != '/') --w;
        out.resize(w);
      } else if (!rooted) {
        if (!out.empty()) out += '/';
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out += '/';
      for (; r < n && p[r] != '/'; ++r) out += p[r];
    }
  }
  if (out.empty()) return ".";
  return out;
}

SplitResult split(std::string_view p) {
  size_t i = p.rfind('/');
  size_t cut = i == std::string_view::npos ? 0 : i + 1;
  return {p.substr(0, cut), p.substr(cut)};
}

std::string join(const std::vector<std::string_view>& elems) {
  size_t size = 0;
  for (std::string_view e : elems) size += e.size();
  if (size == 0) return "";
  std::string joined;
  for (std::string_view e : elems) {
    if (joined.empty() && e.empty()) continue;
    if (!joined.empty()) joined += '/';
    joined += e;
  }
  return clean(joined);
}

std::string_view ext(std::string_view p) {
  for (size_t i = p.size(); i > 0 && p[i - 1] != '/'; --i) {
    if (p[i - 1] == '.') return p.substr(i - 1);
  }
  return {};
}

std::string base(std::string_view p) {
  if (p.empty()) return ".";
  while (!p.empty() && p.back() == '/') p.remove_suffix(1);
  size_t i = p.rfind('/');
  if (i != std::string_view::npos) p.remove_prefix(i + 1);
  if (p.empty()) return "/";
  return std::string(p);
}

std::string dir(std::string_view p) {
  return clean(split(p).dir);
}

bool isAbs(std::string_view p) {
  return !p.empty() && p[0] == '/';
}

namespace {

// Go's scanChunk: leading stars, then the chunk up to the next star outside a class.
struct Chunk {
  bool star = false;
  std::string_view chunk, rest;
};
Chunk scanChunk(std::string_view pattern) {
  Chunk c;
  while (!pattern.empty() && pattern[0] == '*') {
    pattern.remove_prefix(1);
    c.star = true;
  }
  bool inRange = false;
  size_t i = 0;
  for (; i < pattern.size(); ++i) {
    char ch = pattern[i];
    if (ch == '\\') {
      if (i + 1 < pattern.size()) ++i;
    } else if (ch == '[') {
      inRange = true;
    } else if (ch == ']') {
      inRange = false;
    } else if (ch == '*' && !inRange) {
      break;
    }
  }
  c.chunk = pattern.substr(0, i);
  c.rest = pattern.substr(i);
  return c;
}

// One end of a character class range, with its escape; false for a malformed pattern.
bool getEsc(std::string_view& chunk, int32_t* r) {
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') return false;
  if (chunk[0] == '\\') {
    chunk.remove_prefix(1);
    if (chunk.empty()) return false;
  }
  utf8::Decoded d = utf8::decodeRune(chunk);
  *r = d.rune;
  chunk.remove_prefix(static_cast<size_t>(d.size));
  return !(d.rune == utf8::RuneError && d.size == 1) && !chunk.empty();
}

// Go's matchChunk: whether chunk matches a prefix of s (then *rest is what follows).
// After a mismatch the rest of the chunk is still scanned, so a malformed pattern is
// reported whatever the name. False with *bad set for a malformed pattern.
bool matchChunk(std::string_view chunk, std::string_view s, std::string_view* rest, bool* bad) {
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty()) failed = true;
    switch (chunk[0]) {
      case '[': {
        int32_t r = 0;
        if (!failed) {
          utf8::Decoded d = utf8::decodeRune(s);
          r = d.rune;
          s.remove_prefix(static_cast<size_t>(d.size));
        }
        chunk.remove_prefix(1);
        bool negated = false;
        if (!chunk.empty() && chunk[0] == '^') {
          negated = true;
          chunk.remove_prefix(1);
        }
        bool matched = false;
        int ranges = 0;
        for (;;) {
          if (!chunk.empty() && chunk[0] == ']' && ranges > 0) {
            chunk.remove_prefix(1);
            break;
          }
          int32_t lo = 0;
          if (!getEsc(chunk, &lo)) return *bad = true, false;
          int32_t hi = lo;
          if (chunk[0] == '-') {
            chunk.remove_prefix(1);
            if (!getEsc(chunk, &hi)) return *bad = true, false;
          }
          if (lo <= r && r <= hi) matched = true;
          ++ranges;
        }
        if (matched == negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] == '/') failed = true;
          s.remove_prefix(static_cast<size_t>(utf8::decodeRune(s).size));
        }
        chunk.remove_prefix(1);
        break;
      case '\\':
        chunk.remove_prefix(1);
        if (chunk.empty()) return *bad = true, false;
        [[fallthrough]];
      default:
        if (!failed) {
          if (chunk[0] != s[0]) failed = true;
          s.remove_prefix(1);
        }
        chunk.remove_prefix(1);
    }
  }
  if (failed) return false;
  *rest = s;
  return true;
}

}  // namespace

MatchResult match(std::string_view pattern, std::string_view name) {
  while (!pattern.empty()) {
    Chunk c = scanChunk(pattern);
    pattern = c.rest;
    if (c.star && c.chunk.empty()) return {name.find('/') == std::string_view::npos, false};
    std::string_view t;
    bool bad = false;
    if (matchChunk(c.chunk, name, &t, &bad) && (t.empty() || !pattern.empty())) {
      name = t;
      continue;
    }
    if (bad) return {false, true};
    bool advanced = false;
    if (c.star) {
      // The star may take any run of non-separators before the chunk matches.
      for (size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        if (matchChunk(c.chunk, name.substr(i + 1), &t, &bad)) {
          if (pattern.empty() && !t.empty()) continue;
          name = t;
          advanced = true;
          break;
        }
        if (bad) return {false, true};
      }
    }
    if (advanced) continue;
    // No match: a malformed rest of the pattern is still an error.
    while (!pattern.empty()) {
      Chunk rest = scanChunk(pattern);
      pattern = rest.rest;
      matchChunk(rest.chunk, "", &t, &bad);
      if (bad) return {false, true};
    }
    return {false, false};
  }
  return {name.empty(), false};
}

RelResult rel(std::string_view basePath, std::string_view targetPath) {
  std::string base = clean(basePath);
  std::string targ = clean(targetPath);
  if (targ == base) return {".", ""};
  if (base == ".") base.clear();
  std::string cannot =
      "Rel: can't make " + std::string(targetPath) + " relative to " + std::string(basePath);
  bool baseSlashed = !base.empty() && base[0] == '/';
  bool targSlashed = !targ.empty() && targ[0] == '/';
  if (baseSlashed != targSlashed) return {"", cannot};
  // Position base[b0:bi] and targ[t0:ti] at the first elements that differ.
  size_t bl = base.size(), tl = targ.size();
  size_t b0 = 0, bi = 0, t0 = 0, ti = 0;
  for (;;) {
    while (bi < bl && base[bi] != '/') ++bi;
    while (ti < tl && targ[ti] != '/') ++ti;
    if (targ.compare(t0, ti - t0, base, b0, bi - b0) != 0) break;
    if (bi < bl) ++bi;
    if (ti < tl) ++ti;
    b0 = bi;
    t0 = ti;
  }
  if (base.compare(b0, bi - b0, "..") == 0) return {"", cannot};
  if (b0 == bl) return {targ.substr(t0), ""};
  // Elements of base are left: go up past them before going down into targ.
  std::string out = "..";
  for (size_t i = b0; i < bl; ++i) {
    if (base[i] == '/') out += "/..";
  }
  if (t0 != tl) out += "/" + targ.substr(t0);
  return {out, ""};
}

namespace {

bool sameFile(const char* a, const char* b) {
  struct stat sa {};
  struct stat sb {};
  return ::stat(a, &sa) == 0 && ::stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

}  // namespace

AbsResult abs(std::string_view p) {
  if (isAbs(p)) return {clean(p), ""};
  std::string wd;
  const char* pwd = std::getenv("PWD");
  if (pwd && pwd[0] == '/' && sameFile(pwd, ".")) {
    wd = pwd;
  } else {
    std::string buf(4096, '\0');
    if (!::getcwd(buf.data(), buf.size())) return {"", std::string("getwd: ") + strerror(errno)};
    wd = buf.c_str();
  }
  return {join({wd, p}), ""};
}

std::vector<std::string_view> splitList(std::string_view p) {
  std::vector<std::string_view> parts;
  if (p.empty()) return parts;
  for (;;) {
    size_t i = p.find(':');
    parts.push_back(p.substr(0, i));
    if (i == std::string_view::npos) return parts;
    p.remove_prefix(i + 1);
  }
}

}  // namespace gol::stdlib::path

// --- bindings ------------------------------------------------------------------------

namespace gol::stdlib {

namespace {

// Each package's ErrBadPattern: made once, never freed.
values::Value& pathErrBadPattern() {
  static auto* cell = new values::Value(errors::newError("syntax error in pattern"));
  return *cell;
}
values::Value& filepathErrBadPattern() {
  static auto* cell = new values::Value(errors::newError("syntax error in pattern"));
  return *cell;
}

std::tuple<std::string_view, std::string_view> split(std::string_view p) {
  path::SplitResult r = path::split(p);
  return {r.dir, r.file};
}

std::string join(Variadic<std::string_view> elems) {
  std::vector<std::string_view> parts;
  parts.reserve(elems.size());
  for (size_t i = 0; i < elems.size(); ++i) parts.push_back(elems[i]);
  return path::join(parts);
}

template <values::Value& (*ErrCell)()>
std::tuple<bool, GoError> match(std::string_view pattern, std::string_view name) {
  path::MatchResult r = path::match(pattern, name);
  if (!r.badPattern) return {r.matched, GoError{}};
  values::retainRef(ErrCell());
  return {false, GoError{ErrCell()}};
}

std::tuple<std::string, GoError> rel(std::string_view basePath, std::string_view targetPath) {
  path::RelResult r = path::rel(basePath, targetPath);
  if (!r.error.empty()) return {"", GoError{errors::newError(r.error)}};
  return {std::move(r.path), GoError{}};
}

std::tuple<std::string, GoError> abs(std::string_view p) {
  path::AbsResult r = path::abs(p);
  if (!r.error.empty()) return {"", GoError{errors::newError(r.error)}};
  return {std::move(r.path), GoError{}};
}

std::string_view identity(std::string_view p) {
  return p;
}

std::string_view volumeName(std::string_view) {
  return {};
}

// The members path and filepath share.
void bindLexical(Packages& p, check::Package& pkg) {
  bind<&path::clean>(p, pkg, "Clean");
  bind<&split>(p, pkg, "Split");
  bind<&join>(p, pkg, "Join");
  bind<&path::ext>(p, pkg, "Ext");
  bind<&path::base>(p, pkg, "Base");
  bind<&path::dir>(p, pkg, "Dir");
  bind<&path::isAbs>(p, pkg, "IsAbs");
}

}  // namespace

void registerPath(Packages& p) {
  check::Package& pkg = p.package("path", "path");
  bindLexical(p, pkg);
  bind<&match<&pathErrBadPattern>>(p, pkg, "Match");
  p.addVariable(pkg, "ErrBadPattern", check::errorType(), &pathErrBadPattern());
}

void registerFilepath(Packages& p) {
  check::Package& pkg = p.package("path/filepath", "filepath");
  bindLexical(p, pkg);
  bind<&match<&filepathErrBadPattern>>(p, pkg, "Match");
  p.addVariable(pkg, "ErrBadPattern", check::errorType(), &filepathErrBadPattern());
  registerWalk(p, pkg, &filepathErrBadPattern());
  bind<&rel>(p, pkg, "Rel");
  bind<&abs>(p, pkg, "Abs");
  bind<&path::splitList>(p, pkg, "SplitList");
  bind<&identity>(p, pkg, "ToSlash");
  bind<&identity>(p, pkg, "FromSlash");
  bind<&volumeName>(p, pkg, "VolumeName");
  const check::Type* untypedRune = check::basicType(check::BasicKind::UntypedRune);
  p.addConstant(pkg, "Separator", untypedRune, check::ConstValue::ofInt64('/'));
  p.addConstant(pkg, "ListSeparator", untypedRune, check::ConstValue::ofInt64(':'));
}

}  // namespace gol::stdlib
