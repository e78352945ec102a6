// Stores that each read a piece of the input, merged in order, hold what one store reading it all
// holds.
#include <algorithm>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {
namespace {

Event drop(std::string_view device, Timestamp time, Level level = Level::error) {
  Event event;
  event.time = time;
  event.category = "Connections";
  event.operation_name = "deviceDisconnect";
  event.operation = Operation::disconnect;
  event.level = level;
  event.code = 404104;
  event.device_id = device;
  event.hub = "HUB-A";
  return event;
}

Event noise(std::string_view device, Timestamp time) {
  Event event;
  event.time = time;
  event.category = "C2DCommands";
  event.operation_name = "send";
  event.level = Level::information;
  event.device_id = device;
  event.hub = "HUB-A";
  return event;
}

// Feeds `events` (with one skip after the second) to `store`, lines numbered from `first_line`.
void feed(EventStore& store, const std::vector<Event>& events, std::uint64_t first_line) {
  std::uint64_t line = first_line;
  for (const Event& event : events) {
    store.on_event(event, SourceLocation{"x", line++, 0});
    if (line == first_line + 2) store.on_skip(SkipReason::invalid_json, {"x", line++, 0}, {});
  }
}

// A linear congruential generator: the same numbers on every platform.
struct Lcg {
  std::uint64_t state;
  std::uint64_t operator()() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  }
};

// Makes a drop of HUB-A one kind of record: 0 leaves it, 1 makes it a
// connect, 2 a 401003, 3 HUB-B's, 4 a 404104 naming no device (not a drop),
// 5 a 404104 on a connect (not a drop either).
void make_kind(Event& event, std::uint64_t kind) {
  switch (kind) {
    case 1:
      event.operation_name = "deviceConnect";
      event.operation = Operation::connect;
      event.code = 0;
      break;
    case 2:
      event.code = 401003;
      break;
    case 3:
      event.hub = "HUB-B";
      break;
    case 4:
      event.device_id = {};
      break;
    case 5:
      event.operation_name = "deviceConnect";
      event.operation = Operation::connect;
      break;
    default:
      break;
  }
}

bool same_event(const StoredEvent& a, const StoredEvent& b) {
  return std::tie(a.time, a.device, a.code, a.hub, a.operation, a.level) ==
         std::tie(b.time, b.device, b.code, b.hub, b.operation, b.level);
}

TEST_CASE("stores of consecutive pieces merged in order equal one store reading all",
          "[model][merge]") {
  const std::vector<Event> first = {drop("dev-1", 1000, Level::error), noise("dev-1", 1500),
                                    drop("dev-2", 2000)};
  // A repeat of dev-1's drop (another level: the first copy's must stay), of the
  // noise record, and a record of its own.
  const std::vector<Event> second = {drop("dev-1", 1000, Level::warning), noise("dev-1", 1500),
                                     drop("dev-3", 3000), drop("dev-3", 3000)};
  EventStore whole;
  feed(whole, first, 1);
  feed(whole, second, 5);
  whole.finalize();

  EventStore::Options options;
  options.mergeable = true;
  EventStore piece_one(options);
  EventStore piece_two(options);
  feed(piece_one, first, 1);
  feed(piece_two, second, 1);
  EventStore merged;
  merged.merge(std::move(piece_one));
  merged.merge(std::move(piece_two), 4);
  merged.finalize();

  CHECK(merged.stats().records == whole.stats().records);
  CHECK(merged.stats().duplicates == whole.stats().duplicates);
  CHECK(merged.stats().duplicates == 3);
  CHECK(merged.stats().codes == whole.stats().codes);
  CHECK(merged.hubs()[0].records == whole.hubs()[0].records);
  REQUIRE(merged.events().size() == whole.events().size());
  CHECK(merged.events()[0].level == Level::error);
  for (std::size_t i = 0; i < whole.events().size(); ++i) {
    CHECK(merged.events()[i].time == whole.events()[i].time);
    CHECK(merged.events()[i].device == whole.events()[i].device);
  }
  REQUIRE(merged.devices().size() == 3);
  REQUIRE(merged.stats().skip_samples.size() == 2);
  CHECK(merged.stats().skip_samples[0].location() == whole.stats().skip_samples[0].location());
  CHECK(merged.stats().skip_samples[1].location() == "x:7");
  CHECK(whole.stats().skip_samples[1].location() == "x:7");
}

