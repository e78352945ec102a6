#include <algorithm>
#include <array>
#include <cstring>

#include "json_block_scan.hpp"

#include <iothub_diag/core/byte_scan.hpp>
#include <iothub_diag/input/json_text_splitter.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kReadChunk = 1u << 20;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Follows JSON strings byte by byte. A raw newline also ends a string: it
// cannot occur inside one, so the text is broken there and scanning resyncs.
struct StringState {
  bool in_string = false;
  bool escape = false;

  // Whether a byte can change the state or the depth of a structured value,
  // or ends a line: inside a string (a quote, a backslash, a newline), and
  // outside one (a quote, a bracket, a brace, a newline). Any other byte is
  // passed over without looking at it one by one.
  static constexpr auto kStringStops = [] {
    std::array<bool, 256> stops{};
    for (const char c : {'"', '\\', '\n'})
      stops[static_cast<unsigned char>(c)] = true;
    return stops;
  }();
  static constexpr auto kValueStops = [] {
    std::array<bool, 256> stops{};
    for (const char c : {'"', '{', '[', '}', ']', '\n'})
      stops[static_cast<unsigned char>(c)] = true;
    return stops;
  }();

  // The first byte at or after `from` that matters, or `to`. An escape inside
  // a string (`\"`, `\\`) is passed over whole, unless it escapes a line end,
  // which must still be counted.
  const char* next_stop(const char* from, const char* to) const noexcept {
    if (escape) return from;
    const std::array<bool, 256>& stops = in_string ? kStringStops : kValueStops;
    // Most of a query API row is the text of its string cells.
    if (in_string) from = find_any<'"', '\\', '\n'>(from, to);
    while (from != to) {
      if (!stops[static_cast<unsigned char>(*from)]) {
        ++from;
      } else if (in_string && *from == '\\' && to - from >= 2 && from[1] != '\n') {
        from += 2;
      } else {
        break;
      }
    }
    return from;
  }

  // Feeds one byte; true when it belongs to a string, its quotes included.
  bool consume(char c) noexcept {
    if (in_string) {
      if (escape)
        escape = false;
      else if (c == '\\')
        escape = true;
      else if (c == '"' || c == '\n')
        in_string = false;
      return true;
    }
    in_string = c == '"';
    return in_string;
  }
};

}  // namespace

std::optional<WrapperOpening> match_wrapper_opening(std::string_view text) noexcept {
  std::size_t pos = 0;
  const auto take = [&](std::string_view token) {
    while (pos < text.size() && is_space(text[pos]))
      ++pos;
    if (!text.substr(pos).starts_with(token)) return false;
    pos += token.size();
    return true;
  };
  if (!take("{")) return std::nullopt;
  JsonWrapper wrapper{};
  if (take("\"records\""))
    wrapper = JsonWrapper::records;
  else if (take("\"tables\""))
    wrapper = JsonWrapper::tables;
  else
    return std::nullopt;
  if (!take(":") || !take("[")) return std::nullopt;
  return WrapperOpening{wrapper, pos};
}

static_assert(kViewPadding >= kTextPadding, "a source's view must pad the texts cut from it");

JsonTextSplitter::JsonTextSplitter(ByteSource& source, JsonLayout layout, SplitterLimits limits)
    : source_(source),
      layout_(layout),
      limits_(limits),
      block_scan_(kBlockScanVectorized),
      buffer_(kReadChunk + kTextPadding) {}

void JsonTextSplitter::compact() {
  if (begin_ == 0) return;
  std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
  end_ -= begin_;
  begin_ = 0;
}

