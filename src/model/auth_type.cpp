#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/model/auth_type.hpp>

namespace iothub_diag {

bool uses_certificate(std::string_view auth_type) noexcept {
  const std::string_view type = trim(auth_type);
  return istarts_with(type, "x509") || istarts_with(type, "certificate") ||
         istarts_with(type, "selfsigned");
}

}  // namespace iothub_diag
