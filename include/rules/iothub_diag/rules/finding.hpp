#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <iothub_diag/core/message.hpp>
#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

struct RuleSpec;

// How a piece of evidence is rendered: JSON gets the raw value, text a readable form.
enum class EvidenceKind : std::uint8_t {
  text,         // a string (device ids, SDK versions: untrusted, escaped by renderers)
  count,        // a whole number
  seconds,      // a duration, in seconds
  time,         // a Timestamp, ISO-8601 UTC
  ratio,        // 0..1, shown as a percentage
  code_counts,  // result code -> count
  flag,         // yes / no
  text_list,    // several strings (device ids): untrusted, escaped by renderers
  message,  // a sentence (an assessment, a story): one Message, written in the report's language
  message_list,  // several sentences (possible causes)
};

// Where the text report shows a piece of evidence (JSON always has all of it).
enum class EvidenceDisplay : std::uint8_t {
  column,     // a column of the table
  prose,      // summarised under the table, each distinct text once (assessments)
  json_only,  // too long for a terminal table (full SDK strings)
};

// Result code -> count, by code.
using CodeCounts = std::vector<std::pair<std::int32_t, std::uint64_t>>;
// A message or message_list evidence holds its sentences, shared: the items of a
// fleet's finding carry the same few assessments tens of thousands of times, and
// message_evidence gives an item the copy an earlier item holds when they are equal.
using SharedMessages = std::shared_ptr<const std::vector<Message>>;
using EvidenceValue = std::variant<std::monostate, std::string, std::int64_t, double, CodeCounts,
                                   bool, std::vector<std::string>, SharedMessages>;

// A report holds one per fact of every item (a dozen facts for each of tens of
// thousands of items in a large fleet), so it is kept small: 64 bytes. Its two
// names are the code's own literals, held by where they start and their length.
class Evidence {
 public:
  Evidence() = default;
  // `key` and `label` must outlive the report (string literals) and be under 256 bytes.
  Evidence(std::string_view key, std::string_view label, EvidenceKind of_kind, EvidenceValue held,
           EvidenceDisplay shown = EvidenceDisplay::column);

  // The JSON member name.
  std::string_view key() const noexcept { return {key_, key_size_}; }
  // The text column header.
  std::string_view label() const noexcept { return {label_, label_size_}; }

 private:
  const char* key_ = "";
  const char* label_ = "";
  std::uint8_t key_size_ = 0;
  std::uint8_t label_size_ = 0;

 public:
  EvidenceKind kind = EvidenceKind::text;
  EvidenceDisplay display = EvidenceDisplay::column;
  EvidenceValue value;  // monostate: unknown (null in JSON, "-" in text)
};
static_assert(sizeof(Evidence) <= 64, "a report holds hundreds of thousands");

// One device or one time window a rule reports, with its evidence.
struct FindingItem {
  // The hub the device or window belongs to ("" for records that name no hub);
  // nullopt for items that belong to no hub.
  std::optional<std::string> hub;
  std::vector<Evidence> evidence;
  double rank = 0;  // larger is worse; text output lists the worst first
};

// A rule's verdict: the devices (device rules) or windows (fleet rules) it applies to.
struct Finding {
  const RuleSpec* rule = nullptr;
  std::vector<FindingItem> devices;
  std::vector<FindingItem> windows;
  std::vector<Message> notes;  // caveats about the verdict
};

// Builders that keep evidence construction short and uniform.
Evidence text_evidence(std::string_view key, std::string_view label, std::string value);
Evidence optional_text_evidence(std::string_view key, std::string_view label,
                                std::string_view value);
Evidence count_evidence(std::string_view key, std::string_view label, std::int64_t value);
Evidence seconds_evidence(std::string_view key, std::string_view label,
                          std::optional<double> seconds);
Evidence time_evidence(std::string_view key, std::string_view label, Timestamp value);
Evidence ratio_evidence(std::string_view key, std::string_view label, double value);
Evidence code_counts_evidence(std::string_view key, std::string_view label,
                              const std::map<std::int32_t, std::uint64_t>& counts);
Evidence flag_evidence(std::string_view key, std::string_view label, bool value);
Evidence text_list_evidence(std::string_view key, std::string_view label,
                            std::vector<std::string> values);
Evidence message_evidence(std::string_view key, std::string_view label, Message value);
Evidence message_list_evidence(std::string_view key, std::string_view label,
                               std::vector<Message> values);

}  // namespace iothub_diag
