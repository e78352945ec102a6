#include <array>
#include <optional>
#include <stdexcept>
#include <string>

#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

// Each rule's evaluate function, in its own file (src/rules/<rule>.cpp).
std::optional<Finding> evaluate_incomplete_export(const Diagnosis& diagnosis, const RuleSpec& rule);
std::optional<Finding> evaluate_hub_incident(const Diagnosis& diagnosis, const RuleSpec& rule);
std::optional<Finding> evaluate_edge_gateway_restart(const Diagnosis& diagnosis,
                                                     const RuleSpec& rule);
std::optional<Finding> evaluate_site_network_outage(const Diagnosis& diagnosis,
                                                    const RuleSpec& rule);
std::optional<Finding> evaluate_fleet_wide_drop(const Diagnosis& diagnosis, const RuleSpec& rule);
std::optional<Finding> evaluate_throttling_disconnects(const Diagnosis& diagnosis,
                                                       const RuleSpec& rule);
std::optional<Finding> evaluate_sas_token_expiry(const Diagnosis& diagnosis, const RuleSpec& rule);
std::optional<Finding> evaluate_network_idle_timeout(const Diagnosis& diagnosis,
                                                     const RuleSpec& rule);
std::optional<Finding> evaluate_random_disconnects(const Diagnosis& diagnosis,
                                                   const RuleSpec& rule);
std::optional<Finding> evaluate_isolated_drops(const Diagnosis& diagnosis, const RuleSpec& rule);
std::optional<Finding> evaluate_scheduled_reconnects(const Diagnosis& diagnosis,
                                                     const RuleSpec& rule);
std::optional<Finding> evaluate_never_reconnected(const Diagnosis& diagnosis, const RuleSpec& rule);
std::optional<Finding> evaluate_duplicate_identity(const Diagnosis& diagnosis,
                                                   const RuleSpec& rule);
std::optional<Finding> evaluate_unauthorized_storm(const Diagnosis& diagnosis,
                                                   const RuleSpec& rule);

