#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include <iothub_diag/report/render_options.hpp>
#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

// GitHub step summaries and comments are cut at 1 MiB; the report stays below.
inline constexpr std::size_t kMarkdownByteBudget = std::size_t{1000} * 1000;

// Untrusted text made inert in GitHub-flavoured Markdown, table cells
// included: Markdown and HTML punctuation become character references,
// controls and newlines become visible escapes, and the result is cut to
// `max_bytes` bytes of input.
std::string escape_markdown(std::string_view text, std::size_t max_bytes = 200);

// The report as GitHub-flavoured Markdown: verdicts first, then one table per
// finding, worst first, at most `max_items` rows each; always under
// `byte_budget` bytes, saying what was left out to stay there.
void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out,
                     std::size_t byte_budget);
void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out);

}  // namespace iothub_diag
