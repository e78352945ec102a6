#pragma once

#include <cstdint>

namespace iothub_diag {

// Told how many bytes ingest has read so far (file bytes, before any
// decompression): after each read while one thread stores into the caller's
// sink, else after each merge; one call at a time, never beside a merge. Other
// threads may be storing meanwhile (a document's batches): what it reads of the
// sink must be safe for that (EventStore::events_taken). Implemented by the
// progress line.
class IngestProgress {
 public:
  virtual ~IngestProgress() = default;
  virtual void on_bytes(std::uint64_t total_bytes) = 0;
};

}  // namespace iothub_diag