namespace {

constexpr std::string_view k404104Url = "https://aka.ms/iothub404104";
// The colour of a rule whose drops and windows need no colour of their own.
constexpr std::string_view kNeutral = "#24292f";

// Every rule, one row each, in display order (findings are sorted by severity,
// then by this order): rules read the attribution and never each other.
constexpr RuleSpec kRules[] = {
    RuleSpec{"incomplete-export", 0, Severity::warning,
             "Incomplete export: part of the logs asked for is missing",
             "An input is a query result that the Log Analytics query API cut (HTTP 200 with a "
             "PartialError, E_QUERY_RESULT_SET_TOO_LARGE), or an export that holds exactly as "
             "many rows as a query or export cap (500,000, 30,000, 10,000); or a hub that logs "
             "steadily falls silent for a while, though its devices' own patterns say they were "
             "logging (a gap in the logs).",
             "The query API stops at 500,000 rows or about 64 MB and still answers; az monitor "
             "log-analytics query and portal exports drop the error that says so. An hourly blob "
             "that was not downloaded, or a chunk that was not pulled, leaves a hole that nothing "
             "else shows. The records there are missing: devices look never reconnected, "
             "incidents vanish, token cycles look broken. Inside a gap the analysis builds no "
             "fleet window, calls no device never reconnected whose reconnect may lie in it, and "
             "breaks no token cycle.",
             "Read the workspace with iothub-diag analyze --workspace ID, which asks in chunks "
             "the service never cuts, or cut the query by time (iothub-diag kql --count shows "
             "the rows per hour) and export each part. For a gap, download the hourly blobs the "
             "window names again (insights-logs-<category>/resourceId=/.../y=/m=/d=/h=), or pull "
             "that span again, and analyze with them.",
             "https://learn.microsoft.com/azure/azure-monitor/logs/api/response-format",
             "an input whose query answer carries a PartialError or E_QUERY_RESULT_SET_TOO_LARGE "
             "member, or whose row count is exactly a known cap (500,000, 30,000, 10,000); or at "
             "least gap_min_minutes in which a hub logged under gap_quiet_share of what its "
             "devices' own patterns (their rates while connected, their token or schedule "
             "periods) expect, a deficit chance would reach less than gap_max_chance_probability "
             "times over the span",
             RuleKind::window, std::nullopt, "#bf8700", evaluate_incomplete_export},
    RuleSpec{
        "hub-incident", 3, Severity::error, "Hub-side incident: many devices dropped at once",
        "Many devices disconnect at the same time, the connected-devices metric dips, and the logs "
        "show more 404104 DeviceConnectionClosedRemotely and 500xxx internal errors than usual.",
        "A transient problem inside IoT Hub closed the connections.",
        "Let devices retry with exponential back-off (the Azure IoT SDKs do), keep SDKs current, "
        "and "
        "check Azure status and the hub's Resource Health. If it persists, open a support request "
        "or "
        "consider a manual failover.",
        "https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#500xxx-internal-errors",
        "a burst of simultaneous 404104 drops well above the fleet's own baseline and beyond "
        "what the devices' own drop rates make likely by chance (fleet_max_chance_probability), "
        "with hub-side errors (500xxx, 400029/400030, 404012) above their usual rate within the "
        "margin",
        RuleKind::window, DropCause::hub_incident, "#cf222e", evaluate_hub_incident},
    RuleSpec{
        "edge-gateway-restart", 0, Severity::error,
        "IoT Edge gateway restart: the gateway's modules and leaf devices dropped together",
        "The identities of one IoT Edge device ($edgeAgent, $edgeHub and its modules) disconnect "
        "with 404104 DeviceConnectionClosedRemotely within seconds of each other, and the leaf "
        "devices behind the gateway (same masked IP) drop with them; $edgeAgent usually comes "
        "back first, then $edgeHub, then the rest.",
        "The gateway, not the site's network or IoT Hub: a restart of the IoT Edge runtime (an "
        "update, a new deployment, edgeAgent or edgeHub crashing), a restart of the host, or the "
        "gateway losing its own network. Leaf devices connect upstream through $edgeHub, so they "
        "drop whenever it does.",
        "Look on the gateway around the window: iotedge check, iotedge logs edgeAgent and "
        "iotedge logs edgeHub (a runtime restart shows the modules starting again while the host "
        "stayed up); uptime and journalctl --list-boots (a host restart shows a new boot); the "
        "host's network logs (a network loss shows links timing out while the modules kept "
        "running). Keep the runtime current, and give modules a restart policy.",
        "https://learn.microsoft.com/azure/iot-edge/troubleshoot",
        "at least edge_min_identities identities of one device id that has a $edgeHub or "
        "$edgeAgent module dropping within burst_window_minutes of each other; leaf devices are "
        "the hub's identities at the gateway's masked IP that dropped within that window; "
        "claimed before site outages",
        RuleKind::window, DropCause::edge_gateway_restart, kNeutral, evaluate_edge_gateway_restart},
    RuleSpec{"site-network-outage", 0, Severity::error,
             "Site network outage: devices behind one IP dropped together",
             "Many devices that share one public IP address (one site) disconnect at the same time "
             "with 404104 "
             "DeviceConnectionClosedRemotely, and no hub-side errors appear.",
             "The site lost its network connection for longer than the devices' MQTT keep-alive: "
             "cause 2 of "
             "the 404104 article (remote idle timeout) at the scale of one site, not a problem in "
             "IoT Hub.",
             "Check the site's router, firewall, proxy or uplink around the window; the devices "
             "reconnect on "
             "their own when the network returns. Do not open a ticket with Azure for it.",
             k404104Url,
             "a burst among a hub's devices behind one masked IP, against that group's own "
             "history (site_min_devices, site_min_group_share, site_max_chance_probability), "
             "without hub-side errors and not inside a hub-wide burst",
             RuleKind::window, DropCause::site_outage, "#e16f24", evaluate_site_network_outage},
    RuleSpec{"fleet-wide-drop", 3, Severity::error,
             "Fleet-wide drop: many devices of the hub dropped at once",
             "Many devices of one hub disconnect in the same minutes, from many networks, and the "
             "connected-device count dips; the logs hold too few hub-side errors (500xxx) to "
             "blame the hub, and no single site explains it.",
             "Either a problem inside IoT Hub that logged no server errors (a hub upgrade or "
             "failover closes connections without them, and an export of the Connections "
             "category alone leaves them out), or a regional network or ISP failure: the logs "
             "cannot tell these apart. Devices spread over many networks (ip_groups) point to "
             "the hub side.",
             "Check Azure status and the hub's Resource Health for the window, and the hub's "
             "connected-devices metric. Make sure the export includes every category (500xxx "
             "errors are logged in categories besides Connections). If the hub was healthy, look "
             "for a network path the devices share (a carrier, a region, a gateway). Devices "
             "reconnect on their own: keep retries with back-off.",
             k404104Url,
             "a burst of simultaneous drops well above the hub's own baseline and beyond what the "
             "devices' own drop rates make likely by chance (fleet_max_chance_probability), with "
             "hub-side errors below what makes a hub incident, reaching fleet_wide_min_share of "
             "the hub, "
             "in which devices outside any failed site dropped too (fleet_wide_min_share of "
             "them)",
             RuleKind::window, DropCause::fleet_wide_drop, "#8250df", evaluate_fleet_wide_drop},
    RuleSpec{
        "throttling-disconnects", 0, Severity::warning,
        "Throttling: the hub closed connections of a throttled device",
        "The device logs 429xxx throttling errors (429001 ThrottlingException, 429002 "
        "ThrottlingBacklogTimeout) in any category, and a 404104 DeviceConnectionClosedRemotely "
        "follows within seconds.",
        "The device (or the hub as a whole) exceeded the hub's throttling limits for its tier "
        "and number of units; requests queued past their timeout and the hub closed the "
        "connection. It is not a network problem of the device.",
        "Check the hub's tier and units against the operations per second the fleet sends "
        "(IoT Hub quotas and throttling), lower the device's send rate or batch its messages, "
        "and retry with exponential back-off after a 429 instead of at once; add units or move "
        "to a higher tier if the load is real.",
        "https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-quotas-throttling",
        "404104 drops with a 429xxx of the same device, from any category, at most "
        "throttling_margin_seconds before them",
        RuleKind::device, DropCause::throttling, kNeutral, evaluate_throttling_disconnects},
    RuleSpec{
        "sas-token-expiry", 1, Severity::warning, "SAS token expiry: periodic disconnects",
        "The device disconnects at a regular interval (every 65 minutes, for example) with 404104 "
        "DeviceConnectionClosedRemotely; sometimes 401003 IoTHubUnauthorized appears too, and a "
        "successful connect follows within a minute.",
        "The SAS token the device connected with expired, so IoT Hub closed the connection; the "
        "device reconnected once it had a new token.",
        "Renew the SAS token before it expires (an SDK that renews proactively, or X.509 "
        "authentication, avoids the drop altogether); do not alert on a disconnect that is "
        "followed "
        "by a quick reconnect. See 401003 IoTHubUnauthorized, solution 1.",
        k404104Url,
        "404104 drops whose connect-to-drop duration repeats (at least min_token_cycles cycles "
        "within tolerance, unlikely by chance, and no connection outliving the period); on such "
        "a device, also a drop with a 401003 beside it whose connection lasted at least the "
        "token's lifetime (the period less token_grace_minutes)",
        RuleKind::device, DropCause::token_expiry, "#0969da", evaluate_sas_token_expiry},
    RuleSpec{
        "network-idle-timeout", 2, Severity::warning,
        "Network idle timeout: every connection lasts the same short time",
        "The device disconnects with 404104 DeviceConnectionClosedRemotely after the same "
        "connection length every time (a few minutes), too short for a token lifetime and "
        "without 401003 IoTHubUnauthorized.",
        "A timer in the network path (a NAT, firewall or load balancer that forgets idle flows) "
        "expires before the device's MQTT keep-alive: the device's pings stop reaching the hub, "
        "which closes the silent link after 1.5 times the keep-alive (at most 1,767 s). This is "
        "symptom 2 with a cause that is not random.",
        "Set the device's keep-alive below the idle timeout of the NAT or firewall in the path "
        "(here the article's advice not to touch the keep-alive does not apply: it must be "
        "lowered), or raise that device's idle timeout above the keep-alive.",
        k404104Url,
        "404104 drops whose connect-to-drop duration repeats (the sas-token-expiry periodicity "
        "test) at a period from idle_min_period_seconds up to min_period_minutes, or at any "
        "period for a device that authenticates with a certificate",
        RuleKind::device, DropCause::idle_timeout, kNeutral, evaluate_network_idle_timeout},
    RuleSpec{
        "random-disconnects", 2, Severity::warning, "Random disconnects",
        "The device disconnects at random times with 404104 DeviceConnectionClosedRemotely.",
        "The device lost network connectivity for longer than its MQTT keep-alive (remote idle "
        "timeout); or it reset the TCP connection without an MQTT DISCONNECT (often a bug in older "
        "Azure IoT SDKs); or the device application crashed.",
        "Check the device's connectivity to IoT Hub; on an unreliable network, do not raise the "
        "keep-alive (it only slows detection); upgrade to a current Azure IoT SDK.",
        k404104Url,
        "404104 drops not explained by a fleet event and not part of a token cycle (at least "
        "min_random_drops of them; on a device with no token period, the cycles of a token too "
        "few to show one join such drops but do not count: fewer than min_token_cycles drops with "
        "a 401003 beside them, drops that lasted as long as those, and drops that lasted "
        "day_token_minutes to 15 min more)",
        RuleKind::device, DropCause::random, "#57606a", evaluate_random_disconnects},
    RuleSpec{"isolated-drops", 0, Severity::info, "Isolated drops: too few to make a pattern",
             "A device disconnected with 404104 DeviceConnectionClosedRemotely too few times in "
             "the logs to make a pattern, outside any fleet event and not at a period of its own.",
             "Too few drops to call: each could be a network loss past the keep-alive, a TCP "
             "reset by the client, a crash or restart of the device application, or a token "
             "that expired. The timing already rules some of these out (see each drop).",
             "Usually nothing, when the device reconnected on its own. If it matters: collect "
             "more hours of logs (a pattern needs several drops), the device's own logs around "
             "each drop, and the hub's connected-devices metric for those minutes.",
             k404104Url,
             "drops on a device, outside fleet events and token cycles, fewer than "
             "min_random_drops (not counting the cycles of a token too few to show its period: "
             "the few with a 401003 beside them, and those that lasted day_token_minutes to 15 "
             "min more)",
             RuleKind::drop, DropCause::too_few, "#1b7c83", evaluate_isolated_drops},
    RuleSpec{
        "scheduled-reconnects", 0, Severity::info,
        "Scheduled clean reconnects (expected behaviour)",
        "The device disconnects and reconnects cleanly (Information level, no error code) at a "
        "regular "
        "interval.",
        "The device SDK renews its SAS token before it expires by reconnecting (the C SDK about "
        "every 48 "
        "minutes, Node.js about every 45, Python shortly before expiry), or the device restarts on "
        "a "
        "schedule. This is healthy.",
        "Nothing to fix. Do not alert on these reconnects; alert on 404104 patterns instead.",
        "https://github.com/Azure/azure-iot-sdk-c/blob/main/doc/"
        "connection_and_messaging_reliability.md",
        "clean disconnects whose connect-to-disconnect duration repeats (same periodicity test as "
        "sas-token-expiry)",
        RuleKind::device, std::nullopt, kNeutral, evaluate_scheduled_reconnects},
    RuleSpec{"never-reconnected", 0, Severity::error, "Dropped and never came back",
             "The device's last event is a 404104 DeviceConnectionClosedRemotely and no successful "
             "connect "
             "follows before the logs end.",
             "The device lost its network for good, crashed, ran out of power, or stopped retrying "
             "(some "
             "older SDKs give up after an outage).",
             "Check the device on site; make sure its retry policy never gives up (current Azure "
             "IoT SDKs "
             "retry with back-off indefinitely).",
             k404104Url,
             "a last 404104 followed by no successful connect for at least "
             "never_reconnected_minutes (plus two cycles for a device with a token or idle cycle), "
             "to the end of the logs, and for longer than the device was ever away before; in an "
             "export that lost connect records, a device without a cycle only when clearly more "
             "devices are silent than the loss explains, those whose last drop was in a fleet "
             "event counted apart",
             RuleKind::device, std::nullopt, kNeutral, evaluate_never_reconnected},
    RuleSpec{"duplicate-identity", 0, Severity::error, "Two clients share one device identity",
             "The identity connects and disconnects every few seconds with 400027 "
             "ConnectionForcefullyClosedOnNewConnection.",
             "Two devices or processes use the same device identity (a cloned image, a copied "
             "connection "
             "string); each connection forces the other one out.",
             "Give each device its own identity (use DPS for provisioning), and make sure only one "
             "process "
             "per device connects.",
             "https://learn.microsoft.com/azure/iot-hub/"
             "troubleshoot-error-codes#400027-connectionforcefullyclosedonnewconnection",
             "at least duplicate_identity_min_closes 400027 records on one identity",
             RuleKind::device, std::nullopt, kNeutral, evaluate_duplicate_identity},
    RuleSpec{
        "unauthorized-storm", 0, Severity::error,
        "Authentication keeps failing (401003 with no success)",
        "The device keeps failing to connect with 401003 IoTHubUnauthorized and never connects "
        "successfully in between.",
        "This is not a renewal cycle: the device's clock is off by more than 5 minutes (its "
        "credential looks expired or not yet valid), or its credential is wrong: a key that was "
        "regenerated, or for a device that authenticates with an X.509 certificate, a "
        "certificate past its expiry or signed by a root the device does not trust (such as "
        "the 2023 move from Baltimore CyberTrust Root to DigiCert Global Root G2).",
        "Synchronise the device's clock (NTP); check the device's credential against the hub's "
        "device identity: regenerate the connection string of a key device; renew a certificate "
        "device's certificate and make sure it trusts DigiCert Global Root G2.",
        "https://learn.microsoft.com/azure/iot-hub/"
        "troubleshoot-error-codes#401003-iothubunauthorized",
        "at least unauthorized_storm_min_failures 401003 records in a row with no successful "
        "connect "
        "between them",
        RuleKind::device, std::nullopt, kNeutral, evaluate_unauthorized_storm},
};

// The row of the rule that reports each cause; every cause has exactly one.
constexpr std::array<std::size_t, kDropCauseCount> cause_rows() {
  std::array<std::size_t, kDropCauseCount> rows{};
  std::array<int, kDropCauseCount> rules{};
  for (std::size_t row = 0; row < std::size(kRules); ++row) {
    if (!kRules[row].drop_cause) continue;
    const auto cause = static_cast<std::size_t>(*kRules[row].drop_cause);
    rows[cause] = row;
    ++rules[cause];
  }
  for (const int count : rules) {
    if (count != 1) throw std::logic_error("a drop cause without exactly one rule");
  }
  return rows;
}
constexpr std::array<std::size_t, kDropCauseCount> kCauseRows = cause_rows();

// Rule ids are unique, and a rule that claims windows lists windows.
constexpr bool rows_consistent() {
  for (std::size_t a = 0; a < std::size(kRules); ++a) {
    for (std::size_t b = a + 1; b < std::size(kRules); ++b) {
      if (kRules[a].id == kRules[b].id) return false;
    }
    const std::optional<DropCause> cause = kRules[a].drop_cause;
    const bool window_cause =
        cause && kDropCauses[static_cast<std::size_t>(*cause)].scope == CauseScope::window;
    if (window_cause != (cause && kRules[a].kind == RuleKind::window)) return false;
  }
  return true;
}
static_assert(rows_consistent(), "kRules: unique ids, window causes for window rules");

}  // namespace

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::optional<Severity> severity_from_name(std::string_view name) noexcept {
  for (const Severity severity : {Severity::info, Severity::warning, Severity::error}) {
    if (to_string(severity) == name) return severity;
  }
  return std::nullopt;
}

std::span<const RuleSpec> rule_catalog() noexcept {
  return kRules;
}

const RuleSpec* find_rule(std::string_view id) noexcept {
  for (const RuleSpec& rule : kRules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

const RuleSpec& rule_info(std::string_view id) {
  if (const RuleSpec* rule = find_rule(id)) return *rule;
  throw std::out_of_range("no rule named " + std::string(id));
}

const RuleSpec& rule_for_cause(DropCause cause) noexcept {
  return kRules[kCauseRows[static_cast<std::size_t>(cause)]];
}

const CauseNames& cause_rule_ids() noexcept {
  static const CauseNames names = [] {
    CauseNames ids;
    for (std::size_t cause = 0; cause < kDropCauseCount; ++cause)
      ids[cause] = kRules[kCauseRows[cause]].id;
    return ids;
  }();
  return names;
}

}  // namespace iothub_diag
