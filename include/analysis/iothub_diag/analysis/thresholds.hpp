#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace iothub_diag {

// How long past a token's expiry the hub may close its link: about 5 minutes of
// clock skew, and a 10-minute grace in some SDKs' documentation (docs/DOMAIN.md:
// a default 60-minute token's connection ends 60 to 75 minutes after it opened).
inline constexpr double kLateCloseMinutes = 15;

// Every tolerance the diagnosis uses, with its default (docs/DOMAIN.md gives the
// numbers behind them). What each one means is written once, in its row of the
// table in thresholds.cpp, which `iothub-diag rules` prints and `--config FILE`
// reads (any of them by name).
struct Thresholds {
  // Periodicity (symptom 1)
  double period_tolerance_seconds = 45;
  double period_tolerance_ratio = 0.005;
  // The two above, at most this share of the period: a short period (a
  // network idle timeout of a minute or two) with 45 s on either side would
  // take in most lengths of a device that drops at random.
  double period_tolerance_max_share = 0.25;
  // A hub that finds expired tokens on a timer ends each cycle up to minutes
  // past the grace, drawn anew: a device whose durations spread that wide is
  // judged with this tolerance instead, when the cycles it adds are more than
  // chance would put there (periodicity.hpp). 0 turns the second look off.
  double token_late_tolerance_seconds = 180;
  // Not a setting (not in the table): how far the logs may place each end of a
  // connection from the truth, added once to the tolerance however many cycles
  // a duration spans. The analysis sets it to one snapshot for Event Grid devices.
  double timing_slack_seconds = 0;
  double min_period_minutes = 10;
  double min_token_cycles = 3;
  double max_chance_probability = 1e-4;
  double max_overlong_share = 0.2;
  double token_grace_minutes = 5;
  // A connection that lasted this long, or up to kLateCloseMinutes more, ended
  // as a day-long token expires: one of a token's cycles too few to show its
  // period (a token period of a day shows one or two in two days). 0: none.
  double day_token_minutes = 1440;
  double unauthorized_window_seconds = 120;
  // Random drops (symptom 2)
  double min_random_drops = 2;
  // Fleet bursts (symptom 3)
  double burst_window_minutes = 5;
  double burst_min_devices = 5;
  double burst_min_fleet_share = 0.05;
  double burst_baseline_factor = 6;
  double fleet_max_chance_probability = 1e-3;
  double fleet_wide_min_share = 0.1;
  double hub_error_margin_minutes = 10;
  double min_hub_errors = 3;
  double hub_error_baseline_factor = 4;
  double recovery_minutes = 15;
  double site_min_devices = 4;
  double site_min_group_share = 0.5;
  double site_max_chance_probability = 1e-3;
  // Gaps in the logs
  double gap_min_minutes = 20;
  double gap_quiet_share = 0.25;
  double gap_max_chance_probability = 1e-4;
  // Beyond the article
  double min_scheduled_cycles = 2;
  double never_reconnected_minutes = 120;
  double duplicate_identity_min_closes = 5;
  double unauthorized_storm_min_failures = 5;
  // Causes operators name beyond the article
  double edge_min_identities = 2;
  double throttling_margin_seconds = 120;
  double idle_min_period_seconds = 30;
};

// Whether a threshold counts things (devices, cycles, errors), so that a
// fraction in --config is refused rather than compared against silently.
enum class ThresholdValue : std::uint8_t { real, integer };

struct ThresholdInfo {
  std::string_view name;
  double Thresholds::*field;
  std::string_view unit;
  double minimum;  // --config values outside [minimum, maximum] are refused
  double maximum;
  std::string_view meaning;
  ThresholdValue value = ThresholdValue::real;
};

// The table behind `--config` and `iothub-diag rules`.
std::span<const ThresholdInfo> threshold_table() noexcept;

// Applies a JSON object {"name": number, ...}; returns an error message, or nullopt.
std::optional<std::string> apply_thresholds(const nlohmann::json& config, Thresholds& thresholds);

}  // namespace iothub_diag
