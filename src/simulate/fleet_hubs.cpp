#include <cctype>

#include <fmt/format.h>

#include <iothub_diag/simulate/fleet_hubs.hpp>

namespace iothub_diag::simulate {
namespace {

// Spreads the hubs' seeds apart (the golden ratio step of splitmix64).
constexpr std::uint64_t kHubSeedStep = 0x9E3779B97F4A7C15ULL;

}  // namespace

std::string hub_name(const SimulationOptions& options, int index) {
  const std::string& first = options.hub_name;
  if (index == 0) return first;
  std::size_t digits = first.size();
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(first[digits - 1])) != 0)
    --digits;
  const std::size_t width = first.size() - digits;
  // A number too long to count up is treated as part of the name.
  if (width == 0 || width > 9) return fmt::format("{}-{:02}", first, index + 1);
  const long long number = std::stoll(first.substr(digits));
  return fmt::format("{}{:0{}}", first.substr(0, digits), number + index, width);
}

SimulationOptions hub_options(const SimulationOptions& options, int index) {
  SimulationOptions hub = options;
  hub.hubs = 1;
  hub.hub_name = hub_name(options, index);
  hub.seed = options.seed + kHubSeedStep * static_cast<std::uint64_t>(index);
  return hub;
}

}  // namespace iothub_diag::simulate
