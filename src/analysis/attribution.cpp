#include <algorithm>
#include <span>

#include <iothub_diag/analysis/attribution.hpp>
#include <iothub_diag/analysis/device_periods.hpp>
#include <iothub_diag/analysis/health_overlap.hpp>
#include <iothub_diag/core/side_by_side.hpp>
#include <iothub_diag/model/auth_type.hpp>

namespace iothub_diag {
namespace {

class Attributor {
 public:
  Attributor(const AttributionFacts& facts, Sharing sharing)
      : facts_(facts),
        sharing_(sharing),
        drops_(facts.timelines.drops()),
        claimed_(drops_.size(), 0),
        platform_(facts.store.stats().platform),
        health_spans_(health_spans(platform_)) {
    result_.cause.assign(drops_.size(), DropCause::too_few);
    result_.window.assign(drops_.size(), Attribution::kNoWindow);
    result_.token_period.resize(facts.store.devices().size());
    result_.idle_period.resize(facts.store.devices().size());
  }

  Attribution run() {
    decide_hub_bursts();
    // One claiming step per cause, in order of precedence (kDropCauses).
    for (const DropCauseStep& step : kDropCauses) {
      if (step.scope == CauseScope::window) claim_windows(step.cause);
    }
    // Each device's steps touch only its own drops and periods: the devices are
    // taken in two shares side by side, split where half the drops lie on either side.
    const DeviceTimelines& timelines = facts_.timelines;
    const auto claim_devices = [&](DeviceIndex first, DeviceIndex end) {
      for (DeviceIndex device = first; device < end; ++device) {
        const auto drops = timelines.drops_of(device);
        for (const DropCauseStep& step : kDropCauses) {
          if (step.scope == CauseScope::device) claim_device_drops(step.cause, device, drops);
        }
      }
    };
    const auto devices = static_cast<DeviceIndex>(timelines.device_count());
    const auto middle =
        static_cast<DeviceIndex>(sharing_.split_of(devices, [&](std::size_t device) {
          return timelines.drops_of(static_cast<DeviceIndex>(device)).size();
        }));
    side_by_side(
        sharing_.threads, [&] { claim_devices(middle, devices); },
        [&] { claim_devices(0, middle); });
    for (const DropCause cause : result_.cause)
      ++result_.drops_by_cause[static_cast<std::size_t>(cause)];
    std::stable_sort(result_.windows.begin(), result_.windows.end(),
                     [](const AttributedWindow& a, const AttributedWindow& b) {
                       return std::tie(a.burst->hub, a.start) < std::tie(b.burst->hub, b.start);
                     });
    // Which window took each drop, now that windows are in their final order.
    for (std::uint32_t w = 0; w < result_.windows.size(); ++w) {
      for (const std::uint32_t index : result_.windows[w].drops)
        result_.window[index] = w;
    }
    return std::move(result_);
  }

 private:
  // Claims the burst's drops that no earlier window claimed, as one window.
  void claim(const FleetBurst& burst, WindowKind kind, DropCause cause,
             const EdgeRestart* edge = nullptr, IncidentReason reason = IncidentReason::none,
             std::vector<std::uint32_t> health_events = {}) {
    AttributedWindow window;
    window.kind = kind;
    window.burst = &burst;
    window.edge = edge;
    window.reason = reason;
    window.health_events = std::move(health_events);
    for (const std::uint32_t index : burst.drops) {
      if (claimed_[index]) continue;
      claimed_[index] = 1;
      result_.cause[index] = cause;
      window.drops.push_back(index);
      window.devices.push_back(drops_[index].device);
    }
    if (window.drops.empty()) return;
    std::sort(window.drops.begin(), window.drops.end());
    std::sort(window.devices.begin(), window.devices.end());
    window.devices.erase(std::unique(window.devices.begin(), window.devices.end()),
                         window.devices.end());
    window.start = drops_[window.drops.front()].time;
    window.end = drops_[window.drops.back()].time;
    result_.windows.push_back(std::move(window));
  }

  static bool overlaps(const FleetBurst& a, const FleetBurst& b, Timestamp slack) {
    return a.hub == b.hub && a.start <= b.end + slack && b.start <= a.end + slack;
  }

