#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <simulate/simulation_test_support.hpp>

#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>

namespace iothub_diag::simulate {
namespace {

using testing::connected_durations_before_drops;
using testing::connections_by_identity;
using testing::default_fleet;
using testing::default_fleet_records;
using testing::has_label;
using testing::in_fleet_window;
using testing::key_of;
using testing::parse_all;
using testing::ParsedRecord;

constexpr Timestamp kMinute = kMillisPerMinute;

std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items())
    keys.push_back(item.key());
  return keys;
}

// A fleet with every kind of device and fleet event, generated once.
const Simulation& eventful_fleet() {
  static const Simulation simulation = simulate_fleet(testing::eventful_options());
  return simulation;
}

const std::vector<ParsedRecord>& eventful_fleet_records() {
  static const std::vector<ParsedRecord> records = parse_all(eventful_fleet());
  return records;
}

TEST_CASE("the same options give byte-identical records and ground truth", "[simulate]") {
  const Simulation again = simulate_fleet(SimulationOptions{});
  const Simulation& first = default_fleet();
  REQUIRE(again.records.size() == first.records.size());
  for (std::size_t i = 0; i < first.records.size(); ++i) {
    REQUIRE(again.records[i].json_line == first.records[i].json_line);
    REQUIRE(again.records[i].receive_time == first.records[i].receive_time);
  }
  CHECK(ground_truth_json(again).dump() == ground_truth_json(first).dump());
}

TEST_CASE("another seed gives another fleet", "[simulate]") {
  SimulationOptions options;
  options.seed = 2;
  const Simulation other = simulate_fleet(options);
  const Simulation& first = default_fleet();
  CHECK(ground_truth_json(other).dump() != ground_truth_json(first).dump());
  std::multiset<std::string> first_lines;
  for (const Record& record : first.records)
    first_lines.insert(record.json_line);
  std::size_t shared = 0;
  for (const Record& record : other.records)
    shared += first_lines.count(record.json_line) > 0;
  CHECK(shared < other.records.size() / 10);
}

TEST_CASE("records are compact lines with the members and order of the real capture",
          "[simulate]") {
  // Member order of az220-2021-connect-404104.jsonl (a real hub capture).
  const std::vector<std::string> success = {"time",  "resourceId", "operationName", "category",
                                            "level", "properties", "location"};
  const std::vector<std::string> failure = {
      "time",       "resourceId",        "operationName", "category", "level",
      "resultType", "resultDescription", "properties",    "location"};
  const Simulation& simulation = default_fleet();
  REQUIRE(simulation.records.size() > 1000);
  for (const Record& record : simulation.records) {
    REQUIRE(record.json_line.find('\n') == std::string::npos);
    const auto json = nlohmann::ordered_json::parse(record.json_line);
    REQUIRE(json["category"] == record.category);
    REQUIRE(parse_iso8601(json["time"].get<std::string>()) == record.time);
    REQUIRE(json["properties"].is_string());
    const auto properties = nlohmann::ordered_json::parse(json["properties"].get<std::string>());
    if (record.category != "Connections") {
      REQUIRE(json["level"] == "Error");  // no noise in the simulation itself
      continue;
    }
    const bool is_error = json.contains("resultType");
    REQUIRE(keys_of(json) == (is_error ? failure : success));
    REQUIRE(json["level"] == (is_error ? "Error" : "Information"));
    REQUIRE(json["resourceId"] ==
            "/SUBSCRIPTIONS/5E2B1C3A-7D4F-4B8E-9A61-2F0C8D3E7B15/RESOURCEGROUPS/IOT-FLEET-RG/"
            "PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/FLEET-HUB-01");

    std::vector<std::string> expected = {"deviceId"};
    if (properties.contains("moduleId")) expected.push_back("moduleId");
    if (json["operationName"] == "deviceConnect") expected.push_back("sdkVersion");
    for (const char* key :
         {"protocol", "authType", "maskedIpAddress", "statusCode", "errorMessage"}) {
      expected.push_back(key);
    }
    REQUIRE(keys_of(properties) == expected);
    REQUIRE(properties["maskedIpAddress"].get<std::string>().ends_with(".XXX"));
    REQUIRE(properties["statusCode"].is_null() == !is_error);
  }
}

