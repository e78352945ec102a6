#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>
#include <type_traits>

#include <fmt/format.h>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {
namespace {

template <typename Number>
std::optional<Number> parse_number(std::string_view text) {
  text = trim(text);
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  text = trim(text);
  for (const std::string_view yes : {"true", "1", "yes", "on"}) {
    if (iequals(text, yes)) return true;
  }
  for (const std::string_view no : {"false", "0", "no", "off"}) {
    if (iequals(text, no)) return false;
  }
  return std::nullopt;
}

std::optional<std::vector<int>> parse_int_list(std::string_view text) {
  std::vector<int> values;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const auto value = parse_number<int>(text.substr(0, comma));
    if (!value) return std::nullopt;
    values.push_back(*value);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (values.empty()) return std::nullopt;
  return values;
}

std::optional<std::string> bad_value(std::string_view name, std::string_view text,
                                     std::string_view expected) {
  return fmt::format("--{}: '{}' is not {}", name, text, expected);
}

// Every value of each enum option, in the order the error message lists them.
constexpr OutputLayout kOutputLayouts[] = {OutputLayout::archive, OutputLayout::jsonl};
constexpr OutputShape kOutputShapes[] = {OutputShape::jsonl, OutputShape::records};
constexpr OutputSchema kOutputSchemas[] = {OutputSchema::resource_logs, OutputSchema::event_grid,
                                           OutputSchema::cloud_events};

constexpr LoggedCategories kLoggedCategories[] = {LoggedCategories::all,
                                                  LoggedCategories::connections};

std::span<const OutputLayout> values_of(OutputLayout) {
  return kOutputLayouts;
}
std::span<const OutputShape> values_of(OutputShape) {
  return kOutputShapes;
}
std::span<const OutputSchema> values_of(OutputSchema) {
  return kOutputSchemas;
}
std::span<const LoggedCategories> values_of(LoggedCategories) {
  return kLoggedCategories;
}

// The names an enum option accepts, `separator` between them and `last` before
// the last one: `a, b or c` for a sentence, `a,b,c` for a help's value name.
template <typename Enum>
std::string names_of(std::string_view separator, std::string_view last) {
  const std::span<const Enum> values = values_of(Enum{});
  std::string names;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) names += i + 1 == values.size() ? last : separator;
    names += to_string(values[i]);
  }
  return names;
}

// An option's numeric values (each value of a list; none for text, enums and booleans).
struct NumericValues {
  const SimulationOptions& options;
  std::vector<double> operator()(std::vector<int> SimulationOptions::*field) const {
    return {(options.*field).begin(), (options.*field).end()};
  }
  template <typename Number>
  requires std::is_arithmetic_v<Number> std::vector<double>
  operator()(Number SimulationOptions::*field) const {
    return {static_cast<double>(options.*field)};
  }
  template <typename Other>
  std::vector<double> operator()(Other SimulationOptions::*) const {
    return {};
  }
};

std::string bound_text(double bound) {
  return fmt::format("{:.10g}", bound);
}

// "--hours 0: must lie in 1..8784", "--missing-hours 24: must lie in
// 0..hours (24), below hours", "--throttled -1: must be at least 0".
std::string out_of_range(const SimulationOptionInfo& option, double value, double maximum) {
  const OptionRange& range = option.range;
  const std::string subject = fmt::format("--{} {}", option.name, bound_text(value));
  const std::string upper = range.maximum_option.empty()
                                ? bound_text(range.maximum)
                                : fmt::format("{} ({})", range.maximum_option, bound_text(maximum));
  if (range.maximum_option.empty() && range.maximum == kUnbounded)
    return fmt::format("{}: must be at least {}", subject, bound_text(range.minimum));
  if (range.below)
    return fmt::format("{}: must lie in {}..{}, below {}", subject, bound_text(range.minimum),
                       upper,
                       range.maximum_option.empty() ? upper : std::string(range.maximum_option));
  return fmt::format("{}: must lie in {}..{}", subject, bound_text(range.minimum), upper);
}

// The first option, in table order, with a value outside its range (NaN is
// outside every range).
std::optional<std::string> check_ranges(const SimulationOptions& options) {
  for (const SimulationOptionInfo& option : kSimulationOptions) {
    const OptionRange& range = option.range;
    if (!range.bounded()) continue;
    double maximum = range.maximum;
    if (!range.maximum_option.empty()) {
      const SimulationOptionInfo* bound = find_simulation_option(range.maximum_option);
      const std::vector<double> values = std::visit(NumericValues{options}, bound->field);
      if (!values.empty()) maximum = values.front();
    }
    for (const double value : std::visit(NumericValues{options}, option.field)) {
      const bool inside =
          value >= range.minimum && (range.below ? value < maximum : value <= maximum);
      if (!inside) return out_of_range(option, value, maximum);
    }
  }
  return std::nullopt;
}

