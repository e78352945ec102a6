#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/hostile_ids_fleet.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/report/html_renderer.hpp>

namespace iothub_diag {
namespace {

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + 1))
    ++count;
  return count;
}

TEST_CASE("HTML escaping leaves no markup and no control character", "[report]") {
  CHECK(escape_html("<a href='x' title=\"y\">&</a>\x1b") ==
        "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;\\x1b");
}

TEST_CASE("the HTML page of a hostile fleet holds only its own markup", "[report]") {
  const Report report = testing::hostile_fleet_report();
  std::ostringstream out;
  render_html(report, RenderOptions{}, out);
  const std::string page = out.str();
  CHECK(occurrences(page, "<script") == 1);
  CHECK(occurrences(page, "<img") == 0);
  CHECK(occurrences(page, "<svg onload") == 0);
  CHECK(page.find('\x1b') == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("<svg") != std::string::npos);
  CHECK(page.find("default-src 'none'") != std::string::npos);  // nothing can be fetched
  for (const Finding& finding : report.findings)
    CHECK(page.find(std::string(finding.rule->id)) != std::string::npos);
}

}  // namespace
}  // namespace iothub_diag

namespace iothub_diag {
namespace {

// Writes the hostile fleet's page for test/golden/html_chromium.sh, which
// loads it in a real browser. Hidden: it runs only when named.
TEST_CASE("write the hostile fleet's HTML page", "[.hostile-html]") {
  const char* path = std::getenv("IOTHUB_DIAG_HOSTILE_HTML");
  REQUIRE(path != nullptr);
  std::ofstream file(path, std::ios::binary);
  render_html(testing::hostile_fleet_report(), RenderOptions{}, file);
  REQUIRE(file.good());
}

}  // namespace
}  // namespace iothub_diag
