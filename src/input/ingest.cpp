#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iothub_diag/core/heap_steps.hpp>
#include <iothub_diag/core/page_fault_cost.hpp>
#include <iothub_diag/core/release_memory.hpp>
#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/input/mapped_file_range.hpp>

namespace iothub_diag {
namespace {

// Counts the bytes read from files (before any decompression) for the progress
// line. Reading threads add to it; `progress` is told from one thread at a time:
// on every read of the thread that reads into the caller's sink (reading alone,
// or a whole file read in place while it holds the merge lock), else after each
// merge.
struct ByteCounter {
  std::atomic<std::uint64_t> total{0};
  IngestProgress* progress = nullptr;
};

// Whether a source's reads tell the progress line (see ByteCounter).
enum class ReadReport : bool { at_merges, each_read };

class CountingSource final : public ByteSource {
 public:
  CountingSource(ByteSource& source, ByteCounter& counter, ReadReport report)
      : source_(source), counter_(counter), report_(report) {}
  std::size_t read(std::span<char> buffer) override {
    const std::size_t read = source_.read(buffer);
    count(read);
    return read;
  }
  std::optional<StreamError> error() const override { return source_.error(); }
  std::optional<std::string_view> view() override {
    const std::optional<std::string_view> bytes = source_.view();
    if (bytes) count(bytes->size());
    return bytes;
  }

 private:
  void count(std::uint64_t bytes) {
    const std::uint64_t total = counter_.total += bytes;
    if (report_ == ReadReport::each_read && counter_.progress != nullptr)
      counter_.progress->on_bytes(total);
  }

  ByteSource& source_;
  ByteCounter& counter_;
  ReadReport report_;
};

// Owns a source and counts what is read from it.
class OwningCountingSource final : public ByteSource {
 public:
  OwningCountingSource(std::unique_ptr<ByteSource> source, ByteCounter& counter, ReadReport report)
      : source_(std::move(source)), counting_(*source_, counter, report) {}
  std::size_t read(std::span<char> buffer) override { return counting_.read(buffer); }
  std::optional<StreamError> error() const override { return counting_.error(); }
  std::optional<std::string_view> view() override { return counting_.view(); }

 private:
  std::unique_ptr<ByteSource> source_;
  CountingSource counting_;
};

std::string_view display_name(const InputFile& file) {
  return file.path == "-" ? std::string_view("<stdin>") : std::string_view(file.path);
}

// A FIFO or character device (`/dev/zero`, a process substitution): read like
// stdin, to its end, which only its writer decides.
bool is_pipe(const InputFile& file) {
  struct stat info {};
  return file.path != "-" && ::stat(file.path.c_str(), &info) == 0 &&
         (S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode));
}

// Says why a file could not be read: the system's reason, in the report's
// language, or the words of whatever else failed.
void report_unreadable(IngestSink& sink, std::string_view name, const std::runtime_error& error) {
  const auto* system = dynamic_cast<const std::system_error*>(&error);
  if (system != nullptr && (system->code().category() == std::generic_category() ||
                            system->code().category() == std::system_category())) {
    const StreamError failure = StreamError::from_errno(system->code().value());
    sink.on_file_problem(SkipReason::unreadable_file, name, failure.detail());
    return;
  }
  sink.on_file_problem(SkipReason::unreadable_file, name, SkipDetail::as_given(error.what()));
}

// Reads one whole file into `sink`, from its start to its end.
bool read_whole_file(const InputFile& file, const ReadOptions& options, IngestSink& sink,
                     ByteCounter& counter, ReadReport report) {
  const std::string_view name = display_name(file);
  if (is_pipe(file)) sink.on_note(pipe_note(name));
  std::unique_ptr<ByteSource> source;
  try {
    source = std::make_unique<OwningCountingSource>(std::make_unique<FileSource>(file.path),
                                                    counter, report);
  } catch (const std::runtime_error& error) {
    sink.count_file();
    report_unreadable(sink, name, error);
    return false;
  }
  const StreamOutcome outcome = read_stream(std::move(source), name, options, sink);
  // One of this tool's own outputs is not among the files of logs.
  if (outcome != StreamOutcome::passed_over) sink.count_file();
  return outcome == StreamOutcome::read || outcome == StreamOutcome::empty;
}

// One unit of work: a whole file, or a piece [begin, end) of a JSON Lines file.
struct WorkItem {
  std::size_t file = 0;  // index in the walk
  bool whole = true;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};

// Reads up to `size` bytes at `offset` (fewer at the end of the file).
std::string read_at(int descriptor, std::uint64_t offset, std::size_t size) {
  std::string bytes(size, '\0');
  std::size_t have = 0;
  while (have < size) {
    const ssize_t count =
        ::pread(descriptor, bytes.data() + have, size - have, static_cast<off_t>(offset + have));
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) break;
    have += static_cast<std::size_t>(count);
  }
  bytes.resize(have);
  return bytes;
}

