#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace iothub_diag {

// What a completion or a manual page needs to know of one option, read from
// its CLI11 definition.
struct OptionOutline {
  std::vector<std::string> names;    // "-f", "--format"; a positional's name alone ("PATH")
  std::string value_name;            // "TEXT", "FILE", "DIR", "UINT"...; empty for a flag
  std::vector<std::string> choices;  // the accepted values, when they are a fixed set
  std::string description;
  std::string default_text;
  bool positional = false;
  bool repeatable = false;
  bool required = false;

  bool takes_value() const { return !value_name.empty(); }
  bool takes_file() const;    // a file name (FILE, or a positional)
  bool takes_folder() const;  // a folder name (DIR)
};

// One command: the program itself (empty name) or a subcommand.
struct CommandOutline {
  std::string name;
  std::string description;
  std::vector<OptionOutline> options;  // in definition order, positionals included
};

// The program's own options first, then each subcommand in definition order.
std::vector<CommandOutline> outline_commands(const CLI::App& app);

}  // namespace iothub_diag
