#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace iothub_diag {

// Every sentence the tool says to a person outside its fixed UI texts, by id,
// the way gettext keys a call site. The texts, in every language, live in the
// report's tables (report/texts_en.cpp, report/texts_fr.cpp) under
// "msg.<message_id_name>"; test/report/report_texts_test.cpp fails when a
// language lacks one. Producers in any layer build a Message; only renderers
// turn it into words.
enum class MessageId : std::uint8_t {
  // input/: how the input was read
  pipe_read,
  own_report_passed_over,
  own_ground_truth_passed_over,
  // core/: operating system errors (os_error.cpp)
  os_no_such_file,
  os_permission_denied,
  os_not_permitted,
  os_is_directory,
  os_not_directory,
  os_no_space,
  os_quota_exceeded,
  os_read_only,
  os_too_many_open,
  os_too_many_open_in_system,
  os_symlink_loop,
  os_name_too_long,
  os_io_error,
  os_broken_pipe,
  os_file_too_large,
  os_error_other,
  csv_dates_by_values,
  csv_dates_by_values_against_request,
  csv_dates_undecided,
  csv_dates_by_request,
  date_order_day_first,
  date_order_month_first,
  csv_local_time_offset,
  csv_local_time_no_offset,
  // model/: what an SDK does (SdkProfile::expectation)
  sdk_renews_120s,
  sdk_renews_15min,
  sdk_renews_at_expiry,
  sdk_renews_at_80_percent,
  sdk_application_renews,
  // rules/: SDK assessments
  sdk_unknown_renewal,
  sdk_expected_at_expiry,
  sdk_contradicted,
  sdk_not_renewed,
  sdk_outdated_suffix,
  snapshot_cycle,
  snapshot_drop,
  sdk_unknown_keep_alive,
  sdk_outdated,
  sdk_keep_alive,
  sdk_check_keep_alive,
  scheduled_reconnect,
  sdk_renewal_matches,
  sdk_renewal_interval,
  // rules/: notes of findings
  link_conflicts,
  hub_drops_not_counted,
  health_admitted_windows,
  certificate_devices,
  last_drop_in_fleet_event,
  isolated_need_more,
  isolated_event_grid,
  // rules/: evidence sentences
  cause_certificate_credential,
  cause_certificate_root,
  cause_token_refused,
  cause_token_start_unknown,
  cause_token_lasted,
  cause_default_token_lasted,
  cause_day_token_lasted,
  cause_keep_alive_known,
  cause_keep_alive_unknown,
  cause_tcp_reset_sdk_unknown,
  cause_tcp_reset_outdated,
  cause_reconnect_bug_current,
  version_unknown,
  cause_device_stopped,
  cause_crash_reconnected,
  cause_crash_no_reconnect,
  cause_hub_too_few_devices,
  cause_hub_others_stayed,
  log_gap_detail,
  cut_row_cap,
  row_cap_query_api,
  row_cap_portal_earlier,
  row_cap_portal_first,
  metric_gap_detail,
  // analysis/: a --device story's drops
  story_connected,
  story_connect_unknown,
  story_window_span,
  story_hub_incident,
  story_site_outage,
  story_fleet_wide,
  story_edge_restart,
  story_token_period,
  story_idle_period,
  story_throttled,
  story_random,
  story_too_few,
  // report/: notes about the whole analysis
  event_grid_snapshots,
  event_grid_only_devices,
  event_grid_also_logged,
  record_loss,
  snapshot_loss,
  metric_dip,
  device_timelines_cut,
  // app/: what a run says on stderr (DiagnosticLines)
  line_error,
  line_warning,
  config_unreadable,
  config_not_json,
  config_refused,
  input_cut,
  record_skipped,
  location_in_batch,
  records_skipped_more,
  path_unreadable,
  since_after_until_resolved,
  window_outside_logs,
  hub_not_found,
  hub_unnamed,
  no_records,
  device_not_found,
  since_after_until,
  kql_device_needs_one_hub,
  output_is_input,
  save_without_workspace,
  workspace_with_paths,
  report_file_unwritable,
  stdout_unwritable,
  output_report,
  output_rule_list,
  output_query,
  access_token_missing,
  az_not_started,
  az_not_installed,
  az_token_failed,
  workspace_default_span,
  workspace_unreadable,
  pull_folder_failed,
  workspace_failed,
  workspace_chunks_kept,
  workspace_pulled,
  workspace_progress,
  reading_progress,
  pulled_rows,
  pulled_chunks,
  pulled_asked,
  pulled_saved,
  pulled_split,
  pulled_retried,
  workspace_token_renewed,
  workspace_renewal_failed,
  workspace_recent_rows,
  workspace_recent_rows_saved,
  // app/: the line of `analyze --timings` (app/stage_timings.cpp)
  timings,
  timing_stage,
  timing_stage_cpu,
  timing_stage_cpu_steps,
  stage_read,
  stage_finalize,
  stage_diagnosis,
  stage_rules,
  stage_report,
  stage_render,
  // the diagnosis's own steps, inside its stage (analysis/diagnosis.cpp)
  stage_timelines,
  stage_gaps,
  stage_bursts,
  stage_attribution,
  heap_huge_pages,
  heap_small_pages,
  // app/: what a command line that cannot be parsed says (app/usage_error.cpp)
  usage_not_one_of,
  usage_not_in_range,
  usage_not_size,
  usage_not_whole_count,
  usage_not_time_bound,
  usage_not_utc_offset,
  usage_unexpected,
  usage_value_missing,
  usage_given_twice,
  usage_flag_value,
  usage_option_required,
  usage_unknown_command,
  usage_unknown_command_near,
  usage_command_missing,
  usage_other,
  usage_see_help,
  // workspace/: why a pull stopped
  pull_no_answer,
  pull_broke_off,
  pull_http_status,
  pull_token_refused,
  pull_query_refused,
  pull_gave_up,
  pull_chunk_too_large,
  file_unwritable,
  save_folder_unusable,
  not_a_folder,
  manifest_unreadable,
  save_folder_foreign,
  planning_no_table,
  planning_no_columns,
  // input/: what a skip says beyond its reason (SkipDetail)
  detail_as_given,
  binary_without_line_end,
  csv_row_too_large,
  csv_ends_in_quotes,
  csv_text_after_quote,
  csv_field_count,
  csv_header_unknown,
  advice_utf16,
  advice_avro,
  advice_zip,
  batch_element_not_object,
  table_not_object,
  table_row_not_array,
  table_row_length,
  not_json_object,
  table_columns,
  table_row_before_columns,
  table_row_columns_broken,
  no_record_members,
  result_type_text,
  other_resource_type,
  result_type_number,
  result_type_neither,
  metric_not_object,
  metric_other_name,
  metric_no_hub,
  metric_bad_times,
  activity_other_category,
  activity_no_time,
  health_not_iot_hub,
  gzip_truncated,
  gzip_corrupt,
  zlib_unavailable,
  read_failed,
  // input/: simdjson's errors, in its own words in English (input/json_error_detail.hpp)
  json_capacity,
  json_structure,
  json_too_deep,
  json_bad_string,
  json_bad_true,
  json_bad_false,
  json_bad_null,
  json_bad_number,
  json_bad_utf8,
  json_empty,
  json_unescaped,
  json_unclosed_string,
  json_ends_early,
  json_trailing_content,
};

