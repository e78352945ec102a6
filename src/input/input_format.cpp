#include <algorithm>
#include <array>

#include <iothub_diag/input/csv_header.hpp>
#include <iothub_diag/input/input_format.hpp>
#include <iothub_diag/input/json_text_splitter.hpp>

namespace iothub_diag {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view skip_space(std::string_view head) {
  const auto first = std::find_if_not(head.begin(), head.end(), is_space);
  return head.substr(static_cast<std::size_t>(first - head.begin()));
}

bool starts_json(std::string_view head) noexcept {
  head = skip_space(head);
  return !head.empty() && (head.front() == '{' || head.front() == '[');
}

// True when the first line holds one complete JSON object or array and
// nothing else: the mark of JSON Lines. Values back to back on one line
// (`{...}{...}`, Event Hubs bodies pasted together) are read as values.
bool first_line_is_complete_value(std::string_view head) {
  int depth = 0;
  bool in_string = false;
  bool escape = false;
  for (std::size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    if (c == '\n') return false;
    if (in_string) {
      if (escape)
        escape = false;
      else if (c == '\\')
        escape = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      ++depth;
    else if ((c == '}' || c == ']') && --depth == 0) {
      const std::string_view rest = head.substr(i + 1, head.find('\n', i) - i - 1);
      return std::all_of(rest.begin(), rest.end(), is_space);
    }
  }
  // A first line longer than the sample: JSON Lines is the likelier shape and
  // the safer one (a broken line cannot swallow the lines after it).
  return head.find('\n') == std::string_view::npos && depth > 0;
}

// A Log Analytics query-API document (`{"tables":[`) is read as JSON values, where
// the splitter streams it row by row, even when it is all on one line as the API
// returns it: as one JSON Lines text it would have to fit in --max-record-size.
bool opens_tables_document(std::string_view head) noexcept {
  const auto opening = match_wrapper_opening(head);
  return opening && opening->wrapper == JsonWrapper::tables;
}

bool matches_json_lines(std::string_view head) noexcept {
  return starts_json(head) && !opens_tables_document(head) &&
         first_line_is_complete_value(skip_space(head));
}

bool matches_json(std::string_view head) noexcept {
  return starts_json(head);
}

bool matches_csv(std::string_view head) noexcept {
  return !starts_json(head) && log_analytics_csv_delimiter(skip_space(head)).has_value();
}

bool matches_nothing(std::string_view /*head*/) noexcept {
  return false;
}

// In enum order (to_string indexes it); detection tries the entries in this order too.
constexpr std::array kInputFormats = {
    InputFormatInfo{InputFormat::automatic, "auto", "decide per file from its content (default)",
                    matches_nothing},
    InputFormatInfo{InputFormat::json_lines, "jsonl",
                    "JSON Lines: storage-account blobs, one record or batch per line",
                    matches_json_lines},
    InputFormatInfo{
        InputFormat::json, "json",
        "JSON values in any layout: {\"records\":[...]} (Event Hubs), arrays (Event Grid, "
        "az CLI rows), pretty-printed records, Log Analytics {\"tables\":[...]}",
        matches_json},
    InputFormatInfo{InputFormat::csv, "csv",
                    "Log Analytics portal CSV export of AzureDiagnostics (columns found by name)",
                    matches_csv},
};

constexpr bool table_in_enum_order() {
  for (std::size_t i = 0; i < kInputFormats.size(); ++i) {
    if (static_cast<std::size_t>(kInputFormats[i].format) != i) return false;
  }
  return true;
}
static_assert(table_in_enum_order(), "to_string() indexes kInputFormats by enum value");

}  // namespace

std::span<const InputFormatInfo> input_formats() noexcept {
  return kInputFormats;
}

std::optional<InputFormat> input_format_from_name(std::string_view name) noexcept {
  for (const auto& info : kInputFormats) {
    if (info.name == name) return info.format;
  }
  return std::nullopt;
}

std::string_view to_string(InputFormat format) noexcept {
  return kInputFormats[static_cast<std::size_t>(format)].name;
}

bool looks_binary(std::string_view head) noexcept {
  const std::string_view sample = head.substr(0, 4096);
  const auto control = std::count_if(sample.begin(), sample.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\x1b';
  });
  return control * 10 > static_cast<std::ptrdiff_t>(sample.size());
}

std::optional<InputFormat> detect_input_format(std::string_view head) noexcept {
  for (const auto& info : kInputFormats) {
    if (info.matches(head)) return info.format;
  }
  return std::nullopt;
}

}  // namespace iothub_diag
