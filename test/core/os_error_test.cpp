// Operating system errors in the report's language: English as the C library
// words them, French from the text tables; anything else as the system gives it.
#include <cerrno>
#include <cstring>
#include <future>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include <iothub_diag/core/os_error.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {

TEST_CASE("each known system error reads in English as strerror, and has its own French",
          "[core]") {
  REQUIRE(known_os_errors().size() >= 10);
  std::set<std::string> french_texts;
  for (const auto& [error, id] : known_os_errors()) {
    INFO("errno " << error);
    const Message message = os_error_message(error);
    CHECK(message.id == id);
    CHECK(os_error_id(error) == id);
    CHECK(english_text(message) == std::strerror(error));
    const std::string french = ReportTexts(Language::fr).message(message);
    CHECK(french != english_text(message));
    CHECK(french_texts.insert(french).second);
  }
  CHECK(ReportTexts(Language::fr).message(os_error_message(ENOENT)) ==
        "Aucun fichier ou dossier de ce nom");
}

TEST_CASE("a system error without a sentence of its own is the system's words", "[core]") {
  const Message cross_device = os_error_message(EXDEV);
  CHECK(cross_device.id == MessageId::os_error_other);
  CHECK(english_text(cross_device) == std::strerror(EXDEV));
  CHECK(ReportTexts(Language::fr).message(cross_device) == std::strerror(EXDEV));
  CHECK(english_text(os_error_message(std::error_code(EACCES, std::system_category()))) ==
        "Permission denied");
  CHECK(os_error_message(std::error_code(ENOENT, std::generic_category())).id ==
        MessageId::os_no_such_file);
  // Another category's code is not an errno: its own message is kept.
  const std::error_code future = std::make_error_code(std::future_errc::no_state);
  CHECK(english_text(os_error_message(future)) == future.message());
}

}  // namespace iothub_diag
