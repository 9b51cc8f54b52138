// Calls: function and method calls, argument passing (variadic and multi-value
// spreading), and the results a call yields.
#include "interpreter/check/checker_impl.h"

namespace gol::check {

Operand Checker::call(const CallExpr* c) {
  Operand r = invalidOperand(c);
  bool savedAllowTypes = allowTypes_;
  allowTypes_ = true;
  Operand f = expr(c->fun, true);
  allowTypes_ = savedAllowTypes;
  if (f.invalid()) {
    for (const Expr* a : c->args) expr(a);
    return r;
  }
  if (f.mode == Mode::TypeExpr) return conversion(c, f.type);
  if (f.mode == Mode::Builtin) return builtinCall(c, f.builtin->builtin);
  auto sig = asSignature(f.type);
  if (!sig) {
    error(c->pos, "invalid operation: cannot call non-function " + describe(f));
    return r;
  }
  std::vector<Operand> args;
  for (const Expr* a : c->args) args.push_back(expr(a));
  for (const Operand& a : args) {
    if (a.invalid()) return r;
  }
  // f(g()): g's results are f's arguments.
  if (args.size() == 1 && !c->hasEllipsis) {
    if (auto tuple = dynamic_cast<const Tuple*>(args[0].type)) {
      Operand first = args[0];
      args.clear();
      for (const Type* t : tuple->types) {
        Operand x = first;
        x.type = t;
        x.mode = Mode::Value;
        args.push_back(x);
      }
    }
  }
  std::string funName = exprString(c->fun);
  if (c->hasEllipsis) {
    if (!sig->variadic) {
      error(c->args.empty() ? c->pos : c->args.back()->pos,
            "have (...) but function is not variadic: " + funName);
      return r;
    }
    if (args.size() != sig->params.size()) {
      error(c->pos, std::string(args.size() < sig->params.size() ? "not enough" : "too many") +
                        " arguments in call to " + funName);
      return r;
    }
    std::string context = "argument to " + funName;
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      assignment(args[i], sig->params[i], context.c_str());
    }
    assignment(args.back(), sliceOf(sig->params.back()), context.c_str());
    return callResult(c, sig);
  }
  size_t fixed = sig->variadic ? sig->params.size() - 1 : sig->params.size();
  if (args.size() < fixed || (!sig->variadic && args.size() > fixed)) {
    bool tooMany = args.size() > fixed;
    Pos at = tooMany ? c->args[fixed]->pos : (args.empty() ? c->pos : c->args.back()->pos);
    std::string have = "(";
    for (size_t i = 0; i < args.size(); ++i) {
      if (i) have += ", ";
      have += argTypeText(args[i]);
    }
    have += ")";
    error(at, std::string(tooMany ? "too many" : "not enough") + " arguments in call to " +
                  funName + "\n\thave " + have + "\n\twant " + tupleText(sig->params));
    return r;
  }
  std::string context = "argument to " + funName;
  for (size_t i = 0; i < args.size(); ++i) {
    const Type* param = sig->variadic && i >= fixed ? sig->params.back() : sig->params[i];
    assignment(args[i], param, context.c_str());
  }
  return callResult(c, sig);
}

Operand Checker::callResult(const CallExpr* c, const Signature* sig) {
  Operand r = invalidOperand(c);
  if (sig->results.empty()) {
    r.mode = Mode::NoValue;
    return r;
  }
  r.mode = Mode::Value;
  if (sig->results.size() == 1) {
    r.type = sig->results[0];
  } else {
    Tuple* t = newType<Tuple>();
    t->types = sig->results;
    r.type = t;
  }
  return r;
}

}  // namespace gol::check
