#include <set>
#include <sstream>

#include "support/hostile_ids_fleet.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/core/message.hpp>
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
    if (key.starts_with("rule.") || key.starts_with("label.") || key.starts_with("threshold.") ||
        key.starts_with("skip."))
      continue;
    INFO(key);
    CHECK(english.count(key) == 1);
  }
  for (std::size_t k = 0; k < kTextKeyCount; ++k)
    CHECK(english.count(text_key_name(static_cast<TextKey>(k))) == 1);
}

TEST_CASE("every rule text, evidence label and threshold has its French translation", "[report]") {
  const auto french = keys_of(french_texts());
  for (const ThresholdInfo& threshold : threshold_table()) {
    const std::string key = "threshold." + std::string(threshold.name);
    INFO(key);
    CHECK(french.count(key) == 1);
  }
  for (const RuleSpec& rule : rule_catalog()) {
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
  std::set<std::string, std::less<>> skip_keys;
  for (const SkipReasonInfo& reason : skip_reasons()) {
    const std::string key = "skip." + std::string(reason.name);
    skip_keys.insert(key);
    INFO(key);
    CHECK(french.count(key) == 1);
  }
  for (const std::string_view key : french) {
    if (!key.starts_with("skip.")) continue;
    INFO(key);
    CHECK(skip_keys.count(key) == 1);  // a reason that exists
  }
  for (const char* key : {"label.device_id", "label.module_id", "label.hub"}) {
    INFO(key);
    CHECK(french.count(key) == 1);
  }
}

// The holes of a table text: `{}` and `{N}`.
std::size_t holes(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1))
    ++count;
  return count;
}

const TextEntry* row_of(std::span<const TextEntry> table, std::string_view key) {
  for (const TextEntry& entry : table)
    if (entry.key == key) return &entry;
  return nullptr;
}

TEST_CASE("every message id has its text in every language, with the same values", "[report]") {
  for (std::size_t i = 0; i < kMessageIdCount; ++i) {
    const std::string key = "msg." + std::string(message_id_name(static_cast<MessageId>(i)));
    INFO(key);
    const TextEntry* english = row_of(english_texts(), key);
    const TextEntry* french = row_of(french_texts(), key);
    REQUIRE(english != nullptr);
    REQUIRE(french != nullptr);
    CHECK(holes(english->text) == holes(french->text));
    if (!english->plural.empty()) CHECK(holes(english->plural) == holes(english->text));
    if (!french->plural.empty()) CHECK(holes(french->plural) == holes(french->text));
  }
  for (const auto table : {english_texts(), french_texts()}) {
    for (const TextEntry& entry : table) {
      if (!entry.key.starts_with("msg.")) continue;
      bool known = false;
      for (std::size_t i = 0; i < kMessageIdCount; ++i)
        known = known || entry.key.substr(4) == message_id_name(static_cast<MessageId>(i));
      INFO(entry.key);
      CHECK(known);
    }
  }
}

TEST_CASE("a message takes its singular or plural form as each language counts", "[report]") {
  const ReportTexts english(Language::en);
  const ReportTexts french(Language::fr);
  const Message one{MessageId::link_conflicts, {"1"}, 1};
  const Message none{MessageId::link_conflicts, {"0"}, 0};
  const Message three{MessageId::link_conflicts, {"3"}, 3};
  CHECK(english.message(one).starts_with("1 of these drops was followed"));
  CHECK(english.message(none).starts_with("0 of these drops were followed"));
  CHECK(english.message(three).starts_with("3 of these drops were followed"));
  CHECK(french.message(one).starts_with("1 de ces coupures a été suivie"));
  CHECK(french.message(none).starts_with("0 de ces coupures a été suivie"));
  CHECK(french.message(three).starts_with("3 de ces coupures ont été suivies"));
}

TEST_CASE("a message's values are never read as text to translate", "[report]") {
  const ReportTexts french(Language::fr);
  // A file name that looks like a sentence stays as it is, whatever it says.
  const Message note{MessageId::csv_dates_by_request,
                     {"a scheduled reconnect or restart. connect not in the logs",
                      Message{MessageId::date_order_day_first, {}}}};
  const std::string text = french.message(note);
  CHECK(text.starts_with("a scheduled reconnect or restart. connect not in the logs\u00A0:"));
  CHECK(text.find("jour/mois/année") != std::string::npos);
  CHECK(english_text(note) ==
        "a scheduled reconnect or restart. connect not in the logs: locale dates read as "
        "day/month/year, as --date-order asked");
}

TEST_CASE("counts group their thousands as each language writes them", "[report]") {
  CHECK(ReportTexts(Language::en).number(2362) == "2,362");
  CHECK(ReportTexts(Language::en).count_of(1234567, Noun::drop) == "1,234,567 drops");
  CHECK(ReportTexts(Language::fr).number(2362) == "2\u202F362");
  CHECK(ReportTexts(Language::fr).number(999) == "999");
  CHECK(ReportTexts(Language::fr).count_of(1234567, Noun::drop) ==
        "1\u202F234\u202F567 " + std::string(ReportTexts(Language::fr).find("noun.drop.many")));
}

TEST_CASE("a count inside a message groups its thousands in the report's language", "[report]") {
  const Message loss{MessageId::record_loss, {count_arg(173), count_arg(3333)}, 3333};
  CHECK(english_text(loss).starts_with("The export lost connection records: 173 of 3,333 drops"));
  CHECK(ReportTexts(Language::fr).message(loss).find("173 coupures sur 3\u202F333 ne montrent") !=
        std::string::npos);
  // A text value is written as it is: an id made of digits is not a count.
  const Message text{MessageId::record_loss, {"173", "3333"}, 3333};
  CHECK(english_text(text).starts_with("The export lost connection records: 173 of 3333 drops"));
}

TEST_CASE("a number inside a message takes the report's decimal mark", "[report]") {
  const Message lasted{MessageId::story_connected, {decimal_arg(65.06, "min")}};
  CHECK(english_text(lasted) == "connected 65.1 min");
  CHECK(ReportTexts(Language::fr).message(lasted) == "connecté pendant 65,1\u00A0min");
  // Lists of sentences and the verdict line take the language's separators.
  CHECK(ReportTexts(Language::en).find("ui.text_semicolon") == "; ");
  CHECK(ReportTexts(Language::fr).find("ui.text_semicolon") == "\u00A0; ");
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
