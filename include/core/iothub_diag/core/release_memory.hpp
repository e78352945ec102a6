#pragma once

namespace iothub_diag {

// Hands memory that was freed back to the system. The allocator keeps freed
// blocks for reuse, so a stage that drops a large table (the duplicate filter,
// a reading thread's tables) would otherwise leave it counted in the peak
// while the next stage allocates afresh. A no-op where the C library offers no way.
void release_free_memory() noexcept;

}  // namespace iothub_diag
