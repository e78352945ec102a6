#include <string>
#include <string_view>

#include <iothub_diag/app/shell_completion.hpp>

namespace iothub_diag {

namespace {

// A word for a bash script, single-quoted unless it is plainly safe.
std::string shell_word(std::string_view word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyz"
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789-_.,+:/=@%") == std::string_view::npos;
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (const char c : word)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// "a b c" for compgen -W, itself one shell word. compgen expands its word list
// again (a $(...) in it would run), so every other character is escaped for that.
std::string word_list(const std::vector<std::string>& words) {
  std::string list;
  for (const std::string& word : words) {
    if (!list.empty()) list += ' ';
    for (const char c : word) {
      if (shell_word(std::string_view(&c, 1)).size() != 1) list += '\\';
      list += c;
    }
  }
  return shell_word(list);
}

// "-o | --output"
std::string case_pattern(const OptionOutline& option) {
  std::string pattern;
  for (const std::string& name : option.names)
    pattern += (pattern.empty() ? "" : " | ") + shell_word(name);
  return pattern;
}

void write_command_case(const CommandOutline& command, std::ostream& out) {
  out << "    " << (command.name.empty() ? "\"\"" : shell_word(command.name)) << ")\n";
  std::vector<std::string> names;
  bool has_positional = false;
  bool value_cases = false;
  for (const OptionOutline& option : command.options) {
    if (option.positional) {
      has_positional = true;
      continue;
    }
    names.insert(names.end(), option.names.begin(), option.names.end());
    if (!option.takes_value()) continue;
    if (!value_cases) out << "      case $prev in\n";
    value_cases = true;
    out << "        " << case_pattern(option) << ")\n          ";
    if (!option.choices.empty())
      out << "_iothub_diag_words " << word_list(option.choices);
    else if (option.takes_folder())
      out << "_iothub_diag_folders";
    else if (option.takes_file())
      out << "_iothub_diag_files";
    else
      out << ":";  // a free value: nothing to offer
    out << "\n          return\n          ;;\n";
  }
  if (value_cases) out << "      esac\n";
  out << "      options=" << word_list(names) << '\n';
  if (command.name.empty()) {
    out << "      if [[ $cur != -* ]]; then\n        _iothub_diag_words ";
    out << "\"$_iothub_diag_commands\"\n        return\n      fi\n";
  } else if (has_positional) {
    out << "      if [[ $cur != -* ]]; then\n        _iothub_diag_files\n        return\n      "
           "fi\n";
  }
  out << "      ;;\n";
}

}  // namespace

void write_bash_completion(const std::vector<CommandOutline>& commands, std::ostream& out) {
  std::vector<std::string> subcommands;
  for (const CommandOutline& command : commands)
    if (!command.name.empty()) subcommands.push_back(command.name);
  std::string command_pattern;
  for (const std::string& name : subcommands)
    command_pattern += (command_pattern.empty() ? "" : " | ") + shell_word(name);

  out << "# bash completion for iothub-diag\n"
         "# Generated from its command-line definition; do not edit.\n\n"
         "_iothub_diag_commands="
      << word_list(subcommands)
      << "\n\n"
         "_iothub_diag_words() {\n"
         "  local IFS=$' \\t\\n'\n"
         "  COMPREPLY=($(compgen -W \"$1\" -- \"$cur\"))\n"
         "}\n\n"
         "_iothub_diag_files() {\n"
         "  if declare -F _filedir >/dev/null; then\n"
         "    _filedir\n"
         "  else\n"
         "    compopt -o filenames 2>/dev/null\n"
         "    local IFS=$'\\n'\n"
         "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "  fi\n"
         "}\n\n"
         "_iothub_diag_folders() {\n"
         "  if declare -F _filedir >/dev/null; then\n"
         "    _filedir -d\n"
         "  else\n"
         "    compopt -o filenames 2>/dev/null\n"
         "    local IFS=$'\\n'\n"
         "    COMPREPLY=($(compgen -d -- \"$cur\"))\n"
         "  fi\n"
         "}\n\n"
         "_iothub_diag() {\n"
         "  local cur prev words cword split=false\n"
         "  if declare -F _init_completion >/dev/null; then\n"
         "    _init_completion -s || return\n"
         "  else\n"
         "    # Without bash-completion, '--format=j' arrives as three words (--format = j),\n"
         "    # or as one when COMP_WORDBREAKS lacks '='.\n"
         "    words=(\"${COMP_WORDS[@]}\")\n"
         "    cword=$COMP_CWORD\n"
         "    cur=${COMP_WORDS[COMP_CWORD]}\n"
         "    prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
         "    if [[ $cur == --*=* ]]; then\n"
         "      prev=${cur%%=*}\n"
         "      cur=${cur#*=}\n"
         "      split=true\n"
         "    elif [[ $cur == = ]]; then\n"
         "      cur=\n"
         "      split=true\n"
         "    elif [[ $prev == = && $cword -ge 2 ]]; then\n"
         "      prev=${COMP_WORDS[COMP_CWORD - 2]}\n"
         "      split=true\n"
         "    fi\n"
         "  fi\n"
         "  local command= options= i\n"
         "  for ((i = 1; i < cword; i++)); do\n"
         "    case ${words[i]} in\n"
         "      "
      << command_pattern
      << ")\n"
         "        command=${words[i]}\n"
         "        break\n"
         "        ;;\n"
         "    esac\n"
         "  done\n"
         "  case $command in\n";
  for (const CommandOutline& command : commands)
    write_command_case(command, out);
  out << "  esac\n"
         "  # --option=VALUE of an option without a fixed set of values: nothing to offer.\n"
         "  $split && return\n"
         "  _iothub_diag_words \"$options\"\n"
         "} &&\n"
         "  complete -F _iothub_diag iothub-diag\n";
}

}  // namespace iothub_diag
