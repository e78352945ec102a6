// Causes operators name that the 404104 article does not: an IoT Edge gateway
// restarting, throttling, a network idle timeout, and certificate devices.
#include <algorithm>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

constexpr std::string_view kX509 =
    R"({"scope":"device","type":"x509Certificate","issuer":"external","acceptingIpFilterRule":null})";

// A Connections or other-category record of an identity, as the hub writes it.
std::string line(double minute, std::string_view operation, std::string_view category, int code,
                 const std::string& device, const std::string& module, const std::string& ip,
                 std::string_view auth_type = {}) {
  nlohmann::ordered_json properties = {{"deviceId", device}};
  if (!module.empty()) properties["moduleId"] = module;
  properties["protocol"] = "Amqp";
  properties["authType"] = auth_type.empty() ? nlohmann::ordered_json() : auth_type;
  properties["maskedIpAddress"] = ip;
  nlohmann::ordered_json json = {
      {"time", format_iso8601(at_minutes(minute))},
      {"resourceId", "/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/HUB"},
      {"operationName", operation},
      {"category", category},
      {"level", code == 0 ? "Information" : "Error"}};
  if (code != 0) json["resultType"] = std::to_string(code);
  json["properties"] = properties.dump();
  return json.dump();
}

void connect(LogBuilder& log, double minute, const std::string& device,
             const std::string& module = "", const std::string& ip = "10.0.0.XXX",
             std::string_view auth_type = {}) {
  log.raw_line(line(minute, "deviceConnect", "Connections", 0, device, module, ip, auth_type));
}

void drop(LogBuilder& log, double minute, const std::string& device, const std::string& module = "",
          const std::string& ip = "10.0.0.XXX") {
  log.raw_line(line(minute, "deviceDisconnect", "Connections",
                    codes::kDeviceConnectionClosedRemotely, device, module, ip));
}

const Finding* finding_of(const Report& report, std::string_view rule) {
  for (const Finding& finding : report.findings) {
    if (finding.rule->id == rule) return &finding;
  }
  return nullptr;
}

const Evidence* evidence_of(const FindingItem& item, std::string_view key) {
  for (const Evidence& evidence : item.evidence) {
    if (evidence.key() == key) return &evidence;
  }
  return nullptr;
}

// A gateway with its runtime, two modules and six leaves behind 81.9.9.XXX
// restarting at `minute`: links close within seconds, $edgeAgent is back a
// minute later, then $edgeHub, then the rest.
void restart_gateway(LogBuilder& log, double minute) {
  const std::string ip = "81.9.9.XXX";
  const std::vector<std::string> modules = {"$edgeAgent", "$edgeHub", "opc-publisher", "vision"};
  for (std::size_t i = 0; i < modules.size(); ++i) {
    drop(log, minute + 0.01 * static_cast<double>(i), "gw", modules[i], ip);
    connect(log, minute + 1 + 0.25 * static_cast<double>(i), "gw", modules[i], ip);
  }
  for (int leaf = 0; leaf < 6; ++leaf) {
    const std::string id = fmt::format("leaf-{}", leaf);
    drop(log, minute + 0.05 + 0.01 * leaf, id, "", ip);
    connect(log, minute + 2 + 0.1 * leaf, id, "", ip);
  }
}

void gateway_fleet(LogBuilder& log) {
  log.connect("quiet-0", at_minutes(0.5));
  for (int i = 1; i < 30; ++i)
    log.connect(fmt::format("quiet-{}", i), at_minutes(0.5 + i * 0.01));
  for (const char* module : {"$edgeAgent", "$edgeHub", "opc-publisher", "vision"})
    connect(log, 1, "gw", module, "81.9.9.XXX");
  for (int leaf = 0; leaf < 6; ++leaf)
    connect(log, 1.5, fmt::format("leaf-{}", leaf), "", "81.9.9.XXX");
  restart_gateway(log, 300);
  restart_gateway(log, 900);
  log.connect("quiet-0", at_minutes(1400));  // the logs go on
}

TEST_CASE("a gateway's modules and leaves dropping together are a gateway restart, not a site",
          "[rules]") {
  LogBuilder log;
  gateway_fleet(log);
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::windows_of(report, "site-network-outage") == 0);
  const Finding* restarts = finding_of(report, "edge-gateway-restart");
  REQUIRE(restarts != nullptr);
  REQUIRE(restarts->windows.size() == 2);
  for (const FindingItem& window : restarts->windows) {
    CHECK(std::get<std::string>(evidence_of(window, "gateway_id")->value) == "gw");
    CHECK(std::get<std::int64_t>(evidence_of(window, "identities")->value) == 10);
    const auto& order =
        std::get<std::vector<std::string>>(evidence_of(window, "return_order")->value);
    REQUIRE(order.size() == 10);
    CHECK(order.front().starts_with("$edgeAgent +"));
    CHECK(order[1].starts_with("$edgeHub +"));
    const auto& leaves =
        std::get<std::vector<std::string>>(evidence_of(window, "leaf_devices")->value);
    CHECK(leaves.size() == 6);
  }
  for (const auto& [rule, count] : report.drops.by_cause) {
    if (rule == "edge-gateway-restart") CHECK(count == 20);
  }
}

