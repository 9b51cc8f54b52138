// The playground's runs (runs.h has the invariants).
#include "interpreter/play/runs.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace gol::play {

struct Runs::Run {
  int64_t id = 0;
  std::string page;
  std::string dir;
  pid_t pid = -1;
  int outFd = -1;  // the monitor's
  std::string output;
  bool done = false;
  std::string status;
  std::string killedFor;  // why the playground killed it, if it did
};

namespace {

// Resident memory of pid in bytes (0 if it is gone).
size_t residentBytes(pid_t pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  size_t pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return resident * static_cast<size_t>(::sysconf(_SC_PAGESIZE));
}

std::string exitText(int wstatus) {
  if (WIFEXITED(wstatus)) {
    int code = WEXITSTATUS(wstatus);
    return code == 0 ? "Program exited." : "Program exited: status " + std::to_string(code) + ".";
  }
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    if (sig == SIGXCPU) return "Program killed: CPU time limit.";
    return std::string("Program killed: ") + ::strsignal(sig) + ".";
  }
  return "Program ended.";
}

}  // namespace

Runs::Runs(std::string golPath, std::string root, RunLimits limits)
    : golPath_(std::move(golPath)), root_(std::move(root)), limits_(limits) {}

Runs::~Runs() {
  killAll();
}

int64_t Runs::start(const std::string& page, const std::string& source, int maxprocs,
                    std::string* error) {
  std::lock_guard lock(mu_);
  for (auto& [id, r] : runs_) {
    if (r->page == page && !r->done) {
      *error = "a run of this page is still going: stop it first";
      return -1;
    }
  }
  if (runs_.size() >= kKeptRuns) {
    for (auto it = runs_.begin(); it != runs_.end(); ++it) {
      if (!it->second->done) continue;
      std::error_code ec;
      std::filesystem::remove_all(it->second->dir, ec);
      runs_.erase(it);
      break;
    }
    if (runs_.size() >= kKeptRuns) {
      *error = "too many runs at once";
      return -1;
    }
  }
  auto run = std::make_shared<Run>();
  run->id = nextId_++;
  run->page = page;
  run->dir = root_ + "/" + std::to_string(run->id);
  std::error_code ec;
  std::filesystem::create_directory(run->dir, ec);
  std::ofstream(run->dir + "/prog.gol", std::ios::binary) << source;
  int pipeFds[2];
  if (ec || ::pipe2(pipeFds, O_CLOEXEC) != 0) {
    *error = "cannot prepare the run";
    return -1;
  }
  std::string procs = std::to_string(maxprocs);
  // Relative to the run's folder, the child's working directory: the timeline is titled
  // with the program's name as given.
  std::string trace = "--trace=trace.html";  // the page only: the JSON can be a gigabyte
  std::string prog = "prog.gol";
  rlimit cpu{static_cast<rlim_t>(limits_.cpuSeconds), static_cast<rlim_t>(limits_.cpuSeconds + 1)};
  rlimit fsize{rlim_t{256} << 20, rlim_t{256} << 20};
  rlimit core{0, 0};
  pid_t pid = ::fork();
  if (pid == 0) {
    // The child: only async-signal-safe calls until exec.
    ::setpgid(0, 0);
    int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    ::dup2(pipeFds[1], 1);
    ::dup2(pipeFds[1], 2);
    if (::chdir(run->dir.c_str()) != 0) ::_exit(127);
    ::setrlimit(RLIMIT_CPU, &cpu);
    ::setrlimit(RLIMIT_FSIZE, &fsize);
    ::setrlimit(RLIMIT_CORE, &core);
    ::execl(golPath_.c_str(), "gol", "run", "--maxprocs", procs.c_str(), trace.c_str(),
            prog.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipeFds[1]);
  if (pid < 0) {
    ::close(pipeFds[0]);
    *error = std::string("cannot start gol: ") + std::strerror(errno);
    return -1;
  }
  ::setpgid(pid, pid);  // as the child does, whichever runs first
  run->pid = pid;
  run->outFd = pipeFds[0];
  runs_[run->id] = run;
  std::thread(&Runs::monitor, this, run).detach();
  return run->id;
}

void Runs::monitor(std::shared_ptr<Run> run) {
  auto started = std::chrono::steady_clock::now();
  char buf[16384];
  bool open = true;
  while (open) {
    pollfd p{run->outFd, POLLIN, 0};
    int ready = ::poll(&p, 1, 50);
    std::string killFor;
    if (ready > 0) {
      ssize_t n = ::read(run->outFd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        open = false;
      } else {
        std::lock_guard lock(mu_);
        size_t room = limits_.outputBytes - std::min(limits_.outputBytes, run->output.size());
        run->output.append(buf, std::min(room, static_cast<size_t>(n)));
        if (static_cast<size_t>(n) > room) killFor = "output limit";
      }
    }
    if (std::chrono::steady_clock::now() - started > std::chrono::seconds(limits_.wallSeconds)) {
      killFor = "wall time limit";
    } else if (residentBytes(run->pid) > limits_.memoryBytes) {
      killFor = "memory limit";
    }
    if (!killFor.empty()) {
      std::lock_guard lock(mu_);
      if (run->killedFor.empty()) run->killedFor = killFor;
      ::kill(-run->pid, SIGKILL);
    }
  }
  int wstatus = 0;
  while (::waitpid(run->pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  ::kill(-run->pid, SIGKILL);  // what the program started and left behind
  ::close(run->outFd);
  std::lock_guard lock(mu_);
  if (run->killedFor.empty()) {
    run->status = exitText(wstatus);
  } else if (run->killedFor == "stopped") {
    run->status = "Program stopped.";
  } else {
    run->status = "Program killed: " + run->killedFor + ".";
  }
  run->done = true;
}

bool Runs::output(int64_t id, size_t from, RunOutput* out) {
  std::lock_guard lock(mu_);
  auto it = runs_.find(id);
  if (it == runs_.end()) return false;
  const Run& r = *it->second;
  from = std::min(from, r.output.size());
  out->text = r.output.substr(from);
  out->next = r.output.size();
  out->done = r.done;
  out->status = r.status;
  std::error_code ec;
  out->hasTrace = r.done && std::filesystem::exists(r.dir + "/trace.html", ec);
  return true;
}

bool Runs::stop(int64_t id) {
  std::lock_guard lock(mu_);
  auto it = runs_.find(id);
  if (it == runs_.end()) return false;
  Run& r = *it->second;
  if (!r.done) {
    if (r.killedFor.empty()) r.killedFor = "stopped";
    ::kill(-r.pid, SIGKILL);
  }
  return true;
}

bool Runs::tracePage(int64_t id, std::string* html) {
  std::string path;
  {
    std::lock_guard lock(mu_);
    auto it = runs_.find(id);
    if (it == runs_.end() || !it->second->done) return false;
    path = it->second->dir + "/trace.html";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  *html = text.str();
  return true;
}

void Runs::killAll() {
  std::lock_guard lock(mu_);
  for (auto& [id, r] : runs_) {
    if (!r->done) ::kill(-r->pid, SIGKILL);
  }
}

}  // namespace gol::play
