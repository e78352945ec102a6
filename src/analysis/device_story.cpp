#include <array>
#include <string_view>

#include <fmt/format.h>

#include <iothub_diag/analysis/device_story.hpp>

namespace iothub_diag {
namespace {

MessageArg minutes(Timestamp duration) {
  return decimal_arg(static_cast<double>(duration) / kMillisPerMinute, "min");
}

std::string clock(Timestamp time) {
  const std::string iso = format_iso8601(time);
  return iso.size() > 11 ? iso.substr(11) : iso;  // hh:mm:ssZ, the date is on the line
}

// How many of one device's drops the attribution gave each cause.
using CauseCounts = std::array<std::size_t, kDropCauseCount>;

CauseCounts cause_counts(const Attribution& attribution, std::span<const std::uint32_t> drops) {
  CauseCounts counts{};
  for (const std::uint32_t index : drops)
    ++counts[static_cast<std::size_t>(attribution.cause[index])];
  return counts;
}

// Why the attribution gave the drop its cause; `counts` are the device's drops
// per cause, counted once for the whole story.
Message drop_detail(const Diagnosis& diagnosis, std::uint32_t index, const CauseCounts& counts) {
  const Attribution& attribution = diagnosis.attribution();
  const Drop& drop = diagnosis.timelines().drops()[index];
  const auto connected = drop.connected_duration();
  Message lasted = connected ? Message{MessageId::story_connected, {minutes(*connected)}}
                             : Message{MessageId::story_connect_unknown, {}};
  if (const std::uint32_t w = attribution.window[index]; w != Attribution::kNoWindow) {
    const AttributedWindow& window = attribution.windows[w];
    Message span{MessageId::story_window_span,
                 {clock(window.start), clock(window.end), count_arg(window.devices.size())},
                 window.devices.size()};
    switch (window.kind) {
      case WindowKind::hub_incident:
        return Message{MessageId::story_hub_incident,
                       {std::move(span), count_arg(window.burst->hub_error_total)}};
      case WindowKind::site_outage:
        return Message{MessageId::story_site_outage, {window.burst->site_ip, std::move(span)}};
      case WindowKind::fleet_wide_drop:
        return Message{MessageId::story_fleet_wide, {std::move(span)}};
      case WindowKind::edge_gateway_restart:
        return Message{
            MessageId::story_edge_restart,
            {window.edge != nullptr ? window.edge->gateway_id : std::string("-"), std::move(span)}};
    }
  }
  const auto& period = attribution.cause[index] == DropCause::idle_timeout
                           ? attribution.idle_period[drop.device]
                           : attribution.token_period[drop.device];
  const std::size_t same = counts[static_cast<std::size_t>(attribution.cause[index])];
  switch (attribution.cause[index]) {
    case DropCause::token_expiry:
      return Message{MessageId::story_token_period,
                     {std::move(lasted), period ? minutes(period->period) : MessageArg("-")}};
    case DropCause::idle_timeout:
      return Message{MessageId::story_idle_period,
                     {std::move(lasted), period ? minutes(period->period) : MessageArg("-")}};
    case DropCause::throttling:
      return Message{MessageId::story_throttled, {std::move(lasted)}};
    case DropCause::random:
      return Message{MessageId::story_random, {std::move(lasted), count_arg(same)}, same};
    case DropCause::too_few:
      return Message{MessageId::story_too_few, {std::move(lasted), count_arg(same)}, same};
    default:
      return lasted;
  }
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) noexcept {
  // Iterative matching with one backtrack point: linear in practice, never exponential.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

std::vector<DeviceIndex> devices_matching(const EventStore& store,
                                          std::span<const std::string> patterns) {
  std::vector<DeviceIndex> matches;
  for (DeviceIndex device = 0; device < store.devices().size(); ++device) {
    for (const std::string& pattern : patterns) {
      if (glob_match(pattern, store.devices()[device].device_id)) {
        matches.push_back(device);
        break;
      }
    }
  }
  return matches;
}

std::vector<StoryEvent> device_story(const Diagnosis& diagnosis, DeviceIndex device,
                                     const CauseNames& cause_names) {
  const DeviceTimelines& timelines = diagnosis.timelines();
  const auto drops = timelines.drops_of(device);
  const CauseCounts counts = cause_counts(diagnosis.attribution(), drops);
  std::size_t next_drop = 0;
  std::vector<StoryEvent> story;
  story.reserve(timelines.events_of(device).size());
  for (const StoredEvent& event : timelines.events_of(device)) {
    StoryEvent line;
    line.time = event.time;
    line.code = event.code;
    if (next_drop < drops.size()) {
      const std::uint32_t index = drops[next_drop];
      const Drop& drop = timelines.drops()[index];
      // An Event Grid connect snapshot published again is a drop and its
      // reconnect inside one snapshot: the drop comes first.
      const bool hidden =
          drop.reconnect_hidden && drop.reconnected_at == drop.time && is_successful_connect(event);
      if (drop.time == event.time && (is_drop(event) || hidden)) {
        ++next_drop;
        StoryEvent dropped = line;
        dropped.event = "drop";
        dropped.cause = cause_names[static_cast<std::size_t>(diagnosis.attribution().cause[index])];
        dropped.detail = drop_detail(diagnosis, index, counts);
        story.push_back(std::move(dropped));
        if (!hidden) continue;
      }
    }
    if (is_successful_connect(event)) {
      line.event = "connect";
    } else if (event.operation == Operation::disconnect && event.code == 0) {
      line.event = "disconnect";
    } else if (event.code != 0) {
      line.event = "error";
    } else {
      continue;
    }
    story.push_back(std::move(line));
  }
  return story;
}

}  // namespace iothub_diag
