#pragma once

#include <cstddef>
#include <vector>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

// The connected-device count of each hub, downsampled to at most `max_points`
// points that keep each interval's lowest and highest count (so a dip survives).
std::vector<ConnectedSeries> connected_series(const Diagnosis& diagnosis, std::size_t max_points);

// The connection history of one device, cut to `max_events` events (the rest counted).
DeviceTrace device_trace(const Diagnosis& diagnosis, DeviceIndex device, std::size_t max_events);

// The connection history of the first `per_finding` devices of each device
// finding (its worst), each cut to `max_events` events, for timelines.
std::vector<DeviceTrace> device_traces(const Diagnosis& diagnosis,
                                       const std::vector<Finding>& findings,
                                       std::size_t per_finding, std::size_t max_events);

}  // namespace iothub_diag
