#include <algorithm>
#include <cstring>

#include <iothub_diag/input/json_text_splitter.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kReadChunk = 1u << 20;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

JsonTextSplitter::JsonTextSplitter(ByteSource& source, JsonLayout layout, SplitterLimits limits)
    : source_(source), layout_(layout), limits_(limits), buffer_(kReadChunk + kTextPadding) {}

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
  compact();
  if (buffer_.size() - kTextPadding - end_ < kReadChunk / 2) buffer_.resize(buffer_.size() * 2);
  const std::size_t room = buffer_.size() - kTextPadding - end_;
  const std::size_t count = source_.read(std::span<char>(buffer_.data() + end_, room));
  if (count == 0) {
    eof_ = true;
    return false;
  }
  end_ += count;
  if (!bom_checked_ && end_ >= 3) {
    bom_checked_ = true;
    if (std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) begin_ = 3;
  }
  return true;
}

std::string_view JsonTextSplitter::peek(std::size_t bytes) {
  while (end_ - begin_ < bytes && fill()) {
  }
  return {buffer_.data() + begin_, std::min(bytes, end_ - begin_)};
}

void JsonTextSplitter::finish_text(JsonText& out, std::size_t end,
                                   std::optional<SkipReason> problem) {
  out.text = std::string_view(buffer_.data() + begin_, end - begin_);
  out.problem = problem;
}

bool JsonTextSplitter::next(JsonText& out) {
  out = JsonText{};
  return layout_ == JsonLayout::lines ? next_line(out) : next_value(out);
}

bool JsonTextSplitter::next_line(JsonText& out) {
  std::size_t scanned = 0;  // bytes after begin_ known to hold no newline
  bool too_large = false;
  for (;;) {
    const char* start = buffer_.data() + begin_ + scanned;
    const auto* newline =
        static_cast<const char*>(std::memchr(start, '\n', end_ - begin_ - scanned));
    if (newline == nullptr) {
      scanned = end_ - begin_;
      if (scanned > limits_.max_text_bytes) {
        // Keep counting through the oversized line without keeping its bytes.
        too_large = true;
        begin_ = end_;
        scanned = 0;
      }
      if (fill()) continue;
      if (begin_ == end_ && !too_large) return false;
      out.line = line_;
      const std::size_t end = end_;
      std::string_view text(buffer_.data() + begin_, end - begin_);
      if (!too_large && trim_is_blank(text)) {
        begin_ = end_;
        return false;
      }
      finish_text(out, end, too_large ? std::optional(SkipReason::record_too_large) : std::nullopt);
      if (too_large) out.text = {};
      begin_ = end_;
      return true;
    }
    const auto end = static_cast<std::size_t>(newline - buffer_.data());
    out.line = line_;
    ++line_;
    std::size_t text_end = end;
    if (text_end > begin_ && buffer_[text_end - 1] == '\r') --text_end;
    const std::string_view text(buffer_.data() + begin_, text_end - begin_);
    if (too_large) {
      out.problem = SkipReason::record_too_large;
      begin_ = end + 1;
      return true;
    }
    if (text.size() > limits_.max_text_bytes) {
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
      const char c = buffer_[begin_];
      if (c == '\n') {
        ++line_;
      } else if (!(is_space(c) || (c == ',' && batch_depth_ > 0))) {
        return true;
      }
      ++begin_;
    }
    if (!fill()) return false;
  }
}

// At a `{`: when it opens `{"records":[`, consumes that prefix and streams the
// array's elements one by one.
bool JsonTextSplitter::enter_batch_if_any() {
  peek(512);
  std::size_t pos = begin_ + 1;
  std::uint64_t lines = 0;
  auto skip_space = [&] {
    while (pos < end_ && is_space(buffer_[pos])) {
      if (buffer_[pos] == '\n') ++lines;
      ++pos;
    }
  };
  skip_space();
  constexpr std::string_view kKey = "\"records\"";
  if (end_ - pos < kKey.size() || std::string_view(buffer_.data() + pos, kKey.size()) != kKey) {
    return false;
  }
  pos += kKey.size();
  skip_space();
  if (pos >= end_ || buffer_[pos] != ':') return false;
  ++pos;
  skip_space();
  if (pos >= end_ || buffer_[pos] != '[') return false;
  begin_ = pos + 1;
  line_ += lines;
  batch_depth_ = 2;
  batch_index_ = 0;
  return true;
}

