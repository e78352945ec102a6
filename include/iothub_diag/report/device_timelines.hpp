#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

inline constexpr std::size_t kMaxTimelineDevices = 100;
inline constexpr std::size_t kMaxTimelineEvents = 10000;

// True when `text` matches `pattern`, where `*` stands for any run of
// characters and `?` for one byte; anything else must match exactly.
bool glob_match(std::string_view pattern, std::string_view text) noexcept;

// --device: fills report.device_timelines with the whole history of every
// device whose id (or id/module) matches one of `patterns`, in device order,
// at most kMaxTimelineDevices devices of kMaxTimelineEvents events each; says
// in the report's notes what was cut and which patterns matched nothing.
void add_device_timelines(Report& report, const Diagnosis& diagnosis,
                          const std::vector<std::string>& patterns);

}  // namespace iothub_diag
