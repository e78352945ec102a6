#include <algorithm>
#include <cmath>
#include <random>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/analysis/periodicity.hpp>

namespace iothub_diag {
namespace {

std::vector<Timestamp> minutes(std::initializer_list<double> values) {
  std::vector<Timestamp> out;
  for (const double v : values)
    out.push_back(static_cast<Timestamp>(v * kMillisPerMinute));
  return out;
}

}  // namespace

TEST_CASE("durations clustered at 65 minutes are periodic", "[analysis]") {
  const Thresholds thresholds;
  const auto estimate =
      estimate_period(minutes({65.1, 64.9, 65.0, 65.05, 65.2, 64.95}), thresholds);
  REQUIRE(estimate);
  CHECK(estimate->cycles == 6);
  CHECK(estimate->period == Approx(65 * kMillisPerMinute).margin(10 * kMillisPerSecond));
  CHECK(is_periodic(*estimate, thresholds));
}

TEST_CASE("interruptions shorter than the period do not hide the cycle", "[analysis]") {
  const Thresholds thresholds;
  const auto estimate = estimate_period(minutes({65, 12, 65.1, 40, 64.9, 3, 65}), thresholds);
  REQUIRE(estimate);
  CHECK(estimate->cycles == 4);
  CHECK(is_periodic(*estimate, thresholds));
}

TEST_CASE("a connection that outlived the period refutes token expiry", "[analysis]") {
  const Thresholds thresholds;
  const auto estimate = estimate_period(minutes({65, 65.1, 64.9, 200, 310, 95}), thresholds);
  REQUIRE(estimate);
  CHECK(estimate->overlong == 3);
  CHECK_FALSE(is_periodic(*estimate, thresholds));
}

TEST_CASE("a lost disconnect that doubles a cycle still fits the period", "[analysis]") {
  const Thresholds thresholds;
  const auto estimate = estimate_period(minutes({65, 65.1, 64.9, 130.05, 65}), thresholds);
  REQUIRE(estimate);
  CHECK(estimate->overlong == 0);
  CHECK(is_periodic(*estimate, thresholds));
}

TEST_CASE("the spread is the cycles' median distance from the period, sorted or not",
          "[analysis]") {
  // Cycles within seconds of 65 minutes all fall in the period's window, so the
  // spread is the median of every duration's distance from their median.
  const Thresholds thresholds;
  std::mt19937_64 random(7);
  std::uniform_int_distribution<Timestamp> jitter(-20 * kMillisPerSecond, 20 * kMillisPerSecond);
  for (std::size_t count = 2; count <= 40; ++count) {
    std::vector<Timestamp> durations(count);
    for (Timestamp& duration : durations)
      duration = 65 * kMillisPerMinute + jitter(random);
    std::vector<Timestamp> sorted = durations;
    std::sort(sorted.begin(), sorted.end());
    const auto median = [](const std::vector<Timestamp>& values) {
      const std::size_t n = values.size();
      return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    };
    const Timestamp period = median(sorted);
    std::vector<Timestamp> distances(sorted.size());
    std::transform(sorted.begin(), sorted.end(), distances.begin(),
                   [period](Timestamp d) { return std::llabs(d - period); });
    std::sort(distances.begin(), distances.end());

    const auto estimate = estimate_period(durations, thresholds);
    REQUIRE(estimate);
    CHECK(estimate->cycles == count);
    CHECK(estimate->period == period);
    CHECK(estimate->spread == median(distances));
    std::vector<Timestamp> in_place = durations;
    const auto same = estimate_period_in_place(in_place, thresholds);
    REQUIRE(same);
    CHECK(same->spread == estimate->spread);
    CHECK(same->period == estimate->period);
    CHECK(in_place == sorted);
  }
}

TEST_CASE("random durations are rarely taken for a period", "[analysis]") {
  const Thresholds thresholds;
  std::mt19937_64 random(42);
  std::exponential_distribution<double> gap(1.0 / 90);  // a drop every 90 minutes on average
  int periodic = 0;
  for (int device = 0; device < 200; ++device) {
    std::vector<Timestamp> durations;
    for (int i = 0; i < 16; ++i)
      durations.push_back(static_cast<Timestamp>(gap(random) * kMillisPerMinute));
    const auto estimate = estimate_period(durations, thresholds);
    if (estimate && is_periodic(*estimate, thresholds)) ++periodic;
  }
  CHECK(periodic <= 2);
}

TEST_CASE("poisson tail matches known values", "[analysis]") {
  CHECK(poisson_tail(1.0, 0) == 1.0);
  CHECK(poisson_tail(1.0, 1) == Approx(1 - std::exp(-1.0)));
  CHECK(poisson_tail(2.0, 3) == Approx(0.3233235838).epsilon(1e-6));
}

}  // namespace iothub_diag

