// The os package's *File as io and bufio see it: they read and write a *os.File directly,
// without a []byte of values in between.
#pragma once

#include <sys/types.h>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interpreter/check/types.h"
#include "interpreter/values/value.h"
#include "stdlib/io.h"

namespace gol::stdlib::os {

const check::Named* fileType();

// The *os.File an io.Reader or io.Writer interface value holds, or null.
values::StructObject* asFile(const values::IfaceObject* i);

// What a read or write did: the byte count and the error (owned; nil, io.EOF or a
// *fs.PathError), as (*File).Read and Write return them.
using IoResult = io::IoResult;

// (*File).Read into buf: parks only the goroutine while a pipe or terminal has no data.
IoResult fileRead(values::StructObject* f, char* buf, size_t len);
// (*File).Write of all of data.
IoResult fileWrite(values::StructObject* f, std::string_view data);

// A new *File (one reference) for descriptor fd, which it owns from now on.
values::Value newFile(int fd, std::string_view name);
// The same for a pipe's end this process made: made non-blocking and waited on through the
// runtime's poller, so a read or write that waits holds no OS thread.
values::Value newPollableFile(int fd, std::string_view name);
// write(2) that returns EPIPE rather than raising SIGPIPE when the reader has gone.
ssize_t writeNoSigpipe(int fd, const char* data, size_t len);
// The descriptor of an open *File; -1 once it is closed.
int descriptorOf(const values::StructObject* f);
// Closes f if it is open (as (*File).Close, the error dropped).
void closeFile(values::StructObject* f);

// Go's name of a signal ("interrupt", "killed"), as syscall.Signal's String gives it.
std::string signalName(int sig);

// syscall.Signal (a named int with Signal and String) and the os.Signal interface.
const check::Named* syscallSignalType();
const check::Named* signalInterfaceType();
// The number of a syscall.Signal in an os.Signal value; 0 for nil, -1 for another type.
int signalNumber(values::Value sig);

// A directory's entries other than . and .., sorted by name, with their FileMode type
// bits (from readdir, or lstat where the file system does not say); err is the errno of
// opendir, 0 on success.
struct Listing {
  std::vector<std::pair<std::string, uint32_t>> entries;
  int err = 0;
};
Listing listDirectory(const std::string& dir);

// os.Stdin's variable: fmt.Scan reads whichever *File the program has left in it.
values::Value& stdinVar();

// The *File os.Stderr holds as the program starts (borrowed; it lives as long as the
// process), which log's standard logger writes to whatever the program stores in os.Stderr.
values::Value standardErrorFile();

}  // namespace gol::stdlib::os
