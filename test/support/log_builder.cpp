#include "support/log_builder.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/rules/rule.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>

namespace iothub_diag::testing {
namespace {

std::string resource_id(std::string_view hub) {
  return fmt::format(
      "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/RG/PROVIDERS/"
      "MICROSOFT.DEVICES/IOTHUBS/{}",
      hub);
}

std::string record(std::string_view hub, Timestamp time, std::string_view operation,
                   std::string_view category, std::string_view level, int code,
                   const nlohmann::json& properties) {
  nlohmann::ordered_json json = {{"time", format_iso8601(time)},
                                 {"resourceId", resource_id(hub)},
                                 {"operationName", operation},
                                 {"category", category},
                                 {"level", level}};
  if (code != 0) {
    json["resultType"] = std::to_string(code);
    const ResultCodeInfo* info = find_result_code(code);
    json["resultDescription"] = info != nullptr ? info->name : "Unknown";
  }
  json["properties"] = properties.dump();
  json["location"] = "westeurope";
  return json.dump();
}

}  // namespace

LogBuilder& LogBuilder::hub(std::string name) {
  hub_ = std::move(name);
  return *this;
}

Timestamp at_minutes(double minutes) {
  return *make_timestamp(2026, 11, 20, 0, 0, 0) +
         static_cast<Timestamp>(minutes * kMillisPerMinute);
}

LogBuilder& LogBuilder::connect(const std::string& device, Timestamp time, const std::string& sdk,
                                const std::string& ip) {
  lines_.push_back(record(hub_, time, "deviceConnect", "Connections", "Information", 0,
                          {{"deviceId", device},
                           {"sdkVersion", sdk},
                           {"protocol", "Mqtt"},
                           {"authType", nullptr},
                           {"maskedIpAddress", ip},
                           {"statusCode", nullptr}}));
  return *this;
}

LogBuilder& LogBuilder::drop(const std::string& device, Timestamp time, const std::string& ip) {
  lines_.push_back(record(hub_, time, "deviceDisconnect", "Connections", "Error",
                          codes::kDeviceConnectionClosedRemotely,
                          {{"deviceId", device},
                           {"protocol", "Mqtt"},
                           {"authType", nullptr},
                           {"maskedIpAddress", ip},
                           {"statusCode", "404"}}));
  return *this;
}

LogBuilder& LogBuilder::clean_disconnect(const std::string& device, Timestamp time) {
  lines_.push_back(
      record(hub_, time, "deviceDisconnect", "Connections", "Information", 0,
             {{"deviceId", device}, {"protocol", "Mqtt"}, {"maskedIpAddress", "10.0.0.XXX"}}));
  return *this;
}

LogBuilder& LogBuilder::error(const std::string& device, Timestamp time, int code,
                              const std::string& operation, const std::string& category) {
  nlohmann::json properties = {{"protocol", "Mqtt"}};
  if (!device.empty()) properties["deviceId"] = device;
  lines_.push_back(record(hub_, time, operation, category, "Error", code, properties));
  return *this;
}

LogBuilder& LogBuilder::grid_event(const std::string& device, Timestamp time, bool connected) {
  ++grid_sequence_;
  nlohmann::ordered_json json = {
      {"id", fmt::format("00000000-0000-0000-0000-{:012}", grid_sequence_)},
      {"topic", resource_id(hub_)},
      {"subject", "devices/" + device},
      {"eventType",
       connected ? "Microsoft.Devices.DeviceConnected" : "Microsoft.Devices.DeviceDisconnected"},
      {"eventTime", format_iso8601(time)},
      {"data",
       {{"deviceConnectionStateEventInfo",
         {{"sequenceNumber", fmt::format("{:064X}", grid_sequence_)}}},
        {"hubName", hub_},
        {"deviceId", device}}},
      {"dataVersion", "1"},
      {"metadataVersion", "1"}};
  lines_.push_back(json.dump());
  return *this;
}

LogBuilder& LogBuilder::grid_snapshots(const std::string& device,
                                       const std::vector<std::pair<double, bool>>& changes,
                                       double phase_seconds) {
  const double window = 1;  // minute
  const double phase = phase_seconds / 60;
  std::optional<double> open_window_end;
  bool state = false;
  for (const auto& [minute, connected] : changes) {
    const double end = phase + std::ceil((minute - phase) / window) * window;
    if (open_window_end && end != *open_window_end)
      grid_event(device, at_minutes(*open_window_end), state);
    open_window_end = end;
    state = connected;
  }
  if (open_window_end) grid_event(device, at_minutes(*open_window_end), state);
  return *this;
}

LogBuilder& LogBuilder::raw_line(std::string line) {
  lines_.push_back(std::move(line));
  return *this;
}

std::string LogBuilder::jsonl() const {
  std::string text;
  for (const std::string& line : lines_)
    text += line + "\n";
  return text;
}

std::string simulated_jsonl(const simulate::SimulationOptions& options) {
  std::string text;
  for (const simulate::Record& record : simulate::simulate_fleet(options).records) {
    text += record.json_line;
    text += '\n';
  }
  return text;
}

EventStore read_jsonl(const std::string& text, EventStore::Options options) {
  EventStore store(std::move(options));
  read_stream(std::make_unique<MemorySource>(text), "test.jsonl", ReadOptions{}, store);
  store.finalize();
  return store;
}

Report analyze_jsonl(const std::string& text, const Thresholds& thresholds) {
  const EventStore store = read_jsonl(text);
  Diagnosis diagnosis(store, thresholds);
  return build_report(diagnosis, run_rules(diagnosis));
}

std::vector<std::string> devices_of(const Report& report, std::string_view rule) {
  std::vector<std::string> devices;
  for (const Finding& finding : report.findings) {
    if (finding.rule->id != rule) continue;
    for (const FindingItem& item : finding.devices)
      devices.push_back(std::get<std::string>(item.evidence.front().value));
  }
  std::sort(devices.begin(), devices.end());
  return devices;
}

std::size_t windows_of(const Report& report, std::string_view rule) {
  for (const Finding& finding : report.findings) {
    if (finding.rule->id == rule) return finding.windows.size();
  }
  return 0;
}

}  // namespace iothub_diag::testing
