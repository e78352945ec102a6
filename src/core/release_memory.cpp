#include <cstdlib>  // defines __GLIBC__ on glibc

#include <iothub_diag/core/release_memory.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace iothub_diag {

void release_free_memory() noexcept {
#if defined(__GLIBC__)
  ::malloc_trim(0);
#endif
}

}  // namespace iothub_diag
