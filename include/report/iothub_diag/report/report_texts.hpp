#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <iothub_diag/core/message.hpp>
#include <iothub_diag/model/platform_evidence.hpp>
#include <iothub_diag/model/skip_reason.hpp>
#include <iothub_diag/report/language.hpp>
#include <iothub_diag/rules/finding.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

// One human text of the reports, by key: "ui.<name>", "label.<evidence key>",
// "rule.<rule id>.<field>", "noun.<noun>.one|many", or "msg.<message id>" (a
// Message's text, `{}` standing for each of its values in order, with its
// plural form when it has one).
struct TextEntry {
  std::string_view key;
  std::string_view text;
  std::string_view plural{};  // msg.* only: the form for counts the language puts in the plural
};

// The tables, one per language (report/texts_en.cpp, report/texts_fr.cpp).
// English rule texts and evidence labels live with the rules (kRules,
// Evidence::label); the French table translates them by rule id and evidence key.
std::span<const TextEntry> english_texts() noexcept;
std::span<const TextEntry> french_texts() noexcept;

enum class TextKey : std::uint8_t {
  report_title,
  no_pattern,
  input,
  fleet,
  skipped,
  duplicates_dropped,
  note,
  logs_show,
  cause,
  what_to_do,
  more,
  yes,
  no,
  verdict,
  report_cut,
  symptom,
  severity_error,
  severity_warning,
  severity_info,
  summary,
  span,
  hubs,
  records,
  files,
  devices,
  codes,
  connected_devices,
  timeline,
  unnamed_hub,
  connect,
  disconnect,
  drop,
  error,
  unexplained,
  to,
  left_out_events,
  legend,
};

enum class Noun : std::uint8_t {
  device,
  window,
  record,
  file,
  note,
  row,
  drop,
  event,
  skipped,    // "3 skipped" (records)
  duplicate,  // "3 duplicates dropped"
};

// What one item of `finding` is, for its counts ("3 devices", "4 drops",
// "2 windows"): by its rule's kind.
Noun item_noun(const Finding& finding) noexcept;

// Rule texts in one language.
struct RuleTexts {
  std::string_view title;
  std::string_view symptom_text;
  std::string_view cause;
  std::string_view solution;
  std::string_view decision;
};

// Looks texts up in one language; a missing French text falls back to English
// (a test checks that none is missing).
class ReportTexts {
 public:
  explicit ReportTexts(Language language) : language_(language) {}

  Language language() const noexcept { return language_; }
  std::string_view get(TextKey key) const;
  RuleTexts rule(const RuleSpec& rule) const;
  std::string label(const Evidence& evidence) const;
  // readable_value, with yes/no and list remainders in this language.
  std::string value(const Evidence& evidence, std::size_t max_list = SIZE_MAX) const;
  // Sentences joined as the language lists them (`; `, a no-break space
  // before it in French); `-` when there are none.
  std::string sentence_list(std::span<const std::string> sentences) const;
  // A message in this language: its singular or plural form by its count,
  // each value in its place, a nested message in this language too.
  std::string message(const Message& message) const;
  std::string severity(Severity severity) const;
  std::string count_of(std::uint64_t count, Noun noun) const;  // "3 devices"
  std::string symptom_number(int symptom) const;
  // A count with its thousands grouped as the language writes them.
  std::string number(std::uint64_t count) const;
  // A number with `decimals` digits after the point, as the language writes
  // it (12.5 in English, 12,5 in French).
  std::string decimal(double value, int decimals) const;
  std::string records_from_files(std::uint64_t records, std::uint64_t files) const;
  // Azure's own evidence read beside the logs ("connectedDeviceCount of hub: 1,440 minutes;
  // 3 Activity Log events, 1 health event"), unescaped; empty when none was read.
  std::string azure_inputs(const PlatformEvidence& platform) const;
  // "... and N more devices (--format json or csv lists them all)", or for a budget cut.
  std::string more_items(std::size_t count, Noun noun, bool budget) const;
  std::string more_notes(std::size_t count) const;
  std::string budget_cut(std::size_t rows) const;
  // A --device story's event ("connect", "disconnect", "drop", "error") in this language.
  std::string_view event_word(std::string_view event) const;
  // Why a record was skipped, in this language ("skip.<name>"; English is
  // model/skip_reason.cpp's own description).
  std::string_view skip_reason(SkipReason reason) const;
  // A text by its full key ("ui.input"); empty when the table has none.
  std::string_view find(std::string_view key) const;

 private:
  std::string_view ui(std::string_view name) const;
  std::string with_decimal_point(std::string number) const;
  std::string with_unit(std::string number, std::string_view unit) const;
  Language language_;
};

// A message as the JSON and CSV reports write it, in English.
std::string english_text(const Message& message);

// Whether `count` takes the singular form in `language` (ngettext's rule).
bool is_singular(Language language, std::uint64_t count) noexcept;

// The table key of a TextKey ("ui.<name>").
std::string_view text_key_name(TextKey key) noexcept;
inline constexpr std::size_t kTextKeyCount = static_cast<std::size_t>(TextKey::legend) + 1;

}  // namespace iothub_diag
