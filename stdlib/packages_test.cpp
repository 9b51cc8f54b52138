#include "stdlib/packages.h"

#include <gtest/gtest.h>

#include <cmath>

#include "interpreter/values/panic.h"
#include "stdlib/test_values.h"
#include "stdlib/time.h"

namespace gol::stdlib {
namespace {

using namespace gol::stdlib::testing;

class PackagesTest : public ::testing::Test {
 protected:
  // Calls pkg.name with args; returns its first result.
  values::Value call(const std::string& path, const std::string& name,
                     std::vector<values::AnyValue> args, values::Value* more = nullptr) {
    EXPECT_NE(packages.import(path), nullptr) << path;  // registers it
    values::NativeFunction fn = packages.find(path, name);
    EXPECT_NE(fn, nullptr) << path << "." << name;
    values::Value results[4]{};
    if (fn) fn(args, results);
    if (more) {
      more[0] = results[1];
      more[1] = results[2];
    }
    return results[0];
  }
  std::string callString(const std::string& path, const std::string& name,
                         std::vector<values::AnyValue> args) {
    values::Value v = call(path, name, std::move(args));
    std::string s(values::stringView(v));
    values::releaseString(v);
    return s;
  }
  const check::Object& member(const std::string& path, const std::string& name) {
    const check::Package* pkg = packages.import(path);
    EXPECT_NE(pkg, nullptr) << path;
    static const check::Object none{check::Object::Kind::Nil, ""};
    if (!pkg) return none;
    auto it = pkg->members.find(name);
    EXPECT_NE(it, pkg->members.end()) << path << "." << name;
    return it == pkg->members.end() ? none : it->second;
  }
  Packages packages;
};

TEST_F(PackagesTest, ImportByPathAndName) {
  EXPECT_NE(packages.import("fmt"), nullptr);
  EXPECT_NE(packages.import("unicode/utf8"), nullptr);
  EXPECT_EQ(packages.import("utf8"), nullptr);
  ASSERT_NE(packages.importByName("utf8"), nullptr);
  EXPECT_EQ(packages.importByName("utf8")->path, "unicode/utf8");
  EXPECT_EQ(packages.import("nope"), nullptr);
  for (auto path : {"fmt", "strconv", "strings", "math", "unicode", "unicode/utf8"}) {
    const check::Package* pkg = packages.import(path);
    ASSERT_NE(pkg, nullptr) << path;
    for (auto& [name, obj] : pkg->members) {
      EXPECT_EQ(obj.package, pkg) << name;
      if (obj.kind == check::Object::Kind::Func) {
        EXPECT_NE(packages.find(path, name), nullptr) << path << "." << name;
        EXPECT_EQ(obj.type->kind, check::TypeKind::Signature);
      } else if (obj.kind == check::Object::Kind::Var) {
        EXPECT_NE(obj.nativeCell, nullptr) << name;  // ErrSyntax, ErrRange
      } else if (obj.kind == check::Object::Kind::TypeName) {
        EXPECT_NE(obj.type, nullptr) << name;  // NumError
      } else {
        EXPECT_EQ(obj.kind, check::Object::Kind::Const) << name;
      }
    }
  }
}

// Packages are registered on first import, each with what its values need.
TEST(LazyPackages, ContextRegistersTime) {
  Packages packages;
  EXPECT_EQ(packages.find("fmt", "Println"), nullptr);  // not imported yet
  ASSERT_NE(packages.importByName("context"), nullptr);
  EXPECT_NE(gotime::timeType()->find("Sub"), nullptr);  // ctx.Deadline() is a time.Time
}

TEST(LazyPackages, EachImportsAlone) {
  for (auto path : {"context", "errors", "fmt", "io", "math", "math/rand", "net/http", "net/url",
                    "os", "runtime", "sort", "strconv", "strings", "sync", "sync/atomic", "syscall",
                    "time", "unicode", "unicode/utf8"}) {
    Packages packages;
    const check::Package* pkg = packages.import(path);
    ASSERT_NE(pkg, nullptr) << path;
    EXPECT_EQ(pkg->path, path);
    EXPECT_FALSE(pkg->members.empty()) << path;
    for (auto& [name, obj] : pkg->members) EXPECT_EQ(obj.package, pkg) << path << "." << name;
  }
  Packages packages;
  EXPECT_NE(packages.importByName("http"), nullptr);
  EXPECT_NE(packages.import("io")->members.count("Writer"), 0u);
  EXPECT_NE(packages.import("io")->members.count("EOF"), 0u);
}

TEST_F(PackagesTest, FmtSignatures) {
  auto sig = static_cast<const check::Signature*>(member("fmt", "Sprintf").type);
  ASSERT_EQ(sig->params.size(), 2u);
  EXPECT_TRUE(sig->variadic);
  EXPECT_EQ(sig->params[1], check::anyType());
  ASSERT_EQ(sig->results.size(), 1u);
  EXPECT_EQ(check::typeString(sig->results[0]), "string");
}

TEST_F(PackagesTest, FmtNatives) {
  EXPECT_EQ(callString("fmt", "Sprintf", {S("%d-%s|%5.2f"), I(3), S("x"), F64(3.14159)}),
            "3-x| 3.14");
  EXPECT_EQ(callString("fmt", "Sprint", {S("a"), I(1), I(2), S("b")}), "a1 2b");
  EXPECT_EQ(callString("fmt", "Sprintln", {S("a"), I(1)}), "a 1\n");
  EXPECT_EQ(callString("fmt", "Sprint", {}), "");
}

TEST_F(PackagesTest, StringsNatives) {
  EXPECT_EQ(callString("strings", "Repeat", {S("ab"), I(2)}), "abab");
  EXPECT_EQ(callString("strings", "ToUpper", {S("héllo")}), "HÉLLO");
  EXPECT_EQ(call("strings", "Index", {S("chicken"), S("ken")}).i, 4);
  EXPECT_EQ(call("strings", "Contains", {S("seafood"), S("foo")}).i, 1);
  EXPECT_EQ(call("strings", "IndexByte", {S("golang"), U8('l')}).i, 2);
  values::Value more[2];
  values::Value before = call("strings", "Cut", {S("k=v"), S("=")}, more);
  EXPECT_EQ(values::stringView(before), "k");
  EXPECT_EQ(values::stringView(more[0]), "v");
  EXPECT_EQ(more[1].i, 1);
  values::releaseString(before);
  values::releaseString(more[0]);
  try {
    call("strings", "Repeat", {S("x"), I(-1)});
    FAIL() << "no panic";
  } catch (const values::GoPanic& p) {
    EXPECT_EQ(p.message, "strings: negative Repeat count");
    EXPECT_EQ(values::stringView(p.value.value), "strings: negative Repeat count");
  }
}

TEST_F(PackagesTest, StrconvNatives) {
  EXPECT_EQ(callString("strconv", "Itoa", {I(-45)}), "-45");
  EXPECT_EQ(callString("strconv", "FormatInt", {I64(255), I(16)}), "ff");
  EXPECT_EQ(callString("strconv", "FormatFloat", {F64(1.5), U8('e'), I(-1), I(64)}), "1.5e+00");
  EXPECT_EQ(callString("strconv", "Quote", {S("hi\n")}), "\"hi\\n\"");
  EXPECT_EQ(callString("strconv", "QuoteRune", {R(0x263A)}), "'☺'");
  EXPECT_EQ(callString("strconv", "FormatBool", {B(true)}), "true");
}

TEST_F(PackagesTest, MathNativesAndConstants) {
  EXPECT_EQ(call("math", "Sqrt", {F64(2)}).f, std::sqrt(2.0));
  EXPECT_EQ(call("math", "Max", {F64(1), F64(2)}).f, 2.0);
  EXPECT_EQ(call("math", "IsNaN", {F64(NAN)}).i, 1);
  EXPECT_EQ(call("math", "Inf", {I(-1)}).f, -INFINITY);
  EXPECT_EQ(call("math", "Float64bits", {F64(1)}).u, 0x3FF0000000000000u);
  EXPECT_EQ(member("math", "Pi").value.toFloat64(), M_PI);
  EXPECT_EQ(member("math", "E").value.toFloat64(), M_E);
  EXPECT_EQ(member("math", "Sqrt2").value.toFloat64(), M_SQRT2);
  EXPECT_EQ(member("math", "Ln2").value.toFloat64(), M_LN2);
  EXPECT_EQ(member("math", "Log2E").value.toFloat64(), M_LOG2E);
  EXPECT_EQ(member("math", "MaxFloat64").value.toFloat64(), 1.7976931348623157e308);
  EXPECT_EQ(member("math", "SmallestNonzeroFloat64").value.toFloat64(), 5e-324);
  EXPECT_EQ(member("math", "MaxFloat32").value.toFloat64(), 3.4028234663852886e38);
  EXPECT_EQ(member("math", "MaxInt64").value.int64Value(), INT64_MAX);
  EXPECT_EQ(member("math", "MinInt64").value.int64Value(), INT64_MIN);
  EXPECT_EQ(member("math", "MaxInt").value.int64Value(), INT64_MAX);
  EXPECT_EQ(member("math", "MaxUint32").value.int64Value(), 4294967295);
  EXPECT_TRUE(member("math", "MaxUint64").value.fitsUint64());
  EXPECT_FALSE(member("math", "MaxUint64").value.fitsInt64());
  EXPECT_EQ(member("math", "MaxUint64").value.uint64Value(), UINT64_MAX);
  EXPECT_EQ(member("math", "MinInt8").value.int64Value(), -128);
  EXPECT_EQ(check::typeString(member("math", "Pi").type), "untyped float");
  EXPECT_EQ(check::typeString(member("math", "MaxInt8").type), "untyped int");
}

TEST_F(PackagesTest, UnicodeAndUtf8) {
  EXPECT_EQ(call("unicode", "IsUpper", {R('A')}).i, 1);
  EXPECT_EQ(call("unicode", "ToLower", {R(0x0130)}).i, 'i');
  EXPECT_EQ(call("unicode/utf8", "RuneLen", {R(0x4E16)}).i, 3);
  EXPECT_EQ(call("unicode/utf8", "RuneCountInString", {S("héllo")}).i, 5);
  EXPECT_EQ(call("unicode/utf8", "ValidString", {S("\xff")}).i, 0);
  values::Value more[2];
  EXPECT_EQ(call("unicode/utf8", "DecodeRuneInString", {S("é!")}, more).i, 0xE9);
  EXPECT_EQ(more[0].i, 2);
  EXPECT_EQ(member("unicode/utf8", "RuneError").value.int64Value(), 0xFFFD);
  EXPECT_EQ(check::typeString(member("unicode/utf8", "RuneError").type), "untyped rune");
  EXPECT_EQ(member("unicode/utf8", "UTFMax").value.int64Value(), 4);
}

}  // namespace
}  // namespace gol::stdlib
