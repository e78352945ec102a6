#include <algorithm>
#include <limits>
#include <optional>
#include <span>

#include <iothub_diag/simulate/device_timeline.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>
#include <iothub_diag/simulate/random_stream.hpp>

namespace iothub_diag::simulate {
namespace {

constexpr Timestamp kSecond = kMillisPerSecond;
constexpr Timestamp kMinute = kMillisPerMinute;
constexpr Timestamp kHour = kMillisPerHour;

constexpr Timestamp kBootWindow = 3 * kMinute;   // fleet booted together
constexpr double kAlreadyConnectedShare = 0.85;  // otherwise the first connect is in the span
constexpr Timestamp kLateFirstConnectMax = 2 * kHour;
constexpr Timestamp kUnauthorizedSpread = 30 * kSecond;
constexpr double kServiceUnavailableShare = 0.7;  // 503001, else 500001
constexpr double kAppRestartsPerDay = 0.2;        // healthy devices, clean restarts
constexpr Timestamp kIdentityEpisodeMin = 10 * kMinute;
constexpr Timestamp kIdentityEpisodeMax = 45 * kMinute;
constexpr Timestamp kStormRetryCaps[] = {60 * kSecond, 120 * kSecond, 300 * kSecond};

struct DelayBand {
  double share;
  Timestamp low;
  Timestamp high;
};
// After a random drop: mostly seconds, then a heavy tail of minutes and hours
// (the network is gone for a while, or the app is restarted by a watchdog).
constexpr DelayBand kRandomReconnectDelays[] = {{0.55, 2 * kSecond, 30 * kSecond},
                                                {0.25, 30 * kSecond, 5 * kMinute},
                                                {0.15, 5 * kMinute, 30 * kMinute},
                                                {0.05, 30 * kMinute, 3 * kHour}};
// After a token drop the SDK builds a new token and reconnects within a minute.
constexpr DelayBand kTokenReconnectDelays[] = {{0.7, 1 * kSecond, 10 * kSecond},
                                               {0.3, 10 * kSecond, 60 * kSecond}};

Timestamp draw_delay(RandomStream& random, std::span<const DelayBand> bands) {
  double draw = random.uniform();
  for (const DelayBand& band : bands) {
    if (draw < band.share) return random.between(band.low, band.high);
    draw -= band.share;
  }
  return random.between(bands.back().low, bands.back().high);
}

// Poisson arrivals over the span at `per_day`.
std::vector<Timestamp> poisson_times(RandomStream& random, TimeWindow span, double per_day) {
  std::vector<Timestamp> times;
  if (per_day <= 0.0) return times;
  const double mean_gap = static_cast<double>(kMillisPerDay) / per_day;
  double time = static_cast<double>(span.start);
  while (true) {
    time += random.exponential(mean_gap);
    if (time >= static_cast<double>(span.end)) break;
    times.push_back(static_cast<Timestamp>(time));
  }
  return times;
}

std::vector<Timestamp> uniform_times(RandomStream& random, TimeWindow span, int count,
                                     double from_fraction, double to_fraction) {
  const auto length = static_cast<double>(span.end - span.start);
  std::vector<Timestamp> times;
  times.reserve(static_cast<std::size_t>(std::max(count, 0)));
  for (int i = 0; i < count; ++i) {
    times.push_back(span.start + static_cast<Timestamp>(
                                     random.uniform(from_fraction * length, to_fraction * length)));
  }
  std::sort(times.begin(), times.end());
  return times;
}

enum class Cause : std::uint8_t {
  none,
  token_expiry,
  clean_renewal,
  reboot,
  app_restart,
  random_drop,
  incident,
  site_outage,
  final_drop,
  identity_episode,
  throttling,
  idle_timeout,
  edge_restart,
};

// A timer in the path makes the hub close the link 1.5 x the keep-alive after
// it last heard the device (docs/DOMAIN.md), give or take this much.
constexpr Timestamp kIdleJitter = 15 * kSecond;
constexpr Timestamp kHubIdleCap = 1767 * kSecond;
constexpr double kThrottleBacklogShare = 0.8;  // 429002, else 429001

// The event loop of one device: while connected, the earliest pending cause
// ends the connection; while disconnected, connect attempts run until one
// succeeds (or the span ends).
class Timeline {
 public:
  Timeline(const DeviceProfile& device, const FleetPlan& plan, const SimulationOptions& options)
      : device_(device),
        plan_(plan),
        options_(options),
        span_(plan.span),
        random_(options.seed, RandomPurpose::device_life,
                static_cast<std::uint64_t>(device.index)) {}

