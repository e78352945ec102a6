#pragma once

#include <string_view>

namespace iothub_diag {

// True when an `authType` type (the `type` member the store keeps: `sas`,
// `x509Certificate`, `x509CA`, ...) is certificate authentication. Such a
// device has no SAS token to expire: a certificate fails at the next connect
// (expired, or a root the device does not trust), not mid-connection.
bool uses_certificate(std::string_view auth_type) noexcept;

}  // namespace iothub_diag
