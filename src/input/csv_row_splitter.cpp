#include <bit>
#include <cstring>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <iothub_diag/core/byte_scan.hpp>
#include <iothub_diag/input/csv_row_splitter.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kReadChunk = 1u << 20;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// One bit per byte of a 64-byte block: its quotes and its line ends.
struct QuotedBlockMasks {
  std::uint64_t quotes = 0;
  std::uint64_t line_ends = 0;
};

QuotedBlockMasks quoted_block_masks(const char* block) noexcept {
  QuotedBlockMasks masks;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i line_end = _mm_set1_epi8('\n');
  for (unsigned part = 0; part < 4; ++part) {
    const __m128i bytes =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + std::size_t{16} * part));
    const auto bits = [part](__m128i equal) {
      return static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(equal)))
             << (16 * part);
    };
    masks.quotes |= bits(_mm_cmpeq_epi8(bytes, quote));
    masks.line_ends |= bits(_mm_cmpeq_epi8(bytes, line_end));
  }
#else
  for (unsigned i = 0; i < 64; ++i) {
    if (block[i] == '"') masks.quotes |= std::uint64_t{1} << i;
    if (block[i] == '\n') masks.line_ends |= std::uint64_t{1} << i;
  }
#endif
  return masks;
}

// What a quoted field's scan carries from one byte to the next.
struct QuotedScan {
  std::size_t offset = 0;  // the next byte to look at, from the row's start
  std::uint64_t newlines = 0;
  std::size_t first_newline = kNone;
  bool doubled = false;  // a doubled quote was passed over
};

// Inside a quoted field that starts at `row`, from scan.offset: passes over
// its text and doubled quotes 64 bytes at a time while more than 64 are left
// before `limit` (whether a quote that ends a block is doubled is the next
// byte's), counting line ends. Returns the offset of the closing quote when
// it is found; else leaves scan.offset where the byte-by-byte scan goes on.
// Most of a portal CSV is its properties_s cells, a quote doubled every few bytes.
std::optional<std::size_t> pass_quoted_blocks(const char* row, const char* limit,
                                              QuotedScan& scan) noexcept {
  while (limit - (row + scan.offset) > 64) {
    const char* const block = row + scan.offset;
    const QuotedBlockMasks masks = quoted_block_masks(block);
    std::uint64_t quotes = masks.quotes;
    std::size_t advance = 64;
    std::optional<unsigned> close;
    while (quotes != 0) {
      const auto at = static_cast<unsigned>(std::countr_zero(quotes));
      const bool pair = at < 63 ? ((quotes >> (at + 1)) & 1U) != 0 : block[64] == '"';
      if (!pair) {
        close = at;
        break;
      }
      scan.doubled = true;
      if (at == 63) {  // the pair ends past the block: the next block starts after it
        advance = 65;
        break;
      }
      quotes &= ~(std::uint64_t{3} << at);
    }
    std::uint64_t line_ends = masks.line_ends;
    if (close) line_ends &= (std::uint64_t{1} << *close) - 1;
    if (line_ends != 0) {
      scan.newlines += bit_count(line_ends);
      if (scan.first_newline == kNone)
        scan.first_newline = scan.offset + static_cast<std::size_t>(std::countr_zero(line_ends));
    }
    if (close) return scan.offset + *close;
    scan.offset += advance;
  }
  return std::nullopt;
}

}  // namespace

CsvRowSplitter::CsvRowSplitter(ByteSource& source, std::size_t max_row_bytes)
    : source_(&source), max_row_bytes_(max_row_bytes), buffer_(kReadChunk), data_(buffer_.data()) {}

CsvRowSplitter::CsvRowSplitter(std::string_view text, std::size_t max_row_bytes)
    : source_(nullptr),
      max_row_bytes_(max_row_bytes),
      data_(text.data()),
      end_(text.size()),
      eof_(true) {}

// Reads more bytes after end_, moving the unconsumed bytes to the front and
// growing the buffer as needed; offsets relative to begin_ stay valid.
bool CsvRowSplitter::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() - end_ < kReadChunk / 2) {
    buffer_.resize(buffer_.size() * 2);
    data_ = buffer_.data();
  }
  const std::size_t count =
      source_->read(std::span<char>(buffer_.data() + end_, buffer_.size() - end_));
  if (count == 0) {
    eof_ = true;
    return false;
  }
  end_ += count;
  return true;
}

