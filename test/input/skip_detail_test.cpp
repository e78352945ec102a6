// A skip's detail is the tool's own sentence, said in --lang, or a text from
// elsewhere shown as it came.
#include "../../src/input/json_error_detail.hpp"
#include "recording_sink.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/model/skip_detail.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

std::string french(const SkipDetail& detail) {
  return ReportTexts(Language::fr).message(*detail.message());
}

TEST_CASE("a skip detail is a sentence with its values, a text as given, or nothing", "[input]") {
  CHECK_FALSE(SkipDetail().message().has_value());
  CHECK(SkipDetail::as_given("").empty());

  const SkipDetail count(MessageId::csv_field_count, "2", "6");
  CHECK(english_text(*count.message()) == "2 fields where the header has 6");
  CHECK(french(count) == "2 champs là où l’en-tête en a 6");

  // An empty value is still a value.
  const SkipDetail empty_code(MessageId::result_type_text, "");
  CHECK(english_text(*empty_code.message()) == "resultType \"\"");

  // Words from elsewhere are not translated.
  const SkipDetail system = SkipDetail::as_given("Is a directory");
  CHECK(english_text(*system.message()) == "Is a directory");
  CHECK(french(system) == "Is a directory");
}

TEST_CASE("simdjson's errors read as simdjson words them, and in French under --lang fr",
          "[input]") {
  for (int code = 1; code < simdjson::NUM_ERROR_CODES; ++code) {
    const auto error = static_cast<simdjson::error_code>(code);
    INFO(simdjson::error_message(error));
    const SkipDetail detail = json_error_detail(error);
    REQUIRE(detail.message().has_value());
    CHECK(english_text(*detail.message()) == simdjson::error_message(error));
  }
  for (const JsonErrorText& known : kJsonErrorTexts) {
    const SkipDetail detail = json_error_detail(known.code);
    CHECK(detail.id() == known.id);
    CHECK(french(detail) != english_text(*detail.message()));
  }
  CHECK(json_error_detail(simdjson::UNEXPECTED_ERROR).id() == MessageId::detail_as_given);
}

TEST_CASE("every skip the readers make carries a sentence of their own", "[input]") {
  // A record of each kind the JSON readers skip with a detail.
  const auto sink = testing::read_text(
      "{\"time\":\"2021-09-21T22:20:00Z\",\"operationName\":\"deviceConnect\",}\n"
      "[1]\n"
      "{\"time\":\"2021-09-21T22:23:00Z\",\"operationName\":\"x\",\"resultType\":\"abc\"}\n"
      "{\"time\":\"yesterday\",\"operationName\":\"deviceConnect\"}\n"
      "{\"level\":\"Error\"}\n");
  REQUIRE(sink.skips.size() == 5);
  CHECK(sink.skips[0].detail_id == MessageId::json_structure);
  CHECK(sink.skips[1].detail_id == MessageId::batch_element_not_object);
  CHECK(sink.skips[2].detail_id == MessageId::result_type_text);
  CHECK(sink.skips[2].detail == "resultType \"abc\"");
  CHECK(sink.skips[3].detail_id == MessageId::detail_as_given);
  CHECK(sink.skips[3].detail == "yesterday");
  CHECK(sink.skips[4].detail_id == MessageId::no_record_members);
}

}  // namespace
}  // namespace iothub_diag
