#include <algorithm>
#include <cmath>

#include <iothub_diag/analysis/metric_gaps.hpp>

namespace iothub_diag {
namespace {

// A change of the connected count by two devices or more must have been logged.
constexpr double kMinChurn = 2;

}  // namespace

std::vector<MetricGap> find_metric_gaps(const EventStore& store, double min_minutes) {
  std::vector<MetricGap> gaps;
  const PlatformEvidence& platform = store.stats().platform;
  if (platform.metrics.empty()) return gaps;
  std::vector<std::vector<Timestamp>> times(store.hubs().size());
  for (const StoredEvent& event : store.events())
    times[event.hub].push_back(event.time);
  const auto min_length = static_cast<Timestamp>(min_minutes * kMillisPerMinute);
  for (std::size_t h = 0; h < store.hubs().size(); ++h) {
    const auto hub = static_cast<HubIndex>(h);
    const MetricSeries* metric = platform.metric_of(store.hubs()[h].name);
    if (metric == nullptr || !store.in_scope(hub) || times[h].size() < 2) continue;
    std::vector<Timestamp>& hub_times = times[h];
    std::sort(hub_times.begin(), hub_times.end());
    const std::vector<MetricPoint>& points = metric->points;
    for (std::size_t i = 0; i + 1 < hub_times.size(); ++i) {
      const Timestamp from = hub_times[i];
      const Timestamp to = hub_times[i + 1];
      if (to - from < min_length) continue;
      // The minutes wholly inside the silence.
      auto first = std::lower_bound(
          points.begin(), points.end(), from,
          [](const MetricPoint& point, Timestamp time) { return point.time < time; });
      MetricGap gap{hub, from, to, INFINITY, 0};
      std::size_t minutes = 0;
      bool connected = true;
      for (auto point = first; point != points.end() && point->time + metric->interval <= to;
           ++point) {
        if (point != first) gap.metric_churn += std::fabs(point->value - (point - 1)->value);
        gap.metric_lowest = std::min(gap.metric_lowest, point->value);
        connected = connected && point->value >= 1;
        ++minutes;
      }
      // The metric must cover most of the silence to speak for it.
      const auto covered = static_cast<Timestamp>(minutes) * metric->interval;
      if (!connected || 2 * covered < to - from || gap.metric_churn < kMinChurn) continue;
      gaps.push_back(gap);
    }
  }
  return gaps;
}

}  // namespace iothub_diag