namespace iothub_diag {

TEST_CASE("poisson tail stays right for large means", "[analysis]") {
  CHECK(poisson_tail(800.0, 3) == Approx(1.0));
  CHECK(poisson_tail(300.0, 50) == Approx(1.0));
  CHECK(poisson_tail(0.01, 3) == Approx(1.6542e-7).epsilon(1e-3));
}

namespace {

// Every term in log space, summed one by one: slow, and the definition.
double poisson_tail_by_terms(double lambda, std::size_t k) {
  const auto term = [lambda](std::size_t i) {
    const auto n = static_cast<double>(i);
    return std::exp(n * std::log(lambda) - lambda - std::lgamma(n + 1));
  };
  if (static_cast<double>(k) <= lambda) {
    double head = 0;
    for (std::size_t i = 0; i < k; ++i)
      head += term(i);
    return std::clamp(1.0 - head, 0.0, 1.0);
  }
  double sum = 0;
  for (std::size_t i = k; i < k + 2000; ++i)
    sum += term(i);
  return std::min(1.0, sum);
}

}  // namespace

TEST_CASE("poisson tail agrees with the sum of its terms", "[analysis]") {
  for (const double lambda : {0.001, 0.3, 1.0, 2.5, 7.0, 40.0, 150.0, 700.0, 900.0}) {
    for (const std::size_t k :
         {1u, 2u, 3u, 5u, 8u, 13u, 40u, 100u, 160u, 300u, 690u, 720u, 1000u, 1500u}) {
      CAPTURE(lambda, k);
      const double expected = poisson_tail_by_terms(lambda, k);
      const double got = poisson_tail(lambda, k);
      if (expected < 1e-300) {
        CHECK(got < 1e-290);
      } else {
        CHECK(got == Approx(expected).epsilon(1e-9).margin(1e-15));
      }
    }
  }
}

}  // namespace iothub_diag

namespace iothub_diag {
namespace {

// `count` connect-to-drop durations of a device that drops at random,
// `per_day` times a day on average: exponential, as a random drop ends a
// connection at any moment with the same chance.
std::vector<Timestamp> random_durations(std::size_t count, double per_day, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::exponential_distribution<double> duration(per_day / (24 * 60));
  std::vector<Timestamp> durations;
  for (std::size_t i = 0; i < count; ++i)
    durations.push_back(static_cast<Timestamp>(duration(random) * kMillisPerMinute));
  return durations;
}

}  // namespace

TEST_CASE("thousands of random drops are not taken for a token period", "[analysis]") {
  // Among thousands of durations some cycle-sized window is always crowded:
  // the chance probability must account for it, whatever the drop rate.
  const Thresholds thresholds;
  for (const double per_day : {4.0, 12.0, 34.0, 100.0, 300.0}) {
    for (const std::uint64_t seed : {1U, 2U, 3U}) {
      INFO(per_day << " drops a day, seed " << seed);
      const auto estimate = estimate_period(random_durations(2000, per_day, seed), thresholds);
      REQUIRE(estimate);
      // Not by chance: the crowded window is as likely as random drops make it.
      CHECK(estimate->chance_probability > thresholds.max_chance_probability);
      // Nor by its cycles: random connections outlive the period.
      CHECK(estimate->overlong > estimate->cycles);
      CHECK_FALSE(is_periodic(*estimate, thresholds));
    }
  }
}

TEST_CASE("a token period still shows through thousands of random drops", "[analysis]") {
  // A device whose tokens expire every 65 minutes, but one connection in
  // three ends earlier at random: the cycles stand out of the random durations.
  const Thresholds thresholds;
  std::vector<Timestamp> durations = random_durations(1400, 34, 9);
  std::erase_if(durations, [](Timestamp d) { return d >= 65 * kMillisPerMinute; });
  std::mt19937_64 random(10);
  std::normal_distribution<double> jitter(0, 10);
  for (int i = 0; i < 600; ++i)
    durations.push_back(static_cast<Timestamp>((65 * 60 + jitter(random)) * kMillisPerSecond));
  const auto estimate = estimate_period(durations, thresholds);
  REQUIRE(estimate);
  CHECK(estimate->period == Approx(65 * kMillisPerMinute).margin(20 * kMillisPerSecond));
  CHECK(is_periodic(*estimate, thresholds));
}

}  // namespace iothub_diag

