// iothub-diag: maps the command line onto the library's options and runs it.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <span>
#include <thread>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <iothub_diag/app/command_line.hpp>
#include <iothub_diag/app/diagnostic_lines.hpp>
#include <iothub_diag/app/report_output.hpp>
#include <iothub_diag/app/usage_error.hpp>
#include <iothub_diag/core/descriptor_stream.hpp>
#include <iothub_diag/core/heap_arenas.hpp>
#include <iothub_diag/core/huge_page_heap.hpp>
#include <iothub_diag/core/text_escape.hpp>

using namespace iothub_diag;

namespace {

int run(int argc, char** argv) {
  const std::unique_ptr<CommandLine> command_line =
      make_command_line(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App& app = command_line->app;
  AnalyzeOptions& analyze = command_line->analyze;
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& done) {  // --help, --version
    return app.exit(done);
  } catch (const CLI::ParseError& error) {
    const std::span<const char* const> args(argv, static_cast<std::size_t>(argc));
    const UsageError usage = describe_usage_error(error, *command_line, args);
    const DiagnosticLines say(std::cerr, language_in_arguments(args));
    say.error(usage.problem);
    say.note(usage.hint);
    return static_cast<int>(ExitCode::failure);
  }

  try {
    // A listing written to standard output, its writes checked: a full disk or a
    // closed stdout is exit 2 with the reason.
    const auto to_stdout = [](MessageId what, Language language, const auto& command) {
      DescriptorStream out(STDOUT_FILENO);
      const ExitCode code = command(out);
      if (const auto problem = finish_standard_output(out, Message{what, {}})) {
        DiagnosticLines(std::cerr, language).error(*problem);
        return static_cast<int>(ExitCode::failure);
      }
      return static_cast<int>(code);
    };
    if (app.got_subcommand("rules")) {
      const Language language = command_line->rules_language;
      return to_stdout(MessageId::output_rule_list, language, [&](std::ostream& out) {
        return run_rules(command_line->rules_config, language, out, std::cerr);
      });
    }
    if (app.got_subcommand("kql")) {
      return to_stdout(MessageId::output_query, command_line->kql.language, [&](std::ostream& out) {
        return run_kql(command_line->kql, out, std::cerr);
      });
    }
    if (app.got_subcommand("simulate"))
      return static_cast<int>(run_simulate(command_line->simulate, std::cout, std::cerr));
    const std::string& fail_on = command_line->fail_on;
    analyze.fail_on = fail_on == "never" ? std::nullopt : severity_from_name(fail_on);
    const Environment environment{
        ::isatty(STDOUT_FILENO) == 1,
        std::getenv("NO_COLOR") != nullptr && *std::getenv("NO_COLOR") != '\0',
        ::isatty(STDERR_FILENO) == 1,
        [] { return std::chrono::steady_clock::now(); },
        std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count(),
        true};
    // Not std::cout: its buffer would hide why a write failed (a full disk, a closed stdout).
    DescriptorStream out(STDOUT_FILENO);
    return static_cast<int>(run_analyze(analyze, environment, out, std::cerr));
  } catch (const std::exception& error) {
    std::cerr << "iothub-diag: error: " << escape_for_terminal(error.what()) << '\n';
    return static_cast<int>(ExitCode::failure);
  }
}

}  // namespace

int main(int argc, char** argv) {
  restart_with_huge_page_heap(argv);
  limit_heap_arenas(std::thread::hardware_concurrency());
  reserve_standard_descriptors();
  // Building the command line can throw too (std::bad_alloc): never let anything escape.
  try {
    return run(argc, argv);
  } catch (...) {
    std::cerr << "iothub-diag: error: unexpected failure\n";
    return static_cast<int>(ExitCode::failure);
  }
}
