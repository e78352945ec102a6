#include <stdexcept>

#include <catch2/catch.hpp>

#include <iothub_diag/bench/accuracy_score.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>

namespace iothub_diag::simulate {
namespace {

using Json = nlohmann::json;

const Json kTruth = Json::parse(R"({
  "schema_version": 1, "seed": 7,
  "span": {"start": "2026-11-20T00:00:00Z", "end": "2026-11-21T00:00:00Z"},
  "devices": [
    {"device_id": "dev-0001", "module_id": null, "labels": ["sas-token-expiry"]},
    {"device_id": "dev-0002", "module_id": null, "labels": ["sas-token-expiry", "random-disconnects"]},
    {"device_id": "dev-0003", "module_id": null, "labels": ["random-disconnects"]},
    {"device_id": "dev-0004", "module_id": "vision", "labels": ["sas-token-expiry"]},
    {"device_id": "dev-0005", "module_id": null, "labels": []},
    {"device_id": "dev-0006", "module_id": null, "labels": ["scheduled-reconnects"]}
  ],
  "incidents": [
    {"start": "2026-11-20T10:00:00Z", "end": "2026-11-20T10:10:00Z"},
    {"start": "2026-11-20T18:00:00Z", "end": "2026-11-20T18:05:00Z"}
  ],
  "site_outages": [
    {"start": "2026-11-20T14:00:00Z", "end": "2026-11-20T14:30:00Z", "masked_ip": "81.2.3.XXX"}
  ]
})");

const DeviceRuleScore& device_rule(const AccuracyScore& score, std::string_view rule) {
  for (const DeviceRuleScore& row : score.device_rules) {
    if (row.rule == rule) return row;
  }
  FAIL("no row for " << rule);
  throw std::logic_error("unreachable");
}

const WindowRuleScore& window_rule(const AccuracyScore& score, std::string_view rule) {
  for (const WindowRuleScore& row : score.window_rules) {
    if (row.rule == rule) return row;
  }
  FAIL("no row for " << rule);
  throw std::logic_error("unreachable");
}

Json windows_finding(std::string_view rule,
                     std::vector<std::pair<const char*, const char*>> windows) {
  Json finding = {{"rule", rule}, {"windows", Json::array()}};
  for (const auto& [start, end] : windows)
    finding["windows"].push_back({{"start", start}, {"end", end}});
  return finding;
}

TEST_CASE("timing-only scoring merges what Event Grid cannot tell apart", "[simulate]") {
  Json report = Json::parse(R"({"findings": [
    {"rule": "sas-token-expiry", "devices": [
      {"device_id": "dev-0001"}, {"device_id": "dev-0002"}, {"device_id": "dev-0006"}]}
  ]})");
  report["findings"].push_back(
      windows_finding("fleet-wide-drop", {{"2026-11-20T10:01:00Z", "2026-11-20T10:06:00Z"},
                                          {"2026-11-20T14:02:00Z", "2026-11-20T14:20:00Z"}}));
  const AccuracyScore score = score_report(report, kTruth, ScoredEvidence::timing_only);
  // A scheduled reconnect is periodic too: dev-0006 is right; dev-0004 is missed.
  const DeviceRuleScore& token = device_rule(score, "sas-token-expiry");
  CHECK(token.true_positives == 3);
  CHECK(token.false_positives == 0);
  CHECK(token.false_negatives == 1);
  // Incidents and site outages are both fleet events: 2 of 3 found, none false.
  const WindowRuleScore& fleet = window_rule(score, "fleet-wide-drop");
  CHECK(fleet.truth_windows == 3);
  CHECK(fleet.found == 2);
  CHECK(fleet.false_windows == 0);
  // Fleet-wide drops, IoT Edge gateway restarts (none in this truth), and gaps
  // in the logs, which snapshots delivered by the hour can have too.
  REQUIRE(score.window_rules.size() == 3);
  CHECK(score.window_rules[2].rule == "log-gaps");
  for (const DeviceRuleScore& row : score.device_rules) {
    CHECK(row.rule != "scheduled-reconnects");  // needs result codes: not scored
    CHECK(row.rule != "duplicate-identity");
    CHECK(row.rule != "isolated-drops");  // labeled on 404104s, which snapshots cannot show
  }
}