TEST_CASE("times are mostly whole seconds, some carry 7 fraction digits", "[simulate]") {
  std::size_t fractional = 0;
  for (const Record& record : default_fleet().records) {
    const auto json = nlohmann::json::parse(record.json_line);
    const std::string time = json["time"].get<std::string>();
    if (time.size() == 28) {
      ++fractional;  // 2026-11-20T01:02:03.1234567Z
    } else {
      REQUIRE(time.size() == 20);
    }
  }
  const double share =
      static_cast<double>(fractional) / static_cast<double>(default_fleet().records.size());
  CHECK(share > 0.05);
  CHECK(share < 0.15);
}

TEST_CASE("the fleet mixes SDKs, protocols and a few module identities", "[simulate]") {
  std::set<std::string> protocols;
  std::set<std::string> sdk_prefixes;
  std::size_t modules = 0;
  for (const DeviceTruth& device : default_fleet().devices) {
    protocols.insert(device.protocol);
    sdk_prefixes.insert(device.sdk.substr(0, device.sdk.find('/')));
    if (!device.module_id.empty()) ++modules;
  }
  CHECK(protocols == std::set<std::string>{"Amqp", "Mqtt", "MqttWs"});
  CHECK(sdk_prefixes.count(".NET") == 1);
  CHECK(sdk_prefixes.count("com.microsoft.azure.sdk.iot.iot-device-client") == 1);
  CHECK(sdk_prefixes.count("iothubclient") == 1);
  CHECK(sdk_prefixes.count("azure-iot-device") == 1);
  CHECK(modules > 0);
  CHECK(modules < 30);
}

TEST_CASE("every sas-token-expiry device drops at its period after each connect", "[simulate]") {
  const auto by_identity = connections_by_identity(default_fleet_records());
  int labeled = 0;
  for (const DeviceTruth& device : default_fleet().devices) {
    if (!has_label(device, kTokenExpiryRule)) continue;
    ++labeled;
    REQUIRE(device.period_seconds);
    REQUIRE(device.token_lifetime_minutes == 60);
    const Timestamp period = *device.period_seconds;
    CHECK(period >= 3600);
    CHECK(period <= 4200);
    const auto durations = connected_durations_before_drops(by_identity.at(key_of(device)));
    const auto at_period = std::count_if(durations.begin(), durations.end(), [&](Timestamp d) {
      return d >= period - 2 && d <= period + 6;  // hub timer jitter and whole-second times
    });
    CHECK(at_period >= kMinTokenCycles);
    if (device.behavior == DeviceBehavior::token_expiry) {
      // Only incidents (or one stray cut) may end a connection off the period.
      CHECK(static_cast<double>(at_period) >= 0.8 * static_cast<double>(durations.size()));
    }
  }
  CHECK(labeled > 60);
}

TEST_CASE("token cycles log 401003 before, after or not at all", "[simulate]") {
  const auto by_identity = connections_by_identity(default_fleet_records());
  int before = 0;
  int after = 0;
  int missing = 0;
  for (const DeviceTruth& device : default_fleet().devices) {
    if (device.behavior != DeviceBehavior::token_expiry) continue;
    const auto& events = by_identity.at(key_of(device));
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i].code != 404104 || in_fleet_window(default_fleet(), events[i].time)) continue;
      const bool has_before = i > 0 && events[i - 1].code == 401003;
      const bool has_after = i + 1 < events.size() && events[i + 1].code == 401003 &&
                             events[i + 1].time - events[i].time <= 30 * kMillisPerSecond;
      before += has_before;
      after += has_after && !has_before;
      missing += !has_before && !has_after;
    }
  }
  const double total = before + after + missing;
  CHECK(before / total == Approx(0.4).margin(0.06));
  CHECK(after / total == Approx(0.3).margin(0.06));
  CHECK(missing / total == Approx(0.3).margin(0.06));
}

