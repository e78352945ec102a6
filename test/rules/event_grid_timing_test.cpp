// Devices known only from Event Grid connection snapshots: their drops are
// judged on timing, and devices also in the resource logs are not counted twice.
#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

// True state changes (minutes, connected?) of a device whose token expires every
// `period` minutes and which reconnects `reconnect_seconds` after each drop.
std::vector<std::pair<double, bool>> token_cycles(double start, double period, int cycles,
                                                  double reconnect_seconds) {
  std::vector<std::pair<double, bool>> changes = {{start, true}};
  double connected = start;
  for (int cycle = 0; cycle < cycles; ++cycle) {
    const double dropped = connected + period + (cycle % 3 - 1) * 0.05;
    changes.emplace_back(dropped, false);
    connected = dropped + reconnect_seconds / 60;
    changes.emplace_back(connected, true);
  }
  return changes;
}

const FindingItem& item_for(const Report& report, std::string_view rule, std::string_view device) {
  for (const Finding& finding : report.findings) {
    if (finding.rule->id != rule) continue;
    for (const FindingItem& item : finding.devices) {
      if (std::get<std::string>(item.evidence.front().value) == device) return item;
    }
  }
  FAIL("no " << rule << " item for " << device);
  throw;
}

const EvidenceValue& value_of(const FindingItem& item, std::string_view key) {
  for (const Evidence& evidence : item.evidence) {
    if (evidence.key() == key) return evidence.value;
  }
  FAIL("no evidence " << key);
  throw;
}

TEST_CASE("token cycles hidden inside snapshots are found from repeated connect events",
          "[rules][eventgrid]") {
  LogBuilder log;
  // Reconnecting 8 s after each drop: most cycles show only as "connected" published again.
  log.grid_snapshots("grid-token", token_cycles(1, 65, 10, 8));
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "sas-token-expiry") == std::vector<std::string>{"grid-token"});
  CHECK(testing::devices_of(report, "random-disconnects").empty());
  const FindingItem& item = item_for(report, "sas-token-expiry", "grid-token");
  CHECK(std::get<double>(value_of(item, "period_seconds")) == Approx(3900).margin(60));
  CHECK(std::get<std::int64_t>(value_of(item, "cycles")) >= 9);
  CHECK(std::get<std::string>(value_of(item, "connection_source")) == "event_grid");
  // Event Grid cannot show a 401003, and a reconnect inside a snapshot has no delay to show.
  CHECK(std::holds_alternative<std::monostate>(value_of(item, "cycles_with_401003")));
  CHECK(std::holds_alternative<std::monostate>(value_of(item, "typical_reconnect_delay_seconds")));
  REQUIRE_FALSE(report.notes.empty());
  CHECK_THAT(english_text(report.notes.back()),
             Catch::Contains("1 device seen only in them is judged on timing alone"));
}

TEST_CASE("irregular outages seen in Event Grid are random disconnects", "[rules][eventgrid]") {
  LogBuilder log;
  log.grid_snapshots("grid-flaky", {{0.5, true},
                                    {37, false},
                                    {41, true},
                                    {190, false},
                                    {193.5, true},
                                    {222, false},
                                    {230, true},
                                    {401, false},
                                    {402.5, true}});
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "random-disconnects") ==
        std::vector<std::string>{"grid-flaky"});
  CHECK(testing::devices_of(report, "sas-token-expiry").empty());
  const FindingItem& item = item_for(report, "random-disconnects", "grid-flaky");
  CHECK(std::get<std::int64_t>(value_of(item, "drops")) == 4);
  // Outages of 1.5 to 8 minutes, measured between snapshots a whole minute apart.
  CHECK(std::get<double>(value_of(item, "reconnect_delay_min_seconds")) == Approx(60).margin(60));
  CHECK(std::get<double>(value_of(item, "reconnect_delay_max_seconds")) == Approx(480).margin(60));
}

