#pragma once

#include <string>

#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

// Devices a finding's query lists at most: the worst, in report order.
inline constexpr std::size_t kKqlDevicesPerFinding = 100;

// A query that lists a finding's evidence in a Log Analytics workspace: the
// connection events and errors of its devices over the analyzed span, or of
// each window's hub inside the window (JSON `findings[].kql`).
std::string finding_kql(const Finding& finding, const Report& report);

}  // namespace iothub_diag
