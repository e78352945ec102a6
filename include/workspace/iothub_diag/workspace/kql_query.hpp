#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/model/time_bound.hpp>
#include <iothub_diag/workspace/chunk_plan.hpp>

namespace iothub_diag::workspace {

// The part of a Log Analytics workspace a query reads: a span of TimeGenerated
// and, when not empty, only these hubs (the `Resource` column, compared without
// regard to case, as --hub compares). An unset bound leaves that side open.
struct KqlSpan {
  std::optional<TimeBound> since;  // TimeGenerated >= since
  std::optional<TimeBound> until;  // TimeGenerated < until
  std::vector<std::string> hubs;
};

// The columns of `AzureDiagnostics` the analyzer reads, in the order queries project them.
std::span<const std::string_view> projected_columns() noexcept;

// The rows the analyzer uses in the span: every Connections record of an IoT hub and,
// from any category, the records whose result code is a hub-side or throttling error.
std::string connection_events_query(const KqlSpan& span);

// The same rows in one chunk of a pull, [chunk.from, chunk.to).
std::string chunk_query(const TimeChunk& chunk, std::span<const std::string> hubs);

// The planning query: the rows connection_events_query would return, counted per
// `bin_minutes` of TimeGenerated.
std::string count_query(const KqlSpan& span, int bin_minutes);

// The connection events and error records of some devices of one hub, for a
// finding's evidence.
std::string device_events_query(const KqlSpan& span, std::string_view hub,
                                std::span<const std::string> devices);

// One device of a finding, for finding_devices_query; hub "" is a record that named none.
struct KqlDevice {
  std::string_view hub;
  std::string_view device;
};

// The connection events and errors of a finding's devices in [first, last] (both
// included), listed by hub; `total` is how many the finding has, when the query
// lists fewer (a comment line says so).
std::string finding_devices_query(Timestamp first, Timestamp last,
                                  std::span<const KqlDevice> devices, std::size_t total);

// One window of a fleet finding, both ends included.
struct KqlWindow {
  std::string_view hub;
  Timestamp from = 0;
  Timestamp to = 0;
};

// The connection events and errors of each window's hub inside the window.
std::string finding_windows_query(std::span<const KqlWindow> windows);

// A KQL string literal holding `text` exactly, whatever it contains.
std::string kql_string_literal(std::string_view text);

// `datetime(2026-11-20T13:00:00Z)`, or `ago(24h)` for a bound counted back from now.
std::string kql_time(const TimeBound& bound);

}  // namespace iothub_diag::workspace
