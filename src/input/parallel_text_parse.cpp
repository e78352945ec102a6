#include "parallel_text_parse.hpp"

#include <cassert>
#include <optional>
#include <string>
#include <vector>

#include "ordered_batches.hpp"
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
  SkipDetail detail;     // the splitter's own sentence, without values
  bool priming = false;  // read again only to set the parser's table columns
};

struct TextBatch {
  std::string bytes;
  std::vector<CopiedText> texts;
  RecordedCalls calls;  // what its records gave

  void add(const JsonText& text, bool priming) {
    assert(text.detail.value(0).empty());  // a copy outlives the splitter's buffer
    texts.push_back(CopiedText{bytes.size(), text.text.size(), text.line, text.index, text.kind,
                               text.table, text.problem, text.detail, priming});
    bytes.append(text.text);
    bytes.append(kTextPadding, ' ');
  }
  void clear() noexcept {
    bytes.clear();
    texts.clear();
    calls.clear();
  }
};

// Calls made by priming: the table's columns were already reported where they came.
class DiscardingSink final : public RecordSink {
 public:
  void on_event(const Event& /*event*/, const SourceLocation& /*location*/) override {}
  void on_skip(SkipReason /*reason*/, const SourceLocation& /*location*/,
               const SkipDetail& /*detail*/) override {}
  void on_metric_series(const MetricSeries& /*series*/) override {}
  void on_health_event(const HealthEvent& /*event*/) override {}
  void on_activity_event() override {}
  void on_metric_document() override {}
};

// Parses a batch's texts, each with what the splitter said of it.
class TextParser {
 public:
  explicit TextParser(std::string_view name) : name_(name) {}

  void operator()(TextBatch& batch) {
    for (const CopiedText& copied : batch.texts) {
      const JsonText text{std::string_view(batch.bytes).substr(copied.offset, copied.size),
                          copied.line,
                          copied.index,
                          copied.kind,
                          copied.table,
                          copied.problem,
                          copied.detail};
      if (copied.priming)
        parser_.parse(text, name_, discard_);
      else
        parser_.parse(text, name_, batch.calls);
    }
  }

 private:
  std::string_view name_;
  JsonRecordParser parser_;
  DiscardingSink discard_;
};

// A batch goes to the workers at this many texts or bytes.
constexpr std::size_t kBatchTexts = 2048;
constexpr std::size_t kBatchBytes = std::size_t{2} << 20;

class TextPipeline {
 public:
  TextPipeline(std::string_view name, RecordSink& sink, unsigned workers)
      : name_(name),
        batches_([&sink](TextBatch& batch) { batch.calls.replay(sink); }, workers, name_) {}

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
        batches_.submit(std::move(batch));
        batch = new_batch();
      }
    }
    if (!batch->texts.empty()) batches_.submit(std::move(batch));
    batches_.finish();
    return last_line;
  }

 private:
  // A batch that starts from the current table's columns, if any.
  std::unique_ptr<TextBatch> new_batch() {
    std::unique_ptr<TextBatch> batch = batches_.new_batch();
    if (columns_) {
      const CopiedText& columns = columns_->texts.front();
      batch->texts.push_back(columns);
      batch->texts.back().offset = batch->bytes.size();
      batch->bytes.append(columns_->bytes);
    }
    return batch;
  }

  std::string_view name_;
  std::optional<TextBatch> columns_;  // the current table's columns, for the next batches
  OrderedBatches<TextBatch, TextParser> batches_;
};

}  // namespace

std::uint64_t parse_texts_in_parallel(JsonTextSplitter& splitter, std::string_view name,
                                      RecordSink& sink, unsigned workers) {
  TextPipeline pipeline(name, sink, workers);
  return pipeline.run(splitter);
}

}  // namespace iothub_diag
