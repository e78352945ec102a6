#include <algorithm>
#include <map>

#include <iothub_diag/simulate/event_grid_batches.hpp>

namespace iothub_diag::simulate {
namespace {

struct OpenBatch {
  std::size_t index = 0;  // in the batches
  std::size_t events = 0;
};

}  // namespace

std::vector<Record> batch_events(std::span<const Record> events) {
  std::vector<Record> batches;
  // Each hub is its own system topic, so a delivery never mixes hubs.
  std::map<std::uint32_t, OpenBatch> open;
  for (const Record& event : events) {
    const auto found = open.find(event.hub);
    if (found != open.end()) {
      Record& batch = batches[found->second.index];
      const bool same_second =
          batch.receive_time / kMillisPerSecond == event.receive_time / kMillisPerSecond;
      if (same_second && found->second.events < kMaxEventsPerBatch) {
        batch.time = std::min(batch.time, event.time);
        batch.json_line.back() = ',';  // the closing bracket
        batch.json_line += event.json_line;
        batch.json_line += ']';
        ++found->second.events;
        continue;
      }
    }
    open[event.hub] = {batches.size(), 1};
    batches.push_back({event.time, event.receive_time, std::string(kEventGridCategory),
                       "[" + event.json_line + "]", event.hub});
  }
  return batches;
}

}  // namespace iothub_diag::simulate
