#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include <iothub_diag/report/render_options.hpp>
#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

// Rows of a finding's table on the page; the rest are counted, never dropped silently.
inline constexpr std::size_t kHtmlMaxRows = 200;

// Untrusted text made inert in HTML text and attribute values (`& < > " '`),
// controls made visible, cut to `max_bytes` bytes of input.
std::string escape_html(std::string_view text, std::size_t max_bytes = SIZE_MAX);

// One self-contained page: summary, connected-device charts with the fleet
// windows shaded, and per finding its texts, a table and the worst devices'
// timelines. Inline CSS and SVG only; the one script (table sorting) is optional.
void render_html(const Report& report, const RenderOptions& options, std::ostream& out);

}  // namespace iothub_diag
