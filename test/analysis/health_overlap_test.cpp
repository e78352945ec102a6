// Which Activity Log events lie over a hub's burst, and which of them are
// Azure's admission of an outage.
#include <catch2/catch.hpp>

#include <iothub_diag/analysis/health_overlap.hpp>

namespace iothub_diag {
namespace {

Timestamp at(std::string_view text) {
  return parse_iso8601(text).value();
}

HealthEvent resource_health(std::string_view time, std::string status, std::string cause,
                            std::string hub = "contoso-hub") {
  HealthEvent event;
  event.time = at(time);
  event.hub = std::move(hub);
  event.status = std::move(status);
  event.cause = std::move(cause);
  event.event_status = event.status == "Available" ? "Resolved" : "Active";
  return event;
}

PlatformEvidence evidence_in(std::string region, std::vector<HealthEvent> events) {
  PlatformEvidence evidence;
  MetricSeries metric;
  metric.hub = "Contoso-Hub";
  metric.region = std::move(region);
  evidence.metrics.push_back(metric);
  evidence.health_events = std::move(events);
  evidence.finalize();
  return evidence;
}

std::vector<std::uint32_t> over(const PlatformEvidence& evidence, std::string_view start,
                                std::string_view end, std::string_view hub = "CONTOSO-HUB",
                                std::string_view logged_region = "") {
  return overlapping_health_events(evidence, health_spans(evidence), hub, logged_region, at(start),
                                   at(end), 5 * kMillisPerMinute);
}

}  // namespace

TEST_CASE(
    "a platform-initiated Unavailable event lasts until the hub's next event and admits "
    "the burst inside it",
    "[analysis][platform]") {
  const PlatformEvidence evidence = evidence_in(
      "westeurope", {resource_health("2026-01-05T10:06:00Z", "Unavailable", "PlatformInitiated"),
                     resource_health("2026-01-05T10:40:00Z", "Available", "PlatformInitiated")});
  const auto inside = over(evidence, "2026-01-05T10:20:00Z", "2026-01-05T10:25:00Z");
  CHECK(inside == std::vector<std::uint32_t>{0});
  CHECK(admits_outage(evidence, inside));
  CHECK(over(evidence, "2026-01-05T11:00:00Z", "2026-01-05T11:05:00Z").empty());
  // Another hub's events never count.
  CHECK(over(evidence, "2026-01-05T10:20:00Z", "2026-01-05T10:25:00Z", "other-hub").empty());
}

TEST_CASE("a user-initiated event is listed but admits nothing", "[analysis][platform]") {
  const PlatformEvidence evidence = evidence_in(
      "westeurope", {resource_health("2026-01-05T10:06:00Z", "Unavailable", "UserInitiated")});
  const auto inside = over(evidence, "2026-01-05T10:08:00Z", "2026-01-05T10:12:00Z");
  CHECK(inside.size() == 1);
  CHECK_FALSE(admits_outage(evidence, inside));
}

TEST_CASE("a Service Health incident for IoT Hub counts in the hub's region only",
          "[analysis][platform]") {
  HealthEvent incident;
  incident.kind = HealthEventKind::service_health;
  incident.time = at("2026-01-05T10:30:00Z");
  incident.impact_start = at("2026-01-05T10:05:00Z");
  incident.incident_type = "Incident";
  incident.tracking_id = "VL2R-7T8";
  incident.impacts_iot_hub = true;
  incident.regions = {"West Europe"};
  const PlatformEvidence west = evidence_in("westeurope", {incident});
  const auto inside = over(west, "2026-01-05T10:08:00Z", "2026-01-05T10:12:00Z");
  CHECK(inside.size() == 1);  // from impactStartTime, though communicated later
  CHECK(admits_outage(west, inside));
  const PlatformEvidence north = evidence_in("northeurope", {incident});
  CHECK(over(north, "2026-01-05T10:08:00Z", "2026-01-05T10:12:00Z").empty());

  SECTION("without a metric, the region the hub's records name is the hub's") {
    PlatformEvidence logs_only;
    logs_only.health_events = {incident};
    logs_only.finalize();
    const auto named = over(logs_only, "2026-01-05T10:08:00Z", "2026-01-05T10:12:00Z",
                            "CONTOSO-HUB", "westeurope");
    CHECK(named.size() == 1);
    CHECK(admits_outage(logs_only, named));
    CHECK(over(logs_only, "2026-01-05T10:08:00Z", "2026-01-05T10:12:00Z", "CONTOSO-HUB",
               "northeurope")
              .empty());
    // Neither a metric nor a logged region: no region, so no incident is the hub's.
    CHECK(over(logs_only, "2026-01-05T10:08:00Z", "2026-01-05T10:12:00Z").empty());
    // A metric's region comes before the logs'.
    CHECK(over(north, "2026-01-05T10:08:00Z", "2026-01-05T10:12:00Z", "CONTOSO-HUB", "westeurope")
              .empty());
  }
}

}  // namespace iothub_diag