TEST_CASE("device rules count true and false positives and misses per identity", "[simulate]") {
  const Json report = Json::parse(R"({"findings": [
    {"rule": "sas-token-expiry", "devices": [
      {"device_id": "dev-0001", "module_id": null},
      {"device_id": "dev-0002"},
      {"device_id": "dev-0004", "module_id": null},
      {"device_id": "dev-0005", "module_id": null}]},
    {"rule": "random-disconnects", "devices": [{"device_id": "dev-0003", "module_id": null}]}
  ]})");
  const AccuracyScore score = score_report(report, kTruth);
  CHECK(score.problems.empty());

  // dev-0004 without its module is another identity: a false positive and a miss.
  const DeviceRuleScore& token = device_rule(score, "sas-token-expiry");
  CHECK(token.truth == 3);
  CHECK(token.reported == 4);
  CHECK(token.true_positives == 2);
  CHECK(token.false_positives == 2);
  CHECK(token.false_negatives == 1);
  CHECK(token.precision() == Approx(0.5));
  CHECK(token.recall() == Approx(2.0 / 3.0));
  CHECK(token.f1() == Approx(4.0 / 7.0));

  const DeviceRuleScore& random = device_rule(score, "random-disconnects");
  CHECK(random.true_positives == 1);
  CHECK(random.false_positives == 0);
  CHECK(random.false_negatives == 1);
  CHECK(random.precision() == Approx(1.0));
  CHECK(random.recall() == Approx(0.5));

  // Nothing reported for a rule with truth: precision 1 by convention, recall 0, F1 0.
  const DeviceRuleScore& scheduled = device_rule(score, "scheduled-reconnects");
  CHECK(scheduled.false_negatives == 1);
  CHECK(scheduled.precision() == Approx(1.0));
  CHECK(scheduled.recall() == Approx(0.0));
  CHECK(scheduled.f1() == Approx(0.0));

  // Nothing to find and nothing claimed is a perfect score.
  const DeviceRuleScore& storm = device_rule(score, "unauthorized-storm");
  CHECK(storm.truth == 0);
  CHECK(storm.f1() == Approx(1.0));
}

TEST_CASE("a module identity matches only with its module id", "[simulate]") {
  const Json report = Json::parse(R"({"findings": [
    {"rule": "sas-token-expiry", "devices": [{"device_id": "dev-0004", "module_id": "vision"}]}]})");
  const AccuracyScore token_score = score_report(report, kTruth);
  const DeviceRuleScore& token = device_rule(token_score, "sas-token-expiry");
  CHECK(token.true_positives == 1);
  CHECK(token.false_positives == 0);
}

TEST_CASE("duplicate device entries and repeated findings count once", "[simulate]") {
  const Json report = Json::parse(R"({"findings": [
    {"rule": "random-disconnects", "devices": [{"device_id": "dev-0003"}, {"device_id": "dev-0003"}]},
    {"rule": "random-disconnects", "devices": [{"device_id": "dev-0002"}, {"device_id": "dev-0003"}]}]})");
  const AccuracyScore random_score = score_report(report, kTruth);
  const DeviceRuleScore& random = device_rule(random_score, "random-disconnects");
  CHECK(random.reported == 2);
  CHECK(random.true_positives == 2);
  CHECK(random.false_positives == 0);
}

TEST_CASE("incident windows match with five minutes of slack", "[simulate]") {
  Json report = {{"findings", Json::array()}};
  report["findings"].push_back(windows_finding(
      "hub-incident", {// 4 min after the first incident ends: still the first incident.
                       {"2026-11-20T10:14:00Z", "2026-11-20T10:20:00Z"},
                       // 6 min before the second starts: nothing.
                       {"2026-11-20T17:50:00Z", "2026-11-20T17:54:00Z"},
                       // far from both
                       {"2026-11-20T03:00:00Z", "2026-11-20T03:05:00Z"}}));
  const AccuracyScore incidents_score = score_report(report, kTruth);
  const WindowRuleScore& incidents = window_rule(incidents_score, "hub-incident");
  CHECK(incidents.truth_windows == 2);
  CHECK(incidents.reported_windows == 3);
  CHECK(incidents.found == 1);
  CHECK(incidents.missed == 1);
  CHECK(incidents.false_windows == 2);
  CHECK(incidents.precision() == Approx(1.0 / 3.0));
  CHECK(incidents.recall() == Approx(0.5));
}

