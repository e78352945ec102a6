#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag::workspace {

// A span of TimeGenerated asked for in one request: [from, to), in
// milliseconds. A pull of --since..--until (both included) covers
// [since, until + 1 ms).
struct TimeChunk {
  Timestamp from = 0;
  Timestamp to = 0;
  std::uint64_t expected_rows = 0;  // from the planning query

  friend bool operator==(const TimeChunk&, const TimeChunk&) = default;
};

// One bin of the planning query: the rows whose TimeGenerated is in [start, start + bin).
struct RowBin {
  Timestamp start = 0;
  std::uint64_t rows = 0;
};

// Cuts `span` into consecutive chunks of at most `row_budget` rows by the
// planning query's bins (sorted by start; empty bins may be missing). Chunks
// end on bin boundaries, except the last, which ends where `span` does. A bin
// over the budget is a chunk of its own; if its answer comes back cut, it is
// split in time (split_chunk).
std::vector<TimeChunk> plan_chunks(TimeChunk span, std::span<const RowBin> bins,
                                   std::uint64_t row_budget);

// The two halves of a chunk whose answer came back cut: split on the bin
// boundary that best halves its rows, or at its middle in time when one bin
// holds them all; nullopt for a single millisecond, which cannot be split.
std::optional<std::pair<TimeChunk, TimeChunk>> split_chunk(const TimeChunk& chunk,
                                                           std::span<const RowBin> bins);

// The parts of `span` that `done` (chunks of an earlier pull into the same
// folder, in any order) does not cover: what a resumed pull still asks for.
std::vector<TimeChunk> uncovered_spans(TimeChunk span, std::vector<TimeChunk> done);

}  // namespace iothub_diag::workspace
