#include <algorithm>
#include <array>

#include <fmt/format.h>

#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/workspace/kql_query.hpp>

namespace iothub_diag::workspace {
namespace {

// What `EventStore` keeps of a record (time, hub, identity, operation, code,
// level, and the device's protocol, SDK, address and auth type inside
// `properties_s`): nothing else crosses the network.
constexpr std::array<std::string_view, 9> kProjectedColumns = {
    "TimeGenerated", "Resource",   "_ResourceId",       "Category",    "OperationName",
    "Level",         "ResultType", "ResultDescription", "properties_s"};

// A timespan literal in the largest whole unit, so that `ago(24h)` reads as typed.
std::string kql_timespan(Timestamp millis) {
  struct Unit {
    Timestamp millis;
    std::string_view suffix;
  };
  constexpr std::array<Unit, 4> kUnits = {Unit{kMillisPerDay, "d"}, Unit{kMillisPerHour, "h"},
                                          Unit{kMillisPerMinute, "m"}, Unit{kMillisPerSecond, "s"}};
  for (const Unit& unit : kUnits) {
    if (millis % unit.millis == 0) return fmt::format("{}{}", millis / unit.millis, unit.suffix);
  }
  return fmt::format("{}ms", millis);
}

std::string time_line(const KqlSpan& span) {
  if (span.since && span.until) {
    return fmt::format("| where TimeGenerated >= {} and TimeGenerated <= {}\n",
                       kql_time(*span.since), kql_time(*span.until));
  }
  if (span.since) return fmt::format("| where TimeGenerated >= {}\n", kql_time(*span.since));
  if (span.until) return fmt::format("| where TimeGenerated <= {}\n", kql_time(*span.until));
  return {};
}

// The lines every query shares: the table, the span, IoT hubs only, the hubs asked for.
std::string span_lines(std::string_view time_filter, std::span<const std::string> hubs) {
  std::string query = "AzureDiagnostics\n";
  query += time_filter;
  query += "| where ResourceProvider == \"MICROSOFT.DEVICES\" and ResourceType == \"IOTHUBS\"\n";
  if (!hubs.empty()) {
    std::string names;
    for (const std::string& hub : hubs) {
      names += (names.empty() ? "" : ", ") + kql_string_literal(hub);
    }
    query += fmt::format("| where Resource in~ ({})\n", names);
  }
  return query;
}

std::string span_lines(const KqlSpan& span) {
  return span_lines(time_line(span), span.hubs);
}

// Connections records, and hub-side or throttling errors of any category: the
// codes come from the result-code table, so a code added there is selected here.
std::string selection_line() {
  std::string named;
  for (const ResultCodeInfo& info : known_result_codes()) {
    if (info.side == CodeSide::hub && (info.code < 500000 || info.code > 599999)) {
      named += fmt::format("{}\"{}\"", named.empty() ? "" : ", ", info.code);
    }
  }
  return fmt::format(
      "| where Category == \"Connections\" or ResultType startswith \"5\" or ResultType "
      "startswith \"429\" or ResultType in ({})\n",
      named);
}

std::string projection_line() {
  std::string columns;
  for (const std::string_view column : kProjectedColumns) {
    columns += fmt::format("{}{}", columns.empty() ? "" : ", ", column);
  }
  return fmt::format("| project {}\n", columns);
}

}  // namespace

std::span<const std::string_view> projected_columns() noexcept {
  return kProjectedColumns;
}

std::string kql_string_literal(std::string_view text) {
  std::string literal = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        literal += "\\\"";
        break;
      case '\\':
        literal += "\\\\";
        break;
      case '\n':
        literal += "\\n";
        break;
      case '\r':
        literal += "\\r";
        break;
      case '\t':
        literal += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          literal += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        } else {
          literal += c;
        }
    }
  }
  return literal + "\"";
}

std::string kql_time(const TimeBound& bound) {
  if (bound.at) return fmt::format("datetime({})", format_iso8601(*bound.at));
  return fmt::format("ago({})", kql_timespan(bound.before_last.value_or(0)));
}

std::string connection_events_query(const KqlSpan& span) {
  return span_lines(span) + selection_line() + projection_line();
}

