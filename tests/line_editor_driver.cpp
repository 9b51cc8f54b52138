// Drives gol::repl::LineEditor for line_editor_test: reads lines and prints what
// readLine returned (LINE:<text, newlines as \n> / INTERRUPTED / EOF). A line ending in a
// backslash continues on the next one, and the lines make one history entry, as a
// multi-line statement does in the REPL. Commands (typed as lines):
//   async PATH            once PATH exists, a thread writes to stdout and to stderr
//                         (without a final newline) while readLine waits
//   interrupt-later PATH  once PATH exists, a thread calls interrupt() until a readLine
//                         returns Interrupted (one made before readLine starts is dropped)
// Usage: line_editor_driver [HISTORY_FILE]
#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "interpreter/repl/line_editor.h"
#include "stdlib/packages.h"

namespace {

using gol::repl::LineEditor;

LineEditor* editorForSignals = nullptr;
// Guards interruptSeen, so that no interrupt() comes after the main thread has seen one.
std::mutex interruptMutex;
bool interruptSeen = false;

void onInterrupt(int) {
  if (editorForSignals != nullptr) editorForSignals->interrupt();
}

std::vector<std::string> complete(const std::string& before, size_t* wordStart) {
  size_t start = before.size();
  while (start > 0 && (std::isalnum(static_cast<unsigned char>(before[start - 1])) ||
                       before[start - 1] == '_' || before[start - 1] == '.')) {
    start--;
  }
  std::string word = before.substr(start);
  std::vector<std::string> names = {"hello", "help"};
  if (word.starts_with("fmt.")) {
    start += 4;
    word = word.substr(4);
    names = {"Println", "Printf", "Sprintf"};
  }
  *wordStart = start;
  std::vector<std::string> candidates;
  for (const std::string& name : names) {
    if (name.starts_with(word)) candidates.push_back(name);
  }
  return candidates;
}

// Runs action on a thread once path exists (the test creates it when it is ready).
void whenExists(std::string path, void (*action)()) {
  std::thread([path, action] {
    for (int i = 0; i < 6000 && !std::filesystem::exists(path); i++) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    action();
  }).detach();
}

std::string escapeNewlines(const std::string& text) {
  std::string escaped;
  for (char c : text) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  return escaped;
}

}  // namespace

int main(int argc, char** argv) {
  std::string historyFile = argc > 1 ? argv[1] : "";
  std::unique_ptr<LineEditor> editor =
      LineEditor::open(isatty(0) == 1 && isatty(1) == 1, historyFile);
  editorForSignals = editor.get();
  // As the REPL does: SIGINT interrupts the line being read.
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  editor->setCompleter(complete);

  std::string entry;
  for (;;) {
    std::string line;
    auto result = editor->readLine(entry.empty() ? "> " : "... ", &line);
    if (result == LineEditor::Result::Eof) {
      gol::stdlib::writeStdout("EOF\n");
      break;
    }
    if (result == LineEditor::Result::Interrupted) {
      entry.clear();
      {
        std::lock_guard lock(interruptMutex);
        interruptSeen = true;
      }
      gol::stdlib::writeStdout("INTERRUPTED\n");
      continue;
    }
    if (line.ends_with("\\")) {
      entry += line.substr(0, line.size() - 1) + "\n";
      continue;
    }
    entry += line;
    editor->addHistory(entry);
    gol::stdlib::writeStdout("LINE:" + escapeNewlines(entry) + "\n");
    if (entry.starts_with("async ")) {
      whenExists(entry.substr(6), [] {
        gol::stdlib::writeStdout("from goroutine\n");
        gol::stdlib::writeStderr("to stderr");
      });
    } else if (entry.starts_with("interrupt-later ")) {
      {
        std::lock_guard lock(interruptMutex);
        interruptSeen = false;
      }
      whenExists(entry.substr(16), [] {
        for (int i = 0; i < 1200; i++) {
          {
            std::lock_guard lock(interruptMutex);
            if (interruptSeen) return;
            editorForSignals->interrupt();
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      });
    }
    entry.clear();
  }
  gol::stdlib::flushStdout();
  return 0;
}
