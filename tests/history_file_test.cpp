#include "interpreter/repl/history_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

using gol::repl::HistoryFile;

TEST(HistoryFile, EncodingRoundTrips) {
  for (std::string entry : {"plain", "two\nlines", "back\\slash", "\\n literally", "cr\r\n",
                            "ends in \\", "x := \"\\t\"\n}"}) {
    std::string line = HistoryFile::encode(entry);
    EXPECT_EQ(line.find('\n'), std::string::npos) << entry;
    EXPECT_EQ(HistoryFile::decode(line), entry) << line;
  }
}

TEST(HistoryFile, KeepsTheLastEntriesAndTrims) {
  char pattern[] = "/tmp/gol_history_XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  std::string path = std::string(pattern) + "/history";
  {
    HistoryFile file(path, 3);
    EXPECT_TRUE(file.load().empty());
    for (int i = 0; i < 7; i++) file.append("entry " + std::to_string(i) + "\nsecond line");
    file.append("");  // empty entries are not kept
  }
  HistoryFile file(path, 3);
  std::vector<std::string> expected = {"entry 4\nsecond line", "entry 5\nsecond line",
                                       "entry 6\nsecond line"};
  EXPECT_EQ(file.load(), expected);
  // Seven lines is more than twice three: load rewrote the file with the last three.
  std::ifstream in(path);
  int lines = 0;
  for (std::string line; std::getline(in, line);) lines++;
  EXPECT_EQ(lines, 3);
  EXPECT_EQ(HistoryFile(path, 3).load(), expected);
  std::filesystem::remove_all(pattern);
}

TEST(HistoryFile, MissingOrUnwritableFileIsSilent) {
  HistoryFile file("/nonexistent/directory/history", 10);
  EXPECT_TRUE(file.load().empty());
  file.append("lost");
  HistoryFile none("", 10);
  none.append("nothing");
  EXPECT_TRUE(none.load().empty());
}

}  // namespace