inline constexpr std::size_t kMessageIdCount =
    static_cast<std::size_t>(MessageId::json_trailing_content) + 1;

// The id's name, as the text tables key it after "msg.".
std::string_view message_id_name(MessageId id) noexcept;

struct MessageArg;

// A sentence by id, its values, and the count that picks its singular or plural
// form (as gettext's ngettext: French takes the singular for 0 and 1, English
// for 1 only).
struct Message {
  MessageId id{};
  std::vector<MessageArg> args;
  std::uint64_t count = 1;
  bool operator==(const Message& other) const;
};

// One value of a message: a text (a device id, a file name, a time already
// written) that is never translated nor parsed, a count, which each language
// writes with its own thousands separator (`count_arg`), a number with one
// decimal, written with the language's decimal mark (`decimal_arg`: 65.0 in
// English, 65,0 in French), or a sentence of its own.
// Implicit, so that a message lists its values as they are: {name, Message{...}}.
struct MessageArg {
  MessageArg(std::string value) : text(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  MessageArg(std::string_view value) : text(value) {}        // NOLINT(google-explicit-constructor)
  MessageArg(const char* value) : text(value) {}             // NOLINT(google-explicit-constructor)
  MessageArg(Message value) : nested{std::move(value)} {}    // NOLINT(google-explicit-constructor)
  std::string text;
  std::vector<Message> nested;  // one message when the value is a sentence
  // A count (`count_arg`) or a number with one decimal (`decimal_arg`, its
  // unit in `text`); one member for both keeps every value small.
  std::variant<std::monostate, std::uint64_t, double> number;
  bool operator==(const MessageArg& other) const = default;
};

// A count as a message value, grouped by thousands in the report's language
// (3,333 in English, 3 333 in French). Not a constructor: a literal 0 would
// read as a null `const char*`.
inline MessageArg count_arg(std::uint64_t count) {
  MessageArg arg{std::string()};
  arg.number = count;
  return arg;
}

// A number as a message value, with one decimal, its mark the report's
// language's, and its unit after it if any (65.0 min in English, 65,0 min
// with a no-break space in French). The unit is held in `text`: no
// allocation for the short units messages use.
inline MessageArg decimal_arg(double value, std::string_view unit = {}) {
  MessageArg arg{unit};
  arg.number = value;
  return arg;
}

}  // namespace iothub_diag