// Reads more bytes after end_, moving or growing the buffer as needed. The
// caller's offsets must be relative to begin_, which may move.
bool JsonTextSplitter::fill() {
  if (eof_) return false;
  if (!view_asked_) {
    // The first fill, with nothing read yet: a source that holds its bytes (a
    // mapped piece of a file) is split where they lie.
    view_asked_ = true;
    if (const std::optional<std::string_view> whole = source_.view()) {
      view_ = whole->data();
      end_ = whole->size();
      eof_ = true;
      check_bom();
      return end_ != 0;
    }
  }
  compact();
  if (buffer_.size() - kTextPadding - end_ < kReadChunk / 2) {
    // Twice as large, but no larger than the largest text kept and a read
    // after it: the buffer, not a doubling past the limit, bounds the memory.
    const std::size_t most =
        limits_.max_text_bytes > SIZE_MAX / 4
            ? SIZE_MAX / 2
            : std::max(buffer_.size(), limits_.max_text_bytes + 2 * kReadChunk + kTextPadding);
    buffer_.resize(std::min(buffer_.size() * 2, most));
  }
  const std::size_t room = buffer_.size() - kTextPadding - end_;
  // A byte order mark is skipped before any byte is handed out: skipped
  // later, it would move begin_ under a caller's offsets. So a source that
  // gives fewer bytes a read is read again until the stream's first three
  // are in (or it ends).
  std::size_t count = 0;
  bool ended = false;
  do {
    const std::size_t got =
        source_.read(std::span<char>(buffer_.data() + end_ + count, room - count));
    ended = got == 0;
    count += got;
  } while (!ended && !bom_checked_ && end_ + count < 3);
  if (count == 0) {
    eof_ = true;
    return false;
  }
  end_ += count;
  eof_ = ended;
  check_bom();
  return true;
}

void JsonTextSplitter::check_bom() noexcept {
  if (bom_checked_ || end_ < 3) return;
  bom_checked_ = true;
  if (std::memcmp(data(), "\xEF\xBB\xBF", 3) == 0) begin_ = 3;
}

std::string_view JsonTextSplitter::peek(std::size_t bytes) {
  while (end_ - begin_ < bytes && fill()) {
  }
  return {data() + begin_, std::min(bytes, end_ - begin_)};
}

// The text of a record too large to keep is not handed out: its bytes are gone.
void JsonTextSplitter::finish_text(JsonText& out, std::size_t end,
                                   std::optional<SkipReason> problem) {
  if (problem != SkipReason::record_too_large)
    out.text = std::string_view(data() + begin_, end - begin_);
  out.problem = problem;
}

// When a text that starts at `text_start` has grown past the limit: if its
// first max_text_bytes + 1 bytes hold a NUL byte the stream is binary, and
// nothing after them is read. Only those bytes are asked, so the verdict does
// not depend on how many were read at once.
bool JsonTextSplitter::give_up_if_binary(std::size_t text_start) {
  if (std::memchr(data() + text_start, '\0', limits_.max_text_bytes + 1) == nullptr) return false;
  eof_ = true;
  gave_up_ = true;
  return true;
}

// The lines that end within those bytes, the only ones of a binary text read.
std::uint64_t JsonTextSplitter::binary_lines(std::size_t text_start) const noexcept {
  const char* const from = data() + text_start;
  return count_byte<'\n'>(from, from + limits_.max_text_bytes + 1);
}

bool JsonTextSplitter::next(JsonText& out) {
  out = JsonText{};
  return layout_ == JsonLayout::lines ? next_line(out) : next_value(out);
}

bool JsonTextSplitter::next_line(JsonText& out) {
  std::size_t scanned = 0;  // bytes after begin_ known to hold no newline
  bool too_large = false;
  for (;;) {
    const char* start = data() + begin_ + scanned;
    const auto* newline =
        static_cast<const char*>(std::memchr(start, '\n', end_ - begin_ - scanned));
    if (newline == nullptr) {
      scanned = end_ - begin_;
      bool binary = false;
      if (scanned > limits_.max_text_bytes) {
        // Keep counting through the oversized line without keeping its bytes.
        binary = !too_large && give_up_if_binary(begin_);
        too_large = true;
        begin_ = end_;
        scanned = 0;
      }
      if (!binary && fill()) continue;
      if (binary) out.detail = SkipDetail(MessageId::binary_without_line_end);
      if (begin_ == end_ && !too_large) return false;
      out.line = line_;
      const std::size_t end = end_;
      std::string_view text(data() + begin_, end - begin_);
      if (!too_large && trim_is_blank(text)) {
        begin_ = end_;
        return false;
      }
      finish_text(out, end, too_large ? std::optional(SkipReason::record_too_large) : std::nullopt);
      begin_ = end_;
      return true;
    }
    const auto end = static_cast<std::size_t>(newline - data());
    out.line = line_;
    // A line found whole past the limit is judged as one read a byte at a time
    // would have been when it passed the limit (above).
    const bool over_limit = too_large || end - begin_ > limits_.max_text_bytes;
    if (!too_large && over_limit && give_up_if_binary(begin_)) {
      out.detail = SkipDetail(MessageId::binary_without_line_end);
      out.problem = SkipReason::record_too_large;
      begin_ = end_;
      return true;
    }
    ++line_;
    std::size_t text_end = end;
    if (text_end > begin_ && data()[text_end - 1] == '\r') --text_end;
    const std::string_view text(data() + begin_, text_end - begin_);
    if (over_limit) {
      out.problem = SkipReason::record_too_large;
      begin_ = end + 1;
      return true;
    }
    if (trim_is_blank(text)) {
      begin_ = end + 1;
      scanned = 0;
      continue;
    }
    out.text = text;
    out.problem = std::nullopt;
    begin_ = end + 1;
    return true;
  }
}

