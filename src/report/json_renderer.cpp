#include <algorithm>
#include <array>
#include <cmath>
#include <future>
#include <memory>
#include <span>
#include <sstream>

#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/report/finding_kql.hpp>
#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/report/json_writer.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Untrusted text (ids, SDK strings, hub names): each invalid UTF-8 byte becomes
// U+FFFD (to_valid_utf8), which is not always how the writer would replace it.
void write_untrusted(JsonWriter& json, std::string_view text) {
  if (is_ascii(text)) {
    json.string(text);
  } else {
    json.string(to_valid_utf8(text));
  }
}

void write_time(JsonWriter& json, Timestamp time) {
  json.string(format_iso8601(time));
}

void write_optional_time(JsonWriter& json, std::optional<Timestamp> time) {
  if (time) {
    write_time(json, *time);
  } else {
    json.null();
  }
}

void write_optional_text(JsonWriter& json, std::string_view text) {
  if (text.empty()) {
    json.null();
  } else {
    json.string(text);
  }
}

void write_hub_name(JsonWriter& json, const std::string& name) {
  if (name.empty()) {
    json.null();
  } else {
    write_untrusted(json, name);
  }
}

void write_strings(JsonWriter& json, const std::vector<std::string>& texts) {
  json.begin_array();
  for (const std::string& text : texts)
    json.string(text);
  json.end_array();
}

// Messages as the JSON contract keeps them: English text.
void write_messages(JsonWriter& json, const std::vector<Message>& messages) {
  json.begin_array();
  for (const Message& message : messages)
    json.string(english_text(message));
  json.end_array();
}

// Counts by key, from a map or a sorted vector of pairs.
template <typename Counts>
void write_counts(JsonWriter& json, const Counts& counts, auto key_text) {
  json.begin_object();
  for (const auto& [key, count] : counts) {
    json.key(key_text(key));
    json.number(count);
  }
  json.end_object();
}

// The member whose value an object gets at `index` when `members` are assigned to
// an nlohmann::ordered_json one by one: a repeated key keeps its first place and
// its last value. nullptr when an earlier member already placed the key. (Rules
// repeat no evidence key today; this keeps the contract if one ever does.)
template <typename Member, typename KeyOf>
const Member* member_at(std::span<const Member> members, std::size_t index, KeyOf key_of) {
  const auto& key = key_of(members[index]);
  for (std::size_t earlier = 0; earlier < index; ++earlier) {
    if (key_of(members[earlier]) == key) return nullptr;
  }
  const Member* last = &members[index];
  for (std::size_t later = index + 1; later < members.size(); ++later) {
    if (key_of(members[later]) == key) last = &members[later];
  }
  return last;
}

// The English words of a message, kept for the last few told apart: a fleet's
// items carry a few sentences tens of thousands of times, written out once each.
class Sentences {
 public:
  const std::string& english(const Message& message) {
    for (const Entry& entry : entries_) {
      if (entry.filled && entry.message == message) return entry.text;
    }
    Entry& entry = entries_[next_++ % entries_.size()];
    entry = Entry{message, english_text(message), true};
    return entry.text;
  }

 private:
  struct Entry {
    Message message;
    std::string text;
    bool filled = false;
  };
  std::array<Entry, 8> entries_{};
  std::size_t next_ = 0;
};

void write_evidence_value(JsonWriter& json, const Evidence& evidence, Sentences& sentences) {
  std::visit(
      [&](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          json.null();
        } else if constexpr (std::is_same_v<T, std::string>) {
          write_untrusted(json, value);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          if (evidence.kind == EvidenceKind::time) {
            write_time(json, value);
          } else {
            json.number(value);
          }
        } else if constexpr (std::is_same_v<T, double>) {
          // Rounded so that output does not depend on floating-point noise.
          json.number(std::round(value * 1000) / 1000);
        } else if constexpr (std::is_same_v<T, CodeCounts>) {
          write_counts(json, value, [](std::int32_t code) { return std::to_string(code); });
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          json.begin_array();
          for (const std::string& text : value)
            write_untrusted(json, text);
          json.end_array();
        } else if constexpr (std::is_same_v<T, SharedMessages>) {
          // A message is one string, a message list an array (docs/json-report.md).
          if (evidence.kind == EvidenceKind::message && value->size() == 1) {
            write_untrusted(json, sentences.english(value->front()));
          } else {
            json.begin_array();
            for (const Message& message : *value)
              write_untrusted(json, sentences.english(message));
            json.end_array();
          }
        } else {
          json.boolean(value);
        }
      },
      evidence.value);
}

