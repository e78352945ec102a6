#pragma once

#include <cstdint>
#include <string_view>

#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

// Whether a 5xx code (500xxx to 599xxx): a server-side error.
constexpr bool is_server_error(std::int32_t code) noexcept {
  return code >= 500000 && code <= 599999;
}

// Whether the export keeps a resource-log record of `category` with result
// `code` (0 for none): options.categories narrows the categories, and
// options.server_errors false removes every 5xx record whatever its category.
bool is_exported(const SimulationOptions& options, std::string_view category,
                 std::int32_t code) noexcept;

}  // namespace iothub_diag::simulate