  DeviceHistory run() {
    if (device_.behavior == DeviceBehavior::unauthorized_storm) {
      run_storm();
      return std::move(history_);
    }
    draw_schedules();
    start();
    while (true) {
      if (!connected_ && (stopped_ || !connect_from(attempt_at_))) break;
      const Next next = next_event();
      if (next.time >= span_.end) break;
      handle(next);
    }
    if (connected_) history_.connected.push_back({open_since_, span_.end});
    return std::move(history_);
  }

 private:
  struct Next {
    Timestamp time = std::numeric_limits<Timestamp>::max();
    Cause cause = Cause::none;
  };
  struct PlannedDrop {
    TimeWindow window;
    Timestamp drop = 0;
  };
  struct EdgeDrop {
    Timestamp restart = 0;  // when its gateway restarted
    Timestamp drop = 0;
    Timestamp back = 0;  // when this identity can connect again
  };

  void draw_schedules() {
    if (device_.sparse_drops > 0) {
      random_drops_ = uniform_times(random_, span_, device_.sparse_drops, 0.05, 0.95);
    } else {
      random_drops_ = poisson_times(random_, span_, device_.random_drops_per_day);
    }
    const bool restarts = device_.behavior == DeviceBehavior::healthy ||
                          device_.behavior == DeviceBehavior::duplicate_identity ||
                          device_.behavior == DeviceBehavior::never_reconnected;
    if (restarts) app_restarts_ = poisson_times(random_, span_, kAppRestartsPerDay);

    for (const IncidentPlan& incident : plan_.incidents) {
      // Drops concentrate in the first part of the window, like a failing node.
      const Timestamp length = incident.window.end - incident.window.start;
      const bool hit = random_.chance(incident.share);
      const Timestamp offset = random_.between(0, std::max<Timestamp>(1, length * 6 / 10));
      if (hit) incident_drops_.push_back({incident.window, incident.window.start + offset});
    }
    for (const SiteOutagePlan& outage : plan_.outages) {
      if (outage.site != device_.site || device_.site < 0) continue;
      // The hub notices a silent client after 1.5x its keep-alive.
      const Timestamp detection = device_.keep_alive_seconds * kSecond * 3 / 2;
      outages_.push_back(
          {outage.window, outage.window.start + detection + random_.between(0, 60 * kSecond)});
    }
    if (device_.behavior == DeviceBehavior::never_reconnected) {
      final_drop_ = uniform_times(random_, span_, 1, 0.1, 0.7).front();
    }
    if (device_.dies_at_expiry) dies_from_ = uniform_times(random_, span_, 1, 0.1, 0.7).front();
    if (device_.behavior == DeviceBehavior::duplicate_identity) {
      identity_episodes_ = uniform_times(random_, span_, random_.chance(0.5) ? 1 : 2, 0.05, 0.8);
    }
    if (device_.behavior == DeviceBehavior::throttled)
      throttles_ = poisson_times(random_, span_, device_.throttles_per_day);
    for (const EdgeRestartPlan& restart : plan_.edge_restarts) {
      if (device_.gateway < 0 || restart.gateway != device_.gateway) continue;
      // Links close within seconds; $edgeAgent starts $edgeHub, which serves the rest.
      const Timestamp start = restart.window.start;
      EdgeDrop drop{start, start, start};
      switch (device_.edge_role) {
        case EdgeRole::agent:
          drop = {start, start + random_.between(0, 3 * kSecond),
                  restart.agent_back + random_.between(0, 2 * kSecond)};
          break;
        case EdgeRole::hub:
          drop = {start, start + random_.between(0, 3 * kSecond),
                  restart.hub_back + random_.between(0, 2 * kSecond)};
          break;
        case EdgeRole::module:
          drop = {start, start + random_.between(1 * kSecond, 6 * kSecond),
                  restart.hub_back + random_.between(5 * kSecond, 30 * kSecond)};
          break;
        case EdgeRole::leaf:
          drop = {start, start + random_.between(1 * kSecond, 9 * kSecond),
                  restart.hub_back + random_.between(5 * kSecond, 60 * kSecond)};
          break;
        case EdgeRole::none:
          continue;
      }
      edge_drops_.push_back(drop);
    }
  }

