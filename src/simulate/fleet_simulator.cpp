#include <algorithm>
#include <cmath>
#include <span>
#include <stdexcept>
#include <tuple>
#include <utility>

#include <iothub_diag/simulate/device_timeline.hpp>
#include <iothub_diag/simulate/event_grid_batches.hpp>
#include <iothub_diag/simulate/event_grid_format.hpp>
#include <iothub_diag/simulate/fleet_hubs.hpp>
#include <iothub_diag/simulate/fleet_plan.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/log_selection.hpp>
#include <iothub_diag/simulate/random_stream.hpp>
#include <iothub_diag/simulate/record_delivery.hpp>
#include <iothub_diag/simulate/record_format.hpp>
#include <iothub_diag/simulate/state_snapshots.hpp>

namespace iothub_diag::simulate {
namespace {

constexpr double kOtherSpellingShare = 0.3;  // `IotHubUnauthorized` instead of `IoTHubUnauthorized`
constexpr double kIncidentErrorsPerDevice = 0.3;  // non-Connections 5xx per dropped device
constexpr Timestamp kOutageQuietSlack = 5 * kMillisPerMinute;
constexpr std::int64_t kFirstSequenceMax = 1000;  // identities had events before the span

struct ServerErrorSource {
  CategoryRecordKind kind;
  std::int32_t code;
};
// 5xx seen outside Connections during incidents and as background noise:
// several categories log only their errors, so the analyzer must scan them all.
constexpr ServerErrorSource kServerErrors[] = {
    {CategoryRecordKind::d2c_twin_update, 500001}, {CategoryRecordKind::d2c_twin_read, 500008},
    {CategoryRecordKind::c2d_command, 500001},     {CategoryRecordKind::route_endpoint, 500008},
    {CategoryRecordKind::direct_method, 504101},   {CategoryRecordKind::telemetry_ingress, 503001},
};

ClientIdentity identity_of(const DeviceProfile& device, bool duplicate_client) {
  return {device.device_id,   device.module_id,
          device.sdk_version, device.protocol,
          device.auth_type,   duplicate_client ? device.duplicate_ip : device.masked_ip};
}

DeviceTruth truth_of(const DeviceProfile& device, DeviceHistory& history,
                     const SimulationOptions& options) {
  DeviceTruth truth;
  truth.hub = options.hub_name;
  truth.device_id = device.device_id;
  truth.module_id = device.module_id;
  truth.labels = labels_for(device, history);
  truth.behavior = device.behavior;
  if (device.token_period > 0) {
    truth.token_lifetime_minutes = device.token_lifetime_minutes;
    truth.period_seconds = static_cast<int>(device.token_period / kMillisPerSecond);
  } else if (device.clean_renewal_period > 0) {
    truth.period_seconds = static_cast<int>(device.clean_renewal_period / kMillisPerSecond);
  } else if (device.reboot_period > 0) {
    truth.period_seconds = static_cast<int>(device.reboot_period / kMillisPerSecond);
  }
  truth.sdk = device.sdk_version;
  truth.protocol = device.protocol;
  truth.masked_ip = device.masked_ip;
  truth.connected = std::move(history.connected);
  return truth;
}

void add_connection_records(const DeviceProfile& device, const DeviceHistory& history,
                            const RecordFormatter& formatter, const SimulationOptions& options,
                            std::uint32_t hub, std::vector<Record>& records) {
  RandomStream random(options.seed, RandomPurpose::record_format,
                      static_cast<std::uint64_t>(device.index));
  for (const ConnectionEvent& event : history.events) {
    const StampedTime stamp = stamp_time(event.time, options, random);
    const bool other_spelling = random.chance(kOtherSpellingShare);
    if (event.category) {
      // A record of another category: a throttled telemetry send, say.
      const ClientIdentity identity = identity_of(device, false);
      std::string line =
          formatter.category_record(stamp.text, *event.category, &identity, event.code, random);
      const std::string_view category = template_of(*event.category).category;
      if (!is_exported(options, category, event.code)) continue;
      records.push_back({stamp.time, stamp.time, std::string(category), std::move(line), hub});
      continue;
    }
    // Drawn before the export filter, so narrowing it changes no other record.
    if (!is_exported(options, "Connections", event.code)) continue;
    records.push_back({stamp.time, stamp.time, "Connections",
                       formatter.connection(stamp.text, event.operation,
                                            identity_of(device, event.duplicate_client), event.code,
                                            other_spelling),
                       hub});
  }
}

// The Event Grid events of one identity, one per snapshot window with a change;
// each identity draws its own snapshot phase.
void add_state_events(const DeviceProfile& device, const DeviceHistory& history,
                      const EventGridFormatter& formatter, TimeWindow span,
                      const SimulationOptions& options, std::uint32_t hub,
                      std::vector<Record>& records) {
  RandomStream random(options.seed, RandomPurpose::state_events,
                      static_cast<std::uint64_t>(device.index));
  const Timestamp phase = random.between(0, kSnapshotPeriod);
  const auto first_sequence = static_cast<std::uint64_t>(random.uniform_int(1, kFirstSequenceMax));
  for (const StateSnapshot& snapshot : state_snapshots(history, span, phase, first_sequence)) {
    records.push_back({snapshot.time, snapshot.time, std::string(kEventGridCategory),
                       formatter.event(device.device_id, device.module_id, snapshot, random), hub});
  }
}

// A device connected at `time`, so that a failed twin update or method call
// never names a device that is offline; any device when few are connected.
const DeviceProfile& pick_connected(Timestamp time, const FleetPlan& plan,
                                    std::span<const DeviceTruth> truths, RandomStream& random) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    const auto index = static_cast<std::size_t>(
        random.uniform_int(0, static_cast<std::int64_t>(plan.devices.size()) - 1));
    if (connected_at(truths[index], time)) return plan.devices[index];
  }
  return random.pick(std::span<const DeviceProfile>(plan.devices));
}

