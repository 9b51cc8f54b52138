// Calls: function and method calls, argument passing (variadic and multi-value
// spreading), and the results a call yields.
#include "interpreter/check/checker_impl.h"

namespace gol::check {

Operand Checker::call(const CallExpr* c) {
  Operand r = invalidOperand(c);
  // A generic function, maybe with some type arguments: `Max(a, b)`, `Map[int](xs, f)`.
  const Expr* fun = unparen(c->fun);
  auto inst = as<IndexExpr>(fun);
  if (Object* generic = genericObject(inst ? inst->x : fun); generic && generic->isGenericFunc()) {
    std::vector<const Type*> explicitArgs;
    std::vector<Pos> explicitAt;
    if (inst && !typeArgs(inst, &explicitArgs, &explicitAt)) return r;
    std::vector<Operand> args;
    if (!callOperands(c, args)) return r;
    Operand f = genericCall(c->fun, c, generic, explicitArgs, explicitAt, args);
    if (f.invalid()) return r;
    return callArgs(c, static_cast<const Signature*>(f.type), args);
  }
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
  if (!callOperands(c, args)) return r;
  return callArgs(c, sig, args);
}

// A call's arguments, checked; f(g()) gives one operand per result of g.
bool Checker::callOperands(const CallExpr* c, std::vector<Operand>& args) {
  for (const Expr* a : c->args) args.push_back(expr(a));
  for (const Operand& a : args) {
    if (a.invalid()) return false;
  }
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
  return true;
}

// The arguments passed to the parameters of sig, and the call's results.
Operand Checker::callArgs(const CallExpr* c, const Signature* sig, std::vector<Operand>& args) {
  Operand r = invalidOperand(c);
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
