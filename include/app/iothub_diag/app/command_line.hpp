#pragma once

#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <iothub_diag/app/analyze_command.hpp>
#include <iothub_diag/app/kql_command.hpp>
#include <iothub_diag/app/simulate_command.hpp>

namespace iothub_diag {

// The whole command line of `iothub-diag`: the CLI11 definition and the
// options structs its callbacks fill. main() parses with it; the manual page
// and the shell completions are generated from the same object, so they list
// exactly what `--help` lists.
struct CommandLine {
  CLI::App app;
  AnalyzeOptions analyze;
  std::string fail_on = "warning";  // a severity name, or "never"
  SimulateCommand simulate;
  KqlCommand kql;
  std::string rules_config;
  Language rules_language = Language::en;
  // Why a check refused a value, when one did: CLI11 then throws a
  // ValidationError whose English main() does not show (app/usage_error.hpp).
  std::optional<Message> refusal;

  CommandLine();
  CommandLine(const CommandLine&) = delete;  // the callbacks point into this object
  CommandLine& operator=(const CommandLine&) = delete;
};

// Builds the command line; `cores` is the default of `analyze --threads`.
std::unique_ptr<CommandLine> make_command_line(unsigned cores);

// The placeholders for option values that name a file or a folder: the shell
// completions complete paths for them.
inline constexpr const char* kFileValue = "FILE";
inline constexpr const char* kFolderValue = "DIR";
// The value of an option that takes a size: bytes, or a number with a unit (64K, 8M, 8MiB).
inline constexpr const char* kSizeValue = "SIZE";

}  // namespace iothub_diag
