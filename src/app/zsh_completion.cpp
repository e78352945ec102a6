#include <string>
#include <string_view>

#include <iothub_diag/app/shell_completion.hpp>

namespace iothub_diag {

namespace {

// Text inside a single-quoted zsh word.
std::string single_quoted(std::string_view text) {
  std::string quoted;
  for (const char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted;
}

// The first line of a description, for _arguments' [...] or _describe's
// name:description (brackets and backslashes escaped).
std::string summary(std::string_view description) {
  description = description.substr(0, description.find('\n'));
  while (!description.empty() && (description.back() == ':' || description.back() == ' '))
    description.remove_suffix(1);
  std::string text;
  for (const char c : description) {
    if (c == '[' || c == ']' || c == '\\') text += '\\';
    text += c;
  }
  return single_quoted(text);
}

// One _arguments spec: '(-f --format)'{-f,--format}'[Report format]:TEXT:(text json)'
std::string argument_spec(const OptionOutline& option) {
  std::string action;
  if (!option.choices.empty()) {
    action = "(";
    for (std::size_t i = 0; i < option.choices.size(); ++i)
      action += (i == 0 ? "" : " ") + single_quoted(option.choices[i]);
    action += ")";
  } else if (option.takes_folder()) {
    action = "_files -/";
  } else if (option.takes_file()) {
    action = "_files";
  } else {
    action = " ";
  }
  // A positional's message is its name (PATH), an option's its value's (FILE).
  const std::string message = option.positional ? option.names.front() : option.value_name;
  const std::string value =
      option.takes_value() || option.positional ? ":" + single_quoted(message) + ":" + action : "";
  if (option.positional) return "'*" + value + "'";
  std::string exclusive;
  std::string names;
  for (const std::string& name : option.names) {
    exclusive += (exclusive.empty() ? "" : " ") + name;
    names += (names.empty() ? "" : ",") + name;
  }
  const std::string help = "[" + summary(option.description) + "]";
  if (option.repeatable) return "'*" + names + help + value + "'";
  if (option.names.size() == 1) return "'" + names + help + value + "'";
  return "'(" + exclusive + ")'{" + names + "}'" + help + value + "'";
}

void write_arguments(const CommandOutline& command, std::string_view indent, std::ostream& out) {
  out << indent << "_arguments -s -S";
  for (const OptionOutline& option : command.options)
    out << " \\\n" << indent << "  " << argument_spec(option);
}

}  // namespace

void write_zsh_completion(const std::vector<CommandOutline>& commands, std::ostream& out) {
  out << "#compdef iothub-diag\n"
         "# zsh completion for iothub-diag\n"
         "# Generated from its command-line definition; do not edit.\n\n"
         "_iothub-diag() {\n"
         "  local curcontext=$curcontext state state_descr line ret=1\n"
         "  typeset -A opt_args\n";
  // The program's own options (--help, --version) end the command line: (- *).
  out << "  _arguments -C";
  for (const OptionOutline& option : commands.front().options) {
    std::string names;
    for (const std::string& name : option.names)
      names += (names.empty() ? "" : ",") + name;
    const std::string spec = option.names.size() == 1 ? names : "{" + names + "}";
    out << " \\\n    '(- *)'" << spec << "'[" << summary(option.description) << "]'";
  }
  out << " \\\n    '1:command:->command' \\\n    '*::argument:->argument' && return\n"
         "  case $state in\n"
         "    command)\n"
         "      local -a commands\n"
         "      commands=(";
  for (const CommandOutline& command : commands) {
    if (command.name.empty()) continue;
    out << "\n        '" << single_quoted(command.name) << ':' << summary(command.description)
        << "'";
  }
  out << "\n      )\n"
         "      _describe -t commands 'iothub-diag command' commands && ret=0\n"
         "      ;;\n"
         "    argument)\n"
         "      curcontext=${curcontext%:*:*}:iothub-diag-$words[1]:\n"
         "      case $words[1] in\n";
  for (const CommandOutline& command : commands) {
    if (command.name.empty()) continue;
    out << "        '" << single_quoted(command.name) << "')\n";
    write_arguments(command, "          ", out);
    out << " && ret=0\n          ;;\n";
  }
  out << "      esac\n"
         "      ;;\n"
         "  esac\n"
         "  return ret\n"
         "}\n\n"
         "_iothub-diag \"$@\"\n";
}

}  // namespace iothub_diag
