#include <array>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/model/sdk_profile.hpp>

namespace iothub_diag {
namespace {

// Longer, more specific prefixes first: `azure-iot-device-python` before `azure-iot-device/`.
constexpr std::array kSdkProfiles = {
    SdkProfile{"Python", "azure-iot-device-python", TokenRenewal::proactive_clean, 58, 60, "2.0.0",
               MessageId::sdk_renews_120s},
    SdkProfile{"Python", "azure-iot-device-iothub-py", TokenRenewal::proactive_clean, 58, 60,
               "2.0.0", MessageId::sdk_renews_120s},
    SdkProfile{"Node.js", "azure-iot-device/", TokenRenewal::proactive_clean, 45, 180, "1.17.0",
               MessageId::sdk_renews_15min},
    SdkProfile{".NET", ".NET/", TokenRenewal::at_expiry_with_error, std::nullopt, 300, "1.30.0",
               MessageId::sdk_renews_at_expiry},
    SdkProfile{".NET", "microsoft.azure.devices.client", TokenRenewal::at_expiry_with_error,
               std::nullopt, 300, "1.30.0", MessageId::sdk_renews_at_expiry},
    SdkProfile{"Java", "com.microsoft.azure.sdk.iot.iot-device-client",
               TokenRenewal::at_expiry_with_error, std::nullopt, 230, "1.30.0",
               MessageId::sdk_renews_at_expiry},
    SdkProfile{"C", "iothubclient/", TokenRenewal::proactive_clean, 48, 240, "1.5.0",
               MessageId::sdk_renews_at_80_percent},
    SdkProfile{"Embedded C (FreeRTOS middleware)", "C + (", TokenRenewal::application_managed,
               std::nullopt, std::nullopt, "", MessageId::sdk_application_renews},
    SdkProfile{"Embedded C", "C", TokenRenewal::application_managed, std::nullopt, std::nullopt, "",
               MessageId::sdk_application_renews},
};

// The version number after the first '/', up to a space or '('.
std::string version_of(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return {};
  std::string_view rest = text.substr(slash + 1);
  const std::size_t end = rest.find_first_of(" (;");
  return std::string(trim(rest.substr(0, end)));
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) noexcept {
  while (!a.empty() || !b.empty()) {
    auto next = [](std::string_view& text) {
      long value = 0;
      std::size_t i = 0;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9' && value < 100000000)
        value = value * 10 + (text[i++] - '0');
      while (i < text.size() && text[i] != '.')
        ++i;
      text.remove_prefix(i < text.size() ? i + 1 : i);
      return value;
    };
    const long x = next(a);
    const long y = next(b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

SdkIdentity identify_sdk(std::string_view sdk_version) {
  SdkIdentity identity;
  const std::string_view text = trim(sdk_version);
  for (const SdkProfile& profile : kSdkProfiles) {
    // The bare embedded-C marker is the whole string "C".
    const bool matches =
        profile.match_prefix == "C" ? iequals(text, "C") : istarts_with(text, profile.match_prefix);
    if (!matches) continue;
    identity.profile = &profile;
    identity.version = version_of(text);
    identity.outdated = !profile.older_than.empty() && !identity.version.empty() &&
                        compare_versions(identity.version, profile.older_than) < 0;
    break;
  }
  return identity;
}

}  // namespace iothub_diag
