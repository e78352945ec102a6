// Azure's own evidence fused into the fleet verdicts: on the hard fleet with
// Connections only and no 5xx, a Resource Health event over the first incident
// makes it a hub incident that cites the event, the other stays a fleet-wide
// drop, and both carry the metric's dip.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/report/report.hpp>
#include <iothub_diag/rules/rule.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/platform_files.hpp>

namespace iothub_diag {
namespace {

simulate::SimulationOptions hard_fleet(bool metric, int health_events) {
  simulate::SimulationOptions options;
  options.devices = 600;
  options.hours = 24;
  options.token_lifetimes_minutes = {30, 60, 120};
  options.record_loss = 0.05;
  options.mixed_share = 0.10;
  options.fleet_booted_together = true;
  options.incidents = 2;
  options.site_outages = 1;
  options.categories = simulate::LoggedCategories::connections;
  options.server_errors = false;
  options.metric = metric;
  options.health_events = health_events;
  return options;
}

nlohmann::json analyze(const simulate::SimulationOptions& options,
                       const simulate::Simulation& simulation) {
  std::string logs;
  for (const simulate::Record& record : simulation.records)
    logs += record.json_line + "\n";
  EventStore store;
  read_stream(std::make_unique<MemorySource>(logs), "logs", ReadOptions{}, store);
  if (options.metric) {
    const std::string metric = simulate::metric_response_json(simulation, options, 0);
    read_stream(std::make_unique<MemorySource>(metric), "metric.json", ReadOptions{}, store);
  }
  if (options.health_events > 0) {
    const std::string activity = simulate::activity_log_json(simulation, options);
    read_stream(std::make_unique<MemorySource>(activity), "activity-log.json", ReadOptions{},
                store);
  }
  store.finalize();
  const Thresholds thresholds;
  const Diagnosis diagnosis(store, thresholds);
  return nlohmann::json::parse(
      report_to_json(build_report(diagnosis, run_rules(diagnosis))).dump());
}

std::vector<nlohmann::json> windows_of(const nlohmann::json& report, std::string_view rule) {
  for (const nlohmann::json& finding : report["findings"]) {
    if (finding["rule"] == rule) return finding["windows"].get<std::vector<nlohmann::json>>();
  }
  return {};
}

}  // namespace

TEST_CASE(
    "a Resource Health event over an incident without 5xx makes it a hub incident that "
    "cites the event",
    "[analysis][platform]") {
  const simulate::SimulationOptions options = hard_fleet(true, 1);
  const simulate::Simulation simulation = simulate::simulate_fleet(options);
  REQUIRE(simulation.incidents.size() == 2);
  REQUIRE(simulation.incidents[0].health_event);
  const nlohmann::json report = analyze(options, simulation);

  const auto incidents = windows_of(report, "hub-incident");
  const auto fleet_wide = windows_of(report, "fleet-wide-drop");
  REQUIRE(incidents.size() == 1);
  REQUIRE(fleet_wide.size() == 1);
  const nlohmann::json& incident = incidents.front();
  const Timestamp first_start = simulation.incidents[0].window.start;
  CHECK(parse_iso8601(incident["start"].get<std::string>()).value() < first_start + kMillisPerHour);
  CHECK(incident["admitted_by_azure"] == true);
  REQUIRE(incident["health_events"].size() >= 1);
  CHECK(incident["health_events"][0].get<std::string>().find(
            "ResourceHealth Unavailable (PlatformInitiated)") != std::string::npos);
  for (const nlohmann::json* window : {&incident, &fleet_wide.front()}) {
    REQUIRE((*window)["metric_before"].is_number());
    CHECK((*window)["metric_lowest"] < (*window)["metric_before"]);
    CHECK((*window)["metric_after"] > (*window)["metric_lowest"]);
  }
  CHECK(fleet_wide.front()["health_events"].empty());
  CHECK(report["input"]["metrics"].size() == 1);
  CHECK(report["input"]["health_events"].size() == 2);
}

TEST_CASE("without Azure's evidence both incidents of the same fleet are fleet-wide drops",
          "[analysis][platform]") {
  const simulate::SimulationOptions options = hard_fleet(false, 0);
  const nlohmann::json report = analyze(options, simulate::simulate_fleet(options));
  CHECK(windows_of(report, "hub-incident").empty());
  const auto fleet_wide = windows_of(report, "fleet-wide-drop");
  REQUIRE(fleet_wide.size() == 2);
  CHECK(fleet_wide.front()["metric_before"].is_null());
}

}  // namespace iothub_diag
