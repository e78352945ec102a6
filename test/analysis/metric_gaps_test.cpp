// An hour of blobs lost while the metric shows devices connecting and
// disconnecting is a metric gap; the whole export has none.
#include <string>

#include <catch2/catch.hpp>

#include <iothub_diag/analysis/metric_gaps.hpp>
#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/platform_files.hpp>

namespace iothub_diag {
namespace {

EventStore read_fleet(const simulate::SimulationOptions& options,
                      const simulate::Simulation& simulation, Timestamp lost_hour) {
  std::string logs;
  for (const simulate::Record& record : simulation.records) {
    const Timestamp hour = record.receive_time - record.receive_time % kMillisPerHour;
    if (hour != lost_hour) logs += record.json_line + "\n";
  }
  EventStore store;
  read_stream(std::make_unique<MemorySource>(logs), "logs", ReadOptions{}, store);
  const std::string metric = simulate::metric_response_json(simulation, options, 0);
  read_stream(std::make_unique<MemorySource>(metric), "metric.json", ReadOptions{}, store);
  store.finalize();
  return store;
}

}  // namespace

TEST_CASE("a lost hour of blobs while the metric moves is a metric gap", "[analysis][platform]") {
  simulate::SimulationOptions options;
  options.devices = 300;
  options.hours = 12;
  options.metric = true;
  options.categories = simulate::LoggedCategories::connections;
  const simulate::Simulation simulation = simulate::simulate_fleet(options);
  const Timestamp lost = options.start + 5 * kMillisPerHour;

  const EventStore whole = read_fleet(options, simulation, -1);
  CHECK(find_metric_gaps(whole, 15).empty());

  const EventStore cut = read_fleet(options, simulation, lost);
  const std::vector<MetricGap> gaps = find_metric_gaps(cut, 15);
  REQUIRE(gaps.size() == 1);
  CHECK(gaps[0].start >= lost - 10 * kMillisPerMinute);
  CHECK(gaps[0].start <= lost + 10 * kMillisPerMinute);
  CHECK(gaps[0].end >= lost + 50 * kMillisPerMinute);
  CHECK(gaps[0].end <= lost + 70 * kMillisPerMinute);
  CHECK(gaps[0].metric_lowest >= 1);
}

}  // namespace iothub_diag
