#include <algorithm>
#include <future>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/analysis/metric_gaps.hpp>
#include <iothub_diag/core/side_by_side.hpp>

namespace iothub_diag {
namespace {

// A device that drops this many times in a burst window, on average over its
// span (one in four windows: 72 times a day for 5-minute windows), is in a
// good share of any window's count whatever the fleet does: its drops say
// nothing of a fleet event. It takes many drops to know: two drops in the ten
// minutes a device logged (an incident that caught it twice) are no rate.
constexpr double kChronicDropsPerWindow = 0.25;
constexpr std::size_t kChronicMinDrops = 20;

bool drops_all_the_time(const DeviceTimelines& timelines, DeviceIndex device,
                        const Thresholds& thresholds) {
  const auto drops = timelines.drops_of(device);
  const auto events = timelines.events_of(device);
  if (drops.size() < kChronicMinDrops) return false;
  const auto span = static_cast<double>(events.back().time - events.front().time);
  const double window = thresholds.burst_window_minutes * kMillisPerMinute;
  return static_cast<double>(drops.size()) * window >= kChronicDropsPerWindow * std::max(span, 1.0);
}

// The connected counts only feed the rules' evidence: with a second thread
// they are counted while the drops are attributed, else when they are needed.
std::future<std::vector<ConnectedCount>> count_connected(const DeviceTimelines& timelines,
                                                         const EventStore& store,
                                                         unsigned threads) {
  return begin_aside(threads, [&timelines, &store] {
    std::vector<ConnectedCount> counts;
    counts.reserve(store.hubs().size());
    for (std::size_t hub = 0; hub < store.hubs().size(); ++hub)
      counts.emplace_back(timelines, store, static_cast<HubIndex>(hub));
    return counts;
  });
}

// The spans in which the metric moves while the logs hold nothing, where the
// logs' own rates found no gap: the metric speaks where the logs are too sparse.
void add_metric_gaps(const EventStore& store, const Thresholds& thresholds,
                     std::vector<LogGap>& gaps) {
  for (const MetricGap& silence : find_metric_gaps(store, thresholds.gap_min_minutes)) {
    const bool known = std::any_of(gaps.begin(), gaps.end(), [&](const LogGap& gap) {
      return gap.hub == silence.hub && gap.meets(silence.start, silence.end);
    });
    if (known) continue;
    LogGap gap;
    gap.hub = silence.hub;
    gap.start = silence.start;
    gap.end = silence.end;
    gap.metric_moves = silence.metric_churn;  // each change of the count is a logged event
    gap.source = GapSource::metric_connected;
    gaps.push_back(gap);
  }
  std::sort(gaps.begin(), gaps.end(), [](const LogGap& a, const LogGap& b) {
    return std::tie(a.hub, a.start) < std::tie(b.hub, b.start);
  });
}

// Every device's period on all its drops, before the gaps are known (the gaps
// are found against these patterns), then the gaps.
Diagnosis::GapSearch find_gaps(const EventStore& store, const Thresholds& thresholds,
                               const DeviceTimelines& timelines,
                               std::future<std::vector<HubFacts>>& facts, Sharing sharing) {
  const std::vector<LogGap> no_gaps;
  const DevicePeriods first_look(store, thresholds, timelines, no_gaps);
  Diagnosis::GapSearch search;
  const std::vector<std::uint8_t> none_left_out(timelines.drops().size(), 0);
  search.periods.resize(timelines.device_count());
  for (DeviceIndex device = 0; device < timelines.device_count(); ++device)
    search.periods[device] = first_look.any_period(device, none_left_out);
  search.hubs = facts.get();
  search.gaps = find_log_gaps(timelines, store, search.hubs, search.periods, thresholds,
                              first_look.snapshot_thresholds(), sharing);
  add_metric_gaps(store, thresholds, search.gaps);
  return search;
}

Diagnosis::FleetEvents find_fleet_events(const EventStore& store, const Thresholds& thresholds,
                                         const DeviceTimelines& timelines,
                                         const Diagnosis::GapSearch& gaps,
                                         const DevicePeriods& periods, unsigned threads) {
  // A drop that recurs at its own device's period is a token expiry, even when
  // many devices expire together (a fleet that connected at once): it must not
  // make a burst. Nor must a periodic device's drop whose connection is not
  // known whole (its connect is not in the logs, or a gap hides part of it):
  // the first expiry of every device connected before the logs begin falls
  // within one period of their start. So are drops that recur at a short idle
  // period (a timer in the network path).
  // Nor do the drops of a device with no period that drops all the time (an
  // app in a crash loop, a link that fails every few minutes): one falls in
  // most windows, whether the fleet has an event or not, and counted there
  // they would raise every window's usual count and hide the edges of a real one.
  std::vector<bool> eligible(timelines.drops().size(), true);
  for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
    const auto drops = timelines.drops_of(device);
    if (const std::optional<PeriodEstimate>& period = gaps.periods[device]) {
      for (const std::uint32_t index : drops) {
        const Drop& drop = timelines.drops()[index];
        if (periods.recurs(drop, *period) || !periods.connection_known(drop))
          eligible[index] = false;
      }
    } else if (drops_all_the_time(timelines, device, thresholds)) {
      for (const std::uint32_t index : drops)
        eligible[index] = false;
    }
  }
  // Nothing is built on a gap: a burst that meets one may be the edge of the
  // silence, not a fleet event.
  const auto meets_gap = [&gaps](const FleetBurst& burst) {
    return std::any_of(gaps.gaps.begin(), gaps.gaps.end(), [&](const LogGap& gap) {
      return gap.hub == burst.hub && gap.meets(burst.start, burst.end);
    });
  };
  const std::vector<HubFacts>& facts = gaps.hubs;
  Diagnosis::FleetEvents events;
  // Hubs and sites side by side: the connected counts, begun on the second
  // core before the gaps, are most often done by now.
  side_by_side(
      threads,
      [&] { events.hub_bursts = find_hub_bursts(timelines, store, facts, eligible, thresholds); },
      [&] {
        events.site_bursts = find_site_bursts(timelines, store, facts, eligible, thresholds);
      });
  events.edge_restarts = find_edge_restarts(timelines, store, eligible, thresholds);
  std::erase_if(events.hub_bursts, meets_gap);
  std::erase_if(events.site_bursts, meets_gap);
  std::erase_if(events.edge_restarts,
                [&](const EdgeRestart& restart) { return meets_gap(restart.burst); });
  return events;
}

// Drops after which a device judged on resource logs dropped again, and of
// those, the ones with no connect logged between: each is a lost reconnect.
void count_logged_loss(const DeviceTimelines& timelines, const DevicePeriods& periods,
                       DeviceIndex device, RecordLoss& loss) {
  const auto drops = timelines.drops_of(device);
  for (std::size_t i = 0; i + 1 < drops.size(); ++i) {
    const Drop& drop = timelines.drops()[drops[i]];
    // A reconnect inside a gap is the gap's, said on its own, not scattered loss.
    if (periods.gap_between(device, drop.time, timelines.drops()[drops[i + 1]].time)) continue;
    ++loss.drops_followed;
    if (!drop.reconnected_at) ++loss.reconnects_missing;
  }
}

// What a device judged on Event Grid snapshots shows of lost connect events. A
// connection that lasts past a snapshot's end is published, so a disconnect
// snapshot followed by another more than two snapshots later, with no connect
// between, lost its connect (one that lasted less than a snapshot vanishes in it
// and leaves two disconnects a snapshot apart). But a lost reconnect shows so
// only when the next snapshot the device published was a disconnect: when it was
// a connect (a drop and its reconnect within one snapshot), the loss looks like
// a long way back. So the snapshots after reconnects (connects right after a
// disconnect) are counted too, for the share that are disconnects.
void count_snapshot_loss(std::span<const StoredEvent> events, const DevicePeriods& periods,
                         DeviceIndex device, SnapshotTransitions& seen) {
  constexpr Timestamp kHiddenReconnectLongest = 2 * kStateSnapshotInterval;
  const StoredEvent* previous = nullptr;
  bool previous_reconnect = false;  // `previous` is a connect right after a disconnect
  for (const StoredEvent& event : events) {
    const bool connect = is_successful_connect(event);
    if (!connect && !is_drop(event)) continue;
    bool reconnect = false;
    if (previous != nullptr && !periods.gap_between(device, previous->time, event.time)) {
      if (is_successful_connect(*previous)) {
        if (previous_reconnect) {
          ++seen.after_reconnects;
          if (!connect) ++seen.disconnects_after_reconnects;
        }
      } else {
        ++seen.after_disconnects;
        if (!connect && event.time - previous->time > kHiddenReconnectLongest) ++seen.connects_lost;
        reconnect = connect;
      }
    }
    previous = &event;
    previous_reconnect = reconnect;
  }
}

Diagnosis::Losses count_record_loss(const EventStore& store, const DeviceTimelines& timelines,
                                    const DevicePeriods& periods) {
  Diagnosis::Losses losses;
  SnapshotTransitions seen;
  for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
    if (timelines.drops_of(device).empty()) continue;
    if (store.devices()[device].judged_on_snapshots())
      count_snapshot_loss(timelines.events_of(device), periods, device, seen);
    else
      count_logged_loss(timelines, periods, device, losses.logged);
  }
  losses.snapshots.drops_followed = seen.after_disconnects;
  losses.snapshots.reconnects_missing = seen.connects_lost;
  if (seen.disconnects_after_reconnects > 0) {
    losses.snapshots.shown_share = static_cast<double>(seen.disconnects_after_reconnects) /
                                   static_cast<double>(seen.after_reconnects);
  }
  return losses;
}

}  // namespace

