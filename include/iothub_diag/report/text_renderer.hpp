#pragma once

#include <cstddef>
#include <ostream>

#include <iothub_diag/report/render_options.hpp>
#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

// The report for a person at a terminal: aligned tables, worst items first,
// every untrusted string escaped.
void render_text(const Report& report, const RenderOptions& options, std::ostream& out);

}  // namespace iothub_diag