  // Whether a hub burst without hub-side errors is hub-wide, not just the site
  // bursts inside it: devices outside those sites dropped with them, at least
  // fleet_wide_min_share of such devices (as many as a burst needs anyway), and
  // the burst as a whole is large. Event Grid bursts show neither errors nor
  // addresses, so for them the burst threshold alone decides.
  bool hub_wide(const FleetBurst& hub, const std::vector<std::size_t>& inside) const {
    const Thresholds& thresholds = facts_.thresholds;
    const EventStore& store = facts_.store;
    const std::vector<FleetBurst>& sites = facts_.site_bursts;
    const auto at_failed_site = [&](DeviceIndex device) {
      const std::string& ip = store.devices()[device].masked_ip;
      return std::any_of(inside.begin(), inside.end(),
                         [&](std::size_t s) { return !ip.empty() && sites[s].site_ip == ip; });
    };
    double others = 0;
    double snapshot_only = 0;
    for (const DeviceIndex device : hub.devices) {
      if (!at_failed_site(device)) ++others;
      if (store.devices()[device].judged_on_snapshots()) ++snapshot_only;
    }
    const auto devices = static_cast<double>(hub.devices.size());
    if (2 * snapshot_only >= devices) return others >= hub.threshold_devices;
    double others_population = static_cast<double>(hub.population);
    for (const std::size_t s : inside)
      others_population -= static_cast<double>(sites[s].population);
    return devices >= std::max(hub.threshold_devices, thresholds.fleet_wide_min_share *
                                                          static_cast<double>(hub.population)) &&
           others >= std::max(thresholds.burst_min_devices,
                              thresholds.fleet_wide_min_share * others_population);
  }

  // What each hub burst is, before any claim: a hub burst that is reported (an
  // incident, or hub-wide) takes the site bursts inside it; any other leaves
  // them standing as sites.
  void decide_hub_bursts() {
    const Thresholds& thresholds = facts_.thresholds;
    const auto slack = static_cast<Timestamp>(thresholds.burst_window_minutes * kMillisPerMinute);
    const std::vector<FleetBurst>& hubs = facts_.hub_bursts;
    const std::vector<FleetBurst>& sites = facts_.site_bursts;
    fate_.assign(hubs.size(), Fate::left_to_sites);
    reason_.assign(hubs.size(), IncidentReason::none);
    health_.resize(hubs.size());
    for (std::size_t h = 0; h < hubs.size(); ++h) {
      const HubInfo& hub = facts_.store.hubs()[hubs[h].hub];
      health_[h] = overlapping_health_events(platform_, health_spans_, hub.name, hub.region,
                                             hubs[h].start, hubs[h].end, slack);
    }
    site_stands_.assign(sites.size(), true);
    for (std::size_t h = 0; h < hubs.size(); ++h) {
      std::vector<std::size_t> inside;
      for (std::size_t s = 0; s < sites.size(); ++s) {
        if (overlaps(hubs[h], sites[s], slack)) inside.push_back(s);
      }
      if (has_hub_evidence(hubs[h], thresholds)) {
        fate_[h] = Fate::incident;
        reason_[h] = IncidentReason::hub_errors;
      } else if (admits_outage(platform_, health_[h])) {
        // Azure's own admission settles what the logs cannot: without 500xxx, a
        // hub-side incident and a regional network failure look alike.
        fate_[h] = Fate::incident;
        reason_[h] = IncidentReason::health_event;
      } else if (hub_wide(hubs[h], inside))
        fate_[h] = Fate::fleet_wide;
      else
        continue;
      for (const std::size_t s : inside)
        site_stands_[s] = false;
    }
  }

  void claim_windows(DropCause cause) {
    const std::vector<FleetBurst>& hubs = facts_.hub_bursts;
    const std::vector<FleetBurst>& sites = facts_.site_bursts;
    switch (cause) {
      case DropCause::hub_incident:
        for (std::size_t h = 0; h < hubs.size(); ++h) {
          if (fate_[h] == Fate::incident)
            claim(hubs[h], WindowKind::hub_incident, DropCause::hub_incident, nullptr, reason_[h],
                  health_[h]);
        }
        break;
      case DropCause::edge_gateway_restart:
        // A gateway's address is a site of its own: the restart of the gateway
        // takes its leaves' drops before a site outage could. Leaves of a restart
        // that fell in a hub incident stay the incident's.
        for (const EdgeRestart& restart : facts_.edge_restarts)
          claim(restart.burst, WindowKind::edge_gateway_restart, DropCause::edge_gateway_restart,
                &restart);
        break;
      case DropCause::site_outage:
        for (std::size_t s = 0; s < sites.size(); ++s) {
          if (site_stands_[s]) claim(sites[s], WindowKind::site_outage, DropCause::site_outage);
        }
        break;
      case DropCause::fleet_wide_drop:
        for (std::size_t h = 0; h < hubs.size(); ++h) {
          if (fate_[h] == Fate::fleet_wide)
            claim(hubs[h], WindowKind::fleet_wide_drop, DropCause::fleet_wide_drop, nullptr,
                  IncidentReason::none, health_[h]);
        }
        break;
      default:
        break;
    }
  }

