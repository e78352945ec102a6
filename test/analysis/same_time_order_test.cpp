// Events of one device logged at the same time (exports often give whole
// seconds) are put in one order, disconnects first, whatever the files say or
// the order they are read in: a reconnect is never put before its drop.
#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

struct NamedFile {
  std::string name;
  std::string text;
};

// Reads the files, in this order, into one finalized store.
EventStore read_files(const std::vector<NamedFile>& files) {
  EventStore store;
  for (const NamedFile& file : files)
    read_stream(std::make_unique<MemorySource>(file.text), file.name, ReadOptions{}, store);
  store.finalize();
  return store;
}

// A device connected at minute 1 whose token drop at minute 66 and reconnect
// share their second; another device keeps the logs going for hours, so a
// device gone after its last drop would be called never-reconnected.
LogBuilder history_until_the_drop() {
  LogBuilder log;
  log.connect("other", at_minutes(0));
  log.connect("dev-1", at_minutes(1));
  return log;
}

void keep_logs_going(LogBuilder& log) {
  for (int hour = 1; hour <= 6; ++hour) {
    log.drop("other", at_minutes(hour * 60.0 + 0.5));
    log.connect("other", at_minutes(hour * 60.0 + 0.6));
  }
}

const Drop& last_drop_of(const Diagnosis& diagnosis, std::string_view device) {
  const Drop* last = nullptr;
  for (const Drop& drop : diagnosis.timelines().drops()) {
    if (diagnosis.store().devices()[drop.device].device_id == device) last = &drop;
  }
  REQUIRE(last != nullptr);
  return *last;
}

std::vector<std::string> never_reconnected(const EventStore& store) {
  const Thresholds thresholds;  // Diagnosis keeps a reference: it must outlive it
  Diagnosis diagnosis(store, thresholds);
  return testing::devices_of(build_report(diagnosis, run_rules(diagnosis)), "never-reconnected");
}

// Each event of the store as (device, time, operation), in the store's order.
std::vector<std::tuple<DeviceIndex, Timestamp, Operation, std::int32_t>> order_of(
    const EventStore& store) {
  std::vector<std::tuple<DeviceIndex, Timestamp, Operation, std::int32_t>> order;
  for (const StoredEvent& event : store.events())
    order.emplace_back(event.device, event.time, event.operation, event.code);
  return order;
}

}  // namespace

TEST_CASE("a reconnect logged in the same second after its drop stays after it", "[analysis]") {
  LogBuilder log = history_until_the_drop();
  log.drop("dev-1", at_minutes(66));
  log.connect("dev-1", at_minutes(66));
  keep_logs_going(log);
  const EventStore store = testing::read_jsonl(log.jsonl());
  const Thresholds thresholds;  // Diagnosis keeps a reference: it must outlive it
  Diagnosis diagnosis(store, thresholds);
  const Drop& drop = last_drop_of(diagnosis, "dev-1");
  REQUIRE(drop.reconnected_at);
  CHECK(*drop.reconnected_at == at_minutes(66));
  CHECK(never_reconnected(store).empty());
}

TEST_CASE("a connect listed before a drop of the same second is not a never-reconnected verdict",
          "[analysis]") {
  // Rows of a query answer or a CSV have no order, and a blob lists records as
  // they arrived: no error verdict is built on which of the two came first.
  LogBuilder log = history_until_the_drop();
  log.drop("dev-1", at_minutes(30));
  log.connect("dev-1", at_minutes(66));
  log.drop("dev-1", at_minutes(66));
  keep_logs_going(log);
  const EventStore store = testing::read_jsonl(log.jsonl());
  CHECK(never_reconnected(store).empty());
}

TEST_CASE(
    "a drop and a connect of one second in two files give the same order in either file "
    "order, and no never-reconnected verdict",
    "[analysis]") {
  LogBuilder first = history_until_the_drop();
  first.drop("dev-1", at_minutes(66));
  keep_logs_going(first);
  LogBuilder second;
  second.connect("dev-1", at_minutes(66));
  const NamedFile a{"a/PT1H.json", first.jsonl()};
  const NamedFile b{"b/PT1H.json", second.jsonl()};
  const EventStore forward = read_files({a, b});
  const EventStore backward = read_files({b, a});
  CHECK(order_of(forward) == order_of(backward));
  CHECK(never_reconnected(forward).empty());
  CHECK(never_reconnected(backward).empty());
}

TEST_CASE(
    "a drop and its reconnect on both sides of a piece boundary, in either order, read "
    "as one file does",
    "[analysis]") {
  for (const std::string_view reconnect_first : {"no", "yes"}) {
    INFO("connect listed first: " << reconnect_first);
    LogBuilder whole = history_until_the_drop();
    LogBuilder first_piece = history_until_the_drop();
    LogBuilder second_piece;
    if (reconnect_first == "yes") {
      whole.connect("dev-1", at_minutes(66)).drop("dev-1", at_minutes(66));
      first_piece.connect("dev-1", at_minutes(66));
      second_piece.drop("dev-1", at_minutes(66));
    } else {
      whole.drop("dev-1", at_minutes(66)).connect("dev-1", at_minutes(66));
      first_piece.drop("dev-1", at_minutes(66));
      second_piece.connect("dev-1", at_minutes(66));
    }
    keep_logs_going(whole);
    keep_logs_going(second_piece);
    const EventStore one = read_files({{"fleet.jsonl", whole.jsonl()}});
    EventStore merged;
    for (const LogBuilder* piece : {&first_piece, &second_piece}) {
      std::unique_ptr<IngestSink> sink = merged.new_piece();
      read_stream(std::make_unique<MemorySource>(piece->jsonl()), "fleet.jsonl", ReadOptions{},
                  *sink);
      merged.merge_piece(*sink, 0);
    }
    merged.finalize();
    CHECK(order_of(one) == order_of(merged));
    CHECK(never_reconnected(one).empty());
  }
}

}  // namespace iothub_diag
