#include <algorithm>
#include <map>

#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/report/chart_data.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

std::string_view cause_name(DropCause cause) {
  switch (cause) {
    case DropCause::hub_incident:
      return "hub-incident";
    case DropCause::site_outage:
      return "site-network-outage";
    case DropCause::simultaneous:
      return "simultaneous-drops";
    case DropCause::token_expiry:
      return "sas-token-expiry";
    case DropCause::unexplained:
      break;
  }
  return "unexplained";
}

const Evidence* find_evidence(const FindingItem& item, std::string_view key) {
  for (const Evidence& evidence : item.evidence)
    if (evidence.key == key) return &evidence;
  return nullptr;
}

std::string text_of(const FindingItem& item, std::string_view key) {
  const Evidence* evidence = find_evidence(item, key);
  if (evidence == nullptr || !std::holds_alternative<std::string>(evidence->value)) return {};
  return std::get<std::string>(evidence->value);
}

DeviceTrace trace_of(const Diagnosis& diagnosis, DeviceIndex device, std::size_t max_events) {
  const DeviceTimelines& timelines = diagnosis.timelines();
  const std::vector<Drop>& drops = timelines.drops();
  const auto device_drops = timelines.drops_of(device);
  std::size_t next_drop = 0;
  DeviceTrace trace;
  for (const StoredEvent& event : timelines.events_of(device)) {
    TraceEvent out;
    out.time = event.time;
    out.code = event.code;
    if (is_drop(event)) {
      out.kind = TraceEventKind::drop;
      out.cause = "unexplained";
      while (next_drop < device_drops.size() && drops[device_drops[next_drop]].time < event.time)
        ++next_drop;
      if (next_drop < device_drops.size() && drops[device_drops[next_drop]].time == event.time)
        out.cause = cause_name(drops[device_drops[next_drop++]].cause);
    } else if (is_successful_connect(event)) {
      out.kind = TraceEventKind::connect;
    } else if (event.operation == Operation::disconnect && event.code == 0) {
      out.kind = TraceEventKind::disconnect;
    } else if (event.code != 0) {
      out.kind = TraceEventKind::error;
    } else {
      continue;
    }
    if (trace.events.size() < max_events)
      trace.events.push_back(out);
    else
      ++trace.events_left_out;
  }
  return trace;
}

}  // namespace

std::vector<ConnectedSeries> connected_series(const Diagnosis& diagnosis, std::size_t max_points) {
  const ConnectedCount& count = diagnosis.connected();
  const auto& steps = count.steps();
  if (steps.empty() || max_points == 0) return {};
  ConnectedSeries series;
  const Timestamp first = steps.front().first;
  const Timestamp last = steps.back().first;
  series.points.push_back({first, count.initial(), count.initial()});
  if (steps.size() + 1 <= max_points || last == first) {
    for (const auto& [time, value] : steps)
      series.points.push_back({time, value, value});
    return {std::move(series)};
  }
  // Buckets of equal time; each keeps the lowest and highest count it saw,
  // starting from the count carried in from the bucket before.
  const Timestamp width =
      std::max<Timestamp>(1, (last - first) / static_cast<Timestamp>(max_points - 1) + 1);
  long carried = count.initial();
  std::size_t i = 0;
  for (Timestamp start = first; i < steps.size(); start += width) {
    ConnectedPoint point{start, carried, carried};
    bool any = false;
    for (; i < steps.size() && steps[i].first < start + width; ++i) {
      point.low = std::min(point.low, steps[i].second);
      point.high = std::max(point.high, steps[i].second);
      carried = steps[i].second;
      any = true;
    }
    if (any || series.points.back().low != carried) series.points.push_back(point);
  }
  series.points.push_back({last, carried, carried});
  return {std::move(series)};
}

std::vector<DeviceTrace> device_traces(const Diagnosis& diagnosis,
                                       const std::vector<Finding>& findings,
                                       std::size_t per_finding, std::size_t max_events) {
  // Device ids of the worst items first, then one pass over the store to find them.
  std::map<std::pair<std::string, std::string>, DeviceIndex> wanted;
  for (const Finding& finding : findings) {
    for (std::size_t i = 0; i < std::min(per_finding, finding.devices.size()); ++i) {
      const FindingItem& item = finding.devices[i];
      wanted.emplace(std::pair{text_of(item, "device_id"), text_of(item, "module_id")}, kNoDevice);
    }
  }
  const std::vector<DeviceInfo>& devices = diagnosis.store().devices();
  for (DeviceIndex d = 0; d < devices.size(); ++d) {
    const auto it = wanted.find({devices[d].device_id, devices[d].module_id});
    if (it != wanted.end()) it->second = d;
  }
  std::vector<DeviceTrace> traces;
  for (const Finding& finding : findings) {
    for (std::size_t i = 0; i < std::min(per_finding, finding.devices.size()); ++i) {
      const FindingItem& item = finding.devices[i];
      std::pair key{text_of(item, "device_id"), text_of(item, "module_id")};
      const DeviceIndex device = wanted[key];
      if (device == kNoDevice) continue;
      DeviceTrace trace = trace_of(diagnosis, device, max_events);
      trace.rule = std::string(finding.rule->id);
      trace.device_id = std::move(key.first);
      trace.module_id = std::move(key.second);
      traces.push_back(std::move(trace));
    }
  }
  return traces;
}

}  // namespace iothub_diag
