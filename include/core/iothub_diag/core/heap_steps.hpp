#pragma once

#include <cstddef>

namespace iothub_diag {

// While one lives, the allocator takes memory from the system `step_bytes` at
// a time instead of its default 128 KiB (glibc's M_TOP_PAD: how far the main
// heap grows past a request, and how large a thread's new heap starts).
// Reading grows the heaps steadily; in large steps their pages come as 2 MiB
// huge pages more often and are faulted in fewer times. It sets glibc's
// default back when it ends, before the analysis, whose peak memory wider
// steps would raise. Setting it also stops glibc from raising its mmap
// threshold for the rest of the run, so the end sets that threshold to where
// glibc's own would have risen (32 MiB): the analysis's tables then reuse the
// heaps' freed pages instead of being mapped and faulted in afresh; and it
// lets each heap keep 16 MiB of freed memory at its top (glibc's
// M_TRIM_THRESHOLD, unless GLIBC_TUNABLES sets `glibc.malloc.trim_threshold`),
// where the frozen threshold would hand back all but 128 KiB. A no-op where
// the C library offers no way.
class WideHeapSteps {
 public:
  explicit WideHeapSteps(std::size_t step_bytes) noexcept;
  ~WideHeapSteps();
  WideHeapSteps(const WideHeapSteps&) = delete;
  WideHeapSteps& operator=(const WideHeapSteps&) = delete;
};

}  // namespace iothub_diag
