#pragma once

// Cutting one CSV stream into rows on several threads (private to src/input).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "recorded_calls.hpp"

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/csv_row_splitter.hpp>

namespace iothub_diag {

// What one CsvRowSplitter cutting `source` needs.
struct CsvSplitSettings {
  char delimiter = ',';
  std::uint64_t first_line = 1;
  std::size_t max_row_bytes = 0;
};

// Reads rows on the thread that cut them, ahead of their turn: one for each
// thread that cuts chunks.
class CsvRowReader {
 public:
  virtual ~CsvRowReader() = default;
  // Makes on `calls` the calls that taking `row` in its turn would make, and
  // returns true; or returns false when what taking it does depends on the
  // rows before it (a header not yet taken, a date whose order is not known).
  virtual bool read(const CsvRow& row, RecordSink& calls) = 0;
};

// Rows read into calls where they are cut, so that only the calls are made in order.
struct CsvReadAhead {
  std::function<std::unique_ptr<CsvRowReader>()> reader;  // called once by each cutting thread
  // Given, in a chunk's turn, the calls its reader made when it read every row
  // of the chunk; `take` is given the rows of the other chunks.
  std::function<void(const RecordedCalls&)> take_calls;
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
//
// With `ahead`, a chunk whose rows its thread's reader reads all is handed to
// `ahead->take_calls` instead, so that making records from the cells is done
// on every thread too.
std::uint64_t split_csv_rows(ByteSource& source, const CsvSplitSettings& settings, unsigned workers,
                             std::size_t chunk_bytes,
                             const std::function<bool(const CsvRow&)>& take,
                             const CsvReadAhead* ahead = nullptr);

}  // namespace iothub_diag
