#include <algorithm>

#include <iothub_diag/workspace/chunk_plan.hpp>

namespace iothub_diag::workspace {
namespace {

// The bins whose start lies in [from, to).
std::span<const RowBin> bins_within(std::span<const RowBin> bins, Timestamp from, Timestamp to) {
  const auto first = std::lower_bound(bins.begin(), bins.end(), from,
                                      [](const RowBin& bin, Timestamp t) { return bin.start < t; });
  const auto last = std::lower_bound(first, bins.end(), to,
                                     [](const RowBin& bin, Timestamp t) { return bin.start < t; });
  return {first, last};
}

std::uint64_t rows_of(std::span<const RowBin> bins) {
  std::uint64_t rows = 0;
  for (const RowBin& bin : bins)
    rows += bin.rows;
  return rows;
}

}  // namespace

std::vector<TimeChunk> plan_chunks(TimeChunk span, std::span<const RowBin> bins,
                                   std::uint64_t row_budget) {
  std::vector<TimeChunk> chunks;
  if (span.to <= span.from) return chunks;
  TimeChunk current{span.from, span.from, 0};
  for (const RowBin& bin : bins_within(bins, span.from, span.to)) {
    if (bin.rows == 0) continue;
    // A bin that began before the span (the span starts mid-bin) counts whole: an overestimate.
    if (current.expected_rows > 0 && current.expected_rows + bin.rows > row_budget &&
        bin.start > current.from) {
      current.to = bin.start;
      chunks.push_back(current);
      current = TimeChunk{bin.start, bin.start, 0};
    }
    current.expected_rows += bin.rows;
  }
  current.to = span.to;
  chunks.push_back(current);
  return chunks;
}

std::optional<std::pair<TimeChunk, TimeChunk>> split_chunk(const TimeChunk& chunk,
                                                           std::span<const RowBin> bins) {
  if (chunk.to - chunk.from < 2) return std::nullopt;
  const std::span<const RowBin> inside = bins_within(bins, chunk.from, chunk.to);
  const std::uint64_t total = rows_of(inside);
  // The bin boundary (after the first bin) closest to half the rows.
  std::optional<Timestamp> cut;
  std::uint64_t before = 0;
  std::uint64_t best_distance = UINT64_MAX;
  std::uint64_t best_before = 0;
  for (std::size_t i = 0; i < inside.size(); ++i) {
    if (i > 0 && inside[i].start > chunk.from) {
      const std::uint64_t distance = before * 2 > total ? before * 2 - total : total - before * 2;
      if (distance < best_distance) {
        best_distance = distance;
        cut = inside[i].start;
        best_before = before;
      }
    }
    before += inside[i].rows;
  }
  if (!cut) {
    const Timestamp middle = chunk.from + (chunk.to - chunk.from) / 2;
    const std::uint64_t half = chunk.expected_rows / 2;
    return std::pair{TimeChunk{chunk.from, middle, half},
                     TimeChunk{middle, chunk.to, chunk.expected_rows - half}};
  }
  return std::pair{TimeChunk{chunk.from, *cut, best_before},
                   TimeChunk{*cut, chunk.to, total - best_before}};
}

std::vector<TimeChunk> uncovered_spans(TimeChunk span, std::vector<TimeChunk> done) {
  std::sort(done.begin(), done.end(),
            [](const TimeChunk& a, const TimeChunk& b) { return a.from < b.from; });
  std::vector<TimeChunk> missing;
  Timestamp at = span.from;
  for (const TimeChunk& chunk : done) {
    if (chunk.to <= at) continue;
    if (chunk.from >= span.to) break;
    if (chunk.from > at) missing.push_back(TimeChunk{at, chunk.from, 0});
    at = std::max(at, chunk.to);
  }
  if (at < span.to) missing.push_back(TimeChunk{at, span.to, 0});
  return missing;
}

}  // namespace iothub_diag::workspace
