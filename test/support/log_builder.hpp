#pragma once

// Builds small resource-log fleets in memory, in the exact record shape IoT
// Hub writes, and runs them through the real ingest and diagnosis.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/report/report.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::testing {

class LogBuilder {
 public:
  // The hub the records after this call belong to (`HUB` until set).
  LogBuilder& hub(std::string name);
  // A successful deviceConnect.
  LogBuilder& connect(const std::string& device, Timestamp time,
                      const std::string& sdk = ".NET/1.38.0", const std::string& ip = "10.0.0.XXX");
  // A 404104 deviceDisconnect.
  LogBuilder& drop(const std::string& device, Timestamp time, const std::string& ip = "10.0.0.XXX");
  // A clean (Information) deviceDisconnect.
  LogBuilder& clean_disconnect(const std::string& device, Timestamp time);
  // An error record with `code` on `operation` (deviceConnect, deviceDisconnect or another
  // category's).
  LogBuilder& error(const std::string& device, Timestamp time, int code,
                    const std::string& operation = "deviceConnect",
                    const std::string& category = "Connections");
  // An Event Grid DeviceConnected or DeviceDisconnected event (Event Grid schema).
  LogBuilder& grid_event(const std::string& device, Timestamp time, bool connected);
  // The Event Grid events IoT Hub publishes for a device whose state really changed
  // at `changes` (minutes, true for a connect): one per 60-second snapshot in which
  // the state changed, at the snapshot's end, with the state it ended in.
  LogBuilder& grid_snapshots(const std::string& device,
                             const std::vector<std::pair<double, bool>>& changes,
                             double phase_seconds = 17);
  LogBuilder& raw_line(std::string line);

  std::string jsonl() const;

 private:
  std::vector<std::string> lines_;
  std::string hub_ = "HUB";
  std::uint64_t grid_sequence_ = 0;
};

// 2026-11-20T00:00:00Z plus `minutes`.
Timestamp at_minutes(double minutes);

// The records of a simulated fleet (as `iothub-diag simulate` writes them), one
// JSON line each, in the order the simulator lists them.
std::string simulated_jsonl(const simulate::SimulationOptions& options);

// Reads JSON Lines text through the real reader into a finalized store.
EventStore read_jsonl(const std::string& text, EventStore::Options options = {});

// Runs every rule over the text and returns the report.
Report analyze_jsonl(const std::string& text, const Thresholds& thresholds = {});

// Device ids listed by `rule` in the report (empty when the rule did not fire).
std::vector<std::string> devices_of(const Report& report, std::string_view rule);
// Number of windows reported by `rule`.
std::size_t windows_of(const Report& report, std::string_view rule);

}  // namespace iothub_diag::testing
