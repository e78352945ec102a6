#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include <iothub_diag/analysis/edge_restarts.hpp>
#include <iothub_diag/analysis/fleet_bursts.hpp>
#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/core/side_by_side.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

class DevicePeriods;

// What a drop is attributed to, in order of precedence: the first that claims
// a drop keeps it, so a drop is counted once and a device's own pattern is
// judged only on the drops no fleet event explains.
enum class DropCause : std::uint8_t {
  hub_incident,          // a hub burst with hub-side errors
  edge_gateway_restart,  // a burst among one IoT Edge gateway's identities and its leaves
  site_outage,           // a burst among the devices behind one masked IP
  fleet_wide_drop,       // a hub burst that neither hub errors nor sites explain
  throttling,            // a 429xxx of the device just before the drop
  token_expiry,          // recurs at the device's own connect-to-drop period
  idle_timeout,          // recurs at a period too short for a token: a timer in the path
  random,                // the device's other drops, enough to be a pattern
  too_few,               // the device's other drops, too few to call
};

// Where a cause claims its drops: fleet windows first, then device by device.
enum class CauseScope : std::uint8_t { window, device };

struct DropCauseStep {
  DropCause cause;
  CauseScope scope;
};

// Every cause, in order of precedence: the attribution runs one claiming step
// per row, in this order, so the first row that claims a drop keeps it. The
// rule that reports each cause is in the rule table (`rules/rule_catalog.cpp`),
// which checks that every cause has exactly one.
inline constexpr DropCauseStep kDropCauses[] = {
    {DropCause::hub_incident, CauseScope::window},
    {DropCause::edge_gateway_restart, CauseScope::window},
    {DropCause::site_outage, CauseScope::window},
    {DropCause::fleet_wide_drop, CauseScope::window},
    {DropCause::throttling, CauseScope::device},
    {DropCause::token_expiry, CauseScope::device},
    {DropCause::idle_timeout, CauseScope::device},
    {DropCause::random, CauseScope::device},
    {DropCause::too_few, CauseScope::device},
};
inline constexpr std::size_t kDropCauseCount = std::size(kDropCauses);

// The name each cause is reported under, indexed by DropCause: the id of the
// rule that reports it, which the rule table (a layer above) gives.
using CauseNames = std::array<std::string_view, kDropCauseCount>;

// The table is in enum order (a cause indexes its row) and claims windows before devices.
constexpr bool drop_causes_in_order() noexcept {
  for (std::size_t i = 0; i < kDropCauseCount; ++i) {
    if (static_cast<std::size_t>(kDropCauses[i].cause) != i) return false;
    if (i > 0 && kDropCauses[i - 1].scope == CauseScope::device &&
        kDropCauses[i].scope == CauseScope::window)
      return false;
  }
  return true;
}
static_assert(drop_causes_in_order(), "kDropCauses lists every DropCause in enum order");

enum class WindowKind : std::uint8_t {
  hub_incident,
  site_outage,
  fleet_wide_drop,
  edge_gateway_restart,
};

// Why a hub burst is a hub incident.
enum class IncidentReason : std::uint8_t {
  none,          // not a hub incident
  hub_errors,    // hub-side errors above their floor and usual rate
  health_event,  // Azure admitted it: a platform-initiated Resource Health event on the
                 // hub, or a Service Health incident for IoT Hub in its region
};

// A burst the attribution reports, with the drops it claimed.
struct AttributedWindow {
  WindowKind kind = WindowKind::hub_incident;
  const FleetBurst* burst = nullptr;  // the hub, site or gateway burst behind it
  const EdgeRestart* edge = nullptr;  // for a gateway restart, the restart itself
  std::vector<std::uint32_t> drops;   // claimed drops, in time order
  std::vector<DeviceIndex> devices;   // their devices, sorted, unique
  Timestamp start = 0;                // first and last claimed drop
  Timestamp end = 0;
  IncidentReason reason = IncidentReason::none;
  // Hub windows: the Activity Log health events that overlap it (indexes into
  // PlatformEvidence::health_events), in time order.
  std::vector<std::uint32_t> health_events;
};

// The cause of every drop of a diagnosis, decided once.
struct Attribution {
  static constexpr std::uint32_t kNoWindow = UINT32_MAX;
  std::vector<DropCause> cause;           // per drop (DeviceTimelines::drops() index)
  std::vector<std::uint32_t> window;      // per drop: its index in `windows`, or kNoWindow
  std::vector<AttributedWindow> windows;  // hub incidents, sites, fleet-wide drops; by hub, time
  std::vector<std::optional<PeriodEstimate>> token_period;  // per device: its token cycle, if any
  std::vector<std::optional<PeriodEstimate>> idle_period;   // per device: its idle-timeout cycle
  std::array<std::uint64_t, kDropCauseCount> drops_by_cause{};

  std::uint64_t count(DropCause cause_of) const noexcept {
    return drops_by_cause[static_cast<std::size_t>(cause_of)];
  }
};

// What the attribution reads: finished facts, computed before it.
struct AttributionFacts {
  const EventStore& store;
  const Thresholds& thresholds;
  const DeviceTimelines& timelines;
  const DevicePeriods& periods;  // judged against the logs' gaps
  const std::vector<FleetBurst>& hub_bursts;
  const std::vector<FleetBurst>& site_bursts;
  const std::vector<EdgeRestart>& edge_restarts;
};

// Decides the cause of every drop, one step per row of kDropCauses:
//  1. hub bursts with hub-side errors, or that Azure admitted (a platform-initiated
//     Resource Health event on the hub, a Service Health incident for IoT Hub in
//     its region, over the burst), are `hub-incident`s and claim their drops;
//  1b. IoT Edge gateway restarts claim the drops of the gateway's identities
//     and of the leaves behind it (before sites: the gateway's address is a site);
//  2. hub bursts without hub-side errors that are hub-wide (devices outside the
//     site bursts inside them dropped too, at least fleet_wide_min_share of
//     them, and the burst is at least fleet_wide_min_share of the hub) are
//     fleet-wide drops and take those site bursts with them;
//  3. site bursts not inside a reported hub burst claim their devices' drops;
//  4. on each device, drops right after a 429xxx of its own are throttling;
//  5. drops that recur at the period of its unclaimed drops are token expiries
//     (and, on such a device, drops whose connect is unknown, and drops too few
//     for a random pattern that lasted the period within
//     token_late_tolerance_seconds: cycles the hub closed late); a certificate
//     device has no token, and a period too short for one is an idle timeout;
//  6. its other drops are random when at least min_random_drops of them are
//     (without a period, fewer than min_token_cycles drops with a 401003 beside
//     them are token cycles too few to show one: they join a pattern, never make
//     one); else they are too few, each told on its own.
// Drops that recur at their device's period never enter a burst (Diagnosis).
// With `sharing.threads` above 1 the devices' steps (2 to 6) run in two shares
// side by side; the attribution is the same for any split.
Attribution attribute_drops(const AttributionFacts& facts, Sharing sharing = {});

// True when the burst has hub-side errors above their floor and usual rate.
bool has_hub_evidence(const FleetBurst& burst, const Thresholds& thresholds) noexcept;

}  // namespace iothub_diag