Diagnosis::Diagnosis(const EventStore& store, const Thresholds& thresholds, Sharing sharing)
    : store_(store),
      thresholds_(thresholds),
      facts_(begin_aside(sharing.threads, [&store] { return hub_facts(store); })),
      timelines_(clock_.time(MessageId::stage_timelines,
                             [&] { return DeviceTimelines(store, thresholds); })),
      counting_(count_connected(timelines_, store, sharing.threads)),
      gaps_(clock_.time(MessageId::stage_gaps,
                        [&] { return find_gaps(store, thresholds, timelines_, facts_, sharing); })),
      periods_(store, thresholds, timelines_, gaps_.gaps),
      fleet_(clock_.time(MessageId::stage_bursts,
                         [&] {
                           return find_fleet_events(store, thresholds, timelines_, gaps_, periods_,
                                                    sharing.threads);
                         })),
      attribution_(clock_.time(MessageId::stage_attribution,
                               [&] {
                                 return attribute_drops(
                                     AttributionFacts{store, thresholds, timelines_, periods_,
                                                      fleet_.hub_bursts, fleet_.site_bursts,
                                                      fleet_.edge_restarts},
                                     sharing);
                               })),
      losses_(count_record_loss(store, timelines_, periods_)),
      connected_(counting_.get()) {
  // The hubs' facts and the periods on all drops served the gaps and the bursts only.
  gaps_.hubs = {};
  gaps_.periods = {};
}

}  // namespace iothub_diag
