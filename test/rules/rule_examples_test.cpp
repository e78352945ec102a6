// Every rule ships with example fleets and the verdict it must reach on them,
// checked by one generic test.
#include <algorithm>
#include <functional>
#include <set>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

// A .NET-style device whose token expires every `period` minutes; the 401003
// is logged `unauthorized_offset` seconds from the drop (nullopt: missing).
void token_device(LogBuilder& log, const std::string& device, double start, double period,
                  int cycles, std::optional<double> unauthorized_offset = 0,
                  double reconnect_seconds = 12) {
  double connected = start;
  log.connect(device, at_minutes(connected));
  for (int cycle = 0; cycle < cycles; ++cycle) {
    const double dropped = connected + period + (cycle % 3 - 1) * 0.05;  // a few seconds of jitter
    if (unauthorized_offset) {
      log.error(device, at_minutes(dropped + *unauthorized_offset / 60), codes::kIotHubUnauthorized,
                "deviceDisconnect");
    }
    log.drop(device, at_minutes(dropped));
    connected = dropped + reconnect_seconds / 60;
    log.connect(device, at_minutes(connected));
  }
}

// Drops at the given minutes, reconnecting `reconnect_seconds` later.
void random_device(LogBuilder& log, const std::string& device, const std::vector<double>& drops,
                   double reconnect_seconds = 40) {
  log.connect(device, at_minutes(0.5));
  for (const double minute : drops) {
    log.drop(device, at_minutes(minute));
    log.connect(device, at_minutes(minute + reconnect_seconds / 60));
  }
}

// A record of an IoT Edge module identity (the builder's records name devices only).
std::string module_record(double minute, bool connect, const std::string& device,
                          const std::string& module, const std::string& ip) {
  return fmt::format(
      R"({{"time":"{}","resourceId":"/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/HUB","operationName":"{}","category":"Connections","level":"{}",{}"properties":"{{\"deviceId\":\"{}\",\"moduleId\":\"{}\",\"protocol\":\"Amqp\",\"maskedIpAddress\":\"{}\"}}"}})",
      format_iso8601(at_minutes(minute)), connect ? "deviceConnect" : "deviceDisconnect",
      connect ? "Information" : "Error", connect ? "" : R"("resultType":"404104",)", device, module,
      ip);
}

struct RuleExample {
  const char* name;
  std::function<void(LogBuilder&)> build;
  const char* rule;
  std::vector<std::string> devices;  // for device rules
  std::size_t windows;               // for fleet rules
};

// A steady fleet of `count` devices connected all day with no drops.
void quiet_fleet(LogBuilder& log, int count, const std::string& prefix = "quiet-") {
  for (int i = 0; i < count; ++i)
    log.connect(prefix + std::to_string(i), at_minutes(1 + i * 0.01));
}

