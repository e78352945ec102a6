#pragma once

#include <cstddef>
#include <ostream>

#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

struct TextOptions {
  bool color = false;          // ANSI colors; the caller decides (terminal, NO_COLOR, --color)
  std::size_t max_items = 10;  // devices or windows listed per finding; the rest are counted
};

// The report for a person at a terminal: aligned tables, worst items first,
// every untrusted string escaped.
void render_text(const Report& report, const TextOptions& options, std::ostream& out);

}  // namespace iothub_diag
