// The system's time zone database for time.LoadLocation: TZif files (RFC 8536) read from
// $ZONEINFO or /usr/share/zoneinfo, and Go's lookup of the zone in effect at an instant,
// with the file's POSIX TZ footer for instants after its last transition (Go's tzset).
//
// Invariants: a loaded table is immutable and never freed; tables are cached by name under a
// process-wide mutex, so a Location may hold a plain pointer to one and read it from any
// thread without a lock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gol::stdlib::zoneinfo {

struct ZoneType {
  int offset = 0;  // seconds east of UTC
  bool dst = false;
  std::string abbr;
};

struct Table {
  std::vector<int64_t> when;   // transition instants (Unix seconds), ascending
  std::vector<uint8_t> index;  // the zone type in effect from when[k]
  std::vector<ZoneType> types;
  std::string extend;  // the POSIX TZ footer, or empty
};

// The table of zone `name` ("Europe/Berlin"); null with *error set to Go's text when the
// name is invalid or not found.
const Table* load(std::string_view name, std::string* error);

struct Zone {
  std::string abbr;
  int offset = 0;
};
// The zone in effect at unixSeconds, as Go's Location.lookup finds it.
Zone lookup(const Table& table, int64_t unixSeconds);

}  // namespace gol::stdlib::zoneinfo
