#include <algorithm>
#include <string>

#include <iothub_diag/analysis/health_overlap.hpp>
#include <iothub_diag/core/ascii.hpp>

namespace iothub_diag {
namespace {

bool same_subject(const HealthEvent& a, const HealthEvent& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == HealthEventKind::resource_health) return iequals(a.hub, b.hub);
  return !a.tracking_id.empty() && iequals(a.tracking_id, b.tracking_id);
}

std::string region_key(std::string_view region) {
  std::string key;
  for (const char c : region) {
    if (c != ' ' && c != '-' && c != '_') key += ascii_lower(c);
  }
  return key;
}

}  // namespace

bool same_region(std::string_view a, std::string_view b) noexcept {
  return !a.empty() && region_key(a) == region_key(b);
}

std::vector<HealthSpan> health_spans(const PlatformEvidence& evidence) {
  const std::vector<HealthEvent>& events = evidence.health_events;
  std::vector<HealthSpan> spans(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const HealthEvent& event = events[i];
    HealthSpan& span = spans[i];
    span.start = event.impact_start != 0 ? std::min(event.impact_start, event.time) : event.time;
    if (is_resolution(event)) {
      span.end = event.time;
      continue;
    }
    span.end = event.time + kOpenHealthEventSpan;
    // Events are sorted by time: the first later one of the same subject closes it.
    for (std::size_t j = i + 1; j < events.size(); ++j) {
      if (events[j].time > event.time && same_subject(event, events[j])) {
        span.end = events[j].time;
        break;
      }
    }
  }
  return spans;
}

std::vector<std::uint32_t> overlapping_health_events(
    const PlatformEvidence& evidence, const std::vector<HealthSpan>& spans, std::string_view hub,
    std::string_view logged_region, Timestamp start, Timestamp end, Timestamp slack) {
  std::vector<std::uint32_t> found;
  const MetricSeries* metric = evidence.metric_of(hub);
  const std::string_view region = metric != nullptr && !metric->region.empty()
                                      ? std::string_view(metric->region)
                                      : logged_region;
  for (std::uint32_t i = 0; i < evidence.health_events.size(); ++i) {
    const HealthEvent& event = evidence.health_events[i];
    if (spans[i].start > end + slack || spans[i].end < start - slack) continue;
    if (event.kind == HealthEventKind::resource_health) {
      if (!iequals(event.hub, hub)) continue;
    } else if (!event.impacts_iot_hub ||
               std::none_of(event.regions.begin(), event.regions.end(),
                            [&](const std::string& r) { return same_region(r, region); })) {
      continue;
    }
    found.push_back(i);
  }
  return found;
}

bool admits_outage(const PlatformEvidence& evidence, const std::vector<std::uint32_t>& events) {
  return std::any_of(events.begin(), events.end(), [&](std::uint32_t i) {
    const HealthEvent& event = evidence.health_events[i];
    return is_platform_outage(event) || is_iot_hub_incident(event);
  });
}

}  // namespace iothub_diag
