#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <tuple>

#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/report/chart_data.hpp>
#include <iothub_diag/report/value_format.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

std::string text_of(const FindingItem& item, std::string_view key) {
  const Evidence* evidence = find_evidence(item, key);
  if (evidence == nullptr || !std::holds_alternative<std::string>(evidence->value)) return {};
  return std::get<std::string>(evidence->value);
}

}  // namespace

DeviceTrace device_trace(const Diagnosis& diagnosis, DeviceIndex device, std::size_t max_events) {
  const DeviceTimelines& timelines = diagnosis.timelines();
  const std::vector<Drop>& drops = timelines.drops();
  const std::vector<DropCause>& causes = diagnosis.attribution().cause;
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
      if (next_drop < device_drops.size() && drops[device_drops[next_drop]].time == event.time) {
        const std::uint32_t drop = device_drops[next_drop++];
        if (drop < causes.size()) out.cause = rule_for_cause(causes[drop]).id;
      }
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

namespace {

ConnectedSeries downsample(const ConnectedCount& count, std::size_t max_points) {
  ConnectedSeries series;
  const auto& steps = count.steps();
  if (steps.empty() || max_points < 2) return series;
  const Timestamp first = steps.front().first;
  const Timestamp last = steps.back().first;
  series.points.push_back({first, count.initial(), count.initial()});
  if (steps.size() + 1 <= max_points || last == first) {
    for (const auto& [time, value] : steps)
      series.points.push_back({time, value, value});
    return series;
  }
  // Buckets of equal time; each keeps the lowest and highest count it saw,
  // starting from the count carried in from the bucket before.
  const Timestamp width =
      std::max<Timestamp>(1, (last - first) / static_cast<Timestamp>(max_points - 2) + 1);
  long carried = count.initial();
  std::size_t i = 0;
  for (Timestamp start = first; i < steps.size(); start += width) {
    ConnectedPoint point{start, carried, carried};
    for (; i < steps.size() && steps[i].first < start + width; ++i) {
      point.low = std::min(point.low, steps[i].second);
      point.high = std::max(point.high, steps[i].second);
      carried = steps[i].second;
    }
    series.points.push_back(point);
  }
  series.points.push_back({last, carried, carried});
  return series;
}

// The metric's minutes in at most `max_points` buckets of equal time.
std::vector<ConnectedPoint> downsample_metric(const MetricSeries& metric, std::size_t max_points) {
  std::vector<ConnectedPoint> points;
  if (metric.points.empty() || max_points < 1) return points;
  const Timestamp first = metric.points.front().time;
  const Timestamp last = metric.points.back().time;
  const Timestamp width =
      std::max<Timestamp>(1, (last - first) / static_cast<Timestamp>(max_points) + 1);
  for (const MetricPoint& minute : metric.points) {
    const Timestamp start = first + (minute.time - first) / width * width;
    const long value = std::lround(minute.value);
    if (points.empty() || points.back().time != start) {
      points.push_back({start, value, value});
    } else {
      points.back().low = std::min(points.back().low, value);
      points.back().high = std::max(points.back().high, value);
    }
  }
  return points;
}

}  // namespace

std::vector<ConnectedSeries> connected_series(const Diagnosis& diagnosis, std::size_t max_points) {
  std::vector<ConnectedSeries> all;
  const std::vector<HubInfo>& hubs = diagnosis.store().hubs();
  for (std::size_t hub = 0; hub < hubs.size(); ++hub) {
    const auto index = static_cast<HubIndex>(hub);
    if (!diagnosis.store().in_scope(index)) continue;
    ConnectedSeries series = downsample(diagnosis.connected(index), max_points);
    series.hub = hubs[hub].name;
    if (const MetricSeries* metric = diagnosis.store().stats().platform.metric_of(series.hub))
      series.metric = downsample_metric(*metric, max_points);
    if (!series.points.empty()) all.push_back(std::move(series));
  }
  return all;
}

namespace {

// A traced device's hub, id and module, and the same as views.
using TracedIdentity = std::tuple<std::string, std::string, std::string>;
using TracedIdentityView = std::tuple<std::string_view, std::string_view, std::string_view>;

// Orders identities and views of them alike, so that a view finds an identity.
struct ByIdentityViews {
  using is_transparent = void;
  static TracedIdentityView view(const TracedIdentity& identity) {
    return {std::get<0>(identity), std::get<1>(identity), std::get<2>(identity)};
  }
  static TracedIdentityView view(const TracedIdentityView& identity) { return identity; }
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return view(a) < view(b);
  }
};

}  // namespace

std::vector<DeviceTrace> device_traces(const Diagnosis& diagnosis,
                                       const std::vector<Finding>& findings,
                                       std::size_t per_finding, std::size_t max_events) {
  // Identities of the worst items first, then one pass over the store to find them.
  const auto identity_of = [](const FindingItem& item) {
    return TracedIdentity{item.hub.value_or(""), text_of(item, "device_id"),
                          text_of(item, "module_id")};
  };
  // Looked up by views: a fleet's devices are not copied to be compared.
  std::map<TracedIdentity, DeviceIndex, ByIdentityViews> wanted;
  for (const Finding& finding : findings) {
    for (std::size_t i = 0; i < std::min(per_finding, finding.devices.size()); ++i)
      wanted.emplace(identity_of(finding.devices[i]), kNoDevice);
  }
  const EventStore& store = diagnosis.store();
  const std::vector<DeviceInfo>& devices = store.devices();
  for (DeviceIndex d = 0; d < devices.size(); ++d) {
    const auto it = wanted.find(TracedIdentityView{store.hubs()[devices[d].hub].name,
                                                   devices[d].device_id, devices[d].module_id});
    if (it != wanted.end()) it->second = d;
  }
  std::vector<DeviceTrace> traces;
  for (const Finding& finding : findings) {
    for (std::size_t i = 0; i < std::min(per_finding, finding.devices.size()); ++i) {
      const FindingItem& item = finding.devices[i];
      TracedIdentity key = identity_of(item);
      const DeviceIndex device = wanted[key];
      if (device == kNoDevice) continue;
      DeviceTrace trace = device_trace(diagnosis, device, max_events);
      trace.rule = std::string(finding.rule->id);
      trace.hub = item.hub;
      trace.device_id = std::move(std::get<1>(key));
      trace.module_id = std::move(std::get<2>(key));
      traces.push_back(std::move(trace));
    }
  }
  return traces;
}

}  // namespace iothub_diag