  void start() {
    if (options_.fleet_booted_together) {
      attempt_at_ = span_.start + random_.between(0, kBootWindow);
      return;
    }
    if (random_.chance(kAlreadyConnectedShare)) {
      // Connected before the span: no connect record, the first event may be a drop.
      const Timestamp age_limit = device_.token_period > 0           ? device_.token_period
                                  : device_.clean_renewal_period > 0 ? device_.clean_renewal_period
                                                                     : kMillisPerDay;
      on_connected(span_.start - random_.between(kSecond, age_limit));
      return;
    }
    const Timestamp length = span_.end - span_.start;
    attempt_at_ = span_.start + random_.between(0, std::min(kLateFirstConnectMax, length / 2));
  }

  void on_connected(Timestamp time) {
    connected_ = true;
    connected_since_ = time;
    open_since_ = std::max(time, span_.start);
    if (device_.token_period > 0) {
      // Expiry is checked on a timer, not exactly
      // (SimulationOptions::token_close_delay_max_seconds).
      const Timestamp close_delay_max = options_.token_close_delay_max_seconds * kSecond;
      token_drop_at_ = time + device_.token_period +
                       (close_delay_max > 0 ? random_.between(0, close_delay_max) : 0);
    }
    if (device_.clean_renewal_period > 0) {
      renewal_at_ = time + device_.clean_renewal_period + random_.between(0, 3 * kSecond);
    }
    if (device_.behavior == DeviceBehavior::idle_timeout) {
      const Timestamp idle =
          std::min<Timestamp>(device_.keep_alive_seconds * kSecond * 3 / 2, kHubIdleCap);
      idle_drop_at_ = time + idle + random_.between(-kIdleJitter, kIdleJitter);
    }
    if (device_.reboot_period > 0) {
      const Timestamp first = span_.start + device_.reboot_phase;
      Timestamp scheduled = first;
      if (time >= first) {
        scheduled = first + ((time - first) / device_.reboot_period + 1) * device_.reboot_period;
      }
      reboot_at_ = scheduled + random_.between(0, 30 * kSecond);
    }
  }

  void end_connection(Timestamp time, Timestamp reconnect_at, bool after_error) {
    connected_ = false;
    if (time > open_since_) history_.connected.push_back({open_since_, time});
    attempt_at_ = reconnect_at;
    after_error_drop_ = after_error;
  }

  const TimeWindow* outage_at(Timestamp time) const {
    for (const PlannedDrop& outage : outages_) {
      if (outage.window.contains(time)) return &outage.window;
    }
    return nullptr;
  }

  bool in_incident(Timestamp time) const {
    return std::any_of(
        plan_.incidents.begin(), plan_.incidents.end(),
        [&](const IncidentPlan& incident) { return incident.window.contains(time); });
  }

  // Connect attempts from `time` on: silent while the site's network is down,
  // failing with 503001/500001 inside an incident, once in a while a 409002
  // right after an error drop. False when the span ends first.
  bool connect_from(Timestamp time) {
    bool conflict_done = false;
    int failures = 0;
    while (time < span_.end) {
      if (const TimeWindow* outage = outage_at(time)) {
        time = outage->end + random_.between(5 * kSecond, 180 * kSecond);
        continue;
      }
      // The hub refuses every connect until the incident is over, so the
      // devices it dropped come back together after the window.
      if (in_incident(time)) {
        emit(time, ConnectionOperation::connect,
             random_.chance(kServiceUnavailableShare) ? 503001 : 500001);
        ++failures;
        const Timestamp backoff =
            std::min<Timestamp>(5 * kSecond << std::min(failures - 1, 5), 120 * kSecond);
        time += backoff + random_.between(0, 5 * kSecond);
        continue;
      }
      if (after_error_drop_ && !conflict_done &&
          random_.chance(options_.conflict_after_reconnect_share)) {
        emit(time, ConnectionOperation::connect, 409002);
        conflict_done = true;
        time += random_.between(1 * kSecond, 5 * kSecond);
        continue;
      }
      emit(time, ConnectionOperation::connect, 0);
      on_connected(time);
      return true;
    }
    return false;
  }

