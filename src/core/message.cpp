#include <array>

#include <iothub_diag/core/message.hpp>

namespace iothub_diag {
namespace {

constexpr std::array<std::string_view, kMessageIdCount> kMessageIdNames = {
    "pipe_read",
    "csv_dates_by_values",
    "csv_dates_by_values_against_request",
    "csv_dates_undecided",
    "csv_dates_by_request",
    "date_order_day_first",
    "date_order_month_first",
    "csv_local_time_offset",
    "csv_local_time_no_offset",
    "sdk_renews_120s",
    "sdk_renews_15min",
    "sdk_renews_at_expiry",
    "sdk_renews_at_80_percent",
    "sdk_application_renews",
    "sdk_unknown_renewal",
    "sdk_expected_at_expiry",
    "sdk_contradicted",
    "sdk_not_renewed",
    "sdk_outdated_suffix",
    "snapshot_cycle",
    "snapshot_drop",
    "sdk_unknown_keep_alive",
    "sdk_outdated",
    "sdk_keep_alive",
    "sdk_check_keep_alive",
    "scheduled_reconnect",
    "sdk_renewal_matches",
    "sdk_renewal_interval",
    "link_conflicts",
    "hub_drops_not_counted",
    "health_admitted_windows",
    "certificate_devices",
    "isolated_need_more",
    "isolated_event_grid",
    "cause_certificate_credential",
    "cause_certificate_root",
    "cause_token_start_unknown",
    "cause_token_lasted",
    "cause_default_token_lasted",
    "cause_keep_alive_known",
    "cause_keep_alive_unknown",
    "cause_tcp_reset_sdk_unknown",
    "cause_tcp_reset_outdated",
    "cause_reconnect_bug_current",
    "version_unknown",
    "cause_device_stopped",
    "cause_crash_reconnected",
    "cause_crash_no_reconnect",
    "cause_hub_too_few_devices",
    "cause_hub_others_stayed",
    "log_gap_detail",
    "cut_row_cap",
    "row_cap_query_api",
    "row_cap_portal_earlier",
    "row_cap_portal_first",
    "metric_gap_detail",
    "story_connected",
    "story_connect_unknown",
    "story_window_span",
    "story_hub_incident",
    "story_site_outage",
    "story_fleet_wide",
    "story_edge_restart",
    "story_token_period",
    "story_idle_period",
    "story_throttled",
    "story_random",
    "story_too_few",
    "event_grid_snapshots",
    "event_grid_only_devices",
    "event_grid_also_logged",
    "record_loss",
    "metric_dip",
    "device_timelines_cut",
};

}  // namespace

std::string_view message_id_name(MessageId id) noexcept {
  return kMessageIdNames[static_cast<std::size_t>(id)];
}

bool Message::operator==(const Message& other) const {
  return id == other.id && args == other.args && count == other.count;
}

}  // namespace iothub_diag
