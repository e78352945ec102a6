#include <array>
#include <cmath>

#include <fmt/format.h>

#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/report/csv_renderer.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/report/value_format.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

// Identity first, then windows' extent, then what the rules measure, then
// the client, then lists.
constexpr std::array<std::string_view, 53> kEvidenceColumns = {
    "connection_source",
    "start",
    "end",
    "time",
    "devices",
    "fleet_share",
    "group_share",
    "ip_share",
    "masked_ip",
    "site_devices",
    "ip_groups",
    "hub_errors",
    "hub_error_total",
    "usual_drops_per_window",
    "event_grid_devices",
    "connected_before",
    "connected_lowest",
    "connected_after",
    "metric_before",
    "metric_lowest",
    "metric_after",
    "admitted_by_azure",
    "health_events",
    "period_seconds",
    "period_spread_seconds",
    "implied_token_lifetime_seconds",
    "cycles",
    "cycles_with_401003",
    "typical_reconnect_delay_seconds",
    "drops",
    "reconnect_delay_min_seconds",
    "reconnect_delay_median_seconds",
    "reconnect_delay_max_seconds",
    "also_token_expiry",
    "connected_seconds",
    "reconnect_delay_seconds",
    "last_drop",
    "silent_seconds",
    "last_drop_cause",
    "during_hub_incident",
    "forced_closes",
    "connects",
    "failures",
    "first",
    "last",
    "protocol",
    "sdk_version",
    "sdk",
    "sdk_assessment",
    "possible_causes",
    "ruled_out",
    "device_ids",
    "other",
};

constexpr std::array<std::string_view, 5> kIdentityColumns = {"finding", "severity", "hub",
                                                              "device_id", "module_id"};

std::string quoted(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// The machine value of a piece of evidence: what the JSON report holds, flattened.
std::string raw_value(const Evidence& evidence) {
  return std::visit(
      [&](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return csv_text_cell(value);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return evidence.kind == EvidenceKind::time ? format_iso8601(value)
                                                     : std::to_string(value);
        } else if constexpr (std::is_same_v<T, double>) {
          return fmt::format("{}", std::round(value * 1000) / 1000);
        } else if constexpr (std::is_same_v<T, CodeCounts>) {
          std::string text;
          for (const auto& [code, count] : value)
            text += fmt::format("{}{}={}", text.empty() ? "" : " ", code, count);
          return text;
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::string text;
          for (const std::string& item : value)
            text += (text.empty() ? "" : "; ") + item;
          return csv_text_cell(text);
        } else if constexpr (std::is_same_v<T, SharedMessages>) {
          std::string text;
          for (const Message& message : *value)
            text += (text.empty() ? "" : "; ") + english_text(message);
          return csv_text_cell(text);
        } else {
          return value ? "true" : "false";
        }
      },
      evidence.value);
}

std::size_t column_of(std::string_view key) {
  for (std::size_t i = 0; i + 1 < kEvidenceColumns.size(); ++i)
    if (kEvidenceColumns[i] == key) return i;
  return kEvidenceColumns.size() - 1;  // other
}

void write_row(const Finding& finding, const FindingItem& item, std::ostream& out) {
  std::array<std::string, kIdentityColumns.size()> identity;
  std::array<std::string, kEvidenceColumns.size()> cells;
  identity[0] = std::string(finding.rule->id);
  identity[1] = std::string(to_string(finding.rule->severity));
  if (item.hub) identity[2] = csv_text_cell(*item.hub);
  for (const Evidence& evidence : item.evidence) {
    if (evidence.key() == "device_id") {
      identity[3] = raw_value(evidence);
    } else if (evidence.key() == "module_id") {
      identity[4] = raw_value(evidence);
    } else {
      const std::size_t column = column_of(evidence.key());
      std::string value = raw_value(evidence);
      if (column == kEvidenceColumns.size() - 1) {
        // Unlisted keys keep their name beside the value.
        cells[column] +=
            (cells[column].empty() ? "" : "; ") + std::string(evidence.key()) + "=" + value;
      } else {
        cells[column] = std::move(value);
      }
    }
  }
  std::string line;
  for (const std::string& cell : identity)
    line += quoted(cell) + ',';
  for (std::size_t i = 0; i < cells.size(); ++i)
    line += quoted(cells[i]) + (i + 1 < cells.size() ? "," : "\r\n");
  out << line;
}

}  // namespace

std::span<const std::string_view> csv_evidence_columns() noexcept {
  return kEvidenceColumns;
}

std::string csv_text_cell(std::string_view text) {
  std::string cell = escape_for_terminal(to_valid_utf8(text));
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r'))
    cell.insert(cell.begin(), '\'');
  return cell;
}

void render_csv(const Report& report, std::ostream& out) {
  std::string header;
  for (const std::string_view column : kIdentityColumns)
    header += std::string(column) + ',';
  for (std::size_t i = 0; i < kEvidenceColumns.size(); ++i)
    header += std::string(kEvidenceColumns[i]) + (i + 1 < kEvidenceColumns.size() ? "," : "\r\n");
  out << header;
  for (const Finding& finding : report.findings) {
    for (const FindingItem& item : finding.windows)
      write_row(finding, item, out);
    for (const FindingItem& item : finding.devices)
      write_row(finding, item, out);
  }
}

}  // namespace iothub_diag
