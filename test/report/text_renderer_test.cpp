// The text report lists the worst items of a finding and counts the rest.
#include <sstream>

#include "support/hostile_ids_fleet.hpp"
#include <catch2/catch.hpp>

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

}  // namespace
}  // namespace iothub_diag
