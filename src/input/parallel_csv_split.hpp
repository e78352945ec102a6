#pragma once

// Cutting one CSV stream into rows on several threads (private to src/input).

#include <cstddef>
#include <cstdint>
#include <functional>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/csv_row_splitter.hpp>

namespace iothub_diag {

// What one CsvRowSplitter cutting `source` needs.
struct CsvSplitSettings {
  char delimiter = ',';
  std::uint64_t first_line = 1;
  std::size_t max_row_bytes = 0;
};

// Hands `take` every row one CsvRowSplitter over `source` would give, in
// order, until the stream ends or `take` returns false. Returns the line of
// the last row handed over.
//
// With `workers` > 0, this thread reads `source` in chunks of about
// `chunk_bytes` cut after a line end with an even number of quotes before it,
// and the workers (and this thread, when they fall behind) cut each chunk into
// rows; `take` runs on whichever of them is free, never on two at once. A
// chunk that starts a row, cut alone, gives the rows one splitter reading
// from the start would give, broken rows included (a broken row resumes on
// the line after its start, inside the chunk), unless a quoted field is still
// open where the chunk ends: then the next chunk does not start a row. The
// first chunk where that happens (a stray quote made the cut fall inside a
// quoted field) is cut again, with everything after it, by one splitter on
// this thread, so the rows are the same in every case. Cutting the rows, not
// reading their fields, is most of a CSV's reading time: quotes are doubled
// in `properties_s` every few bytes.
std::uint64_t split_csv_rows(ByteSource& source, const CsvSplitSettings& settings, unsigned workers,
                             std::size_t chunk_bytes,
                             const std::function<bool(const CsvRow&)>& take);

}  // namespace iothub_diag
