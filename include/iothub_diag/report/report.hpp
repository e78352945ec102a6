#pragma once

#include <optional>
#include <string>
#include <vector>

#include <iothub_diag/analysis/device_story.hpp>
#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/rules/finding.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

inline constexpr int kReportSchemaVersion = 2;

// What happened to every drop: the causes add up to the total.
struct DropLedger {
  std::uint64_t total = 0;  // 404104 drops (and Event Grid disconnects of devices seen only there)
  std::vector<std::pair<std::string, std::uint64_t>> by_cause;  // rule id -> drops, every cause
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
  std::vector<HubInfo> hubs;  // every hub of the input, sorted by name
  std::size_t devices = 0;
  DropLedger drops;
  std::vector<DeviceTimeline> device_timelines;  // the identities --device asked for
  std::vector<Finding> findings;                 // most severe first, then in rule order
  std::vector<std::string> notes;                // caveats about the whole analysis
};

// `device_patterns`: the --device globs whose identities get a timeline.
Report build_report(const Diagnosis& diagnosis, std::vector<Finding> findings,
                    std::span<const std::string> device_patterns = {});

// The most severe finding's severity, or nullopt when there is none.
std::optional<Severity> worst_severity(const Report& report);

}  // namespace iothub_diag
