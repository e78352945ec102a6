#include <set>
#include <sstream>

#include "support/hostile_ids_fleet.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/report/csv_renderer.hpp>
#include <iothub_diag/report/report_format.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

std::set<std::string_view> keys_of(std::span<const TextEntry> table) {
  std::set<std::string_view> keys;
  for (const TextEntry& entry : table) {
    CHECK(keys.insert(entry.key).second);  // no key twice
    CHECK_FALSE(entry.text.empty());
  }
  return keys;
}

TEST_CASE("every English text has its French translation, and no French one is orphaned",
          "[report]") {
  const auto english = keys_of(english_texts());
  const auto french = keys_of(french_texts());
  for (const std::string_view key : english) {
    INFO(key);
    CHECK(french.count(key) == 1);
  }
  for (const std::string_view key : french) {
    if (key.starts_with("rule.") || key.starts_with("label.")) continue;
    INFO(key);
    CHECK(english.count(key) == 1);
  }
  for (std::size_t k = 0; k < kTextKeyCount; ++k)
    CHECK(english.count(text_key_name(static_cast<TextKey>(k))) == 1);
}

TEST_CASE("every rule text and evidence label has its French translation", "[report]") {
  const auto french = keys_of(french_texts());
  for (const RuleInfo& rule : rule_catalog()) {
    for (const char* field : {"title", "symptom_text", "cause", "solution", "decision"}) {
      const std::string key = "rule." + std::string(rule.id) + "." + field;
      INFO(key);
      CHECK(french.count(key) == 1);
    }
  }
  for (const std::string_view column : csv_evidence_columns()) {
    if (column == "other") continue;
    const std::string key = "label." + std::string(column);
    INFO(key);
    CHECK(french.count(key) == 1);
  }
  for (const char* key : {"label.device_id", "label.module_id", "label.hub"}) {
    INFO(key);
    CHECK(french.count(key) == 1);
  }
}

TEST_CASE("a sentence the analysis writes in English reads in French", "[report]") {
  const ReportTexts french(Language::fr);
  CHECK(french
            .sentence("3 of these drops were followed by 409002 LinkCreationConflict: a side "
                      "effect of the immediate reconnect, not a cause.")
            .starts_with("3 "));
  CHECK(french.sentence("an unknown sentence stays as it is") ==
        "an unknown sentence stays as it is");
  const ReportTexts english(Language::en);
  CHECK(english.sentence("anything") == "anything");
}

TEST_CASE("counts group their thousands as each language writes them", "[report]") {
  CHECK(ReportTexts(Language::en).number(2362) == "2,362");
  CHECK(ReportTexts(Language::en).count_of(1234567, Noun::drop) == "1,234,567 drops");
  CHECK(ReportTexts(Language::fr).number(2362) == "2\u202F362");
  CHECK(ReportTexts(Language::fr).number(999) == "999");
  CHECK(ReportTexts(Language::fr).count_of(1234567, Noun::drop) ==
        "1\u202F234\u202F567 " + std::string(ReportTexts(Language::fr).find("noun.drop.many")));
}

TEST_CASE("every report format is one row of the format table", "[report]") {
  std::set<std::string_view> names;
  for (const ReportFormatInfo& info : report_formats()) {
    CHECK(names.insert(info.name).second);
    CHECK(report_format_from_name(info.name) == info.format);
    CHECK(&report_format_info(info.format) == &info);
  }
  CHECK_FALSE(report_format_from_name("pdf"));
}

TEST_CASE("the French text, Markdown and HTML reports keep rule ids", "[report]") {
  const Report report = testing::hostile_fleet_report();
  for (const ReportFormat format :
       {ReportFormat::text, ReportFormat::markdown, ReportFormat::html}) {
    std::ostringstream out;
    report_format_info(format).render(report, RenderOptions{false, 10, Language::fr}, out);
    CHECK(out.str().find("random-disconnects") != std::string::npos);
    CHECK(out.str().find("appareil") != std::string::npos);
  }
}

}  // namespace
}  // namespace iothub_diag