TEST_CASE("independent devices behind one IP beside a gateway still make a site outage",
          "[rules]") {
  LogBuilder log;
  gateway_fleet(log);
  for (int i = 0; i < 10; ++i) {
    const std::string device = fmt::format("site-{}", i);
    log.connect(device, at_minutes(2 + i * 0.1), ".NET/1.38.0", "62.1.1.XXX");
    log.drop(device, at_minutes(600 + i * 0.2), "62.1.1.XXX");
    log.connect(device, at_minutes(640 + i * 0.1), ".NET/1.38.0", "62.1.1.XXX");
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::windows_of(report, "site-network-outage") == 1);
  CHECK(testing::windows_of(report, "edge-gateway-restart") == 2);
}

TEST_CASE("404104s seconds after a 429xxx of the same device are throttling, not random",
          "[rules]") {
  LogBuilder log;
  for (int i = 0; i < 10; ++i)
    log.connect(fmt::format("quiet-{}", i), at_minutes(0.5 + i * 0.01));
  log.connect("busy", at_minutes(1));
  for (const double minute : {130.0, 415.0, 790.0, 1210.0}) {
    log.error("busy", at_minutes(minute), 429002, "ingress", "DeviceTelemetry");
    log.drop("busy", at_minutes(minute + 0.3));
    log.connect("busy", at_minutes(minute + 1));
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "throttling-disconnects") == std::vector<std::string>{"busy"});
  CHECK(testing::devices_of(report, "random-disconnects").empty());
  const Finding* throttling = finding_of(report, "throttling-disconnects");
  REQUIRE(throttling != nullptr);
  const FindingItem& item = throttling->devices.front();
  CHECK(std::get<std::int64_t>(evidence_of(item, "drops")->value) == 4);
  CHECK(std::get<double>(evidence_of(item, "throttle_to_drop_median_seconds")->value) == 18);
}

TEST_CASE("connections that all end after six minutes are a network idle timeout", "[rules]") {
  LogBuilder log;
  for (int i = 0; i < 10; ++i)
    log.connect(fmt::format("quiet-{}", i), at_minutes(0.5 + i * 0.01));
  double connected = 1;
  const std::string sdk = "iothubclient/1.9.0 (native; Linux; x86_64)";
  log.connect("behind-nat", at_minutes(connected), sdk);
  for (int cycle = 0; cycle < 40; ++cycle) {
    const double lasted = 6 + ((cycle % 5) - 2) * 0.1;  // 360 s, +-12 s
    log.drop("behind-nat", at_minutes(connected + lasted));
    connected += lasted + 0.2;
    log.connect("behind-nat", at_minutes(connected), sdk);
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "network-idle-timeout") ==
        std::vector<std::string>{"behind-nat"});
  CHECK(testing::devices_of(report, "random-disconnects").empty());
  CHECK(testing::devices_of(report, "sas-token-expiry").empty());
  const FindingItem& item = finding_of(report, "network-idle-timeout")->devices.front();
  CHECK(std::get<double>(evidence_of(item, "connection_seconds")->value) == Approx(360).margin(12));
  CHECK(std::get<double>(evidence_of(item, "keep_alive_seconds")->value) == 240);
  CHECK(std::get<double>(evidence_of(item, "hub_idle_close_seconds")->value) == 360);
}

TEST_CASE(
    "a certificate device is never a token expiry, and its 401003 storm speaks of "
    "certificates",
    "[rules]") {
  LogBuilder log;
  for (int i = 0; i < 10; ++i)
    log.connect(fmt::format("quiet-{}", i), at_minutes(0.5 + i * 0.01));
  // 65-minute cycles on a certificate device: no token to expire.
  double connected = 1;
  connect(log, connected, "cert-cycler", "", "10.0.0.XXX", kX509);
  for (int cycle = 0; cycle < 8; ++cycle) {
    drop(log, connected + 65, "cert-cycler");
    connected += 65.2;
    connect(log, connected, "cert-cycler", "", "10.0.0.XXX", kX509);
  }
  for (int i = 0; i < 8; ++i) {
    log.raw_line(line(10 + i * 2, "deviceConnect", "Connections", codes::kIotHubUnauthorized,
                      "expired-cert", "", "10.0.0.XXX", kX509));
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(testing::devices_of(report, "sas-token-expiry").empty());
  const Finding* storm = finding_of(report, "unauthorized-storm");
  REQUIRE(storm != nullptr);
  CHECK(std::get<bool>(evidence_of(storm->devices.front(), "certificate")->value));
  REQUIRE(storm->notes.size() == 1);
  const std::string note = english_text(storm->notes.front());
  CHECK(note.find("DigiCert Global Root G2") != std::string::npos);
  CHECK(note.find("SAS") == std::string::npos);
}

}  // namespace
}  // namespace iothub_diag
