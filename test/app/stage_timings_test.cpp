#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include <iothub_diag/app/analyze_command.hpp>
#include <iothub_diag/app/diagnostic_lines.hpp>
#include <iothub_diag/app/stage_timings.hpp>

namespace iothub_diag {
namespace {

TEST_CASE(
    "analyze with timings names every stage, the peak memory and the heap's pages after the report",
    "[app]") {
  AnalyzeOptions options;
  options.paths = {std::string(IOTHUB_DIAG_SOURCE_DIR) + "/samples/logs"};
  options.format = ReportFormat::json;
  options.fail_on.reset();
  options.timings = true;
  std::ostringstream out;
  std::ostringstream err;
  REQUIRE(run_analyze(options, Environment{}, out, err) == ExitCode::clean);
  const std::string line = err.str();
  CHECK(line.starts_with("iothub-diag: timings: read "));
  for (const char* stage : {", finalize ", ", diagnosis ", ", rules ", ", report ", ", render "})
    CHECK(line.find(stage) != std::string::npos);
  // Each stage's processor time follows its wall time; the diagnosis's steps follow both.
  CHECK(std::regex_search(line,
                          std::regex(R"(timings: read \d+\.\d{3} s \(CPU \d+\.\d{3} s\), )"
                                     R"(finalize \d+\.\d{3} s \(CPU \d+\.\d{3} s\), )"
                                     R"(diagnosis \d+\.\d{3} s \(CPU \d+\.\d{3} s; timelines )")));
  CHECK(std::regex_search(line,
                          std::regex(R"(, render \d+\.\d{3} s \(CPU \d+\.\d{3} s\) \(total )")));
  // The diagnosis's own steps follow it, in the order they ran.
  const auto steps = line.find(" s; timelines ");
  REQUIRE(steps != std::string::npos);
  CHECK(line.rfind(", diagnosis ", steps) != std::string::npos);
  const auto gaps = line.find(" s, gaps ", steps);
  const auto bursts = line.find(" s, bursts ", steps);
  const auto attribution = line.find(" s, attribution ", steps);
  CHECK(steps < gaps);
  CHECK(gaps < bursts);
  CHECK(bursts < attribution);
  CHECK(attribution != std::string::npos);
  CHECK(line.find(" s), rules ", attribution) != std::string::npos);
  CHECK(line.find(" s) (total ") != std::string::npos);
  CHECK(line.find("; peak RSS ") != std::string::npos);
  CHECK(line.find(" MiB; heap on ") != std::string::npos);
  CHECK(line.ends_with(" pages\n"));

  // Without the flag, stderr stays as it was: nothing depends on the clock.
  options.timings = false;
  std::ostringstream quiet;
  REQUIRE(run_analyze(options, Environment{}, out, quiet) == ExitCode::clean);
  CHECK(quiet.str().empty());
}

TEST_CASE("analyze with timings says them in the language of --lang", "[app]") {
  AnalyzeOptions options;
  options.paths = {std::string(IOTHUB_DIAG_SOURCE_DIR) + "/samples/logs"};
  options.format = ReportFormat::json;
  options.fail_on.reset();
  options.timings = true;
  options.language = Language::fr;
  std::ostringstream out;
  std::ostringstream err;
  REQUIRE(run_analyze(options, Environment{}, out, err) == ExitCode::clean);
  const std::string text = err.str();
  const std::string line = text.substr(text.rfind("iothub-diag: "));
  CHECK(line.starts_with("iothub-diag: durées\u00A0: lecture "));
  for (const char* stage :
       {", finalisation ", ", diagnostic ", ", règles ", ", rapport ", ", rendu ",
        "\u00A0; chronologies ", ", trous ", ", rafales ", ", attribution ", " (processeur "})
    CHECK(line.find(stage) != std::string::npos);
  CHECK(line.find("\u00A0s) (total ") != std::string::npos);
  CHECK(line.find("\u00A0; pic de mémoire résidente ") != std::string::npos);
  CHECK(line.find("\u00A0Mio\u00A0; tas en ") != std::string::npos);
  CHECK(line.find('.') == std::string::npos);  // decimal commas
}

TEST_CASE("a stage's steps are said after it, in parentheses", "[app]") {
  StageTimings timings(true);
  timings.end_stage(MessageId::stage_read);
  timings.end_stage(MessageId::stage_diagnosis,
                    {{MessageId::stage_timelines, 0.5}, {MessageId::stage_gaps, 0.25}});
  std::ostringstream err;
  timings.write(DiagnosticLines(err, Language::en));
  CHECK(err.str().find(", diagnosis ") != std::string::npos);
  CHECK(err.str().find(" s; timelines 0.500 s, gaps 0.250 s) (total ") != std::string::npos);
}

TEST_CASE("a disabled stage clock writes nothing", "[app]") {
  StageTimings timings(false);
  timings.end_stage(MessageId::stage_read);
  std::ostringstream err;
  timings.write(DiagnosticLines(err, Language::en));
  CHECK(err.str().empty());
}

}  // namespace
}  // namespace iothub_diag
