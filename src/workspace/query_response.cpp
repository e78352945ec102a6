#include <algorithm>

#include <nlohmann/json.hpp>

#include <iothub_diag/core/json_member.hpp>
#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/workspace/query_response.hpp>

namespace iothub_diag::workspace {

std::optional<std::vector<RowBin>> parse_row_bins(std::string_view body,
                                                  std::optional<Message>& problem) {
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_object() || !answer.contains("tables") || !answer["tables"].is_array() ||
      answer["tables"].empty() || !answer["tables"][0].is_object()) {
    problem = Message{MessageId::planning_no_table, {}};
    return std::nullopt;
  }
  const nlohmann::json& table = answer["tables"][0];
  const nlohmann::json& columns = array_member(table, "columns");
  const nlohmann::json& rows = array_member(table, "rows");
  std::optional<std::size_t> time_column;
  std::optional<std::size_t> count_column;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string name = string_member(columns[i], "name");
    if (name == "TimeGenerated") time_column = i;
    if (name == "count_") count_column = i;
  }
  if (!time_column || !count_column) {
    problem = Message{MessageId::planning_no_columns, {}};
    return std::nullopt;
  }
  std::vector<RowBin> bins;
  bins.reserve(rows.size());
  for (const nlohmann::json& row : rows) {
    if (!row.is_array() || row.size() <= std::max(*time_column, *count_column)) continue;
    const nlohmann::json& time = row[*time_column];
    const nlohmann::json& count = row[*count_column];
    const auto start = time.is_string() ? parse_iso8601(time.get<std::string>()) : std::nullopt;
    if (!start) continue;
    std::uint64_t rows_in_bin = 0;
    if (count.is_number_unsigned() || count.is_number_integer()) {
      rows_in_bin = count.get<std::uint64_t>();
    } else if (count.is_string()) {
      rows_in_bin = std::strtoull(count.get<std::string>().c_str(), nullptr, 10);
    }
    bins.push_back(RowBin{*start, rows_in_bin});
  }
  std::sort(bins.begin(), bins.end(),
            [](const RowBin& a, const RowBin& b) { return a.start < b.start; });
  return bins;
}

}  // namespace iothub_diag::workspace
