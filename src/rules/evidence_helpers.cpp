#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <iothub_diag/core/median.hpp>
#include <iothub_diag/rules/evidence_helpers.hpp>

namespace iothub_diag {

std::optional<double> median_seconds(std::span<Timestamp> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return median_of_sorted(std::span<const Timestamp>(values)) / kMillisPerSecond;
}

void add_identity(FindingItem& item, const DeviceInfo& device, const EventStore& store) {
  // Device items carry 9 to 14 facts: one allocation instead of growing 1, 2, 4, 8, 16,
  // which is the capacity they would end with anyway.
  static constexpr std::size_t kDeviceItemFacts = 16;
  item.evidence.reserve(kDeviceItemFacts);
  item.hub = store.hubs()[device.hub].name;
  item.evidence.push_back(text_evidence("device_id", "device", device.device_id));
  item.evidence.push_back(optional_text_evidence("module_id", "module", device.module_id));
  Evidence source = text_evidence("connection_source", "source",
                                  device.judged_on_snapshots() ? "event_grid" : "resource_logs");
  source.display = EvidenceDisplay::json_only;
  item.evidence.push_back(std::move(source));
}

void add_client(FindingItem& item, const DeviceInfo& device) {
  item.evidence.push_back(optional_text_evidence("protocol", "protocol", device.protocol));
  Evidence sdk = optional_text_evidence("sdk_version", "SDK version", device.sdk_version);
  sdk.display = EvidenceDisplay::json_only;
  item.evidence.push_back(std::move(sdk));
}

void add_sdk_assessment(FindingItem& item, const SdkIdentity& sdk, Message assessment) {
  Evidence family{"sdk", "SDK", EvidenceKind::text, {}};
  if (sdk.profile != nullptr) family.value = std::string(sdk.profile->family);
  item.evidence.push_back(std::move(family));
  Evidence text = message_evidence("sdk_assessment", "SDK", std::move(assessment));
  text.display = EvidenceDisplay::prose;
  item.evidence.push_back(std::move(text));
}

Message sdk_expectation(const SdkProfile& profile) {
  if (profile.expectation == MessageId::sdk_renews_at_expiry && profile.keep_alive_seconds)
    return Message{profile.expectation, {fmt::format("{:.0f}", *profile.keep_alive_seconds)}};
  return Message{profile.expectation, {}};
}

namespace {

MessageArg outdated_suffix(const SdkIdentity& sdk) {
  if (!sdk.outdated) return MessageArg("");
  return Message{MessageId::sdk_outdated_suffix, {sdk.version, sdk.profile->older_than}};
}

}  // namespace

Message token_cycle_assessment(const SdkIdentity& sdk) {
  if (sdk.profile == nullptr) return Message{MessageId::sdk_unknown_renewal, {}};
  const SdkProfile& profile = *sdk.profile;
  switch (profile.renewal) {
    case TokenRenewal::at_expiry_with_error:
      return Message{MessageId::sdk_expected_at_expiry,
                     {profile.family, sdk_expectation(profile), outdated_suffix(sdk)}};
    case TokenRenewal::proactive_clean:
      return Message{MessageId::sdk_contradicted,
                     {profile.family, sdk_expectation(profile), outdated_suffix(sdk)}};
    case TokenRenewal::application_managed:
      return Message{MessageId::sdk_not_renewed, {profile.family, sdk_expectation(profile)}};
  }
  return Message{MessageId::sdk_unknown_renewal, {}};
}

Message snapshot_cycle_assessment() {
  return Message{MessageId::snapshot_cycle, {}};
}

Message snapshot_drop_assessment() {
  return Message{MessageId::snapshot_drop, {}};
}

Message random_drop_assessment(const SdkIdentity& sdk) {
  if (sdk.profile == nullptr) return Message{MessageId::sdk_unknown_keep_alive, {}};
  if (sdk.outdated) {
    return Message{MessageId::sdk_outdated,
                   {sdk.profile->family, sdk.version, sdk.profile->older_than}};
  }
  if (sdk.profile->keep_alive_seconds) {
    const double idle = std::min(1.5 * *sdk.profile->keep_alive_seconds, 1767.0);
    return Message{MessageId::sdk_keep_alive,
                   {sdk.profile->family, fmt::format("{:.0f}", *sdk.profile->keep_alive_seconds),
                    fmt::format("{:.0f}", idle)}};
  }
  return Message{MessageId::sdk_check_keep_alive, {sdk.profile->family}};
}

void add_window_extent(FindingItem& item, const AttributedWindow& window,
                       const Diagnosis& diagnosis) {
  const HubInfo& hub = diagnosis.store().hubs()[window.burst->hub];
  const auto devices = static_cast<double>(window.devices.size());
  item.hub = hub.name;
  item.evidence.push_back(time_evidence("start", "start", window.start));
  item.evidence.push_back(time_evidence("end", "end", window.end));
  item.evidence.push_back(
      count_evidence("devices", "devices", static_cast<std::int64_t>(window.devices.size())));
  item.evidence.push_back(ratio_evidence(
      "fleet_share", "of hub", hub.devices > 0 ? devices / static_cast<double>(hub.devices) : 0));
}

void add_connected_counts(FindingItem& item, const AttributedWindow& window,
                          const Diagnosis& diagnosis) {
  const ConnectedCount& connected = diagnosis.connected(window.burst->hub);
  const auto recovery =
      static_cast<Timestamp>(diagnosis.thresholds().recovery_minutes * kMillisPerMinute);
  item.evidence.push_back(
      count_evidence("connected_before", "connected before", connected.at(window.start - 1)));
  item.evidence.push_back(count_evidence("connected_lowest", "lowest",
                                         connected.lowest(window.start, window.end + recovery)));
  item.evidence.push_back(
      count_evidence("connected_after", "after", connected.at(window.end + recovery)));
}

void add_metric_counts(FindingItem& item, const AttributedWindow& window,
                       const Diagnosis& diagnosis) {
  const EventStore& store = diagnosis.store();
  const MetricSeries* metric =
      store.stats().platform.metric_of(store.hubs()[window.burst->hub].name);
  const auto recovery =
      static_cast<Timestamp>(diagnosis.thresholds().recovery_minutes * kMillisPerMinute);
  constexpr Timestamp kReach = 15 * kMillisPerMinute;
  std::optional<double> before;
  std::optional<double> lowest;
  std::optional<double> after;
  if (metric != nullptr) {
    // A point stands for its minute: the last one wholly before the first drop
    // is "before"; the dip shows from the first drop's minute on.
    const Timestamp first_minute = window.start - window.start % metric->interval;
    for (const MetricPoint& point : metric->points) {
      if (point.time < first_minute && point.time >= first_minute - kReach) before = point.value;
      if (point.time >= first_minute && point.time <= window.end + recovery)
        lowest = std::min(lowest.value_or(point.value), point.value);
      if (point.time > window.end && point.time <= window.end + recovery) after = point.value;
    }
  }
  const bool covered = before && lowest && after;
  const auto count = [&](const std::optional<double>& value) {
    return covered ? EvidenceValue(static_cast<std::int64_t>(std::llround(*value)))
                   : EvidenceValue{};
  };
  item.evidence.push_back(Evidence{"metric_before", "metric before", EvidenceKind::count,
                                   count(before), EvidenceDisplay::column});
  item.evidence.push_back(Evidence{"metric_lowest", "metric lowest", EvidenceKind::count,
                                   count(lowest), EvidenceDisplay::column});
  item.evidence.push_back(Evidence{"metric_after", "metric after", EvidenceKind::count,
                                   count(after), EvidenceDisplay::column});
}

void add_health_events(FindingItem& item, const AttributedWindow& window,
                       const Diagnosis& diagnosis) {
  const PlatformEvidence& platform = diagnosis.store().stats().platform;
  std::vector<std::string> events;
  for (const std::uint32_t index : window.health_events) {
    const HealthEvent& event = platform.health_events[index];
    const bool resource = event.kind == HealthEventKind::resource_health;
    const std::string& status = resource ? event.status : event.incident_type;
    const std::string& cause = resource ? event.cause : event.event_status;
    const std::string& name = event.title.empty() ? event.tracking_id : event.title;
    events.push_back(fmt::format("{} {} {}{}{}{}{}", format_iso8601(event.time),
                                 resource ? "ResourceHealth" : "ServiceHealth",
                                 status.empty() ? "-" : status, cause.empty() ? "" : " (", cause,
                                 cause.empty() ? "" : ")", name.empty() ? "" : ": " + name));
  }
  const EvidenceDisplay display =
      events.empty() ? EvidenceDisplay::json_only : EvidenceDisplay::prose;
  item.evidence.push_back(Evidence{"health_events", "health events", EvidenceKind::text_list,
                                   std::move(events), display});
}

std::vector<const AttributedWindow*> windows_of_kind(const Diagnosis& diagnosis, WindowKind kind) {
  std::vector<const AttributedWindow*> windows;
  for (const AttributedWindow& window : diagnosis.attribution().windows) {
    if (window.kind == kind) windows.push_back(&window);
  }
  return windows;
}

std::optional<Message> link_conflict_note(std::size_t count) {
  if (count == 0) return std::nullopt;
  return Message{MessageId::link_conflicts, {count_arg(count)}, count};
}

}  // namespace iothub_diag
