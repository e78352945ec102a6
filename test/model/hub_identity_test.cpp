// An identity is (hub, device, module): device ids repeat across the hubs of one export.
#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;
using testing::read_jsonl;

std::vector<std::string> hub_names(const EventStore& store) {
  std::vector<std::string> names;
  for (const HubInfo& hub : store.hubs())
    names.push_back(hub.name);
  return names;
}

TEST_CASE("the same device id in two hubs is two identities", "[model][hubs]") {
  LogBuilder logs;
  logs.hub("PRODUCTION").connect("dev-0001", at_minutes(0)).drop("dev-0001", at_minutes(10));
  logs.hub("STAGING").connect("dev-0001", at_minutes(0)).drop("dev-0001", at_minutes(10));
  const EventStore store = read_jsonl(logs.jsonl());
  CHECK(hub_names(store) == std::vector<std::string>{"PRODUCTION", "STAGING"});
  REQUIRE(store.devices().size() == 2);
  CHECK(store.devices()[0].hub == 0);
  CHECK(store.devices()[1].hub == 1);
  // Same time, device, operation and code, but another hub: not a duplicate.
  CHECK(store.stats().records == 4);
  CHECK(store.stats().duplicates == 0);
  CHECK(store.hubs()[0].records == 2);
  CHECK(store.hubs()[1].devices == 1);
}

TEST_CASE("a hub is named the same whatever the case of each record", "[model][hubs]") {
  LogBuilder logs;
  logs.hub("IOT-DEMO").connect("edge1", at_minutes(0));
  logs.hub("iot-demo").grid_event("edge1", at_minutes(5), false);
  for (const bool reversed : {false, true}) {
    std::string text = logs.jsonl();
    if (reversed) {
      const auto newline = text.find('\n');
      text = text.substr(newline + 1) + text.substr(0, newline + 1);
    }
    const EventStore store = read_jsonl(text);
    CHECK(hub_names(store) == std::vector<std::string>{"IOT-DEMO"});
    CHECK(store.devices().size() == 1);
  }
}

TEST_CASE("records without a hub join the only hub the export names", "[model][hubs]") {
  LogBuilder logs;
  logs.hub("PRODUCTION").connect("dev-0001", at_minutes(0)).drop("dev-0001", at_minutes(10));
  // The same drop again, from an export that kept no hub column, and one more record.
  std::string text = logs.jsonl();
  text += R"({"time":"2026-11-20T00:10:00Z","operationName":"deviceDisconnect",)"
          R"("category":"Connections","level":"Error","resultType":"404104",)"
          R"("properties":"{\"deviceId\":\"dev-0001\"}"})"
          "\n";
  text += R"({"time":"2026-11-20T00:11:00Z","operationName":"deviceConnect",)"
          R"("category":"Connections","level":"Information",)"
          R"("properties":"{\"deviceId\":\"dev-0002\"}"})"
          "\n";
  const EventStore store = read_jsonl(text);
  CHECK(hub_names(store) == std::vector<std::string>{"PRODUCTION"});
  CHECK(store.devices().size() == 2);
  CHECK(store.stats().records == 3);
  CHECK(store.stats().duplicates == 1);
  CHECK(store.stats().codes.at(404104) == 1);
  CHECK(store.hubs()[0].records == 3);
}

TEST_CASE("records without a hub stay apart when the export names several", "[model][hubs]") {
  LogBuilder logs;
  logs.hub("A").connect("dev-1", at_minutes(0));
  logs.hub("B").connect("dev-1", at_minutes(0));
  std::string text = logs.jsonl();
  text += R"({"time":"2026-11-20T00:00:00Z","operationName":"deviceConnect",)"
          R"("category":"Connections","level":"Information","deviceId":"dev-1"})"
          "\n";
  const EventStore store = read_jsonl(text);
  CHECK(hub_names(store) == std::vector<std::string>{"", "A", "B"});
  CHECK(store.devices().size() == 3);
}

TEST_CASE("a hub filter keeps only the hubs named, in any case", "[model][hubs]") {
  LogBuilder logs;
  logs.hub("PRODUCTION").connect("dev-0001", at_minutes(0)).drop("dev-0001", at_minutes(10));
  logs.hub("STAGING").connect("dev-0001", at_minutes(0)).connect("dev-0002", at_minutes(1));
  EventStore::Options options;
  options.hubs = {"staging", "nowhere"};
  const EventStore store = read_jsonl(logs.jsonl(), options);
  CHECK(hub_names(store) == std::vector<std::string>{"PRODUCTION", "STAGING"});
  CHECK_FALSE(store.in_scope(0));
  CHECK(store.in_scope(1));
  CHECK(store.devices().size() == 2);
  for (const StoredEvent& event : store.events())
    CHECK(event.hub == 1);
  CHECK(store.stats().out_of_scope == 2);
  CHECK(store.unmatched_hub_filters() == std::vector<std::string>{"nowhere"});
}

TEST_CASE("a Log Analytics row names its hub in Resource or _ResourceId", "[model][hubs]") {
  const std::string csv =
      "TimeGenerated [UTC],Resource,OperationName,Level,ResultType,properties_s\n"
      "2026-11-20T00:00:00Z,HUB-A,deviceConnect,Information,,\"{\"\"deviceId\"\":\"\"d1\"\"}\"\n"
      "2026-11-20T00:00:00Z,HUB-B,deviceConnect,Information,,\"{\"\"deviceId\"\":\"\"d1\"\"}\"\n";
  EventStore store;
  read_stream(std::make_unique<MemorySource>(csv), "export.csv", ReadOptions{}, store);
  store.finalize();
  CHECK(hub_names(store) == std::vector<std::string>{"HUB-A", "HUB-B"});

  const std::string api =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated"},)"
      R"({"name":"_ResourceId"},{"name":"OperationName"},{"name":"properties_s"}],"rows":[)"
      R"(["2026-11-20T00:00:00Z","/subscriptions/x/resourcegroups/rg/providers/)"
      R"(microsoft.devices/iothubs/hub-c","deviceConnect","{\"deviceId\":\"d1\"}"]]}]})";
  EventStore api_store;
  read_stream(std::make_unique<MemorySource>(api), "api.json", ReadOptions{}, api_store);
  api_store.finalize();
  CHECK(hub_names(api_store) == std::vector<std::string>{"hub-c"});
}

}  // namespace
}  // namespace iothub_diag
