#pragma once

#include <vector>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/rules/finding.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {

// Runs every rule of rule_catalog() over the diagnosis, up to `threads` at
// once; findings in table order, the same for any thread count.
std::vector<Finding> run_rules(const Diagnosis& diagnosis, unsigned threads = 1);

}  // namespace iothub_diag
