// --since and --until that leave nothing to analyze are errors, not empty reports.
#include <sstream>

#include <catch2/catch.hpp>

#include <iothub_diag/app/analyze_command.hpp>

namespace iothub_diag {
namespace {

AnalyzeOptions sample_options() {
  AnalyzeOptions options;
  options.paths = {std::string(IOTHUB_DIAG_SOURCE_DIR) + "/samples/logs"};
  options.format = ReportFormat::json;
  options.fail_on.reset();
  options.threads = 1;
  return options;
}

TEST_CASE("a --since later than --until is refused before reading when both are times", "[app]") {
  AnalyzeOptions options = sample_options();
  options.since = parse_time_bound("2026-11-20T13:00:00Z");
  options.until = parse_time_bound("2026-11-20T12:00:00Z");
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::failure);
  CHECK(err.str() ==
        "iothub-diag: error: --since 2026-11-20T13:00:00Z is later than --until "
        "2026-11-20T12:00:00Z\n");
  CHECK(out.str().empty());
}

TEST_CASE("a --since later than --until once a duration is resolved is an error, not a report",
          "[app]") {
  AnalyzeOptions options = sample_options();
  options.since = parse_time_bound("1h");  // one hour before the last event
  options.until = parse_time_bound("2h");  // two hours before it
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::failure);
  CHECK(err.str().find("is later than --until") != std::string::npos);
  CHECK(out.str().empty());
}

}  // namespace
}  // namespace iothub_diag