TEST_CASE("token devices reconnected after an incident expire together one period later",
          "[simulate]") {
  const Simulation& simulation = default_fleet();
  REQUIRE(simulation.incidents.size() == 1);
  const TimeWindow incident = simulation.incidents.front().window;
  const auto by_identity = connections_by_identity(default_fleet_records());
  int dropped_by_incident = 0;
  int expired_on_time = 0;
  for (const DeviceTruth& device : simulation.devices) {
    if (device.behavior != DeviceBehavior::token_expiry) continue;
    const auto& events = by_identity.at(key_of(device));
    const auto drop = std::find_if(events.begin(), events.end(), [&](const ParsedRecord& event) {
      return event.code == 404104 && incident.contains(event.time);
    });
    if (drop == events.end()) continue;
    const auto reconnect = std::find_if(drop, events.end(), [](const ParsedRecord& event) {
      return event.is_successful_connect();
    });
    REQUIRE(reconnect != events.end());
    CHECK(reconnect->time <= incident.end + 3 * kMinute);
    const auto next_drop = std::find_if(
        reconnect, events.end(), [](const ParsedRecord& event) { return event.code == 404104; });
    if (next_drop == events.end()) continue;
    ++dropped_by_incident;
    const Timestamp lasted = (next_drop->time - reconnect->time) / kMillisPerSecond;
    if (lasted >= *device.period_seconds - 2 && lasted <= *device.period_seconds + 6) {
      ++expired_on_time;
    }
  }
  CHECK(dropped_by_incident >= 10);
  CHECK(expired_on_time >= dropped_by_incident * 9 / 10);
}

TEST_CASE("scheduled-reconnect devices reconnect cleanly and never drop on their own",
          "[simulate]") {
  const auto by_identity = connections_by_identity(default_fleet_records());
  int labeled = 0;
  for (const DeviceTruth& device : default_fleet().devices) {
    if (device.behavior != DeviceBehavior::scheduled_reconnects) continue;
    const auto& events = by_identity.at(key_of(device));
    int clean_disconnects = 0;
    for (const ParsedRecord& event : events) {
      if (event.is_disconnect() && event.code == 0) ++clean_disconnects;
      if (event.code == 404104) CHECK(in_fleet_window(default_fleet(), device, event.time));
    }
    CHECK(has_label(device, kScheduledReconnectsRule) == (clean_disconnects >= 3));
    labeled += has_label(device, kScheduledReconnectsRule);
    REQUIRE(device.period_seconds);
  }
  CHECK(labeled > 15);
}

TEST_CASE("random-disconnects labels follow the drops outside fleet events", "[simulate]") {
  const auto by_identity = connections_by_identity(default_fleet_records());
  int labeled = 0;
  int unlabeled_random = 0;
  for (const DeviceTruth& device : default_fleet().devices) {
    if (device.behavior != DeviceBehavior::random_drops) continue;
    const auto& events = by_identity.at(key_of(device));
    const auto own_drops = std::count_if(events.begin(), events.end(), [&](const ParsedRecord& e) {
      return e.code == 404104 && !in_fleet_window(default_fleet(), device, e.time);
    });
    CHECK(has_label(device, kRandomDisconnectsRule) == (own_drops >= kMinRandomDrops));
    // Too few drops for a pattern, but a drop all the same.
    CHECK(has_label(device, kIsolatedDropsRule) == (own_drops >= 1 && own_drops < kMinRandomDrops));
    CHECK(!device.period_seconds);
    labeled += has_label(device, kRandomDisconnectsRule);
    unlabeled_random += !has_label(device, kRandomDisconnectsRule);
  }
  CHECK(labeled > 40);
  CHECK(unlabeled_random > 0);  // the sparse ones with a single stray drop
}

