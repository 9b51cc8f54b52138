// :doc's description of a standard package member, from the system's Go tree.
#pragma once

#include <string>

namespace gol::repl {

// The first sentence of the doc comment of member in package pkgPath, read from
// goroot/src/pkgPath; "" when there is no Go tree or no comment.
std::string goDocSentence(const std::string& goroot, const std::string& pkgPath,
                          const std::string& member);

}  // namespace gol::repl
