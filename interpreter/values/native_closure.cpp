// Native closures (see native_closure.h).
#include "interpreter/values/native_closure.h"

// The one include of eval/ from the value layer: a native closure's code is an ordinary
// FuncCode, whose layout eval/nodes.h defines.
#include "interpreter/eval/nodes.h"

namespace gol::values {

using eval::Exec;
using eval::StmtNode;

namespace {

// The whole body of a native closure's FuncCode.
struct NativeBodyNode : StmtNode {
  NativeClosureBody body;
  int closureSlot;
  int resultBase;
  Exec exec(Value* fp) override {
    auto* closure = static_cast<ClosureObject*>(fp[closureSlot].p);
    body(closure->boxes[0]->value, fp, fp + resultBase);
    return Exec::Return;
  }
};

}  // namespace

const FuncCode* nativeFuncCode(std::string name, const check::Signature* sig,
                               NativeClosureBody body) {
  auto* code = new FuncCode;
  code->name = std::move(name);
  int params = static_cast<int>(sig->params.size());
  int results = static_cast<int>(sig->results.size());
  code->paramCount = params;
  code->hasParams = params > 0;
  for (int i = 0; i < params; ++i) {
    const check::Type* t = sig->params[static_cast<size_t>(i)];
    if (isCounted(t)) code->countedSlots.push_back(i);
    if (isAggregate(t)) code->aggregateParams.push_back(i);
  }
  for (int i = 0; i < results; ++i) code->resultSlots.push_back(params + i);
  code->closureSlot = params + results;  // borrowed from the caller (FuncCode::closureSlot)
  code->frameSize = code->closureSlot + 1;
  auto node = std::make_unique<NativeBodyNode>();
  node->body = body;
  node->closureSlot = code->closureSlot;
  node->resultBase = params;
  code->body.push_back(std::move(node));
  return code;
}

Value makeNativeClosure(const FuncCode* code, Value bound, bool counted) {
  auto* box = new BoxObject(counted);
  box->value = bound;
  ClosureObject* c = ClosureObject::make(code, 1);
  c->boxes[0] = box;
  return Value{.p = c};
}

}  // namespace gol::values
