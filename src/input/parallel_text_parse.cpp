#include "parallel_text_parse.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "recorded_calls.hpp"

#include <iothub_diag/input/json_record_parser.hpp>

namespace iothub_diag {
namespace {

// A text copied out of the splitter's buffer: its place in the batch's bytes
// (followed there by kTextPadding spaces) and what the splitter said of it.
struct CopiedText {
  std::size_t offset = 0;
  std::size_t size = 0;
  std::uint64_t line = 0;
  std::uint64_t index = 0;
  JsonTextKind kind = JsonTextKind::value;
  std::uint64_t table = 0;
  std::optional<SkipReason> problem;
  std::string detail;
  bool priming = false;  // read again only to set the parser's table columns
};

struct TextBatch {
  std::string bytes;
  std::vector<CopiedText> texts;
  RecordedCalls calls;  // what its records gave
  bool parsed = false;

  void add(const JsonText& text, bool priming) {
    texts.push_back(CopiedText{bytes.size(), text.text.size(), text.line, text.index, text.kind,
                               text.table, text.problem, std::string(text.detail), priming});
    bytes.append(text.text);
    bytes.append(kTextPadding, ' ');
  }
  void clear() noexcept {
    bytes.clear();
    texts.clear();
    calls.clear();
    parsed = false;
  }
};

// Calls made by priming: the table's columns were already reported where they came.
class DiscardingSink final : public RecordSink {
 public:
  void on_event(const Event& /*event*/, const SourceLocation& /*location*/) override {}
  void on_skip(SkipReason /*reason*/, const SourceLocation& /*location*/,
               std::string_view /*detail*/) override {}
  void on_metric_series(const MetricSeries& /*series*/) override {}
  void on_health_event(const HealthEvent& /*event*/) override {}
  void on_activity_event() override {}
  void on_metric_document() override {}
};

// A batch goes to the workers at this many texts or bytes; at most
// kBatchesPerWorker per worker are parsed or waiting, so memory stays bounded.
constexpr std::size_t kBatchTexts = 2048;
constexpr std::size_t kBatchBytes = std::size_t{2} << 20;
constexpr std::size_t kBatchesPerWorker = 3;

class TextPipeline {
 public:
  TextPipeline(std::string_view name, RecordSink& sink, unsigned workers)
      : name_(name), sink_(sink), limit_(std::size_t{workers} * kBatchesPerWorker) {
    for (unsigned i = 0; i < workers; ++i)
      workers_.emplace_back([this] { work(); });
  }
  TextPipeline(const TextPipeline&) = delete;
  TextPipeline& operator=(const TextPipeline&) = delete;
  ~TextPipeline() { stop(); }

  std::uint64_t run(JsonTextSplitter& splitter) {
    std::unique_ptr<TextBatch> batch = new_batch();
    JsonText text;
    std::uint64_t last_line = 1;
    while (splitter.next(text)) {
      batch->add(text, /*priming=*/false);
      if (text.kind == JsonTextKind::table_columns) {
        columns_ = TextBatch{};
        columns_->add(text, /*priming=*/true);
      }
      last_line = text.line;
      if (batch->texts.size() >= kBatchTexts || batch->bytes.size() >= kBatchBytes) {
        submit(std::move(batch));
        batch = new_batch();
      }
    }
    if (!batch->texts.empty()) submit(std::move(batch));
    replay_parsed(/*all=*/true);
    stop();
    return last_line;
  }

 private:
  // A batch that starts from the current table's columns, if any.
  std::unique_ptr<TextBatch> new_batch() {
    std::unique_ptr<TextBatch> batch;
    {
      const std::lock_guard lock(mutex_);
      if (!spare_.empty()) {
        batch = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    if (!batch) batch = std::make_unique<TextBatch>();
    if (columns_) {
      const CopiedText& columns = columns_->texts.front();
      batch->texts.push_back(columns);
      batch->texts.back().offset = batch->bytes.size();
      batch->bytes.append(columns_->bytes);
    }
    return batch;
  }

  void submit(std::unique_ptr<TextBatch> batch) {
    {
      const std::lock_guard lock(mutex_);
      waiting_.push_back(batch.get());
      in_order_.push_back(std::move(batch));
    }
    changed_.notify_all();
    // Replays what is parsed; waits while too many batches are out.
    replay_parsed(/*all=*/false);
  }

  // Makes the calls of the parsed batches at the front, in order, on the sink:
  // all of them (waiting for each), or those ready, waiting only while more
  // than the limit are out.
  void replay_parsed(bool all) {
    for (;;) {
      std::unique_ptr<TextBatch> done;
      {
        std::unique_lock lock(mutex_);
        if (in_order_.empty()) return;
        if (all || in_order_.size() > limit_)
          changed_.wait(lock, [this] { return failure_ || in_order_.front()->parsed; });
        if (failure_) std::rethrow_exception(failure_);
        if (!in_order_.front()->parsed) return;
        done = std::move(in_order_.front());
        in_order_.pop_front();
      }
      done->calls.replay(sink_);
      done->clear();
      const std::lock_guard lock(mutex_);
      spare_.push_back(std::move(done));
    }
  }

  void work() {
    JsonRecordParser parser;
    DiscardingSink discard;
    for (;;) {
      TextBatch* batch = nullptr;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
        if (stopping_ || waiting_.empty()) return;
        batch = waiting_.front();
        waiting_.pop_front();
      }
      try {
        for (const CopiedText& copied : batch->texts) {
          const JsonText text{std::string_view(batch->bytes).substr(copied.offset, copied.size),
                              copied.line,
                              copied.index,
                              copied.kind,
                              copied.table,
                              copied.problem,
                              copied.detail};
          if (copied.priming)
            parser.parse(text, name_, discard);
          else
            parser.parse(text, name_, batch->calls);
        }
      } catch (...) {
        const std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
      }
      {
        const std::lock_guard lock(mutex_);
        batch->parsed = true;
      }
      changed_.notify_all();
    }
  }

  void stop() noexcept {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    for (std::thread& worker : workers_)
      if (worker.joinable()) worker.join();
  }

  std::string_view name_;
  RecordSink& sink_;
  const std::size_t limit_;
  std::optional<TextBatch> columns_;  // the current table's columns, for the next batches

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<TextBatch>> in_order_;  // every batch out, in the splitter's order
  std::deque<TextBatch*> waiting_;                   // those no worker has taken yet
  std::vector<std::unique_ptr<TextBatch>> spare_;    // replayed, their memory kept
  std::exception_ptr failure_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace

std::uint64_t parse_texts_in_parallel(JsonTextSplitter& splitter, std::string_view name,
                                      RecordSink& sink, unsigned workers) {
  TextPipeline pipeline(name, sink, workers);
  return pipeline.run(splitter);
}

}  // namespace iothub_diag
