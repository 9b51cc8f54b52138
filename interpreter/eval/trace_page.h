// The self-contained page of `gol run --trace` (trace_page.cpp): HTML, CSS and a script
// that draws the timeline on a canvas. Its data goes where the text /*TRACE_DATA*/ is.
#pragma once

#include <string>

namespace gol::eval {

std::string tracePage();

}  // namespace gol::eval
