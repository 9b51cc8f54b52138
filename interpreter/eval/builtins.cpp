#include "interpreter/eval/builtins.h"

#include <cmath>
#include <cstdio>

#include "interpreter/eval/defer.h"
#include "interpreter/eval/ops.h"
#include "interpreter/values/complex.h"
#include "interpreter/values/equality.h"
#include "interpreter/values/go_address.h"
#include "stdlib/packages.h"

namespace gol::eval {

namespace {

// Go's runtime printfloat: seven significant digits, `+d.dddddde+ddd`.
void appendRuntimeFloat(std::string& out, double v) {
  if (v != v) {
    out += "NaN";
    return;
  }
  if (v + v == v && v > 0) {
    out += "+Inf";
    return;
  }
  if (v + v == v && v < 0) {
    out += "-Inf";
    return;
  }
  constexpr int n = 7;
  char buf[n + 7];
  buf[0] = '+';
  int e = 0;
  if (v == 0) {
    if (std::signbit(v)) buf[0] = '-';
  } else {
    if (v < 0) {
      v = -v;
      buf[0] = '-';
    }
    while (v >= 10) {
      e++;
      v /= 10;
    }
    while (v < 1) {
      e--;
      v *= 10;
    }
    double h = 5.0;
    for (int i = 0; i < n; i++) h /= 10;
    v += h;
    if (v >= 10) {
      e++;
      v /= 10;
    }
  }
  for (int i = 0; i < n; i++) {
    int s = static_cast<int>(v);
    buf[i + 2] = static_cast<char>(s + '0');
    v -= s;
    v *= 10;
  }
  buf[1] = buf[2];
  buf[2] = '.';
  buf[n + 2] = 'e';
  buf[n + 3] = '+';
  if (e < 0) {
    e = -e;
    buf[n + 3] = '-';
  }
  buf[n + 4] = static_cast<char>(e / 100 + '0');
  buf[n + 5] = static_cast<char>(e / 10 % 10 + '0');
  buf[n + 6] = static_cast<char>(e % 10 + '0');
  out.append(buf, sizeof buf);
}

struct PrintNode : ExprNode {
  bool newline = false;
  std::vector<ExprPtr> args;
  std::vector<const check::Type*> types;
  Value eval(Value* fp) override {
    std::string out;
    for (size_t i = 0; i < args.size(); ++i) {
      if (newline && i > 0) out += ' ';
      Value v = args[i]->eval(fp);
      appendRuntimeValue(out, types[i], v);
      if (isCounted(types[i])) releaseString(v);
    }
    if (newline) out += '\n';
    stdlib::writeStderr(out);
    return Value{};
  }
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    for (ExprPtr& a : args) out.push_back(&a);
    return true;
  }
};

struct PanicNode : ExprNode {
  ExprPtr arg;
  const check::Type* type = nullptr;
  Value eval(Value* fp) override {
    GoPanic p;
    p.value.type = type;
    p.value.value = arg->eval(fp);
    p.message = panicMessage(p.value);
    capturePanic(p, pos);
    throw p;
  }
  bool collectOperands(std::vector<ExprPtr*>& out) override {
    out.push_back(&arg);
    return true;
  }
};

// min and max. For floats, a NaN operand wins, and min(-0, 0) is -0 as in Go.
template <typename T, bool IsMin>
struct MinMaxNode : ExprNode {
  std::vector<ExprPtr> args;
  Value eval(Value* fp) override {
    T acc = get<T>(args[0]->eval(fp));
    for (size_t i = 1; i < args.size(); ++i) {
      T v = get<T>(args[i]->eval(fp));
      if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(acc) || std::isnan(v)) {
          acc = std::numeric_limits<T>::quiet_NaN();
          continue;
        }
        if (v == acc) {
          if (IsMin ? std::signbit(v) : !std::signbit(v)) acc = v;
          continue;
        }
      }
      if (IsMin ? v < acc : v > acc) acc = v;
    }
    return make(acc);
  }
};

template <bool IsMin>
struct StringMinMaxNode : ExprNode {
  std::vector<ExprPtr> args;
  Value eval(Value* fp) override {
    Value acc = args[0]->eval(fp);
    for (size_t i = 1; i < args.size(); ++i) {
      Value v = args[i]->eval(fp);
      bool better = IsMin ? stringView(v) < stringView(acc) : stringView(v) > stringView(acc);
      if (better) std::swap(acc, v);
      releaseString(v);
    }
    return acc;
  }
};