void add_server_error(Timestamp time, const FleetPlan& plan, std::span<const DeviceTruth> truths,
                      const RecordFormatter& formatter, const SimulationOptions& options,
                      RandomStream& random, std::uint32_t hub, std::vector<Record>& records) {
  const ServerErrorSource& source = random.pick(std::span<const ServerErrorSource>(kServerErrors));
  const DeviceProfile& device = pick_connected(time, plan, truths, random);
  const ClientIdentity identity = identity_of(device, false);
  const StampedTime stamp = stamp_time(time, options, random);
  std::string line =
      formatter.category_record(stamp.text, source.kind, &identity, source.code, random);
  const std::string_view category = template_of(source.kind).category;
  if (!is_exported(options, category, source.code)) return;
  records.push_back({stamp.time, stamp.time, std::string(category), std::move(line), hub});
}

bool near_site_outage(const FleetPlan& plan, Timestamp time) {
  return std::any_of(plan.outages.begin(), plan.outages.end(), [&](const SiteOutagePlan& outage) {
    return outage.window.start - kOutageQuietSlack <= time &&
           time < outage.window.end + kOutageQuietSlack;
  });
}

// 5xx records in other categories: many during each incident, a few per hour
// otherwise. Site outages stay free of them: that is what tells them apart.
void add_fleet_errors(const FleetPlan& plan, std::span<const DeviceTruth> truths,
                      const RecordFormatter& formatter, const SimulationOptions& options,
                      std::uint32_t hub, std::vector<Record>& records) {
  RandomStream random(options.seed, RandomPurpose::fleet_errors);
  for (const IncidentPlan& incident : plan.incidents) {
    const int count =
        std::max(5, static_cast<int>(std::lround(static_cast<double>(plan.devices.size()) *
                                                 incident.share * kIncidentErrorsPerDevice)));
    for (int i = 0; i < count; ++i) {
      add_server_error(random.between(incident.window.start, incident.window.end), plan, truths,
                       formatter, options, random, hub, records);
    }
  }
  for (Timestamp hour = plan.span.start; hour < plan.span.end; hour += kMillisPerHour) {
    const int count = random.poisson(options.background_errors_per_hour);
    for (int i = 0; i < count; ++i) {
      const Timestamp time = random.between(hour, std::min(hour + kMillisPerHour, plan.span.end));
      if (near_site_outage(plan, time)) continue;
      add_server_error(time, plan, truths, formatter, options, random, hub, records);
    }
  }
}

