#pragma once

#include <chrono>
#include <ostream>
#include <string_view>
#include <utility>
#include <vector>

namespace iothub_diag {

// The wall time of each stage of one analysis and the process's peak memory,
// for `analyze --timings`: where the time of a slow run went, without a profiler.
class StageTimings {
 public:
  explicit StageTimings(bool enabled);

  // Ends the current stage, named `name`: the time since the previous call (or construction).
  void end_stage(std::string_view name);

  // One line on `err`: "iothub-diag: timings: read 0.95 s, ... (total 1.20 s); peak RSS 116 MiB".
  // Nothing when disabled.
  void write(std::ostream& err) const;

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  std::vector<std::pair<std::string_view, double>> stages_;  // names are literals
};

}  // namespace iothub_diag
