#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

#include <iothub_diag/simulate/fleet_hubs.hpp>
#include <iothub_diag/simulate/noise_records.hpp>
#include <iothub_diag/simulate/random_stream.hpp>
#include <iothub_diag/simulate/record_delivery.hpp>
#include <iothub_diag/simulate/record_format.hpp>

namespace iothub_diag::simulate {
namespace {

struct NoiseShare {
  CategoryRecordKind kind;
  double weight;
};
// Telemetry dominates a real hub's volume; back-end calls come next.
constexpr NoiseShare kNoiseMix[] = {
    {CategoryRecordKind::telemetry_ingress, 0.50}, {CategoryRecordKind::d2c_twin_update, 0.12},
    {CategoryRecordKind::d2c_twin_read, 0.08},     {CategoryRecordKind::c2d_twin_read, 0.10},
    {CategoryRecordKind::direct_method, 0.10},     {CategoryRecordKind::twin_query, 0.10},
};

CategoryRecordKind pick_kind(RandomStream& random) {
  double draw = random.uniform();
  for (const NoiseShare& share : kNoiseMix) {
    if (draw < share.weight) return share.kind;
    draw -= share.weight;
  }
  return kNoiseMix[0].kind;
}

}  // namespace

std::vector<Record> noise_records_for_hour(const Simulation& simulation,
                                           const SimulationOptions& options, Timestamp hour) {
  std::vector<Record> records;
  const double rate = options.noise_records_per_device_hour;
  if (rate <= 0.0) return records;

  // Each hub's records name its own resourceId.
  std::vector<RecordFormatter> formatters;
  std::map<std::string_view, std::uint32_t> hub_index;
  for (std::size_t hub = 0; hub < simulation.hubs.size(); ++hub) {
    formatters.emplace_back(hub_options(options, static_cast<int>(hub)));
    hub_index.emplace(simulation.hubs[hub], static_cast<std::uint32_t>(hub));
  }
  RandomStream random(options.seed, RandomPurpose::noise,
                      static_cast<std::uint64_t>(hour / kMillisPerHour));
  const double whole = std::floor(rate);
  const double fraction = rate - whole;
  for (const DeviceTruth& device : simulation.devices) {
    const int count = static_cast<int>(whole) + (random.chance(fraction) ? 1 : 0);
    for (int i = 0; i < count; ++i) {
      const Timestamp time = random.between(hour, hour + kMillisPerHour);
      if (!simulation.span.contains(time) || !connected_at(device, time)) continue;
      const ClientIdentity identity{
          device.device_id, device.module_id, device.sdk, device.protocol, "", device.masked_ip};
      const CategoryRecordKind kind = pick_kind(random);
      const StampedTime stamp = stamp_time(time, options, random);
      const std::uint32_t hub = hub_index.at(device.hub);
      std::string line = formatters[hub].category_record(stamp.text, kind, &identity, 0, random);
      if (random.uniform() < options.record_loss) continue;
      const Timestamp receive =
          options.disorder ? stamp.time + draw_receive_delay(random) : stamp.time;
      records.push_back(
          {stamp.time, receive, std::string(template_of(kind).category), std::move(line), hub});
    }
  }
  return records;
}

}  // namespace iothub_diag::simulate
