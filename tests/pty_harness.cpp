#include "tests/pty_harness.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>

namespace gol::testing {
namespace {

using Clock = std::chrono::steady_clock;

int millisecondsLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

int exitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

std::unique_ptr<PtyProcess> PtyProcess::spawn(const std::vector<std::string>& argv,
                                              const PtyOptions& options) {
  if (argv.empty()) return nullptr;
  // Everything the child needs is prepared before fork: the child only calls
  // async-signal-safe functions (and setenv/execvp, as is usual after forkpty).
  std::vector<char*> arguments;
  for (const std::string& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
  arguments.push_back(nullptr);
  std::map<std::string, std::string> environment = options.environment;
  environment.emplace("TERM", "xterm");

  winsize size{};
  size.ws_row = options.rows;
  size.ws_col = options.columns;
  int master = -1;
  pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
  if (pid < 0) return nullptr;
  if (pid == 0) {
    // The parent may have ignored or blocked signals; the child starts from defaults.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int s : {SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD}) ::signal(s, SIG_DFL);
    for (const auto& [name, value] : environment) ::setenv(name.c_str(), value.c_str(), 1);
    ::execvp(arguments[0], arguments.data());
    _exit(127);
  }
  ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
  ::fcntl(master, F_SETFD, FD_CLOEXEC);
  return std::unique_ptr<PtyProcess>(new PtyProcess(pid, master, options.columns));
}

PtyProcess::~PtyProcess() {
  if (!exited_) {
    // The child leads its own session and process group (forkpty): this ends what it
    // started too, such as the other commands of a shell pipeline.
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);  // in case it has not made its group yet
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  ::close(master_);
}

void PtyProcess::write(std::string_view bytes) {
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (!bytes.empty() && Clock::now() < deadline) {
    ssize_t n = ::write(master_, bytes.data(), bytes.size());
    if (n > 0) {
      bytes.remove_prefix(static_cast<size_t>(n));
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      pump(10);  // the child is not reading: keep its output flowing meanwhile
    } else {
      return;
    }
  }
}

void PtyProcess::signal(int signalNumber) {
  if (!exited_) ::kill(pid_, signalNumber);
}

bool PtyProcess::terminalSignals() const {
  termios settings{};
  return ::tcgetattr(master_, &settings) == 0 && (settings.c_lflag & ISIG) != 0;
}

void PtyProcess::setTerminalSignals(bool enabled) {
  // The master's termios calls act on the terminal the child sees.
  termios settings{};
  if (::tcgetattr(master_, &settings) != 0) return;
  if (enabled) {
    settings.c_lflag |= ISIG;
  } else {
    settings.c_lflag &= ~static_cast<tcflag_t>(ISIG);
  }
  ::tcsetattr(master_, TCSANOW, &settings);
}

bool PtyProcess::pump(int timeoutMs) {
  pollfd fd{master_, POLLIN, 0};
  int ready = ::poll(&fd, 1, timeoutMs);
  if (ready <= 0) return true;
  bool open = true;
  for (;;) {
    char buffer[4096];
    ssize_t n = ::read(master_, buffer, sizeof buffer);
    if (n > 0) {
      raw_.append(buffer, static_cast<size_t>(n));
      screen_.apply(std::string_view(buffer, static_cast<size_t>(n)));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // EIO: every descriptor of the child's side is closed.
    if (n == 0 || (n < 0 && errno != EAGAIN)) open = false;
    break;
  }
  text_ = stripEscapes(raw_);
  return open;
}

bool PtyProcess::expect(const std::string& text, int timeoutMs) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  for (;;) {
    size_t found = text_.find(text, matchedUpTo_);
    if (found != std::string::npos) {
      matchedUpTo_ = found + text.size();
      return true;
    }
    int left = millisecondsLeft(deadline);
    if (left == 0) return false;
    if (!pump(std::min(left, 50))) {
      // Closed: what was read last is all there will be.
      found = text_.find(text, matchedUpTo_);
      if (found == std::string::npos) return false;
      matchedUpTo_ = found + text.size();
      return true;
    }
  }
}

bool PtyProcess::expectScreen(const std::string& lastLines, int timeoutMs) {
  size_t count = static_cast<size_t>(std::count(lastLines.begin(), lastLines.end(), '\n')) + 1;
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  for (;;) {
    if (screen_.tail(count) == lastLines) return true;
    int left = millisecondsLeft(deadline);
    if (left == 0) return false;
    if (!pump(std::min(left, 50))) return screen_.tail(count) == lastLines;
  }
}

void PtyProcess::settle(int periodMs) {
  auto deadline = Clock::now() + std::chrono::milliseconds(periodMs);
  while (int left = millisecondsLeft(deadline)) {
    if (!pump(std::min(left, 20))) break;
  }
}

int PtyProcess::wait(int timeoutMs) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  while (!exited_) {
    int status = 0;
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exited_ = true;
      status_ = exitStatus(status);
      break;
    }
    int left = millisecondsLeft(deadline);
    if (left == 0) return -1;
    // Keep reading, so that a child writing much is not stuck on a full terminal.
    if (!pump(std::min(left, 20))) ::usleep(1000);
  }
  pump(0);
  return status_;
}

std::string PtyProcess::stripEscapes(std::string_view raw) {
  std::string text;
  text.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); i++) {
    char c = raw[i];
    if (c == '\r' || c == '\a') continue;
    if (c != '\033') {
      text += c;
      continue;
    }
    if (i + 1 >= raw.size()) break;
    char kind = raw[++i];
    if (kind == '[') {
      // CSI: parameters and intermediates up to a final byte in @..~.
      while (i + 1 < raw.size() && !(raw[i + 1] >= '@' && raw[i + 1] <= '~')) i++;
      i++;
    } else if (kind == ']') {
      // OSC: up to BEL or ESC backslash.
      while (i + 1 < raw.size() && raw[i + 1] != '\a' && raw[i + 1] != '\033') i++;
      i++;
      if (i < raw.size() && raw[i] == '\033') i++;
    } else if (kind == '(' || kind == ')' || kind == 'O') {
      i++;  // a designator or an SS3 key: one more byte
    }
  }
  return text;
}

}  // namespace gol::testing
