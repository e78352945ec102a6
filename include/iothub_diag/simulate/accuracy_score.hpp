#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag::simulate {

// A reported window and a true one match when they overlap with this much slack.
inline constexpr Timestamp kWindowMatchSlack = 5 * kMillisPerMinute;

// Precision and recall conventions for empty sides: nothing reported gives
// precision 1, nothing to find gives recall 1, and F1 is 0 when both are 0.
struct DeviceRuleScore {
  std::string rule;
  int truth = 0;     // identities labeled with the rule
  int reported = 0;  // distinct identities the report names for it
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;

  double precision() const;
  double recall() const;
  double f1() const;
};

struct WindowRuleScore {
  std::string rule;
  int truth_windows = 0;
  int reported_windows = 0;
  int found = 0;          // true windows some reported window overlaps
  int missed = 0;         // true windows no reported window overlaps
  int false_windows = 0;  // reported windows that overlap no true window

  double precision() const;
  double recall() const;
  double f1() const;
};

struct AccuracyScore {
  std::vector<DeviceRuleScore> device_rules;  // every known device rule, then any other truth label
  std::vector<WindowRuleScore> window_rules;  // hub-incident, site-network-outage
  std::vector<std::string>
      unscored_rules;  // report rules with no ground truth, or not visible in the logs scored
  std::vector<std::string> problems;  // malformed parts of either document, skipped
};

// What the scored logs can show. Event Grid events carry timing only, so for
// them a token expiry and a scheduled reconnect are one verdict (periodic
// drops: scheduled-reconnects devices count as sas-token-expiry truth), a hub
// incident and a site outage are one (`simultaneous-drops`, scored against both
// kinds of window), and rules that need result codes are not scored.
enum class ScoredEvidence : std::uint8_t { resource_logs, timing_only };

// Scores an analyzer report against `ground-truth.json` (see ground_truth.hpp).
// Report contract: `findings` is an array of {"rule", "devices":[{"device_id",
// "module_id"}]} for device rules and {"rule", "windows":[{"start","end"}]} for
// `hub-incident` and `site-network-outage`. A device is device_id + module_id
// (null and missing module ids are the same). Malformed entries become problems.
AccuracyScore score_report(const nlohmann::json& report, const nlohmann::json& ground_truth,
                           ScoredEvidence evidence = ScoredEvidence::resource_logs);

// A fixed-width text table of the scores, one row per rule.
std::string format_accuracy_table(const AccuracyScore& score);

// The scores as JSON, for scripts that track accuracy across runs.
nlohmann::ordered_json accuracy_json(const AccuracyScore& score);

}  // namespace iothub_diag::simulate
