// One fleet exported in every shape (test/data/fleet, made by generate.py)
// must give exactly the events, devices and findings of its JSON Lines twin.
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "input/gzip_bytes.hpp"
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/report/report.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

const std::string kFleet = std::string(IOTHUB_DIAG_TEST_DATA) + "/fleet/";

struct Ingested {
  EventStore store;
  IngestResult result;
};

Ingested read_fleet(const std::string& path, ReadOptions options = {}) {
  Ingested ingested;
  ingested.result = ingest_paths({kFleet + path}, options, ingested.store);
  ingested.store.finalize();
  return ingested;
}

using EventKey = std::tuple<Timestamp, std::string, Operation, std::int32_t, Level>;
using DeviceKey =
    std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;

std::vector<EventKey> events_of(const EventStore& store) {
  std::vector<EventKey> events;
  for (const StoredEvent& event : store.events()) {
    const std::string device =
        event.device == kNoDevice ? "" : store.devices()[event.device].device_id;
    events.emplace_back(event.time, device, event.operation, event.code, event.level);
  }
  return events;
}

std::vector<DeviceKey> devices_of(const EventStore& store) {
  std::vector<DeviceKey> devices;
  for (const DeviceInfo& d : store.devices()) {
    devices.emplace_back(d.device_id, d.module_id, d.protocol, d.sdk_version, d.masked_ip,
                         d.auth_type);
  }
  return devices;
}

// The findings, without the hub each item names: an export that kept no hub
// column (displayed-columns CSV) names none.
nlohmann::json findings_of(const EventStore& store) {
  Thresholds thresholds;
  Diagnosis diagnosis(store, thresholds);
  std::ostringstream out;
  render_json(build_report(diagnosis, run_rules(diagnosis)), out);
  nlohmann::json findings = nlohmann::json::parse(out.str())["findings"];
  for (nlohmann::json& finding : findings) {
    // The query names the hub and the span of the records read, which a shape
    // without hub names or with whole seconds only does not have.
    finding.erase("kql");
    for (const char* list : {"devices", "windows"}) {
      if (!finding.contains(list)) continue;
      for (nlohmann::json& item : finding[list])
        item.erase("hub");
    }
  }
  return findings;
}

// The hubs the store found, by name.
std::vector<std::string> hubs_of(const EventStore& store) {
  std::vector<std::string> hubs;
  for (const HubInfo& hub : store.hubs())
    hubs.push_back(hub.name);
  return hubs;
}

void check_same_as_twin(const Ingested& shape, const Ingested& twin) {
  CHECK(shape.store.stats().records == twin.store.stats().records);
  CHECK(shape.store.stats().skipped == 0);
  CHECK(shape.store.stats().duplicates == 0);
  CHECK(events_of(shape.store) == events_of(twin.store));
  CHECK(devices_of(shape.store) == devices_of(twin.store));
  CHECK(findings_of(shape.store) == findings_of(twin.store));
  const auto hubs = hubs_of(shape.store);
  CHECK((hubs == hubs_of(twin.store) || hubs == std::vector<std::string>{""}));
}

}  // namespace

TEST_CASE("the JSON Lines twin holds the whole fleet", "[input][shapes]") {
  const Ingested twin = read_fleet("fleet.jsonl");
  CHECK(twin.store.stats().records == 13);
  CHECK(twin.store.devices().size() == 3);
  CHECK(twin.store.stats().codes.at(404104) == 3);
  CHECK(twin.store.stats().codes.at(401003) == 1);
  CHECK(twin.store.devices()[1].auth_type == "x509Certificate");  // asset-track9, sorted by id
  CHECK(twin.store.devices()[2].auth_type == "sas");
}

