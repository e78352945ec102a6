#include <ctime>
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

// The processor time of every thread of the process so far (std::clock on
// Linux); 0 when it cannot be told.
double cpu_seconds() {
  const std::clock_t now = std::clock();
  return now == static_cast<std::clock_t>(-1)
             ? 0
             : static_cast<double>(now) / static_cast<double>(CLOCKS_PER_SEC);
}

}  // namespace

StageTimings::StageTimings(bool enabled)
    : enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_(start_),
      last_cpu_seconds_(enabled ? cpu_seconds() : 0) {}

void StageTimings::end_stage(MessageId stage, std::vector<std::pair<MessageId, double>> steps) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double cpu_now = cpu_seconds();
  stages_.push_back(
      Stage{stage, seconds_between(last_, now), cpu_now - last_cpu_seconds_, std::move(steps)});
  last_ = now;
  last_cpu_seconds_ = cpu_now;
}

void StageTimings::write(const DiagnosticLines& say) const {
  if (!enabled_) return;
  const auto timed = [&say](MessageId name, double seconds) {
    return say.text(Message{MessageId::timing_stage, {Message{name, {}}, say.decimal(seconds, 3)}});
  };
  std::string stages;
  for (const Stage& stage : stages_) {
    if (!stages.empty()) stages += ", ";
    std::vector<MessageArg> args{Message{stage.name, {}}, say.decimal(stage.seconds, 3),
                                 say.decimal(stage.cpu_seconds, 3)};
    if (stage.steps.empty()) {
      stages += say.text(Message{MessageId::timing_stage_cpu, std::move(args)});
      continue;
    }
    std::string steps;
    for (const auto& [step, seconds] : stage.steps) {
      if (!steps.empty()) steps += ", ";
      steps += timed(step, seconds);
    }
    args.emplace_back(std::move(steps));
    stages += say.text(Message{MessageId::timing_stage_cpu_steps, std::move(args)});
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
