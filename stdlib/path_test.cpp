// Unit tests of path.h's lexical algorithms, against results of Go 1.19's path and
// path/filepath (the golden programs tests/programs/path/ cover the bindings).
#include "stdlib/path.h"

#include <gtest/gtest.h>

namespace gol::stdlib::path {
namespace {

TEST(Path, Clean) {
  EXPECT_EQ(clean(""), ".");
  EXPECT_EQ(clean("a/c//.."), "a");
  EXPECT_EQ(clean("/../a/./b//c/"), "/a/b/c");
  EXPECT_EQ(clean("../../x/../y"), "../../y");
  EXPECT_EQ(clean("a/../.."), "..");
  EXPECT_EQ(clean("//"), "/");
}

TEST(Path, SplitBaseDirExt) {
  SplitResult s = split("a/b/c.go");
  EXPECT_EQ(s.dir, "a/b/");
  EXPECT_EQ(s.file, "c.go");
  EXPECT_EQ(base("/a/b/"), "b");
  EXPECT_EQ(base("///"), "/");
  EXPECT_EQ(dir("a"), ".");
  EXPECT_EQ(dir("/a/b/"), "/a/b");
  EXPECT_EQ(ext("x.tar.gz"), ".gz");
  EXPECT_EQ(ext("a.d/b"), "");
  EXPECT_EQ(join({"", "a", "", "b/"}), "a/b");
  EXPECT_EQ(join({"", ""}), "");
}

TEST(Path, Match) {
  EXPECT_TRUE(match("a*/b", "abc/b").matched);
  EXPECT_FALSE(match("a*/b", "a/c/b").matched);
  EXPECT_TRUE(match("a*b?c*x", "abxbbxdbxebxczzx").matched);
  EXPECT_TRUE(match("[a-ζ]*", "α").matched);
  EXPECT_TRUE(match("[\\-x]", "-").matched);
  EXPECT_TRUE(match("a[", "x").badPattern);
  EXPECT_TRUE(match("x*[", "xyz").badPattern);
  EXPECT_TRUE(match("[]", "a").badPattern);
  EXPECT_FALSE(match("*x", "xxx").badPattern);
}

TEST(Path, Rel) {
  EXPECT_EQ(rel("a/b", "a/b/c/d").path, "c/d");
  EXPECT_EQ(rel("/a/b/c", "/a/c/d").path, "../../c/d");
  EXPECT_EQ(rel("a", "../b").path, "../../b");
  EXPECT_EQ(rel("..", "a").error, "Rel: can't make a relative to ..");
  EXPECT_EQ(rel("/", "a/b").error, "Rel: can't make a/b relative to /");
  EXPECT_EQ(rel("a/b", "a/b/.").path, ".");
}

TEST(Path, SplitList) {
  EXPECT_TRUE(splitList("").empty());
  std::vector<std::string_view> want{"/bin", "", "/x"};
  EXPECT_EQ(splitList("/bin::/x"), want);
}

}  // namespace
}  // namespace gol::stdlib::path
