// never-reconnected and the silences it must not take for a device gone: a
// lost reconnect after a last drop in an export that lost connection records,
// and a device that has been away as long before and came back; and what it
// says of a last drop a fleet event took.
#include <algorithm>
#include <string>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

// `count` devices that drop every 30 minutes for 10 hours and reconnect 10 s
// later, except that every `lost_every`-th reconnect record is missing (0: none).
void lossy_fleet(LogBuilder& log, int count, int lost_every) {
  int reconnect = 0;
  for (int d = 0; d < count; ++d) {
    const std::string device = "busy-" + std::to_string(d);
    log.connect(device, at_minutes(1 + d * 0.01));
    for (int k = 1; k <= 20; ++k) {
      const double drop = k * 30 + d * 0.01;
      log.drop(device, at_minutes(drop));
      if (lost_every == 0 || ++reconnect % lost_every != 0)
        log.connect(device, at_minutes(drop + 10.0 / 60));
    }
  }
}

// Devices that dropped once, at 2 h, and reconnected for the rest of the logs (10 h).
void settled_devices(LogBuilder& log, int count) {
  for (int d = 0; d < count; ++d) {
    const std::string device = "settled-" + std::to_string(d);
    log.connect(device, at_minutes(2 + d * 0.01)).drop(device, at_minutes(120 + d * 0.01));
    log.connect(device, at_minutes(120.2 + d * 0.01));
  }
}

// Devices whose one drop, at 2 h, is followed by silence until the logs end (10 h).
void silent_devices(LogBuilder& log, int count) {
  for (int d = 0; d < count; ++d) {
    const std::string device = "silent-" + std::to_string(d);
    log.connect(device, at_minutes(2 + d * 0.01)).drop(device, at_minutes(120 + d * 0.01));
  }
}

TEST_CASE("drops with no reconnect before the next drop measure the lost records",
          "[analysis][rules]") {
  LogBuilder log;
  lossy_fleet(log, 10, 7);
  const EventStore store = testing::read_jsonl(log.jsonl());
  const Thresholds thresholds;
  const Diagnosis diagnosis(store, thresholds);
  // 10 devices x 19 drops followed by another. One reconnect in 7 is lost, 28 of
  // 200; one of them (the 140th) follows a device's last drop, which no drop follows.
  CHECK(diagnosis.record_loss().drops_followed == 190);
  CHECK(diagnosis.record_loss().reconnects_missing == 27);
}

TEST_CASE("silent devices that the export's loss explains are not called never reconnected",
          "[rules]") {
  // 10 % of reconnects lost: of 40 devices whose last drop is hours old, about 4
  // would look silent though they came back. Two silent devices are within that.
  LogBuilder lossy;
  lossy_fleet(lossy, 60, 10);
  settled_devices(lossy, 40);
  silent_devices(lossy, 2);
  const Report report = testing::analyze_jsonl(lossy.jsonl());
  CHECK(testing::devices_of(report, "never-reconnected").empty());
  bool noted = false;
  for (const Message& note : report.notes)
    noted = noted || english_text(note).starts_with("The export lost connection records");
  CHECK(noted);

  LogBuilder many;
  lossy_fleet(many, 60, 10);
  settled_devices(many, 40);
  silent_devices(many, 30);  // far more than the loss explains
  CHECK(testing::devices_of(testing::analyze_jsonl(many.jsonl()), "never-reconnected").size() ==
        30);

  LogBuilder clean;
  lossy_fleet(clean, 60, 0);  // nothing lost: one silent device is told
  settled_devices(clean, 40);
  silent_devices(clean, 1);
  const Report told = testing::analyze_jsonl(clean.jsonl());
  CHECK(testing::devices_of(told, "never-reconnected") == std::vector<std::string>{"silent-0"});
  for (const Message& note : told.notes)
    CHECK_FALSE(english_text(note).starts_with("The export lost connection records"));
}

// Devices that dropped once, each at its own time (one every 9 minutes from
// minute 100, so that no burst forms), and reconnected 20 s later, or (`silent`)
// were not heard from again.
void scattered_devices(LogBuilder& log, const std::string& name, int count, bool silent) {
  for (int d = 0; d < count; ++d) {
    const std::string device = name + std::to_string(d);
    const double drop = 100 + d * 9 + (silent ? 4 : 0);
    log.connect(device, at_minutes(2 + d * 0.01)).drop(device, at_minutes(drop));
    if (!silent) log.connect(device, at_minutes(drop + 20.0 / 60));
  }
}

