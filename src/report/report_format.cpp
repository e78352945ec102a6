#include <array>

#include <iothub_diag/report/csv_renderer.hpp>
#include <iothub_diag/report/html_renderer.hpp>
#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/report/markdown_renderer.hpp>
#include <iothub_diag/report/report_format.hpp>
#include <iothub_diag/report/text_renderer.hpp>

namespace iothub_diag {
namespace {

constexpr std::array kReportFormats = {
    ReportFormatInfo{ReportFormat::text, "text", "aligned tables for a person at a terminal",
                     [](const Report& report, const RenderOptions& options, std::ostream& out) {
                       render_text(report, options, out);
                     }},
    ReportFormatInfo{ReportFormat::json, "json",
                     "the documented contract for dashboards and scripts (docs/json-report.md)",
                     [](const Report& report, const RenderOptions& options, std::ostream& out) {
                       render_json(report, out, options.threads);
                     }},
    ReportFormatInfo{
        ReportFormat::markdown, "markdown",
        "GitHub-flavoured Markdown for a CI step summary or a PR comment (under 1 MiB)",
        render_markdown},
    ReportFormatInfo{
        ReportFormat::csv, "csv",
        "one row per reported device or window, for a spreadsheet (docs/csv-report.md)",
        [](const Report& report, const RenderOptions&, std::ostream& out) {
          render_csv(report, out);
        }},
    ReportFormatInfo{ReportFormat::html, "html",
                     "one self-contained page with charts and timelines, readable offline",
                     render_html},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kReportFormats.size(); ++i)
    if (static_cast<std::size_t>(kReportFormats[i].format) != i) return false;
  return true;
}
static_assert(in_enum_order(), "kReportFormats rows must follow ReportFormat order");

}  // namespace

std::span<const ReportFormatInfo> report_formats() noexcept {
  return kReportFormats;
}

const ReportFormatInfo& report_format_info(ReportFormat format) noexcept {
  return kReportFormats[static_cast<std::size_t>(format)];
}

std::optional<ReportFormat> report_format_from_name(std::string_view name) noexcept {
  for (const ReportFormatInfo& info : kReportFormats)
    if (info.name == name) return info.format;
  return std::nullopt;
}

}  // namespace iothub_diag
