#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simulate/simulation_test_support.hpp>

#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>
#include <iothub_diag/simulate/noise_records.hpp>
#include <iothub_diag/simulate/record_delivery.hpp>
#include <iothub_diag/simulate/simulation_writer.hpp>

namespace iothub_diag::simulate {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed when the test ends.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(std::string_view name)
      : path_(fs::temp_directory_path() / fmt::format("iothub-diag-simulate-{}", name)) {
    fs::remove_all(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// Every file under `root` except the ground truth, relative to root, sorted.
std::vector<fs::path> log_files(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().filename() != kGroundTruthFileName) {
      files.push_back(fs::relative(entry.path(), root));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

SimulationOptions small_fleet() {
  SimulationOptions options;
  options.devices = 40;
  options.hours = 3;
  return options;
}

TEST_CASE("archive blob paths follow the storage account layout", "[simulate]") {
  const SimulationOptions options;
  const Timestamp received = parse_iso8601("2026-11-20T07:59:59.500Z").value();
  CHECK(archive_blob_path(options, options.hub_name, "D2CTwinOperations", received)
            .generic_string() ==
        "insights-logs-d2ctwinoperations/resourceId=/SUBSCRIPTIONS/"
        "5E2B1C3A-7D4F-4B8E-9A61-2F0C8D3E7B15/RESOURCEGROUPS/IOT-FLEET-RG/PROVIDERS/"
        "MICROSOFT.DEVICES/IOTHUBS/FLEET-HUB-01/y=2026/m=11/d=20/h=07/m=00/PT1H.json");
  const Timestamp next_day = parse_iso8601("2026-12-31T23:00:00Z").value();
  CHECK(archive_blob_path(options, "FLEET-HUB-01", "Connections", next_day)
            .generic_string()
            .ends_with("/y=2026/m=12/d=31/h=23/m=00/PT1H.json"));
}

TEST_CASE("each archive blob holds exactly the records received in its hour", "[simulate]") {
  const SimulationOptions options = small_fleet();
  const Simulation simulation = simulate_fleet(options);
  ScratchDirectory out("archive");
  const WriteSummary summary = write_simulation(simulation, options, out.path());

  const std::regex blob_path(
      R"(insights-logs-[a-z0-9]+/resourceId=/SUBSCRIPTIONS/[0-9A-F-]+/RESOURCEGROUPS/IOT-FLEET-RG/)"
      R"(PROVIDERS/MICROSOFT\.DEVICES/IOTHUBS/FLEET-HUB-01/y=\d{4}/m=\d{2}/d=\d{2}/h=\d{2}/m=00/)"
      R"(PT1H\.json)");
  std::map<std::string, std::vector<std::string>> expected;  // blob -> lines in order
  for (const Record& record : simulation.records) {
    expected[archive_blob_path(options, simulation.hubs.at(record.hub), record.category,
                               record.receive_time)
                 .generic_string()]
        .push_back(record.json_line);
  }
  const std::vector<fs::path> files = log_files(out.path());
  CHECK(files.size() == expected.size());
  CHECK(summary.files == files.size());
  CHECK(summary.records == simulation.records.size());
  for (const fs::path& file : files) {
    INFO(file.generic_string());
    CHECK(std::regex_match(file.generic_string(), blob_path));
    const auto found = expected.find(file.generic_string());
    REQUIRE(found != expected.end());
    CHECK(lines_of(read_file(out.path() / file)) == found->second);
  }
  CHECK(fs::exists(out.path() / "insights-logs-connections"));
  const auto truth = nlohmann::json::parse(read_file(out.path() / kGroundTruthFileName));
  CHECK(truth.dump() == nlohmann::json(ground_truth_json(simulation)).dump());
}

TEST_CASE("an archive of several hubs has one resourceId tree per hub, noise included",
          "[simulate]") {
  SimulationOptions options = small_fleet();
  options.hubs = 2;
  options.noise_records_per_device_hour = 1.0;
  const Simulation simulation = simulate_fleet(options);
  ScratchDirectory out("archive-hubs");
  write_simulation(simulation, options, out.path());

  std::map<std::string, std::set<std::string>> devices_by_hub;  // hub folder -> device ids
  for (const fs::path& file : log_files(out.path())) {
    const std::string path = file.generic_string();
    const std::size_t at = path.find("/IOTHUBS/");
    REQUIRE(at != std::string::npos);
    const std::string hub = path.substr(at + 9, path.find('/', at + 9) - at - 9);
    for (const std::string& line : lines_of(read_file(out.path() / file))) {
      const auto record = nlohmann::json::parse(line);
      CHECK(record["resourceId"].get<std::string>().ends_with("/IOTHUBS/" + hub));
      const auto properties = nlohmann::json::parse(record["properties"].get<std::string>());
      if (properties["deviceId"].is_string())
        devices_by_hub[hub].insert(properties["deviceId"].get<std::string>());
    }
  }
  REQUIRE(devices_by_hub.size() == 2);
  CHECK(devices_by_hub.begin()->first == "FLEET-HUB-01");
  CHECK(devices_by_hub.rbegin()->first == "FLEET-HUB-02");
  // The same ids in both trees.
  CHECK(devices_by_hub["FLEET-HUB-01"] == devices_by_hub["FLEET-HUB-02"]);
}

TEST_CASE("the records shape writes one records document per blob", "[simulate]") {
  SimulationOptions options = small_fleet();
  options.shape = OutputShape::records;
  const Simulation simulation = simulate_fleet(options);
  ScratchDirectory out("records-shape");
  write_simulation(simulation, options, out.path());

  std::map<std::string, std::vector<nlohmann::json>> expected;  // blob -> records in order
  for (const Record& record : simulation.records) {
    expected[archive_blob_path(options, simulation.hubs.at(record.hub), record.category,
                               record.receive_time)
                 .generic_string()]
        .push_back(nlohmann::json::parse(record.json_line));
  }
  const std::vector<fs::path> files = log_files(out.path());
  CHECK(files.size() == expected.size());
  for (const fs::path& file : files) {
    INFO(file.generic_string());
    const std::string text = read_file(out.path() / file);
    CHECK(text.starts_with("{\"records\":["));
    const auto document = nlohmann::json::parse(text);
    REQUIRE(document.is_object());
    REQUIRE(document["records"].is_array());
    const auto found = expected.find(file.generic_string());
    REQUIRE(found != expected.end());
    CHECK(document["records"] == nlohmann::json(found->second));
  }
}

TEST_CASE("the jsonl layout writes every record and the noise into one file", "[simulate]") {
  SimulationOptions options = small_fleet();
  options.layout = OutputLayout::jsonl;
  options.noise_records_per_device_hour = 4;
  const Simulation simulation = simulate_fleet(options);
  ScratchDirectory out("jsonl");
  const WriteSummary summary = write_simulation(simulation, options, out.path());

  CHECK(log_files(out.path()) == std::vector<fs::path>{fs::path(kJsonLinesFileName)});
  const std::vector<std::string> lines = lines_of(read_file(out.path() / kJsonLinesFileName));
  CHECK(lines.size() == summary.records);
  CHECK(summary.records == simulation.records.size() + summary.noise_records);
  // About 4 per connected device-hour; most of the 40 devices are connected most of the time.
  CHECK(summary.noise_records > 300);
  CHECK(summary.noise_records < 500);

  std::multiset<std::string> simulated;
  for (const Record& record : simulation.records)
    simulated.insert(record.json_line);
  std::size_t found = 0;
  for (const std::string& line : lines)
    found += simulated.count(line) > 0;
  CHECK(found == simulation.records.size());
}

TEST_CASE("Event Grid batches go one per line into hourly delivery files or one file",
          "[simulate]") {
  SimulationOptions options = small_fleet();
  options.schema = OutputSchema::event_grid;
  const Simulation simulation = simulate_fleet(options);
  REQUIRE(simulation.state_events > 0);
  CHECK(event_grid_file_path(parse_iso8601("2026-11-20T07:59:59.500Z").value()).generic_string() ==
        "eventgrid/y=2026/m=11/d=20/h=07/deliveries.jsonl");

  ScratchDirectory archive("eventgrid-archive");
  const WriteSummary summary = write_simulation(simulation, options, archive.path());
  std::map<std::string, std::vector<std::string>> expected;  // file -> lines in order
  for (const Record& batch : simulation.records)
    expected[event_grid_file_path(batch.receive_time).generic_string()].push_back(batch.json_line);
  const std::vector<fs::path> files = log_files(archive.path());
  CHECK(files.size() == expected.size());
  CHECK(summary.files == files.size());
  CHECK(summary.records == simulation.records.size());
  for (const fs::path& file : files) {
    INFO(file.generic_string());
    const auto found = expected.find(file.generic_string());
    REQUIRE(found != expected.end());
    CHECK(lines_of(read_file(archive.path() / file)) == found->second);
  }

  options.layout = OutputLayout::jsonl;
  ScratchDirectory single("eventgrid-jsonl");
  write_simulation(simulation, options, single.path());
  CHECK(log_files(single.path()) == std::vector<fs::path>{fs::path(kEventGridFileName)});
  const std::vector<std::string> lines = lines_of(read_file(single.path() / kEventGridFileName));
  REQUIRE(lines.size() == simulation.records.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i] == simulation.records[i].json_line);
    CHECK(lines[i].starts_with("[{\"id\":"));
  }
}

TEST_CASE("writing is deterministic, noise included", "[simulate]") {
  SimulationOptions options = small_fleet();
  options.layout = OutputLayout::jsonl;
  options.noise_records_per_device_hour = 2;
  const Simulation simulation = simulate_fleet(options);
  ScratchDirectory first("deterministic-1");
  ScratchDirectory second("deterministic-2");
  write_simulation(simulation, options, first.path());
  write_simulation(simulate_fleet(options), options, second.path());
  CHECK(read_file(first.path() / kJsonLinesFileName) ==
        read_file(second.path() / kJsonLinesFileName));
}

TEST_CASE("noise records are Information records from connected devices outside Connections",
          "[simulate]") {
  SimulationOptions options = small_fleet();
  options.noise_records_per_device_hour = 5;
  const Simulation simulation = simulate_fleet(options);
  const Timestamp hour = simulation.span.start + kMillisPerHour;
  const std::vector<Record> noise = noise_records_for_hour(simulation, options, hour);
  REQUIRE(noise.size() > 100);
  std::set<std::string> categories;
  for (const Record& record : noise) {
    const testing::ParsedRecord parsed = testing::parse_record(record);
    CHECK(parsed.level == "Information");
    CHECK(parsed.code == 0);
    CHECK(parsed.category != "Connections");
    CHECK(record.time >= hour);
    CHECK(record.time < hour + kMillisPerHour);
    CHECK(record.receive_time - record.time <= 10 * kMillisPerMinute);
    categories.insert(parsed.category);
    if (parsed.device_id.empty()) continue;  // twin queries name no device
    const auto device =
        std::find_if(simulation.devices.begin(), simulation.devices.end(),
                     [&](const DeviceTruth& d) { return d.device_id == parsed.device_id; });
    REQUIRE(device != simulation.devices.end());
    CHECK(connected_at(*device, record.time));
  }
  CHECK(categories.size() >= 4);
  CHECK(noise_records_for_hour(simulation, options, hour).size() == noise.size());
  options.noise_records_per_device_hour = 0;
  CHECK(noise_records_for_hour(simulation, options, hour).empty());
}

}  // namespace
}  // namespace iothub_diag::simulate
