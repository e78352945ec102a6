#include "recorded_calls.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
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

// The views of an Event, in the order an EventCall keeps their texts.
constexpr std::array kEventTexts = {&Event::category,
                                    &Event::operation_name,
                                    &Event::result_description,
                                    &Event::device_id,
                                    &Event::module_id,
                                    &Event::protocol,
                                    &Event::sdk_version,
                                    &Event::masked_ip,
                                    &Event::auth_type,
                                    &Event::correlation_id,
                                    &Event::hub,
                                    &Event::location};
// An Event is its views and the five values below: a member added to it must
// be kept here too, or a replay would lose it.
static_assert(sizeof(void*) != 8 || sizeof(Event) == 216,
              "Event changed: keep its new members in EventCall");

// An event, its texts one after the other in the kept text: a quarter of the
// size of an Event with eleven Texts beside it, which a replay of a query API
// answer or a CSV wrote and read back for every record.
struct EventCall {
  Timestamp time = 0;
  std::int32_t code = 0;
  Operation operation = Operation::other;
  Level level = Level::unknown;
  bool from_state_snapshot = false;
  std::size_t texts = 0;                                // where its first text starts
  std::array<std::uint32_t, kEventTexts.size()> sizes;  // each text's size, in order
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

// The calls that are rare (a metric response, a Resource Health event) are kept
// apart, so that a call is the size of an event's.
using Call = std::variant<EventCall, SkipCall, Skipped404104Call, Message, CutInput,
                          std::unique_ptr<MetricSeries>, std::unique_ptr<HealthEvent>,
                          ActivityEventCall, MetricDocumentCall>;

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
    Event event;
    event.time = call.time;
    event.code = call.code;
    event.operation = call.operation;
    event.level = call.level;
    event.from_state_snapshot = call.from_state_snapshot;
    std::size_t at = call.texts;
    for (std::size_t i = 0; i < recorded_calls::kEventTexts.size(); ++i) {
      event.*recorded_calls::kEventTexts[i] = std::string_view(text.data() + at, call.sizes[i]);
      at += call.sizes[i];
    }
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
    } else if (const auto* series = std::get_if<std::unique_ptr<MetricSeries>>(&call)) {
      sink.on_metric_series(**series);
    } else if (const auto* health = std::get_if<std::unique_ptr<HealthEvent>>(&call)) {
      sink.on_health_event(**health);
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
  recorded_calls::EventCall call{
      event.time,       event.code, event.operation, event.level, event.from_state_snapshot,
      kept.text.size(), {},         location};
  std::size_t size = 0;
  for (std::size_t i = 0; i < recorded_calls::kEventTexts.size(); ++i) {
    const std::string_view view = event.*recorded_calls::kEventTexts[i];
    call.sizes[i] = static_cast<std::uint32_t>(view.size());
    size += view.size();
  }
  // One growth for all eleven texts, then each copied to its place.
  kept.text.resize(kept.text.size() + size);
  char* out = kept.text.data() + call.texts;
  for (const auto member : recorded_calls::kEventTexts) {
    const std::string_view view = event.*member;
    if (!view.empty()) std::memcpy(out, view.data(), view.size());
    out += view.size();
  }
  kept.calls.emplace_back(call);
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
  impl_->calls.emplace_back(std::make_unique<MetricSeries>(series));
}
void RecordedCalls::on_health_event(const HealthEvent& event) {
  impl_->calls.emplace_back(std::make_unique<HealthEvent>(event));
}
void RecordedCalls::on_activity_event() {
  impl_->calls.emplace_back(recorded_calls::ActivityEventCall{});
}
void RecordedCalls::on_metric_document() {
  impl_->calls.emplace_back(recorded_calls::MetricDocumentCall{});
}

}  // namespace iothub_diag