TEST_CASE("every export shape of one fleet gives the events and findings of its JSON Lines twin",
          "[input][shapes]") {
  const Ingested twin = read_fleet("fleet.jsonl");
  const char* const shapes[] = {
      "storage",  // a blob tree with CRLF line ends and a gzipped hour
      "eventhubs-lines.json",
      "eventhubs-pretty.json",
      "pretty-properties-objects.json",
      "records-array.json",
      "log-analytics-all-columns.csv",
      "log-analytics-day-first.csv",
      "log-analytics-displayed-columns.csv",
      "log-analytics-api.json",
      "az-cli-rows.json",
  };
  for (const char* shape : shapes) {
    INFO(shape);
    check_same_as_twin(read_fleet(shape), twin);
  }
}

TEST_CASE("the query-API export is streamed row by row, far below its size as a record limit",
          "[input][shapes]") {
  ReadOptions options;
  options.limits.max_text_bytes = 4096;  // the file is about 16 KB; each row under 2 KB
  check_same_as_twin(read_fleet("log-analytics-api.json", options), read_fleet("fleet.jsonl"));
}

TEST_CASE("gzip works on every shape, detected by content", "[input][shapes]") {
  const Ingested twin = read_fleet("fleet.jsonl");
  for (const char* shape : {"eventhubs-pretty.json", "log-analytics-all-columns.csv",
                            "log-analytics-api.json", "az-cli-rows.json"}) {
    INFO(shape);
    std::ifstream file(kFleet + shape, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    const std::string compressed = testing::gzip(text.str());
    Ingested ingested;
    read_stream(std::make_unique<MemorySource>(compressed), shape, {}, ingested.store);
    ingested.store.finalize();
    check_same_as_twin(ingested, twin);
  }
}

TEST_CASE("a local-time CSV export matches its twin once the offset is given", "[input][shapes]") {
  const Ingested twin = read_fleet("fleet.jsonl");
  ReadOptions options;
  options.local_time_offset_minutes = 120;
  const Ingested local = read_fleet("log-analytics-local-time.csv", options);
  check_same_as_twin(local, twin);
  REQUIRE(local.store.stats().notes.size() == 2);
  CHECK(english_text(local.store.stats().notes[0]) ==
        kFleet +
            "log-analytics-local-time.csv: locale dates read as day/month/year, as values such as "
            "'22/09/2021 00:16:00.250' show");
  CHECK(
      english_text(local.store.stats().notes[1]) ==
      kFleet +
          "log-analytics-local-time.csv: 'TimeGenerated [Local Time]' holds local times, converted "
          "to UTC with the offset +02:00");
}

TEST_CASE("a local-time CSV export without an offset is read as UTC and says so",
          "[input][shapes]") {
  const Ingested local = read_fleet("log-analytics-local-time.csv");
  CHECK(local.store.stats().records == 13);
  CHECK(local.store.stats().first_event == *parse_iso8601("2021-09-22T00:16:00.250Z"));
  REQUIRE(local.store.stats().notes.size() == 2);
  CHECK(
      english_text(local.store.stats().notes[1]) ==
      kFleet +
          "log-analytics-local-time.csv: 'TimeGenerated [Local Time]' holds local times and no UTC "
          "offset was given (--local-time-offset): they were read as UTC, so every time may be off "
          "by the exporter's zone");
}

TEST_CASE("every shape read together counts each record once and reports the duplicates",
          "[input][shapes]") {
  EventStore store;
  ReadOptions options;
  options.local_time_offset_minutes = 120;
  ingest_paths({kFleet}, options, store);
  store.finalize();
  // 12 shapes of the same 13 records. The displayed-columns export lacks
  // Category and ResultDescription, and its rows still match the full records.
  CHECK(store.stats().records == 13);
  CHECK(store.stats().duplicates == 13 * 11);
  // 11 files, 3 blobs in the tree, and generate.py, which is reported, not read.
  CHECK(store.stats().files == 15);
  CHECK(store.stats().skipped == 1);
  CHECK(store.stats().skipped_reasons.at(SkipReason::unrecognized_format) == 1);
}

}  // namespace iothub_diag
