#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

// The CSV header after the fixed identity columns: every documented evidence
// key, in this order (docs/csv-report.md). Keys not listed go to `other`.
std::span<const std::string_view> csv_evidence_columns() noexcept;

// One text cell, RFC 4180 quoted when needed; a cell that a spreadsheet would
// read as a formula (starting with = + - @, tab or CR) gets a leading '.
std::string csv_text_cell(std::string_view text);

// Every reported device and window, one row each, under one fixed header;
// nothing is cut.
void render_csv(const Report& report, std::ostream& out);

}  // namespace iothub_diag
