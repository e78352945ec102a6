#pragma once

// Small readers of simdjson DOM values shared by the JSON readers (private to src/input).

#include <string_view>

#include <simdjson.h>

namespace iothub_diag::dom_members {

// A string value as a view, or empty for null and non-string values.
inline std::string_view string_or_empty(simdjson::dom::element value) {
  if (value.type() == simdjson::dom::element_type::STRING) return value.get_string();
  return {};
}

// The `type` member of an object (authType's `{"scope":...,"type":"sas"}`), or empty.
inline std::string_view type_member(simdjson::dom::object object) {
  std::string_view type;
  for (const auto [key, value] : object) {
    if (key == "type" && value.get_string().get(type) == 0) break;
  }
  return type;
}

}  // namespace iothub_diag::dom_members