// Prints an option's value in the form of kSimulationOptions' default_text.
struct OptionFormatter {
  const SimulationOptions& options;
  std::string operator()(int SimulationOptions::*field) const {
    return fmt::format("{}", options.*field);
  }
  std::string operator()(double SimulationOptions::*field) const {
    return fmt::format("{}", options.*field);
  }
  std::string operator()(bool SimulationOptions::*field) const {
    return options.*field ? "true" : "false";
  }
  std::string operator()(std::uint64_t SimulationOptions::*field) const {
    return fmt::format("{}", options.*field);
  }
  std::string operator()(Timestamp SimulationOptions::*field) const {
    return format_iso8601(options.*field);
  }
  std::string operator()(std::vector<int> SimulationOptions::*field) const {
    return fmt::format("{}", fmt::join(options.*field, ","));
  }
  std::string operator()(std::string SimulationOptions::*field) const { return options.*field; }
  template <typename Enum>
  requires std::is_enum_v<Enum> std::string operator()(Enum SimulationOptions::*field) const {
    return std::string(to_string(options.*field));
  }
};

// Names what an option's value is, for the command line's help.
struct OptionValueName {
  const OptionRange& range;
  std::string operator()(int SimulationOptions::* /*field*/) const { return "N"; }
  std::string operator()(double SimulationOptions::* /*field*/) const {
    const bool share = range.minimum == kShare.minimum && range.maximum == kShare.maximum &&
                       range.maximum_option.empty() && !range.below;
    return share ? "SHARE" : "NUMBER";
  }
  std::string operator()(bool SimulationOptions::* /*field*/) const { return "BOOL"; }
  std::string operator()(std::uint64_t SimulationOptions::* /*field*/) const { return "N"; }
  std::string operator()(Timestamp SimulationOptions::* /*field*/) const { return "TIME"; }
  std::string operator()(std::vector<int> SimulationOptions::* /*field*/) const { return "LIST"; }
  std::string operator()(std::string SimulationOptions::* /*field*/) const { return "TEXT"; }
  template <typename Enum>
  requires std::is_enum_v<Enum> std::string operator()(Enum SimulationOptions::* /*field*/) const {
    return "{" + names_of<Enum>(",", ",") + "}";
  }
};

// Parses text into the option's field; the error message when the text is bad.
struct OptionParser {
  SimulationOptions& options;
  std::string_view name;
  std::string_view text;
  std::optional<std::string> operator()(int SimulationOptions::*field) const {
    const auto value = parse_number<int>(text);
    if (!value) return bad_value(name, text, "an integer");
    options.*field = *value;
    return std::nullopt;
  }
  std::optional<std::string> operator()(double SimulationOptions::*field) const {
    const auto value = parse_number<double>(text);
    if (!value) return bad_value(name, text, "a number");
    options.*field = *value;
    return std::nullopt;
  }
  std::optional<std::string> operator()(bool SimulationOptions::*field) const {
    const auto value = parse_bool(text);
    if (!value) return bad_value(name, text, "true or false");
    options.*field = *value;
    return std::nullopt;
  }
  std::optional<std::string> operator()(std::uint64_t SimulationOptions::*field) const {
    const auto value = parse_number<std::uint64_t>(text);
    if (!value) return bad_value(name, text, "a non-negative integer");
    options.*field = *value;
    return std::nullopt;
  }
  std::optional<std::string> operator()(Timestamp SimulationOptions::*field) const {
    const auto value = parse_iso8601(trim(text));
    if (!value) return bad_value(name, text, "an ISO-8601 time");
    options.*field = *value;
    return std::nullopt;
  }
  std::optional<std::string> operator()(std::vector<int> SimulationOptions::*field) const {
    if (text.empty()) {  // an empty list (validate refuses it where a value is needed)
      (options.*field).clear();
      return std::nullopt;
    }
    auto value = parse_int_list(text);
    if (!value) return bad_value(name, text, "a comma-separated list of integers");
    options.*field = std::move(*value);
    return std::nullopt;
  }
  std::optional<std::string> operator()(std::string SimulationOptions::*field) const {
    options.*field = std::string(trim(text));
    return std::nullopt;
  }
  template <typename Enum>
  requires std::is_enum_v<Enum> std::optional<std::string>
  operator()(Enum SimulationOptions::*field) const {
    for (const Enum value : values_of(Enum{})) {
      if (iequals(trim(text), to_string(value))) {
        options.*field = value;
        return std::nullopt;
      }
    }
    return bad_value(name, text, names_of<Enum>(", ", " or "));
  }
};

}  // namespace

