#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

class Diagnosis;

// A fall of a hub's connectedDeviceCount metric that the logs do not show:
// far fewer devices dropped in those minutes than the metric lost.
struct UnloggedDip {
  std::string hub;
  Timestamp start = 0;  // the first minute below the level before
  Timestamp end = 0;    // the end of the last such minute
  std::int64_t before = 0;
  std::int64_t lowest = 0;
  std::size_t logged_devices = 0;  // devices of the hub with a drop logged then
};

// The metric's dips within the logs' span: minutes at least fleet_wide_min_share
// of the level of the five minutes before (and burst_min_devices) below it,
// joined when consecutive, in which fewer devices dropped in the logs than half
// the fall. By hub, then time.
std::vector<UnloggedDip> unlogged_metric_dips(const Diagnosis& diagnosis);

}  // namespace iothub_diag