std::string chunk_query(const TimeChunk& chunk, std::span<const std::string> hubs) {
  const std::string time_filter =
      fmt::format("| where TimeGenerated >= datetime({}) and TimeGenerated < datetime({})\n",
                  format_iso8601(chunk.from), format_iso8601(chunk.to));
  return span_lines(time_filter, hubs) + selection_line() + projection_line();
}

std::string count_query(const KqlSpan& span, int bin_minutes) {
  return span_lines(span) + selection_line() +
         fmt::format("| summarize count() by bin(TimeGenerated, {})\n",
                     kql_timespan(bin_minutes * kMillisPerMinute));
}

std::string device_events_query(const KqlSpan& span, std::string_view hub,
                                std::span<const std::string> devices) {
  KqlSpan one_hub = span;
  one_hub.hubs.assign(1, std::string(hub));
  std::string names;
  for (const std::string& device : devices) {
    names += (names.empty() ? "" : ", ") + kql_string_literal(device);
  }
  return span_lines(one_hub) + selection_line() +
         fmt::format("| where tostring(parse_json(properties_s).deviceId) in ({})\n", names) +
         projection_line() + "| order by TimeGenerated asc\n";
}

std::string finding_devices_query(Timestamp first, Timestamp last,
                                  std::span<const KqlDevice> devices, std::size_t total) {
  std::string header;
  if (total > devices.size()) {
    header = fmt::format("// the {} worst of the finding's {} devices\n", devices.size(), total);
  }
  const std::string time_filter =
      fmt::format("| where TimeGenerated between (datetime({}) .. datetime({}))\n",
                  format_iso8601(first), format_iso8601(last));
  // Devices grouped by hub, in the order given within each.
  std::vector<std::string_view> hubs;
  for (const KqlDevice& device : devices) {
    if (std::find(hubs.begin(), hubs.end(), device.hub) == hubs.end()) hubs.push_back(device.hub);
  }
  std::string condition;
  for (const std::string_view hub : hubs) {
    std::string names;
    for (const KqlDevice& device : devices) {
      if (device.hub == hub)
        names += (names.empty() ? "" : ", ") + kql_string_literal(device.device);
    }
    const std::string ids = fmt::format("DeviceId in ({})", names);
    condition +=
        (condition.empty() ? "" : " or ") +
        (hub.empty() ? ids : fmt::format("(Resource =~ {} and {})", kql_string_literal(hub), ids));
  }
  return header + span_lines(time_filter, {}) + selection_line() +
         "| extend DeviceId = tostring(parse_json(properties_s).deviceId)\n" +
         fmt::format("| where {}\n", condition.empty() ? "false" : condition) + projection_line() +
         "| order by TimeGenerated asc\n";
}

std::string finding_windows_query(std::span<const KqlWindow> windows) {
  // The whole of the windows first, so the engine can prune by time before the hubs.
  std::string time_filter;
  if (!windows.empty()) {
    const auto [earliest, latest] =
        std::minmax_element(windows.begin(), windows.end(),
                            [](const KqlWindow& a, const KqlWindow& b) { return a.from < b.from; });
    Timestamp last = latest->to;
    for (const KqlWindow& window : windows)
      last = std::max(last, window.to);
    time_filter = fmt::format("| where TimeGenerated between (datetime({}) .. datetime({}))\n",
                              format_iso8601(earliest->from), format_iso8601(last));
  }
  std::string condition;
  for (const KqlWindow& window : windows) {
    const std::string span = fmt::format("TimeGenerated between (datetime({}) .. datetime({}))",
                                         format_iso8601(window.from), format_iso8601(window.to));
    condition += (condition.empty() ? "" : " or ") +
                 (window.hub.empty() ? fmt::format("({})", span)
                                     : fmt::format("(Resource =~ {} and {})",
                                                   kql_string_literal(window.hub), span));
  }
  return span_lines(time_filter, {}) + selection_line() +
         fmt::format("| where {}\n", condition.empty() ? "false" : condition) + projection_line() +
         "| order by TimeGenerated asc\n";
}

}  // namespace iothub_diag::workspace
