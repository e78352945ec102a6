#pragma once

#include <optional>
#include <string>
#include <vector>

#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/rules/finding.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

inline constexpr int kReportSchemaVersion = 2;

// Everything a renderer needs, with no reference back into the analysis.
struct Report {
  IngestStats input;
  std::vector<HubInfo> hubs;  // every hub of the input, sorted by name
  std::size_t devices = 0;
  std::vector<Finding> findings;   // most severe first, then in rule order
  std::vector<std::string> notes;  // caveats about the whole analysis
};

Report build_report(const EventStore& store, std::vector<Finding> findings);

// The most severe finding's severity, or nullopt when there is none.
std::optional<Severity> worst_severity(const Report& report);

}  // namespace iothub_diag
