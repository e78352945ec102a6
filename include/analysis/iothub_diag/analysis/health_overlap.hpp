#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/model/platform_evidence.hpp>

namespace iothub_diag {

// How long a health event with nothing after it is taken to last.
inline constexpr Timestamp kOpenHealthEventSpan = kMillisPerHour;

// The span during which a health event's condition held: from the event (or
// a Service Health incident's impactStartTime) to the next event of the same
// hub (Resource Health) or tracking id (Service Health), else one hour. A
// resolution lasts an instant.
struct HealthSpan {
  Timestamp start = 0;
  Timestamp end = 0;
};
std::vector<HealthSpan> health_spans(const PlatformEvidence& evidence);

// Region names compare without case and spaces: `West Europe` is `westeurope`.
bool same_region(std::string_view a, std::string_view b) noexcept;

// The health events (indexes into evidence.health_events) whose span meets
// [start - slack, end + slack]: Resource Health events of `hub`, and Service
// Health incidents for IoT Hub in the hub's region: its metric's, else
// `logged_region`, the one its records name (HubInfo::region).
std::vector<std::uint32_t> overlapping_health_events(
    const PlatformEvidence& evidence, const std::vector<HealthSpan>& spans, std::string_view hub,
    std::string_view logged_region, Timestamp start, Timestamp end, Timestamp slack);

// Whether one of `events` is the platform's own admission of an outage: a
// platform-initiated Unavailable or Degraded Resource Health event, or a
// Service Health incident for IoT Hub.
bool admits_outage(const PlatformEvidence& evidence, const std::vector<std::uint32_t>& events);

}  // namespace iothub_diag
