#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag::simulate {

// Where write_simulation puts the records.
enum class OutputLayout : std::uint8_t {
  archive,  // the storage-account tree, one blob per category per receive hour
  jsonl,    // one file in the output directory (`fleet.jsonl`, or `fleet.json` for `records`)
};

// How the records of one blob (or of the single file) are serialized.
enum class OutputShape : std::uint8_t {
  jsonl,    // one compact record per line (storage blobs since 2018-11-01)
  records,  // one `{"records":[...]}` document (older blobs, Event Hubs)
};

// What the log files hold: the hub's resource logs, or the same fleet as the
// connection-state events IoT Hub publishes to Event Grid (state_snapshots.hpp).
enum class OutputSchema : std::uint8_t {
  resource_logs,  // Azure Monitor resource logs: Connections and the other categories
  event_grid,     // Microsoft.Devices.DeviceConnected / DeviceDisconnected, Event Grid schema
  cloud_events,   // the same events in the CloudEvents 1.0 schema
};

// Which resource-log categories the diagnostic setting exports.
enum class LoggedCategories : std::uint8_t {
  all,          // Connections and every category that carries errors
  connections,  // only Connections, the most common narrow export
};

// Everything that shapes a simulated fleet. A default-constructed value is a
// valid run (300 devices, 24 h from 2026-11-20T00:00:00Z, seed 1). The same
// options always give byte-identical output. kSimulationOptions below lists
// every field with its CLI name, meaning and default.
struct SimulationOptions {
  int devices = 300;  // per hub: every hub has the same device ids
  int hours = 24;
  int hubs = 1;
  Timestamp start = 1'795'132'800'000;  // 2026-11-20T00:00:00Z
  std::uint64_t seed = 1;

  // Shares of the fleet; what is left over is healthy. Special-device counts
  // (duplicate identity, never reconnected, unauthorized storm) come first.
  double token_expiry_share = 0.25;
  double random_drop_share = 0.25;
  double mixed_share = 0.05;
  double scheduled_reconnect_share = 0.10;

  std::vector<int> token_lifetimes_minutes = {60};
  int grace_typical_seconds = 300;
  int grace_max_seconds = 600;
  // The hub finds an expired token on a timer: each cycle it closes the link
  // 0 to this many seconds past the device's grace.
  int token_close_delay_max_seconds = 4;
  double unauthorized_before_share = 0.40;  // 401003 logged 0-30 s before the 404104
  double unauthorized_after_share = 0.30;   // 0-30 s after; the rest has no 401003

  double random_drops_per_day_min = 2.0;
  double random_drops_per_day_max = 24.0;
  double sparse_random_share = 0.15;  // random devices with only 1-2 drops in the span

  int incidents = 1;
  int site_outages = 0;
  double background_errors_per_hour = 3.0;
  double conflict_after_reconnect_share = 0.03;  // 409002 before the reconnect succeeds
  bool fleet_booted_together = false;

  double record_loss = 0.0;
  // Hours of the span (0 is the first) whose hourly blobs the export lacks:
  // every record received in them is left out, in every hub and category.
  std::vector<int> missing_hours;
  bool disorder = true;
  LoggedCategories categories = LoggedCategories::all;
  bool server_errors = true;  // false: hub-side maintenance that logs no 5xx at all

  int duplicate_identity_devices = 0;
  int never_reconnected_devices = 0;
  // Token-expiry devices (taken from the token share) that stop at one of their
  // expiries and never connect again.
  int never_reconnected_token_devices = 0;
  int unauthorized_storm_devices = 0;

  double noise_records_per_device_hour = 0.0;
  double fractional_time_share = 0.10;
  double module_identity_share = 0.03;

  // Causes operators name beyond the article. Gateways add identities of their
  // own; throttled and idle-timeout devices are taken from `devices`.
  int edge_gateways = 0;
  int edge_restarts = 3;
  int throttled_devices = 0;
  int idle_timeout_devices = 0;
  double x509_storm_share = 0.0;

  OutputLayout layout = OutputLayout::archive;
  OutputShape shape = OutputShape::jsonl;
  OutputSchema schema = OutputSchema::resource_logs;
  std::string subscription_id = "5E2B1C3A-7D4F-4B8E-9A61-2F0C8D3E7B15";
  std::string resource_group = "IOT-FLEET-RG";
  std::string hub_name = "FLEET-HUB-01";
  std::string location = "westeurope";
  bool metric = false;    // write each hub's connectedDeviceCount metric beside the logs
  int health_events = 0;  // incidents per hub, earliest first, with a Resource Health event
};

