// isolated-drops: drops too few to make a pattern on their device, each with its story:
// how long the connection lasted, whether it came back, which causes remain possible.
#include <fmt/format.h>

#include <iothub_diag/model/auth_type.hpp>
#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

// A default SAS token lives 60 minutes, and the hub closes the link up to
// about 10 minutes past expiry (docs/DOMAIN.md): the band a default token's
// connection ends in, with a little slack on both sides.
constexpr double kDefaultTokenBandMinutes[2] = {55, 80};

// A reconnect this quick is the SDK's own retry: the device and its
// application kept running.
constexpr double kQuickReconnectSeconds = 120;

struct Story {
  std::vector<Message> possible;
  std::vector<Message> ruled_out;
};

void token_expiry(Story& story, const Drop& drop, const DeviceInfo& device,
                  const DevicePeriods& periods) {
  if (uses_certificate(device.auth_type)) {
    // A certificate is checked when the device connects, not during a connection.
    story.ruled_out.push_back(Message{MessageId::cause_certificate_credential, {}});
    if (drop.unauthorized_nearby || !drop.reconnected_at) {
      story.possible.push_back(Message{MessageId::cause_certificate_root, {}});
    }
    return;
  }
  // A 401003 beside the drop is the hub's own word: it refused the token,
  // whatever its lifetime (the connection's length is in the table).
  if (drop.unauthorized_nearby)
    story.possible.push_back(Message{MessageId::cause_token_refused, {}});
  const auto duration = drop.connected_duration();
  if (!duration) {
    // With no 401003 either, only the token's start would tell, and it is not in the logs.
    if (!drop.unauthorized_nearby)
      story.possible.push_back(Message{MessageId::cause_token_start_unknown, {}});
    return;
  }
  const double minutes = static_cast<double>(*duration) / kMillisPerMinute;
  if (minutes < kDefaultTokenBandMinutes[0] || minutes > kDefaultTokenBandMinutes[1]) {
    story.ruled_out.push_back(
        Message{MessageId::cause_default_token_lasted, {decimal_arg(minutes)}});
    if (!drop.unauthorized_nearby && periods.lasted_day_token(drop)) {
      story.possible.push_back(
          Message{MessageId::cause_day_token_lasted, {fmt::format("{:.0f}", minutes)}});
    }
  } else if (!drop.unauthorized_nearby) {
    story.possible.push_back(
        Message{MessageId::cause_token_lasted, {fmt::format("{:.0f}", minutes)}});
  }
}

void network_and_client(Story& story, const Drop& drop, const SdkIdentity& sdk) {
  if (sdk.profile != nullptr && sdk.profile->keep_alive_seconds) {
    story.possible.push_back(
        Message{MessageId::cause_keep_alive_known,
                {sdk.profile->family, fmt::format("{:.0f}", *sdk.profile->keep_alive_seconds),
                 fmt::format("{:.0f}", std::min(1.5 * *sdk.profile->keep_alive_seconds, 1767.0))}});
  } else {
    story.possible.push_back(Message{MessageId::cause_keep_alive_unknown, {}});
  }
  if (sdk.profile == nullptr) {
    story.possible.push_back(Message{MessageId::cause_tcp_reset_sdk_unknown, {}});
  } else if (sdk.outdated) {
    story.possible.push_back(Message{MessageId::cause_tcp_reset_outdated,
                                     {sdk.profile->family, sdk.version, sdk.profile->older_than}});
  } else {
    story.ruled_out.push_back(
        Message{MessageId::cause_reconnect_bug_current,
                {sdk.profile->family, sdk.version.empty()
                                          ? MessageArg(Message{MessageId::version_unknown, {}})
                                          : MessageArg(sdk.version)}});
  }
  const auto delay = drop.reconnect_delay();
  if (!drop.reconnected_at) {
    story.possible.push_back(Message{MessageId::cause_device_stopped, {}});
  } else if (delay && static_cast<double>(*delay) / kMillisPerSecond <= kQuickReconnectSeconds) {
    story.ruled_out.push_back(
        Message{MessageId::cause_crash_reconnected,
                {fmt::format("{:.0f}", static_cast<double>(*delay) / kMillisPerSecond)}});
  } else {
    story.possible.push_back(Message{MessageId::cause_crash_no_reconnect, {}});
  }
}

void fleet_events(Story& story, const Diagnosis& diagnosis, const DeviceInfo& device) {
  const HubInfo& hub = diagnosis.store().hubs()[device.hub];
  if (static_cast<double>(hub.devices) < diagnosis.thresholds().burst_min_devices) {
    story.possible.push_back(Message{MessageId::cause_hub_too_few_devices, {}});
  } else {
    story.ruled_out.push_back(Message{MessageId::cause_hub_others_stayed, {}});
  }
}

Story story_of(const Diagnosis& diagnosis, const Drop& drop) {
  const DeviceInfo& device = diagnosis.store().devices()[drop.device];
  Story story;
  token_expiry(story, drop, device, diagnosis.periods());
  network_and_client(story, drop, identify_sdk(device.sdk_version));
  fleet_events(story, diagnosis, device);
  return story;
}

class IsolatedDropsRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const DeviceTimelines& timelines = diagnosis.timelines();
    const Attribution& attribution = diagnosis.attribution();
    Finding finding{&rule, {}, {}, {}};
    for (std::uint32_t index = 0; index < timelines.drops().size(); ++index) {
      if (attribution.cause[index] != DropCause::too_few) continue;
      const Drop& drop = timelines.drops()[index];
      const DeviceInfo& device = diagnosis.store().devices()[drop.device];
      const auto seconds = [](std::optional<Timestamp> t) -> std::optional<double> {
        if (!t) return std::nullopt;
        return static_cast<double>(*t) / kMillisPerSecond;
      };
      Story story = story_of(diagnosis, drop);
      FindingItem item;
      // The longest connections first: they say the most about what it was not.
      item.rank = seconds(drop.connected_duration()).value_or(0);
      add_identity(item, device, diagnosis.store());
      item.evidence.push_back(time_evidence("time", "time", drop.time));
      item.evidence.push_back(
          seconds_evidence("connected_seconds", "connected", seconds(drop.connected_duration())));
      item.evidence.push_back(seconds_evidence("reconnect_delay_seconds", "reconnect",
                                               seconds(drop.reconnect_delay())));
      add_client(item, device);
      const SdkIdentity sdk = identify_sdk(device.sdk_version);
      Evidence family = optional_text_evidence(
          "sdk", "SDK", sdk.profile != nullptr ? std::string(sdk.profile->family) : "");
      item.evidence.push_back(std::move(family));
      Evidence possible =
          message_list_evidence("possible_causes", "possible causes", std::move(story.possible));
      possible.display = EvidenceDisplay::prose;
      item.evidence.push_back(std::move(possible));
      Evidence ruled_out =
          message_list_evidence("ruled_out", "ruled out", std::move(story.ruled_out));
      ruled_out.display = EvidenceDisplay::prose;
      item.evidence.push_back(std::move(ruled_out));
      finding.devices.push_back(std::move(item));
    }
    if (finding.devices.empty()) return std::nullopt;
    const double least = diagnosis.thresholds().min_random_drops;
    finding.notes.push_back(Message{
        MessageId::isolated_need_more,
        {fmt::format("{:g}", least), fmt::format("{:g}", diagnosis.thresholds().min_token_cycles)},
        static_cast<std::uint64_t>(least)});
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_isolated_drops(const Diagnosis& diagnosis, const RuleSpec& rule) {
  return IsolatedDropsRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
