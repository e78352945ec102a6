#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <thread>

#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {

namespace {

// A finished item keeps no spare room: a large fleet's report holds tens of
// thousands of them until it is rendered.
void trim(Finding& finding) {
  for (std::vector<FindingItem>* items : {&finding.devices, &finding.windows}) {
    items->shrink_to_fit();
    for (FindingItem& item : *items)
      item.evidence.shrink_to_fit();
  }
}

}  // namespace

std::vector<Finding> run_rules(const Diagnosis& diagnosis, unsigned threads) {
  // Rules only read the diagnosis and never each other, so they can run side
  // by side; the findings are collected in table order whatever finished first.
  const std::span<const RuleSpec> rules = rule_catalog();
  std::vector<std::optional<Finding>> results(rules.size());
  std::vector<std::exception_ptr> failures(rules.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < rules.size(); i = next++) {
      try {
        results[i] = rules[i].evaluate(diagnosis, rules[i]);
        if (results[i]) trim(*results[i]);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 1; t < std::min<std::size_t>(threads, rules.size()); ++t)
      workers.emplace_back(work);
    work();
  }
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  std::vector<Finding> findings;
  for (std::optional<Finding>& result : results) {
    if (result) findings.push_back(std::move(*result));
  }
  return findings;
}

}  // namespace iothub_diag
