#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <simulate/simulation_test_support.hpp>

#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>
#include <iothub_diag/simulate/log_selection.hpp>

namespace iothub_diag::simulate {
namespace {

using testing::ParsedRecord;

SimulationOptions incident_fleet() {
  SimulationOptions options;
  options.devices = 150;
  options.hours = 12;
  options.incidents = 2;
  options.site_outages = 1;
  return options;
}

std::multiset<std::string> lines_of(const Simulation& simulation) {
  std::multiset<std::string> lines;
  for (const Record& record : simulation.records)
    lines.insert(record.json_line);
  return lines;
}

TEST_CASE("the export filter keeps categories and 5xx as the options say", "[simulate]") {
  SimulationOptions options;
  CHECK(is_exported(options, "C2DCommands", 500001));
  options.categories = LoggedCategories::connections;
  CHECK(is_exported(options, "Connections", 503001));
  CHECK(!is_exported(options, "C2DCommands", 0));
  options.server_errors = false;
  CHECK(!is_exported(options, "Connections", 503001));
  CHECK(is_exported(options, "Connections", 404104));
  CHECK(is_exported(options, "Connections", 0));
}

TEST_CASE("a Connections-only export holds nothing but Connections records", "[simulate]") {
  SimulationOptions options = incident_fleet();
  options.disorder = false;
  const Simulation full = simulate_fleet(options);
  options.categories = LoggedCategories::connections;
  const Simulation narrow = simulate_fleet(options);
  std::size_t server_errors = 0;
  for (const ParsedRecord& record : testing::parse_all(narrow)) {
    CHECK(record.category == "Connections");
    server_errors += record.is_server_error();
  }
  CHECK(server_errors > 0);  // the connects refused during incidents are Connections records

  // The same Connections records, minus the rest: narrowing draws nothing else.
  std::multiset<std::string> full_connections;
  for (const Record& record : full.records) {
    if (record.category == "Connections") full_connections.insert(record.json_line);
  }
  CHECK(lines_of(narrow) == full_connections);
  CHECK(narrow.records.size() < full.records.size());
  CHECK(ground_truth_json(narrow)["export"]["categories"] == "connections");
}

TEST_CASE("without server errors no record in any category carries a 5xx", "[simulate]") {
  SimulationOptions options = incident_fleet();
  options.server_errors = false;
  options.disorder = false;
  const Simulation quiet = simulate_fleet(options);
  SimulationOptions loud_options = incident_fleet();
  loud_options.disorder = false;
  const Simulation loud = simulate_fleet(loud_options);

  for (const ParsedRecord& record : testing::parse_all(quiet))
    CHECK(!record.is_server_error());
  // Every other record is still there, byte for byte.
  std::multiset<std::string> kept;
  for (const Record& record : loud.records) {
    const ParsedRecord parsed = testing::parse_record(record);
    if (!parsed.is_server_error()) kept.insert(record.json_line);
  }
  CHECK(lines_of(quiet) == kept);
  // The incidents are still incidents, and the truth says what the logs hold.
  REQUIRE(quiet.incidents.size() == 2);
  CHECK(quiet.incidents.front().window == loud.incidents.front().window);
  const auto truth = ground_truth_json(quiet);
  CHECK(truth["export"]["server_errors"] == false);
  CHECK(truth["export"]["categories"] == "all");
  for (std::size_t i = 0; i < quiet.devices.size(); ++i)
    CHECK(quiet.devices[i].labels == loud.devices[i].labels);
}

TEST_CASE("categories and server-errors are simulation options", "[simulate]") {
  SimulationOptions options;
  CHECK(!apply_simulation_option(options, "categories", "connections").has_value());
  CHECK(options.categories == LoggedCategories::connections);
  CHECK(!apply_simulation_option(options, "server-errors", "off").has_value());
  CHECK(!options.server_errors);
  CHECK(apply_simulation_option(options, "categories", "telemetry").has_value());
  options.noise_records_per_device_hour = 1.0;
  CHECK(validate(options).has_value());  // filler is other categories
}

}  // namespace
}  // namespace iothub_diag::simulate
