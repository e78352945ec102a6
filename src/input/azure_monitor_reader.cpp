#include "azure_monitor_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dom_members.hpp"

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/input/record_fields.hpp>

namespace iothub_diag {
namespace {

namespace od = simdjson::dom;
using dom_members::string_or_empty;

// A member by name, compared without regard to case (AzureActivity and storage
// records spell some names differently from the CLI).
std::optional<od::element> member(od::object object, std::string_view name) {
  for (const auto [key, value] : object) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::string_view text_member(od::object object, std::string_view name) {
  const auto value = member(object, name);
  return value ? string_or_empty(*value) : std::string_view{};
}

// `{"value": "X", "localizedValue": ".."}` (CLI) or a plain string (storage, AzureActivity).
std::string_view value_or_text(od::object object, std::string_view name) {
  const auto value = member(object, name);
  if (!value) return {};
  if (value->type() == od::element_type::OBJECT) {
    const auto inner = member(value->get_object(), "value");
    return inner ? string_or_empty(*inner) : std::string_view{};
  }
  return string_or_empty(*value);
}

std::string_view hub_of_resource(std::string_view resource_id) {
  RecordFields fields;
  fields.resource_id = resource_id;
  return hub_of(fields);
}

// `PT1M`, `PT5M`, `PT1H` (REST) or a Python timedelta `0:01:00` (older CLIs; at
// most nine digits a field, which an int holds).
std::optional<Timestamp> parse_interval(std::string_view text) {
  if (istarts_with(text, "PT") && text.size() > 3) {
    const char unit = ascii_lower(text.back());
    const std::string_view digits = text.substr(2, text.size() - 3);
    Timestamp count = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (error != std::errc{} || end != digits.data() + digits.size() || count < 0)
      return std::nullopt;
    const Timestamp unit_millis = unit == 'm'   ? kMillisPerMinute
                                  : unit == 'h' ? kMillisPerHour
                                  : unit == 's' ? kMillisPerSecond
                                                : 0;
    // An interval past what a time can hold is no interval (`PT99999999999999999M`).
    if (unit_millis == 0 || count > INT64_MAX / unit_millis) return std::nullopt;
    return count * unit_millis;
  }
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  if (std::sscanf(std::string(text).c_str(), "%9d:%9d:%9d", &hours, &minutes, &seconds) == 3 &&
      hours >= 0 && minutes >= 0 && seconds >= 0)
    return (hours * 3600LL + minutes * 60LL + seconds) * kMillisPerSecond;
  return std::nullopt;
}

bool is_connected_count(std::string_view metric) {
  return iequals(metric, "connectedDeviceCount") ||
         iequals(metric, "devices.connectedDevices.allProtocol");
}

// The point's value: the deprecated allProtocol metric is valid only as a
// total; connectedDeviceCount is a snapshot, read by its average, else its
// maximum or minimum. Null or missing: no data.
std::optional<double> point_value(od::object point, std::string_view metric) {
  static constexpr std::string_view kSnapshot[] = {"average", "maximum", "minimum"};
  static constexpr std::string_view kTotal[] = {"total"};
  const bool total_only = iequals(metric, "devices.connectedDevices.allProtocol");
  for (const std::string_view name : total_only ? std::span<const std::string_view>(kTotal)
                                                : std::span<const std::string_view>(kSnapshot)) {
    const auto value = member(point, name);
    double number = 0;
    if (value && value->get_double().get(number) == 0 && std::isfinite(number) && number >= 0)
      return number;
  }
  return std::nullopt;
}

// `[{"ServiceName":"IoT Hub","ImpactedRegions":[{"RegionName":"West Europe"}]}]`.
void read_impacted_services(od::element services, HealthEvent& event) {
  od::array list;
  if (services.get_array().get(list) != 0) return;
  for (const od::element service : list) {
    od::object object;
    if (service.get_object().get(object) != 0) continue;
    const std::string_view name = text_member(object, "ServiceName");
    if (!iequals(name, "IoT Hub") && !iequals(name, "IoTHub") && !iequals(name, "Azure IoT Hub"))
      continue;
    event.impacts_iot_hub = true;
    const auto regions = member(object, "ImpactedRegions");
    od::array region_list;
    if (!regions || regions->get_array().get(region_list) != 0) continue;
    for (const od::element region : region_list) {
      od::object region_object;
      if (region.get_object().get(region_object) != 0) continue;
      const std::string_view region_name = text_member(region_object, "RegionName");
      if (!region_name.empty()) event.regions.emplace_back(region_name);
    }
  }
}

}  // namespace

bool AzureMonitorReader::marks_activity_event(std::string_view member) {
  // CLI: `eventTimestamp` and `category: {"value": ..}`; AzureActivity rows: `CategoryValue`.
  return iequals(member, "eventTimestamp") || marks_activity_table(member);
}

bool AzureMonitorReader::marks_activity_table(std::string_view column) {
  return iequals(column, "CategoryValue");
}

bool AzureMonitorReader::try_read(od::object object, const SourceLocation& location,
                                  RecordSink& sink) {
  // Every record of every JSON input passes here: one look at each member
  // decides, and a resource log (none of these names) costs one pass.
  // As member() would find them: the first `value` and the first `properties` count.
  std::optional<bool> value_array;
  bool properties_seen = false;
  bool metric_member = false;
  bool activity = false;
  for (const auto [key, value] : object) {
    if (iequals(key, "value")) {
      if (!value_array) value_array = value.type() == od::element_type::ARRAY;
    } else if (iequals(key, "timespan") || iequals(key, "resourceregion") ||
               iequals(key, "interval")) {
      metric_member = true;
    } else if (marks_activity_event(key)) {
      activity = true;
    } else if (iequals(key, "properties") && !properties_seen) {
      // Storage: `properties.eventCategory`.
      properties_seen = true;
      if (value.type() == od::element_type::OBJECT && member(value.get_object(), "eventCategory"))
        activity = true;
    }
  }
  if (value_array.value_or(false) && metric_member) {
    read_metric_response(object, location, sink);
    return true;
  }
  if (value_array.value_or(false) && !activity && read_activity_page(object, location, sink))
    return true;
  if (!activity) return false;
  read_activity_event(object, location, sink);
  return true;
}

bool AzureMonitorReader::try_read_row(const std::vector<std::string>& names, od::array cells,
                                      const SourceLocation& location, RecordSink& sink) {
  if (std::none_of(names.begin(), names.end(),
                   [](const std::string& name) { return marks_activity_table(name); }))
    return false;
  // The row as the object `az monitor log-analytics query` prints for it.
  std::string object = "{";
  std::size_t column = 0;
  for (const od::element cell : cells) {
    if (column >= names.size()) break;
    if (column > 0) object += ',';
    object += '"';
    for (const char c : names[column]) {
      if (c == '"' || c == '\\') object += '\\';
      object += c;
    }
    object += "\":";
    object += simdjson::minify(cell);
    ++column;
  }
  object += '}';
  od::element parsed;
  od::object row_object;
  if (row_.parse(object).get(parsed) != 0 || parsed.get_object().get(row_object) != 0) return false;
  read_activity_event(row_object, location, sink);
  return true;
}

void AzureMonitorReader::read_metric_response(od::object object, const SourceLocation& location,
                                              RecordSink& sink) {
  sink.on_metric_document();
  const std::string_view region = text_member(object, "resourceregion");
  const std::optional<Timestamp> interval = parse_interval(text_member(object, "interval"));
  od::array metrics = (*member(object, "value")).get_array();
  SourceLocation at = location;
  for (const od::element metric : metrics) {
    ++at.index;
    od::object metric_object;
    if (metric.get_object().get(metric_object) != 0) {
      sink.on_skip(SkipReason::unusable_metric, at, SkipDetail(MessageId::metric_not_object));
      continue;
    }
    const std::string_view name = value_or_text(metric_object, "name");
    if (!is_connected_count(name)) {
      sink.on_skip(SkipReason::unusable_metric, at, SkipDetail(MessageId::metric_other_name));
      continue;
    }
    const std::string_view hub = hub_of_resource(text_member(metric_object, "id"));
    if (hub.empty()) {
      sink.on_skip(SkipReason::unusable_metric, at, SkipDetail(MessageId::metric_no_hub));
      continue;
    }
    MetricSeries series;
    series.hub = std::string(hub);
    series.region = std::string(region);
    series.metric = std::string(name);
    if (interval && *interval > 0) series.interval = *interval;
    std::uint64_t bad_times = 0;
    std::uint64_t empty_run = 0;  // minutes without a value since the last one with
    const auto timeseries = member(metric_object, "timeseries");
    od::array timeseries_list;
    if (timeseries && timeseries->get_array().get(timeseries_list) == 0) {
      for (const od::element one : timeseries_list) {
        od::object one_object;
        if (one.get_object().get(one_object) != 0) continue;
        const auto data = member(one_object, "data");
        od::array points;
        if (!data || data->get_array().get(points) != 0) continue;
        for (const od::element point : points) {
          od::object point_object;
          if (point.get_object().get(point_object) != 0) {
            ++bad_times;
            continue;
          }
          const auto time = parse_iso8601(text_member(point_object, "timeStamp"));
          if (!time) {
            ++bad_times;
            continue;
          }
          const auto count = point_value(point_object, name);
          if (!count) {
            ++empty_run;
            continue;
          }
          series.empty_minutes += empty_run;
          empty_run = 0;
          series.points.push_back(MetricPoint{*time, *count});
        }
      }
    }
    // The service leaves its last minutes empty (or at zero) while it aggregates them.
    series.dropped_tail = empty_run;
    constexpr std::size_t kServiceLagMinutes = 3;
    std::size_t zeros = 0;
    while (zeros < series.points.size() &&
           series.points[series.points.size() - 1 - zeros].value == 0)
      ++zeros;
    if (zeros > 0 && zeros <= kServiceLagMinutes && zeros < series.points.size()) {
      series.points.resize(series.points.size() - zeros);
      series.dropped_tail += zeros;
    }
    if (bad_times != 0) {
      const std::string count = std::to_string(bad_times);
      sink.on_skip(SkipReason::unusable_metric, at, SkipDetail(MessageId::metric_bad_times, count));
    }
    sink.on_metric_series(series);
  }
}

bool AzureMonitorReader::read_activity_page(od::object object, const SourceLocation& location,
                                            RecordSink& sink) {
  // The REST API's page (`GET .../eventtypes/management/values`, `az rest`):
  // `{"value": [events], "nextLink": ...}`, known by its first element.
  od::array events;
  if (object["value"].get_array().get(events) != 0) return false;
  od::object first;
  if (events.at(0).get_object().get(first) != 0) return false;
  const bool events_page = std::any_of(first.begin(), first.end(), [](const od::key_value_pair& m) {
    return marks_activity_event(m.key);
  });
  if (!events_page) return false;
  SourceLocation at = location;
  for (const od::element element : events) {
    ++at.index;
    od::object event;
    if (element.get_object().get(event) != 0) {
      sink.on_skip(SkipReason::unused_activity_event, at,
                   SkipDetail(MessageId::batch_element_not_object));
      continue;
    }
    read_activity_event(event, at, sink);
  }
  return true;
}

void AzureMonitorReader::read_activity_event(od::object object, const SourceLocation& location,
                                             RecordSink& sink) {
  sink.on_activity_event();
  // Where the event's own properties are: the CLI's `properties`, storage's
  // `properties.eventProperties`, AzureActivity's `Properties_d` (maybe as JSON text).
  // AzureActivity also has a legacy `Properties` text column: its dynamic one comes first.
  std::optional<od::element> properties = member(object, "Properties_d");
  if (!properties) properties = member(object, "properties");
  std::string_view category = value_or_text(object, "category");
  if (category.empty()) category = text_member(object, "CategoryValue");
  // Properties given as JSON in a string are copied: the inner parser's
  // buffers are reused for eventProperties below.
  std::string properties_text;
  od::object props;
  bool have_props = false;
  if (properties && properties->type() == od::element_type::STRING) {
    properties_text = std::string(string_or_empty(*properties));
    od::element parsed;
    if (inner_.parse(properties_text).get(parsed) == 0 && parsed.get_object().get(props) == 0)
      have_props = true;
  } else if (properties && properties->get_object().get(props) == 0) {
    have_props = true;
  }
  if (have_props) {
    if (const std::string_view inner_category = text_member(props, "eventCategory");
        !inner_category.empty())
      category = inner_category;
  }
  std::string event_properties_text;
  od::parser event_parser;
  if (have_props) {
    if (const auto event_properties = member(props, "eventProperties")) {
      od::object inner;
      if (event_properties->type() == od::element_type::STRING) {
        event_properties_text = std::string(string_or_empty(*event_properties));
        od::element parsed;
        if (event_parser.parse(event_properties_text).get(parsed) == 0 &&
            parsed.get_object().get(inner) == 0)
          props = inner;
      } else if (event_properties->get_object().get(inner) == 0) {
        props = inner;
      }
    }
  }
  const bool resource_health = iequals(category, "ResourceHealth");
  const bool service_health = iequals(category, "ServiceHealth");
  if (!resource_health && !service_health) {
    sink.on_skip(SkipReason::unused_activity_event, location,
                 SkipDetail(MessageId::activity_other_category));
    return;
  }
  std::string_view time_text = text_member(object, "eventTimestamp");
  if (time_text.empty()) time_text = text_member(object, "time");
  if (time_text.empty()) time_text = text_member(object, "TimeGenerated");
  const auto time = parse_iso8601(time_text);
  if (!time) {
    sink.on_skip(SkipReason::unused_activity_event, location,
                 SkipDetail(MessageId::activity_no_time));
    return;
  }
  HealthEvent event;
  event.kind = resource_health ? HealthEventKind::resource_health : HealthEventKind::service_health;
  event.time = *time;
  std::string_view resource_id = text_member(object, "resourceId");
  if (resource_id.empty()) resource_id = text_member(object, "_ResourceId");
  std::string_view status = value_or_text(object, "status");
  if (status.empty()) status = text_member(object, "ActivityStatusValue");
  if (status.empty()) status = text_member(object, "resultType");
  event.event_status = std::string(status);
  if (have_props) {
    const auto text = [&](std::string_view a, std::string_view b = {}) {
      std::string_view value = text_member(props, a);
      if (value.empty() && !b.empty()) value = text_member(props, b);
      return std::string(value);
    };
    event.status = text("currentHealthStatus", "healthStatus");
    event.previous_status = text("previousHealthStatus");
    event.cause = text("cause", "healthEventCause");
    event.title = text("title");
    event.tracking_id = text("trackingId");
    event.incident_type = text("incidentType");
    if (const auto start = parse_iso8601(text_member(props, "impactStartTime")))
      event.impact_start = *start;
    if (const auto services = member(props, "impactedServices")) {
      if (services->type() == od::element_type::STRING) {
        const std::string services_text(string_or_empty(*services));
        od::parser services_parser;
        od::element parsed;
        if (services_parser.parse(services_text).get(parsed) == 0)
          read_impacted_services(parsed, event);
      } else {
        read_impacted_services(*services, event);
      }
    }
    if (service_health && !event.impacts_iot_hub) {
      const std::string_view service = text_member(props, "service");
      if (iequals(service, "IoT Hub")) {
        event.impacts_iot_hub = true;
        if (const std::string_view region = text_member(props, "region"); !region.empty())
          event.regions.emplace_back(region);
      }
    }
  }
  if (resource_health) {
    const std::string_view hub = hub_of_resource(resource_id);
    if (hub.empty()) {
      sink.on_skip(SkipReason::unused_activity_event, location,
                   SkipDetail(MessageId::health_not_iot_hub));
      return;
    }
    event.hub = std::string(hub);
  }
  sink.on_health_event(event);
}

}  // namespace iothub_diag
