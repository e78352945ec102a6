// --config: threshold values are checked against their row of kThresholds.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <iothub_diag/analysis/thresholds.hpp>

namespace iothub_diag {
namespace {

TEST_CASE("a threshold that counts things refuses a fraction and names itself", "[analysis]") {
  Thresholds thresholds;
  const auto problem = apply_thresholds(nlohmann::json{{"min_token_cycles", 2.5}}, thresholds);
  REQUIRE(problem.has_value());
  CHECK(*problem ==
        "threshold \"min_token_cycles\" counts cycles and must be a whole number, "
        "not 2.5");
  CHECK(thresholds.min_token_cycles == Thresholds{}.min_token_cycles);
}

TEST_CASE("a whole number written as a double is accepted for a count", "[analysis]") {
  Thresholds thresholds;
  CHECK_FALSE(apply_thresholds(nlohmann::json{{"burst_min_devices", 7.0}}, thresholds));
  CHECK(thresholds.burst_min_devices == 7);
}

TEST_CASE("a threshold that is a ratio or a duration keeps its fractions", "[analysis]") {
  Thresholds thresholds;
  CHECK_FALSE(apply_thresholds(
      nlohmann::json{{"period_tolerance_ratio", 0.25}, {"burst_window_minutes", 2.5}}, thresholds));
  CHECK(thresholds.period_tolerance_ratio == 0.25);
}

TEST_CASE("every count threshold is marked integer in the table", "[analysis]") {
  for (const ThresholdInfo& info : threshold_table()) {
    const bool counts = info.unit == "cycles" || info.unit == "drops" || info.unit == "devices" ||
                        info.unit == "errors" || info.unit == "closes" || info.unit == "401003s" ||
                        info.unit == "identities";
    INFO(info.name);
    CHECK((info.value == ThresholdValue::integer) == counts);
  }
}

}  // namespace
}  // namespace iothub_diag
