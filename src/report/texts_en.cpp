// The English texts of the reports. Rule texts and evidence labels are the
// rules' own (kRules, Evidence::label); `sentence.*` rows are the patterns of
// the English sentences the analysis writes (`{}` stands for a value), which
// other languages translate by the same key.
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
    TextEntry{"label.hub", "hub"},
    TextEntry{"ui.text_at", " at "},
    TextEntry{"ui.text_colon", ": "},
    TextEntry{"ui.text_no_hub", "(no hub)"},
    TextEntry{"ui.not_read", "Not read"},
    TextEntry{"ui.text_drops", "Drops"},
    TextEntry{"ui.text_no_drops", "no 404104 drops"},
    TextEntry{"ui.text_drops_line", "{}: {}"},
    TextEntry{"ui.text_out_of_scope", "; {} of other hubs left out"},
    TextEntry{"ui.text_hub_items", "hub {}: {}"},
    TextEntry{"ui.text_no_pattern_no_drops", "No disconnect pattern found: no device dropped."},
    TextEntry{"ui.text_drop_event", "drop"},
    TextEntry{"ui.device_timelines", "Device timelines"},
    TextEntry{"ui.event", "event"},
    TextEntry{"ui.code", "code"},
    TextEntry{"ui.cause_rule", "attributed to"},
    TextEntry{"ui.text_scope", "Scope"},
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
    // Sentences the analysis writes in English (notes, SDK assessments).
    TextEntry{"sentence.01", "Unknown SDK: check whether and when it renews its SAS token."},
    TextEntry{"sentence.02",
              "{} {}. Expected from this SDK: renew tokens before expiry, or use X.509, to avoid "
              "it{}."},
    TextEntry{"sentence.03",
              "{} {}. These cycles contradict it: renewal is not happening (a custom token "
              "provider, or a token the SDK did not create?){}."},
    TextEntry{"sentence.04", "{} {}. This application does not renew its token."},
    TextEntry{"sentence.05",
              "Seen only in Event Grid, so judged on timing alone: the cycle matches a token "
              "lifetime, but a scheduled reconnect at the same period looks the same. Confirm "
              "with the Connections resource logs (a 401003 near each drop)."},
    TextEntry{"sentence.06",
              "Seen only in Event Grid, so judged on timing alone: a clean disconnect (a restart, "
              "a shutdown) looks the same as a lost connection. Confirm with the Connections "
              "resource logs (404104 and the codes around it)."},
    TextEntry{"sentence.07", "Unknown SDK: check its keep-alive and reconnect handling."},
    TextEntry{"sentence.08",
              "{} {} is older than {}: older Azure IoT SDKs could reset the TCP connection "
              "without an MQTT DISCONNECT. Upgrade first."},
    TextEntry{"sentence.09",
              "{} keep-alive is {} s by default: the hub closes the link after about {} s without "
              "traffic, so network losses longer than that show as 404104."},
    TextEntry{"sentence.10", "{}: check the application's keep-alive and reconnect handling."},
    TextEntry{"sentence.11",
              "{} of these drops were followed by 409002 LinkCreationConflict: a side effect of "
              "the immediate reconnect, not a cause."},
    TextEntry{"sentence.12", "a scheduled reconnect or restart"},
    TextEntry{"sentence.13", "matches this SDK's token renewal: {}"},
    TextEntry{"sentence.14",
              "a scheduled reconnect; this SDK renews 60-min tokens about every {} min (other "
              "token lifetimes scale it)"},
    TextEntry{"sentence.15",
              "{} drops inside these windows are attributed to the hub and not counted toward any "
              "device's own pattern."},
    TextEntry{"sentence.16",
              "Event Grid connection events carry no error codes and are 60-second state "
              "snapshots."},
    TextEntry{"sentence.17",
              "{} device{} seen only in them {} judged on timing alone: a token expiry and a "
              "scheduled reconnect look alike, a clean disconnect looks like a drop, a fleet-wide "
              "drop cannot be tied to the hub, and a reconnect within the snapshot shows no "
              "delay."},
    TextEntry{"sentence.18",
              "{} device{} also in the resource logs {} judged on those; {} Event Grid events are "
              "not counted again."},
    TextEntry{"sentence.19",
              "; version {} is older than {}, and older SDKs had known reconnect bugs: upgrade"},
    TextEntry{"sentence.20",
              "renews its token 120 s before expiry with a clean reconnect; keep-alive 60 s"},
    TextEntry{"sentence.21",
              "renews its token 15 min before expiry (every ~45 min with 60-min tokens) with a "
              "clean reconnect; keep-alive 180 s"},
    TextEntry{"sentence.22",
              "over MQTT reconnects only when the hub closes the link at token lifetime plus "
              "grace, with errors in the logs (the 65-min case); keep-alive {} s"},
    TextEntry{"sentence.23",
              "renews 60-min tokens at 80 % of their lifetime with a clean reconnect every ~48 "
              "min; keep-alive 240 s"},
    TextEntry{"sentence.24",
              "leaves token renewal to the application; applications that do not renew hit the "
              "65-min case"},
    TextEntry{"sentence.25", "{}: locale dates read as {}, as values such as '{}' show"},
    TextEntry{"sentence.26", "{}: locale dates read as {}, as --date-order asked"},
    TextEntry{"sentence.27", "{}: '{}' holds local times, converted to UTC with the offset {}"},
    TextEntry{"sentence.28",
              "SAS token expiry: the device authenticates with an X.509 certificate"},
    TextEntry{"sentence.29",
              "SAS token expiry (symptom 1): when this connection began is not in the logs"},
    TextEntry{"sentence.30",
              "SAS token expiry (symptom 1): the connection lasted {} min, one default 60-min "
              "token plus the hub's grace"},
    TextEntry{"sentence.31",
              "expiry of a default 60-min SAS token: the connection lasted {} min (a token given "
              "another lifetime remains possible)"},
    TextEntry{"sentence.32",
              "a network loss longer than the keep-alive (symptom 2): {} pings every {} s, so the "
              "hub closes an idle link after about {} s"},
    TextEntry{"sentence.33", "a network loss longer than the device's MQTT keep-alive (symptom 2)"},
    TextEntry{"sentence.34",
              "a TCP reset without MQTT DISCONNECT, a known bug of older SDKs (the SDK is not in "
              "the logs)"},
    TextEntry{"sentence.35",
              "a TCP reset without MQTT DISCONNECT: {} {} is older than {}, which fixed known "
              "reconnect bugs"},
    TextEntry{"sentence.36", "a known reconnect bug of an old SDK: {} {} is current"},
    TextEntry{"sentence.37",
              "the device, its application or its power stopped: it did not reconnect within the "
              "logs"},
    TextEntry{"sentence.38", "a crash or power loss of the device: it reconnected {} s later"},
    TextEntry{"sentence.39",
              "the device application crashed or the device restarted before reconnecting"},
    TextEntry{
        "sentence.40",
        "a problem inside IoT Hub (symptom 3): too few devices in these logs to compare with"},
    TextEntry{"sentence.41",
              "a problem inside IoT Hub (symptom 3): the hub's other devices did not drop with it"},
    TextEntry{"sentence.42",
              "A pattern needs at least {} drops on a device. To tell these apart, collect more "
              "hours of logs, the device's own logs around each drop, and the hub's "
              "connected-devices metric for the same minutes."},
    TextEntry{"sentence.43",
              "Devices seen only in Event Grid carry no error codes and no addresses: for them, "
              "even a hub-side error or a shared site could not have been seen."},
    TextEntry{"sentence.44", "connected {}"},
    TextEntry{"sentence.45", "connect not in the logs"},
    TextEntry{"sentence.46", "in the hub incident window ({}, {} hub-side errors)"},
    TextEntry{"sentence.47", "in the outage of the site behind {} ({})"},
    TextEntry{"sentence.48", "in the fleet-wide drop ({})"},
    TextEntry{"sentence.49", "{}; the device's token period is {}"},
    TextEntry{"sentence.50", "{}, at no period of the device; {} such drops"},
    TextEntry{"sentence.51", "{}; too few to call ({} such drop{} on the device)"},
    TextEntry{"sentence.52", "{} to {}, {} devices"},
    TextEntry{"sentence.53",
              "The export lost connection records: {} of {} drops show no reconnect though the "
              "device dropped again. A device whose last drop shows no reconnect is reported as "
              "never reconnected only when clearly more devices are silent than that loss "
              "explains."},
    TextEntry{"sentence.54",
              "reading from a pipe: {} is not a regular file; it is read until its writer closes "
              "it (a line longer than --max-record-size is skipped, and binary data ends it)"},
    TextEntry{"sentence.55",
              "the hub logged {} records where its devices' own patterns give about {}: "
              "download the hourly blobs {} again, or pull this span from the workspace again"},
};

}  // namespace

std::span<const TextEntry> english_texts() noexcept {
  return kEnglish;
}

}  // namespace iothub_diag
