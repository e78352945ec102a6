#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <iothub_diag/app/usage_error.hpp>
#include <iothub_diag/core/ascii.hpp>

namespace iothub_diag {
namespace {

constexpr std::string_view kProgram = "iothub-diag";

// The command the parse reached (`analyze`, `kql`, ...), or nullptr.
const CLI::App* command_reached(const CLI::App& app) {
  const std::vector<CLI::App*> reached = app.get_subcommands();
  return reached.empty() ? nullptr : reached.front();
}

// The arguments after the program's name, up to a `--` that ends the options.
std::span<const char* const> arguments(std::span<const char* const> args) {
  if (args.empty()) return args;
  const auto words = args.subspan(1);
  const auto end = std::find_if(words.begin(), words.end(),
                                [](const char* word) { return std::string_view(word) == "--"; });
  return words.first(static_cast<std::size_t>(end - words.begin()));
}

// A word as the user typed it, or '' when it is empty (it would not show).
std::string shown(std::string_view word) {
  return word.empty() ? std::string("''") : std::string(word);
}

// Edits (insertions, deletions, substitutions, swaps of two neighbours) that
// turn `a` into `b`: `analyse` is one from `analyze`.
std::size_t edits_between(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> cost(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    cost[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    cost[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
      cost[i][j] = std::min({cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + change});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cost[i][j] = std::min(cost[i][j], cost[i - 2][j - 2] + 1);
    }
  }
  return cost[a.size()][b.size()];
}

// The command a mistyped word was meant as: the only one it begins (`sim`), or
// the one it is within a few edits of (`analyse`), in any case; nullptr when none.
const std::string* meant_command(std::string_view word, const std::vector<std::string>& commands) {
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
  const auto begun = [&lower](const std::string& command) {
    return lower.size() >= 2 && command.starts_with(lower);
  };
  if (std::count_if(commands.begin(), commands.end(), begun) == 1)
    return &*std::find_if(commands.begin(), commands.end(), begun);
  const std::string* nearest = nullptr;
  std::size_t nearest_edits = std::max<std::size_t>(2, lower.size() / 3) + 1;
  for (const std::string& command : commands) {
    // At least as many edits as the lengths differ: a long word is compared with nothing.
    const std::size_t longer = std::max(lower.size(), command.size());
    if (longer - std::min(lower.size(), command.size()) >= nearest_edits) continue;
    const std::size_t edits = edits_between(lower, command);
    if (edits < nearest_edits) {
      nearest = &command;
      nearest_edits = edits;
    }
  }
  return nearest;
}

// No command was reached. The first word was meant as one; an option before
// any command (the program's own are --help and --version) belongs to none.
Message command_problem(const CLI::App& app, std::span<const char* const> words) {
  std::vector<std::string> commands;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    commands.push_back(command->get_name());
  const std::string listed = fmt::format("{}", fmt::join(commands, ", "));
  if (words.empty()) return Message{MessageId::usage_command_missing, {listed}};
  const std::string_view word = words.front();
  if (word.starts_with('-')) return Message{MessageId::usage_unexpected, {shown(word)}, 1};
  if (const std::string* meant = meant_command(word, commands))
    return Message{MessageId::usage_unknown_command_near, {std::string(word), *meant}};
  return Message{MessageId::usage_unknown_command, {std::string(word), listed}};
}

// A required option left out (the simulator's --out), by its first long name.
std::optional<Message> missing_option(const CLI::App& command) {
  for (const CLI::Option* option : command.get_options()) {
    if (option->get_required() && option->count() == 0)
      return Message{MessageId::usage_option_required, {option->get_name()}};
  }
  return std::nullopt;
}

// An option that takes one value, given more than once (`--format json --format text`).
std::optional<Message> given_twice(const CLI::App& command) {
  for (const CLI::Option* option : command.get_options()) {
    const int most = option->get_items_expected_max();
    if (most > 0 && option->count() > static_cast<std::size_t>(most))
      return Message{MessageId::usage_given_twice, {option->get_name()}};
  }
  return std::nullopt;
}

// An option that ends the line without its value: the last word (`--top`,
// `--top=`, `-f`), when it names an option of the command that takes one.
std::optional<Message> value_missing(const CLI::App& command, std::span<const char* const> words) {
  if (words.empty()) return std::nullopt;
  const std::string_view last = words.back();
  const std::size_t equals = last.find('=');
  if (!last.starts_with('-') || last.size() < 2 ||
      (equals != std::string_view::npos && equals + 1 != last.size()))
    return std::nullopt;
  const CLI::Option* option = command.get_option_no_throw(std::string(last.substr(0, equals)));
  if (option == nullptr || option->get_items_expected_max() == 0) return std::nullopt;
  return Message{MessageId::usage_value_missing, {option->get_name()}};
}

// A flag given a value it cannot take (`--timings=maybe`): a flag takes none,
// or one CLI11 reads as true or false (`=true`, `=no`, `=0`).
std::optional<Message> flag_value(const CLI::App& app, const CLI::App* command,
                                  std::span<const char* const> words) {
  for (const std::string_view word : words) {
    const std::size_t equals = word.find('=');
    if (!word.starts_with("--") || equals == std::string_view::npos) continue;
    const std::string name(word.substr(0, equals));
    const CLI::Option* option = command != nullptr ? command->get_option_no_throw(name) : nullptr;
    if (option == nullptr) option = app.get_option_no_throw(name);
    if (option == nullptr || option->get_items_expected_max() != 0) continue;  // a flag
    const std::string value(word.substr(equals + 1));
    try {
      CLI::detail::to_flag_value(value);
    } catch (const std::exception&) {  // std::invalid_argument, std::out_of_range
      return Message{MessageId::usage_flag_value, {option->get_name(), shown(value)}};
    }
  }
  return std::nullopt;
}

std::vector<std::string> unexpected_words(const CLI::App& app, const CLI::App* command) {
  std::vector<std::string> words = app.remaining(false);
  if (command != nullptr) {
    for (std::string& word : command->remaining(false))
      words.push_back(std::move(word));
  }
  for (std::string& word : words)
    word = shown(word);
  return words;
}

Message problem_of(const CLI::ParseError& error, const CommandLine& command_line,
                   const CLI::App* command, std::span<const char* const> words) {
  const CLI::App& app = command_line.app;
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr && command_line.refusal)
    return *command_line.refusal;
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    const std::vector<std::string> extras = unexpected_words(app, command);
    if (!extras.empty())
      return Message{
          MessageId::usage_unexpected, {fmt::format("{}", fmt::join(extras, " "))}, extras.size()};
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    if (command == nullptr) return command_problem(app, words);
    if (auto missing = missing_option(*command)) return *missing;
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr && command != nullptr) {
    if (auto missing = value_missing(*command, words)) return *missing;
    if (auto twice = given_twice(*command)) return *twice;
  }
  if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
    if (auto flag = flag_value(app, command, words)) return *flag;
  }
  // Anything else CLI11 finds (no case this tool's options are known to make): its own words.
  return Message{MessageId::usage_other, {std::string(error.what())}};
}

}  // namespace

Language language_in_arguments(std::span<const char* const> args) noexcept {
  Language language = Language::en;
  const std::span<const char* const> words = arguments(args);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view word = words[i];
    std::string_view value;
    if (word == "--lang" && i + 1 < words.size())
      value = words[i + 1];
    else if (word.starts_with("--lang="))
      value = word.substr(7);
    else
      continue;
    if (const auto named = language_from_name(value)) language = *named;
  }
  return language;
}

UsageError describe_usage_error(const CLI::ParseError& error, const CommandLine& command_line,
                                std::span<const char* const> args) {
  const CLI::App* command = command_reached(command_line.app);
  const std::span<const char* const> words = arguments(args);
  // Words before the command are the program's to refuse: its own --help tells more.
  const bool before_command = dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr &&
                              !command_line.app.remaining(false).empty();
  std::string help_of(kProgram);
  if (command != nullptr && !before_command) help_of += " " + command->get_name();
  return UsageError{problem_of(error, command_line, command, words),
                    Message{MessageId::usage_see_help, {help_of}}};
}

}  // namespace iothub_diag
