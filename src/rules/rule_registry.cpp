#include <array>

#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {

// Each rule lives in its own file and is listed here once.
const Rule& hub_incident_rule();
const Rule& site_network_outage_rule();
const Rule& fleet_wide_drop_rule();
const Rule& sas_token_expiry_rule();
const Rule& random_disconnects_rule();
const Rule& isolated_drops_rule();
const Rule& scheduled_reconnects_rule();
const Rule& never_reconnected_rule();
const Rule& duplicate_identity_rule();
const Rule& unauthorized_storm_rule();

std::span<const Rule* const> rule_registry() {
  // Display order only (findings are sorted by severity, then by this order):
  // rules read the attribution and never each other.
  static const std::array<const Rule*, 10> kRules = {
      &hub_incident_rule(),         &site_network_outage_rule(), &fleet_wide_drop_rule(),
      &sas_token_expiry_rule(),     &random_disconnects_rule(),  &isolated_drops_rule(),
      &scheduled_reconnects_rule(), &never_reconnected_rule(),   &duplicate_identity_rule(),
      &unauthorized_storm_rule()};
  return kRules;
}

std::vector<Finding> run_rules(const Diagnosis& diagnosis) {
  std::vector<Finding> findings;
  for (const Rule* rule : rule_registry()) {
    if (auto finding = rule->evaluate(diagnosis)) findings.push_back(std::move(*finding));
  }
  return findings;
}

}  // namespace iothub_diag