TEST_CASE("healthy devices have no label and no drop outside fleet events", "[simulate]") {
  for (const DeviceTruth& device : default_fleet().devices) {
    if (device.behavior != DeviceBehavior::healthy) continue;
    CHECK(device.labels.empty());
  }
  for (const ParsedRecord& record : default_fleet_records()) {
    if (record.code != 404104) continue;
    const auto& device =
        *std::find_if(default_fleet().devices.begin(), default_fleet().devices.end(),
                      [&](const DeviceTruth& d) { return d.device_id == record.device_id; });
    if (device.behavior == DeviceBehavior::healthy) {
      CHECK(in_fleet_window(default_fleet(), record.time));
    }
  }
}

TEST_CASE("every incident has 5xx in Connections and other categories and drops many devices",
          "[simulate]") {
  const Simulation& simulation = eventful_fleet();
  REQUIRE(simulation.incidents.size() == 2);
  for (const IncidentTruth& truth : simulation.incidents) {
    const TimeWindow& incident = truth.window;
    const Timestamp length = incident.end - incident.start;
    CHECK(length >= 2 * kMinute);
    CHECK(length <= 15 * kMinute);
    std::set<std::string> error_categories;
    std::set<std::string> dropped;
    std::size_t failed_connects = 0;
    for (const ParsedRecord& record : eventful_fleet_records()) {
      if (!incident.contains(record.time)) continue;
      if (record.is_server_error()) error_categories.insert(record.category);
      if (record.is_connect() && (record.code == 503001 || record.code == 500001))
        ++failed_connects;
      if (record.code == 404104) dropped.insert(record.device_id + "/" + record.module_id);
    }
    CHECK(error_categories.count("Connections") == 1);
    CHECK(error_categories.size() >= 3);
    CHECK(failed_connects > 10);
    std::size_t connected = 0;
    for (const DeviceTruth& device : simulation.devices)
      connected += connected_at(device, incident.start);
    CHECK(static_cast<double>(dropped.size()) >= 0.25 * static_cast<double>(connected));
  }
}

TEST_CASE("a few 5xx errors are scattered outside incidents", "[simulate]") {
  std::size_t outside = 0;
  for (const ParsedRecord& record : default_fleet_records()) {
    if (record.is_server_error() && !in_fleet_window(default_fleet(), record.time)) ++outside;
  }
  CHECK(outside >= 24);  // about 3 an hour over 24 h
  CHECK(outside <= 150);
}

TEST_CASE("a site outage drops the devices behind one address without any 5xx", "[simulate]") {
  const Simulation& simulation = eventful_fleet();
  REQUIRE(simulation.site_outages.size() == 1);
  const SiteOutageTruth& outage = simulation.site_outages.front();
  std::vector<const DeviceTruth*> site;
  for (const DeviceTruth& device : simulation.devices) {
    if (device.masked_ip == outage.masked_ip) site.push_back(&device);
  }
  CHECK(site.size() >= 8);
  CHECK(site.size() <= 40);
  CHECK(static_cast<int>(site.size()) == outage.devices);

  const TimeWindow quiet{outage.window.start - 5 * kMinute, outage.window.end + 5 * kMinute};
  const auto by_identity = connections_by_identity(eventful_fleet_records());
  for (const ParsedRecord& record : eventful_fleet_records()) {
    if (quiet.contains(record.time)) REQUIRE_FALSE(record.is_server_error());
  }
  int connected_at_start = 0;
  int dropped = 0;
  for (const DeviceTruth* device : site) {
    if (!connected_at(*device, outage.window.start)) continue;
    ++connected_at_start;
    const auto found = by_identity.find(key_of(*device));
    REQUIRE(found != by_identity.end());
    bool drop_in_window = false;
    for (const ParsedRecord& event : found->second) {
      REQUIRE(event.masked_ip == outage.masked_ip);
      // Nothing reaches the hub while the site's network is down.
      if (outage.window.contains(event.time)) CHECK_FALSE(event.is_connect());
      if (event.code == 404104 && outage.window.contains(event.time)) drop_in_window = true;
    }
    dropped += drop_in_window;
    CHECK_FALSE(connected_at(*device, outage.window.end - 1));
  }
  CHECK(connected_at_start >= 5);
  CHECK(dropped >= connected_at_start * 8 / 10);
}

