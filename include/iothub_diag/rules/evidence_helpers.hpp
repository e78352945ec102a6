#pragma once

#include <optional>
#include <vector>

#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/rules/finding.hpp>

namespace iothub_diag {

// The median of `values` in seconds; nullopt when empty.
std::optional<double> median_seconds(std::vector<Timestamp> values);

// device_id and module_id, the first members of every device item.
void add_identity(FindingItem& item, const DeviceInfo& device);

// protocol and sdk_version, which every device rule reports.
void add_client(FindingItem& item, const DeviceInfo& device);

}  // namespace iothub_diag
