// Every captured real record in test/data/conformance must be read with the
// counts its README gives.
#include <string>

#include <catch2/catch.hpp>

#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/report/report.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

struct Counts {
  std::uint64_t records;
  std::size_t devices;
  std::uint64_t disconnects_404104;
  std::uint64_t skipped;
};

EventStore read_conformance(const std::string& file) {
  EventStore store;
  ingest_paths({std::string(IOTHUB_DIAG_TEST_DATA) + "/conformance/" + file}, ReadOptions{}, store);
  store.finalize();
  return store;
}

Counts counts_of(const EventStore& store) {
  const auto& codes = store.stats().codes;
  const auto found = codes.find(codes::kDeviceConnectionClosedRemotely);
  return Counts{store.stats().records, store.devices().size(),
                found == codes.end() ? 0 : found->second, store.stats().skipped};
}

}  // namespace

TEST_CASE("every conformance file is read with the counts its README gives",
          "[input][conformance]") {
  struct Expected {
    const char* file;
    Counts counts;
  };
  const Expected expected[] = {
      {"az220-2021-connect-404104.jsonl", {2, 1, 1, 0}},
      {"az220-2021-pretty.json", {2, 1, 1, 0}},
      {"az220-2019-x509-amqp.jsonl", {4, 4, 0, 0}},
      {"tutorial-2018-properties-object.json", {2, 1, 1, 0}},
      {"routes-2019-records-wrapper.json", {1, 0, 0, 0}},
      {"eventgrid-cloudevents-2022.json", {2, 2, 0, 0}},
      {"eventgrid-schema-example.json", {1, 1, 0, 0}},
      {"opsmon-2016-legacy.jsonl", {4, 1, 0, 0}},
  };
  for (const auto& [file, counts] : expected) {
    INFO(file);
    const Counts actual = counts_of(read_conformance(file));
    CHECK(actual.records == counts.records);
    CHECK(actual.devices == counts.devices);
    CHECK(actual.disconnects_404104 == counts.disconnects_404104);
    CHECK(actual.skipped == counts.skipped);
  }
}

TEST_CASE("a JSON Lines capture and its pretty-printed twin give the same events",
          "[input][conformance]") {
  const EventStore lines = read_conformance("az220-2021-connect-404104.jsonl");
  const EventStore pretty = read_conformance("az220-2021-pretty.json");
  REQUIRE(lines.events().size() == 2);
  REQUIRE(pretty.events().size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(lines.events()[i].time == pretty.events()[i].time);
    CHECK(lines.events()[i].code == pretty.events()[i].code);
    CHECK(lines.events()[i].operation == pretty.events()[i].operation);
  }
  CHECK(lines.devices().front().sdk_version.starts_with(".NET/1.38.0"));
  CHECK(lines.devices().front().masked_ip == "24.9.142.XXX");
  CHECK(lines.devices().front().protocol == "Mqtt");
}

TEST_CASE("X.509 auth type is read through its double JSON encoding", "[input][conformance]") {
  const EventStore store = read_conformance("az220-2019-x509-amqp.jsonl");
  bool saw_x509 = false;
  for (const auto& device : store.devices())
    saw_x509 = saw_x509 || device.auth_type == "x509Certificate";
  CHECK(saw_x509);
}

TEST_CASE("Event Grid events keep module identities apart and carry no codes",
          "[input][conformance]") {
  const EventStore store = read_conformance("eventgrid-cloudevents-2022.json");
  REQUIRE(store.devices().size() == 2);
  CHECK(store.devices()[0].device_id == "edge1");
  CHECK(store.devices()[0].module_id == "$edgeHub");
  CHECK(store.devices()[1].module_id == "SimulatedTemperatureSensor");
  CHECK(store.stats().codes.empty());
  CHECK(store.stats().state_snapshot_events == 2);
  for (const auto& event : store.events())
    CHECK(event.operation == Operation::disconnect);
}

TEST_CASE("legacy operations-monitoring records are ordered by time, not by line",
          "[input][conformance]") {
  const EventStore store = read_conformance("opsmon-2016-legacy.jsonl");
  REQUIRE(store.events().size() == 4);
  // Device by device, each device's events in time order.
  for (std::size_t i = 1; i < store.events().size(); ++i) {
    const StoredEvent& before = store.events()[i - 1];
    const StoredEvent& after = store.events()[i];
    CHECK((before.device < after.device ||
           (before.device == after.device && before.time <= after.time)));
  }
  CHECK(store.devices().front().device_id == "DummyDevice");
  CHECK(store.devices().front().auth_type == "sas");
}

}  // namespace iothub_diag

namespace iothub_diag {

TEST_CASE("every drop of the real records is accounted for, and a lone drop's device is named",
          "[input][conformance]") {
  for (const char* file :
       {"az220-2019-x509-amqp.jsonl", "az220-2021-connect-404104.jsonl", "az220-2021-pretty.json",
        "eventgrid-cloudevents-2022.json", "eventgrid-schema-example.json",
        "opsmon-2016-legacy.jsonl", "routes-2019-records-wrapper.json",
        "tutorial-2018-properties-object.json"}) {
    INFO(file);
    const EventStore store = read_conformance(file);
    const Thresholds thresholds;
    const Diagnosis diagnosis(store, thresholds);
    const Report report = build_report(diagnosis, run_rules(diagnosis));
    std::uint64_t by_cause = 0;
    for (const auto& [rule, count] : report.drops.by_cause)
      by_cause += count;
    CHECK(by_cause == report.drops.total);
    if (store.stats().state_snapshot_events == 0)
      CHECK(report.drops.total == counts_of(store).disconnects_404104);
    // Every device with a drop is named by some finding: as a device, or as the
    // IoT Edge gateway whose restart took it (the CloudEvents capture is one).
    for (const Drop& drop : diagnosis.timelines().drops()) {
      const std::string& id = store.devices()[drop.device].device_id;
      const auto names = [&](const FindingItem& item) {
        return std::any_of(item.evidence.begin(), item.evidence.end(), [&](const Evidence& fact) {
          return (fact.key() == "device_id" || fact.key() == "gateway_id") &&
                 std::holds_alternative<std::string>(fact.value) &&
                 std::get<std::string>(fact.value) == id;
        });
      };
      const bool named =
          std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& finding) {
            return std::any_of(finding.devices.begin(), finding.devices.end(), names) ||
                   std::any_of(finding.windows.begin(), finding.windows.end(), names);
          });
      CHECK(named);
    }
  }
}

}  // namespace iothub_diag
