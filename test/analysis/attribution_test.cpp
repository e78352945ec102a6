// The attribution stage: every drop gets one cause, decided without building findings.
#include <cmath>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

std::map<DropCause, std::size_t> causes_of(const Diagnosis& diagnosis, std::string_view device) {
  std::map<DropCause, std::size_t> causes;
  const DeviceTimelines& timelines = diagnosis.timelines();
  for (std::uint32_t i = 0; i < timelines.drops().size(); ++i) {
    const DeviceInfo& info = diagnosis.store().devices()[timelines.drops()[i].device];
    if (info.device_id == device) ++causes[diagnosis.attribution().cause[i]];
  }
  return causes;
}

// Devices that connect at half a minute and stay: the fleet around the devices a test looks at.
void quiet_devices(LogBuilder& log, int count) {
  for (int i = 0; i < count; ++i)
    log.connect("quiet-" + std::to_string(i), at_minutes(0.5));
}

// The diagnosis of a log with default thresholds, beside the store and the
// thresholds it refers to.
struct Diagnosed {
  EventStore store;
  Thresholds thresholds;
  Diagnosis diagnosis;

  explicit Diagnosed(const LogBuilder& log)
      : store(testing::read_jsonl(log.jsonl())), diagnosis(store, thresholds) {}
};

// 65-minute token cycles from minute 3, reconnecting 12 s after each drop.
void token_device(LogBuilder& log, const std::string& device, int cycles, const std::string& ip) {
  double connected = 3;
  log.connect(device, at_minutes(connected), ".NET/1.38.0", ip);
  for (int cycle = 0; cycle < cycles; ++cycle) {
    log.drop(device, at_minutes(connected + 65), ip);
    connected += 65.2;
    log.connect(device, at_minutes(connected), ".NET/1.38.0", ip);
  }
}

TEST_CASE("a token-expiry device behind a failed router keeps its own pattern outside the outage",
          "[analysis][attribution]") {
  LogBuilder log;
  for (int i = 0; i < 200; ++i)
    log.connect("quiet-" + std::to_string(i), at_minutes(1));
  const std::string site_ip = "81.2.3.XXX";
  token_device(log, "token-at-site", 10, site_ip);
  for (int i = 0; i < 9; ++i) {
    const std::string device = "site-" + std::to_string(i);
    log.connect(device, at_minutes(2), ".NET/1.38.0", site_ip);
    log.drop(device, at_minutes(300 + i * 0.1), site_ip);
    log.connect(device, at_minutes(330), ".NET/1.38.0", site_ip);
  }
  // The router fails while the token device is connected: it drops with the site.
  log.drop("token-at-site", at_minutes(300.5), site_ip);
  const EventStore store = testing::read_jsonl(log.jsonl());
  const Thresholds thresholds;
  const Diagnosis diagnosis(store, thresholds);
  const Attribution& attribution = diagnosis.attribution();

  REQUIRE(attribution.windows.size() == 1);
  CHECK(attribution.windows.front().kind == WindowKind::site_outage);
  CHECK(attribution.windows.front().devices.size() == 10);
  const auto causes = causes_of(diagnosis, "token-at-site");
  CHECK(causes.at(DropCause::site_outage) == 1);
  CHECK(causes.at(DropCause::token_expiry) >= 8);
  CHECK_FALSE(causes.contains(DropCause::random));

  std::uint64_t sum = 0;
  for (const std::uint64_t count : attribution.drops_by_cause)
    sum += count;
  CHECK(sum == diagnosis.timelines().drops().size());
}

// Drops at the given minutes, each 12 s from its reconnect; `refused` of them
// (the first ones) with a 401003 logged 5 s before. With `connected_before`,
// the device was connected before the logs begin: no connect before the first drop.
void drops_at(LogBuilder& log, const std::string& device, const std::vector<double>& minutes,
              std::size_t refused, bool connected_before = false) {
  if (!connected_before) log.connect(device, at_minutes(1));
  for (std::size_t i = 0; i < minutes.size(); ++i) {
    if (i < refused)
      log.error(device, at_minutes(minutes[i] - 5.0 / 60), codes::kIotHubUnauthorized,
                "deviceDisconnect");
    log.drop(device, at_minutes(minutes[i]));
    log.connect(device, at_minutes(minutes[i] + 0.2));
  }
}

