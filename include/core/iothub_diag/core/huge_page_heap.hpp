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
//
// The restart also sets `glibc.malloc.top_pad` (see grow_heap_in_large_steps)
// unless the user did.
void restart_with_huge_page_heap(char** argv) noexcept;

// Has the allocator grow its heap 64 MiB at a time (glibc's top pad), unless
// GLIBC_TUNABLES sets the pad. The analysis grows its tables steadily; grown a
// little at a time, each growth is a fresh fault (on huge pages, 2 MiB cleared
// by the kernel) right after glibc trimmed the last one. The growth reserves
// address space only: a page counts in memory once it is written. Cuts a
// 50,000-device analysis by about a tenth (bench/throughput.sh). Set through
// the restart's tunables it does better than through mallopt() in main(), which
// comes after the C++ runtime's first allocations.
void grow_heap_in_large_steps() noexcept;

// Whether this process's heap asks for huge pages (`--timings` says so).
bool heap_uses_huge_pages() noexcept;

}  // namespace iothub_diag
