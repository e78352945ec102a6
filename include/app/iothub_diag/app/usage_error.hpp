#pragma once

#include <span>

#include <CLI/CLI.hpp>

#include <iothub_diag/app/command_line.hpp>
#include <iothub_diag/core/message.hpp>
#include <iothub_diag/report/language.hpp>

namespace iothub_diag {

// What a command line that cannot be parsed says: the problem, as an error
// line, and the command whose --help tells more, as a note. Both are Messages
// from the text tables, never CLI11's English sentences, so that they follow
// --lang like every other line on stderr.
struct UsageError {
  Message problem;
  Message hint;
};

// The language the command line asks for with --lang (the last valid one),
// read before it is parsed: a usage error must be said in it even when the
// parse stops before reaching --lang. English when there is none.
Language language_in_arguments(std::span<const char* const> args) noexcept;

// Why `command_line` refused `args` (argv, the program's name first), after
// its parse threw `error` (not a CLI::Success, which is --help or --version).
UsageError describe_usage_error(const CLI::ParseError& error, const CommandLine& command_line,
                                std::span<const char* const> args);

}  // namespace iothub_diag