// The offset just past the first newline at or after `from`, or `size` when none.
std::uint64_t next_line_start(int descriptor, std::uint64_t from, std::uint64_t size) {
  constexpr std::size_t kBlock = std::size_t{64} * 1024;
  for (std::uint64_t offset = from; offset < size; offset += kBlock) {
    const std::string block = read_at(descriptor, offset, kBlock);
    if (block.empty()) break;
    if (const std::size_t newline = block.find('\n'); newline != std::string::npos)
      return offset + newline + 1;
  }
  return size;
}

// Cuts a large JSON Lines file into pieces at line ends; a single whole item otherwise.
void plan_file(std::size_t index, const InputFile& file, const ReadOptions& options,
               const IngestOptions& ingest, std::vector<WorkItem>& items) {
  const WorkItem whole{index, true, 0, 0};
  struct stat info {};
  if (file.path == "-" || ::stat(file.path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    items.push_back(whole);
    return;
  }
  const auto size = static_cast<std::uint64_t>(info.st_size);
  const std::uint64_t wanted_bytes =
      ingest.piece_bytes != 0 ? ingest.piece_bytes : kAutomaticPieceBytes;
  if (size < 2 * wanted_bytes) {
    items.push_back(whole);
    return;
  }
  // Pieces of equal size: a remainder spread over all of them, not left to the
  // last one, which would finish long after the others.
  const std::uint64_t pieces = size / wanted_bytes;
  const std::uint64_t piece_bytes = (size + pieces - 1) / pieces;
  const int descriptor = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) {
    items.push_back(whole);
    return;
  }
  if (!reads_as_json_lines(read_at(descriptor, 0, kDetectionBytes), options)) {
    ::close(descriptor);
    items.push_back(whole);
    return;
  }
  std::uint64_t begin = 0;
  while (begin < size) {
    const std::uint64_t end = size - begin <= piece_bytes + piece_bytes / 2
                                  ? size
                                  : next_line_start(descriptor, begin + piece_bytes - 1, size);
    items.push_back(WorkItem{index, false, begin, end});
    begin = end;
  }
  ::close(descriptor);
}

// What one work item produced, waiting to be merged in work-list order.
struct ItemResult {
  std::unique_ptr<IngestSink> sink;
  std::uint64_t lines = 0;  // lines of its piece (pieces only)
  bool file_read = false;
  bool ends_file = false;  // binary data ended the read: the file's later pieces are not merged
};

// The work list read on up to `threads` threads (one runs it too, in order).
class ParallelIngest {
 public:
  ParallelIngest(const WalkResult& walk, const ReadOptions& options, const IngestOptions& ingest,
                 IngestSink& sink, ByteCounter& counter)
      : walk_(walk), options_(options), sink_(sink), counter_(counter) {
    // A piece size asked for also sizes the chunks of a CSV whose rows other
    // threads cut, up to 16 MiB: a chunk is copied into memory, a piece is mapped
    // only while it is read, and only up to 64 MiB (MappedFileRange::kMostBytes).
    if (ingest.piece_bytes != 0)
      csv_chunk_bytes_ = static_cast<std::size_t>(
          std::min<std::uint64_t>(ingest.piece_bytes, std::uint64_t{16} << 20));
    for (std::size_t file = 0; file < walk.files.size(); ++file)
      plan_file(file, walk.files[file], options, ingest, items_);
    results_.resize(items_.size());
    // The page faults are measured only when there are pieces to read.
    const bool pieces =
        std::any_of(items_.begin(), items_.end(), [](const WorkItem& item) { return !item.whole; });
    map_pieces_ =
        pieces && (ingest.piece_reading == PieceReading::mapped ||
                   (ingest.piece_reading == PieceReading::automatic && !page_faults_dear()));
  }