const std::vector<RuleExample>& examples() {
  static const std::vector<RuleExample> kExamples = {
      {"65-minute cycles with a 401003 before each drop",
       [](LogBuilder& log) { token_device(log, "dotnet-1", 3, 65, 8, -20); },
       "sas-token-expiry",
       {"dotnet-1"},
       0},
      {"a 401003 logged after its 404104 still counts for the cycle",
       [](LogBuilder& log) { token_device(log, "java-1", 3, 65, 6, +15); },
       "sas-token-expiry",
       {"java-1"},
       0},
      {"cycles are found without any 401003, at a lifetime other than 60 minutes",
       [](LogBuilder& log) { token_device(log, "custom-lifetime", 3, 125, 6, std::nullopt); },
       "sas-token-expiry",
       {"custom-lifetime"},
       0},
      {"drops at irregular times are random, not periodic",
       [](LogBuilder& log) {
         random_device(log, "flaky-1", {37, 151, 163, 402, 611, 640, 977, 1201});
       },
       "random-disconnects",
       {"flaky-1"},
       0},
      {"two irregular drops are enough for a random pattern",
       [](LogBuilder& log) {
         random_device(log, "flaky-2", {210, 1033});
       },
       "random-disconnects",
       {"flaky-2"},
       0},
      {"a token cycle interrupted by random drops shows both patterns",
       [](LogBuilder& log) {
         token_device(log, "mixed-1", 3, 65, 6, 0);
         // Each reconnect starts a new token: the next expiry is 65 min after it.
         const double base = 3 + 6 * 65.2;
         log.drop("mixed-1", at_minutes(base + 20)).connect("mixed-1", at_minutes(base + 20.5));
         log.drop("mixed-1", at_minutes(base + 20.5 + 31))
             .connect("mixed-1", at_minutes(base + 52));
         log.drop("mixed-1", at_minutes(base + 52 + 65))
             .connect("mixed-1", at_minutes(base + 117.3));
       },
       "random-disconnects",
       {"mixed-1"},
       0},
      {"many devices dropping together with 500xxx errors is a hub incident",
       [](LogBuilder& log) {
         quiet_fleet(log, 20);
         for (int i = 0; i < 40; ++i) {
           const std::string device = "fleet-" + std::to_string(i);
           log.connect(device, at_minutes(2 + i * 0.02));
           log.drop(device, at_minutes(600 + i * 0.1));
           log.connect(device, at_minutes(612 + i * 0.1));
         }
         for (int i = 0; i < 12; ++i)
           log.error("", at_minutes(601 + i * 0.5), 500001, "d2c", "D2CTwinOperations");
         log.error("fleet-1", at_minutes(604), 503001);
       },
       "hub-incident",
       {},
       1},
      {"devices dropping together without hub-side errors are not a hub incident",
       [](LogBuilder& log) {
         quiet_fleet(log, 20);
         for (int i = 0; i < 40; ++i) {
           const std::string device = "site-" + std::to_string(i);
           log.connect(device, at_minutes(2 + i * 0.02), ".NET/1.38.0", "81.2.3.XXX");
           log.drop(device, at_minutes(600 + i * 0.1), "81.2.3.XXX");
           log.connect(device, at_minutes(640 + i * 0.1), ".NET/1.38.0", "81.2.3.XXX");
         }
       },
       "hub-incident",
       {},
       0},
      {"a fleet whose tokens expire together is token expiry, not an incident",
       [](LogBuilder& log) {
         for (int i = 0; i < 30; ++i)
           token_device(log, "booted-" + std::to_string(i), 1 + i * 0.05, 65, 12, 0);
         for (int i = 0; i < 6; ++i)
           log.error("", at_minutes(200 + i * 97), 500001, "d2c", "D2CTwinOperations");
       },
       "hub-incident",
       {},
       0},
      {"devices behind one IP dropping together without hub errors are a site outage",
       [](LogBuilder& log) {
         quiet_fleet(log, 20);
         for (int i = 0; i < 30; ++i) {
           const std::string device = "site-" + std::to_string(i);
           log.connect(device, at_minutes(2 + i * 0.02), ".NET/1.38.0", "81.2.3.XXX");
           log.drop(device, at_minutes(600 + i * 0.1), "81.2.3.XXX");
           log.connect(device, at_minutes(640 + i * 0.1), ".NET/1.38.0", "81.2.3.XXX");
         }
       },
       "site-network-outage",
       {},
       1},
      {"clean reconnects every 48 minutes are a healthy schedule",
       [](LogBuilder& log) {
         double connected = 1;
         log.connect("c-sdk", at_minutes(connected), "iothubclient/1.9.0 (native; Linux; x86_64)");
         for (int i = 0; i < 6; ++i) {
           log.clean_disconnect("c-sdk", at_minutes(connected + 48));
           connected += 48.1;
           log.connect("c-sdk", at_minutes(connected),
                       "iothubclient/1.9.0 (native; Linux; x86_64)");
         }
       },
       "scheduled-reconnects",
       {"c-sdk"},
       0},
      {"a device silent for hours after its last 404104 never reconnected",
       [](LogBuilder& log) {
         quiet_fleet(log, 3);
         log.connect("gone", at_minutes(5)).drop("gone", at_minutes(100));
         log.connect("quiet-0", at_minutes(600));  // the logs go on for hours
       },
       "never-reconnected",
       {"gone"},
       0},
      {"400027 ping-pong is a shared identity",
       [](LogBuilder& log) {
         for (int i = 0; i < 12; ++i) {
           log.connect("twin", at_minutes(10 + i * 0.1));
           log.error("twin", at_minutes(10.05 + i * 0.1), 400027, "deviceDisconnect");
         }
       },
       "duplicate-identity",
       {"twin"},
       0},
      {"401003 after 401003 with no successful connect is an authentication storm",
       [](LogBuilder& log) {
         for (int i = 0; i < 8; ++i)
           log.error("skewed-clock", at_minutes(10 + i * 2), codes::kIotHubUnauthorized);
         token_device(log, "dotnet-1", 3, 65, 6, -20);  // one 401003 per cycle is not a storm
       },
       "unauthorized-storm",
       {"skewed-clock"},
       0},
      {"one connect and one 404104 17 minutes later is an isolated drop",
       [](LogBuilder& log) {
         quiet_fleet(log, 10);
         log.connect("lone", at_minutes(5)).drop("lone", at_minutes(22.5));
       },
       "isolated-drops",
       {"lone"},
       0},
      {"eight devices behind one router in a fleet of 300 dropping together are a site outage",
       [](LogBuilder& log) {
         quiet_fleet(log, 300);
         for (int i = 0; i < 8; ++i) {
           const std::string device = "site-" + std::to_string(i);
           log.connect(device, at_minutes(2 + i * 0.1), ".NET/1.38.0", "81.2.3.XXX");
           log.drop(device, at_minutes(600 + i * 0.2), "81.2.3.XXX");
           log.connect(device, at_minutes(640 + i * 0.1), ".NET/1.38.0", "81.2.3.XXX");
         }
       },
       "site-network-outage",
       {},
       1},
      {"devices of many networks dropping in one minute without 500xxx are a fleet-wide drop",
       [](LogBuilder& log) {
         quiet_fleet(log, 100);
         for (int i = 0; i < 60; ++i) {
           const std::string device = "fleet-" + std::to_string(i);
           const std::string ip = "81.2." + std::to_string(i) + ".XXX";
           log.connect(device, at_minutes(2 + i * 0.01), ".NET/1.38.0", ip);
           log.drop(device, at_minutes(600 + i * 0.01), ip);
         }
       },
       "fleet-wide-drop",
       {},
       1},
      {"an IoT Edge gateway's runtime, modules and leaves dropping together are its restart",
       [](LogBuilder& log) {
         quiet_fleet(log, 20);
         const std::string ip = "81.7.7.XXX";
         for (const char* module : {"$edgeAgent", "$edgeHub", "opc-publisher"})
           log.raw_line(module_record(1, true, "gw", module, ip));
         for (int leaf = 0; leaf < 5; ++leaf)
           log.connect("leaf-" + std::to_string(leaf), at_minutes(1), ".NET/1.38.0", ip);
         int n = 0;
         for (const char* module : {"$edgeAgent", "$edgeHub", "opc-publisher"}) {
           log.raw_line(module_record(400 + 0.01 * n, false, "gw", module, ip));
           log.raw_line(module_record(401 + 0.2 * n++, true, "gw", module, ip));
         }
         for (int leaf = 0; leaf < 5; ++leaf) {
           log.drop("leaf-" + std::to_string(leaf), at_minutes(400.05), ip);
           log.connect("leaf-" + std::to_string(leaf), at_minutes(402), ".NET/1.38.0", ip);
         }
       },
       "edge-gateway-restart",
       {},
       1},
      {"404104s seconds after a 429002 of the device's telemetry are throttling",
       [](LogBuilder& log) {
         quiet_fleet(log, 10);
         log.connect("busy", at_minutes(1));
         for (const double minute : {100.0, 500.0, 900.0}) {
           log.error("busy", at_minutes(minute), 429002, "ingress", "DeviceTelemetry");
           log.drop("busy", at_minutes(minute + 0.2)).connect("busy", at_minutes(minute + 1));
         }
       },
       "throttling-disconnects",
       {"busy"},
       0},
      {"every connection ending after six minutes is a network idle timeout",
       [](LogBuilder& log) {
         quiet_fleet(log, 10);
         double connected = 1;
         log.connect("nat", at_minutes(connected));
         for (int cycle = 0; cycle < 12; ++cycle) {
           const double lasted = 6 + (cycle % 3 - 1) * 0.2;
           log.drop("nat", at_minutes(connected + lasted));
           connected += lasted + 0.1;
           log.connect("nat", at_minutes(connected));
         }
       },
       "network-idle-timeout",
       {"nat"},
       0},
      {"one device flapping ten times beside 500xxx errors is not a fleet event",
       [](LogBuilder& log) {
         quiet_fleet(log, 20);
         for (int i = 0; i < 10; ++i) {
           log.drop("flapper", at_minutes(300 + i * 0.4))
               .connect("flapper", at_minutes(300.2 + i * 0.4));
         }
         for (int i = 0; i < 3; ++i)
           log.error("", at_minutes(301 + i), 500001, "d2c", "D2CTwinOperations");
       },
       "hub-incident",
       {},
       0},
  };
  return kExamples;
}

}  // namespace

