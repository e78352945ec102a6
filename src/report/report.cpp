#include <algorithm>

#include <iothub_diag/report/report.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

Report build_report(const EventStore& store, std::vector<Finding> findings) {
  Report report;
  report.input = store.stats();
  report.devices = store.devices().size();
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return a.rule->severity > b.rule->severity;
  });
  for (Finding& finding : findings) {
    // Worst first; equal ranks keep the device order, which is sorted by id.
    auto by_rank = [](const FindingItem& a, const FindingItem& b) { return a.rank > b.rank; };
    std::stable_sort(finding.devices.begin(), finding.devices.end(), by_rank);
  }
  report.findings = std::move(findings);
  // Notes arrive in reading order; sorted, they do not depend on the order files were named in.
  report.notes = report.input.notes;
  std::sort(report.notes.begin(), report.notes.end());
  if (report.input.state_snapshot_events > 0) {
    report.notes.push_back(
        "Event Grid connection events carry no error codes and are 60-second state snapshots: "
        "short "
        "reconnects may be missing, and 404104, 401003 and 500xxx cannot be seen in them.");
  }
  return report;
}

std::optional<Severity> worst_severity(const Report& report) {
  std::optional<Severity> worst;
  for (const Finding& finding : report.findings) {
    if (!worst || finding.rule->severity > *worst) worst = finding.rule->severity;
  }
  return worst;
}

}  // namespace iothub_diag
