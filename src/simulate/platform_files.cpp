#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/simulate/fleet_hubs.hpp>
#include <iothub_diag/simulate/platform_files.hpp>
#include <iothub_diag/simulate/record_format.hpp>

namespace iothub_diag::simulate {
namespace {

using Json = nlohmann::json;  // keys sorted, as the CLI prints them

// `2026-11-20T00:01:00+00:00`, as older CLIs print metric stamps.
std::string cli_time(Timestamp time) {
  std::string text = format_iso8601(time);
  if (!text.empty() && text.back() == 'Z') text.replace(text.size() - 1, 1, "+00:00");
  return text;
}

constexpr int kServiceLagMinutes = 3;

// Milliseconds connected per minute of the span, summed over the hub's identities.
std::vector<double> connected_millis_per_minute(const Simulation& simulation,
                                                const std::string& hub) {
  const Timestamp start = simulation.span.start;
  const auto minutes = static_cast<std::size_t>(
      (simulation.span.end - start + kMillisPerMinute - 1) / kMillisPerMinute);
  std::vector<double> millis(minutes, 0);
  for (const DeviceTruth& device : simulation.devices) {
    if (device.hub != hub) continue;
    for (const TimeWindow& window : device.connected) {
      const Timestamp from = std::max(window.start, start);
      const Timestamp to = std::min(window.end, simulation.span.end);
      for (Timestamp at = from; at < to;) {
        const auto minute = static_cast<std::size_t>((at - start) / kMillisPerMinute);
        const Timestamp minute_end = start + static_cast<Timestamp>(minute + 1) * kMillisPerMinute;
        const Timestamp until = std::min(to, minute_end);
        millis[minute] += static_cast<double>(until - at);
        at = until;
      }
    }
  }
  return millis;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

}  // namespace

std::filesystem::path metric_file_path(std::string_view hub) {
  return std::filesystem::path("metrics") / (std::string(hub) + ".json");
}

std::string metric_response_json(const Simulation& simulation, const SimulationOptions& options,
                                 std::size_t hub) {
  const SimulationOptions hub_opts = hub_options(options, static_cast<int>(hub));
  const std::string& name = simulation.hubs.at(hub);
  const std::vector<double> millis = connected_millis_per_minute(simulation, name);
  Json data = Json::array();
  const Timestamp start = simulation.span.start;
  const auto point = [&](Timestamp time, Json average) {
    return Json{{"average", std::move(average)},
                {"count", nullptr},
                {"maximum", nullptr},
                {"minimum", nullptr},
                {"timeStamp", cli_time(time)},
                {"total", nullptr}};
  };
  for (std::size_t minute = 0; minute < millis.size(); ++minute) {
    // Two decimals, as the service averages its snapshots.
    const double average = std::round(millis[minute] / kMillisPerMinute * 100) / 100;
    data.push_back(point(start + static_cast<Timestamp>(minute) * kMillisPerMinute, average));
  }
  const Timestamp end = start + static_cast<Timestamp>(millis.size()) * kMillisPerMinute;
  for (int lag = 0; lag < kServiceLagMinutes; ++lag)
    data.push_back(point(end + lag * kMillisPerMinute, nullptr));
  const std::string resource_id = hub_resource_id(hub_opts);
  Json metric = {
      {"displayDescription", "Number of devices connected to your IoT hub"},
      {"errorCode", "Success"},
      {"id", resource_id + "/providers/Microsoft.Insights/metrics/connectedDeviceCount"},
      {"name", {{"localizedValue", "Connected devices"}, {"value", "connectedDeviceCount"}}},
      {"resourceGroup", options.resource_group},
      {"timeseries",
       Json::array({Json{{"data", std::move(data)}, {"metadatavalues", Json::array()}}})},
      {"type", "Microsoft.Insights/metrics"},
      {"unit", "Count"}};
  const Timestamp query_end = end + kServiceLagMinutes * kMillisPerMinute;
  Json response = {{"cost", static_cast<std::int64_t>(millis.size()) + kServiceLagMinutes},
                   {"interval", "0:01:00"},
                   {"namespace", "Microsoft.Devices/IotHubs"},
                   {"resourceregion", options.location},
                   {"timespan", format_iso8601(start) + "/" + format_iso8601(query_end)},
                   {"value", Json::array({std::move(metric)})}};
  return response.dump(2) + "\n";
}

std::string activity_log_json(const Simulation& simulation, const SimulationOptions& options) {
  Json events = Json::array();
  std::size_t number = 0;
  for (const IncidentTruth& incident : simulation.incidents) {
    if (!incident.health_event) continue;
    const auto hub = static_cast<std::size_t>(
        std::find(simulation.hubs.begin(), simulation.hubs.end(), incident.hub) -
        simulation.hubs.begin());
    const std::string resource_id = hub_resource_id(hub_options(options, static_cast<int>(hub)));
    const auto event = [&](Timestamp time, bool active) {
      ++number;
      const std::string id = fmt::format("{:08x}-0000-4000-8000-{:012x}", simulation.seed, number);
      return Json{
          {"authorization", nullptr},
          {"caller", nullptr},
          {"category", {{"localizedValue", "Resource Health"}, {"value", "ResourceHealth"}}},
          {"claims", nullptr},
          {"correlationId", id},
          {"description", ""},
          {"eventDataId", id},
          {"eventName",
           {{"localizedValue", active ? "Health Event Activated" : "Health Event Resolved"},
            {"value", active ? "HealthEventActivated" : "HealthEventResolved"}}},
          {"eventTimestamp", format_iso8601(time)},
          {"httpRequest", nullptr},
          {"id", fmt::format("{}/events/{}/ticks/{}", resource_id, id, time * 10000)},
          {"level", active ? "Critical" : "Informational"},
          {"operationId", id},
          {"operationName",
           {{"localizedValue", active ? "Health Event Activated" : "Health Event Resolved"},
            {"value", active ? "Microsoft.Resourcehealth/healthevent/Activated/action"
                             : "Microsoft.Resourcehealth/healthevent/Resolved/action"}}},
          {"properties",
           {{"cause", "PlatformInitiated"},
            {"currentHealthStatus", active ? "Unavailable" : "Available"},
            {"details", nullptr},
            {"previousHealthStatus", active ? "Available" : "Unavailable"},
            {"title",
             active ? "We're sorry, your IoT hub is unavailable" : "Your IoT hub is available"},
            {"type", "Downtime"}}},
          {"resourceGroupName", options.resource_group},
          {"resourceId", resource_id},
          {"resourceProviderName",
           {{"localizedValue", "Microsoft.Devices"}, {"value", "Microsoft.Devices"}}},
          {"resourceType",
           {{"localizedValue", "Microsoft.Devices/IotHubs"},
            {"value", "Microsoft.Devices/IotHubs"}}},
          {"status",
           {{"localizedValue", active ? "Active" : "Resolved"},
            {"value", active ? "Active" : "Resolved"}}},
          {"subStatus", {{"localizedValue", ""}, {"value", ""}}},
          {"submissionTimestamp", format_iso8601(time + 2 * kMillisPerMinute)},
          {"subscriptionId", options.subscription_id},
          {"tenantId", ""}};
    };
    // Resource Health lags: the event comes a minute or two into the outage.
    events.push_back(event(incident.window.start + kMillisPerMinute, true));
    events.push_back(event(incident.window.end + kMillisPerMinute, false));
  }
  // The CLI lists the newest first.
  std::reverse(events.begin(), events.end());
  return events.dump(2) + "\n";
}

void write_platform_files(const Simulation& simulation, const SimulationOptions& options,
                          const std::filesystem::path& out_dir) {
  if (options.metric) {
    for (std::size_t hub = 0; hub < simulation.hubs.size(); ++hub)
      write_file(out_dir / metric_file_path(simulation.hubs[hub]),
                 metric_response_json(simulation, options, hub));
  }
  const bool any_event =
      std::any_of(simulation.incidents.begin(), simulation.incidents.end(),
                  [](const IncidentTruth& incident) { return incident.health_event; });
  if (any_event) write_file(out_dir / kActivityLogFileName, activity_log_json(simulation, options));
}

}  // namespace iothub_diag::simulate
