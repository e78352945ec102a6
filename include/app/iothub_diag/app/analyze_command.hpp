#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <iothub_diag/app/progress_line.hpp>
#include <iothub_diag/app/workspace_input.hpp>
#include <iothub_diag/input/input_format.hpp>
#include <iothub_diag/input/locale_time.hpp>
#include <iothub_diag/model/time_bound.hpp>
#include <iothub_diag/report/report_format.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

// Process exit codes, documented in the README and `--help`.
enum class ExitCode : int {
  clean = 0,     // analysis done, nothing at or above --fail-on
  findings = 1,  // findings at or above --fail-on
  failure = 2,   // usage error, no readable input, a named path not read, or the report not written
};

enum class ColorMode : std::uint8_t { automatic, always, never };

// `iothub-diag analyze`, as plain data: main() fills it from the command line.
struct AnalyzeOptions {
  std::vector<std::string> paths;  // empty: standard input
  ReportFormat format = ReportFormat::text;
  Language language = Language::en;                     // human texts of text, Markdown and HTML
  std::string output_file;                              // empty: standard output
  std::optional<Severity> fail_on = Severity::warning;  // nullopt: never fail on findings
  ColorMode color = ColorMode::automatic;
  std::size_t max_items = 10;
  std::string config_file;
  InputFormat input_format = InputFormat::automatic;
  DateOrder date_order = DateOrder::automatic;  // CSV locale dates, when the data cannot tell
  std::optional<std::int32_t> local_time_offset_minutes;  // for `[Local Time]` CSV exports
  std::size_t max_record_bytes = 64u << 20;
  bool drop_duplicates = true;
  std::vector<std::string> hubs;   // --hub: analyze only these hubs; empty: every hub
  std::optional<TimeBound> since;  // --since / --until: the events analyzed
  std::optional<TimeBound> until;
  std::vector<std::string> devices;  // --device: globs of the identities to tell the story of
  unsigned threads = 1;           // main() sets the number of cores; the report is the same for any
  std::uint64_t piece_bytes = 0;  // JSON Lines files of twice this are read in pieces; 0: automatic
  bool timings = false;           // print each stage's time and the peak memory on stderr
  WorkspaceOptions workspace;     // --workspace: pull the logs from Log Analytics instead of paths
};

// Terminal facts main() knows and the library must not look up itself.
struct Environment {
  bool stdout_is_terminal = false;
  bool no_color = false;            // NO_COLOR is set
  bool stderr_is_terminal = false;  // a progress line may be shown there
  MonotonicClock clock;             // for the progress line's rate only; empty: no progress line
  Timestamp now = 0;                // wall-clock time, for --workspace durations ("24h" before now)
  // The process ends when run_analyze returns: the report's memory (hundreds of
  // thousands of small blocks for a large fleet) is left for the system to take
  // back at once instead of being freed block by block.
  bool exits_after = false;
};

ExitCode run_analyze(const AnalyzeOptions& options, const Environment& environment,
                     std::ostream& out, std::ostream& err);

// `iothub-diag rules`: every rule and threshold with its meaning.
ExitCode run_rules(const std::string& config_file, Language language, std::ostream& out,
                   std::ostream& err);

}  // namespace iothub_diag