TEST_CASE("special devices show their signature", "[simulate]") {
  const Simulation& simulation = eventful_fleet();
  const auto by_identity = connections_by_identity(eventful_fleet_records());
  int duplicates = 0;
  int silent = 0;
  int storms = 0;
  for (const DeviceTruth& device : simulation.devices) {
    const auto found = by_identity.find(key_of(device));
    if (device.behavior == DeviceBehavior::duplicate_identity) {
      ++duplicates;
      CHECK(device.labels == std::vector<std::string>{std::string(kDuplicateIdentityRule)});
      std::set<std::string> addresses;
      int forced = 0;
      for (const ParsedRecord& event : found->second) {
        if (event.is_successful_connect()) addresses.insert(event.masked_ip);
        forced += event.code == 400027;
      }
      CHECK(addresses.size() == 2);
      CHECK(forced >= 3);
    }
    if (device.behavior == DeviceBehavior::never_reconnected) {
      ++silent;
      const ParsedRecord& last = found->second.back();
      // Its one drop is unexplained too, unless an incident or outage took it.
      std::vector<std::string> labels{std::string(kNeverReconnectedRule)};
      if (!in_fleet_window(simulation, device, last.time))
        labels.insert(labels.begin(), std::string(kIsolatedDropsRule));
      CHECK(device.labels == labels);
      CHECK(last.is_disconnect());
      CHECK(last.code == 404104);
      CHECK(last.time < simulation.span.end - 6 * kMillisPerHour);
    }
    if (device.behavior == DeviceBehavior::unauthorized_storm) {
      ++storms;
      CHECK(device.labels == std::vector<std::string>{std::string(kUnauthorizedStormRule)});
      CHECK(device.connected.empty());
      CHECK(found->second.size() >= 10);
      for (const ParsedRecord& event : found->second) {
        CHECK(event.is_connect());
        CHECK(event.code == 401003);
      }
    }
  }
  CHECK(duplicates == 3);
  CHECK(silent == 3);
  CHECK(storms == 3);
}

TEST_CASE("token devices gone at an expiry end on it, and are labeled gone", "[simulate]") {
  SimulationOptions options;
  options.never_reconnected_token_devices = 3;
  const Simulation simulation = simulate_fleet(options);
  const auto by_identity = connections_by_identity(parse_all(simulation));
  int gone = 0;
  for (const DeviceTruth& device : simulation.devices) {
    const bool labeled = std::find(device.labels.begin(), device.labels.end(),
                                   kNeverReconnectedRule) != device.labels.end();
    if (!labeled) continue;
    ++gone;
    CHECK(device.behavior == DeviceBehavior::token_expiry);
    const std::vector<ParsedRecord>& records = by_identity.find(key_of(device))->second;
    // Its last records are the expiry's 404104 and 401003 (either first), then nothing:
    // gone by 70 % of the span plus one token period (at most 2 h 10 min).
    const auto last_drop = std::find_if(records.rbegin(), records.rend(),
                                        [](const ParsedRecord& r) { return r.code == 404104; });
    REQUIRE(last_drop != records.rend());
    for (auto after = records.rbegin(); after != last_drop; ++after) {
      CHECK(after->is_disconnect());
      CHECK(after->code == 401003);
    }
    CHECK(last_drop->time < simulation.span.end - 5 * kMillisPerHour);
  }
  CHECK(gone == 3);
  options.never_reconnected_token_devices = 76;  // 300 devices x 0.25: 75 token devices
  CHECK(validate(options) ==
        "--never-reconnected-token 76: more than the fleet's 75 token-expiry devices (token-share "
        "of the devices besides the special ones)");
}

