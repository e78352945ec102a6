#include <algorithm>

#include <fmt/format.h>

#include <iothub_diag/analysis/metric_dips.hpp>
#include <iothub_diag/report/chart_data.hpp>
#include <iothub_diag/report/report.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

// What judging devices on Event Grid snapshots alone cannot show.
std::optional<std::string> event_grid_note(const EventStore& store) {
  if (store.stats().state_snapshot_events == 0) return std::nullopt;
  std::size_t snapshot_only = 0;
  std::size_t both = 0;
  for (const DeviceInfo& device : store.devices()) {
    if (device.judged_on_snapshots()) ++snapshot_only;
    if (device.snapshot_connections && device.logged_connections) ++both;
  }
  const auto plural = [](std::size_t n, std::string_view one, std::string_view many) {
    return n == 1 ? one : many;
  };
  std::string note =
      "Event Grid connection events carry no error codes and are 60-second state snapshots.";
  if (snapshot_only > 0) {
    note += fmt::format(
        " {} device{} seen only in them {} judged on timing alone: a token expiry and a scheduled "
        "reconnect look alike, a clean disconnect looks like a drop, a fleet-wide drop cannot be "
        "tied to the hub, and a reconnect within the snapshot shows no delay.",
        snapshot_only, plural(snapshot_only, "", "s"), plural(snapshot_only, "is", "are"));
  }
  if (both > 0) {
    note += fmt::format(
        " {} device{} also in the resource logs {} judged on those; {} Event Grid events are not "
        "counted again.",
        both, plural(both, "", "s"), plural(both, "is", "are"), plural(both, "its", "their"));
  }
  return note;
}

}  // namespace

Report build_report(const Diagnosis& diagnosis, std::vector<Finding> findings,
                    std::span<const std::string> device_patterns) {
  const EventStore& store = diagnosis.store();
  Report report;
  const Attribution& attribution = diagnosis.attribution();
  report.drops.total = attribution.cause.size();
  for (const Drop& drop : diagnosis.timelines().drops())
    if (store.devices()[drop.device].judged_on_snapshots()) ++report.drops.from_snapshots;
  for (std::size_t cause = 0; cause < kDropCauseCount; ++cause) {
    report.drops.by_cause.emplace_back(cause_rule_ids()[cause], attribution.drops_by_cause[cause]);
  }
  report.input = store.stats();
  report.hubs = store.hubs();
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
  if (auto note = event_grid_note(store)) report.notes.push_back(std::move(*note));
  if (const RecordLoss& loss = diagnosis.record_loss(); loss.reconnects_missing > 0) {
    report.notes.push_back(fmt::format(
        "The export lost connection records: {} of {} drops show no reconnect though the device "
        "dropped again. A device whose last drop shows no reconnect is reported as never "
        "reconnected only when clearly more devices are silent than that loss explains.",
        loss.reconnects_missing, loss.drops_followed));
  }
  for (const UnloggedDip& dip : unlogged_metric_dips(diagnosis)) {
    report.notes.push_back(fmt::format(
        "The connectedDeviceCount metric of {} fell from {} to {} between {} and {}, but the logs "
        "hold drops of only {} devices then: the logs miss that dip. Fetch the Connections logs "
        "of those minutes.",
        dip.hub, dip.before, dip.lowest, format_iso8601(dip.start), format_iso8601(dip.end),
        dip.logged_devices));
  }
  if (!device_patterns.empty()) {
    const std::vector<DeviceIndex> matched = devices_matching(store, device_patterns);
    for (std::size_t i = 0; i < matched.size() && i < kMaxDeviceTimelines; ++i) {
      const DeviceInfo& info = store.devices()[matched[i]];
      report.device_timelines.push_back(
          DeviceTimeline{store.hubs()[info.hub].name, info.device_id, info.module_id,
                         device_story(diagnosis, matched[i], cause_rule_ids())});
    }
    if (matched.size() > kMaxDeviceTimelines) {
      report.notes.push_back(fmt::format(
          "--device matched {} identities; timelines are given for the first {} (by hub and id).",
          matched.size(), kMaxDeviceTimelines));
    }
  }
  report.connected = connected_series(diagnosis, kMaxConnectedPoints);
  report.traces =
      device_traces(diagnosis, report.findings, kTracedDevicesPerFinding, kMaxTraceEvents);
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
