// The `gol` command line.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#if defined(GOL_MIMALLOC)
#include <mimalloc.h>
#endif

#include "interpreter/driver.h"
#include "interpreter/play/play.h"
#include "interpreter/repl/repl.h"

namespace {

constexpr const char* kVersion = "0.1.0";

constexpr const char* kUsage =
    "usage: gol run [--maxprocs N] [--trace=BASE] FILE.gol [arguments...]\n"
    "       gol run [--maxprocs N] [--trace=BASE] - [arguments...]\n"
    "       gol FILE [arguments...]\n"
    "       gol -e CODE [arguments...]\n"
    "       gol -i FILE\n"
    "       gol [repl] [--maxprocs N]\n"
    "       gol play [--port N] [--addr HOST] [--cpu S] [--wall S] [--memory MB] [--output KB]\n"
    "       gol version\n"
    "       gol help\n";

void printHelp() {
  std::cout
      << "Gol runs Go programs and Go-style scripts without a build step.\n\n"
      << kUsage
      << "\n"
         "commands:\n"
         "  run FILE.gol    check and run FILE.gol; the arguments after it are os.Args[1:]\n"
         "                  (`-` reads the program from standard input; any file name\n"
         "                  runs, and a first line `#!/usr/bin/env gol` is ignored, so a\n"
         "                  script can be made executable)\n"
         "  -e CODE         run CODE, a script (statements, declarations, imports)\n"
         "  -i FILE         run FILE in the REPL, then keep its declarations at the prompt\n"
         "  repl            the interactive REPL (also `gol` alone); :help inside it\n"
         "  play            a playground in the browser: an editor, the tutorial's lessons,\n"
         "                  Run and Stop, the output and the run's timeline; it listens on\n"
         "                  127.0.0.1, port 3999 (--port N, 0 for any free one; --addr HOST\n"
         "                  to listen elsewhere) and prints its URL; each run is limited to\n"
         "                  --cpu 10 seconds of CPU, --wall 60 seconds, --memory 1024 MiB\n"
         "                  resident and --output 1024 KiB\n"
         "  version         print Gol's version\n"
         "  help            print this help\n"
         "\n"
         "flags of run and repl:\n"
         "  --maxprocs N    run goroutines on N OS threads (default: the number of cores,\n"
         "                  or the GOMAXPROCS environment variable)\n"
         "  --trace=BASE    (run) record what the scheduler did: BASE.json (Chrome trace\n"
         "                  events, for Perfetto), BASE.html (a timeline per P) and BASE.svg;\n"
         "                  a BASE ending in .json, .html or .svg writes that file alone\n"
         "\n"
         "A FILE.gol with `package main` is a Go program; without a package clause it is a\n"
         "script whose top-level statements run in order.\n"
         "Exit status: 0 success, 1 compile error, 2 panic or usage error.\n";
}

int usageError(const std::string& message) {
  std::cerr << "gol: " << message << "\nrun 'gol help' for usage\n";
  return 2;
}

bool parseCount(const std::string& text, int& out) {
  if (text.empty() || text.size() > 6) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  out = std::stoi(text);
  return out >= 1;
}

// What the arguments after the flags may be: a file to run, nothing (the REPL), or either
// (`gol --maxprocs 2` opens the REPL).
enum class Mode { Run, Repl, RunOrRepl };

int runCommand(const std::vector<std::string>& args, size_t i, Mode mode = Mode::Run) {
  gol::RunOptions options;
  bool runCode = false;     // -e CODE
  std::string code;         // the program itself, for -e
  std::string replPreload;  // -i FILE
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a.rfind("--maxprocs", 0) == 0 || a.rfind("-maxprocs", 0) == 0) {
      std::string value;
      size_t eq = a.find('=');
      if (eq != std::string::npos) {
        if (a.substr(0, eq) != "--maxprocs" && a.substr(0, eq) != "-maxprocs") {
          return usageError("unknown flag " + a);
        }
        value = a.substr(eq + 1);
      } else if (a == "--maxprocs" || a == "-maxprocs") {
        if (i + 1 >= args.size()) return usageError("flag --maxprocs needs a value");
        value = args[++i];
      } else {
        return usageError("unknown flag " + a);
      }
      if (!parseCount(value, options.maxprocs)) {
        return usageError("invalid value \"" + value + "\" for --maxprocs: want a number >= 1");
      }
      continue;
    }
    if (a.rfind("--trace", 0) == 0 || a.rfind("-trace", 0) == 0) {
      size_t eq = a.find('=');
      std::string name = a.substr(0, eq);
      if (name != "--trace" && name != "-trace") return usageError("unknown flag " + a);
      if (eq != std::string::npos) {
        options.trace = a.substr(eq + 1);
      } else {
        if (i + 1 >= args.size()) return usageError("flag --trace needs a file name");
        options.trace = args[++i];
      }
      if (options.trace.empty()) return usageError("flag --trace needs a file name");
      continue;
    }
    if (a == "-e" || a == "-i") {
      if (i + 1 >= args.size()) {
        return usageError("flag " + a + (a == "-e" ? " needs the code to run" : " needs a file"));
      }
      (a == "-e" ? code : replPreload) = args[++i];
      if (a == "-e") {
        runCode = true;
        ++i;
        break;
      }
      mode = Mode::Repl;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') return usageError("unknown flag " + a);
    break;
  }
  if (runCode) {
    options.path = "-e";
    options.args.assign(args.begin() + static_cast<long>(i), args.end());
    gol::endProcess(gol::runFile(code, options));
  }
  if (mode == Mode::RunOrRepl && i >= args.size()) mode = Mode::Repl;
  if (mode == Mode::Repl) {
    if (i < args.size()) return usageError("repl takes no file; use gol run FILE.gol");
    if (!options.trace.empty()) return usageError("--trace is a flag of gol run");
    return gol::repl::run(gol::repl::ReplOptions{options.maxprocs, replPreload});
  }
  if (i >= args.size()) return usageError("no .gol file to run");
  options.path = args[i++];
  options.args.assign(args.begin() + static_cast<long>(i), args.end());

