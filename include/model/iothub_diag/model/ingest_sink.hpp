#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

// What ingest writes into: records and skips (RecordSink), and what reading
// files whole or in parallel pieces needs besides. Ingest knows only this
// interface; EventStore implements it.
class IngestSink : public RecordSink {
 public:
  // A file was opened for reading (its first piece, when read in pieces).
  virtual void count_file() = 0;
  // A problem with a whole file (unreadable, binary, corrupt gzip): one skip.
  virtual void on_file_problem(SkipReason reason, std::string_view file,
                               const SkipDetail& detail) = 0;
  // About `bytes` of input are still to come: tables may be sized for them.
  virtual void expect_input_bytes(std::uint64_t bytes) = 0;

  // An empty sink for one piece of the input (a file, or a part of a large
  // one) read by another thread.
  virtual std::unique_ptr<IngestSink> new_piece() const = 0;
  // Adds what `piece` (made by new_piece() of this sink) read, as if this sink
  // had read it after everything merged before; its skip locations move down by
  // `lines_before`, the lines of its file read before it. Pieces merged in input
  // order give what one sink reading everything would hold. Leaves `piece`
  // empty, ready to read another piece.
  virtual void merge_piece(IngestSink& piece, std::uint64_t lines_before) = 0;
};

}  // namespace iothub_diag
