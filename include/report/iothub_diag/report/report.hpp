#pragma once

#include <optional>
#include <string>
#include <vector>

#include <iothub_diag/analysis/device_story.hpp>
#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/input/path_walker.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/rules/finding.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

inline constexpr int kReportSchemaVersion = 2;

// What happened to every drop: the causes add up to the total.
struct DropLedger {
  std::uint64_t total = 0;  // 404104 drops (and Event Grid disconnects of devices seen only there)
  std::uint64_t from_snapshots = 0;  // of total, drops of devices judged on Event Grid snapshots
  std::vector<std::pair<std::string, std::uint64_t>> by_cause;  // rule id -> drops, every cause
};

// One point of a downsampled connected-device count: the lowest and highest
// count from `time` until the next point.
struct ConnectedPoint {
  Timestamp time = 0;
  long low = 0;
  long high = 0;
};

// A hub's connected-device count over time (the unnamed hub is "").
struct ConnectedSeries {
  std::string hub;
  std::vector<ConnectedPoint> points;  // time order, at most a few hundred
  // The hub's connectedDeviceCount metric when it was read, downsampled the
  // same way (each point: the lowest and highest minute until the next).
  std::vector<ConnectedPoint> metric;
};

enum class TraceEventKind : std::uint8_t { connect, disconnect, drop, error };

// One event of a device's connection history, as timelines draw it.
struct TraceEvent {
  Timestamp time = 0;
  TraceEventKind kind = TraceEventKind::connect;
  std::int32_t code = 0;   // result code, 0 when none
  std::string_view cause;  // drops: the rule id the drop is attributed to, or "unexplained"
};

// The connection history of one device a finding lists among its worst.
struct DeviceTrace {
  std::string rule;                // the finding's rule id
  std::optional<std::string> hub;  // as FindingItem::hub
  std::string device_id;
  std::string module_id;
  std::vector<TraceEvent> events;   // time order
  std::size_t events_left_out = 0;  // beyond the cap, the latest ones
};

// One identity's story (`--device`).
struct DeviceTimeline {
  std::string hub;
  std::string device_id;
  std::string module_id;
  std::vector<StoryEvent> events;
};

// At most this many identities get a timeline; a note says how many more matched.
inline constexpr std::size_t kMaxDeviceTimelines = 100;

// Everything a renderer needs, with no reference back into the analysis.
struct Report {
  IngestStats input;
  std::vector<PathProblem> path_problems;  // named paths that could not be read (input.problems)
  std::vector<HubInfo> hubs;               // every hub of the input, sorted by name
  std::size_t devices = 0;
  DropLedger drops;
  std::vector<DeviceTimeline> device_timelines;  // the identities --device asked for
  std::vector<Finding> findings;                 // most severe first, then in rule order
  std::vector<Message> notes;                    // caveats about the whole analysis
  std::vector<ConnectedSeries> connected;        // per hub, in hub order; empty without connections
  std::vector<DeviceTrace> traces;               // the worst devices of each device finding
};

inline constexpr std::size_t kMaxConnectedPoints = 600;
inline constexpr std::size_t kTracedDevicesPerFinding = 8;
inline constexpr std::size_t kMaxTraceEvents = 400;

// The report of a diagnosis, with the connected-count series and the worst
// devices' histories the HTML report draws. `device_patterns`: the --device
// globs whose identities get a timeline.
Report build_report(const Diagnosis& diagnosis, std::vector<Finding> findings,
                    std::span<const std::string> device_patterns = {});

// The most severe finding's severity, or nullopt when there is none.
std::optional<Severity> worst_severity(const Report& report);

}  // namespace iothub_diag