void write_item(JsonWriter& json, const FindingItem& item, Sentences& sentences) {
  const std::span<const Evidence> evidence = item.evidence;
  const auto key_of = [](const Evidence& member) { return member.key(); };
  const auto evidence_named_hub = [&]() -> const Evidence* {
    for (std::size_t index = 0; index < evidence.size(); ++index) {
      if (evidence[index].key() == "hub") return member_at(evidence, index, key_of);
    }
    return nullptr;
  };
  json.begin_object();
  if (item.hub) {
    json.key("hub");
    if (const Evidence* hub = evidence_named_hub()) {
      write_evidence_value(json, *hub, sentences);
    } else {
      write_hub_name(json, *item.hub);
    }
  }
  for (std::size_t index = 0; index < evidence.size(); ++index) {
    if (item.hub && evidence[index].key() == "hub") continue;
    if (const Evidence* member = member_at(evidence, index, key_of)) {
      json.key(member->key());
      write_evidence_value(json, *member, sentences);
    }
  }
  json.end_object();
}

// Items a thread writes at a time when a list is shared among threads.
constexpr std::size_t kItemsPerSlice = 2048;

// A writer of a slice of `inside`'s current array, into memory.
struct SliceWriter {
  explicit SliceWriter(const JsonWriter& inside) : json(text, inside) {}
  std::ostringstream text;
  JsonWriter json;
};

void write_slice(JsonWriter& json, std::span<const FindingItem> items) {
  Sentences sentences;
  for (const FindingItem& item : items)
    write_item(json, item, sentences);
}

// A finding of 50,000 devices is megabytes of JSON: up to `threads` write it
// side by side, a slice of kItemsPerSlice items each, all but the first slice
// of a round into a writer of their own, handed on in order (the same bytes as
// one thread writes). Rounds keep the slices held at once few, whatever the
// list's length.
void write_items(JsonWriter& json, const std::vector<FindingItem>& items, unsigned threads) {
  json.begin_array();
  const std::span<const FindingItem> all = items;
  const std::size_t round = kItemsPerSlice * std::max(1u, threads);
  for (std::size_t begin = 0; begin < all.size(); begin += round) {
    const std::span<const FindingItem> these =
        all.subspan(begin, std::min(round, all.size() - begin));
    std::vector<std::future<std::string>> later;
    for (std::size_t at = kItemsPerSlice; at < these.size(); at += kItemsPerSlice) {
      const std::span<const FindingItem> slice =
          these.subspan(at, std::min(kItemsPerSlice, these.size() - at));
      // Made here: `json` changes once this thread writes on. Where no thread
      // can be started, the slice is written when its turn comes (deferred).
      auto part = std::make_unique<SliceWriter>(json);
      const auto policy = std::launch::async | std::launch::deferred;
      later.push_back(std::async(policy, [part = std::move(part), slice] {
        write_slice(part->json, slice);
        part->json.flush();
        return std::move(part->text).str();
      }));
    }
    write_slice(json, these.first(std::min(kItemsPerSlice, these.size())));
    for (std::future<std::string>& part : later)
      json.append_written(part.get());
  }
  json.end_array();
}

