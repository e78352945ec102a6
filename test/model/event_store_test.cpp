// What the store counts as the same record twice.
#include <algorithm>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {
namespace {

Event connection_event(std::string_view category, std::string_view description) {
  Event event;
  event.time = 1'700'000'000'000;
  event.category = category;
  event.operation_name = "deviceDisconnect";
  event.operation = Operation::disconnect;
  event.level = Level::error;
  event.code = 404104;
  event.result_description = description;
  event.device_id = "dev-1";
  event.protocol = "Mqtt";
  return event;
}

TEST_CASE("a device's connection event matches its copy from an export with fewer columns",
          "[model][duplicates]") {
  EventStore store;
  const SourceLocation location{"full.jsonl", 1, 0};
  store.on_event(connection_event("Connections", "DeviceConnectionClosedRemotely"), location);
  Event partial = connection_event("", "");  // a displayed-columns CSV without them
  partial.protocol = "";
  partial.level = Level::unknown;
  store.on_event(partial, location);
  CHECK(store.stats().records == 1);
  CHECK(store.stats().duplicates == 1);

  Event later = partial;
  later.time += 1;  // one millisecond later: another drop
  store.on_event(later, location);
  Event other_code = partial;
  other_code.code = 401003;
  store.on_event(other_code, location);
  CHECK(store.stats().records == 3);
}

TEST_CASE("a device keeps what the full record says whichever copy is read first",
          "[model][duplicates]") {
  const SourceLocation location{"x.csv", 2, 0};
  Event full = connection_event("Connections", "DeviceConnectionClosedRemotely");
  full.sdk_version = "azure-iot-device/1.17.3";
  full.masked_ip = "81.2.3.XXX";
  Event partial = connection_event("", "");
  partial.protocol = "";
  for (const bool full_first : {true, false}) {
    INFO("full record first: " << full_first);
    EventStore store;
    store.on_event(full_first ? full : partial, location);
    store.on_event(full_first ? partial : full, location);
    store.finalize();
    CHECK(store.stats().records == 1);
    REQUIRE(store.devices().size() == 1);
    CHECK(store.devices()[0].protocol == "Mqtt");
    CHECK(store.devices()[0].sdk_version == "azure-iot-device/1.17.3");
    CHECK(store.devices()[0].masked_ip == "81.2.3.XXX");
  }
}

TEST_CASE("a back-end call about a device does not lend it the service's SDK, protocol or IP",
          "[model]") {
  const SourceLocation location{"hub.jsonl", 1, 0};
  Event connect = connection_event("Connections", "");
  connect.operation_name = "deviceConnect";
  connect.operation = Operation::connect;
  connect.level = Level::information;
  connect.code = 0;
  connect.sdk_version = "azure-iot-device/1.17.3";
  connect.masked_ip = "81.2.3.XXX";
  for (const std::string_view category :
       {"DirectMethods", "C2DTwinOperations", "c2dcommands", "TwinQueries", "JobsOperations"}) {
    INFO(category);
    EventStore store;
    store.on_event(connect, location);
    Event call = connect;  // later, about the same device, from the service's side
    call.time += 60'000;
    call.category = category;
    call.operation_name = "invoke";
    call.operation = Operation::other;
    call.sdk_version = "2020-09-30";
    call.protocol = "Amqp";
    call.masked_ip = "52.1.1.XXX";
    store.on_event(call, location);
    store.finalize();
    REQUIRE(store.devices().size() == 1);
    CHECK(store.devices()[0].sdk_version == "azure-iot-device/1.17.3");
    CHECK(store.devices()[0].protocol == "Mqtt");
    CHECK(store.devices()[0].masked_ip == "81.2.3.XXX");
    CHECK(store.devices()[0].last_seen == call.time);  // it was still named
  }
  // A device-side category speaks of the device: a later twin update's protocol is kept.
  EventStore store;
  store.on_event(connect, location);
  Event twin = connect;
  twin.time += 60'000;
  twin.category = "D2CTwinOperations";
  twin.operation = Operation::other;
  twin.protocol = "Amqp";
  store.on_event(twin, location);
  store.finalize();
  CHECK(store.devices()[0].protocol == "Amqp");
}

TEST_CASE("a device's attributes outlive the pieces that read them", "[model][pieces]") {
  const SourceLocation location{"hub.jsonl", 1, 0};
  EventStore store;
  store.expect_input_bytes(1 << 20);
  // Three pieces, each read into a store of its own, merged in order, then
  // emptied for the next piece as the parallel read does.
  std::unique_ptr<IngestSink> piece = store.new_piece();
  std::string sdk;  // the reader's buffer, rewritten for every record
  const auto read_piece = [&](Timestamp time, std::string_view sdk_text, std::string_view protocol,
                              std::string_view auth) {
    Event connect = connection_event("Connections", "");
    connect.operation_name = "deviceConnect";
    connect.operation = Operation::connect;
    connect.code = 0;
    connect.time = time;
    sdk.assign(sdk_text);
    connect.sdk_version = sdk;
    connect.protocol = protocol;
    connect.auth_type = auth;
    piece->on_event(connect, location);
    sdk.assign(sdk.size(), '#');
    store.merge_piece(*piece, 0);
  };
  read_piece(1'000, "azure-iot-device/1.17.3 (node v16.14.0; Ubuntu 20.04; x64)", "Mqtt", "sas");
  read_piece(3'000, "iothubclient/1.9.0 (native; Linux; x86_64) with a long tail of text", "Amqp",
             "x509Certificate");
  read_piece(2'000, "an older record read last", "MqttWs", "sas");  // earlier: changes nothing
  read_piece(3'000, "iothubclient/1.9.0 (native; Linux; x86_64) with a long tail of text", "Amqp",
             "x509Certificate");  // the same again
  piece.reset();
  store.finalize();
  REQUIRE(store.devices().size() == 1);
  const DeviceInfo& device = store.devices()[0];
  CHECK(device.sdk_version ==
        "iothubclient/1.9.0 (native; Linux; x86_64) with a long tail of text");
  CHECK(device.protocol == "Amqp");
  CHECK(device.auth_type == "x509Certificate");
  CHECK(device.sdk_version_time == 3'000);
}

TEST_CASE("a device that names a new SDK in every record holds a bounded number of texts",
          "[model][pieces]") {
  const SourceLocation location{"hub.jsonl", 1, 0};
  EventStore store;
  Event connect = connection_event("Connections", "");
  connect.operation_name = "deviceConnect";
  connect.operation = Operation::connect;
  connect.code = 0;
  std::string sdk;
  std::size_t most_held = 0;
  for (int i = 0; i < 50'000; ++i) {
    connect.time = 1'700'000'000'000 + i;
    sdk = "sdk-" + std::to_string(i) + std::string(100, 'x');
    connect.sdk_version = sdk;
    store.on_event(connect, location);
    most_held = std::max(most_held, store.device_texts_held());
  }
  CHECK(most_held <= 6 + 4096 + 1);
  store.finalize();
  REQUIRE(store.devices().size() == 1);
  CHECK(store.devices()[0].sdk_version == "sdk-49999" + std::string(100, 'x'));
  CHECK(store.devices()[0].protocol == "Mqtt");
}

TEST_CASE("records without a device or a connection event match only when every field does",
          "[model][duplicates]") {
  EventStore store;
  const SourceLocation location{"a.jsonl", 1, 0};
  Event route;
  route.time = 1'700'000'000'000;
  route.category = "Routes";
  route.operation_name = "endpointUnhealthy";
  route.level = Level::error;
  store.on_event(route, location);
  Event twin = route;
  twin.category = "D2CTwinOperations";
  store.on_event(twin, location);
  store.on_event(route, location);
  CHECK(store.stats().records == 2);
  CHECK(store.stats().duplicates == 1);
}

}  // namespace
}  // namespace iothub_diag

namespace iothub_diag {

TEST_CASE("a hub's region is the least spelling its records name, whatever the order or pieces",
          "[model]") {
  // With `pieces`, the records go in turn to two stores of pieces, merged in order.
  const auto region_of = [](std::initializer_list<std::string_view> locations, bool pieces) {
    EventStore::Options mergeable;
    mergeable.mergeable = true;
    EventStore first(mergeable);
    EventStore second(mergeable);
    Timestamp time = 1'700'000'000'000;
    for (const std::string_view location : locations) {
      Event event = connection_event("Connections", "DeviceConnectionClosedRemotely");
      event.hub = "HUB-1";
      event.location = location;
      event.time = time++;
      (pieces && time % 2 == 0 ? second : first).on_event(event, SourceLocation{"x", 1, 0});
    }
    EventStore store;
    store.merge(std::move(first));
    store.merge(std::move(second));
    store.finalize();
    REQUIRE(store.hubs().size() == 1);
    return store.hubs().front().region;
  };
  CHECK(region_of({"westeurope", "", "westeurope"}, false) == "westeurope");
  CHECK(region_of({"westeurope", "WestEurope"}, false) == "WestEurope");
  CHECK(region_of({"WestEurope", "westeurope"}, false) == "WestEurope");
  CHECK(region_of({"westeurope", "WestEurope", "westeurope"}, true) == "WestEurope");
  CHECK(region_of({"", ""}, false).empty());
}

}  // namespace iothub_diag
