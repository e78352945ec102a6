#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace iothub_diag {

// Members of untrusted JSON (a server's answer, a file a person may have
// edited) read by their type: a member of another type reads as missing, where
// nlohmann's value() and get() would throw.

// `object[key]` when `object` is an object and that member a string; else "".
inline std::string string_member(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto member = object.find(key);
  return member != object.end() && member->is_string() ? member->get<std::string>() : std::string();
}

// `object[key]` when `object` is an object and that member an array; else an empty array.
inline const nlohmann::json& array_member(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  if (!object.is_object()) return kEmpty;
  const auto member = object.find(key);
  return member != object.end() && member->is_array() ? *member : kEmpty;
}

}  // namespace iothub_diag