TEST_CASE(
    "drops with a 401003, too few for a token period, join a random pattern but never make "
    "one",
    "[analysis][attribution]") {
  LogBuilder log;
  quiet_devices(log, 20);
  // A day-long token over two days: two cycles, each with its 401003.
  drops_at(log, "day-token", {1441, 2882}, 2);
  // Two drops of which one the hub refused: one random drop is too few.
  drops_at(log, "one-of-two", {200, 1300}, 1);
  // Three drops without a 401003 make a pattern, and the refused one joins it.
  drops_at(log, "joins", {150, 700, 1100, 2000}, 1);
  // As many refusals as a token period needs, at no period: counted as the rest.
  drops_at(log, "refused-often", {100, 500, 1700}, 3);
  // A day-long token over two days, the second cycle's 401003 not logged: its
  // connection lasted as long as the refused one's. With one random drop beside
  // them, nothing is random.
  drops_at(log, "unlogged-refusal", {1441, 2882, 2990}, 1);
  // A day-long token over four days, each drop refused, the first connect before
  // the logs: two known lengths, too few for a period, but they agree.
  drops_at(log, "four-days", {100, 1541, 2982}, 3, true);
  // The same, but the two known lengths disagree: the hub refuses it at random times.
  drops_at(log, "refused-apart", {100, 400, 1500}, 3, true);
  // A day-long token, no 401003 logged, the first connect before the logs: the
  // second drop's connection lasted a day and 5 min, a token's cycle. The same
  // with a connection of 1,300 min: two random drops.
  drops_at(log, "day-unlogged", {300, 1745.2}, 0, true);
  drops_at(log, "day-apart", {300, 1600.2}, 0, true);
  const Diagnosed diagnosed(log);
  REQUIRE(diagnosed.thresholds.min_random_drops == 2);
  REQUIRE(diagnosed.thresholds.min_token_cycles == 3);
  const Diagnosis& diagnosis = diagnosed.diagnosis;

  using Causes = std::map<DropCause, std::size_t>;
  CHECK(causes_of(diagnosis, "day-token") == Causes{{DropCause::too_few, 2}});
  CHECK(causes_of(diagnosis, "one-of-two") == Causes{{DropCause::too_few, 2}});
  CHECK(causes_of(diagnosis, "joins") == Causes{{DropCause::random, 4}});
  CHECK(causes_of(diagnosis, "refused-often") == Causes{{DropCause::random, 3}});
  CHECK(causes_of(diagnosis, "unlogged-refusal") == Causes{{DropCause::too_few, 3}});
  CHECK(causes_of(diagnosis, "four-days") == Causes{{DropCause::too_few, 3}});
  CHECK(causes_of(diagnosis, "refused-apart") == Causes{{DropCause::random, 3}});
  CHECK(causes_of(diagnosis, "day-unlogged") == Causes{{DropCause::too_few, 2}});
  CHECK(causes_of(diagnosis, "day-apart") == Causes{{DropCause::random, 2}});
}

// Ends the connection begun at minute `connected` with a drop `lasted` minutes
// later and reconnects 12 s after it; returns the minute of the reconnect.
double drop_after(LogBuilder& log, const std::string& device, double connected, double lasted) {
  log.drop(device, at_minutes(connected + lasted));
  log.connect(device, at_minutes(connected + lasted + 0.2));
  return connected + lasted + 0.2;
}

// 65-minute cycles within seconds, reconnecting 12 s after each drop, with one
// cycle (the fifth) `late_seconds` longer; then a drop at each of `random_minutes`
// minutes into a connection.
void late_cycle_device(LogBuilder& log, const std::string& device, double late_seconds,
                       const std::vector<double>& random_minutes) {
  double connected = 2;
  log.connect(device, at_minutes(connected));
  for (int cycle = 0; cycle < 10; ++cycle) {
    const double lasted = 65 + (cycle % 3 - 1) * 0.03 + (cycle == 4 ? late_seconds / 60 : 0);
    connected = drop_after(log, device, connected, lasted);
  }
  for (const double minute : random_minutes)
    connected = drop_after(log, device, connected, minute);
}

