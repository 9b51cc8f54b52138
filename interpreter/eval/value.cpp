#include "interpreter/eval/value.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace gol::eval {

StringObject* StringObject::make(std::string_view bytes) {
  void* mem = std::malloc(sizeof(StringObject) + bytes.size());
  if (!mem) throw std::bad_alloc();
  auto* s = new (mem) StringObject();
  s->size_ = bytes.size();
  std::memcpy(s->data_, bytes.data(), bytes.size());
  return s;
}

void StringObject::destroy() {
  this->~StringObject();
  std::free(this);
}

}  // namespace gol::eval
