#pragma once

namespace iothub_diag {

// Makes the heap use transparent huge pages: when the system grants them only
// on request (`madvise` in /sys/kernel/mm/transparent_hugepage/enabled) and
// glibc's `glibc.malloc.hugetlb` tunable is not set, runs this program again
// (execv of /proc/self/exe, same arguments and descriptors) with that tunable
// added to GLIBC_TUNABLES. Returns only when it did not: another C library,
// THP `always` or `never`, a tunable the user set (`glibc.malloc.hugetlb=0`
// turns this off), a set-user-id start, or a failed exec.
//
// Why: the analysis touches its memory once, in a virtual machine where each
// 4 KiB page fault is expensive; 2 MiB pages cut the faults about 7-fold and
// the CPU time of a 50,000-device analysis by about a fifth (bench/throughput.sh).
// The tunable is read only when a process starts, hence the second start.
void restart_with_huge_page_heap(char** argv) noexcept;

// Whether this process's heap asks for huge pages (`--timings` says so).
bool heap_uses_huge_pages() noexcept;

}  // namespace iothub_diag
