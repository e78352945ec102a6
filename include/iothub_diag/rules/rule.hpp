#pragma once

#include <optional>
#include <span>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/rules/finding.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

// Turns the shared diagnosis into one kind of verdict. A rule may attribute
// drops (Drop::cause) so that the rules after it see only what is left.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // The finding, or nullopt when the rule has nothing to report.
  virtual std::optional<Finding> evaluate(Diagnosis& diagnosis) const = 0;
};

// Every rule, in evaluation order (fleet rules first).
std::span<const Rule* const> rule_registry();

// Runs every rule over the diagnosis; findings in registry order.
std::vector<Finding> run_rules(Diagnosis& diagnosis);

}  // namespace iothub_diag