void write_finding(JsonWriter& json, const Finding& finding, const Report& report,
                   unsigned threads) {
  const RuleSpec& rule = *finding.rule;
  json.begin_object();
  json.key("rule");
  json.string(rule.id);
  json.key("symptom");
  if (rule.symptom == 0) {
    json.null();
  } else {
    json.number(rule.symptom);
  }
  json.key("severity");
  json.string(to_string(rule.severity));
  json.key("title");
  json.string(rule.title);
  json.key("symptom_text");
  json.string(rule.symptom_text);
  json.key("cause");
  json.string(rule.cause);
  json.key("solution");
  json.string(rule.solution);
  json.key("docs_url");
  json.string(rule.docs_url);
  if (!finding.windows.empty() || finding.devices.empty()) {
    json.key("windows");
    write_items(json, finding.windows, threads);
  }
  if (!finding.devices.empty()) {
    json.key("devices");
    write_items(json, finding.devices, threads);
  }
  json.key("notes");
  write_messages(json, finding.notes);
  json.key("kql");
  json.string(finding_kql(finding, report));
  json.end_object();
}

// The connected-devices metric and the Activity Log events read beside the logs.
void write_platform_input(JsonWriter& json, const PlatformEvidence& platform) {
  json.key("metric_documents");
  json.number(platform.metric_documents);
  json.key("metrics");
  json.begin_array();
  for (const MetricSeries& series : platform.metrics) {
    json.begin_object();
    json.key("hub");
    json.string(series.hub);
    json.key("metric");
    json.string(series.metric);
    json.key("region");
    if (series.region.empty())
      json.null();
    else
      json.string(series.region);
    json.key("points");
    json.number(static_cast<std::uint64_t>(series.points.size()));
    json.key("empty_minutes");
    json.number(series.empty_minutes);
    json.key("empty_last_minutes");
    json.number(series.dropped_tail);
    json.key("first");
    write_optional_time(
        json, series.points.empty() ? std::nullopt : std::optional(series.points.front().time));
    json.key("last");
    write_optional_time(
        json, series.points.empty() ? std::nullopt : std::optional(series.points.back().time));
    json.end_object();
  }
  json.end_array();
  json.key("activity_events");
  json.number(platform.activity_events);
  json.key("health_events");
  json.begin_array();
  for (const HealthEvent& event : platform.health_events) {
    const bool resource = event.kind == HealthEventKind::resource_health;
    json.begin_object();
    json.key("time");
    json.string(format_iso8601(event.time));
    json.key("kind");
    json.string(resource ? "resource_health" : "service_health");
    json.key("hub");
    if (resource)
      json.string(event.hub);
    else
      json.null();
    const std::pair<const char*, const std::string*> texts[] = {
        {"status", &event.status},
        {"previous_status", &event.previous_status},
        {"cause", &event.cause},
        {"event_status", &event.event_status},
        {"incident_type", &event.incident_type},
        {"tracking_id", &event.tracking_id},
        {"title", &event.title}};
    for (const auto& [key, value] : texts) {
      json.key(key);
      if (value->empty())
        json.null();
      else
        json.string(*value);
    }
    json.key("regions");
    write_strings(json, event.regions);
    json.key("platform_outage");
    json.boolean(is_platform_outage(event) || is_iot_hub_incident(event));
    json.end_object();
  }
  json.end_array();
}

