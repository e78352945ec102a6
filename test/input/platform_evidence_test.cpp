// Azure's own evidence read beside the logs, in the shapes Azure writes it:
// the connected-devices metric (older CLI, REST, the deprecated allProtocol)
// and Activity Log health events (CLI array, storage records, AzureActivity rows).
#include <string>

#include <catch2/catch.hpp>

#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {
namespace {

EventStore read_platform(std::initializer_list<std::string> files) {
  std::vector<std::string> paths;
  for (const std::string& file : files)
    paths.push_back(std::string(IOTHUB_DIAG_TEST_DATA) + "/platform/" + file);
  EventStore store;
  ingest_paths(paths, ReadOptions{}, store);
  store.finalize();
  return store;
}

Timestamp at(std::string_view text) {
  return parse_iso8601(text).value();
}

}  // namespace

TEST_CASE(
    "the older az CLI metric: null aggregations are no data and the empty last minutes "
    "are left out",
    "[input][platform]") {
  const EventStore store = read_platform({"metric-cli.json"});
  const PlatformEvidence& platform = store.stats().platform;
  REQUIRE(platform.metrics.size() == 1);
  const MetricSeries& series = platform.metrics.front();
  CHECK(series.hub == "contoso-hub");
  CHECK(series.region == "westeurope");
  CHECK(series.interval == kMillisPerMinute);
  CHECK(series.points.size() == 10);  // 14 minutes, one null inside, three null at the end
  CHECK(series.empty_minutes == 1);
  CHECK(series.dropped_tail == 3);
  CHECK(series.points.front().time == at("2026-01-05T10:00:00Z"));
  CHECK(series.points[5].time == at("2026-01-05T10:06:00Z"));
  CHECK(series.points[5].value == 180);
  CHECK(store.stats().skipped == 0);
  CHECK(platform.metric_documents == 1);
}

TEST_CASE(
    "the REST metric response: PT1M, Z stamps, omitted values, trailing zeros and another "
    "metric counted as skipped",
    "[input][platform]") {
  const EventStore store = read_platform({"metric-rest.json"});
  const PlatformEvidence& platform = store.stats().platform;
  REQUIRE(platform.metrics.size() == 1);
  const MetricSeries& series = platform.metrics.front();
  CHECK(series.hub == "Contoso-Hub-2");
  CHECK(series.region == "northeurope");
  // 12, 12, (none), 11, 3, then the service's zeros at the end.
  REQUIRE(series.points.size() == 4);
  CHECK(series.points.back().value == 3);
  CHECK(series.empty_minutes == 1);
  CHECK(series.dropped_tail == 2);
  CHECK(store.stats().skipped_reasons.at(SkipReason::unusable_metric) == 1);
}

TEST_CASE("the deprecated allProtocol metric is read by its total only", "[input][platform]") {
  const EventStore store = read_platform({"metric-allprotocol.json"});
  const MetricSeries& series = store.stats().platform.metrics.at(0);
  REQUIRE(series.points.size() == 2);
  CHECK(series.points[0].value == 7);
  CHECK(series.points[1].value == 6);
  CHECK(series.empty_minutes == 1);
}

TEST_CASE(
    "az monitor activity-log list: Resource Health and Service Health events are kept, "
    "others counted as skipped",
    "[input][platform]") {
  const EventStore store = read_platform({"activity-log-cli.json"});
  const PlatformEvidence& platform = store.stats().platform;
  CHECK(platform.activity_events == 4);
  REQUIRE(platform.health_events.size() == 3);
  const HealthEvent& down = platform.health_events[0];
  CHECK(down.kind == HealthEventKind::resource_health);
  CHECK(down.time == at("2026-01-05T10:06:20.123Z"));
  CHECK(down.hub == "contoso-hub");
  CHECK(down.status == "Unavailable");
  CHECK(down.cause == "PlatformInitiated");
  CHECK(down.event_status == "Active");
  CHECK(is_platform_outage(down));
  const HealthEvent& incident = platform.health_events[1];
  CHECK(incident.kind == HealthEventKind::service_health);
  CHECK(incident.tracking_id == "VL2R-7T8");
  CHECK(incident.impact_start == at("2026-01-05T10:05:00Z"));
  CHECK(incident.regions == std::vector<std::string>{"West Europe"});
  CHECK(is_iot_hub_incident(incident));
  CHECK(is_resolution(platform.health_events[2]));
  CHECK(store.stats().skipped_reasons.at(SkipReason::unused_activity_event) == 1);
  CHECK(store.stats().records == 0);
}

