#pragma once

#include <chrono>
#include <utility>
#include <vector>

#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

class DiagnosticLines;

// The wall time of each stage of one analysis, the processor time all the
// process's threads spent in it, and the process's peak memory, for `analyze
// --timings`: where the time of a slow run went, and which stages leave a core
// idle, without a profiler.
class StageTimings {
 public:
  explicit StageTimings(bool enabled);

  // Ends the current stage, named by `stage` (MessageId::stage_read, ...): the
  // wall and processor time since the previous call (or construction). `steps`
  // are the wall times of the stage's own steps, said after it.
  void end_stage(MessageId stage, std::vector<std::pair<MessageId, double>> steps = {});

  // One line in the run's language: "iothub-diag: timings: read 0.367 s (CPU
  // 0.734 s), ..., diagnosis 0.114 s (CPU 0.191 s; timelines 0.027 s, ...), ...
  // (total 0.646 s); peak RSS 97 MiB; heap on 4 KiB pages". Nothing when disabled.
  void write(const DiagnosticLines& say) const;

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  double last_cpu_seconds_;  // the process's processor time at last_
  struct Stage {
    MessageId name;
    double seconds;
    double cpu_seconds;  // of every thread of the process
    std::vector<std::pair<MessageId, double>> steps;
  };
  std::vector<Stage> stages_;
};

}  // namespace iothub_diag
