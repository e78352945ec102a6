#include <catch2/catch.hpp>

#include <iothub_diag/model/sdk_profile.hpp>

namespace iothub_diag {

TEST_CASE("SDKs are identified from the sdkVersion strings connects carry", "[model]") {
  struct Case {
    const char* sdk_version;
    const char* family;
    const char* version;
  };
  const Case cases[] = {
      {".NET/1.38.0 (.NET Core 3.1.19; Microsoft Windows 10.0.22000; X64)", ".NET", "1.38.0"},
      {"com.microsoft.azure.sdk.iot.iot-device-client/1.30.1", "Java", "1.30.1"},
      {"iothubclient/1.9.0 (native; Linux; x86_64)", "C", "1.9.0"},
      {"azure-iot-device/1.18.2 (node v16.14.0; Linux)", "Node.js", "1.18.2"},
      {"azure-iot-device-python/2.12.0", "Python", "2.12.0"},
      {"C + (OSSimplified = FreeRTOS)", "Embedded C (FreeRTOS middleware)", ""},
      {"C", "Embedded C", ""},
  };
  for (const Case& c : cases) {
    INFO(c.sdk_version);
    const SdkIdentity identity = identify_sdk(c.sdk_version);
    REQUIRE(identity.profile != nullptr);
    CHECK(identity.profile->family == c.family);
    CHECK(identity.version == c.version);
  }
  CHECK(identify_sdk("my-own-mqtt-client/0.1").profile == nullptr);
  CHECK(identify_sdk("").profile == nullptr);
}

TEST_CASE("old SDK versions are flagged by numeric, not textual, order", "[model]") {
  CHECK(identify_sdk(".NET/1.17.2 (.NET Core 2.1.12)").outdated);
  CHECK_FALSE(identify_sdk(".NET/1.38.0").outdated);
  CHECK(identify_sdk("iothubclient/1.3.9 (native)").outdated);
  CHECK(compare_versions("1.9.0", "1.38.0") < 0);
  CHECK(compare_versions("1.38", "1.38.0") == 0);
}

}  // namespace iothub_diag
