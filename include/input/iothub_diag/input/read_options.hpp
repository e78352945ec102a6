#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include <iothub_diag/input/input_format.hpp>
#include <iothub_diag/input/json_text_splitter.hpp>
#include <iothub_diag/input/locale_time.hpp>

namespace iothub_diag {

// The chunk of a CSV handed to a thread that cuts its rows, unless told otherwise.
inline constexpr std::size_t kCsvChunkBytes = std::size_t{1} << 20;

// How every input stream is read. Defaults read any shape by content.
struct ReadOptions {
  InputFormat format = InputFormat::automatic;
  SplitterLimits limits;
  // Day/month order of locale dates in CSV exports (`03/04/2026`). The data
  // decides when a value shows it (a field above 12); this is the fallback
  // for files whose dates never do. automatic falls back to month first.
  DateOrder date_order = DateOrder::automatic;
  // Minutes east of UTC of the zone a `[Local Time]` CSV export was written
  // in (+60 for UTC+01:00). Without it local times are read as UTC, with a note.
  std::optional<std::int32_t> local_time_offset_minutes;
  // Threads of their own that parse a JSON document's texts while this one
  // splits it (parse_texts_in_parallel), or cut a CSV's rows while this one
  // reads them (split_csv_rows): set by the ingest for a file read whole
  // while cores would otherwise idle; 0 does it all on the reading thread.
  // The records are the same, in the same order.
  unsigned parse_threads = 0;
  // With parse_threads, a CSV is read in chunks of about this many bytes of
  // whole lines, whose rows those threads cut; 0: kCsvChunkBytes.
  std::size_t csv_chunk_bytes = 0;
};

}  // namespace iothub_diag
