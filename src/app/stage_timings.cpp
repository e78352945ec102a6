#include <fmt/format.h>
#include <sys/resource.h>

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

void StageTimings::end_stage(std::string_view name) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  stages_.emplace_back(name, seconds_between(last_, now));
  last_ = now;
}

void StageTimings::write(std::ostream& err) const {
  if (!enabled_) return;
  std::string line = "iothub-diag: timings:";
  for (std::size_t i = 0; i < stages_.size(); ++i)
    line += fmt::format("{} {} {:.2f} s", i == 0 ? "" : ",", stages_[i].first, stages_[i].second);
  line += fmt::format(" (total {:.2f} s)", seconds_between(start_, last_));
  rusage usage{};
  if (::getrusage(RUSAGE_SELF, &usage) == 0)  // ru_maxrss is in KiB on Linux
    line += fmt::format("; peak RSS {} MiB", usage.ru_maxrss / 1024);
  line += heap_uses_huge_pages() ? "; heap on huge pages" : "; heap on 4 KiB pages";
  err << line << '\n';
}

}  // namespace iothub_diag