template <bool IsMin>
ExprPtr minMaxFor(const check::Basic* b, std::vector<ExprPtr> args) {
  if (b->isString()) {
    auto n = std::make_unique<StringMinMaxNode<IsMin>>();
    n->args = std::move(args);
    return n;
  }
  auto build = [&]<typename T>() -> ExprPtr {
    auto n = std::make_unique<MinMaxNode<T, IsMin>>();
    n->args = std::move(args);
    return n;
  };
  switch (b->basic) {
    case check::BasicKind::Int8: return build.template operator()<int8_t>();
    case check::BasicKind::Int16: return build.template operator()<int16_t>();
    case check::BasicKind::Int32: return build.template operator()<int32_t>();
    case check::BasicKind::Uint8: return build.template operator()<uint8_t>();
    case check::BasicKind::Uint16: return build.template operator()<uint16_t>();
    case check::BasicKind::Uint32: return build.template operator()<uint32_t>();
    case check::BasicKind::Uint:
    case check::BasicKind::Uint64:
    case check::BasicKind::Uintptr: return build.template operator()<uint64_t>();
    case check::BasicKind::Float32: return build.template operator()<float>();
    case check::BasicKind::Float64: return build.template operator()<double>();
    default: return build.template operator()<int64_t>();
  }
}

}  // namespace

// runtime.printhex, of the address the program sees.
void appendRuntimeAddress(std::string& out, const void* p) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(values::goAddress(p)));
  out += buf;
}

void appendRuntimeValue(std::string& out, const check::Type* type, Value v) {
  const check::Basic* b = check::asBasic(type);
  if (!b) {
    // Reference values print as the runtime prints them: their address, a slice as
    // [len/cap]address, an interface as (type,data).
    switch (check::under(type)->kind) {
      case check::TypeKind::Slice: {
        SliceObject* s = asSlice(v);
        out +=
            "[" + std::to_string(s ? s->len() : 0) + "/" + std::to_string(s ? s->cap() : 0) + "]";
        appendRuntimeAddress(out, s ? static_cast<const void*>(s->base()) : nullptr);
        return;
      }
      case check::TypeKind::Interface: {
        IfaceObject* i = asIface(v);
        out += "(";
        appendRuntimeAddress(out, i ? static_cast<const void*>(i->type) : nullptr);
        out += ",";
        appendRuntimeAddress(out, i ? i->value.p : nullptr);
        out += ")";
        return;
      }
      case check::TypeKind::Pointer: appendRuntimeAddress(out, values::pointerIdentity(v)); return;
      default: appendRuntimeAddress(out, v.p); return;
    }
  }
  if (b->isBoolean()) {
    out += v.i ? "true" : "false";
  } else if (b->isString()) {
    out += stringView(v);
  } else if (b->isFloat()) {
    appendRuntimeFloat(out, v.f);
  } else if (b->isComplex()) {
    // Go's runtime printcomplex: (re imi) with each part as printfloat writes it.
    Complex c = complexOf(b->basic == check::BasicKind::Complex64, v);
    out += "(";
    appendRuntimeFloat(out, c.re);
    appendRuntimeFloat(out, c.im);
    out += "i)";
  } else if (b->isUnsigned()) {
    out += std::to_string(v.u);
  } else {
    out += std::to_string(v.i);
  }
}

ExprPtr makePrintNode(bool newline, std::vector<ExprPtr> args,
                      std::vector<const check::Type*> types) {
  auto n = std::make_unique<PrintNode>();
  n->newline = newline;
  n->args = std::move(args);
  n->types = std::move(types);
  return n;
}

ExprPtr makePanicNode(ExprPtr arg, const check::Type* type, syntax::Pos pos) {
  auto n = std::make_unique<PanicNode>();
  n->arg = std::move(arg);
  n->type = type;
  n->pos = pos;
  return n;
}

ExprPtr makeMinMaxNode(bool isMin, const check::Type* type, std::vector<ExprPtr> args) {
  const check::Basic* b = check::asBasic(type);
  if (!b) return nullptr;
  return isMin ? minMaxFor<true>(b, std::move(args)) : minMaxFor<false>(b, std::move(args));
}

}  // namespace gol::eval
