// The address a Go program sees when it prints a pointer, slice, map, channel or function
// (`%p`, `%v` of a pointer, `println(p)`): Go's heap starts at 0xc000000000, so its output
// reads `0xc000012345`; the host's addresses (0x55..., 0x7f...) would look foreign in
// teaching output and in diffs against Go.
//
// Invariants: the mapping is one-to-one and fixed for the life of the process, so an
// object's printed address is stable and two live objects never print alike; nil stays 0.
// Each 4 GiB region of the host address space gets, on first use, the next region number
// (a lock-free table, claimed by compare-and-swap and never cleared); an address prints as
// 0xc0<<32 + region<<32 + its low 32 bits. Past kRegions regions (a terabyte of distinct
// regions, never seen in practice) an address is printed as the host's, and only then
// could two printed addresses coincide.
#pragma once

#include <cstdint>

namespace gol::values {

uint64_t goAddress(const void* p) noexcept;

}  // namespace gol::values
