#pragma once

// Helpers shared by the simulator tests: records read back the way an analyzer
// would see them, and fleets cached so that each shape is generated once.

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/simulation.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate::testing {

// A fleet with every kind of device and fleet event.
inline SimulationOptions eventful_options() {
  SimulationOptions options;
  options.incidents = 2;
  options.site_outages = 1;
  options.duplicate_identity_devices = 3;
  options.never_reconnected_devices = 3;
  options.unauthorized_storm_devices = 3;
  return options;
}

struct ParsedRecord {
  Timestamp time = 0;
  Timestamp receive_time = 0;
  std::string category;
  std::string operation;
  std::string level;
  int code = 0;  // resultType as a number, 0 when absent
  std::string device_id;
  std::string module_id;
  std::string masked_ip;
  std::string sdk_version;

  bool is_connect() const { return operation == "deviceConnect"; }
  bool is_disconnect() const { return operation == "deviceDisconnect"; }
  bool is_successful_connect() const { return is_connect() && code == 0; }
  bool is_server_error() const { return code >= 500000 && code <= 599999; }
};

using IdentityKey = std::pair<std::string, std::string>;  // device_id, module_id

inline std::string text_or_empty(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

inline ParsedRecord parse_record(const Record& record) {
  const nlohmann::json json = nlohmann::json::parse(record.json_line);
  ParsedRecord parsed;
  parsed.time = parse_iso8601(json.at("time").get<std::string>()).value();
  parsed.receive_time = record.receive_time;
  parsed.category = json.at("category").get<std::string>();
  parsed.operation = json.at("operationName").get<std::string>();
  parsed.level = json.at("level").get<std::string>();
  if (json.contains("resultType")) parsed.code = std::stoi(json["resultType"].get<std::string>());
  const nlohmann::json properties = nlohmann::json::parse(json.at("properties").get<std::string>());
  parsed.device_id = text_or_empty(properties, "deviceId");
  parsed.module_id = text_or_empty(properties, "moduleId");
  parsed.masked_ip = text_or_empty(properties, "maskedIpAddress");
  parsed.sdk_version = text_or_empty(properties, "sdkVersion");
  return parsed;
}

inline std::vector<ParsedRecord> parse_all(const Simulation& simulation) {
  std::vector<ParsedRecord> records;
  records.reserve(simulation.records.size());
  for (const Record& record : simulation.records)
    records.push_back(parse_record(record));
  return records;
}

// Connections records per identity, sorted by time.
inline std::map<IdentityKey, std::vector<ParsedRecord>> connections_by_identity(
    const std::vector<ParsedRecord>& records) {
  std::map<IdentityKey, std::vector<ParsedRecord>> by_identity;
  for (const ParsedRecord& record : records) {
    if (record.category == "Connections") {
      by_identity[{record.device_id, record.module_id}].push_back(record);
    }
  }
  for (auto& [identity, events] : by_identity) {
    std::stable_sort(events.begin(), events.end(),
                     [](const ParsedRecord& a, const ParsedRecord& b) { return a.time < b.time; });
  }
  return by_identity;
}

inline IdentityKey key_of(const DeviceTruth& device) {
  return {device.device_id, device.module_id};
}

inline bool has_label(const DeviceTruth& device, std::string_view label) {
  return std::find(device.labels.begin(), device.labels.end(), label) != device.labels.end();
}

// Incidents and site outages widened by the 5 min slack the labels also use.
inline bool in_fleet_window(const Simulation& simulation, Timestamp time) {
  const Timestamp slack = 5 * kMillisPerMinute;
  const auto near = [&](const TimeWindow& window) {
    return window.start - slack <= time && time < window.end + slack;
  };
  return std::any_of(simulation.incidents.begin(), simulation.incidents.end(),
                     [&](const IncidentTruth& incident) { return near(incident.window); }) ||
         std::any_of(simulation.site_outages.begin(), simulation.site_outages.end(),
                     [&](const SiteOutageTruth& outage) { return near(outage.window); });
}

// Whether a drop of `device` at `time` is excused: an incident of its hub or
// an outage of its own site, widened by the same 5 min slack.
inline bool in_fleet_window(const Simulation& simulation, const DeviceTruth& device,
                            Timestamp time) {
  const Timestamp slack = 5 * kMillisPerMinute;
  const auto near = [&](const TimeWindow& window) {
    return window.start - slack <= time && time < window.end + slack;
  };
  return std::any_of(simulation.incidents.begin(), simulation.incidents.end(),
                     [&](const IncidentTruth& incident) {
                       return incident.hub == device.hub && near(incident.window);
                     }) ||
         std::any_of(simulation.site_outages.begin(), simulation.site_outages.end(),
                     [&](const SiteOutageTruth& outage) {
                       return outage.hub == device.hub && outage.masked_ip == device.masked_ip &&
                              near(outage.window);
                     });
}

// Connect-to-404104 durations, in seconds, for one identity's sorted events.
inline std::vector<Timestamp> connected_durations_before_drops(
    const std::vector<ParsedRecord>& events) {
  std::vector<Timestamp> durations;
  // A flag and a value rather than std::optional: GCC 12 warns falsely (maybe-uninitialized) on the
  // latter here.
  bool connected = false;
  Timestamp connected_at_time = 0;
  for (const ParsedRecord& event : events) {
    if (event.is_successful_connect()) {
      connected = true;
      connected_at_time = event.time;
    }
    if (event.is_disconnect() && event.code == 404104 && connected) {
      durations.push_back((event.time - connected_at_time) / kMillisPerSecond);
      connected = false;
    }
  }
  return durations;
}

// The default fleet, generated once for every test that only reads it.
inline const Simulation& default_fleet() {
  static const Simulation simulation = simulate_fleet(SimulationOptions{});
  return simulation;
}

inline const std::vector<ParsedRecord>& default_fleet_records() {
  static const std::vector<ParsedRecord> records = parse_all(default_fleet());
  return records;
}

}  // namespace iothub_diag::simulate::testing