TEST_CASE("a merged piece's devices are found among those the store read itself",
          "[model][merge]") {
  // The piece keeps each identity's hash for the merge; the store made its own
  // from the records it read. dev-1 and the module of dev-2 must each be one row.
  Event module_drop = drop("dev-2", 2500);
  module_drop.module_id = "edgeAgent";
  EventStore store;
  feed(store, {drop("dev-1", 1000), drop("dev-2", 2000), module_drop}, 1);
  EventStore::Options options;
  options.mergeable = true;
  EventStore piece(options);
  Event hub_b = drop("dev-1", 4000);
  hub_b.hub = "hub-b";  // another hub: another identity
  feed(piece, {drop("dev-1", 3000), noise("dev-3", 3500), hub_b, module_drop}, 1);
  store.merge(std::move(piece), 4);
  CHECK(store.devices().size() == 5);
  store.finalize();
  REQUIRE(store.devices().size() == 5);
  CHECK(store.events_of(0).size() == 2);  // HUB-A's dev-1: both drops
}

// Many devices over many pieces, so that the merge's look-ahead and the
// finalize's sorts on two threads do their work; events of one time with every
// operation, code and hub order, so that the runs' order is tested too.
TEST_CASE("many pieces merged, and finalized on one or two threads, equal one store reading all",
          "[model][merge]") {
  std::vector<std::string> ids;
  for (int d = 0; d < 6000; ++d)
    ids.push_back("device-" + std::to_string((d * 7919) % 6000));  // not in name order
  const std::vector<std::string> protocols = {"Mqtt", "Amqp", "MqttWs"};
  std::vector<Event> events;
  Lcg next{12345};
  for (int i = 0; i < 60000; ++i) {
    Event event = drop(ids[next() % ids.size()], static_cast<Timestamp>(next() % 50) * 1000);
    make_kind(event, next() % 4);
    event.protocol = protocols[next() % protocols.size()];
    events.push_back(event);
  }
  EventStore whole;
  feed(whole, events, 1);
  whole.finalize(1);

  EventStore::Options options;
  options.mergeable = true;
  EventStore merged;
  for (std::size_t begin = 0; begin < events.size(); begin += 7000) {
    EventStore piece(options);
    const auto end = std::min(events.size(), begin + 7000);
    feed(piece,
         std::vector<Event>(events.begin() + static_cast<std::ptrdiff_t>(begin),
                            events.begin() + static_cast<std::ptrdiff_t>(end)),
         1);
    merged.merge(std::move(piece));
  }
  merged.finalize(2);

  CHECK(merged.stats().records == whole.stats().records);
  CHECK(merged.stats().duplicates == whole.stats().duplicates);
  CHECK(whole.stats().duplicates > 0);
  REQUIRE(merged.devices().size() == whole.devices().size());
  CHECK(whole.devices().size() > ids.size());  // ids repeat across the hubs
  for (std::size_t d = 0; d < whole.devices().size(); ++d) {
    INFO(d);
    CHECK(merged.devices()[d].hub == whole.devices()[d].hub);
    CHECK(merged.devices()[d].device_id == whole.devices()[d].device_id);
    CHECK(merged.devices()[d].protocol == whole.devices()[d].protocol);
    if (d > 0) {
      const DeviceInfo& a = whole.devices()[d - 1];
      const DeviceInfo& b = whole.devices()[d];
      CHECK(std::tie(a.hub, a.device_id) < std::tie(b.hub, b.device_id));
    }
  }
  REQUIRE(merged.events().size() == whole.events().size());
  for (std::size_t i = 0; i < whole.events().size(); ++i) {
    const StoredEvent& a = merged.events()[i];
    const StoredEvent& b = whole.events()[i];
    INFO(i);
    CHECK(same_event(a, b));
    if (i > 0 && whole.events()[i - 1].device == b.device) {
      const StoredEvent& before = whole.events()[i - 1];
      CHECK(before.time <= b.time);
    }
  }
}

