#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include <iothub_diag/simulate/simulation.hpp>

namespace iothub_diag::simulate {

// Rule ids shared with the analyzer's JSON report (`findings[].rule`).
inline constexpr std::string_view kTokenExpiryRule = "sas-token-expiry";
inline constexpr std::string_view kRandomDisconnectsRule = "random-disconnects";
inline constexpr std::string_view kScheduledReconnectsRule = "scheduled-reconnects";
inline constexpr std::string_view kDuplicateIdentityRule = "duplicate-identity";
inline constexpr std::string_view kNeverReconnectedRule = "never-reconnected";
inline constexpr std::string_view kUnauthorizedStormRule = "unauthorized-storm";
inline constexpr std::string_view kHubIncidentRule = "hub-incident";
inline constexpr std::string_view kSiteOutageRule = "site-network-outage";
// The fleet rule for bursts that neither hub errors nor sites explain: an
// incident whose 5xx were not exported, and every Event Grid burst.
inline constexpr std::string_view kFleetWideDropRule = "fleet-wide-drop";
// What reports of schema 1 called fleet-wide-drop; read as it.
inline constexpr std::string_view kSimultaneousDropsRule = "simultaneous-drops";
// A device whose unexplained drops are too few to make a pattern.
inline constexpr std::string_view kIsolatedDropsRule = "isolated-drops";
// Causes operators name beyond the article.
inline constexpr std::string_view kThrottlingRule = "throttling-disconnects";
inline constexpr std::string_view kIdleTimeoutRule = "network-idle-timeout";
inline constexpr std::string_view kEdgeRestartRule = "edge-gateway-restart";

// Rules whose findings name devices; the scorer reports each of them.
inline constexpr std::string_view kDeviceRuleIds[] = {
    kTokenExpiryRule,       kRandomDisconnectsRule, kScheduledReconnectsRule,
    kDuplicateIdentityRule, kNeverReconnectedRule,  kUnauthorizedStormRule,
    kIsolatedDropsRule,     kThrottlingRule,        kIdleTimeoutRule,
};

// How much of a pattern must be inside the span before a device carries its
// label: below these counts nobody could tell the pattern from chance.
inline constexpr int kMinTokenCycles = 3;          // connect ... token-expiry 404104
inline constexpr int kMinRandomDrops = 2;          // 404104 outside incidents and outages
inline constexpr int kMinScheduledReconnects = 3;  // clean disconnect + connect on schedule

// Version 2 added the hubs: `hubs`, `export`, and `hub` first in every device,
// incident and site outage (an identity is hub + device + module).
inline constexpr int kGroundTruthSchemaVersion = 2;

// The `ground-truth.json` document:
// {"schema_version":2,"seed":1,"span":{"start","end"},
//  "hubs":["FLEET-HUB-01",...],
//  "export":{"categories":"all"|"connections","server_errors":true|false},
//  "devices":[{"hub","device_id","module_id"(null or text),"labels":[...],
//              "token_lifetime_minutes"(null or int),"period_seconds"(null or int),"sdk",
//              "behavior","protocol","masked_ip"}],
//  "incidents":[{"hub","start","end","health_event"}],  (health_event: the activity
//  log holds a platform-initiated Resource Health event over it)
//  "site_outages":[{"hub","start","end","masked_ip","devices"}],
//  "edge_restarts":[{"hub","start","end","gateway_id","identities"}] (only with gateways),
//  "missing_spans":[{"hub","start","end"}] (only with --missing-hours: hours whose blobs the
//  export lacks, one per hub)}
// Hub names are spelt as resourceId spells them (upper case). Times are
// ISO-8601 UTC; devices are sorted by hub, device_id, then module_id; windows by
// hub, then start. `export` says what the logs hold: an incident stays an
// incident when its 5xx were not exported.
nlohmann::ordered_json ground_truth_json(const Simulation& simulation);

}  // namespace iothub_diag::simulate