TEST_CASE("one wide reported window can find several incidents", "[simulate]") {
  Json report = {{"findings", Json::array()}};
  report["findings"].push_back(
      windows_finding("hub-incident", {{"2026-11-20T09:00:00Z", "2026-11-20T19:00:00Z"}}));
  report["findings"].push_back(
      windows_finding("site-network-outage", {{"2026-11-20T14:03:00Z", "2026-11-20T14:20:00Z"}}));
  const AccuracyScore score = score_report(report, kTruth);
  const WindowRuleScore& incidents = window_rule(score, "hub-incident");
  CHECK(incidents.found == 2);
  CHECK(incidents.false_windows == 0);
  CHECK(incidents.f1() == Approx(1.0));
  const WindowRuleScore& outages = window_rule(score, "site-network-outage");
  CHECK(outages.truth_windows == 1);
  CHECK(outages.found == 1);
  CHECK(outages.false_windows == 0);
}

TEST_CASE("malformed report parts become problems and unknown rules are not scored", "[simulate]") {
  const Json report = Json::parse(R"({"findings": [
    {"devices": [{"device_id": "dev-0001"}]},
    {"rule": "sas-token-expiry", "devices": [{"module_id": "x"}, {"device_id": "dev-0001"}]},
    {"rule": "hub-incident", "windows": [{"start": "noon", "end": "2026-11-20T10:05:00Z"}]},
    {"rule": "keep-alive-too-long", "devices": [{"device_id": "dev-0005"}]}]})");
  const AccuracyScore score = score_report(report, kTruth);
  CHECK(score.problems ==
        std::vector<std::string>{"report: findings[0] has no rule",
                                 "report: findings[1].devices[0] has no device_id",
                                 "report: findings[2].windows[0] has no valid start/end"});
  CHECK(score.unscored_rules == std::vector<std::string>{"keep-alive-too-long"});
  CHECK(device_rule(score, "sas-token-expiry").true_positives == 1);
  CHECK(window_rule(score, "hub-incident").reported_windows == 0);

  const AccuracyScore no_findings = score_report(Json::object(), kTruth);
  CHECK(no_findings.problems == std::vector<std::string>{"report: no findings array"});
  CHECK(device_rule(no_findings, "sas-token-expiry").false_negatives == 3);
}

TEST_CASE("the score table lists every rule with its counts", "[simulate]") {
  const Json report = Json::parse(R"({"findings": [
    {"rule": "sas-token-expiry", "devices": [{"device_id": "dev-0001"}, {"device_id": "dev-0005"}]},
    {"rule": "hub-incident", "windows": [{"start": "2026-11-20T10:01:00Z", "end": "2026-11-20T10:04:00Z"}]}]})");
  const std::string table = format_accuracy_table(score_report(report, kTruth));
  CHECK(table.starts_with(
      "device rule             truth reported     TP     FP     FN precision  recall     F1\n"
      "sas-token-expiry            3        2      1      1      2     0.500   0.333  0.400\n"
      "random-disconnects          2        0      0      0      2     1.000   0.000  0.000\n"));
  CHECK(table.find("\nfleet rule              truth reported  found missed  false precision  "
                   "recall     F1\n"
                   "incident-windows            2        1      1      1      0     1.000   0.500  "
                   "0.667\n"
                   "hub-incident                2        1      1      1      0     1.000   0.500  "
                   "0.667\n"
                   "fleet-wide-drop             0        0      0      0      0     1.000   1.000  "
                   "1.000\n"
                   "site-network-outage         1        0      0      1      0     1.000   0.000  "
                   "0.000\n") != std::string::npos);
}

