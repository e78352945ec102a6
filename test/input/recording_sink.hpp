#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/record_sink.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag::testing {

// Keeps owned copies of what a reader emits, for word-for-word checks.
struct RecordedEvent {
  Timestamp time = 0;
  std::string device_id;
  std::string operation_name;
  std::int32_t code = 0;
  std::string protocol;
  std::string sdk_version;
  std::string auth_type;
  std::string location;
  std::string masked_ip;
  std::string result_description;
};

struct RecordedSkip {
  SkipReason reason;
  std::string location;
  std::string detail;                  // in English
  std::optional<MessageId> detail_id;  // the sentence it came from
};

class RecordingSink final : public RecordSink {
 public:
  void on_event(const Event& event, const SourceLocation& location) override {
    events.push_back({event.time, std::string(event.device_id), std::string(event.operation_name),
                      event.code, std::string(event.protocol), std::string(event.sdk_version),
                      std::string(event.auth_type), format_location(location),
                      std::string(event.masked_ip), std::string(event.result_description)});
  }
  void on_skip(SkipReason reason, const SourceLocation& location,
               const SkipDetail& detail) override {
    const std::optional<Message> message = detail.message();
    skips.push_back({reason, format_location(location),
                     message ? english_text(*message) : std::string(), detail.id()});
  }
  void on_note(const Message& note) override { notes.push_back(english_text(note)); }
  void on_cut_input(const CutInput& cut) override { cuts.push_back(cut); }
  void on_metric_series(const MetricSeries& series) override { metrics.push_back(series); }
  void on_health_event(const HealthEvent& event) override { health_events.push_back(event); }
  void on_activity_event() override { ++activity_events; }
  void on_metric_document() override { ++metric_documents; }

  std::vector<MetricSeries> metrics;
  std::vector<HealthEvent> health_events;
  std::uint64_t activity_events = 0;
  std::uint64_t metric_documents = 0;
  std::vector<RecordedEvent> events;
  std::vector<CutInput> cuts;
  std::vector<RecordedSkip> skips;
  std::vector<std::string> notes;
};

// Reads in-memory bytes as the file `name`.
inline RecordingSink read_text(std::string_view bytes, ReadOptions options = {},
                               std::string_view name = "x") {
  RecordingSink sink;
  read_stream(std::make_unique<MemorySource>(bytes), name, options, sink);
  return sink;
}

}  // namespace iothub_diag::testing
