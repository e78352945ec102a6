#pragma once

#include <vector>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

// A stretch in which the hub's connectedDeviceCount metric shows devices
// connected, and moving (devices connected or disconnected), while the hub's
// logs hold no connection event or error at all: the logs of that stretch are
// missing, since every such change is logged.
struct MetricGap {
  HubIndex hub = 0;
  Timestamp start = 0;  // the last event logged before the silence
  Timestamp end = 0;    // the first one after it
  double metric_lowest = 0;
  double metric_churn = 0;  // sum of the minute-to-minute changes inside
};

// The metric gaps of every hub analyzed that has a metric, at least
// `min_minutes` long, in (hub, start) order.
std::vector<MetricGap> find_metric_gaps(const EventStore& store, double min_minutes);

}  // namespace iothub_diag
