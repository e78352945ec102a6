#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace iothub_diag {

// Every tolerance the diagnosis uses, in one place. Defaults follow
// docs/DOMAIN numbers; `--config FILE` overrides any of them by name.
struct Thresholds {
  // Periodicity (symptom 1)
  double period_tolerance_seconds =
      45;  // connect-to-drop durations this close belong to one cycle...
  double period_tolerance_ratio = 0.005;  // ...plus this share of the period
  // Not a setting (not in the table): how far the logs may place each end of a
  // connection from the truth, added once to the tolerance however many cycles
  // a duration spans. The analysis sets it to one snapshot for Event Grid devices.
  double timing_slack_seconds = 0;
  double min_period_minutes = 10;        // shorter cycles are not token lifetimes
  double min_token_cycles = 3;           // cycles needed to call a device periodic
  double max_chance_probability = 1e-4;  // how unlikely the cycle cluster must be under randomness
  double max_overlong_share = 0.2;       // connections outliving the period, as a share of cycles
  double token_grace_minutes = 5;        // the hub's clock-skew allowance past expiry
  double unauthorized_window_seconds = 120;  // a 401003 this close to a 404104 belongs to it
  // Random drops (symptom 2)
  double min_random_drops = 2;  // unexplained drops needed to call a device's drops a pattern
  // Fleet bursts (symptom 3)
  double burst_window_minutes = 5;       // drops this close together count as simultaneous
  double burst_min_devices = 5;          // never fewer devices than this
  double burst_min_fleet_share = 0.05;   // ...nor a smaller share of the hub's devices
  double burst_baseline_factor = 6;      // ...nor fewer than baseline + factor x spread
  double hub_error_margin_minutes = 10;  // hub-side errors this close to a burst count for it
  double min_hub_errors = 3;             // hub-side errors needed to blame the hub
  double hub_error_baseline_factor = 4;  // ...and at least this many times their usual rate
  double recovery_minutes = 15;          // when "after" is measured for the connected count
  double site_min_devices = 4;        // a site (one masked IP) has and loses this many devices
  double site_min_group_share = 0.5;  // ...and at least this share of them
  double site_max_chance_probability = 1e-3;  // ...which its own drop rate would hardly produce
  double site_min_ip_share =
      0.6;  // share of a hub burst's devices in site bursts that makes it those sites
  // Beyond the article
  double min_scheduled_cycles =
      2;  // equal clean cycles that make a reconnect schedule (informational)
  double never_reconnected_minutes =
      120;  // silence after a last 404104 before a device counts as gone
  double duplicate_identity_min_closes = 5;  // 400027 closes that make an identity ping-pong
  double unauthorized_storm_min_failures =
      5;  // 401003s in a row, with no successful connect between
};

struct ThresholdInfo {
  std::string_view name;
  double Thresholds::*field;
  std::string_view unit;
  double minimum;  // --config values outside [minimum, maximum] are refused
  double maximum;
  std::string_view meaning;
};

// The table behind `--config` and `iothub-diag rules`.
std::span<const ThresholdInfo> threshold_table() noexcept;

// Applies a JSON object {"name": number, ...}; returns an error message, or nullopt.
std::optional<std::string> apply_thresholds(const nlohmann::json& config, Thresholds& thresholds);

}  // namespace iothub_diag