TEST_CASE("a fleet booted together connects within the first minutes", "[simulate]") {
  SimulationOptions options;
  options.devices = 80;
  options.hours = 6;
  options.fleet_booted_together = true;
  options.incidents = 0;
  const Simulation simulation = simulate_fleet(options);
  const auto by_identity = connections_by_identity(parse_all(simulation));
  for (const DeviceTruth& device : simulation.devices) {
    const auto& events = by_identity.at(key_of(device));
    REQUIRE(events.front().is_connect());
    CHECK(events.front().time < simulation.span.start + 3 * kMinute);
    REQUIRE_FALSE(device.connected.empty());
    CHECK(device.connected.front().start > simulation.span.start);
  }
}

TEST_CASE("without a common boot most devices are already connected at the start", "[simulate]") {
  const Simulation& simulation = default_fleet();
  const auto by_identity = connections_by_identity(default_fleet_records());
  int connected_at_start = 0;
  int first_event_is_disconnect = 0;
  for (const DeviceTruth& device : simulation.devices) {
    connected_at_start += connected_at(device, simulation.span.start);
    const auto found = by_identity.find(key_of(device));
    if (found != by_identity.end())
      first_event_is_disconnect += found->second.front().is_disconnect();
  }
  CHECK(connected_at_start > 200);
  CHECK(connected_at_start < 290);
  CHECK(first_event_is_disconnect > 30);
}

TEST_CASE("short spans leave token devices unlabeled rather than claim a period", "[simulate]") {
  SimulationOptions options;
  options.hours = 2;
  const Simulation simulation = simulate_fleet(options);
  int token_devices = 0;
  for (const DeviceTruth& device : simulation.devices) {
    CHECK_FALSE(has_label(device, kTokenExpiryRule));
    token_devices += device.token_lifetime_minutes.has_value();
  }
  CHECK(token_devices > 50);
}

TEST_CASE("a day-long token's drops too few to show its period are isolated, not random",
          "[simulate]") {
  SimulationOptions options;
  options.hours = 48;
  options.token_lifetimes_minutes = {1440};
  options.mixed_share = 0;
  const Simulation simulation = simulate_fleet(options);
  const auto by_identity = connections_by_identity(parse_all(simulation));
  int isolated = 0;
  int with_two = 0;
  for (const DeviceTruth& device : simulation.devices) {
    if (device.behavior != DeviceBehavior::token_expiry) continue;
    const auto found = by_identity.find(key_of(device));
    if (found == by_identity.end()) continue;
    const auto own_drops =
        std::count_if(found->second.begin(), found->second.end(), [&](const ParsedRecord& e) {
          return e.code == 404104 && !in_fleet_window(simulation, device, e.time);
        });
    CHECK_FALSE(has_label(device, kTokenExpiryRule));
    CHECK_FALSE(has_label(device, kRandomDisconnectsRule));
    CHECK(has_label(device, kIsolatedDropsRule) == (own_drops >= 1));
    isolated += has_label(device, kIsolatedDropsRule);
    with_two += own_drops >= 2;
  }
  CHECK(isolated > 30);
  CHECK(with_two > 10);  // two drops, still too few: no random pattern
}

TEST_CASE("token lifetimes and grace are drawn from the options", "[simulate]") {
  SimulationOptions options;
  options.devices = 120;
  options.hours = 12;
  options.token_lifetimes_minutes = {30, 60, 120};
  const Simulation simulation = simulate_fleet(options);
  std::set<int> lifetimes;
  for (const DeviceTruth& device : simulation.devices) {
    if (!device.token_lifetime_minutes) continue;
    lifetimes.insert(*device.token_lifetime_minutes);
    const int grace = *device.period_seconds - *device.token_lifetime_minutes * 60;
    CHECK(grace >= 0);
    CHECK(grace <= 600);
  }
  CHECK(lifetimes == std::set<int>{30, 60, 120});
}