// Devices whose SAS token expires every 65 minutes from minute 3: each cycle a
// 404104 with its 401003 a second later, and a reconnect 20 s after. After
// `cycles` expiries the device is not heard from again.
void token_devices_gone(LogBuilder& log, int count, int cycles) {
  for (int d = 0; d < count; ++d) {
    const std::string device = "token-" + std::to_string(d);
    const double start = 3 + d * 0.01;
    log.connect(device, at_minutes(start));
    for (int k = 1; k <= cycles; ++k) {
      const double expiry = start + k * 65;
      log.drop(device, at_minutes(expiry))
          .error(device, at_minutes(expiry + 1.0 / 60), 401003, "deviceDisconnect");
      if (k < cycles) log.connect(device, at_minutes(expiry + 20.0 / 60));
    }
  }
}

TEST_CASE(
    "a token device silent for two of its cycles past the minimum is called never reconnected "
    "whatever the loss",
    "[rules]") {
  // One reconnect in 10 lost: of 40 devices whose last drop is hours old, each at
  // its own time, about 4 would look silent though they came back. Two silent
  // devices without a cycle are within that, and are not named.
  LogBuilder log;
  lossy_fleet(log, 60, 10);
  scattered_devices(log, "settled-", 40, false);
  scattered_devices(log, "silent-", 2, true);
  // Gone at their fifth expiry (minute 328), silent for 272 minutes until the logs
  // end: past the minimum silence (120) and two cycles (130). Back within the
  // minimum, a device would have dropped twice since, and reconnected.
  token_devices_gone(log, 2, 5);
  const Report report = testing::analyze_jsonl(log.jsonl());
  const std::vector<std::string> expiring = testing::devices_of(report, "sas-token-expiry");
  CHECK(std::count(expiring.begin(), expiring.end(), "token-0") == 1);
  CHECK(std::count(expiring.begin(), expiring.end(), "token-1") == 1);
  CHECK(testing::devices_of(report, "never-reconnected") ==
        std::vector<std::string>{"token-0", "token-1"});

  // Gone at the sixth (minute 393), silent for 207 minutes: past the minimum and
  // one cycle, which a slow return or a lost reconnect besides the next cycle's
  // records can still explain.
  LogBuilder recent;
  lossy_fleet(recent, 60, 10);
  scattered_devices(recent, "settled-", 40, false);
  token_devices_gone(recent, 2, 6);
  CHECK(testing::devices_of(testing::analyze_jsonl(recent.jsonl()), "never-reconnected").empty());
}

