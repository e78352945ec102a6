#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

// How a device SDK keeps its connection alive and its SAS token fresh
// (docs/DOMAIN.md section 2 and 3), so a verdict can say whether a device behaves as its SDK
// should. The simulator keeps its own table; test/simulate/sdk_agreement_test.cpp checks they
// agree.
enum class TokenRenewal : std::uint8_t {
  proactive_clean,       // reconnects cleanly before expiry: periodic Information disconnects are
                         // healthy
  at_expiry_with_error,  // waits for the hub to close the link: periodic 404104 (and 401003) is
                         // expected
  application_managed,   // the application must renew; many do not
};

struct SdkProfile {
  std::string_view family;        // "C", ".NET", ...
  std::string_view match_prefix;  // how `sdkVersion` starts (case-insensitive)
  TokenRenewal renewal;
  std::optional<double> renewal_minutes;  // the clean reconnect interval with default 60-min tokens
  std::optional<double> keep_alive_seconds;
  std::string_view older_than;  // versions before this are old enough to carry known reconnect bugs
  // What the SDK does, as a predicate after its family name (sdk_renews_at_expiry
  // takes the keep-alive in seconds as its value).
  MessageId expectation;
};

struct SdkIdentity {
  const SdkProfile* profile = nullptr;  // nullptr: unknown SDK
  std::string version;                  // the version number, when the string has one
  bool outdated = false;                // version older than profile->older_than
};

// Identifies the SDK and version from a connect's `sdkVersion`.
SdkIdentity identify_sdk(std::string_view sdk_version);

// Compares dotted version numbers ("1.9.0" < "1.38.0"); non-numeric parts compare as 0.
int compare_versions(std::string_view a, std::string_view b) noexcept;

}  // namespace iothub_diag
