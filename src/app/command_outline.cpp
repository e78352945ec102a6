#include <string_view>

#include <iothub_diag/app/command_line.hpp>
#include <iothub_diag/app/command_outline.hpp>

namespace iothub_diag {

namespace {

// CLI11 writes a fixed set of values into the type name: "TEXT:{text,json}".
std::vector<std::string> choices_of(const std::string& type_name) {
  std::vector<std::string> choices;
  const std::size_t open = type_name.find(":{");
  const std::size_t close = type_name.find('}', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return choices;
  std::string_view list(type_name);
  list = list.substr(open + 2, close - open - 2);
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    choices.emplace_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return choices;
}

OptionOutline outline_option(const CLI::Option& option) {
  OptionOutline outline;
  outline.positional = option.get_positional();
  if (outline.positional) {
    outline.names.push_back(option.get_name());
  } else {
    for (const std::string& name : option.get_snames())
      outline.names.push_back("-" + name);
    for (const std::string& name : option.get_lnames())
      outline.names.push_back("--" + name);
  }
  const std::string type_name = option.get_type_name();
  // As in CLI11's own help: a flag has no type name.
  if (option.get_type_size() != 0 && !type_name.empty()) {
    outline.value_name = type_name.substr(0, type_name.find(':'));
    outline.choices = choices_of(type_name);
  }
  outline.description = option.get_description();
  outline.default_text = option.get_default_str();
  outline.repeatable = option.get_expected_max() > 1;
  outline.required = option.get_required();
  return outline;
}

CommandOutline outline_command(const CLI::App& command) {
  CommandOutline outline{command.get_name(), command.get_description(), {}};
  if (command.get_parent() == nullptr) outline.name.clear();
  for (const CLI::Option* option : command.get_options())
    outline.options.push_back(outline_option(*option));
  return outline;
}

}  // namespace

bool OptionOutline::takes_file() const {
  return value_name == kFileValue || positional;
}

bool OptionOutline::takes_folder() const {
  return value_name == kFolderValue;
}

std::vector<CommandOutline> outline_commands(const CLI::App& app) {
  std::vector<CommandOutline> commands{outline_command(app)};
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    commands.push_back(outline_command(*command));
  return commands;
}

}  // namespace iothub_diag
