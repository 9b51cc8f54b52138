// The playground's page (page.cpp): HTML, CSS and the script that drives the editor,
// the lessons menu, Run and Stop, the output and the timeline.
#pragma once

#include <string>

namespace gol::play {

std::string playPage();

}  // namespace gol::play