TEST_CASE("a report that repeats the ground truth scores perfectly", "[simulate]") {
  SimulationOptions options;
  options.devices = 60;
  options.hours = 8;
  options.site_outages = 1;
  options.never_reconnected_devices = 2;
  const Simulation simulation = simulate_fleet(options);
  const Json truth = ground_truth_json(simulation);

  // Build the report an ideal analyzer would print, from the truth itself.
  Json report = {{"findings", Json::array()}};
  for (const std::string_view rule : kDeviceRuleIds) {
    Json finding = {{"rule", rule}, {"devices", Json::array()}};
    for (const auto& device : truth["devices"]) {
      for (const auto& label : device["labels"]) {
        if (label == rule) {
          finding["devices"].push_back(
              {{"device_id", device["device_id"]}, {"module_id", device["module_id"]}});
        }
      }
    }
    report["findings"].push_back(finding);
  }
  report["findings"].push_back({{"rule", "hub-incident"}, {"windows", truth["incidents"]}});
  report["findings"].push_back(
      {{"rule", "site-network-outage"}, {"windows", truth["site_outages"]}});

  const AccuracyScore score = score_report(report, truth);
  CHECK(score.problems.empty());
  for (const DeviceRuleScore& rule : score.device_rules) {
    INFO(rule.rule);
    CHECK(rule.false_positives == 0);
    CHECK(rule.false_negatives == 0);
    CHECK(rule.f1() == Approx(1.0));
  }
  for (const WindowRuleScore& rule : score.window_rules) {
    INFO(rule.rule);
    CHECK(rule.found == rule.truth_windows);
    CHECK(rule.false_windows == 0);
  }
  CHECK(device_rule(score, "never-reconnected").true_positives == 2);
  const auto json = accuracy_json(score);
  CHECK(json["device_rules"].size() == score.device_rules.size());
  CHECK(json["window_rules"][0]["rule"] == "incident-windows");
  CHECK(json["window_rules"][1]["rule"] == "hub-incident");
}

const Json kTwoHubTruth = Json::parse(R"({
  "schema_version": 2, "seed": 7,
  "span": {"start": "2026-11-20T00:00:00Z", "end": "2026-11-21T00:00:00Z"},
  "hubs": ["HUB-A", "HUB-B"],
  "export": {"categories": "connections", "server_errors": false},
  "devices": [
    {"hub": "HUB-A", "device_id": "dev-0001", "module_id": null, "labels": ["sas-token-expiry"]},
    {"hub": "HUB-B", "device_id": "dev-0001", "module_id": null, "labels": ["random-disconnects"]},
    {"hub": "HUB-A", "device_id": "dev-0002", "module_id": null, "labels": ["isolated-drops"]}
  ],
  "incidents": [
    {"hub": "HUB-A", "start": "2026-11-20T10:00:00Z", "end": "2026-11-20T10:10:00Z"},
    {"hub": "HUB-B", "start": "2026-11-20T18:00:00Z", "end": "2026-11-20T18:05:00Z"}
  ],
  "site_outages": [
    {"hub": "HUB-B", "start": "2026-11-20T14:00:00Z", "end": "2026-11-20T14:30:00Z",
     "masked_ip": "81.2.3.XXX", "devices": 12}
  ]
})");

Json hub_windows_finding(std::string_view rule, std::string_view hub, const char* start,
                         const char* end) {
  return {{"rule", rule}, {"windows", {{{"hub", hub}, {"start", start}, {"end", end}}}}};
}

TEST_CASE("devices are scored by hub, device and module", "[simulate]") {
  // dev-0001 expires its token in HUB-A only; naming it in HUB-B is one false
  // positive, and missing it in HUB-A one miss. Hubs compare case-insensitively.
  const Json report = Json::parse(R"({"findings": [
    {"rule": "sas-token-expiry", "devices": [{"hub": "HUB-B", "device_id": "dev-0001"}]},
    {"rule": "random-disconnects", "devices": [{"hub": "hub-b", "device_id": "dev-0001"}]},
    {"rule": "isolated-drops", "devices": [{"hub": "Hub-A", "device_id": "dev-0002"}]}
  ]})");
  const AccuracyScore score = score_report(report, kTwoHubTruth);
  const DeviceRuleScore& token = device_rule(score, "sas-token-expiry");
  CHECK(token.true_positives == 0);
  CHECK(token.false_positives == 1);
  CHECK(token.false_negatives == 1);
  CHECK(token.false_positive_ids == std::vector<std::string>{"hub-b/dev-0001"});
  CHECK(token.false_negative_ids == std::vector<std::string>{"hub-a/dev-0001"});
  CHECK(device_rule(score, "random-disconnects").true_positives == 1);
  CHECK(device_rule(score, "isolated-drops").f1() == Approx(1.0));
}

