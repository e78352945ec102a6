#include <array>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/input/csv_header.hpp>
#include <iothub_diag/input/record_fields.hpp>

namespace iothub_diag {
namespace {

constexpr std::array kDelimiters = {',', ';', '\t'};

struct HeaderScore {
  int known = 0;
  bool has_time = false;
};

// Counts the known column names in a header line split at `delimiter` (quotes respected).
HeaderScore score_header(std::string_view line, char delimiter) {
  HeaderScore score;
  auto count = [&](std::string_view cell) {
    cell = trim(cell);
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
      cell = cell.substr(1, cell.size() - 2);
    const auto column = record_column_from_name(split_zone_suffix(cell).name);
    if (!column) return;
    ++score.known;
    score.has_time = score.has_time || *column == RecordColumn::time;
  };
  bool in_quotes = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"')
      in_quotes = !in_quotes;
    else if (line[i] == delimiter && !in_quotes) {
      count(line.substr(start, i - start));
      start = i + 1;
    }
  }
  count(line.substr(start));
  return score;
}

}  // namespace

CsvColumnName split_zone_suffix(std::string_view header_cell) noexcept {
  header_cell = trim(header_cell);
  if (header_cell.empty() || header_cell.back() != ']') return {header_cell, {}};
  const std::size_t open = header_cell.rfind('[');
  if (open == std::string_view::npos) return {header_cell, {}};
  return {trim(header_cell.substr(0, open)),
          trim(header_cell.substr(open + 1, header_cell.size() - open - 2))};
}

std::optional<char> log_analytics_csv_delimiter(std::string_view first_line) noexcept {
  if (first_line.starts_with("\xEF\xBB\xBF")) first_line.remove_prefix(3);
  first_line = first_line.substr(0, first_line.find('\n'));
  if (first_line.size() > std::size_t{64} * 1024) return std::nullopt;  // no header is this long
  std::optional<char> best;
  int best_known = 0;
  for (const char delimiter : kDelimiters) {
    const HeaderScore score = score_header(first_line, delimiter);
    const bool header = score.has_time || score.known >= 2;
    if (header && score.known > best_known) {
      best = delimiter;
      best_known = score.known;
    }
  }
  return best;
}

}  // namespace iothub_diag