  // `expected_bytes` sizes the sink's tables (IngestSink::expect_input_bytes).
  std::uint64_t run(unsigned threads, std::uint64_t expected_bytes) {
    // Fewer items than threads (one large query answer or CSV, say): the cores
    // left over parse a document's texts, or cut a CSV's rows, beside the
    // threads that read them.
    whole_file_options_ = options_;
    whole_file_options_.csv_chunk_bytes = csv_chunk_bytes_;
    if (!items_.empty() && items_.size() < threads)
      whole_file_options_.parse_threads =
          static_cast<unsigned>((threads - items_.size()) / items_.size());
    std::vector<std::thread> workers;
    const auto count = std::min<std::size_t>(threads, items_.size());
    most_ahead_ = kItemsAheadPerThread * std::max<std::size_t>(count, 1);
    for (std::size_t t = 1; t < count; ++t)
      workers.emplace_back([this] { work(); });
    {
      // Sized while the other threads already read: only a merge touches the sink, and
      // none starts before this ends. (Zeroing the duplicate filter alone takes milliseconds.)
      const std::lock_guard merging(merge_mutex_);
      sink_.expect_input_bytes(expected_bytes);
    }
    work();
    for (std::thread& worker : workers)
      worker.join();
    if (failure_) std::rethrow_exception(failure_);
    merge_ready();
    return files_read_;
  }

 private:
  void work() {
    try {
      for (;;) {
        const std::size_t index = next_item_.fetch_add(1);
        if (index >= items_.size() || stop_.load()) return;
        wait_for_merges(index);
        if (read_in_place(index)) {
          merge_ready();
          continue;
        }
        ItemResult result = read_item(items_[index]);
        {
          const std::lock_guard lock(results_mutex_);
          results_[index] = std::move(result);
        }
        merge_ready();
      }
    } catch (...) {
      const std::lock_guard lock(results_mutex_);
      if (!failure_) failure_ = std::current_exception();
      stop_ = true;
    }
  }

  // Waits until item `index` is at most most_ahead_ items past the merges: a
  // thread that the system holds back while it merges must not leave the
  // others reading on, their pieces piling up unmerged (memory would follow
  // the input, not the threads). A waiting thread merges what it can itself,
  // and looks again at least every millisecond: a result stored while another
  // thread was leaving the merge waits for the next merge_ready().
  void wait_for_merges(std::size_t index) {
    for (;;) {
      merge_ready();
      std::unique_lock lock(merged_mutex_);
      if (index < merged_.load() + most_ahead_ || stop_.load()) return;
      merged_signal_.wait_for(lock, std::chrono::milliseconds(1));
    }
  }

  // A piece sink left empty by an earlier merge, or a new one.
  std::unique_ptr<IngestSink> spare_sink() {
    {
      const std::lock_guard lock(results_mutex_);
      if (!spares_.empty()) {
        std::unique_ptr<IngestSink> sink = std::move(spares_.back());
        spares_.pop_back();
        return sink;
      }
    }
    return sink_.new_piece();
  }