TEST_CASE("silent devices whose last drop a fleet event took are weighed apart from the others",
          "[rules]") {
  // One reconnect in 10 lost. 200 devices drop together at minute 300 and 12 of
  // them look gone, their reconnects lost; 5 devices gone on their own time
  // beside 10 that came back, outside any fleet event. Weighed together (215 old
  // enough, 21.5 explained, so 43 needed) none of the 17 would be named; weighed
  // apart, the 12 are within twice what the loss explains among the 200 (20), and
  // the 5 are past it among the 15 (1.5, and 5 or more by chance 1 time in 50).
  LogBuilder log;
  lossy_fleet(log, 60, 10);
  settled_devices(log, 10);
  silent_devices(log, 5);
  for (int d = 0; d < 200; ++d) {
    const std::string device = "together-" + std::to_string(d);
    const std::string ip = fmt::format("81.2.{}.XXX", d);  // each on its own network
    log.connect(device, at_minutes(1 + d * 0.005), ".NET/1.38.0", ip)
        .drop(device, at_minutes(300 + d * 0.005), ip);
    if (d % 17 != 0) log.connect(device, at_minutes(301 + d * 0.005), ".NET/1.38.0", ip);
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  REQUIRE(testing::windows_of(report, "fleet-wide-drop") == 1);
  CHECK(testing::devices_of(report, "never-reconnected") ==
        std::vector<std::string>{"silent-0", "silent-1", "silent-2", "silent-3", "silent-4"});
}

TEST_CASE(
    "silent devices are weighed against every device whose last drop is as old, "
    "whether it reconnected or not",
    "[rules]") {
  // One reconnect in 10 lost. 45 devices connect at minute 1, restart cleanly at
  // minute 200 and drop once, each at its own time from minute 300; 40 reconnect,
  // 5 do not. About 4.5 of the 45 would look silent by the loss alone: the 5 are
  // within twice that. Counted with their reconnect, the 40 would have had a usual
  // gap of 199 minutes and been left out of the count (4 x 199 is longer than
  // their silence), leaving the 5 weighed against themselves.
  LogBuilder log;
  lossy_fleet(log, 60, 10);
  for (int d = 0; d < 45; ++d) {
    const std::string device = "restarted-" + std::to_string(d);
    const double drop = 300 + d * 2;
    log.connect(device, at_minutes(1 + d * 0.01))
        .clean_disconnect(device, at_minutes(200 + d * 0.01))
        .connect(device, at_minutes(200.5 + d * 0.01))
        .drop(device, at_minutes(drop));
    if (d % 9 != 0) log.connect(device, at_minutes(drop + 20.0 / 60));
  }
  CHECK(testing::devices_of(testing::analyze_jsonl(log.jsonl()), "never-reconnected").empty());
}

// `count` devices seen only in Event Grid, connected from minute 1, that drop
// every 30 minutes for 10 hours and are back 5 minutes later, each state its own
// snapshot. In even cycles they also drop and come back within one snapshot a
// quarter hour later (a connect published again). The connect 5 minutes after
// cycle k's drop is lost when `lost(device, k)`. The devices' cycles are spread
// over the half hour, so that the logs never fall silent for long (a gap).
template <class Lost>
void lossy_grid_fleet(LogBuilder& log, int count, const Lost& lost) {
  for (int d = 0; d < count; ++d) {
    const std::string device = "grid-" + std::to_string(d);
    const double offset = (d % 10) * 2.9 + d * 0.01;
    log.grid_event(device, at_minutes(1 + offset), true);
    for (int k = 1; k <= 20; ++k) {
      log.grid_event(device, at_minutes(30 * k + offset), false);
      if (!lost(d, k)) log.grid_event(device, at_minutes(30 * k + 5 + offset), true);
      if (k % 2 == 0) log.grid_event(device, at_minutes(30 * k + 15 + offset), true);
    }
  }
}

// Devices seen only in Event Grid that dropped once, at 2 h, and were back for
// the rest of the logs (10 h), or (`silent`) were not heard from again.
void grid_devices_dropped_once(LogBuilder& log, const std::string& name, int count, bool silent) {
  for (int d = 0; d < count; ++d) {
    const std::string device = name + std::to_string(d);
    log.grid_event(device, at_minutes(2 + d * 0.01), true);
    log.grid_event(device, at_minutes(120 + d * 0.01), false);
    if (!silent) log.grid_event(device, at_minutes(125 + d * 0.01), true);
  }
}

TEST_CASE("disconnect snapshots followed by another disconnect long after measure lost connects",
          "[analysis][rules][eventgrid]") {
  LogBuilder log;
  // Each device loses the connect after its drops of cycles 3 and 4. Cycle 3's
  // shows: its drop is followed by the next one, 30 minutes later. Cycle 4's does
  // not: the connect published again at 4 h 15 min follows its drop.
  lossy_grid_fleet(log, 10, [](int, int cycle) { return cycle == 3 || cycle == 4; });
  const EventStore store = testing::read_jsonl(log.jsonl());
  const Thresholds thresholds;
  const Diagnosis diagnosis(store, thresholds);
  const RecordLoss& loss = diagnosis.snapshot_loss();
  // Per device, 20 snapshots follow disconnects, one of them a disconnect 30
  // minutes later. Of the snapshots after the connects that follow a drop, those
  // of the odd cycles but the third are disconnects (9), those of the even cycles
  // but the fourth the connects a quarter hour later (9); in the fourth, the
  // connect published again follows the drop, and a disconnect follows it (1).
  CHECK(loss.drops_followed == 200);
  CHECK(loss.reconnects_missing == 10);
  CHECK(loss.shown_share == Approx(100.0 / 190.0));
  CHECK(loss.share() == Approx(10.0 / 200.0 / (100.0 / 190.0)));
  // The resource logs' count is apart.
  CHECK(diagnosis.record_loss().drops_followed == 0);
}

TEST_CASE(
    "silent Event Grid devices that the lost connects explain are not called never "
    "reconnected",
    "[rules][eventgrid]") {
  // One connect in 7 lost after a drop: of 40 devices whose last drop is hours
  // old, about 6 would look silent though they came back. Two are within that.
  int lost_count = 0;
  const auto one_in_seven = [&lost_count](int, int) { return ++lost_count % 7 == 0; };
  LogBuilder lossy;
  lossy_grid_fleet(lossy, 60, one_in_seven);
  grid_devices_dropped_once(lossy, "settled-", 40, false);
  grid_devices_dropped_once(lossy, "silent-", 2, true);
  const Report report = testing::analyze_jsonl(lossy.jsonl());
  CHECK(testing::devices_of(report, "never-reconnected").empty());
  bool noted = false;
  for (const Message& note : report.notes)
    noted = noted || note.id == MessageId::snapshot_loss;
  CHECK(noted);

  LogBuilder many;
  lossy_grid_fleet(many, 60, one_in_seven);
  grid_devices_dropped_once(many, "settled-", 40, false);
  grid_devices_dropped_once(many, "silent-", 30, true);  // far more than the loss explains
  CHECK(testing::devices_of(testing::analyze_jsonl(many.jsonl()), "never-reconnected").size() ==
        30);

  LogBuilder clean;
  lossy_grid_fleet(clean, 60, [](int, int) { return false; });  // nothing lost
  grid_devices_dropped_once(clean, "settled-", 40, false);
  grid_devices_dropped_once(clean, "silent-", 1, true);
  const Report told = testing::analyze_jsonl(clean.jsonl());
  CHECK(testing::devices_of(told, "never-reconnected") == std::vector<std::string>{"silent-0"});
  for (const Message& note : told.notes)
    CHECK(note.id != MessageId::snapshot_loss);
}

// A device that drops every 4 to 6 minutes from minute 5 and reconnects 20 s
// later (an app in a crash loop), except that after its drop at minute 100 it
// comes back `away` minutes later; its last drop, at `last`, has no reconnect.
void away_before(LogBuilder& log, const std::string& device, double away, double last) {
  log.connect(device, at_minutes(1));
  const auto loop = [&](double from, double to) {
    for (int k = 0; from < to; from += 4 + k++ % 3)
      log.drop(device, at_minutes(from)).connect(device, at_minutes(from + 1.0 / 3));
  };
  loop(5, 100);
  log.drop(device, at_minutes(100)).connect(device, at_minutes(100 + away));
  loop(100 + away + 5, last);
  log.drop(device, at_minutes(last));
}

TEST_CASE("a device silent no longer than it has been away before is not called never reconnected",
          "[rules]") {
  LogBuilder log;
  away_before(log, "back-before", 180, 450);  // silent 150 min, away 180 min before
  away_before(log, "gone", 120, 400);         // silent 200 min, away 120 min before
  // Devices that log steadily to minute 600, so that the logs have no gap.
  for (int d = 0; d < 3; ++d) {
    const std::string device = "steady-" + std::to_string(d);
    for (double minute = 2 + d; minute <= 600; minute += 5)
      log.connect(device, at_minutes(minute)).clean_disconnect(device, at_minutes(minute + 4));
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "never-reconnected") == std::vector<std::string>{"gone"});
}