// The finalize's pass over the events drops those out of scope, enters each
// 404104 in the ledger and places the others device-major, in two shares on
// two threads: every count and every event's place must be those of one pass.
TEST_CASE("a store finalized on two threads keeps, counts and orders what one thread does",
          "[model][merge]") {
  EventStore::Options options;
  options.hubs = {"hub-a"};
  options.since = TimeBound{Timestamp{5000}, std::nullopt};
  options.until = TimeBound{Timestamp{45000}, std::nullopt};
  EventStore one(options);
  EventStore two(options);
  Lcg next{99};
  for (int i = 0; i < 40000; ++i) {
    // One device in twenty records is dev-long: its run is hundreds of events
    // long, past the runs an insertion sort takes.
    const std::string id =
        next() % 20 == 0 ? std::string("dev-long") : "dev-" + std::to_string(next() % 3000);
    Event event = drop(id, static_cast<Timestamp>(next() % 50) * 1000);
    make_kind(event, next() % 6);  // HUB-B's are out of scope
    one.on_event(event, SourceLocation{"x", static_cast<std::uint64_t>(i + 1), 0});
    two.on_event(event, SourceLocation{"x", static_cast<std::uint64_t>(i + 1), 0});
  }
  one.finalize(1);
  two.finalize(2);

  const Ledger404104& ledger = one.stats().ledger_404104;
  CHECK(ledger.out_of_scope > 0);
  CHECK(ledger.not_disconnects > 0);
  CHECK(ledger.drops > 0);
  CHECK(two.stats().ledger_404104.out_of_scope == ledger.out_of_scope);
  CHECK(two.stats().ledger_404104.not_disconnects == ledger.not_disconnects);
  CHECK(two.stats().ledger_404104.drops == ledger.drops);
  CHECK(one.stats().out_of_scope > 0);
  CHECK(two.stats().out_of_scope == one.stats().out_of_scope);
  REQUIRE(two.events().size() == one.events().size());
  REQUIRE(one.events().size() > 16384);  // enough for two shares
  const std::vector<DeviceInfo>& devices = one.devices();
  const auto long_device = std::find_if(devices.begin(), devices.end(), [](const DeviceInfo& d) {
    return d.device_id == "dev-long";
  });
  REQUIRE(long_device != devices.end());
  const auto long_index = static_cast<DeviceIndex>(long_device - devices.begin());
  std::size_t long_run = 0;
  bool no_device_seen = false;
  for (std::size_t i = 0; i < one.events().size(); ++i) {
    const StoredEvent& a = one.events()[i];
    const StoredEvent& b = two.events()[i];
    INFO(i);
    CHECK(same_event(a, b));
    CHECK(a.hub == 0);
    CHECK(a.time >= 5000);
    CHECK(a.time <= 45000);
    long_run += a.device == long_index ? 1 : 0;
    // Events naming no device come last.
    if (a.device == kNoDevice) no_device_seen = true;
    CHECK((a.device == kNoDevice || !no_device_seen));
    if (i == 0 || one.events()[i - 1].device != a.device) continue;
    // Within a run: time, then disconnects before connects.
    const StoredEvent& before = one.events()[i - 1];
    CHECK(before.time <= a.time);
    if (before.time == a.time)
      CHECK(!(before.operation == Operation::connect && a.operation == Operation::disconnect));
  }
  CHECK(no_device_seen);
  CHECK(long_run > 64);
  // Each device's run, as events_of() gives it, holds its events and no other's.
  for (const EventStore* store : {&one, &two}) {
    std::size_t in_runs = 0;
    for (DeviceIndex device = 0; device < store->devices().size(); ++device) {
      const std::span<const StoredEvent> run = store->events_of(device);
      CHECK(std::all_of(run.begin(), run.end(),
                        [device](const StoredEvent& event) { return event.device == device; }));
      in_runs += run.size();
    }
    CHECK(in_runs == static_cast<std::size_t>(std::count_if(
                         store->events().begin(), store->events().end(),
                         [](const StoredEvent& event) { return event.device != kNoDevice; })));
  }
}