  static Timestamp first_after(const std::vector<Timestamp>& times, std::size_t& cursor,
                               Timestamp after) {
    while (cursor < times.size() && times[cursor] <= after)
      ++cursor;
    return cursor < times.size() ? times[cursor] : std::numeric_limits<Timestamp>::max();
  }

  Next next_event() {
    Next best;
    const auto consider = [&best](Timestamp time, Cause cause) {
      if (time < best.time) best = {time, cause};
    };
    if (device_.token_period > 0) consider(token_drop_at_, Cause::token_expiry);
    if (device_.clean_renewal_period > 0) consider(renewal_at_, Cause::clean_renewal);
    if (device_.reboot_period > 0) consider(reboot_at_, Cause::reboot);
    consider(first_after(random_drops_, random_cursor_, connected_since_), Cause::random_drop);
    consider(first_after(app_restarts_, restart_cursor_, connected_since_), Cause::app_restart);
    consider(first_after(identity_episodes_, episode_cursor_, connected_since_),
             Cause::identity_episode);
    // Only devices connected when the trouble starts are dropped by it.
    for (const PlannedDrop& incident : incident_drops_) {
      if (incident.window.start > connected_since_) {
        consider(incident.drop, Cause::incident);
        break;
      }
    }
    for (const PlannedDrop& outage : outages_) {
      if (outage.window.start > connected_since_) {
        consider(outage.drop, Cause::site_outage);
        break;
      }
    }
    if (final_drop_)
      consider(std::max(*final_drop_, connected_since_ + kMinute), Cause::final_drop);
    consider(first_after(throttles_, throttle_cursor_, connected_since_), Cause::throttling);
    if (device_.behavior == DeviceBehavior::idle_timeout)
      consider(idle_drop_at_, Cause::idle_timeout);
    for (const EdgeDrop& drop : edge_drops_) {
      if (drop.restart > connected_since_) {
        consider(drop.drop, Cause::edge_restart);
        break;
      }
    }
    return best;
  }

