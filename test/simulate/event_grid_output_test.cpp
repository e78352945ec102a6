#include <fstream>
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simulate/simulation_test_support.hpp>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/simulate/event_grid_batches.hpp>
#include <iothub_diag/simulate/event_grid_format.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>

namespace iothub_diag::simulate {
namespace {

using testing::IdentityKey;

SimulationOptions eventful_options(OutputSchema schema) {
  SimulationOptions options = testing::eventful_options();
  options.record_loss = 0.02;
  options.schema = schema;
  return options;
}

// A fleet with every kind of device and fleet event, as Event Grid events, generated once.
const Simulation& event_grid_fleet() {
  static const Simulation simulation = simulate_fleet(eventful_options(OutputSchema::event_grid));
  return simulation;
}

struct ParsedEvent {
  IdentityKey identity;
  Timestamp time = 0;
  bool connected = false;
  std::string sequence;
  nlohmann::ordered_json json;
};

std::vector<ParsedEvent> parse_events(const Simulation& simulation, OutputSchema schema) {
  const bool cloud = schema == OutputSchema::cloud_events;
  std::vector<ParsedEvent> events;
  for (const Record& batch : simulation.records) {
    for (auto& json : nlohmann::ordered_json::parse(batch.json_line)) {
      const auto& data = json.at("data");
      ParsedEvent event;
      event.identity = {data.at("deviceId").get<std::string>(),
                        data.value("moduleId", std::string())};
      event.time = parse_iso8601(json.at(cloud ? "time" : "eventTime").get<std::string>()).value();
      event.connected = json.at(cloud ? "type" : "eventType") == kDeviceConnectedEvent;
      event.sequence =
          data.at("deviceConnectionStateEventInfo").at("sequenceNumber").get<std::string>();
      event.json = std::move(json);
      events.push_back(std::move(event));
    }
  }
  return events;
}

std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items())
    keys.push_back(item.key());
  return keys;
}

EventStore read_back(const Simulation& simulation) {
  std::string text;
  for (const Record& record : simulation.records) {
    text += record.json_line;
    text += '\n';
  }
  EventStore store;
  read_stream(std::make_unique<MemorySource>(text), "simulation", ReadOptions{}, store);
  store.finalize();
  return store;
}

TEST_CASE("Event Grid output parses through the reader with every event counted", "[simulate]") {
  for (const OutputSchema schema : {OutputSchema::event_grid, OutputSchema::cloud_events}) {
    INFO(to_string(schema));
    const Simulation simulation = simulate_fleet(eventful_options(schema));
    REQUIRE(simulation.state_events > 1000);
    CHECK(parse_events(simulation, schema).size() == simulation.state_events);
    const EventStore store = read_back(simulation);
    const IngestStats& stats = store.stats();
    CHECK(stats.skipped == 0);
    CHECK(stats.duplicates == 0);
    CHECK(stats.records == simulation.state_events);
    CHECK(stats.state_snapshot_events == simulation.state_events);
    CHECK(store.events().size() == simulation.state_events);
  }
}

TEST_CASE("Event Grid events follow the members and order of the real samples", "[simulate]") {
  const auto sample_keys = [](const char* file) {
    std::ifstream in(std::string(IOTHUB_DIAG_TEST_DATA) + "/conformance/" + file);
    const auto batch = nlohmann::ordered_json::parse(in);
    return std::pair{keys_of(batch.at(0)), keys_of(batch.at(0).at("data"))};
  };
  for (const auto& [schema, file] :
       {std::pair{OutputSchema::event_grid, "eventgrid-schema-example.json"},
        std::pair{OutputSchema::cloud_events, "eventgrid-cloudevents-2022.json"}}) {
    INFO(file);
    SimulationOptions options;
    options.schema = schema;
    options.module_identity_share = 0.2;
    const Simulation simulation = simulate_fleet(options);
    const auto [event_keys, data_keys] = sample_keys(file);  // both samples name a module
    std::vector<std::string> device_data_keys = data_keys;
    std::erase(device_data_keys, "moduleId");
    bool saw_module = false;
    for (const ParsedEvent& event : parse_events(simulation, schema)) {
      CHECK(keys_of(event.json) == event_keys);
      const auto& [device_id, module_id] = event.identity;
      saw_module = saw_module || !module_id.empty();
      CHECK(keys_of(event.json["data"]) == (module_id.empty() ? device_data_keys : data_keys));
      CHECK(
          event.json["subject"] ==
          (module_id.empty() ? "devices/" + device_id : "devices/" + device_id + "/" + module_id));
      CHECK(event.json["data"]["hubName"] == "fleet-hub-01");
      const std::string time =
          event.json[schema == OutputSchema::event_grid ? "eventTime" : "time"];
      CHECK(time.size() == std::string("2026-11-20T00:00:00.0000000Z").size());
    }
    CHECK(saw_module);
  }
}

TEST_CASE("sequence numbers are 64 hex digits that increase per identity as text", "[simulate]") {
  std::map<IdentityKey, std::vector<const ParsedEvent*>> by_identity;
  const std::vector<ParsedEvent> events =
      parse_events(event_grid_fleet(), OutputSchema::event_grid);
  for (const ParsedEvent& event : events) {
    CHECK(event.sequence.size() == 64);
    CHECK(event.sequence.find_first_not_of("0123456789ABCDEF") == std::string::npos);
    by_identity[event.identity].push_back(&event);
  }
  REQUIRE(by_identity.size() > 100);
  for (auto& [identity, list] : by_identity) {
    std::sort(list.begin(), list.end(),
              [](const ParsedEvent* a, const ParsedEvent* b) { return a->time < b->time; });
    for (std::size_t i = 1; i < list.size(); ++i) {
      INFO(identity.first << " " << list[i]->sequence);
      CHECK(list[i - 1]->time < list[i]->time);
      CHECK(list[i - 1]->sequence < list[i]->sequence);
      // One window per minute: every event of an identity shares the phase.
      CHECK((list[i]->time - list[i - 1]->time) % kSnapshotPeriod == 0);
    }
  }
  CHECK(format_sequence_number(0, 1) < format_sequence_number(0, 0x10));
  CHECK(format_sequence_number(parse_iso8601("2018-06-02T19:17:44Z").value(), 1)
            .starts_with("000000000000000001D3FAA"));
}

