#pragma once

#include <cstdint>

namespace iothub_diag {

// Told how many bytes ingest has read so far (file bytes, before any
// decompression), after each read. Implemented by the progress line.
class IngestProgress {
 public:
  virtual ~IngestProgress() = default;
  virtual void on_bytes(std::uint64_t total_bytes) = 0;
};

}  // namespace iothub_diag
