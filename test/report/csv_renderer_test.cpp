#include <sstream>

#include "support/hostile_ids_fleet.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/report/csv_renderer.hpp>

namespace iothub_diag {
namespace {

// RFC 4180 rows, quotes and doubled quotes honoured.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(cell));
      cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      cell += c;
    }
  }
  rows.pop_back();  // after the last CRLF
  return rows;
}

TEST_CASE("a CSV text cell that a spreadsheet would run as a formula is neutralised", "[report]") {
  CHECK(csv_text_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")");
  CHECK(csv_text_cell("+cmd") == "'+cmd");
  CHECK(csv_text_cell("@SUM(1)") == "'@SUM(1)");
  CHECK(csv_text_cell("-1+1") == "'-1+1");
  CHECK(csv_text_cell("sensor-1") == "sensor-1");
}

TEST_CASE("every CSV row has the header's columns and no cell starts a formula", "[report]") {
  const Report report = testing::hostile_fleet_report();
  std::ostringstream out;
  render_csv(report, out);
  const auto rows = parse_csv(out.str());
  REQUIRE(rows.size() > 1);
  const std::size_t columns = rows.front().size();
  CHECK(columns == 5 + csv_evidence_columns().size());
  std::size_t items = 0;
  for (const Finding& finding : report.findings)
    items += finding.devices.size() + finding.windows.size();
  CHECK(rows.size() == items + 1);
  std::size_t hostile_rows = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == columns);
    for (const std::string& cell : rows[r]) {
      if (cell.empty()) continue;
      const bool number = cell.find_first_not_of("0123456789.-e") == std::string::npos &&
                          cell.find_first_of("0123456789") != std::string::npos;
      if (!number) CHECK(std::string("=+-@\t\r").find(cell[0]) == std::string::npos);
      CHECK(cell.find('\x1b') == std::string::npos);
    }
    if (rows[r][3].find("HYPERLINK") != std::string::npos) {
      CHECK(rows[r][3].front() == '\'');
      ++hostile_rows;
    }
  }
  CHECK(hostile_rows >= 1);
}

}  // namespace
}  // namespace iothub_diag
