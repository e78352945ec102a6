#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <iothub_diag/app/analyze_command.hpp>
#include <iothub_diag/workspace/kql_query.hpp>

namespace iothub_diag {

// `iothub-diag kql`: the query `analyze --workspace` sends for a span, for
// users who run it themselves (portal, az, Azure Data Explorer, a workbook).
struct KqlCommand {
  workspace::KqlSpan span;
  std::vector<std::string> devices;  // only these devices' events (one hub)
  bool count = false;                // print the planning query (rows per bin) instead
  int bin_minutes = 60;              // the planning query's bin
  Language language = Language::en;  // of the errors on stderr; the query is the same
};

ExitCode run_kql(const KqlCommand& command, std::ostream& out, std::ostream& err);

}  // namespace iothub_diag