  void claim_device_drops(DropCause cause, DeviceIndex device,
                          std::span<const std::uint32_t> drops) {
    switch (cause) {
      case DropCause::throttling:
        // A 429xxx just before the drop is the hub's own word for why: the device
        // was throttled. Such drops are kept out of the period below.
        for (const std::uint32_t index : drops) {
          if (claimed_[index] || !drops_[index].throttled_before) continue;
          claim_drop(index, DropCause::throttling);
        }
        break;
      case DropCause::token_expiry: {
        // A token period first (a certificate device has none).
        const bool certificate = uses_certificate(facts_.store.devices()[device].auth_type);
        result_.token_period[device] =
            certificate ? std::nullopt : facts_.periods.drop_period(device, claimed_);
        claim_periodic(result_.token_period[device], DropCause::token_expiry, drops);
        claim_refused_cycles(result_.token_period[device], drops);
        claim_late_cycles(result_.token_period[device], drops);
        break;
      }
      case DropCause::idle_timeout:
        // Else a period too short for a token (or any, for a certificate) is a
        // timer in the path.
        if (result_.token_period[device]) break;
        result_.idle_period[device] = facts_.periods.idle_period(device, claimed_);
        claim_periodic(result_.idle_period[device], DropCause::idle_timeout, drops);
        break;
      case DropCause::random: {
        // The device's other drops: a pattern when there are enough of them,
        // not counting the cycles of a token too few to show its period
        // (token_cycles_unshown), which only join a pattern the others make.
        const std::size_t left = unclaimed(drops);
        const std::size_t counted =
            result_.token_period[device] ? left : left - token_cycles_unshown(drops);
        if (static_cast<double>(counted) < facts_.thresholds.min_random_drops) break;
        for (const std::uint32_t index : drops) {
          if (!claimed_[index]) claim_drop(index, cause);
        }
        break;
      }
      case DropCause::too_few:
        // What is left is too few to call, each drop on its own.
        for (const std::uint32_t index : drops) {
          if (!claimed_[index]) claim_drop(index, cause);
        }
        break;
      default:
        break;
    }
  }

  // How many of a device's unclaimed `drops`, on a device with no token period,
  // are cycles of a token too few to show one (a day-long token over two or
  // four days). A drop with a 401003 beside it is the hub refusing the device's
  // token: fewer such drops than min_token_cycles are such cycles, and so are
  // more whose known lengths, too few for a period, all agree. A drop without a
  // 401003 whose connection lasted as long as a refused one's is one more cycle
  // of the same token, its 401003 not logged: a random drop does not repeat a
  // connection's length; so is one whose connection lasted a day-long token
  // (DevicePeriods::lasted_day_token), the only length that tells a token whose
  // 401003 is never logged. Refused drops of lengths that disagree, as many as
  // min_token_cycles, are none (nor anything else): a device the hub refuses at
  // random times.
  std::size_t token_cycles_unshown(std::span<const std::uint32_t> drops) const {
    std::size_t refused = 0;
    std::vector<std::uint32_t> known;  // the refused drops whose connection is known
    for (const std::uint32_t index : drops) {
      const Drop& drop = drops_[index];
      if (claimed_[index] || !drop.unauthorized_nearby) continue;
      ++refused;
      if (facts_.periods.connection_known(drop)) known.push_back(index);
    }
    const double cycles_needed = facts_.thresholds.min_token_cycles;
    const bool many = static_cast<double>(refused) >= cycles_needed;
    const bool few_known = known.size() >= 2 && static_cast<double>(known.size()) < cycles_needed;
    if (many && !few_known) return 0;
    std::vector<Timestamp> lengths(known.size());
    std::transform(known.begin(), known.end(), lengths.begin(),
                   [&](std::uint32_t index) { return *drops_[index].connected_duration(); });
    std::sort(lengths.begin(), lengths.end());
    if (many && !lengths_agree(known, lengths)) return 0;
    return refused + repeats_of(lengths, drops);
  }

  // Whether the connections of the refused drops at `known` all lasted one
  // length: their median (`lengths`, sorted), by DevicePeriods::fits.
  bool lengths_agree(std::span<const std::uint32_t> known,
                     std::span<const Timestamp> lengths) const {
    const PeriodEstimate median{.period = lengths[lengths.size() / 2]};
    return std::all_of(known.begin(), known.end(), [&](std::uint32_t index) {
      return facts_.periods.fits(drops_[index], median);
    });
  }

