#pragma once

// A RecordSink that keeps the calls made on it, to make them again later on
// another sink (private to src/input).

#include <memory>

#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

// Keeps every call, in order, with copies of the text its views point to, so
// that replay() makes the same calls on another sink after the reader's
// buffers are gone. Locations keep their `source` view: the name must outlive
// replay().
class RecordedCalls final : public RecordSink {
 public:
  RecordedCalls();
  ~RecordedCalls() override;
  RecordedCalls(RecordedCalls&&) noexcept;
  RecordedCalls& operator=(RecordedCalls&&) noexcept;

  // Makes every kept call on `sink`, in the order it was made here.
  void replay(RecordSink& sink) const;
  // Forgets the calls, keeping the memory.
  void clear() noexcept;

  void on_event(const Event& event, const SourceLocation& location) override;
  void on_skip(SkipReason reason, const SourceLocation& location,
               const SkipDetail& detail) override;
  void on_note(const Message& note) override;
  void on_skipped_404104(SkipReason reason) override;
  void on_cut_input(const CutInput& cut) override;
  void on_metric_series(const MetricSeries& series) override;
  void on_health_event(const HealthEvent& event) override;
  void on_activity_event() override;
  void on_metric_document() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iothub_diag
