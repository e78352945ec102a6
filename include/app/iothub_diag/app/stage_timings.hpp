#pragma once

#include <chrono>
#include <utility>
#include <vector>

#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

class DiagnosticLines;

// The wall time of each stage of one analysis and the process's peak memory,
// for `analyze --timings`: where the time of a slow run went, without a profiler.
class StageTimings {
 public:
  explicit StageTimings(bool enabled);

  // Ends the current stage, named by `stage` (MessageId::stage_read, ...): the
  // time since the previous call (or construction). `steps` are the times of
  // the stage's own steps, said after it in parentheses.
  void end_stage(MessageId stage, std::vector<std::pair<MessageId, double>> steps = {});

  // One line in the run's language: "iothub-diag: timings: read 0.95 s, ...,
  // diagnosis 0.10 s (timelines 0.03 s, ...), ... (total 1.20 s); peak RSS
  // 116 MiB; heap on huge pages". Nothing when disabled.
  void write(const DiagnosticLines& say) const;

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  struct Stage {
    MessageId name;
    double seconds;
    std::vector<std::pair<MessageId, double>> steps;
  };
  std::vector<Stage> stages_;
};

}  // namespace iothub_diag