// A pointer to the field an option sets; its type decides how text is parsed.
// Timestamp is the only int64 field and is read as ISO-8601.
using SimulationOptionField =
    std::variant<int SimulationOptions::*, double SimulationOptions::*, bool SimulationOptions::*,
                 std::uint64_t SimulationOptions::*, Timestamp SimulationOptions::*,
                 std::vector<int> SimulationOptions::*, std::string SimulationOptions::*,
                 OutputLayout SimulationOptions::*, OutputShape SimulationOptions::*,
                 OutputSchema SimulationOptions::*, LoggedCategories SimulationOptions::*>;

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// The values a numeric option accepts (each value, for a list), which validate
// checks: from `minimum` up to `maximum`, or up to the value of the option
// `maximum_option` names; `below` leaves the upper end out.
struct OptionRange {
  double minimum = -kUnbounded;
  double maximum = kUnbounded;
  std::string_view maximum_option = {};
  bool below = false;

  constexpr bool bounded() const noexcept {
    return minimum != -kUnbounded || maximum != kUnbounded || !maximum_option.empty();
  }
};

constexpr OptionRange between(double minimum, double maximum) {
  return {minimum, maximum};
}
constexpr OptionRange at_least(double minimum) {
  return {minimum};
}
constexpr OptionRange below(double minimum, double maximum) {
  return {minimum, maximum, {}, true};
}
// Up to another option's value, or below it.
constexpr OptionRange up_to_option(double minimum, std::string_view option) {
  return {minimum, kUnbounded, option};
}
constexpr OptionRange below_option(double minimum, std::string_view option) {
  return {minimum, kUnbounded, option, true};
}
inline constexpr OptionRange kShare = between(0, 1);

struct SimulationOptionInfo {
  std::string_view name;  // CLI flag without the leading dashes
  SimulationOptionField field;
  std::string_view meaning;
  std::string_view default_text;  // what format_simulation_option prints for the default
  OptionRange range = {};         // none for text, enums and booleans
};