TEST_CASE("every row of the rule table has example fleets", "[rules]") {
  // incomplete-export judges the input, not a fleet: its examples are the cut
  // inputs of test/input/ and the gaps of test/analysis/log_gaps_test.cpp.
  std::set<std::string_view> covered = {"incomplete-export"};
  for (const RuleExample& example : examples())
    covered.insert(example.rule);
  for (const RuleSpec& rule : rule_catalog()) {
    INFO(rule.id);
    CHECK(covered.count(rule.id) == 1);
  }
}

TEST_CASE("every rule reaches its expected verdict on its example fleets", "[rules]") {
  for (const RuleExample& example : examples()) {
    INFO(example.name);
    LogBuilder log;
    example.build(log);
    const Report report = testing::analyze_jsonl(log.jsonl());
    const std::string_view rule = example.rule;
    if (rule_info(rule).claims_windows()) {
      CHECK(testing::windows_of(report, example.rule) == example.windows);
    } else {
      CHECK(testing::devices_of(report, example.rule) == example.devices);
    }
    // A finding lists items of its row's kind only.
    if (rule_info(rule).kind == RuleKind::window)
      CHECK(testing::devices_of(report, example.rule).empty());
    else
      CHECK(testing::windows_of(report, example.rule) == 0);
  }
}

