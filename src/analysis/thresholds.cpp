#include <array>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/analysis/thresholds.hpp>

namespace iothub_diag {
namespace {

constexpr std::array kThresholds = {
    ThresholdInfo{"period_tolerance_seconds", &Thresholds::period_tolerance_seconds, "s", 0, 1e6,
                  "connect-to-drop durations this close together belong to one token cycle"},
    ThresholdInfo{"period_tolerance_ratio", &Thresholds::period_tolerance_ratio, "ratio", 0, 1,
                  "added to the tolerance as a share of the period"},
    ThresholdInfo{"period_tolerance_max_share", &Thresholds::period_tolerance_max_share, "ratio", 0,
                  1,
                  "the tolerance, at most this share of the period (a short one: a network idle "
                  "timeout)"},
    ThresholdInfo{"token_late_tolerance_seconds", &Thresholds::token_late_tolerance_seconds, "s", 0,
                  1e6,
                  "a second, wider tolerance for tokens whose cycles end minutes apart past the "
                  "grace (a hub that checks expiry late); 0: none"},
    ThresholdInfo{"min_period_minutes", &Thresholds::min_period_minutes, "min", 0, 1e6,
                  "shorter cycles are not taken for token lifetimes"},
    ThresholdInfo{"min_token_cycles", &Thresholds::min_token_cycles, "cycles", 2, 1e6,
                  "cycles of one duration needed to call a device's drops periodic",
                  ThresholdValue::integer},
    ThresholdInfo{"max_chance_probability", &Thresholds::max_chance_probability, "p", 0, 1,
                  "the cycle cluster must be less likely than this to arise from random drops"},
    ThresholdInfo{"max_overlong_share", &Thresholds::max_overlong_share, "ratio", 0, 1,
                  "connections that outlived the period, as a share of cycles, before periodicity "
                  "is refuted"},
    ThresholdInfo{"token_grace_minutes", &Thresholds::token_grace_minutes, "min", 0, 1e6,
                  "clock-skew allowance past token expiry; token lifetime = period - grace"},
    ThresholdInfo{"day_token_minutes", &Thresholds::day_token_minutes, "min", 0, 1e6,
                  "a drop without a 401003 whose connection lasted this long to 15 min more (a "
                  "day-long SAS token past the hub's grace) is a cycle of a token too few to show "
                  "its period; 0: none"},
    ThresholdInfo{"unauthorized_window_seconds", &Thresholds::unauthorized_window_seconds, "s", 0,
                  1e6, "a 401003 this close to a 404104 (before or after) belongs to its cycle"},
    ThresholdInfo{"min_random_drops", &Thresholds::min_random_drops, "drops", 1, 1e6,
                  "unexplained, non-periodic 404104 drops needed to report a device",
                  ThresholdValue::integer},
    ThresholdInfo{"burst_window_minutes", &Thresholds::burst_window_minutes, "min", 0.1, 1e6,
                  "drops of different devices this close together count as simultaneous"},
    ThresholdInfo{"burst_min_devices", &Thresholds::burst_min_devices, "devices", 2, 1e6,
                  "a fleet burst involves at least this many devices", ThresholdValue::integer},
    ThresholdInfo{"burst_min_fleet_share", &Thresholds::burst_min_fleet_share, "ratio", 0, 1,
                  "a hub-wide burst involves at least this share of the hub's devices"},
    ThresholdInfo{"fleet_wide_min_share", &Thresholds::fleet_wide_min_share, "ratio", 0, 1,
                  "a hub burst without hub errors is fleet-wide with this share of the hub, and of "
                  "the devices outside the sites that failed in it"},
    ThresholdInfo{"burst_baseline_factor", &Thresholds::burst_baseline_factor, "x", 0, 1e6,
                  "a fleet burst exceeds the usual drops per window by this many spreads (MAD)"},
    ThresholdInfo{"fleet_max_chance_probability", &Thresholds::fleet_max_chance_probability, "p", 0,
                  1,
                  "expected hub bursts over the span if each device dropped independently at its "
                  "own rate, at most"},
    ThresholdInfo{"hub_error_margin_minutes", &Thresholds::hub_error_margin_minutes, "min", 0, 1e6,
                  "hub-side errors this close to a burst are counted as its evidence"},
    ThresholdInfo{"min_hub_errors", &Thresholds::min_hub_errors, "errors", 1, 1e6,
                  "hub-side errors (500xxx, 400029/400030, 404012) needed to blame the hub",
                  ThresholdValue::integer},
    ThresholdInfo{"hub_error_baseline_factor", &Thresholds::hub_error_baseline_factor, "x", 0, 1e6,
                  "hub-side errors around a burst must exceed their usual rate by this factor"},
    ThresholdInfo{"recovery_minutes", &Thresholds::recovery_minutes, "min", 0, 1e6,
                  "the connected-device count 'after' an incident is read this long after it ends"},
    ThresholdInfo{"site_min_devices", &Thresholds::site_min_devices, "devices", 1, 1e6,
                  "a site (devices of a hub behind one masked IP) has and loses at least this many",
                  ThresholdValue::integer},
    ThresholdInfo{"site_min_group_share", &Thresholds::site_min_group_share, "ratio", 0, 1,
                  "a site burst involves at least this share of the site's devices"},
    ThresholdInfo{"site_max_chance_probability", &Thresholds::site_max_chance_probability, "p", 0,
                  1,
                  "expected site bursts over the span if the site's drops were random (its own "
                  "history), at most"},
    ThresholdInfo{"gap_min_minutes", &Thresholds::gap_min_minutes, "min", 1, 1e6,
                  "a hub's silence this long or longer can be a gap in the logs"},
    ThresholdInfo{"gap_quiet_share", &Thresholds::gap_quiet_share, "ratio", 0, 1,
                  "a stretch of a gap holds less than this share of the hub's usual records"},
    ThresholdInfo{"gap_max_chance_probability", &Thresholds::gap_max_chance_probability, "p", 0, 1,
                  "expected silences so deep over the span at the hub's usual rate, at most"},
    ThresholdInfo{
        "min_scheduled_cycles", &Thresholds::min_scheduled_cycles, "cycles", 2, 1e6,
        "clean connect-to-disconnect cycles (or reboot gaps) of one length that make a schedule",
        ThresholdValue::integer},
    ThresholdInfo{
        "never_reconnected_minutes", &Thresholds::never_reconnected_minutes, "min", 0, 1e6,
        "silence after a device's last 404104, to the end of the logs, before it counts as gone"},
    ThresholdInfo{
        "duplicate_identity_min_closes", &Thresholds::duplicate_identity_min_closes, "closes", 2,
        1e6,
        "400027 ConnectionForcefullyClosedOnNewConnection records that make an identity ping-pong",
        ThresholdValue::integer},
    ThresholdInfo{"unauthorized_storm_min_failures", &Thresholds::unauthorized_storm_min_failures,
                  "401003s", 2, 1e6, "401003s in a row with no successful connect between them",
                  ThresholdValue::integer},
    ThresholdInfo{"edge_min_identities", &Thresholds::edge_min_identities, "identities", 2, 1e6,
                  "identities of one IoT Edge gateway ($edgeHub, $edgeAgent, its modules) that "
                  "drop within burst_window_minutes of each other for a gateway restart",
                  ThresholdValue::integer},
    ThresholdInfo{"throttling_margin_seconds", &Thresholds::throttling_margin_seconds, "s", 0, 1e6,
                  "a 429xxx throttling error of the device this long before a 404104 makes it a "
                  "throttling drop"},
    ThresholdInfo{"idle_min_period_seconds", &Thresholds::idle_min_period_seconds, "s", 1, 1e6,
                  "shorter repeating connection lengths are not taken for a network idle timeout "
                  "(longer ones up to min_period_minutes are)"},
};

}  // namespace

std::span<const ThresholdInfo> threshold_table() noexcept {
  return kThresholds;
}

std::optional<std::string> apply_thresholds(const nlohmann::json& config, Thresholds& thresholds) {
  if (!config.is_object())
    return "the configuration must be a JSON object of threshold names and numbers";
  const nlohmann::json& values = config.contains("thresholds") ? config.at("thresholds") : config;
  if (!values.is_object()) return "\"thresholds\" must be a JSON object";
  for (const auto& [name, value] : values.items()) {
    const ThresholdInfo* info = nullptr;
    for (const auto& candidate : kThresholds) {
      if (candidate.name == name) info = &candidate;
    }
    if (info == nullptr)
      return fmt::format("unknown threshold \"{}\" (see `iothub-diag rules`)", name);
    if (!value.is_number()) return fmt::format("threshold \"{}\" must be a number", name);
    const double number = value.get<double>();
    if (!(number >= info->minimum && number <= info->maximum)) {
      return fmt::format("threshold \"{}\" must be between {:g} and {:g}", name, info->minimum,
                         info->maximum);
    }
    if (info->value == ThresholdValue::integer && number != std::floor(number))
      return fmt::format("threshold \"{}\" counts {} and must be a whole number, not {:g}", name,
                         info->unit, number);
    thresholds.*(info->field) = number;
  }
  return std::nullopt;
}

}  // namespace iothub_diag
