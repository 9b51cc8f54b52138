// The io package's types and values as the other native packages see them (net/http's
// response body is an io.ReadCloser that returns io.EOF; bufio and fmt read and write
// through read and writeAll), and []byte for bind (bind.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "interpreter/check/types.h"
#include "interpreter/values/value.h"
#include "stdlib/bind.h"

namespace gol::stdlib::io {

const check::Named* readerType();
const check::Named* writerType();
const check::Named* readCloserType();
const check::Named* writeCloserType();
// io.EOF's current value (borrowed: the variable holds it).
values::Value eof();
bool isEOF(values::Value err);
// io.ErrUnexpectedEOF, io.ErrShortWrite (borrowed).
values::Value errUnexpectedEOF();
values::Value errShortWrite();
values::Value errNoProgress();
values::Value errClosedPipe();
// Whether the io.Writer w (borrowed) is io.Discard (or ioutil.Discard, the same writer).
bool isDiscard(values::Value w);
// io.ReaderAt.
const check::Named* readerAtType();

// What one Read or Write did: the count and the error (owned).
struct IoResult {
  int64_t n = 0;
  values::Value err{};
};
// One Read of up to len bytes from the io.Reader r (an interface value, borrowed) into buf:
// an *os.File directly, anything else through its Read method. A nil r panics as Go's
// method call on a nil interface does.
IoResult read(values::Value r, char* buf, size_t len);
// One Write of data to the io.Writer w, as read does; a short write without an error
// gives io.ErrShortWrite.
IoResult writeAll(values::Value w, std::string_view data);
// io.WriteString(w, s): w's WriteString method if it has one (an *os.File writes
// directly), else writeAll.
IoResult writeString(values::Value w, std::string_view s);

// One ReadAt(p, off) of the io.ReaderAt r (borrowed) through its ReadAt method, which
// reads into p (a []byte, borrowed) itself. A nil r panics as read does.
IoResult readAt(values::Value r, values::Value p, int64_t off);

// io.Pipe, PipeReader and PipeWriter (io_pipe.cpp); SectionReader (io_section.cpp).
void registerPipeMembers(Packages& p, check::Package& pkg);
void registerSectionMembers(Packages& p, check::Package& pkg);

// io/ioutil's ReadAll, NopCloser and Discard.
void registerIoutilMembers(Packages& p, check::Package& pkg);

// What io.ReadAll returns.
using ReadAllResult = std::tuple<Bytes, GoError>;

}  // namespace gol::stdlib::io

namespace gol::stdlib::http {

// io.ReadAll of net/http's response body, whose bytes are all in memory, in one piece
// (http.cpp); nullopt if r holds another Reader.
std::optional<io::ReadAllResult> readAllBody(const values::IfaceObject* r);

}  // namespace gol::stdlib::http
