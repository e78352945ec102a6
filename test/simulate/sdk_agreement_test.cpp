// The simulator keeps its own SDK table, so that it models the service apart from
// the code it scores. These checks prove it tells the same facts as the analyzer's.
#include <catch2/catch.hpp>

#include <iothub_diag/model/sdk_profile.hpp>
#include <iothub_diag/simulate/sdk_catalog.hpp>

namespace iothub_diag {
namespace {

using simulate::kSdkReleases;
using simulate::traits_of;

TEST_CASE("every SDK release the simulator sends is one the analyzer identifies as its family",
          "[simulate][sdk]") {
  for (const simulate::SdkRelease& release : kSdkReleases) {
    INFO(release.user_agent);
    const SdkIdentity identity = identify_sdk(release.user_agent);
    REQUIRE(identity.profile != nullptr);
    CHECK(identity.profile->family.starts_with(traits_of(release.family).name));
    CHECK(identity.outdated == release.outdated);
  }
}

TEST_CASE("the simulator's SDK renewal and keep-alive agree with the analyzer's SDK profiles",
          "[simulate][sdk]") {
  for (const simulate::SdkRelease& release : kSdkReleases) {
    INFO(release.user_agent);
    const simulate::SdkFamilyTraits& traits = traits_of(release.family);
    const SdkProfile& profile = *identify_sdk(release.user_agent).profile;
    if (traits.renewal == simulate::TokenRenewal::clean_reconnect) {
      CHECK(profile.renewal == TokenRenewal::proactive_clean);
      REQUIRE(profile.renewal_minutes);
      CHECK(*profile.renewal_minutes * 60 == Approx(traits.clean_renewal_seconds));
    } else {
      CHECK(profile.renewal != TokenRenewal::proactive_clean);
    }
    // Embedded applications choose their own keep-alive: the analyzer does not assume one.
    if (profile.keep_alive_seconds) CHECK(*profile.keep_alive_seconds == traits.keep_alive_seconds);
  }
}

}  // namespace
}  // namespace iothub_diag
