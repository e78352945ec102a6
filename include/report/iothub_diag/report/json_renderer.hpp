#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

// The report as the documented JSON contract (docs/json-report.md).
nlohmann::ordered_json report_to_json(const Report& report);

// Writes report_to_json, indented, with a final newline.
void render_json(const Report& report, std::ostream& out);

}  // namespace iothub_diag