namespace iothub_diag {

TEST_CASE("a device with two thousand random drops is a random dropper, not a token device",
          "[analysis]") {
  std::mt19937_64 random(2000);
  std::exponential_distribution<double> gap(34.0 / (24 * 60));  // minutes between drops
  std::uniform_real_distribution<double> reconnect(0.1, 0.7);
  testing::LogBuilder log;
  double minute = 0;
  log.connect("busy", testing::at_minutes(minute));
  for (int drop = 0; drop < 2000; ++drop) {
    minute += gap(random);
    log.drop("busy", testing::at_minutes(minute));
    minute += reconnect(random);
    log.connect("busy", testing::at_minutes(minute));
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "sas-token-expiry").empty());
  CHECK(testing::devices_of(report, "random-disconnects") == std::vector<std::string>{"busy"});
}

}  // namespace iothub_diag

namespace iothub_diag {
namespace {

// Thresholds as the idle-timeout search uses them (DevicePeriods): periods from
// idle_min_period_seconds up.
Thresholds idle_thresholds() {
  Thresholds thresholds;
  thresholds.min_period_minutes = thresholds.idle_min_period_seconds / 60;
  return thresholds;
}

// Connections of a device whose app restarts at random: 1 s plus an
// exponential draw of mean `mean_seconds`.
std::vector<Timestamp> crash_loop_durations(std::size_t count, double mean_seconds,
                                            std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::exponential_distribution<double> length(1.0 / mean_seconds);
  std::vector<Timestamp> durations;
  for (std::size_t i = 0; i < count; ++i)
    durations.push_back(static_cast<Timestamp>((1 + length(random)) * kMillisPerSecond));
  return durations;
}

}  // namespace

TEST_CASE("short connections of random length are not a network idle timeout", "[analysis]") {
  // 45 s on either side of a period of 40 s takes in every length from 0 to
  // 85 s: the tolerance is capped at a share of the period.
  const Thresholds thresholds = idle_thresholds();
  for (const double mean_seconds : {20.0, 40.0, 90.0}) {
    for (const std::size_t count : {50U, 500U, 5000U}) {
      INFO(count << " connections of mean " << mean_seconds << " s");
      const auto estimate =
          estimate_period(crash_loop_durations(count, mean_seconds, count), thresholds);
      CHECK_FALSE((estimate && is_periodic(*estimate, thresholds)));
    }
  }
}

TEST_CASE("connections cut by a short idle timeout are periodic", "[analysis]") {
  // Python's 60 s keep-alive: the hub closes the silent link after 90 s, give
  // or take where the last ping fell.
  const Thresholds thresholds = idle_thresholds();
  std::mt19937_64 random(90);
  std::uniform_real_distribution<double> jitter(-15, 15);
  std::vector<Timestamp> durations;
  for (int i = 0; i < 12; ++i)
    durations.push_back(static_cast<Timestamp>((90 + jitter(random)) * kMillisPerSecond));
  const auto estimate = estimate_period(durations, thresholds);
  REQUIRE(estimate);
  CHECK(estimate->period == Approx(90 * kMillisPerSecond).margin(15 * kMillisPerSecond));
  CHECK(estimate->cycles == 12);
  CHECK(is_periodic(*estimate, thresholds));
}

TEST_CASE("a device restarting at random every few seconds is a random dropper", "[analysis]") {
  // An app in a crash loop: connections of 1 s plus about 20 s, a reconnect
  // 1 to 10 s later, for a day. Neither a timer in the network path nor, with
  // a drop and a reconnect in most five-minute bins, a gap in the logs.
  std::mt19937_64 random(21);
  std::exponential_distribution<double> length(1.0 / 20);
  std::uniform_int_distribution<int> reconnect(1, 10);
  testing::LogBuilder log;
  double second = 0;
  while (second < 24 * 3600) {
    log.connect("crash-loop", testing::at_minutes(second / 60));
    second += 1 + std::floor(length(random));
    log.drop("crash-loop", testing::at_minutes(second / 60));
    second += reconnect(random);
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "network-idle-timeout").empty());
  CHECK(testing::devices_of(report, "random-disconnects") ==
        std::vector<std::string>{"crash-loop"});
  for (const Finding& finding : report.findings)
    CHECK(finding.rule->id != "incomplete-export");
}

