// The rule table (`kRules`): one row per rule, and everything that names rules agrees with it.
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include <iothub_diag/rules/rule.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>

namespace iothub_diag {
namespace {

TEST_CASE("every drop cause is reported by exactly one rule, under that rule's id", "[rules]") {
  for (const DropCauseStep& step : kDropCauses) {
    const RuleSpec& rule = rule_for_cause(step.cause);
    CHECK(rule.drop_cause == step.cause);
    CHECK(cause_rule_ids()[static_cast<std::size_t>(step.cause)] == rule.id);
    CHECK((rule.kind == RuleKind::window) == (step.scope == CauseScope::window));
  }
  std::size_t with_cause = 0;
  for (const RuleSpec& rule : rule_catalog())
    with_cause += rule.drop_cause ? 1U : 0U;
  CHECK(with_cause == kDropCauseCount);
}

// The simulator links only core/, so its ground-truth labels spell the rule
// ids of its own contract (ground-truth.json); they must name rules of the
// kind the scorer reads them as.
TEST_CASE("the simulator's ground-truth labels are rule ids of the right kind", "[rules]") {
  for (const std::string_view id : simulate::kDeviceRuleIds) {
    INFO(id);
    const RuleSpec* rule = find_rule(id);
    REQUIRE(rule != nullptr);
    CHECK(rule->lists_devices());
  }
  for (const std::string_view id : {simulate::kHubIncidentRule, simulate::kSiteOutageRule,
                                    simulate::kFleetWideDropRule, simulate::kEdgeRestartRule}) {
    INFO(id);
    const RuleSpec* rule = find_rule(id);
    REQUIRE(rule != nullptr);
    CHECK(rule->claims_windows());
  }
  // Every rule that claims drops is scored: as a device label or a window.
  std::set<std::string_view> labelled(std::begin(simulate::kDeviceRuleIds),
                                      std::end(simulate::kDeviceRuleIds));
  labelled.insert({simulate::kHubIncidentRule, simulate::kSiteOutageRule,
                   simulate::kFleetWideDropRule, simulate::kEdgeRestartRule});
  for (const RuleSpec& rule : rule_catalog()) {
    INFO(rule.id);
    if (rule.drop_cause) CHECK(labelled.count(rule.id) == 1);
  }
}

TEST_CASE("every row has an evaluate function, a colour and its texts", "[rules]") {
  for (const RuleSpec& rule : rule_catalog()) {
    INFO(rule.id);
    CHECK(rule.evaluate != nullptr);
    CHECK(rule.color.size() == 7);
    CHECK_FALSE(rule.title.empty());
    CHECK_FALSE(rule.decision.empty());
  }
}

}  // namespace
}  // namespace iothub_diag
