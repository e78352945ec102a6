#pragma once

#include <span>
#include <string>
#include <string_view>

namespace iothub_diag {

// One entry of a section of the manual page: a term (an exit code, a
// variable, a path, a command line) and what it means.
struct ManualEntry {
  std::string_view term;
  std::string_view text;
};

// The NAME line's summary and the paragraph that follows the program's own
// description in DESCRIPTION.
std::string_view manual_summary();
std::string_view manual_description();

// The sections of `iothub-diag(1)` that the command-line definition does not
// hold; the exit codes also make the footer of `--help`.
std::span<const ManualEntry> manual_exit_codes();
std::span<const ManualEntry> manual_environment();
std::span<const ManualEntry> manual_files();
std::span<const ManualEntry> manual_examples();

// "Exit codes: 0 ...; 1 ...; 2 ...." for the footer of `--help` (analyze's).
std::string exit_codes_footer();

// What simulate, kql and rules exit with: one entry each, the command and its codes.
std::span<const ManualEntry> manual_command_exit_codes();

// "Exit codes: 0 ...; 2 ...." for the footer of that command's `--help`.
std::string command_exit_codes_footer(std::string_view command);

// The footer of the program's own `--help`: analyze's codes, then the other commands'.
std::string program_exit_codes_footer();

}  // namespace iothub_diag
