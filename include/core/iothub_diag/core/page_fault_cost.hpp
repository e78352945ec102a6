#pragma once

namespace iothub_diag {

// What a page fault costs on this machine, which decides two things: whether
// the heap asks for huge pages (core/huge_page_heap.hpp) and whether pieces of
// a large file are read from a mapping of it or copied out with pread
// (input/ingest.hpp, PieceReading::automatic).
//
// Where a page fault is a trip through the hypervisor (a virtual machine whose
// guest page tables are shadowed), each fresh 4 KiB page of the heap, and each
// page of a file mapping read for the first time, costs several microseconds:
// 8 to 11 on the project's machine, where a 2 MiB page costs 1.5 to 3.5 ms and
// copying a file out with pread costs a quarter of reading it through a
// mapping. Elsewhere a fault costs a microsecond or two, 4 KiB pages are the
// cheaper, and the mapping saves the copy (docs/ARCHITECTURE.md, "Why not X").

// Microseconds per 4 KiB page fault: pages of a private anonymous mapping are
// written once, handed back (MADV_DONTNEED: the page tables stay), then written
// again in 4 runs of 16; the least time per page of a run (a run the scheduler
// interrupted only counts as dearer). 0 when no mapping can be made. About
// 1 ms where faults are dear.
double measure_page_fault_micros() noexcept;

// A fault at least this dear, in microseconds, makes faults dear.
inline constexpr double kDearPageFaultMicros = 4.0;

// Whether measure_page_fault_micros() is at least kDearPageFaultMicros,
// measured once per process, when first asked.
bool page_faults_dear() noexcept;

}  // namespace iothub_diag
