#include <array>
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
                                std::string_view value) {
  Evidence evidence{key, label, EvidenceKind::text, {}};
  if (!value.empty()) evidence.value = std::string(value);
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
  // The last sentences this thread made are kept: an item whose sentence equals
  // one of them shares its copy (rules run on several threads, each with its own).
  thread_local std::array<SharedMessages, 8> recent;
  thread_local std::size_t next_recent = 0;
  for (const SharedMessages& kept : recent) {
    if (kept != nullptr && kept->front() == value) return {key, label, EvidenceKind::message, kept};
  }
  std::vector<Message> sentences;
  sentences.push_back(std::move(value));
  auto made = std::make_shared<const std::vector<Message>>(std::move(sentences));
  recent[next_recent++ % recent.size()] = made;
  return {key, label, EvidenceKind::message, std::move(made)};
}

Evidence message_list_evidence(std::string_view key, std::string_view label,
                               std::vector<Message> values) {
  return {key, label, EvidenceKind::message_list,
          std::make_shared<const std::vector<Message>>(std::move(values))};
}

}  // namespace iothub_diag