// One row per option: drives the CLI flags, their help, validation (with its
// range; limits keep a run inside memory and inside the calendar) and the
// defaults test.
inline constexpr SimulationOptionInfo kSimulationOptions[] = {
    {"devices", &SimulationOptions::devices, "number of device identities in each hub", "300",
     between(1, 1e6)},
    {"hours", &SimulationOptions::hours, "length of the simulated span in hours", "24",
     between(1, 24 * 366)},
    {"hubs", &SimulationOptions::hubs,
     "IoT hubs in the export: each is its own fleet with the same device ids, its own draws, "
     "incidents and site outages, named after --hub with its number counted up "
     "(FLEET-HUB-01, FLEET-HUB-02, ...)",
     "1", between(1, 100)},
    {"start", &SimulationOptions::start, "span start, ISO-8601 UTC", "2026-11-20T00:00:00Z"},
    {"seed", &SimulationOptions::seed, "random seed; same options and seed give the same bytes",
     "1"},
    {"token-share", &SimulationOptions::token_expiry_share,
     "share of devices whose SAS token expires (pattern 1)", "0.25", kShare},
    {"random-share", &SimulationOptions::random_drop_share,
     "share of devices with random 404104 drops (pattern 2)", "0.25", kShare},
    {"mixed-share", &SimulationOptions::mixed_share,
     "share of devices with both token expiry and random drops", "0.05", kShare},
    {"scheduled-share", &SimulationOptions::scheduled_reconnect_share,
     "share of devices that reconnect cleanly on a schedule (C/Node/Python SDK token renewals, "
     "periodic reboots); healthy, labeled scheduled-reconnects",
     "0.1", kShare},
    {"token-lifetimes", &SimulationOptions::token_lifetimes_minutes,
     "SAS token lifetimes in minutes, comma-separated; each token device draws one", "60",
     between(1, 7 * 24 * 60)},
    {"grace-typical", &SimulationOptions::grace_typical_seconds,
     "usual seconds the hub waits past token expiry before closing the link", "300",
     up_to_option(0, "grace-max")},
    {"grace-max", &SimulationOptions::grace_max_seconds,
     "largest grace in seconds; some devices draw uniformly in 0..grace-max", "600",
     between(0, 3600)},
    {"token-close-delay", &SimulationOptions::token_close_delay_max_seconds,
     "most seconds the hub takes to notice an expired token: each token cycle ends 0 to this "
     "many seconds past the device's grace, drawn anew",
     "4", between(0, 900)},
    {"unauthorized-before", &SimulationOptions::unauthorized_before_share,
     "share of token cycles whose 401003 is logged 0-30 s before the 404104", "0.4", kShare},
    {"unauthorized-after", &SimulationOptions::unauthorized_after_share,
     "share of token cycles whose 401003 is logged 0-30 s after the 404104 (rest: none)", "0.3",
     kShare},
    {"random-rate-min", &SimulationOptions::random_drops_per_day_min,
     "lowest random-drop rate per device and day", "2", up_to_option(0, "random-rate-max")},
    {"random-rate-max", &SimulationOptions::random_drops_per_day_max,
     "highest random-drop rate per device and day", "24", between(0, 24 * 60)},
    {"sparse-random-share", &SimulationOptions::sparse_random_share,
     "share of random devices that drop only once or twice in the span", "0.15", kShare},
    {"incidents", &SimulationOptions::incidents,
     "hub incidents: 2-15 min windows where 30-80 % of connected devices drop, with 5xx errors",
     "1", between(0, 100)},
    {"site-outages", &SimulationOptions::site_outages,
     "site network outages per hub, at different times: a site of 8-40 devices behind one masked "
     "IP drops together, no 5xx",
     "0", at_least(0)},
    {"background-errors", &SimulationOptions::background_errors_per_hour,
     "scattered 5xx errors per hour in non-Connections categories", "3", between(0, 10000)},
    {"conflict-share", &SimulationOptions::conflict_after_reconnect_share,
     "share of reconnects after a 404104 that first fail with 409002", "0.03", kShare},
    {"booted-together", &SimulationOptions::fleet_booted_together,
     "all devices first connect within minutes of the start (otherwise most are already "
     "connected)",
     "false"},
    {"loss", &SimulationOptions::record_loss, "probability that each record is lost", "0",
     below(0, 1)},
    {"missing-hours", &SimulationOptions::missing_hours,
     "hours of the span (0 is the first), comma-separated, whose hourly blobs are missing from "
     "the export: every record received in them is left out, as when a blob was not downloaded",
     "", below_option(0, "hours")},
    {"disorder", &SimulationOptions::disorder,
     "delay records by 0-3 min (sometimes up to 10) and shuffle each receive hour", "true"},
    {"categories", &SimulationOptions::categories,
     "resource-log categories exported: all, or connections (Connections only: no errors of "
     "other categories, no filler)",
     "all"},
    {"server-errors", &SimulationOptions::server_errors,
     "log 5xx errors; false removes every 5xx record in every category (incidents stay "
     "incidents in the ground truth)",
     "true"},
    {"duplicate-identity", &SimulationOptions::duplicate_identity_devices,
     "devices with a second client on the same identity (400027 ping-pong)", "0", at_least(0)},
    {"never-reconnected", &SimulationOptions::never_reconnected_devices,
     "devices whose last event is a 404104", "0", at_least(0)},
    {"never-reconnected-token", &SimulationOptions::never_reconnected_token_devices,
     "token-expiry devices that stop at one of their expiries and never connect again", "0",
     at_least(0)},
    {"unauthorized-storm", &SimulationOptions::unauthorized_storm_devices,
     "devices whose connects fail with 401003 over and over", "0", at_least(0)},
    {"noise", &SimulationOptions::noise_records_per_device_hour,
     "Information records per connected device and hour in other categories (volume for "
     "benchmarks; generated while writing)",
     "0", between(0, 100000)},
    {"fractional-times", &SimulationOptions::fractional_time_share,
     "share of records whose time has 7 fraction digits", "0.1", kShare},
    {"module-share", &SimulationOptions::module_identity_share,
     "share of identities that are modules (deviceId + moduleId)", "0.03", kShare},
    {"edge-gateways", &SimulationOptions::edge_gateways,
     "IoT Edge gateways per hub, beside --devices: each is $edgeAgent, $edgeHub, 3 modules and "
     "10 leaf devices behind its own masked IP, all over AMQP",
     "0", between(0, 99)},
    {"edge-restarts", &SimulationOptions::edge_restarts,
     "restarts of each gateway over the span: its identities and leaves drop within seconds, "
     "then $edgeAgent comes back first, then $edgeHub, then the rest",
     "3", between(0, 100)},
    {"throttled", &SimulationOptions::throttled_devices,
     "devices the hub throttles 2-6 times a day: a 429002 ThrottlingBacklogTimeout in "
     "DeviceTelemetry, then a 404104 seconds later",
     "0", at_least(0)},
    {"idle-timeout", &SimulationOptions::idle_timeout_devices,
     "devices behind a NAT or firewall that forgets idle flows before their keep-alive: every "
     "connection ends after 1.5 x the keep-alive (+-15 s) with a 404104 and no 401003",
     "0", at_least(0)},
    {"certificate-storm-share", &SimulationOptions::x509_storm_share,
     "share of unauthorized-storm devices that authenticate with an X.509 certificate (an "
     "expired certificate or an untrusted root)",
     "0", kShare},
    {"layout", &SimulationOptions::layout,
     "archive (insights-logs-*/.../PT1H.json tree; Event Grid: eventgrid/y=/m=/d=/h=HH/"
     "deliveries.jsonl, one file per delivery hour) or jsonl (one file)",
     "archive"},
    {"shape", &SimulationOptions::shape,
     "jsonl (one record per line) or records ({\"records\":[...]} documents; resource logs only)",
     "jsonl"},
    {"schema", &SimulationOptions::schema,
     "resource-logs, or the same fleet as the Event Grid DeviceConnected/DeviceDisconnected events "
     "IoT Hub publishes from 60 s connection-state snapshots: eventgrid (Event Grid schema) or "
     "cloudevents (CloudEvents 1.0); delivery batches of up to 50 events, one JSON array per line",
     "resource-logs"},
    {"subscription", &SimulationOptions::subscription_id, "subscription id in resourceId",
     "5E2B1C3A-7D4F-4B8E-9A61-2F0C8D3E7B15"},
    {"resource-group", &SimulationOptions::resource_group, "resource group in resourceId",
     "IOT-FLEET-RG"},
    {"hub", &SimulationOptions::hub_name, "IoT hub name in resourceId", "FLEET-HUB-01"},
    {"location", &SimulationOptions::location, "Azure region in each record", "westeurope"},
    {"metric", &SimulationOptions::metric,
     "also write each hub's one-minute connectedDeviceCount metric from the true connected "
     "intervals, as az monitor metrics list prints it (metrics/<HUB>.json)",
     "false"},
    {"health-events", &SimulationOptions::health_events,
     "incidents of each hub, earliest first, over which activity-log.json holds a "
     "platform-initiated Resource Health event (Unavailable, then Available)",
     "0", up_to_option(0, "incidents")},
};

