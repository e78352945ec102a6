#include <iothub_diag/rules/finding.hpp>

namespace iothub_diag {

Evidence text_evidence(std::string key, std::string label, std::string value) {
  return {std::move(key), std::move(label), EvidenceKind::text, std::move(value)};
}

Evidence optional_text_evidence(std::string key, std::string label, const std::string& value) {
  Evidence evidence{std::move(key), std::move(label), EvidenceKind::text, {}};
  if (!value.empty()) evidence.value = value;
  return evidence;
}

Evidence count_evidence(std::string key, std::string label, std::int64_t value) {
  return {std::move(key), std::move(label), EvidenceKind::count, value};
}

Evidence seconds_evidence(std::string key, std::string label, std::optional<double> seconds) {
  Evidence evidence{std::move(key), std::move(label), EvidenceKind::seconds, {}};
  if (seconds) evidence.value = *seconds;
  return evidence;
}

Evidence time_evidence(std::string key, std::string label, Timestamp value) {
  return {std::move(key), std::move(label), EvidenceKind::time, std::int64_t{value}};
}

Evidence ratio_evidence(std::string key, std::string label, double value) {
  return {std::move(key), std::move(label), EvidenceKind::ratio, value};
}

Evidence code_counts_evidence(std::string key, std::string label, CodeCounts value) {
  return {std::move(key), std::move(label), EvidenceKind::code_counts, std::move(value)};
}

Evidence flag_evidence(std::string key, std::string label, bool value) {
  return {std::move(key), std::move(label), EvidenceKind::flag, value};
}

Evidence text_list_evidence(std::string key, std::string label, std::vector<std::string> values) {
  return {std::move(key), std::move(label), EvidenceKind::text_list, std::move(values)};
}

}  // namespace iothub_diag
