#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

using Json = nlohmann::ordered_json;

Json time_or_null(Timestamp time, bool known) {
  return known ? Json(format_iso8601(time)) : Json(nullptr);
}

Json evidence_value(const Evidence& evidence) {
  return std::visit(
      [&](const auto& value) -> Json {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, std::string>) {
          return to_valid_utf8(value);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          if (evidence.kind == EvidenceKind::time) return format_iso8601(value);
          return value;
        } else if constexpr (std::is_same_v<T, double>) {
          // Rounded so that output does not depend on floating-point noise.
          return std::round(value * 1000) / 1000;
        } else if constexpr (std::is_same_v<T, CodeCounts>) {
          Json counts = Json::object();
          for (const auto& [code, count] : value)
            counts[std::to_string(code)] = count;
          return counts;
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          Json list = Json::array();
          for (const std::string& text : value)
            list.push_back(to_valid_utf8(text));
          return list;
        } else {
          return value;
        }
      },
      evidence.value);
}

Json hub_name(const std::string& name) {
  return name.empty() ? Json(nullptr) : Json(to_valid_utf8(name));
}

Json item_to_json(const FindingItem& item) {
  Json json = Json::object();
  if (item.hub) json["hub"] = hub_name(*item.hub);
  for (const Evidence& evidence : item.evidence)
    json[evidence.key] = evidence_value(evidence);
  return json;
}

}  // namespace

nlohmann::ordered_json report_to_json(const Report& report) {
  const IngestStats& input = report.input;
  const bool any_event = input.first_event <= input.last_event;
  Json skipped_reasons = Json::object();
  for (const auto& [reason, count] : input.skipped_reasons)
    skipped_reasons[std::string(to_string(reason))] = count;
  Json codes = Json::object();
  for (const auto& [code, count] : input.codes)
    codes[std::to_string(code)] = count;

  Json hubs = Json::array();
  for (const HubInfo& hub : report.hubs)
    hubs.push_back(
        {{"name", hub_name(hub.name)}, {"records", hub.records}, {"devices", hub.devices}});

  Json by_cause = Json::object();
  for (const auto& [rule, count] : report.drops.by_cause)
    by_cause[rule] = count;
  const Json drops = {{"total", report.drops.total}, {"by_cause", by_cause}};

  Json timelines = Json::array();
  for (const DeviceTimeline& timeline : report.device_timelines) {
    Json events = Json::array();
    for (const StoryEvent& event : timeline.events) {
      events.push_back({{"time", format_iso8601(event.time)},
                        {"event", event.event},
                        {"code", event.code == 0 ? Json(nullptr) : Json(event.code)},
                        {"cause", event.cause.empty() ? Json(nullptr) : Json(event.cause)},
                        {"detail", event.detail.empty() ? Json(nullptr) : Json(event.detail)}});
    }
    timelines.push_back(
        {{"hub", hub_name(timeline.hub)},
         {"device_id", to_valid_utf8(timeline.device_id)},
         {"module_id",
          timeline.module_id.empty() ? Json(nullptr) : Json(to_valid_utf8(timeline.module_id))},
         {"events", events}});
  }

  Json findings = Json::array();
  for (const Finding& finding : report.findings) {
    const RuleInfo& rule = *finding.rule;
    Json json = {
        {"rule", rule.id},
        {"symptom", rule.symptom == 0 ? Json(nullptr) : Json(rule.symptom)},
        {"severity", to_string(rule.severity)},
        {"title", rule.title},
        {"symptom_text", rule.symptom_text},
        {"cause", rule.cause},
        {"solution", rule.solution},
        {"docs_url", rule.docs_url},
    };
    if (!finding.windows.empty() || finding.devices.empty()) {
      json["windows"] = Json::array();
      for (const FindingItem& item : finding.windows)
        json["windows"].push_back(item_to_json(item));
    }
    if (!finding.devices.empty()) {
      json["devices"] = Json::array();
      for (const FindingItem& item : finding.devices)
        json["devices"].push_back(item_to_json(item));
    }
    json["notes"] = finding.notes;
    findings.push_back(std::move(json));
  }

  return Json{
      {"schema_version", kReportSchemaVersion},
      {"tool", {{"name", "iothub-diag"}, {"version", IOTHUB_DIAG_VERSION}}},
      {"input",
       {{"records", input.records},
        {"skipped", input.skipped},
        {"skipped_reasons", skipped_reasons},
        {"duplicates", input.duplicates},
        {"files", input.files},
        {"first_event", time_or_null(input.first_event, any_event)},
        {"last_event", time_or_null(input.last_event, any_event)},
        {"hubs", hubs},
        {"since", input.since ? Json(format_iso8601(*input.since)) : Json(nullptr)},
        {"until", input.until ? Json(format_iso8601(*input.until)) : Json(nullptr)},
        {"out_of_scope", input.out_of_scope}}},
      {"summary", {{"devices", report.devices}, {"codes", codes}, {"drops", drops}}},
      {"findings", findings},
      {"device_timelines", timelines},
      {"notes", report.notes},
  };
}

void render_json(const Report& report, std::ostream& out) {
  out << report_to_json(report).dump(2, ' ', false,
                                     nlohmann::ordered_json::error_handler_t::replace)
      << '\n';
}

}  // namespace iothub_diag
