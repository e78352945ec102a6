#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>

#include <iothub_diag/report/render_options.hpp>
#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

enum class ReportFormat : std::uint8_t { text, json, markdown, csv, html };

using Renderer = void (*)(const Report& report, const RenderOptions& options, std::ostream& out);

// One output format: the `--format` name, its help text and its renderer.
struct ReportFormatInfo {
  ReportFormat format;
  std::string_view name;
  std::string_view description;
  Renderer render;
};

// Every format, in enum order: drives `--format`, its help and run_analyze.
std::span<const ReportFormatInfo> report_formats() noexcept;
const ReportFormatInfo& report_format_info(ReportFormat format) noexcept;
std::optional<ReportFormat> report_format_from_name(std::string_view name) noexcept;

}  // namespace iothub_diag
