#include "interpreter/syntax/large_stack.h"

#include "runtime/goroutine.h"

namespace gol::syntax {

namespace {

constexpr size_t kLargeStackBytes = size_t{512} << 20;

}  // namespace

void runOnLargeStack(const std::function<void()>& fn) {
  rt::Stack stack = rt::new_stack_segment(kLargeStackBytes);
  // The touched pages go back to the OS however fn ends.
  struct Release {
    rt::Stack stack;
    ~Release() { rt::free_stack_segment(stack); }
  } release{stack};
  rt::call_on_thread_stack(
      stack, [](void* f) { (*static_cast<const std::function<void()>*>(f))(); },
      const_cast<std::function<void()>*>(&fn));
}

}  // namespace gol::syntax