TEST_CASE("a hub incident's drops do not count toward the devices' own patterns", "[rules]") {
  LogBuilder log;
  for (int i = 0; i < 40; ++i) {
    const std::string device = "fleet-" + std::to_string(i);
    log.connect(device, at_minutes(2));
    log.drop(device, at_minutes(600 + i * 0.1));
    log.connect(device, at_minutes(612 + i * 0.1));
  }
  // One device also has a single drop of its own: with the incident drop it would reach two.
  log.drop("fleet-0", at_minutes(900)).connect("fleet-0", at_minutes(901));
  for (int i = 0; i < 10; ++i)
    log.error("", at_minutes(601 + i * 0.5), 503001);
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::windows_of(report, "hub-incident") == 1);
  CHECK(testing::devices_of(report, "random-disconnects").empty());
}

TEST_CASE("token expiry evidence reports period, lifetime, cycles and 401003 count", "[rules]") {
  LogBuilder log;
  token_device(log, "dotnet-1", 3, 65, 8, -20, 12);
  const Report report = testing::analyze_jsonl(log.jsonl());
  REQUIRE(report.findings.size() == 1);
  const FindingItem& item = report.findings.front().devices.at(0);
  auto value = [&](std::string_view key) -> const EvidenceValue& {
    for (const Evidence& evidence : item.evidence) {
      if (evidence.key() == key) return evidence.value;
    }
    FAIL("no evidence " << key);
    throw;
  };
  CHECK(std::get<double>(value("period_seconds")) == Approx(3900).margin(5));
  CHECK(std::get<double>(value("implied_token_lifetime_seconds")) == 3600);
  CHECK(std::get<std::int64_t>(value("cycles")) == 8);
  CHECK(std::get<std::int64_t>(value("cycles_with_401003")) == 8);
  CHECK(std::get<double>(value("typical_reconnect_delay_seconds")) == Approx(12).margin(1));
}

TEST_CASE("a connection that lasted a day and minutes names a day-long token in its drop's story",
          "[rules]") {
  LogBuilder log;
  quiet_fleet(log, 10);
  // Connected before the logs; no 401003 logged. The second connection lasts 1,445 min.
  log.drop("day-token", at_minutes(300)).connect("day-token", at_minutes(300.2));
  log.drop("day-token", at_minutes(1745.2)).connect("day-token", at_minutes(1745.4));
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "random-disconnects").empty());
  REQUIRE(testing::devices_of(report, "isolated-drops") ==
          std::vector<std::string>{"day-token", "day-token"});
  std::vector<std::string> stories;  // each drop's possible causes, joined
  for (const Finding& finding : report.findings) {
    for (const FindingItem& item : finding.devices) {
      for (const Evidence& evidence : item.evidence) {
        if (evidence.key() != "possible_causes") continue;
        std::string story;
        for (const Message& cause : *std::get<SharedMessages>(evidence.value))
          story += english_text(cause) + "; ";
        stories.push_back(story);
      }
    }
  }
  REQUIRE(stories.size() == 2);
  const auto day_token = [](const std::string& story) {
    return story.find("the connection lasted 1445 min, one day-long token plus the hub's grace") !=
           std::string::npos;
  };
  CHECK(std::count_if(stories.begin(), stories.end(), day_token) == 1);
}

TEST_CASE("two drops centuries apart are analyzed without a window per minute of the span",
          "[rules]") {
  LogBuilder log;
  log.drop("ancient", *make_timestamp(1, 1, 1, 0, 0, 0))
      .drop("future", *make_timestamp(9999, 12, 31, 0, 0, 0));
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(report.input.records == 2);
  CHECK(testing::windows_of(report, "hub-incident") == 0);
}

}  // namespace iothub_diag
