#include <cassert>

#include <iothub_diag/rules/finding.hpp>

namespace iothub_diag {

Evidence::Evidence(std::string_view key, std::string_view label, EvidenceKind of_kind,
                   EvidenceValue held, EvidenceDisplay shown)
    : key_(key.data()),
      label_(label.data()),
      key_size_(static_cast<std::uint8_t>(key.size())),
      label_size_(static_cast<std::uint8_t>(label.size())),
      kind(of_kind),
      display(shown),
      value(std::move(held)) {
  assert(key.size() <= UINT8_MAX && label.size() <= UINT8_MAX);
}

Evidence text_evidence(std::string_view key, std::string_view label, std::string value) {
  return {key, label, EvidenceKind::text, std::move(value)};
}

Evidence optional_text_evidence(std::string_view key, std::string_view label,
                                const std::string& value) {
  Evidence evidence{key, label, EvidenceKind::text, {}};
  if (!value.empty()) evidence.value = value;
  return evidence;
}

Evidence count_evidence(std::string_view key, std::string_view label, std::int64_t value) {
  return {key, label, EvidenceKind::count, value};
}

Evidence seconds_evidence(std::string_view key, std::string_view label,
                          std::optional<double> seconds) {
  Evidence evidence{key, label, EvidenceKind::seconds, {}};
  if (seconds) evidence.value = *seconds;
  return evidence;
}

Evidence time_evidence(std::string_view key, std::string_view label, Timestamp value) {
  return {key, label, EvidenceKind::time, std::int64_t{value}};
}

Evidence ratio_evidence(std::string_view key, std::string_view label, double value) {
  return {key, label, EvidenceKind::ratio, value};
}

Evidence code_counts_evidence(std::string_view key, std::string_view label,
                              const std::map<std::int32_t, std::uint64_t>& counts) {
  Evidence evidence{key, label, EvidenceKind::code_counts, {}};
  evidence.value.emplace<CodeCounts>(counts.begin(), counts.end());
  return evidence;
}

Evidence flag_evidence(std::string_view key, std::string_view label, bool value) {
  return {key, label, EvidenceKind::flag, value};
}

Evidence text_list_evidence(std::string_view key, std::string_view label,
                            std::vector<std::string> values) {
  return {key, label, EvidenceKind::text_list, std::move(values)};
}

Evidence message_evidence(std::string_view key, std::string_view label, Message value) {
  return {key, label, EvidenceKind::message, std::vector<Message>{std::move(value)}};
}

Evidence message_list_evidence(std::string_view key, std::string_view label,
                               std::vector<Message> values) {
  return {key, label, EvidenceKind::message_list, std::move(values)};
}

}  // namespace iothub_diag
