#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/model/skip_detail.hpp>
#include <iothub_diag/model/skip_reason.hpp>

namespace iothub_diag {

// Readable bytes guaranteed after every piece of text handed out, so that
// simdjson can parse it in place (it must be at least SIMDJSON_PADDING).
inline constexpr std::size_t kTextPadding = 64;

// What a text is to the parser. Log Analytics tables are streamed in pieces:
// a table's `columns` come first, then each row of its `rows` on its own.
enum class JsonTextKind : std::uint8_t {
  value,          // a record, a batch, an event, or any other JSON value
  table,          // one whole table object, read at once (its rows come before its columns)
  table_columns,  // the `columns` array of a streamed table
  table_row,      // one element of a streamed table's `rows`
};

// One JSON text cut out of a stream, or the reason it could not be.
struct JsonText {
  std::string_view text;    // followed by kTextPadding readable bytes
  std::uint64_t line = 0;   // 1-based line on which the text starts
  std::uint64_t index = 0;  // 1-based position inside a streamed batch or table, 0 outside one
  JsonTextKind kind = JsonTextKind::value;
  std::uint64_t table = 0;  // for table pieces: 1-based number of their table in the stream
  std::optional<SkipReason> problem;
  // What the problem was, when the reason alone does not say: one of the
  // splitter's own sentences, without values (so it can be copied freely).
  SkipDetail detail;
};

// How the stream is laid out.
enum class JsonLayout : std::uint8_t {
  lines,   // JSON Lines: one text per line; a broken line never affects the next
  values,  // JSON values one after another, in any layout (pretty-printed, concatenated)
};

struct SplitterLimits {
  std::size_t max_text_bytes = 64u << 20;
  std::size_t max_depth = 256;
};

// The batch wrappers that `values` layout streams element by element.
enum class JsonWrapper : std::uint8_t {
  records,  // `{"records":[...]}`: Azure Monitor resource logs, Event Hubs batches
  tables,   // `{"tables":[...]}`: the Log Analytics query API
};

struct WrapperOpening {
  JsonWrapper wrapper;
  std::size_t length;  // bytes up to and including the `[`
};

// Whether `text` opens with `{"records":[` or `{"tables":[` (whitespace allowed between tokens).
std::optional<WrapperOpening> match_wrapper_opening(std::string_view text) noexcept;

// Cuts a byte stream into JSON texts without parsing them, in bounded memory.
// In `values` layout, a top-level array and a `{"records":[...]}` wrapper are
// streamed element by element, so a batch of any size never sits in memory whole.
// A `{"tables":[...]}` document is streamed row by row: each table's `columns`
// as one text, then each element of its `rows`; a table whose `rows` come
// before its `columns` is cut out whole instead. A value that never closes is
// reported as truncated where the next record visibly begins (a `{` at the
// start of a line); inside a tables document that also ends the document.
class JsonTextSplitter {
 public:
  JsonTextSplitter(ByteSource& source, JsonLayout layout, SplitterLimits limits = {});

  // The next text; false when the stream has ended.
  bool next(JsonText& out);

  // Chooses the layout; only before the first call to next().
  void set_layout(JsonLayout layout) noexcept { layout_ = layout; }

  // For a piece that starts inside a stream, at a line start: no BOM to drop.
  void start_mid_stream() noexcept { bom_checked_ = true; }

  // Numbers the first line `line`, for a stream whose leading blank lines were skipped.
  void start_at_line(std::uint64_t line) noexcept { line_ = line; }

  // The line the next text starts on; after the end, one more than the newlines read.
  std::uint64_t line() const noexcept { return line_; }

  // The first bytes of the stream (after a UTF-8 BOM), for shape detection; reads ahead as needed.
  std::string_view peek(std::size_t bytes);

  // Whether objects and arrays are followed 64 bytes at a time where nothing
  // in a block needs a look byte by byte (on by default where SSE2 is; off,
  // every byte is looked at). The texts are the same either way.
  void scan_blocks(bool on) noexcept { block_scan_ = on; }

  // Whether binary data ended the stream (an oversized text holding a NUL
  // byte): nothing after that text was read.
  bool gave_up() const noexcept { return gave_up_; }

 private:
  // Where next_value() stands inside a streamed batch (values layout only). The
  // states of a tables document come last (in_tables()).
  enum class Batch : std::uint8_t {
    none,     // at top level
    array,    // in a top-level array: elements are values
    records,  // in `{"records":[`: elements are values
    tables,   // in `{"tables":[`: elements are tables
    table,    // in a streamed table object: members
    rows,     // in a streamed table's `"rows":[`: elements are rows
  };
  enum class TableMember : std::uint8_t { columns, rows, other };

  bool fill();
  void check_bom() noexcept;
  void compact();
  bool next_line(JsonText& out);
  bool next_value(JsonText& out);
  bool end_inside_batch(JsonText& out);
  void scan_value(JsonText& out);
  bool enter_wrapper_if_any();
  bool close_wrapper();
  bool rows_precede_columns();
  std::optional<TableMember> read_member_name();
  bool in_tables() const noexcept { return batch_ >= Batch::tables; }
  bool skip_whitespace_and_commas();
  void finish_text(JsonText& out, std::size_t end, std::optional<SkipReason> problem);
  bool give_up_if_binary(std::size_t text_start);
  std::uint64_t binary_lines(std::size_t text_start) const noexcept;
  static bool trim_is_blank(std::string_view text);

  ByteSource& source_;
  JsonLayout layout_;
  SplitterLimits limits_;
  bool block_scan_;       // scan_blocks()
  bool gave_up_ = false;  // gave_up()
  // The bytes read, at [begin_, end_): the source's own view when it gives
  // one (the first fill() asks), else buffer_, read into.
  const char* data() const noexcept { return view_ != nullptr ? view_ : buffer_.data(); }
  std::vector<char> buffer_;
  const char* view_ = nullptr;
  bool view_asked_ = false;
  std::size_t begin_ = 0;  // first unconsumed byte
  std::size_t end_ = 0;    // one past the last byte read
  bool eof_ = false;
  bool bom_checked_ = false;
  std::uint64_t line_ = 1;  // line number at begin_
  // Batch streaming state (values layout only).
  Batch batch_ = Batch::none;
  std::uint64_t batch_index_ = 0;  // elements handed out from the current batch or rows
  std::uint64_t tables_ = 0;       // tables met so far in the stream
};

}  // namespace iothub_diag
