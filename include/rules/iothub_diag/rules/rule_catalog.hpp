#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace iothub_diag {

enum class Severity : std::uint8_t { info, warning, error };

std::string_view to_string(Severity severity) noexcept;
std::optional<Severity> severity_from_name(std::string_view name) noexcept;

// What a rule reports, in plain words: one table, so texts are written (and
// translated) in one place.
struct RuleInfo {
  std::string_view id;
  int symptom;  // the 404104 article's symptom number (1-3), 0 when the article does not name it
  Severity severity;
  std::string_view title;
  std::string_view symptom_text;  // what the logs show, as the article states it
  std::string_view cause;
  std::string_view solution;
  std::string_view docs_url;
  std::string_view decision;  // how the rule decides, for `iothub-diag rules`
};

std::span<const RuleInfo> rule_catalog() noexcept;
// The catalog entry for `id`; throws std::out_of_range for an unknown id (a programming error).
const RuleInfo& rule_info(std::string_view id);

}  // namespace iothub_diag
