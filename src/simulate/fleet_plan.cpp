#include <algorithm>
#include <cmath>
#include <set>
#include <span>

#include <fmt/format.h>

#include <iothub_diag/simulate/fleet_plan.hpp>
#include <iothub_diag/simulate/random_stream.hpp>

namespace iothub_diag::simulate {
namespace {

constexpr std::string_view kX509AuthType =
    R"({"scope":"device","type":"x509Certificate","issuer":"external","acceptingIpFilterRule":null})";
constexpr std::string_view kModuleNames[] = {"telemetry-module", "opc-publisher", "modbus-reader",
                                             "vision"};
// Periodic reboots of otherwise healthy devices (watchdogs, nightly maintenance).
constexpr Timestamp kRebootPeriods[] = {6 * kMillisPerHour, 8 * kMillisPerHour, 12 * kMillisPerHour,
                                        24 * kMillisPerHour};
// First octets that are public unicast; private, loopback and CGNAT ranges are left out.
constexpr int kPublicFirstOctets[] = {13,  20,  24,  31,  37,  40,  46,  52,  62,
                                      67,  73,  78,  81,  86,  91,  98,  104, 109,
                                      145, 151, 176, 185, 188, 193, 203, 212, 217};

constexpr Timestamp kFleetEventSlack = 5 * kMillisPerMinute;

// Share of the devices (storm devices aside) that sit behind a site address.
constexpr double kSiteShare = 0.75;
constexpr int kSiteSizeMin = 2;
constexpr int kSiteSizeMax = 60;
// docs/DOMAIN.md section 4: a site is small, often under 1 % of a fleet.
constexpr int kOutageSiteMin = 8;
constexpr int kOutageSiteMax = 40;
constexpr Timestamp kGapBetweenFleetEvents = 30 * kMillisPerMinute;

struct Weighted {
  SdkFamily family;
  double weight;
};
// Pattern 1 needs an SDK that waits for the hub to close the link (docs/DOMAIN.md section 2).
constexpr Weighted kTokenExpiryFamilies[] = {
    {SdkFamily::dotnet, 0.45}, {SdkFamily::java, 0.30}, {SdkFamily::embedded_c, 0.25}};
constexpr Weighted kCleanRenewalFamilies[] = {
    {SdkFamily::c, 0.40}, {SdkFamily::node, 0.35}, {SdkFamily::python, 0.25}};
// Over AMQP the SDKs renew tokens in-band, so these links never cycle.
constexpr Weighted kAmqpFamilies[] = {{SdkFamily::dotnet, 0.35},
                                      {SdkFamily::java, 0.25},
                                      {SdkFamily::node, 0.20},
                                      {SdkFamily::c, 0.20}};
constexpr Weighted kIdleTimeoutFamilies[] = {{SdkFamily::c, 0.55},
                                             {SdkFamily::java, 0.15},
                                             {SdkFamily::node, 0.15},
                                             {SdkFamily::dotnet, 0.15}};
constexpr double kThrottlesPerDay[] = {2.0, 6.0};
constexpr std::string_view kEdgeCustomModules[] = {"SimulatedTemperatureSensor", "opc-publisher",
                                                   "modbus-reader"};
constexpr int kEdgeLeaves = 10;
constexpr Weighted kAnyFamily[] = {{SdkFamily::dotnet, 0.30}, {SdkFamily::java, 0.20},
                                   {SdkFamily::c, 0.15},      {SdkFamily::node, 0.15},
                                   {SdkFamily::python, 0.15}, {SdkFamily::embedded_c, 0.05}};

SdkFamily pick_family(RandomStream& random, std::span<const Weighted> table) {
  double total = 0.0;
  for (const Weighted& row : table)
    total += row.weight;
  double draw = random.uniform(0.0, total);
  for (const Weighted& row : table) {
    if (draw < row.weight) return row.family;
    draw -= row.weight;
  }
  return table.back().family;
}

std::string_view pick_release(RandomStream& random, SdkFamily family, bool outdated) {
  std::vector<std::string_view> matches;
  for (const SdkRelease& release : kSdkReleases) {
    if (release.family == family && release.outdated == outdated)
      matches.push_back(release.user_agent);
  }
  if (matches.empty()) {
    for (const SdkRelease& release : kSdkReleases) {
      if (release.family == family) matches.push_back(release.user_agent);
    }
  }
  return random.pick(std::span<const std::string_view>(matches));
}

std::string unique_masked_ip(RandomStream& random, std::set<std::string>& used) {
  while (true) {
    const int first = random.pick(std::span<const int>(kPublicFirstOctets));
    std::string ip =
        fmt::format("{}.{}.{}.XXX", first, random.uniform_int(0, 255), random.uniform_int(0, 255));
    if (used.insert(ip).second) return ip;
  }
}

int rounded(double value) {
  return static_cast<int>(std::lround(value));
}

// Behaviours in identity order: counts from the shares, then shuffled so that
// neighbouring ids do not share a behaviour.
std::vector<DeviceBehavior> assign_behaviors(const SimulationOptions& options,
                                             RandomStream& random) {
  std::vector<DeviceBehavior> behaviors;
  behaviors.reserve(static_cast<std::size_t>(options.devices));
  const auto add = [&](DeviceBehavior behavior, int count) {
    for (int i = 0; i < count; ++i)
      behaviors.push_back(behavior);
  };
  add(DeviceBehavior::duplicate_identity, options.duplicate_identity_devices);
  add(DeviceBehavior::never_reconnected, options.never_reconnected_devices);
  add(DeviceBehavior::unauthorized_storm, options.unauthorized_storm_devices);
  add(DeviceBehavior::throttled, options.throttled_devices);
  add(DeviceBehavior::idle_timeout, options.idle_timeout_devices);

  const int rest = options.devices - static_cast<int>(behaviors.size());
  int remaining = rest;
  for (const auto& [behavior, share] :
       {std::pair{DeviceBehavior::token_expiry, options.token_expiry_share},
        std::pair{DeviceBehavior::random_drops, options.random_drop_share},
        std::pair{DeviceBehavior::token_and_random, options.mixed_share},
        std::pair{DeviceBehavior::scheduled_reconnects, options.scheduled_reconnect_share}}) {
    const int count = std::min(remaining, rounded(rest * share));
    add(behavior, count);
    remaining -= count;
  }
  add(DeviceBehavior::healthy, remaining);
  random.shuffle(std::span<DeviceBehavior>(behaviors));
  return behaviors;
}

// A link that never cycles by itself: X.509 over MQTT, or SAS over AMQP.
void give_steady_link(DeviceProfile& device, RandomStream& random, double outdated_share) {
  if (random.chance(0.55)) {
    device.family = pick_family(random, kAnyFamily);
    device.protocol = random.chance(0.85) ? "Mqtt" : "MqttWs";
    device.auth_type = kX509AuthType;
  } else {
    device.family = pick_family(random, kAmqpFamilies);
    device.protocol = "Amqp";
  }
  device.sdk_version = pick_release(random, device.family, random.chance(outdated_share));
}

void give_token_link(DeviceProfile& device, const SimulationOptions& options,
                     RandomStream& random) {
  device.family = pick_family(random, kTokenExpiryFamilies);
  device.sdk_version = pick_release(random, device.family, random.chance(0.2));
  device.protocol = random.chance(0.85) ? "Mqtt" : "MqttWs";
  device.token_lifetime_minutes =
      random.pick(std::span<const int>(options.token_lifetimes_minutes));
  // Most hubs close at about 5 min past expiry; some links see anything in 0-10 min.
  device.grace_seconds = random.chance(0.6)
                             ? options.grace_typical_seconds
                             : static_cast<int>(random.uniform_int(0, options.grace_max_seconds));
  device.token_period =
      (static_cast<Timestamp>(device.token_lifetime_minutes) * 60 + device.grace_seconds) *
      kMillisPerSecond;
}

void give_random_drops(DeviceProfile& device, const SimulationOptions& options,
                       RandomStream& random, bool allow_sparse) {
  device.random_drops_per_day =
      random.uniform(options.random_drops_per_day_min, options.random_drops_per_day_max);
  if (allow_sparse && random.chance(options.sparse_random_share)) {
    device.sparse_drops = random.chance(0.5) ? 1 : 2;
  }
}

DeviceProfile make_profile(int index, DeviceBehavior behavior, const SimulationOptions& options,
                           RandomStream& random) {
  DeviceProfile device;
  device.index = index;
  device.behavior = behavior;
  const int width = std::max(4, static_cast<int>(fmt::formatted_size("{}", options.devices)));
  device.device_id = fmt::format("dev-{:0{}}", index + 1, width);
  if (random.chance(options.module_identity_share)) {
    device.module_id = random.pick(std::span<const std::string_view>(kModuleNames));
  }

  switch (behavior) {
    case DeviceBehavior::token_expiry:
      give_token_link(device, options, random);
      break;
    case DeviceBehavior::token_and_random:
      give_token_link(device, options, random);
      give_random_drops(device, options, random, false);
      break;
    case DeviceBehavior::random_drops:
      give_steady_link(device, random, 0.5);  // old SDKs drop links without a DISCONNECT
      give_random_drops(device, options, random, true);
      break;
    case DeviceBehavior::scheduled_reconnects:
      if (random.chance(0.8)) {
        device.family = pick_family(random, kCleanRenewalFamilies);
        device.sdk_version = pick_release(random, device.family, false);
        device.protocol = random.chance(0.85) ? "Mqtt" : "MqttWs";
        device.clean_renewal_period =
            traits_of(device.family).clean_renewal_seconds * kMillisPerSecond;
      } else {
        give_steady_link(device, random, 0.15);
        device.reboot_period = random.pick(std::span<const Timestamp>(kRebootPeriods));
        device.reboot_phase = random.between(0, device.reboot_period);
      }
      break;
    case DeviceBehavior::unauthorized_storm:
      device.family = pick_family(random, kAnyFamily);
      device.sdk_version = pick_release(random, device.family, random.chance(0.3));
      device.protocol = "Mqtt";
      break;
    case DeviceBehavior::throttled:
      give_steady_link(device, random, 0.15);
      device.throttles_per_day = random.uniform(kThrottlesPerDay[0], kThrottlesPerDay[1]);
      break;
    case DeviceBehavior::idle_timeout:
      // docs/DOMAIN.md: the C SDK's 240 s keep-alive is the case operators report.
      device.family = pick_family(random, kIdleTimeoutFamilies);
      device.sdk_version = pick_release(random, device.family, false);
      device.protocol = "Mqtt";
      break;
    case DeviceBehavior::healthy:
    case DeviceBehavior::duplicate_identity:
    case DeviceBehavior::never_reconnected:
    case DeviceBehavior::edge_module:
    case DeviceBehavior::edge_leaf:
      give_steady_link(device, random, 0.15);
      break;
  }
  device.keep_alive_seconds = traits_of(device.family).keep_alive_seconds;
  return device;
}

// A size in [low, high], as likely in [n, 2n) as in [2n, 4n): sites are
// mostly a handful of devices, with a tail of tens.
int site_size(RandomStream& random, int low, int high) {
  const double size = std::exp(random.uniform(std::log(low), std::log(high + 1)));
  return std::clamp(static_cast<int>(size), low, high);
}

// Most devices sit behind a site's router or carrier NAT and share its masked
// address with a few to tens of others; the rest keep an address of their
// own. Outage sites come first, sized kOutageSiteMin..kOutageSiteMax.
void assign_sites(FleetPlan& plan, const SimulationOptions& options, RandomStream& random,
                  std::set<std::string>& used_ips) {
  std::vector<int> pool;
  for (const DeviceProfile& device : plan.devices) {
    if (device.behavior != DeviceBehavior::unauthorized_storm) pool.push_back(device.index);
  }
  random.shuffle(std::span<int>(pool));

  int budget = static_cast<int>(std::lround(static_cast<double>(pool.size()) * kSiteShare));
  std::size_t next = 0;
  for (int site = 0;; ++site) {
    const bool outage_site = site < options.site_outages;
    const int reserve = kOutageSiteMin * std::max(0, options.site_outages - site - 1);
    const int drawn = outage_site ? site_size(random, kOutageSiteMin, kOutageSiteMax)
                                  : site_size(random, kSiteSizeMin, kSiteSizeMax);
    const int size = std::min(drawn, budget - reserve);
    if (size < (outage_site ? 1 : kSiteSizeMin)) break;
    const std::string ip = unique_masked_ip(random, used_ips);
    plan.site_ips.push_back(ip);
    for (int i = 0; i < size; ++i) {
      DeviceProfile& device = plan.devices[static_cast<std::size_t>(pool[next++])];
      device.site = site;
      device.masked_ip = ip;
    }
    budget -= size;
  }
}

bool overlaps_planned(const FleetPlan& plan, TimeWindow window) {
  const auto near = [&](TimeWindow other) {
    return window.start < other.end + kGapBetweenFleetEvents &&
           other.start < window.end + kGapBetweenFleetEvents;
  };
  return std::any_of(plan.incidents.begin(), plan.incidents.end(),
                     [&](const IncidentPlan& incident) { return near(incident.window); }) ||
         std::any_of(plan.outages.begin(), plan.outages.end(),
                     [&](const SiteOutagePlan& outage) { return near(outage.window); }) ||
         std::any_of(plan.edge_restarts.begin(), plan.edge_restarts.end(),
                     [&](const EdgeRestartPlan& restart) { return near(restart.window); });
}

// A window of `duration` inside the span, away from the edges and from the
// windows already planned when the span leaves room for that.
TimeWindow place_window(const FleetPlan& plan, Timestamp duration, RandomStream& random) {
  const Timestamp length = plan.span.end - plan.span.start;
  const Timestamp margin = std::min(length / 10, kMillisPerHour);
  const Timestamp earliest = plan.span.start + margin;
  const Timestamp latest = std::max(earliest, plan.span.end - margin - duration);
  TimeWindow window;
  for (int attempt = 0; attempt < 200; ++attempt) {
    const Timestamp start =
        random.uniform_int(earliest / kMillisPerSecond, latest / kMillisPerSecond) *
        kMillisPerSecond;
    window = {start, start + duration};
    if (!overlaps_planned(plan, window)) break;
  }
  return window;
}

Timestamp whole_seconds_between(RandomStream& random, Timestamp low, Timestamp high) {
  return random.uniform_int(low / kMillisPerSecond, high / kMillisPerSecond) * kMillisPerSecond;
}

// One identity of gateway `gateway` (its own draws: the fleet's stay as they were).
DeviceProfile edge_identity(int index, int gateway, EdgeRole role, std::string device_id,
                            std::string module_id, const std::string& ip, RandomStream& random) {
  DeviceProfile device;
  device.index = index;
  device.behavior =
      role == EdgeRole::leaf ? DeviceBehavior::edge_leaf : DeviceBehavior::edge_module;
  device.device_id = std::move(device_id);
  device.module_id = std::move(module_id);
  // $edgeAgent and $edgeHub are .NET; modules and leaves use any SDK over AMQP,
  // which renews tokens in-band, so their links never cycle.
  device.family = role == EdgeRole::agent || role == EdgeRole::hub
                      ? SdkFamily::dotnet
                      : pick_family(random, kAmqpFamilies);
  device.sdk_version = pick_release(random, device.family, false);
  device.protocol = "Amqp";
  device.keep_alive_seconds = traits_of(device.family).keep_alive_seconds;
  device.masked_ip = ip;
  device.gateway = gateway;
  device.edge_role = role;
  return device;
}

// IoT Edge gateways after the fleet's devices, each behind an address of its
// own with its leaves, and the restarts of each, away from other fleet events.
void add_gateways(FleetPlan& plan, const SimulationOptions& options,
                  std::set<std::string>& used_ips) {
  if (options.edge_gateways <= 0) return;
  RandomStream random(options.seed, RandomPurpose::beyond_article);
  for (int gateway = 0; gateway < options.edge_gateways; ++gateway) {
    const std::string id = fmt::format("edge-gw-{:02}", gateway + 1);
    const std::string ip = unique_masked_ip(random, used_ips);
    plan.gateway_ids.push_back(id);
    const auto add = [&](EdgeRole role, std::string device_id, std::string module_id) {
      plan.devices.push_back(edge_identity(static_cast<int>(plan.devices.size()), gateway, role,
                                           std::move(device_id), std::move(module_id), ip, random));
    };
    add(EdgeRole::agent, id, "$edgeAgent");
    add(EdgeRole::hub, id, "$edgeHub");
    for (const std::string_view module : kEdgeCustomModules)
      add(EdgeRole::module, id, std::string(module));
    for (int leaf = 0; leaf < kEdgeLeaves; ++leaf)
      add(EdgeRole::leaf, fmt::format("{}-leaf-{:02}", id, leaf + 1), "");
    for (int restart = 0; restart < options.edge_restarts; ++restart) {
      const TimeWindow window = place_window(plan, 10 * kMillisPerSecond, random);
      // A runtime restart takes about a minute; a host reboot several.
      const Timestamp down = random.chance(0.5)
                                 ? random.between(30 * kMillisPerSecond, 90 * kMillisPerSecond)
                                 : random.between(2 * kMillisPerMinute, 5 * kMillisPerMinute);
      EdgeRestartPlan planned{window, gateway, window.start + down, 0};
      planned.hub_back =
          planned.agent_back + random.between(8 * kMillisPerSecond, 25 * kMillisPerSecond);
      plan.edge_restarts.push_back(planned);
    }
  }
  std::sort(plan.edge_restarts.begin(), plan.edge_restarts.end(),
            [](const EdgeRestartPlan& a, const EdgeRestartPlan& b) {
              return a.window.start < b.window.start;
            });
}

// Unauthorized-storm devices that authenticate with a certificate (expired, or
// a root they do not trust): their own draws, so the fleet's stay as they were.
void give_certificates(FleetPlan& plan, const SimulationOptions& options) {
  if (options.x509_storm_share <= 0.0) return;
  for (DeviceProfile& device : plan.devices) {
    if (device.behavior != DeviceBehavior::unauthorized_storm) continue;
    RandomStream random(options.seed, RandomPurpose::beyond_article,
                        static_cast<std::uint64_t>(device.index) + 1);
    if (random.chance(options.x509_storm_share)) device.auth_type = kX509AuthType;
  }
}

}  // namespace

std::string_view to_string(DeviceBehavior behavior) noexcept {
  switch (behavior) {
    case DeviceBehavior::healthy:
      return "healthy";
    case DeviceBehavior::token_expiry:
      return "token-expiry";
    case DeviceBehavior::random_drops:
      return "random-drops";
    case DeviceBehavior::token_and_random:
      return "token-and-random";
    case DeviceBehavior::scheduled_reconnects:
      return "scheduled-reconnects";
    case DeviceBehavior::duplicate_identity:
      return "duplicate-identity";
    case DeviceBehavior::never_reconnected:
      return "never-reconnected";
    case DeviceBehavior::unauthorized_storm:
      return "unauthorized-storm";
    case DeviceBehavior::edge_module:
      return "edge-module";
    case DeviceBehavior::edge_leaf:
      return "edge-leaf";
    case DeviceBehavior::throttled:
      return "throttled";
    case DeviceBehavior::idle_timeout:
      return "idle-timeout";
  }
  return "healthy";
}

FleetPlan plan_fleet(const SimulationOptions& options) {
  RandomStream random(options.seed, RandomPurpose::fleet_plan);
  FleetPlan plan;
  plan.span = {options.start, options.start + options.hours * kMillisPerHour};

  const std::vector<DeviceBehavior> behaviors = assign_behaviors(options, random);
  std::set<std::string> used_ips;
  plan.devices.reserve(behaviors.size());
  for (std::size_t i = 0; i < behaviors.size(); ++i) {
    plan.devices.push_back(make_profile(static_cast<int>(i), behaviors[i], options, random));
    plan.devices.back().masked_ip = unique_masked_ip(random, used_ips);
    if (behaviors[i] == DeviceBehavior::duplicate_identity) {
      plan.devices.back().duplicate_ip = unique_masked_ip(random, used_ips);
    }
  }
  // Behaviours are shuffled, so the first token devices are as good as any.
  int dying = options.never_reconnected_token_devices;
  for (DeviceProfile& device : plan.devices) {
    if (dying == 0) break;
    if (device.behavior != DeviceBehavior::token_expiry) continue;
    device.dies_at_expiry = true;
    --dying;
  }
  assign_sites(plan, options, random, used_ips);

  for (int i = 0; i < options.incidents; ++i) {
    const Timestamp duration =
        whole_seconds_between(random, 2 * kMillisPerMinute, 15 * kMillisPerMinute);
    const TimeWindow window = place_window(plan, duration, random);
    plan.incidents.push_back({window, random.uniform(0.3, 0.8)});
  }
  for (int i = 0; i < options.site_outages; ++i) {
    // Long enough for every keep-alive (up to 1.5 x 300 s) to run out inside it.
    const Timestamp duration =
        whole_seconds_between(random, 15 * kMillisPerMinute, 45 * kMillisPerMinute);
    plan.outages.push_back({place_window(plan, duration, random), i});
  }
  std::sort(
      plan.incidents.begin(), plan.incidents.end(),
      [](const IncidentPlan& a, const IncidentPlan& b) { return a.window.start < b.window.start; });
  std::sort(plan.outages.begin(), plan.outages.end(),
            [](const SiteOutagePlan& a, const SiteOutagePlan& b) {
              return a.window.start < b.window.start;
            });
  add_gateways(plan, options, used_ips);
  give_certificates(plan, options);
  return plan;
}

bool in_fleet_event(const FleetPlan& plan, const DeviceProfile& device, Timestamp time) {
  const auto near = [&](TimeWindow window) {
    return window.start - kFleetEventSlack <= time && time < window.end + kFleetEventSlack;
  };
  return std::any_of(plan.incidents.begin(), plan.incidents.end(),
                     [&](const IncidentPlan& incident) { return near(incident.window); }) ||
         std::any_of(plan.outages.begin(), plan.outages.end(),
                     [&](const SiteOutagePlan& outage) {
                       return device.site >= 0 && outage.site == device.site && near(outage.window);
                     }) ||
         std::any_of(plan.edge_restarts.begin(), plan.edge_restarts.end(),
                     [&](const EdgeRestartPlan& restart) {
                       return device.gateway >= 0 && restart.gateway == device.gateway &&
                              near(restart.window);
                     });
}

}  // namespace iothub_diag::simulate
