#include <variant>
#include <vector>

#include <iothub_diag/report/finding_kql.hpp>
#include <iothub_diag/report/value_format.hpp>
#include <iothub_diag/workspace/kql_query.hpp>

namespace iothub_diag {
namespace {

// The item's hub, viewed in the item ("" for records that name none).
std::string_view hub_of(const FindingItem& item) {
  return item.hub ? std::string_view(*item.hub) : std::string_view();
}

const EvidenceValue* evidence_value(const FindingItem& item, std::string_view key) {
  const Evidence* found = find_evidence(item, key);
  return found == nullptr ? nullptr : &found->value;
}

}  // namespace

std::string finding_kql(const Finding& finding, const Report& report) {
  if (!finding.windows.empty()) {
    std::vector<workspace::KqlWindow> windows;
    for (const FindingItem& item : finding.windows) {
      const auto* start = evidence_value(item, "start");
      const auto* end = evidence_value(item, "end");
      if (start == nullptr || end == nullptr || !std::holds_alternative<std::int64_t>(*start) ||
          !std::holds_alternative<std::int64_t>(*end))
        continue;
      windows.push_back(workspace::KqlWindow{hub_of(item), std::get<std::int64_t>(*start),
                                             std::get<std::int64_t>(*end)});
    }
    return workspace::finding_windows_query(windows);
  }
  std::vector<workspace::KqlDevice> devices;
  for (const FindingItem& item : finding.devices) {
    if (devices.size() == kKqlDevicesPerFinding) break;
    const auto* device = evidence_value(item, "device_id");
    if (device == nullptr || !std::holds_alternative<std::string>(*device)) continue;
    devices.push_back(workspace::KqlDevice{hub_of(item), std::get<std::string>(*device)});
  }
  const bool any_event = report.input.first_event <= report.input.last_event;
  return workspace::finding_devices_query(any_event ? report.input.first_event : 0,
                                          any_event ? report.input.last_event : 0, devices,
                                          finding.devices.size());
}

}  // namespace iothub_diag
