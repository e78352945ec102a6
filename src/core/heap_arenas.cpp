#include <algorithm>
#include <climits>
#include <cstdlib>  // defines __GLIBC__ on glibc

#include <iothub_diag/core/glibc_tunables.hpp>
#include <iothub_diag/core/heap_arenas.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace iothub_diag {

void limit_heap_arenas(unsigned arenas) noexcept {
#if defined(__GLIBC__)
  if (glibc_tunable_set("glibc.malloc.arena_max")) return;
  ::mallopt(M_ARENA_MAX, static_cast<int>(std::clamp(arenas, 2u, static_cast<unsigned>(INT_MAX))));
#else
  (void)arenas;
#endif
}

}  // namespace iothub_diag