// Devices are numbered in (hub, id, module) order, the bytes of an id compared
// unsigned: ids that share their first 16 bytes, bytes over 0x7f, a zero byte,
// an id that is a prefix of another, and modules.
TEST_CASE("devices are numbered in hub, id and module order, on one thread or two",
          "[model][merge]") {
  const std::vector<std::string> stems = {"building-7-floor-3-sensor-",
                                          "dev-",
                                          "\xc3\xa9t\xc3\xa9-",
                                          std::string("nul\0", 4),
                                          "",
                                          "\x7f",
                                          "\x80"};
  // Events view their ids: the ids are all made before any event.
  std::vector<std::string> ids;
  for (int i = 0; i < 20000; ++i) {
    ids.push_back(stems[static_cast<std::size_t>(i) % stems.size()] +
                  std::to_string((i * 7919) % 20000));
  }
  std::vector<std::string> prefixes;  // an id without its last byte: another device
  for (std::size_t i = 0; i < ids.size(); i += 7)
    prefixes.push_back(ids[i].substr(0, ids[i].size() - 1));
  std::vector<Event> events;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Event event = drop(ids[i], static_cast<Timestamp>(1000 + i));
    if (i % 5 == 0) event.module_id = i % 10 == 0 ? "edgeAgent" : "edgeHub";
    if (i % 3 == 0) event.hub = "HUB-B";
    events.push_back(event);
  }
  for (const std::string& prefix : prefixes)
    events.push_back(drop(prefix, 500));
  for (const unsigned threads : {1u, 2u}) {
    INFO("threads " << threads);
    EventStore store;
    feed(store, events, 1);
    store.finalize(threads);
    const std::vector<DeviceInfo>& devices = store.devices();
    REQUIRE(devices.size() > 16384);  // enough for the sort on two threads
    for (std::size_t d = 1; d < devices.size(); ++d) {
      const DeviceInfo& a = devices[d - 1];
      const DeviceInfo& b = devices[d];
      INFO(d);
      CHECK(std::tie(a.hub, a.device_id, a.module_id) < std::tie(b.hub, b.device_id, b.module_id));
    }
    // Every event still names its own device.
    for (const StoredEvent& event : store.events()) {
      REQUIRE(event.device != kNoDevice);
      CHECK(devices[event.device].hub == event.hub);
    }
  }
}

TEST_CASE("a merge keeps only the first skip samples, in piece order", "[model][merge]") {
  EventStore::Options options;
  options.mergeable = true;
  options.max_skip_samples = 3;
  EventStore::Options merged_options;
  merged_options.max_skip_samples = 3;
  EventStore merged(merged_options);
  for (std::uint64_t piece = 0; piece < 3; ++piece) {
    EventStore store(options);
    for (std::uint64_t line = 1; line <= 2; ++line)
      store.on_skip(SkipReason::invalid_json, {"x", line, 0}, {});
    merged.merge(std::move(store), piece * 10);
  }
  CHECK(merged.stats().skipped == 6);
  REQUIRE(merged.stats().skip_samples.size() == 3);
  CHECK(merged.stats().skip_samples[2].location() == "x:11");
}

}  // namespace
}  // namespace iothub_diag
