#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include <iothub_diag/analysis/attribution.hpp>

namespace iothub_diag {

class Diagnosis;
struct Finding;
struct RuleSpec;

enum class Severity : std::uint8_t { info, warning, error };

std::string_view to_string(Severity severity) noexcept;
std::optional<Severity> severity_from_name(std::string_view name) noexcept;

// What a rule's findings list.
enum class RuleKind : std::uint8_t {
  device,  // devices, one item each (Finding::devices)
  window,  // time windows (Finding::windows)
  drop,    // drops, one item each in Finding::devices: a device can appear more than once
};

// Turns the shared diagnosis into the verdict of the rule `rule`; nullopt when
// it has nothing to report. Rules only read: the cause of every drop was
// decided before them (Diagnosis::attribution()).
using EvaluateRule = std::optional<Finding> (*)(const Diagnosis& diagnosis, const RuleSpec& rule);

// One rule, one row of `kRules` (rules/rule_catalog.cpp), so that texts are
// written (and translated) in one place and everything that lists rules derives
// from the table: the registry and its display order, the rule that reports
// each drop cause (`summary.drops.by_cause` keys), the HTML colours, the
// tests' lists of fleet rules.
struct RuleSpec {
  std::string_view id;
  int symptom;  // the 404104 article's symptom number (1-3), 0 when the article does not name it
  Severity severity;
  std::string_view title;
  std::string_view symptom_text;  // what the logs show, as the article states it
  std::string_view cause;
  std::string_view solution;
  std::string_view docs_url;
  std::string_view decision;  // how the rule decides, for `iothub-diag rules`
  RuleKind kind;
  // The drops the attribution claims for it; its place in the precedence is
  // its cause's row in kDropCauses. Every cause has exactly one rule.
  std::optional<DropCause> drop_cause;
  std::string_view color;  // its drops and windows in the HTML report
  EvaluateRule evaluate;

  // A fleet rule: its windows claim drops (hub incidents, gateway restarts,
  // site outages, fleet-wide drops).
  constexpr bool claims_windows() const noexcept {
    return kind == RuleKind::window && drop_cause.has_value();
  }
  // Its items are in Finding::devices (a device or one of its drops each).
  constexpr bool lists_devices() const noexcept { return kind != RuleKind::window; }
};

// Every rule, in display order (fleet rules first).
std::span<const RuleSpec> rule_catalog() noexcept;
// The row of `id`; throws std::out_of_range for an unknown id (a programming error).
const RuleSpec& rule_info(std::string_view id);
// The row of `id`, or nullptr when no rule has it.
const RuleSpec* find_rule(std::string_view id) noexcept;
// The rule that reports drops of `cause`.
const RuleSpec& rule_for_cause(DropCause cause) noexcept;
// The rule id of every cause, indexed by DropCause (summary.drops.by_cause keys).
const CauseNames& cause_rule_ids() noexcept;

}  // namespace iothub_diag
