// A store told of events ahead (expect_event) holds what one never told does.
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {
namespace {

Event record(std::string_view hub, std::string_view device, Timestamp time, std::int32_t code) {
  Event event;
  event.time = time;
  event.category = "Connections";
  event.operation_name = code == 0 ? "deviceConnect" : "deviceDisconnect";
  event.operation = code == 0 ? Operation::connect : Operation::disconnect;
  event.level = code == 0 ? Level::information : Level::error;
  event.code = code;
  event.device_id = device;
  event.hub = hub;
  event.protocol = "Mqtt";
  return event;
}

TEST_CASE("a store told of events ahead counts and keeps what a store never told does",
          "[model][hint]") {
  // Two hubs in runs, repeats (some a few records apart, within the hint's reach),
  // modules, and records naming no device.
  std::vector<std::string> ids;
  for (int d = 0; d < 500; ++d)
    ids.push_back("dev-" + std::to_string((d * 37) % 500));
  std::vector<Event> events;
  std::uint64_t state = 7;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string_view hub = (i / 1000) % 2 == 0 ? "HUB-A" : "HUB-B";
    Event event =
        record(hub, ids[next() % ids.size()], static_cast<Timestamp>(next() % 3000) * 1000,
               next() % 3 == 0 ? 0 : 404104);
    if (next() % 20 == 0) event.module_id = "edge-module";
    if (next() % 50 == 0) event.device_id = {};
    events.push_back(event);
    if (next() % 10 == 0) events.push_back(event);
  }
  const Event stranger = record("HUB-Z", "nobody", 5, 404104);

  EventStore plain;
  EventStore told;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const SourceLocation location{"x", i + 1, 0};
    plain.on_event(events[i], location);
    // The events 8 ahead, one of another hub and one never given: hints change nothing.
    if (i + 8 < events.size()) told.expect_event(events[i + 8]);
    told.expect_event(stranger);
    told.on_event(events[i], location);
  }
  plain.finalize();
  told.finalize();

  CHECK(told.stats().records == plain.stats().records);
  CHECK(told.stats().duplicates == plain.stats().duplicates);
  CHECK(plain.stats().duplicates > 1000);
  CHECK(told.stats().codes == plain.stats().codes);
  REQUIRE(told.hubs().size() == plain.hubs().size());
  REQUIRE(told.devices().size() == plain.devices().size());
  for (std::size_t d = 0; d < plain.devices().size(); ++d) {
    CHECK(told.devices()[d].device_id == plain.devices()[d].device_id);
    CHECK(told.devices()[d].module_id == plain.devices()[d].module_id);
  }
  REQUIRE(told.events().size() == plain.events().size());
  for (std::size_t i = 0; i < plain.events().size(); ++i) {
    const StoredEvent& a = told.events()[i];
    const StoredEvent& b = plain.events()[i];
    INFO(i);
    CHECK(std::tie(a.time, a.device, a.code, a.hub, a.operation, a.level) ==
          std::tie(b.time, b.device, b.code, b.hub, b.operation, b.level));
  }
}

}  // namespace
}  // namespace iothub_diag