// How long each connection of each device lasted before its 404104, in record order.
std::map<std::string, std::vector<Timestamp>> token_cycles(const Simulation& simulation) {
  std::map<std::string, std::vector<Timestamp>> cycles;
  std::map<std::string, Timestamp> connected_at;
  for (const Record& record : simulation.records) {
    const auto line = nlohmann::json::parse(record.json_line);
    if (line.value("category", "") != "Connections") continue;
    const auto properties = nlohmann::json::parse(line.at("properties").get<std::string>());
    const std::string device = properties.value("deviceId", "");
    const std::string operation = line.value("operationName", "");
    if (operation == "deviceConnect" && !line.contains("resultType")) {
      connected_at[device] = record.time;
    } else if (operation == "deviceDisconnect" && line.value("resultType", "") == "404104") {
      if (const auto since = connected_at.find(device); since != connected_at.end())
        cycles[device].push_back(record.time - since->second);
      connected_at.erase(device);
    }
  }
  return cycles;
}

TEST_CASE("the hub's delay in noticing an expired token is drawn for each cycle", "[simulate]") {
  SimulationOptions options;
  options.devices = 40;
  options.token_expiry_share = 1;
  options.random_drop_share = 0;
  options.mixed_share = 0;
  options.scheduled_reconnect_share = 0;
  options.incidents = 0;
  options.disorder = false;
  for (const int delay : {0, 300}) {
    options.token_close_delay_max_seconds = delay;
    const Simulation simulation = simulate_fleet(options);
    const auto cycles = token_cycles(simulation);
    std::map<std::string, Timestamp> period;
    for (const DeviceTruth& device : simulation.devices)
      if (device.period_seconds)
        period[device.device_id] = *device.period_seconds * kMillisPerSecond;
    int spread_devices = 0;
    for (const auto& [device, lengths] : cycles) {
      REQUIRE(period.count(device) == 1);
      const auto [shortest, longest] = std::minmax_element(lengths.begin(), lengths.end());
      // Times are written to the second (fractions on some records): within 1 s of the draw.
      CHECK(*shortest >= period[device] - kMillisPerSecond);
      CHECK(*longest <= period[device] + delay * kMillisPerSecond + kMillisPerSecond);
      spread_devices += lengths.size() >= 10 && *longest - *shortest > 60 * kMillisPerSecond;
    }
    REQUIRE(cycles.size() >= 30);
    if (delay == 0) CHECK(spread_devices == 0);
    if (delay == 300) CHECK(spread_devices >= 25);
  }
}

TEST_CASE("record loss removes about the requested share and keeps a subset", "[simulate]") {
  SimulationOptions options;
  options.record_loss = 0.2;
  const Simulation lossy = simulate_fleet(options);
  const Simulation& full = default_fleet();
  const double kept =
      static_cast<double>(lossy.records.size()) / static_cast<double>(full.records.size());
  CHECK(kept == Approx(0.8).margin(0.02));
  std::multiset<std::string> full_lines;
  for (const Record& record : full.records)
    full_lines.insert(record.json_line);
  for (const Record& record : lossy.records) {
    const auto found = full_lines.find(record.json_line);
    REQUIRE(found != full_lines.end());
    full_lines.erase(found);
  }
  CHECK(ground_truth_json(lossy).dump() == ground_truth_json(full).dump());
}

TEST_CASE("disorder delays records up to 10 minutes and shuffles each receive hour", "[simulate]") {
  const Simulation& simulation = default_fleet();
  std::size_t late = 0;
  std::size_t out_of_order = 0;
  for (std::size_t i = 0; i < simulation.records.size(); ++i) {
    const Record& record = simulation.records[i];
    const Timestamp delay = record.receive_time - record.time;
    REQUIRE(delay >= 0);
    REQUIRE(delay <= 10 * kMinute);
    late += delay > 3 * kMinute;
    if (i == 0) continue;
    const Record& previous = simulation.records[i - 1];
    REQUIRE(previous.receive_time / kMillisPerHour <= record.receive_time / kMillisPerHour);
    out_of_order += record.time < previous.time;
  }
  CHECK(late > 0);
  CHECK(late < simulation.records.size() / 10);
  CHECK(out_of_order > simulation.records.size() / 4);
}

