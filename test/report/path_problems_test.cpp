// Named paths that could not be read appear in every report that has an input section.
#include <cerrno>
#include <sstream>

#include "support/hostile_ids_fleet.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/core/os_error.hpp>
#include <iothub_diag/report/html_renderer.hpp>
#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/report/markdown_renderer.hpp>
#include <iothub_diag/report/text_renderer.hpp>

namespace iothub_diag {
namespace {

Report report_with_a_missing_path() {
  Report report = testing::hostile_fleet_report();
  report.path_problems = {{"logs/<b>missing|.json", os_error_message(ENOENT)}};
  return report;
}

TEST_CASE("a path that could not be read is listed in the JSON input section", "[report]") {
  std::ostringstream out;
  render_json(report_with_a_missing_path(), out);
  const std::string json = out.str();
  CHECK(json.find("\"problems\": [\n      {\n        \"path\": \"logs/<b>missing|.json\",\n"
                  "        \"problem\": \"No such file or directory\"\n      }\n    ],") !=
        std::string::npos);
}

TEST_CASE("a report with every path read has an empty problems list", "[report]") {
  std::ostringstream out;
  render_json(testing::hostile_fleet_report(), out);
  CHECK(out.str().find("\"problems\": [],") != std::string::npos);
}

TEST_CASE("a path that could not be read is shown in the text, Markdown and HTML input",
          "[report]") {
  const Report report = report_with_a_missing_path();
  std::ostringstream text;
  render_text(report, RenderOptions{false, 10, Language::en}, text);
  CHECK(text.str().find("Not read: logs/<b>missing|.json (No such file or directory)\n") !=
        std::string::npos);
  std::ostringstream french;
  render_text(report, RenderOptions{false, 10, Language::fr}, french);
  CHECK(french.str().find("Non lus\u00A0: logs/<b>missing|.json (Aucun fichier ou dossier de ce "
                          "nom)\n") != std::string::npos);
  std::ostringstream markdown;
  render_markdown(report, RenderOptions{false, 10, Language::en}, markdown);
  CHECK(markdown.str().find("**Not read** logs/&lt;b&gt;missing&#124;.json (No such file or "
                            "directory)\n") != std::string::npos);
  std::ostringstream html;
  render_html(report, RenderOptions{false, 10, Language::en}, html);
  CHECK(html.str().find("<tr><th>Not read</th><td><code>logs/&lt;b&gt;missing|.json</code> (No "
                        "such file or directory)</td></tr>") != std::string::npos);
}

}  // namespace
}  // namespace iothub_diag
