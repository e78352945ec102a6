#include <random>

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

}  // namespace iothub_diag
