#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag::simulate {

// A reported window and a true one match when they are of the same hub and
// overlap with this much slack.
inline constexpr Timestamp kWindowMatchSlack = 5 * kMillisPerMinute;

// The score row of incidents found by either rule that may report one
// (hub-incident, or fleet-wide-drop when the logs hold no 5xx); not a rule id.
inline constexpr std::string_view kIncidentWindows = "incident-windows";

// The score row of gaps in the logs: incomplete-export windows whose cut is
// log_gap, against the hours whose blobs the export lacks; not a rule id.
inline constexpr std::string_view kLogGaps = "log-gaps";

// Precision and recall conventions for empty sides: nothing reported gives
// precision 1, nothing to find gives recall 1, and F1 is 0 when both are 0.
struct DeviceRuleScore {
  std::string rule;
  int truth = 0;     // identities labeled with the rule
  int reported = 0;  // distinct identities the report names for it
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  std::vector<std::string> false_positive_ids;  // `hub/device[/module]`, sorted
  std::vector<std::string> false_negative_ids;

  double precision() const;
  double recall() const;
  double f1() const;
};

struct WindowRuleScore {
  std::string rule;
  int truth_windows = 0;  // true windows this rule is expected to report
  int reported_windows = 0;
  int found = 0;          // true windows some reported window overlaps
  int missed = 0;         // true windows no reported window overlaps
  int false_windows = 0;  // reported windows that overlap no window the rule may claim
  std::vector<std::string> missed_list;  // `hub start/end` of each missed window
  std::vector<std::string> false_list;   // and of each false one

  double precision() const;
  double recall() const;
  double f1() const;
};

struct AccuracyScore {
  std::vector<DeviceRuleScore> device_rules;  // every known device rule, then any other truth label
  // resource logs: incident-windows, hub-incident, fleet-wide-drop, site-network-outage,
  // edge-gateway-restart; timing only: fleet-wide-drop, edge-gateway-restart (a gateway
  // restart window matches a true one only when both name the same gateway)
  std::vector<WindowRuleScore> window_rules;
  std::vector<std::string>
      unscored_rules;  // report rules with no ground truth, or not visible in the logs scored
  std::vector<std::string> problems;  // malformed parts of either document, skipped
};

// What the scored logs can show. Event Grid events carry timing only, so for
// them a token expiry and a scheduled reconnect are one verdict (periodic
// drops: scheduled-reconnects devices count as sas-token-expiry truth), a hub
// incident and a site outage are one (`fleet-wide-drop`, scored against both
// kinds of window), and rules that need result codes are not scored (nor
// isolated-drops: its label counts 404104s, and a snapshot shows a clean
// restart as a drop too). In
// resource logs an incident is hub-incident's to report when the ground
// truth's `export` kept the 5xx, fleet-wide-drop's when it did not; the row
// incident-windows counts it found by either, and each rule's row counts as
// false only its windows that overlap no incident.
enum class ScoredEvidence : std::uint8_t { resource_logs, timing_only };

// Scores an analyzer report against `ground-truth.json` (see ground_truth.hpp).
// Report contract: `findings` is an array of {"rule", "devices":[{"hub",
// "device_id", "module_id"}]} for device rules and {"rule", "windows":[{"hub",
// "start","end"}]} for fleet rules; `simultaneous-drops` (report schema 1) is
// read as `fleet-wide-drop`. A device is hub + device_id + module_id (null and
// missing module ids are the same); hubs compare case-insensitively, and an
// item whose hub is null or missing is of the fleet's only hub, or of none
// when the ground truth has several. Malformed entries become problems.
AccuracyScore score_report(const nlohmann::json& report, const nlohmann::json& ground_truth,
                           ScoredEvidence evidence = ScoredEvidence::resource_logs);

// A fixed-width text table of the scores, one row per rule.
std::string format_accuracy_table(const AccuracyScore& score);

// Every rule's false and missed devices and windows, one line each, for
// finding out why a score is low.
std::string format_accuracy_misses(const AccuracyScore& score);

// The scores as JSON, for scripts that track accuracy across runs.
nlohmann::ordered_json accuracy_json(const AccuracyScore& score);

}  // namespace iothub_diag::simulate
