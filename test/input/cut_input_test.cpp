// An input that holds only part of a result is named: a query answer the API
// cut, and an az array or portal CSV of exactly an export cap's rows.
#include <string>

#include "input/recording_sink.hpp"
#include <catch2/catch.hpp>
#include <fmt/format.h>

namespace iothub_diag {
namespace {

constexpr std::string_view kPartialError =
    R"json("error":{"code":"PartialError","message":"There were some errors when processing your query.","details":[{"code":"EngineError","message":"Something went wrong processing your query on the server.","innererror":{"code":"-2133196797","message":"Query result set has exceeded the internal data size limit 64000000 (E_QUERY_RESULT_SET_TOO_LARGE; see the limits)"}}]})json";

// A query API answer of `rows` connection events, with `tail` after its tables.
std::string query_answer(int rows, std::string_view tail) {
  std::string text =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"OperationName","type":"string"},{"name":"Category","type":"string"},{"name":"Resource","type":"string"},{"name":"properties_s","type":"string"}],"rows":[)";
  for (int i = 0; i < rows; ++i) {
    text += fmt::format(
        R"({}["2026-11-20T00:{:02}:00Z","deviceConnect","Connections","HUB-A","{{\"deviceId\":\"dev-{}\"}}"])",
        i == 0 ? "" : ",", i % 60, i);
  }
  text += "]}]";
  if (!tail.empty()) text += fmt::format(",{}", tail);
  return text + "}";
}

// An az CLI export: a JSON array of flat row objects.
std::string az_rows(int rows) {
  std::string text = "[";
  for (int i = 0; i < rows; ++i) {
    text += fmt::format(
        R"({}{{"TableName":"PrimaryResult","TimeGenerated":"2026-11-20T00:00:{:02}Z","OperationName":"deviceConnect","Category":"Connections","Resource":"HUB-A","properties_s":"{{\"deviceId\":\"d{}\"}}"}})",
        i == 0 ? "" : ",", i % 60, i);
  }
  return text + "]";
}

}  // namespace

TEST_CASE("a query answer the API cut is named with the service's message", "[input]") {
  const auto sink = testing::read_text(query_answer(3, kPartialError), {}, "cut.json");
  CHECK(sink.events.size() == 3);
  REQUIRE(sink.cuts.size() == 1);
  CHECK(sink.cuts[0].source == "cut.json");
  CHECK(sink.cuts[0].reason == CutReason::partial_error);
  CHECK(sink.cuts[0].detail.find("E_QUERY_RESULT_SET_TOO_LARGE") != std::string::npos);
  CHECK(sink.cuts[0].records == 3);
  CHECK(sink.cuts[0].first_event < sink.cuts[0].last_event);
}

TEST_CASE("a whole query answer, and a device id that spells the error, are not cut", "[input]") {
  CHECK(testing::read_text(query_answer(3, "")).cuts.empty());
  CHECK(testing::read_text(query_answer(3, R"("statistics":{"query":{"executionTime":0.1}})"))
            .cuts.empty());
  // The error member spelled inside a string value: its quotes are escaped.
  const std::string spelled =
      R"([{"TimeGenerated":"2026-11-20T00:00:00Z","OperationName":"deviceConnect","Category":"Connections","properties_s":"{\"deviceId\":\"\\\"error\\\":{\\\"code\\\":\\\"PartialError\\\"}\"}"}])";
  CHECK(testing::read_text(spelled).cuts.empty());
}

TEST_CASE("an az export of exactly an export cap's rows is named, one row less is not", "[input]") {
  const auto capped = testing::read_text(az_rows(10'000), {}, "az.json");
  CHECK(capped.events.size() == 10'000);
  REQUIRE(capped.cuts.size() == 1);
  CHECK(capped.cuts[0].reason == CutReason::row_cap);
  // Said on stderr and in the report in --lang.
  const std::optional<Message> cap = row_cap_message(capped.cuts[0]);
  REQUIRE(cap.has_value());
  CHECK(english_text(*cap) == "exactly 10,000 rows: the first Log Analytics portal export cap");
  CHECK(
      ReportTexts(Language::fr).message(*cap) ==
      "exactement 10\u202F000 lignes\u00A0: le premier plafond d’export du portail Log Analytics");
  CHECK(testing::read_text(az_rows(9'999)).cuts.empty());
}

TEST_CASE("a query answer of exactly a cap's rows is whole unless it says otherwise", "[input]") {
  // A pulled chunk can hold 10,000 rows: the API says when it cuts.
  CHECK(testing::read_text(query_answer(10'000, "")).cuts.empty());
}

TEST_CASE("a portal CSV of exactly an export cap's rows is named", "[input]") {
  std::string csv = "TimeGenerated [UTC],OperationName,Category,Resource,properties_s\n";
  for (int i = 0; i < 10'000; ++i) {
    csv += fmt::format(
        "2026-11-20T00:00:{:02}Z,deviceConnect,Connections,HUB-A,\"{{\"\"deviceId\"\":\"\"d{}\"\"}}"
        "\"\n",
        i % 60, i);
  }
  const auto sink = testing::read_text(csv, {}, "export.csv");
  CHECK(sink.events.size() == 10'000);
  REQUIRE(sink.cuts.size() == 1);
  CHECK(sink.cuts[0].reason == CutReason::row_cap);
}

TEST_CASE("a JSON Lines blob is never judged by its count", "[input]") {
  std::string lines;
  for (int i = 0; i < 10'000; ++i) {
    lines += fmt::format(
        R"({{"time":"2026-11-20T00:00:{:02}Z","operationName":"deviceConnect","category":"Connections","properties":{{"deviceId":"d{}"}}}})"
        "\n",
        i % 60, i);
  }
  CHECK(testing::read_text(lines).cuts.empty());
}

}  // namespace iothub_diag
