#include <algorithm>
#include <cmath>
#include <set>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/analysis/metric_dips.hpp>
#include <iothub_diag/core/ascii.hpp>

namespace iothub_diag {
namespace {

constexpr Timestamp kLevelReach = 5 * kMillisPerMinute;  // "before": the five minutes before
constexpr Timestamp kDropSlack = 2 * kMillisPerMinute;   // drops logged around the dip count

struct Dip {
  Timestamp start = 0;
  Timestamp end = 0;
  double before = 0;
  double lowest = 0;
};

std::vector<Dip> dips_of(const MetricSeries& series, const Thresholds& thresholds) {
  std::vector<Dip> dips;
  const std::vector<MetricPoint>& points = series.points;
  std::size_t level_from = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    while (points[level_from].time < points[i].time - kLevelReach)
      ++level_from;
    // The level: the highest minute of the stretch before, outside any dip.
    double level = -1;
    for (std::size_t j = level_from; j < i; ++j)
      level = std::max(level, points[j].value);
    if (!dips.empty() && points[i].time <= dips.back().end) level = dips.back().before;
    if (level <= 0) continue;
    const double fall = level - points[i].value;
    if (fall < std::max(thresholds.burst_min_devices, thresholds.fleet_wide_min_share * level))
      continue;
    if (!dips.empty() && points[i].time <= dips.back().end) {
      dips.back().end = points[i].time + series.interval;
      dips.back().lowest = std::min(dips.back().lowest, points[i].value);
    } else {
      dips.push_back(Dip{points[i].time, points[i].time + series.interval, level, points[i].value});
    }
  }
  return dips;
}

}  // namespace

std::vector<UnloggedDip> unlogged_metric_dips(const Diagnosis& diagnosis) {
  std::vector<UnloggedDip> found;
  const EventStore& store = diagnosis.store();
  const IngestStats& stats = store.stats();
  if (stats.first_event > stats.last_event) return found;
  const std::vector<Drop>& drops = diagnosis.timelines().drops();
  for (const MetricSeries& series : stats.platform.metrics) {
    const auto hub = std::find_if(store.hubs().begin(), store.hubs().end(),
                                  [&](const HubInfo& h) { return iequals(h.name, series.hub); });
    if (hub == store.hubs().end()) continue;
    const auto hub_index = static_cast<HubIndex>(hub - store.hubs().begin());
    if (!store.in_scope(hub_index)) continue;
    for (const Dip& dip : dips_of(series, diagnosis.thresholds())) {
      if (dip.start < hub->first_record || dip.end > hub->last_record) continue;
      std::set<DeviceIndex> devices;
      for (const Drop& drop : drops) {
        if (drop.time >= dip.start - series.interval - kDropSlack &&
            drop.time <= dip.end + kDropSlack && store.devices()[drop.device].hub == hub_index)
          devices.insert(drop.device);
      }
      if (static_cast<double>(devices.size()) * 2 >= dip.before - dip.lowest) continue;
      found.push_back(UnloggedDip{hub->name, dip.start, dip.end, std::llround(dip.before),
                                  std::llround(dip.lowest), devices.size()});
    }
  }
  return found;
}

}  // namespace iothub_diag
