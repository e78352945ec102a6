#include <sstream>

#include "support/hostile_ids_fleet.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/report/markdown_renderer.hpp>

namespace iothub_diag {
namespace {

std::string markdown(const Report& report, std::size_t top = 10,
                     std::size_t budget = kMarkdownByteBudget) {
  std::ostringstream out;
  render_markdown(report, RenderOptions{false, top, Language::en}, out, budget);
  return out.str();
}

// Cells of a GitHub table row: split on the pipes that are not escaped.
std::size_t cells_in(const std::string& line) {
  std::size_t pipes = 0;
  for (std::size_t i = 0; i < line.size(); ++i)
    if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
  return pipes - 1;
}

TEST_CASE("a hostile id escapes into inert Markdown text", "[report]") {
  const std::string escaped = escape_markdown("<script>a|b`c`*d*_e_~f~[g](h)\\&\n\x1b");
  CHECK(escaped.find_first_of("<>|`*_~[]\\\n\x1b") == std::string::npos);
  CHECK(escaped.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("every Markdown table row keeps its column count whatever the ids", "[report]") {
  const Report report = testing::hostile_fleet_report();
  REQUIRE_FALSE(report.findings.empty());
  const std::string text = markdown(report, 100);
  std::istringstream lines(text);
  std::string line;
  std::size_t columns = 0;
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') {
      columns = 0;
      continue;
    }
    if (columns == 0) {
      columns = cells_in(line);
    } else {
      CHECK(cells_in(line) == columns);
      ++rows;
    }
  }
  CHECK(rows >= testing::hostile_ids().size());
  CHECK(text.find("<script") == std::string::npos);
  CHECK(text.find("<img") == std::string::npos);
  CHECK(text.find("<svg") == std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('`') != std::string::npos);  // our own code spans only
}

TEST_CASE("Markdown lists at most --top rows per finding and counts the rest", "[report]") {
  const Report report = testing::hostile_fleet_report();
  const std::string text = markdown(report, 2);
  CHECK(text.find("more: --format json or csv lists them all") != std::string::npos);
}

TEST_CASE("Markdown stays within its byte budget and says what it cut", "[report]") {
  const Report report = testing::hostile_fleet_report();
  const std::string full = markdown(report, 1000);
  const std::size_t budget = full.size() - 600;
  const std::string cut = markdown(report, 1000, budget);
  CHECK(cut.size() <= budget);
  CHECK(cut.find("left out to keep this report under 1 MiB") != std::string::npos);
}

}  // namespace
}  // namespace iothub_diag
