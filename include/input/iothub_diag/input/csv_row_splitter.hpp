#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/model/skip_detail.hpp>
#include <iothub_diag/model/skip_reason.hpp>

namespace iothub_diag {

// One CSV row, or the reason it could not be cut out.
struct CsvRow {
  std::span<const std::string_view> fields;  // unquoted, unescaped; valid until the next call
  std::uint64_t line = 0;                    // 1-based line on which the row starts
  std::optional<SkipReason> problem;
  SkipDetail detail;  // why, when there is a problem (a sentence without values)
};

// Cuts a byte stream into RFC 4180 rows in bounded memory: quoted fields may
// hold delimiters, doubled quotes and line breaks; CRLF or LF line ends; a
// UTF-8 BOM is dropped (also at the start of a row, for concatenated exports).
// A broken row (an unclosed quote, text after a closing quote, a row over the
// size limit) is reported and reading resumes on the line after the row began,
// so one stray quote cannot swallow the rest of the file.
class CsvRowSplitter {
 public:
  CsvRowSplitter(ByteSource& source, std::size_t max_row_bytes);
  // Cuts `text` where it lies, without copying it: it must outlive the splitter.
  CsvRowSplitter(std::string_view text, std::size_t max_row_bytes);
  // Not copied: its bytes may be its own buffer's, which a copy would not point to.
  CsvRowSplitter(const CsvRowSplitter&) = delete;
  CsvRowSplitter& operator=(const CsvRowSplitter&) = delete;

  void set_delimiter(char delimiter) noexcept { delimiter_ = delimiter; }

  // Numbers the first line `line`, for a stream whose leading blank lines were skipped.
  void start_at_line(std::uint64_t line) noexcept { line_ = line; }

  // The next row; false when the stream has ended. Blank lines are skipped.
  bool next(CsvRow& out);

 private:
  struct FieldSpan {
    std::size_t begin;  // offsets from begin_
    std::size_t end;
    bool has_doubled_quotes;
  };

  bool fill();
  bool ensure(std::size_t bytes);  // at least `bytes` readable after begin_, unless the data ends
  void skip_bom();
  void resync(std::size_t first_newline, std::uint64_t start_line);
  void discard_line();
  void make_fields();

  ByteSource* source_;  // null when cutting a text where it lies
  std::size_t max_row_bytes_;
  char delimiter_ = ',';
  std::vector<char> buffer_;
  const char* data_ = nullptr;  // buffer_'s bytes, or the text's
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  std::uint64_t line_ = 1;
  std::vector<FieldSpan> spans_;
  std::vector<std::string_view> fields_;
  std::string unescaped_;
};

}  // namespace iothub_diag