TEST_CASE("a REST API page of Activity Log events, {\"value\": [...]}, is read as the CLI's array",
          "[input][platform]") {
  const EventStore page = read_platform({"activity-log-rest.json"});
  const EventStore array = read_platform({"activity-log-cli.json"});
  const PlatformEvidence& from_page = page.stats().platform;
  CHECK(from_page.activity_events == 4);
  REQUIRE(from_page.health_events.size() == array.stats().platform.health_events.size());
  for (std::size_t i = 0; i < from_page.health_events.size(); ++i) {
    const HealthEvent& a = from_page.health_events[i];
    const HealthEvent& b = array.stats().platform.health_events[i];
    CHECK(a.kind == b.kind);
    CHECK(a.time == b.time);
    CHECK(a.hub == b.hub);
    CHECK(a.status == b.status);
  }
  CHECK(page.stats().skipped_reasons.at(SkipReason::unused_activity_event) == 1);
  CHECK(page.stats().records == 0);
  CHECK(page.stats().skipped == 1);
}

TEST_CASE(
    "storage records and AzureActivity rows: eventProperties in a string, the "
    "healthStatus naming",
    "[input][platform]") {
  const EventStore store = read_platform({"activity-storage.json", "azure-activity-rows.json"});
  const PlatformEvidence& platform = store.stats().platform;
  REQUIRE(platform.health_events.size() == 2);
  const HealthEvent& degraded = platform.health_events[0];
  CHECK(degraded.status == "Degraded");
  CHECK(degraded.cause == "PlatformInitiated");
  CHECK(degraded.hub == "CONTOSO-HUB");
  CHECK(is_platform_outage(degraded));
  const HealthEvent& row = platform.health_events[1];
  CHECK(row.status == "Unavailable");
  CHECK(row.hub == "contoso-hub");
  CHECK(row.event_status == "Active");
  CHECK(store.stats().skipped_reasons.at(SkipReason::unused_activity_event) == 1);
  CHECK(store.stats().records == 0);
}

TEST_CASE("metric files of one hub merge by minute whatever their order", "[input][platform]") {
  const EventStore one = read_platform({"metric-cli.json", "metric-allprotocol.json"});
  const EventStore other = read_platform({"metric-allprotocol.json", "metric-cli.json"});
  const MetricSeries& a = one.stats().platform.metrics.at(0);
  const MetricSeries& b = other.stats().platform.metrics.at(0);
  REQUIRE(a.points.size() == b.points.size());
  for (std::size_t i = 0; i < a.points.size(); ++i) {
    CHECK(a.points[i].time == b.points[i].time);
    CHECK(a.points[i].value == b.points[i].value);
  }
  CHECK(a.series == 2);
  CHECK(a.points[0].value == 412);  // the larger of 412 and 7 for 10:00
}

}  // namespace iothub_diag

namespace iothub_diag {

TEST_CASE("AzureActivity rows of a query-API answer are read as events, other categories skipped",
          "[input][platform]") {
  EventStore store;
  ingest_paths({std::string(IOTHUB_DIAG_TEST_DATA) + "/platform/azure-activity-query-api.json"},
               ReadOptions{}, store);
  store.finalize();
  const PlatformEvidence& platform = store.stats().platform;
  REQUIRE(platform.health_events.size() == 1);
  CHECK(platform.health_events[0].hub == "contoso-hub");
  CHECK(is_platform_outage(platform.health_events[0]));
  CHECK(platform.activity_events == 2);
  CHECK(store.stats().skipped_reasons.at(SkipReason::unused_activity_event) == 1);
}

}  // namespace iothub_diag

namespace iothub_diag {

TEST_CASE("AzureActivity rows of a portal CSV export are read as events, with locale dates",
          "[input][platform]") {
  EventStore store;
  ingest_paths({std::string(IOTHUB_DIAG_TEST_DATA) + "/platform/azure-activity.csv"}, ReadOptions{},
               store);
  store.finalize();
  const PlatformEvidence& platform = store.stats().platform;
  REQUIRE(platform.health_events.size() == 1);
  CHECK(platform.health_events[0].time == parse_iso8601("2026-01-05T10:06:22.123Z").value());
  CHECK(platform.health_events[0].title == "We're sorry, your IoT hub is unavailable");
  CHECK(is_platform_outage(platform.health_events[0]));
  CHECK(store.stats().skipped_reasons.at(SkipReason::unused_activity_event) == 1);
}

}  // namespace iothub_diag