TEST_CASE("a lone cycle the hub closed late is a token expiry, unless random drops surround it",
          "[analysis][attribution]") {
  LogBuilder log;
  quiet_devices(log, 20);
  late_cycle_device(log, "late-once", 100, {});
  late_cycle_device(log, "late-and-random", 100, {20, 35});
  late_cycle_device(log, "far-off", 400, {});  // past token_late_tolerance_seconds
  const Diagnosed diagnosed(log);
  REQUIRE(diagnosed.thresholds.token_late_tolerance_seconds < 400);
  const Diagnosis& diagnosis = diagnosed.diagnosis;

  using Causes = std::map<DropCause, std::size_t>;
  CHECK(causes_of(diagnosis, "late-once") == Causes{{DropCause::token_expiry, 10}});
  CHECK(causes_of(diagnosis, "late-and-random") ==
        Causes{{DropCause::token_expiry, 9}, {DropCause::random, 3}});
  CHECK(causes_of(diagnosis, "far-off") ==
        Causes{{DropCause::token_expiry, 9}, {DropCause::too_few, 1}});
}

// 65-minute cycles within seconds, reconnecting 12 s after each drop, except
// the fifth, which lasts `fifth` minutes and ends with a 401003 beside its drop.
void refused_cycle_device(LogBuilder& log, const std::string& device, double fifth) {
  double connected = 2;
  log.connect(device, at_minutes(connected));
  for (int cycle = 0; cycle < 10; ++cycle) {
    const double lasted = cycle == 4 ? fifth : 65 + (cycle % 3 - 1) * 0.03;
    if (cycle == 4)
      log.error(device, at_minutes(connected + lasted - 0.1), codes::kIotHubUnauthorized,
                "deviceDisconnect");
    connected = drop_after(log, device, connected, lasted);
  }
}

TEST_CASE(
    "a drop the hub refused off the token period is a token expiry once it outlived the "
    "token's lifetime",
    "[analysis][attribution]") {
  LogBuilder log;
  quiet_devices(log, 20);
  refused_cycle_device(log, "refused-late", 80);   // 15 min past the period
  refused_cycle_device(log, "refused-short", 30);  // shorter than the 60-min lifetime
  const Diagnosed diagnosed(log);
  REQUIRE(diagnosed.thresholds.token_late_tolerance_seconds < 15 * 60);
  REQUIRE(diagnosed.thresholds.token_grace_minutes == 5);
  const Diagnosis& diagnosis = diagnosed.diagnosis;

  using Causes = std::map<DropCause, std::size_t>;
  CHECK(causes_of(diagnosis, "refused-late") == Causes{{DropCause::token_expiry, 10}});
  CHECK(causes_of(diagnosis, "refused-short") ==
        Causes{{DropCause::token_expiry, 9}, {DropCause::too_few, 1}});
}

// Random drops every `gap` minutes lasting 3 to 60 minutes at random, but every
// tenth connection lasts `token` minutes and ends with a 401003 beside its drop.
void busy_mixed_device(LogBuilder& log, const std::string& device, double token,
                       double longest_random) {
  double connected = 1;
  log.connect(device, at_minutes(connected));
  for (int i = 0; i < 50; ++i) {
    const bool cycle = i % 10 == 9;
    const double lasted =
        cycle ? token + (i % 3) * 0.01 : 3 + std::fmod(i * 37.3, longest_random - 3);
    if (cycle)
      log.error(device, at_minutes(connected + lasted - 0.1), codes::kIotHubUnauthorized,
                "deviceDisconnect");
    connected = drop_after(log, device, connected, lasted);
  }
}

TEST_CASE("a token's cycles hidden among many random drops are found by their 401003s",
          "[analysis][attribution]") {
  LogBuilder log;
  quiet_devices(log, 20);
  busy_mixed_device(log, "mixed", 65, 60);
  // A connection that outlived the period refutes a token of that lifetime.
  busy_mixed_device(log, "outlived", 65, 130);
  const Diagnosed diagnosed(log);
  const Diagnosis& diagnosis = diagnosed.diagnosis;

  const auto mixed = causes_of(diagnosis, "mixed");
  CHECK(mixed.at(DropCause::token_expiry) == 5);
  CHECK(mixed.at(DropCause::random) == 45);
  const auto outlived = causes_of(diagnosis, "outlived");
  CHECK_FALSE(outlived.contains(DropCause::token_expiry));
}

