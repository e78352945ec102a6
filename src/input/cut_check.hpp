#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

// Passes everything a reader makes of one input on to `sink`, counting its
// records (events and skips) and the span of its events, so that an input
// that stops at an export's row cap can be named.
class CutCheckSink final : public RecordSink {
 public:
  explicit CutCheckSink(RecordSink& sink) : sink_(sink) {}

  void on_event(const Event& event, const SourceLocation& location) override {
    ++records_;
    first_ = std::min(first_, event.time);
    last_ = std::max(last_, event.time);
    sink_.on_event(event, location);
  }
  void expect_event(const Event& event) override { sink_.expect_event(event); }
  void on_skip(SkipReason reason, const SourceLocation& location,
               const SkipDetail& detail) override {
    ++records_;
    sink_.on_skip(reason, location, detail);
  }
  void on_note(const Message& note) override { sink_.on_note(note); }
  void on_skipped_404104(SkipReason reason) override { sink_.on_skipped_404104(reason); }
  void on_cut_input(const CutInput& cut) override { sink_.on_cut_input(cut); }
  void on_metric_series(const MetricSeries& series) override { sink_.on_metric_series(series); }
  void on_health_event(const HealthEvent& event) override { sink_.on_health_event(event); }
  void on_activity_event() override { sink_.on_activity_event(); }
  void on_metric_document() override { sink_.on_metric_document(); }

  // A CutInput for `source` with this input's count and span.
  CutInput cut(std::string_view source, CutReason reason, std::string detail) const {
    return CutInput{std::string(source), reason, std::move(detail), records_, first_, last_};
  }
  std::uint64_t records() const noexcept { return records_; }

 private:
  RecordSink& sink_;
  std::uint64_t records_ = 0;
  Timestamp first_ = INT64_MAX;
  Timestamp last_ = INT64_MIN;
};

// Reads through `source`, keeping the last `kept` bytes read: where a query
// answer's members after `tables` (its `error`) sit.
class TailKeepingSource final : public ByteSource {
 public:
  TailKeepingSource(ByteSource& source, std::size_t kept) : source_(source), kept_(kept) {}

  std::size_t read(std::span<char> buffer) override {
    const std::size_t count = source_.read(buffer);
    if (kept_ == 0) return count;
    // Only the read's last `kept_` bytes can be part of the tail: a read of
    // megabytes (a splitter growing for one long text) is not copied whole.
    const std::string_view read(buffer.data(), count);
    if (read.size() >= kept_) {
      tail_.assign(read.substr(read.size() - kept_));
      return count;
    }
    tail_.append(read);
    if (tail_.size() > 2 * kept_) tail_.erase(0, tail_.size() - kept_);
    return count;
  }
  std::optional<StreamError> error() const override { return source_.error(); }

  std::string_view tail() const noexcept {
    const std::string_view tail = tail_;
    return tail.size() > kept_ ? tail.substr(tail.size() - kept_) : tail;
  }

 private:
  ByteSource& source_;
  std::size_t kept_;
  std::string tail_;
};

}  // namespace iothub_diag
