// `gol run --trace=BASE`: the runtime's trace events (runtime/trace.h) of a run as
// BASE.json, in the Chrome trace-event format that Perfetto and chrome://tracing open (one
// process for the Ps, with a lane per P showing which goroutine ran when; one for the
// goroutines, with a lane per goroutine showing when it ran, waited to run, or was
// blocked and why, where; flow arrows for channel hand-offs; GOMAXPROCS as a counter),
// BASE.html, a self-contained page (no network, no external files) drawing the same
// timeline, with zoom, pan, hover and a legend, and BASE.svg, a still picture of it.
#pragma once

#include <string>
#include <vector>

#include "runtime/trace.h"

namespace gol::eval {

// A BASE ending in .json, .html or .svg writes that file alone. fileName names positions
// (the events carry lines); the events are freed once replayed. False with *error
// ("open BASE.json: no such file or directory") when a file cannot be written.
bool writeTrace(const std::string& base, std::vector<rt::TraceEvent> events,
                const std::string& fileName, std::string* error);

}  // namespace gol::eval
