#pragma once

namespace iothub_diag {

// Hands memory that was freed back to the system. The allocator keeps freed
// blocks for reuse, so a stage that drops a large table (the duplicate filter,
// a reading thread's tables) would otherwise leave it counted in the peak
// while the next stage allocates afresh. With glibc it also hands back the free
// pages inside the main heap, which the next stage then faults in again one small
// page at a time: worth it only when other threads' heaps hold much
// (docs/ARCHITECTURE.md, "Why not X"). A no-op where the C library offers no way.
void release_free_memory() noexcept;

}  // namespace iothub_diag
