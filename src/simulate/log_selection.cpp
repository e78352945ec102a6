#include <iothub_diag/simulate/log_selection.hpp>

namespace iothub_diag::simulate {

bool is_exported(const SimulationOptions& options, std::string_view category,
                 std::int32_t code) noexcept {
  if (options.categories == LoggedCategories::connections && category != "Connections")
    return false;
  return options.server_errors || !is_server_error(code);
}

}  // namespace iothub_diag::simulate