void write_input(JsonWriter& json, const Report& report) {
  const IngestStats& input = report.input;
  const bool any_event = input.first_event <= input.last_event;
  json.begin_object();
  json.key("records");
  json.number(input.records);
  json.key("skipped");
  json.number(input.skipped);
  json.key("skipped_reasons");
  write_counts(json, input.skipped_reasons, [](SkipReason reason) { return to_string(reason); });
  json.key("duplicates");
  json.number(input.duplicates);
  json.key("files");
  json.number(input.files);
  json.key("problems");
  json.begin_array();
  for (const PathProblem& problem : report.path_problems) {
    json.begin_object();
    json.key("path");
    json.string(problem.path);
    json.key("problem");
    json.string(english_text(problem.problem));
    json.end_object();
  }
  json.end_array();
  json.key("first_event");
  write_optional_time(json, any_event ? std::optional(input.first_event) : std::nullopt);
  json.key("last_event");
  write_optional_time(json, any_event ? std::optional(input.last_event) : std::nullopt);
  json.key("hubs");
  json.begin_array();
  for (const HubInfo& hub : report.hubs) {
    json.begin_object();
    json.key("name");
    write_hub_name(json, hub.name);
    json.key("records");
    json.number(hub.records);
    json.key("devices");
    json.number(hub.devices);
    json.end_object();
  }
  json.end_array();
  json.key("since");
  write_optional_time(json, input.since);
  json.key("until");
  write_optional_time(json, input.until);
  json.key("out_of_scope");
  json.number(input.out_of_scope);
  json.key("records_404104");
  const Ledger404104& ledger = input.ledger_404104;
  json.begin_object();
  json.key("skipped");
  write_counts(json, ledger.skipped, [](SkipReason reason) { return to_string(reason); });
  json.key("out_of_scope");
  json.number(ledger.out_of_scope);
  json.key("not_disconnects");
  json.number(ledger.not_disconnects);
  json.key("drops");
  json.number(ledger.drops);
  json.end_object();
  write_platform_input(json, input.platform);
  json.end_object();
}

void write_summary(JsonWriter& json, const Report& report) {
  json.begin_object();
  json.key("devices");
  json.number(report.devices);
  json.key("codes");
  write_counts(json, report.input.codes, [](std::int32_t code) { return std::to_string(code); });
  json.key("drops");
  json.begin_object();
  json.key("total");
  json.number(report.drops.total);
  json.key("from_snapshots");
  json.number(report.drops.from_snapshots);
  json.key("by_cause");
  json.begin_object();
  const std::span<const std::pair<std::string, std::uint64_t>> by_cause = report.drops.by_cause;
  for (std::size_t index = 0; index < by_cause.size(); ++index) {
    const auto* cause = member_at(
        by_cause, index, [](const auto& pair) -> const std::string& { return pair.first; });
    if (cause == nullptr) continue;
    json.key(cause->first);
    json.number(cause->second);
  }
  json.end_object();
  json.end_object();
  json.end_object();
}

void write_timeline(JsonWriter& json, const DeviceTimeline& timeline) {
  json.begin_object();
  json.key("hub");
  write_hub_name(json, timeline.hub);
  json.key("device_id");
  write_untrusted(json, timeline.device_id);
  json.key("module_id");
  if (timeline.module_id.empty()) {
    json.null();
  } else {
    write_untrusted(json, timeline.module_id);
  }
  json.key("events");
  json.begin_array();
  for (const StoryEvent& event : timeline.events) {
    json.begin_object();
    json.key("time");
    write_time(json, event.time);
    json.key("event");
    json.string(event.event);
    json.key("code");
    if (event.code == 0) {
      json.null();
    } else {
      json.number(event.code);
    }
    json.key("cause");
    write_optional_text(json, event.cause);
    json.key("detail");
    write_optional_text(json, event.detail ? english_text(*event.detail) : std::string());
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

void render_json(const Report& report, std::ostream& out, unsigned threads) {
  JsonWriter json(out);
  json.begin_object();
  json.key("schema_version");
  json.number(kReportSchemaVersion);
  json.key("tool");
  json.begin_object();
  json.key("name");
  json.string("iothub-diag");
  json.key("version");
  json.string(IOTHUB_DIAG_VERSION);
  json.end_object();
  json.key("input");
  write_input(json, report);
  json.key("summary");
  write_summary(json, report);
  json.key("findings");
  json.begin_array();
  for (const Finding& finding : report.findings)
    write_finding(json, finding, report, threads);
  json.end_array();
  json.key("device_timelines");
  json.begin_array();
  for (const DeviceTimeline& timeline : report.device_timelines)
    write_timeline(json, timeline);
  json.end_array();
  json.key("notes");
  write_messages(json, report.notes);
  json.end_object();
  json.flush();
  out << '\n';
}

nlohmann::ordered_json report_to_json(const Report& report) {
  std::ostringstream text;
  render_json(report, text);
  return nlohmann::ordered_json::parse(text.str());
}

}  // namespace iothub_diag
