#pragma once

#include <cstddef>
#include <cstdint>

namespace iothub_diag {

// Zeroed 8-byte slots for an open-addressing table, freed with std::free;
// nullptr when memory runs out. Large tables come as fresh pages from the
// kernel, zeroed once, with no second zeroing here. Those pages are mapped
// writable up front: a table is probed (read) before it is written, and a
// page first read maps the shared zero page, whose copy on the first write
// makes the kernel flush the TLB of every other thread of the process, a cost
// that grows with the reading threads.
std::uint64_t* allocate_zeroed_slots(std::size_t count);

}  // namespace iothub_diag
