// Hubs read together whose logs end at different times: each hub's verdicts
// and its --since window follow its own logs, not another hub's.
#include <string>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/time_bound.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

// HUB-A's logs cover 6 h: devices that drop at 5 h 50 and reconnect 10 s
// later, except `silent`, whose logs end right after its drop. HUB-B's logs
// go on until 24 h.
std::string two_hubs() {
  LogBuilder log;
  log.hub("HUB-A");
  for (int d = 0; d < 20; ++d) {
    const std::string device = "a-" + std::to_string(d);
    log.connect(device, at_minutes(1 + d * 0.1)).drop(device, at_minutes(350 + d * 0.1));
    log.connect(device, at_minutes(350.2 + d * 0.1));
  }
  log.connect("a-silent", at_minutes(2)).drop("a-silent", at_minutes(359));
  log.hub("HUB-B");
  for (int d = 0; d < 20; ++d) {
    const std::string device = "b-" + std::to_string(d);
    log.connect(device, at_minutes(1 + d * 0.1));
    log.clean_disconnect(device, at_minutes(1430 + d * 0.1));
  }
  return log.jsonl();
}

TEST_CASE("a drop at the end of one hub's logs is not silence until another hub's end", "[rules]") {
  // Before the end of HUB-A's logs, a-silent has been gone one minute: too
  // little to say it never came back, however long HUB-B's logs run on.
  const Report report = testing::analyze_jsonl(two_hubs());
  CHECK(testing::devices_of(report, "never-reconnected").empty());
  REQUIRE(report.hubs.size() == 2);
  CHECK(report.hubs[0].last_record == at_minutes(359));
  CHECK(report.hubs[1].last_record == at_minutes(1430 + 19 * 0.1));
}

TEST_CASE("a duration given to --since counts back from the end of the hubs analyzed", "[model]") {
  EventStore::Options options;
  options.hubs = {"hub-a"};
  options.since = parse_time_bound("1h");
  const EventStore store = testing::read_jsonl(two_hubs(), options);
  // HUB-A's last hour, not HUB-B's: its 20 drops and their reconnects are analyzed.
  REQUIRE(store.stats().since);
  CHECK(*store.stats().since == at_minutes(359 - 60));
  CHECK(store.stats().first_event == at_minutes(359 - 60));
  CHECK(store.stats().last_event == at_minutes(359));
  CHECK(store.stats().ledger_404104.drops == 21);
}

}  // namespace
}  // namespace iothub_diag
