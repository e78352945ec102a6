#include <climits>
#include <cstdlib>  // defines __GLIBC__ on glibc

#include <iothub_diag/core/glibc_tunables.hpp>
#include <iothub_diag/core/heap_steps.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace iothub_diag {
namespace {

#if defined(__GLIBC__)
constexpr int kGlibcDefaultTopPad = 128 * 1024;
// The highest mmap threshold glibc's own dynamic threshold rises to on 64-bit
// (DEFAULT_MMAP_THRESHOLD_MAX): a block of this size or more is mapped on its own.
constexpr int kGlibcMaxDynamicMmapThreshold = 32 * 1024 * 1024;
// How much free memory a heap keeps at its top before it hands the rest back.
// Freezing the mmap threshold froze this one at glibc's 128 KiB too, and the
// analysis, which frees and takes tables of a few MiB stage after stage, had
// each one's pages handed back and faulted in again. 16 MiB keeps them; glibc's
// dynamic value (twice the mmap threshold, 64 MiB) raised the 96-hour peak
// (docs/ARCHITECTURE.md, "Why not X").
constexpr int kAnalysisTrimThreshold = 16 * 1024 * 1024;
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
  // Setting M_TOP_PAD froze the mmap threshold at 128 KiB, where every table
  // of the analysis above it would be mapped, faulted in and unmapped at each
  // stage. It is set where glibc's dynamic threshold ends up instead, so those
  // tables come from the heaps and reuse their freed pages.
  ::mallopt(M_MMAP_THRESHOLD, kGlibcMaxDynamicMmapThreshold);
  if (!glibc_tunable_set("glibc.malloc.trim_threshold"))
    ::mallopt(M_TRIM_THRESHOLD, kAnalysisTrimThreshold);
#endif
}

}  // namespace iothub_diag