// The text of the evidence `key` of `device`'s item in `rule`'s finding.
std::string text_of(const Report& report, std::string_view rule, std::string_view device,
                    std::string_view key) {
  for (const Finding& finding : report.findings) {
    if (finding.rule->id != rule) continue;
    for (const FindingItem& item : finding.devices) {
      if (std::get<std::string>(item.evidence.front().value) != device) continue;
      for (const Evidence& evidence : item.evidence) {
        if (evidence.key() == key) return std::get<std::string>(evidence.value);
      }
    }
  }
  return "(none)";
}

TEST_CASE("a device gone since a site outage is named with the outage as its last drop's cause",
          "[rules]") {
  LogBuilder log;
  // 30 devices, each behind its own address, connected all along (to minute 1200).
  for (int d = 0; d < 30; ++d) {
    const std::string device = fmt::format("steady-{}", d);
    const std::string ip = fmt::format("81.2.{}.XXX", d);
    for (double minute = 2 + d * 0.1; minute <= 1200; minute += 60)
      log.connect(device, at_minutes(minute), ".NET/1.38.0", ip)
          .clean_disconnect(device, at_minutes(minute + 59));
  }
  // A site of 10 behind one address loses its uplink at minute 600; 3 never come back.
  for (int d = 0; d < 10; ++d) {
    const std::string device = fmt::format("site-{}", d);
    log.connect(device, at_minutes(3 + d * 0.1), ".NET/1.38.0", "62.1.1.XXX");
    log.drop(device, at_minutes(600 + d * 0.2), "62.1.1.XXX");
    if (d >= 3) log.connect(device, at_minutes(640 + d * 0.1), ".NET/1.38.0", "62.1.1.XXX");
  }
  // One device alone drops at minute 300 and is not heard from again.
  log.connect("alone", at_minutes(4), ".NET/1.38.0", "90.9.9.XXX")
      .drop("alone", at_minutes(300), "90.9.9.XXX");
  const Report report = testing::analyze_jsonl(log.jsonl());
  REQUIRE(testing::windows_of(report, "site-network-outage") == 1);
  CHECK(testing::devices_of(report, "never-reconnected") ==
        std::vector<std::string>{"alone", "site-0", "site-1", "site-2"});
  CHECK(text_of(report, "never-reconnected", "site-1", "last_drop_cause") == "site-network-outage");
  CHECK(text_of(report, "never-reconnected", "alone", "last_drop_cause") == "isolated-drops");
  const auto notes = [](const Report& r) {
    for (const Finding& finding : r.findings) {
      if (finding.rule->id == "never-reconnected") return finding.notes;
    }
    return std::vector<Message>{};
  };
  REQUIRE(notes(report).size() == 1);
  CHECK_THAT(english_text(notes(report).front()),
             Catch::StartsWith("3 of these devices dropped for the last time inside a fleet "
                               "event") &&
                 Catch::Contains("--query connectionState"));
}

}  // namespace
}  // namespace iothub_diag
