#include <string>
#include <utility>

#include <sys/resource.h>

#include <iothub_diag/app/diagnostic_lines.hpp>
#include <iothub_diag/app/stage_timings.hpp>
#include <iothub_diag/core/huge_page_heap.hpp>

namespace iothub_diag {
namespace {

double seconds_between(std::chrono::steady_clock::time_point from,
                       std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace

StageTimings::StageTimings(bool enabled)
    : enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

void StageTimings::end_stage(MessageId stage, std::vector<std::pair<MessageId, double>> steps) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  stages_.push_back(Stage{stage, seconds_between(last_, now), std::move(steps)});
  last_ = now;
}

void StageTimings::write(const DiagnosticLines& say) const {
  if (!enabled_) return;
  const auto timed = [&say](MessageId name, double seconds) {
    return say.text(Message{MessageId::timing_stage, {Message{name, {}}, say.decimal(seconds, 3)}});
  };
  std::string stages;
  for (const Stage& stage : stages_) {
    if (!stages.empty()) stages += ", ";
    std::string line = timed(stage.name, stage.seconds);
    if (!stage.steps.empty()) {
      std::string steps;
      for (const auto& [step, seconds] : stage.steps) {
        if (!steps.empty()) steps += ", ";
        steps += timed(step, seconds);
      }
      line = say.text(Message{MessageId::timing_steps, {line, steps}});
    }
    stages += line;
  }
  rusage usage{};
  // ru_maxrss is in KiB on Linux; 0 when the call fails.
  const std::uint64_t peak_mib = ::getrusage(RUSAGE_SELF, &usage) == 0
                                     ? static_cast<std::uint64_t>(usage.ru_maxrss) / 1024
                                     : 0;
  say.note(Message{
      MessageId::timings,
      {stages, say.decimal(seconds_between(start_, last_), 3), count_arg(peak_mib),
       Message{heap_uses_huge_pages() ? MessageId::heap_huge_pages : MessageId::heap_small_pages,
               {}}}});
}

}  // namespace iothub_diag
