#pragma once

#include <cstdlib>
#include <string_view>

namespace iothub_diag {

// Whether the user's GLIBC_TUNABLES names the tunable `name`
// (`glibc.malloc.arena_max`, ...): then the setting is theirs, and the heap's
// own choice of it is not made.
inline bool glibc_tunable_set(std::string_view name) noexcept {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return tunables != nullptr && std::string_view(tunables).find(name) != std::string_view::npos;
}

}  // namespace iothub_diag