// Adds hub `hub` of the fleet to `simulation`: its devices' records and
// truths, its 5xx records, its incidents and outages. `options` are the hub's own.
void add_hub(const SimulationOptions& options, std::uint32_t hub, Simulation& simulation) {
  const FleetPlan plan = plan_fleet(options);
  const RecordFormatter formatter(options);
  const EventGridFormatter event_formatter(options);
  const bool resource_logs = options.schema == OutputSchema::resource_logs;

  const std::size_t first_device = simulation.devices.size();
  for (const DeviceProfile& device : plan.devices) {
    DeviceHistory history = simulate_device(device, plan, options);
    if (resource_logs) {
      add_connection_records(device, history, formatter, options, hub, simulation.records);
    } else {
      add_state_events(device, history, event_formatter, plan.span, options, hub,
                       simulation.records);
    }
    simulation.devices.push_back(truth_of(device, history, options));
  }
  // Truths are still in plan order here, so plan.devices[i] and truths[i] match.
  // Event Grid carries no error codes: the 5xx records exist only in resource logs.
  const std::span<const DeviceTruth> truths(simulation.devices.data() + first_device,
                                            plan.devices.size());
  if (resource_logs) add_fleet_errors(plan, truths, formatter, options, hub, simulation.records);

  std::vector<TimeWindow> incidents;
  for (const IncidentPlan& incident : plan.incidents)
    incidents.push_back(incident.window);
  std::sort(incidents.begin(), incidents.end(),
            [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    const bool health_event = std::cmp_less(i, options.health_events);
    simulation.incidents.push_back({incidents[i], options.hub_name, health_event});
  }
  for (const SiteOutagePlan& outage : plan.outages) {
    const auto devices =
        std::count_if(plan.devices.begin(), plan.devices.end(),
                      [&](const DeviceProfile& device) { return device.site == outage.site; });
    simulation.site_outages.push_back({outage.window,
                                       plan.site_ips[static_cast<std::size_t>(outage.site)],
                                       options.hub_name, static_cast<int>(devices)});
  }
  for (const EdgeRestartPlan& restart : plan.edge_restarts) {
    const auto identities = std::count_if(
        plan.devices.begin(), plan.devices.end(),
        [&](const DeviceProfile& device) { return device.gateway == restart.gateway; });
    simulation.edge_restarts.push_back({restart.window, options.hub_name,
                                        plan.gateway_ids[static_cast<std::size_t>(restart.gateway)],
                                        static_cast<int>(identities)});
  }
}

}  // namespace

Simulation simulate_fleet(const SimulationOptions& options) {
  if (auto error = validate(options)) throw std::invalid_argument(*error);

  Simulation simulation;
  simulation.seed = options.seed;
  simulation.span = {options.start, options.start + options.hours * kMillisPerHour};
  simulation.categories = options.categories;
  simulation.server_errors = options.server_errors;
  simulation.devices.reserve(static_cast<std::size_t>(options.hubs) *
                             static_cast<std::size_t>(options.devices));
  for (int hub = 0; hub < options.hubs; ++hub) {
    const SimulationOptions own = hub_options(options, hub);
    simulation.hubs.push_back(own.hub_name);
    add_hub(own, static_cast<std::uint32_t>(hub), simulation);
  }
  // Identities are numbered in sorted order already; modules keep their device's place.
  std::stable_sort(simulation.devices.begin(), simulation.devices.end(),
                   [](const DeviceTruth& a, const DeviceTruth& b) {
                     return std::tie(a.hub, a.device_id, a.module_id) <
                            std::tie(b.hub, b.device_id, b.module_id);
                   });
  const auto by_hub_and_start = [](const auto& a, const auto& b) {
    return std::tie(a.hub, a.window.start) < std::tie(b.hub, b.window.start);
  };
  std::stable_sort(simulation.incidents.begin(), simulation.incidents.end(), by_hub_and_start);
  std::stable_sort(simulation.site_outages.begin(), simulation.site_outages.end(),
                   by_hub_and_start);
  std::stable_sort(simulation.edge_restarts.begin(), simulation.edge_restarts.end(),
                   by_hub_and_start);

  // Loss and delivery act on the export as a whole, with the fleet's own seed.
  const bool resource_logs = options.schema == OutputSchema::resource_logs;
  drop_lost_records(simulation.records, options);
  if (resource_logs) {
    deliver_records(simulation.records, options);
    simulation.missing_spans = drop_missing_hours(simulation.records, options, simulation.span);
    return simulation;
  }
  deliver_pushed_records(simulation.records, options);
  simulation.missing_spans = drop_missing_hours(simulation.records, options, simulation.span);
  simulation.state_events = simulation.records.size();
  simulation.records = batch_events(simulation.records);
  return simulation;
}

}  // namespace iothub_diag::simulate
