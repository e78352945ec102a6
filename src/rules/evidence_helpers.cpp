#include <iothub_diag/rules/evidence_helpers.hpp>

#include <algorithm>

namespace iothub_diag {

std::optional<double> median_seconds(std::vector<Timestamp> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  const double middle = n % 2 == 1 ? static_cast<double>(values[n / 2])
                                   : (static_cast<double>(values[n / 2 - 1]) + static_cast<double>(values[n / 2])) / 2;
  return middle / kMillisPerSecond;
}

void add_identity(FindingItem& item, const DeviceInfo& device) {
  item.evidence.push_back(text_evidence("device_id", "device", device.device_id));
  item.evidence.push_back(optional_text_evidence("module_id", "module", device.module_id));
}

void add_client(FindingItem& item, const DeviceInfo& device) {
  item.evidence.push_back(optional_text_evidence("protocol", "protocol", device.protocol));
  item.evidence.push_back(optional_text_evidence("sdk_version", "SDK", device.sdk_version));
}

}  // namespace iothub_diag
