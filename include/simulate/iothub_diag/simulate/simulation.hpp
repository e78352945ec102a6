#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

// One generated log record, already serialized as the hub would write it.
struct Record {
  Timestamp time = 0;          // the record's `time`, as written (fractions below 1 ms dropped)
  Timestamp receive_time = 0;  // when the storage account got it: decides its hourly blob
  std::string category;
  std::string json_line;  // compact, no trailing newline
  std::uint32_t hub = 0;  // index into Simulation::hubs: decides the blob's resourceId folder
};

// A half-open interval [start, end).
struct TimeWindow {
  Timestamp start = 0;
  Timestamp end = 0;

  bool contains(Timestamp time) const { return start <= time && time < end; }
  bool operator==(const TimeWindow&) const = default;
};

// What a device was built to do; the labels say what of it is visible in the span.
enum class DeviceBehavior : std::uint8_t {
  healthy,               // stays connected (X.509 or AMQP in-band renewal), rare clean restarts
  token_expiry,          // pattern 1: the hub closes the link at token lifetime + grace
  random_drops,          // pattern 2: Poisson 404104 drops, heavy-tailed reconnect delays
  token_and_random,      // both of the above
  scheduled_reconnects,  // clean SDK renewals (C 48 min, Node 45 min, Python 58 min) or reboots
  duplicate_identity,    // a second client on the same identity: 400027 ping-pong
  never_reconnected,     // one last 404104, then silence
  unauthorized_storm,    // every connect fails with 401003
  edge_module,           // an identity of an IoT Edge gateway: steady, drops when it restarts
  edge_leaf,             // a leaf device behind a gateway: steady, drops when it restarts
  throttled,             // a steady link the hub closes after throttling it (429002, 404104)
  idle_timeout,          // every connection ends at 1.5 x its keep-alive: a timer in the path
};

std::string_view to_string(DeviceBehavior behavior) noexcept;

// The ground truth about one identity (hub + device, or hub + device + module).
struct DeviceTruth {
  std::string hub;  // the hub name as resourceId spells it (upper case)
  std::string device_id;
  std::string module_id;            // empty for a device identity
  std::vector<std::string> labels;  // rule ids, sorted; empty for a healthy-looking device
  DeviceBehavior behavior = DeviceBehavior::healthy;
  std::optional<int> token_lifetime_minutes;  // devices whose token expiry shows in the logs
  std::optional<int> period_seconds;          // connect-to-drop (token) or renewal interval
  std::string sdk;                            // the sdkVersion its connects carry
  std::string protocol;
  std::string masked_ip;
  std::vector<TimeWindow> connected;  // connected intervals, clipped to the span
};

// Whether `time` lies in one of the sorted, disjoint `connected` intervals.
inline bool connected_at(std::span<const TimeWindow> connected, Timestamp time) {
  const auto after = std::upper_bound(
      connected.begin(), connected.end(), time,
      [](Timestamp value, const TimeWindow& window) { return value < window.start; });
  return after != connected.begin() && std::prev(after)->contains(time);
}

// Whether the identity was connected at `time`.
inline bool connected_at(const DeviceTruth& device, Timestamp time) {
  return connected_at(device.connected, time);
}

struct EdgeRestartTruth {
  TimeWindow window;  // from the restart to the last identity's drop
  std::string hub;
  std::string gateway_id;
  int identities = 0;  // the gateway's identities and its leaves
};

struct IncidentTruth {
  TimeWindow window;  // the hub drops links and refuses connects
  std::string hub;
  bool health_event = false;  // the activity log holds a Resource Health event over it
};

struct SiteOutageTruth {
  TimeWindow window;  // network down at the site; drops follow 1.5x keep-alive later
  std::string masked_ip;
  std::string hub;
  int devices = 0;  // identities behind the site's masked IP
};

// A generated fleet: its records (without the noise filler, see noise_records.hpp)
// and what really happened.
struct Simulation {
  std::uint64_t seed = 0;
  TimeWindow span;
  std::vector<std::string> hubs;  // names, in hub order (Record::hub indexes them)
  LoggedCategories categories = LoggedCategories::all;
  bool server_errors = true;
  // In output order. Resource logs: grouped by receive hour, shuffled within
  // the hour when disorder is on, otherwise sorted by time. Event Grid: one
  // record per delivery batch (a JSON array of events), in receive order.
  std::vector<Record> records;
  std::uint64_t state_events = 0;        // Event Grid events in the batches; 0 for resource logs
  std::vector<DeviceTruth> devices;      // sorted by hub, device_id, then module_id
  std::vector<IncidentTruth> incidents;  // by hub, then start
  std::vector<SiteOutageTruth> site_outages;    // by hub, then start
  std::vector<EdgeRestartTruth> edge_restarts;  // by hub, then start
  // The receive hours whose records were left out (--missing-hours), in order;
  // every hub's blob of each is missing.
  std::vector<TimeWindow> missing_spans;
};

}  // namespace iothub_diag::simulate
