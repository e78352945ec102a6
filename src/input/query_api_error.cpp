#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/core/json_member.hpp>
#include <iothub_diag/input/query_api_error.hpp>

namespace iothub_diag {
namespace {

// The innermost `message` of an error object, through `details` and `innererror`.
std::string innermost_message(const nlohmann::json& error) {
  std::string message = string_member(error, "message");
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

std::string query_api_error_summary(std::string_view body) {
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (answer.is_object() && answer.contains("error") && answer["error"].is_object()) {
    const nlohmann::json& error = answer["error"];
    const std::string code = string_member(error, "code");
    const std::string message = innermost_message(error);
    if (!code.empty() || !message.empty())
      return code.empty() ? message : fmt::format("{}: {}", code, message);
    // An error that names nothing: what the answer starts with, as for any other.
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
    const std::string code = string_member(*error, "code");
    const std::string message = innermost_message(*error);
    if (code == "PartialError" || message.find("E_QUERY_RESULT_SET_TOO_LARGE") != std::string::npos)
      return message.empty() ? code : message;
  }
  return std::nullopt;
}

}  // namespace iothub_diag