TEST_CASE("without disorder records arrive on time and in time order", "[simulate]") {
  SimulationOptions options;
  options.disorder = false;
  const Simulation ordered = simulate_fleet(options);
  for (std::size_t i = 0; i < ordered.records.size(); ++i) {
    REQUIRE(ordered.records[i].receive_time == ordered.records[i].time);
    if (i > 0) REQUIRE(ordered.records[i - 1].time <= ordered.records[i].time);
  }
  // Disorder moves records, never changes them.
  std::multiset<std::string> lines;
  for (const Record& record : ordered.records)
    lines.insert(record.json_line);
  std::multiset<std::string> shuffled;
  for (const Record& record : default_fleet().records)
    shuffled.insert(record.json_line);
  CHECK(lines == shuffled);
}

TEST_CASE("the ground truth document has the documented shape", "[simulate]") {
  const nlohmann::ordered_json truth = ground_truth_json(eventful_fleet());
  CHECK(keys_of(truth) == std::vector<std::string>{"schema_version", "seed", "span", "hubs",
                                                   "export", "devices", "incidents",
                                                   "site_outages"});
  CHECK(truth["schema_version"] == 2);
  CHECK(truth["hubs"] == nlohmann::ordered_json::array({"FLEET-HUB-01"}));
  CHECK(truth["export"]["categories"] == "all");
  CHECK(truth["export"]["server_errors"] == true);
  CHECK(truth["seed"] == 1);
  CHECK(truth["span"]["start"] == "2026-11-20T00:00:00Z");
  CHECK(truth["span"]["end"] == "2026-11-21T00:00:00Z");
  REQUIRE(truth["devices"].size() == 300);
  std::string previous;
  const std::set<std::string> known(std::begin(kDeviceRuleIds), std::end(kDeviceRuleIds));
  for (const auto& device : truth["devices"]) {
    CHECK(keys_of(device) == std::vector<std::string>{"hub", "device_id", "module_id", "labels",
                                                      "token_lifetime_minutes", "period_seconds",
                                                      "sdk", "behavior", "protocol", "masked_ip"});
    CHECK(device["hub"] == "FLEET-HUB-01");
    const std::string id = device["device_id"];
    CHECK(id > previous);
    previous = id;
    CHECK((device["module_id"].is_null() || device["module_id"].is_string()));
    for (const auto& label : device["labels"])
      CHECK(known.count(label.get<std::string>()) == 1);
  }
  CHECK(truth["devices"][0]["device_id"] == "dev-0001");
  REQUIRE(truth["incidents"].size() == 2);
  CHECK(keys_of(truth["incidents"][0]) ==
        std::vector<std::string>{"hub", "start", "end", "health_event"});
  REQUIRE(truth["site_outages"].size() == 1);
  CHECK(keys_of(truth["site_outages"][0]) ==
        std::vector<std::string>{"hub", "start", "end", "masked_ip", "devices"});
  CHECK(truth["site_outages"][0]["masked_ip"].get<std::string>().ends_with(".XXX"));
  CHECK(parse_iso8601(truth["site_outages"][0]["start"].get<std::string>()).has_value());
}

TEST_CASE("a mixed device carries both token and random labels", "[simulate]") {
  int both = 0;
  for (const DeviceTruth& device : default_fleet().devices) {
    if (device.behavior != DeviceBehavior::token_and_random) continue;
    both += has_label(device, kTokenExpiryRule) && has_label(device, kRandomDisconnectsRule);
  }
  CHECK(both >= 5);
}

TEST_CASE("options that cannot be simulated are rejected", "[simulate]") {
  SimulationOptions options;
  options.devices = 0;
  CHECK_THROWS_AS(simulate_fleet(options), std::invalid_argument);
  options = {};
  options.token_expiry_share = 0.9;
  options.random_drop_share = 0.2;
  CHECK_THROWS_AS(simulate_fleet(options), std::invalid_argument);
}

}  // namespace
}  // namespace iothub_diag::simulate
