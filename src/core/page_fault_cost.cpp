#include <algorithm>
#include <chrono>
#include <cstddef>

#include <sys/mman.h>
#include <unistd.h>

#include <iothub_diag/core/page_fault_cost.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kRuns = 4;
constexpr std::size_t kPagesPerRun = 16;
constexpr std::size_t kPages = kRuns * kPagesPerRun;

// Writes one byte of each page in [first, first + count).
void touch(volatile char* base, std::size_t page_bytes, std::size_t first, std::size_t count) {
  for (std::size_t page = first; page < first + count; ++page)
    base[page * page_bytes] = 1;
}

}  // namespace

double measure_page_fault_micros() noexcept {
  const long page = ::sysconf(_SC_PAGESIZE);
  if (page <= 0) return 0;
  const auto page_bytes = static_cast<std::size_t>(page);
  const std::size_t bytes = kPages * page_bytes;
  void* const mapping =
      ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED) return 0;
  auto* const base = static_cast<volatile char*>(mapping);
#ifdef MADV_NOHUGEPAGE
  ::madvise(mapping, bytes, MADV_NOHUGEPAGE);  // a huge page would take every write at once
#endif
  // The first touch also builds the page tables; the pages handed back are
  // faulted in again as the heap's are, one at a time.
  touch(base, page_bytes, 0, kPages);
  double least = 0;
  if (::madvise(mapping, bytes, MADV_DONTNEED) == 0) {
    for (std::size_t run = 0; run < kRuns; ++run) {
      const auto start = std::chrono::steady_clock::now();
      touch(base, page_bytes, run * kPagesPerRun, kPagesPerRun);
      const std::chrono::duration<double, std::micro> spent =
          std::chrono::steady_clock::now() - start;
      const double per_page = spent.count() / kPagesPerRun;
      least = run == 0 ? per_page : std::min(least, per_page);
    }
  }
  ::munmap(mapping, bytes);
  return least;
}

bool page_faults_dear() noexcept {
  static const bool dear = measure_page_fault_micros() >= kDearPageFaultMicros;
  return dear;
}

}  // namespace iothub_diag