bool CsvRowSplitter::ensure(std::size_t bytes) {
  while (end_ - begin_ < bytes && fill()) {
  }
  return end_ - begin_ >= bytes;
}

void CsvRowSplitter::skip_bom() {
  // Most rows start with another byte: it is looked at before anything is read.
  if (begin_ < end_ && data_[begin_] != kBom[0]) return;
  if (ensure(kBom.size()) && std::string_view(data_ + begin_, kBom.size()) == kBom) {
    begin_ += kBom.size();
  }
}

// Consumes the rest of the current line, whatever its length, without keeping it.
void CsvRowSplitter::discard_line() {
  for (;;) {
    const auto* newline =
        static_cast<const char*>(std::memchr(data_ + begin_, '\n', end_ - begin_));
    if (newline != nullptr) {
      begin_ = static_cast<std::size_t>(newline - data_) + 1;
      ++line_;
      return;
    }
    begin_ = end_;
    if (!fill()) return;
  }
}

// After a broken row, continues on the line after the one it started on.
void CsvRowSplitter::resync(std::size_t first_newline, std::uint64_t start_line) {
  if (first_newline == kNone) {
    discard_line();
    return;
  }
  begin_ += first_newline + 1;
  line_ = start_line + 1;
}

void CsvRowSplitter::make_fields() {
  unescaped_.clear();
  for (FieldSpan& span : spans_) {
    if (!span.has_doubled_quotes) continue;
    const std::size_t at = unescaped_.size();
    // Of each doubled pair, the first quote is kept.
    const char* from = data_ + begin_ + span.begin;
    const char* const end = data_ + begin_ + span.end;
    unescaped_.resize(at + static_cast<std::size_t>(end - from));
    char* out = unescaped_.data() + at;
    // The pairs found 64 bytes at a time by the blocks' quote masks, then byte by byte.
    for (const char* block = from; end - block >= 64; block += 64) {
      std::uint64_t quotes = quoted_block_masks(block).quotes;
      // A pair that began in the block before ends on this one's first byte.
      if (from > block) quotes &= ~((std::uint64_t{1} << (from - block)) - 1);
      while (quotes != 0) {
        const auto first = std::countr_zero(quotes);
        const char* const quote = block + first;
        std::memcpy(out, from, static_cast<std::size_t>(quote + 1 - from));
        out += quote + 1 - from;
        from = quote + 2;
        quotes &= quotes - 1;
        quotes &= ~(std::uint64_t{2} << first);  // its second quote
      }
    }
    for (;;) {
      const char* const quote = find_any<'"'>(from, end);
      if (quote == end) {
        std::memcpy(out, from, static_cast<std::size_t>(end - from));
        out += end - from;
        break;
      }
      std::memcpy(out, from, static_cast<std::size_t>(quote + 1 - from));
      out += quote + 1 - from;
      from = quote + 2;  // past the second quote of the pair, which is inside the span
    }
    unescaped_.resize(static_cast<std::size_t>(out - unescaped_.data()));
    span.begin = at;
    span.end = unescaped_.size();
  }
  fields_.clear();
  for (const FieldSpan& span : spans_) {
    const char* base = span.has_doubled_quotes ? unescaped_.data() : data_ + begin_;
    fields_.emplace_back(base + span.begin, span.end - span.begin);
  }
}