  // Reads a whole file straight into the caller's sink when everything before
  // it is merged (the only file, say) and no other thread is merging: a piece
  // sink would hold the whole file beside the caller's sink, and merging it
  // would copy it all again. Holding the merge lock meanwhile keeps the other
  // threads' items waiting, in order, as they would wait for this item's merge.
  bool read_in_place(std::size_t index) {
    const WorkItem& item = items_[index];
    if (!item.whole) return false;
    const std::unique_lock merging(merge_mutex_, std::try_to_lock);
    if (!merging.owns_lock() || next_merge_ != index) return false;
    if (read_whole_file(walk_.files[item.file], whole_file_options_, sink_, counter_,
                        ReadReport::each_read))
      ++files_read_;
    lines_before_ = 0;
    ++next_merge_;
    merged_ = next_merge_;
    merged_signal_.notify_all();
    if (counter_.progress != nullptr) counter_.progress->on_bytes(counter_.total.load());
    return true;
  }

  ItemResult read_item(const WorkItem& item) {
    ItemResult result{spare_sink(), 0, false};
    const InputFile& file = walk_.files[item.file];
    if (item.whole) {
      result.file_read =
          read_whole_file(file, whole_file_options_, *result.sink, counter_, ReadReport::at_merges);
      return result;
    }
    // A piece is read where it lies in a mapping of the file, when one can be
    // made. A file cut short meanwhile had zeros read in place of its lost
    // bytes: the piece is read again with pread, into a new sink, and gives what
    // a read of the shorter file gives.
    if (map_pieces_) {
      if (const std::unique_ptr<MappedFileRange> mapped =
              MappedFileRange::map(file.path, item.begin, item.end)) {
        start_piece(item, *result.sink);
        const PieceRead read = read_piece(*mapped, item, *result.sink);
        result.lines = read.lines;
        result.ends_file = read.ends_stream;
        result.file_read = item.begin == 0;
        if (!mapped->cut()) return result;
        counter_.total -= item.end - item.begin;
        result = ItemResult{sink_.new_piece(), 0, false};
      }
    }
    start_piece(item, *result.sink);
    try {
      FileRangeSource range(file.path, item.begin, item.end);
      const PieceRead read = read_piece(range, item, *result.sink);
      result.lines = read.lines;
      result.ends_file = read.ends_stream;
      result.file_read = item.begin == 0;
    } catch (const std::runtime_error& error) {
      // The file was there when the work was planned; report it once, for its first piece.
      if (item.begin == 0) report_unreadable(*result.sink, display_name(file), error);
    }
    return result;
  }

  // Readies `sink` for the piece `item`: its file is counted with its first piece.
  static void start_piece(const WorkItem& item, IngestSink& sink) {
    if (item.begin == 0) sink.count_file();
    sink.expect_input_bytes(item.end - item.begin);
  }

  // Reads the piece `item` from `bytes` into `sink`.
  PieceRead read_piece(ByteSource& bytes, const WorkItem& item, IngestSink& sink) {
    CountingSource source(bytes, counter_, ReadReport::at_merges);
    return read_json_lines_piece(source, display_name(walk_.files[item.file]),
                                 item.begin == 0 ? StreamPiece::first : StreamPiece::later,
                                 options_, sink);
  }

  // Merges the finished items that come next in work-list order. One thread
  // merges at a time; one that finds the merge busy leaves its item to it or to
  // the final call after the workers end.
  void merge_ready() {
    const std::unique_lock merging(merge_mutex_, std::try_to_lock);
    if (!merging.owns_lock()) return;
    for (;;) {
      std::optional<ItemResult> result;
      {
        const std::lock_guard lock(results_mutex_);
        if (next_merge_ >= results_.size() || !results_[next_merge_]) return;
        result = std::move(results_[next_merge_]);
        results_[next_merge_].reset();
      }
      const WorkItem& item = items_[next_merge_];
      if (item.whole || item.begin == 0) {
        lines_before_ = 0;
        file_ended_ = false;
      }
      if (file_ended_) {
        // A read of the whole file stopped at the binary data an earlier piece
        // met: what this piece read is dropped, as that read would not have read it.
        result->sink = sink_.new_piece();
      } else {
        sink_.merge_piece(*result->sink, lines_before_);
        lines_before_ += result->lines;
        file_ended_ = result->ends_file;
      }
      if (result->file_read) ++files_read_;
      ++next_merge_;
      merged_ = next_merge_;
      merged_signal_.notify_all();
      {
        // Emptied by the merge, its memory kept for the next item.
        const std::lock_guard lock(results_mutex_);
        spares_.push_back(std::move(result->sink));
      }
      // The merging thread is the only one touching the sink: the progress line may read it.
      if (counter_.progress != nullptr) counter_.progress->on_bytes(counter_.total.load());
    }
  }

