#include <iothub_diag/rules/rule_catalog.hpp>

#include <array>
#include <stdexcept>
#include <string>

namespace iothub_diag {
namespace {

constexpr std::string_view k404104Url = "https://aka.ms/iothub404104";

constexpr std::array kRules = {
    RuleInfo{
        "hub-incident", 3, Severity::error, "Hub-side incident: many devices dropped at once",
        "Many devices disconnect at the same time, the connected-devices metric dips, and the logs "
        "show more 404104 DeviceConnectionClosedRemotely and 500xxx internal errors than usual.",
        "A transient problem inside IoT Hub closed the connections.",
        "Let devices retry with exponential back-off (the Azure IoT SDKs do), keep SDKs current, and "
        "check Azure status and the hub's Resource Health. If it persists, open a support request or "
        "consider a manual failover.",
        "https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#500xxx-internal-errors",
        "a burst of simultaneous 404104 drops well above the fleet's own baseline, with hub-side "
        "errors (500xxx, 400029/400030, 404012) above their usual rate within the margin"},
    RuleInfo{
        "sas-token-expiry", 1, Severity::warning, "SAS token expiry: periodic disconnects",
        "The device disconnects at a regular interval (every 65 minutes, for example) with 404104 "
        "DeviceConnectionClosedRemotely; sometimes 401003 IoTHubUnauthorized appears too, and a "
        "successful connect follows within a minute.",
        "The SAS token the device connected with expired, so IoT Hub closed the connection; the "
        "device reconnected once it had a new token.",
        "Renew the SAS token before it expires (an SDK that renews proactively, or X.509 "
        "authentication, avoids the drop altogether); do not alert on a disconnect that is followed "
        "by a quick reconnect. See 401003 IoTHubUnauthorized, solution 1.",
        k404104Url,
        "404104 drops whose connect-to-drop duration repeats (at least min_token_cycles cycles within "
        "tolerance, unlikely by chance, and no connection outliving the period)"},
    RuleInfo{
        "random-disconnects", 2, Severity::warning, "Random disconnects",
        "The device disconnects at random times with 404104 DeviceConnectionClosedRemotely.",
        "The device lost network connectivity for longer than its MQTT keep-alive (remote idle "
        "timeout); or it reset the TCP connection without an MQTT DISCONNECT (often a bug in older "
        "Azure IoT SDKs); or the device application crashed.",
        "Check the device's connectivity to IoT Hub; on an unreliable network, do not raise the "
        "keep-alive (it only slows detection); upgrade to a current Azure IoT SDK.",
        k404104Url,
        "404104 drops not explained by a fleet event and not part of a token cycle (at least "
        "min_random_drops of them)"},
};

}  // namespace

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Severity> severity_from_name(std::string_view name) noexcept {
  for (const Severity severity : {Severity::info, Severity::warning, Severity::error}) {
    if (to_string(severity) == name) return severity;
  }
  return std::nullopt;
}

std::span<const RuleInfo> rule_catalog() noexcept { return kRules; }

const RuleInfo& rule_info(std::string_view id) {
  for (const RuleInfo& info : kRules) {
    if (info.id == id) return info;
  }
  throw std::out_of_range("no rule named " + std::string(id));
}

}  // namespace iothub_diag