bool CsvRowSplitter::next(CsvRow& out) {
  out = CsvRow{};
  for (;;) {
    skip_bom();
    if (!ensure(1)) return false;
    const std::uint64_t start_line = line_;
    spans_.clear();
    std::size_t offset = 0;
    std::size_t field_start = 0;
    std::size_t quote_close = 0;
    std::size_t first_newline = kNone;
    std::uint64_t newlines = 0;
    bool in_quotes = false;
    bool quoted = false;
    bool after_quote = false;
    bool doubled = false;
    std::optional<SkipReason> problem;
    SkipDetail detail;

    auto end_field = [&](std::size_t field_end, bool at_line_end) {
      if (quoted) {
        spans_.push_back({field_start + 1, quote_close, doubled});
      } else {
        std::size_t end = field_end;
        if (at_line_end && end > field_start && data_[begin_ + end - 1] == '\r') --end;
        spans_.push_back({field_start, end, false});
      }
      quoted = after_quote = doubled = false;
    };

    // Past max_row_bytes_ a row is too large, whatever comes after: its bytes
    // are not held longer than needed to find the line it ends on.
    auto too_large = [&] {
      problem = SkipReason::record_too_large;
      detail = SkipDetail(MessageId::csv_row_too_large);
    };

    for (;;) {
      if (begin_ + offset == end_) {
        if (offset > max_row_bytes_) {
          too_large();
          break;
        }
        if (!fill()) {
          if (in_quotes) {
            problem = SkipReason::truncated_record;
            detail = SkipDetail(MessageId::csv_ends_in_quotes);
          } else {
            end_field(offset, true);
          }
          break;
        }
        continue;
      }
      const char c = data_[begin_ + offset];
      if (in_quotes) {
        // Inside quotes only a quote or a line end matters: the rest is passed
        // over, and so are doubled quotes, up to the closing quote.
        for (;;) {
          const char* const base = data_ + begin_;
          const char* const limit = data_ + end_;
          QuotedScan scan{offset, newlines, first_newline, doubled};
          const std::optional<std::size_t> close = pass_quoted_blocks(base, limit, scan);
          offset = scan.offset;
          newlines = scan.newlines;
          first_newline = scan.first_newline;
          doubled = scan.doubled;
          if (close) {
            in_quotes = false;
            after_quote = true;
            quote_close = *close;
            offset = *close + 1;
            break;
          }
          const char* const at = find_any<'"', '\n'>(base + offset, limit);
          offset = static_cast<std::size_t>(at - base);
          if (at == limit) break;  // more bytes are read above
          if (*at == '\n') {
            ++newlines;
            if (first_newline == kNone) first_newline = offset;
            ++offset;
            continue;
          }
          if (begin_ + offset + 1 == end_) fill();  // offsets from begin_ stay valid
          if (begin_ + offset + 1 < end_ && data_[begin_ + offset + 1] == '"') {
            doubled = true;
            offset += 2;
            continue;
          }
          in_quotes = false;
          after_quote = true;
          quote_close = offset++;
          break;
        }
        continue;
      }
      if (c == delimiter_) {
        end_field(offset, false);
        field_start = ++offset;
        continue;
      }
      if (c == '\n') {
        // A row that has passed the limit is too large whatever its end: in
        // place, or with more bytes read at once, no refill above had to see it.
        if (offset > max_row_bytes_) {
          too_large();
          break;
        }
        end_field(offset, true);
        ++newlines;
        ++offset;
        break;
      }
      if (after_quote) {
        if (c == '\r') {  // the CR of a CRLF after a quoted last field
          ++offset;
          continue;
        }
        if (offset > max_row_bytes_) {
          too_large();
          break;
        }
        problem = SkipReason::invalid_csv_row;
        detail = SkipDetail(MessageId::csv_text_after_quote);
        break;
      }
      // A quote opens a quoted field only at its start; elsewhere it is kept as text.
      if (c == '"' && offset == field_start) {
        in_quotes = quoted = true;
      }
      ++offset;
    }

    if (problem) {
      out.line = start_line;
      out.problem = problem;
      out.detail = detail;
      // A row that reaches past max_row_bytes_ with no line end before is
      // dropped as it is read, never held whole; whether its bytes are
      // binary is told by those up to the limit alone, so that it does not
      // depend on how many were read at once.
      const std::size_t limit_end = max_row_bytes_ + 1;
      if (problem == SkipReason::record_too_large &&
          (first_newline == kNone || first_newline >= limit_end)) {
        if (std::memchr(data_ + begin_, '\0', limit_end) != nullptr) {
          // No CSV text holds a NUL byte: a stream that sends them with no
          // line end (`/dev/zero`) is binary, and may never end; nothing
          // more is read.
          out.detail = SkipDetail(MessageId::binary_without_line_end);
          begin_ = end_;
          eof_ = true;
        } else if (first_newline != kNone) {
          resync(first_newline, start_line);
        } else {
          begin_ += offset;
          discard_line();
        }
      } else {
        resync(first_newline, start_line);
      }
      return true;
    }
    line_ += newlines;
    const bool blank = spans_.size() == 1 && spans_[0].begin == spans_[0].end &&
                       !spans_[0].has_doubled_quotes && (offset == 0 || data_[begin_] != '"');
    if (blank) {
      begin_ += offset;
      continue;
    }
    make_fields();
    begin_ += offset;
    out.fields = fields_;
    out.line = start_line;
    return true;
  }
}

}  // namespace iothub_diag