bool JsonTextSplitter::trim_is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), is_space);
}

// Consumes whitespace (and, inside a batch, the commas between elements).
// Returns false when the stream has ended.
bool JsonTextSplitter::skip_whitespace_and_commas() {
  for (;;) {
    while (begin_ < end_) {
      const char c = data()[begin_];
      if (c == '\n') {
        ++line_;
      } else if (!(is_space(c) || (c == ',' && batch_ != Batch::none))) {
        return true;
      }
      ++begin_;
    }
    if (!fill()) return false;
  }
}

// At a top-level `{`: when it opens `{"records":[` or `{"tables":[`, consumes
// that prefix so the array is streamed element by element.
bool JsonTextSplitter::enter_wrapper_if_any() {
  const std::string_view head = peek(512);
  const auto opening = match_wrapper_opening(head);
  if (!opening) return false;
  line_ +=
      static_cast<std::uint64_t>(std::count(head.begin(), head.begin() + opening->length, '\n'));
  begin_ += opening->length;
  batch_ = opening->wrapper == JsonWrapper::records ? Batch::records : Batch::tables;
  batch_index_ = 0;
  return true;
}

// After the array of a wrapper: skips any members after it, up to the wrapper's
// closing `}`. Returns false when the stream ends first.
bool JsonTextSplitter::close_wrapper() {
  batch_ = Batch::none;
  StringState strings;
  int depth = 1;
  while (depth > 0) {
    if (begin_ == end_ && !fill()) return false;
    const char c = data()[begin_++];
    if (c == '\n') ++line_;
    if (strings.consume(c)) continue;
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

// At a table's `{`: whether its `rows` member comes before its `columns`. Reads
// ahead over the members before them (a table's `name`) without consuming
// anything; gives up, answering no, past --max-record-size.
bool JsonTextSplitter::rows_precede_columns() {
  StringState strings;
  std::size_t offset = 1;
  std::size_t name_start = 0;  // offset of the member name being read; 0 when none
  bool expect_name = true;
  int depth = 1;
  for (;;) {
    if (offset > limits_.max_text_bytes) return false;
    if (begin_ + offset == end_) {
      if (!fill()) return false;
      continue;
    }
    const char c = data()[begin_ + offset++];
    if (strings.consume(c)) {
      if (c == '"' && depth == 1 && expect_name) {
        expect_name = false;
        name_start = offset;
      } else if (!strings.in_string && name_start != 0) {
        const std::string_view name(data() + begin_ + name_start, offset - 1 - name_start);
        if (name == "rows") return true;
        if (name == "columns") return false;
        name_start = 0;
      }
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return false;
    } else if (c == ',' && depth == 1) {
      expect_name = true;
    }
  }
}

// Inside a streamed table, at a member: consumes `"name":` and says which member
// it is; nullopt, consuming nothing, when the bytes there are not a member name.
std::optional<JsonTextSplitter::TableMember> JsonTextSplitter::read_member_name() {
  if (data()[begin_] != '"') return std::nullopt;
  StringState strings;
  std::size_t offset = 0;
  std::size_t name_end = 0;  // one past the closing quote, once read
  std::uint64_t lines = 0;
  for (;;) {
    // A name past the limit is no member, however many of its bytes were read at once.
    if (offset > limits_.max_text_bytes || (begin_ + offset == end_ && !fill()))
      return std::nullopt;
    const char c = data()[begin_ + offset++];
    if (name_end == 0) {
      strings.consume(c);
      if (c == '\n') return std::nullopt;
      if (!strings.in_string) name_end = offset;
    } else if (c == ':') {
      break;
    } else if (c == '\n') {
      ++lines;
    } else if (!is_space(c)) {
      return std::nullopt;
    }
  }
  const std::string_view name(data() + begin_ + 1, name_end - 2);
  const TableMember member = name == "rows"      ? TableMember::rows
                             : name == "columns" ? TableMember::columns
                                                 : TableMember::other;
  line_ += lines;
  begin_ += offset;
  return member;
}

// The stream ended between the elements of a batch or table, before its closing
// bracket: every element was handed out, and the cut is one truncated record.
bool JsonTextSplitter::end_inside_batch(JsonText& out) {
  if (batch_ == Batch::none) return false;
  batch_ = Batch::none;
  out.text = {};
  out.line = line_;
  out.index = 0;
  out.kind = JsonTextKind::value;
  out.problem = SkipReason::truncated_record;
  return true;
}

bool JsonTextSplitter::next_value(JsonText& out) {
  for (;;) {
    if (!skip_whitespace_and_commas()) return end_inside_batch(out);
    const char first = data()[begin_];
    switch (batch_) {
      case Batch::none:
        if (first == '[') {
          ++begin_;
          batch_ = Batch::array;
          batch_index_ = 0;
          continue;
        }
        if (first == '{' && enter_wrapper_if_any()) continue;
        break;
      case Batch::array:
      case Batch::records:
      case Batch::tables:
        if (first == ']') {
          ++begin_;
          if (batch_ == Batch::array) {
            batch_ = Batch::none;
          } else if (!close_wrapper()) {
            return false;
          }
          continue;
        }
        if (batch_ != Batch::tables) {
          out.index = ++batch_index_;
          break;
        }
        ++tables_;
        if (first == '{' && !rows_precede_columns()) {
          ++begin_;
          batch_ = Batch::table;
          continue;
        }
        out.kind = JsonTextKind::table;  // read whole: rows before columns, or not an object
        out.table = tables_;
        break;
      case Batch::table: {
        if (first == '}') {
          ++begin_;
          batch_ = Batch::tables;
          continue;
        }
        const auto member = read_member_name();
        if (!member) {
          // Not a member: the bytes up to the next separator are reported as broken.
          scan_value(out);
          if (!out.problem) out.problem = SkipReason::invalid_json;
          return true;
        }
        if (!skip_whitespace_and_commas()) return end_inside_batch(out);
        if (*member == TableMember::rows && data()[begin_] == '[') {
          ++begin_;
          batch_ = Batch::rows;
          batch_index_ = 0;
          continue;
        }
        if (*member == TableMember::columns) {
          out.kind = JsonTextKind::table_columns;
          out.table = tables_;
          break;
        }
        // Any other member (the table's `name`), or rows that are not an array: nothing to
        // read, unless it is broken.
        scan_value(out);
        if (!out.problem) {
          out = JsonText{};
          continue;
        }
        if (out.problem == SkipReason::truncated_record) batch_ = Batch::none;
        return true;
      }
      case Batch::rows:
        if (first == ']') {
          ++begin_;
          batch_ = Batch::table;
          continue;
        }
        out.kind = JsonTextKind::table_row;
        out.table = tables_;
        out.index = ++batch_index_;
        break;
    }
    scan_value(out);
    // A tables document cut short ends there: what follows is read from the top level.
    if (in_tables() && out.problem == SkipReason::truncated_record) batch_ = Batch::none;
    return true;
  }
}

// Cuts out the value that starts at begin_, keeping offsets relative to begin_
// because fill() moves data.
void JsonTextSplitter::scan_value(JsonText& out) {
  out.line = line_;
  const char first = data()[begin_];
  const bool structured = first == '{' || first == '[';
  // Not an object or array: at top level the rest of the line, in a batch up to the next separator.
  const char closer = batch_ == Batch::table ? '}' : ']';
  std::size_t offset = 0;
  std::int64_t depth = 0;
  std::size_t deepest = 0;
  StringState strings;
  bool too_large = false;
  std::uint64_t lines = 0;
  std::size_t byte_by_byte_until = 0;  // the block scan sent these bytes back
  // A value found past the limit with its bytes up to `last` read at once is
  // judged as one read a byte at a time would have been when it passed the
  // limit (give_up_if_binary, below): true when the stream is given up.
  auto binary_past_limit = [&](std::size_t last) {
    if (too_large || last <= limits_.max_text_bytes || !give_up_if_binary(begin_)) return false;
    out.detail = SkipDetail(MessageId::binary_without_line_end);
    batch_ = Batch::none;
    finish_text(out, end_, SkipReason::record_too_large);
    line_ += binary_lines(begin_);
    begin_ = end_;
    return true;
  };
  for (;;) {
    if (begin_ + offset == end_) {
      bool binary = false;
      if (offset > limits_.max_text_bytes) {
        binary = !too_large && give_up_if_binary(begin_);
        // Only the lines up to the limit were read, however many bytes came at once.
        if (binary) lines = binary_lines(begin_);
        too_large = true;
        begin_ += offset;
        offset = 0;
        byte_by_byte_until = 0;
      }
      if (binary || !fill()) {
        if (binary) out.detail = SkipDetail(MessageId::binary_without_line_end);
        // The stream ended inside this value.
        line_ += lines;
        if (structured || too_large) {
          batch_ = Batch::none;  // this value is the cut: the batch is not reported cut again
          finish_text(out, end_,
                      too_large ? SkipReason::record_too_large : SkipReason::truncated_record);
        } else {
          finish_text(out, end_, std::nullopt);
        }
        begin_ = end_;
        return;
      }
      continue;
    }
    if (structured && block_scan_ && offset >= byte_by_byte_until) {
      // 64 bytes at a time while nothing in them needs a look byte by byte.
      StructuredScan scan{strings.in_string, strings.escape, depth, deepest, lines};
      BlockScan found = BlockScan::goes_on;
      std::size_t length = 0;
      while (end_ - (begin_ + offset) >= 64) {
        found = scan_block(data() + begin_ + offset, scan, length);
        if (found != BlockScan::goes_on) break;
        offset += 64;
      }
      strings.in_string = scan.in_string;
      strings.escape = scan.escape;
      depth = scan.depth;
      deepest = scan.deepest;
      lines = scan.lines;
      if (found == BlockScan::ends) {
        offset += length;
        break;
      }
      if (found == BlockScan::byte_by_byte) byte_by_byte_until = offset + 64;
    }
    if (structured) {
      const char* at = data() + begin_ + offset;
      offset += static_cast<std::size_t>(strings.next_stop(at, data() + end_) - at);
      if (begin_ + offset == end_) continue;
    }
    const char c = data()[begin_ + offset];
    if (!structured) {
      const bool stop = batch_ == Batch::none
                            ? c == '\n'
                            : (!strings.in_string && (c == ',' || c == closer || c == '\n'));
      // Bytes discarded past the limit were the value's too: its stop is not a lone separator.
      if (stop && (offset > 0 || too_large)) break;
      strings.consume(c);
      ++offset;  // a lone separator when stop
      if (stop) break;
      continue;
    }
    ++offset;
    if (c == '\n') {
      ++lines;
      strings.consume(c);
      // A `{` at the start of a line while a value is still open, even inside a string (which
      // a raw newline has broken): the open value was cut short.
      if (begin_ + offset == end_) fill();
      if (begin_ + offset < end_ && data()[begin_ + offset] == '{') {
        if (binary_past_limit(offset - 1)) return;
        finish_text(out, begin_ + offset - 1,
                    too_large || offset - 1 > limits_.max_text_bytes
                        ? SkipReason::record_too_large
                        : SkipReason::truncated_record);
        line_ += lines;
        begin_ += offset;
        return;
      }
      continue;
    }
    if (strings.consume(c)) continue;
    if (c == '{' || c == '[') {
      ++depth;
      deepest = std::max(deepest, static_cast<std::size_t>(depth));
    } else if (c == '}' || c == ']') {
      if (--depth == 0) break;
    }
  }
  // A structured value's last byte was read; a bare one's stop was looked at.
  if (binary_past_limit(structured ? offset - 1 : offset)) return;
  std::optional<SkipReason> problem;
  if (too_large || offset > limits_.max_text_bytes)
    problem = SkipReason::record_too_large;
  else if (deepest > limits_.max_depth)
    problem = SkipReason::nesting_too_deep;
  finish_text(out, begin_ + offset, problem);
  line_ += lines;
  begin_ += offset;
}

}  // namespace iothub_diag