  const WalkResult& walk_;
  const ReadOptions& options_;
  bool map_pieces_ = false;          // IngestOptions::piece_reading, decided
  ReadOptions whole_file_options_;   // options_, with parse_threads decided by run()
  std::size_t csv_chunk_bytes_ = 0;  // 0: kCsvChunkBytes
  IngestSink& sink_;
  ByteCounter& counter_;
  std::vector<WorkItem> items_;
  std::atomic<std::size_t> next_item_{0};
  std::atomic<bool> stop_{false};
  std::mutex results_mutex_;
  std::vector<std::optional<ItemResult>> results_;
  std::vector<std::unique_ptr<IngestSink>> spares_;  // guarded by results_mutex_
  std::exception_ptr failure_;
  std::mutex merge_mutex_;
  std::size_t next_merge_ = 0;  // guarded by merge_mutex_
  // Items a thread may read ahead of the merges: enough that no thread waits
  // while the others read at full speed, few enough to bound the pieces held.
  static constexpr std::size_t kItemsAheadPerThread = 3;
  std::size_t most_ahead_ = kItemsAheadPerThread;
  std::atomic<std::size_t> merged_{0};  // next_merge_, for the threads that wait on it
  std::mutex merged_mutex_;
  std::condition_variable merged_signal_;
  std::uint64_t lines_before_ = 0;  // lines of the current file merged so far
  bool file_ended_ = false;         // a merged piece of the current file ended its read
  std::uint64_t files_read_ = 0;
};

}  // namespace

Message pipe_note(std::string_view name) {
  return Message{MessageId::pipe_read, {name}};
}

IngestResult ingest_paths(const std::vector<std::string>& paths, const ReadOptions& options,
                          IngestSink& sink, const IngestOptions& ingest, IngestProgress* progress) {
  ByteCounter counter;
  counter.progress = progress;
  IngestResult result;
  WalkResult walk = walk_paths(paths.empty() ? std::vector<std::string>{"-"} : paths);
  result.path_problems = std::move(walk.problems);
  std::uint64_t bytes = 0;
  for (const InputFile& file : walk.files) {
    struct stat info {};
    if (file.path != "-" && ::stat(file.path.c_str(), &info) == 0 && S_ISREG(info.st_mode))
      bytes += static_cast<std::uint64_t>(info.st_size);
  }
  // Said before anything is read: opening a pipe waits for its writer.
  if (ingest.on_pipe) {
    for (const InputFile& file : walk.files)
      if (is_pipe(file)) ingest.on_pipe(pipe_note(display_name(file)));
  }
  {
    // One thread reads the same work list: a large JSON Lines file in pieces,
    // each with device tables small enough to stay in cache (ingest.hpp,
    // kAutomaticPieceBytes). The reading grows the heap steadily: in 32 MiB
    // steps, not 128 KiB ones (docs/ARCHITECTURE.md, "Why not X").
    const WideHeapSteps steps(std::size_t{32} << 20);
    ParallelIngest parallel(walk, options, ingest, sink, counter);
    result.files_read = parallel.run(std::max(1u, ingest.threads), bytes);
  }
  // The pieces' sinks were freed in the workers' malloc arenas, which keep the
  // pages; the analysis allocates from the main arena. Handing them back also
  // frees the free pages inside the main arena, which the analysis then
  // faults in again 4 KiB at a time instead of reusing its huge pages. With
  // one worker arena beside the main one that costs more than it saves
  // (docs/ARCHITECTURE.md, "Why not X"); with more, their pages weigh on the peak.
  if (ingest.threads > 2) release_free_memory();
  return result;
}

}  // namespace iothub_diag