  // How many of the unclaimed `drops` without a 401003 lasted one of the refused
  // `lengths` (sorted; DevicePeriods::fits, the length as the period), or a
  // day-long token. A length is held against the nearest refused length on
  // either side only: a cycle's tolerance grows with the period, but slower than
  // the distance to it, so a farther one never fits where the nearer does not.
  std::size_t repeats_of(std::span<const Timestamp> lengths,
                         std::span<const std::uint32_t> drops) const {
    std::size_t repeats = 0;
    for (const std::uint32_t index : drops) {
      const Drop& drop = drops_[index];
      if (claimed_[index] || drop.unauthorized_nearby || !facts_.periods.connection_known(drop))
        continue;
      const auto above =
          std::lower_bound(lengths.begin(), lengths.end(), *drop.connected_duration());
      const auto lasted = [&](Timestamp length) {
        return facts_.periods.fits(drop, PeriodEstimate{.period = length});
      };
      if ((above != lengths.end() && lasted(*above)) ||
          (above != lengths.begin() && lasted(*std::prev(above))) ||
          facts_.periods.lasted_day_token(drop))
        ++repeats;
    }
    return repeats;
  }

  // How many of `drops` no earlier step took.
  std::size_t unclaimed(std::span<const std::uint32_t> drops) const {
    return static_cast<std::size_t>(
        std::count_if(drops.begin(), drops.end(), [&](std::uint32_t i) { return !claimed_[i]; }));
  }

  void claim_drop(std::uint32_t index, DropCause cause) {
    claimed_[index] = 1;
    result_.cause[index] = cause;
  }

  void claim_periodic(const std::optional<PeriodEstimate>& period, DropCause cause,
                      std::span<const std::uint32_t> drops) {
    if (!period) return;
    for (const std::uint32_t index : drops) {
      if (claimed_[index]) continue;
      const Drop& drop = drops_[index];
      // On a cycling device, a drop whose connection is not known whole (its
      // connect is not in the logs, or a gap in the logs lies inside it) is
      // most likely a cycle whose records were lost.
      if (facts_.periods.recurs(drop, *period) || !facts_.periods.connection_known(drop))
        claim_drop(index, cause);
    }
  }

  // Drops left beside a token period, too few for a random pattern, whose
  // connection lasted the period within token_late_tolerance_seconds: cycles
  // the hub closed late (minutes past the grace). Alone they would be too few
  // to call; beside a random pattern they stay random.
  void claim_late_cycles(const std::optional<PeriodEstimate>& period,
                         std::span<const std::uint32_t> drops) {
    if (!period) return;
    if (static_cast<double>(unclaimed(drops)) >= facts_.thresholds.min_random_drops) return;
    for (const std::uint32_t index : drops) {
      if (!claimed_[index] && facts_.periods.lasted_late(drops_[index], *period))
        claim_drop(index, DropCause::token_expiry);
    }
  }

  // Drops beside a token period with a 401003 beside them whose connection
  // lasted at least the token's lifetime (the period less token_grace_minutes),
  // wherever they fell against the period: the hub's own word that it refused
  // an expired token (it checked expiry minutes late, or a record of the
  // connection was lost). A shorter connection cannot be that token's expiry.
  void claim_refused_cycles(const std::optional<PeriodEstimate>& period,
                            std::span<const std::uint32_t> drops) {
    if (!period) return;
    const auto lifetime =
        period->period -
        static_cast<Timestamp>(facts_.thresholds.token_grace_minutes * kMillisPerMinute);
    for (const std::uint32_t index : drops) {
      const Drop& drop = drops_[index];
      if (!claimed_[index] && drop.unauthorized_nearby && facts_.periods.connection_known(drop) &&
          *drop.connected_duration() >= lifetime)
        claim_drop(index, DropCause::token_expiry);
    }
  }

  enum class Fate : std::uint8_t { incident, fleet_wide, left_to_sites };

  const AttributionFacts& facts_;
  Sharing sharing_;
  const std::vector<Drop>& drops_;
  // Nonzero for a drop an earlier step took: a byte each, so that two threads
  // claiming the drops of different devices never write the same word.
  std::vector<std::uint8_t> claimed_;
  std::vector<Fate> fate_;  // per hub burst
  std::vector<IncidentReason> reason_;
  std::vector<std::vector<std::uint32_t>> health_;  // per hub burst: its health events
  std::vector<bool> site_stands_;                   // per site burst: not inside a reported one
  const PlatformEvidence& platform_;
  std::vector<HealthSpan> health_spans_;  // per health event
  Attribution result_;
};

}  // namespace

bool has_hub_evidence(const FleetBurst& burst, const Thresholds& thresholds) noexcept {
  const double needed = std::max(thresholds.min_hub_errors,
                                 thresholds.hub_error_baseline_factor * burst.usual_hub_errors);
  return static_cast<double>(burst.hub_error_total) >= needed;
}

Attribution attribute_drops(const AttributionFacts& facts, Sharing sharing) {
  return Attributor(facts, sharing).run();
}

}  // namespace iothub_diag
