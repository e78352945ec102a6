#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace iothub_diag::simulate {

enum class SdkFamily : std::uint8_t { dotnet, java, c, node, python, embedded_c };

// What a family's SDK does when its SAS token nears expiry over MQTT.
enum class TokenRenewal : std::uint8_t {
  hub_closes_after_grace,  // keeps the link until the hub drops it: 401003 + 404104 (pattern 1)
  clean_reconnect,         // disconnects and reconnects itself before expiry (healthy)
};

struct SdkFamilyTraits {
  SdkFamily family;
  std::string_view name;
  int keep_alive_seconds;  // MQTT default; the hub drops an idle client after 1.5x
  TokenRenewal renewal;
  int clean_renewal_seconds;  // connect-to-reconnect for clean_reconnect, else 0
};

// docs/DOMAIN.md sections 2 and 3: SDK renewal behaviour and keep-alive defaults. The
// analyzer keeps its own table (model/sdk_profile.cpp); sdk_agreement_test checks they agree.
inline constexpr SdkFamilyTraits kSdkFamilies[] = {
    {SdkFamily::dotnet, ".NET", 300, TokenRenewal::hub_closes_after_grace, 0},
    {SdkFamily::java, "Java", 230, TokenRenewal::hub_closes_after_grace, 0},
    {SdkFamily::c, "C", 240, TokenRenewal::clean_reconnect, 2880},           // 80 % of 3600 s
    {SdkFamily::node, "Node", 180, TokenRenewal::clean_reconnect, 2700},     // 15 min early
    {SdkFamily::python, "Python", 60, TokenRenewal::clean_reconnect, 3480},  // 120 s early
    {SdkFamily::embedded_c, "Embedded C", 240, TokenRenewal::hub_closes_after_grace, 0},
};

// traits_of indexes the table by enum value, so the rows must follow the enum.
static_assert([] {
  std::size_t row = 0;
  for (const SdkFamilyTraits& traits : kSdkFamilies) {
    if (static_cast<std::size_t>(traits.family) != row++) return false;
  }
  return true;
}());

constexpr const SdkFamilyTraits& traits_of(SdkFamily family) {
  return kSdkFamilies[static_cast<std::size_t>(family)];
}

struct SdkRelease {
  SdkFamily family;
  std::string_view user_agent;  // the `sdkVersion` a connect record carries
  bool outdated;                // old releases with known reconnect bugs
};

// User agents as the SDKs send them; outdated ones weigh more on random-drop devices.
inline constexpr SdkRelease kSdkReleases[] = {
    {SdkFamily::dotnet,
     ".NET/1.38.0 (.NET Core 3.1.19; Microsoft Windows 10.0.22000 WindowsProduct:0x00000030; X64; "
     "{5B0C9D2E-3A71-4F08-8E4D-6C1A2B9F7E30})",
     false},
    {SdkFamily::dotnet, ".NET/1.42.0 (.NET 6.0.21; Linux 5.15.0-1041-azure #48-Ubuntu SMP; X64)",
     false},
    {SdkFamily::dotnet,
     ".NET/1.17.2 (.NET Core 2.1.12; Linux 4.15.0-1050-azure #55-Ubuntu SMP; X64)", true},
    {SdkFamily::dotnet, ".NET/1.21.0 (.NET Framework 4.7.2; Microsoft Windows 10.0.17763; X86)",
     true},
    {SdkFamily::java, "com.microsoft.azure.sdk.iot.iot-device-client/1.30.1", false},
    {SdkFamily::java, "com.microsoft.azure.sdk.iot.iot-device-client/2.1.5", false},
    {SdkFamily::java, "com.microsoft.azure.sdk.iot.iot-device-client/1.14.2", true},
    {SdkFamily::c, "iothubclient/1.9.0 (native; Linux; x86_64)", false},
    {SdkFamily::c, "iothubclient/1.11.0 (native; Linux; armv7l)", false},
    {SdkFamily::c, "iothubclient/1.2.8 (native; Linux; armv7l)", true},
    {SdkFamily::node, "azure-iot-device/1.18.2 (node v16.14.0; Ubuntu 20.04; x64)", false},
    {SdkFamily::node, "azure-iot-device/1.18.3 (node v18.17.1; Debian 12; arm64)", false},
    {SdkFamily::node, "azure-iot-device/1.7.1 (node v8.11.3; Linux 4.9.0; arm)", true},
    {SdkFamily::python, "azure-iot-device-iothub-py/2.12.0", false},
    {SdkFamily::python, "azure-iot-device-iothub-py/2.7.1", false},
    {SdkFamily::python, "azure-iot-device-python/1.4.6", true},
    {SdkFamily::embedded_c, "C", false},
    {SdkFamily::embedded_c, "C + (OSSimplified = FreeRTOS)", false},
};

}  // namespace iothub_diag::simulate
