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
  return fmt::format("option {}: '{}' is not {}", name, text, expected);
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

// `a or b`, `a, b or c`: the names an enum option accepts.
template <typename Enum>
std::string names_of() {
  const std::span<const Enum> values = values_of(Enum{});
  std::string names;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) names += i + 1 == values.size() ? " or " : ", ";
    names += to_string(values[i]);
  }
  return names;
}

// Options that are probabilities; the other doubles are rates with no upper bound of 1.
constexpr double SimulationOptions::*kShareFields[] = {
    &SimulationOptions::token_expiry_share,
    &SimulationOptions::random_drop_share,
    &SimulationOptions::mixed_share,
    &SimulationOptions::scheduled_reconnect_share,
    &SimulationOptions::unauthorized_before_share,
    &SimulationOptions::unauthorized_after_share,
    &SimulationOptions::sparse_random_share,
    &SimulationOptions::conflict_after_reconnect_share,
    &SimulationOptions::record_loss,
    &SimulationOptions::fractional_time_share,
    &SimulationOptions::module_identity_share,
    &SimulationOptions::x509_storm_share,
};

bool is_share_field(double SimulationOptions::*field) {
  for (const auto share : kShareFields) {
    if (share == field) return true;
  }
  return false;
}

// The first double option that is negative, not finite, or a share above 1.
std::optional<std::string> check_numbers(const SimulationOptions& options) {
  for (const SimulationOptionInfo& option : kSimulationOptions) {
    const auto* field = std::get_if<double SimulationOptions::*>(&option.field);
    if (field == nullptr) continue;
    const double value = options.**field;
    if (!std::isfinite(value) || value < 0.0) {
      return fmt::format("option {} must be a non-negative number", option.name);
    }
    if (is_share_field(*field) && value > 1.0) {
      return fmt::format("option {} is a share and must lie in 0..1", option.name);
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
    return bad_value(name, text, names_of<Enum>());
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

std::optional<std::string> apply_simulation_option(SimulationOptions& options,
                                                   std::string_view name, std::string_view text) {
  const SimulationOptionInfo* option = find_simulation_option(name);
  if (option == nullptr) return fmt::format("unknown simulation option '{}'", name);

  return std::visit(OptionParser{options, option->name, text}, option->field);
}

std::optional<std::string> validate(const SimulationOptions& options) {
  // Limits keep a run inside memory and inside the calendar, nothing deeper.
  if (options.devices < 1 || options.devices > 1'000'000) {
    return "option devices must lie in 1..1000000";
  }
  if (options.hours < 1 || options.hours > 24 * 366) return "option hours must lie in 1..8784";
  if (options.hubs < 1 || options.hubs > 100) return "option hubs must lie in 1..100";
  if (static_cast<long long>(options.hubs) * options.devices > 1'000'000) {
    return "option hubs times devices must not exceed 1000000";
  }
  if (options.start < 0 || options.start % kMillisPerSecond != 0) {
    return "option start must be a whole second after 1970";
  }
  if (auto error = check_numbers(options)) return error;
  if (options.token_expiry_share + options.random_drop_share + options.mixed_share +
          options.scheduled_reconnect_share >
      1.0 + 1e-9) {
    return "token-share + random-share + mixed-share + scheduled-share must not exceed 1";
  }
  if (options.unauthorized_before_share + options.unauthorized_after_share > 1.0 + 1e-9) {
    return "unauthorized-before + unauthorized-after must not exceed 1";
  }
  if (options.health_events < 0 || options.health_events > options.incidents) {
    return "option health-events must lie in 0..incidents";
  }
  if (options.token_lifetimes_minutes.empty()) return "option token-lifetimes needs a value";
  for (const int lifetime : options.token_lifetimes_minutes) {
    if (lifetime < 1 || lifetime > 7 * 24 * 60) {
      return "each token lifetime must lie in 1..10080 minutes";
    }
  }
  for (const int hour : options.missing_hours) {
    if (hour < 0 || hour >= options.hours) return "each missing hour must lie in 0..hours-1";
  }
  if (options.grace_max_seconds < 0 || options.grace_max_seconds > 3600) {
    return "option grace-max must lie in 0..3600";
  }
  if (options.grace_typical_seconds < 0 ||
      options.grace_typical_seconds > options.grace_max_seconds) {
    return "option grace-typical must lie in 0..grace-max";
  }
  if (options.random_drops_per_day_min > options.random_drops_per_day_max) {
    return "option random-rate-min must not exceed random-rate-max";
  }
  if (options.random_drops_per_day_max > 24.0 * 60.0) {
    return "option random-rate-max must not exceed 1440 per day";
  }
  if (options.incidents < 0 || options.incidents > 100)
    return "option incidents must lie in 0..100";
  if (options.site_outages < 0 || options.site_outages * 20 > options.devices) {
    return "option site-outages needs at least 20 devices per outage and must not be negative";
  }
  if (options.background_errors_per_hour > 10'000.0) {
    return "option background-errors must not exceed 10000";
  }
  if (options.record_loss >= 1.0) return "option loss must be below 1";
  if (options.duplicate_identity_devices < 0 || options.never_reconnected_devices < 0 ||
      options.unauthorized_storm_devices < 0) {
    return "special device counts must not be negative";
  }
  if (static_cast<long long>(options.duplicate_identity_devices) +
          options.never_reconnected_devices + options.unauthorized_storm_devices >
      options.devices) {
    return "duplicate-identity + never-reconnected + unauthorized-storm exceed devices";
  }
  if (options.throttled_devices < 0 || options.idle_timeout_devices < 0)
    return "special device counts must not be negative";
  if (static_cast<long long>(options.duplicate_identity_devices) +
          options.never_reconnected_devices + options.unauthorized_storm_devices +
          options.throttled_devices + options.idle_timeout_devices >
      options.devices) {
    return "the special devices (duplicate-identity, never-reconnected, unauthorized-storm, "
           "throttled, idle-timeout) exceed devices";
  }
  if (options.edge_gateways < 0 || options.edge_gateways > 99)
    return "option edge-gateways must lie in 0..99";
  if (options.edge_restarts < 0 || options.edge_restarts > 100)
    return "option edge-restarts must lie in 0..100";
  if (options.noise_records_per_device_hour > 100'000.0) {
    return "option noise must not exceed 100000";
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
