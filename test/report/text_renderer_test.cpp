// The text report lists the worst items of a finding and counts the rest.
#include <sstream>

#include "support/hostile_ids_fleet.hpp"
#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/report/markdown_renderer.hpp>
#include <iothub_diag/report/text_renderer.hpp>

namespace iothub_diag {
namespace {

// The hostile fleet with its first device finding grown to `items` items.
Report report_with_items(std::size_t items) {
  Report report = testing::hostile_fleet_report();
  for (Finding& finding : report.findings) {
    if (finding.devices.empty()) continue;
    const FindingItem model = finding.devices.front();
    finding.devices.resize(items, model);
    break;
  }
  return report;
}

std::string text(const Report& report, Language language) {
  std::ostringstream out;
  render_text(report, RenderOptions{false, 10, language}, out);
  return out.str();
}

TEST_CASE("the count of items left out of the text report is grouped like every number",
          "[report]") {
  const Report report = report_with_items(12'345);
  CHECK(text(report, Language::en).find("... and 12,335 more (--format json lists them all)") !=
        std::string::npos);
  CHECK(text(report, Language::fr)
            .find("... et 12\u202F335 de plus (--format json donne la liste complète)") !=
        std::string::npos);
}

// isolated-drops lists drops, one item each: a device with two of them (under
// min_random_drops 3) is two items, counted as drops in every count that
// names them, never as devices.
TEST_CASE("isolated drops are counted as drops, not as devices", "[report]") {
  testing::LogBuilder log;
  for (int i = 0; i < 10; ++i)
    log.connect("quiet-" + std::to_string(i), testing::at_minutes(1 + i * 0.01));
  log.connect("twice", testing::at_minutes(5))
      .drop("twice", testing::at_minutes(22.5))
      .connect("twice", testing::at_minutes(23))
      .drop("twice", testing::at_minutes(140))
      .connect("twice", testing::at_minutes(141));
  Thresholds thresholds;
  thresholds.min_random_drops = 3;
  const Report report = testing::analyze_jsonl(log.jsonl(), thresholds);
  REQUIRE(testing::devices_of(report, "isolated-drops") ==
          std::vector<std::string>{"twice", "twice"});
  const std::string en = text(report, Language::en);
  CHECK(en.find("  2 drops:\n") != std::string::npos);
  CHECK(en.find("isolated-drops: 2 drops") != std::string::npos);
  CHECK(en.find("2 devices") == std::string::npos);
  CHECK(text(report, Language::fr).find("isolated-drops\u00A0: 2 coupures") != std::string::npos);
  std::ostringstream markdown;
  render_markdown(report, RenderOptions{false, 1, Language::en}, markdown);
  CHECK(markdown.str().find("`isolated-drops` · 2 drops") != std::string::npos);
}

}  // namespace
}  // namespace iothub_diag