bool JsonTextSplitter::next_value(JsonText& out) {
  for (;;) {
    if (!skip_whitespace_and_commas()) return false;
    const char first = buffer_[begin_];
    if (batch_depth_ > 0 && first == ']') {
      ++begin_;
      if (batch_depth_ == 2) {
        // Close the wrapper object, skipping any members after "records".
        batch_depth_ = 0;
        int depth = 1;
        bool in_string = false;
        bool escape = false;
        while (depth > 0) {
          if (begin_ == end_ && !fill()) return false;
          const char c = buffer_[begin_++];
          if (c == '\n') ++line_;
          if (in_string) {
            if (escape)
              escape = false;
            else if (c == '\\')
              escape = true;
            else if (c == '"' || c == '\n')
              in_string = false;
          } else if (c == '"') {
            in_string = true;
          } else if (c == '{' || c == '[') {
            ++depth;
          } else if (c == '}' || c == ']') {
            --depth;
          }
        }
      }
      batch_depth_ = 0;
      continue;
    }
    if (batch_depth_ == 0 && first == '[') {
      ++begin_;
      batch_depth_ = 1;
      batch_index_ = 0;
      continue;
    }
    if (batch_depth_ == 0 && first == '{' && enter_batch_if_any()) continue;

    // Scan one value, keeping offsets relative to begin_ because fill() moves data.
    out.line = line_;
    if (batch_depth_ > 0) out.index = ++batch_index_;
    const bool structured = first == '{' || first == '[';
    std::size_t offset = 0;
    std::int64_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    bool escape = false;
    bool too_large = false;
    std::uint64_t lines = 0;
    for (;;) {
      if (begin_ + offset == end_) {
        if (offset > limits_.max_text_bytes) {
          too_large = true;
          begin_ += offset;
          offset = 0;
        }
        if (!fill()) {
          // The stream ended inside this value.
          line_ += lines;
          if (structured || too_large) {
            finish_text(out, end_,
                        too_large ? SkipReason::record_too_large : SkipReason::truncated_record);
            if (too_large) out.text = {};
          } else {
            finish_text(out, end_, std::nullopt);
          }
          begin_ = end_;
          return true;
        }
        continue;
      }
      const char c = buffer_[begin_ + offset];
      if (!structured) {
        // Not an object or array: at top level the rest of the line, in a batch up to the next
        // separator.
        const bool stop =
            batch_depth_ == 0 ? c == '\n' : (!in_string && (c == ',' || c == ']' || c == '\n'));
        if (stop && offset > 0) break;
        if (c == '"' && !escape) in_string = !in_string;
        escape = c == '\\' && !escape;
        if (stop) {
          ++offset;  // a lone separator
          break;
        }
        ++offset;
        continue;
      }
      ++offset;
      if (in_string) {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          in_string = false;
        } else if (c == '\n') {
          in_string = false;  // a raw newline cannot be inside a JSON string: the text is broken
          ++lines;
        }
        continue;
      }
      if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
        deepest = std::max(deepest, static_cast<std::size_t>(depth));
      } else if (c == '}' || c == ']') {
        if (--depth == 0) break;
      } else if (c == '\n') {
        ++lines;
        // A `{` at the start of a line while a value is still open: the open value was cut short.
        if (begin_ + offset == end_) fill();
        if (begin_ + offset < end_ && buffer_[begin_ + offset] == '{') {
          finish_text(out, begin_ + offset - 1,
                      too_large ? SkipReason::record_too_large : SkipReason::truncated_record);
          if (too_large) out.text = {};
          line_ += lines;
          begin_ += offset;
          return true;
        }
      }
    }
    std::optional<SkipReason> problem;
    if (too_large || offset > limits_.max_text_bytes)
      problem = SkipReason::record_too_large;
    else if (deepest > limits_.max_depth)
      problem = SkipReason::nesting_too_deep;
    finish_text(out, begin_ + offset, problem);
    if (problem == SkipReason::record_too_large) out.text = {};
    line_ += lines;
    begin_ += offset;
    return true;
  }
}

}  // namespace iothub_diag
