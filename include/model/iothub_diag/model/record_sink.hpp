#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <iothub_diag/core/message.hpp>
#include <iothub_diag/model/cut_input.hpp>
#include <iothub_diag/model/event.hpp>
#include <iothub_diag/model/platform_evidence.hpp>
#include <iothub_diag/model/skip_detail.hpp>
#include <iothub_diag/model/skip_reason.hpp>

namespace iothub_diag {

// Where a record came from: `file:line`, and its position inside a batch when
// one JSON value holds many records (`{"records":[...]}`, an array).
struct SourceLocation {
  std::string_view source;
  std::uint64_t line = 0;
  std::uint64_t index = 0;  // 1-based position in its batch; 0 when not in a batch
};

// `file:12` or `file:12 (record 3)`; just `file` when line is 0 (the whole file).
std::string format_location(const SourceLocation& location);

// Receives what readers make of their input: every record either becomes an
// event or a skip, so nothing is lost silently.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void on_event(const Event& event, const SourceLocation& location) = 0;
  // A hint, which changes nothing: `event` comes to on_event() soon, so the sink
  // may start loading what it will look up for it. A reader replaying records
  // kept in memory gives it a few records ahead.
  virtual void expect_event(const Event& /*event*/) {}
  virtual void on_skip(SkipReason reason, const SourceLocation& location,
                       const SkipDetail& detail) = 0;
  // A fact about how the input was read that the report must state (a date
  // order chosen, local times without an offset), as a message.
  virtual void on_note(const Message& /*note*/) {}
  // The record just skipped (already reported through on_skip) was a 404104:
  // counted apart so that every 404104 read is either a drop or a skip.
  virtual void on_skipped_404104(SkipReason /*reason*/) {}
  // The input just read holds only part of a larger result (a cut query answer,
  // a count at an export cap): the report must say so.
  virtual void on_cut_input(const CutInput& /*cut*/) {}
  // Evidence from Azure beside the logs: one hub's connected-devices metric
  // read from one response, and one Activity Log health event. Pure, so that
  // a sink that passes records on cannot forget them.
  virtual void on_metric_series(const MetricSeries& series) = 0;
  virtual void on_health_event(const HealthEvent& event) = 0;
  // An Activity Log event was read (used as a health event or skipped).
  virtual void on_activity_event() = 0;
  // A metric response was read.
  virtual void on_metric_document() = 0;
};

}  // namespace iothub_diag
