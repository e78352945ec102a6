// After the read, a heap keeps what the analysis frees at its top, up to a bound.
#include <cstdlib>
#include <cstring>

#include <catch2/catch.hpp>

#include <iothub_diag/core/glibc_tunables.hpp>
#include <iothub_diag/core/heap_steps.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace iothub_diag {
namespace {

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kMiB = std::size_t{1} << 20;

// The bytes the main heap holds from the system (glibc's sbrk'd arena).
std::size_t main_heap_bytes() {
  return mallinfo2().arena;
}

// Takes `bytes` from the heap, writes them, and frees them: the heap's size
// while they were held and after.
struct HeldAndFreed {
  std::size_t held = 0;
  std::size_t after = 0;
};

HeldAndFreed hold_and_free(std::size_t bytes) {
  void* block = std::malloc(bytes);
  REQUIRE(block != nullptr);
  std::memset(block, 1, bytes);
  HeldAndFreed sizes;
  sizes.held = main_heap_bytes();
  std::free(block);
  sizes.after = main_heap_bytes();
  return sizes;
}
#endif

}  // namespace

TEST_CASE("after the read a heap keeps up to 16 MiB of freed memory at its top", "[core]") {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  if (glibc_tunable_set("glibc.malloc.trim_threshold") ||
      glibc_tunable_set("glibc.malloc.mmap_threshold")) {
    WARN("not checked: GLIBC_TUNABLES sets the heap's thresholds");
    return;
  }
  // As ingest_paths does: wide steps while the pieces are read, then the analysis's settings.
  { const WideHeapSteps steps(std::size_t{32} << 20); }
  // The heap's top as small as it goes, so that the blocks below come from it
  // and go back to it (what other tests in this process left there goes).
  ::malloc_trim(0);

  // A table of 12 MiB (under the 32 MiB mmap threshold: from the heap) freed
  // stays in the heap, for the next stage to reuse without faulting it in.
  const HeldAndFreed table = hold_and_free(12 * kMiB);
  CHECK(table.held >= 12 * kMiB);
  CHECK(table.after == table.held);

  // One of 24 MiB is more than the heap keeps: the top is handed back.
  const HeldAndFreed larger = hold_and_free(24 * kMiB);
  CHECK(larger.held >= 24 * kMiB);
  CHECK(larger.after + 16 * kMiB <= larger.held);
#else
  WARN("not checked: glibc's heap only, and not under AddressSanitizer's allocator");
#endif
}

}  // namespace iothub_diag