TEST_CASE("each event carries the true state at the end of its window", "[simulate]") {
  const Simulation& simulation = event_grid_fleet();
  std::map<IdentityKey, const DeviceTruth*> truths;
  for (const DeviceTruth& device : simulation.devices)
    truths[testing::key_of(device)] = &device;
  int repeated = 0;
  std::map<IdentityKey, bool> last_state;
  std::vector<ParsedEvent> events = parse_events(simulation, OutputSchema::event_grid);
  std::stable_sort(events.begin(), events.end(),
                   [](const ParsedEvent& a, const ParsedEvent& b) { return a.time < b.time; });
  for (const ParsedEvent& event : events) {
    const auto truth = truths.find(event.identity);
    REQUIRE(truth != truths.end());
    CHECK(event.connected == connected_at(*truth->second, event.time - 1));
    CHECK(simulation.span.contains(event.time - 1));
    const auto last = last_state.find(event.identity);
    repeated += last != last_state.end() && last->second == event.connected;
    last_state[event.identity] = event.connected;
  }
  // Drops with a quick reconnect vanish into repeated DeviceConnected events.
  CHECK(repeated > 100);
}

TEST_CASE("the Event Grid rendering is deterministic and keeps the fleet's ground truth",
          "[simulate]") {
  const Simulation again = simulate_fleet(eventful_options(OutputSchema::event_grid));
  const Simulation& first = event_grid_fleet();
  REQUIRE(again.records.size() == first.records.size());
  for (std::size_t i = 0; i < first.records.size(); ++i) {
    REQUIRE(again.records[i].json_line == first.records[i].json_line);
    REQUIRE(again.records[i].receive_time == first.records[i].receive_time);
  }
  const Simulation logs = simulate_fleet(eventful_options(OutputSchema::resource_logs));
  CHECK(ground_truth_json(logs).dump() == ground_truth_json(first).dump());
  CHECK(logs.state_events == 0);

  SimulationOptions other = eventful_options(OutputSchema::event_grid);
  other.seed = 2;
  CHECK(simulate_fleet(other).records.front().json_line != first.records.front().json_line);
}

TEST_CASE("Event Grid batches are received in order and may hold events out of time order",
          "[simulate]") {
  const Simulation& simulation = event_grid_fleet();
  bool out_of_order = false;
  for (std::size_t i = 1; i < simulation.records.size(); ++i) {
    CHECK(simulation.records[i - 1].receive_time <= simulation.records[i].receive_time);
    out_of_order = out_of_order || simulation.records[i].time < simulation.records[i - 1].time;
  }
  CHECK(out_of_order);

  SimulationOptions ordered = eventful_options(OutputSchema::event_grid);
  ordered.disorder = false;
  const Simulation in_order = simulate_fleet(ordered);
  for (std::size_t i = 1; i < in_order.records.size(); ++i)
    CHECK(in_order.records[i - 1].time <= in_order.records[i].time);
}

TEST_CASE("a batch holds at most 50 events received within one second", "[simulate]") {
  std::vector<Record> events;
  for (int i = 0; i < 120; ++i)
    events.push_back({1000 + i, 5000 + i, "EventGrid", fmt::format("{{\"n\":{}}}", i)});
  events.push_back({900, 6000, "EventGrid", "{\"n\":120}"});
  const std::vector<Record> batches = batch_events(events);
  REQUIRE(batches.size() == 4);
  CHECK(nlohmann::json::parse(batches[0].json_line).size() == 50);
  CHECK(nlohmann::json::parse(batches[1].json_line).size() == 50);
  CHECK(nlohmann::json::parse(batches[2].json_line).size() == 20);
  CHECK(batches[3].json_line == "[{\"n\":120}]");
  CHECK(batches[1].time == 1050);
  CHECK(batches[1].receive_time == 5050);
  CHECK(nlohmann::json::parse(batches[2].json_line)[19]["n"] == 119);
}

TEST_CASE("Event Grid events of several hubs carry their own hub, one hub per batch",
          "[simulate]") {
  SimulationOptions options;
  options.devices = 60;
  options.hours = 4;
  options.hubs = 2;
  options.schema = OutputSchema::event_grid;
  const Simulation simulation = simulate_fleet(options);
  std::map<std::string, std::size_t> events_by_hub;
  for (const Record& batch : simulation.records) {
    std::set<std::string> hubs_in_batch;
    for (const auto& event : nlohmann::json::parse(batch.json_line)) {
      const std::string hub = event.at("data").at("hubName").get<std::string>();
      hubs_in_batch.insert(hub);
      ++events_by_hub[hub];
      // hubName is lower case; the topic keeps the resourceId's upper case.
      CHECK(event.at("topic").get<std::string>().ends_with("/IOTHUBS/" +
                                                           simulation.hubs.at(batch.hub)));
    }
    CHECK(hubs_in_batch.size() == 1);
  }
  CHECK(events_by_hub.size() == 2);
  CHECK(events_by_hub.count("fleet-hub-01") == 1);
  CHECK(events_by_hub.count("fleet-hub-02") == 1);
}

}  // namespace
}  // namespace iothub_diag::simulate