// A hub that finds expired tokens late ends each cycle 0 to 5 minutes past the
// grace: 22 cycles of a 60-minute token whose lengths spread evenly over
// 65 to 70 minutes.
namespace {

std::vector<Timestamp> late_checked_cycles() {
  std::vector<Timestamp> out;
  for (int i = 0; i < 22; ++i)
    out.push_back(65 * kMillisPerMinute + (i * 7 % 22) * 300 * kMillisPerSecond / 21);
  return out;
}

}  // namespace

TEST_CASE("token cycles that end minutes apart are found with the wide tolerance", "[analysis]") {
  const Thresholds thresholds;
  const auto estimate = estimate_period(late_checked_cycles(), thresholds);
  REQUIRE(estimate);
  CHECK(estimate->wide);
  CHECK(estimate->cycles == 22);
  CHECK(estimate->overlong == 0);
  CHECK(is_periodic(*estimate, thresholds));
  // Without the second look, the 45 s tolerance takes fewer than half of them.
  Thresholds narrow_only;
  narrow_only.token_late_tolerance_seconds = 0;
  const auto narrow = estimate_period(late_checked_cycles(), narrow_only);
  REQUIRE(narrow);
  CHECK_FALSE(narrow->wide);
  CHECK(narrow->cycles < 11);
}

TEST_CASE("exact token cycles keep the narrow tolerance beside random drops near the period",
          "[analysis]") {
  const Thresholds thresholds;
  // 20 cycles within seconds of 65 minutes, and random drops of every length:
  // two of them 2 and 3 minutes off the period, which the wide look would take.
  std::vector<Timestamp> durations;
  for (int i = 0; i < 20; ++i)
    durations.push_back(65 * kMillisPerMinute + (i % 5) * kMillisPerSecond);
  for (const double m : {3.0, 12.0, 25.0, 40.0, 52.0, 63.0, 68.0, 90.0})
    durations.push_back(static_cast<Timestamp>(m * kMillisPerMinute));
  const auto estimate = estimate_period(durations, thresholds);
  REQUIRE(estimate);
  CHECK_FALSE(estimate->wide);
  CHECK(estimate->cycles == 20);
  CHECK_FALSE(estimate->fits(63 * kMillisPerMinute, thresholds));
  // Within the wide tolerance, for a drop with a 401003 beside it (DevicePeriods::fits).
  CHECK(estimate->fits_widely(63 * kMillisPerMinute, thresholds));
  CHECK_FALSE(estimate->fits_widely(60 * kMillisPerMinute, thresholds));
}

TEST_CASE("random durations are not taken for a late-checked token", "[analysis]") {
  const Thresholds thresholds;
  Thresholds narrow_only;
  narrow_only.token_late_tolerance_seconds = 0;
  std::mt19937_64 random(7);
  // Devices with a handful of drops, their connections 30 to 150 minutes long
  // at random: the second look, whose window is about three times as wide,
  // must not find many more chance periods among them than the first.
  std::uniform_real_distribution<double> length(30, 150);
  int periodic = 0;
  int narrow_periodic = 0;
  for (int device = 0; device < 5000; ++device) {
    std::vector<Timestamp> durations;
    for (int i = 0; i < 5; ++i)
      durations.push_back(static_cast<Timestamp>(length(random) * kMillisPerMinute));
    const auto estimate = estimate_period(durations, thresholds);
    if (estimate && is_periodic(*estimate, thresholds)) ++periodic;
    const auto narrow = estimate_period(durations, narrow_only);
    if (narrow && is_periodic(*narrow, narrow_only)) ++narrow_periodic;
  }
  INFO("narrow only: " << narrow_periodic);
  CHECK(periodic <= narrow_periodic + 5);
}

}  // namespace iothub_diag
