#include "interpreter/eval/echo.h"

#include "stdlib/format.h"
#include "stdlib/packages.h"

namespace gol::eval {

namespace {

bool isStringType(const check::Type* t) {
  auto b = dynamic_cast<const check::Basic*>(check::under(t));
  return b && b->basic == check::BasicKind::String;
}

struct EchoNode : StmtNode {
  ExprPtr x;
  std::vector<const check::Type*> types;

  Exec exec(Value* fp) override {
    std::vector<Value> values(types.size());
    if (types.size() == 1) {
      values[0] = x->eval(fp);
    } else {
      x->evalMulti(fp, values.data());
    }
    // Released however the formatting ends (a String method may panic).
    struct Release {
      const std::vector<const check::Type*>& types;
      std::vector<Value>& values;
      ~Release() {
        for (size_t i = 0; i < values.size(); ++i) {
          if (isCounted(types[i])) releaseRef(values[i]);
        }
      }
    } release{types, values};
    stdlib::fmt::Printer printer;
    printer.quoteNestedStrings = true;
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) printer.buffer() += ' ';
      AnyValue v{types[i], values[i]};
      printer.doPrintf(isStringType(types[i]) ? "%q" : "%v", std::span(&v, 1));
    }
    printer.buffer() += '\n';
    stdlib::writeStdout(printer.buffer());
    return Exec::Normal;
  }
};

}  // namespace

StmtPtr makeEcho(ExprPtr x, std::vector<const check::Type*> types, syntax::Pos pos) {
  auto n = std::make_unique<EchoNode>();
  n->pos = pos;
  n->x = std::move(x);
  n->types = std::move(types);
  return n;
}

}  // namespace gol::eval
