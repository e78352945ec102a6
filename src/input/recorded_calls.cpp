#include "recorded_calls.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace iothub_diag {
// Named, not anonymous: RecordedCalls::Impl holds these, and in a unity build
// this file is not the main one, where GCC rejects that (-Wsubobject-linkage).
namespace recorded_calls {

// A view copied into the kept text: its place there.
struct Text {
  std::size_t offset = 0;
  std::size_t size = 0;
};

struct EventCall {
  Event event;  // its views are rebuilt from the texts below when replayed
  Text category, operation_name, result_description, device_id, module_id, protocol, sdk_version,
      masked_ip, auth_type, correlation_id, hub;
  SourceLocation location;
};

struct SkipCall {
  SkipReason reason;
  SourceLocation location;
  std::optional<MessageId> detail;  // SkipDetail's sentence and its two values
  Text first, second;
};

struct Skipped404104Call {
  SkipReason reason;
};
struct ActivityEventCall {};
struct MetricDocumentCall {};

using Call = std::variant<EventCall, SkipCall, Skipped404104Call, Message, CutInput, MetricSeries,
                          HealthEvent, ActivityEventCall, MetricDocumentCall>;

}  // namespace recorded_calls

struct RecordedCalls::Impl {
  std::vector<recorded_calls::Call> calls;
  std::string text;

  recorded_calls::Text keep(std::string_view view) {
    const recorded_calls::Text kept{text.size(), view.size()};
    text.append(view);
    return kept;
  }
  std::string_view view(recorded_calls::Text kept) const {
    return std::string_view(text).substr(kept.offset, kept.size);
  }

  // The event a kept call was made with, its views on `text`.
  Event event_of(const recorded_calls::EventCall& call) const {
    Event event = call.event;
    event.category = view(call.category);
    event.operation_name = view(call.operation_name);
    event.result_description = view(call.result_description);
    event.device_id = view(call.device_id);
    event.module_id = view(call.module_id);
    event.protocol = view(call.protocol);
    event.sdk_version = view(call.sdk_version);
    event.masked_ip = view(call.masked_ip);
    event.auth_type = view(call.auth_type);
    event.correlation_id = view(call.correlation_id);
    event.hub = view(call.hub);
    return event;
  }
};

RecordedCalls::RecordedCalls() : impl_(std::make_unique<Impl>()) {}
RecordedCalls::~RecordedCalls() = default;
RecordedCalls::RecordedCalls(RecordedCalls&&) noexcept = default;
RecordedCalls& RecordedCalls::operator=(RecordedCalls&&) noexcept = default;

void RecordedCalls::replay(RecordSink& sink) const {
  // Each event is announced (expect_event) this many calls before it is made:
  // the sink's tables are far larger than a cache, and the rows and slots it
  // looks up then load while it takes the events before.
  static constexpr std::size_t kCallsAhead = 8;
  const std::vector<recorded_calls::Call>& calls = impl_->calls;
  const auto announce = [&](std::size_t index) {
    if (const auto* ahead = std::get_if<recorded_calls::EventCall>(&calls[index]))
      sink.expect_event(impl_->event_of(*ahead));
  };
  for (std::size_t index = 0; index < std::min(kCallsAhead, calls.size()); ++index)
    announce(index);
  for (std::size_t index = 0; index < calls.size(); ++index) {
    if (index + kCallsAhead < calls.size()) announce(index + kCallsAhead);
    const recorded_calls::Call& call = calls[index];
    if (const auto* event = std::get_if<recorded_calls::EventCall>(&call)) {
      sink.on_event(impl_->event_of(*event), event->location);
    } else if (const auto* skip = std::get_if<recorded_calls::SkipCall>(&call)) {
      sink.on_skip(skip->reason, skip->location,
                   skip->detail ? SkipDetail(*skip->detail, impl_->view(skip->first),
                                             impl_->view(skip->second))
                                : SkipDetail());
    } else if (const auto* skipped = std::get_if<recorded_calls::Skipped404104Call>(&call)) {
      sink.on_skipped_404104(skipped->reason);
    } else if (const auto* note = std::get_if<Message>(&call)) {
      sink.on_note(*note);
    } else if (const auto* cut = std::get_if<CutInput>(&call)) {
      sink.on_cut_input(*cut);
    } else if (const auto* series = std::get_if<MetricSeries>(&call)) {
      sink.on_metric_series(*series);
    } else if (const auto* health = std::get_if<HealthEvent>(&call)) {
      sink.on_health_event(*health);
    } else if (std::holds_alternative<recorded_calls::ActivityEventCall>(call)) {
      sink.on_activity_event();
    } else {
      sink.on_metric_document();
    }
  }
}

void RecordedCalls::clear() noexcept {
  impl_->calls.clear();
  impl_->text.clear();
}

void RecordedCalls::on_event(const Event& event, const SourceLocation& location) {
  Impl& kept = *impl_;
  kept.calls.emplace_back(recorded_calls::EventCall{
      event, kept.keep(event.category), kept.keep(event.operation_name),
      kept.keep(event.result_description), kept.keep(event.device_id), kept.keep(event.module_id),
      kept.keep(event.protocol), kept.keep(event.sdk_version), kept.keep(event.masked_ip),
      kept.keep(event.auth_type), kept.keep(event.correlation_id), kept.keep(event.hub), location});
}

void RecordedCalls::on_skip(SkipReason reason, const SourceLocation& location,
                            const SkipDetail& detail) {
  const recorded_calls::Text first = impl_->keep(detail.value(0));
  const recorded_calls::Text second = impl_->keep(detail.value(1));
  impl_->calls.emplace_back(recorded_calls::SkipCall{reason, location, detail.id(), first, second});
}

void RecordedCalls::on_note(const Message& note) {
  impl_->calls.emplace_back(note);
}
void RecordedCalls::on_skipped_404104(SkipReason reason) {
  impl_->calls.emplace_back(recorded_calls::Skipped404104Call{reason});
}
void RecordedCalls::on_cut_input(const CutInput& cut) {
  impl_->calls.emplace_back(cut);
}
void RecordedCalls::on_metric_series(const MetricSeries& series) {
  impl_->calls.emplace_back(series);
}
void RecordedCalls::on_health_event(const HealthEvent& event) {
  impl_->calls.emplace_back(event);
}
void RecordedCalls::on_activity_event() {
  impl_->calls.emplace_back(recorded_calls::ActivityEventCall{});
}
void RecordedCalls::on_metric_document() {
  impl_->calls.emplace_back(recorded_calls::MetricDocumentCall{});
}

}  // namespace iothub_diag
