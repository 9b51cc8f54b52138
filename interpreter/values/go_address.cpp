#include "interpreter/values/go_address.h"

#include <atomic>
#include <cstddef>

namespace gol::values {

namespace {

constexpr size_t kRegions = 256;
constexpr uint64_t kGoHeapBase = uint64_t{0xc0} << 32;

// regionKeys[i] holds (host address >> 32) + 1 of region i, or 0 while unclaimed. Claims
// happen in index order, so a scan can stop at the first unclaimed slot.
std::atomic<uint64_t> regionKeys[kRegions];

}  // namespace

uint64_t goAddress(const void* p) noexcept {
  auto host = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p));
  if (host == 0) return 0;
  uint64_t key = (host >> 32) + 1;
  for (size_t i = 0; i < kRegions; i++) {
    uint64_t seen = regionKeys[i].load(std::memory_order_acquire);
    if (seen == 0) {
      uint64_t expected = 0;
      if (regionKeys[i].compare_exchange_strong(expected, key, std::memory_order_acq_rel)) {
        seen = key;
      } else {
        seen = expected;  // another thread claimed slot i first
      }
    }
    if (seen == key) return kGoHeapBase + (uint64_t{i} << 32) + (host & 0xffffffffu);
  }
  return host;
}

}  // namespace gol::values
