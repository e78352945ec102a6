#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include <iothub_diag/bench/accuracy_score.hpp>
#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>

namespace iothub_diag::simulate {
namespace {

using Json = nlohmann::json;
// hub (lower case, "" for none), device_id, module_id ("" for none)
using Identity = std::tuple<std::string, std::string, std::string>;

struct Window {
  std::string hub;  // lower case, "" for none
  Timestamp start = 0;
  Timestamp end = 0;
  std::string gateway;        // an IoT Edge gateway restart's gateway id; "" for other windows
  bool health_event = false;  // an incident the activity log admits (ground truth)
};

double ratio_or_one(int numerator, int denominator) {
  return denominator == 0 ? 1.0 : static_cast<double>(numerator) / denominator;
}

double harmonic_mean(double precision, double recall) {
  return precision + recall == 0.0 ? 0.0 : 2.0 * precision * recall / (precision + recall);
}

std::string text_member(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string lowercase(std::string text) {
  for (char& c : text)
    c = ascii_lower(c);
  return text;
}

// How hub names compare: case-insensitively, and an entry without a hub
// (null, missing or empty) means the fleet's only hub when it has one hub, and
// no hub of a fleet of several.
class HubNames {
 public:
  explicit HubNames(const std::set<std::string>& hubs) {
    if (hubs.size() == 1) only_hub_ = *hubs.begin();
  }
  std::string of(const Json& entry) const {
    std::string hub = entry.is_object() ? lowercase(text_member(entry, "hub")) : std::string();
    return hub.empty() ? only_hub_ : hub;
  }

 private:
  std::string only_hub_;
};

// A device entry: {"hub", "device_id", "module_id": null | "..."}, or a bare id string.
std::optional<Identity> identity_of(const Json& entry, const HubNames& hubs) {
  if (entry.is_string()) return Identity{hubs.of(Json()), entry.get<std::string>(), ""};
  if (!entry.is_object()) return std::nullopt;
  const std::string device_id = text_member(entry, "device_id");
  if (device_id.empty()) return std::nullopt;
  return Identity{hubs.of(entry), device_id, text_member(entry, "module_id")};
}

std::optional<Window> window_of(const Json& entry, const HubNames& hubs) {
  if (!entry.is_object()) return std::nullopt;
  const auto start = parse_iso8601(text_member(entry, "start"));
  const auto end = parse_iso8601(text_member(entry, "end"));
  if (!start || !end || *end < *start) return std::nullopt;
  const auto health_event = entry.find("health_event");
  return Window{
      hubs.of(entry), *start, *end, text_member(entry, "gateway_id"),
      health_event != entry.end() && health_event->is_boolean() && health_event->get<bool>()};
}

// Windows match only within one hub: an incident is one hub's. A gateway
// restart matches only one that names the same gateway.
bool overlaps(const Window& a, const Window& b) {
  return a.hub == b.hub && a.gateway == b.gateway && a.start <= b.end + kWindowMatchSlack &&
         b.start <= a.end + kWindowMatchSlack;
}

const Json& array_member(const Json& object, const char* key) {
  static const Json kEmpty = Json::array();
  if (!object.is_object()) return kEmpty;
  const auto found = object.find(key);
  return found != object.end() && found->is_array() ? *found : kEmpty;
}

// The truth's hubs: its `hubs` list, or (schema 1) the hubs its devices name.
std::set<std::string> truth_hubs(const Json& truth) {
  std::set<std::string> hubs;
  for (const Json& hub : array_member(truth, "hubs")) {
    if (hub.is_string()) hubs.insert(lowercase(hub.get<std::string>()));
  }
  if (!array_member(truth, "hubs").empty()) return hubs;
  for (const Json& device : array_member(truth, "devices")) {
    if (device.is_object()) hubs.insert(lowercase(text_member(device, "hub")));
  }
  return hubs;
}

struct Truth {
  std::map<std::string, std::set<Identity>> labeled;  // rule -> identities
  std::vector<Window> incidents;
  std::vector<Window> site_outages;
  std::vector<Window> edge_restarts;
  std::vector<Window> missing_spans;  // hours whose blobs the export lacks
  bool server_errors = true;          // whether the logs hold the incidents' 5xx
};

Truth read_truth(const Json& truth, const HubNames& hubs, std::vector<std::string>& problems) {
  Truth result;
  for (const std::string_view rule : kDeviceRuleIds)
    result.labeled[std::string(rule)];
  if (!truth.is_object() || !truth.contains("devices")) {
    problems.push_back("ground truth: no devices array");
  }
  if (truth.is_object() && truth.contains("export") && truth["export"].is_object()) {
    const Json& exported = truth["export"];
    const auto server_errors = exported.find("server_errors");
    if (server_errors != exported.end() && server_errors->is_boolean())
      result.server_errors = server_errors->get<bool>();
  }
  std::size_t index = 0;
  for (const Json& device : array_member(truth, "devices")) {
    const auto identity = identity_of(device, hubs);
    if (!identity) {
      problems.push_back(fmt::format("ground truth: devices[{}] has no device_id", index));
    } else {
      for (const Json& label : array_member(device, "labels")) {
        if (label.is_string()) result.labeled[label.get<std::string>()].insert(*identity);
      }
    }
    ++index;
  }
  for (const auto& [key, windows] :
       {std::pair{"incidents", &result.incidents}, std::pair{"site_outages", &result.site_outages},
        std::pair{"edge_restarts", &result.edge_restarts},
        std::pair{"missing_spans", &result.missing_spans}}) {
    index = 0;
    for (const Json& entry : array_member(truth, key)) {
      if (const auto window = window_of(entry, hubs)) {
        windows->push_back(*window);
      } else {
        problems.push_back(fmt::format("ground truth: {}[{}] has no valid start/end", key, index));
      }
      ++index;
    }
  }
  return result;
}

struct Claims {
  std::map<std::string, std::set<Identity>> devices;   // rule -> identities
  std::map<std::string, std::vector<Window>> windows;  // rule -> windows
};

// The rule a report names, under its current id.
std::string current_rule_id(const std::string& rule) {
  return rule == kSimultaneousDropsRule ? std::string(kFleetWideDropRule) : rule;
}

Claims read_report(const Json& report, const HubNames& hubs, std::vector<std::string>& problems) {
  Claims claims;
  if (!report.is_object() || !report.contains("findings") || !report["findings"].is_array()) {
    problems.push_back("report: no findings array");
    return claims;
  }
  std::size_t index = 0;
  for (const Json& finding : report["findings"]) {
    const std::string rule =
        current_rule_id(finding.is_object() ? text_member(finding, "rule") : std::string());
    if (rule.empty()) {
      problems.push_back(fmt::format("report: findings[{}] has no rule", index++));
      continue;
    }
    std::size_t item = 0;
    for (const Json& device : array_member(finding, "devices")) {
      if (const auto identity = identity_of(device, hubs)) {
        claims.devices[rule].insert(*identity);
      } else {
        problems.push_back(
            fmt::format("report: findings[{}].devices[{}] has no device_id", index, item));
      }
      ++item;
    }
    item = 0;
    for (const Json& entry : array_member(finding, "windows")) {
      if (const auto window = window_of(entry, hubs)) {
        // A gap in the logs is scored on its own row, apart from cut inputs.
        const bool gap = rule == "incomplete-export" && text_member(entry, "cut") == "log_gap";
        claims.windows[gap ? std::string(kLogGaps) : rule].push_back(*window);
      } else {
        problems.push_back(
            fmt::format("report: findings[{}].windows[{}] has no valid start/end", index, item));
      }
      ++item;
    }
    ++index;
  }
  return claims;
}

std::string identity_text(const Identity& identity) {
  const auto& [hub, device_id, module_id] = identity;
  std::string text = fmt::format("{}/{}", hub.empty() ? "(no hub)" : hub, device_id);
  if (!module_id.empty()) text += "/" + module_id;
  return text;
}

std::string window_text(const Window& window) {
  return fmt::format("{} {}/{}", window.hub.empty() ? "(no hub)" : window.hub,
                     format_iso8601(window.start), format_iso8601(window.end));
}

DeviceRuleScore score_devices(const std::string& rule, const std::set<Identity>& truth,
                              const std::set<Identity>& reported) {
  DeviceRuleScore score;
  score.rule = rule;
  score.truth = static_cast<int>(truth.size());
  score.reported = static_cast<int>(reported.size());
  for (const Identity& identity : reported) {
    if (truth.count(identity) != 0) {
      ++score.true_positives;
    } else {
      ++score.false_positives;
      score.false_positive_ids.push_back(identity_text(identity));
    }
  }
  for (const Identity& identity : truth) {
    if (reported.count(identity) == 0) score.false_negative_ids.push_back(identity_text(identity));
  }
  score.false_negatives = score.truth - score.true_positives;
  return score;
}

bool overlaps_any(const Window& window, const std::vector<Window>& others) {
  return std::any_of(others.begin(), others.end(),
                     [&](const Window& other) { return overlaps(window, other); });
}

// `to_find` are the true windows the rule should report; a reported window is
// false when it overlaps none of `right` (to_find, or any window it may
// rightly claim although another rule is expected to report it).
WindowRuleScore score_windows(std::string_view rule, const std::vector<Window>& to_find,
                              const std::vector<Window>& reported,
                              const std::vector<Window>& right) {
  WindowRuleScore score;
  score.rule = std::string(rule);
  score.truth_windows = static_cast<int>(to_find.size());
  score.reported_windows = static_cast<int>(reported.size());
  for (const Window& window : to_find) {
    if (overlaps_any(window, reported)) {
      ++score.found;
    } else {
      ++score.missed;
      score.missed_list.push_back(window_text(window));
    }
  }
  for (const Window& claim : reported) {
    if (!overlaps_any(claim, right) && !overlaps_any(claim, to_find)) {
      ++score.false_windows;
      score.false_list.push_back(window_text(claim));
    }
  }
  return score;
}

WindowRuleScore score_windows(std::string_view rule, const std::vector<Window>& truth,
                              const std::vector<Window>& reported) {
  return score_windows(rule, truth, reported, truth);
}

std::vector<Window> joined(std::vector<Window> first, const std::vector<Window>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

}  // namespace

double DeviceRuleScore::precision() const {
  return ratio_or_one(true_positives, true_positives + false_positives);
}
double DeviceRuleScore::recall() const {
  return ratio_or_one(true_positives, true_positives + false_negatives);
}
double DeviceRuleScore::f1() const {
  return harmonic_mean(precision(), recall());
}

double WindowRuleScore::precision() const {
  return ratio_or_one(reported_windows - false_windows, reported_windows);
}
double WindowRuleScore::recall() const {
  return ratio_or_one(found, truth_windows);
}
double WindowRuleScore::f1() const {
  return harmonic_mean(precision(), recall());
}

AccuracyScore score_report(const Json& report, const Json& ground_truth, ScoredEvidence evidence) {
  AccuracyScore score;
  const HubNames hubs(truth_hubs(ground_truth));
  Truth truth = read_truth(ground_truth, hubs, score.problems);
  Claims claims = read_report(report, hubs, score.problems);
  // An incident or outage inside an hour the export lacks cannot be seen: it is
  // not there to find (a window reported over it still counts as right).
  const auto seen = [&](std::vector<Window> windows) {
    std::erase_if(windows, [&](const Window& window) {
      return std::any_of(truth.missing_spans.begin(), truth.missing_spans.end(),
                         [&](const Window& missing) {
                           return window.hub == missing.hub && missing.start <= window.start &&
                                  window.end <= missing.end;
                         });
    });
    return windows;
  };
  truth.incidents = seen(truth.incidents);
  truth.site_outages = seen(truth.site_outages);
  const bool timing_only = evidence == ScoredEvidence::timing_only;
  // isolated-drops is labeled on 404104s; snapshots show a clean restart as a drop too.
  const auto needs_codes = [](std::string_view rule) {
    return rule == kScheduledReconnectsRule || rule == kDuplicateIdentityRule ||
           rule == kUnauthorizedStormRule || rule == kIsolatedDropsRule;
  };
  if (timing_only) {
    const std::set<Identity>& scheduled = truth.labeled[std::string(kScheduledReconnectsRule)];
    truth.labeled[std::string(kTokenExpiryRule)].insert(scheduled.begin(), scheduled.end());
  }

  static const std::set<Identity> kNone;
  // Known rules first, in their table order, then any other label the truth uses.
  std::vector<std::string> rules(std::begin(kDeviceRuleIds), std::end(kDeviceRuleIds));
  for (const auto& [rule, identities] : truth.labeled) {
    if (std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
  }
  for (const std::string& rule : rules) {
    if (timing_only && needs_codes(rule)) continue;
    const auto claimed = claims.devices.find(rule);
    score.device_rules.push_back(score_devices(
        rule, truth.labeled.at(rule), claimed != claims.devices.end() ? claimed->second : kNone));
  }
  for (const auto& [rule, identities] : claims.devices) {
    // Timing-only evidence cannot show what these rules need: their claims are listed, not scored.
    if (truth.labeled.count(rule) == 0 || (timing_only && needs_codes(rule) && !identities.empty()))
      score.unscored_rules.push_back(rule);
  }

  std::vector<std::string_view> window_rules;
  const auto claimed = [&](std::string_view rule) -> const std::vector<Window>& {
    return claims.windows[std::string(rule)];
  };
  if (timing_only) {
    score.window_rules.push_back(score_windows(kFleetWideDropRule,
                                               joined(truth.incidents, truth.site_outages),
                                               claimed(kFleetWideDropRule)));
    score.window_rules.push_back(
        score_windows(kEdgeRestartRule, truth.edge_restarts, claimed(kEdgeRestartRule)));
    window_rules = {kFleetWideDropRule, kEdgeRestartRule};
  } else {
    // An incident whose 5xx were exported, or that a Resource Health event
    // admits, is hub-incident's to report, any other fleet-wide-drop's; either
    // finds it for incident-windows.
    std::vector<Window> with_errors;
    std::vector<Window> without_errors;
    for (const Window& incident : truth.incidents)
      (truth.server_errors || incident.health_event ? with_errors : without_errors)
          .push_back(incident);
    score.window_rules.push_back(
        score_windows(kIncidentWindows, truth.incidents,
                      joined(claimed(kHubIncidentRule), claimed(kFleetWideDropRule))));
    score.window_rules.push_back(
        score_windows(kHubIncidentRule, with_errors, claimed(kHubIncidentRule), truth.incidents));
    score.window_rules.push_back(score_windows(kFleetWideDropRule, without_errors,
                                               claimed(kFleetWideDropRule), truth.incidents));
    score.window_rules.push_back(
        score_windows(kSiteOutageRule, truth.site_outages, claimed(kSiteOutageRule)));
    score.window_rules.push_back(
        score_windows(kEdgeRestartRule, truth.edge_restarts, claimed(kEdgeRestartRule)));
    window_rules = {kHubIncidentRule, kFleetWideDropRule, kSiteOutageRule, kEdgeRestartRule};
  }
  score.window_rules.push_back(score_windows(kLogGaps, truth.missing_spans, claimed(kLogGaps)));
  window_rules.push_back(kLogGaps);
  for (const auto& [rule, windows] : claims.windows) {
    if (std::find(window_rules.begin(), window_rules.end(), rule) == window_rules.end() &&
        !windows.empty() &&
        std::find(score.unscored_rules.begin(), score.unscored_rules.end(), rule) ==
            score.unscored_rules.end()) {
      score.unscored_rules.push_back(rule);
    }
  }
  std::sort(score.unscored_rules.begin(), score.unscored_rules.end());
  return score;
}

std::string format_accuracy_table(const AccuracyScore& score) {
  std::string text =
      fmt::format("{:<22} {:>6} {:>8} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}\n", "device rule",
                  "truth", "reported", "TP", "FP", "FN", "precision", "recall", "F1");
  for (const DeviceRuleScore& rule : score.device_rules) {
    text +=
        fmt::format("{:<22} {:>6} {:>8} {:>6} {:>6} {:>6} {:>9.3f} {:>7.3f} {:>6.3f}\n", rule.rule,
                    rule.truth, rule.reported, rule.true_positives, rule.false_positives,
                    rule.false_negatives, rule.precision(), rule.recall(), rule.f1());
  }
  text += fmt::format("\n{:<22} {:>6} {:>8} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}\n", "fleet rule",
                      "truth", "reported", "found", "missed", "false", "precision", "recall", "F1");
  for (const WindowRuleScore& rule : score.window_rules) {
    text +=
        fmt::format("{:<22} {:>6} {:>8} {:>6} {:>6} {:>6} {:>9.3f} {:>7.3f} {:>6.3f}\n", rule.rule,
                    rule.truth_windows, rule.reported_windows, rule.found, rule.missed,
                    rule.false_windows, rule.precision(), rule.recall(), rule.f1());
  }
  if (!score.unscored_rules.empty()) {
    text += fmt::format("\nnot scored (no ground truth, or not visible in these logs): {}\n",
                        fmt::join(score.unscored_rules, ", "));
  }
  for (const std::string& problem : score.problems)
    text += fmt::format("problem: {}\n", problem);
  return text;
}

std::string format_accuracy_misses(const AccuracyScore& score) {
  std::string text;
  const auto list = [&](std::string_view rule, std::string_view what,
                        const std::vector<std::string>& items) {
    if (!items.empty())
      text += fmt::format("{} {} ({}): {}\n", rule, what, items.size(), fmt::join(items, ", "));
  };
  for (const DeviceRuleScore& rule : score.device_rules) {
    list(rule.rule, "false positives", rule.false_positive_ids);
    list(rule.rule, "missed", rule.false_negative_ids);
  }
  for (const WindowRuleScore& rule : score.window_rules) {
    list(rule.rule, "false windows", rule.false_list);
    list(rule.rule, "missed windows", rule.missed_list);
  }
  return text;
}

nlohmann::ordered_json accuracy_json(const AccuracyScore& score) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  json["device_rules"] = nlohmann::ordered_json::array();
  for (const DeviceRuleScore& rule : score.device_rules) {
    json["device_rules"].push_back({{"rule", rule.rule},
                                    {"truth", rule.truth},
                                    {"reported", rule.reported},
                                    {"true_positives", rule.true_positives},
                                    {"false_positives", rule.false_positives},
                                    {"false_negatives", rule.false_negatives},
                                    {"precision", rule.precision()},
                                    {"recall", rule.recall()},
                                    {"f1", rule.f1()}});
  }
  json["window_rules"] = nlohmann::ordered_json::array();
  for (const WindowRuleScore& rule : score.window_rules) {
    json["window_rules"].push_back({{"rule", rule.rule},
                                    {"truth_windows", rule.truth_windows},
                                    {"reported_windows", rule.reported_windows},
                                    {"found", rule.found},
                                    {"missed", rule.missed},
                                    {"false_windows", rule.false_windows},
                                    {"precision", rule.precision()},
                                    {"recall", rule.recall()},
                                    {"f1", rule.f1()}});
  }
  json["unscored_rules"] = score.unscored_rules;
  json["problems"] = score.problems;
  return json;
}

}  // namespace iothub_diag::simulate
