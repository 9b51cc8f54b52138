// Invariants: see type_ahead.h.
#include "interpreter/repl/type_ahead.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace gol::repl {

TypeAhead::TypeAhead() {
  if (::pipe2(wake_, O_NONBLOCK | O_CLOEXEC) != 0) wake_[0] = wake_[1] = -1;
}

TypeAhead::~TypeAhead() {
  {
    std::lock_guard lk(mu_);
    quitting_ = true;
  }
  cv_.notify_all();
  wakePump();
  if (thread_.joinable()) thread_.join();
  if (wake_[0] >= 0) ::close(wake_[0]);
  if (wake_[1] >= 0) ::close(wake_[1]);
}

void TypeAhead::start(Command command) {
  if (wake_[0] < 0) return;  // no wake-up pipe: the pump could not be stopped
  {
    std::lock_guard lk(mu_);
    command_ = std::move(command);
    watching_ = true;
    if (!thread_.joinable()) thread_ = std::thread([this] { pump(); });
  }
  cv_.notify_all();
}

void TypeAhead::stop() {
  {
    std::lock_guard lk(mu_);
    if (!watching_) return;
    watching_ = false;
    eof_ = false;  // a Ctrl-D nobody read ends nothing: the REPL does not take it as its own
  }
  cv_.notify_all();
  wakePump();
  std::unique_lock lk(mu_);
  cv_.wait(lk, [this] { return pumpIdle_; });
}

bool TypeAhead::takeByte(unsigned char* byte) {
  std::lock_guard lk(mu_);
  if (typed_.empty()) return false;
  *byte = static_cast<unsigned char>(typed_.front());
  typed_.erase(0, 1);
  return true;
}

bool TypeAhead::empty() {
  std::lock_guard lk(mu_);
  return typed_.empty();
}

ssize_t TypeAhead::readForProgram(char* buf, size_t len) {
  std::unique_lock lk(mu_);
  cv_.wait(lk, [this] { return !typed_.empty() || eof_ || !watching_; });
  if (!typed_.empty()) {
    size_t n = std::min(len, typed_.size());
    std::memcpy(buf, typed_.data(), n);
    typed_.erase(0, n);
    return static_cast<ssize_t>(n);
  }
  if (eof_) {
    eof_ = false;
    return 0;
  }
  return -1;
}

void TypeAhead::wakePump() {
  if (wake_[1] < 0) return;
  char byte = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_[1], &byte, 1);
}

void TypeAhead::pump() {
  bool hungUp = false;  // the terminal is gone: never read it again
  std::unique_lock lk(mu_);
  for (;;) {
    pumpIdle_ = true;
    cv_.notify_all();
    cv_.wait(lk, [&] { return (watching_ && !hungUp) || quitting_; });
    if (quitting_) return;
    pumpIdle_ = false;
    Command command = command_;
    lk.unlock();

    pollfd fds[2] = {{0, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int ready = ::poll(fds, 2, -1);
    if (fds[1].revents & POLLIN) {
      char bytes[64];
      while (::read(wake_[0], bytes, sizeof bytes) > 0) {
      }
    }
    // In its cooked mode the terminal delivers one line per read (or what was typed
    // before a Ctrl-D, or nothing for a Ctrl-D at the start of a line).
    std::string line;
    bool eof = false;
    if (ready > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      char bytes[4096];
      ssize_t n = ::read(0, bytes, sizeof bytes);
      if (n > 0) {
        line.assign(bytes, static_cast<size_t>(n));
      } else if (n == 0 && !(fds[0].revents & (POLLHUP | POLLERR))) {
        eof = true;
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        hungUp = true;
      }
    }
    if (!line.empty() && command) {
      std::string trimmed = line;
      while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' ' ||
                                  trimmed.back() == '\t' || trimmed.back() == '\r')) {
        trimmed.pop_back();
      }
      size_t first = trimmed.find_first_not_of(" \t");
      if (first != std::string::npos && command(trimmed.substr(first))) line.clear();
    }
    lk.lock();
    typed_ += line;
    eof_ = eof_ || eof;
    cv_.notify_all();
  }
}

}  // namespace gol::repl