  std::string text;
  if (options.path == "-") {
    options.path = "<stdin>";
    std::ostringstream in;
    in << std::cin.rdbuf();
    text = in.str();
  } else if (std::string error; !gol::readSource(options.path, &text, &error)) {
    return usageError(error);
  }
  gol::endProcess(gol::runFile(text, options));
}

int playCommand(const std::vector<std::string>& args) {
  gol::play::PlayOptions options;
  auto number = [](const std::string& text, int least, int most, int* out) {
    if (text.empty() || text.size() > 7 ||
        text.find_first_not_of("0123456789") != std::string::npos)
      return false;
    *out = std::stoi(text);
    return *out >= least && *out <= most;
  };
  for (size_t i = 1; i < args.size(); ++i) {
    std::string a = args[i], value;
    if (a.rfind("--", 0) != 0 && a.rfind("-", 0) == 0) a = "-" + a;  // -port as --port
    size_t eq = a.find('=');
    bool known = false;
    for (const char* flag : {"--port", "--addr", "--cpu", "--wall", "--memory", "--output"}) {
      known = known || a.substr(0, eq) == flag;
    }
    if (!known) {
      return usageError(a.size() > 1 && a[0] == '-' ? "unknown flag " + args[i]
                                                    : "play takes no arguments");
    }
    if (eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
    } else {
      if (i + 1 >= args.size()) return usageError("flag " + a + " needs a value");
      value = args[++i];
    }
    int n = 0;
    if (a == "--addr") {
      if (value.empty()) return usageError("flag --addr needs a host");
      options.addr = value;
    } else if (a == "--port") {
      if (!number(value, 0, 65535, &n)) {
        return usageError("invalid value \"" + value + "\" for --port: want 0 to 65535");
      }
      options.port = n;
    } else if (!number(value, 1, 1000000, &n)) {
      return usageError("invalid value \"" + value + "\" for " + a + ": want a number >= 1");
    } else if (a == "--cpu") {
      options.limits.cpuSeconds = n;
    } else if (a == "--wall") {
      options.limits.wallSeconds = n;
    } else if (a == "--memory") {
      options.limits.memoryBytes = static_cast<size_t>(n) << 20;
    } else {
      options.limits.outputBytes = static_cast<size_t>(n) << 10;
    }
  }
  return gol::play::serve(options);
}

}  // namespace

int main(int argc, char** argv) {
#if defined(GOL_MIMALLOC)
  // The allocator's segments in transparent huge pages where the system allows them: a
  // page fault per 2 MiB of fresh heap instead of per 4 KiB (strings: 26k faults to 10k,
  // its time -35%; even hello.gol faults less), for about 3 MiB more resident memory.
  mi_option_enable(mi_option_large_os_pages);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return gol::repl::run(gol::repl::ReplOptions{});
  const std::string& cmd = args[0];
  if (cmd == "run") return runCommand(args, 1);
  if (cmd == "repl") return runCommand(args, 1, Mode::Repl);
  if (cmd == "play") return playCommand(args);
  if (cmd == "version") {
    std::cout << "gol version " << kVersion << "\n";
    return 0;
  }
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    printHelp();
    return 0;
  }
  if (cmd.size() > 1 && cmd[0] == '-') return runCommand(args, 0, Mode::RunOrRepl);
  if (cmd.size() > 4 && cmd.compare(cmd.size() - 4, 4, ".gol") == 0) return runCommand(args, 0);
  if (cmd.size() > 3 && cmd.compare(cmd.size() - 3, 3, ".go") == 0) return runCommand(args, 0);
  // A script without the suffix (an executable one, through its #! line).
  if (struct stat st; stat(cmd.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    return runCommand(args, 0);
  }
  return usageError("unknown command \"" + cmd + "\"");
}
