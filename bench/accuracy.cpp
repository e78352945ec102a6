// Accuracy benchmark: simulates labeled fleets over a grid of conditions, runs
// the real ingest and rules on them in memory, and prints precision and recall
// per rule against the ground truth. Exits 1 when any score is below --min.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/rules/rule.hpp>
#include <iothub_diag/simulate/accuracy_score.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>

using namespace iothub_diag;

namespace {

struct Condition {
  std::string name;
  simulate::SimulationOptions options;
};

std::vector<Condition> grid(const std::string& size) {
  std::vector<Condition> conditions;
  simulate::SimulationOptions base;
  conditions.push_back({"default fleet (300 devices, 24 h, 1 incident)", base});

  simulate::SimulationOptions lifetimes = base;
  lifetimes.token_lifetimes_minutes = {30, 60, 120};
  lifetimes.record_loss = 0.05;
  conditions.push_back({"lifetimes 30/60/120 min, 5% records lost", lifetimes});

  simulate::SimulationOptions booted = base;
  booted.fleet_booted_together = true;
  booted.incidents = 2;
  conditions.push_back({"fleet booted together, 2 incidents", booted});

  if (size == "full") {
    simulate::SimulationOptions large = lifetimes;
    large.devices = 1500;
    large.hours = 48;
    large.incidents = 2;
    large.mixed_share = 0.10;
    large.fleet_booted_together = true;
    conditions.push_back({"1500 devices, 48 h, 2 incidents, loss, mixed, booted together", large});

    simulate::SimulationOptions site = base;
    site.site_outages = 1;
    conditions.push_back({"one site outage behind a single IP", site});

    simulate::SimulationOptions no_disorder = base;
    no_disorder.disorder = false;
    no_disorder.token_lifetimes_minutes = {60, 1440};
    no_disorder.hours = 96;
    conditions.push_back({"96 h, lifetimes 60 min and 1 day, ordered", no_disorder});
  }
  return conditions;
}

nlohmann::json analyze_in_memory(const simulate::Simulation& simulation) {
  std::string text;
  for (const simulate::Record& record : simulation.records) {
    text += record.json_line;
    text += '\n';
  }
  EventStore store;
  read_stream(std::make_unique<MemorySource>(text), "simulation", ReadOptions{}, store);
  store.finalize();
  const Thresholds thresholds;
  Diagnosis diagnosis(store, thresholds);
  const Report report = build_report(store, run_rules(diagnosis));
  return nlohmann::json::parse(report_to_json(report).dump());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Precision and recall of every rule on simulated, labeled fleets"};
  std::string size = "small";
  int seeds = 3;
  double minimum = 0;
  app.add_option("--grid", size, "small (runs in CI) or full")->check(CLI::IsMember({"small", "full"}));
  app.add_option("--seeds", seeds, "fleets per condition")->check(CLI::Range(1, 100));
  app.add_option("--min", minimum, "fail (exit 1) when a precision or recall is below this");
  CLI11_PARSE(app, argc, argv);

  bool below = false;
  std::map<std::string, std::pair<int, int>> totals;  // rule -> (tp, fp + fn) for the grid summary
  for (const Condition& condition : grid(size)) {
    for (int seed = 1; seed <= seeds; ++seed) {
      simulate::SimulationOptions options = condition.options;
      options.seed = static_cast<std::uint64_t>(seed);
      const simulate::Simulation simulation = simulate::simulate_fleet(options);
      const nlohmann::json truth = simulate::ground_truth_json(simulation);
      const simulate::AccuracyScore score = simulate::score_report(analyze_in_memory(simulation), truth);
      std::cout << fmt::format("== {} (seed {})\n", condition.name, seed) << simulate::format_accuracy_table(score);
      for (const auto& rule : score.device_rules) {
        if (rule.truth == 0 && rule.reported == 0) continue;
        if (rule.precision() < minimum || rule.recall() < minimum) below = true;
      }
      for (const auto& rule : score.window_rules) {
        if (rule.truth_windows == 0 && rule.reported_windows == 0) continue;
        if (rule.precision() < minimum || rule.recall() < minimum) below = true;
      }
    }
  }
  if (below) std::cout << fmt::format("FAIL: a precision or recall is below {}\n", minimum);
  return below ? 1 : 0;
}