TEST_CASE("an incident in one hub claims no drop of the same ids in another hub",
          "[analysis][attribution]") {
  LogBuilder log;
  for (const std::string hub : {"PRODUCTION", "STAGING"}) {
    log.hub(hub);
    for (int i = 0; i < 60; ++i) {
      const std::string device = "dev-" + std::to_string(i);
      log.connect(device, at_minutes(1 + i * 0.01), ".NET/1.38.0",
                  "81.2." + std::to_string(i) + ".XXX");
    }
  }
  log.hub("PRODUCTION");
  for (int i = 0; i < 40; ++i) {
    log.drop("dev-" + std::to_string(i), at_minutes(400 + i * 0.05));
    log.connect("dev-" + std::to_string(i), at_minutes(410 + i * 0.05));
  }
  for (int i = 0; i < 20; ++i)
    log.error("", at_minutes(401 + i * 0.1), 503001, "d2c", "D2CTwinOperations");
  log.hub("STAGING");
  log.drop("dev-1", at_minutes(401)).connect("dev-1", at_minutes(402));

  const EventStore store = testing::read_jsonl(log.jsonl());
  const Thresholds thresholds;
  const Diagnosis diagnosis(store, thresholds);
  const Attribution& attribution = diagnosis.attribution();
  REQUIRE(attribution.windows.size() == 1);
  CHECK(attribution.windows.front().kind == WindowKind::hub_incident);
  CHECK(store.hubs()[attribution.windows.front().burst->hub].name == "PRODUCTION");
  CHECK(attribution.count(DropCause::hub_incident) == 40);
  CHECK(attribution.count(DropCause::too_few) == 1);  // STAGING's dev-1, on its own
}

TEST_CASE("thousands of devices dropping in one minute with no history are a fleet-wide drop",
          "[analysis][attribution]") {
  LogBuilder log;
  for (int i = 0; i < 2000; ++i) {
    const std::string device = "dev-" + std::to_string(i);
    log.connect(device, at_minutes(i * 0.01), ".NET/1.38.0", std::to_string(i) + ".0.0.XXX");
    log.drop(device, at_minutes(60 + i * 0.0004), std::to_string(i) + ".0.0.XXX");
  }
  const EventStore store = testing::read_jsonl(log.jsonl());
  const Thresholds thresholds;
  const Diagnosis diagnosis(store, thresholds);
  REQUIRE(diagnosis.attribution().windows.size() == 1);
  CHECK(diagnosis.attribution().windows.front().kind == WindowKind::fleet_wide_drop);
  CHECK(diagnosis.attribution().count(DropCause::fleet_wide_drop) == 2000);
}

// A token period or an idle period as a tuple, nullopt as the default.
auto period_fields(const std::optional<PeriodEstimate>& period) {
  const PeriodEstimate value = period.value_or(PeriodEstimate{});
  return std::tuple(period.has_value(), value.period, value.spread, value.cycles, value.durations,
                    value.overlong, value.chance_probability);
}

TEST_CASE("the attribution is the same wherever the devices' shares split, on one thread or two",
          "[analysis][attribution]") {
  // A fleet with every device-scoped cause: token cycles, random droppers, too
  // few drops, beside incidents and a site outage that claim drops first. The
  // one pass is the split before the first device, all in the later share.
  simulate::SimulationOptions options;
  options.devices = 600;
  options.hours = 24;
  options.incidents = 2;
  options.site_outages = 1;
  options.seed = 23;
  const std::string text = testing::simulated_jsonl(options);
  const EventStore store = testing::read_jsonl(text);
  const Thresholds thresholds;
  const Diagnosis one(store, thresholds, Sharing{1, 0});
  const Attribution& a = one.attribution();
  REQUIRE(a.cause.size() > 1000);
  CHECK(a.drops_by_cause[static_cast<std::size_t>(DropCause::token_expiry)] > 0);
  CHECK(a.drops_by_cause[static_cast<std::size_t>(DropCause::random)] > 0);
  const auto devices = store.devices().size();
  for (const Sharing& sharing :
       {Sharing{1, devices}, Sharing{2, 0}, Sharing{2, 1}, Sharing{2, devices / 3},
        Sharing{1, devices / 2}, Sharing{2, devices / 2}, Sharing{2, devices - 1},
        Sharing{2, std::nullopt}}) {
    INFO("threads " << sharing.threads << ", split " << sharing.split.value_or(SIZE_MAX));
    const Diagnosis other(store, thresholds, sharing);
    const Attribution& b = other.attribution();
    CHECK(a.cause == b.cause);
    CHECK(a.window == b.window);
    CHECK(a.drops_by_cause == b.drops_by_cause);
    REQUIRE(a.token_period.size() == b.token_period.size());
    for (std::size_t device = 0; device < a.token_period.size(); ++device) {
      CHECK(period_fields(a.token_period[device]) == period_fields(b.token_period[device]));
      CHECK(period_fields(a.idle_period[device]) == period_fields(b.idle_period[device]));
    }
  }
}

}  // namespace
}  // namespace iothub_diag