std::string_view to_string(OutputLayout layout) noexcept {
  return layout == OutputLayout::archive ? "archive" : "jsonl";
}

std::string_view to_string(OutputShape shape) noexcept {
  return shape == OutputShape::jsonl ? "jsonl" : "records";
}

std::string_view to_string(OutputSchema schema) noexcept {
  switch (schema) {
    case OutputSchema::event_grid:
      return "eventgrid";
    case OutputSchema::cloud_events:
      return "cloudevents";
    case OutputSchema::resource_logs:
      break;
  }
  return "resource-logs";
}

std::string_view to_string(LoggedCategories categories) noexcept {
  return categories == LoggedCategories::all ? "all" : "connections";
}

const SimulationOptionInfo* find_simulation_option(std::string_view name) noexcept {
  for (const SimulationOptionInfo& option : kSimulationOptions) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

std::string format_simulation_option(const SimulationOptions& options,
                                     const SimulationOptionInfo& option) {
  return std::visit(OptionFormatter{options}, option.field);
}

std::string simulation_option_value_name(const SimulationOptionInfo& option) {
  return std::visit(OptionValueName{option.range}, option.field);
}

std::optional<std::string> apply_simulation_option(SimulationOptions& options,
                                                   std::string_view name, std::string_view text) {
  const SimulationOptionInfo* option = find_simulation_option(name);
  if (option == nullptr) return fmt::format("--{}: no such simulation option", name);

  return std::visit(OptionParser{options, option->name, text}, option->field);
}

long long special_device_count(const SimulationOptions& options) {
  return static_cast<long long>(options.duplicate_identity_devices) +
         options.never_reconnected_devices + options.unauthorized_storm_devices +
         options.throttled_devices + options.idle_timeout_devices;
}

int token_expiry_device_count(const SimulationOptions& options) {
  const long long rest = options.devices - special_device_count(options);
  if (rest <= 0) return 0;
  return static_cast<int>(
      std::min(rest, std::llround(static_cast<double>(rest) * options.token_expiry_share)));
}

std::optional<std::string> validate(const SimulationOptions& options) {
  // Each option against its range (kSimulationOptions), then what ties options together.
  if (auto error = check_ranges(options)) return error;
  if (static_cast<long long>(options.hubs) * options.devices > 1'000'000) {
    return "option hubs times devices must not exceed 1000000";
  }
  if (options.start < 0 || options.start % kMillisPerSecond != 0) {
    return "option start must be a whole second after 1970";
  }
  if (options.token_expiry_share + options.random_drop_share + options.mixed_share +
          options.scheduled_reconnect_share >
      1.0 + 1e-9) {
    return "token-share + random-share + mixed-share + scheduled-share must not exceed 1";
  }
  if (options.unauthorized_before_share + options.unauthorized_after_share > 1.0 + 1e-9) {
    return "unauthorized-before + unauthorized-after must not exceed 1";
  }
  if (options.token_lifetimes_minutes.empty()) return "option token-lifetimes needs a value";
  if (options.site_outages * 20 > options.devices) {
    return "option site-outages needs at least 20 devices per outage";
  }
  if (static_cast<long long>(options.duplicate_identity_devices) +
          options.never_reconnected_devices + options.unauthorized_storm_devices >
      options.devices) {
    return "duplicate-identity + never-reconnected + unauthorized-storm exceed devices";
  }
  if (special_device_count(options) > options.devices) {
    return "the special devices (duplicate-identity, never-reconnected, unauthorized-storm, "
           "throttled, idle-timeout) exceed devices";
  }
  if (options.never_reconnected_token_devices > token_expiry_device_count(options)) {
    return fmt::format(
        "--never-reconnected-token {}: more than the fleet's {} token-expiry devices (token-share "
        "of the devices besides the special ones)",
        options.never_reconnected_token_devices, token_expiry_device_count(options));
  }
  if (options.schema != OutputSchema::resource_logs) {
    if (options.shape != OutputShape::jsonl) {
      return "option shape records is for resource logs; Event Grid batches are written one JSON "
             "array per line";
    }
    if (options.noise_records_per_device_hour > 0.0) {
      return "option noise adds resource-log records and needs schema resource-logs";
    }
  }
  if (options.categories == LoggedCategories::connections &&
      options.noise_records_per_device_hour > 0.0) {
    return "option noise adds records of other categories and needs categories all";
  }
  for (const std::string* part :
       {&options.subscription_id, &options.resource_group, &options.hub_name, &options.location}) {
    if (part->empty() || part->find_first_of("/\\\"") != std::string::npos) {
      return "subscription, resource-group, hub and location must be non-empty, without / \\ or \"";
    }
  }
  return std::nullopt;
}

}  // namespace iothub_diag::simulate
