#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/workspace/query_response.hpp>

namespace iothub_diag::workspace {
namespace {

// The innermost `message` of an error object, through `details` and `innererror`.
std::string innermost_message(const nlohmann::json& error) {
  std::string message = error.value("message", "");
  const nlohmann::json* inner = &error;
  for (int depth = 0; depth < 16; ++depth) {
    const nlohmann::json* next = nullptr;
    if (inner->contains("innererror") && (*inner)["innererror"].is_object()) {
      next = &(*inner)["innererror"];
    } else if (inner->contains("details") && (*inner)["details"].is_array() &&
               !(*inner)["details"].empty() && (*inner)["details"][0].is_object()) {
      next = &(*inner)["details"][0];
    }
    if (next == nullptr) break;
    inner = next;
    if (inner->contains("message") && (*inner)["message"].is_string()) {
      message = (*inner)["message"].get<std::string>();
    }
  }
  return message;
}

// Skips JSON whitespace from `at`.
std::size_t skip_space(std::string_view text, std::size_t at) {
  while (at < text.size() &&
         (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n'))
    ++at;
  return at;
}

// The top-level `"error": {...}` object of a query answer in `text`, when one
// appears whole in it. A quote inside a JSON string is always escaped, so an
// unescaped `"error"` followed by `:` and `{` is the member itself.
std::optional<nlohmann::json> error_member(std::string_view text) {
  for (std::size_t at = text.find("\"error\""); at != std::string_view::npos;
       at = text.find("\"error\"", at + 1)) {
    if (at > 0 && text[at - 1] == '\\') continue;
    std::size_t colon = skip_space(text, at + 7);
    if (colon >= text.size() || text[colon] != ':') continue;
    const std::size_t open = skip_space(text, colon + 1);
    if (open >= text.size() || text[open] != '{') continue;
    // The object ends at its matching brace; nlohmann reads from there.
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = open; i < text.size(); ++i) {
      const char c = text[i];
      if (in_string) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{') {
        ++depth;
      } else if (c == '}' && --depth == 0) {
        nlohmann::json error = nlohmann::json::parse(text.substr(open, i + 1 - open), nullptr,
                                                     /*allow_exceptions=*/false);
        if (error.is_object()) return error;
        break;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<RowBin>> parse_row_bins(std::string_view body, std::string& problem) {
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_object() || !answer.contains("tables") || !answer["tables"].is_array() ||
      answer["tables"].empty() || !answer["tables"][0].is_object()) {
    problem = "the planning query's answer holds no table";
    return std::nullopt;
  }
  const nlohmann::json& table = answer["tables"][0];
  const nlohmann::json columns = table.value("columns", nlohmann::json::array());
  const nlohmann::json rows = table.value("rows", nlohmann::json::array());
  std::optional<std::size_t> time_column;
  std::optional<std::size_t> count_column;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string name = columns[i].is_object() ? columns[i].value("name", "") : "";
    if (name == "TimeGenerated") time_column = i;
    if (name == "count_") count_column = i;
  }
  if (!time_column || !count_column) {
    problem = "the planning query's answer has no TimeGenerated and count_ columns";
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

std::string error_summary(std::string_view body) {
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (answer.is_object() && answer.contains("error") && answer["error"].is_object()) {
    const nlohmann::json& error = answer["error"];
    const std::string code = error.value("code", "");
    const std::string message = innermost_message(error);
    return code.empty() ? message : fmt::format("{}: {}", code, message);
  }
  std::string start(body.substr(0, 200));
  std::replace_if(
      start.begin(), start.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return start.empty() ? "an empty answer" : start;
}

std::optional<std::string> cut_answer_message(std::string_view head, std::string_view tail) {
  for (const std::string_view part : {tail, head}) {
    const auto error = error_member(part);
    if (!error) continue;
    const std::string code = error->value("code", "");
    const std::string message = innermost_message(*error);
    if (code == "PartialError" || message.find("E_QUERY_RESULT_SET_TOO_LARGE") != std::string::npos)
      return message.empty() ? code : message;
  }
  return std::nullopt;
}

}  // namespace iothub_diag::workspace
