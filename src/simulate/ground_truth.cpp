#include <iothub_diag/simulate/ground_truth.hpp>

namespace iothub_diag::simulate {
namespace {

using OrderedJson = nlohmann::ordered_json;

OrderedJson window_json(TimeWindow window, const std::string* hub = nullptr) {
  OrderedJson json = OrderedJson::object();
  if (hub != nullptr) json["hub"] = *hub;
  json["start"] = format_iso8601(window.start);
  json["end"] = format_iso8601(window.end);
  return json;
}

template <typename T>
OrderedJson optional_json(const std::optional<T>& value) {
  return value ? OrderedJson(*value) : OrderedJson(nullptr);
}

OrderedJson device_json(const DeviceTruth& device) {
  OrderedJson json = OrderedJson::object();
  json["hub"] = device.hub;
  json["device_id"] = device.device_id;
  json["module_id"] =
      device.module_id.empty() ? OrderedJson(nullptr) : OrderedJson(device.module_id);
  json["labels"] = device.labels;
  json["token_lifetime_minutes"] = optional_json(device.token_lifetime_minutes);
  json["period_seconds"] = optional_json(device.period_seconds);
  json["sdk"] = device.sdk;
  json["behavior"] = to_string(device.behavior);
  json["protocol"] = device.protocol;
  json["masked_ip"] = device.masked_ip;
  return json;
}

}  // namespace

OrderedJson ground_truth_json(const Simulation& simulation) {
  OrderedJson truth = OrderedJson::object();
  truth["schema_version"] = kGroundTruthSchemaVersion;
  truth["seed"] = simulation.seed;
  truth["span"] = window_json(simulation.span);
  truth["hubs"] = simulation.hubs;
  OrderedJson exported = OrderedJson::object();
  exported["categories"] = to_string(simulation.categories);
  exported["server_errors"] = simulation.server_errors;
  truth["export"] = std::move(exported);

  OrderedJson devices = OrderedJson::array();
  for (const DeviceTruth& device : simulation.devices)
    devices.push_back(device_json(device));
  truth["devices"] = std::move(devices);

  OrderedJson incidents = OrderedJson::array();
  for (const IncidentTruth& incident : simulation.incidents) {
    OrderedJson json = window_json(incident.window, &incident.hub);
    json["health_event"] = incident.health_event;
    incidents.push_back(std::move(json));
  }
  truth["incidents"] = std::move(incidents);

  OrderedJson outages = OrderedJson::array();
  for (const SiteOutageTruth& outage : simulation.site_outages) {
    OrderedJson json = window_json(outage.window, &outage.hub);
    json["masked_ip"] = outage.masked_ip;
    json["devices"] = outage.devices;
    outages.push_back(std::move(json));
  }
  truth["site_outages"] = std::move(outages);
  // Only fleets with IoT Edge gateways have restarts: older truths keep their bytes.
  if (!simulation.edge_restarts.empty()) {
    nlohmann::ordered_json restarts = nlohmann::ordered_json::array();
    for (const EdgeRestartTruth& restart : simulation.edge_restarts) {
      restarts.push_back({{"hub", restart.hub},
                          {"start", format_iso8601(restart.window.start)},
                          {"end", format_iso8601(restart.window.end)},
                          {"gateway_id", restart.gateway_id},
                          {"identities", restart.identities}});
    }
    truth["edge_restarts"] = std::move(restarts);
  }

  // Every hub's blob of these hours is missing from the export (written only
  // when some are, so other fleets keep their documents).
  if (!simulation.missing_spans.empty()) {
    OrderedJson missing = OrderedJson::array();
    for (const TimeWindow& window : simulation.missing_spans) {
      for (const std::string& hub : simulation.hubs)
        missing.push_back(window_json(window, &hub));
    }
    truth["missing_spans"] = std::move(missing);
  }
  return truth;
}

}  // namespace iothub_diag::simulate
