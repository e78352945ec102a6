#include "parallel_csv_split.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ordered_batches.hpp"

#include <iothub_diag/core/byte_scan.hpp>

namespace iothub_diag {
namespace {

// A source read through, not owned: the rest of the stream after the bytes a
// PrefixedSource gives back first.
class BorrowedSource final : public ByteSource {
 public:
  explicit BorrowedSource(ByteSource& source) : source_(source) {}
  std::size_t read(std::span<char> buffer) override { return source_.read(buffer); }
  std::optional<StreamError> error() const override { return source_.error(); }

 private:
  ByteSource& source_;
};

// Whole lines of the stream, and once cut, their rows.
struct CsvChunk {
  struct Row {
    std::uint64_t line = 0;
    std::size_t cells = 0;
    std::optional<SkipReason> problem;
    SkipDetail detail;  // the splitter's own sentence, without values
  };

  std::string raw;  // ends after a line end, but the stream's last chunk
  std::uint64_t first_line = 1;
  bool last = false;  // ends the stream
  // Cut by a worker:
  bool whole = false;             // no row was left open at the end: the next chunk starts a row
  std::string cells;              // the rows' cells, unescaped, one after another
  std::vector<std::size_t> ends;  // end of each cell in `cells`
  std::vector<Row> rows;
  // Read ahead, when the thread's reader read every row:
  bool read = false;
  RecordedCalls calls;
  std::uint64_t last_row_line = 0;  // the line of the last row read ahead; 0: none

  void clear() noexcept {
    raw.clear();
    last = false;
    whole = false;
    cells.clear();
    ends.clear();
    rows.clear();
    read = false;
    calls.clear();
    last_row_line = 0;
  }

  // Row `index`, its fields put in `fields`; `cell` is the index of its first cell,
  // moved past its last.
  CsvRow row(std::size_t index, std::size_t& cell, std::vector<std::string_view>& fields) const {
    const Row& cut = rows[index];
    fields.clear();
    for (std::size_t i = 0; i < cut.cells; ++i, ++cell) {
      const std::size_t start = cell == 0 ? 0 : ends[cell - 1];
      fields.emplace_back(std::string_view(cells).substr(start, ends[cell] - start));
    }
    CsvRow out;
    out.fields = fields;
    out.line = cut.line;
    out.problem = cut.problem;
    out.detail = cut.detail;
    return out;
  }
};

// What each thread that cuts chunks is given.
struct CutContext {
  const CsvSplitSettings* settings = nullptr;
  const CsvReadAhead* ahead = nullptr;
};

// Cuts a chunk's rows as a splitter reading the chunk alone does, then reads
// them ahead when given a reader.
class ChunkCutter {
 public:
  explicit ChunkCutter(const CutContext& context)
      : settings_(*context.settings),
        reader_(context.ahead != nullptr && context.ahead->reader ? context.ahead->reader()
                                                                  : nullptr) {}

  // Most chunks are read as they are cut, each row while the splitter still
  // holds it. A chunk with a row the reader cannot read yet is cut again and
  // its rows kept, to be taken in their turn.
  void operator()(CsvChunk& chunk) {
    if (reader_ && cut_and_read(chunk)) return;
    cut(chunk);
  }

 private:
  // Cuts the chunk as a splitter reading it alone does, and has every row
  // visited: false as soon as `visit` is, true when the chunk ends. A quoted
  // field still open where the chunk ends may go on in the next one (the
  // splitter reading the whole stream would not stop there): then the chunk
  // is not whole, and true is returned.
  template <class Visit>
  bool each_row(CsvChunk& chunk, Visit&& visit) const {
    CsvRowSplitter splitter(std::string_view(chunk.raw), settings_.max_row_bytes);
    splitter.set_delimiter(settings_.delimiter);
    splitter.start_at_line(chunk.first_line);
    CsvRow row;
    while (splitter.next(row)) {
      if (row.problem == SkipReason::truncated_record && !chunk.last) return true;
      if (!visit(row)) return false;
    }
    chunk.whole = true;
    return true;
  }

