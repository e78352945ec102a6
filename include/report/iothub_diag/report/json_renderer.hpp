#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include <iothub_diag/report/report.hpp>

namespace iothub_diag {

// Writes the report as the documented JSON contract (docs/json-report.md),
// indented, with a final newline. Streamed through JsonWriter: no document is
// built, so memory does not grow with the findings. Up to `threads` write a
// long list of devices or windows side by side; the bytes are the same for any number.
void render_json(const Report& report, std::ostream& out, unsigned threads = 1);

// The same contract as a document, parsed back from render_json's output (for
// code that reads the report in memory: the accuracy benchmark, tests).
nlohmann::ordered_json report_to_json(const Report& report);

}  // namespace iothub_diag
