#include <algorithm>

#include <iothub_diag/simulate/event_grid_batches.hpp>

namespace iothub_diag::simulate {

std::vector<Record> batch_events(std::span<const Record> events) {
  std::vector<Record> batches;
  std::size_t in_batch = 0;
  for (const Record& event : events) {
    const bool same_second = !batches.empty() && batches.back().receive_time / kMillisPerSecond ==
                                                     event.receive_time / kMillisPerSecond;
    if (same_second && in_batch < kMaxEventsPerBatch) {
      Record& batch = batches.back();
      batch.time = std::min(batch.time, event.time);
      batch.json_line.back() = ',';  // the closing bracket
      batch.json_line += event.json_line;
      batch.json_line += ']';
      ++in_batch;
      continue;
    }
    batches.push_back({event.time, event.receive_time, std::string(kEventGridCategory),
                       "[" + event.json_line + "]"});
    in_batch = 1;
  }
  return batches;
}

}  // namespace iothub_diag::simulate
