#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/workspace/kql_query.hpp>

using namespace iothub_diag;
using namespace iothub_diag::workspace;

namespace {

TimeBound at(std::string_view text) {
  return *parse_time_bound(text);
}

}  // namespace

TEST_CASE("a hub or device id becomes a KQL string literal whatever it holds", "[workspace]") {
  CHECK(kql_string_literal("dev-0001") == "\"dev-0001\"");
  CHECK(kql_string_literal("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(kql_string_literal("line\nbreak\x01") == "\"line\\nbreak\\u0001\"");
}

TEST_CASE("a time bound is a datetime literal, a duration counts back from now", "[workspace]") {
  CHECK(kql_time(at("2026-11-20T13:00:00Z")) == "datetime(2026-11-20T13:00:00Z)");
  CHECK(kql_time(at("24h")) == "ago(1d)");
  CHECK(kql_time(at("90m")) == "ago(90m)");
  CHECK(kql_time(at("1.5s")) == "ago(1500ms)");
}

TEST_CASE("the workspace query selects IoT hub connections and hub-side errors only",
          "[workspace]") {
  const KqlSpan span{at("2026-11-20T00:00:00Z"), at("2026-11-22T00:00:00Z"), {"PROD-HUB"}};
  const std::string query = connection_events_query(span);
  CHECK(query.starts_with("AzureDiagnostics\n"));
  CHECK(query.find("TimeGenerated >= datetime(2026-11-20T00:00:00Z) and TimeGenerated <= "
                   "datetime(2026-11-22T00:00:00Z)") != std::string::npos);
  CHECK(query.find("Resource in~ (\"PROD-HUB\")") != std::string::npos);
  // The hub-side codes outside 5xxxxx come from the result-code table.
  CHECK(query.find("ResultType in (\"400029\", \"400030\", \"404012\")") != std::string::npos);
  CHECK(query.find("| project TimeGenerated, Resource, _ResourceId, Category, OperationName, "
                   "Level, ResultType, ResultDescription, properties_s\n") != std::string::npos);
}

TEST_CASE("an open span and no hub leave those lines out", "[workspace]") {
  const std::string query = connection_events_query(KqlSpan{});
  CHECK(query.find("TimeGenerated") == query.find("| project TimeGenerated") + 10);
  CHECK(query.find("Resource in~") == std::string::npos);
}

TEST_CASE("the planning query counts the same rows per bin", "[workspace]") {
  const KqlSpan span{at("7d"), std::nullopt, {}};
  const std::string count = count_query(span, 15);
  const std::string rows = connection_events_query(span);
  CHECK(count.ends_with("| summarize count() by bin(TimeGenerated, 15m)\n"));
  // Everything up to the projection is shared, so the count is of exactly those rows.
  CHECK(count.substr(0, count.find("| summarize")) == rows.substr(0, rows.find("| project")));
}

TEST_CASE("a device query names its hub and devices", "[workspace]") {
  const std::vector<std::string> devices = {"dev-1", "dev\"2"};
  const std::string query = device_events_query(KqlSpan{}, "hub-a", devices);
  CHECK(query.find("Resource in~ (\"hub-a\")") != std::string::npos);
  CHECK(query.find("parse_json(properties_s).deviceId) in (\"dev-1\", \"dev\\\"2\")") !=
        std::string::npos);
  CHECK(query.ends_with("| order by TimeGenerated asc\n"));
}

TEST_CASE("a finding's query lists its devices by hub and says when it lists only the worst",
          "[workspace]") {
  const std::vector<KqlDevice> devices = {{"HUB-A", "d1"}, {"HUB-B", "d2"}, {"HUB-A", "d3"}};
  const std::string query = finding_devices_query(0, kMillisPerHour, devices, 250);
  CHECK(query.starts_with("// the 3 worst of the finding's 250 devices\nAzureDiagnostics\n"));
  CHECK(query.find("(Resource =~ \"HUB-A\" and DeviceId in (\"d1\", \"d3\")) or "
                   "(Resource =~ \"HUB-B\" and DeviceId in (\"d2\"))") != std::string::npos);
  CHECK(query.find("between (datetime(1970-01-01T00:00:00Z) .. datetime(1970-01-01T01:00:00Z))") !=
        std::string::npos);
}

TEST_CASE("a fleet finding's query bounds every window to its hub", "[workspace]") {
  const std::vector<KqlWindow> windows = {{"HUB-A", 2 * kMillisPerHour, 3 * kMillisPerHour},
                                          {"", 0, kMillisPerMinute}};
  const std::string query = finding_windows_query(windows);
  CHECK(query.find("| where TimeGenerated between (datetime(1970-01-01T00:00:00Z) .. "
                   "datetime(1970-01-01T03:00:00Z))") != std::string::npos);
  CHECK(query.find("(Resource =~ \"HUB-A\" and TimeGenerated between (datetime("
                   "1970-01-01T02:00:00Z) .. datetime(1970-01-01T03:00:00Z))) or (TimeGenerated "
                   "between") != std::string::npos);
}
