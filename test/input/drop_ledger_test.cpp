// Every 404104 read is accounted for: a drop in summary.drops, or a counted
// skip, or left out by the scope, or not a disconnect. Checked on the report
// of every input the project holds, alone and scoped.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/input_files.hpp"
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/report/report.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> every_input() {
  std::vector<std::string> inputs;
  for (const fs::path& file : testing::input_files())
    inputs.push_back(file.string());
  inputs.push_back(std::string(IOTHUB_DIAG_SOURCE_DIR) + "/samples/logs");
  return inputs;
}

// The JSON report of `paths` read with `options`; null when no record was read.
nlohmann::json report_of(const std::vector<std::string>& paths, EventStore::Options options) {
  EventStore store(std::move(options));
  ingest_paths(paths, ReadOptions{}, store);
  store.finalize();
  if (store.stats().records == 0) return nullptr;
  Thresholds thresholds;
  Diagnosis diagnosis(store, thresholds);
  std::ostringstream out;
  render_json(build_report(diagnosis, run_rules(diagnosis)), out);
  return nlohmann::json::parse(out.str());
}

// The ledger of one report must add up both ways: the 404104 records counted
// among the codes are exactly the ledger's, and the ledger's drops are the
// report's drops apart from those judged on Event Grid snapshots.
void check_ledger(const nlohmann::json& report) {
  const nlohmann::json& ledger = report["input"]["records_404104"];
  const nlohmann::json& codes = report["summary"]["codes"];
  const std::uint64_t counted = codes.value("404104", std::uint64_t{0});
  CHECK(counted == ledger["out_of_scope"].get<std::uint64_t>() +
                       ledger["not_disconnects"].get<std::uint64_t>() +
                       ledger["drops"].get<std::uint64_t>());
  const nlohmann::json& drops = report["summary"]["drops"];
  CHECK(drops["total"].get<std::uint64_t>() ==
        ledger["drops"].get<std::uint64_t>() + drops["from_snapshots"].get<std::uint64_t>());
  for (const auto& [reason, count] : ledger["skipped"].items()) {
    CAPTURE(reason);
    CHECK(count.get<std::uint64_t>() <=
          report["input"]["skipped_reasons"][reason].get<std::uint64_t>());
  }
}

}  // namespace

TEST_CASE("every 404104 of every input is a drop or is counted apart", "[input]") {
  std::size_t reports = 0;
  for (const std::string& input : every_input()) {
    CAPTURE(input);
    for (const bool keep_duplicates : {false, true}) {
      EventStore::Options options;
      options.drop_duplicates = !keep_duplicates;
      const nlohmann::json report = report_of({input}, options);
      if (report.is_null()) continue;
      check_ledger(report);
      ++reports;
    }
  }
  CHECK(reports > 20);
}

TEST_CASE("the 404104 ledger adds up under --hub, --since and --until", "[input]") {
  const std::string samples = std::string(IOTHUB_DIAG_SOURCE_DIR) + "/samples/logs";
  const std::string fleet = std::string(IOTHUB_DIAG_TEST_DATA) + "/fleet";
  const nlohmann::json whole = report_of({samples, fleet}, {});
  REQUIRE(whole["input"]["hubs"].size() >= 2);
  std::string hub;
  for (const nlohmann::json& each : whole["input"]["hubs"])
    if (each["name"].is_string()) hub = each["name"].get<std::string>();
  REQUIRE_FALSE(hub.empty());

  EventStore::Options one_hub;
  one_hub.hubs = {hub};
  const nlohmann::json scoped = report_of({samples, fleet}, one_hub);
  check_ledger(scoped);
  CHECK(scoped["input"]["records_404104"]["out_of_scope"].get<std::uint64_t>() > 0);

  EventStore::Options window;
  window.since = parse_time_bound("2h");
  window.until = parse_time_bound("1h");
  const nlohmann::json timed = report_of({samples}, window);
  check_ledger(timed);
  CHECK(timed["input"]["records_404104"]["out_of_scope"].get<std::uint64_t>() > 0);
}

}  // namespace iothub_diag
