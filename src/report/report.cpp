#include <algorithm>

#include <fmt/format.h>

#include <iothub_diag/analysis/metric_dips.hpp>
#include <iothub_diag/report/chart_data.hpp>
#include <iothub_diag/report/report.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

// What judging devices on Event Grid snapshots alone cannot show.
std::optional<Message> event_grid_note(const EventStore& store) {
  if (store.stats().state_snapshot_events == 0) return std::nullopt;
  std::size_t snapshot_only = 0;
  std::size_t both = 0;
  for (const DeviceInfo& device : store.devices()) {
    if (device.judged_on_snapshots()) ++snapshot_only;
    if (device.snapshot_connections && device.logged_connections) ++both;
  }
  const auto devices = [](MessageId id, std::size_t count) {
    if (count == 0) return MessageArg("");
    return MessageArg(Message{id, {count_arg(count)}, count});
  };
  return Message{MessageId::event_grid_snapshots,
                 {devices(MessageId::event_grid_only_devices, snapshot_only),
                  devices(MessageId::event_grid_also_logged, both)}};
}

// Worst first; equal ranks keep the items' order (devices come sorted by id).
// The (rank, position) pairs are sorted, then each item moved once: sorting the
// items themselves moved each of a fleet's tens of thousands about log n times
// (2 to 3 ms of fleet-50k's 10 ms report stage).
void sort_worst_first(std::vector<FindingItem>& items) {
  std::vector<std::pair<double, std::size_t>> order(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    order[i] = {items[i].rank, i};
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<FindingItem> sorted;
  sorted.reserve(items.size());
  for (const auto& [rank, position] : order)
    sorted.push_back(std::move(items[position]));
  items = std::move(sorted);
}

}  // namespace

Report build_report(const Diagnosis& diagnosis, std::vector<Finding> findings,
                    std::span<const std::string> device_patterns) {
  const EventStore& store = diagnosis.store();
  Report report;
  const Attribution& attribution = diagnosis.attribution();
  report.drops.total = attribution.cause.size();
  // Only Event Grid snapshots make a device judged on them: without any, the
  // walk over every drop's device (a cache miss each, on a fleet) is spared.
  if (store.stats().state_snapshot_events != 0) {
    for (const Drop& drop : diagnosis.timelines().drops())
      if (store.devices()[drop.device].judged_on_snapshots()) ++report.drops.from_snapshots;
  }
  for (std::size_t cause = 0; cause < kDropCauseCount; ++cause) {
    report.drops.by_cause.emplace_back(cause_rule_ids()[cause], attribution.drops_by_cause[cause]);
  }
  report.input = store.stats();
  report.hubs = store.hubs();
  report.devices = store.devices().size();
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return a.rule->severity > b.rule->severity;
  });
  for (Finding& finding : findings)
    sort_worst_first(finding.devices);
  report.findings = std::move(findings);
  // Notes arrive in reading order; sorted, they do not depend on the order files were named in.
  report.notes = report.input.notes;
  std::sort(report.notes.begin(), report.notes.end(),
            [](const Message& a, const Message& b) { return english_text(a) < english_text(b); });
  if (auto note = event_grid_note(store)) report.notes.push_back(std::move(*note));
  if (const RecordLoss& loss = diagnosis.record_loss(); loss.reconnects_missing > 0) {
    report.notes.push_back(
        Message{MessageId::record_loss,
                {count_arg(loss.reconnects_missing), count_arg(loss.drops_followed)},
                loss.drops_followed});
  }
  if (const RecordLoss& loss = diagnosis.snapshot_loss(); loss.reconnects_missing > 0) {
    report.notes.push_back(
        Message{MessageId::snapshot_loss,
                {decimal_arg(100 * loss.share()), count_arg(loss.reconnects_missing),
                 count_arg(loss.drops_followed)},
                loss.drops_followed});
  }
  for (const UnloggedDip& dip : unlogged_metric_dips(diagnosis)) {
    report.notes.push_back(Message{
        MessageId::metric_dip,
        {dip.hub, fmt::format("{}", dip.before), fmt::format("{}", dip.lowest),
         format_iso8601(dip.start), format_iso8601(dip.end), fmt::format("{}", dip.logged_devices)},
        static_cast<std::uint64_t>(dip.logged_devices)});
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
      report.notes.push_back(Message{MessageId::device_timelines_cut,
                                     {count_arg(matched.size()), count_arg(kMaxDeviceTimelines)},
                                     matched.size()});
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
