#include <sstream>

#include "support/hostile_ids_fleet.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/report/json_renderer.hpp>

namespace iothub_diag {
namespace {

using Json = nlohmann::ordered_json;

std::string rendered(const Report& report) {
  std::ostringstream out;
  render_json(report, out);
  return out.str();
}

Report one_device_report(FindingItem item, std::vector<Message> notes = {}) {
  Report report;
  Finding finding;
  finding.rule = &rule_info("random-disconnects");
  finding.devices.push_back(std::move(item));
  finding.notes = std::move(notes);
  report.findings.push_back(std::move(finding));
  return report;
}

TEST_CASE("the streamed report reads back and dumps to the same bytes", "[report]") {
  const Report report = testing::hostile_fleet_report();
  REQUIRE_FALSE(report.findings.empty());
  const std::string text = rendered(report);
  CHECK(report_to_json(report).dump(2, ' ', false, Json::error_handler_t::replace) + "\n" == text);
}

TEST_CASE("a long list written by several threads gives the bytes one thread writes", "[report]") {
  // Lists around and beyond the slice and round sizes (2,048 items a slice),
  // with ids that must be escaped and messages that are spelled out.
  for (const std::size_t count : {std::size_t{1}, std::size_t{2048}, std::size_t{2049},
                                  std::size_t{4097}, std::size_t{13'001}}) {
    INFO(count << " items");
    Report report;
    Finding finding;
    finding.rule = &rule_info("random-disconnects");
    const std::vector<std::string>& ids = testing::hostile_ids();
    for (std::size_t i = 0; i < count; ++i) {
      FindingItem item;
      item.hub = "hub-a";
      item.evidence.push_back(
          text_evidence("device_id", "device", ids[i % ids.size()] + std::to_string(i)));
      item.evidence.push_back(count_evidence("drops", "drops", static_cast<std::int64_t>(i)));
      item.evidence.push_back(
          seconds_evidence("period_seconds", "period", 0.5 * static_cast<double>(i)));
      finding.devices.push_back(std::move(item));
    }
    finding.windows = finding.devices;  // a second long list in the same finding
    report.findings.push_back(std::move(finding));
    std::ostringstream one;
    render_json(report, one, 1);
    CHECK(one.str() ==
          report_to_json(report).dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
    for (const unsigned threads : {2u, 3u, 8u}) {
      INFO(threads << " threads");
      std::ostringstream several;
      render_json(report, several, threads);
      CHECK(several.str() == one.str());
    }
  }
}

TEST_CASE("a repeated evidence key keeps its first place and its last value", "[report]") {
  FindingItem item;
  item.hub = "hub-a";
  item.evidence.push_back(count_evidence("drops", "drops", 3));
  item.evidence.push_back(text_evidence("device_id", "device", "dev-1"));
  item.evidence.push_back(count_evidence("drops", "drops", 5));
  item.evidence.push_back(text_evidence("hub", "hub", "hub-b"));

  // What assigning the members to a document one by one gives.
  Json expected = Json::object();
  expected["hub"] = "hub-a";
  expected["drops"] = 3;
  expected["device_id"] = "dev-1";
  expected["drops"] = 5;
  expected["hub"] = "hub-b";
  CHECK(report_to_json(one_device_report(item))["findings"][0]["devices"][0].dump() ==
        expected.dump());
}

TEST_CASE("invalid UTF-8 in an id is replaced byte by byte, in a note as nlohmann replaces it",
          "[report]") {
  FindingItem item;
  item.hub = "hub-\xff";
  item.evidence.push_back(text_evidence("device_id", "device", "a\xe2\x82z"));
  const std::string text =
      rendered(one_device_report(item, {Message{MessageId::pipe_read, {"b\xe2\x82z"}}}));
  CHECK(text.find("\"hub\": \"hub-\xEF\xBF\xBD\"") != std::string::npos);
  CHECK(text.find("\"device_id\": \"a\xEF\xBF\xBD\xEF\xBF\xBDz\"") != std::string::npos);
  CHECK(text.find("pipe: b\xEF\xBF\xBDz is") != std::string::npos);
}

}  // namespace
}  // namespace iothub_diag