std::string_view to_string(OutputLayout layout) noexcept;
std::string_view to_string(OutputShape shape) noexcept;
std::string_view to_string(OutputSchema schema) noexcept;
std::string_view to_string(LoggedCategories categories) noexcept;

// The row named `name`, or nullptr.
const SimulationOptionInfo* find_simulation_option(std::string_view name) noexcept;

// The option's current value as text, in the form the table's default_text uses.
std::string format_simulation_option(const SimulationOptions& options,
                                     const SimulationOptionInfo& option);

// What the option's value is, for its help: N (a whole number), SHARE (0 to 1),
// NUMBER, BOOL, TIME (ISO-8601), LIST (whole numbers, comma-separated), TEXT, or
// its choices ({archive,jsonl}).
std::string simulation_option_value_name(const SimulationOptionInfo& option);

// Parses `text` into the named option; the error message when the text or name is bad.
std::optional<std::string> apply_simulation_option(SimulationOptions& options,
                                                   std::string_view name, std::string_view text);

// The devices given the special behaviours the options count one by one
// (duplicate identity, never reconnected, 401003 storm, throttled, idle timeout).
long long special_device_count(const SimulationOptions& options);
// The devices given the token-expiry behaviour: their share of the rest.
int token_expiry_device_count(const SimulationOptions& options);

// The first reason the options cannot be simulated, or nullopt when they can.
std::optional<std::string> validate(const SimulationOptions& options);

}  // namespace iothub_diag::simulate
