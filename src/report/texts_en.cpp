// The English texts of the reports. Rule texts and evidence labels are the
// rules' own (kRules, Evidence::label); `msg.*` rows are the messages the
// analysis builds (core/message.hpp), `{}` standing for each value in order.
#include <span>

#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

// A plain array, as in texts_fr.cpp: the table outgrows std::array's deduction guide.
constexpr TextEntry kEnglish[] = {
    TextEntry{"ui.report_title", "diagnosis of 404104 DeviceConnectionClosedRemotely"},
    TextEntry{"ui.no_pattern", "No disconnect pattern found."},
    TextEntry{"ui.input", "Input"},
    TextEntry{"ui.fleet", "Fleet"},
    TextEntry{"ui.skipped", "skipped"},
    TextEntry{"ui.duplicates_dropped", "duplicates dropped"},
    TextEntry{"ui.note", "Note:"},
    TextEntry{"ui.logs_show", "Logs show:"},
    TextEntry{"ui.cause", "Cause:"},
    TextEntry{"ui.what_to_do", "What to do:"},
    TextEntry{"ui.more", "More:"},
    TextEntry{"ui.yes", "yes"},
    TextEntry{"ui.no", "no"},
    TextEntry{"ui.verdict", "Verdict"},
    TextEntry{"ui.report_cut", "The report is cut here to stay under its size limit."},
    TextEntry{"ui.symptom", "symptom {}"},
    TextEntry{"ui.severity_error", "ERROR"},
    TextEntry{"ui.severity_warning", "WARNING"},
    TextEntry{"ui.severity_info", "INFO"},
    TextEntry{"ui.summary", "Summary"},
    TextEntry{"ui.span", "Span"},
    TextEntry{"ui.hubs", "Hubs"},
    TextEntry{"ui.records", "Records"},
    TextEntry{"ui.files", "Files"},
    TextEntry{"ui.devices", "Devices"},
    TextEntry{"ui.codes", "Result codes"},
    TextEntry{"ui.connected_devices", "Connected devices"},
    TextEntry{"ui.timeline", "Timelines of the worst devices"},
    TextEntry{"ui.unnamed_hub", "all records (no hub named)"},
    TextEntry{"ui.connect", "connect"},
    TextEntry{"ui.disconnect", "clean disconnect"},
    TextEntry{"ui.drop", "drop (404104)"},
    TextEntry{"ui.error", "error code"},
    TextEntry{"ui.unexplained", "no fleet event or token cycle"},
    TextEntry{"ui.to", "to"},
    TextEntry{"ui.left_out_events", "{} later events not drawn"},
    TextEntry{"ui.legend", "Legend"},
    TextEntry{"ui.more_in_list", "(+{} more)"},
    TextEntry{"ui.records_from_files", "{} from {}"},
    TextEntry{"ui.records_from_files_one", "{} from {}"},
    TextEntry{"ui.more_items", "… and {} more: --format json or csv lists them all."},
    TextEntry{"ui.more_items_budget",
              "… and {} more, left out to stay under the size limit: --format json or csv lists "
              "them all."},
    TextEntry{"ui.more_notes", "{} more left out."},
    TextEntry{"ui.budget_cut",
              "{} were left out to keep this report under 1 MiB; --format json or csv lists every "
              "item."},
    TextEntry{"ui.rows_left_out",
              "{} of {} listed; the other {} are left out of this page: --format json or csv lists "
              "them all."},
    TextEntry{"ui.windows_shaded", "Shaded: the windows of the fleet findings."},
    TextEntry{"ui.no_connection_events", "No connection events to draw."},
    TextEntry{"ui.metric_line", "connectedDeviceCount metric (Azure Monitor), dashed"},
    TextEntry{"ui.time_utc", "time (UTC)"},
    TextEntry{"ui.skipped_reasons", "Skipped"},
    TextEntry{"ui.duplicates", "Duplicates dropped"},
    TextEntry{"ui.findings", "Findings"},
    TextEntry{"ui.notes", "Notes"},
    TextEntry{
        "ui.sort_hint",
        "Click a column header to sort (needs JavaScript; the page reads the same without it)."},
    TextEntry{"ui.drop_causes", "Drops by cause"},
    TextEntry{"ui.text_error", "ERROR"},
    TextEntry{"ui.text_warning", "WARN"},
    TextEntry{"ui.text_info", "INFO"},
    TextEntry{"ui.text_more", "... and {} more (--format json lists them all)"},
    TextEntry{"ui.text_prose", "{} ({}): "},
    TextEntry{"ui.text_result_codes", "; result codes:"},
    TextEntry{"ui.text_items", "{}:"},
    TextEntry{"ui.text_items_worst", "{}; the {} worst:"},
    TextEntry{"ui.text_items_first", "{}; the {} first:"},
    TextEntry{"ui.text_items_longest", "{}; the {} after the longest connections:"},
    TextEntry{"label.hub", "hub"},
    TextEntry{"ui.text_at", " at "},
    TextEntry{"ui.text_colon", ": "},
    TextEntry{"ui.text_semicolon", "; "},
    TextEntry{"ui.text_no_hub", "(no hub)"},
    TextEntry{"ui.not_read", "Not read"},
    TextEntry{"ui.text_drops", "Drops"},
    TextEntry{"ui.text_no_drops", "no 404104 drops"},
    TextEntry{"ui.text_drops_line", "{}: {}"},
    TextEntry{"ui.text_cause_detail", "{}: {}"},
    TextEntry{"ui.text_out_of_scope", "; {} of other hubs left out"},
    TextEntry{"ui.text_hub_items", "hub {}: {}"},
    TextEntry{"ui.text_no_pattern_no_drops", "No disconnect pattern found: no device dropped."},
    TextEntry{"ui.text_drop_event", "drop"},
    TextEntry{"ui.device_timelines", "Device timelines"},
    TextEntry{"ui.event", "event"},
    TextEntry{"ui.code", "code"},
    TextEntry{"ui.cause_rule", "attributed to"},
    TextEntry{"ui.text_scope", "Scope"},
    TextEntry{"ui.text_azure", "Azure"},
    TextEntry{"ui.text_metric_series", "{}{} of {}: {} minutes"},
    TextEntry{"ui.text_activity_events", "{}{} Activity Log events, {} health events"},
    TextEntry{"ui.text_scope_range", "{} to {}; "},
    TextEntry{"ui.text_start", "the start"},
    TextEntry{"ui.text_end", "the end"},
    TextEntry{"ui.text_scope_left_out",
              "{} connection events and errors outside the scope left out"},
    TextEntry{"ui.text_device", "Device"},
    TextEntry{"ui.event_connect", "connect"},
    TextEntry{"ui.event_disconnect", "disconnect"},
    TextEntry{"ui.event_drop", "drop"},
    TextEntry{"ui.event_error", "error"},
    TextEntry{"ui.rules_heading", "Rules, in evaluation order:"},
    TextEntry{"ui.rules_rule", "    {}\n    decides on: {}\n    docs: {}"},
    TextEntry{"ui.rules_thresholds",
              "Thresholds (override any with --config FILE, a JSON object of name: number):"},
    TextEntry{"ui.rules_default", " (default {:g})"},
    TextEntry{"noun.device.one", "device"},
    TextEntry{"noun.device.many", "devices"},
    TextEntry{"noun.window.one", "window"},
    TextEntry{"noun.window.many", "windows"},
    TextEntry{"noun.record.one", "record"},
    TextEntry{"noun.record.many", "records"},
    TextEntry{"noun.file.one", "file"},
    TextEntry{"noun.file.many", "files"},
    TextEntry{"noun.note.one", "note"},
    TextEntry{"noun.note.many", "notes"},
    TextEntry{"noun.drop.one", "drop"},
    TextEntry{"noun.drop.many", "drops"},
    TextEntry{"noun.event.one", "event"},
    TextEntry{"noun.event.many", "events"},
    TextEntry{"noun.row.one", "table row"},
    TextEntry{"noun.row.many", "table rows"},
    TextEntry{"noun.skipped.one", "skipped"},
    TextEntry{"noun.skipped.many", "skipped"},
    TextEntry{"noun.duplicate.one", "duplicate dropped"},
    TextEntry{"noun.duplicate.many", "duplicates dropped"},
    // Messages (core/message.hpp), by id: the singular form, then the plural when the
    // message has one (chosen by Message::count).
    TextEntry{"msg.pipe_read",
              "reading from a pipe: {} is not a regular file; it is read until its writer closes "
              "it (a line longer than --max-record-size is skipped, and binary data ends it)"},
    TextEntry{"msg.own_report_passed_over",
              "{} is a report iothub-diag wrote, not logs: passed over"},
    TextEntry{"msg.own_ground_truth_passed_over",
              "{} is the ground truth `iothub-diag simulate` wrote beside its logs, not logs: "
              "passed over"},
    TextEntry{"msg.os_no_such_file", "No such file or directory"},
    TextEntry{"msg.os_permission_denied", "Permission denied"},
    TextEntry{"msg.os_not_permitted", "Operation not permitted"},
    TextEntry{"msg.os_is_directory", "Is a directory"},
    TextEntry{"msg.os_not_directory", "Not a directory"},
    TextEntry{"msg.os_no_space", "No space left on device"},
    TextEntry{"msg.os_quota_exceeded", "Disk quota exceeded"},
    TextEntry{"msg.os_read_only", "Read-only file system"},
    TextEntry{"msg.os_too_many_open", "Too many open files"},
    TextEntry{"msg.os_too_many_open_in_system", "Too many open files in system"},
    TextEntry{"msg.os_symlink_loop", "Too many levels of symbolic links"},
    TextEntry{"msg.os_name_too_long", "File name too long"},
    TextEntry{"msg.os_io_error", "Input/output error"},
    TextEntry{"msg.os_broken_pipe", "Broken pipe"},
    TextEntry{"msg.os_file_too_large", "File too large"},
    TextEntry{"msg.os_error_other", "{}"},
    TextEntry{"msg.csv_dates_by_values",
              "{}: locale dates read as {}, as values such as '{}' show"},
    TextEntry{"msg.csv_dates_by_values_against_request",
              "{}: locale dates read as {}, as values such as '{}' show (the requested {} order "
              "does not fit them)"},
    TextEntry{"msg.csv_dates_undecided",
              "{}: no date shows whether the day or the month comes first (none above 12); read as "
              "month/day/year: use --date-order day-first if the export was day/month"},
    TextEntry{"msg.csv_dates_by_request", "{}: locale dates read as {}, as --date-order asked"},
    TextEntry{"msg.date_order_day_first", "day/month/year"},
    TextEntry{"msg.date_order_month_first", "month/day/year"},
    TextEntry{"msg.csv_local_time_offset",
              "{}: '{}' holds local times, converted to UTC with the offset {}"},
    TextEntry{"msg.csv_local_time_no_offset",
              "{}: '{}' holds local times and no UTC offset was given (--local-time-offset): they "
              "were read as UTC, so every time may be off by the exporter's zone"},
    TextEntry{"msg.sdk_renews_120s",
              "renews its token 120 s before expiry with a clean reconnect; keep-alive 60 s"},
    TextEntry{"msg.sdk_renews_15min",
              "renews its token 15 min before expiry (every ~45 min with 60-min tokens) with a "
              "clean reconnect; keep-alive 180 s"},
    TextEntry{"msg.sdk_renews_at_expiry",
              "over MQTT reconnects only when the hub closes the link at token lifetime plus "
              "grace, with errors in the logs (the 65-min case); keep-alive {} s"},
    TextEntry{"msg.sdk_renews_at_80_percent",
              "renews 60-min tokens at 80 % of their lifetime with a clean reconnect every ~48 "
              "min; keep-alive 240 s"},
    TextEntry{"msg.sdk_application_renews",
              "leaves token renewal to the application; applications that do not renew hit the "
              "65-min case"},
    TextEntry{"msg.sdk_unknown_renewal",
              "Unknown SDK: check whether and when it renews its SAS token."},
    TextEntry{
        "msg.sdk_expected_at_expiry",
        "{} {}. Expected from this SDK: renew tokens before expiry, or use X.509, to avoid it{}."},
    TextEntry{"msg.sdk_contradicted",
              "{} {}. These cycles contradict it: renewal is not happening (a custom token "
              "provider, or a token the SDK did not create?){}."},
    TextEntry{"msg.sdk_not_renewed", "{} {}. This application does not renew its token."},
    TextEntry{"msg.sdk_outdated_suffix",
              "; version {} is older than {}, and older SDKs had known reconnect bugs: upgrade"},
    TextEntry{"msg.snapshot_cycle",
              "Seen only in Event Grid, so judged on timing alone: the cycle matches a token "
              "lifetime, but a scheduled reconnect at the same period looks the same. Confirm with "
              "the Connections resource logs (a 401003 near each drop)."},
    TextEntry{"msg.snapshot_drop",
              "Seen only in Event Grid, so judged on timing alone: a clean disconnect (a restart, "
              "a shutdown) looks the same as a lost connection. Confirm with the Connections "
              "resource logs (404104 and the codes around it)."},
    TextEntry{"msg.sdk_unknown_keep_alive",
              "Unknown SDK: check its keep-alive and reconnect handling."},
    TextEntry{"msg.sdk_outdated",
              "{} {} is older than {}: older Azure IoT SDKs could reset the TCP connection without "
              "an MQTT DISCONNECT. Upgrade first."},
    TextEntry{"msg.sdk_keep_alive",
              "{} keep-alive is {} s by default: the hub closes the link after about {} s without "
              "traffic, so network losses longer than that show as 404104."},
    TextEntry{"msg.sdk_check_keep_alive",
              "{}: check the application's keep-alive and reconnect handling."},
    TextEntry{"msg.scheduled_reconnect", "a scheduled reconnect or restart"},
    TextEntry{"msg.sdk_renewal_matches", "matches this SDK's token renewal: {}"},
    TextEntry{"msg.sdk_renewal_interval",
              "a scheduled reconnect; this SDK renews 60-min tokens about every {} min (other "
              "token lifetimes scale it)"},
    TextEntry{"msg.link_conflicts",
              "{} of these drops was followed by 409002 LinkCreationConflict: a side effect of the "
              "immediate reconnect, not a cause.",
              "{} of these drops were followed by 409002 LinkCreationConflict: a side effect of "
              "the immediate reconnect, not a cause."},
    TextEntry{"msg.hub_drops_not_counted",
              "{} drop inside these windows is attributed to the hub and not counted toward any "
              "device's own pattern.",
              "{} drops inside these windows are attributed to the hub and not counted toward any "
              "device's own pattern."},
    TextEntry{
        "msg.health_admitted_windows",
        "{} of these windows logged too few hub-side errors to blame the hub, but Azure's Activity "
        "Log admits an outage over it (a platform-initiated Resource Health event on the hub, or a "
        "Service Health incident for IoT Hub in its region): see its health events.",
        "{} of these windows logged too few hub-side errors to blame the hub, but Azure's Activity "
        "Log admits an outage over them (a platform-initiated Resource Health event on the hub, or "
        "a Service Health incident for IoT Hub in its region): see their health events."},
    TextEntry{"msg.certificate_devices",
              "{} of these devices authenticates with an X.509 certificate: check its expiry date, "
              "and whether the device trusts the root that signs the hub's certificate (IoT Hub "
              "moved from Baltimore CyberTrust Root to DigiCert Global Root G2 in 2023).",
              "{} of these devices authenticate with an X.509 certificate: check its expiry date, "
              "and whether the device trusts the root that signs the hub's certificate (IoT Hub "
              "moved from Baltimore CyberTrust Root to DigiCert Global Root G2 in 2023)."},
    TextEntry{"msg.last_drop_in_fleet_event",
              "{} of these devices dropped for the last time inside a fleet event (a hub "
              "incident, a fleet-wide drop, a site outage or a gateway restart): after an outage "
              "some devices stop retrying, but a reconnect missing from the data looks the same. "
              "The hub's own state tells them apart: az iot hub device-identity show --hub-name "
              "HUB --device-id ID --query connectionState."},
    TextEntry{"msg.isolated_need_more",
              "A pattern needs at least {} drop on a device (a drop with a 401003 beside it "
              "counts only toward a token period, which needs {} cycles). To tell these apart, "
              "collect more "
              "hours of logs, the device's own logs around each drop, and the hub's "
              "connected-devices metric for the same minutes.",
              "A pattern needs at least {} drops on a device (a drop with a 401003 beside it "
              "counts only toward a token period, which needs {} cycles). To tell these apart, "
              "collect more "
              "hours of logs, the device's own logs around each drop, and the hub's "
              "connected-devices metric for the same minutes."},
    TextEntry{"msg.isolated_event_grid",
              "Devices seen only in Event Grid carry no error codes and no addresses: for them, "
              "even a hub-side error or a shared site could not have been seen."},
    TextEntry{"msg.cause_certificate_credential",
              "a credential expiring during the connection: the device authenticates with an X.509 "
              "certificate, checked only when it connects"},
    TextEntry{"msg.cause_certificate_root",
              "an expired certificate, or a root the device does not trust (such as the 2023 move "
              "to DigiCert Global Root G2): the reconnect fails with 401003"},
    TextEntry{"msg.cause_token_refused",
              "SAS token expiry (symptom 1): a 401003 beside the drop says the hub refused the "
              "device's token"},
    TextEntry{"msg.cause_token_start_unknown",
              "SAS token expiry (symptom 1): when this connection began is not in the logs"},
    TextEntry{"msg.cause_token_lasted",
              "SAS token expiry (symptom 1): the connection lasted {} min, one default 60-min "
              "token plus the hub's grace"},
    TextEntry{"msg.cause_default_token_lasted",
              "expiry of a default 60-min SAS token: the connection lasted {} min (a token given "
              "another lifetime remains possible)"},
    TextEntry{"msg.cause_day_token_lasted",
              "SAS token expiry (symptom 1): the connection lasted {} min, one day-long token "
              "plus the hub's grace"},
    TextEntry{"msg.cause_keep_alive_known",
              "a network loss longer than the keep-alive (symptom 2): {} pings every {} s, so the "
              "hub closes an idle link after about {} s"},
    TextEntry{"msg.cause_keep_alive_unknown",
              "a network loss longer than the device's MQTT keep-alive (symptom 2)"},
    TextEntry{"msg.cause_tcp_reset_sdk_unknown",
              "a TCP reset without MQTT DISCONNECT, a known bug of older SDKs (the SDK is not in "
              "the logs)"},
    TextEntry{"msg.cause_tcp_reset_outdated",
              "a TCP reset without MQTT DISCONNECT: {} {} is older than {}, which fixed known "
              "reconnect bugs"},
    TextEntry{"msg.cause_reconnect_bug_current",
              "a known reconnect bug of an old SDK: {} {} is current"},
    TextEntry{"msg.version_unknown", "(version unknown)"},
    TextEntry{
        "msg.cause_device_stopped",
        "the device, its application or its power stopped: it did not reconnect within the logs"},
    TextEntry{"msg.cause_crash_reconnected",
              "a crash or power loss of the device: it reconnected {} s later"},
    TextEntry{"msg.cause_crash_no_reconnect",
              "the device application crashed or the device restarted before reconnecting"},
    TextEntry{
        "msg.cause_hub_too_few_devices",
        "a problem inside IoT Hub (symptom 3): too few devices in these logs to compare with"},
    TextEntry{"msg.cause_hub_others_stayed",
              "a problem inside IoT Hub (symptom 3): the hub's other devices did not drop with it"},
    TextEntry{"msg.cut_row_cap", "exactly {} rows: {}"},
    TextEntry{"msg.row_cap_query_api",
              "the Log Analytics query API's row cap (and the portal's export cap)"},
    TextEntry{"msg.row_cap_portal_earlier", "an earlier Log Analytics portal export cap"},
    TextEntry{"msg.row_cap_portal_first", "the first Log Analytics portal export cap"},
    TextEntry{"msg.log_gap_detail",
              "the hub logged {} record where it usually logs about {}: download the hourly blobs "
              "{} again, or pull this span from the workspace again",
              "the hub logged {} records where it usually logs about {}: download the hourly blobs "
              "{} again, or pull this span from the workspace again"},
    TextEntry{
        "msg.metric_gap_detail",
        "the hub's connectedDeviceCount metric moved by {} device while its logs hold nothing: "
        "download the hourly blobs {} again, or pull this span from the workspace again",
        "the hub's connectedDeviceCount metric moved by {} devices while its logs hold nothing: "
        "download the hourly blobs {} again, or pull this span from the workspace again"},
    TextEntry{"msg.story_connected", "connected {}"},
    TextEntry{"msg.story_connect_unknown", "connect not in the logs"},
    TextEntry{"msg.story_window_span", "{} to {}, {} device", "{} to {}, {} devices"},
    TextEntry{"msg.story_hub_incident", "in the hub incident window ({}, {} hub-side errors)"},
    TextEntry{"msg.story_site_outage", "in the outage of the site behind {} ({})"},
    TextEntry{"msg.story_fleet_wide", "in the fleet-wide drop ({})"},
    TextEntry{"msg.story_edge_restart", "in the restart of IoT Edge gateway {} ({})"},
    TextEntry{"msg.story_token_period", "{}; the device's token period is {}"},
    TextEntry{"msg.story_idle_period",
              "{}; the device's connections end after {}, a timer in the network path"},
    TextEntry{"msg.story_throttled",
              "{}; a 429xxx throttling error of the device came just before"},
    TextEntry{"msg.story_random", "{}, at no period of the device; {} such drop",
              "{}, at no period of the device; {} such drops"},
    TextEntry{"msg.story_too_few", "{}; too few to call ({} such drop on the device)",
              "{}; too few to call ({} such drops on the device)"},
    TextEntry{
        "msg.event_grid_snapshots",
        "Event Grid connection events carry no error codes and are 60-second state snapshots.{}{}"},
    TextEntry{
        "msg.event_grid_only_devices",
        " {} device seen only in them is judged on timing alone: a token expiry and a scheduled "
        "reconnect look alike, a clean disconnect looks like a drop, a fleet-wide drop cannot be "
        "tied to the hub, and a reconnect within the snapshot shows no delay.",
        " {} devices seen only in them are judged on timing alone: a token expiry and a scheduled "
        "reconnect look alike, a clean disconnect looks like a drop, a fleet-wide drop cannot be "
        "tied to the hub, and a reconnect within the snapshot shows no delay."},
    TextEntry{"msg.event_grid_also_logged",
              " {} device also in the resource logs is judged on those; its Event Grid events are "
              "not counted again.",
              " {} devices also in the resource logs are judged on those; their Event Grid events "
              "are not counted again."},
    TextEntry{
        "msg.record_loss",
        "The export lost connection records: {} of {} drops show no reconnect though the device "
        "dropped again. A device whose last drop shows no reconnect is reported as never "
        "reconnected when a token or idle cycle of its own would have made it drop again since, "
        "else only when clearly more devices are silent than that loss explains (those whose "
        "last drop was in a fleet event counted apart)."},
    TextEntry{
        "msg.snapshot_loss",
        "The Event Grid events lost connect events, about {}% of them: {} of {} disconnect "
        "snapshots are followed by another disconnect over two minutes later with no connect "
        "between, though a connection that outlasts a snapshot is published. A device whose last "
        "disconnect shows no connect is reported as never reconnected when a token cycle of its "
        "own would have made it disconnect again since, else only when clearly more devices are "
        "silent than that loss explains (those whose last disconnect was in a fleet event "
        "counted apart)."},
    TextEntry{"msg.metric_dip",
              "The connectedDeviceCount metric of {} fell from {} to {} between {} and {}, but the "
              "logs hold drops of only {} device then: the logs miss that dip. Fetch the "
              "Connections logs of those minutes.",
              "The connectedDeviceCount metric of {} fell from {} to {} between {} and {}, but the "
              "logs hold drops of only {} devices then: the logs miss that dip. Fetch the "
              "Connections logs of those minutes."},
    TextEntry{
        "msg.device_timelines_cut",
        "--device matched {} identities; timelines are given for the first {} (by hub and id)."},
    TextEntry{"msg.line_error", "error: {}"},
    TextEntry{"msg.line_warning", "warning: {}"},
    TextEntry{"msg.config_unreadable", "cannot read config '{}'"},
    TextEntry{"msg.config_not_json", "config '{}' is not valid JSON"},
    TextEntry{"msg.config_refused", "config '{}': {}"},
    TextEntry{"msg.input_cut",
              "{} holds only part of the logs asked for ({}): the rows after the cut are missing; "
              "read the workspace with --workspace, or cut the query by time"},
    TextEntry{"msg.record_skipped", "skipped {}: {} ({})"},
    TextEntry{"msg.location_in_batch", "{}:{} (record {})"},
    TextEntry{"msg.records_skipped_more",
              "{} more record skipped; input.skipped_reasons counts them all",
              "{} more records skipped; input.skipped_reasons counts them all"},
    TextEntry{"msg.path_unreadable", "cannot read '{}': {}"},
    TextEntry{"msg.since_after_until_resolved",
              "--since ({}) is later than --until ({}) once counted back from the last event: no "
              "event can be analyzed"},
    TextEntry{"msg.window_outside_logs",
              "--since/--until: the window {} to {} holds no record of the hubs analyzed, whose "
              "logs run from {} to {}"},
    TextEntry{"msg.hub_not_found", "--hub {}: no such hub in the input (hubs: {})"},
    TextEntry{"msg.hub_unnamed", "(no hub)"},
    TextEntry{"msg.no_records", "no log records could be read ({}, {} skipped)"},
    TextEntry{"msg.device_not_found", "--device {}: no such device in the analyzed logs"},
    TextEntry{"msg.since_after_until", "--since {} is later than --until {}"},
    TextEntry{"msg.kql_device_needs_one_hub", "--device needs exactly one --hub, and no --count"},
    TextEntry{"msg.output_is_input",
              "-o '{}' would overwrite a log read from '{}'; write the report elsewhere"},
    TextEntry{"msg.save_without_workspace",
              "--save keeps the chunks of a --workspace pull: give --workspace ID with it"},
    TextEntry{"msg.workspace_with_paths",
              "--workspace reads the logs from the workspace: give no PATH with it"},
    TextEntry{"msg.report_file_unwritable", "cannot write the report to '{}': {}"},
    TextEntry{"msg.stdout_unwritable", "cannot write {} to standard output: {}"},
    TextEntry{"msg.output_report", "the report"},
    TextEntry{"msg.output_rule_list", "the rule list"},
    TextEntry{"msg.output_query", "the query"},
    TextEntry{"msg.access_token_missing",
              "no access token for the workspace: {}; set {} to a token for {}, or sign "
              "in with az login"},
    TextEntry{"msg.az_not_started", "could not start az"},
    TextEntry{"msg.az_not_installed", "az (the Azure CLI) is not installed"},
    TextEntry{"msg.az_token_failed", "az account get-access-token failed (run az login)"},
    TextEntry{"msg.workspace_default_span",
              "reading the 24 hours before {} (--since sets the start)"},
    TextEntry{"msg.workspace_unreadable", "cannot read workspace {}: {}"},
    TextEntry{"msg.pull_folder_failed", "cannot create a temporary folder for the pull: {}"},
    TextEntry{"msg.workspace_failed", "workspace {}: {}"},
    TextEntry{
        "msg.workspace_chunks_kept",
        "the chunks pulled so far are in {}; run the same command again to ask only for the rest"},
    TextEntry{"msg.workspace_pulled", "workspace {}: {}, {} MB in {} ({}, {}, {}, {})"},
    TextEntry{"msg.workspace_progress", "workspace: chunk {} of {}, {} row",
              "workspace: chunk {} of {}, {} rows"},
    TextEntry{"msg.reading_progress", "reading: {} MiB, {} record, {} MiB/s",
              "reading: {} MiB, {} records, {} MiB/s"},
    TextEntry{"msg.pulled_rows", "{} row", "{} rows"},
    TextEntry{"msg.pulled_chunks", "{} chunk", "{} chunks"},
    TextEntry{"msg.pulled_asked", "{} asked for"},
    TextEntry{"msg.pulled_saved", "{} already saved"},
    TextEntry{"msg.pulled_split", "{} cut or timed out and asked again in halves"},
    TextEntry{"msg.pulled_retried", "{} request retried", "{} requests retried"},
    TextEntry{"msg.workspace_recent_rows",
              "workspace {}: rows of the span's last {} minutes may still be arriving in the "
              "workspace, and be missing from this report"},
    TextEntry{"msg.workspace_recent_rows_saved",
              "workspace {}: rows of the span's last {} minutes may still be arriving in the "
              "workspace; a later pull into the same --save folder asks for them again"},
    TextEntry{"msg.workspace_renewal_failed", "az was asked for a new access token: {}"},
    TextEntry{"msg.workspace_token_renewed",
              "workspace {}: the service refused the access token during the pull; az gave a new "
              "one ({} time)",
              "workspace {}: the service refused the access token during the pull; az gave a new "
              "one ({} times)"},
    TextEntry{"msg.timings", "timings: {} (total {} s); peak RSS {} MiB; {}"},
    TextEntry{"msg.timing_stage", "{} {} s"},
    TextEntry{"msg.timing_stage_cpu", "{} {} s (CPU {} s)"},
    TextEntry{"msg.timing_stage_cpu_steps", "{} {} s (CPU {} s; {})"},
    TextEntry{"msg.stage_read", "read"},
    TextEntry{"msg.stage_finalize", "finalize"},
    TextEntry{"msg.stage_diagnosis", "diagnosis"},
    TextEntry{"msg.stage_rules", "rules"},
    TextEntry{"msg.stage_report", "report"},
    TextEntry{"msg.stage_render", "render"},
    TextEntry{"msg.stage_timelines", "timelines"},
    TextEntry{"msg.stage_gaps", "gaps"},
    TextEntry{"msg.stage_bursts", "bursts"},
    TextEntry{"msg.stage_attribution", "attribution"},
    TextEntry{"msg.heap_huge_pages", "heap on huge pages"},
    TextEntry{"msg.heap_small_pages", "heap on 4 KiB pages"},
    TextEntry{"msg.usage_not_one_of", "{}: '{}' is not one of {}"},
    TextEntry{"msg.usage_not_in_range", "{}: '{}' is not a whole number from {} to {}"},
    TextEntry{
        "msg.usage_not_size",
        "{}: '{}' is not a size from 1 byte to {} (bytes, or a number with a unit: 8M, 512KiB)"},
    TextEntry{"msg.usage_not_whole_count", "{}: '{}' is not a whole number of at least 1"},
    TextEntry{"msg.usage_not_time_bound",
              "{}: '{}' is neither an ISO-8601 UTC time (2026-11-20T13:00:00Z) nor a duration "
              "(90m, 24h, 7d)"},
    TextEntry{"msg.usage_not_utc_offset", "{}: '{}' is not a UTC offset such as +02:00 or -0530"},
    TextEntry{"msg.usage_unexpected", "unexpected argument: {}", "unexpected arguments: {}"},
    TextEntry{"msg.usage_value_missing", "{} needs a value"},
    TextEntry{"msg.usage_given_twice", "{} is given more than once"},
    TextEntry{"msg.usage_flag_value", "{}: '{}' is neither true nor false"},
    TextEntry{"msg.usage_option_required", "{} is required"},
    TextEntry{"msg.usage_unknown_command", "'{}' is not a command (commands: {})"},
    TextEntry{"msg.usage_unknown_command_near", "'{}' is not a command; did you mean '{}'?"},
    TextEntry{"msg.usage_command_missing", "a command is needed: {}"},
    TextEntry{"msg.usage_other", "{}"},
    TextEntry{"msg.usage_see_help", "see '{} --help'"},
    TextEntry{"msg.pull_no_answer", "no answer from {} ({})"},
    TextEntry{"msg.pull_broke_off", "HTTP {} broke off ({})"},
    TextEntry{"msg.pull_http_status", "HTTP {}: {}"},
    TextEntry{"msg.pull_token_refused", "the workspace refused the access token ({})"},
    TextEntry{"msg.pull_query_refused", "the query API refused the query ({})"},
    TextEntry{"msg.pull_gave_up", "gave up after {} try: {}", "gave up after {} tries: {}"},
    TextEntry{"msg.pull_chunk_too_large",
              "the rows of {} alone exceed what the query API returns in one answer ({})"},
    TextEntry{"msg.file_unwritable", "cannot write '{}': {}"},
    TextEntry{"msg.save_folder_unusable", "cannot use '{}' as the --save folder: {}"},
    TextEntry{"msg.not_a_folder", "not a folder"},
    TextEntry{"msg.manifest_unreadable", "'{}' is not a manifest this version can read"},
    TextEntry{"msg.save_folder_foreign",
              "'{}' holds a pull of another workspace, hub selection or query: give another --save "
              "folder"},
    TextEntry{"msg.planning_no_table", "the planning query's answer holds no table"},
    TextEntry{"msg.planning_no_columns",
              "the planning query's answer has no TimeGenerated and count_ columns"},
    TextEntry{"msg.detail_as_given", "{}"},
    TextEntry{"msg.binary_without_line_end",
              "binary data (NUL bytes) with no line end within --max-record-size: the rest of the "
              "stream is not read"},
    TextEntry{"msg.csv_row_too_large", "a CSV row larger than --max-record-size"},
    TextEntry{"msg.csv_ends_in_quotes", "the data ends inside a quoted field"},
    TextEntry{"msg.csv_text_after_quote", "text after the closing quote of a field"},
    TextEntry{"msg.csv_field_count", "{} fields where the header has {}"},
    TextEntry{
        "msg.csv_header_unknown",
        "a CSV header without TimeGenerated, OperationName or any other AzureDiagnostics column"},
    TextEntry{"msg.advice_utf16", "UTF-16 text: save the file as UTF-8 and read it again"},
    TextEntry{"msg.advice_avro",
              "an Avro file (Event Hubs Capture): extract the message bodies as JSON first "
              "(avro-tools tojson)"},
    TextEntry{"msg.advice_zip", "a zip archive: unzip it and pass the folder"},
    TextEntry{"msg.batch_element_not_object", "a batch element that is not an object"},
    TextEntry{"msg.table_not_object", "a table that is not an object"},
    TextEntry{"msg.table_row_not_array", "a table row that is not an array"},
    TextEntry{"msg.table_row_length", "a table row whose length differs from its columns"},
    TextEntry{"msg.not_json_object", "not a JSON object"},
    TextEntry{"msg.table_columns", "the columns of a table"},
    TextEntry{"msg.table_row_before_columns", "a table row that comes before its table's columns"},
    TextEntry{"msg.table_row_columns_broken",
              "a table row whose table's columns could not be read"},
    TextEntry{"msg.no_record_members", "no operationName, category or eventType"},
    TextEntry{"msg.result_type_text", "resultType \"{}\""},
    TextEntry{"msg.other_resource_type", "a resource of type {}"},
    TextEntry{"msg.result_type_number", "resultType {}"},
    TextEntry{"msg.result_type_neither", "resultType is neither a number nor a string"},
    TextEntry{"msg.metric_not_object", "a metric that is not an object"},
    TextEntry{"msg.metric_other_name",
              "a metric other than connectedDeviceCount or devices.connectedDevices.allProtocol"},
    TextEntry{"msg.metric_no_hub", "a metric whose id names no IoT hub"},
    TextEntry{"msg.metric_bad_times", "metric points without a readable timeStamp ({})"},
    TextEntry{"msg.activity_other_category",
              "an Activity Log event of another category than ResourceHealth or ServiceHealth"},
    TextEntry{"msg.activity_no_time", "an Activity Log event without a readable time"},
    TextEntry{"msg.health_not_iot_hub",
              "a Resource Health event of a resource that is not an IoT hub"},
    TextEntry{"msg.gzip_truncated",
              "truncated gzip data (the file ends inside a compressed stream)"},
    TextEntry{"msg.gzip_corrupt", "corrupt gzip data: {}"},
    TextEntry{"msg.zlib_unavailable", "cannot initialise zlib"},
    TextEntry{"msg.read_failed", "read error"},
    TextEntry{"msg.json_capacity", "This parser can't support a document that big"},
    TextEntry{"msg.json_structure",
              "The JSON document has an improper structure: missing or superfluous commas, braces, "
              "missing keys, etc."},
    TextEntry{"msg.json_too_deep",
              "The JSON document was too deep (too many nested objects and arrays)"},
    TextEntry{"msg.json_bad_string", "Problem while parsing a string"},
    TextEntry{"msg.json_bad_true", "Problem while parsing an atom starting with the letter 't'"},
    TextEntry{"msg.json_bad_false", "Problem while parsing an atom starting with the letter 'f'"},
    TextEntry{"msg.json_bad_null", "Problem while parsing an atom starting with the letter 'n'"},
    TextEntry{"msg.json_bad_number", "Problem while parsing a number"},
    TextEntry{"msg.json_bad_utf8", "The input is not valid UTF-8"},
    TextEntry{"msg.json_empty", "Empty: no JSON found"},
    TextEntry{"msg.json_unescaped",
              "Within strings, some characters must be escaped, we found unescaped characters"},
    TextEntry{"msg.json_unclosed_string", "A string is opened, but never closed."},
    TextEntry{"msg.json_ends_early",
              "JSON document ended early in the middle of an object or array."},
    TextEntry{"msg.json_trailing_content", "Unexpected trailing content in the JSON input."},
};

}  // namespace

std::span<const TextEntry> english_texts() noexcept {
  return kEnglish;
}

}  // namespace iothub_diag
