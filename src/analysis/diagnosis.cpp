#include <iothub_diag/analysis/diagnosis.hpp>

namespace iothub_diag {

Diagnosis::Diagnosis(const EventStore& store, const Thresholds& thresholds)
    : store_(store),
      thresholds_(thresholds),
      timelines_(store, thresholds),
      connected_(timelines_),
      token_periods_(store.devices().size()) {
  // A drop that recurs at its own device's period is a token expiry, even when
  // many devices expire together (a fleet that connected at once): it must not
  // make a burst. Periods are estimated here on all drops, before attribution.
  std::vector<bool> eligible(timelines_.drops().size(), true);
  for (DeviceIndex device = 0; device < timelines_.device_count(); ++device) {
    const auto drops = timelines_.drops_of(device);
    std::vector<Timestamp> durations;
    for (const std::uint32_t index : drops) {
      if (const auto duration = timelines_.drops()[index].connected_duration())
        durations.push_back(*duration);
    }
    const auto estimate = estimate_period(durations, thresholds_);
    if (!estimate || !is_periodic(*estimate, thresholds_)) continue;
    for (const std::uint32_t index : drops) {
      const auto duration = timelines_.drops()[index].connected_duration();
      if (duration && estimate->fits(*duration, thresholds_)) eligible[index] = false;
    }
  }
  bursts_ = find_fleet_bursts(timelines_, store_, eligible, thresholds_);
}

std::vector<Timestamp> Diagnosis::unexplained_durations(DeviceIndex device) const {
  std::vector<Timestamp> durations;
  for (const std::uint32_t index : timelines_.drops_of(device)) {
    const Drop& drop = timelines_.drops()[index];
    if (drop.cause != DropCause::unexplained) continue;
    if (const auto duration = drop.connected_duration()) durations.push_back(*duration);
  }
  return durations;
}

}  // namespace iothub_diag
