#pragma once

#include <cstdint>
#include <string_view>

namespace iothub_diag {

// Makes the heap use transparent huge pages where they pay: when the system
// grants them only on request (`madvise` in /sys/kernel/mm/transparent_hugepage/enabled),
// glibc's `glibc.malloc.hugetlb` tunable is not set, and IOTHUB_DIAG_HUGE_PAGES
// is `yes`, or unset or `auto` and huge_pages_pay() for /proc/buddyinfo or
// page_faults_dear() (core/page_fault_cost.hpp), runs
// this program again (execv of /proc/self/exe, same arguments and descriptors)
// with that tunable added to GLIBC_TUNABLES. Returns only when it did not:
// another C library, THP `always` or `never`, a tunable the user set
// (`glibc.malloc.hugetlb=0` turns this off), IOTHUB_DIAG_HUGE_PAGES=no, 4 KiB
// pages that cost little, a set-user-id start, or a failed exec.
//
// Why: the analysis touches its memory once. In a virtual machine whose memory
// was never touched, each 4 KiB page fault costs about 10 microseconds and 2 MiB
// pages cut the CPU time of a 50,000-device analysis by about a fifth. Where the
// machine hands free 2 MiB blocks back to its host (virtio-balloon free page
// reporting), a huge page taken after a pause costs milliseconds, while the
// smaller free blocks, never handed back, give cheap 4 KiB pages, unless each
// fault is itself a trip through the hypervisor (docs/ARCHITECTURE.md, "Why not
// X"). The tunable is read only when a process starts, hence the second start.
void restart_with_huge_page_heap(char** argv) noexcept;

inline constexpr std::uint64_t kHugePageBytes = 2u << 20;
// Free memory in blocks under a huge page beyond which 4 KiB pages stay.
inline constexpr std::uint64_t kSmallBlocksEnough = 512u << 20;

// The free memory /proc/buddyinfo counts in blocks smaller than a huge page,
// in bytes (blocks of 1, 2, 4, ... pages of `page_bytes`, in every zone).
std::uint64_t free_bytes_below_huge_page(std::string_view buddyinfo, std::uint64_t page_bytes);

// Whether the heap should ask for huge pages, given /proc/buddyinfo: when the
// free memory in smaller blocks is under kSmallBlocksEnough, 4 KiB pages would
// split the large free blocks, whose pages a virtual machine's host must supply
// one fault at a time (also when the text is unreadable: no small blocks).
bool huge_pages_pay(std::string_view buddyinfo, std::uint64_t page_bytes);

// Whether this process's heap asks for huge pages (`--timings` says so).
bool heap_uses_huge_pages() noexcept;

}  // namespace iothub_diag