  void handle(const Next& next) {
    const Timestamp time = next.time;
    switch (next.cause) {
      case Cause::token_expiry: {
        const Timestamp delay = draw_delay(random_, kTokenReconnectDelays);
        // The hub logs the 401003 and the 404104 independently: either may come first.
        const double placement = random_.uniform();
        if (placement < options_.unauthorized_before_share) {
          emit(time - random_.between(0, kUnauthorizedSpread), ConnectionOperation::disconnect,
               401003);
        } else if (placement <
                   options_.unauthorized_before_share + options_.unauthorized_after_share) {
          emit(time + random_.between(0, std::min(kUnauthorizedSpread, delay)),
               ConnectionOperation::disconnect, 401003);
        }
        emit(time, ConnectionOperation::disconnect, 404104);
        if (connected_since_ >= span_.start) ++history_.token_cycles;
        if (span_.contains(time) && !in_fleet_event(plan_, device_, time))
          ++history_.token_drops_outside_fleet_events;
        if (dies_from_ && time >= *dies_from_) {  // the expiry it never comes back from
          history_.went_silent = true;
          stopped_ = true;
          end_connection(time, span_.end, true);
          break;
        }
        end_connection(time, time + delay, true);
        break;
      }
      case Cause::clean_renewal:
        emit(time, ConnectionOperation::disconnect, 0);
        ++history_.scheduled_reconnects;
        end_connection(time, time + random_.between(500, 3 * kSecond), false);
        break;
      case Cause::reboot:
        emit(time, ConnectionOperation::disconnect, 0);
        ++history_.scheduled_reconnects;
        end_connection(time, time + random_.between(30 * kSecond, 3 * kMinute), false);
        break;
      case Cause::app_restart:
        emit(time, ConnectionOperation::disconnect, 0);
        end_connection(time, time + random_.between(5 * kSecond, 2 * kMinute), false);
        break;
      case Cause::random_drop:
        emit(time, ConnectionOperation::disconnect, 404104);
        if (!in_fleet_event(plan_, device_, time)) ++history_.random_drops_outside_fleet_events;
        end_connection(time, time + draw_delay(random_, kRandomReconnectDelays), true);
        break;
      case Cause::incident:
      case Cause::site_outage:
        emit(time, ConnectionOperation::disconnect, 404104);
        end_connection(time, time + random_.between(1 * kSecond, 30 * kSecond), true);
        break;
      case Cause::final_drop:
        emit(time, ConnectionOperation::disconnect, 404104);
        history_.went_silent = true;
        history_.final_drop_outside_fleet_events = !in_fleet_event(plan_, device_, time);
        stopped_ = true;
        end_connection(time, span_.end, true);
        break;
      case Cause::identity_episode:
        run_identity_episode(time);
        break;
      case Cause::throttling: {
        // The request waits in the throttling backlog, fails, and the hub closes the link.
        emit(time, ConnectionOperation::disconnect,
             random_.chance(kThrottleBacklogShare) ? 429002 : 429001, false,
             CategoryRecordKind::telemetry_ingress);
        const Timestamp dropped = time + random_.between(2 * kSecond, 30 * kSecond);
        emit(dropped, ConnectionOperation::disconnect, 404104);
        if (span_.contains(dropped) && !in_fleet_event(plan_, device_, dropped))
          ++history_.throttling_drops;
        end_connection(dropped, dropped + random_.between(5 * kSecond, 60 * kSecond), true);
        break;
      }
      case Cause::idle_timeout:
        emit(time, ConnectionOperation::disconnect, 404104);
        if (connected_since_ >= span_.start && !in_fleet_event(plan_, device_, time))
          ++history_.idle_cycles;
        end_connection(time, time + random_.between(2 * kSecond, 40 * kSecond), true);
        break;
      case Cause::edge_restart: {
        emit(time, ConnectionOperation::disconnect, 404104);
        Timestamp back = time + kSecond;
        for (const EdgeDrop& drop : edge_drops_) {
          if (drop.drop == time) back = std::max(back, drop.back);
        }
        end_connection(time, back, true);
        break;
      }
      case Cause::none:
        break;
    }
  }

  // Two clients on one identity: each connect closes the other with 400027,
  // every few seconds, until the second client gives up.
  void run_identity_episode(Timestamp start) {
    const Timestamp end =
        std::min(start + random_.between(kIdentityEpisodeMin, kIdentityEpisodeMax), span_.end);
    Timestamp time = start;
    bool second_client_holds = false;
    const auto swap = [&] {
      second_client_holds = !second_client_holds;
      emit(time, ConnectionOperation::connect, 0, second_client_holds);
      emit(time + random_.between(0, 800), ConnectionOperation::disconnect, 400027,
           !second_client_holds);
      ++history_.identity_swaps;
      connected_since_ = time;
    };
    while (time < end) {
      swap();
      time += random_.between(3 * kSecond, 15 * kSecond);
    }
    if (second_client_holds && time < span_.end) swap();
  }

  // Bad credentials or a drifted clock: every connect fails with 401003, with
  // the SDK's exponential back-off up to its cap.
  void run_storm() {
    const Timestamp length = span_.end - span_.start;
    Timestamp time = span_.start + random_.between(0, std::max<Timestamp>(1, length / 4));
    const Timestamp cap = random_.pick(std::span<const Timestamp>(kStormRetryCaps));
    int failures = 0;
    while (time < span_.end) {
      emit(time, ConnectionOperation::connect, 401003);
      ++history_.unauthorized_attempts;
      failures = std::min(failures + 1, 10);
      const Timestamp backoff = std::min<Timestamp>(5 * kSecond << failures, cap);
      time += static_cast<Timestamp>(static_cast<double>(backoff) * random_.uniform(0.8, 1.2));
    }
  }

  void emit(Timestamp time, ConnectionOperation operation, std::int32_t code,
            bool duplicate_client = false,
            std::optional<CategoryRecordKind> category = std::nullopt) {
    if (time < span_.start || time >= span_.end) return;
    history_.events.push_back({time, operation, code, duplicate_client, category});
  }

