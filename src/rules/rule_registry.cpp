#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <optional>
#include <thread>

#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {

// Each rule lives in its own file and is listed here once.
const Rule& incomplete_export_rule();
const Rule& hub_incident_rule();
const Rule& edge_gateway_restart_rule();
const Rule& site_network_outage_rule();
const Rule& fleet_wide_drop_rule();
const Rule& throttling_disconnects_rule();
const Rule& sas_token_expiry_rule();
const Rule& network_idle_timeout_rule();
const Rule& random_disconnects_rule();
const Rule& isolated_drops_rule();
const Rule& scheduled_reconnects_rule();
const Rule& never_reconnected_rule();
const Rule& duplicate_identity_rule();
const Rule& unauthorized_storm_rule();

std::span<const Rule* const> rule_registry() {
  // Display order only (findings are sorted by severity, then by this order):
  // rules read the attribution and never each other.
  static const std::array<const Rule*, 14> kRules = {
      &incomplete_export_rule(),   &hub_incident_rule(),         &edge_gateway_restart_rule(),
      &site_network_outage_rule(), &fleet_wide_drop_rule(),      &throttling_disconnects_rule(),
      &sas_token_expiry_rule(),    &network_idle_timeout_rule(), &random_disconnects_rule(),
      &isolated_drops_rule(),      &scheduled_reconnects_rule(), &never_reconnected_rule(),
      &duplicate_identity_rule(),  &unauthorized_storm_rule()};
  return kRules;
}

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
  // Rules only read the diagnosis, so they can run side by side; the findings
  // are collected in registry order whatever finished first.
  const std::span<const Rule* const> rules = rule_registry();
  std::vector<std::optional<Finding>> results(rules.size());
  std::vector<std::exception_ptr> failures(rules.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < rules.size(); i = next++) {
      try {
        results[i] = rules[i]->evaluate(diagnosis);
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