  // The chunk's rows kept, for `take` in their turn.
  void cut(CsvChunk& chunk) const {
    each_row(chunk, [&chunk](const CsvRow& row) {
      for (const std::string_view cell : row.fields) {
        chunk.cells.append(cell);
        chunk.ends.push_back(chunk.cells.size());
      }
      assert(row.detail.value(0).empty());  // a copy outlives the splitter's buffer
      chunk.rows.push_back(CsvChunk::Row{row.line, row.fields.size(), row.problem, row.detail});
      return true;
    });
  }

  // All the chunk's rows read into its calls, or none: false, with the chunk
  // as it came, when the reader cannot read one of them yet. A chunk that is
  // not whole keeps no calls either: its rows are cut again elsewhere.
  bool cut_and_read(CsvChunk& chunk) {
    const bool read = each_row(chunk, [&](const CsvRow& row) {
      if (!reader_->read(row, chunk.calls)) return false;
      chunk.last_row_line = row.line;
      return true;
    });
    if (read && chunk.whole) {
      chunk.read = true;
      return true;
    }
    chunk.calls.clear();
    chunk.last_row_line = 0;
    chunk.whole = false;
    return read;
  }

  const CsvSplitSettings& settings_;
  std::unique_ptr<CsvRowReader> reader_;
};

// Where to end a chunk of `bytes`: after the last line end with an even
// number of quotes before it (outside any quoted field, unless a quote is
// text inside an unquoted field), else after the last line end; npos when
// there is none.
std::size_t chunk_end(std::string_view bytes) {
  std::size_t quotes = count_byte<'"'>(bytes.data(), bytes.data() + bytes.size());
  std::size_t last_newline = std::string_view::npos;
  for (std::size_t i = bytes.size(); i-- > 0;) {
    // `quotes` counts those in bytes[0, i + 1).
    if (bytes[i] == '"') {
      --quotes;
    } else if (bytes[i] == '\n') {
      if (quotes % 2 == 0) return i + 1;
      if (last_newline == std::string_view::npos) last_newline = i + 1;
    }
  }
  return last_newline;
}

std::uint64_t split_on_this_thread(ByteSource& source, const CsvSplitSettings& settings,
                                   std::uint64_t first_line, std::uint64_t last_line,
                                   const std::function<bool(const CsvRow&)>& take) {
  CsvRowSplitter splitter(source, settings.max_row_bytes);
  splitter.set_delimiter(settings.delimiter);
  splitter.start_at_line(first_line);
  CsvRow row;
  while (splitter.next(row)) {
    last_line = row.line;
    if (!take(row)) break;
  }
  return last_line;
}

class ParallelCsvSplit {
 public:
  ParallelCsvSplit(ByteSource& source, const CsvSplitSettings& settings, std::size_t chunk_bytes,
                   const std::function<bool(const CsvRow&)>& take, const CsvReadAhead* ahead)
      : source_(source),
        settings_(settings),
        chunk_bytes_(chunk_bytes),
        take_(take),
        ahead_(ahead),
        next_line_(settings.first_line) {}

  std::uint64_t run(unsigned workers) {
    {
      const CutContext context{&settings_, ahead_};
      OrderedBatches<CsvChunk, ChunkCutter> chunks([this](CsvChunk& chunk) { take_chunk(chunk); },
                                                   workers, context);
      // The first chunk is cut here, and its rows taken one by one: its header
      // decides whether the rest is read at all, and how.
      std::unique_ptr<CsvChunk> chunk = chunks.new_batch();
      if (next_chunk(*chunk)) {
        ChunkCutter{CutContext{&settings_, nullptr}}(*chunk);
        take_chunk(*chunk);
        chunk->clear();
        while (!stopped_ && !fell_back_ && !cut_here_ && next_chunk(*chunk)) {
          chunks.submit(std::move(chunk));
          chunk = chunks.new_batch();
        }
      }
      chunks.finish();
    }
    if (stopped_ || !(fell_back_ || cut_here_)) return last_line_;
    if (!fell_back_) fallback_line_ = next_line_;  // only the bytes not yet in a chunk are left
    rest_ += pending_;
    PrefixedSource rest(std::move(rest_), std::make_unique<BorrowedSource>(source_));
    return split_on_this_thread(rest, settings_, fallback_line_, last_line_, take_);
  }

