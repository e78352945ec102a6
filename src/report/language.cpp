#include <iothub_diag/report/language.hpp>

namespace iothub_diag {

std::optional<Language> language_from_name(std::string_view name) noexcept {
  if (name == "en") return Language::en;
  if (name == "fr") return Language::fr;
  return std::nullopt;
}

std::string_view to_string(Language language) noexcept {
  return language == Language::fr ? "fr" : "en";
}

}  // namespace iothub_diag
