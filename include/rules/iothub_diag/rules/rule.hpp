#pragma once

#include <optional>
#include <span>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/rules/finding.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

// Turns the shared diagnosis into one kind of verdict. Rules only read: the
// cause of every drop was decided before them (Diagnosis::attribution()).
class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // The finding, or nullopt when the rule has nothing to report.
  virtual std::optional<Finding> evaluate(const Diagnosis& diagnosis) const = 0;
};

// Every rule, in display order (fleet rules first).
std::span<const Rule* const> rule_registry();

// Runs every rule over the diagnosis, up to `threads` at once; findings in
// registry order, the same for any thread count.
std::vector<Finding> run_rules(const Diagnosis& diagnosis, unsigned threads = 1);

}  // namespace iothub_diag