 private:
  // The next chunk of whole lines, from what is read and not yet in a chunk;
  // false when the stream has ended and nothing is left, or when no line
  // ends in four chunks' worth of bytes (then the rest is cut on this thread,
  // whose splitter has the limits for such rows).
  bool next_chunk(CsvChunk& chunk) {
    while (!ended_ && pending_.size() < chunk_bytes_)
      read_more();
    std::size_t end = ended_ ? pending_.size() : chunk_end(pending_);
    while (end == std::string_view::npos) {
      if (ended_) {
        end = pending_.size();
      } else if (pending_.size() > 4 * chunk_bytes_) {
        cut_here_ = true;
        return false;
      } else {
        read_more();
        end = ended_ ? pending_.size() : chunk_end(pending_);
      }
    }
    if (end == 0) return false;
    // The chunk takes the buffer, and the bytes after its end move to a new one.
    chunk.raw.swap(pending_);
    pending_.assign(chunk.raw, end);
    chunk.raw.resize(end);
    chunk.first_line = next_line_;
    chunk.last = ended_ && pending_.empty();
    next_line_ += count_byte<'\n'>(chunk.raw.data(), chunk.raw.data() + chunk.raw.size());
    return true;
  }

  void read_more() {
    const std::size_t old = pending_.size();
    // Buffers go round between this one and the chunks: sized once, they are
    // reused, where growing each would take fresh pages every time.
    if (pending_.capacity() < old + chunk_bytes_)
      pending_.reserve(std::max(2 * chunk_bytes_, old + chunk_bytes_));
    pending_.resize(old + chunk_bytes_);
    const std::size_t count = source_.read(std::span<char>(pending_.data() + old, chunk_bytes_));
    pending_.resize(old + count);
    ended_ = count == 0;
  }

  // Hands the chunk's rows on, or keeps its bytes (and those of every chunk
  // after it) to be cut again on this thread.
  void take_chunk(CsvChunk& chunk) {
    if (stopped_) return;
    if (fell_back_) {
      rest_ += chunk.raw;
      return;
    }
    if (!chunk.whole) {
      fell_back_ = true;
      fallback_line_ = chunk.first_line;
      rest_ = std::move(chunk.raw);
      return;
    }
    if (chunk.read) {
      ahead_->take_calls(chunk.calls);
      if (chunk.last_row_line != 0) last_line_ = chunk.last_row_line;
      return;
    }
    std::size_t cell = 0;
    for (std::size_t index = 0; index < chunk.rows.size(); ++index) {
      const CsvRow row = chunk.row(index, cell, fields_);
      last_line_ = row.line;
      if (!take_(row)) {
        stopped_ = true;
        return;
      }
    }
  }

  ByteSource& source_;
  const CsvSplitSettings& settings_;
  const std::size_t chunk_bytes_;
  const std::function<bool(const CsvRow&)>& take_;
  const CsvReadAhead* ahead_;

  std::string pending_;  // read, not yet in a chunk
  bool ended_ = false;
  std::uint64_t next_line_;  // the line the next chunk starts on
  std::uint64_t last_line_ = 1;
  std::vector<std::string_view> fields_;
  // Set by take_chunk, which a worker may run, and read by the loop that submits chunks.
  std::atomic<bool> stopped_{false};    // `take` wants no more rows
  std::atomic<bool> fell_back_{false};  // a chunk did not come out whole: the rest is cut here
  bool cut_here_ = false;  // no line end in four chunks' worth: so are the bytes not in a chunk
  std::uint64_t fallback_line_ = 1;
  std::string rest_;  // the bytes from the chunk that did not come out whole on
};

}  // namespace

std::uint64_t split_csv_rows(ByteSource& source, const CsvSplitSettings& settings, unsigned workers,
                             std::size_t chunk_bytes,
                             const std::function<bool(const CsvRow&)>& take,
                             const CsvReadAhead* ahead) {
  // A row within a chunk is never over the size limit, so the limit can never
  // decide differently for a chunk read alone.
  if (workers == 0 || chunk_bytes == 0 || settings.max_row_bytes < 8 * chunk_bytes)
    return split_on_this_thread(source, settings, settings.first_line, 1, take);
  ParallelCsvSplit split(source, settings, chunk_bytes, take, ahead);
  return split.run(workers);
}

}  // namespace iothub_diag
