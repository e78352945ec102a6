#include <fmt/format.h>

#include <iothub_diag/report/chart_data.hpp>
#include <iothub_diag/report/device_timelines.hpp>

namespace iothub_diag {

bool glob_match(std::string_view pattern, std::string_view text) noexcept {
  // Iterative matching with one backtrack point: linear for one star, and
  // never exponential whatever the pattern.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

void add_device_timelines(Report& report, const Diagnosis& diagnosis,
                          const std::vector<std::string>& patterns) {
  report.device_patterns = patterns;
  if (patterns.empty()) return;
  const EventStore& store = diagnosis.store();
  std::vector<bool> used(patterns.size(), false);
  std::size_t matched = 0;
  std::size_t cut_events = 0;
  for (DeviceIndex device = 0; device < store.devices().size(); ++device) {
    const DeviceInfo& info = store.devices()[device];
    const std::string full =
        info.module_id.empty() ? info.device_id : info.device_id + "/" + info.module_id;
    bool match = false;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      if (glob_match(patterns[i], info.device_id) || glob_match(patterns[i], full)) {
        used[i] = true;
        match = true;
      }
    }
    if (!match) continue;
    if (++matched > kMaxTimelineDevices) continue;
    DeviceTrace trace = device_trace(diagnosis, device, kMaxTimelineEvents);
    trace.hub = store.hubs()[info.hub].name;
    trace.device_id = info.device_id;
    trace.module_id = info.module_id;
    if (trace.events_left_out > 0) ++cut_events;
    report.device_timelines.push_back(std::move(trace));
  }
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    if (!used[i])
      report.notes.push_back(fmt::format("--device {} matches no device.", patterns[i]));
  }
  if (matched > kMaxTimelineDevices) {
    report.notes.push_back(fmt::format(
        "--device matches {} devices; the timelines of the first {} (in id order) are shown.",
        matched, kMaxTimelineDevices));
  }
  if (cut_events > 0) {
    report.notes.push_back(fmt::format(
        "{} device timelines stop after {} events; the later events are counted, not listed.",
        cut_events, kMaxTimelineEvents));
  }
}

}  // namespace iothub_diag