TEST_CASE("a fleet dropping together in Event Grid is reported without blaming the hub",
          "[rules][eventgrid]") {
  LogBuilder log;
  for (int i = 0; i < 20; ++i)
    log.grid_snapshots("steady-" + std::to_string(i), {{1 + i * 0.01, true}}, i * 3);
  for (int i = 0; i < 40; ++i) {
    log.grid_snapshots("fleet-" + std::to_string(i),
                       {{2 + i * 0.02, true}, {600 + i * 0.05, false}, {615 + i * 0.1, true}},
                       i * 1.5);
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::windows_of(report, "fleet-wide-drop") == 1);
  CHECK(testing::windows_of(report, "hub-incident") == 0);
  CHECK(testing::devices_of(report, "random-disconnects").empty());
}

TEST_CASE(
    "resource-log devices dropping together from many networks without hub errors are a "
    "fleet-wide drop",
    "[rules][eventgrid]") {
  LogBuilder log;
  for (int i = 0; i < 20; ++i)
    log.connect("steady-" + std::to_string(i), at_minutes(1 + i * 0.01));
  for (int i = 0; i < 40; ++i) {
    const std::string device = "fleet-" + std::to_string(i);
    const std::string ip = "81.2." + std::to_string(i) + ".XXX";
    log.connect(device, at_minutes(2 + i * 0.02), ".NET/1.38.0", ip);
    log.drop(device, at_minutes(600 + i * 0.05), ip);
    log.connect(device, at_minutes(615 + i * 0.1), ".NET/1.38.0", ip);
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::windows_of(report, "fleet-wide-drop") == 1);
  CHECK(testing::windows_of(report, "hub-incident") == 0);
  CHECK(testing::windows_of(report, "site-network-outage") == 0);
  CHECK(testing::devices_of(report, "random-disconnects").empty());
  CHECK(testing::devices_of(report, "isolated-drops").empty());
}

TEST_CASE("a device in both the resource logs and Event Grid is judged once, on its logs",
          "[rules][eventgrid]") {
  LogBuilder log;
  double connected = 3;
  log.connect("both", at_minutes(connected));
  std::vector<std::pair<double, bool>> changes = {{connected, true}};
  for (int cycle = 0; cycle < 8; ++cycle) {
    const double dropped = connected + 65 + (cycle % 3 - 1) * 0.05;
    log.error("both", at_minutes(dropped - 0.3), codes::kIotHubUnauthorized, "deviceDisconnect");
    log.drop("both", at_minutes(dropped));
    connected = dropped + 0.2;
    log.connect("both", at_minutes(connected));
    changes.emplace_back(dropped, false);
    changes.emplace_back(connected, true);
  }
  log.grid_snapshots("both", changes);
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "sas-token-expiry") == std::vector<std::string>{"both"});
  CHECK(testing::devices_of(report, "random-disconnects").empty());
  const FindingItem& item = item_for(report, "sas-token-expiry", "both");
  CHECK(std::get<std::int64_t>(value_of(item, "cycles")) == 8);
  CHECK(std::get<std::int64_t>(value_of(item, "cycles_with_401003")) == 8);
  CHECK(std::get<std::string>(value_of(item, "connection_source")) == "resource_logs");
  REQUIRE_FALSE(report.notes.empty());
  CHECK_THAT(english_text(report.notes.back()),
             Catch::Contains("1 device also in the resource logs is judged on those"));
}

TEST_CASE("a disconnect snapshot after the last drop does not make a gone device look alive",
          "[rules][eventgrid]") {
  LogBuilder log;
  log.connect("steady", at_minutes(1)).connect("steady", at_minutes(600));
  log.connect("gone", at_minutes(5)).drop("gone", at_minutes(100));
  log.grid_snapshots("gone", {{5, true}, {100, false}});
  log.grid_snapshots("grid-gone", {{6, true}, {130, false}});
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "never-reconnected") ==
        std::vector<std::string>{"gone", "grid-gone"});
}

}  // namespace
}  // namespace iothub_diag
