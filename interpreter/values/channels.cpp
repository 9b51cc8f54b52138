#include "interpreter/values/channels.h"

namespace gol::values {

namespace {

// Elements are single Values. Moving leaves the source zero, so destroying a moved-from
// element is a no-op; destroying a counted element releases it.
void moveValue(void* dst, void* src) noexcept {
  auto* s = static_cast<Value*>(src);
  *static_cast<Value*>(dst) = *s;
  s->p = nullptr;
}
void destroyScalar(void*) noexcept {}
void destroyCounted(void* p) noexcept {
  releaseRef(*static_cast<Value*>(p));
}

// move_assign is only used on destinations that hold nothing (receives into fresh
// storage), so it is a plain move.
constexpr rt::ElemOps kScalarOps{sizeof(Value), alignof(Value), moveValue, moveValue,
                                 destroyScalar};
constexpr rt::ElemOps kCountedOps{sizeof(Value), alignof(Value), moveValue, moveValue,
                                  destroyCounted};

}  // namespace

ChanObject::ChanObject(const check::Type* elem, size_t capacity)
    : HeapObject(Kind::Chan, sizeof(ChanObject)),
      chan(isCounted(elem) ? &kCountedOps : &kScalarOps, capacity),
      elemType(elem),
      storage(storageOf(elem)) {
  if (storage != Storage::Scalar) track();
}

ChanObject* makeChan(const check::Type* elemType, int64_t capacity) {
  return new ChanObject(elemType, static_cast<size_t>(capacity));
}

void destroyChan(HeapObject* object) {
  noteFree(sizeof(ChanObject));
  delete static_cast<ChanObject*>(object);
}

}  // namespace gol::values
