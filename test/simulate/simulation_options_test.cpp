#include <cmath>
#include <set>

#include <catch2/catch.hpp>

#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {
namespace {

TEST_CASE("every option's documented default is the struct's default", "[simulate]") {
  const SimulationOptions defaults;
  for (const SimulationOptionInfo& option : kSimulationOptions) {
    INFO(option.name);
    CHECK(format_simulation_option(defaults, option) == option.default_text);
    CHECK_FALSE(option.meaning.empty());
  }
}

TEST_CASE("option names are unique CLI flags", "[simulate]") {
  std::set<std::string_view> names;
  for (const SimulationOptionInfo& option : kSimulationOptions) {
    INFO(option.name);
    CHECK(names.insert(option.name).second);
    CHECK(option.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string_view::npos);
    CHECK(find_simulation_option(option.name) == &option);
  }
  CHECK(find_simulation_option("no-such-option") == nullptr);
}

TEST_CASE("the default options are valid and start at 2026-11-20T00:00:00Z", "[simulate]") {
  const SimulationOptions defaults;
  CHECK_FALSE(validate(defaults).has_value());
  CHECK(defaults.start == parse_iso8601("2026-11-20T00:00:00Z"));
}

TEST_CASE("options parse from text and print back the same", "[simulate]") {
  SimulationOptions options;
  const std::pair<const char*, const char*> settings[] = {
      {"devices", "1500"},
      {"hours", "48"},
      {"start", "2027-01-02T03:00:00Z"},
      {"seed", "18446744073709551615"},
      {"token-lifetimes", "30,60,120"},
      {"booted-together", "true"},
      {"loss", "0.05"},
      {"layout", "jsonl"},
      {"shape", "records"},
      {"hub", "OTHER-HUB"},
  };
  for (const auto& [name, text] : settings) {
    INFO(name);
    CHECK_FALSE(apply_simulation_option(options, name, text).has_value());
    CHECK(format_simulation_option(options, *find_simulation_option(name)) == text);
  }
  CHECK(options.devices == 1500);
  CHECK(options.token_lifetimes_minutes == std::vector<int>{30, 60, 120});
  CHECK(options.fleet_booted_together);
  CHECK(options.layout == OutputLayout::jsonl);
  CHECK(options.shape == OutputShape::records);
  CHECK_FALSE(validate(options).has_value());
}

TEST_CASE("bad option text is reported, not guessed", "[simulate]") {
  SimulationOptions options;
  CHECK(apply_simulation_option(options, "devices", "many") ==
        "--devices: 'many' is not an integer");
  CHECK(apply_simulation_option(options, "start", "yesterday") ==
        "--start: 'yesterday' is not an ISO-8601 time");
  CHECK(apply_simulation_option(options, "token-lifetimes", "60,,") ==
        "--token-lifetimes: '60,,' is not a comma-separated list of integers");
  CHECK(apply_simulation_option(options, "layout", "tree") ==
        "--layout: 'tree' is not archive or jsonl");
  CHECK(apply_simulation_option(options, "colour", "blue") ==
        "--colour: no such simulation option");
  CHECK(options.devices == 300);
}

TEST_CASE("the schema option takes the Event Grid schemas and refuses resource-log shapes",
          "[simulate]") {
  SimulationOptions options;
  CHECK(options.schema == OutputSchema::resource_logs);
  CHECK_FALSE(apply_simulation_option(options, "schema", "cloudevents").has_value());
  CHECK(options.schema == OutputSchema::cloud_events);
  CHECK_FALSE(apply_simulation_option(options, "schema", "EventGrid").has_value());
  CHECK(options.schema == OutputSchema::event_grid);
  CHECK(format_simulation_option(options, *find_simulation_option("schema")) == "eventgrid");
  CHECK(apply_simulation_option(options, "schema", "avro") ==
        "--schema: 'avro' is not resource-logs, eventgrid or cloudevents");
  CHECK_FALSE(validate(options).has_value());
  options.shape = OutputShape::records;
  CHECK(validate(options) ==
        "option shape records is for resource logs; Event Grid batches are written one JSON array "
        "per line");
  options.shape = OutputShape::jsonl;
  options.noise_records_per_device_hour = 1;
  CHECK(validate(options) ==
        "option noise adds resource-log records and needs schema resource-logs");
}

TEST_CASE("validation names the first impossible option", "[simulate]") {
  SimulationOptions options;
  options.record_loss = 1.5;
  CHECK(validate(options) == "--loss 1.5: must lie in 0..1, below 1");
  options = {};
  options.token_expiry_share = 0.6;
  options.random_drop_share = 0.5;
  CHECK(validate(options) ==
        "token-share + random-share + mixed-share + scheduled-share must not exceed 1");
  options = {};
  options.grace_typical_seconds = 700;
  CHECK(validate(options) == "--grace-typical 700: must lie in 0..grace-max (600)");
  options = {};
  options.site_outages = 20;
  CHECK(validate(options).has_value());
  options = {};
  options.unauthorized_storm_devices = 301;
  CHECK(validate(options) ==
        "duplicate-identity + never-reconnected + unauthorized-storm exceed devices");
  options = {};
  options.noise_records_per_device_hour = 12.5;  // rates may exceed 1
  CHECK_FALSE(validate(options).has_value());
  options = {};
  options.hours = 0;
  CHECK(validate(options) == "--hours 0: must lie in 1..8784");
  options = {};
  options.missing_hours = {3, 24};
  CHECK(validate(options) == "--missing-hours 24: must lie in 0..hours (24), below hours");
  options = {};
  options.throttled_devices = -1;
  CHECK(validate(options) == "--throttled -1: must be at least 0");
  options = {};
  options.health_events = 2;
  CHECK(validate(options) == "--health-events 2: must lie in 0..incidents (1)");
  options = {};
  options.random_drops_per_day_max = std::nan("");
  CHECK(validate(options).has_value());
}

TEST_CASE("every numeric option has a range, and a range names only options", "[simulate]") {
  for (const SimulationOptionInfo& option : kSimulationOptions) {
    INFO(option.name);
    const bool numeric =
        std::holds_alternative<int SimulationOptions::*>(option.field) ||
        std::holds_alternative<double SimulationOptions::*>(option.field) ||
        std::holds_alternative<std::vector<int> SimulationOptions::*>(option.field);
    CHECK(option.range.bounded() == numeric);
    if (!option.range.maximum_option.empty())
      CHECK(find_simulation_option(option.range.maximum_option) != nullptr);
  }
}

}  // namespace
}  // namespace iothub_diag::simulate
