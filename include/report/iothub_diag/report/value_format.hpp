#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/rules/finding.hpp>

namespace iothub_diag {

// Readable forms of evidence values, shared by the reports for people. They
// do not escape: each renderer escapes the result for its own medium.
std::string format_duration(double seconds);
std::string with_thousands(std::uint64_t value);
std::string format_codes(const CodeCounts& counts);  // "500001x3 404104x20", "-" when empty

// The value as a person reads it ("-" when unknown); a list shows its first
// `max_list` texts and how many more there are.
std::string readable_value(const Evidence& evidence, std::size_t max_list = SIZE_MAX);

// The texts of a list shown as prose (messages in the report's language,
// strings as they are), or nullopt when the evidence is not such a list.
std::optional<std::vector<std::string>> prose_list(const Evidence& evidence,
                                                   const ReportTexts& texts);

// Prose evidence (SDK assessments, details) of some items, grouped under its
// label: each distinct text once, with how many items carry it, most common
// first. Not escaped.
struct ProseGroup {
  std::string label;
  std::vector<std::pair<std::size_t, std::string>> texts;  // (items, text)
};
std::vector<ProseGroup> group_prose(const std::vector<FindingItem>& items,
                                    const ReportTexts& texts);

// The head of an item's prose lists: "start to end" for a window (it starts
// with its times), "id at time" for a device; `value` writes each evidence,
// escaped for the renderer's medium.
template <typename Value>
std::string item_heading(const FindingItem& item, const ReportTexts& texts, Value value) {
  const Evidence& front = item.evidence.front();
  std::string heading = value(front);
  const bool window = front.kind == EvidenceKind::time;
  for (const Evidence& other : item.evidence) {
    if (other.kind != EvidenceKind::time || &other == &front) continue;
    heading += window ? " " + std::string(texts.find("ui.to")) + " " + value(other)
                      : std::string(texts.find("ui.text_at")) + value(other);
    if (window) break;
  }
  return heading;
}

// True for kinds shown right-aligned.
bool is_numeric(EvidenceKind kind) noexcept;

// The evidence with this key, or nullptr.
const Evidence* find_evidence(const FindingItem& item, std::string_view key) noexcept;

// The items a finding lists: its windows (fleet rules) or its devices.
const std::vector<FindingItem>& listed_items(const Finding& finding) noexcept;

// The first `shown` items' columns worth a table column: display == column and
// known for at least one of them (indices into the first item's evidence).
std::vector<std::size_t> table_columns(const std::vector<FindingItem>& items, std::size_t shown);

// `text` cut to at most `max_bytes` bytes on a UTF-8 boundary, with "…" when cut.
std::string cut_utf8(std::string_view text, std::size_t max_bytes);

// Untrusted text made inert in a markup language: invalid UTF-8 replaced, cut
// (cut_utf8), controls made visible (escape_for_terminal), then every
// character of `special` written as a character reference (`&amp;`, `&lt;`,
// `&gt;`, `&quot;` by name, any other by number, as `&#124;`).
std::string escape_for_markup(std::string_view text, std::size_t max_bytes,
                              std::string_view special);

}  // namespace iothub_diag
