#include <algorithm>
#include <climits>
#include <cstdlib>  // defines __GLIBC__ on glibc
#include <string_view>

#include <iothub_diag/core/heap_arenas.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace iothub_diag {

void limit_heap_arenas(unsigned arenas) noexcept {
#if defined(__GLIBC__)
  // An arena count the user set is theirs.
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr &&
      std::string_view(tunables).find("glibc.malloc.arena_max") != std::string_view::npos)
    return;
  ::mallopt(M_ARENA_MAX, static_cast<int>(std::clamp(arenas, 2u, static_cast<unsigned>(INT_MAX))));
#else
  (void)arenas;
#endif
}

}  // namespace iothub_diag
