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

// How many non-blank lines detection looks at, the first included.
constexpr std::size_t kDetectionLines = 8;

// True when `line` (no newline in it) holds one complete JSON object or array
// and nothing else: the mark of JSON Lines. Values back to back on one line
// (`{...}{...}`, Event Hubs bodies pasted together) are read as values.
bool is_complete_value(std::string_view line) {
  line = skip_space(line);
  if (line.empty() || (line.front() != '{' && line.front() != '[')) return false;
  int depth = 0;
  bool in_string = false;
  bool escape = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
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
      const std::string_view rest = line.substr(i + 1);
      return std::all_of(rest.begin(), rest.end(), is_space);
    }
  }
  return false;
}

// The complete lines of the sample (a line the sample cuts is left out).
class SampleLines {
 public:
  explicit SampleLines(std::string_view head) : rest_(head) {}
  // The next line that ends within the sample, blank or not; false at the cut.
  bool next(std::string_view& line) {
    const std::size_t newline = rest_.find('\n');
    if (newline == std::string_view::npos) return false;
    line = rest_.substr(0, newline);
    rest_.remove_prefix(newline + 1);
    return true;
  }

 private:
  std::string_view rest_;
};

// True when the first line is one complete JSON value, or, when it is not JSON
// at all (the tail of a record cut at the start of a blob, a comment, a line of
// an error page), when most of the next few lines are. A first line that opens
// JSON and does not end within the sample is one large document (a one-line
// `az` array or `{"records":[...]}` blob), read as JSON values whatever its size.
bool lines_are_json_values(std::string_view head) {
  head = skip_space(head);
  if (starts_json(head)) {
    // A line the sample cuts is unfinished, unless its value already closed.
    return is_complete_value(head.substr(0, head.find('\n')));
  }
  SampleLines lines(head);
  std::string_view first;
  if (!lines.next(first)) return false;
  std::size_t looked = 0;
  std::size_t complete = 0;
  std::string_view line;
  while (looked + 1 < kDetectionLines && lines.next(line)) {
    if (skip_space(line).empty()) continue;
    ++looked;
    if (is_complete_value(line)) ++complete;
  }
  return complete > 0 && complete * 2 > looked;
}

// A Log Analytics query-API document (`{"tables":[`) is read as JSON values, where
// the splitter streams it row by row, even when it is all on one line as the API
// returns it: as one JSON Lines text it would have to fit in --max-record-size.
bool opens_tables_document(std::string_view head) noexcept {
  const auto opening = match_wrapper_opening(head);
  return opening && opening->wrapper == JsonWrapper::tables;
}

bool matches_json_lines(std::string_view head) noexcept {
  return !opens_tables_document(head) && lines_are_json_values(head);
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
