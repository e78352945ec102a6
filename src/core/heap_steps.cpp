#include <climits>
#include <cstdlib>  // defines __GLIBC__ on glibc

#include <iothub_diag/core/heap_steps.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace iothub_diag {
namespace {

#if defined(__GLIBC__)
constexpr int kGlibcDefaultTopPad = 128 * 1024;
#endif

}  // namespace

WideHeapSteps::WideHeapSteps(std::size_t step_bytes) noexcept {
#if defined(__GLIBC__)
  const std::size_t capped = step_bytes > INT_MAX ? std::size_t{INT_MAX} : step_bytes;
  ::mallopt(M_TOP_PAD, static_cast<int>(capped));
#else
  (void)step_bytes;
#endif
}

WideHeapSteps::~WideHeapSteps() {
#if defined(__GLIBC__)
  ::mallopt(M_TOP_PAD, kGlibcDefaultTopPad);
#endif
}

}  // namespace iothub_diag
