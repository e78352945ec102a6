#include <algorithm>
#include <tuple>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/model/platform_evidence.hpp>

namespace iothub_diag {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = ascii_lower(c);
  return out;
}

auto event_key(const HealthEvent& e) {
  return std::tie(e.time, e.impact_start, e.kind, e.hub, e.status, e.previous_status, e.cause,
                  e.event_status, e.incident_type, e.tracking_id, e.title, e.regions,
                  e.impacts_iot_hub);
}

}  // namespace

bool is_platform_outage(const HealthEvent& event) noexcept {
  return event.kind == HealthEventKind::resource_health &&
         (iequals(event.status, "Unavailable") || iequals(event.status, "Degraded")) &&
         iequals(event.cause, "PlatformInitiated");
}

bool is_iot_hub_incident(const HealthEvent& event) noexcept {
  return event.kind == HealthEventKind::service_health && event.impacts_iot_hub &&
         (event.incident_type.empty() || iequals(event.incident_type, "Incident") ||
          iequals(event.incident_type, "ServiceIssue"));
}

bool is_resolution(const HealthEvent& event) noexcept {
  if (iequals(event.event_status, "Resolved")) return true;
  return event.kind == HealthEventKind::resource_health && iequals(event.status, "Available");
}

void PlatformEvidence::merge(PlatformEvidence&& later) {
  for (MetricSeries& series : later.metrics)
    metrics.push_back(std::move(series));
  for (HealthEvent& event : later.health_events)
    health_events.push_back(std::move(event));
  metric_documents += later.metric_documents;
  activity_events += later.activity_events;
  later = PlatformEvidence{};
}

void PlatformEvidence::finalize() {
  std::stable_sort(
      metrics.begin(), metrics.end(),
      [](const MetricSeries& a, const MetricSeries& b) { return lower(a.hub) < lower(b.hub); });
  std::vector<MetricSeries> merged;
  for (MetricSeries& series : metrics) {
    if (!merged.empty() && iequals(merged.back().hub, series.hub)) {
      MetricSeries& kept = merged.back();
      kept.points.insert(kept.points.end(), series.points.begin(), series.points.end());
      kept.empty_minutes += series.empty_minutes;
      kept.dropped_tail += series.dropped_tail;
      kept.series += series.series;
      kept.interval = std::min(kept.interval, series.interval);
      // Names and region chosen by value, not by file order.
      kept.hub = std::min(kept.hub, series.hub);
      if (kept.region.empty() || (!series.region.empty() && series.region < kept.region))
        kept.region = series.region;
      kept.metric = std::min(kept.metric, series.metric);
    } else {
      merged.push_back(std::move(series));
    }
  }
  for (MetricSeries& series : merged) {
    std::sort(series.points.begin(), series.points.end(),
              [](const MetricPoint& a, const MetricPoint& b) {
                return std::tie(a.time, a.value) < std::tie(b.time, b.value);
              });
    // Two inputs covering one minute: keep its largest value.
    std::vector<MetricPoint> unique;
    for (const MetricPoint& point : series.points) {
      if (!unique.empty() && unique.back().time == point.time)
        unique.back().value = point.value;
      else
        unique.push_back(point);
    }
    series.points = std::move(unique);
  }
  metrics = std::move(merged);
  std::sort(health_events.begin(), health_events.end(),
            [](const HealthEvent& a, const HealthEvent& b) { return event_key(a) < event_key(b); });
  health_events.erase(std::unique(health_events.begin(), health_events.end(),
                                  [](const HealthEvent& a, const HealthEvent& b) {
                                    return event_key(a) == event_key(b);
                                  }),
                      health_events.end());
}

const MetricSeries* PlatformEvidence::metric_of(std::string_view hub) const noexcept {
  for (const MetricSeries& series : metrics) {
    if (iequals(series.hub, hub)) return &series;
  }
  return nullptr;
}

}  // namespace iothub_diag