TEST_CASE("an item without a hub is of the only hub, or of none among several", "[simulate]") {
  const Json report = Json::parse(R"({"findings": [
    {"rule": "sas-token-expiry", "devices": [{"hub": null, "device_id": "dev-0001"}]}
  ]})");
  // Several hubs: a hubless device is nobody's.
  const AccuracyScore two_hubs = score_report(report, kTwoHubTruth);
  const DeviceRuleScore& among_two = device_rule(two_hubs, "sas-token-expiry");
  CHECK(among_two.true_positives == 0);
  CHECK(among_two.false_positives == 1);
  // One hub (or a truth of schema 1, without hubs): it is that hub's.
  Json one_hub = kTwoHubTruth;
  one_hub["hubs"] = {"HUB-A"};
  one_hub["devices"].erase(1);
  CHECK(device_rule(score_report(report, one_hub), "sas-token-expiry").true_positives == 1);
  CHECK(device_rule(score_report(report, kTruth), "sas-token-expiry").true_positives == 1);
}

TEST_CASE("a window matches a true window of its own hub only", "[simulate]") {
  Json report = {{"findings", Json::array()}};
  // HUB-A's incident, reported in HUB-B: a false window and a miss.
  report["findings"].push_back(hub_windows_finding("fleet-wide-drop", "HUB-B",
                                                   "2026-11-20T10:01:00Z", "2026-11-20T10:05:00Z"));
  report["findings"].push_back(hub_windows_finding("fleet-wide-drop", "hub-b",
                                                   "2026-11-20T18:01:00Z", "2026-11-20T18:03:00Z"));
  report["findings"].push_back(hub_windows_finding("site-network-outage", "HUB-A",
                                                   "2026-11-20T14:05:00Z", "2026-11-20T14:20:00Z"));
  const AccuracyScore score = score_report(report, kTwoHubTruth);
  const WindowRuleScore& fleet_wide = window_rule(score, "fleet-wide-drop");
  CHECK(fleet_wide.truth_windows == 2);  // no 5xx exported: incidents are fleet-wide-drop's
  CHECK(fleet_wide.found == 1);
  CHECK(fleet_wide.false_windows == 1);
  CHECK(fleet_wide.missed_list ==
        std::vector<std::string>{"hub-a 2026-11-20T10:00:00Z/2026-11-20T10:10:00Z"});
  const WindowRuleScore& site = window_rule(score, "site-network-outage");
  CHECK(site.found == 0);
  CHECK(site.false_windows == 1);
  CHECK(window_rule(score, "hub-incident").truth_windows == 0);
}

TEST_CASE("an incident is found by hub-incident or fleet-wide-drop", "[simulate]") {
  Json report = {{"findings", Json::array()}};
  report["findings"].push_back(
      hub_windows_finding("hub-incident", "HUB-A", "2026-11-20T10:01:00Z", "2026-11-20T10:05:00Z"));
  report["findings"].push_back(hub_windows_finding("fleet-wide-drop", "HUB-B",
                                                   "2026-11-20T18:01:00Z", "2026-11-20T18:03:00Z"));
  report["findings"].push_back(hub_windows_finding("fleet-wide-drop", "HUB-B",
                                                   "2026-11-20T03:00:00Z", "2026-11-20T03:03:00Z"));
  Json truth = kTwoHubTruth;
  truth["export"]["server_errors"] = true;
  const AccuracyScore score = score_report(report, truth);
  const WindowRuleScore& either = window_rule(score, "incident-windows");
  CHECK(either.truth_windows == 2);
  CHECK(either.found == 2);
  CHECK(either.false_windows == 1);
  // With the 5xx exported, the incidents are hub-incident's to find; a
  // fleet-wide-drop window on an incident is not false, one on nothing is.
  const WindowRuleScore& hub_incident = window_rule(score, "hub-incident");
  CHECK(hub_incident.truth_windows == 2);
  CHECK(hub_incident.found == 1);
  CHECK(hub_incident.false_windows == 0);
  const WindowRuleScore& fleet_wide = window_rule(score, "fleet-wide-drop");
  CHECK(fleet_wide.truth_windows == 0);
  CHECK(fleet_wide.false_windows == 1);
}

TEST_CASE("simultaneous-drops windows of older reports count as fleet-wide-drop", "[simulate]") {
  Json report = {{"findings", Json::array()}};
  report["findings"].push_back(
      windows_finding("simultaneous-drops", {{"2026-11-20T10:01:00Z", "2026-11-20T10:06:00Z"}}));
  const AccuracyScore score = score_report(report, kTruth, ScoredEvidence::timing_only);
  CHECK(window_rule(score, "fleet-wide-drop").found == 1);
  CHECK(score.unscored_rules.empty());
}

}  // namespace
}  // namespace iothub_diag::simulate