  const DeviceProfile& device_;
  const FleetPlan& plan_;
  const SimulationOptions& options_;
  const TimeWindow span_;
  RandomStream random_;
  DeviceHistory history_;

  bool connected_ = false;
  bool stopped_ = false;
  bool after_error_drop_ = false;
  Timestamp connected_since_ = std::numeric_limits<Timestamp>::min();
  Timestamp open_since_ = 0;
  Timestamp attempt_at_ = 0;
  Timestamp token_drop_at_ = 0;
  Timestamp renewal_at_ = 0;
  Timestamp reboot_at_ = 0;

  std::vector<Timestamp> random_drops_;
  std::vector<Timestamp> app_restarts_;
  std::vector<Timestamp> identity_episodes_;
  std::size_t random_cursor_ = 0;
  std::size_t restart_cursor_ = 0;
  std::size_t episode_cursor_ = 0;
  std::vector<PlannedDrop> incident_drops_;
  std::vector<PlannedDrop> outages_;
  std::optional<Timestamp> final_drop_;
  std::optional<Timestamp> dies_from_;  // a token device's last expiry is the first after it
  std::vector<Timestamp> throttles_;
  std::size_t throttle_cursor_ = 0;
  Timestamp idle_drop_at_ = 0;
  std::vector<EdgeDrop> edge_drops_;
};

}  // namespace

DeviceHistory simulate_device(const DeviceProfile& device, const FleetPlan& plan,
                              const SimulationOptions& options) {
  return Timeline(device, plan, options).run();
}

std::vector<std::string> labels_for(const DeviceProfile& device, const DeviceHistory& history) {
  const DeviceBehavior behavior = device.behavior;
  const bool token_device =
      behavior == DeviceBehavior::token_expiry || behavior == DeviceBehavior::token_and_random;
  const bool random_device =
      behavior == DeviceBehavior::random_drops || behavior == DeviceBehavior::token_and_random;

  std::vector<std::string> labels;
  if (token_device && history.token_cycles >= kMinTokenCycles) {
    labels.emplace_back(kTokenExpiryRule);
  }
  if (random_device && history.random_drops_outside_fleet_events >= kMinRandomDrops) {
    labels.emplace_back(kRandomDisconnectsRule);
  }
  // Drops outside incidents and outages that no labeled pattern accounts for.
  // A token's drops on a device too short-lived to show its period are token
  // cycles, not random drops: they make no random pattern, so however many
  // there are they are too few to call (the analyzer knows them by their 401003).
  const bool token_pattern_shown = token_device && history.token_cycles >= kMinTokenCycles;
  const int own_drops =
      history.random_drops_outside_fleet_events + (history.final_drop_outside_fleet_events ? 1 : 0);
  const int unshown_token_drops =
      token_pattern_shown ? 0 : history.token_drops_outside_fleet_events;
  if (own_drops + unshown_token_drops >= 1 && own_drops < kMinRandomDrops) {
    labels.emplace_back(kIsolatedDropsRule);
  }
  if (behavior == DeviceBehavior::scheduled_reconnects &&
      history.scheduled_reconnects >= kMinScheduledReconnects) {
    labels.emplace_back(kScheduledReconnectsRule);
  }
  if (behavior == DeviceBehavior::duplicate_identity && history.identity_swaps >= 3) {
    labels.emplace_back(kDuplicateIdentityRule);
  }
  if (history.went_silent) {
    labels.emplace_back(kNeverReconnectedRule);
  }
  if (behavior == DeviceBehavior::unauthorized_storm && history.unauthorized_attempts >= 3) {
    labels.emplace_back(kUnauthorizedStormRule);
  }
  if (behavior == DeviceBehavior::throttled && history.throttling_drops >= 1) {
    labels.emplace_back(kThrottlingRule);
  }
  if (behavior == DeviceBehavior::idle_timeout && history.idle_cycles >= kMinTokenCycles) {
    labels.emplace_back(kIdleTimeoutRule);
  }
  std::sort(labels.begin(), labels.end());
  return labels;
}

}  // namespace iothub_diag::simulate
