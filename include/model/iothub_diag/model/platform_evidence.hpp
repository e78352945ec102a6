#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

// One minute of the connected-devices metric: the value Azure Monitor gave.
struct MetricPoint {
  Timestamp time = 0;
  double value = 0;
};

// The connected-devices metric of one hub (`az monitor metrics list` or the
// REST API), read beside the logs. Minutes without a value are no data, not zero.
struct MetricSeries {
  std::string hub;     // from the metric's resource id
  std::string region;  // the response's `resourceregion`, or empty
  std::string metric;  // connectedDeviceCount or devices.connectedDevices.allProtocol
  Timestamp interval = kMillisPerMinute;
  std::vector<MetricPoint> points;  // minutes with a value, by time after finalize()
  std::uint64_t empty_minutes = 0;  // minutes inside the series with no value
  std::uint64_t dropped_tail = 0;   // the service's empty last minutes, left out
  std::uint64_t series = 1;         // metric series read for this hub
};

enum class HealthEventKind : std::uint8_t { resource_health, service_health };

// One Activity Log event about the platform's health: a Resource Health event
// of a hub, or a Service Health incident.
struct HealthEvent {
  HealthEventKind kind = HealthEventKind::resource_health;
  Timestamp time = 0;
  Timestamp impact_start = 0;   // Service Health `impactStartTime`; 0 when not given
  std::string hub;              // the hub of a Resource Health event; empty for Service Health
  std::string status;           // Unavailable, Degraded, Available, ... (Resource Health)
  std::string previous_status;  // Resource Health
  std::string cause;            // PlatformInitiated, UserInitiated (Resource Health)
  std::string event_status;     // Active, Resolved, InProgress, Updated
  std::string incident_type;    // Incident, Maintenance, ... (Service Health)
  std::string tracking_id;      // Service Health
  std::string title;
  std::vector<std::string> regions;  // Service Health: where IoT Hub is impacted
  bool impacts_iot_hub = false;      // Service Health: IoT Hub among the impacted services
};

// A platform-initiated Unavailable or Degraded Resource Health event.
bool is_platform_outage(const HealthEvent& event) noexcept;
// A Service Health incident that names IoT Hub among its impacted services.
bool is_iot_hub_incident(const HealthEvent& event) noexcept;
// Whether an event closes what an earlier one opened (Resolved, or Available again).
bool is_resolution(const HealthEvent& event) noexcept;

// What Azure itself says about the hubs beside their resource logs.
struct PlatformEvidence {
  std::vector<MetricSeries> metrics;       // one per hub after finalize(), by hub key
  std::vector<HealthEvent> health_events;  // by time, hub and texts after finalize(); no repeats
  std::uint64_t metric_documents = 0;      // metric responses read
  std::uint64_t activity_events = 0;       // Activity Log events read (used or not)

  bool empty() const noexcept { return metrics.empty() && health_events.empty(); }
  // Appends what `later` holds (as if read after this).
  void merge(PlatformEvidence&& later);
  // One series per hub (compared without regard to case), points by time, one
  // per minute (the largest value when two inputs disagree, so file order does
  // not matter); events sorted, exact repeats removed.
  void finalize();
  // The metric of a hub (compared without regard to case), if any.
  const MetricSeries* metric_of(std::string_view hub) const noexcept;
};

}  // namespace iothub_diag
